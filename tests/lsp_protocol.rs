//! `provisio lsp` on bad input: a malformed message, an unknown method,
//! parameters that do not fit, a document not open, a position out of
//! range. Each gets a proper error; none makes the server panic.

mod lsp_support;

use lsp_support::{Client, URI, policy};
use serde_json::json;

#[test]
fn an_unknown_method_is_method_not_found_and_the_server_goes_on() {
    let (mut client, _) = Client::initialized();
    let response = client.call("provisio/nonsense", json!({}));
    assert_eq!(
        response,
        json!({"jsonrpc": "2.0", "id": 2, "error": {"code": -32601, "message": "unknown method `provisio/nonsense`"}})
    );
    // An unknown notification is ignored.
    client.notify("provisio/whatever", json!([1, 2]));
    let published = client.open(URI, &policy("deadline.policy"));
    assert_eq!(published["diagnostics"], json!([]));
    assert_eq!(client.shutdown(), (Some(0), String::new()));
}

#[test]
fn a_request_on_a_document_not_open_is_invalid_params() {
    let (mut client, _) = Client::initialized();
    let response = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.policy"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(
        response["error"],
        json!({"code": -32602, "message": "the document `file:///nowhere.policy` is not open"})
    );
    client.shutdown();
}

#[test]
fn parameters_of_the_wrong_shape_are_invalid_params() {
    let (mut client, _) = Client::initialized();
    let response = client.call("textDocument/definition", json!({"textDocument": 7}));
    assert_eq!(response["error"]["code"], -32602);
    let message = response["error"]["message"].as_str().expect("a message");
    assert!(message.starts_with("invalid parameters: "), "{message}");
    // A notification of the wrong shape is dropped, and the server goes on.
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": 3}}));
    let published = client.open(URI, &policy("deadline.policy"));
    assert_eq!(published["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn a_position_past_the_last_line_is_invalid_params() {
    let (mut client, _) = Client::initialized();
    client.open(URI, &policy("deadline.policy"));
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/completion",
    ] {
        let response = client.call(
            method,
            json!({"textDocument": {"uri": URI}, "position": {"line": 400, "character": 0}}),
        );
        assert_eq!(
            response["error"],
            json!({"code": -32602, "message": "the position 400:0 is not in the document"}),
            "{method}"
        );
    }
    // A column past the end of its line is the line's end, as the
    // protocol says: nothing there.
    assert_eq!(client.at("textDocument/hover", URI, 0, 9999), json!(null));
    client.shutdown();
}

#[test]
fn a_document_with_syntax_errors_answers_every_request_without_failing() {
    let (mut client, _) = Client::initialized();
    let broken =
        "instrument \"x\" adopted 2025-01-01\nprovision p \"P\"\n  text \"t\"\n  define a = (1 +\n";
    let published = client.open(URI, broken);
    assert_eq!(published["diagnostics"][0]["code"], "provisio::syntax");
    assert_eq!(client.at("textDocument/hover", URI, 3, 10), json!(null));
    assert_eq!(
        client.at("textDocument/definition", URI, 3, 10),
        json!(null)
    );
    assert_eq!(
        client.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}})
        ),
        json!([])
    );
    let completion = client.at("textDocument/completion", URI, 3, 15);
    assert!(
        completion
            .as_array()
            .is_some_and(|items| items.iter().any(|i| i["label"] == "define"))
    );
    let formatting = client.call(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(formatting["error"]["code"], -32803);
    client.shutdown();
}

#[test]
fn a_malformed_message_stops_the_server_with_an_error_not_a_panic() {
    let (mut client, _) = Client::initialized();
    client.send_raw(b"Content-Length: 9\r\n\r\nnot json!");
    let (status, stderr) = client.finish();
    assert_eq!(status, Some(1));
    assert!(
        stderr.starts_with(
            "error: provisio lsp: cannot read the client's messages: malformed LSP payload"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_header_without_a_length_stops_the_server_with_an_error() {
    let mut client = Client::start();
    client.send_raw(b"Content-Type: nothing\r\n\r\n");
    let (status, stderr) = client.finish();
    assert_eq!(status, Some(1));
    assert!(stderr.contains("no Content-Length"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn input_that_ends_without_shutdown_is_an_error() {
    let (client, _) = Client::initialized();
    let (status, stderr) = client.finish();
    assert_eq!(status, Some(1));
    assert_eq!(
        stderr,
        "error: provisio lsp: the input ended before the client asked the server to shut down\n"
    );
}

#[test]
fn a_request_before_initialize_is_refused() {
    let mut client = Client::start();
    let response = client.call("textDocument/hover", json!({}));
    assert_eq!(response["error"]["code"], -32002);
    drop(client);
}

#[test]
fn a_scenario_file_without_a_policy_beside_it_is_kept_unchecked() {
    let (mut client, _) = Client::initialized();
    let uri = "file:///policies/scenarios/late.yaml";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": "facts: {filed: 2025-04-01}\n"}}),
    );
    assert_eq!(
        client.diagnostics(),
        json!({"uri": uri, "version": 1, "diagnostics": []})
    );
    assert_eq!(client.at("textDocument/hover", uri, 0, 2), json!(null));
    let formatting = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(formatting, json!([]));
    client.shutdown();
}
