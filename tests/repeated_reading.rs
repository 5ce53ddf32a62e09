//! A reading chosen twice: the same alternative again is harmless, two
//! different alternatives are an error naming both, in the library, on the
//! command line and in scenario files, rather than the last one silently
//! winning.

use std::path::Path;

use assert_cmd::Command;
use provisio::eval::Readings;
use provisio::model::Model;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const FACTS: &str = "tests/cli/2026-03-28.json";

fn model() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICY);
    match provisio::check::load_policy(&path) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the bundled policy checks: {problems:?}"),
    }
}

/// The outcome of a choice, with an error's message only.
fn message(result: Result<(), provisio::diagnostic::Problem>) -> Result<(), String> {
    result.map_err(|problem| problem.message)
}

fn provisio() -> Command {
    let mut command = Command::cargo_bin("provisio").expect("the binary");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

#[test]
fn the_same_alternative_chosen_twice_is_one_choice() {
    let model = model();
    let mut twice = Readings::defaults(&model);
    assert_eq!(
        message(twice.choose(&model, "scope", "transmission_only")),
        Ok(())
    );
    assert_eq!(
        message(twice.choose(&model, "scope", "transmission_only")),
        Ok(())
    );
    assert_eq!(
        message(twice.choose_assignment(&model, " scope = transmission_only ")),
        Ok(())
    );
    let mut once = Readings::defaults(&model);
    assert_eq!(
        message(once.choose(&model, "scope", "transmission_only")),
        Ok(())
    );
    assert_eq!(twice, once);
}

#[test]
fn two_different_alternatives_are_an_error_naming_both() {
    let model = model();
    let mut readings = Readings::defaults(&model);
    assert_eq!(
        message(readings.choose(&model, "scope", "transmission_only")),
        Ok(())
    );
    let before = readings.clone();
    let problem = readings
        .choose_assignment(&model, "scope=transmission_and_content")
        .expect_err("a second, different choice");
    assert_eq!(problem.code, "provisio::reading_chosen_twice");
    assert_eq!(
        problem.message,
        "reading `scope` is chosen twice, as `transmission_only` and as `transmission_and_content`"
    );
    let labels: Vec<(usize, usize, &str)> = problem
        .labels
        .iter()
        .map(|(span, label)| (span.start, span.end, label.as_str()))
        .collect();
    assert_eq!(labels, [(6, 30, "`transmission_only` was chosen before")]);
    assert_eq!(
        problem.help.as_deref(),
        Some(
            "choose one alternative of `scope`: `transmission_only` or `transmission_and_content`"
        )
    );
    // The first choice stays in force.
    assert_eq!(readings, before);
}

#[test]
fn choosing_the_default_after_another_alternative_is_an_error_too() {
    // The default is an alternative like any other once it is written out.
    let model = model();
    let mut readings = Readings::defaults(&model);
    assert_eq!(
        message(readings.choose(&model, "scope", "transmission_and_content")),
        Ok(())
    );
    let problem = readings
        .choose(&model, "scope", "transmission_only")
        .expect_err("a second, different choice");
    assert_eq!(
        problem.message,
        "reading `scope` is chosen twice, as `transmission_and_content` and as `transmission_only`"
    );
}

#[test]
fn eval_refuses_two_different_values_for_one_reading() {
    let output = provisio()
        .args(["eval", POLICY, "--facts", FACTS])
        .args(["--reading", "scope=transmission_only"])
        .args(["--reading", "mc14_reference=closing"])
        .args(["--reading", "scope=transmission_and_content"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "provisio::reading_chosen_twice

  × reading `scope` is chosen twice, as `transmission_only` and as `transmission_and_content`
   ╭─[--reading:1:7]
 1 │ scope=transmission_and_content
   ·       ────────────┬───────────
   ·                   ╰── `transmission_only` was chosen before
   ╰────
  help: choose one alternative of `scope`: `transmission_only` or `transmission_and_content`

"
    );
}

#[test]
fn every_command_that_takes_readings_refuses_two_different_values() {
    let twice = [
        "--reading",
        "mc14_reference=opening",
        "--reading",
        "mc14_reference=closing",
    ];
    let commands: [&[&str]; 3] = [
        &["eval", POLICY, "--facts", FACTS, "--all-readings"],
        &[
            "timeline",
            POLICY,
            "--facts",
            FACTS,
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-02",
        ],
        &["batch", POLICY, "--scenarios", "-"],
    ];
    for command in commands {
        let output = provisio()
            .args(command)
            .args(twice)
            .write_stdin("")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command:?}: {stderr}");
        assert!(
            stderr.contains(
                "reading `mc14_reference` is chosen twice, as `opening` and as `closing`"
            ),
            "{command:?}: {stderr}"
        );
    }
}

#[test]
fn eval_accepts_the_same_value_twice() {
    let once = provisio()
        .args(["eval", POLICY, "--facts", FACTS])
        .args(["--reading", "scope=transmission_only"])
        .output()
        .expect("runs");
    let twice = provisio()
        .args(["eval", POLICY, "--facts", FACTS])
        .args(["--reading", "scope=transmission_only"])
        .args(["--reading", "scope=transmission_only"])
        .output()
        .expect("runs");
    assert_eq!(once.status.code(), Some(0));
    assert_eq!(twice.status.code(), Some(0));
    assert_eq!(twice.stdout, once.stdout);
}

/// A folder of scenario files, fresh for each test.
fn scenarios(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("repeated-reading-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("written");
    }
    dir
}

#[test]
fn a_scenario_that_names_a_reading_twice_differently_is_invalid() {
    // The JSON value of the file would keep only the last; the runner reads
    // the readings as written.
    let dir = scenarios(
        "invalid",
        &[
            (
                "twice.json",
                r#"{
  "facts": {"as_of": "2025-06-01"},
  "readings": {"scope": "transmission_only", "mc14_reference": "closing", "scope": "transmission_and_content"},
  "expect": {"moratorium_in_force": false}
}
"#,
            ),
            (
                "twice.yaml",
                "facts: {as_of: 2025-06-01}\nreadings:\n  scope: transmission_only\n  scope: transmission_and_content\nexpect: {moratorium_in_force: false}\n",
            ),
        ],
    );
    let output = provisio()
        .args(["test", POLICY, "--scenarios"])
        .arg(&dir)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let dir = dir.display();
    assert_eq!(
        stdout,
        format!(
            "INVALID {dir}/twice.json: the scenario does not fit the policy
provisio::reading_chosen_twice

  × reading `scope` is chosen twice, as `transmission_only` and as `transmission_and_content`
   ╭─[{dir}/twice.json:3:75]
 2 │   \"facts\": {{\"as_of\": \"2025-06-01\"}},
 3 │   \"readings\": {{\"scope\": \"transmission_only\", \"mc14_reference\": \"closing\", \"scope\": \"transmission_and_content\"}},
   ·                                                                           ───┬───
   ·                                                                              ╰── `transmission_only` was chosen before
 4 │   \"expect\": {{\"moratorium_in_force\": false}}
   ╰────
  help: choose one alternative of `scope`: `transmission_only` or `transmission_and_content`
INVALID {dir}/twice.yaml: the scenario does not fit the policy
provisio::reading_chosen_twice

  × reading `scope` is chosen twice, as `transmission_only` and as `transmission_and_content`
   ╭─[{dir}/twice.yaml:4:3]
 3 │   scope: transmission_only
 4 │   scope: transmission_and_content
   ·   ──┬──
   ·     ╰── `transmission_only` was chosen before
 5 │ expect: {{moratorium_in_force: false}}
   ╰────
  help: choose one alternative of `scope`: `transmission_only` or `transmission_and_content`
0 passed, 2 failed
"
        )
    );
}

#[test]
fn a_scenario_that_names_a_reading_twice_alike_runs() {
    // Under the default reading the measure would be prohibited.
    let dir = scenarios(
        "alike",
        &[
            (
                "twice.json",
                r#"{"facts": {"as_of": "2025-06-01", "measure": {"kind": "customs_duty", "levied_on": "transmitted_content"}}, "readings": {"scope": "transmission_only", "scope": "transmission_only"}, "expect": {"measure_status": "outside_scope"}}"#,
            ),
            (
                "twice.yaml",
                "facts: {as_of: 2025-06-01, measure: {kind: customs_duty, levied_on: transmitted_content}}\nreadings:\n  scope: transmission_only\n  scope: transmission_only\nexpect: {measure_status: outside_scope}\n",
            ),
        ],
    );
    let output = provisio()
        .args(["test", POLICY, "--scenarios"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "2 passed, 0 failed\n"
    );
}
