//! `provisio lsp` and files changed on disk by another program: a client
//! that can watch files is asked to watch the policies, and a used policy
//! changed, deleted or restored on disk has the open policies that use it
//! checked again; an open used file's editor text still stands for it.

mod lsp_support;

use lsp_support::{Client, policy};
use serde_json::{Value, json};

/// The deadline policy and the review that uses it, written to a folder;
/// the review open in the server. Gives the folder and the two URIs.
fn review_open(client: &mut Client) -> (tempfile::TempDir, String, String, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let deadline = policy("deadline.policy");
    let review = policy("review.policy");
    std::fs::write(dir.path().join("deadline.policy"), &deadline).expect("written");
    std::fs::write(dir.path().join("review.policy"), &review).expect("written");
    let canonical = dir.path().canonicalize().expect("a path");
    let review_uri = format!("file://{}/review.policy", canonical.display());
    let deadline_uri = format!("file://{}/deadline.policy", canonical.display());
    assert_eq!(client.open(&review_uri, &review)["diagnostics"], json!([]));
    (dir, review_uri, deadline_uri, deadline)
}

fn watched(client: &mut Client, uri: &str, kind: u32) {
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": kind}]}),
    );
}

const CHANGED: u32 = 2;
const DELETED: u32 = 3;

#[test]
fn a_client_that_can_watch_files_is_asked_to_watch_the_policies() {
    let mut client = Client::start();
    client.request(
        "initialize",
        json!({"capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}, "processId": null}),
    );
    // Asked once the client has said `initialized`.
    client.notify("initialized", json!({}));
    let asked = client.receive();
    assert_eq!(asked["method"], "client/registerCapability");
    assert_eq!(
        asked["params"],
        json!({"registrations": [{
            "id": "provisio-policies",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {"watchers": [{"globPattern": "**/*.policy"}]},
        }]})
    );
    client.send(&json!({"jsonrpc": "2.0", "id": asked["id"], "result": null}));
    // The server goes on answering after the client's response.
    let (_dir, review_uri, _, _) = review_open(&mut client);
    assert!(review_uri.ends_with("review.policy"));
    client.shutdown();
}

#[test]
fn a_used_policy_changed_deleted_and_restored_on_disk_is_read_again() {
    let (mut client, _) = Client::initialized();
    let (dir, review_uri, deadline_uri, deadline) = review_open(&mut client);
    // Renamed on disk by another program: the review no longer checks.
    let renamed = deadline
        .replace("define examined", "define checked")
        .replace("= art2.examined", "= art2.checked");
    std::fs::write(dir.path().join("deadline.policy"), &renamed).expect("written");
    watched(&mut client, &deadline_uri, CHANGED);
    let published = client.diagnostics();
    assert_eq!(published["uri"], json!(review_uri));
    assert_eq!(
        published["diagnostics"][0]["code"],
        "provisio::undefined_name"
    );
    // Deleted: the use names a missing file.
    std::fs::remove_file(dir.path().join("deadline.policy")).expect("removed");
    watched(&mut client, &deadline_uri, DELETED);
    let published = client.diagnostics();
    assert_eq!(published["uri"], json!(review_uri));
    let message = published["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("deadline.policy"), "{message}");
    // Restored: it checks again.
    std::fs::write(dir.path().join("deadline.policy"), &deadline).expect("written");
    watched(&mut client, &deadline_uri, 1);
    let published = client.diagnostics();
    assert_eq!(published["uri"], json!(review_uri));
    assert_eq!(published["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn an_open_used_file_s_text_stands_for_it_whatever_the_disk_says() {
    let (mut client, _) = Client::initialized();
    let (dir, review_uri, deadline_uri, deadline) = review_open(&mut client);
    client.open(&deadline_uri, &deadline);
    assert_eq!(client.diagnostics()["uri"], json!(review_uri));
    std::fs::write(dir.path().join("deadline.policy"), "not a policy").expect("written");
    watched(&mut client, &deadline_uri, CHANGED);
    // Nothing is checked again: the next message is the hover's answer.
    let (published, _) = client.collect(
        "textDocument/hover",
        json!({"textDocument": {"uri": review_uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(published, Vec::<Value>::new());
    client.shutdown();
}
