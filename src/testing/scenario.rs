//! Scenario files: facts, readings and the verdicts expected of them.
//!
//! A scenario is a JSON or YAML file with `description` (text), `facts` (a
//! facts object, as `eval --facts` reads), `readings` (`{name: alternative}`,
//! optional), `expect` (`{verdict: expectation}`: a value, `null` for
//! undetermined, or an object read by [`super::expect`]) and `tolerance`
//! (optional, for every number and amount expected without its own
//! `within`). Verdicts a scenario does not name are not checked by it.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::diagnostic::Problem;
use crate::eval::Readings;
use crate::facts::{Facts, FactsFormat, parse_facts_in};
use crate::model::{Model, Type, VerdictId};
use crate::span::{SourceFile, Span};
use crate::suggest::did_you_mean;

/// A scenario, checked against a policy.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The file it was read from.
    pub path: PathBuf,
    /// What it describes.
    pub description: String,
    /// Its facts.
    pub facts: Facts,
    /// Its readings; the rest are the defaults.
    pub readings: Readings,
    /// The verdicts it expects, each with what is expected of it.
    pub expect: Vec<(VerdictId, super::expect::Expectation)>,
    /// The assumptions it expects its facts to break (`expect_broken`), sorted.
    pub expect_broken: Vec<crate::model::AssumptionId>,
    /// The date of `expect`, `all_readings` and `expect_broken`: the facts'
    /// `as_of`, else `provisio test --at`, else the policy's
    /// `scenarios as of`. `None` only when everything expected is under `at`.
    pub as_of: Option<chrono::NaiveDate>,
    /// The verdicts it expects under every reading, on `as_of`.
    pub all_readings: Vec<(VerdictId, super::shapes::ReadingsExpectation)>,
    /// What it expects on other dates, in date order (`at`).
    pub at: Vec<super::shapes::Dated>,
}

/// Why a scenario could not be run: every problem found in it.
#[derive(Debug, Clone)]
pub struct InvalidScenario {
    /// The file.
    pub path: PathBuf,
    /// The problems, each pointing into the file where it can.
    pub problems: Vec<String>,
}

/// The span of the first occurrence of `key` as an object key after `after`, in JSON or YAML.
pub(super) fn key_span(text: &str, key: &str, after: usize) -> Span {
    let quoted = format!("\"{key}\"");
    let rest = text.get(after..).unwrap_or("");
    let found = rest
        .find(&quoted)
        .map(|i| (i, quoted.len()))
        .or_else(|| rest.find(&format!("{key}:")).map(|i| (i, key.len())));
    match found {
        Some((at, len)) => Span::new(after + at, after + at + len),
        None => Span::new(0, text.len().min(1)),
    }
}

/// The entries of a scenario's `readings` as written, in file order, with a
/// reading named twice kept twice (the JSON value keeps only the last), so
/// that two different choices of one reading are reported. `None`: the
/// alternative is not text.
fn written_readings(
    text: &str,
    format: FactsFormat,
    document: &Json,
) -> Vec<(String, Option<String>)> {
    use crate::facts::tree::{Node, parse};
    let alternative = |node: &Node| match node {
        Node::String(text) => Some(text.clone()),
        _ => None,
    };
    match parse(text, format) {
        Ok(Node::Map(top)) => top
            .iter()
            .filter(|(key, _)| key == "readings")
            .flat_map(|(_, node)| match node {
                Node::Map(entries) => entries.as_slice(),
                _ => &[],
            })
            .map(|(name, node)| (name.clone(), alternative(node)))
            .collect(),
        // The document parsed, so this is not expected; read its readings.
        _ => document["readings"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, value)| (name.clone(), value.as_str().map(String::from)))
            .collect(),
    }
}

/// Whether an expected JSON value has the form of a verdict's type.
pub(super) fn fits(model: &Model, ty: &Type, value: &Json) -> bool {
    match (ty, value) {
        (_, Json::Null) => true,
        (Type::Bool, Json::Bool(_)) => true,
        (Type::Integer | Type::Decimal, Json::Number(_)) => true,
        (Type::Money(_), Json::Number(_)) => true,
        (Type::Money(currency), Json::String(s)) => {
            crate::value::Money::parse(s).is_some_and(|m| m.currency() == *currency)
                || s.trim().parse::<rust_decimal::Decimal>().is_ok()
        }
        (Type::Date, Json::String(s)) => crate::check::parse_date(s).is_ok(),
        (Type::Text, Json::String(_)) => true,
        (Type::Enum(id), Json::String(s)) => model
            .enums
            .get(*id as usize)
            .is_some_and(|e| e.values.contains(s)),
        _ => false,
    }
}

/// The scenario-wide `tolerance`: how far every number and amount
/// expected without its own `within` may be from the value expected.
fn tolerance(
    text: &str,
    document: &Json,
    report: &mut dyn FnMut(Problem),
) -> Option<rust_decimal::Decimal> {
    let written = document.get("tolerance")?;
    match super::expect::json_decimal(written) {
        Some(tolerance) if tolerance >= rust_decimal::Decimal::ZERO => Some(tolerance),
        _ => {
            report(
                Problem::error(
                    "provisio::scenario",
                    format!("`tolerance` is {written}, not a number zero or more"),
                    key_span(text, "tolerance", 0),
                    "not a tolerance",
                )
                .with_help("write how far numbers and amounts may be from the values expected, as a plain number: `\"tolerance\": 0.01`"),
            );
            None
        }
    }
}

/// Reads a scenario file and checks it against a policy. An invalid
/// scenario gives every problem found in it, rendered.
pub fn load_scenario(
    model: &Model,
    path: &Path,
    render: impl Fn(&dyn miette::Diagnostic) -> String,
) -> Result<Scenario, InvalidScenario> {
    load_scenario_at(model, path, None, render)
}

/// As [`load_scenario`], with the date `provisio test --at` gives to
/// scenarios whose facts have no `as_of`.
pub fn load_scenario_at(
    model: &Model,
    path: &Path,
    at: Option<chrono::NaiveDate>,
    render: impl Fn(&dyn miette::Diagnostic) -> String,
) -> Result<Scenario, InvalidScenario> {
    let invalid = |problems: Vec<String>| InvalidScenario {
        path: path.to_path_buf(),
        problems,
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        invalid(vec![render(&crate::check::read_error(
            "scenario file",
            path,
            &e,
        ))])
    })?;
    let source = SourceFile::new(path.display().to_string(), text.as_str());
    let format = match FactsFormat::from_path(path) {
        Some(FactsFormat::Toml) | None => {
            return Err(invalid(vec![format!(
                "{}: a scenario is a .json, .yaml or .yml file",
                path.display()
            )]));
        }
        Some(format) => format,
    };
    let facts =
        parse_facts_in(model, &source, format, "facts").map_err(|e| invalid(vec![render(&e)]))?;
    let document: Json = match format {
        FactsFormat::Json => serde_json::from_str(&text)
            .map_err(|e| invalid(vec![format!("{}: {e}", path.display())]))?,
        _ => {
            let mut document = serde_norway::from_str(&text)
                .map_err(|e| invalid(vec![format!("{}: {e}", path.display())]))?;
            crate::facts::numbers::exact_yaml_json(&mut document, &text);
            document
        }
    };
    check_scenario(model, &source, format, &document, facts, at)
        .map_err(|problems| invalid(problems.iter().map(|p| render(p)).collect()))
}

/// Checks a scenario's parsed `document` (its text in `source`, its facts
/// already read) against a policy: the scenario, or every problem found in
/// it, each located in the file. For a tool that reports the problems
/// itself (the language server); [`load_scenario_at`] renders them.
pub fn check_scenario(
    model: &Model,
    source: &SourceFile,
    format: FactsFormat,
    document: &Json,
    mut facts: Facts,
    at: Option<chrono::NaiveDate>,
) -> Result<Scenario, Vec<Problem>> {
    let text: &str = &source.text;
    let path = Path::new(&*source.name);
    let mut problems: Vec<Problem> = Vec::new();
    let report = |problems: &mut Vec<Problem>, mut problem: Problem| {
        // Keys and values quoted in the message may be megabytes long.
        problem.message = crate::echo::shorten_quoted(&problem.message).into_owned();
        problems.push(problem.in_file(source))
    };
    let description = document["description"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let known_keys = [
        "description",
        "facts",
        "readings",
        "expect",
        "expect_broken",
        "at",
        "all_readings",
        super::given::GIVEN,
        "tolerance",
    ];
    if let Some(object) = document.as_object() {
        for key in object.keys() {
            if !known_keys.contains(&key.as_str()) {
                let help = did_you_mean(key, known_keys).unwrap_or_else(|| {
                    String::from("a scenario has `description`, `facts`, `readings`, `expect`, `at`, `all_readings` and `expect_broken`")
                });
                report(
                    &mut problems,
                    Problem::error(
                        "provisio::scenario",
                        format!("a scenario has no `{key}`"),
                        key_span(text, key, 0),
                        "not part of a scenario",
                    )
                    .with_help(help),
                );
            }
        }
    }
    let mut readings = Readings::defaults(model);
    // A reading named twice is found twice, each time after the one before.
    let mut search_from = key_span(text, "readings", 0).start;
    for (name, alternative) in written_readings(text, format, document) {
        let span = key_span(text, &name, search_from);
        search_from = search_from.max(span.end);
        let Some(alternative) = alternative else {
            report(
                &mut problems,
                Problem::error(
                    "provisio::scenario",
                    format!("reading `{name}` must name an alternative as text"),
                    span,
                    "not text",
                )
                .with_help(
                    match model
                        .readings
                        .iter()
                        .find(|r| r.name == name)
                        .and_then(crate::eval::readings::other_alternative)
                    {
                        Some(alternative) => format!("write `\"{name}\": \"{alternative}\"`"),
                        None => format!(
                            "write `\"{name}\": \"ALTERNATIVE\"`, with one of the reading's alternatives"
                        ),
                    },
                ),
            );
            continue;
        };
        if let Err(problem) = readings.choose(model, &name, &alternative) {
            let mut problem = problem;
            problem.labels = vec![(
                span,
                problem
                    .labels
                    .first()
                    .map(|(_, l)| l.clone())
                    .unwrap_or_default(),
            )];
            report(&mut problems, problem);
        }
    }
    facts.given =
        super::given::scenario_given(model, source, format, &mut |p| report(&mut problems, p));
    let expect_broken =
        super::broken::expected_broken(model, text, document, &mut |p| report(&mut problems, p));
    let tolerance = tolerance(text, document, &mut |p| report(&mut problems, p));
    let at_dates = super::shapes::dated(model, text, tolerance, document, &mut |p| {
        report(&mut problems, p)
    });
    let all_readings = super::shapes::all_readings(model, text, tolerance, document, &mut |p| {
        report(&mut problems, p)
    });
    // Expectations elsewhere than in `expect`.
    let elsewhere = ["at", "all_readings", "expect_broken"]
        .iter()
        .any(|key| document.get(key).is_some());
    let mut expect = Vec::new();
    let expect_at = key_span(text, "expect", 0).start;
    match document.get("expect").and_then(Json::as_object) {
        // An empty `expect` would pass whatever the policy gives.
        Some(expected) if expected.is_empty() && !elsewhere => report(
            &mut problems,
            Problem::error(
                "provisio::scenario",
                "the scenario expects nothing: `expect` is empty",
                key_span(text, "expect", 0),
                "nothing expected",
            )
            .with_help("name at least one verdict with the value it must have: `\"expect\": {\"verdict\": value}`"),
        ),
        Some(expected) => {
            let mut reader = super::expect::Reader {
                model,
                text,
                tolerance,
                report: &mut |p| report(&mut problems, p),
            };
            expect = reader.expect(expected, expect_at);
        }
        // Facts that break an assumption have no verdicts to expect; `at`
        // and `all_readings` expect them elsewhere.
        None if elsewhere => {}
        None => report(
            &mut problems,
            Problem::error(
                "provisio::scenario",
                "the scenario expects nothing",
                Span::new(0, text.len().min(1)),
                "no `expect`",
            )
            .with_help("add `\"expect\": {\"verdict\": value}`; `null` expects undetermined"),
        ),
    }
    let as_of = super::shapes::scenario_date(model, facts.as_of, at);
    let dated_here = document.get("expect").is_some()
        || document.get("all_readings").is_some()
        || document.get("expect_broken").is_some();
    if as_of.is_none() && dated_here {
        // Evaluated on no chosen day, every expectation could pass by accident.
        report(
            &mut problems,
            Problem::error(
                "provisio::scenario_date",
                "the scenario gives no date: its facts have no `as_of`",
                key_span(text, "facts", 0),
                "no `as_of` among these facts",
            )
            .with_help(format!(
                "give `as_of` among the facts, such as `\"as_of\": \"2026-03-28\"`; or run `provisio test --at 2026-03-28`; or give the policy's scenarios a date in its instrument header: `scenarios as of 2026-03-28`{}",
                if at_dates.is_empty() { "" } else { "; `at` dates only its own expectations" }
            )),
        );
    }
    if facts.as_of.is_some() && !dated_here && !at_dates.is_empty() {
        // The date would be used by nothing: each `at` entry has its own.
        report(
            &mut problems,
            Problem::error(
                "provisio::scenario_date",
                "`as_of` among the facts dates nothing: every expectation is under `at`",
                key_span(text, "as_of", 0),
                "used by no expectation",
            )
            .with_help(
                "remove `as_of`: each date under `at` is the date of its own expectations; or put what must hold on that date under `expect`",
            ),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Scenario {
        path: path.to_path_buf(),
        description,
        facts,
        readings,
        expect,
        expect_broken,
        as_of,
        all_readings,
        at: at_dates,
    })
}
