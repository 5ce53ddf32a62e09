//! Giving a definition its value in place of its rule: `eval --given`,
//! `timeline --given` and a scenario's `given`. The explanation says the
//! value was given, exact reasoning never reads the rule's body, coverage
//! does not count the rule, and every bad name or value is a diagnostic.

use assert_cmd::Command;
use serde_json::Value as Json;

const WTO: &str = "rules/wto/mc13-ecommerce.policy";
const DURING_MC14: &str = "rules/wto/facts/during-mc14.json";
const DEADLINE: &str = "tests/fixtures/given/deadline.policy";
const FIXTURES: &str = "tests/fixtures/given";

/// The exit code, standard output and standard error of `provisio ARGS`.
fn provisio(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `provisio eval ARGS` that must succeed: its standard output.
fn eval_ok(args: &[&str]) -> String {
    let mut all = vec!["eval"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = provisio(&all);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "");
    stdout
}

/// `provisio eval ARGS` that must fail on its input: its standard error.
fn eval_refused(args: &[&str]) -> String {
    let mut all = vec!["eval"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = provisio(&all);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert_eq!(stdout, "");
    stderr
}

fn json(text: &str) -> Json {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn giving_the_expiry_date_changes_whether_the_moratorium_holds() {
    let verdict = ["--verdict", "moratorium_in_force", "--explain", "none"];
    let mut args = vec![WTO, "--facts", DURING_MC14, "--format", "json"];
    args.extend_from_slice(&verdict);
    let without = json(&eval_ok(&args));
    assert_eq!(without["verdicts"]["moratorium_in_force"]["value"], false);
    args.extend_from_slice(&["--given", "expiry_date=2026-03-31"]);
    let with = json(&eval_ok(&args));
    assert_eq!(with["verdicts"]["moratorium_in_force"]["value"], true);
    assert_eq!(
        with["given"],
        serde_json::json!({"para5.expiry_date": "2026-03-31"})
    );
    // Without a given value, the top level keeps its keys.
    assert!(without.get("given").is_none());
}

#[test]
fn the_text_explanation_says_the_value_was_given() {
    let text = eval_ok(&[
        WTO,
        "--facts",
        DURING_MC14,
        "--verdict",
        "moratorium_in_force",
        "--given",
        "para5.expiry_date=2026-03-31",
    ]);
    insta::assert_snapshot!("text_explanation", text);
}

#[test]
fn the_markdown_report_says_what_was_given() {
    let text = eval_ok(&[
        WTO,
        "--facts",
        DURING_MC14,
        "--verdict",
        "moratorium_in_force",
        "--given",
        "expiry_date=2026-03-31",
        "--format",
        "markdown",
    ]);
    assert!(
        text.contains("\nGiven, in place of their rules: para5.expiry_date = 31 March 2026\n"),
        "{text}"
    );
    assert!(
        text.contains("\n### `moratorium_in_force`: true\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  - The day the moratorium and the Work Programme expire: 31 March 2026, as given, in place of the rule. (para5)\n"),
        "{text}"
    );
}

#[test]
fn the_json_step_of_a_given_definition_says_given_and_quotes_nothing() {
    let out = json(&eval_ok(&[
        WTO,
        "--facts",
        DURING_MC14,
        "--verdict",
        "moratorium_in_force",
        "--given",
        "expiry_date=2026-03-31",
        "--format",
        "json",
    ]));
    let explanation = &out["verdicts"]["moratorium_in_force"]["explanation"];
    assert_eq!(explanation["version"], 8);
    let given = &explanation["steps"][0]["steps"][0];
    assert_eq!(
        *given,
        serde_json::json!({
            "rule": "para5.expiry_date",
            "kind": "definition",
            "provision": "para5",
            "meaning": "the day the moratorium and the Work Programme expire",
            "value": "2026-03-31",
            "status": "determined",
            "given": true,
            "because": "as given, in place of the rule",
            "quote": null,
            "steps": []
        })
    );
    // The rules below it were not applied, so no fact was read for them.
    assert_eq!(explanation["facts"], serde_json::json!([]));
    // Other steps have no `given` key.
    assert!(explanation["steps"][0].get("given").is_none());
}

#[test]
fn an_unknown_name_suggests_the_nearest_definition() {
    let stderr = eval_refused(&[WTO, "--given", "para5.expiry_dat=2026-03-31"]);
    insta::assert_snapshot!("unknown_name", stderr);
    let stderr = eval_refused(&[WTO, "--given", "expiry_dte=2026-03-31"]);
    assert!(
        stderr.contains("help: did you mean `expiry_date`?"),
        "{stderr}"
    );
}

#[test]
fn a_value_of_the_wrong_type_names_the_type() {
    let stderr = eval_refused(&[WTO, "--given", "expiry_date=soon"]);
    insta::assert_snapshot!("wrong_type", stderr);
    let stderr = eval_refused(&[WTO, "--given", "para5.in_force=maybe"]);
    assert!(
        stderr.contains("× `para5.in_force`: expected true or false, found \"maybe\""),
        "{stderr}"
    );
    let stderr = eval_refused(&[WTO, "--given", "in_force=none"]);
    assert!(
        stderr.contains("provisio::facts::cannot_be_none"),
        "{stderr}"
    );
    let stderr = eval_refused(&[WTO, "--given", "expiry_date=2026-3-31"]);
    assert!(stderr.contains("provisio::date_form"), "{stderr}");
}

#[test]
fn a_range_is_not_a_value_to_give() {
    let stderr = eval_refused(&[
        WTO,
        "--given",
        r#"expiry_date={"between": ["2026-01-01", "2026-02-01"]}"#,
    ]);
    assert!(
        stderr.contains("× `expiry_date` must be given one exact value, not a range or a choice"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("help: give a date: a given value stands for the definition's value itself"),
        "{stderr}"
    );
}

#[test]
fn a_definition_with_parameters_cannot_be_given() {
    let stderr = eval_refused(&[DEADLINE, "--given", "within=true"]);
    insta::assert_snapshot!("with_parameters", stderr);
}

#[test]
fn verdicts_facts_and_deontic_rules_cannot_be_given() {
    let stderr = eval_refused(&[WTO, "--given", "moratorium_in_force=true"]);
    insta::assert_snapshot!("a_verdict", stderr);
    let stderr = eval_refused(&[WTO, "--given", "mc14=2026-03-26"]);
    assert!(
        stderr.contains("× `mc14` is a fact, not a definition"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: give `mc14` in the facts"),
        "{stderr}"
    );
    let stderr = eval_refused(&[WTO, "--given", "para5.customs_duties=prohibited"]);
    assert!(stderr.contains("provisio::given::cannot_give"), "{stderr}");
    assert!(stderr.contains("is a deontic rule"), "{stderr}");
}

#[test]
fn a_definition_given_two_values_or_none_is_an_error() {
    let stderr = eval_refused(&[
        WTO,
        "--given",
        "expiry_date=2026-03-31",
        "--given",
        "para5.expiry_date=2026-03-30",
        "--given",
        "mc14_day",
        "--given",
        "mc14_day=",
    ]);
    insta::assert_snapshot!("twice_and_malformed", stderr);
    // The same value twice, under either name, is no contradiction.
    eval_ok(&[
        WTO,
        "--at",
        "2026-03-28",
        "--given",
        "expiry_date=2026-03-31",
        "--given",
        "para5.expiry_date=2026-03-31",
    ]);
}

#[test]
fn exact_reasoning_takes_the_given_value_and_never_the_rule() {
    // The rule makes the deadline 10 days after filing: every claim is on
    // time, which exact reasoning proves with the filing day unknown.
    let base = [
        DEADLINE,
        "--at",
        "2020-06-01",
        "--format",
        "json",
        "--explain",
        "none",
    ];
    let without = json(&eval_ok(&base));
    assert_eq!(without["verdicts"]["on_time"]["value"], true);
    assert_eq!(
        without["verdicts"]["on_time"]["decided_over_unknown"],
        serde_json::json!(["filed"])
    );
    // Given a deadline, whether the claim is on time depends on the day it
    // was filed: the rule's body is not read.
    let mut args = base.to_vec();
    args.extend_from_slice(&["--given", "art1.deadline=2020-05-01"]);
    let with = json(&eval_ok(&args));
    let on_time = &with["verdicts"]["on_time"];
    assert_eq!(on_time["status"], "undetermined");
    assert_eq!(on_time["residual"], "filed before 2020-05-01");
    assert_eq!(on_time["depends_on"], serde_json::json!(["filed"]));
    // A call's body reads the given value too.
    assert_eq!(
        with["verdicts"]["near"]["residual"],
        "filed on or after 2020-04-21"
    );
    // And exact reasoning still decides what every case agrees on.
    assert_eq!(with["verdicts"]["decided"]["value"], true);
    assert_eq!(
        with["verdicts"]["decided"]["decided_over_unknown"],
        serde_json::json!(["filed"])
    );
}

#[test]
fn a_timeline_changes_on_the_date_given() {
    let (code, stdout, stderr) = provisio(&[
        "timeline",
        WTO,
        "--from",
        "2026-03-01",
        "--to",
        "2026-04-30",
        "--given",
        "expiry_date=2026-03-20",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains(
            "\nFrom 1 March 2026 to 30 April 2026\nGiven, in place of their rules: para5.expiry_date = 20 March 2026\n\nReadings\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "\nmoratorium_in_force: The moratorium on customs duties on electronic transmissions is in force\n  1 March 2026 to 19 March 2026: true\n  20 March 2026 to 30 April 2026: false\n  Changes:\n    is in force until 19 March 2026; is not in force from 20 March 2026\n"
        ),
        "{stdout}"
    );
    let (_, stdout, _) = provisio(&[
        "timeline",
        WTO,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-02",
        "--given",
        "expiry_date=2026-03-20",
        "--format",
        "json",
    ]);
    assert_eq!(
        json(&stdout)["given"],
        serde_json::json!({"para5.expiry_date": "2026-03-20"})
    );
}

#[test]
fn every_reading_is_evaluated_with_the_given_value() {
    let out = eval_ok(&[
        WTO,
        "--at",
        "2026-03-25",
        "--all-readings",
        "--verdict",
        "moratorium_in_force",
        "--given",
        "mc14_day=2026-03-22",
    ]);
    insta::assert_snapshot!("all_readings", out);
}

/// `provisio test POLICY --scenarios FILE`: exit code and standard output.
fn run_scenario(policy: &str, file: &str) -> (Option<i32>, String, String) {
    provisio(&["test", policy, "--scenarios", &format!("{FIXTURES}/{file}")])
}

#[test]
fn scenarios_give_values_in_json_and_yaml() {
    for (policy, file) in [
        (WTO, "wto-pass.json"),
        (WTO, "wto-pass.yaml"),
        (DEADLINE, "deadline-on-time.json"),
        (DEADLINE, "deadline-late.json"),
    ] {
        let (code, stdout, stderr) = run_scenario(policy, file);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (Some(0), "1 passed, 0 failed\n", ""),
            "{file}"
        );
    }
}

#[test]
fn a_failing_scenario_explains_with_the_value_given() {
    let (code, stdout, _) = run_scenario(WTO, "wto-fail.json");
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("failing_scenario", stdout);
}

#[test]
fn a_scenario_with_bad_names_and_values_points_at_each() {
    let (code, stdout, _) = run_scenario(WTO, "wto-bad.json");
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("invalid_scenario", stdout);
}

#[test]
fn a_scenario_given_not_a_mapping_is_invalid() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("listed.json");
    std::fs::write(
        &path,
        r#"{"facts": {"as_of": "2026-03-28"}, "given": ["para5.expiry_date"], "expect": {"expiry_date": "2026-03-26"}}"#,
    )
    .expect("written");
    let (code, stdout, _) = provisio(&["test", WTO, "--scenarios", path.to_str().expect("a path")]);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("× `given` must map definitions to their values"),
        "{stdout}"
    );
}

#[test]
fn coverage_does_not_count_a_given_definition_as_exercised() {
    let (code, stdout, stderr) = provisio(&[
        "test",
        DEADLINE,
        "--scenarios",
        &format!("{FIXTURES}/deadline-on-time.json"),
        "--coverage",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let out = json(&stdout);
    let rules = &out["coverage"][0]["provisions"][0]["rules"];
    let exercised = |name: &str| {
        rules
            .as_array()
            .and_then(|rules| rules.iter().find(|r| r["rule"] == name))
            .map(|r| r["exercised"].clone())
    };
    assert_eq!(exercised("art1.deadline"), Some(Json::from(0)));
    assert_eq!(exercised("art1.on_time"), Some(Json::from(1)));
}

#[test]
fn the_library_gives_values_and_the_trace_marks_them() {
    use provisio::eval::{AsOfSource, Readings, evaluate};
    use provisio::explain::{Detail, explain};
    let checked = provisio::check::load_policy(std::path::Path::new(WTO)).expect("checks");
    let model = &checked.model;
    let mut facts = provisio::facts::Facts::empty(model);
    facts
        .given
        .give_assignment(model, "expiry_date=2026-03-31")
        .expect("a date");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 3, 28).expect("a date");
    let evaluation = evaluate(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    )
    .expect("evaluates");
    let outcome = evaluation
        .verdicts
        .iter()
        .find(|o| model.verdicts[o.verdict as usize].name == "moratorium_in_force")
        .expect("the verdict");
    assert_eq!(outcome.value.as_bool(), Some(true));
    let why = explain(model, &evaluation, outcome, Detail::Decisive).expect("explained");
    let step = &why.steps[0].steps[0];
    assert!(step.given);
    assert_eq!(step.because, provisio::explain::GIVEN_BECAUSE);
    assert!(!why.steps[0].given);
    let given: Vec<String> = evaluation
        .given
        .entries()
        .map(|(id, _)| provisio::facts::given::qualified_name(model, id))
        .collect();
    assert_eq!(given, ["para5.expiry_date"]);
}

#[test]
fn a_given_value_that_breaks_an_assumption_is_named_as_given() {
    let policy = "tests/fixtures/given/assumed.policy";
    let facts = "tests/fixtures/given/filed.json";
    eval_ok(&[policy, "--facts", facts, "--explain", "none"]);
    let stderr = eval_refused(&[policy, "--facts", facts, "--given", "deadline=2020-05-01"]);
    insta::assert_snapshot!("breaks_an_assumption", stderr);
}
