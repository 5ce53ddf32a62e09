//! Output never writes a list's elements beyond the first ten: the others
//! are counted, "and N more", in text, Markdown and all readings, and in
//! JSON explanations as `{"first": [...], "length": N}`. A verdict's own
//! value is written whole in JSON, and bounded elsewhere.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::{Value as Json, json};

const POLICY: &str = "tests/fixtures/long_list.policy";

/// A facts file for the register with `count` amounts, 1 to `count`.
fn facts_file(count: usize) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "provisio-bounded-{}-{count}.json",
        std::process::id()
    ));
    let amounts: Vec<String> = (1..=count).map(|n| n.to_string()).collect();
    let text = format!(
        r#"{{"amounts": [{}], "deadline": "2050-06-30"}}"#,
        amounts.join(",")
    );
    std::fs::write(&path, text).expect("writes the facts");
    path
}

fn eval(facts: &PathBuf, args: &[&str]) -> Vec<u8> {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(["eval", POLICY, "--at", "2026-01-01", "--facts"])
        .arg(facts)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn eval_text(facts: &PathBuf, args: &[&str]) -> String {
    String::from_utf8(eval(facts, args)).expect("UTF-8")
}

const SHOWN_25: &str = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, and 15 more]";

#[test]
fn text_shows_ten_elements_and_counts_the_others() {
    let facts = facts_file(25);
    let text = eval_text(&facts, &[]);
    assert_eq!(
        text,
        format!(
            "A register of filings, adopted 1 January 2020
As of 1 January 2026 (as given)

Verdicts
  complete = false
    The register is not complete.
    Why:
      - The register is complete: false, the number of filings over 100 (0) is not more than 10. [s1: \"more than ten filings over 100\"]
        - The number of filings over 100: 0, 0 of the amounts filed (25 in all) satisfy `a > 100`. [s1]
    Facts: amounts = {SHOWN_25}
  large = 0
    0 filings are over 100.
    Why:
      - The number of filings over 100: 0, 0 of the amounts filed (25 in all) satisfy `a > 100`. [s1]
    Facts: amounts = {SHOWN_25}
  listed = undetermined; depends on checked
    The amount checked may or may not be among those filed.
    The amount checked is among those filed if the amount checked is in {SHOWN_25}.
    Why:
      - Whether the amount checked (not known) is in the amounts filed ({SHOWN_25}) is undetermined.
    Facts: checked not known (the amount checked); amounts = {SHOWN_25}
  filed = {SHOWN_25}
    The amounts filed are {SHOWN_25}.
    Why:
      - The amounts filed ({SHOWN_25}).
"
        )
    );
    let _ = std::fs::remove_file(facts);
}

#[test]
fn full_detail_lists_the_steps_of_ten_elements_and_counts_the_others() {
    let facts = facts_file(25);
    let text = eval_text(&facts, &["--explain", "full", "--format", "text"]);
    let mut steps = String::new();
    for n in 1..=10 {
        steps.push_str(&format!(
            "            a = {n}\n            a > 100 = false\n"
        ));
    }
    assert!(
        text.contains(&format!(
            "            amounts = {SHOWN_25}\n{steps}            (15 more elements of count a in amounts where a > 100, not shown)\n            count a in amounts where a > 100 = 0\n"
        )),
        "{text}"
    );
    assert!(!text.contains("a = 11\n"), "{text}");
    let markdown = eval_text(&facts, &["--explain", "full", "--format", "markdown"]);
    assert!(
        markdown.contains(
            "    - `a > 100` = false\n    - (15 more elements of count a in amounts where a \\> 100, not shown)\n    - `count a in amounts where a > 100` = 0\n"
        ),
        "{markdown}"
    );
    let _ = std::fs::remove_file(facts);
}

#[test]
fn ten_elements_are_shown_whole() {
    let facts = facts_file(10);
    let text = eval_text(&facts, &["--explain", "none"]);
    assert!(
        text.contains("  filed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"),
        "{text}"
    );
    let _ = std::fs::remove_file(facts);
}

#[test]
fn markdown_shows_ten_elements_and_counts_the_others() {
    let facts = facts_file(25);
    let text = eval_text(&facts, &["--format", "markdown"]);
    let shown = r"\[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, and 15 more\]";
    assert!(
        text.contains(&format!("\n*Facts:* amounts = {shown}\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "\n### `filed`: {shown}\n\nThe amounts filed are {shown}.\n"
        )),
        "{text}"
    );
    assert!(!text.contains("11, "), "{text}");
    let _ = std::fs::remove_file(facts);
}

#[test]
fn all_readings_show_ten_elements_and_count_the_others() {
    let facts = facts_file(25);
    let text = eval_text(&facts, &["--all-readings"]);
    assert_eq!(
        text,
        format!(
            "A register of filings
As of 1 January 2026 (as given), under every reading

The readings agree
  complete = false (no reading varied)
  large = 0 (no reading varied)
  listed = undetermined: the amount checked is in {SHOWN_25} (no reading varied)
  filed = {SHOWN_25} (no reading varied)
"
        )
    );
    // A program asking for the verdict's value gets it whole.
    let json: Json = serde_json::from_slice(&eval(&facts, &["--all-readings", "--format", "json"]))
        .expect("JSON");
    let whole: Vec<Json> = (1..=25).map(|n| json!(n)).collect();
    assert_eq!(
        json["verdicts"]["filed"]["outcomes"][0]["value"],
        Json::Array(whole)
    );
    assert_eq!(
        json["verdicts"]["listed"]["outcomes"][0]["residual"],
        json!(format!("checked is in {SHOWN_25}"))
    );
    let _ = std::fs::remove_file(facts);
}

#[test]
fn json_explanations_show_the_first_elements_and_the_length() {
    let facts = facts_file(25);
    let json: Json = serde_json::from_slice(&eval(&facts, &["--format", "json"])).expect("JSON");
    let shortened = json!({"first": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "length": 25});
    for verdict in ["complete", "large", "listed"] {
        let explanation = &json["verdicts"][verdict]["explanation"];
        assert_eq!(explanation["version"], json!(8));
        let facts = explanation["facts"].as_array().expect("facts");
        let amounts = facts
            .iter()
            .find(|f| f["fact"] == json!("amounts"))
            .expect("the amounts are read");
        assert_eq!(amounts["value"], shortened, "{verdict}");
        assert_eq!(amounts["known"], json!(true));
    }
    // The verdict's own value is whole.
    let whole: Vec<Json> = (1..=25).map(|n| json!(n)).collect();
    assert_eq!(json["verdicts"]["filed"]["value"], Json::Array(whole));
    assert_eq!(
        json["verdicts"]["listed"]["residual"],
        json!(format!("checked is in {SHOWN_25}"))
    );
    let _ = std::fs::remove_file(facts);
}

#[test]
fn a_million_elements_give_a_short_output() {
    let facts = facts_file(1_000_000);
    for (format, detail) in [
        ("text", "decisive"),
        ("markdown", "decisive"),
        ("text", "full"),
        ("markdown", "full"),
    ] {
        let text = eval_text(&facts, &["--format", format, "--explain", detail]);
        assert!(text.len() < 8192, "{format}: {} bytes", text.len());
        assert!(text.contains("9, 10, and 999,990 more"), "{format}: {text}");
    }
    let json: Json = serde_json::from_slice(&eval(&facts, &["--format", "json"])).expect("JSON");
    let shortened = json!({"first": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "length": 1_000_000});
    assert_eq!(
        json["verdicts"]["large"]["explanation"]["facts"][0]["value"],
        shortened
    );
    // All but the one verdict whose value is the list is short.
    let mut rest = json.clone();
    rest["verdicts"]["filed"]["value"] = Json::Null;
    let size = serde_json::to_string_pretty(&rest).expect("JSON").len();
    assert!(size < 8192, "{size} bytes");
    let _ = std::fs::remove_file(facts);
}

#[test]
fn a_failing_scenario_shows_ten_elements_of_a_list() {
    let dir = std::env::temp_dir().join(format!("provisio-bounded-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("scenarios")).expect("a folder");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICY),
        dir.join("register.policy"),
    )
    .expect("copied");
    let amounts: Vec<String> = (1..=25).map(|n| n.to_string()).collect();
    std::fs::write(
        dir.join("scenarios").join("wrong.json"),
        format!(
            r#"{{"description": "a list expected undetermined", "facts": {{"as_of": "2026-01-01", "amounts": [{}], "deadline": "2050-06-30"}}, "expect": {{"filed": null}}}}"#,
            amounts.join(","),
        ),
    )
    .expect("written");
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .arg("test")
        .current_dir(&dir)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "FAIL ./scenarios/wrong.json: filed: expected null, got [1,2,3,4,5,6,7,8,9,10, and 15 more]\n  why filed is [1,2,3,4,5,6,7,8,9,10, and 15 more]:\n    The amounts filed ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, and 15 more]).\n"
        ),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
