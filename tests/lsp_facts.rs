//! `provisio lsp`: facts and scenario files checked against the policy
//! beside their folder as the drafter types.

mod lsp_support;

use lsp_support::{Client, policy, position_of, range};
use serde_json::json;

fn folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        folder.path().join("deadline.policy"),
        policy("deadline.policy"),
    )
    .expect("written");
    std::fs::create_dir(folder.path().join("facts")).expect("a folder");
    std::fs::create_dir(folder.path().join("scenarios")).expect("a folder");
    folder
}

#[test]
fn a_facts_file_is_checked_against_the_policy_beside_its_folder() {
    let folder = folder();
    let uri = format!("file://{}/facts/late.json", folder.path().display());
    let (mut client, _) = Client::initialized();
    let text = "{\n  \"filed\": \"2025-04-01\",\n  \"claim\": {\"amount\": 1200, \"kind\": \"refnd\"}\n}\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
    );
    let published = client.diagnostics();
    let start = position_of(text, "\"refnd\"", 0, 0);
    assert_eq!(
        published["diagnostics"],
        json!([{
            "range": range(start, (start.0, start.1 + 7)),
            "severity": 1,
            "code": "provisio::facts::not_in_enum",
            "source": "provisio",
            "message": published["diagnostics"][0]["message"].clone(),
        }])
    );
    let message = published["diagnostics"][0]["message"]
        .as_str()
        .expect("a message");
    assert!(
        message.contains("refnd") && message.contains("help: did you mean `refund`?"),
        "{message}"
    );
    // Fixed: no diagnostics.
    let fixed = text.replace("refnd", "refund");
    assert_eq!(client.change(&uri, 2, &fixed)["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn a_scenario_s_facts_are_checked_and_a_broken_policy_is_said() {
    let folder = folder();
    let uri = format!("file://{}/scenarios/late.yaml", folder.path().display());
    let (mut client, _) = Client::initialized();
    let text = "facts:\n  filed: 2025-4-1\n  claim: {amount: 10, kind: refund}\nexpect:\n  on_time: false\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let published = client.diagnostics();
    assert_eq!(published["diagnostics"][0]["code"], "provisio::date_form");
    let start = position_of(text, "2025-4-1", 0, 0);
    assert_eq!(
        published["diagnostics"][0]["range"],
        range(start, (start.0, start.1 + 8))
    );
    // The policy, open in the editor, broken: the scenario says so.
    let policy_uri = format!("file://{}/deadline.policy", folder.path().display());
    let broken = policy("deadline.policy").replace("art1.on_time\n", "art1.on_tme\n");
    client.open(&policy_uri, &broken);
    let published = client.change(&uri, 2, text);
    assert_eq!(
        published["diagnostics"],
        json!([{
            "range": range((0, 0), (0, 0)),
            "severity": 2,
            "code": "provisio::policy_has_errors",
            "source": "provisio",
            "message": format!(
                "the policy `{}/deadline.policy` does not check (2 errors), so this file cannot be checked against it\nhelp: open the policy to see its problems",
                folder.path().display()
            ),
        }])
    );
    client.shutdown();
}
