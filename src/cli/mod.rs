//! Command-line arguments and dispatch, one file per subcommand.

mod batch;
mod check;
mod eval;
mod test;
mod timeline;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use provisio::diagnostic::{Problem, Problems};
use provisio::render::diagnostics;

/// provisio: legal provisions as code, with verdicts that quote the law.
#[derive(Debug, Parser)]
#[command(name = "provisio", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check policy files and report every problem found in them.
    Check(check::CheckArgs),
    /// Evaluate a policy's verdicts for a file of facts.
    Eval(eval::EvalArgs),
    /// Show each verdict's values over a range of dates, as intervals.
    Timeline(timeline::TimelineArgs),
    /// Run scenarios with expected verdicts, with coverage per provision.
    Test(test::TestArgs),
    /// Evaluate a stream of scenarios (JSON Lines or CSV) into rows of verdicts.
    Batch(batch::BatchArgs),
}

/// Runs the command and gives the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Test(args) => test::run(args),
        Command::Batch(args) => batch::run(args),
    }
}

/// Writes problems to stderr, with colour when stderr is a terminal.
fn report_problems(problems: &Problems) {
    let color = std::io::stderr().is_terminal();
    for problem in &problems.items {
        eprint!("{}", diagnostics::render(problem, color));
        eprintln!();
    }
}

/// Loads what an evaluation needs from the arguments: the checked policy,
/// the readings chosen and the facts. Problems are reported on stderr, and
/// the error is the exit code to stop with.
fn load_inputs(
    policy: &std::path::Path,
    facts: Option<&std::path::Path>,
    assignments: &[String],
) -> Result<
    (
        provisio::check::Checked,
        provisio::eval::Readings,
        provisio::facts::Facts,
    ),
    ExitCode,
> {
    let (checked, readings) = load_policy_and_readings(policy, assignments)?;
    let model = &checked.model;
    let facts = match facts {
        Some(path) => provisio::facts::load_facts(model, path).map_err(|error| {
            report_diagnostic(&error);
            ExitCode::FAILURE
        })?,
        None => provisio::facts::Facts::without_file(model).map_err(|problem| {
            report_problem(problem);
            ExitCode::FAILURE
        })?,
    };
    Ok((checked, readings, facts))
}

/// Loads and checks a policy and applies the readings chosen on the command
/// line; problems are reported, and the error is the exit code.
fn load_policy_and_readings(
    policy: &std::path::Path,
    assignments: &[String],
) -> Result<(provisio::check::Checked, provisio::eval::Readings), ExitCode> {
    let checked = provisio::check::load_policy(policy).map_err(|problems| {
        report_problems(&problems);
        ExitCode::FAILURE
    })?;
    report_problems(&checked.warnings);
    let model = &checked.model;
    let mut readings = provisio::eval::Readings::defaults(model);
    for assignment in assignments {
        readings
            .choose_assignment(model, assignment)
            .map_err(|problem| {
                report_problem(problem);
                ExitCode::FAILURE
            })?;
    }
    Ok((checked, readings))
}

/// Writes output to stdout. A reader that stops early (`| head`) is not an
/// error worth a panic: the rest of the output is dropped.
fn emit(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}

/// Writes any diagnostic to stderr.
fn report_diagnostic(diagnostic: &dyn miette::Diagnostic) {
    eprint!(
        "{}",
        diagnostics::render(diagnostic, std::io::stderr().is_terminal())
    );
}

/// Writes one problem to stderr.
fn report_problem(problem: Problem) {
    report_problems(&Problems {
        items: vec![problem],
    });
}
