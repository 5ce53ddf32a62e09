//! Defaults and exceptions: the most specific applicable rule wins, two
//! applicable exceptions that disagree are a conflict citing both provisions,
//! and unknown conditions leave a value undetermined only when it matters.

use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;

const POLICY: &str = r#"
instrument "A tax on widgets" adopted 2024-01-01

fact income "yearly income": integer
fact student "whether the person studies": optional boolean
fact disabled "whether the person has a disability": optional boolean

provision art1 "Rates"
  text "The rate is 20. The rate for students is 10. For students with a disability it is 5."
  define rate = 20 cites "The rate is 20."
  exception student_rate to rate when student then 10 cites "The rate for students is 10."
  exception to student_rate when disabled then 5

provision art2 "Low incomes"
  text "Notwithstanding article 1, persons with an income below 1000 pay no tax."
  exception low_income to art1.rate when income < 1000 then 0

provision art3 "Low incomes, again"
  text "Persons with an income below 1000 pay nothing."
  exception to art1.rate when income < 1000 then 0

verdict rate = art1.rate says "The rate is {value}."
"#;

fn rate(facts: &str) -> Result<String, String> {
    let checked = provisio::check::check_source(&SourceFile::new("widgets.policy", POLICY))
        .map_err(|p| format!("{p:?}"))?;
    let model = &checked.model;
    let facts = parse_facts(
        model,
        &SourceFile::new("facts.json", facts),
        FactsFormat::Json,
    )
    .map_err(|e| format!("{e:?}"))?;
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date");
    match evaluate(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    ) {
        Ok(evaluation) => Ok(model.format_value(&evaluation.verdicts[0].value)),
        Err(error) => {
            let problem = error.to_problem(model);
            Err(format!("{}: {}", problem.code, problem.message))
        }
    }
}

#[test]
fn the_default_applies_when_no_exception_does() {
    assert_eq!(
        rate(r#"{"income": 5000, "student": false}"#),
        Ok("20".into())
    );
}

#[test]
fn an_exception_overrides_the_default() {
    assert_eq!(
        rate(r#"{"income": 5000, "student": true, "disabled": false}"#),
        Ok("10".into())
    );
}

#[test]
fn an_exception_to_an_exception_is_more_specific() {
    assert_eq!(
        rate(r#"{"income": 5000, "student": true, "disabled": true}"#),
        Ok("5".into())
    );
}

#[test]
fn exceptions_in_other_provisions_override_too_and_agreeing_ones_do_not_conflict() {
    assert_eq!(rate(r#"{"income": 500, "student": false}"#), Ok("0".into()));
}

#[test]
fn two_applicable_exceptions_that_disagree_are_a_conflict_citing_both_provisions() {
    assert_eq!(
        rate(r#"{"income": 500, "student": true, "disabled": false}"#),
        Err("provisio::conflict: exception `student_rate` of provision `art1` and exception `low_income` of provision `art2` both apply to `rate` and disagree: 10 and 0".into())
    );
}

#[test]
fn an_exception_that_may_apply_leaves_the_value_undetermined() {
    assert_eq!(rate(r#"{"income": 5000}"#), Ok("unknown".into()));
}

#[test]
fn an_unknown_condition_that_would_not_change_the_value_leaves_it_determined() {
    // Whether or not the person has a disability, a non-student pays 20.
    assert_eq!(
        rate(r#"{"income": 5000, "student": false}"#),
        Ok("20".into())
    );
}

#[test]
fn a_possible_conflict_is_not_a_value() {
    assert_eq!(rate(r#"{"income": 500}"#), Ok("unknown".into()));
}

#[test]
fn the_conflict_diagnostic_points_at_both_exceptions() {
    let checked = provisio::check::check_source(&SourceFile::new("widgets.policy", POLICY))
        .expect("the policy checks");
    let model = &checked.model;
    let facts = parse_facts(
        model,
        &SourceFile::new(
            "facts.json",
            r#"{"income": 1, "student": true, "disabled": false}"#,
        ),
        FactsFormat::Json,
    )
    .expect("facts load");
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date");
    let error = evaluate(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    )
    .expect_err("a conflict");
    let problem = error.to_problem(model);
    let labelled: Vec<&str> = problem
        .labels
        .iter()
        .map(|(span, _)| &POLICY[span.start..span.end])
        .collect();
    assert_eq!(labelled.len(), 2);
    assert!(
        labelled[0].starts_with("exception student_rate to rate"),
        "{labelled:?}"
    );
    assert!(
        labelled[1].starts_with("exception low_income to art1.rate"),
        "{labelled:?}"
    );
    let labels: Vec<&str> = problem.labels.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        labels,
        ["applies and gives 10 (art1)", "applies and gives 0 (art2)"]
    );
}
