//! Command-line arguments and dispatch, one file per subcommand.

/// Writes a line to stderr like `eprintln!`, but never panics when stderr
/// cannot be written (`eprintln!` does).
macro_rules! stderr_line {
    ($($arg:tt)*) => {
        $crate::cli::output::write_stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod analyze;
mod batch;
mod check;
mod diff;
mod eval;
mod fmt;
mod lsp;
mod new;
mod output;
mod report;
mod test;
mod timeline;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use provisio::diagnostic::{Problem, Problems};
use provisio::locale::{Fallbacks, Lang};
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
    /// Write an HTML report: the verdicts, why, the facts, a timeline and the law's text.
    Report(report::ReportArgs),
    /// Run scenarios with expected verdicts, with coverage per provision.
    Test(test::TestArgs),
    /// Evaluate a stream of scenarios (JSON Lines or CSV) into rows of verdicts.
    Batch(batch::BatchArgs),
    /// Write a policy to start from, with facts and a scenario, into a new folder.
    New(new::NewArgs),
    /// Rewrite policy files in the canonical layout, keeping comments and texts.
    Fmt(fmt::FmtArgs),
    /// Serve editors the language server protocol over stdin and stdout.
    Lsp(lsp::LspArgs),
    /// Find gaps, conflicts, dead rules and readings that never matter, over every case.
    Analyze(analyze::AnalyzeArgs),
    /// Compare two policies: for which cases a common verdict differs, with witnesses.
    Diff(diff::DiffArgs),
}

/// Reads the command line. Help and the version go to stdout; when it cannot
/// be written, or the arguments are wrong (status 2), the error is the exit
/// code to stop with.
pub fn parse() -> Result<Cli, ExitCode> {
    let error = match Cli::try_parse() {
        Ok(cli) => return Ok(cli),
        Err(error) => error,
    };
    let printed = error.print().and_then(|()| std::io::stdout().flush());
    let status = u8::try_from(error.exit_code()).unwrap_or(2);
    match printed {
        Err(write_error)
            if !error.use_stderr()
                && output::WriteFailure::of(&write_error) == output::WriteFailure::Lost =>
        {
            stderr_line!("error: cannot write to standard output: {write_error}");
            Err(ExitCode::FAILURE)
        }
        _ => Err(ExitCode::from(status)),
    }
}

/// The exit status of `eval`, `timeline` and `report` when some verdict could not be
/// evaluated (a conflict, a division by zero...) and the others were shown.
const VERDICT_ERROR: u8 = 3;

/// Runs the command and gives the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Report(args) => report::run(args),
        Command::Test(args) => test::run(args),
        Command::Batch(args) => batch::run(args),
        Command::New(args) => new::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Diff(args) => diff::run(args),
    }
}

/// Writes problems to stderr, with colour when stderr is a terminal.
fn report_problems(problems: &Problems) {
    let color = std::io::stderr().is_terminal();
    for problem in &problems.items {
        stderr_line!("{}", diagnostics::render(problem, color));
    }
}

/// Loads what an evaluation needs from the arguments: the checked policy,
/// the readings chosen and the facts. Problems are reported on stderr, and
/// the error is the exit code to stop with.
fn load_inputs(
    policy: &std::path::Path,
    with: Option<&std::path::Path>,
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
    let (checked, readings) = load_policy_and_readings(policy, with, assignments)?;
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

/// Gives definitions the values named with `--given NAME=VALUE`. Every
/// problem is reported, and the error is the exit code.
fn give_values(
    model: &provisio::model::Model,
    facts: &mut provisio::facts::Facts,
    assignments: &[String],
) -> Result<(), ExitCode> {
    let problems: Vec<Problem> = assignments
        .iter()
        .filter_map(|assignment| facts.given.give_assignment(model, assignment).err())
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    report_problems(&Problems { items: problems });
    Err(ExitCode::FAILURE)
}

/// Loads and checks a policy, with the reform given by `--with` applied
/// (see [`provisio::reform`]).
fn load_policy_with(
    policy: &std::path::Path,
    with: Option<&std::path::Path>,
) -> Result<provisio::check::Checked, Problems> {
    match with {
        Some(reform) => provisio::reform::load_with(policy, reform),
        None => provisio::check::load_policy(policy),
    }
}

/// Loads and checks a policy and applies the readings chosen on the command
/// line; problems are reported, and the error is the exit code.
fn load_policy_and_readings(
    policy: &std::path::Path,
    with: Option<&std::path::Path>,
    assignments: &[String],
) -> Result<(provisio::check::Checked, provisio::eval::Readings), ExitCode> {
    let checked = load_policy_with(policy, with).map_err(|problems| {
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

/// Checks the policy's assumptions against the facts on a date. A broken
/// one is a facts problem: each is reported, and the error is exit status 1.
/// Otherwise, the errors of the assumptions that could not be evaluated,
/// for the caller to report as it reports errored verdicts.
fn check_assumptions(
    model: &provisio::model::Model,
    facts: &provisio::facts::Facts,
    as_of: chrono::NaiveDate,
    readings: &provisio::eval::Readings,
) -> Result<Vec<provisio::eval::EvalError>, ExitCode> {
    let input = provisio::eval::Input {
        facts,
        as_of,
        readings,
    };
    let mut evaluator = provisio::eval::Evaluator::new(model);
    let outcomes = match provisio::eval::assumptions::check_holding(&mut evaluator, &input) {
        Ok(outcomes) => outcomes,
        Err(broken) => {
            report_problems(&Problems { items: broken });
            return Err(ExitCode::FAILURE);
        }
    };
    Ok(outcomes.into_iter().filter_map(|o| o.error).collect())
}

/// Writes a command's whole output to stdout and gives its exit code: the
/// work's own `status`, unless the output could not be written (see
/// [`output::Output`]).
fn emit(text: &str, status: ExitCode) -> ExitCode {
    let mut stdout = output::Output::stdout();
    stdout.write_text(text);
    stdout.finish().exit_code(status)
}

/// Writes any diagnostic to stderr.
fn report_diagnostic(diagnostic: &dyn miette::Diagnostic) {
    output::write_stderr(format_args!(
        "{}",
        diagnostics::render(diagnostic, std::io::stderr().is_terminal())
    ));
}

/// Writes one problem to stderr.
fn report_problem(problem: Problem) {
    report_problems(&Problems {
        items: vec![problem],
    });
}

/// The languages `--lang` accepts.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
enum LangArg {
    /// English, the policy's own language.
    #[default]
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl LangArg {
    fn lang(self) -> Lang {
        match self {
            LangArg::En => Lang::En,
            LangArg::Fr => Lang::Fr,
            LangArg::Es => Lang::Es,
        }
    }
}

/// Warns on stderr, once, that some of the policy's sentences are written
/// in English for want of a version in `lang`; then returns `lang`.
fn chosen_lang(model: &provisio::model::Model, lang: LangArg) -> Lang {
    let lang = lang.lang();
    if let Some(warning) = Fallbacks::of(model, lang).warning() {
        stderr_line!("warning: {warning}");
    }
    lang
}
