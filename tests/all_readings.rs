//! `eval --all-readings`: every verdict under every combination of the
//! readings it depends on, and where they disagree.

use assert_cmd::Command;
use serde_json::{Value as Json, json};

fn all_readings(args: &[&str]) -> Json {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "eval",
            "rules/wto/mc13-ecommerce.policy",
            "--all-readings",
            "--format",
            "json",
        ])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn the_moratorium_diverges_on_which_day_of_the_session_counts() {
    let json = all_readings(&["--facts", "rules/wto/facts/during-mc14.json"]);
    assert_eq!(json["as_of"], "2026-03-28");
    let verdict = &json["verdicts"]["moratorium_in_force"];
    assert_eq!(verdict["agree"], false);
    let outcomes: Vec<(Json, Json)> = verdict["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .map(|o| (o["readings"].clone(), o["value"].clone()))
        .collect();
    assert_eq!(
        outcomes,
        [
            (
                json!({"mc14_reference": "opening", "expiry_boundary": "exclusive"}),
                json!(false)
            ),
            (
                json!({"mc14_reference": "opening", "expiry_boundary": "inclusive"}),
                json!(false)
            ),
            (
                json!({"mc14_reference": "closing", "expiry_boundary": "exclusive"}),
                json!(true)
            ),
            (
                json!({"mc14_reference": "closing", "expiry_boundary": "inclusive"}),
                json!(true)
            ),
        ]
    );
    assert!(
        verdict["outcomes"]
            .as_array()
            .expect("outcomes")
            .iter()
            .all(|o| o["status"] == "determined")
    );
}

#[test]
fn readings_a_verdict_does_not_use_are_not_multiplied_out() {
    let json = all_readings(&["--facts", "rules/wto/facts/during-mc14.json"]);
    let expiry = json["verdicts"]["expiry_date"]["outcomes"]
        .as_array()
        .expect("outcomes")
        .clone();
    assert_eq!(
        expiry,
        [
            json!({"readings": {"mc14_reference": "opening"}, "value": "2026-03-26", "status": "determined"}),
            json!({"readings": {"mc14_reference": "closing"}, "value": "2026-03-30", "status": "determined"}),
        ]
    );
    // A duty on transmissions is covered under either scope, so scope is never consulted.
    let status = json["verdicts"]["measure_status"]["outcomes"]
        .as_array()
        .expect("outcomes")
        .clone();
    assert_eq!(status.len(), 4);
    assert!(status.iter().all(|o| o["readings"].get("scope").is_none()));
}

#[test]
fn verdicts_agree_when_every_reading_gives_the_same_value() {
    let json = all_readings(&[
        "--at",
        "2026-06-01",
        "--facts",
        "rules/wto/facts/mc14-yaounde.json",
    ]);
    let verdict = &json["verdicts"]["moratorium_in_force"];
    assert_eq!(verdict["agree"], true);
    assert!(
        verdict["outcomes"]
            .as_array()
            .expect("outcomes")
            .iter()
            .all(|o| o["value"] == false)
    );
}

#[test]
fn a_reading_fixed_by_the_analyst_is_not_varied() {
    let json = all_readings(&[
        "--facts",
        "rules/wto/facts/during-mc14.json",
        "--reading",
        "mc14_reference=closing",
    ]);
    let outcomes = json["verdicts"]["moratorium_in_force"]["outcomes"]
        .as_array()
        .expect("outcomes")
        .clone();
    assert_eq!(outcomes.len(), 2);
    assert!(
        outcomes
            .iter()
            .all(|o| o["readings"].get("mc14_reference").is_none())
    );
    assert_eq!(json["verdicts"]["moratorium_in_force"]["agree"], true);
}

#[test]
fn with_facts_missing_each_reading_has_its_residual() {
    let json = all_readings(&["--at", "2026-03-28"]);
    let verdict = &json["verdicts"]["moratorium_in_force"];
    assert_eq!(verdict["agree"], false);
    let residuals: Vec<&str> = verdict["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .map(|o| o["residual"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        residuals,
        [
            "mc14.opening after 2026-03-28",
            "mc14.opening on or after 2026-03-28",
            "mc14.closing after 2026-03-28",
            "mc14.closing on or after 2026-03-28",
        ]
    );
    assert_eq!(
        verdict["outcomes"][2]["depends_on"],
        json!(["mc14.closing"])
    );
}

#[test]
fn the_text_table_puts_divergent_verdicts_first() {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "eval",
            "rules/wto/mc13-ecommerce.policy",
            "--facts",
            "rules/wto/facts/during-mc14.json",
            "--all-readings",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains(
            "The readings disagree\n  moratorium_in_force\n    mc14_reference  expiry_boundary  value\n    opening         exclusive        false\n"
        ),
        "{text}"
    );
}

#[test]
fn markdown_reports_a_table_per_divergent_verdict() {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "eval",
            "rules/wto/mc13-ecommerce.policy",
            "--facts",
            "rules/wto/facts/during-mc14.json",
            "--all-readings",
            "--format",
            "markdown",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains("### `moratorium_in_force`\n\n| `mc14_reference` | `expiry_boundary` | value |\n|---|---|---|\n| `opening` | `exclusive` | false |\n"),
        "{text}"
    );
}

/// A verdict that fails under its default reading still has the readings it
/// consulted before failing varied: the other reading gives it a value.
#[test]
fn a_verdict_that_fails_under_one_reading_is_tried_under_the_others() {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "eval",
            "tests/fixtures/all_readings/split.policy",
            "--facts",
            "tests/fixtures/all_readings/no-parts.json",
            "--all-readings",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3), "a verdict errored");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "A split\n\
         As of 1 June 2025 (from the facts), under every reading\n\
         \n\
         The readings disagree\n\
         \x20 share\n\
         \x20   split     value\n\
         \x20   by_parts  error: provisio::division_by_zero\n\
         \x20   whole     600\n"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("× division by zero").count(), 1, "{stderr}");
}
