//! `provisio lsp`: scenario files checked whole against their policy (their
//! expectations as `provisio test` reads them: keys that are no verdict,
//! values of the wrong type, facts that do not exist, each with its
//! did-you-mean), and the open scenario and facts files of a policy checked
//! again when the policy is edited, saved or closed.

mod lsp_support;

use lsp_support::{Client, policy, position_of, range};
use serde_json::{Value, json};

struct Folder {
    dir: tempfile::TempDir,
    policy_uri: String,
}

fn folder() -> Folder {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let with_date = policy("deadline.policy").replace(
        "adopted 2025-01-01",
        "adopted 2025-01-01\n  scenarios as of 2025-06-01",
    );
    std::fs::write(dir.path().join("deadline.policy"), with_date).expect("written");
    std::fs::create_dir(dir.path().join("scenarios")).expect("a folder");
    std::fs::create_dir(dir.path().join("facts")).expect("a folder");
    let canonical = dir.path().canonicalize().expect("a path");
    Folder {
        policy_uri: format!("file://{}/deadline.policy", canonical.display()),
        dir,
    }
}

fn open_as(client: &mut Client, uri: &str, language: &str, text: &str) -> Value {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
    );
    client.diagnostics()
}

/// The code, range and message of each diagnostic.
fn summary(published: &Value) -> Vec<(String, Value, String)> {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("a code").to_string(),
                d["range"].clone(),
                d["message"].as_str().expect("a message").to_string(),
            )
        })
        .collect()
}

fn span(text: &str, needle: &str, into: usize, length: u32) -> Value {
    let at = position_of(text, needle, 0, into);
    range(at, (at.0, at.1 + length))
}

#[test]
fn a_scenario_s_expectations_are_checked_against_the_verdicts() {
    let f = folder();
    let uri = format!("file://{}/scenarios/late.yaml", f.dir.path().display());
    let (mut client, _) = Client::initialized();
    let text = "description: a late claim\nfacts:\n  filed: 2025-04-01\n  claim: {amount: 10, kind: refund}\nexpect:\n  on_tme: false\n  examined: \"yes\"\n";
    let published = open_as(&mut client, &uri, "yaml", text);
    assert_eq!(
        summary(&published),
        [
            (
                String::from("provisio::scenario"),
                span(text, "on_tme:", 0, 6),
                String::from(
                    "the policy has no verdict `on_tme`: not a verdict\nhelp: did you mean `on_time`?"
                ),
            ),
            (
                String::from("provisio::scenario"),
                span(text, "examined:", 0, 8),
                published["diagnostics"][1]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            ),
        ]
    );
    let wrong_type = published["diagnostics"][1]["message"]
        .as_str()
        .expect("a message");
    assert_eq!(
        wrong_type,
        "`examined` is true or false, but the scenario expects \"yes\": wrong kind of value\nhelp: expect a value of the verdict's type, or `null` for undetermined"
    );
    // Fixed: nothing.
    let fixed = text
        .replace("on_tme", "on_time")
        .replace("\"yes\"", "false");
    assert_eq!(client.change(&uri, 2, &fixed)["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn a_scenario_s_facts_that_do_not_exist_or_have_the_wrong_type_are_said() {
    let f = folder();
    let uri = format!("file://{}/scenarios/late.json", f.dir.path().display());
    let (mut client, _) = Client::initialized();
    let text = "{\n  \"facts\": {\"filled\": \"2025-04-01\", \"claim\": {\"amount\": \"ten\", \"kind\": \"refund\"}},\n  \"expect\": {\"on_time\": false}\n}\n";
    let published = open_as(&mut client, &uri, "json", text);
    let found = summary(&published);
    let codes: Vec<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "provisio::facts::missing_fact",
            "provisio::facts::unknown_fact",
            "provisio::facts::wrong_type"
        ],
        "{found:?}"
    );
    assert_eq!(found[1].1, span(text, "\"filled\"", 0, 8));
    assert_eq!(
        found[1].2,
        "unknown fact `filled`: not a fact of this policy\nhelp: did you mean `filed`?"
    );
    assert_eq!(found[2].1, span(text, "\"ten\"", 0, 5));
    assert_eq!(
        found[2].2,
        "claim.amount: expected a whole number, found \"ten\": expected a whole number\nhelp: write the number without quotes or fraction, e.g. 3"
    );
    client.shutdown();
}

#[test]
fn an_edit_of_the_policy_checks_its_open_scenarios_and_facts_again() {
    let f = folder();
    let scenario_uri = format!("file://{}/scenarios/late.yaml", f.dir.path().display());
    let facts_uri = format!("file://{}/facts/late.json", f.dir.path().display());
    let scenario = "facts:\n  filed: 2025-04-01\n  claim: {amount: 10, kind: refund}\nexpect:\n  on_time: false\n";
    let facts = "{\"filed\": \"2025-04-01\", \"claim\": {\"amount\": 10, \"kind\": \"refund\"}}\n";
    let (mut client, _) = Client::initialized();
    assert_eq!(
        open_as(&mut client, &scenario_uri, "yaml", scenario)["diagnostics"],
        json!([])
    );
    assert_eq!(
        open_as(&mut client, &facts_uri, "json", facts)["diagnostics"],
        json!([])
    );
    let text = std::fs::read_to_string(f.dir.path().join("deadline.policy")).expect("reads");
    // Opening the policy: both checked again against its text.
    let published = client.open(&f.policy_uri, &text);
    assert_eq!(published["diagnostics"], json!([]));
    assert_eq!(client.diagnostics()["uri"], json!(facts_uri));
    assert_eq!(client.diagnostics()["uri"], json!(scenario_uri));
    // A verdict and a fact renamed, unsaved: both files say what no longer fits.
    let renamed = text
        .replace("verdict on_time", "verdict ontime")
        .replace("fact filed", "fact lodged")
        .replace("= filed on", "= lodged on");
    let published = client.change(&f.policy_uri, 2, &renamed);
    assert_eq!(published["diagnostics"], json!([]));
    let facts_published = client.diagnostics();
    assert_eq!(facts_published["uri"], json!(facts_uri));
    assert_eq!(facts_published["version"], 1);
    let codes: Vec<String> = summary(&facts_published)
        .into_iter()
        .map(|(code, _, message)| format!("{code}: {}", message.lines().last().unwrap_or_default()))
        .collect();
    assert_eq!(
        codes,
        [
            "provisio::facts::missing_fact: help: the policy requires `lodged`: add it as a date like 2026-03-31",
            "provisio::facts::unknown_fact: help: this policy declares the facts lodged, claim; `as_of` gives the evaluation date"
        ]
    );
    let scenario_published = client.diagnostics();
    assert_eq!(scenario_published["uri"], json!(scenario_uri));
    let codes: Vec<String> = summary(&scenario_published)
        .into_iter()
        .map(|(code, _, _)| code)
        .collect();
    // (The facts do not read, so the expectations are not reached yet.)
    assert_eq!(
        codes,
        [
            "provisio::facts::missing_fact",
            "provisio::facts::unknown_fact"
        ]
    );
    // The scenario follows the fact's rename: now the verdict's is said.
    let followed = scenario.replace("filed:", "lodged:");
    let published = client.change(&scenario_uri, 2, &followed);
    assert_eq!(
        summary(&published),
        [(
            String::from("provisio::scenario"),
            span(&followed, "on_time:", 0, 7),
            String::from(
                "the policy has no verdict `on_time`: not a verdict\nhelp: did you mean `ontime`?"
            ),
        )]
    );
    // Saved: checked again. Closed, the policy on disk is the old one again.
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": f.policy_uri}}),
    );
    assert_eq!(client.diagnostics()["uri"], json!(facts_uri));
    assert_eq!(client.diagnostics()["uri"], json!(scenario_uri));
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": f.policy_uri}}),
    );
    assert_eq!(client.diagnostics()["uri"], json!(f.policy_uri));
    assert_eq!(client.diagnostics()["diagnostics"], json!([]));
    let scenario_published = client.diagnostics();
    assert_eq!(scenario_published["uri"], json!(scenario_uri));
    assert_eq!(
        summary(&scenario_published)[0].0,
        "provisio::facts::missing_fact"
    );
    client.shutdown();
}

#[test]
fn a_scenario_of_a_policy_that_does_not_parse_is_one_warning() {
    let f = folder();
    let uri = format!("file://{}/scenarios/late.yaml", f.dir.path().display());
    let (mut client, _) = Client::initialized();
    let text = "facts:\n  filed: 2025-04-01\nexpect:\n  on_time: false\n";
    open_as(&mut client, &uri, "yaml", text);
    client.open(
        &f.policy_uri,
        "instrument \"x\" adopted 2025-01-01\nprovision (\n",
    );
    let published = client.diagnostics();
    assert_eq!(published["uri"], json!(uri));
    assert_eq!(
        summary(&published)
            .into_iter()
            .map(|(code, range, _)| (code, range))
            .collect::<Vec<_>>(),
        [(
            String::from("provisio::policy_has_errors"),
            range((0, 0), (0, 0))
        )]
    );
    client.shutdown();
}

/// The quick fixes for the diagnostics of `uri` that meet `range`.
fn actions(client: &mut Client, uri: &str, range: &Value) -> Vec<Value> {
    client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        )
        .as_array()
        .expect("actions")
        .clone()
}

#[test]
fn misspelt_facts_verdicts_and_dates_in_facts_and_scenarios_are_fixed_by_quick_fixes() {
    let f = folder();
    let (mut client, _) = Client::initialized();
    let cases = [
        (
            "scenarios/late.json",
            "json",
            "{\n  \"facts\": {\"filled\": \"2025-04-01\", \"claim\": {\"amount\": 10, \"kind\": \"refund\"}},\n  \"expect\": {\"on_time\": false}\n}\n",
            "provisio::facts::unknown_fact",
            "Replace with `filed`",
        ),
        (
            "scenarios/late.yaml",
            "yaml",
            "facts:\n  filed: 2025-04-01\n  claim: {amount: 10, kind: refund}\nexpect:\n  on_tme: false\n",
            "provisio::scenario",
            "Replace with `on_time`",
        ),
        (
            "facts/late.json",
            "json",
            "{\"filed\": \"2025-4-1\", \"claim\": {\"amount\": 10, \"kind\": \"refnd\"}}\n",
            "provisio::date_form",
            "Write the date as 2025-04-01",
        ),
        (
            "facts/late.json",
            "json",
            "{\"filed\": \"2025-04-01\", \"claim\": {\"amount\": 10, \"kind\": \"refnd\"}}\n",
            "provisio::facts::not_in_enum",
            "Replace with `refund`",
        ),
    ];
    for (version, (path, language, text, code, title)) in (1..).zip(cases) {
        let uri = format!("file://{}/{path}", f.dir.path().display());
        let published = open_as(&mut client, &uri, language, text);
        let diagnostic = published["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code}: {published}"))
            .clone();
        let found = actions(&mut client, &uri, &diagnostic["range"]);
        let action = found
            .iter()
            .find(|a| a["diagnostics"][0]["code"] == code)
            .unwrap_or_else(|| panic!("no fix for {code}: {found:?}"));
        assert_eq!(action["title"], title);
        let edits = action["edit"]["changes"][&uri].as_array().expect("edits");
        let made = lsp_support::apply(text, edits);
        let after = client.change(&uri, version + 1, &made);
        let left: Vec<&Value> = after["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"] == code)
            .collect();
        assert!(left.is_empty(), "{code}: {made}\n{after}");
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        client.diagnostics();
    }
    client.shutdown();
}
