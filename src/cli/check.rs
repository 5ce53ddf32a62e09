//! `provisio check FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::Output;
use super::report_problems;

/// Arguments of `provisio check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The policy files to check.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// Checks each file, reports every problem, and fails if any file has errors
/// or the results could not be written. Every file is checked even when
/// stdout fails, so that its problems still reach stderr.
pub fn run(args: CheckArgs) -> ExitCode {
    let mut stdout = Output::stdout();
    let mut failed = 0;
    for path in &args.files {
        match provisio::check::load_policy(path) {
            Ok(checked) => {
                report_problems(&checked.warnings);
                let model = &checked.model;
                let warnings = match checked.warnings.items.len() {
                    0 => String::new(),
                    1 => String::from(", 1 warning"),
                    n => format!(", {n} warnings"),
                };
                // A used policy's provisions are its own, counted when it is checked.
                let own = model.provisions.iter().filter(|p| p.instrument.is_none());
                // An amended policy's bases are not policies it uses.
                let bases = model.amended.as_ref().map_or(0, |a| a.bases);
                let used = match model.used.len().saturating_sub(bases) {
                    0 => String::new(),
                    1 => String::from(", uses 1 policy"),
                    n => format!(", uses {n} policies"),
                };
                stdout.write_text(&format!(
                    "{}: ok ({}, {}, {}{used}{warnings})\n",
                    path.display(),
                    count(own.count(), "provision"),
                    count(model.readings.len(), "reading"),
                    count(model.verdicts.len(), "verdict"),
                ));
            }
            Err(problems) => {
                report_problems(&problems);
                let n = problems.error_count().max(1);
                stderr_line!(
                    "error: {}: {n} {}",
                    path.display(),
                    if n == 1 { "problem" } else { "problems" }
                );
                failed += 1;
            }
        }
    }
    stdout.finish().exit_code(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// "1 provision", "5 provisions".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
