//! The 2022 Ministerial Decision written as its text reads: the moratorium
//! lasts until the 13th Session; should the Session be delayed beyond
//! 31 March 2024, it expires on that date, unless an extension decision was
//! taken. With the Session's date unknown and no extension decision, it
//! certainly no longer holds on 1 April 2024.

use chrono::NaiveDate;
use provisio::eval::{AsOfSource, Evaluator, Input, Readings, evaluate, evaluate_values};
use provisio::facts::{Facts, FactsFormat, parse_facts_text};
use provisio::model::Model;
use provisio::span::SourceFile;
use provisio::value::Value;

const POLICY: &str = r#"
instrument "Work Programme on Electronic Commerce: Ministerial Decision of 17 June 2022"
  symbol "WT/MIN(22)/32"
  adopted 2022-06-17
  in force from adoption

event mc13 "the 13th Session of the Ministerial Conference"
fact extension_decision "the day Ministers or the General Council decide to extend the moratorium": optional date or none

provision para3 "The moratorium"
  text "We agree to maintain the current practice of not imposing customs duties on electronic transmissions until the 13th Session of the Ministerial Conference. Should MC13 be delayed beyond 31 March 2024, the moratorium will expire on that date unless Ministers or the General Council take a decision to extend."
  define expiry "the day the moratorium expires" = mc13.opening
    cites "until the 13th Session of the Ministerial Conference"
  exception delayed to expiry when mc13.opening after 2024-03-31 then 2024-03-31
    cites "Should MC13 be delayed beyond 31 March 2024, the moratorium will expire on that date"
  exception extended to delayed when extension_decision is not none then mc13.opening
    cites "unless Ministers or the General Council take a decision to extend"
  define holds "the moratorium holds" = as_of before expiry
    cites "until"

verdict moratorium_holds = para3.holds
  says "The moratorium {holds|does not hold|may or may not hold}."
"#;

fn model() -> Model {
    provisio::check::check_source(&SourceFile::new("wto-2022.policy", POLICY))
        .expect("the policy checks")
        .model
}

/// The facts, as a drafter writes them in JSON.
fn facts(model: &Model, json: &str) -> Facts {
    parse_facts_text(model, "facts.json", json, FactsFormat::Json).expect("facts load")
}

/// No extension decision, the Session's date unknown.
const NONE: &str = r#"{"extension_decision": "none"}"#;
/// Nothing known.
const UNKNOWN: &str = "{}";
/// The Session known to open between 1 March and 30 June 2024.
const WITHIN: &str = r#"{"mc13": {"opening": {"between": ["2024-03-01", "2024-06-30"]}}}"#;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn holds(model: &Model, facts: &Facts, as_of: &str) -> (Value, bool) {
    let readings = Readings::defaults(model);
    let evaluation =
        evaluate(model, facts, day(as_of), AsOfSource::Given, &readings).expect("evaluates");
    let outcome = &evaluation.verdicts[0];
    // The fast path agrees with the explained one.
    let input = Input {
        facts,
        as_of: day(as_of),
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(model);
    let mut values = Vec::new();
    evaluate_values(&mut evaluator, &input, &mut values);
    assert_eq!(values[0], Ok(outcome.value.clone()));
    (outcome.value.clone(), outcome.exact)
}

#[test]
fn no_extension_and_the_session_date_unknown_gives_false_on_1_april_2024() {
    let model = model();
    let facts = facts(&model, NONE);
    assert_eq!(
        holds(&model, &facts, "2024-04-01"),
        (Value::Bool(false), true)
    );
    // On 31 March 2024 too, since it expires that day at the latest.
    assert_eq!(
        holds(&model, &facts, "2024-03-31"),
        (Value::Bool(false), true)
    );
    // The day before, it depends on the Session's date.
    assert_eq!(holds(&model, &facts, "2024-03-30"), (Value::UNKNOWN, true));
}

#[test]
fn an_extension_decision_unknown_leaves_it_open() {
    let model = model();
    let facts = facts(&model, UNKNOWN);
    let (value, exact) = holds(&model, &facts, "2024-04-01");
    assert!(!value.is_known());
    assert!(exact);
}

#[test]
fn a_session_known_to_open_in_2026_with_an_extension_holds_in_2025() {
    let model = model();
    let facts = facts(
        &model,
        r#"{"extension_decision": "2024-02-01", "mc13": {"opening": "2026"}}"#,
    );
    assert_eq!(
        holds(&model, &facts, "2025-06-01"),
        (Value::Bool(true), true)
    );
    assert_eq!(
        holds(&model, &facts, "2027-01-01"),
        (Value::Bool(false), true)
    );
}

/// The residual of the verdict, as the policy would write it.
fn residual(model: &Model, facts: &Facts, as_of: &str) -> String {
    let readings = Readings::defaults(model);
    let evaluation =
        evaluate(model, facts, day(as_of), AsOfSource::Given, &readings).expect("evaluates");
    let outcome = &evaluation.verdicts[0];
    match evaluation.residual(model, outcome) {
        Some(residual) => provisio::residual::to_source(model, &residual),
        None => String::from("(determined)"),
    }
}

/// Before exact simplification, the first read `if mc13.opening after
/// 2024-03-31 then (...) and mc13.opening after 2024-04-01 else
/// mc13.opening after 2024-04-01`, whose last branch cannot hold.
#[test]
fn residuals_hold_no_contradiction() {
    let model = model();
    let unknown = facts(&model, UNKNOWN);
    let within = facts(&model, WITHIN);
    let none_within = facts(
        &model,
        r#"{"extension_decision": "none",
            "mc13": {"opening": {"between": ["2024-03-01", "2024-06-30"]}}}"#,
    );
    let shown = [
        (
            "unknown, 1 April 2024",
            residual(&model, &unknown, "2024-04-01"),
        ),
        (
            "unknown, 30 March 2024",
            residual(&model, &unknown, "2024-03-30"),
        ),
        (
            "within, 1 April 2024",
            residual(&model, &within, "2024-04-01"),
        ),
        (
            "within, 1 March 2024",
            residual(&model, &within, "2024-03-01"),
        ),
        (
            "none, within, 15 March 2024",
            residual(&model, &none_within, "2024-03-15"),
        ),
    ];
    let expected = [
        "extension_decision is not none and mc13.opening after 2024-04-01",
        "mc13.opening after 2024-03-30",
        "extension_decision is not none and mc13.opening after 2024-04-01",
        "mc13.opening after 2024-03-01",
        "mc13.opening after 2024-03-15",
    ];
    let texts: Vec<&str> = shown.iter().map(|(_, text)| text.as_str()).collect();
    assert_eq!(texts, expected, "{shown:#?}");
}

#[test]
fn the_text_and_json_say_how_it_was_decided() {
    let model = model();
    let facts = facts(&model, NONE);
    let readings = Readings::defaults(&model);
    let evaluation = evaluate(
        &model,
        &facts,
        day("2024-04-01"),
        AsOfSource::Given,
        &readings,
    )
    .expect("evaluates");
    let options = provisio::render::Options {
        detail: provisio::explain::Detail::Decisive,
        color: false,
        lang: Default::default(),
    };
    let text = provisio::render::text::render(&model, &evaluation, &options);
    let verdicts = text
        .split("\nVerdicts\n")
        .nth(1)
        .expect("a verdicts section");
    let head: Vec<&str> = verdicts.lines().take(3).collect();
    assert_eq!(
        head,
        [
            "  moratorium_holds = false",
            "    The moratorium does not hold.",
            "    Whatever the facts not given (mc13.opening), every case they allow gives false.",
        ],
        "{text}"
    );
    let json = provisio::render::json::to_json(&model, &evaluation, &options);
    let verdict = &json["verdicts"]["moratorium_holds"];
    assert_eq!(verdict["status"], "determined");
    assert_eq!(verdict["value"], false);
    assert_eq!(
        verdict["decided_over_unknown"],
        serde_json::json!(["mc13.opening"])
    );
    assert_eq!(verdict.get("exact"), None);
}

#[test]
fn a_verdict_outside_the_fragment_says_it_is_not_exact() {
    // Months added to an unknown date fall outside what is decided exactly.
    let policy = "instrument \"A rule\" adopted 2020-01-01\n\
        fact d \"a day\": optional date\n\
        provision p \"P\"\n  text \"P.\"\n\
        define late = (d + 1 month after 2024-03-31) and (d before 2024-02-01)\n\
        verdict late = p.late\n  says \"{Yes|No|Maybe}.\"\n";
    let model = provisio::check::check_source(&SourceFile::new("p.policy", policy))
        .expect("checks")
        .model;
    let facts = parse_facts_text(&model, "f.json", "{}", FactsFormat::Json).expect("facts");
    let readings = Readings::defaults(&model);
    let evaluation = evaluate(
        &model,
        &facts,
        day("2024-01-01"),
        AsOfSource::Given,
        &readings,
    )
    .expect("evaluates");
    let outcome = &evaluation.verdicts[0];
    assert_eq!((outcome.value.is_known(), outcome.exact), (false, false));
    let options = provisio::render::Options {
        detail: provisio::explain::Detail::Decisive,
        color: false,
        lang: Default::default(),
    };
    let json = provisio::render::json::to_json(&model, &evaluation, &options);
    assert_eq!(json["verdicts"]["late"]["exact"], false);
}

#[test]
fn depends_on_lists_only_what_the_residual_reads() {
    // On 1 March 2024, the Session known to open between 1 March and
    // 30 June 2024: whether an extension was decided cannot matter.
    let model = model();
    let facts = facts(&model, WITHIN);
    let readings = Readings::defaults(&model);
    let evaluation = evaluate(
        &model,
        &facts,
        day("2024-03-01"),
        AsOfSource::Given,
        &readings,
    )
    .expect("evaluates");
    let options = provisio::render::Options {
        detail: provisio::explain::Detail::Decisive,
        color: false,
        lang: Default::default(),
    };
    let json = provisio::render::json::to_json(&model, &evaluation, &options);
    let verdict = &json["verdicts"]["moratorium_holds"];
    assert_eq!(verdict["status"], "undetermined");
    assert_eq!(verdict["depends_on"], serde_json::json!(["mc13.opening"]));
    assert_eq!(verdict["residual"], "mc13.opening after 2024-03-01");
}
