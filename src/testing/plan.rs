//! Which policies `provisio test` runs, with which scenarios, from the paths
//! and the `--scenarios` given in any order.
//!
//! Nothing given is silently left out: a policy file named among the
//! scenarios is a policy (`provisio test --scenarios a.json my.policy` runs
//! `a.json` against `my.policy`), and a path that is neither a policy, a
//! scenario file nor a folder, or `--scenarios` beside a folder whose
//! policies have their own, is an error that says what to write.

use std::path::{Path, PathBuf};

use super::skipped::{self, Skipped};
use super::{discover_noting, expand_scenarios_noting};

/// What to run: each policy with its scenario files.
pub type Plan = Vec<(PathBuf, Vec<PathBuf>)>;

/// Why the paths given make no plan: a message and a help line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// What is wrong, naming the path.
    pub message: String,
    /// What to write instead.
    pub help: String,
}

fn is_policy(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "policy")
}

fn is_scenario(path: &Path) -> bool {
    skipped::is_scenario_file(path)
}

/// The policies to run and their scenarios. `paths` are the positional
/// paths, `scenarios` those given with `--scenarios`; either may hold the
/// other's kind, as a shell line puts them.
pub fn plan(paths: &[PathBuf], scenarios: &[PathBuf]) -> Result<Plan, PlanError> {
    plan_noting(paths, scenarios).map(|(plan, _)| plan)
}

/// As [`plan`], with the files and folders left out and why, sorted.
pub fn plan_noting(
    paths: &[PathBuf],
    scenarios: &[PathBuf],
) -> Result<(Plan, Vec<Skipped>), PlanError> {
    let mut policies: Vec<PathBuf> = Vec::new();
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut given: Vec<PathBuf> = Vec::new();
    for path in paths.iter().chain(scenarios) {
        if !path.exists() {
            return Err(PlanError {
                message: format!("no such file or folder: {}", path.display()),
                help: String::from(
                    "give policy files (`.policy`), folders that hold them, and with `--scenarios` scenario files (`.json`, `.yaml`, `.yml`) or folders of them",
                ),
            });
        }
        let among_scenarios = scenarios.contains(path) && !paths.contains(path);
        if path.is_dir() {
            if among_scenarios {
                given.push(path.clone());
            } else {
                folders.push(path.clone());
            }
        } else if is_policy(path) {
            policies.push(path.clone());
        } else if is_scenario(path) {
            given.push(path.clone());
        } else {
            return Err(PlanError {
                message: format!(
                    "{} is neither a policy (`.policy`) nor a scenario (`.json`, `.yaml`, `.yml`)",
                    path.display()
                ),
                help: String::from(
                    "give the policy file and, with `--scenarios`, the scenario files to run against it",
                ),
            });
        }
    }
    if !given.is_empty() && !folders.is_empty() {
        let shown: Vec<String> = folders.iter().map(|p| p.display().to_string()).collect();
        return Err(PlanError {
            message: format!(
                "`--scenarios` applies to policy files, not to the folders {}",
                shown.join(", ")
            ),
            help: String::from(
                "a folder's policies run with the scenarios of their own `scenarios/` folders; to run other scenarios, name the policy file",
            ),
        });
    }
    if !given.is_empty() && policies.is_empty() {
        let shown: Vec<String> = given.iter().map(|p| p.display().to_string()).collect();
        return Err(PlanError {
            message: format!(
                "scenarios without a policy to run them against: {}",
                shown.join(", ")
            ),
            help: String::from(
                "name the policy too: `provisio test my.policy --scenarios a.json`; a folder of policies runs each with the scenarios in its own `scenarios/` folder",
            ),
        });
    }
    let mut plan: Plan = Vec::new();
    if policies.is_empty() && folders.is_empty() {
        folders.push(PathBuf::from("."));
    }
    let mut skipped = Vec::new();
    for folder in &folders {
        plan.extend(discover_noting(folder, &mut skipped));
    }
    let chosen = expand_scenarios_noting(&given, &mut skipped);
    for policy in policies {
        let scenarios = if given.is_empty() {
            skipped::scenario_files_noting(
                &policy.parent().unwrap_or(Path::new(".")).join("scenarios"),
                &mut skipped,
            )
        } else {
            chosen.clone()
        };
        plan.push((policy, scenarios));
    }
    skipped::tidy(&mut skipped);
    Ok((plan, skipped))
}
