//! `provisio lsp`: hover in the law's own words, go to definition, find
//! references and rename, for rules, facts and fields, readings and their
//! alternatives, and provisions.

mod lsp_support;

use lsp_support::{Client, URI, apply, policy, position_of, range};
use serde_json::{Value, json};

fn opened() -> (Client, String) {
    let (mut client, _) = Client::initialized();
    let text = policy("deadline.policy");
    client.open(URI, &text);
    (client, text)
}

fn hover_text(client: &mut Client, at: (u32, u32)) -> String {
    let hover = client.at("textDocument/hover", URI, at.0, at.1);
    hover["contents"]["value"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| format!("no hover: {hover}"))
}

#[test]
fn hover_on_a_rule_shows_its_description_type_provision_cited_phrase_and_text() {
    let (mut client, text) = opened();
    // `on_time` in `art1.on_time`, in art2's `examined`.
    let at = position_of(&text, "art1.on_time", 0, 6);
    let hover = client.at("textDocument/hover", URI, at.0, at.1);
    let start = position_of(&text, "art1.on_time", 0, 5);
    assert_eq!(hover["range"], range(start, (start.0, start.1 + 7)));
    insta::assert_snapshot!(hover["contents"]["value"].as_str().expect("Markdown"), @r#"
    ```provisio
    define art1.on_time: boolean
    ```

    the claim was filed on time

    In provision `art1` (Deadline)

    Cites: “within 30 days”

    > A claim is on time if filed within 30 days of 1 March 2025.
    "#);
    client.shutdown();
}

#[test]
fn hover_on_a_fact_and_a_field_shows_description_and_type() {
    let (mut client, text) = opened();
    let fact = hover_text(&mut client, position_of(&text, "filed on or before", 0, 1));
    insta::assert_snapshot!(fact, @r#"
    ```provisio
    fact filed: date
    ```

    the day the claim was filed
    "#);
    let field = hover_text(&mut client, position_of(&text, "claim.amount", 0, 7));
    insta::assert_snapshot!(field, @r#"
    ```provisio
    field claim.amount: integer
    ```

    the amount claimed
    "#);
    client.shutdown();
}

#[test]
fn hover_on_a_reading_shows_its_alternatives_and_default() {
    let (mut client, text) = opened();
    let reading = hover_text(&mut client, position_of(&text, "reading window is", 0, 9));
    insta::assert_snapshot!(reading, @r#"
    ```provisio
    reading window
    ```

    how long 'within 30 days' lasts

    - `calendar` (default): thirty calendar days
    - `business`: thirty business days
    "#);
    // On an alternative, the same.
    let alternative = hover_text(&mut client, position_of(&text, "is calendar", 0, 4));
    assert_eq!(alternative, reading);
    client.shutdown();
}

#[test]
fn hover_off_a_name_is_null() {
    let (mut client, text) = opened();
    let at = position_of(&text, "1000 and", 0, 1);
    assert_eq!(
        client.at("textDocument/hover", URI, at.0, at.1),
        Value::Null
    );
    client.shutdown();
}

#[test]
fn definition_goes_to_the_declaration() {
    let (mut client, text) = opened();
    let cases = [
        // (a use, the declaration)
        (
            position_of(&text, "art1.on_time", 0, 6),
            position_of(&text, "define on_time", 0, 7),
            7,
        ),
        (
            position_of(&text, "art1.on_time", 0, 1),
            position_of(&text, "provision art1", 0, 10),
            4,
        ),
        (
            position_of(&text, "large and", 0, 1),
            position_of(&text, "define large", 0, 7),
            5,
        ),
        (
            position_of(&text, "claim.amount", 0, 1),
            position_of(&text, "fact claim", 0, 5),
            5,
        ),
        (
            position_of(&text, "claim.amount", 0, 8),
            position_of(&text, "amount \"", 0, 0),
            6,
        ),
        (
            position_of(&text, "reading window is", 0, 9),
            position_of(&text, "reading window \"", 0, 8),
            6,
        ),
        (
            position_of(&text, "is calendar", 0, 5),
            position_of(&text, "calendar (default)", 0, 0),
            8,
        ),
        (
            position_of(&text, "art2.examined", 0, 7),
            position_of(&text, "define examined", 0, 7),
            8,
        ),
    ];
    for (from, to, length) in cases {
        let location = client.at("textDocument/definition", URI, from.0, from.1);
        assert_eq!(
            location,
            json!({"uri": URI, "range": range(to, (to.0, to.1 + length))}),
            "from {from:?}"
        );
    }
    client.shutdown();
}

#[test]
fn references_list_every_use_and_the_declaration_when_asked() {
    let (mut client, text) = opened();
    let at = position_of(&text, "define on_time", 0, 8);
    let params = |declaration: bool| {
        json!({
            "textDocument": {"uri": URI},
            "position": {"line": at.0, "character": at.1},
            "context": {"includeDeclaration": declaration},
        })
    };
    let uses: Vec<Value> = [
        position_of(&text, "art1.on_time", 0, 5),
        position_of(&text, "art1.on_time", 1, 5),
    ]
    .into_iter()
    .map(|p| json!({"uri": URI, "range": range(p, (p.0, p.1 + 7))}))
    .collect();
    assert_eq!(
        client.request("textDocument/references", params(false)),
        json!(uses)
    );
    let declared = position_of(&text, "define on_time", 0, 7);
    let mut all = vec![json!({"uri": URI, "range": range(declared, (declared.0, declared.1 + 7))})];
    all.extend(uses);
    assert_eq!(
        client.request("textDocument/references", params(true)),
        json!(all)
    );
    client.shutdown();
}

#[test]
fn rename_changes_the_declaration_and_every_use_and_the_result_checks() {
    let (mut client, text) = opened();
    let at = position_of(&text, "art1.on_time", 1, 7);
    let prepared = client.at("textDocument/prepareRename", URI, at.0, at.1);
    let start = position_of(&text, "art1.on_time", 1, 5);
    assert_eq!(prepared, range(start, (start.0, start.1 + 7)));
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": URI}, "position": {"line": at.0, "character": at.1}, "newName": "timely"}),
    );
    let edits = edit["changes"][URI].as_array().expect("edits").clone();
    assert_eq!(edits.len(), 3);
    let renamed = apply(&text, &edits);
    assert_eq!(
        renamed,
        text.replace("define on_time", "define timely")
            .replace("art1.on_time", "art1.timely")
    );
    // The renamed policy still checks.
    assert_eq!(client.change(URI, 2, &renamed)["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn rename_refuses_a_name_that_is_not_one_or_is_taken() {
    let (mut client, text) = opened();
    let at = position_of(&text, "define large", 0, 8);
    for (new_name, message) in [
        (
            "two words",
            "`two words` is not a name: a name is a letter or `_`, then letters, digits and `_`",
        ),
        (
            "examined",
            "`examined` is already the name of `art2.examined`",
        ),
    ] {
        let response = client.call(
            "textDocument/rename",
            json!({"textDocument": {"uri": URI}, "position": {"line": at.0, "character": at.1}, "newName": new_name}),
        );
        assert_eq!(
            response["error"],
            json!({"code": -32602, "message": message})
        );
    }
    client.shutdown();
}

#[test]
fn renaming_a_verdict_renames_its_expectations_in_the_scenarios_beside_the_policy() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let text = policy("deadline.policy");
    let policy_path = folder.path().join("deadline.policy");
    std::fs::write(&policy_path, &text).expect("written");
    let scenarios = folder.path().join("scenarios");
    std::fs::create_dir(&scenarios).expect("a folder");
    let json_scenario = "{\n  \"facts\": {\"filed\": \"2025-03-02\"},\n  \"expect\": {\"on_time\": true, \"examined\": null}\n}\n";
    let yaml_scenario = "facts:\n  filed: 2025-04-01\nexpect:\n  on_time: false\nat:\n  2025-06-01:\n    on_time: false\n";
    std::fs::write(scenarios.join("a.json"), json_scenario).expect("written");
    std::fs::write(scenarios.join("b.yaml"), yaml_scenario).expect("written");
    // A scenario that does not name the verdict is left alone.
    std::fs::write(
        scenarios.join("c.json"),
        "{\"facts\": {}, \"expect\": {\"examined\": null}}\n",
    )
    .expect("written");
    let uri = format!("file://{}", policy_path.display());
    let (mut client, _) = Client::initialized();
    client.open(&uri, &text);
    let at = position_of(&text, "verdict on_time", 0, 9);
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": {"line": at.0, "character": at.1}, "newName": "timely"}),
    );
    let files: Vec<(String, Vec<Value>)> = edit["documentChanges"]
        .as_array()
        .expect("document changes")
        .iter()
        .map(|d| {
            (
                d["textDocument"]["uri"]
                    .as_str()
                    .expect("a URI")
                    .to_string(),
                d["edits"].as_array().expect("edits").clone(),
            )
        })
        .collect();
    let names: Vec<&str> = files
        .iter()
        .map(|(u, _)| u.rsplit('/').next().unwrap_or_default())
        .collect();
    assert_eq!(names, ["deadline.policy", "a.json", "b.yaml"]);
    assert_eq!(
        apply(&text, &files[0].1),
        text.replace("verdict on_time", "verdict timely")
    );
    assert_eq!(
        apply(json_scenario, &files[1].1),
        json_scenario.replace("\"on_time\"", "\"timely\"")
    );
    assert_eq!(
        apply(yaml_scenario, &files[2].1),
        yaml_scenario.replace("on_time:", "timely:")
    );
    client.shutdown();
}
