//! `provisio report FILE --facts F [--at DATE] [--reading NAME=VALUE]... [--given NAME=VALUE]... [--all-readings] [--explain decisive|full] [--timeline-days N] [-o FILE]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::Output;
use super::{load_inputs, report_problem};
use provisio::eval::{EvalError, choose_as_of, evaluate_only};
use provisio::explain::Detail;
use provisio::model::VerdictId;
use provisio::render;

/// How much of each verdict's explanation the report shows.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Explain {
    /// Only the steps that decided each value.
    Decisive,
    /// Every step taken, with the expressions evaluated.
    Full,
}

/// Arguments of `provisio report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The policy file.
    #[arg(value_name = "FILE")]
    policy: PathBuf,
    /// The facts: a .json, .yaml, .yml or .toml file. Without it, every fact is unknown.
    #[arg(long, value_name = "F")]
    facts: Option<PathBuf>,
    /// The date to evaluate as of (YYYY-MM-DD); overrides `as_of` in the facts.
    #[arg(long, value_name = "DATE")]
    at: Option<String>,
    /// Chooses a reading of an ambiguous phrase, as NAME=ALTERNATIVE; repeatable.
    #[arg(long = "reading", value_name = "NAME=VALUE")]
    readings: Vec<String>,
    /// Gives a definition a value in place of its rule, such as
    /// para5.expiry_date=2026-03-26; repeatable.
    #[arg(long = "given", value_name = "NAME=VALUE")]
    given: Vec<String>,
    /// Adds each verdict's outcome under every combination of the readings
    /// it depends on (those not fixed with --reading), as `eval --all-readings`.
    #[arg(long)]
    all_readings: bool,
    /// How much of each verdict's explanation to show.
    #[arg(long, value_enum, default_value_t = Explain::Decisive)]
    explain: Explain,
    /// The timeline around the date runs this many days before it and
    /// after it; 0 leaves the timeline out.
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = clap::value_parser!(u16).range(0..=3660))]
    timeline_days: u16,
    /// Writes the report to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// The language of the sentences: en, fr or es. The policy's own
    /// sentences in that language where it gives them (otherwise in English,
    /// with a warning), and the engine's words, dates and amounts in it.
    #[arg(long, value_enum, default_value_t = super::LangArg::En, value_name = "LANG")]
    lang: super::LangArg,
}

/// Loads, evaluates and writes the HTML report; exits as `eval` does.
pub fn run(args: ReportArgs) -> ExitCode {
    let (checked, readings, mut facts) =
        match load_inputs(&args.policy, None, args.facts.as_deref(), &args.readings) {
            Ok(inputs) => inputs,
            Err(code) => return code,
        };
    let full = &checked.model;
    if let Err(code) = super::give_values(full, &mut facts, &args.given) {
        return code;
    }
    let at = match super::eval::at_argument(args.at.as_deref()) {
        Ok(at) => at,
        Err(code) => return code,
    };
    let today = chrono::Local::now().date_naive();
    let (as_of, source) = choose_as_of(at, &facts, today);
    // The timeline is drawn from the whole policy, each day under its
    // version; the rest of the report is of the version in force on the date.
    let timeline = timeline_around(full, &facts, &readings, as_of, args.timeline_days);
    let version = full.version_on(as_of);
    if !std::ptr::eq(version, full) {
        facts.given = facts.given.for_version(full, version);
    }
    let model = version;
    let assumption_errors = match super::check_assumptions(model, &facts, as_of, &readings) {
        Ok(errors) => errors,
        Err(code) => return code,
    };
    let every: Vec<VerdictId> = (0..model.verdicts.len() as VerdictId).collect();
    let evaluation = evaluate_only(model, &facts, as_of, source, &readings, &every);
    let all = args.all_readings.then(|| {
        provisio::eval::evaluate_all_readings_only(model, &facts, as_of, source, &readings, &every)
    });
    let mut errors: Vec<&EvalError> = evaluation
        .verdicts
        .iter()
        .flat_map(|v| v.errors())
        .chain(&assumption_errors)
        .collect();
    if let Some(all) = &all {
        errors.extend(
            all.verdicts
                .iter()
                .flat_map(|v| &v.outcomes)
                .filter_map(|o| o.error.as_ref()),
        );
    }
    let status = report_verdict_errors(model, errors);
    let report = render::html::Report {
        evaluation: &evaluation,
        facts: &facts,
        all_readings: all.as_ref(),
        timeline: timeline.as_ref().map(|line| (full, line)),
        detail: match args.explain {
            Explain::Decisive => Detail::Decisive,
            Explain::Full => Detail::Full,
        },
        lang: super::chosen_lang(model, args.lang),
    };
    let html = render::html::render(model, &report);
    match &args.output {
        Some(path) => {
            let mut file = Output::create(path);
            file.write_text(&html);
            file.finish().exit_code(status)
        }
        None => super::emit(&html, status),
    }
}

/// Every verdict on each day from `days` before the date to `days` after
/// it, with the assumptions the facts leave open on some of those days;
/// `None` for 0 days, or where the range leaves the calendar.
fn timeline_around(
    model: &provisio::model::Model,
    facts: &provisio::facts::Facts,
    readings: &provisio::eval::Readings,
    as_of: chrono::NaiveDate,
    days: u16,
) -> Option<provisio::timeline::Timeline> {
    if days == 0 {
        return None;
    }
    let span = chrono::Days::new(u64::from(days));
    let from = as_of.checked_sub_days(span)?;
    let to = as_of.checked_add_days(span)?;
    let mut line = provisio::timeline::timeline(model, facts, readings, from, to);
    let (_, open) =
        provisio::eval::assumptions::assumption_stretches(model, facts, readings, from, to);
    line.assumed_not_known = open;
    Some(line)
}

/// Reports each distinct error of the verdicts on stderr, as `eval` does,
/// and gives the status: 3 when any verdict errored, 0 otherwise.
fn report_verdict_errors(model: &provisio::model::Model, errors: Vec<&EvalError>) -> ExitCode {
    let mut reported: Vec<&EvalError> = Vec::new();
    for error in errors {
        if !reported.iter().any(|seen| seen.same_failure(error)) {
            reported.push(error);
            report_problem(error.to_problem(model));
        }
    }
    if reported.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::VERDICT_ERROR)
    }
}
