//! What a scenario may expect of a verdict: a value, `null` (undetermined
//! only), or an object naming its status, its value within a tolerance, its
//! error and the provisions it arose in, what it depends on, its residual
//! and the values still possible; a scenario-wide tolerance; each element's
//! entry of a verdict given for each element. Each form passing and
//! failing, with expected and actual in the same terms, and invalid
//! expectations as diagnostics. The fixtures are in
//! `tests/fixtures/expectations/`.

use assert_cmd::Command;
use serde_json::{Value as Json, json};

const POLICY: &str = "tests/fixtures/expectations/pay.policy";

fn provisio(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `provisio test POLICY --scenarios FILE`, for one fixture.
fn run_one(file: &str) -> (Option<i32>, String) {
    let path = format!("tests/fixtures/expectations/{file}");
    let (code, stdout, _) = provisio(&["test", POLICY, "--scenarios", &path]);
    (code, stdout)
}

/// The first line of the report of one failing fixture.
fn first_line(file: &str) -> String {
    let (code, stdout) = run_one(file);
    assert_eq!(code, Some(1), "{file} must fail:\n{stdout}");
    stdout.lines().next().unwrap_or_default().to_string()
}

#[test]
fn every_form_passes_when_the_verdicts_are_as_expected() {
    let (code, stdout, stderr) = provisio(&["test", POLICY]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert_eq!(stdout, "11 passed, 0 failed\n");
}

#[test]
fn null_no_longer_passes_for_a_verdict_not_in_force() {
    assert_eq!(
        first_line("failing/null-not-in-force.json"),
        "FAIL tests/fixtures/expectations/failing/null-not-in-force.json: bonus: expected null, got {\"status\":\"not_in_force\"}"
    );
    // The same verdict expected not in force passes.
    let (code, stdout) = run_one("scenarios/03-not-in-force.json");
    assert_eq!((code, stdout.as_str()), (Some(0), "1 passed, 0 failed\n"));
}

#[test]
fn null_fails_for_a_determined_verdict_and_a_value_for_an_undetermined_one() {
    assert_eq!(
        first_line("failing/undetermined-not-null.json"),
        "FAIL tests/fixtures/expectations/failing/undetermined-not-null.json: hours_paid: expected 100, got null; part: expected null, got \"EUR 583.33333333333333333333333333\""
    );
}

#[test]
fn a_wrong_status_shows_the_status_and_what_the_verdict_depends_on() {
    assert_eq!(
        first_line("failing/wrong-status.json"),
        "FAIL tests/fixtures/expectations/failing/wrong-status.json: bonus: expected {\"status\":\"not_in_force\"}, got {\"status\":\"undetermined\",\"depends_on\":[\"hours\"]}"
    );
}

#[test]
fn a_tolerance_per_verdict_and_for_the_scenario() {
    assert_eq!(
        first_line("failing/outside-tolerance.json"),
        "FAIL tests/fixtures/expectations/failing/outside-tolerance.json: part: expected {\"value\":\"EUR 583.30\",\"within\":0.01}, got {\"status\":\"determined\",\"value\":\"EUR 583.33333333333333333333333333\"}"
    );
    // A plain value under a scenario-wide tolerance stays plain.
    assert_eq!(
        first_line("failing/scenario-tolerance.json"),
        "FAIL tests/fixtures/expectations/failing/scenario-tolerance.json: part: expected \"EUR 583.30\", got \"EUR 583.33333333333333333333333333\""
    );
    assert_eq!(
        first_line("failing/own-within-wins.json"),
        "FAIL tests/fixtures/expectations/failing/own-within-wins.json: part: expected {\"value\":\"EUR 583\",\"within\":0.1}, got {\"status\":\"determined\",\"value\":\"EUR 583.33333333333333333333333333\"}"
    );
    for passing in [
        "scenarios/01-value-within.json",
        "scenarios/02-tolerance.yaml",
        "scenarios/11-scenario-tolerance-of-one.json",
    ] {
        let (code, stdout) = run_one(passing);
        assert_eq!(
            (code, stdout.as_str()),
            (Some(0), "1 passed, 0 failed\n"),
            "{passing}"
        );
    }
}

#[test]
fn an_expected_error_passes_and_a_wrong_or_missing_one_fails() {
    for passing in [
        "scenarios/04-conflict.json",
        "scenarios/05-status-error.json",
    ] {
        let (code, stdout) = run_one(passing);
        assert_eq!(
            (code, stdout.as_str()),
            (Some(0), "1 passed, 0 failed\n"),
            "{passing}"
        );
    }
    assert_eq!(
        first_line("failing/wrong-error.json"),
        "FAIL tests/fixtures/expectations/failing/wrong-error.json: rate: expected {\"error\":\"provisio::division_by_zero\"}, got {\"status\":\"error\",\"error\":\"provisio::conflict\"}"
    );
    assert_eq!(
        first_line("failing/wrong-provisions.json"),
        "FAIL tests/fixtures/expectations/failing/wrong-provisions.json: rate: expected {\"error\":\"provisio::conflict\",\"provisions\":[\"art1\"]}, got {\"status\":\"error\",\"error\":\"provisio::conflict\",\"provisions\":[\"art1\",\"art2\"]}"
    );
    assert_eq!(
        first_line("failing/expected-error.json"),
        "FAIL tests/fixtures/expectations/failing/expected-error.json: rate: expected {\"error\":\"provisio::conflict\"}, got {\"status\":\"determined\",\"value\":10}"
    );
    // An error the scenario does not expect is an error of the run.
    assert_eq!(
        first_line("failing/unexpected-error.json"),
        "ERROR tests/fixtures/expectations/failing/unexpected-error.json: rate: expected 10, errored with provisio::conflict"
    );
}

#[test]
fn depends_on_residual_and_the_values_still_possible() {
    let (code, stdout) = run_one("scenarios/06-undetermined-ranges.json");
    assert_eq!((code, stdout.as_str()), (Some(0), "1 passed, 0 failed\n"));
    assert_eq!(
        first_line("failing/wrong-depends.json"),
        "FAIL tests/fixtures/expectations/failing/wrong-depends.json: leads: expected {\"depends_on\":[\"hours\"],\"residual\":\"grade is principal\"}, got {\"status\":\"undetermined\",\"depends_on\":[\"grade\"],\"residual\":\"grade is senior\"}"
    );
    assert_eq!(
        first_line("failing/wrong-range.json"),
        "FAIL tests/fixtures/expectations/failing/wrong-range.json: hours_paid: expected {\"at_least\":80}, got {\"status\":\"undetermined\",\"depends_on\":[\"hours\"],\"at_least\":90,\"at_most\":120}; grade: expected {\"one_of\":[\"junior\"]}, got {\"status\":\"undetermined\",\"depends_on\":[\"grade\"],\"one_of\":[\"junior\",\"senior\"]}"
    );
}

#[test]
fn each_element_may_be_expected_in_any_form() {
    for passing in [
        "scenarios/08-per-element.json",
        "scenarios/09-per-element-whole.json",
        "scenarios/10-elements-key.json",
    ] {
        let (code, stdout) = run_one(passing);
        assert_eq!(
            (code, stdout.as_str()),
            (Some(0), "1 passed, 0 failed\n"),
            "{passing}"
        );
    }
    let (code, stdout) = run_one("failing/per-element.json");
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "FAIL tests/fixtures/expectations/failing/per-element.json: paid: expected {\"Ann\":{\"value\":31},\"Ben\":{\"status\":\"determined\"}}, got {\"Ann\":{\"status\":\"determined\",\"value\":30},\"Ben\":{\"status\":\"undetermined\",\"depends_on\":[\"members\"]}}
  why paid is {\"Ann\":{\"status\":\"determined\",\"value\":30},\"Ben\":{\"status\":\"undetermined\",\"depends_on\":[\"members\"]}}:
    Ann: expected {\"value\":31}, got {\"status\":\"determined\",\"value\":30}
      M.hours (3) times 10 is 30.
    Ben: expected {\"status\":\"determined\"}, got {\"status\":\"undetermined\",\"depends_on\":[\"members\"]}
      M.hours (undetermined) times 10 is undetermined.
0 passed, 1 failed
"
    );
    assert_eq!(
        first_line("failing/per-element-whole.json"),
        "FAIL tests/fixtures/expectations/failing/per-element-whole.json: paid: expected {\"status\":\"undetermined\"}, got {\"status\":\"determined\",\"elements\":{\"Ann\":30,\"Ben\":null}}"
    );
}

#[test]
fn the_failing_fixtures_report() {
    let (code, stdout, _) = provisio(&[
        "test",
        POLICY,
        "--scenarios",
        "tests/fixtures/expectations/failing",
    ]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("failing_report", stdout);
}

#[test]
fn invalid_expectations_are_diagnostics() {
    let (code, stdout, _) = provisio(&[
        "test",
        POLICY,
        "--scenarios",
        "tests/fixtures/expectations/invalid",
    ]);
    assert_eq!(code, Some(1));
    assert!(stdout.ends_with("0 passed, 17 failed\n"), "{stdout}");
    insta::assert_snapshot!("invalid_report", stdout);
}

#[test]
fn the_json_report_gives_expected_and_actual() {
    let (code, stdout, _) = provisio(&[
        "test",
        POLICY,
        "--scenarios",
        "tests/fixtures/expectations/failing/wrong-status.json",
        "tests/fixtures/expectations/failing/unexpected-error.json",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(1));
    let report: Json = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        report["results"],
        json!([
            {
                "scenario": "tests/fixtures/expectations/failing/wrong-status.json",
                "status": "failed",
                "failures": [{
                    "verdict": "bonus",
                    "expected": {"status": "not_in_force"},
                    "actual": {"status": "undetermined", "depends_on": ["hours"]}
                }]
            },
            {
                "scenario": "tests/fixtures/expectations/failing/unexpected-error.json",
                "status": "error",
                "failures": [{
                    "verdict": "rate",
                    "expected": 10,
                    "error": {
                        "code": "provisio::conflict",
                        "message": "in provision art1, rule rate: exception `student_rate` of provision `art1` and exception `low_income` of provision `art2` both apply to `rate` and disagree: 10 and 0"
                    }
                }]
            }
        ])
    );
}

#[test]
fn the_junit_report_gives_expected_and_actual() {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("expectations-junit.xml");
    let out_text = out.display().to_string();
    let (code, _, _) = provisio(&[
        "test",
        POLICY,
        "--scenarios",
        "tests/fixtures/expectations/failing/wrong-status.json",
        "--junit",
        &out_text,
    ]);
    assert_eq!(code, Some(1));
    let xml = std::fs::read_to_string(&out).expect("the report");
    assert!(
        xml.contains("<failure message=\"wrong verdicts\">bonus: expected {&quot;status&quot;:&quot;not_in_force&quot;}, got {&quot;status&quot;:&quot;undetermined&quot;,&quot;depends_on&quot;:[&quot;hours&quot;]}</failure>"),
        "{xml}"
    );
}

/// The `provisio::...` codes written in the body of a `code` function of
/// a source file.
fn codes_in(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        .expect("the source");
    let start = text.find("pub fn code(&self)").expect("a code function");
    let body = &text[start..];
    let body = &body[..body[1..]
        .find("\n    pub fn ")
        .map_or(body.len(), |end| end + 1)];
    body.split('"')
        .filter(|part| part.starts_with("provisio::"))
        .map(String::from)
        .collect()
}

#[test]
fn every_evaluation_error_code_may_be_expected() {
    let mut codes = codes_in("src/eval/error_place.rs");
    codes.extend(codes_in("src/eval/calendar_calls.rs"));
    codes.sort();
    codes.dedup();
    let listed: Vec<String> = provisio::eval::EVAL_ERROR_CODES
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(listed, codes);
}
