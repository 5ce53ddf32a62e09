//! Rows written out: JSON Lines by hand on the hot path, CSV cells quoted
//! when they need it. Values are written by `render::json::value_json`, as
//! `eval --format json` writes them.

use std::fmt::Write as _;

use serde_json::Value as Json;

use super::OutputFormat;
use super::evaluate::RowResult;
use crate::model::Model;
use crate::render::json::value_json;
use crate::render::keys::keyed_json;
use crate::value::Value;

/// A JSON string literal.
fn push_json_string(out: &mut String, text: &str) {
    if text
        .chars()
        .all(|c| c != '"' && c != '\\' && !c.is_control())
    {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&Json::String(text.to_string()).to_string());
    }
}

/// A value as JSON, written without building a JSON tree for the common
/// kinds; dates and the rest go through `value_json`, so that they read as in
/// `eval --format json` whatever the year.
fn push_json_value(model: &Model, out: &mut String, value: &Value) {
    match value {
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Unknown(_) => out.push_str("null"),
        Value::Enum(id, index) => push_json_string(out, model.enum_value_name(*id, *index)),
        other => match value_json(model, other) {
            Json::String(text) => push_json_string(out, &text),
            json => out.push_str(&json.to_string()),
        },
    }
}

/// A value as a CSV cell: empty when undetermined.
pub(super) fn cell(model: &Model, value: &Value) -> String {
    match value_json(model, value) {
        Json::Null => String::new(),
        Json::String(s) => s,
        other => other.to_string(),
    }
}

/// A verdict's value as a CSV cell: empty when undetermined; for a verdict
/// given for each element, the JSON text of its object keyed by key.
pub(super) fn verdict_cell(
    model: &Model,
    verdict: &crate::model::VerdictInfo,
    value: &Value,
) -> String {
    match keyed_json(model, verdict, value) {
        Some(Json::Null) => String::new(),
        Some(object) => object.to_string(),
        None => cell(model, value),
    }
}

/// An errored verdict as a CSV cell, such as `error: provisio::conflict`:
/// no value of a verdict reads so, since a code holds `::`.
pub(super) fn error_cell(error: &crate::eval::EvalError) -> String {
    format!("error: {}", error.code())
}

/// Quotes a CSV field when it needs it.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Appends one row, with its line end.
pub(super) fn write_row(
    model: &Model,
    format: OutputFormat,
    line: usize,
    result: &RowResult,
    out: &mut String,
) {
    match result {
        RowResult::Error(message) => match format {
            OutputFormat::JsonLines => {
                let row = serde_json::json!({"line": line, "error": message});
                out.push_str(&row.to_string());
            }
            OutputFormat::Csv => {
                out.push_str(&format!("{line},{}", csv_field(message)));
                for _ in &model.verdicts {
                    out.push(',');
                }
            }
        },
        RowResult::Verdicts(values, explanations, open) => {
            match format {
                OutputFormat::JsonLines => {
                    // Written by hand: this is the hot path of a batch.
                    let _ = write!(out, "{{\"line\":{line},\"verdicts\":{{");
                    for (index, (verdict, value)) in model.verdicts.iter().zip(values).enumerate() {
                        if index > 0 {
                            out.push(',');
                        }
                        push_json_string(out, &verdict.name);
                        out.push(':');
                        match value {
                            Ok(value) => match keyed_json(model, verdict, value) {
                                Some(object) => out.push_str(&object.to_string()),
                                None => push_json_value(model, out, value),
                            },
                            Err(_) => out.push_str("null"),
                        }
                    }
                    out.push('}');
                    // The errored verdicts, beside the others' values, so
                    // that `verdicts` stays a map of values.
                    if values.iter().any(Result::is_err) {
                        out.push_str(",\"errors\":{");
                        let errored = model
                            .verdicts
                            .iter()
                            .zip(values)
                            .filter_map(|(verdict, value)| Some((verdict, value.as_ref().err()?)));
                        for (index, (verdict, error)) in errored.enumerate() {
                            if index > 0 {
                                out.push(',');
                            }
                            push_json_string(out, &verdict.name);
                            out.push_str(":{\"code\":");
                            push_json_string(out, error.code());
                            out.push_str(",\"message\":");
                            push_json_string(out, &error.to_problem(model).message);
                            out.push('}');
                        }
                        out.push('}');
                    }
                    // The assumptions the row's facts leave open, by sentence.
                    if !open.is_empty() {
                        out.push_str(",\"assumed_not_known\":[");
                        for (index, id) in open.iter().enumerate() {
                            if index > 0 {
                                out.push(',');
                            }
                            let sentence = model
                                .assumptions
                                .get(*id as usize)
                                .map_or("", |a| a.sentence.as_str());
                            push_json_string(out, sentence);
                        }
                        out.push(']');
                    }
                    if let Some(explanations) = explanations {
                        out.push_str(",\"explanations\":");
                        out.push_str(&explanations.to_string());
                    }
                    out.push('}');
                }
                OutputFormat::Csv => {
                    out.push_str(&format!("{line},"));
                    for (verdict, value) in model.verdicts.iter().zip(values) {
                        out.push(',');
                        match value {
                            Ok(value) => {
                                out.push_str(&csv_field(&verdict_cell(model, verdict, value)))
                            }
                            Err(error) => out.push_str(&error_cell(error)),
                        }
                    }
                }
            }
        }
    }
    out.push('\n');
}
