//! `provisio timeline FILE --facts F --from D1 --to D2 [--reading NAME=VALUE]... [--given NAME=VALUE]... [--compare-readings] [--format text|json|svg]`

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
    /// Draws each verdict once per combination of the readings that change
    /// it over the range (those not fixed with --reading).
    #[arg(long = "compare-readings")]
    compare_readings: bool,
    /// The language of the words: en, fr or es. The policy's own sentences
    /// in that language where it gives them (otherwise in English, with a
    /// warning), and the engine's words, dates and month names in it. JSON
    /// stays in English.
    #[arg(long, value_enum, default_value_t = super::LangArg::En, value_name = "LANG")]
    lang: super::LangArg,
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
    if args.compare_readings {
        let lang = super::chosen_lang(model, args.lang);
        return compare(
            model,
            &facts,
            &readings,
            (from, to),
            open,
            (args.format, lang),
        );
    }
    let mut progress = Progress::new((to - from).num_days() as u64 + 1);
    let line =
        provisio::timeline::timeline_with_progress(model, &facts, &readings, from, to, |done| {
            progress.at(done)
        });
    progress.finish();
    let mut line = line;
    line.assumed_not_known = open;
    let lang = super::chosen_lang(model, args.lang);
    let output = match args.format {
        Format::Text => render::timeline::render_text(model, &line, lang),
        Format::Json => render::timeline::render_json(model, &line),
        Format::Svg => render::svg::render(model, &line, lang),
    };
    let status = report_errors(model, line.verdicts.iter().flatten());
    super::emit(&output, status)
}

/// `--compare-readings`: the timelines under every combination of the
/// readings that change a verdict.
fn compare(
    model: &provisio::model::Model,
    facts: &provisio::facts::Facts,
    readings: &provisio::eval::Readings,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    open: provisio::eval::assumptions::Stretches,
    (format, lang): (Format, provisio::locale::Lang),
) -> ExitCode {
    use provisio::timeline::compare::{MAX_COMBINATIONS, compare_readings};
    let mut compared = match compare_readings(model, facts, readings, from, to) {
        Ok(compared) => compared,
        Err(too_many) => {
            let names: Vec<&str> = too_many
                .found
                .iter()
                .filter_map(|r| model.readings.get(*r as usize))
                .map(|r| r.name.as_str())
                .collect();
            // Before any is found, the first reading tried.
            let first = too_many
                .found
                .first()
                .and_then(|r| model.readings.get(*r as usize))
                .or_else(|| {
                    model
                        .readings
                        .iter()
                        .zip(&readings.chosen)
                        .find(|(_, chosen)| !**chosen)
                        .map(|(r, _)| r)
                });
            let span = first.map(|r| r.span).unwrap_or_default();
            let example = first
                .and_then(|r| {
                    r.alternatives
                        .first()
                        .map(|a| format!("{}={}", r.name, a.name))
                })
                .unwrap_or_else(|| String::from("NAME=VALUE"));
            report_problem(
                Problem::error(
                    "provisio::too_many_readings",
                    match too_many.timelines {
                        None => format!(
                            "the readings that change a verdict over this range ({}) make {} combinations, more than the {MAX_COMBINATIONS} a comparison draws",
                            names.join(", "),
                            too_many.combinations
                        ),
                        Some(timelines) => format!(
                            "finding the readings that change a verdict over this range takes more than {timelines} timelines of {} days (found so far: {})",
                            (to - from).num_days() + 1,
                            if names.is_empty() {
                                String::from("none")
                            } else {
                                names.join(", ")
                            }
                        ),
                    },
                    span,
                    if too_many.found.is_empty() {
                        "the first of the readings tried"
                    } else {
                        "one of the readings that change a verdict"
                    },
                )
                .with_help(format!(
                    "fix some of them with --reading (such as --reading {example}), or shorten the range"
                ))
                .in_file(&model.source),
            );
            return ExitCode::FAILURE;
        }
    };
    compared.base.assumed_not_known = open;
    let output = match format {
        Format::Text => render::timeline_compare::render_text(model, &compared, lang),
        Format::Json => render::timeline_compare::render_json(model, &compared),
        Format::Svg => render::svg::render_compared(model, &compared, lang),
    };
    let intervals = compared
        .verdicts
        .iter()
        .flat_map(|v| v.lanes.iter())
        .flat_map(|lane| lane.intervals.iter());
    let status = report_errors(model, intervals);
    super::emit(&output, status)
}

/// Reports each distinct failure once, as `eval` does, naming the day it
/// arose on (the first of its stretch) and the days it lasts; the status
/// says whether some verdict could not be evaluated. The other verdicts
/// are shown as usual.
fn report_errors<'a>(
    model: &provisio::model::Model,
    intervals: impl Iterator<Item = &'a provisio::timeline::Interval>,
) -> ExitCode {
    use provisio::words::human_date;
    let mut reported: Vec<(
        &provisio::eval::EvalError,
        Vec<(chrono::NaiveDate, chrono::NaiveDate)>,
    )> = Vec::new();
    for interval in intervals {
        let Some(error) = interval.error.as_ref() else {
            continue;
        };
        let days = (interval.from, interval.to);
        match reported
            .iter_mut()
            .find(|(seen, _)| seen.same_failure(error))
        {
            Some((_, stretches)) => {
                if !stretches.contains(&days) {
                    stretches.push(days)
                }
            }
            None => reported.push((error, vec![days])),
        }
    }
    for (error, stretches) in &reported {
        let mut problem = error.to_problem(model);
        let Some((first, last)) = stretches.first() else {
            continue;
        };
        let days = if first == last {
            format!("on {}", human_date(*first))
        } else {
            format!(
                "on {}, and on each day to {}",
                human_date(*first),
                human_date(*last)
            )
        };
        let more = match stretches.len() {
            1 => String::new(),
            2 => String::from(" and one more stretch"),
            n => format!(" and {} more stretches", n - 1),
        };
        problem.message = format!("{} ({days}{more})", problem.message);
        report_problem(problem);
    }
    if reported.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::VERDICT_ERROR)
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
