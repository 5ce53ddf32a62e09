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
mod given;
mod per_element;
pub mod plan;
mod readings;
pub mod report;
pub mod scenario;
pub mod shapes;
pub mod skipped;

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::eval::trace::{RuleRef, Trace};
use crate::eval::{AsOfSource, Evaluator, Input, evaluate_only};
use crate::model::{Model, VerdictId};
use crate::value::Value;
use coverage::{Coverage, Tally};
use scenario::{InvalidScenario, Scenario, load_scenario_at};
use skipped::Skipped;

/// Where an expectation was checked, when not simply on the scenario's
/// date under its readings: on an `at` date, under a combination of
/// readings of `all_readings`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The `at` date.
    pub date: Option<chrono::NaiveDate>,
    /// The combination of readings, as `eval --all-readings --format json`
    /// writes it: `{"reading": "alternative"}`.
    pub readings: Option<Json>,
}

impl Context {
    /// `on 2015-03-01, under readings {"r":"a"}: `, or nothing.
    pub fn prefix(&self) -> String {
        let mut parts = Vec::new();
        if let Some(date) = self.date {
            parts.push(format!("on {}", date.format("%Y-%m-%d")));
        }
        if let Some(readings) = &self.readings {
            parts.push(format!("under readings {readings}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("{}: ", parts.join(", "))
        }
    }
}

/// A verdict that did not come out as expected.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// Where it was checked.
    pub context: Context,
    /// What went wrong, in words, when it is not a wrong value (no
    /// combination of readings gives what an outcome expects): shown
    /// instead of "expected X, got Y".
    pub message: Option<String>,
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
    /// Where it was checked.
    pub context: Context,
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
    skipped::scenario_files_noting(folder, &mut Vec::new())
}

/// Expands files and folders into scenario files.
pub fn expand_scenarios(paths: &[PathBuf]) -> Vec<PathBuf> {
    expand_scenarios_noting(paths, &mut Vec::new())
}

/// As [`expand_scenarios`], noting what the folders hold besides scenarios.
pub fn expand_scenarios_noting(paths: &[PathBuf], skipped: &mut Vec<Skipped>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(skipped::scenario_files_noting(path, skipped));
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Every policy under a folder with its scenarios, sorted by path.
pub fn discover(folder: &Path) -> Vec<(PathBuf, Vec<PathBuf>)> {
    discover_noting(folder, &mut Vec::new())
}

/// As [`discover`], noting the policies without a `scenarios/` folder and
/// what the scenarios folders hold besides scenarios.
pub fn discover_noting(folder: &Path, skipped: &mut Vec<Skipped>) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut policies = Vec::new();
    for path in policy_files(folder) {
        let scenarios = path.with_file_name("scenarios");
        if scenarios.is_dir() {
            let files = skipped::scenario_files_noting(&scenarios, skipped);
            policies.push((path, files));
        } else {
            // A policy without a `scenarios/` folder beside it has no suite.
            skipped.push(Skipped {
                path,
                reason: skipped::NO_SCENARIOS,
            });
        }
    }
    skipped::tidy(skipped);
    policies
}

/// Every `.policy` file under a folder, at any depth, sorted by path;
/// hidden folders and `target` folders are left out. `provisio test` and
/// `provisio fmt` find a folder's policies so.
pub fn policy_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
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
            } else if path.extension().is_some_and(|x| x == "policy") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
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
    run_policy_at(model, policy, scenarios, None, render)
}

/// As [`run_policy`], with the date `provisio test --at` gives to the
/// scenarios whose facts have no `as_of`.
pub fn run_policy_at(
    model: &Model,
    policy: &Path,
    scenarios: &[PathBuf],
    at: Option<chrono::NaiveDate>,
    render: &dyn Fn(&dyn miette::Diagnostic) -> String,
) -> PolicyRun {
    let mut tally = Tally::new(model);
    let mut results = Vec::with_capacity(scenarios.len());
    for path in scenarios {
        let outcome = match load_scenario_at(model, path, at, render) {
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
    // The scenario's own date (for `expect` and `all_readings`), then each
    // `at` date, named in failures.
    type Entry<'s> = (
        chrono::NaiveDate,
        Option<chrono::NaiveDate>,
        &'s [(VerdictId, expect::Expectation)],
        &'s [(VerdictId, shapes::ReadingsExpectation)],
    );
    let mut dates: Vec<Entry<'_>> = Vec::new();
    if let Some(as_of) = scenario.as_of {
        dates.push((as_of, None, &scenario.expect, &scenario.all_readings));
    }
    for dated in &scenario.at {
        dates.push((
            dated.date,
            Some(dated.date),
            &dated.expected.expect,
            &dated.expected.all_readings,
        ));
    }
    let mut trace = Trace::new(model);
    let mut mismatches = Vec::new();
    let mut errored = Vec::new();
    for (as_of, shown, expect, all_readings) in dates {
        // An amended policy answers as its version in force on the date;
        // coverage counts the rules of the latest version.
        let outer = model;
        let model = model.version_on(as_of);
        let moved;
        let facts = if std::ptr::eq(model, outer) || scenario.facts.given.is_empty() {
            &scenario.facts
        } else {
            moved = crate::facts::Facts {
                given: scenario.facts.given.for_version(outer, model),
                ..scenario.facts.clone()
            };
            &moved
        };
        let input = Input {
            facts,
            as_of,
            readings: &scenario.readings,
        };
        let assumptions =
            crate::eval::assumptions::check_assumptions(&mut Evaluator::new(model), &input);
        match broken::assumptions_outcome(
            model,
            &input,
            &assumptions,
            &scenario.expect_broken,
            render,
        ) {
            None => {}
            // The facts break what was expected: no verdict to check that day.
            Some(Outcome::Passed) => continue,
            Some(Outcome::Invalid(problems)) => {
                let on = Context {
                    date: shown,
                    readings: None,
                }
                .prefix();
                return Outcome::Invalid(
                    problems.into_iter().map(|p| format!("{on}{p}")).collect(),
                );
            }
            Some(outcome) => return outcome,
        }
        if std::ptr::eq(model, outer) {
            exercise(model, &input, &mut trace);
        }
        let context = Context {
            date: shown,
            readings: None,
        };
        let source = if scenario.facts.as_of == Some(as_of) {
            AsOfSource::Facts
        } else {
            AsOfSource::Given
        };
        let (wrong, failed) = check(
            model,
            facts,
            (as_of, source),
            &scenario.readings,
            expect,
            &context,
            render,
        );
        mismatches.extend(wrong);
        errored.extend(failed);
        readings::check_all_readings(
            model,
            facts,
            (as_of, source),
            &scenario.readings,
            all_readings,
            shown,
            render,
            &mut mismatches,
            &mut errored,
        );
    }
    tally.count(&trace);
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

/// Computes every rule on a date, for coverage: the verdicts, then the
/// definitions and deontic rules no verdict uses.
fn exercise<'m>(model: &'m Model, input: &Input<'_>, trace: &mut Trace<'m>) {
    let mut evaluator = Evaluator::new(model);
    // Rules of provisions not in force on the date do not apply, and are
    // not exercised: evaluation does not compute them either. A rule that
    // fails is exercised as far as it goes; it fails the scenario only
    // through an expected verdict that uses it.
    for id in 0..model.verdicts.len() {
        if evaluator.verdict_in_force(input, id as VerdictId) != Ok(Value::Bool(false)) {
            let _ = evaluator.verdict(input, id as VerdictId, trace);
        }
    }
    // A definition with parameters is exercised by its calls alone: it has
    // no value without arguments.
    for (id, definition) in model.definitions.iter().enumerate() {
        if definition.params.is_empty()
            && evaluator.provision_in_force(input, definition.provision) != Ok(Value::Bool(false))
        {
            let _ = evaluator.rule(input, RuleRef::Definition(id as u32), trace);
        }
    }
    for (id, deontic) in model.deontics.iter().enumerate() {
        if evaluator.provision_in_force(input, deontic.provision) != Ok(Value::Bool(false)) {
            let _ = evaluator.rule(input, RuleRef::Deontic(id as u32), trace);
        }
    }
}

/// Evaluates the facts on a date under a set of readings and compares the
/// verdicts expected: the wrong ones, and those that could not be
/// evaluated, each marked with `context`. Every shape of scenario (`expect`,
/// each `at` date, each combination of `all_readings`) is checked here.
fn check(
    model: &Model,
    facts: &crate::facts::Facts,
    (as_of, source): (chrono::NaiveDate, AsOfSource),
    chosen: &crate::eval::Readings,
    expect: &[(VerdictId, expect::Expectation)],
    context: &Context,
    render: &dyn Fn(&dyn miette::Diagnostic) -> String,
) -> (Vec<Mismatch>, Vec<ErroredVerdict>) {
    let mut mismatches = Vec::new();
    let mut errored = Vec::new();
    if expect.is_empty() {
        return (mismatches, errored);
    }
    // Only the verdicts expected are evaluated.
    let expected: Vec<VerdictId> = expect.iter().map(|(v, _)| *v).collect();
    let evaluation = evaluate_only(model, facts, as_of, source, chosen, &expected);
    for (verdict, expected) in expect {
        let Some(outcome) = evaluation.verdicts.iter().find(|o| o.verdict == *verdict) else {
            continue;
        };
        match expect::compare(model, &evaluation, outcome, expected, render) {
            None => {}
            Some(expect::Failure::Wrong(mismatch)) => mismatches.push(Mismatch {
                context: context.clone(),
                ..mismatch
            }),
            Some(expect::Failure::Errored(verdict)) => errored.push(ErroredVerdict {
                context: context.clone(),
                ..verdict
            }),
        }
    }
    (mismatches, errored)
}
