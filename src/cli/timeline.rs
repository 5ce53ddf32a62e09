//! `provisio timeline FILE --facts F --from D1 --to D2 [--reading NAME=VALUE]... [--given NAME=VALUE]... [--format text|json|svg]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::eval::parse_date_argument;
use super::{load_inputs, report_problem};
use provisio::diagnostic::Problem;
use provisio::render;

/// The output formats of `timeline`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Each verdict's intervals, in words.
    Text,
    /// One JSON object for a program.
    Json,
    /// A picture: one lane per verdict along the dates.
    Svg,
}

/// Arguments of `provisio timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The policy file.
    #[arg(value_name = "FILE")]
    policy: PathBuf,
    /// A reform: an amendment of the policy, not in force, applied for
    /// "what if" analysis; its `from` dates apply.
    #[arg(long = "with", value_name = "REFORM")]
    with: Option<PathBuf>,
    /// The facts: a .json, .yaml, .yml or .toml file. Its `as_of` plays no part.
    #[arg(long, value_name = "F")]
    facts: Option<PathBuf>,
    /// The first day (YYYY-MM-DD).
    #[arg(long, value_name = "D1")]
    from: String,
    /// The last day, inclusive (YYYY-MM-DD).
    #[arg(long, value_name = "D2")]
    to: String,
    /// Chooses a reading of an ambiguous phrase, as NAME=ALTERNATIVE (the policy's
    /// `reading` declarations name both); repeatable.
    #[arg(long = "reading", value_name = "NAME=VALUE")]
    readings: Vec<String>,
    /// Gives a definition a value in place of its rule on every day, such
    /// as para5.expiry_date=2026-03-26; repeatable.
    #[arg(long = "given", value_name = "NAME=VALUE")]
    given: Vec<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// The longest range a timeline covers, in days: about a thousand years.
const MAX_DAYS: i64 = 366_000;

/// How long a timeline runs before it shows a progress bar.
const QUIET_FOR: std::time::Duration = std::time::Duration::from_millis(500);

/// A progress bar on stderr for a timeline that runs long: drawn only on a
/// terminal, and only once the timeline has run for [`QUIET_FOR`], so that
/// a short one prints nothing.
struct Progress {
    days: u64,
    started: std::time::Instant,
    terminal: bool,
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(days: u64) -> Progress {
        use std::io::IsTerminal as _;
        Progress {
            days,
            started: std::time::Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            bar: None,
        }
    }

    /// `done` days of the range are evaluated.
    fn at(&mut self, done: u64) {
        // Looking at the clock every day would cost more than some days do.
        if !self.terminal || !done.is_multiple_of(64) {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() >= QUIET_FOR {
            let bar = indicatif::ProgressBar::new(self.days);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {human_pos}/{human_len} days, {eta} left",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Evaluates every day of the range and prints each verdict's intervals.
pub fn run(args: TimelineArgs) -> ExitCode {
    let (checked, readings, mut facts) = match load_inputs(
        &args.policy,
        args.with.as_deref(),
        args.facts.as_deref(),
        &args.readings,
    ) {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    let model = &checked.model;
    if let Err(code) = super::give_values(model, &mut facts, &args.given) {
        return code;
    }
    let (from, to) = match (
        parse_date_argument("--from", &args.from),
        parse_date_argument("--to", &args.to),
    ) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(problem), _) | (_, Err(problem)) => {
            report_problem(problem);
            return ExitCode::FAILURE;
        }
    };
    if from > to || (to - from).num_days() > MAX_DAYS {
        let text = format!("{}..{}", args.from, args.to);
        let source = provisio::span::SourceFile::new("--from/--to", text.as_str());
        let message = if from > to {
            format!("the range starts on {from}, after it ends on {to}")
        } else {
            format!("the range from {from} to {to} is longer than {MAX_DAYS} days")
        };
        report_problem(
            Problem::error(
                "provisio::bad_argument",
                message,
                provisio::span::Span::new(0, text.len()),
                "not a range of dates",
            )
            .with_help("give --from a day on or before --to, within about a thousand years")
            .in_file(&source),
        );
        return ExitCode::FAILURE;
    }
    if facts.as_of.is_some() {
        stderr_line!(
            "note: the facts' as_of plays no part in a timeline, which evaluates every day from --from to --to"
        );
    }
    let open = match broken_assumptions(model, &facts, &readings, from, to) {
        Ok(open) => open,
        Err(code) => return code,
    };
    let mut progress = Progress::new((to - from).num_days() as u64 + 1);
    let line =
        provisio::timeline::timeline_with_progress(model, &facts, &readings, from, to, |done| {
            progress.at(done)
        });
    progress.finish();
    let mut line = line;
    line.assumed_not_known = open;
    let output = match args.format {
        Format::Text => with_given_line(
            render::timeline::render_text(model, &line),
            render::given_phrase(model, &facts.given),
        ),
        Format::Json if !facts.given.is_empty() => {
            let mut json = render::timeline::to_json(model, &line);
            if let serde_json::Value::Object(map) = &mut json {
                map.insert(
                    String::from("given"),
                    render::json::given_json(model, &facts.given),
                );
            }
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Json => render::timeline::render_json(model, &line),
        Format::Svg => render::svg::render(model, &line),
    };
    // As with `eval`: the other verdicts are shown, each distinct failure's
    // diagnostic goes to stderr, and the status says that some verdicts
    // could not be evaluated.
    let mut reported: Vec<&provisio::eval::EvalError> = Vec::new();
    for error in line
        .verdicts
        .iter()
        .flatten()
        .filter_map(|i| i.error.as_ref())
    {
        if !reported.iter().any(|seen| seen.same_failure(error)) {
            reported.push(error);
            report_problem(error.to_problem(model));
        }
    }
    let status = if reported.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::VERDICT_ERROR)
    };
    super::emit(&output, status)
}

/// The timeline's text with the definitions given a value said under its
/// first line, the range, as `eval` says them under the date.
fn with_given_line(text: String, given: Option<String>) -> String {
    let Some(given) = given else {
        return text;
    };
    match text.split_once('\n') {
        Some((first, rest)) => {
            format!("{first}\nGiven, in place of their rules: {given}\n{rest}")
        }
        None => text,
    }
}

/// Reports each assumption the facts break on some day of the range, with
/// the stretches it is false on: a facts problem, exit status 1. Otherwise,
/// the stretches on which each assumption is open, for the output to note.
fn broken_assumptions(
    model: &provisio::model::Model,
    facts: &provisio::facts::Facts,
    readings: &provisio::eval::Readings,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<provisio::eval::assumptions::Stretches, ExitCode> {
    use provisio::eval::assumptions::{AssumptionOutcome, assumption_stretches, broken_problem};
    let (broken, open) = assumption_stretches(model, facts, readings, from, to);
    if broken.is_empty() {
        return Ok(open);
    }
    for (assumption, stretches) in broken {
        let Some(&(first, last)) = stretches.first() else {
            continue;
        };
        let input = provisio::eval::Input {
            facts,
            as_of: first,
            readings,
        };
        let outcome = AssumptionOutcome {
            assumption,
            holds: provisio::value::Value::Bool(false),
            error: None,
        };
        let mut problem = broken_problem(model, &input, &outcome);
        let more = match stretches.len() {
            1 => String::new(),
            2 => String::from(" and one more stretch"),
            n => format!(" and {} more stretches", n - 1),
        };
        problem.message = format!("{} from {first} to {last}{more}", problem.message);
        for (_, label) in &mut problem.labels {
            *label = format!("false from {first} to {last}{more}");
        }
        report_problem(problem);
    }
    Err(ExitCode::FAILURE)
}
