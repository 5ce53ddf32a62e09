//! `provisio lsp`: completion (fields after `.`, a reading's alternatives
//! after `is`, names in scope and keywords) and the code actions that fix
//! a misspelt name.

mod lsp_support;

use lsp_support::{Client, URI, policy, position_of, range};
use serde_json::{Value, json};

/// The labels of the completions at the end of `needle` in `text`, once
/// the document's text is `text`.
fn labels(client: &mut Client, text: &str, needle: &str) -> Vec<String> {
    let at = position_of(text, needle, 0, needle.chars().count());
    let items = client.at("textDocument/completion", URI, at.0, at.1);
    items
        .as_array()
        .expect("a list of completions")
        .iter()
        .map(|item| item["label"].as_str().expect("a label").to_string())
        .collect()
}

#[test]
fn after_a_fact_and_a_dot_come_its_fields() {
    let (mut client, _) = Client::initialized();
    let text = policy("deadline.policy").replace("claim.amount > 1000", "claim.am > 1000");
    client.open(URI, &text);
    assert_eq!(labels(&mut client, &text, "claim.am"), ["amount", "kind"]);
    client.shutdown();
}

#[test]
fn after_a_provision_and_a_dot_come_its_rules() {
    let (mut client, text) = {
        let (mut client, _) = Client::initialized();
        let text = policy("deadline.policy");
        client.open(URI, &text);
        (client, text)
    };
    assert_eq!(
        labels(&mut client, &text, "verdict examined = art2."),
        ["large", "examined"]
    );
    client.shutdown();
}

#[test]
fn after_reading_is_come_its_alternatives() {
    let (mut client, _) = Client::initialized();
    client.open(URI, &policy("deadline.policy"));
    // As the drafter types: the text does not parse, the names are those of
    // the last text that did.
    let text =
        policy("deadline.policy").replace("reading window is calendar", "reading window is ");
    let published = client.change(URI, 2, &text);
    // (`cites` on the next line is read as the alternative, a reserved word.)
    assert_eq!(
        published["diagnostics"][0]["code"],
        "provisio::reserved_word"
    );
    assert_eq!(
        labels(&mut client, &text, "reading window is "),
        ["calendar", "business"]
    );
    client.shutdown();
}

#[test]
fn elsewhere_come_the_names_in_scope_and_the_keywords() {
    let (mut client, _) = Client::initialized();
    let text = policy("deadline.policy");
    client.open(URI, &text);
    let found = labels(&mut client, &text, "= large and ");
    // Names: art2's own rules by their bare names, not art1's.
    let names: Vec<&str> = found
        .iter()
        .map(String::as_str)
        .take_while(|l| *l != "action")
        .collect();
    assert_eq!(
        names,
        [
            "filed", "claim", "window", "art1", "art2", "large", "examined"
        ]
    );
    assert!(found.iter().any(|l| l == "reading") && found.iter().any(|l| l == "provision"));
    assert!(!found.iter().any(|l| l == "on_time"));
    client.shutdown();
}

#[test]
fn a_did_you_mean_is_a_quick_fix_that_replaces_the_name() {
    let (mut client, _) = Client::initialized();
    let text =
        policy("deadline.policy").replace("= large and art1.on_time", "= lage and art1.on_tme");
    let published = client.open(URI, &text);
    assert_eq!(published["diagnostics"].as_array().map(Vec::len), Some(2));
    let line = position_of(&text, "lage", 0, 0).0;
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": range((line, 0), (line, 80)),
            "context": {"diagnostics": []},
        }),
    );
    let edits: Vec<(Value, Value, Value)> = actions
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| {
            let edit = &a["edit"]["changes"][URI][0];
            (
                a["title"].clone(),
                edit["range"].clone(),
                edit["newText"].clone(),
            )
        })
        .collect();
    let lage = position_of(&text, "lage", 0, 0);
    let on_tme = position_of(&text, "on_tme", 0, 0);
    assert_eq!(
        edits,
        [
            (
                json!("Replace with `large`"),
                range(lage, (line, lage.1 + 4)),
                json!("large")
            ),
            (
                json!("Replace with `on_time`"),
                range(on_tme, (line, on_tme.1 + 6)),
                json!("on_time")
            ),
        ]
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(
        actions[0]["diagnostics"][0]["code"],
        "provisio::undefined_name"
    );
    client.shutdown();
}

#[test]
fn a_diagnostic_without_a_mechanical_fix_has_no_action() {
    let (mut client, _) = Client::initialized();
    let text = policy("deadline.policy").replace("= large and art1.on_time", "= large and zzzzzz");
    let published = client.open(URI, &text);
    assert_eq!(
        published["diagnostics"][0]["code"],
        "provisio::undefined_name"
    );
    let line = position_of(&text, "zzzzzz", 0, 0).0;
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range((line, 0), (line, 80)), "context": {"diagnostics": []}}),
    );
    assert_eq!(actions, json!([]));
    client.shutdown();
}

#[test]
fn a_date_in_the_wrong_form_is_rewritten_by_a_quick_fix() {
    let (mut client, _) = Client::initialized();
    let text = policy("deadline.policy").replace("adopted 2025-01-01", "adopted 2025-1-1");
    let published = client.open(URI, &text);
    assert_eq!(published["diagnostics"][0]["code"], "provisio::date_form");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range((0, 0), (0, 60)), "context": {"diagnostics": []}}),
    );
    let start = position_of(&text, "2025-1-1", 0, 0);
    assert_eq!(actions[0]["title"], "Write the date as 2025-01-01");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(
        actions[0]["edit"]["changes"][URI],
        json!([{"range": range(start, (0, start.1 + 8)), "newText": "2025-01-01"}])
    );
    // Day and month that could be either way round: one fix for each.
    let text = policy("deadline.policy").replace("adopted 2025-01-01", "adopted 03/04/2025");
    client.change(URI, 2, &text);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range((0, 0), (0, 60)), "context": {"diagnostics": []}}),
    );
    let titles: Vec<&Value> = actions
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| &a["title"])
        .collect();
    assert_eq!(
        titles,
        [
            &json!("Write the date as 2025-03-04"),
            &json!("Write the date as 2025-04-03")
        ]
    );
    assert_eq!(actions[0]["isPreferred"], false);
    client.shutdown();
}

#[test]
fn a_record_left_open_gets_its_end_from_a_quick_fix() {
    let (mut client, _) = Client::initialized();
    let good = policy("deadline.policy");
    let text = good.replace("one of refund, credit\nend\n", "one of refund, credit\n");
    let published = client.open(URI, &text);
    assert_eq!(published["diagnostics"][0]["code"], "provisio::syntax");
    let line = position_of(&text, "reading window", 0, 0).0;
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range((line, 0), (line, 3)), "context": {"diagnostics": []}}),
    );
    assert_eq!(actions[0]["title"], "Add the missing `end`");
    let after = position_of(&text, "refund, credit", 0, 14);
    assert_eq!(
        actions[0]["edit"]["changes"][URI],
        json!([{"range": range(after, after), "newText": "\nend"}])
    );
    // With the fix made, the policy checks again.
    let fixed = text.replacen("refund, credit", "refund, credit\nend", 1);
    assert_eq!(fixed, good);
    assert_eq!(client.change(URI, 2, &fixed)["diagnostics"], json!([]));
    client.shutdown();
}
