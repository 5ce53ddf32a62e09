//! `provisio batch FILE --scenarios IN [--out OUT] [--reading NAME=VALUE]... [--explain]`

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::eval::parse_date_argument;
use super::{load_policy_and_readings, report_problem};
use provisio::batch::{BatchOptions, InputFormat, OutputFormat, run_batch};

/// The formats a batch reads and writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A header row, then one row per scenario.
    Csv,
}

/// Arguments of `provisio batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The policy file.
    #[arg(value_name = "FILE")]
    policy: PathBuf,
    /// The scenarios: a .jsonl or .csv file, or `-` for standard input.
    #[arg(long, value_name = "IN")]
    scenarios: PathBuf,
    /// Where to write the verdicts (default: standard output); .csv writes CSV.
    #[arg(long, value_name = "OUT")]
    out: Option<PathBuf>,
    /// The input's format, when its extension does not say (always for `-`).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<Format>,
    /// The output's format, when the extension of --out does not say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    output_format: Option<Format>,
    /// Chooses a reading of an ambiguous phrase for every row; repeatable.
    #[arg(long = "reading", value_name = "NAME=VALUE")]
    readings: Vec<String>,
    /// The date for rows that give no `as_of` (default: today).
    #[arg(long, value_name = "DATE")]
    at: Option<String>,
    /// Adds each verdict's explanation to its row (JSON Lines output).
    #[arg(long)]
    explain: bool,
}

fn format_of(path: &std::path::Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
        "csv" => Some(Format::Csv),
        _ => None,
    }
}

/// Runs the batch; fails when any row was an error.
pub fn run(args: BatchArgs) -> ExitCode {
    // Each row brings its own facts.
    let (checked, readings) = match load_policy_and_readings(&args.policy, &args.readings) {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    let model = &checked.model;
    let from_stdin = args.scenarios.as_os_str() == "-";
    let input_format = match args.input_format.or_else(|| format_of(&args.scenarios)) {
        Some(format) => format,
        None if from_stdin => Format::Jsonl,
        None => {
            eprintln!(
                "error: cannot tell the format of `{}`\n  help: name it .jsonl or .csv, or say --input-format jsonl|csv",
                args.scenarios.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let output_format = args
        .output_format
        .or_else(|| args.out.as_deref().and_then(format_of))
        .unwrap_or(Format::Jsonl);
    let at = match args
        .at
        .as_deref()
        .map(|d| parse_date_argument("--at", d))
        .transpose()
    {
        Ok(at) => at,
        Err(problem) => {
            report_problem(problem);
            return ExitCode::FAILURE;
        }
    };
    let mut options = BatchOptions::new(match input_format {
        Format::Jsonl => InputFormat::JsonLines,
        Format::Csv => InputFormat::Csv,
    });
    options.output = match output_format {
        Format::Jsonl => OutputFormat::JsonLines,
        Format::Csv => OutputFormat::Csv,
    };
    options.readings = Some(readings);
    options.at = at;
    options.explain = args.explain;

    let input: Box<dyn Read + Send> = if from_stdin {
        Box::new(std::io::stdin())
    } else {
        match std::fs::File::open(&args.scenarios) {
            Ok(file) => Box::new(file),
            Err(error) => {
                report_problem(provisio::check::read_error(
                    "scenarios file",
                    &args.scenarios,
                    &error,
                ));
                return ExitCode::FAILURE;
            }
        }
    };
    let output: Box<dyn Write> = match &args.out {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(error) => {
                eprintln!("error: cannot write `{}`: {error}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {human_pos} rows ({per_sec}) {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let result = run_batch(model, input, output, &options, |rows| {
        if let Some(bar) = &bar {
            bar.set_position(rows as u64);
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = match result {
        Ok(summary) => summary,
        Err(error) => {
            eprintln!("error: the batch stopped: {error}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!(
        "{} row{}, {} error{}",
        summary.rows,
        if summary.rows == 1 { "" } else { "s" },
        summary.errors,
        if summary.errors == 1 { "" } else { "s" }
    );
    for (name, counts) in &summary.values {
        let parts: Vec<String> = counts
            .iter()
            .map(|(value, n)| format!("{value}: {n}"))
            .collect();
        eprintln!(
            "  {name}: {}",
            if parts.is_empty() {
                String::from("-")
            } else {
                parts.join(", ")
            }
        );
    }
    if summary.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
