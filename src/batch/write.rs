//! Rows written out: JSON Lines by hand on the hot path, CSV cells quoted
//! when they need it. Values are written by `render::json::value_json`, as
//! `eval --format json` writes them.

use std::fmt::Write as _;

use serde_json::Value as Json;

use super::OutputFormat;
use super::columns::{Kept, READING_PREFIX};
use super::evaluate::{Info, RowResult};
use super::prepared::{Prepared, status_json};
use crate::model::Model;
use crate::render::json::value_json;
use crate::render::keys::keyed_json;
use crate::value::Value;

/// A JSON string literal.
pub(super) fn push_json_string(out: &mut String, text: &str) {
    // JSON escapes only these; the other control characters (DEL and the
    // C1 controls) are written as they are, as serde_json writes them.
    if text.bytes().all(|b| b != b'"' && b != b'\\' && b >= 0x20) {
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
        Value::Date(date) if push_day(out, *date) => {}
        other => match value_json(model, other) {
            Json::String(text) => push_json_string(out, &text),
            json => out.push_str(&json.to_string()),
        },
    }
}

/// A day of the years 1 to 9999 as a JSON string, `"YYYY-MM-DD"`, as
/// `value_json` writes it, without formatting machinery; false, writing
/// nothing, for another year.
fn push_day(out: &mut String, date: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    let (year, month, day) = (date.year(), date.month(), date.day());
    if !(1..=9999).contains(&year) {
        return false;
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let year = year.unsigned_abs();
    out.push('"');
    for n in [year / 1000, year / 100, year / 10, year] {
        out.push(digit(n));
    }
    out.push('-');
    out.push(digit(month / 10));
    out.push(digit(month));
    out.push('-');
    out.push(digit(day / 10));
    out.push(digit(day));
    out.push('"');
    true
}

/// A row's line number, without formatting machinery.
fn push_line(out: &mut String, line: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = line;
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for d in digits.iter().skip(at) {
        out.push(char::from(*d));
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

/// The columns a row has beyond the verdicts.
#[derive(Debug, Clone, Default)]
pub(super) struct Layout {
    /// The kept columns every row has: those named by `--keep`, then (CSV
    /// output) the CSV input's other kept columns.
    pub(super) kept: Vec<String>,
    /// Whether rows state their date, readings and statuses.
    pub(super) full: bool,
    /// Whether rows give what undetermined verdicts depend on.
    pub(super) depends_on: bool,
    /// Whether rows give undetermined verdicts' residual conditions.
    pub(super) residual: bool,
    /// Whether rows give each verdict under every reading.
    pub(super) all_readings: bool,
    /// The parts of JSON Lines rows written once.
    pub(super) prepared: Prepared,
}

impl Layout {
    /// The CSV columns each verdict has after its value: `status`,
    /// `depends_on`, `residual`, `agree`, `outcomes`, as asked.
    fn verdict_columns(&self) -> impl Iterator<Item = &'static str> {
        [
            (self.full, "status"),
            (self.depends_on, "depends_on"),
            (self.residual, "residual"),
            (self.all_readings, "agree"),
            (self.all_readings, "outcomes"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
    }
}

/// A verdict's CSV cells after its value, in `Layout::verdict_columns`'s
/// order: empty when the row has none.
fn push_verdict_csv(
    out: &mut String,
    layout: &Layout,
    info: Option<&Info>,
    name: &str,
    index: usize,
) {
    for column in layout.verdict_columns() {
        out.push(',');
        let Some(info) = info else { continue };
        match column {
            "status" => out.push_str(info.status.get(index).copied().unwrap_or("error")),
            "depends_on" => {
                if let Some(Some(paths)) = info.depends_on.get(index) {
                    out.push_str(&csv_field(&paths.join(" ")));
                }
            }
            "residual" => {
                if let Some(Some(residual)) = info.residual.get(index) {
                    out.push_str(&csv_field(residual));
                }
            }
            "agree" | "outcomes" => {
                let across = info.all_readings.as_ref().and_then(|all| all.get(name));
                if let Some(value) = across.and_then(|a| a.get(column)) {
                    out.push_str(&csv_field(&value.to_string()));
                }
            }
            _ => {}
        }
    }
}

/// The JSON Lines objects of what undetermined verdicts depend on, their
/// residuals and every reading's outcomes, as asked: only verdicts that
/// have one are named.
fn push_verdict_json(model: &Model, out: &mut String, layout: &Layout, info: Option<&Info>) {
    let Some(info) = info else { return };
    if layout.depends_on {
        out.push_str(",\"depends_on\":{");
        let mut first = true;
        for (verdict, paths) in model.verdicts.iter().zip(&info.depends_on) {
            let Some(paths) = paths else { continue };
            if !std::mem::take(&mut first) {
                out.push(',');
            }
            push_json_string(out, &verdict.name);
            out.push_str(":[");
            for (index, path) in paths.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                push_json_string(out, path);
            }
            out.push(']');
        }
        out.push('}');
    }
    if layout.residual {
        out.push_str(",\"residual\":{");
        let mut first = true;
        for (verdict, residual) in model.verdicts.iter().zip(&info.residual) {
            let Some(residual) = residual else { continue };
            if !std::mem::take(&mut first) {
                out.push(',');
            }
            push_json_string(out, &verdict.name);
            out.push(':');
            push_json_string(out, residual);
        }
        out.push('}');
    }
    if layout.all_readings
        && let Some(all) = &info.all_readings
    {
        out.push_str(",\"all_readings\":");
        out.push_str(&all.to_string());
    }
}

/// The CSV header: `line`, the kept columns, `error`, then with full rows
/// `as_of` and `reading.NAME`, and each verdict (with `NAME.status`).
pub(super) fn csv_header(model: &Model, layout: &Layout) -> String {
    let mut header = String::from("line");
    for name in &layout.kept {
        header.push(',');
        header.push_str(&csv_field(name));
    }
    header.push_str(",error");
    if layout.full {
        header.push_str(",as_of");
        for reading in &model.readings {
            let _ = write!(header, ",{READING_PREFIX}{}", reading.name);
        }
    }
    for verdict in &model.verdicts {
        header.push(',');
        header.push_str(&verdict.name);
        for column in layout.verdict_columns() {
            let _ = write!(header, ",{}.{column}", verdict.name);
        }
    }
    header
}

/// A kept cell's value in a row: `None` when the row lacks it.
fn kept_value<'i>(info: Option<&'i Info>, name: &str) -> Option<&'i Kept> {
    info?.kept.iter().find(|(n, _)| n == name).map(|(_, k)| k)
}

/// The kept columns of a JSON Lines row: the layout's, `null` when absent,
/// then the row's others, as read.
fn push_kept_json(out: &mut String, layout: &Layout, info: Option<&Info>) {
    let mut push = |name: &str, kept: Option<&Kept>| {
        out.push(',');
        push_json_string(out, name);
        out.push(':');
        match kept {
            Some(Kept::Json(text)) => out.push_str(text),
            Some(Kept::Text(text)) => push_json_string(out, text),
            None => out.push_str("null"),
        }
    };
    for name in &layout.kept {
        push(name, kept_value(info, name));
    }
    if let Some(info) = info {
        for (name, kept) in &info.kept {
            if !layout.kept.contains(name) {
                push(name, Some(kept));
            }
        }
    }
}

/// The kept cells of a CSV row, each the cell's text or the JSON field's
/// (a string's text, empty for `null` or absent).
fn push_kept_csv(out: &mut String, layout: &Layout, info: Option<&Info>) {
    for name in &layout.kept {
        out.push(',');
        match kept_value(info, name) {
            Some(Kept::Text(text)) => out.push_str(&csv_field(text)),
            Some(Kept::Json(text)) => match serde_json::from_str::<Json>(text) {
                Ok(Json::String(s)) => out.push_str(&csv_field(&s)),
                Ok(Json::Null) => {}
                _ => out.push_str(&csv_field(text)),
            },
            None => {}
        }
    }
}

/// A row's date and readings in JSON Lines, `null` when not known.
fn push_context_json(model: &Model, out: &mut String, layout: &Layout, info: Option<&Info>) {
    out.push_str(",\"as_of\":");
    match info.and_then(|i| i.as_of) {
        Some(date) => push_json_value(model, out, &Value::Date(date)),
        None => out.push_str("null"),
    }
    out.push_str(",\"readings\":");
    match info.and_then(|i| i.readings.as_ref()) {
        Some(readings) => layout.prepared.push_readings(model, readings, out),
        None => out.push_str("null"),
    }
}

/// A row's date and readings as CSV cells, empty when not known.
fn push_context_csv(model: &Model, out: &mut String, info: Option<&Info>) {
    out.push(',');
    if let Some(date) = info.and_then(|i| i.as_of) {
        out.push_str(&cell(model, &Value::Date(date)));
    }
    let readings = info.and_then(|i| i.readings.as_ref());
    for (index, reading) in model.readings.iter().enumerate() {
        out.push(',');
        if let Some(readings) = readings {
            let chosen = readings.alternative(index as crate::model::ReadingId) as usize;
            out.push_str(
                reading
                    .alternatives
                    .get(chosen)
                    .map_or("", |a| a.name.as_str()),
            );
        }
    }
}

/// A verdict's key in a JSON Lines object, `"NAME":`.
fn push_key(out: &mut String, layout: &Layout, index: usize, name: &str) {
    match layout.prepared.key(index) {
        Some(key) => out.push_str(key),
        None => {
            push_json_string(out, name);
            out.push(':');
        }
    }
}

/// Appends one row, with its line end.
pub(super) fn write_row(
    model: &Model,
    format: OutputFormat,
    layout: &Layout,
    line: usize,
    (result, info): (&RowResult, Option<&Info>),
    out: &mut String,
) {
    match result {
        RowResult::Error(message) => match format {
            OutputFormat::JsonLines => {
                let _ = write!(out, "{{\"line\":{line}");
                push_kept_json(out, layout, info);
                out.push_str(",\"error\":");
                push_json_string(out, message);
                out.push('}');
            }
            OutputFormat::Csv => {
                let _ = write!(out, "{line}");
                push_kept_csv(out, layout, info);
                out.push(',');
                out.push_str(&csv_field(message));
                if layout.full {
                    // An error row has no date nor readings, even when its facts were read.
                    push_context_csv(model, out, None);
                }
                for _ in &model.verdicts {
                    out.push(',');
                    for _ in layout.verdict_columns() {
                        out.push(',');
                    }
                }
            }
        },
        RowResult::Verdicts(values, explanations, open) => {
            match format {
                OutputFormat::JsonLines => {
                    // Written by hand: this is the hot path of a batch.
                    out.push_str("{\"line\":");
                    push_line(out, line);
                    push_kept_json(out, layout, info);
                    if layout.full {
                        push_context_json(model, out, layout, info);
                    }
                    out.push_str(",\"verdicts\":{");
                    for (index, (verdict, value)) in model.verdicts.iter().zip(values).enumerate() {
                        if index > 0 {
                            out.push(',');
                        }
                        push_key(out, layout, index, &verdict.name);
                        match value {
                            Ok(value) => match keyed_json(model, verdict, value) {
                                Some(object) => out.push_str(&object.to_string()),
                                None => match value {
                                    Value::Enum(id, i) => match layout.prepared.enum_value(*id, *i)
                                    {
                                        Some(text) => out.push_str(text),
                                        None => push_json_value(model, out, value),
                                    },
                                    _ => push_json_value(model, out, value),
                                },
                            },
                            Err(_) => out.push_str("null"),
                        }
                    }
                    out.push('}');
                    if layout.full {
                        out.push_str(",\"status\":{");
                        for (index, verdict) in model.verdicts.iter().enumerate() {
                            if index > 0 {
                                out.push(',');
                            }
                            push_key(out, layout, index, &verdict.name);
                            let status = info.and_then(|i| i.status.get(index).copied());
                            out.push_str(status_json(status.unwrap_or("error")));
                        }
                        out.push('}');
                    }
                    push_verdict_json(model, out, layout, info);
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
                    let _ = write!(out, "{line}");
                    push_kept_csv(out, layout, info);
                    out.push(',');
                    if layout.full {
                        push_context_csv(model, out, info);
                    }
                    for (index, (verdict, value)) in model.verdicts.iter().zip(values).enumerate() {
                        out.push(',');
                        match value {
                            Ok(value) => {
                                out.push_str(&csv_field(&verdict_cell(model, verdict, value)))
                            }
                            Err(error) => out.push_str(&error_cell(error)),
                        }
                        push_verdict_csv(out, layout, info, &verdict.name, index);
                    }
                }
            }
        }
    }
    out.push('\n');
}
