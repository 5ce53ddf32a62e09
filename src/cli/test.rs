//! `provisio test [PATH...] [--scenarios PATH...] [--at DATE] [--coverage] [--format text|json] [--junit FILE]`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::{Output, Written};
use super::report_problems;
use provisio::render::diagnostics;
use provisio::testing::{self, PolicyRun, report};

/// The formats of `test`'s report.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Failures and the totals for a person.
    Text,
    /// Results and coverage for a program.
    Json,
}

/// Arguments of `provisio test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Policy files, or folders to search for `*.policy` files with a
    /// `scenarios/` folder beside them (default: the current folder).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Scenario files or folders to run against the policy given, instead of
    /// its `scenarios/` folder. Paths and options may come in any order: a
    /// `.policy` file among them is a policy.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    scenarios: Vec<PathBuf>,
    /// A reform: an amendment of each policy tested, not in force, applied
    /// for "what if" analysis; its `from` dates apply.
    #[arg(long = "with", value_name = "REFORM")]
    with: Option<PathBuf>,
    /// The date of the scenarios whose facts have no `as_of`
    /// (YYYY-MM-DD); before the policy's `scenarios as of`.
    #[arg(long, value_name = "DATE")]
    at: Option<String>,
    /// Reports, for each provision, which rules and exceptions the scenarios
    /// exercised and which conditions they saw true and false.
    #[arg(long)]
    coverage: bool,
    /// The report's format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also writes a JUnit XML report to this file.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
}

/// Runs the scenarios and reports; fails when any scenario fails or is
/// invalid, or a report could not be written. Every report is attempted.
pub fn run(args: TestArgs) -> ExitCode {
    let color = std::io::stderr().is_terminal() && matches!(args.format, Format::Text);
    let render = move |d: &dyn miette::Diagnostic| diagnostics::render(d, color);
    let at = match super::eval::at_argument(args.at.as_deref()) {
        Ok(at) => at,
        Err(code) => return code,
    };
    let (jobs, skipped) = match testing::plan::plan_noting(&args.paths, &args.scenarios) {
        Ok(planned) => planned,
        Err(error) => {
            stderr_line!("error: {}\n  help: {}", error.message, error.help);
            return ExitCode::FAILURE;
        }
    };
    if jobs.is_empty() {
        let shown: Vec<String> = if args.paths.is_empty() {
            vec![String::from(".")]
        } else {
            args.paths.iter().map(|p| p.display().to_string()).collect()
        };
        for line in report::skipped_lines(&skipped) {
            stderr_line!("{line}");
        }
        let found = if skipped
            .iter()
            .any(|s| s.reason == testing::skipped::NO_SCENARIOS)
        {
            "no `.policy` file with a `scenarios/` folder beside it"
        } else {
            "no `.policy` files"
        };
        stderr_line!(
            "error: {found} under {}\n  help: give a policy file, or a folder that holds one with its scenarios in `scenarios/` beside it",
            shown.join(", ")
        );
        return ExitCode::FAILURE;
    }
    let mut failed_policies = 0;
    let mut runs: Vec<(PolicyRun, Option<provisio::model::Model>)> = Vec::new();
    for (policy, scenarios) in jobs {
        let checked = match super::load_policy_with(&policy, args.with.as_deref()) {
            Ok(checked) => checked,
            Err(problems) => {
                report_problems(&problems);
                failed_policies += 1;
                continue;
            }
        };
        if scenarios.is_empty() {
            stderr_line!(
                "warning: {} has no scenarios (looked in `scenarios/` beside it)",
                policy.display()
            );
        }
        let run = testing::run_policy_at(&checked.model, &policy, &scenarios, at, &render);
        runs.push((run, Some(checked.model)));
    }
    let passed: usize = runs.iter().map(|(r, _)| r.passed()).sum();
    let failed: usize = runs.iter().map(|(r, _)| r.failed()).sum::<usize>() + failed_policies;
    let junit = match &args.junit {
        Some(path) => {
            let with_models: Vec<(PolicyRun, Option<&provisio::model::Model>)> =
                runs.iter().map(|(r, m)| (r.clone(), m.as_ref())).collect();
            let mut file = Output::create(path);
            file.write_text(&report::junit_with_skipped(&with_models, &skipped));
            file.finish()
        }
        None => Written::Whole,
    };
    let mut stdout = Output::stdout();
    match args.format {
        Format::Text => {
            for (run, model) in &runs {
                let Some(model) = model else { continue };
                stdout.write_text(&report::failures(model, run));
                if args.coverage {
                    stdout.write_text(&report::coverage_text(model, run));
                }
            }
            for line in report::skipped_lines(&skipped) {
                stdout.write_text(&format!("{line}\n"));
            }
            stdout.write_text(&format!("{passed} passed, {failed} failed\n"));
        }
        Format::Json => {
            let policies: Vec<serde_json::Value> = runs
                .iter()
                .filter_map(|(run, model)| model.as_ref().map(|m| report::coverage_json(m, run)))
                .collect();
            let results: Vec<serde_json::Value> = runs
                .iter()
                .flat_map(|(run, model)| run.results.iter().map(move |r| (r, model.as_ref())))
                .map(|(r, model)| report::result_json(model, r))
                .collect();
            let document = serde_json::json!({
                "passed": passed,
                "failed": failed,
                "results": results,
                "skipped": report::skipped_json(&skipped),
                "coverage": policies,
            });
            stdout.write_text(&format!(
                "{}\n",
                serde_json::to_string_pretty(&document).unwrap_or_default()
            ));
            stderr_line!("{passed} passed, {failed} failed");
        }
    }
    let status = if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    stdout.finish().exit_code(junit.exit_code(status))
}
