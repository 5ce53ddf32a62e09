//! Dated values: a history of values each from a date on, looked up as of
//! the evaluation date or as of another, with clear results before the first
//! date and after the last.

use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;

const POLICY: &str = r#"
instrument "A benefit" adopted 2015-01-01

fact applied "the day the claim was made": optional date

provision art1 "Amounts"
  text "The monthly amount is 600 from 1 December 2015 and 650 from 1 January 2017. The allowance ends on 1 January 2030."
  parameter amount "the monthly amount": integer
    from 2015-12-01: 600
    from 2017-01-01: 650
    cites "The monthly amount is 600 from 1 December 2015 and 650 from 1 January 2017."
  parameter allowance "the allowance"
    from 2016-01-01: 10.50
    from 2030-01-01: none
  define amount_when_applied = amount as of applied

verdict amount = art1.amount
verdict allowance = art1.allowance
verdict amount_when_applied = art1.amount_when_applied
"#;

fn run(policy: &str, facts: &str, as_of: &str) -> Result<Vec<String>, String> {
    let checked = provisio::check::check_source(&SourceFile::new("benefit.policy", policy))
        .map_err(|p| {
            p.items
                .iter()
                .filter(|p| p.severity == miette::Severity::Error)
                .map(|p| p.code)
                .collect::<Vec<_>>()
                .join(",")
        })?;
    let model = &checked.model;
    let facts = parse_facts(model, &SourceFile::new("f.json", facts), FactsFormat::Json)
        .map_err(|e| format!("{e:?}"))?;
    let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("a date");
    let evaluation = evaluate(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    )
    .map_err(|e| e.to_problem(model).message)?;
    Ok(evaluation
        .verdicts
        .iter()
        .map(|v| model.format_value(&v.value))
        .collect())
}

#[test]
fn values_are_looked_up_as_of_the_evaluation_date() {
    let values = run(POLICY, r#"{"applied": "2016-06-01"}"#, "2016-06-01").expect("evaluates");
    assert_eq!(values, ["600", "10.5", "600"]);
    let values = run(POLICY, r#"{"applied": "2017-01-01"}"#, "2017-01-01").expect("evaluates");
    assert_eq!(values, ["650", "10.5", "650"]);
}

#[test]
fn as_of_looks_a_value_up_on_another_date() {
    let values = run(POLICY, r#"{"applied": "2016-06-01"}"#, "2020-01-01").expect("evaluates");
    assert_eq!(values, ["650", "10.5", "600"]);
}

#[test]
fn on_an_unknown_date_a_value_is_undetermined_within_its_range() {
    let values = run(POLICY, "{}", "2020-01-01").expect("evaluates");
    assert_eq!(values, ["650", "10.5", "unknown"]);
}

#[test]
fn before_the_first_date_there_is_no_value_and_evaluation_says_so() {
    assert_eq!(
        run(POLICY, r#"{"applied": "2016-06-01"}"#, "2015-06-01"),
        Err(String::from(
            "`amount` is not defined before 1 December 2015, and is asked for on 1 June 2015"
        ))
    );
}

#[test]
fn after_a_value_ends_there_is_none() {
    assert_eq!(
        run(POLICY, r#"{"applied": "2016-06-01"}"#, "2030-06-01"),
        Err(String::from(
            "`allowance` has no value on 1 June 2030: its history ends before then"
        ))
    );
}

#[test]
fn histories_must_be_in_date_order_without_repeats_and_of_one_kind() {
    let unordered = POLICY.replace("from 2017-01-01: 650", "from 2015-01-01: 650");
    assert_eq!(
        run(&unordered, "{}", "2020-01-01"),
        Err(String::from("provisio::parameter_history"))
    );
    let repeated = POLICY.replace("from 2017-01-01: 650", "from 2015-12-01: 650");
    assert_eq!(
        run(&repeated, "{}", "2020-01-01"),
        Err(String::from("provisio::parameter_history"))
    );
    let mixed = POLICY.replace("from 2017-01-01: 650", "from 2017-01-01: \"650\"");
    assert_eq!(
        run(&mixed, "{}", "2020-01-01"),
        Err(String::from("provisio::type_mismatch"))
    );
    let computed = POLICY.replace("from 2017-01-01: 650", "from 2017-01-01: 600 + 50");
    assert_eq!(
        run(&computed, "{}", "2020-01-01"),
        Err(String::from("provisio::parameter_history"))
    );
    let not_dated = POLICY.replace("amount as of applied", "amount_when_applied as of applied");
    assert!(run(&not_dated, "{}", "2020-01-01").is_err());
}

#[test]
fn the_explanation_says_which_value_applies_from_when() {
    let checked =
        provisio::check::check_source(&SourceFile::new("benefit.policy", POLICY)).expect("checks");
    let model = &checked.model;
    let facts = parse_facts(
        model,
        &SourceFile::new("f.json", r#"{"applied": "2016-06-01"}"#),
        FactsFormat::Json,
    )
    .expect("facts");
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date");
    let evaluation = evaluate(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    )
    .expect("evaluates");
    let text =
        provisio::render::text::render(model, &evaluation, &provisio::render::Options::default());
    assert!(
        text.contains("the monthly amount on 1 June 2016 (600, in force from 1 December 2015)"),
        "{text}"
    );
}
