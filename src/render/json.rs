//! The JSON renderer: an evaluation for a program.
//!
//! The shape is the contract analysts script against:
//! `{"as_of": "YYYY-MM-DD", "readings": {name: alternative}, "verdicts":
//! {name: {"value": ..., "status": "determined" | "undetermined", ...}}}`.
//! An undetermined verdict has `"value": null`, `"depends_on"` (the unknown
//! facts it read) and, where known, `"at_least"`/`"at_most"`.

use serde_json::{Map, Value as Json, json};

use super::sentence::sentence;
use crate::eval::Evaluation;
use crate::model::Model;
use crate::value::{Scalar, Value};

/// A value as JSON: dates `YYYY-MM-DD`, enumeration values by name, exact
/// numbers as JSON numbers when they fit, unknown as `null`.
pub fn value_json(model: &Model, value: &Value) -> Json {
    match value {
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => number_json(*n),
        Value::Date(d) => Json::String(d.format("%Y-%m-%d").to_string()),
        Value::Text(t) => Json::String(t.to_string()),
        Value::Enum(id, index) => Json::String(model.enum_value_name(*id, *index).to_string()),
        Value::Record(fields) => Json::Array(fields.iter().map(|f| value_json(model, f)).collect()),
        Value::List(items) => Json::Array(items.iter().map(|f| value_json(model, f)).collect()),
        Value::Unknown(_) => Json::Null,
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
    }
}

/// The evaluation as a JSON value.
pub fn to_json(model: &Model, evaluation: &Evaluation) -> Json {
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
        let mut entry = Map::new();
        entry.insert(String::from("value"), value_json(model, &outcome.value));
        let determined = outcome.value.is_known();
        entry.insert(
            String::from("status"),
            json!(if determined {
                "determined"
            } else {
                "undetermined"
            }),
        );
        if let Value::Unknown(bounds) = &outcome.value {
            let depends: Vec<Json> = outcome
                .dependencies
                .unknown_facts
                .iter()
                .map(|(fact, fields)| Json::String(model.fact_path(*fact, fields)))
                .collect();
            entry.insert(String::from("depends_on"), Json::Array(depends));
            if let Some(lo) = bounds.lo {
                entry.insert(String::from("at_least"), scalar_json(lo));
            }
            if let Some(hi) = bounds.hi {
                entry.insert(String::from("at_most"), scalar_json(hi));
            }
        }
        let used: Vec<Json> = outcome
            .dependencies
            .readings
            .iter()
            .filter_map(|r| model.readings.get(*r as usize))
            .map(|r| Json::String(r.name.clone()))
            .collect();
        entry.insert(String::from("readings_used"), Json::Array(used));
        entry.insert(
            String::from("sentence"),
            Json::String(sentence(model, evaluation, outcome)),
        );
        verdicts.insert(verdict.name.clone(), Json::Object(entry));
    }
    json!({
        "as_of": evaluation.as_of.format("%Y-%m-%d").to_string(),
        "readings": readings,
        "verdicts": verdicts,
    })
}

/// The evaluation as pretty-printed JSON text, with a final newline.
pub fn render(model: &Model, evaluation: &Evaluation) -> String {
    let mut text = serde_json::to_string_pretty(&to_json(model, evaluation)).unwrap_or_default();
    text.push('\n');
    text
}
