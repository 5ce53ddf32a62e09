//! The JSON renderer: an evaluation for a program.
//!
//! The shape is the contract analysts script against:
//! `{"as_of": "YYYY-MM-DD", "readings": {name: alternative}, "verdicts":
//! {name: {"value": ..., "status": "determined" | "undetermined", ...}}}`.
//! An undetermined verdict has `"value": null`, `"depends_on"` (the unknown
//! facts it read) and, where known, `"at_least"`/`"at_most"`. A verdict
//! asked on a date when the instrument or its provisions are not in force has
//! `"status": "not_in_force"`, `"value": null` and `"not_in_force"`: what is
//! not in force. A verdict that could not be evaluated (a conflict, a
//! division by zero...) has `"status": "error"`, `"value": null` and
//! `"error"`: see [`error_json`]. Unless
//! explanations are turned off, each verdict also has an `"explanation"`,
//! whose schema `docs/explanations.md` documents (its `"version"` is
//! [`EXPLANATION_VERSION`]).
//!
//! A verdict's own `"value"` is written whole: it is the answer a program
//! asked for. The values an explanation echoes (its steps' and its facts')
//! are bounded by [`bounded_value_json`]: a list of more than
//! [`LIST_ELEMENTS_SHOWN`] elements becomes `{"first": [...], "length": N}`.

use serde_json::{Map, Value as Json, json};

use super::Options;
use crate::eval::Evaluation;
use crate::eval::trace::RuleRef;
use crate::explain::{Explanation, RuleStep, explain_in};
use crate::locale::Lang;
use crate::model::Model;
use crate::value::{Scalar, Value};
use crate::words::LIST_ELEMENTS_SHOWN;

/// The version of the explanation schema; it changes when a field changes
/// meaning or goes away, not when one is added.
pub const EXPLANATION_VERSION: u32 = 8;

/// A value as JSON: dates `YYYY-MM-DD`, enumeration values by name, exact
/// numbers as JSON numbers when they fit, unknown as `null`.
pub fn value_json(model: &Model, value: &Value) -> Json {
    match value {
        // A maximum a text leaves unset: see `Value::no_limit`.
        v if v.is_no_limit() => Json::String(String::from("no limit")),
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => number_json(*n),
        Value::Money(m) => Json::String(m.to_string()),
        Value::Scale(_) | Value::Computed(_) => Json::String(model.format_value(value)),
        Value::Date(d) => Json::String(d.format("%Y-%m-%d").to_string()),
        Value::Text(t) => Json::String(t.to_string()),
        Value::Enum(id, index) => Json::String(model.enum_value_name(*id, *index).to_string()),
        Value::Record(fields) => Json::Array(fields.iter().map(|f| value_json(model, f)).collect()),
        Value::List(items) => Json::Array(items.iter().map(|f| value_json(model, f)).collect()),
        Value::Unknown(_) | Value::Among(_) => Json::Null,
        Value::None => Json::String(String::from("none")),
    }
}

/// What is known of a value that is not known, added to `entry`:
/// `at_least` and `at_most` for a range (each where it is bounded), and
/// `one_of` for one of several values.
pub fn known_of_json(model: &Model, value: &Value, entry: &mut Map<String, Json>) {
    match value {
        Value::Unknown(bounds) => {
            if let Some(lo) = bounds.lo {
                entry.insert(String::from("at_least"), scalar_json(lo));
            }
            if let Some(hi) = bounds.hi {
                entry.insert(String::from("at_most"), scalar_json(hi));
            }
        }
        Value::Among(values) => {
            let values = values.iter().map(|v| value_json(model, v)).collect();
            entry.insert(String::from("one_of"), Json::Array(values));
        }
        _ => {}
    }
}

/// A value as [`value_json`] writes it, except that a list of more than
/// [`LIST_ELEMENTS_SHOWN`] elements, at any depth, is the object
/// `{"first": [its first elements], "length": its number of elements}`. No
/// value is otherwise an object, so a program tells a shortened list by its
/// shape. The elements left out are never written.
pub fn bounded_value_json(model: &Model, value: &Value) -> Json {
    match value {
        Value::List(items) if items.len() > LIST_ELEMENTS_SHOWN => {
            let first: Vec<Json> = items
                .iter()
                .take(LIST_ELEMENTS_SHOWN)
                .map(|item| bounded_value_json(model, item))
                .collect();
            json!({"first": first, "length": items.len()})
        }
        Value::List(items) | Value::Record(items) => Json::Array(
            items
                .iter()
                .map(|item| bounded_value_json(model, item))
                .collect(),
        ),
        other => value_json(model, other),
    }
}

fn number_json(n: rust_decimal::Decimal) -> Json {
    let n = n.normalize();
    let text = n.to_string();
    // Integers stay exact as JSON integers; other decimals as their exact text
    // parsed into a JSON number.
    serde_json::from_str::<serde_json::Number>(&text)
        .map(Json::Number)
        .unwrap_or(Json::String(text))
}

fn scalar_json(scalar: Scalar) -> Json {
    match scalar {
        Scalar::Date(d) => Json::String(d.format("%Y-%m-%d").to_string()),
        Scalar::Number(n) => number_json(n),
        Scalar::Money(m) => Json::String(m.to_string()),
    }
}

fn step_json(model: &Model, step: &RuleStep, provisions: &mut Vec<u32>) -> Json {
    if !provisions.contains(&step.provision) {
        provisions.push(step.provision);
    }
    let kind = match step.rule {
        RuleRef::Definition(_) => "definition",
        RuleRef::Deontic(id) => match model.deontics.get(id as usize).map(|d| d.kind) {
            Some(crate::ast::DeonticKind::Obligation) => "obligation",
            Some(crate::ast::DeonticKind::Permission) => "permission",
            Some(crate::ast::DeonticKind::Commitment) => "commitment",
            _ => "prohibition",
        },
        RuleRef::Exception(_) => "exception",
    };
    let mut entry = Map::new();
    entry.insert(String::from("rule"), Json::String(step.name.clone()));
    entry.insert(String::from("kind"), json!(kind));
    entry.insert(
        String::from("provision"),
        Json::String(
            model
                .provisions
                .get(step.provision as usize)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        ),
    );
    entry.insert(String::from("meaning"), Json::String(step.meaning.clone()));
    if !step.arguments.is_empty() {
        let arguments: Vec<Json> = step
            .arguments
            .iter()
            .map(|(parameter, value)| {
                json!({"parameter": parameter, "value": bounded_value_json(model, value)})
            })
            .collect();
        entry.insert(String::from("arguments"), Json::Array(arguments));
    }
    entry.insert(
        String::from("value"),
        bounded_value_json(model, &step.value),
    );
    let status = match (step.applied, step.value.is_known()) {
        (Some(false), _) => "not_applied",
        (_, true) => "determined",
        (_, false) => "undetermined",
    };
    entry.insert(String::from("status"), json!(status));
    if let Value::Unknown(bounds) = &step.value {
        if let Some(lo) = bounds.lo {
            entry.insert(String::from("at_least"), scalar_json(lo));
        }
        if let Some(hi) = bounds.hi {
            entry.insert(String::from("at_most"), scalar_json(hi));
        }
    }
    if let Some(applied) = step.applied {
        entry.insert(String::from("applied"), Json::Bool(applied));
    }
    if step.given {
        // Only when it is: the value was given, and the rule not applied.
        entry.insert(String::from("given"), Json::Bool(true));
    }
    entry.insert(String::from("because"), Json::String(step.because.clone()));
    entry.insert(
        String::from("quote"),
        step.quote.clone().map(Json::String).unwrap_or(Json::Null),
    );
    let inner: Vec<Json> = step
        .steps
        .iter()
        .map(|s| step_json(model, s, provisions))
        .collect();
    entry.insert(String::from("steps"), Json::Array(inner));
    if step.more > 0 {
        entry.insert(String::from("more_steps"), json!(step.more));
    }
    Json::Object(entry)
}

/// An explanation as JSON.
pub fn explanation_json(model: &Model, explanation: &Explanation) -> Json {
    let mut provisions = Vec::new();
    let steps: Vec<Json> = explanation
        .steps
        .iter()
        .map(|s| step_json(model, s, &mut provisions))
        .collect();
    let facts: Vec<Json> = explanation
        .facts
        .iter()
        .map(|f| {
            let mut entry = json!({
                "fact": model.fact_path(f.fact, &f.fields),
                "value": bounded_value_json(model, &f.value),
                "known": f.value.is_known(),
            });
            // Only when it is: a fact the file gave has no such key.
            if let Json::Object(entry) = &mut entry {
                if f.defaulted {
                    entry.insert(String::from("defaulted"), Json::Bool(true));
                }
                // Only for a fact given as a history: the date it holds from.
                if let Some(from) = f.from {
                    entry.insert(
                        String::from("from"),
                        json!(from.format("%Y-%m-%d").to_string()),
                    );
                }
                known_of_json(model, &f.value, entry);
            }
            entry
        })
        .collect();
    let readings: Vec<Json> = explanation
        .readings
        .iter()
        .filter_map(|r| {
            let reading = model.readings.get(r.reading as usize)?;
            let alternative = reading.alternatives.get(r.alternative as usize)?;
            Some(json!({
                "reading": reading.name,
                "alternative": alternative.name,
                "meaning": alternative.sentence,
                "default": r.alternative == reading.default,
                "chosen": r.chosen,
            }))
        })
        .collect();
    let mut cited = Map::new();
    for id in provisions {
        if let Some(p) = model.provisions.get(id as usize) {
            let mut entry = json!({"heading": p.heading, "text": p.text});
            let changes = amendments_json(model, id);
            if let (Json::Object(map), false) = (&mut entry, changes.is_empty()) {
                map.insert(String::from("amended"), Json::Array(changes));
            }
            cited.insert(p.name.clone(), entry);
        }
    }
    let mut entry = Map::new();
    entry.insert(String::from("version"), json!(EXPLANATION_VERSION));
    if let Some(because) = &explanation.because {
        entry.insert(String::from("because"), Json::String(because.clone()));
    }
    entry.insert(String::from("steps"), Json::Array(steps));
    entry.insert(String::from("facts"), Json::Array(facts));
    entry.insert(String::from("readings"), Json::Array(readings));
    entry.insert(String::from("provisions"), Json::Object(cited));
    Json::Object(entry)
}

/// What amendments did to a provision, in the order made: `{"change",
/// "by", "from"}` each; empty for a provision as the base wrote it.
pub fn amendments_json(model: &Model, provision: u32) -> Vec<Json> {
    model
        .amendments_of(provision)
        .into_iter()
        .map(change_json)
        .collect()
}

/// One change an amendment made: `{"provision", "change", "by", "from"}`,
/// and `"parameter"` for a changed parameter.
pub fn change_json(change: &crate::model::amend::ChangeInfo) -> Json {
    let mut entry = json!({
        "provision": change.provision,
        "change": change.kind.code(),
        "by": change.by,
        "from": change.from.format("%Y-%m-%d").to_string(),
    });
    if let (Some(parameter), Json::Object(map)) = (&change.parameter, &mut entry) {
        map.insert(String::from("parameter"), json!(parameter));
    }
    entry
}

/// An evaluation error as JSON: `{"code", "message", "provision", "rule"}`,
/// the provision and rule it arose in by name, `null` when it arose in
/// none (a verdict's own expression or sentence).
pub fn error_json(model: &Model, error: &crate::eval::EvalError) -> Json {
    let place = error.place(model);
    json!({
        "code": error.code(),
        "message": error.to_problem(model).message,
        "provision": place.provision,
        "rule": place.rule,
    })
}

/// One verdict's outcome (or one element's, of a verdict given for each
/// element) as the JSON object of its value, status, sentence and why.
pub fn outcome_json(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &crate::eval::VerdictOutcome,
    options: &Options,
) -> Map<String, Json> {
    let mut entry = Map::new();
    entry.insert(String::from("value"), value_json(model, &outcome.value));
    if let Some(error) = &outcome.error {
        entry.insert(String::from("status"), json!("error"));
        entry.insert(String::from("error"), error_json(model, error));
        return entry;
    }
    let not_in_force = outcome.in_force == Value::Bool(false);
    let status = if not_in_force {
        "not_in_force"
    } else if outcome.value.is_known() {
        "determined"
    } else {
        "undetermined"
    };
    entry.insert(String::from("status"), json!(status));
    if not_in_force {
        // What is not in force, by name: `instrument` or a provision's name.
        let names: Vec<String> =
            // The English words name them; the names are codes in every language.
            crate::render::words::not_in_force_words(model, evaluation, outcome, Lang::En)
                .into_iter()
                .map(|w| {
                    w.strip_prefix("provision ")
                        .map_or_else(|| String::from("instrument"), str::to_string)
                })
                .collect();
        entry.insert(String::from("not_in_force"), json!(names));
    }
    let dependencies = evaluation.dependencies(outcome);
    if !outcome.value.is_known() && !not_in_force {
        let depends_on = crate::residual::depends_on(model, evaluation, outcome);
        let depends: Vec<Json> = depends_on
            .iter()
            .map(|(fact, fields)| Json::String(model.fact_path(*fact, fields)))
            .collect();
        entry.insert(String::from("depends_on"), Json::Array(depends));
        // What is known of those facts: the range each was given in.
        let mut ranges = Map::new();
        for (fact, fields) in &depends_on {
            let mut known = Map::new();
            if let Some(value) = evaluation.trace.fact_value(*fact, fields) {
                known_of_json(model, value, &mut known);
            }
            if !known.is_empty() {
                ranges.insert(model.fact_path(*fact, fields), Json::Object(known));
            }
        }
        if !ranges.is_empty() {
            entry.insert(String::from("depends_on_ranges"), Json::Object(ranges));
        }
        if let Some(residual) = evaluation.residual(model, outcome) {
            entry.insert(
                String::from("residual"),
                Json::String(crate::residual::to_source(model, &residual)),
            );
        }
        if !outcome.exact {
            // Exact reasoning fell back: the answer is sound, but a
            // determined value may have been missed.
            entry.insert(String::from("exact"), json!(false));
        }
        // What is known of the value: its range, or the values it may be.
        known_of_json(model, &outcome.value, &mut entry);
    }
    if !outcome.decided_over.is_empty() {
        // Decided by reasoning over every case the facts allow.
        let over: Vec<Json> = outcome
            .decided_over
            .iter()
            .map(|(fact, fields)| Json::String(model.fact_path(*fact, fields)))
            .collect();
        entry.insert(String::from("decided_over_unknown"), Json::Array(over));
    }
    let used: Vec<Json> = dependencies
        .readings
        .iter()
        .filter_map(|r| model.readings.get(*r as usize))
        .map(|r| Json::String(r.name.clone()))
        .collect();
    entry.insert(String::from("readings_used"), Json::Array(used));
    entry.insert(
        String::from("sentence"),
        Json::String(crate::render::sentence::verdict_sentence(
            model,
            evaluation,
            outcome,
            options.lang,
        )),
    );
    if not_in_force {
        return entry;
    }
    if let Some(explanation) = explain_in(model, evaluation, outcome, options.detail, options.lang)
    {
        entry.insert(
            String::from("explanation"),
            explanation_json(model, &explanation),
        );
    }
    entry
}

/// The evaluation as a JSON value.
pub fn to_json(model: &Model, evaluation: &Evaluation<'_>, options: &Options) -> Json {
    let mut readings = Map::new();
    for (index, reading) in model.readings.iter().enumerate() {
        let alternative = evaluation.readings.alternative(index as u32);
        if let Some(info) = reading.alternatives.get(alternative as usize) {
            readings.insert(reading.name.clone(), Json::String(info.name.clone()));
        }
    }
    let mut verdicts = Map::new();
    for outcome in &evaluation.verdicts {
        let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
            continue;
        };
        let entry = if verdict.for_each.is_some() {
            super::keys::for_each_json(model, evaluation, outcome, options)
        } else {
            outcome_json(model, evaluation, outcome, options)
        };
        verdicts.insert(verdict.name.clone(), Json::Object(entry));
    }
    // The top level keeps exactly the contract's keys; whether a verdict
    // applies is said in the verdict itself.
    let mut top = json!({
        "as_of": evaluation.as_of.format("%Y-%m-%d").to_string(),
        "readings": readings,
        "verdicts": verdicts,
    });
    // The assumptions the facts leave open, only when there are some.
    let open: Vec<Json> = super::open_assumptions(model, evaluation)
        .into_iter()
        .map(|a| json!({"name": a.name, "sentence": a.sentence}))
        .collect();
    if let (false, Json::Object(map)) = (open.is_empty(), &mut top) {
        map.insert(String::from("assumed_not_known"), Json::Array(open));
    }
    // For an amended policy, the changes in force on the date (none before
    // the first amendment applies).
    if let (Some(amended), Json::Object(map)) = (&model.amended, &mut top) {
        let changes: Vec<Json> = amended.changes.iter().map(change_json).collect();
        map.insert(String::from("amendments"), Json::Array(changes));
    }
    // The definitions given a value, only when there are some.
    if let (false, Json::Object(map)) = (evaluation.given.is_empty(), &mut top) {
        map.insert(String::from("given"), given_json(model, &evaluation.given));
    }
    top
}

/// The definitions given a value, as `{"para5.expiry_date": "2026-03-26"}`.
pub fn given_json(model: &Model, given: &crate::facts::Given) -> Json {
    let entries = given.entries().map(|(id, value)| {
        (
            crate::facts::given::qualified_name(model, id),
            value_json(model, value),
        )
    });
    Json::Object(entries.collect())
}

/// The evaluation as pretty-printed JSON text, with a final newline.
pub fn render(model: &Model, evaluation: &Evaluation<'_>, options: &Options) -> String {
    let mut text =
        serde_json::to_string_pretty(&to_json(model, evaluation, options)).unwrap_or_default();
    text.push('\n');
    text
}
