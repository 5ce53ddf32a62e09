//! `provisio eval FILE --facts F [--at DATE] [--reading NAME=VALUE]... [--given NAME=VALUE]... [--verdict NAME]... [--format text|json]`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{load_inputs, report_problem};
use provisio::diagnostic::Problem;
use provisio::eval::{AsOfSource, EvalError, choose_as_of, evaluate_only};
use provisio::explain::Detail;
use provisio::model::{Model, VerdictId};
use provisio::render;

/// The output formats of `eval`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Sentences for a person.
    Text,
    /// One JSON object for a program.
    Json,
    /// A report in Markdown.
    Markdown,
}

/// How much of each verdict's explanation to show.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Explain {
    /// Only the steps that decided each value.
    Decisive,
    /// Every step taken.
    Full,
    /// No explanations.
    None,
}

/// Arguments of `provisio eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The policy file.
    #[arg(value_name = "FILE")]
    policy: PathBuf,
    /// A reform: an amendment of the policy, not in force, applied for
    /// "what if" analysis; its `from` dates apply.
    #[arg(long = "with", value_name = "REFORM")]
    with: Option<PathBuf>,
    /// With --with: prints each verdict under the policy and under the
    /// reform side by side, those that differ first.
    #[arg(long, requires = "with")]
    compare: bool,
    /// The facts: a .json, .yaml, .yml or .toml file. Without it, every fact is unknown.
    #[arg(long, value_name = "F")]
    facts: Option<PathBuf>,
    /// The date to evaluate as of (YYYY-MM-DD); overrides `as_of` in the facts.
    #[arg(long, value_name = "DATE")]
    at: Option<String>,
    /// Chooses a reading of an ambiguous phrase, as NAME=ALTERNATIVE (the policy's
    /// `reading` declarations name both); repeatable.
    #[arg(long = "reading", value_name = "NAME=VALUE")]
    readings: Vec<String>,
    /// Gives a definition a value in place of its rule, such as
    /// para5.expiry_date=2026-03-26; repeatable.
    #[arg(long = "given", value_name = "NAME=VALUE")]
    given: Vec<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// How much of each verdict's explanation to show.
    #[arg(long, value_enum, default_value_t = Explain::Decisive)]
    explain: Explain,
    /// Evaluates each verdict under every combination of the readings it
    /// depends on (those not fixed with --reading) and shows where they disagree.
    #[arg(long)]
    all_readings: bool,
    /// Evaluates and prints only this verdict; repeatable. Rules it does not
    /// use are not evaluated.
    #[arg(long = "verdict", value_name = "NAME")]
    verdicts: Vec<String>,
    /// The language of the sentences: en, fr or es. The policy's own
    /// sentences in that language where it gives them (otherwise in English,
    /// with a warning), and the engine's words, dates and amounts in it.
    #[arg(long, value_enum, default_value_t = super::LangArg::En, value_name = "LANG")]
    lang: super::LangArg,
}

/// Loads, evaluates and prints; exits non-zero with a diagnostic on any bad input.
pub fn run(args: EvalArgs) -> ExitCode {
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
    // The base's own facts, for `--compare`: definitions given a value are
    // named by each model's ids.
    let base_facts = args.compare.then(|| facts.clone());
    if let Err(code) = super::give_values(model, &mut facts, &args.given) {
        return code;
    }
    let at = match at_argument(args.at.as_deref()) {
        Ok(at) => at,
        Err(code) => return code,
    };
    let asked = match asked_verdicts(model, &args.verdicts) {
        Ok(asked) => asked,
        Err(problem) => {
            report_problem(problem);
            return ExitCode::FAILURE;
        }
    };
    let today = chrono::Local::now().date_naive();
    let (as_of, source) = choose_as_of(at, &facts, today);
    if let Some(base_facts) = base_facts {
        let inputs = Inputs {
            facts: &facts,
            as_of,
            source,
            readings: &readings,
            asked: &asked,
        };
        return compare(&args, model, base_facts, inputs);
    }
    // An amended policy answers as its version in force on the date, with
    // the definitions given values found again in that version.
    let version = model.version_on(as_of);
    if !std::ptr::eq(version, model) {
        facts.given = facts.given.for_version(model, version);
    }
    let model = version;
    if source == AsOfSource::Today && matches!(args.format, Format::Json) {
        // The JSON shape has no room for it; say it where a person will see it.
        stderr_line!(
            "note: no date was given with --at or as_of in the facts; evaluating as of today, {as_of}"
        );
    }
    let assumption_errors = match super::check_assumptions(model, &facts, as_of, &readings) {
        Ok(errors) => errors,
        Err(code) => return code,
    };
    if args.all_readings {
        let all = provisio::eval::evaluate_all_readings_only(
            model, &facts, as_of, source, &readings, &asked,
        );
        let errors: Vec<&EvalError> = all
            .verdicts
            .iter()
            .flat_map(|v| &v.outcomes)
            .filter_map(|o| o.error.as_ref())
            .chain(&assumption_errors)
            .collect();
        // JSON writes codes and the policy's English, whatever the language.
        let output = match args.format {
            Format::Json => render::all_readings::render_json(model, &all),
            Format::Text => {
                let lang = super::chosen_lang(model, args.lang);
                render::all_readings::render_text_in(model, &all, lang)
            }
            Format::Markdown => {
                let lang = super::chosen_lang(model, args.lang);
                render::all_readings::render_markdown_in(model, &all, lang)
            }
        };
        return super::emit(&output, report_verdict_errors(model, errors));
    }
    let evaluation = evaluate_only(model, &facts, as_of, source, &readings, &asked);
    let errors: Vec<&EvalError> = evaluation
        .verdicts
        .iter()
        .flat_map(|v| v.errors())
        .chain(&assumption_errors)
        .collect();
    let status = report_verdict_errors(model, errors);
    let options = render::Options {
        detail: match args.explain {
            Explain::Decisive => Detail::Decisive,
            Explain::Full => Detail::Full,
            Explain::None => Detail::None,
        },
        color: matches!(args.format, Format::Text) && std::io::stdout().is_terminal(),
        lang: super::chosen_lang(model, args.lang),
    };
    let output = match args.format {
        Format::Text => render::text::render(model, &evaluation, &options),
        Format::Json => render::json::render(model, &evaluation, &options),
        Format::Markdown => render::markdown::render(model, &evaluation, &options),
    };
    super::emit(&output, status)
}

/// What one evaluation is of, for `--compare`.
struct Inputs<'a> {
    facts: &'a provisio::facts::Facts,
    as_of: chrono::NaiveDate,
    source: AsOfSource,
    readings: &'a provisio::eval::Readings,
    asked: &'a [VerdictId],
}

/// `--compare`: the verdicts under the policy and under the reform, side by
/// side (see [`provisio::reform::compare`]).
fn compare(
    args: &EvalArgs,
    reformed: &Model,
    mut base_facts: provisio::facts::Facts,
    inputs: Inputs<'_>,
) -> ExitCode {
    let base = match provisio::check::load_policy(&args.policy) {
        Ok(checked) => checked.model,
        Err(problems) => {
            super::report_problems(&problems);
            return ExitCode::FAILURE;
        }
    };
    if let Err(code) = super::give_values(&base, &mut base_facts, &args.given) {
        return code;
    }
    let comparison = provisio::reform::compare(
        &base,
        reformed,
        &base_facts,
        inputs.facts,
        inputs.as_of,
        inputs.source,
        inputs.readings,
        inputs.asked,
    );
    // JSON writes codes and the values as data, whatever the language.
    let output = match args.format {
        Format::Text => {
            let lang = super::chosen_lang(&base, args.lang);
            provisio::reform::compare::render_text_in(&base, reformed, &comparison, lang)
        }
        Format::Json => provisio::reform::compare::render_json(&base, reformed, &comparison),
        Format::Markdown => {
            let lang = super::chosen_lang(&base, args.lang);
            provisio::reform::compare::render_markdown_in(&base, reformed, &comparison, lang)
        }
    };
    // Each side's failures are reported as `eval` reports them.
    let base_errors: Vec<&EvalError> = comparison
        .verdicts
        .iter()
        .filter_map(|v| v.base.error.as_ref())
        .collect();
    let reform_errors: Vec<&EvalError> = comparison
        .verdicts
        .iter()
        .filter_map(|v| v.reform.error.as_ref())
        .collect();
    let base_status = report_verdict_errors(base.version_on(inputs.as_of), base_errors);
    let reform_status = report_verdict_errors(reformed.version_on(inputs.as_of), reform_errors);
    let status = if base_status == ExitCode::SUCCESS {
        reform_status
    } else {
        base_status
    };
    super::emit(&output, status)
}

/// The verdicts named with `--verdict`, or every verdict when none is; a
/// name the policy does not have is a diagnostic pointing into the argument.
fn asked_verdicts(model: &Model, names: &[String]) -> Result<Vec<VerdictId>, Problem> {
    if names.is_empty() {
        return Ok((0..model.verdicts.len() as VerdictId).collect());
    }
    let known: Vec<&str> = model.verdicts.iter().map(|v| v.name.as_str()).collect();
    names
        .iter()
        .map(|name| {
            let name = name.trim();
            match known.iter().position(|known| *known == name) {
                Some(index) => Ok(index as VerdictId),
                None => {
                    let help = provisio::suggest::did_you_mean(name, known.iter().copied())
                        .unwrap_or_else(|| format!("the verdicts are {}", known.join(", ")));
                    let source = provisio::span::SourceFile::new("--verdict", name);
                    Err(Problem::error(
                        "provisio::unknown_verdict",
                        format!("the policy has no verdict `{name}`"),
                        provisio::span::Span::new(0, name.len()),
                        "not a verdict of this policy",
                    )
                    .with_help(help)
                    .in_file(&source))
                }
            }
        })
        .collect()
}

/// Reports each distinct error of the verdicts on stderr, as the diagnostic
/// pointing into the policy, and gives the status: 3 when any verdict
/// errored, 0 otherwise.
fn report_verdict_errors(model: &Model, errors: Vec<&EvalError>) -> ExitCode {
    if errors.is_empty() {
        return ExitCode::SUCCESS;
    }
    let mut reported: Vec<&EvalError> = Vec::new();
    for error in errors {
        // A failure shared by several verdicts is one problem in the policy.
        if !reported.contains(&error) {
            reported.push(error);
            report_problem(error.to_problem(model));
        }
    }
    ExitCode::from(super::VERDICT_ERROR)
}

/// The date of `--at`, if given; a bad one is reported, and the command
/// exits with status 1.
pub(super) fn at_argument(at: Option<&str>) -> Result<Option<chrono::NaiveDate>, ExitCode> {
    at.map(|at| parse_date_argument("--at", at))
        .transpose()
        .map_err(|problem| {
            report_problem(problem);
            ExitCode::FAILURE
        })
}

/// Parses a date argument such as `--at`, with a diagnostic that points into
/// it: the same reading of dates as in policies and facts.
pub(super) fn parse_date_argument(flag: &str, text: &str) -> Result<chrono::NaiveDate, Problem> {
    provisio::facts::date_argument(flag, text, &format!("`{flag} 2026-03-28`"))
}
