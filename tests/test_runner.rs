//! `provisio test`: the runner itself, on passing, failing, invalid and
//! missing scenarios, with coverage and JUnit reports.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value as Json;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn provisio(args: &[&str], dir: &Path) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A fresh folder holding the bundled policy and the given scenarios.
fn suite(name: &str, scenarios: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("provisio-test-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("scenarios")).expect("a folder");
    std::fs::copy(root().join(POLICY), dir.join("decision.policy")).expect("copied");
    for (file, text) in scenarios {
        std::fs::write(dir.join("scenarios").join(file), text).expect("written");
    }
    dir
}

#[test]
fn the_bundled_suite_passes_with_full_provision_coverage() {
    let (code, stdout, _) = provisio(&["test", "rules/"], root());
    assert_eq!(code, Some(0), "{stdout}");
    let last = stdout.lines().last().unwrap_or_default();
    let passed: usize = last
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(passed >= 30, "{last}");
    assert_eq!(last, format!("{passed} passed, 0 failed"));

    let (code, stdout, _) = provisio(
        &["test", "rules/", "--coverage", "--format", "json"],
        root(),
    );
    assert_eq!(code, Some(0));
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    // Every policy under rules/ has full provision coverage; the decision's
    // five paragraphs are all reached.
    let policies = json["coverage"].as_array().expect("coverage per policy");
    assert!(policies.len() >= 4, "{policies:?}");
    for coverage in policies {
        assert_eq!(coverage["complete"], true, "{coverage}");
    }
    let decision = policies
        .iter()
        .find(|c| {
            c["policy"]
                .as_str()
                .is_some_and(|p| p.ends_with("mc13-ecommerce.policy"))
        })
        .expect("the decision's coverage");
    let provisions: Vec<&str> = decision["provisions"]
        .as_array()
        .expect("provisions")
        .iter()
        .filter(|p| p["reached"] == true)
        .filter_map(|p| p["provision"].as_str())
        .collect();
    assert_eq!(provisions, ["para1", "para2", "para3", "para4", "para5"]);
}

#[test]
fn a_failing_scenario_shows_expected_and_actual_values_and_why() {
    let dir = suite(
        "failing",
        &[(
            "wrong.json",
            r#"{"description": "a wrong expectation", "facts": {"as_of": "2026-03-28", "mc14": {"opening": "2026-03-26"}}, "expect": {"moratorium_in_force": true}}"#,
        )],
    );
    let (code, stdout, _) = provisio(&["test"], &dir);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains(
            "FAIL ./scenarios/wrong.json: moratorium_in_force: expected true, got false\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("  why moratorium_in_force is false:\n"),
        "{stdout}"
    );
    assert!(stdout.contains("28 March 2026 is not before"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("0 passed, 1 failed"));
}

#[test]
fn an_invalid_scenario_is_reported_in_the_file_and_counted_failed() {
    let dir = suite(
        "invalid",
        &[
            (
                "misspelled.json",
                "{\n  \"description\": \"a misspelled fact\",\n  \"facts\": {\"as_of\": \"2026-03-28\", \"mc41\": {\"opening\": \"2026-03-26\"}},\n  \"expect\": {\"moratorium_in_force\": false}\n}\n",
            ),
            (
                "good.yaml",
                "description: a good one\nfacts:\n  as_of: 2026-04-01\nexpect:\n  moratorium_in_force: false\n",
            ),
        ],
    );
    let (code, stdout, _) = provisio(&["test"], &dir);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("INVALID ./scenarios/misspelled.json"),
        "{stdout}"
    );
    assert!(stdout.contains("unknown fact `mc41`"), "{stdout}");
    assert!(stdout.contains("misspelled.json:3:36"), "{stdout}");
    assert!(stdout.contains("did you mean `mc14`?"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("1 passed, 1 failed"));
}

#[test]
fn an_unknown_verdict_or_reading_in_a_scenario_is_invalid() {
    let dir = suite(
        "unknown-names",
        &[(
            "names.json",
            r#"{"description": "misspelled names", "facts": {"as_of": "2026-03-28"}, "readings": {"mc14_referenc": "closing"}, "expect": {"moratorium_in_forc": null}}"#,
        )],
    );
    let (code, stdout, _) = provisio(&["test"], &dir);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("did you mean `mc14_reference`?"),
        "{stdout}"
    );
    assert!(
        stdout.contains("did you mean `moratorium_in_force`?"),
        "{stdout}"
    );
}

#[test]
fn an_empty_folder_is_an_error() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("provisio-test-empty");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    let (code, _, stderr) = provisio(&["test", "."], &dir);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("no `.policy` files under ."), "{stderr}");
}

#[test]
fn scenarios_can_be_named_explicitly_and_reported_as_junit() {
    let junit = Path::new(env!("CARGO_TARGET_TMPDIR")).join("provisio-junit.xml");
    let (code, stdout, _) = provisio(
        &[
            "test",
            POLICY,
            "--scenarios",
            "rules/wto/scenarios/01-before-mc14-duty-on-download.json",
            "rules/wto/scenarios/02-during-mc14-opening-reading.json",
            "--junit",
            junit.to_str().expect("a path"),
        ],
        root(),
    );
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("2 passed, 0 failed"));
    let xml = std::fs::read_to_string(&junit).expect("the report");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"provisio\" tests=\"2\" failures=\"0\">"), "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 2);
}

#[test]
fn discovery_runs_only_policies_with_a_scenarios_folder() {
    // The repository holds policies that are deliberately broken, as test
    // fixtures; they have no `scenarios/` folder and are not suites.
    let (code, stdout, _) = provisio(&["test"], root());
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.ends_with(" passed, 0 failed\n"), "{stdout}");
}
