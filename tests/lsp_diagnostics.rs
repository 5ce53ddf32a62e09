//! `provisio lsp`: the checker's diagnostics published as the drafter
//! opens, edits and closes a policy, driven over JSON-RPC.

mod lsp_support;

use lsp_support::{Client, URI, policy};
use serde_json::json;

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).expect("JSON")
}

#[test]
fn the_handshake_states_what_the_server_offers() {
    let (client, result) = Client::initialized();
    insta::assert_snapshot!(pretty(&result));
    assert_eq!(client.shutdown(), (Some(0), String::new()));
}

#[test]
fn a_policy_that_checks_has_no_diagnostics() {
    let (mut client, _) = Client::initialized();
    let published = client.open(URI, &policy("deadline.policy"));
    assert_eq!(
        published,
        json!({"uri": URI, "version": 1, "diagnostics": []})
    );
    client.shutdown();
}

#[test]
fn an_edit_is_checked_and_its_problems_published_with_code_help_and_related_spans() {
    let (mut client, _) = Client::initialized();
    let good = policy("deadline.policy");
    client.open(URI, &good);
    // A misspelt rule, and a rule named twice.
    let bad = good
        .replace("= large and art1.on_time", "= large and art1.on_tme")
        .replace(
            "define examined \"the claim is examined\"",
            "define large \"the claim is examined\"",
        );
    let published = client.change(URI, 2, &bad);
    insta::assert_snapshot!(pretty(&published));
    // Fixed again: the diagnostics are cleared.
    let published = client.change(URI, 3, &good);
    assert_eq!(
        published,
        json!({"uri": URI, "version": 3, "diagnostics": []})
    );
    client.shutdown();
}

#[test]
fn a_syntax_error_is_one_diagnostic_where_the_parser_stopped() {
    let (mut client, _) = Client::initialized();
    let bad = policy("deadline.policy").replace("was filed\": date", "was filed\" date");
    let published = client.open(URI, &bad);
    insta::assert_snapshot!(pretty(&published));
    client.shutdown();
}

#[test]
fn columns_are_counted_in_utf16_units() {
    let (mut client, _) = Client::initialized();
    // `é` is one UTF-16 unit (two bytes), `😀` two units (four bytes).
    let text = policy("deadline.policy").replace(
        "define on_time \"the claim was filed on time\" = filed",
        "define on_time \"é😀\" = fild",
    );
    let published = client.open(URI, &text);
    let diagnostics = published["diagnostics"].as_array().expect("diagnostics");
    let diagnostic = diagnostics
        .iter()
        .find(|d| d["code"] == "provisio::undefined_name")
        .expect("the undefined name");
    let line = text
        .lines()
        .position(|l| l.contains("= fild"))
        .expect("the line") as u64;
    let column = "  define on_time \"é😀\" = ".encode_utf16().count() as u64;
    assert_eq!(
        diagnostic["range"],
        json!({"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 4}})
    );
    client.shutdown();
}

#[test]
fn warnings_are_published_as_warnings() {
    let (mut client, _) = Client::initialized();
    // An unused fact is a lint.
    let text = policy("deadline.policy").replace(
        "fact filed",
        "fact unused \"a fact no rule reads\": date\nfact filed",
    );
    let published = client.open(URI, &text);
    insta::assert_snapshot!(pretty(&published));
    client.shutdown();
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let (mut client, _) = Client::initialized();
    let bad = policy("deadline.policy").replacen("art1.on_time\n", "art1.on_tme\n", 1);
    let published = client.open(URI, &bad);
    assert_eq!(published["diagnostics"].as_array().map(Vec::len), Some(1));
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(client.diagnostics(), json!({"uri": URI, "diagnostics": []}));
    client.shutdown();
}

#[test]
fn a_problem_in_a_used_file_is_shown_at_the_top_with_its_place_in_that_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let used =
        policy("deadline.policy").replace("= large and art1.on_time", "= large and art1.on_tme");
    std::fs::write(folder.path().join("deadline.policy"), &used).expect("written");
    let using = "instrument \"A review\" adopted 2025-06-01\n\nuse \"deadline.policy\" as deadline\n\nverdict examined = deadline.art2.examined\n  says \"The claim {is|is not|may or may not be} examined.\"\n";
    let path = folder.path().join("review.policy");
    let uri = format!("file://{}", path.display());
    let (mut client, _) = Client::initialized();
    let published = client.open(&uri, using);
    let used_path = folder.path().join("deadline.policy");
    let line = used
        .lines()
        .position(|l| l.contains("art1.on_tme"))
        .expect("the line");
    let column = used
        .lines()
        .nth(line)
        .and_then(|l| l.find("on_tme"))
        .expect("the name");
    // The checker's own problem at the `use`, then the used file's.
    assert_eq!(published["diagnostics"][0]["code"], "provisio::broken_use");
    assert_eq!(
        published["diagnostics"][0]["range"],
        lsp_support::range((2, 4), (2, 21))
    );
    let diagnostic = &published["diagnostics"][1];
    assert_eq!(diagnostic["code"], "provisio::undefined_name");
    assert_eq!(diagnostic["range"], lsp_support::range((0, 0), (0, 0)));
    assert_eq!(
        diagnostic["message"],
        format!(
            "in `{}`: provision `art1` has no rule named `on_tme` (line {}, column {})\nhelp: did you mean `on_time`?",
            used_path.display(),
            line + 1,
            column + 1
        )
    );
    assert_eq!(
        diagnostic["relatedInformation"],
        json!([{
            "location": {
                "uri": format!("file://{}", used_path.display()),
                "range": lsp_support::range((line as u32, column as u32), (line as u32, column as u32 + 6)),
            },
            "message": "not defined",
        }])
    );
    client.shutdown();
}
