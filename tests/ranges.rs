//! Facts known within a range: `between`, `on_or_after`, `on_or_before`,
//! `at_least`, `at_most`, a year or a month for a date, and `one_of` for an
//! enumeration. How they load, every mistake in them as a diagnostic, and
//! the verdicts they decide on the bundled decision.

#[allow(dead_code)]
mod common;

use std::path::Path;

use chrono::NaiveDate;
use provisio::check::check_source;
use provisio::facts::{Facts, FactsError, FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;
use provisio::value::{Bounds, Scalar, Value};
use rust_decimal::Decimal;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn model_of(relative: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    match check_source(&SourceFile::new(relative, read(&path))) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("{relative} does not check: {problems:?}"),
    }
}

/// The grant of `tests/fixtures/grant.policy`: a fact of every type.
fn grant() -> Model {
    model_of("tests/fixtures/grant.policy")
}

fn load(model: &Model, name: &str, text: &str) -> Result<Facts, FactsError> {
    let format = FactsFormat::from_path(Path::new(name)).unwrap_or(FactsFormat::Json);
    parse_facts(model, &SourceFile::new(name, text), format)
}

fn loaded(model: &Model, name: &str, text: &str) -> Facts {
    load(model, name, text).unwrap_or_else(|e| panic!("{name} does not load: {e:?}"))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn days(lo: Option<NaiveDate>, hi: Option<NaiveDate>) -> Value {
    Value::Unknown(Bounds {
        lo: lo.map(Scalar::Date),
        hi: hi.map(Scalar::Date),
    })
}

fn number(text: &str) -> Scalar {
    Scalar::Number(Decimal::from_str_exact(text).unwrap_or_default())
}

fn fact(model: &Model, facts: &Facts, name: &str) -> Value {
    let index = model.facts.iter().position(|f| f.field.name == name);
    facts.values[index.unwrap_or_else(|| panic!("no fact `{name}`"))].clone()
}

/// The field `field` of the record fact `name`.
fn field(model: &Model, facts: &Facts, name: &str, field: usize) -> Value {
    match fact(model, facts, name) {
        Value::Record(fields) => fields[field].clone(),
        other => panic!("`{name}` is not a record: {other:?}"),
    }
}

/// The fields of the grant's applicant, in declaration order.
const AGE: usize = 0;
const SCORE: usize = 1;
const INCOME: usize = 2;
const STATUS: usize = 5;

#[test]
fn dates_are_read_as_ranges_in_every_form() {
    let model = grant();
    let cases = [
        (
            r#""2026""#,
            days(Some(day(2026, 1, 1)), Some(day(2026, 12, 31))),
        ),
        (
            r#""2024-02""#,
            days(Some(day(2024, 2, 1)), Some(day(2024, 2, 29))),
        ),
        (
            r#"{"between": ["2026-05-01", "2026-12-31"]}"#,
            days(Some(day(2026, 5, 1)), Some(day(2026, 12, 31))),
        ),
        (
            r#"{"between": ["2026-03", "2027"]}"#,
            days(Some(day(2026, 3, 1)), Some(day(2027, 12, 31))),
        ),
        (
            r#"{"on_or_after": "2026-05-01"}"#,
            days(Some(day(2026, 5, 1)), None),
        ),
        (
            r#"{"on_or_before": "2026-05"}"#,
            days(None, Some(day(2026, 5, 31))),
        ),
        (
            r#"{"on_or_after": "2026-05-01", "on_or_before": "2026-06-30"}"#,
            days(Some(day(2026, 5, 1)), Some(day(2026, 6, 30))),
        ),
        // A range whose ends meet is that day.
        (
            r#"{"between": ["2026-05-01", "2026-05-01"]}"#,
            Value::Date(day(2026, 5, 1)),
        ),
        (r#""2026-03-31""#, Value::Date(day(2026, 3, 31))),
    ];
    for (given, expected) in cases {
        let facts = loaded(
            &model,
            "f.json",
            &format!(r#"{{"applicant": {{}}, "filed": {given}}}"#),
        );
        assert_eq!(fact(&model, &facts, "filed"), expected, "{given}");
    }
}

#[test]
fn a_bare_year_in_yaml_or_toml_is_that_year_and_only_four_digits_are() {
    let model = grant();
    let year = days(Some(day(2026, 1, 1)), Some(day(2026, 12, 31)));
    let yaml = loaded(&model, "f.yaml", "applicant: {}\nfiled: 2026\n");
    assert_eq!(fact(&model, &yaml, "filed"), year);
    let toml = loaded(
        &model,
        "f.toml",
        "filed = { between = [2026, \"2027-03\"] }\n[applicant]\n",
    );
    assert_eq!(
        fact(&model, &toml, "filed"),
        days(Some(day(2026, 1, 1)), Some(day(2027, 3, 31)))
    );
    for refused in ["26", "20260331", "-2026"] {
        let text = format!("applicant: {{}}\nfiled: {refused}\n");
        let problems = match load(&model, "f.yaml", &text) {
            Ok(facts) => panic!("{refused} loaded: {facts:?}"),
            Err(error) => error
                .problems()
                .iter()
                .map(|p| p.message.clone())
                .collect::<Vec<_>>(),
        };
        assert_eq!(
            problems,
            [format!(
                "filed: expected a date like 2026-03-31, found {refused}"
            )]
        );
    }
    // The evaluation date is one day, however the year is written.
    let as_of = load(&model, "f.yaml", "as_of: 2026\napplicant: {}\n").err();
    let messages: Vec<String> = as_of
        .iter()
        .flat_map(|e| e.problems().iter().map(|p| p.message.clone()))
        .collect();
    assert_eq!(
        messages,
        ["as_of: the evaluation date is one day, not a range"]
    );
}

#[test]
fn numbers_and_money_are_read_as_ranges() {
    let model = grant();
    let facts = loaded(
        &model,
        "f.json",
        r#"{"applicant": {"age": {"between": [18, 30]}, "score": {"at_least": "12.5"},
            "income": {"at_most": "EUR 20000"}}}"#,
    );
    let range = |lo, hi| Value::Unknown(Bounds { lo, hi });
    assert_eq!(
        field(&model, &facts, "applicant", AGE),
        range(Some(number("18")), Some(number("30")))
    );
    assert_eq!(
        field(&model, &facts, "applicant", SCORE),
        range(Some(number("12.5")), None)
    );
    let income = provisio::value::Money::parse("EUR 20000").map(Scalar::Money);
    assert_eq!(
        field(&model, &facts, "applicant", INCOME),
        range(None, income)
    );
    let exact = loaded(
        &model,
        "f.json",
        r#"{"applicant": {"age": {"between": [18, 18]}}}"#,
    );
    assert_eq!(
        field(&model, &exact, "applicant", AGE),
        Value::Number(Decimal::from(18))
    );
}

#[test]
fn the_same_ranges_read_alike_in_yaml_and_toml() {
    let model = grant();
    let json = loaded(
        &model,
        "f.json",
        r#"{"applicant": {"age": {"at_least": 18}, "status": {"one_of": ["retired", "employed"]}},
            "filed": "2026", "hearing": {"opening": {"between": ["2026-05-01", "2026-06-30"]}}}"#,
    );
    let yaml = loaded(
        &model,
        "f.yaml",
        "applicant:\n  age: {at_least: 18}\n  status:\n    one_of: [retired, employed]\nfiled: \"2026\"\nhearing:\n  opening:\n    between: [2026-05-01, 2026-06-30]\n",
    );
    let toml = loaded(
        &model,
        "f.toml",
        "filed = \"2026\"\n[applicant]\nage = { at_least = 18 }\nstatus = { one_of = [\"retired\", \"employed\"] }\n[hearing]\nopening = { between = [2026-05-01, 2026-06-30] }\n",
    );
    assert_eq!(json, yaml);
    assert_eq!(json, toml);
}

#[test]
fn one_of_gives_the_values_in_declaration_order() {
    let model = grant();
    let status = |given: &str| {
        let facts = loaded(
            &model,
            "f.json",
            &format!(r#"{{"applicant": {{"status": {{"one_of": {given}}}}}}}"#),
        );
        common::shown(&model, &field(&model, &facts, "applicant", STATUS))
    };
    assert_eq!(
        status(r#"["retired", "employed"]"#),
        "one of employed, retired"
    );
    assert_eq!(
        status(r#"["employed", "retired", "employed"]"#),
        "one of employed, retired"
    );
    // One value listed is that value, known.
    assert_eq!(status(r#"["retired"]"#), "retired");
}

/// Every mistake in a range, as the user sees it.
#[test]
fn range_diagnostics() {
    let model = grant();
    insta::glob!("diagnostics/ranges/*.{json,yaml,toml}", |path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let error = match load(&model, &name, &read(path)) {
            Ok(facts) => panic!("{name} loaded without errors: {facts:?}"),
            Err(error) => error,
        };
        let rendered: Vec<String> = error.problems().iter().map(|p| render(p, false)).collect();
        insta::assert_snapshot!(rendered.join("\n"));
    });
}

/// Evaluates the bundled decision on JSON facts as of a day, with the
/// default readings, or the readings given.
fn bundled_verdicts(facts: &str, as_of: &str) -> Vec<(String, String)> {
    let policy =
        read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/wto/mc13-ecommerce.policy"));
    common::run(&policy, facts, as_of).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_session_after_the_cap_decides_the_expiry() {
    // Opening some time from May to December 2026: the expiry is 31 March
    // 2026 whatever the day, so every verdict is determined.
    let facts = r#"{"mc14": {"opening": {"between": ["2026-05-01", "2026-12-31"]}}}"#;
    let on_30_march = bundled_verdicts(facts, "2026-03-30");
    assert_eq!(common::verdict(&on_30_march, "expiry_date"), "2026-03-31");
    assert_eq!(common::verdict(&on_30_march, "moratorium_in_force"), "true");
    let on_31_march = bundled_verdicts(facts, "2026-03-31");
    assert_eq!(
        common::verdict(&on_31_march, "moratorium_in_force"),
        "false"
    );
    assert_eq!(
        common::verdict(&on_31_march, "work_programme_active"),
        "false"
    );
}

#[test]
fn a_session_some_time_in_2026_decides_what_comes_before_it() {
    let facts = r#"{"mc14": {"opening": "2026"}}"#;
    let before = bundled_verdicts(facts, "2025-06-01");
    assert_eq!(common::verdict(&before, "moratorium_in_force"), "true");
    assert_eq!(
        common::verdict(&before, "expiry_date"),
        "unknown, between 1 January 2026 and 31 March 2026"
    );
    // From the cap on it has expired, whenever in 2026 the Session opens.
    let after = bundled_verdicts(facts, "2026-04-01");
    assert_eq!(common::verdict(&after, "moratorium_in_force"), "false");
    // Within the range the answer depends on the day.
    let within = bundled_verdicts(facts, "2026-02-15");
    assert_eq!(common::verdict(&within, "moratorium_in_force"), "unknown");
}

#[test]
fn a_session_in_march_leaves_only_march_open() {
    let facts = r#"{"mc14": {"opening": {"on_or_after": "2026-03-10"}}}"#;
    assert_eq!(
        common::verdict(
            &bundled_verdicts(facts, "2026-03-09"),
            "moratorium_in_force"
        ),
        "true"
    );
    assert_eq!(
        common::verdict(
            &bundled_verdicts(facts, "2026-03-10"),
            "moratorium_in_force"
        ),
        "unknown"
    );
    assert_eq!(
        common::verdict(
            &bundled_verdicts(facts, "2026-03-31"),
            "moratorium_in_force"
        ),
        "false"
    );
}

#[test]
fn a_measure_of_either_kind_on_goods_is_outside_scope() {
    // Levied on physical goods: outside scope whatever its kind.
    let facts = r#"{"as_of": "2025-01-01", "mc14": {"opening": "2026-03-26"},
        "measure": {"kind": {"one_of": ["customs_duty", "internal_tax"]}, "levied_on": "physical_goods"}}"#;
    let verdicts = bundled_verdicts(facts, "2025-01-01");
    assert_eq!(
        common::verdict(&verdicts, "measure_status"),
        "outside_scope"
    );
}

#[test]
fn a_range_that_leaves_out_a_date_the_policy_fixes_contradicts_it() {
    let policy = "instrument \"A fixed hearing\" adopted 2020-01-01\n\
                  event hearing \"the hearing\" opening 2026-05-04\n\
                  verdict opened = as_of on or after hearing.opening\n";
    let model = match check_source(&SourceFile::new("fixed.policy", policy)) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("does not check: {problems:?}"),
    };
    let messages = |facts: &str| match load(&model, "f.json", facts) {
        Ok(_) => Vec::new(),
        Err(error) => error
            .problems()
            .iter()
            .map(|p| format!("{}: {}", p.kind.code(), p.message))
            .collect(),
    };
    assert_eq!(
        messages(r#"{"hearing": {"opening": {"on_or_after": "2026-06"}}}"#),
        [
            "provisio::facts::contradicts_policy: hearing.opening: the policy fixes it at 2026-05-04, but the facts give a day on or after 2026-06-01"
        ]
    );
    // A range that holds the fixed date agrees with it.
    assert!(messages(r#"{"hearing": {"opening": "2026-05", "closing": "2026"}}"#).is_empty());
}

/// Odd ranges are reported or read, never a panic, and each is reported at
/// the place it is wrong.
#[test]
fn odd_ranges_are_reported_where_they_are_wrong() {
    let model = grant();
    let cases: &[(&str, &str)] = &[
        (
            r#"{"applicant": {}, "filed": {"between": [{"between": ["2026", "2027"]}, "2028"]}}"#,
            "provisio::facts::wrong_type filed.between[0]: expected a date like 2026-03-31, found an object",
        ),
        (
            r#"{"applicant": {}, "filed": {"between": [null, "2026-01-01"]}}"#,
            "provisio::facts::wrong_type filed.between[0]: expected a date like 2026-03-31, found null",
        ),
        (
            r#"{"applicant": {}, "filed": {}}"#,
            "provisio::facts::range_form filed: an empty range",
        ),
        (
            r#"{"applicant": {}, "filed": {"on_or_after": "2026", "on_or_after": "2027"}}"#,
            "provisio::facts::duplicate duplicate end `filed.on_or_after`",
        ),
        (
            r#"{"applicant": {"status": {"one_of": ["none", "employed"]}}}"#,
            "provisio::facts::not_in_enum applicant.status.one_of[0]: `none` is not one of employed, self_employed, retired",
        ),
        (
            r#"{"applicant": {"status": {"one_of": [1, "employed"]}}}"#,
            "provisio::facts::wrong_type applicant.status.one_of[0]: expected one of employed, self_employed, retired, found 1",
        ),
        (
            r#"{"applicant": {"status": {"between": ["employed", "retired"]}}}"#,
            "provisio::facts::range_form applicant.status: unknown key `between` for an enumeration",
        ),
        (
            r#"{"applicant": {"status": {}}}"#,
            "provisio::facts::range_form applicant.status: expected a value or `one_of`, found an empty object",
        ),
        (
            r#"{"applicant": {"score": {"at_least": "12.5.1"}}}"#,
            "provisio::facts::wrong_type applicant.score.at_least: expected a number like 12.50, found \"12.5.1\"",
        ),
        (
            r#"{"applicant": {}, "filed": {"between": ["9999", "9999-12"]}}"#,
            "",
        ),
        (
            r#"{"applicant": {}, "visits": [{"between": ["2026-01", "2026-02"]}, "2026-03-01"]}"#,
            "",
        ),
    ];
    for (facts, expected) in cases {
        let got: Vec<String> = match load(&model, "f.json", facts) {
            Ok(_) => Vec::new(),
            Err(error) => error
                .problems()
                .iter()
                .map(|p| format!("{} {}", p.kind.code(), p.message))
                .collect(),
        };
        let expected: Vec<String> = match *expected {
            "" => Vec::new(),
            one => vec![one.to_string()],
        };
        assert_eq!(got, expected, "{facts}");
    }
}
