//! Every scenario of every policy under `rules/` must give the verdicts it expects.
//!
//! A scenario is a JSON file beside its policy, in `scenarios/`:
//! `{"description", "facts", "readings", "expect"}`, where `expect` maps
//! verdict names to their values (`null`: undetermined). Verdicts it does
//! not name are not checked.

use std::path::{Path, PathBuf};

use provisio::eval::{AsOfSource, Readings, choose_as_of, evaluate};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::render::json::to_json;
use provisio::span::SourceFile;
use serde_json::Value as Json;

fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs one scenario and returns the differences from what it expects.
fn run(policy: &Path, scenario: &Path) -> Vec<String> {
    let checked = provisio::check::load_policy(policy)
        .unwrap_or_else(|e| panic!("{} does not check: {e:?}", policy.display()));
    let model = &checked.model;
    let text = std::fs::read_to_string(scenario).expect("scenario readable");
    let json: Json = serde_json::from_str(&text).expect("scenario is JSON");
    let facts_text = serde_json::to_string(&json["facts"]).expect("facts serialise");
    let source = SourceFile::new(scenario.display().to_string(), facts_text);
    let facts = parse_facts(model, &source, FactsFormat::Json)
        .unwrap_or_else(|e| panic!("{}: bad facts: {e:?}", scenario.display()));
    let mut readings = Readings::defaults(model);
    if let Some(chosen) = json["readings"].as_object() {
        for (name, alternative) in chosen {
            readings
                .choose(model, name, alternative.as_str().unwrap_or_default())
                .unwrap_or_else(|e| panic!("{}: bad reading: {e:?}", scenario.display()));
        }
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let (as_of, source) = choose_as_of(None, &facts, today);
    assert_eq!(
        source,
        AsOfSource::Facts,
        "{}: scenarios give as_of",
        scenario.display()
    );
    let evaluation = evaluate(model, &facts, as_of, source, &readings).expect("evaluates");
    let output = to_json(model, &evaluation, &provisio::render::Options::default());
    let mut differences = Vec::new();
    for (name, expected) in json["expect"].as_object().expect("expect is an object") {
        // An expectation written as an object is checked by `provisio test`
        // (tests/expectations.rs, tests/test_runner.rs), not here.
        if expected.is_object() {
            continue;
        }
        let verdict = &output["verdicts"][name];
        if verdict.is_null() {
            differences.push(format!("{name}: no such verdict"));
            continue;
        }
        let actual = &verdict["value"];
        if actual != expected {
            differences.push(format!("{name}: expected {expected}, got {actual}"));
        }
        let status = if expected.is_null() {
            "undetermined"
        } else {
            "determined"
        };
        if verdict["status"] != status {
            differences.push(format!(
                "{name}: expected status {status}, got {}",
                verdict["status"]
            ));
        }
    }
    differences
}

#[test]
fn bundled_decision_scenarios_give_their_expected_verdicts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policy = root.join("rules/wto/mc13-ecommerce.policy");
    let files = scenario_files(&root.join("rules/wto/scenarios"));
    assert!(
        files.len() >= 16,
        "expected at least 16 scenarios, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        for difference in run(&policy, file) {
            failures.push(format!("{}: {difference}", file.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "scenarios failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_shared_examples_are_among_the_bundled_scenarios() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bundled = root.join("rules/wto/scenarios");
    for name in [
        "01-before-mc14-duty-on-download.json",
        "02-during-mc14-opening-reading.json",
        "03-during-mc14-closing-reading.json",
        "04-mc14-date-unknown-before-cap.json",
        "05-vat-on-streaming.json",
        "06-mc14-date-unknown-after-cap.json",
    ] {
        assert!(
            bundled.join(name).is_file(),
            "{name} missing from rules/wto/scenarios"
        );
    }
}

/// Every scenario of every policy under `rules/`, in every form (YAML,
/// expectations written as objects, `at`, `all_readings`, `given`), passes
/// through the library's runner, as `provisio test rules/` runs them.
#[test]
fn every_bundled_suite_passes_through_the_runner() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let suites = provisio::testing::discover(&root.join("rules"));
    assert!(
        suites.len() >= 6,
        "expected the six bundled suites, found {}",
        suites.len()
    );
    let render = |d: &dyn miette::Diagnostic| format!("{d}");
    let mut failures = Vec::new();
    let mut passed = 0;
    for (policy, scenarios) in &suites {
        let checked = provisio::check::load_policy(policy)
            .unwrap_or_else(|e| panic!("{} does not check: {e:?}", policy.display()));
        let run = provisio::testing::run_policy(&checked.model, policy, scenarios, &render);
        passed += run.passed();
        for result in &run.results {
            if result.outcome != provisio::testing::Outcome::Passed {
                failures.push(format!("{}: {:?}", result.path.display(), result.outcome));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "scenarios failed:\n{}",
        failures.join("\n")
    );
    assert!(
        passed >= 123,
        "expected at least 123 scenarios, {passed} passed"
    );
}
