//! Assumptions about the facts (`assume "..." = CONDITION`): broken, they
//! are a facts problem in every command; open, the outputs say so.
//!
//! The policy and facts are in `tests/assumptions/`.

use assert_cmd::Command;
use provisio::check::check_source;
use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::{FactsFormat, parse_facts_text};
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;
use serde_json::Value as Json;

const POLICY: &str = "tests/assumptions/household.policy";

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `provisio` and gives (status, stdout, stderr).
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = provisio().args(args).output().expect("provisio runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn eval_reports_a_broken_assumption_as_a_facts_problem() {
    let facts = "tests/assumptions/broken.json";
    let (status, stdout, stderr) = run(&["eval", POLICY, "--facts", facts]);
    assert_eq!(status, Some(1), "as for other facts problems");
    assert_eq!(
        stdout, "",
        "no verdicts are shown for facts the policy cannot take"
    );
    insta::assert_snapshot!("eval_broken", stderr);
}

#[test]
fn eval_notes_an_assumption_the_facts_leave_open() {
    let facts = "tests/assumptions/open.json";
    let (status, stdout, _) = run(&["eval", POLICY, "--facts", facts, "--explain", "none"]);
    assert_eq!(status, Some(0));
    assert_eq!(
        stdout,
        "A household grant, adopted 1 January 2024\n\
         As of 1 January 2025 (from the facts)\n\
         Assumed, not known: the household's income is not negative\n\
         \n\
         Verdicts\n  \
         grant = true\n    \
         The household is entitled.\n"
    );
    let (status, stdout, _) = run(&["eval", POLICY, "--facts", facts, "--format", "json"]);
    assert_eq!(status, Some(0));
    let json: Json = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(
        json["assumed_not_known"],
        serde_json::json!([{"name": null, "sentence": "the household's income is not negative"}])
    );
    assert_eq!(json["verdicts"]["grant"]["explanation"]["version"], 8);
    let (_, markdown, _) = run(&["eval", POLICY, "--facts", facts, "--format", "markdown"]);
    assert!(
        markdown.contains("\nAssumed, not known: the household's income is not negative\n"),
        "{markdown}"
    );
}

#[test]
fn eval_says_nothing_of_assumptions_that_hold() {
    let facts = "tests/assumptions/holds.json";
    let (status, stdout, stderr) = run(&["eval", POLICY, "--facts", facts, "--format", "json"]);
    assert_eq!(status, Some(0), "{stderr}");
    let json: Json = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(json.get("assumed_not_known"), None);
    assert_eq!(json["verdicts"]["grant"]["value"], true);
}

#[test]
fn batch_makes_a_row_that_breaks_an_assumption_an_error_row() {
    let (status, stdout, stderr) = run(&[
        "batch",
        POLICY,
        "--scenarios",
        "tests/assumptions/rows.jsonl",
    ]);
    assert_eq!(
        status,
        Some(1),
        "an error row, as for facts that do not check"
    );
    assert_eq!(
        stdout,
        "{\"line\":1,\"as_of\":\"2025-01-01\",\"readings\":{},\"verdicts\":{\"grant\":false},\"status\":{\"grant\":\"determined\"}}\n\
         {\"line\":2,\"error\":\"the facts break assumption `born_in_past` (\\\"a member's date of birth is not after the evaluation date\\\") (the facts it read: members = [(\\\"Ann\\\", 2090-01-01)]; correct them, or, if they are right, the assumption)\"}\n"
    );
    assert!(stderr.contains("2 rows, 1 error"), "{stderr}");
}

#[test]
fn test_passes_scenarios_that_expect_the_broken_assumption() {
    let (status, stdout, stderr) = run(&["test", POLICY]);
    assert_eq!(status, Some(0), "{stdout}{stderr}");
    assert_eq!(stdout, "3 passed, 0 failed\n");
}

#[test]
fn test_fails_scenarios_that_break_an_assumption_unexpectedly() {
    // Not in `scenarios/`, which `provisio test` with no argument would run.
    let (status, stdout, _) = run(&[
        "test",
        POLICY,
        "--scenarios",
        "tests/assumptions/failing-scenarios",
    ]);
    assert_eq!(status, Some(1));
    insta::assert_snapshot!("test_failing", stdout);
}

#[test]
fn timeline_reports_the_days_an_assumption_is_broken() {
    let (status, stdout, stderr) = run(&[
        "timeline",
        POLICY,
        "--facts",
        "tests/assumptions/broken.json",
        "--from",
        "2025-01-01",
        "--to",
        "2027-01-01",
    ]);
    assert_eq!(status, Some(1));
    assert_eq!(stdout, "");
    assert!(
        stderr.contains(
            "the facts break assumption `born_in_past` (\"a member's date of birth is not after the\n  │ evaluation date\") from 2025-01-01 to 2026-02-28"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("false from 2025-01-01 to 2026-02-28"),
        "{stderr}"
    );
    // From the day the member is born on, the assumption holds.
    let (status, _, stderr) = run(&[
        "timeline",
        POLICY,
        "--facts",
        "tests/assumptions/broken.json",
        "--from",
        "2026-03-01",
        "--to",
        "2027-01-01",
    ]);
    assert_eq!(status, Some(0), "{stderr}");
}

/// The library's evaluation carries how each assumption fared.
#[test]
fn an_evaluation_carries_each_assumption() {
    let text = std::fs::read_to_string(POLICY).expect("the policy");
    let model = check_source(&SourceFile::new("household.policy", text))
        .expect("checks")
        .model;
    let facts = parse_facts_text(
        &model,
        "facts",
        r#"{"members": [{"name": "Bo", "born": "2026-03-01"}]}"#,
        FactsFormat::Json,
    )
    .expect("facts load");
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a date");
    let readings = Readings::defaults(&model);
    let before = evaluate(
        &model,
        &facts,
        date(2026, 2, 28),
        AsOfSource::Given,
        &readings,
    )
    .expect("evaluates");
    let fared: Vec<(bool, bool)> = before
        .assumptions
        .iter()
        .map(|a| (a.broken(), a.open()))
        .collect();
    assert_eq!(fared, [(true, false), (false, true)]);
    let on = evaluate(
        &model,
        &facts,
        date(2026, 3, 1),
        AsOfSource::Given,
        &readings,
    )
    .expect("evaluates");
    let fared: Vec<(bool, bool)> = on
        .assumptions
        .iter()
        .map(|a| (a.broken(), a.open()))
        .collect();
    assert_eq!(fared, [(false, false), (false, true)]);
}

/// Checks a policy that must fail and renders its problems.
fn problems_of(text: &str) -> String {
    match check_source(&SourceFile::new("bad.policy", text)) {
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

const HEADER: &str = "instrument \"A rule\" adopted 2024-01-01\n\
                      fact income \"the income\": money in USD\n";

#[test]
fn an_assumption_that_is_not_a_condition_is_refused() {
    let text = format!(
        "{HEADER}assume \"the income is known\" = income + USD 1\nverdict v = income > USD 0\n"
    );
    insta::assert_snapshot!("not_a_condition", problems_of(&text));
}

#[test]
fn an_assumption_named_twice_is_refused() {
    let text = format!(
        "{HEADER}assume positive \"the income is positive\" = income > USD 0\n\
         assume positive \"the income is small\" = income < USD 100\nverdict v = income > USD 0\n"
    );
    insta::assert_snapshot!("named_twice", problems_of(&text));
}

#[test]
fn an_assumption_without_a_sentence_is_refused() {
    let empty = format!("{HEADER}assume \"  \" = income > USD 0\nverdict v = income > USD 0\n");
    insta::assert_snapshot!("empty_sentence", problems_of(&empty));
    let missing = format!("{HEADER}assume income > USD 0\nverdict v = income > USD 0\n");
    insta::assert_snapshot!("missing_sentence", problems_of(&missing));
    let unknown = format!("{HEADER}assume \"s\" = incme > USD 0\nverdict v = income > USD 0\n");
    insta::assert_snapshot!("unknown_name", problems_of(&unknown));
}

#[test]
fn an_assumption_that_cannot_be_evaluated_errs_like_a_verdict() {
    let dir = std::env::temp_dir().join(format!("provisio-assume-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let policy = dir.join("divide.policy");
    std::fs::write(
        &policy,
        format!("{HEADER}assume \"a tenth of the income is below 100\" = income / 0 < USD 100\nverdict v = income > USD 0\n"),
    )
    .expect("written");
    let facts = dir.join("facts.json");
    std::fs::write(&facts, r#"{"income": "USD 5", "as_of": "2025-01-01"}"#).expect("written");
    let output = provisio()
        .args(["eval"])
        .arg(&policy)
        .arg("--facts")
        .arg(&facts)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(3),
        "as a verdict that cannot be evaluated"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("provisio::division_by_zero"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_reading_at_once_notes_an_open_assumption_too() {
    let facts = "tests/assumptions/open.json";
    let (status, stdout, _) = run(&["eval", POLICY, "--facts", facts, "--all-readings"]);
    assert_eq!(status, Some(0));
    assert_eq!(
        stdout,
        "A household grant\n\
         As of 1 January 2025 (from the facts), under every reading\n\
         Assumed, not known: the household's income is not negative\n\
         \n\
         The readings agree\n  \
         grant = true (no reading varied)\n"
    );
    let (_, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        facts,
        "--all-readings",
        "--format",
        "json",
    ]);
    let json: Json = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(
        json["assumed_not_known"][0]["sentence"],
        "the household's income is not negative"
    );
    let (status, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        "tests/assumptions/broken.json",
        "--all-readings",
    ]);
    assert_eq!((status, stdout.as_str()), (Some(1), ""));
}

#[test]
fn batch_rows_note_the_assumptions_their_facts_leave_open() {
    let (status, stdout, _) = run(&[
        "batch",
        POLICY,
        "--scenarios",
        "tests/assumptions/rows-open.jsonl",
    ]);
    assert_eq!(status, Some(0));
    assert_eq!(
        stdout,
        "{\"line\":1,\"as_of\":\"2025-01-01\",\"readings\":{},\"verdicts\":{\"grant\":false},\"status\":{\"grant\":\"determined\"},\"assumed_not_known\":[\"the household's income is not negative\"]}\n\
         {\"line\":2,\"as_of\":\"2025-01-01\",\"readings\":{},\"verdicts\":{\"grant\":false},\"status\":{\"grant\":\"determined\"}}\n"
    );
}

#[test]
fn timeline_notes_the_days_an_assumption_is_open() {
    let args = [
        "timeline",
        POLICY,
        "--facts",
        "tests/assumptions/open.json",
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-31",
    ];
    let (status, stdout, _) = run(&args);
    assert_eq!(status, Some(0));
    assert_eq!(
        stdout,
        "A household grant\n\
         From 1 January 2025 to 31 January 2025\n\
         Assumed, not known: the household's income is not negative (throughout)\n\
         \n\
         Facts\n  \
         members = [{name: Ann, born: 1 January 1990}, {name: Bo, born: 1 March 2022}]\n  \
         not given: income\n\
         \n\
         grant: The household is entitled\n  \
         1 January 2025 to 31 January 2025: true\n"
    );
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (_, stdout, _) = run(&json_args);
    let json: Json = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(
        json["assumed_not_known"],
        serde_json::json!([{
            "name": null,
            "sentence": "the household's income is not negative",
            "from": "2025-01-01",
            "to": "2025-01-31"
        }])
    );
}
