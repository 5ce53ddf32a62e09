//! Scales whose brackets change from a date without copying the whole
//! scale, and scales whose thresholds and rates are computed.
//!
//! Policies are in `tests/computed_scales/`.

use provisio::check::check_source;
use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::explain::{Detail, explain};
use provisio::facts::{FactsFormat, parse_facts_text};
use provisio::model::Model;
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;

fn load(name: &str) -> Model {
    let path = format!(
        "{}/tests/computed_scales/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("the policy");
    match check_source(&SourceFile::new(name, text)) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("{name} does not check: {problems:?}"),
    }
}

fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// Each verdict's value, formatted, and the first line of each explanation.
fn outcomes(model: &Model, facts: &str, on: &str) -> Vec<(String, String)> {
    let facts = parse_facts_text(model, "facts", facts, FactsFormat::Json).expect("facts load");
    let readings = Readings::defaults(model);
    let evaluation =
        evaluate(model, &facts, date(on), AsOfSource::Given, &readings).expect("evaluates");
    evaluation
        .verdicts
        .iter()
        .map(|outcome| {
            let why = explain(model, &evaluation, outcome, Detail::Decisive)
                .map(|e| {
                    provisio::render::lines::lines(model, &e)
                        .into_iter()
                        .map(|l| l.text)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default();
            (model.format_value(&outcome.value), why)
        })
        .collect()
}

/// Checks a policy that must fail and renders its errors.
fn problems_of(text: &str) -> String {
    match check_source(&SourceFile::new("scale.policy", text)) {
        Ok(_) => panic!("checked without errors:\n{text}"),
        Err(problems) => problems
            .items
            .iter()
            .filter(|p| p.severity == miette::Severity::Error)
            .map(|p| render(p, false))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[test]
fn a_bracket_changes_from_its_date_and_explanations_say_from_when() {
    let model = load("dated_brackets.policy");
    let facts = r#"{"income": "USD 20000"}"#;
    let before = outcomes(&model, facts, "2018-12-31");
    assert_eq!(
        before[0].0, "USD 2209.50",
        "10% of 9525 and 12% of the rest"
    );
    assert!(
        before[0]
            .1
            .contains("12% over USD 9525.00, in force from 1 January 2018"),
        "{}",
        before[0].1
    );
    let from_2019 = outcomes(&model, facts, "2019-01-01");
    assert_eq!(from_2019[0].0, "USD 2206.00", "the threshold rose to 9700");
    assert!(
        from_2019[0]
            .1
            .contains("12% over USD 9700.00, in force from 1 January 2019"),
        "{}",
        from_2019[0].1
    );
    let from_2020 = outcomes(&model, facts, "2020-06-01");
    assert_eq!(from_2020[0].0, "USD 2506.25", "threshold 9875 and rate 15%");
    assert!(
        from_2020[0]
            .1
            .contains("15% over USD 9875.00, in force from 1 January 2020"),
        "{}",
        from_2020[0].1
    );
}

#[test]
fn a_bracket_tables_rate_changes_alone() {
    let model = load("dated_brackets.policy");
    let facts = r#"{"income": "USD 20000"}"#;
    assert_eq!(outcomes(&model, facts, "2018-06-01")[1].0, "USD 2209.50");
    // 952.50 + 11% of 10475.
    assert_eq!(outcomes(&model, facts, "2019-06-01")[1].0, "USD 2104.75");
}

const HEAD: &str = "instrument \"A tax\" adopted 2018-01-01\n\
    fact income \"the income\": money in USD\n\
    provision s1 \"Rates\"\n  text \"The tax.\"\n";

#[test]
fn a_change_outside_a_dated_value_is_refused() {
    let text = format!(
        "{HEAD}  define tax \"the tax\" = marginal rates over USD 0: 10% over USD 100 (from 2019-01-01: USD 200): 12% end of income rounded down to the cent\nverdict tax = s1.tax\n"
    );
    insta::assert_snapshot!("change_outside_parameter", problems_of(&text));
}

#[test]
fn a_change_dated_outside_its_entry_is_refused() {
    let before = format!(
        "{HEAD}  parameter rates \"r\"\n    from 2018-01-01: marginal rates over USD 0: 10% over USD 100 (from 2017-06-01: USD 200): 12% end\n  define tax \"t\" = rates of income rounded down to the cent\nverdict tax = s1.tax\n"
    );
    insta::assert_snapshot!("change_before_entry", problems_of(&before));
    let after_next = format!(
        "{HEAD}  parameter rates \"r\"\n    from 2018-01-01: marginal rates over USD 0: 10% over USD 100 (from 2021-01-01: USD 200): 12% end\n    from 2020-01-01: marginal rates over USD 0: 11% end\n  define tax \"t\" = rates of income rounded down to the cent\nverdict tax = s1.tax\n"
    );
    insta::assert_snapshot!("change_after_next_entry", problems_of(&after_next));
}

#[test]
fn a_change_that_puts_thresholds_out_of_order_is_found_when_checking() {
    let text = format!(
        "{HEAD}  parameter rates \"r\"\n    from 2018-01-01: marginal rates over USD 0: 10% over USD 100: 12% over USD 500 (from 2019-01-01: USD 50): 20% end\n  define tax \"t\" = rates of income rounded down to the cent\nverdict tax = s1.tax\n"
    );
    insta::assert_snapshot!("change_out_of_order", problems_of(&text));
}

#[test]
fn a_change_whose_value_is_not_written_out_is_refused() {
    let text = format!(
        "{HEAD}  parameter rates \"r\"\n    from 2018-01-01: marginal rates over USD 0: 10% over USD 100: 12% (from 2019-01-01: income) end\n  define tax \"t\" = rates of income rounded down to the cent\nverdict tax = s1.tax\n"
    );
    insta::assert_snapshot!("change_not_a_rate", problems_of(&text));
    let unclosed = format!(
        "{HEAD}  parameter rates \"r\"\n    from 2018-01-01: marginal rates over USD 0: 10% over USD 100 (from 2019-01-01: USD 200: 12% end\n  define tax \"t\" = rates of income rounded down to the cent\nverdict tax = s1.tax\n"
    );
    insta::assert_snapshot!("change_unclosed", problems_of(&unclosed));
}
