//! `provisio test` never passes by accident: paths and options in any
//! order mean the same, a path that is no policy, scenario or folder is an
//! error, scenarios are never silently left out, and a scenario that
//! expects nothing is invalid.

use assert_cmd::Command;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const SCENARIO: &str = "rules/wto/scenarios/02-during-mc14-opening-reading.json";

fn provisio() -> Command {
    Command::cargo_bin("provisio").expect("the binary")
}

/// The exit code, standard output and standard error of `provisio test ARGS`.
fn test(args: &[&str]) -> (Option<i32>, String, String) {
    let output = provisio().arg("test").args(args).output().expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn options_and_paths_in_any_order_run_the_same() {
    let after = test(&[POLICY, "--scenarios", SCENARIO]);
    let before = test(&["--scenarios", SCENARIO, POLICY]);
    assert_eq!(
        after,
        (Some(0), String::from("1 passed, 0 failed\n"), String::new())
    );
    assert_eq!(before, after);
}

#[test]
fn a_path_that_does_not_exist_is_an_error() {
    let (code, stdout, stderr) = test(&[POLICY, "--scenarios", "rules/wto/scenarios/no-such.json"]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: no such file or folder: rules/wto/scenarios/no-such.json\n  help: give policy files (`.policy`), folders that hold them, and with `--scenarios` scenario files (`.json`, `.yaml`, `.yml`) or folders of them\n"
    );
}

#[test]
fn a_path_that_is_neither_policy_nor_scenario_is_an_error() {
    let (code, _, stderr) = test(&[POLICY, "README.md"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: README.md is neither a policy (`.policy`) nor a scenario (`.json`, `.yaml`, `.yml`)\n  help: give the policy file and, with `--scenarios`, the scenario files to run against it\n"
    );
}

#[test]
fn scenarios_without_a_policy_are_an_error_not_a_run_of_the_folder() {
    let (code, stdout, stderr) = test(&["--scenarios", SCENARIO]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with(&format!(
            "error: scenarios without a policy to run them against: {SCENARIO}\n"
        )),
        "{stderr}"
    );
}

#[test]
fn scenarios_beside_a_folder_are_an_error_not_ignored() {
    let (code, stdout, stderr) = test(&["rules/wto", "--scenarios", SCENARIO]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: `--scenarios` applies to policy files, not to the folders rules/wto\n  help: a folder's policies run with the scenarios of their own `scenarios/` folders; to run other scenarios, name the policy file\n"
    );
}

#[test]
fn a_scenario_that_expects_nothing_is_invalid() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let scenario = dir.path().join("nothing.json");
    std::fs::write(
        &scenario,
        r#"{"facts": {"as_of": "2026-03-28"}, "expect": {}}"#,
    )
    .expect("written");
    let output = provisio()
        .args(["test", POLICY, "--scenarios"])
        .arg(&scenario)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("× the scenario expects nothing: `expect` is empty"),
        "{stdout}"
    );
    assert!(stdout.ends_with("0 passed, 1 failed\n"), "{stdout}");
}
