//! Command-line arguments and dispatch, one file per subcommand.

mod check;
mod eval;
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
}

/// Runs the command and gives the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Timeline(args) => timeline::run(args),
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
