//! `provisio lsp`: the document's outline, and formatting through
//! `provisio fmt`.

mod lsp_support;

use lsp_support::{Client, URI, policy};
use serde_json::json;

#[test]
fn the_outline_has_the_instrument_its_items_provisions_with_their_rules_and_verdicts() {
    let (mut client, _) = Client::initialized();
    client.open(URI, &policy("deadline.policy"));
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    insta::assert_snapshot!(serde_json::to_string_pretty(&symbols).expect("JSON"));
    client.shutdown();
}

#[test]
fn formatting_gives_the_canonical_layout_as_one_edit() {
    let (mut client, _) = Client::initialized();
    let good = policy("deadline.policy");
    let messy = good
        .replace("  define on_time", "      define   on_time")
        .replace("\nprovision art2", "\n\n\nprovision art2");
    client.open(URI, &messy);
    let params =
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}});
    let edits = client.request("textDocument/formatting", params.clone());
    let expected = provisio::format::format_source(&provisio::span::SourceFile::new(
        "d.policy",
        messy.as_str(),
    ))
    .expect("formats");
    let lines = messy.lines().count() as u32;
    assert_eq!(
        edits,
        json!([{"range": lsp_support::range((0, 0), (lines, 0)), "newText": expected}])
    );
    // Once formatted, there is nothing to change.
    client.change(URI, 2, &expected);
    assert_eq!(client.request("textDocument/formatting", params), json!([]));
    client.shutdown();
}
