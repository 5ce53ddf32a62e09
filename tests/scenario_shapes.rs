//! Scenarios that say more than one date and one set of readings: `at`
//! (several dates in one scenario), `all_readings` (every combination of
//! the readings), the date a scenario is checked on (its `as_of`, else
//! `provisio test --at`, else the policy's `scenarios as of`, else an
//! invalid scenario), and the files a run leaves out, named in its summary.

use assert_cmd::Command;

const DIR: &str = "tests/fixtures/scenario_shapes";
const FILING: &str = "tests/fixtures/scenario_shapes/filing.policy";

/// The exit code, standard output and standard error of `provisio test ARGS`.
fn test(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .arg("test")
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `provisio test filing.policy --scenarios DIR/NAME ARGS...`.
fn scenario(name: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let path = format!("{DIR}/{name}");
    let mut all = vec![FILING, "--scenarios", path.as_str()];
    all.extend(args);
    test(&all)
}

#[test]
fn at_dates_and_all_readings_pass_when_they_hold() {
    let passing = format!("{DIR}/passing");
    assert_eq!(
        test(&[FILING, "--scenarios", &passing]),
        (Some(0), String::from("5 passed, 0 failed\n"), String::new())
    );
}

#[test]
fn a_failure_under_at_names_the_date() {
    let (code, stdout, _) = scenario("failing/at-wrong.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "FAIL tests/fixtures/scenario_shapes/failing/at-wrong.json: on 2024-06-01: late_fee: expected \"EUR 50\", got {\"status\":\"not_in_force\"}
  why late_fee is {\"status\":\"not_in_force\"} on 2024-06-01:
    On 1 June 2024, provision art2 is not in force, so this verdict does not apply.
0 passed, 1 failed
"
    );
}

#[test]
fn a_date_of_at_in_another_form_is_date_form_and_each_bad_entry_is_named() {
    let (code, stdout, _) = scenario("invalid/at-bad-dates.json", &[]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("at_bad_dates", stdout);
}

#[test]
fn as_of_beside_only_at_dates_is_invalid_not_ignored() {
    let (code, stdout, _) = scenario("invalid/as-of-beside-at.json", &[]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("as_of_beside_at", stdout);
}

#[test]
fn a_failure_under_all_readings_names_the_combination_as_eval_writes_it() {
    let (code, stdout, _) = scenario("failing/all-readings-wrong.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "FAIL tests/fixtures/scenario_shapes/failing/all-readings-wrong.json: under readings {\"deadline_day\":\"excluded\"}: on_time: expected true, got false
  why on_time is false under readings {\"deadline_day\":\"excluded\"}:
    The return is received in time: false, the day the return was received (31 March 2024) is not before 31 March 2024. [art1]
0 passed, 1 failed
"
    );
}

#[test]
fn expecting_disagreement_where_the_readings_agree_fails() {
    let (code, stdout, _) = scenario("failing/disagree-but-agree.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "FAIL tests/fixtures/scenario_shapes/failing/disagree-but-agree.json: on_time: expected the readings to disagree, but every combination of deadline_day gives true
0 passed, 1 failed
"
    );
}

#[test]
fn every_combination_needs_an_outcome_and_every_outcome_a_combination() {
    let (code, stdout, _) = scenario("failing/disagree-incomplete.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout.lines().next(),
        Some(
            "FAIL tests/fixtures/scenario_shapes/failing/disagree-incomplete.json: late_fee: an outcome is expected under readings {\"late_fee_kind\":\"flat\"}, which no combination has: the readings varied are deadline_day, the others as the scenario chose them; under readings {\"deadline_day\":\"included\"}: late_fee: expected \"EUR 10\", got \"EUR 0.00\"; under readings {\"deadline_day\":\"excluded\"}: late_fee: no outcome is expected under these readings, which give \"EUR 100.00\""
        )
    );
}

#[test]
fn all_readings_written_wrong_is_invalid_pointing_at_each_mistake() {
    let (code, stdout, _) = scenario("invalid/all-readings-bad.json", &[]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("all_readings_bad", stdout);
}

#[test]
fn empty_at_and_all_readings_expect_nothing_and_are_invalid() {
    let (code, stdout, _) = scenario("invalid/empty-shapes.json", &[]);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("× the scenario expects nothing on any date: `at` is empty"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "× the scenario expects nothing under every reading: `all_readings` is empty"
        ),
        "{stdout}"
    );
}

#[test]
fn a_scenario_without_a_date_is_invalid_not_run_as_of_2000() {
    // Its `null` would have passed as of 1 January 2000, before the policy.
    let (code, stdout, _) = scenario("invalid/no-as-of.json", &[]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("no_as_of", stdout);
}

#[test]
fn test_at_dates_the_scenarios_without_as_of() {
    assert_eq!(
        scenario("invalid/no-as-of.json", &["--at", "2024-06-01"]),
        (Some(0), String::from("1 passed, 0 failed\n"), String::new())
    );
    let (code, stdout, _) = scenario("invalid/no-as-of.json", &["--at", "2025-06-01"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout.lines().next(),
        Some(
            "FAIL tests/fixtures/scenario_shapes/invalid/no-as-of.json: late_fee: expected {\"status\":\"not_in_force\"}, got {\"status\":\"determined\",\"value\":\"EUR 50.00\"}"
        )
    );
}

#[test]
fn test_at_in_another_form_is_date_form() {
    let (code, stdout, stderr) = scenario("invalid/no-as-of.json", &["--at", "1/6/2025"]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(stderr.contains("provisio::date_form"), "{stderr}");
    assert!(stderr.contains("× `1/6/2025` is not a date"), "{stderr}");
}

#[test]
fn the_policy_dates_its_scenarios_after_as_of_and_test_at() {
    let dated = format!("{DIR}/dated");
    // The policy's `scenarios as of 2025-06-01` dates `default-date.json`;
    // `own-date.json` keeps its own `as_of`.
    assert_eq!(
        test(&[&dated]),
        (Some(0), String::from("2 passed, 0 failed\n"), String::new())
    );
    // `--at` comes before the policy's date, after the scenario's own.
    let (code, stdout, _) = test(&[&dated, "--at", "2024-06-01"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout.lines().next(),
        Some(
            "FAIL tests/fixtures/scenario_shapes/dated/scenarios/default-date.json: fee: expected \"EUR 50\", got {\"status\":\"not_in_force\"}"
        )
    );
    assert_eq!(stdout.lines().last(), Some("1 passed, 1 failed"));
    assert_eq!(
        test(&[&dated, "--at", "2025-06-01"]),
        (Some(0), String::from("2 passed, 0 failed\n"), String::new())
    );
}

#[test]
fn scenarios_as_of_is_checked_as_every_policy_date() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let policy = dir.path().join("p.policy");
    std::fs::write(
        &policy,
        "instrument \"A\"\n  adopted 2024-01-01\n  scenarios as of 2025-6-1\n  scenarios as of 2025-06-01\nverdict v = true says \"{yes|no|maybe}\"\n",
    )
    .expect("written");
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(["check", policy.to_str().expect("a path")])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("provisio::date_form"), "{stderr}");
    assert!(stderr.contains("write the date as 2025-06-01"), "{stderr}");
    assert!(
        stderr.contains("× the instrument gives its scenarios two dates"),
        "{stderr}"
    );
}

#[test]
fn the_summary_names_what_it_skipped_and_why() {
    let skipping = format!("{DIR}/skipping");
    assert_eq!(
        test(&[&skipping]),
        (
            Some(0),
            String::from(
                "skipped tests/fixtures/scenario_shapes/skipping/lone/fee.policy: no scenarios/ folder beside it
skipped tests/fixtures/scenario_shapes/skipping/scenarios/notes.txt: not a scenario file (.json, .yaml, .yml)
skipped tests/fixtures/scenario_shapes/skipping/scenarios/old: a folder in a scenarios folder is not read
skipped tests/fixtures/scenario_shapes/skipping/scenarios/x.toml: not a scenario file (.json, .yaml, .yml)
1 passed, 0 failed
"
            ),
            String::new()
        )
    );
}

#[test]
fn the_json_and_junit_reports_name_what_was_skipped() {
    let skipping = format!("{DIR}/skipping");
    let junit = tempfile::NamedTempFile::new().expect("a file");
    let junit_path = junit.path().to_str().expect("a path");
    let (code, stdout, _) = test(&[&skipping, "--format", "json", "--junit", junit_path]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        json["skipped"],
        serde_json::json!([
            {"path": "tests/fixtures/scenario_shapes/skipping/lone/fee.policy", "reason": "no scenarios/ folder beside it"},
            {"path": "tests/fixtures/scenario_shapes/skipping/scenarios/notes.txt", "reason": "not a scenario file (.json, .yaml, .yml)"},
            {"path": "tests/fixtures/scenario_shapes/skipping/scenarios/old", "reason": "a folder in a scenarios folder is not read"},
            {"path": "tests/fixtures/scenario_shapes/skipping/scenarios/x.toml", "reason": "not a scenario file (.json, .yaml, .yml)"}
        ])
    );
    let xml = std::fs::read_to_string(junit.path()).expect("the report");
    assert!(
        xml.contains("<testsuites name=\"provisio\" tests=\"5\" failures=\"0\" skipped=\"4\">"),
        "{xml}"
    );
    assert!(
        xml.contains("    <testcase classname=\"skipped\" name=\"tests/fixtures/scenario_shapes/skipping/scenarios/notes.txt\">\n      <skipped message=\"not a scenario file (.json, .yaml, .yml)\"/>\n    </testcase>"),
        "{xml}"
    );
}

#[test]
fn a_folder_of_policies_without_scenarios_says_so() {
    let lone = format!("{DIR}/skipping/lone");
    let (code, stdout, stderr) = test(&[&lone]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert_eq!(
        stderr,
        "skipped tests/fixtures/scenario_shapes/skipping/lone/fee.policy: no scenarios/ folder beside it
error: no `.policy` file with a `scenarios/` folder beside it under tests/fixtures/scenario_shapes/skipping/lone
  help: give a policy file, or a folder that holds one with its scenarios in `scenarios/` beside it
"
    );
}

#[test]
fn a_verdict_wrong_under_many_combinations_names_the_first_eight_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut policy = String::from("instrument \"Four readings\"\n  adopted 2024-01-01\n");
    for r in ["r1", "r2", "r3", "r4"] {
        policy.push_str(&format!(
            "reading {r} \"the reading {r}\"\n  a (default) \"the first\"\n  b \"the second\"\n"
        ));
    }
    policy.push_str(
        "provision p \"P\"\n  text \"t\"\n  define n \"a number\" =\n    (if reading r1 is a then 1 else 2) + (if reading r2 is a then 10 else 20)\n    + (if reading r3 is a then 100 else 200) + (if reading r4 is a then 1000 else 2000)\nverdict n = p.n says \"It is {value}.\"\n",
    );
    let policy_path = dir.path().join("four.policy");
    std::fs::write(&policy_path, policy).expect("written");
    let scenario_path = dir.path().join("zero.json");
    std::fs::write(
        &scenario_path,
        r#"{"facts": {"as_of": "2025-01-01"}, "all_readings": {"n": 0}}"#,
    )
    .expect("written");
    let (code, stdout, _) = test(&[
        policy_path.to_str().expect("a path"),
        "--scenarios",
        scenario_path.to_str().expect("a path"),
    ]);
    assert_eq!(code, Some(1));
    let first = stdout.lines().next().unwrap_or_default();
    assert_eq!(first.matches("under readings").count(), 8, "{first}");
    assert!(
        first.contains(
            r#"under readings {"r1":"a","r2":"a","r3":"a","r4":"a"}: n: expected 0, got 1111;"#
        ),
        "{first}"
    );
    assert!(
        first.ends_with("; n: and under 8 more combinations of the readings"),
        "{first}"
    );
}

#[test]
fn all_readings_under_an_at_date_names_the_date_and_the_readings() {
    let (code, stdout, _) = scenario("failing/at-all-readings-wrong.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout.lines().next(),
        Some(
            "FAIL tests/fixtures/scenario_shapes/failing/at-all-readings-wrong.json: on 2025-06-01, under readings {\"deadline_day\":\"excluded\",\"late_fee_kind\":\"flat\"}: late_fee: expected \"EUR 0\", got \"EUR 50.00\"; on 2025-06-01, under readings {\"deadline_day\":\"excluded\",\"late_fee_kind\":\"doubled\"}: late_fee: expected \"EUR 0\", got \"EUR 100.00\""
        )
    );
    assert!(
        stdout.contains("  why late_fee is \"EUR 100.00\" on 2025-06-01 under readings {\"deadline_day\":\"excluded\",\"late_fee_kind\":\"doubled\"}:\n"),
        "{stdout}"
    );
}
