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
fn a_part_changed_twice_from_one_date_is_refused() {
    let text = format!(
        "{HEAD}  parameter rates \"r\"\n    from 2018-01-01: marginal rates over USD 0: 10% over USD 100 (from 2019-01-01: USD 200, from 2019-01-01: USD 300): 12% end\n  define tax \"t\" = rates of income rounded down to the cent\nverdict tax = s1.tax\n"
    );
    insta::assert_snapshot!("change_twice", problems_of(&text));
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

/// Each verdict's value, or its error's code, on a date.
fn values(model: &Model, facts: &str, on: &str) -> Vec<String> {
    let facts = parse_facts_text(model, "facts", facts, FactsFormat::Json).expect("facts load");
    let readings = Readings::defaults(model);
    let asked: Vec<u32> = (0..model.verdicts.len() as u32).collect();
    let evaluation = provisio::eval::evaluate_only(
        model,
        &facts,
        date(on),
        AsOfSource::Given,
        &readings,
        &asked,
    );
    evaluation
        .verdicts
        .iter()
        .map(|o| match &o.error {
            Some(error) => error.code().to_string(),
            None => model.format_value(&o.value),
        })
        .collect()
}

#[test]
fn a_threshold_computed_from_a_dated_value_and_a_fact() {
    let model = load("computed.policy");
    let facts = |joint: bool| {
        format!(
            r#"{{"income": "USD 20000", "joint": {joint}, "first": "USD 9000", "second": "USD 15000"}}"#
        )
    };
    // 10% of 19050 and 12% of 950.
    assert_eq!(values(&model, &facts(true), "2018-06-01")[0], "USD 2019.00");
    // The threshold's history: 10% of 19400 and 12% of 600.
    assert_eq!(values(&model, &facts(true), "2019-06-01")[0], "USD 2012.00");
    // 10% of 9700 and 12% of 10300.
    assert_eq!(
        values(&model, &facts(false), "2019-06-01")[0],
        "USD 2206.00"
    );
    // 900 + 720 + 22% of 5000.
    assert_eq!(
        values(&model, &facts(false), "2019-06-01")[1],
        "USD 2720.00"
    );
}

#[test]
fn a_computed_scale_is_explained_with_what_each_part_came_from() {
    let model = load("computed.policy");
    let facts =
        r#"{"income": "USD 20000", "joint": true, "first": "USD 9000", "second": "USD 15000"}"#;
    let why = &outcomes(&model, facts, "2019-06-01")[0].1;
    assert!(
        why.contains("The rates: marginal rates: 10% over USD 0.00; 12% over USD 19400.00, the threshold of bracket 2 being the threshold that applies (USD 19400.00)."),
        "{why}"
    );
    assert!(
        why.contains(
            "the threshold on 1 June 2019 (USD 9700.00, in force from 1 January 2019) times 2"
        ),
        "{why}"
    );
}

#[test]
fn thresholds_out_of_order_are_an_evaluation_error_naming_the_brackets() {
    let model = load("computed.policy");
    let facts =
        r#"{"income": "USD 20000", "joint": false, "first": "USD 9000", "second": "USD 5000"}"#;
    assert_eq!(
        values(&model, facts, "2019-06-01"),
        ["USD 2206.00", "provisio::scale_order"],
        "only the verdict that uses the scale errs"
    );
    let parsed = parse_facts_text(&model, "facts", facts, FactsFormat::Json).expect("facts");
    let evaluation = provisio::eval::evaluate_only(
        &model,
        &parsed,
        date("2019-06-01"),
        AsOfSource::Given,
        &Readings::defaults(&model),
        &[1],
    );
    let error = evaluation.verdicts[0].error.as_ref().expect("an error");
    insta::assert_snapshot!("out_of_order", render(&error.to_problem(&model), false));
    // Equal thresholds are out of order too.
    let equal =
        r#"{"income": "USD 20000", "joint": false, "first": "USD 9000", "second": "USD 9000"}"#;
    assert_eq!(
        values(&model, equal, "2019-06-01")[1],
        "provisio::scale_order"
    );
}

#[test]
fn a_part_that_is_unknown_leaves_the_scale_unknown() {
    let model = load("computed.policy");
    let facts = r#"{"income": "USD 20000", "joint": false, "second": "USD 15000"}"#;
    assert_eq!(
        values(&model, facts, "2019-06-01"),
        ["USD 2206.00", "unknown"]
    );
}

#[test]
fn eval_exits_with_the_status_of_an_errored_verdict() {
    let dir = std::env::temp_dir().join(format!("provisio-scales-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let facts = dir.join("facts.json");
    std::fs::write(
        &facts,
        r#"{"income": "USD 20000", "joint": false, "first": "USD 9000", "second": "USD 5000", "as_of": "2019-06-01"}"#,
    )
    .expect("written");
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_provisio"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["eval", "tests/computed_scales/computed.policy", "--facts"])
        .arg(&facts)
        .args(["--format", "json", "--explain", "none"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["verdicts"]["tax"]["value"], "USD 2206.00");
    assert_eq!(json["verdicts"]["regional"]["status"], "error");
    assert_eq!(
        json["verdicts"]["regional"]["error"]["code"],
        "provisio::scale_order"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_scale_written_out_stays_a_constant() {
    let model = load("dated_brackets.policy");
    assert!(
        model
            .definitions
            .iter()
            .all(|d| !matches!(d.body.kind, provisio::model::ExprKind::Scale(_))),
        "no computed scale"
    );
    let model = load("computed.policy");
    let rates = model
        .definitions
        .iter()
        .find(|d| d.name == "rates")
        .expect("rates");
    assert!(matches!(
        rates.body.kind,
        provisio::model::ExprKind::Scale(_)
    ));
}

#[test]
fn computed_parts_of_the_wrong_kind_are_refused() {
    let head = "instrument \"A tax\" adopted 2018-01-01\n\
        fact income \"the income\": money in USD\n\
        fact name \"a name\": text\n\
        fact flag \"a flag\": boolean\n\
        fact rate \"a rate\": decimal\n\
        fact euros \"an amount in euros\": money in EUR\n\
        provision s1 \"Rates\"\n  text \"The tax.\"\n";
    let case = |scale: &str| {
        format!(
            "{head}  define rates \"r\" = {scale}\n  define uses \"u\" = name = \"x\" and flag and rate > 0 and euros > EUR 0\n  define tax \"t\" = rates of income rounded down to the cent\nverdict tax = s1.tax\nverdict n = s1.uses\n"
        )
    };
    insta::assert_snapshot!(
        "rate_is_text",
        problems_of(&case(
            "marginal rates over USD 0: 10% over income * 2: name end"
        ))
    );
    insta::assert_snapshot!(
        "threshold_is_boolean",
        problems_of(&case("marginal rates over USD 0: rate over flag: 12% end"))
    );
    insta::assert_snapshot!(
        "threshold_in_another_currency",
        problems_of(&case("marginal rates over USD 0: rate over euros: 12% end"))
    );
}

#[test]
fn a_rate_computed_from_a_fact() {
    // Section 10: 0% up to EUR 10000, then 20% plus a surcharge set each year.
    let model = load("surcharge.policy");
    let facts = r#"{"income": "EUR 20000", "surcharge": 0.05}"#;
    assert_eq!(values(&model, facts, "2024-06-01"), ["EUR 2500.00"]);
}
