//! Open values shown open by two completions of the unknown facts, without
//! exact reasoning: every value stays the one exact reasoning gives. The
//! cases where two completions cannot be made safely (an event with one
//! date known, a range, one of several values that agree) are decided
//! exactly as before. `tests/exactness.rs` compares the two paths on
//! random policies too.

use chrono::NaiveDate;
use provisio::eval::{AsOfSource, Evaluator, Input, Readings, evaluate, evaluate_values};
use provisio::facts::{FactsFormat, parse_facts_text};
use provisio::model::Model;
use provisio::span::SourceFile;
use provisio::value::Value;

const POLICY: &str = "instrument \"A rule\" adopted 2020-01-01\n\
    event e \"an event\"\n\
    fact d \"a day\": optional date\n\
    fact k \"a kind\": optional one of a, b, c\n\
    fact n \"a day or none\": optional date or none\n\
    provision p \"P\"\n  text \"P.\"\n\
    define closes_late = e.closing on or after 2024-01-01\n\
    define impossible = (d on or before 2024-03-31) and (d after 2024-04-01)\n\
    define early = d before 2024-03-31\n\
    define not_c = k is not c\n\
    define some_day = (n or else 1999-01-01) after 2000-01-01\n\
    verdict closes_late = p.closes_late\n  says \"{Yes|No|Maybe}.\"\n\
    verdict impossible = p.impossible\n  says \"{Yes|No|Maybe}.\"\n\
    verdict early = p.early\n  says \"{Yes|No|Maybe}.\"\n\
    verdict not_c = p.not_c\n  says \"{Yes|No|Maybe}.\"\n\
    verdict some_day = p.some_day\n  says \"{Yes|No|Maybe}.\"\n";

fn model() -> Model {
    provisio::check::check_source(&SourceFile::new("p.policy", POLICY))
        .expect("the policy checks")
        .model
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// The verdicts' values by the quick path (`evaluate_values`, as `batch`
/// runs) after asserting that they are the explained path's.
fn values(model: &Model, json: &str) -> Vec<Value> {
    let facts = parse_facts_text(model, "f.json", json, FactsFormat::Json).expect("facts load");
    let readings = Readings::defaults(model);
    let as_of = day("2024-06-01");
    let input = Input {
        facts: &facts,
        as_of,
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(model);
    let mut quick = Vec::new();
    evaluate_values(&mut evaluator, &input, &mut quick);
    let quick: Vec<Value> = quick
        .into_iter()
        .map(|value| value.expect("no verdict fails"))
        .collect();
    let explained = evaluate(model, &facts, as_of, AsOfSource::Given, &readings)
        .expect("evaluates")
        .verdicts
        .into_iter()
        .map(|outcome| outcome.value)
        .collect::<Vec<Value>>();
    assert_eq!(quick, explained, "{json}");
    quick
}

const OPEN: Value = Value::UNKNOWN;

#[test]
fn nothing_known_leaves_open_what_completions_disagree_on() {
    let model = model();
    // `impossible` is false for every completion, so exact reasoning
    // decides it; the others differ between completions and stay open.
    assert_eq!(
        values(&model, "{}"),
        [OPEN, Value::Bool(false), OPEN, OPEN, OPEN]
    );
}

#[test]
fn an_event_with_its_opening_known_is_decided_exactly() {
    let model = model();
    // The closing is on or after the opening, so after 2024-01-01.
    let row = r#"{"e": {"opening": "2024-02-01"}, "d": "2024-01-01", "k": "a", "n": "none"}"#;
    assert_eq!(
        values(&model, row),
        [
            Value::Bool(true),
            Value::Bool(false),
            Value::Bool(true),
            Value::Bool(true),
            Value::Bool(false)
        ]
    );
}

#[test]
fn an_event_with_its_closing_known_is_left_open_when_it_may_differ() {
    let model = model();
    let early = r#"{"e": {"closing": "2023-06-01"}}"#;
    let late = r#"{"e": {"closing": "2024-06-01"}}"#;
    assert_eq!(values(&model, early)[0], Value::Bool(false));
    assert_eq!(values(&model, late)[0], Value::Bool(true));
}

#[test]
fn a_range_or_one_of_several_values_is_decided_exactly() {
    let model = model();
    let row = r#"{"d": {"on_or_after": "2024-04-01"}, "k": {"one_of": ["a", "b"]}}"#;
    let got = values(&model, row);
    // Every day from 2024-04-01 on is not before 2024-03-31; neither a nor b is c.
    assert_eq!(got[2], Value::Bool(false));
    assert_eq!(got[3], Value::Bool(true));
    let some = r#"{"k": {"one_of": ["a", "c"]}}"#;
    assert_eq!(values(&model, some)[3], OPEN);
}

#[test]
fn a_value_or_none_left_out_is_none_in_one_completion() {
    let model = model();
    // `(n or else 1999-01-01) after 2000-01-01`: false when n is none,
    // true when n is late, so open when n is left out.
    assert_eq!(values(&model, "{}")[4], OPEN);
    assert_eq!(values(&model, r#"{"n": "none"}"#)[4], Value::Bool(false));
    assert_eq!(
        values(&model, r#"{"n": "2024-01-01"}"#)[4],
        Value::Bool(true)
    );
}

#[test]
fn the_bundled_decision_gives_the_same_values_by_both_paths() {
    let text = std::fs::read_to_string("rules/wto/mc13-ecommerce.policy").expect("bundled");
    let model = provisio::check::check_source(&SourceFile::new("mc13.policy", text))
        .expect("checks")
        .model;
    for row in [
        r#"{}"#,
        r#"{"measure": {"kind": "customs_duty", "levied_on": "physical_goods"}}"#,
        r#"{"mc14": {"opening": "2026-03-26"}}"#,
        r#"{"mc14": {"closing": "2026-03-29"}, "measure": {"kind": "internal_tax", "levied_on": "physical_goods"}}"#,
    ] {
        values(&model, row);
    }
}
