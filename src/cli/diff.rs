//! `provisio diff OLD NEW [--verdict NAME]... [--facts F] [--at DATE] [--reading NAME=ALT]... [--format text|json] [--witnesses DIR]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::Output;
use super::{report_diagnostic, report_problem, report_problems};

/// The output formats of `diff`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// One block per verdict, for a person.
    Text,
    /// One JSON object for a program.
    Json,
}

/// Arguments of `provisio diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old policy (the earlier text, the base).
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The new policy (the later text, the reform).
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Compares only this verdict, common to both (repeatable).
    #[arg(long = "verdict", value_name = "NAME")]
    verdicts: Vec<String>,
    /// Fixes the facts this file gives, for either policy or both; the
    /// others stay unknown.
    #[arg(long, value_name = "FILE")]
    facts: Option<PathBuf>,
    /// Fixes the evaluation date (else every date is compared).
    #[arg(long, value_name = "DATE")]
    at: Option<String>,
    /// Fixes a reading of either policy or both (repeatable).
    #[arg(long = "reading", value_name = "NAME=ALTERNATIVE")]
    readings: Vec<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Writes each region's two witnesses as scenario files into this
    /// folder (made if missing).
    #[arg(long, value_name = "DIR")]
    witnesses: Option<PathBuf>,
}

/// The exit status on bad input: 1 means a difference.
const BAD_INPUT: u8 = 2;

/// Compares the two policies; exit 1 when some verdict differs.
pub fn run(args: DiffArgs) -> ExitCode {
    let bad = ExitCode::from(BAD_INPUT);
    let load = |path: &std::path::Path| match provisio::check::load_policy(path) {
        Ok(checked) => Some(checked),
        Err(problems) => {
            report_problems(&problems);
            stderr_line!("error: {} does not check", path.display());
            None
        }
    };
    let (Some(old), Some(new)) = (load(&args.old), load(&args.new)) else {
        return bad;
    };
    let (old_model, new_model) = (&old.model, &new.model);
    let mut given = provisio::diff::Given {
        readings: args.readings.clone(),
        ..Default::default()
    };
    if let Some(at) = &args.at {
        match super::eval::parse_date_argument("--at", at) {
            Ok(day) => given.as_of = Some(day),
            Err(problem) => {
                report_problem(problem);
                return bad;
            }
        }
    }
    if let Some(path) = &args.facts {
        let names = |m: &provisio::model::Model| -> Vec<String> {
            m.facts.iter().map(|f| f.field.name.clone()).collect()
        };
        let (old_names, new_names) = (names(old_model), names(new_model));
        let read = |m, others: &[String]| {
            let others: Vec<&str> = others.iter().map(String::as_str).collect();
            provisio::facts::load_facts_beside(m, path, &others)
        };
        match (read(old_model, &new_names), read(new_model, &old_names)) {
            (Ok(o), Ok(n)) => {
                if given.as_of.is_none() {
                    given.as_of = o.as_of;
                }
                given.old_facts = Some(o);
                given.new_facts = Some(n);
            }
            (Err(error), _) | (_, Err(error)) => {
                report_diagnostic(&error);
                return bad;
            }
        }
    }
    let comparison = match provisio::diff::diff(old_model, new_model, &args.verdicts, &given) {
        Ok(c) => c,
        Err(problems) => {
            report_problems(&problems);
            return bad;
        }
    };
    if let Some(dir) = &args.witnesses {
        for side in ["old", "new"] {
            if let Err(error) = std::fs::create_dir_all(dir.join(side)) {
                stderr_line!("error: cannot make {}: {error}", dir.join(side).display());
                return bad;
            }
        }
        for (file, text) in provisio::diff::report::witness_files(&comparison) {
            let path = dir.join(file);
            if let Err(error) = std::fs::write(&path, text) {
                stderr_line!("error: cannot write to {}: {error}", path.display());
                return bad;
            }
        }
    }
    let mut stdout = Output::stdout();
    match args.format {
        Format::Text => stdout.write_text(&provisio::diff::report::text(&comparison)),
        Format::Json => {
            let json = provisio::diff::report::json(&comparison);
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
            text.push('\n');
            stdout.write_text(&text);
        }
    }
    stdout.finish().exit_code(if comparison.differs() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
