//! `provisio batch FILE --scenarios IN [--out OUT] [--reading NAME=VALUE]... [--explain] [--memory SIZE]
//! [--keep COLUMN]... [--keep-all-unknown] [--depends-on] [--residual] [--all-readings]`
//!
//! The command never loses data: `--out` may not name the scenarios file,
//! an output file is replaced only by a complete run, and SIGINT or SIGTERM
//! stops the batch between rows, with its summary and the status 130 or 143.

use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use clap::{Args, ValueEnum};

use super::{load_policy_and_readings, report_problem};
use provisio::batch::{
    BatchError, BatchOptions, InputFormat, OutputFile, OutputFormat, Stage, StoppableInput,
    Summary, run_batch, same_file,
};
use provisio::diagnostic::Problem;

/// The formats a batch reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
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
    /// A reform: an amendment of the policy, not in force, applied for
    /// "what if" analysis; its `from` dates apply.
    #[arg(long = "with", value_name = "REFORM")]
    with: Option<PathBuf>,
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
    /// A row's own `reading.NAME` column wins over it.
    #[arg(long = "reading", value_name = "NAME=VALUE")]
    readings: Vec<String>,
    /// The date for rows that give no `as_of` (default: today).
    #[arg(long, value_name = "DATE")]
    at: Option<String>,
    /// Adds each verdict's explanation to its row (JSON Lines output).
    #[arg(long)]
    explain: bool,
    /// The memory the rows in flight may take: bytes, or with K, M, G (default 64M).
    #[arg(long, value_name = "SIZE")]
    memory: Option<String>,
    /// Copies an input column to each output row unchanged, such as an
    /// identifier to join the rows back on; repeatable. A kept fact is read
    /// as a fact too.
    #[arg(long = "keep", value_name = "COLUMN")]
    keep: Vec<String>,
    /// Copies every input column that is not a fact (nor `reading.NAME`)
    /// to each output row, instead of refusing the row.
    #[arg(long)]
    keep_all_unknown: bool,
    /// Gives, for each undetermined verdict, the fact paths it depends on.
    #[arg(long)]
    depends_on: bool,
    /// Gives, for each undetermined verdict, the condition it still
    /// depends on, in the policy's syntax.
    #[arg(long)]
    residual: bool,
    /// Gives each verdict under every combination of the readings it
    /// consults that neither `--reading` nor the row chooses: whether they
    /// agree, and the outcome under each.
    #[arg(long)]
    all_readings: bool,
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
    let (checked, readings) =
        match load_policy_and_readings(&args.policy, args.with.as_deref(), &args.readings) {
            Ok(inputs) => inputs,
            Err(code) => return code,
        };
    let model = &checked.model;
    let from_stdin = args.scenarios.as_os_str() == "-";
    let input_format = match args.input_format.or_else(|| format_of(&args.scenarios)) {
        Some(format) => format,
        None if from_stdin => Format::Jsonl,
        None => {
            stderr_line!(
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
    let at = match super::eval::at_argument(args.at.as_deref()) {
        Ok(at) => at,
        Err(code) => return code,
    };
    let memory = match args.memory.as_deref().map(parse_memory).transpose() {
        Ok(memory) => memory,
        Err(problem) => {
            report_problem(problem);
            return ExitCode::FAILURE;
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
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
    if let Some(memory) = memory {
        options.memory = memory;
    }
    options.stop = Some(Arc::clone(&stop));
    if let Err(problem) = check_keep(model, &args.keep) {
        report_problem(problem);
        return ExitCode::FAILURE;
    }
    if args.keep_all_unknown && input_format == Format::Jsonl && output_format == Format::Csv {
        report_problem(
            Problem::error(
                "provisio::bad_argument",
                "`--keep-all-unknown` cannot write CSV from JSON Lines: a CSV output needs its columns before the first row",
                provisio::span::Span::new(0, "--keep-all-unknown".len()),
                "the columns of JSON Lines rows are known only row by row",
            )
            .with_help("name the columns to keep with `--keep COLUMN`, or write JSON Lines")
            .in_file(&provisio::span::SourceFile::new("--keep-all-unknown", "--keep-all-unknown")),
        );
        return ExitCode::FAILURE;
    }
    options.keep = args.keep.clone();
    options.keep_all_unknown = args.keep_all_unknown;
    options.depends_on = args.depends_on;
    options.residual = args.residual;
    options.all_readings = args.all_readings;

    // Caught from here on, so that the batch stops between rows.
    let signal = catch_signals(&stop);

    // Before anything is written: the output must not be the input.
    if let Some(out) = &args.out {
        let input = if from_stdin {
            Path::new("/dev/stdin")
        } else {
            args.scenarios.as_path()
        };
        if same_file(input, out) {
            report_problem(out_is_input(
                out,
                (!from_stdin).then_some(args.scenarios.as_path()),
            ));
            return ExitCode::FAILURE;
        }
    }
    let input: Box<dyn Read + Send> = if from_stdin {
        Box::new(StoppableInput::new(std::io::stdin(), Arc::clone(&stop)))
    } else {
        match std::fs::File::open(&args.scenarios) {
            // A pipe or a device may block; only a regular file is read directly.
            Ok(file) if file.metadata().is_ok_and(|m| m.is_file()) => Box::new(file),
            Ok(file) => Box::new(StoppableInput::new(file, Arc::clone(&stop))),
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
    let mut output = match &args.out {
        Some(path) => match OutputFile::create(path) {
            Ok(file) => Output::File(file),
            Err(error) => {
                stderr_line!("error: cannot write to {}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => Output::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
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
    let result = run_batch(model, input, &mut output, &options, |rows| {
        if let Some(bar) = &bar {
            bar.set_position(rows as u64);
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let output_name = match &args.out {
        Some(path) => path.display().to_string(),
        None => String::from("standard output"),
    };
    let summary = match result {
        Ok(summary) => summary,
        Err(error) => return stopped_by(&error, &output_name, &args.scenarios, from_stdin),
    };
    if summary.interrupted {
        // The output file, if any, is dropped unfinished: its temporary file goes.
        drop(output);
        // Stopped by a signal: SIGTERM, or SIGINT (Ctrl-C).
        let (name, status) = match signal.load(Ordering::Relaxed) {
            n if n == signal_hook::consts::SIGTERM as usize => ("SIGTERM", 143),
            _ => ("SIGINT", 130),
        };
        let kept = match &args.out {
            Some(path) => format!("; `{}` is left as it was", path.display()),
            None => String::from("; the rows before it are written"),
        };
        stderr_line!(
            "interrupted by {name} after {} row{}{kept}",
            summary.rows,
            plural(summary.rows)
        );
        report_summary(&summary);
        return ExitCode::from(status);
    }
    if !summary.keep_unseen.is_empty() {
        // The rows are no use to join back: an output file is left as it was.
        drop(output);
        for name in &summary.keep_unseen {
            report_problem(keep_unseen(name, &summary.columns));
        }
        report_summary(&summary);
        return ExitCode::FAILURE;
    }
    if let Output::File(file) = output
        && let Err(error) = file.commit()
    {
        stderr_line!("error: cannot write to {output_name}: {error}");
        return ExitCode::FAILURE;
    }
    report_summary(&summary);
    status_of(&summary)
}

/// Where the rows go.
enum Output {
    Stdout(BufWriter<std::io::StdoutLock<'static>>),
    File(OutputFile),
}

impl Write for Output {
    fn write(&mut self, buffer: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buffer),
            Output::File(out) => out.write(buffer),
        }
    }

    fn write_all(&mut self, buffer: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buffer),
            Output::File(out) => out.write_all(buffer),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File(out) => out.flush(),
        }
    }
}

/// Makes SIGINT and SIGTERM set `stop`, and gives the number of the signal
/// that came. A second signal ends the process at once.
fn catch_signals(stop: &Arc<AtomicBool>) -> Arc<AtomicUsize> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    let signal = Arc::new(AtomicUsize::new(0));
    for number in [SIGINT, SIGTERM] {
        // Registering can fail only for signals that cannot be caught, which
        // these are not; without it the signal keeps its default action.
        let _ = flag::register_conditional_shutdown(number, 128 + number, Arc::clone(stop));
        let _ = flag::register_usize(number, Arc::clone(&signal), number as usize);
        let _ = flag::register(number, Arc::clone(stop));
    }
    signal
}

/// The status of a batch that ran to its end: 1 when any row was an error
/// row, else 3 when any row had an errored verdict (as `eval` gives).
fn status_of(summary: &Summary) -> ExitCode {
    if summary.errors > 0 {
        ExitCode::FAILURE
    } else if summary.rows_with_errored_verdicts > 0 {
        ExitCode::from(super::VERDICT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reports a batch that could not read or write. A reader of standard output
/// that went away (`| head`) is no error: the batch stops quietly, with the
/// status of the rows it did.
fn stopped_by(error: &BatchError, output: &str, scenarios: &Path, from_stdin: bool) -> ExitCode {
    match error.stage {
        Stage::Writing if error.error.kind() == std::io::ErrorKind::BrokenPipe => {
            status_of(&error.summary)
        }
        Stage::Writing => {
            stderr_line!("error: cannot write to {output}: {}", error.error);
            ExitCode::FAILURE
        }
        Stage::Reading => {
            let input = if from_stdin {
                String::from("standard input")
            } else {
                scenarios.display().to_string()
            };
            stderr_line!("error: cannot read {input}: {}", error.error);
            ExitCode::FAILURE
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The summary on stderr: rows and errors, then each verdict's values.
fn report_summary(summary: &Summary) {
    // Rows with errored verdicts are named only when there are some, so that
    // the line reads as before for a batch without them.
    let errored = match summary.rows_with_errored_verdicts {
        0 => String::new(),
        n => format!(", {n} with errored verdicts"),
    };
    stderr_line!(
        "{} row{}, {} error{}{errored}",
        summary.rows,
        plural(summary.rows),
        summary.errors,
        plural(summary.errors)
    );
    for (index, (name, counts)) in summary.values.iter().enumerate() {
        let mut parts: Vec<String> = counts
            .iter()
            .map(|(value, n)| format!("{value}: {n}"))
            .collect();
        match summary.other_values.get(index).copied().unwrap_or(0) {
            0 => {}
            n => parts.push(format!("other values: {n}")),
        }
        stderr_line!(
            "  {name}: {}",
            if parts.is_empty() {
                String::from("-")
            } else {
                parts.join(", ")
            }
        );
    }
}

/// Refuses a `--keep` column that would take the name of one of the
/// output's own columns.
fn check_keep(model: &provisio::model::Model, keep: &[String]) -> Result<(), Problem> {
    let own = provisio::batch::output_columns(model);
    for name in keep {
        let text = format!("--keep {name}");
        let source = provisio::span::SourceFile::new("--keep", text.as_str());
        let span = provisio::span::Span::new("--keep ".len(), text.len());
        if name.is_empty() || name.starts_with(provisio::batch::READING_PREFIX) {
            return Err(Problem::error(
                "provisio::bad_argument",
                format!("`--keep {name}` names no column that can be kept"),
                span,
                "not a column to keep",
            )
            .with_help("`reading.NAME` columns choose a reading for their row and are not copied; name a column such as `--keep id`")
            .in_file(&source));
        }
        if own.iter().any(|o| o == name) {
            return Err(Problem::error(
                "provisio::batch::keep_collides",
                format!("the column `{name}` cannot be kept: the output has a column `{name}` of its own"),
                span,
                "a column of the output",
            )
            .with_help(format!("rename the input column, such as `{name}_in`, and keep that"))
            .in_file(&source));
        }
    }
    Ok(())
}

/// A `--keep` column that no row had, with the nearest column the input has.
fn keep_unseen(name: &str, columns: &[String]) -> Problem {
    let text = format!("--keep {name}");
    let source = provisio::span::SourceFile::new("--keep", text.as_str());
    let help = provisio::suggest::did_you_mean(name, columns.iter().map(String::as_str))
        .unwrap_or_else(|| {
            if columns.is_empty() {
                String::from("the input has no rows to keep a column of")
            } else {
                format!("the input's columns are {}", columns.join(", "))
            }
        });
    Problem::error(
        "provisio::batch::keep_unknown",
        format!("the scenarios have no column `{name}` to keep"),
        provisio::span::Span::new("--keep ".len(), text.len()),
        "not a column of the input",
    )
    .with_help(help)
    .in_file(&source)
}

/// The refusal of an `--out` that names the scenarios file (`None`: the file
/// standard input reads from).
fn out_is_input(out: &Path, scenarios: Option<&Path>) -> Problem {
    let message = match scenarios {
        Some(scenarios) if scenarios == out => format!(
            "`--out {}` is the scenarios file: writing the verdicts would replace the scenarios",
            out.display()
        ),
        Some(scenarios) => format!(
            "`--out {}` is the scenarios file `{}` under another name: writing the verdicts would replace the scenarios",
            out.display(),
            scenarios.display()
        ),
        None => format!(
            "`--out {}` is the file standard input reads the scenarios from: writing the verdicts would replace them",
            out.display()
        ),
    };
    Problem {
        code: "provisio::batch::out_is_input",
        message,
        labels: Vec::new(),
        help: Some(String::from(
            "write the verdicts to another file, and rename it afterwards if you mean to replace the scenarios",
        )),
        severity: miette::Severity::Error,
        source: None,
    }
}

/// Reads `--memory`: a number of bytes, with an optional unit K, M, G or T
/// (powers of 1,024; `KB`, `KiB` and lower case are the same).
fn parse_memory(text: &str) -> Result<usize, Problem> {
    let trimmed = text.trim();
    let digits = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => Some(0),
        "k" | "kb" | "kib" => Some(10),
        "m" | "mb" | "mib" => Some(20),
        "g" | "gb" | "gib" => Some(30),
        "t" | "tb" | "tib" => Some(40),
        _ => None,
    };
    let size = match (number.parse::<u64>(), shift) {
        (Ok(n), Some(shift)) => n.checked_mul(1 << shift),
        _ => None,
    };
    let source = provisio::span::SourceFile::new("--memory", text);
    let span = provisio::span::Span::new(0, text.len());
    match size.map(usize::try_from) {
        Some(Ok(0)) => Err(Problem::error(
            "provisio::bad_argument",
            format!("`{text}` leaves no memory for a row"),
            span,
            "at least one byte",
        )
        .with_help("give a size such as `--memory 64M` (the default) or `--memory 1G`")
        .in_file(&source)),
        Some(Ok(size)) => Ok(size),
        Some(Err(_)) | None if shift.is_some() && !number.is_empty() => Err(Problem::error(
            "provisio::bad_argument",
            format!("`{text}` is more memory than this machine can address"),
            span,
            "too large",
        )
        .with_help("give a size such as `--memory 64M` (the default) or `--memory 1G`")
        .in_file(&source)),
        _ => Err(Problem::error(
            "provisio::bad_argument",
            format!("`{text}` is not a size"),
            span,
            "expected a number of bytes, or one with K, M or G",
        )
        .with_help(
            "write the size as bytes or with a unit, such as `--memory 256M` or `--memory 1G`",
        )
        .in_file(&source)),
    }
}
