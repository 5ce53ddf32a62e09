//! An error stops only what it touches: a verdict whose rule fails (a
//! conflict between exceptions, a division by zero, a dated value asked
//! outside its history) is reported as errored, and every other verdict is
//! evaluated and reported as usual, by `eval` in each format, `--all-readings`,
//! `timeline`, `batch` and `test`.
//!
//! The policy is `tests/fixtures/verdict_errors/levies.policy`: `rate` and
//! `half_rate` use a definition whose exceptions conflict for a student with
//! a low income, `share` divides by the number of parts, `fee` is a dated
//! value from 2025, and `on_time` uses none of them.

use assert_cmd::Command;
use chrono::NaiveDate;
use provisio::eval::trace::RuleRef;
use provisio::eval::{
    AsOfSource, EvalError, Evaluator, Input, Readings, Tracer, evaluate, evaluate_only,
};
use provisio::facts::{FactsFormat, parse_facts_text};
use provisio::model::{Expr, Model};
use provisio::span::SourceFile;
use provisio::value::Value;
use serde_json::{Value as Json, json};

const POLICY: &str = "tests/fixtures/verdict_errors/levies.policy";
/// A student with a low income (a conflict) and no parts (a division by zero).
const CONFLICT: &str = "tests/fixtures/verdict_errors/conflict.json";
/// The same person with a high income and three parts: nothing fails.
const FINE: &str = "tests/fixtures/verdict_errors/fine.json";
const CASES: &str = "tests/fixtures/verdict_errors/cases";

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// The exit code, stdout and stderr of a run.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = provisio().args(args).output().expect("provisio runs");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

fn model() -> Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICY);
    let text = std::fs::read_to_string(path).expect("the policy reads");
    provisio::check::check_source(&SourceFile::new(POLICY, text.as_str()))
        .expect("the policy checks")
        .model
}

fn facts(model: &Model, text: &str) -> provisio::facts::Facts {
    parse_facts_text(model, "facts", text, FactsFormat::Json).expect("the facts load")
}

const CONFLICT_FACTS: &str =
    r#"{"income": 500, "student": true, "parts": 0, "filed": "2025-06-01"}"#;

fn june_2025() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).expect("a date")
}

fn verdict_id(model: &Model, name: &str) -> u32 {
    model
        .verdicts
        .iter()
        .position(|v| v.name == name)
        .expect("a verdict of the policy") as u32
}

// ---------------------------------------------------------------------------
// The library
// ---------------------------------------------------------------------------

#[test]
fn each_verdict_has_its_own_outcome_and_the_others_are_evaluated() {
    let model = model();
    let facts = facts(&model, CONFLICT_FACTS);
    let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
    let evaluation = evaluate_only(
        &model,
        &facts,
        june_2025(),
        AsOfSource::Given,
        &Readings::defaults(&model),
        &every,
    );
    let outcomes: Vec<(String, Option<&str>, Value)> = evaluation
        .verdicts
        .iter()
        .map(|o| {
            (
                model.verdicts[o.verdict as usize].name.clone(),
                o.error.as_ref().map(EvalError::code),
                o.value.clone(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("rate".into(), Some("provisio::conflict"), Value::UNKNOWN),
            (
                "half_rate".into(),
                Some("provisio::conflict"),
                Value::UNKNOWN
            ),
            (
                "share".into(),
                Some("provisio::division_by_zero"),
                Value::UNKNOWN
            ),
            (
                "fee".into(),
                None,
                Value::Number(rust_decimal::Decimal::from(50))
            ),
            ("on_time".into(), None, Value::Bool(true)),
        ]
    );
    // An errored verdict has no sentence values, no residual and no explanation.
    let rate = &evaluation.verdicts[0];
    assert!(rate.template_values.is_empty());
    assert_eq!(evaluation.residual(&model, rate), None);
    assert!(
        provisio::explain::explain(
            &model,
            &evaluation,
            rate,
            provisio::explain::Detail::Decisive
        )
        .is_none()
    );
}

#[test]
fn evaluate_still_gives_the_first_error_in_declaration_order() {
    let model = model();
    let facts = facts(&model, CONFLICT_FACTS);
    let error = evaluate(
        &model,
        &facts,
        june_2025(),
        AsOfSource::Given,
        &Readings::defaults(&model),
    )
    .expect_err("a verdict errors");
    assert_eq!(error.code(), "provisio::conflict");
}

#[test]
fn an_error_names_the_provision_and_rule_it_arose_in() {
    let model = model();
    let facts = facts(&model, CONFLICT_FACTS);
    let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
    let evaluation = evaluate_only(
        &model,
        &facts,
        NaiveDate::from_ymd_opt(2024, 6, 1).expect("a date"),
        AsOfSource::Given,
        &Readings::defaults(&model),
        &every,
    );
    let places: Vec<(Option<String>, Option<String>)> = evaluation
        .verdicts
        .iter()
        .filter_map(|o| o.error.as_ref())
        .map(|e| {
            let place = e.place(&model);
            (place.provision, place.rule)
        })
        .collect();
    assert_eq!(
        places,
        [
            // The conflict is in the definition whose exceptions disagree.
            (Some("art1".into()), Some("rate".into())),
            (Some("art1".into()), Some("rate".into())),
            (Some("art3".into()), Some("share".into())),
            // The dated value is asked in the verdict itself, in no rule.
            (None, None),
        ]
    );
}

/// Counts the rules a run computes (not those it finds remembered).
#[derive(Default)]
struct RuleCount(usize);

impl<'m> Tracer<'m> for RuleCount {
    const RECORDS: bool = true;
    fn enter(&mut self) -> u32 {
        0
    }
    fn expr(&mut self, _: u32, _: &'m Expr, _: &Value) {}
    fn rule(&mut self, _: u32, _: RuleRef, _: &Value) {
        self.0 += 1;
    }
    fn remembered(&mut self, _: RuleRef, _: &Value) {}
}

#[test]
fn a_rule_that_failed_fails_the_same_way_for_the_next_verdict_without_being_computed_again() {
    let model = model();
    let facts = facts(&model, CONFLICT_FACTS);
    let readings = Readings::defaults(&model);
    let input = Input {
        facts: &facts,
        as_of: june_2025(),
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(&model);
    let mut first = RuleCount::default();
    let first_error = evaluator
        .verdict(&input, verdict_id(&model, "rate"), &mut first)
        .expect_err("the exceptions conflict");
    assert!(first.0 > 0, "the exceptions were computed");
    let mut second = RuleCount::default();
    let second_error = evaluator
        .verdict(&input, verdict_id(&model, "half_rate"), &mut second)
        .expect_err("the same conflict");
    assert_eq!(first_error, second_error);
    assert_eq!(second.0, 0, "no rule computed again");
    // Once reset, the evaluator computes it afresh.
    evaluator.reset();
    let mut again = RuleCount::default();
    let _ = evaluator.verdict(&input, verdict_id(&model, "half_rate"), &mut again);
    assert_eq!(again.0, first.0);
    // The fastest path gives the same per verdict.
    let mut values = Vec::new();
    provisio::eval::evaluate_values(&mut evaluator, &input, &mut values);
    let codes: Vec<Result<Value, &str>> = values
        .into_iter()
        .map(|v| v.map_err(|e| e.code()))
        .collect();
    assert_eq!(
        codes,
        [
            Err("provisio::conflict"),
            Err("provisio::conflict"),
            Err("provisio::division_by_zero"),
            Ok(Value::Number(rust_decimal::Decimal::from(50))),
            Ok(Value::Bool(true)),
        ]
    );
}

#[test]
fn an_error_in_a_period_in_force_or_a_sentence_errors_only_the_verdicts_it_touches() {
    let source = SourceFile::new(
        "periods.policy",
        r#"instrument "Periods" adopted 2024-01-01
fact start "the day the scheme starts": date
fact parts "the number of parts": integer

provision art1 "Scheme"
  text "The scheme runs from a month after it starts."
  in force from start + 1 month
  define open "the scheme is open" = true

provision art2 "Parts"
  text "There are parts."
  define some_parts "there are parts" = parts > 0
  define each "the share of each part" = 600 / parts

verdict open = art1.open says "The scheme {is|is not} open."
verdict parts = art2.some_parts says "There {are|are not} parts: each is {art2.each}."
verdict plain = art2.some_parts says "There {are|are not} parts."
"#,
    );
    let model = provisio::check::check_source(&source)
        .expect("the policy checks")
        .model;
    let facts = facts(&model, r#"{"start": "2025-01-31", "parts": 0}"#);
    let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
    let evaluation = evaluate_only(
        &model,
        &facts,
        june_2025(),
        AsOfSource::Given,
        &Readings::defaults(&model),
        &every,
    );
    let outcomes: Vec<(Option<&str>, Value, Value)> = evaluation
        .verdicts
        .iter()
        .map(|o| {
            (
                o.error.as_ref().map(EvalError::code),
                o.value.clone(),
                o.in_force.clone(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            // 31 January plus a month lands on a day that does not exist:
            // whether the verdict applies cannot be decided.
            (
                Some("provisio::ambiguous_date"),
                Value::UNKNOWN,
                Value::UNKNOWN
            ),
            // Its sentence cannot be written: no value is reported.
            (
                Some("provisio::division_by_zero"),
                Value::UNKNOWN,
                Value::Bool(true)
            ),
            (None, Value::Bool(false), Value::Bool(true)),
        ]
    );
    // The provision whose period failed is neither in force nor out of it.
    assert_eq!(
        evaluation.provisions_in_force,
        [None, Some(Value::Bool(true))]
    );
}

// ---------------------------------------------------------------------------
// eval
// ---------------------------------------------------------------------------

#[test]
fn eval_text_shows_the_error_under_each_errored_verdict_and_exits_3() {
    let (code, stdout, _) = run(&["eval", POLICY, "--facts", CONFLICT]);
    assert_eq!(code, Some(3));
    insta::assert_snapshot!(stdout);
}

#[test]
fn eval_reports_each_distinct_error_once_on_stderr_pointing_into_the_policy() {
    let (code, _, stderr) = run(&["eval", POLICY, "--facts", CONFLICT, "--format", "json"]);
    assert_eq!(code, Some(3));
    // Two verdicts share the conflict: it is reported once.
    assert_eq!(stderr.matches("provisio::conflict").count(), 1, "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn eval_json_gives_an_errored_verdict_status_error_and_the_error() {
    let (code, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        CONFLICT,
        "--format",
        "json",
        "--explain",
        "none",
    ]);
    assert_eq!(code, Some(3));
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    let conflict = "exception `student_rate` of provision `art1` and exception `low_income` of provision `art2` both apply to `rate` and disagree: 10 and 0";
    assert_eq!(
        json["verdicts"]["rate"],
        json!({
            "value": null,
            "status": "error",
            "error": {
                "code": "provisio::conflict",
                "message": conflict,
                "provision": "art1",
                "rule": "rate",
            },
        })
    );
    assert_eq!(
        json["verdicts"]["share"]["error"],
        json!({
            "code": "provisio::division_by_zero",
            "message": "division by zero",
            "provision": "art3",
            "rule": "share",
        })
    );
    assert_eq!(
        json["verdicts"]["on_time"],
        json!({
            "value": true,
            "status": "determined",
            "readings_used": [],
            "sentence": "The return was filed on time.",
        })
    );
}

#[test]
fn eval_markdown_says_which_verdicts_could_not_be_evaluated() {
    let (code, stdout, _) = run(&["eval", POLICY, "--facts", CONFLICT, "--format", "markdown"]);
    assert_eq!(code, Some(3));
    insta::assert_snapshot!(stdout);
}

#[test]
fn eval_exits_0_when_no_verdict_errors() {
    let (code, stdout, stderr) = run(&["eval", POLICY, "--facts", FINE, "--explain", "none"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("  rate = 10\n"), "{stdout}");
    assert_eq!(stderr, "");
}

#[test]
fn all_readings_marks_the_errored_outcomes() {
    let (code, stdout, _) = run(&["eval", POLICY, "--facts", CONFLICT, "--all-readings"]);
    assert_eq!(code, Some(3));
    assert!(
        stdout.contains("  rate = error: provisio::conflict (no reading varied)\n")
            && stdout.contains("  on_time = true (no reading varied)\n"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        CONFLICT,
        "--all-readings",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(3));
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    let outcome = &json["verdicts"]["share"]["outcomes"][0];
    assert_eq!(outcome["status"], "error");
    assert_eq!(outcome["error"]["code"], "provisio::division_by_zero");
    assert_eq!(json["verdicts"]["on_time"]["outcomes"][0]["value"], true);
}

// ---------------------------------------------------------------------------
// timeline
// ---------------------------------------------------------------------------

#[test]
fn timeline_shows_an_errored_stretch_and_exits_3() {
    let args = [
        "timeline",
        POLICY,
        "--facts",
        CONFLICT,
        "--from",
        "2024-12-30",
        "--to",
        "2025-01-02",
    ];
    let (code, stdout, _) = run(&args);
    assert_eq!(code, Some(3));
    insta::assert_snapshot!(stdout);
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (code, stdout, _) = run(&json_args);
    assert_eq!(code, Some(3));
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    // The dated value is asked before its history on two days, the same
    // failure each day: one stretch, with the error of its first day.
    assert_eq!(
        json["verdicts"]["fee"],
        json!([
            {
                "from": "2024-12-30",
                "to": "2024-12-31",
                "value": null,
                "status": "error",
                "error": {
                    "code": "provisio::not_defined",
                    "message": "`fee` is not defined before 1 January 2025, and is asked for on 30 December 2024",
                    "provision": null,
                    "rule": null,
                    "day": "2024-12-30",
                },
            },
            {"from": "2025-01-01", "to": "2025-01-02", "value": 50, "status": "determined"},
        ])
    );
    let mut svg_args = args.to_vec();
    svg_args.extend(["--format", "svg"]);
    let (code, stdout, _) = run(&svg_args);
    assert_eq!(code, Some(3));
    // The errored stretch names the day its error arose on, on the picture.
    assert!(
        stdout.contains(">error on 30 December 2024: provisio::not_defined<"),
        "{stdout}"
    );
}

// ---------------------------------------------------------------------------
// batch
// ---------------------------------------------------------------------------

fn batch_input(name: &str, rows: &[&str]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("verdict_errors");
    std::fs::create_dir_all(&dir).expect("a folder");
    let path = dir.join(name);
    std::fs::write(&path, rows.join("\n") + "\n").expect("written");
    path
}

const ROW_CONFLICT: &str =
    r#"{"as_of": "2025-06-01", "income": 500, "student": true, "parts": 0, "filed": "2025-06-01"}"#;
const ROW_FINE: &str = r#"{"as_of": "2025-06-01", "income": 5000, "student": true, "parts": 3, "filed": "2025-06-01"}"#;

#[test]
fn batch_marks_the_errored_verdicts_in_their_row_and_exits_3() {
    let input = batch_input("rows.jsonl", &[ROW_CONFLICT, ROW_FINE]);
    let input = input.to_str().expect("a path");
    let (code, stdout, stderr) = run(&["batch", POLICY, "--scenarios", input]);
    assert_eq!(code, Some(3), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            concat!(
                r#"{"line":1,"as_of":"2025-06-01","readings":{},"verdicts":{"rate":null,"half_rate":null,"share":null,"fee":50,"on_time":true},"#,
                r#""status":{"rate":"error","half_rate":"error","share":"error","fee":"determined","on_time":"determined"},"#,
                r#""errors":{"rate":{"code":"provisio::conflict","message":"exception `student_rate` of provision `art1` and exception `low_income` of provision `art2` both apply to `rate` and disagree: 10 and 0"},"#,
                r#""half_rate":{"code":"provisio::conflict","message":"exception `student_rate` of provision `art1` and exception `low_income` of provision `art2` both apply to `rate` and disagree: 10 and 0"},"#,
                r#""share":{"code":"provisio::division_by_zero","message":"division by zero"}}}"#
            ),
            r#"{"line":2,"as_of":"2025-06-01","readings":{},"verdicts":{"rate":10,"half_rate":5,"share":200,"fee":50,"on_time":true},"status":{"rate":"determined","half_rate":"determined","share":"determined","fee":"determined","on_time":"determined"}}"#,
        ]
    );
    assert_eq!(
        stderr,
        "2 rows, 0 errors, 1 with errored verdicts\n\
         \x20 rate: 10: 1, error: provisio::conflict: 1\n\
         \x20 half_rate: 5: 1, error: provisio::conflict: 1\n\
         \x20 share: 200: 1, error: provisio::division_by_zero: 1\n\
         \x20 fee: 50: 2\n\
         \x20 on_time: true: 2\n"
    );
}

#[test]
fn batch_csv_writes_an_errored_verdict_as_an_error_cell_and_error_rows_still_exit_1() {
    let input = batch_input("rows-bad.jsonl", &[ROW_CONFLICT, r#"{"income": "lots"}"#]);
    let input = input.to_str().expect("a path");
    let (code, stdout, stderr) = run(&[
        "batch",
        POLICY,
        "--scenarios",
        input,
        "--output-format",
        "csv",
    ]);
    // A row that cannot be read outweighs a verdict that errored.
    assert_eq!(code, Some(1), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "line,error,as_of,rate,rate.status,half_rate,half_rate.status,share,share.status,fee,fee.status,on_time,on_time.status"
    );
    assert_eq!(
        lines[1],
        "1,,2025-06-01,error: provisio::conflict,error,error: provisio::conflict,error,error: provisio::division_by_zero,error,50,determined,true,determined"
    );
    assert!(lines[2].starts_with("2,\"missing fact"), "{stdout}");
    assert!(
        stderr.starts_with("2 rows, 1 error, 1 with errored verdicts\n"),
        "{stderr}"
    );
}

#[test]
fn batch_with_explanations_marks_the_errored_verdicts_too() {
    let input = batch_input("rows-explain.jsonl", &[ROW_CONFLICT]);
    let input = input.to_str().expect("a path");
    let (code, stdout, _) = run(&["batch", POLICY, "--scenarios", input, "--explain"]);
    assert_eq!(code, Some(3));
    let row: Json = serde_json::from_str(stdout.trim()).expect("JSON");
    assert_eq!(row["verdicts"]["rate"], Json::Null);
    assert_eq!(row["errors"]["share"]["code"], "provisio::division_by_zero");
    // Errored verdicts have no explanation; the others do.
    let explained: Vec<&String> = row["explanations"]
        .as_object()
        .expect("explanations")
        .keys()
        .collect();
    assert_eq!(explained, ["fee", "on_time"]);
}

// ---------------------------------------------------------------------------
// test
// ---------------------------------------------------------------------------

#[test]
fn test_tells_an_errored_verdict_from_a_wrong_one() {
    let (code, stdout, _) = run(&["test", POLICY, "--scenarios", CASES]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!(stdout);
}

#[test]
fn test_reports_errored_verdicts_in_junit_and_json() {
    let junit = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("verdict-errors-junit.xml");
    let (code, stdout, _) = run(&[
        "test",
        POLICY,
        "--scenarios",
        CASES,
        "--format",
        "json",
        "--junit",
        junit.to_str().expect("a path"),
    ]);
    assert_eq!(code, Some(1));
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    let statuses: Vec<(&str, &str)> = json["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["scenario"].as_str().unwrap_or_default(),
                r["status"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("tests/fixtures/verdict_errors/cases/conflict.json", "error"),
            ("tests/fixtures/verdict_errors/cases/fine.json", "passed"),
            ("tests/fixtures/verdict_errors/cases/wrong.json", "error"),
        ]
    );
    let xml = std::fs::read_to_string(&junit).expect("the report");
    insta::assert_snapshot!(xml);
}

#[test]
fn a_timeline_errs_on_exactly_the_days_an_evaluation_of_that_day_errs() {
    let model = model();
    let readings = Readings::defaults(&model);
    let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
    let (from, to) = (
        NaiveDate::from_ymd_opt(2024, 12, 25).expect("a date"),
        NaiveDate::from_ymd_opt(2025, 1, 6).expect("a date"),
    );
    for text in [
        CONFLICT_FACTS,
        r#"{"income": 5000, "student": true, "parts": 3, "filed": "2025-06-01"}"#,
    ] {
        let facts = facts(&model, text);
        let line = provisio::timeline::timeline(&model, &facts, &readings, from, to);
        let mut day = from;
        while day <= to {
            let evaluation =
                evaluate_only(&model, &facts, day, AsOfSource::Given, &readings, &every);
            for (outcome, intervals) in evaluation.verdicts.iter().zip(&line.verdicts) {
                let interval = intervals
                    .iter()
                    .find(|i| i.from <= day && day <= i.to)
                    .expect("the intervals cover the range");
                let same = match (&interval.error, &outcome.error) {
                    (Some(a), Some(b)) => a.same_failure(b),
                    (a, b) => a.is_none() && b.is_none(),
                };
                assert!(same, "{day}: {interval:?} against {outcome:?}");
                assert_eq!(interval.value, outcome.value, "{day}");
            }
            day = day.succ_opt().expect("a next day");
        }
    }
}
