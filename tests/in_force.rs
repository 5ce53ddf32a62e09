//! Periods in force: an instrument or a provision says when it is in force,
//! `eval` lists the provisions in force, and a verdict asked on a date when
//! its provision is not in force says so instead of giving a value.

use assert_cmd::Command;
use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;
use serde_json::{Value as Json, json};

const POLICY: &str = r#"
instrument "A temporary tariff" adopted 2025-01-15
  in force from adoption

fact review_day "the day the review ends": optional date

provision art1 "Rate"
  text "The rate is 5 percent."
  define rate = 5

provision art2 "Temporary surcharge"
  text "A surcharge of 2 percent applies from 1 March 2025 up to and including 31 December 2025."
  in force from 2025-03-01 until 2025-12-31 inclusive
  define surcharge = 2

provision art3 "Review"
  text "The review runs until its end."
  in force from adoption until review_day exclusive
  define reviewing = true

verdict rate = art1.rate
verdict surcharge = art2.surcharge
verdict reviewing = art3.reviewing
"#;

/// The status and value of each verdict, and the provisions in force, on a date.
fn on(date: &str, facts: &str) -> (Vec<(String, String)>, Vec<String>) {
    let model = provisio::check::check_source(&SourceFile::new("tariff.policy", POLICY))
        .expect("the policy checks")
        .model;
    let facts =
        parse_facts(&model, &SourceFile::new("f.json", facts), FactsFormat::Json).expect("facts");
    let as_of = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date");
    let evaluation = evaluate(
        &model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(&model),
    )
    .expect("evaluates");
    let json =
        provisio::render::json::to_json(&model, &evaluation, &provisio::render::Options::default());
    let verdicts = ["rate", "surcharge", "reviewing"]
        .iter()
        .map(|v| {
            (
                json["verdicts"][v]["status"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                json["verdicts"][v]["value"].to_string(),
            )
        })
        .collect();
    let in_force = model
        .provisions
        .iter()
        .zip(&evaluation.provisions_in_force)
        .filter(|(_, holds)| **holds == Some(provisio::value::Value::Bool(true)))
        .map(|(p, _)| p.name.clone())
        .collect();
    (verdicts, in_force)
}

fn pair(status: &str, value: &str) -> (String, String) {
    (status.to_string(), value.to_string())
}

#[test]
fn before_the_instrument_is_in_force_no_verdict_applies() {
    let (verdicts, in_force) = on("2025-01-14", r#"{"review_day": "2025-06-30"}"#);
    assert_eq!(verdicts, vec![pair("not_in_force", "null"); 3]);
    assert!(in_force.is_empty());
}

#[test]
fn a_provision_applies_only_within_its_period_and_its_boundaries_are_as_stated() {
    let facts = r#"{"review_day": "2025-06-30"}"#;
    let (before, in_force) = on("2025-02-28", facts);
    assert_eq!(
        before,
        [
            pair("determined", "5"),
            pair("not_in_force", "null"),
            pair("determined", "true")
        ]
    );
    assert_eq!(in_force, ["art1", "art3"]);
    let (first_day, _) = on("2025-03-01", facts);
    assert_eq!(first_day[1], pair("determined", "2"));
    let (inclusive_end, _) = on("2025-12-31", facts);
    assert_eq!(inclusive_end[1], pair("determined", "2"));
    let (after, in_force) = on("2026-01-01", facts);
    assert_eq!(after[1], pair("not_in_force", "null"));
    assert_eq!(in_force, ["art1"]);
    // `until ... exclusive`: the review day itself is no longer in force.
    assert_eq!(on("2025-06-29", facts).0[2], pair("determined", "true"));
    assert_eq!(on("2025-06-30", facts).0[2], pair("not_in_force", "null"));
}

#[test]
fn a_period_that_ends_on_an_unknown_day_leaves_the_verdict_undetermined() {
    let (verdicts, in_force) = on("2025-06-01", "{}");
    assert_eq!(verdicts[2], pair("undetermined", "null"));
    assert!(!in_force.contains(&String::from("art3")));
}

#[test]
fn until_must_say_whether_its_day_is_in_force() {
    let unstated = POLICY.replace("until review_day exclusive", "until review_day");
    let problems = provisio::check::check_source(&SourceFile::new("tariff.policy", unstated))
        .expect_err("the boundary is unstated");
    let codes: Vec<&str> = problems.items.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["provisio::boundary_unstated"]);
}

#[test]
fn eval_lists_the_provisions_in_force_and_says_when_a_verdict_does_not_apply() {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "eval",
            "rules/wto/mc13-ecommerce.policy",
            "--at",
            "2024-03-01",
            "--explain",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.contains("In force: no provision\n"), "{text}");
    assert!(
        text.contains("  moratorium_in_force = not in force\n    On 1 March 2024, the instrument is not in force, so this verdict does not apply.\n"),
        "{text}"
    );
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "eval",
            "rules/wto/mc13-ecommerce.policy",
            "--at",
            "2024-03-02",
            "--explain",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains("In force: para1, para2, para3, para4, para5\n"),
        "{text}"
    );
}

#[test]
fn a_timeline_shows_the_days_before_adoption_as_not_in_force() {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "timeline",
            "rules/wto/mc13-ecommerce.policy",
            "--facts",
            "rules/wto/facts/mc14-yaounde.json",
            "--from",
            "2024-02-25",
            "--to",
            "2024-03-05",
            "--format",
            "json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    let json: Json = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        json["verdicts"]["moratorium_in_force"],
        json!([
            {"from": "2024-02-25", "to": "2024-03-01", "value": null, "status": "not_in_force"},
            {"from": "2024-03-02", "to": "2024-03-05", "value": true, "status": "determined"},
        ])
    );
}

#[test]
fn a_period_that_waits_on_an_unknown_fact_names_it() {
    let model = provisio::check::check_source(&SourceFile::new("tariff.policy", POLICY))
        .expect("the policy checks")
        .model;
    let facts =
        parse_facts(&model, &SourceFile::new("f.json", "{}"), FactsFormat::Json).expect("facts");
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("a date");
    let evaluation = evaluate(
        &model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(&model),
    )
    .expect("evaluates");
    let json =
        provisio::render::json::to_json(&model, &evaluation, &provisio::render::Options::default());
    assert_eq!(
        json["verdicts"]["reviewing"]["depends_on"],
        json!(["review_day"])
    );
}
