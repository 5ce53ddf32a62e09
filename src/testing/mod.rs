//! `provisio test`: scenarios with expected verdicts, run against their
//! policy, with coverage per provision.
//!
//! Discovery: under a folder, every `*.policy` file that has a `scenarios/`
//! folder beside it is tested with the scenario files (`*.json`, `*.yaml`,
//! `*.yml`) in that folder; other policy files are not suites. A scenario runs every verdict and, for coverage, every rule of
//! the policy, so that rules no verdict uses are exercised too.

mod broken;
pub mod coverage;
pub mod expect;
mod per_element;
pub mod plan;
pub mod report;
pub mod scenario;

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::eval::trace::{RuleRef, Trace};
use crate::eval::{AsOfSource, Evaluator, Input, choose_as_of, evaluate_only};
use crate::model::{Model, VerdictId};
use crate::value::Value;
use coverage::{Coverage, Tally};
use scenario::{InvalidScenario, Scenario, load_scenario};

/// A verdict that did not come out as expected.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// The verdict.
    pub verdict: VerdictId,
    /// What the scenario expects, as it wrote it (a value, `null` for
    /// undetermined, or an expectation object), amounts in the verdict's currency.
    pub expected: Json,
    /// What came out, in the same terms: a plain value against a plain
    /// value, an object of `status` and what `eval --format json` writes of
    /// the verdict against an object.
    pub actual: Json,
    /// Why it came out so: the explanation's lines.
    pub explanation: Vec<String>,
}

/// An expected verdict that could not be evaluated: a failure of its own
/// kind, told apart from a wrong value.
#[derive(Debug, Clone, PartialEq)]
pub struct ErroredVerdict {
    /// The verdict.
    pub verdict: VerdictId,
    /// What the scenario expects.
    pub expected: Json,
    /// The error's code, such as `provisio::conflict`.
    pub code: &'static str,
    /// The error in a line: where it arose and its message.
    pub message: String,
    /// The error's diagnostic, pointing into the policy.
    pub diagnostic: String,
}

/// How one scenario fared.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Every expected verdict came out as expected.
    Passed,
    /// Some did not.
    Failed(Vec<Mismatch>),
    /// The scenario file is not a valid scenario for the policy.
    Invalid(Vec<String>),
    /// Some expected verdicts could not be evaluated, as on a conflict
    /// between exceptions; others may have come out wrong.
    Errored {
        /// The expected verdicts that errored.
        errored: Vec<ErroredVerdict>,
        /// The expected verdicts that were evaluated and came out wrong.
        mismatches: Vec<Mismatch>,
    },
}

/// One scenario's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioResult {
    /// The scenario file.
    pub path: PathBuf,
    /// Its description.
    pub description: String,
    /// How it fared.
    pub outcome: Outcome,
}

/// The results of one policy's scenarios.
#[derive(Debug, Clone)]
pub struct PolicyRun {
    /// The policy file.
    pub policy: PathBuf,
    /// Each scenario's result, in file order.
    pub results: Vec<ScenarioResult>,
    /// What the valid scenarios exercised.
    pub coverage: Coverage,
}

impl PolicyRun {
    /// The number of scenarios that passed.
    pub fn passed(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.outcome == Outcome::Passed)
            .count()
    }

    /// The number that failed, were invalid or could not be evaluated.
    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }
}

/// The scenario files in a folder, sorted; none when it does not exist.
pub fn scenario_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                            matches!(x.to_ascii_lowercase().as_str(), "json" | "yaml" | "yml")
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Expands files and folders into scenario files.
pub fn expand_scenarios(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(scenario_files(path));
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Every policy under a folder with its scenarios, sorted by path.
pub fn discover(folder: &Path) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut policies = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path
                    .file_name()
                    .is_some_and(|n| n == "target" || n.to_string_lossy().starts_with('.'))
                {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|x| x == "policy")
                && dir.join("scenarios").is_dir()
            {
                // A policy without a `scenarios/` folder beside it has no suite.
                let scenarios = scenario_files(&dir.join("scenarios"));
                policies.push((path, scenarios));
            }
        }
    }
    policies.sort();
    policies
}

/// Whether an actual value is the one expected: numbers by their value, so
/// that `10.0` expects `10`; everything else as written.
fn same_value(actual: &Json, expected: &Json) -> bool {
    match (actual, expected) {
        (Json::Number(a), Json::Number(b)) => {
            use std::str::FromStr;
            match (
                rust_decimal::Decimal::from_str(&a.to_string()),
                rust_decimal::Decimal::from_str(&b.to_string()),
            ) {
                (Ok(a), Ok(b)) => a == b,
                _ => a == b,
            }
        }
        // Amounts of money match by value: "USD 1450" is "USD 1450.00".
        (Json::String(a), Json::String(b)) => {
            match (crate::value::Money::parse(a), crate::value::Money::parse(b)) {
                (Some(a), Some(b)) => a == b,
                _ => a == b,
            }
        }
        _ => actual == expected,
    }
}

/// Runs scenarios against a checked policy. `render` writes a diagnostic
/// for an invalid scenario.
pub fn run_policy(
    model: &Model,
    policy: &Path,
    scenarios: &[PathBuf],
    render: &dyn Fn(&dyn miette::Diagnostic) -> String,
) -> PolicyRun {
    let mut tally = Tally::new(model);
    let mut results = Vec::with_capacity(scenarios.len());
    for path in scenarios {
        let outcome = match load_scenario(model, path, render) {
            Err(InvalidScenario { problems, .. }) => (String::new(), Outcome::Invalid(problems)),
            Ok(scenario) => {
                let outcome = run_scenario(model, &scenario, &mut tally, render);
                (scenario.description.clone(), outcome)
            }
        };
        results.push(ScenarioResult {
            path: path.clone(),
            description: outcome.0,
            outcome: outcome.1,
        });
    }
    PolicyRun {
        policy: policy.to_path_buf(),
        results,
        coverage: tally.finish(),
    }
}

fn run_scenario(
    model: &Model,
    scenario: &Scenario,
    tally: &mut Tally<'_>,
    render: &dyn Fn(&dyn miette::Diagnostic) -> String,
) -> Outcome {
    // Scenarios without a date are evaluated as of a fixed day, so that a
    // suite gives the same result whenever it runs.
    let fallback = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let (as_of, source) = choose_as_of(None, &scenario.facts, fallback);
    let source = if source == AsOfSource::Today {
        AsOfSource::Given
    } else {
        source
    };
    let input = Input {
        facts: &scenario.facts,
        as_of,
        readings: &scenario.readings,
    };
    let assumptions =
        crate::eval::assumptions::check_assumptions(&mut Evaluator::new(model), &input);
    if let Some(outcome) =
        broken::assumptions_outcome(model, &input, &assumptions, &scenario.expect_broken, render)
    {
        return outcome;
    }
    // Only the verdicts the scenario expects are evaluated for it.
    let expected: Vec<VerdictId> = scenario.expect.iter().map(|(v, _)| *v).collect();
    let evaluation = evaluate_only(
        model,
        &scenario.facts,
        as_of,
        source,
        &scenario.readings,
        &expected,
    );
    // Every rule, for coverage.
    let mut evaluator = Evaluator::new(model);
    let mut trace = Trace::new(model);
    // Rules of provisions not in force on the date do not apply, and are
    // not exercised: evaluation does not compute them either. A rule that
    // fails is exercised as far as it goes; it fails the scenario only
    // through an expected verdict that uses it.
    for id in 0..model.verdicts.len() {
        if evaluator.verdict_in_force(&input, id as VerdictId) != Ok(Value::Bool(false)) {
            let _ = evaluator.verdict(&input, id as VerdictId, &mut trace);
        }
    }
    // A definition with parameters is exercised by its calls alone: it has
    // no value without arguments.
    for (id, definition) in model.definitions.iter().enumerate() {
        if definition.params.is_empty()
            && evaluator.provision_in_force(&input, definition.provision) != Ok(Value::Bool(false))
        {
            let _ = evaluator.rule(&input, RuleRef::Definition(id as u32), &mut trace);
        }
    }
    for (id, deontic) in model.deontics.iter().enumerate() {
        if evaluator.provision_in_force(&input, deontic.provision) != Ok(Value::Bool(false)) {
            let _ = evaluator.rule(&input, RuleRef::Deontic(id as u32), &mut trace);
        }
    }
    tally.count(&trace);
    let mut mismatches = Vec::new();
    let mut errored = Vec::new();
    for (verdict, expected) in &scenario.expect {
        let Some(outcome) = evaluation.verdicts.iter().find(|o| o.verdict == *verdict) else {
            continue;
        };
        match expect::compare(model, &evaluation, outcome, expected, render) {
            None => {}
            Some(expect::Failure::Wrong(mismatch)) => mismatches.push(mismatch),
            Some(expect::Failure::Errored(verdict)) => errored.push(verdict),
        }
    }
    if !errored.is_empty() {
        Outcome::Errored {
            errored,
            mismatches,
        }
    } else if mismatches.is_empty() {
        Outcome::Passed
    } else {
        Outcome::Failed(mismatches)
    }
}
