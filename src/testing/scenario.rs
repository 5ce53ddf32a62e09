//! Scenario files: facts, readings and the verdicts expected of them.
//!
//! A scenario is a JSON or YAML file with `description` (text), `facts` (a
//! facts object, as `eval --facts` reads), `readings` (`{name: alternative}`,
//! optional) and `expect` (`{verdict: value}`, `null` for undetermined).
//! Verdicts a scenario does not name are not checked by it.

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
    /// The verdicts it expects, with the value expected as JSON (`null`: undetermined).
    pub expect: Vec<(VerdictId, Json)>,
    /// The assumptions it expects its facts to break (`expect_broken`), sorted.
    pub expect_broken: Vec<crate::model::AssumptionId>,
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
fn key_span(text: &str, key: &str, after: usize) -> Span {
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

/// Reads a scenario file and checks it against a policy. An invalid
/// scenario gives every problem found in it, rendered.
pub fn load_scenario(
    model: &Model,
    path: &Path,
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
        _ => serde_norway::from_str(&text)
            .map_err(|e| invalid(vec![format!("{}: {e}", path.display())]))?,
    };
    let mut problems = Vec::new();
    let report = |problems: &mut Vec<String>, mut problem: Problem| {
        // Keys and values quoted in the message may be megabytes long.
        problem.message = crate::echo::shorten_quoted(&problem.message).into_owned();
        problems.push(render(&problem.in_file(&source)))
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
    ];
    if let Some(object) = document.as_object() {
        for key in object.keys() {
            if !known_keys.contains(&key.as_str()) {
                let help = did_you_mean(key, known_keys).unwrap_or_else(|| {
                    String::from("a scenario has `description`, `facts`, `readings` and `expect`")
                });
                report(
                    &mut problems,
                    Problem::error(
                        "provisio::scenario",
                        format!("a scenario has no `{key}`"),
                        key_span(&text, key, 0),
                        "not part of a scenario",
                    )
                    .with_help(help),
                );
            }
        }
    }
    let mut readings = Readings::defaults(model);
    // A reading named twice is found twice, each time after the one before.
    let mut search_from = key_span(&text, "readings", 0).start;
    for (name, alternative) in written_readings(&text, format, &document) {
        let span = key_span(&text, &name, search_from);
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
    let expect_broken =
        super::broken::expected_broken(model, &text, &document, &mut |p| report(&mut problems, p));
    let mut expect = Vec::new();
    let expect_at = key_span(&text, "expect", 0).start;
    match document.get("expect").and_then(Json::as_object) {
        // An empty `expect` would pass whatever the policy gives.
        Some(expected) if expected.is_empty() && expect_broken.is_empty() => report(
            &mut problems,
            Problem::error(
                "provisio::scenario",
                "the scenario expects nothing: `expect` is empty",
                key_span(&text, "expect", 0),
                "nothing expected",
            )
            .with_help("name at least one verdict with the value it must have: `\"expect\": {\"verdict\": value}`"),
        ),
        Some(expected) => {
            for (name, value) in expected {
                let span = key_span(&text, name, expect_at);
                let Some(id) = model.verdict_named(name) else {
                    let help = did_you_mean(name, model.verdicts.iter().map(|v| v.name.as_str()))
                        .unwrap_or_else(|| {
                            let names: Vec<&str> =
                                model.verdicts.iter().map(|v| v.name.as_str()).collect();
                            format!("the verdicts are {}", names.join(", "))
                        });
                    report(
                        &mut problems,
                        Problem::error(
                            "provisio::scenario",
                            format!("the policy has no verdict `{name}`"),
                            span,
                            "not a verdict",
                        )
                        .with_help(help),
                    );
                    continue;
                };
                let ty = model
                    .verdicts
                    .get(id as usize)
                    .map(|v| v.ty.clone())
                    .unwrap_or(Type::Error);
                if model
                    .verdicts
                    .get(id as usize)
                    .is_some_and(|v| v.for_each.is_some())
                {
                    match super::per_element::expected(model, &ty, name, value) {
                        Ok(value) => expect.push((id, value)),
                        Err((message, label, help)) => report(
                            &mut problems,
                            Problem::error("provisio::scenario", message, span, label)
                                .with_help(help),
                        ),
                    }
                    continue;
                }
                if let (Type::Date, Json::String(text)) = (&ty, value)
                    && let Err(fault @ crate::facts::DateFault::Form(_)) =
                        crate::facts::parse_date(text)
                {
                    // An expected date in another form: the same problem as in facts.
                    report(
                        &mut problems,
                        Problem::error(
                            crate::facts::DATE_FORM,
                            format!(
                                "`{name}` is expected to be `{}`, which is not a date: {}",
                                crate::echo::shorten(text),
                                fault.reason()
                            ),
                            span,
                            "an expected date not written year-month-day",
                        )
                        .with_help(fault.help()),
                    );
                    continue;
                }
                if !fits(model, &ty, value) {
                    report(
                        &mut problems,
                        Problem::error(
                            "provisio::scenario",
                            format!(
                                "`{name}` is {}, but the scenario expects {value}",
                                model.type_name(&ty)
                            ),
                            span,
                            "wrong kind of value",
                        )
                        .with_help(
                            "expect a value of the verdict's type, or `null` for undetermined",
                        ),
                    );
                    continue;
                }
                // An amount expected as a plain number is in the verdict's currency.
                let value = match (&ty, value) {
                    (Type::Money(currency), Json::Number(_) | Json::String(_))
                        if crate::value::Money::parse(value.as_str().unwrap_or("")).is_none() =>
                    {
                        let digits = match value {
                            Json::String(s) => s.trim().to_string(),
                            other => other.to_string(),
                        };
                        match digits.parse::<rust_decimal::Decimal>() {
                            Ok(amount) => Json::String(
                                crate::value::Money::new(*currency, amount).to_string(),
                            ),
                            Err(_) => value.clone(),
                        }
                    }
                    _ => value.clone(),
                };
                expect.push((id, value));
            }
        }
        // Facts that break an assumption have no verdicts to expect.
        None if document.get("expect_broken").is_some() => {}
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
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    Ok(Scenario {
        path: path.to_path_buf(),
        description,
        facts,
        readings,
        expect,
        expect_broken,
    })
}
