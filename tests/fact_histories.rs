//! Facts that change over time: a fact given as a dated history in a facts
//! file (`{"history": {"2024-01-01": false, "2024-03-15": true}}`), looked
//! up as of the evaluation date, and as of another date where the policy
//! says `FACT as of DATE`; timelines that change where the facts do;
//! explanations that name the date from which a fact's value holds; and
//! the diagnostics of histories and `as of` written wrong.
//!
//! The policy is `tests/fixtures/fact_histories/extension.policy`; the
//! facts files beside it give the same histories in JSON, YAML and TOML.
//! Every file under `invalid/` and `policies/` is a plausible mistake,
//! snapshotted as the terminal shows it.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{check_errors, run, verdict};
use provisio::check::check_source;
use provisio::diagnostic::Problems;
use provisio::facts::{Facts, FactsError, FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;

const DIR: &str = "tests/fixtures/fact_histories";
const POLICY: &str = "tests/fixtures/fact_histories/extension.policy";

fn policy_text() -> String {
    common::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICY))
}

fn model() -> Model {
    common::fixture_model(POLICY, "extension.policy")
}

fn load(model: &Model, name: &str) -> Facts {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR).join(name);
    let format = FactsFormat::from_path(&path).expect("a facts format");
    parse_facts(model, &SourceFile::new(name, common::read(&path)), format)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn render_problems(problems: &Problems) -> String {
    assert!(!problems.items.is_empty(), "an error without any problem");
    problems
        .items
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

fn render_facts_error(error: &FactsError) -> String {
    error
        .problems()
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn stdout(args: &[&str]) -> String {
    let output = provisio()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("UTF-8")
}

const FACTS: &str = r#"{
  "extension_decision_taken": {"history": {"2024-01-01": false, "2024-03-15": true}},
  "rate": {"history": {"2024-01-01": 4, "2024-06-01": 7}},
  "session": {"opening": "2024-05-20", "closing": "2024-05-24"}
}"#;

fn on(date: &str) -> Vec<(String, String)> {
    run(&policy_text(), FACTS, date).unwrap_or_else(|e| panic!("{date}: {e}"))
}

// ---------------------------------------------------------------------------
// Evaluation on the evaluation date
// ---------------------------------------------------------------------------

#[test]
fn before_the_first_date_the_fact_is_unknown() {
    let results = on("2023-12-31");
    assert_eq!(verdict(&results, "extended"), "unknown");
    assert_eq!(verdict(&results, "rate_above_five"), "unknown");
}

#[test]
fn the_value_holds_from_its_date_to_the_day_before_the_next() {
    assert_eq!(verdict(&on("2024-01-01"), "extended"), "false");
    assert_eq!(verdict(&on("2024-03-14"), "extended"), "false");
    assert_eq!(verdict(&on("2024-03-15"), "extended"), "true");
    assert_eq!(verdict(&on("2030-01-01"), "extended"), "true");
    assert_eq!(verdict(&on("2024-05-31"), "rate_above_five"), "false");
    assert_eq!(verdict(&on("2024-06-01"), "rate_above_five"), "true");
}

#[test]
fn json_yaml_and_toml_give_the_same_histories() {
    let model = model();
    let json = load(&model, "changes.json");
    let yaml = load(&model, "changes.yaml");
    let toml = load(&model, "changes.toml");
    assert_eq!(json, yaml);
    assert_eq!(json, toml);
    assert_eq!(json.histories.len(), 2);
    let dates: Vec<String> = json.change_dates().iter().map(|d| d.to_string()).collect();
    assert_eq!(dates, ["2024-01-01", "2024-03-15", "2024-06-01"]);
}

#[test]
fn a_history_value_may_be_null_a_range_or_one_value() {
    let policy = policy_text();
    let facts = r#"{"extension_decision_taken": {"history": {"2024-01-01": false, "2024-02-01": null}},
        "rate": {"history": {"2024-01-01": {"at_least": 6}}}}"#;
    let results = run(&policy, facts, "2024-03-01").expect("evaluates");
    assert_eq!(verdict(&results, "extended"), "unknown");
    assert_eq!(verdict(&results, "rate_above_five"), "true");
    let results = run(&policy, facts, "2024-01-15").expect("evaluates");
    assert_eq!(verdict(&results, "extended"), "false");
}

// ---------------------------------------------------------------------------
// `as of`
// ---------------------------------------------------------------------------

#[test]
fn as_of_reads_the_fact_on_another_date() {
    // On 1 July the rate is 7, but the Session opened on 20 May, at 4.
    let results = on("2024-07-01");
    assert_eq!(verdict(&results, "session_rate"), "4");
    assert_eq!(verdict(&results, "rate_above_five"), "true");
    // Before the decision, it was already taken by 31 March.
    assert_eq!(verdict(&on("2024-02-01"), "decided_by_march"), "true");
}

#[test]
fn as_of_a_fact_without_a_history_gives_its_one_value() {
    let facts = r#"{"extension_decision_taken": false, "rate": 9,
        "session": {"opening": "2024-05-20", "closing": "2024-05-24"}}"#;
    let results = run(&policy_text(), facts, "2024-07-01").expect("evaluates");
    assert_eq!(verdict(&results, "session_rate"), "9");
    assert_eq!(verdict(&results, "decided_by_march"), "false");
}

#[test]
fn as_of_an_unknown_date_gives_what_the_history_allows() {
    // The Session's opening is not known at all: it may be before the
    // history's first date, when the rate is not known either.
    let facts = r#"{"extension_decision_taken": true,
        "rate": {"history": {"2024-01-01": 4, "2024-06-01": 7}}}"#;
    let results = run(&policy_text(), facts, "2024-07-01").expect("evaluates");
    assert_eq!(verdict(&results, "session_rate"), "unknown");
    // Known to open in 2024: the rate is 4 or 7.
    let facts = r#"{"extension_decision_taken": true,
        "rate": {"history": {"2024-01-01": 4, "2024-06-01": 7}},
        "session": {"opening": {"between": ["2024-02-01", "2024-12-31"]}}}"#;
    let results = run(&policy_text(), facts, "2024-07-01").expect("evaluates");
    assert_eq!(
        verdict(&results, "session_rate"),
        "unknown, between 4 and 7"
    );
    // Known to open after the rate rose: 7.
    let facts = r#"{"extension_decision_taken": true,
        "rate": {"history": {"2024-01-01": 4, "2024-06-01": 7}},
        "session": {"opening": {"on_or_after": "2024-06-10"}}}"#;
    let results = run(&policy_text(), facts, "2024-07-01").expect("evaluates");
    assert_eq!(verdict(&results, "session_rate"), "7");
}

#[test]
fn as_of_checks_its_date_and_its_target() {
    let policy = |body: &str| {
        format!(
            "instrument \"I\" adopted 2024-01-01\nfact decided \"decided\": boolean\nfact rate \"rate\": integer\nprovision p1 \"P\"\n  text \"T.\"\n  define d \"d\" = {body}\nverdict d = p1.d\n"
        )
    };
    assert_eq!(
        check_errors(&policy("decided as of 2024-03-31")),
        Vec::<&str>::new()
    );
    assert_eq!(
        check_errors(&policy("decided as of rate")),
        ["provisio::type_mismatch"]
    );
    assert_eq!(
        check_errors(&policy("decidd as of 2024-03-31")),
        ["provisio::not_a_parameter"]
    );
}

// ---------------------------------------------------------------------------
// Timelines
// ---------------------------------------------------------------------------

#[test]
fn a_timeline_changes_on_the_dates_of_the_history() {
    let facts = format!("{DIR}/changes.json");
    let out = stdout(&[
        "timeline",
        POLICY,
        "--facts",
        &facts,
        "--from",
        "2023-12-01",
        "--to",
        "2024-12-31",
    ]);
    insta::assert_snapshot!("timeline", out);
    assert!(out.contains("  1 January 2024 to 14 March 2024: false\n"));
    assert!(out.contains("  15 March 2024 to 31 December 2024: true\n"));
}

// ---------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------

#[test]
fn explanations_name_the_date_a_value_holds_from() {
    let facts = format!("{DIR}/changes.json");
    let text = stdout(&["eval", POLICY, "--facts", &facts, "--at", "2024-07-01"]);
    assert!(text.contains("    Facts: extension_decision_taken = true (from 15 March 2024)\n"));
    assert!(text.contains("    Facts: rate = 7 (from 1 June 2024)\n"));
    insta::assert_snapshot!("eval_text", text);
    let json = stdout(&[
        "eval",
        POLICY,
        "--facts",
        &facts,
        "--at",
        "2024-07-01",
        "--format",
        "json",
    ]);
    assert!(json.contains(r#""from": "2024-06-01""#), "{json}");
    insta::assert_snapshot!("eval_json", json);
}

#[test]
fn the_json_version_is_8() {
    assert_eq!(provisio::render::json::EXPLANATION_VERSION, 8);
}

// ---------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------

#[test]
fn scenarios_with_histories_pass() {
    let out = stdout(&["test", DIR]);
    assert!(out.contains("4 passed, 0 failed"), "{out}");
}

// ---------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------

#[test]
fn facts_diagnostics() {
    let model = model();
    insta::glob!(
        "fixtures/fact_histories/invalid/*.{json,yaml,toml}",
        |path| {
            let format = FactsFormat::from_path(path).expect("a facts format");
            let source = SourceFile::new(common::file_name(path), common::read(path));
            match parse_facts(&model, &source, format) {
                Ok(facts) => panic!("{} loaded without errors: {facts:?}", path.display()),
                Err(error) => insta::assert_snapshot!(render_facts_error(&error)),
            }
        }
    );
}

#[test]
fn policy_diagnostics() {
    insta::glob!("fixtures/fact_histories/policies/*.policy", |path| {
        let source = SourceFile::new(common::file_name(path), common::read(path));
        match check_source(&source) {
            Ok(_) => panic!("{} checked without errors", path.display()),
            Err(problems) => insta::assert_snapshot!(render_problems(&problems)),
        }
    });
}

#[test]
fn a_bad_history_fails_the_command_with_its_code() {
    let facts = format!("{DIR}/invalid/out_of_order.json");
    let output = provisio()
        .args(["eval", POLICY, "--facts", &facts])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(output).expect("UTF-8");
    assert!(stderr.contains("provisio::facts::history"), "{stderr}");
    assert!(
        stderr.contains("history dates must be in increasing order"),
        "{stderr}"
    );
}

#[test]
fn a_fact_whose_dates_the_policy_fixes_has_no_history() {
    let policy = "instrument \"I\" adopted 2024-01-01\nevent mc14 \"the 14th Session\" opening 2026-03-26\nverdict opens = mc14.opening\n";
    let model = check_source(&SourceFile::new("fixed.policy", policy))
        .expect("checks")
        .model;
    let facts = r#"{"mc14": {"history": {"2024-01-01": {"closing": "2026-03-30"}}}}"#;
    let error = parse_facts(
        &model,
        &SourceFile::new("fixed.json", facts),
        FactsFormat::Json,
    )
    .expect_err("refused");
    insta::assert_snapshot!("fixed_fact", render_facts_error(&error));
}

// ---------------------------------------------------------------------------
// Batches
// ---------------------------------------------------------------------------

fn batch(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("writes");
    let output = provisio()
        .args(["batch", POLICY, "--scenarios"])
        .arg(&path)
        .output()
        .expect("runs");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn csv_columns_give_a_history_one_date_each() {
    let rows = "as_of,extension_decision_taken.history.2024-01-01,extension_decision_taken.history.2024-03-15\n\
                2024-03-14,false,true\n\
                2024-03-15,false,true\n";
    assert_eq!(
        batch("rows.csv", rows),
        "{\"line\":2,\"as_of\":\"2024-03-14\",\"readings\":{},\"verdicts\":{\"extended\":false,\"session_rate\":null,\"decided_by_march\":true,\"rate_above_five\":null},\"status\":{\"extended\":\"determined\",\"session_rate\":\"undetermined\",\"decided_by_march\":\"determined\",\"rate_above_five\":\"undetermined\"}}\n\
         {\"line\":3,\"as_of\":\"2024-03-15\",\"readings\":{},\"verdicts\":{\"extended\":true,\"session_rate\":null,\"decided_by_march\":true,\"rate_above_five\":null},\"status\":{\"extended\":\"determined\",\"session_rate\":\"undetermined\",\"decided_by_march\":\"determined\",\"rate_above_five\":\"undetermined\"}}\n"
    );
}

#[test]
fn json_lines_give_histories_and_a_bad_one_costs_its_row() {
    let rows = r#"{"as_of": "2024-04-01", "extension_decision_taken": {"history": {"2024-01-01": false, "2024-03-15": true}}}
{"as_of": "2024-04-01", "extension_decision_taken": {"history": {"2024-03-15": true, "2024-01-01": false}}}
"#;
    assert_eq!(
        batch("rows.jsonl", rows),
        "{\"line\":1,\"as_of\":\"2024-04-01\",\"readings\":{},\"verdicts\":{\"extended\":true,\"session_rate\":null,\"decided_by_march\":true,\"rate_above_five\":null},\"status\":{\"extended\":\"determined\",\"session_rate\":\"undetermined\",\"decided_by_march\":\"determined\",\"rate_above_five\":\"undetermined\"}}\n\
         {\"line\":2,\"error\":\"extension_decision_taken: history dates must be in increasing order, but 2024-01-01 comes after 2024-03-15\"}\n"
    );
}

#[test]
fn a_timeline_over_histories_is_the_same_as_each_day_evaluated_alone() {
    use provisio::eval::{AsOfSource, Readings, evaluate};
    let model = model();
    let facts = load(&model, "changes.json");
    let readings = Readings::defaults(&model);
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date");
    let (from, to) = (day("2023-12-20"), day("2024-06-10"));
    let timeline = provisio::timeline::timeline(&model, &facts, &readings, from, to);
    let mut date = from;
    while date <= to {
        let alone =
            evaluate(&model, &facts, date, AsOfSource::Given, &readings).expect("evaluates");
        for outcome in &alone.verdicts {
            let intervals = &timeline.verdicts[outcome.verdict as usize];
            let interval = intervals
                .iter()
                .find(|i| i.from <= date && date <= i.to)
                .expect("an interval covers every day");
            assert_eq!(
                interval.value, outcome.value,
                "verdict {} on {date}",
                outcome.verdict
            );
        }
        date = date.succ_opt().expect("a next day");
    }
}

#[test]
fn explanations_of_histories_left_open() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("open.json");
    std::fs::write(
        &path,
        r#"{"extension_decision_taken": {"history": {"2024-01-01": false, "2024-02-01": null}},
            "rate": {"history": {"2024-01-01": {"at_least": 3}}}}"#,
    )
    .expect("writes");
    let path = path.to_string_lossy().into_owned();
    let text = stdout(&["eval", POLICY, "--facts", &path, "--at", "2024-03-01"]);
    assert!(text.contains("    Facts: extension_decision_taken not known (a decision to extend has been taken, from 1 February 2024)\n"), "{text}");
    assert!(text.contains("    Facts: rate not known, at least 3 (the rate of the duty, in percent, from 1 January 2024)\n"), "{text}");
    assert!(text.contains("      - The rate on the day the Session opens: undetermined, the rate of the duty, in percent on a date not known (not known). [p2]\n"), "{text}");
}
