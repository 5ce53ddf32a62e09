//! Events: dates the analyst supplies, and dates the policy itself fixes.

use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;

const POLICY: &str = r#"
instrument "Test" adopted 2024-01-01
event mc13 "the 13th Session" opening 2024-02-26
event mc14 "the 14th Session"

provision p "Sessions"
  text "The Sessions meet."
  define gap = mc14.opening after mc13.opening
  define mc13_closed = mc13.closing

verdict later = p.gap
verdict mc13_closing = p.mc13_closed
"#;

fn model() -> provisio::model::Model {
    provisio::check::check_source(&SourceFile::new("events.policy", POLICY))
        .expect("the policy checks")
        .model
}

fn values(facts: &str) -> Result<Vec<String>, Vec<&'static str>> {
    let model = model();
    let facts =
        parse_facts(&model, &SourceFile::new("f.json", facts), FactsFormat::Json).map_err(|e| {
            e.problems()
                .iter()
                .map(|p| p.kind.code())
                .collect::<Vec<_>>()
        })?;
    let readings = provisio::eval::Readings::defaults(&model);
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date");
    let evaluation = provisio::eval::evaluate(
        &model,
        &facts,
        as_of,
        provisio::eval::AsOfSource::Given,
        &readings,
    )
    .expect("evaluates");
    Ok(evaluation
        .verdicts
        .iter()
        .map(|v| model.format_value(&v.value))
        .collect())
}

#[test]
fn a_fixed_date_stands_when_the_facts_are_silent() {
    assert_eq!(
        values(r#"{"mc14": {"opening": "2026-03-26"}}"#),
        Ok(vec!["true".to_string(), "unknown".to_string()])
    );
}

#[test]
fn the_facts_complete_what_the_policy_leaves_open() {
    assert_eq!(
        values(r#"{"mc13": {"opening": "2024-02-26", "closing": "2024-03-02"}}"#),
        Ok(vec!["unknown".to_string(), "2024-03-02".to_string()])
    );
}

#[test]
fn facts_that_contradict_a_fixed_date_are_an_error() {
    assert_eq!(
        values(r#"{"mc13": {"opening": "2024-02-27"}}"#),
        Err(vec!["provisio::facts::contradicts_policy"])
    );
}

#[test]
fn the_checker_rejects_an_event_that_closes_before_it_opens() {
    let text = "event e \"an event\" opening 2024-03-02 closing 2024-02-26\nverdict v = e.opening";
    let problems = provisio::check::check_source(&SourceFile::new("e.policy", text))
        .expect_err("the event is out of order");
    let codes: Vec<&str> = problems.items.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["provisio::event_order"]);
}
