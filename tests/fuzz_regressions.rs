//! Every input on which a fuzz target (fuzz/, see docs/fuzzing.md) once
//! crashed, run through the same pipeline by the built binary: each must end
//! cleanly, with exit status 0, or 1 and a diagnostic on stderr; never a
//! panic (101), an abort (134) or a signal.
//!
//! The inputs live in `tests/fuzz_regressions/TARGET/`, one folder per fuzz
//! target, so that each is run the way its target ran it:
//!
//! - `policy`, `policy_structured`: the policy through `check`, `eval` in
//!   every format and detail, `eval --all-readings` and `timeline`; the facts
//!   after a `#facts:json|yaml|toml` line, if any, as its facts file;
//! - `facts_json`, `facts_yaml`, `facts_toml`: the facts against every policy
//!   of `rules/` through `eval`, `eval --all-readings` and `timeline`;
//! - `scenario`: the scenario against every policy of `rules/` through
//!   `test` (JSON when it starts with `{`, YAML otherwise);
//! - `batch_jsonl`, `batch_csv`: the rows against every policy of `rules/`
//!   through `batch --explain`, written as JSON Lines and as CSV.
//!
//! The binary runs in a subprocess because a stack overflow aborts the
//! whole process.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The policies the fuzz targets load for facts, scenarios and batch rows.
const BUNDLED: [&str; 4] = [
    "rules/wto/mc13-ecommerce.policy",
    "rules/us-corporate-tax/corporate-rates.policy",
    "rules/us-income-tax/income-tax-and-child-credit.policy",
    "rules/us-home-sale/principal-residence.policy",
];

/// The marker line of the `policy` target between a policy and its facts.
const FACTS_MARKER: &str = "\n#facts:";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The inputs of one target's folder, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let folder = root().join("tests/fuzz_regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|path| {
        path.is_file()
            && !path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
    });
    files.sort();
    files
}

/// A fresh folder for one input's files.
fn scratch(target: &str, input: &Path) -> PathBuf {
    let name = input
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("input");
    let dir = std::env::temp_dir()
        .join(format!("provisio-fuzz-regressions-{}", std::process::id()))
        .join(target)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// Runs the binary and returns a complaint when it did not end cleanly.
fn run(args: &[&str], input: &Path) -> Option<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_provisio"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // `test` reports failing and invalid scenarios on stdout, the rest on stderr.
    let explained = !stderr.trim().is_empty() || (args[0] == "test" && !output.stdout.is_empty());
    let complaint = match output.status.code() {
        Some(0) => return None,
        Some(1) if explained => return None,
        Some(1) => String::from("exit 1 without a diagnostic"),
        Some(code) => format!("exit status {code}"),
        None => format!("killed by a signal ({:?})", output.status),
    };
    let tail: String = stderr
        .chars()
        .rev()
        .take(600)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Some(format!(
        "{}: `provisio {}`: {complaint}\n{tail}",
        input.display(),
        args.join(" ")
    ))
}

/// Inputs larger than this (in bytes) run through each command once, in
/// one format, rather than in every format: a debug build takes seconds to
/// check a policy of thousands of rules, and the formats differ only in
/// rendering.
const LARGE_INPUT: u64 = 64 * 1024;

/// What a verdict command runs on a policy and facts file: `eval` in every
/// format and detail, `eval --all-readings` in every format, `timeline` in
/// every format; for a large input, each once, with full explanations in JSON.
fn evaluate_every_way(policy: &str, facts: Option<&str>, input: &Path) -> Vec<String> {
    let large = std::fs::metadata(input).is_ok_and(|m| m.len() > LARGE_INPUT);
    let (formats, details, timeline_formats): (&[&str], &[&str], &[&str]) = if large {
        (&["json"], &["full"], &["json"])
    } else {
        (
            &["text", "json", "markdown"],
            &["decisive", "full", "none"],
            &["text", "json", "svg"],
        )
    };
    let mut complaints = Vec::new();
    let facts_args: Vec<&str> = facts.map(|f| vec!["--facts", f]).unwrap_or_default();
    let mut commands: Vec<Vec<&str>> = Vec::new();
    for &format in formats {
        for &explain in details {
            commands.push(vec![
                "eval",
                "--at",
                "2026-03-28",
                "--format",
                format,
                "--explain",
                explain,
            ]);
        }
        commands.push(vec![
            "eval",
            "--at",
            "2026-03-28",
            "--all-readings",
            "--format",
            format,
        ]);
    }
    for &format in timeline_formats {
        commands.push(vec![
            "timeline",
            "--from",
            "2026-03-25",
            "--to",
            "2026-03-31",
            "--format",
            format,
        ]);
    }
    for mut command in commands {
        command.insert(1, policy);
        command.extend(facts_args.iter().copied());
        complaints.extend(run(&command, input));
    }
    complaints
}

fn policy_input(target: &str, input: &Path) -> Vec<String> {
    let bytes = std::fs::read(input).expect("the input reads");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let dir = scratch(target, input);
    let (policy_text, facts) = match text.find(FACTS_MARKER) {
        Some(at) => {
            let rest = &text[at + FACTS_MARKER.len()..];
            let (word, facts) = rest.split_once('\n').unwrap_or((rest, ""));
            let extension = match word.trim() {
                "yaml" => "yaml",
                "toml" => "toml",
                _ => "json",
            };
            (&text[..at], Some((extension, facts)))
        }
        None => (text.as_str(), None),
    };
    let policy = dir.join("input.policy");
    std::fs::write(&policy, policy_text).expect("written");
    let facts = facts.map(|(extension, facts)| {
        let path = dir.join(format!("facts.{extension}"));
        std::fs::write(&path, facts).expect("written");
        path
    });
    let policy = policy.to_string_lossy().into_owned();
    let mut complaints: Vec<String> = run(&["check", &policy], input).into_iter().collect();
    complaints.extend(evaluate_every_way(&policy, None, input));
    if let Some(facts) = facts {
        let facts = facts.to_string_lossy().into_owned();
        complaints.extend(evaluate_every_way(&policy, Some(&facts), input));
    }
    complaints
}

fn facts_input(target: &str, input: &Path, extension: &str) -> Vec<String> {
    let dir = scratch(target, input);
    let facts = dir.join(format!("facts.{extension}"));
    std::fs::copy(input, &facts).expect("copied");
    let facts = facts.to_string_lossy().into_owned();
    BUNDLED
        .iter()
        .flat_map(|policy| evaluate_every_way(policy, Some(&facts), input))
        .collect()
}

fn scenario_input(target: &str, input: &Path) -> Vec<String> {
    let bytes = std::fs::read(input).expect("the input reads");
    let json = String::from_utf8_lossy(&bytes)
        .trim_start()
        .starts_with('{');
    let dir = scratch(target, input);
    let scenario = dir.join(if json {
        "scenario.json"
    } else {
        "scenario.yaml"
    });
    std::fs::write(&scenario, &bytes).expect("written");
    let scenario = scenario.to_string_lossy().into_owned();
    let junit = dir.join("junit.xml").to_string_lossy().into_owned();
    let mut complaints = Vec::new();
    for policy in BUNDLED {
        for format in ["text", "json"] {
            complaints.extend(run(
                &[
                    "test",
                    policy,
                    "--scenarios",
                    &scenario,
                    "--coverage",
                    "--format",
                    format,
                    "--junit",
                    &junit,
                ],
                input,
            ));
        }
    }
    complaints
}

fn batch_input(input: &Path, format: &str) -> Vec<String> {
    let input_path = input.to_string_lossy().into_owned();
    let mut complaints = Vec::new();
    for policy in BUNDLED {
        for output in ["jsonl", "csv"] {
            complaints.extend(run(
                &[
                    "batch",
                    policy,
                    "--scenarios",
                    &input_path,
                    "--input-format",
                    format,
                    "--output-format",
                    output,
                    "--at",
                    "2026-03-28",
                    "--explain",
                ],
                input,
            ));
        }
    }
    complaints
}

/// Runs every input of a target and fails with every complaint.
fn check_target(target: &str) {
    let mut complaints = Vec::new();
    for input in inputs(target) {
        complaints.extend(match target {
            "policy" | "policy_structured" => policy_input(target, &input),
            "facts_json" => facts_input(target, &input, "json"),
            "facts_yaml" => facts_input(target, &input, "yaml"),
            "facts_toml" => facts_input(target, &input, "toml"),
            "scenario" => scenario_input(target, &input),
            "batch_jsonl" => batch_input(&input, "jsonl"),
            "batch_csv" => batch_input(&input, "csv"),
            other => panic!("no pipeline for the target `{other}`"),
        });
    }
    assert!(
        complaints.is_empty(),
        "{} run(s) did not end cleanly:\n\n{}",
        complaints.len(),
        complaints.join("\n\n")
    );
}

#[test]
fn policy_inputs_end_cleanly() {
    check_target("policy");
}

#[test]
fn structured_policy_inputs_end_cleanly() {
    check_target("policy_structured");
}

#[test]
fn facts_inputs_end_cleanly() {
    check_target("facts_json");
    check_target("facts_yaml");
    check_target("facts_toml");
}

#[test]
fn scenario_inputs_end_cleanly() {
    check_target("scenario");
}

#[test]
fn batch_inputs_end_cleanly() {
    check_target("batch_jsonl");
    check_target("batch_csv");
}

#[test]
fn every_folder_is_a_fuzz_target() {
    let targets = [
        "policy",
        "policy_structured",
        "facts_json",
        "facts_yaml",
        "facts_toml",
        "scenario",
        "batch_jsonl",
        "batch_csv",
    ];
    let folder = root().join("tests/fuzz_regressions");
    for entry in std::fs::read_dir(&folder).expect("tests/fuzz_regressions exists") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            assert!(
                targets.contains(&name),
                "tests/fuzz_regressions/{name} names no fuzz target; the targets are {targets:?}"
            );
        }
    }
}
