//! Only what is asked is evaluated: `eval --verdict NAME` (repeatable)
//! evaluates and prints only those verdicts, so a rule that only other
//! verdicts use can neither stop nor slow them; `evaluate_only` does the
//! same for a program.

use assert_cmd::Command;
use chrono::NaiveDate;
use provisio::eval::trace::{RuleRef, StepKind};
use provisio::eval::{AsOfSource, Readings, evaluate_only};
use provisio::facts::{FactsFormat, parse_facts_text};
use provisio::span::SourceFile;
use serde_json::Value as Json;

const POLICY: &str = "tests/fixtures/verdict_errors/levies.policy";
/// A student with a low income (a conflict in `rate`) and no parts (a
/// division by zero in `share`).
const CONFLICT: &str = "tests/fixtures/verdict_errors/conflict.json";

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_provisio"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("provisio runs");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

#[test]
fn a_verdict_asked_for_is_evaluated_alone_and_the_failing_rules_are_not() {
    let (code, stdout, stderr) = run(&[
        "eval",
        POLICY,
        "--facts",
        CONFLICT,
        "--verdict",
        "on_time",
        "--explain",
        "none",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "");
    assert_eq!(
        stdout,
        "Widget levies, adopted 1 January 2024\n\
         As of 1 June 2025 (from the facts)\n\
         \n\
         Verdicts\n\
         \x20 on_time = true\n\
         \x20   The return was filed on time.\n"
    );
}

#[test]
fn repeated_verdicts_are_printed_once_each_in_declaration_order() {
    let (code, stdout, stderr) = run(&[
        "eval",
        POLICY,
        "--facts",
        CONFLICT,
        "--format",
        "json",
        "--verdict",
        "on_time",
        "--verdict",
        "fee",
        "--verdict",
        "on_time",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    let names: Vec<&String> = json["verdicts"]
        .as_object()
        .expect("verdicts")
        .keys()
        .collect();
    // serde_json sorts the keys; the text shows the declaration order.
    assert_eq!(names, ["fee", "on_time"]);
    let (_, text, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        CONFLICT,
        "--explain",
        "none",
        "--verdict",
        "on_time",
        "--verdict",
        "fee",
    ]);
    let shown: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("  ") && line.contains(" = "))
        .collect();
    assert_eq!(shown, ["  fee = 50", "  on_time = true"]);
}

#[test]
fn an_errored_verdict_asked_for_alone_still_exits_3() {
    let (code, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        CONFLICT,
        "--verdict",
        "share",
        "--explain",
        "none",
    ]);
    assert_eq!(code, Some(3));
    assert!(
        stdout.ends_with(
            "  share = error (provisio::division_by_zero)\n    in provision art3, rule share: division by zero\n"
        ),
        "{stdout}"
    );
}

#[test]
fn all_readings_evaluates_only_the_verdicts_asked_for() {
    let (code, stdout, stderr) = run(&[
        "eval",
        POLICY,
        "--facts",
        CONFLICT,
        "--all-readings",
        "--format",
        "json",
        "--verdict",
        "fee",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    let names: Vec<&String> = json["verdicts"]
        .as_object()
        .expect("verdicts")
        .keys()
        .collect();
    assert_eq!(names, ["fee"]);
}

#[test]
fn an_unknown_verdict_is_a_diagnostic_with_did_you_mean() {
    let (code, stdout, stderr) = run(&["eval", POLICY, "--facts", CONFLICT, "--verdict", "on_tme"]);
    // A bad argument, as an unknown `--reading` is.
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "");
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_unknown_verdict_far_from_any_lists_the_verdicts() {
    let (code, _, stderr) = run(&["eval", POLICY, "--facts", CONFLICT, "--verdict", "xyz"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("provisio::unknown_verdict")
            && stderr.contains("the verdicts are rate, half_rate, share, fee, on_time"),
        "{stderr}"
    );
}

#[test]
fn evaluate_only_never_computes_a_rule_no_asked_verdict_uses() {
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICY))
            .expect("the policy reads");
    let model = provisio::check::check_source(&SourceFile::new(POLICY, text.as_str()))
        .expect("the policy checks")
        .model;
    let facts = parse_facts_text(
        &model,
        "facts",
        r#"{"income": 500, "student": true, "parts": 0, "filed": "2025-06-01"}"#,
        FactsFormat::Json,
    )
    .expect("the facts load");
    let on_time = model
        .verdicts
        .iter()
        .position(|v| v.name == "on_time")
        .expect("a verdict") as u32;
    let evaluation = evaluate_only(
        &model,
        &facts,
        NaiveDate::from_ymd_opt(2025, 6, 1).expect("a date"),
        AsOfSource::Given,
        &Readings::defaults(&model),
        &[on_time],
    );
    assert_eq!(evaluation.verdicts.len(), 1);
    assert_eq!(evaluation.verdicts[0].verdict, on_time);
    assert_eq!(evaluation.verdicts[0].error, None);
    let rules: Vec<RuleRef> = evaluation
        .trace
        .steps()
        .iter()
        .filter_map(|step| match step.kind {
            StepKind::Rule(rule) => Some(rule),
            _ => None,
        })
        .collect();
    let on_time_rule = model
        .definitions
        .iter()
        .position(|d| d.name == "on_time")
        .expect("a definition") as u32;
    assert_eq!(rules, [RuleRef::Definition(on_time_rule)]);
}
