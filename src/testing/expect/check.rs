//! Checking an expectation against a verdict's outcome, and telling a
//! failure with expected and actual in the same terms: the keys `provisio
//! eval --format json` writes for the verdict.

use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

use super::{Expectation, Status, normalise_space};
use crate::eval::{EvalError, Evaluation, VerdictOutcome};
use crate::model::Model;
use crate::value::Value;

/// Why a verdict failed its expectation.
#[derive(Debug)]
pub(in crate::testing) enum Failure {
    /// It came out otherwise than expected.
    Wrong(super::super::Mismatch),
    /// It ended in an error the scenario did not expect.
    Errored(super::super::ErroredVerdict),
}

/// How one outcome (of a verdict, or of one element) fared.
enum One<'o> {
    Passed,
    /// Wrong: the actual outcome in the expectation's terms.
    Wrong(Json),
    /// An error not expected.
    Errored(&'o EvalError),
}

/// The status of an outcome; `whole`: of a verdict given for each element,
/// determined when its list is known.
fn status_of(outcome: &VerdictOutcome, whole: bool) -> Status {
    if outcome.error.is_some() {
        Status::Error
    } else if outcome.in_force == Value::Bool(false) {
        Status::NotInForce
    } else if (whole && outcome.elements.is_some()) || (!whole && outcome.value.is_known()) {
        Status::Determined
    } else {
        Status::Undetermined
    }
}

/// Checks a verdict's outcome against what the scenario expects of it:
/// `None` when it passes. `render` writes the diagnostic of an error.
pub(in crate::testing) fn compare(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
    expected: &Expectation,
    render: &dyn Fn(&dyn miette::Diagnostic) -> String,
) -> Option<Failure> {
    let verdict = outcome.verdict;
    let for_each = model
        .verdicts
        .get(verdict as usize)
        .is_some_and(|v| v.for_each.is_some());
    let errored = |error: &EvalError, key: Option<&str>| {
        let line = crate::render::errors::error_line(model, error);
        Failure::Errored(super::super::ErroredVerdict {
            context: super::super::Context::default(),
            verdict,
            expected: expected.to_json(),
            code: error.code(),
            message: match key {
                Some(key) => format!("for {key}: {line}"),
                None => line,
            },
            diagnostic: render(&error.to_problem(model)),
        })
    };
    let wrong = |actual: Json, explanation: Vec<String>| {
        Failure::Wrong(super::super::Mismatch {
            context: super::super::Context::default(),
            message: None,
            verdict,
            expected: expected.to_json(),
            actual,
            explanation,
        })
    };
    let Some(elements) = expected.elements.as_ref().filter(|_| for_each) else {
        return match one(model, evaluation, outcome, expected, for_each) {
            One::Passed => None,
            One::Errored(error) => Some(errored(error, None)),
            One::Wrong(actual) => Some(wrong(actual, why(model, evaluation, outcome))),
        };
    };
    // Element by element.
    let status = status_of(outcome, true);
    if let Some(error) = &outcome.error {
        return Some(errored(error, None));
    }
    let Some(actual_elements) = outcome
        .elements
        .as_ref()
        .filter(|_| status == Status::Determined)
    else {
        let actual = view(model, evaluation, outcome, expected, true);
        return Some(wrong(actual, why(model, evaluation, outcome)));
    };
    let key_of =
        |element: &crate::eval::ElementOutcome| crate::render::keys::key_text(model, &element.key);
    let mut lines = Vec::new();
    let mut actual = Map::new();
    for element in actual_elements {
        let key = key_of(element);
        let entry = elements.iter().find(|(k, _)| *k == key).map(|(_, e)| e);
        let shown = match entry {
            Some(entry) => view(model, evaluation, &element.outcome, entry, false),
            None => view(
                model,
                evaluation,
                &element.outcome,
                &Expectation {
                    plain: true,
                    ..Expectation::default()
                },
                false,
            ),
        };
        actual.insert(key, shown);
    }
    for (key, entry) in elements {
        let Some(element) = actual_elements.iter().find(|e| key_of(e) == *key) else {
            lines.push(format!(
                "{key} is expected, but no element of the list has that key"
            ));
            continue;
        };
        match one(model, evaluation, &element.outcome, entry, false) {
            One::Passed => {}
            One::Errored(error) => return Some(errored(error, Some(key))),
            One::Wrong(got) => {
                lines.push(format!("{key}: expected {}, got {got}", entry.to_json()));
                lines.extend(
                    why(model, evaluation, &element.outcome)
                        .into_iter()
                        .map(|l| format!("  {l}")),
                );
            }
        }
    }
    for (key, got) in &actual {
        if !elements.iter().any(|(k, _)| k == key) {
            lines.push(format!(
                "{key} is not expected, but an element of the list has that key: {got}"
            ));
        }
    }
    (!lines.is_empty()).then(|| wrong(Json::Object(actual), lines))
}

/// Checks one outcome: a verdict's as a whole (`whole`: one given for each
/// element), or one element's.
fn one<'o>(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &'o VerdictOutcome,
    expected: &Expectation,
    whole: bool,
) -> One<'o> {
    let status = status_of(outcome, whole);
    let required = expected.required_status();
    if let Some(error) = &outcome.error
        && required != Some(Status::Error)
    {
        return One::Errored(error);
    }
    let wrong = || One::Wrong(view(model, evaluation, outcome, expected, whole));
    if required.is_some_and(|r| r != status) {
        return wrong();
    }
    let passes = match status {
        Status::Error => outcome.error.as_ref().is_none_or(|error| {
            expected
                .error
                .as_ref()
                .is_none_or(|code| code == error.code())
                && expected
                    .provisions
                    .as_ref()
                    .is_none_or(|p| *p == error_provisions(model, error))
        }),
        Status::Determined => expected.value.as_ref().is_none_or(|value| {
            let actual = crate::render::json::value_json(model, &outcome.value);
            near(&actual, value, expected.within)
        }),
        Status::Undetermined => {
            let json = outcome_json(model, evaluation, outcome);
            let strings = |key: &str| -> Vec<String> {
                let mut items: Vec<String> = json
                    .get(key)
                    .and_then(Json::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect();
                items.sort();
                items.dedup();
                items
            };
            expected
                .depends_on
                .as_ref()
                .is_none_or(|d| *d == strings("depends_on"))
                && expected.residual.as_ref().is_none_or(|r| {
                    json.get("residual")
                        .and_then(Json::as_str)
                        .is_some_and(|actual| normalise_space(actual) == *r)
                })
                && [
                    ("at_least", &expected.at_least),
                    ("at_most", &expected.at_most),
                ]
                .iter()
                .all(|(key, bound)| {
                    bound.as_ref().is_none_or(|b| {
                        json.get(*key)
                            .is_some_and(|a| super::super::same_value(a, b))
                    })
                })
                && expected.one_of.as_ref().is_none_or(|values| {
                    let possible = possible_values(model, outcome, &json);
                    values
                        .iter()
                        .all(|v| possible.iter().any(|p| super::super::same_value(p, v)))
                        && possible
                            .iter()
                            .all(|p| values.iter().any(|v| super::super::same_value(p, v)))
                })
        }
        Status::NotInForce => true,
    };
    if passes { One::Passed } else { wrong() }
}

/// The outcome as `eval --format json` writes it, without explanation.
fn outcome_json(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
) -> Map<String, Json> {
    let options = crate::render::Options {
        detail: crate::explain::Detail::None,
        color: false,
        // Scenarios state what they expect in English, the policy's own language.
        lang: crate::locale::Lang::En,
    };
    crate::render::json::outcome_json(model, evaluation, outcome, &options)
}

/// The values an undetermined outcome may still take: its `one_of`, or
/// for a true-or-false verdict, both.
fn possible_values(model: &Model, outcome: &VerdictOutcome, json: &Map<String, Json>) -> Vec<Json> {
    if let Some(Json::Array(values)) = json.get("one_of") {
        return values.clone();
    }
    let ty = model.verdicts.get(outcome.verdict as usize).map(|v| &v.ty);
    match ty.map(crate::model::Type::without_none) {
        Some(crate::model::Type::Bool) => vec![Json::Bool(false), Json::Bool(true)],
        _ => Vec::new(),
    }
}

/// The provisions an error arose in: for a conflict, those of the two
/// exceptions that disagree; otherwise the one its place is in. Sorted.
pub(in crate::testing) fn error_provisions(model: &Model, error: &EvalError) -> Vec<String> {
    let name = |id: u32| model.provisions.get(id as usize).map(|p| p.name.clone());
    let mut names: Vec<String> = match error {
        EvalError::Conflict { first, second, .. } => [first, second]
            .iter()
            .filter_map(|e| model.exceptions.get(**e as usize))
            .filter_map(|e| name(e.provision))
            .collect(),
        other => other.place(model).provision.into_iter().collect(),
    };
    names.sort();
    names.dedup();
    names
}

/// Whether an actual value is the one expected, within a tolerance for
/// numbers and amounts.
fn near(actual: &Json, expected: &Json, within: Option<Decimal>) -> bool {
    if super::super::same_value(actual, expected) {
        return true;
    }
    let Some(within) = within else {
        return false;
    };
    let distance = match (actual, expected) {
        (Json::Number(_), Json::Number(_)) => super::json_decimal(actual)
            .zip(super::json_decimal(expected))
            .map(|(a, b)| a - b),
        (Json::String(a), Json::String(b)) => {
            match (crate::value::Money::parse(a), crate::value::Money::parse(b)) {
                (Some(a), Some(b)) if a.currency() == b.currency() => {
                    a.amount().checked_sub(b.amount())
                }
                _ => None,
            }
        }
        _ => None,
    };
    distance.is_some_and(|d| d.abs() <= within)
}

/// The actual outcome in the terms of the expectation: a plain value (or
/// `null` when undetermined) for a plain expectation; otherwise an object
/// with its `status` and what `eval --format json` writes of it that the
/// expectation names: `value`, `depends_on`, `residual`, `at_least`,
/// `at_most`, `one_of`, the `error`'s code and its `provisions`.
fn view(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
    expected: &Expectation,
    whole: bool,
) -> Json {
    let status = status_of(outcome, whole);
    if expected.plain && !whole {
        match status {
            Status::Determined => return crate::render::json::value_json(model, &outcome.value),
            Status::Undetermined if expected.value.is_some() => return Json::Null,
            _ => {}
        }
    }
    let json = outcome_json(model, evaluation, outcome);
    let mut out = Map::new();
    out.insert(String::from("status"), Json::from(status.name()));
    match status {
        Status::Determined if whole => {
            let elements: Map<String, Json> = outcome
                .elements
                .iter()
                .flatten()
                .map(|e| {
                    (
                        crate::render::keys::key_text(model, &e.key),
                        crate::render::json::value_json(model, &e.outcome.value),
                    )
                })
                .collect();
            out.insert(String::from("elements"), Json::Object(elements));
        }
        Status::Determined => {
            out.insert(
                String::from("value"),
                crate::render::json::value_json(model, &outcome.value),
            );
        }
        Status::Undetermined => {
            let ranged = expected.at_least.is_some()
                || expected.at_most.is_some()
                || expected.one_of.is_some();
            // What an undetermined verdict depends on always; its residual
            // and what is known of its value when the expectation names them.
            for key in ["depends_on", "residual", "at_least", "at_most", "one_of"] {
                let shown = match key {
                    "depends_on" => true,
                    "residual" => expected.residual.is_some(),
                    _ => ranged && json.contains_key(key),
                };
                if shown {
                    out.insert(
                        String::from(key),
                        json.get(key).cloned().unwrap_or(Json::Null),
                    );
                }
            }
            let possible = possible_values(model, outcome, &json);
            if expected.one_of.is_some() && !json.contains_key("one_of") && !possible.is_empty() {
                out.insert(String::from("one_of"), Json::Array(possible));
            }
        }
        Status::Error => {
            if let Some(error) = &outcome.error {
                out.insert(String::from("error"), Json::from(error.code()));
                if expected.provisions.is_some() {
                    out.insert(
                        String::from("provisions"),
                        Json::from(error_provisions(model, error)),
                    );
                }
            }
        }
        Status::NotInForce => {}
    }
    Json::Object(out)
}

/// Why an outcome came out so: its explanation's lines; for a verdict not
/// in force, its sentence; for an error, where it arose and its message.
fn why(model: &Model, evaluation: &Evaluation<'_>, outcome: &VerdictOutcome) -> Vec<String> {
    if let Some(error) = &outcome.error {
        return vec![crate::render::errors::error_line(model, error)];
    }
    if outcome.in_force == Value::Bool(false) {
        return vec![crate::render::sentence::verdict_sentence(
            model,
            evaluation,
            outcome,
            crate::locale::Lang::En,
        )];
    }
    crate::explain::explain(model, evaluation, outcome, crate::explain::Detail::Decisive)
        .map(|e| {
            crate::render::lines::lines(model, &e)
                .into_iter()
                .map(|l| {
                    let citation = match &l.citation {
                        Some((provision, Some(quote))) => format!(" [{provision}: \"{quote}\"]"),
                        Some((provision, None)) => format!(" [{provision}]"),
                        None => String::new(),
                    };
                    format!("{}{}{citation}", "  ".repeat(l.depth), l.text)
                })
                .collect()
        })
        .unwrap_or_default()
}
