//! Verdicts under every reading: a compact table for a person, divergent
//! verdicts first, and JSON for a program:
//! `{"as_of": ..., "verdicts": {name: {"agree": bool, "outcomes":
//! [{"readings": {name: alternative}, "value": ..., "status": ...}]}}}`.
//! An undetermined outcome also has `"depends_on"` and `"residual"`; an
//! errored one has `"status": "error"` and `"error": {"code", "message",
//! "provision", "rule"}`, and reads `error: CODE` in text and Markdown.

use std::fmt::Write as _;

use serde_json::{Map, Value as Json, json};

use super::json::{error_json, value_json};
use crate::eval::AsOfSource;
use crate::eval::all_readings::{AllReadings, ReadingOutcome, VerdictAcrossReadings};
use crate::model::Model;
use crate::words::{human_date, value_words};

pub(crate) fn status(outcome: &ReadingOutcome) -> &'static str {
    super::status_name(outcome.error.is_some(), &outcome.in_force, &outcome.value)
}

/// An outcome's value in words; an undetermined one with its residual.
pub(crate) fn outcome_words(model: &Model, verdict: u32, outcome: &ReadingOutcome) -> String {
    match status(outcome) {
        "error" => match &outcome.error {
            Some(error) => format!("error: {}", error.code()),
            None => String::from("error"),
        },
        "not_in_force" => String::from("not in force"),
        "determined" => model
            .verdicts
            .get(verdict as usize)
            .and_then(|v| super::keys::keyed_words(model, v, &outcome.value))
            .unwrap_or_else(|| value_words(model, &outcome.value)),
        _ => match &outcome.residual {
            Some(residual) if *residual != crate::residual::Residual::Opaque => {
                format!(
                    "undetermined: {}",
                    crate::residual::to_words(model, residual)
                )
            }
            _ => String::from("undetermined"),
        },
    }
}

/// A verdict's name.
/// The name of the verdict compared across readings; empty when there is none.
pub(crate) fn verdict_name<'m>(model: &'m Model, verdict: &VerdictAcrossReadings) -> &'m str {
    model
        .verdicts
        .get(verdict.verdict as usize)
        .map_or("", |v| v.name.as_str())
}

/// The value every reading agrees on, in words.
fn common_words(model: &Model, verdict: &VerdictAcrossReadings) -> String {
    verdict
        .outcomes
        .first()
        .map(|o| outcome_words(model, verdict.verdict, o))
        .unwrap_or_default()
}

/// The name of a reading's alternative; empty when there is none.
pub(crate) fn alternative_name(model: &Model, reading: u32, alternative: u32) -> String {
    model
        .readings
        .get(reading as usize)
        .and_then(|r| r.alternatives.get(alternative as usize))
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

/// The name of a reading; empty when there is none.
pub(crate) fn reading_name(model: &Model, reading: u32) -> String {
    model
        .readings
        .get(reading as usize)
        .map(|r| r.name.clone())
        .unwrap_or_default()
}

fn table(model: &Model, verdict: &VerdictAcrossReadings, out: &mut String) {
    let names: Vec<String> = verdict
        .varied
        .iter()
        .map(|r| reading_name(model, *r))
        .collect();
    let rows: Vec<Vec<String>> = verdict
        .outcomes
        .iter()
        .map(|o| {
            o.readings
                .iter()
                .map(|(r, a)| alternative_name(model, *r, *a))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, String::len))
                .max()
                .unwrap_or(0)
                .max(n.len())
        })
        .collect();
    let mut header = String::from("    ");
    for (name, width) in names.iter().zip(&widths) {
        let _ = write!(header, "{name:width$}  ");
    }
    header.push_str("value");
    let _ = writeln!(out, "{header}");
    for (row, outcome) in rows.iter().zip(&verdict.outcomes) {
        let mut line = String::from("    ");
        for (cell, width) in row.iter().zip(&widths) {
            let _ = write!(line, "{cell:width$}  ");
        }
        line.push_str(&outcome_words(model, verdict.verdict, outcome));
        let _ = writeln!(out, "{line}");
    }
}

/// The verdicts under every reading, as text.
pub fn render_text(model: &Model, all: &AllReadings) -> String {
    let mut out = String::new();
    if !model.instrument.title.is_empty() {
        let _ = writeln!(out, "{}", model.instrument.title);
    }
    let source = match all.as_of_source {
        AsOfSource::Given => "as given",
        AsOfSource::Facts => "from the facts",
        AsOfSource::Today => "today's date: no date was given with --at or as_of in the facts",
    };
    let _ = writeln!(
        out,
        "As of {} ({source}), under every reading",
        human_date(all.as_of)
    );
    for sentence in open_sentences(model, all) {
        let _ = writeln!(out, "Assumed, not known: {sentence}");
    }
    if let Some(given) = super::given_phrase(model, &all.given) {
        let _ = writeln!(out, "Given, in place of their rules: {given}");
    }
    let fixed: Vec<String> = model
        .readings
        .iter()
        .enumerate()
        .filter(|(i, _)| all.fixed.chosen.get(*i).copied().unwrap_or(false))
        .map(|(i, r)| {
            format!(
                "{} = {}",
                r.name,
                alternative_name(model, i as u32, all.fixed.alternative(i as u32))
            )
        })
        .collect();
    if !fixed.is_empty() {
        let _ = writeln!(out, "Readings fixed: {}", fixed.join(", "));
    }
    let divergent: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| !v.agree).collect();
    let agreeing: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| v.agree).collect();
    if !divergent.is_empty() {
        out.push_str("\nThe readings disagree\n");
        for verdict in divergent {
            let name = verdict_name(model, verdict);
            let _ = writeln!(out, "  {name}");
            table(model, verdict, &mut out);
            if let Some(line) = keys_line(model, verdict) {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    if !agreeing.is_empty() {
        out.push_str("\nThe readings agree\n");
        for verdict in agreeing {
            let name = verdict_name(model, verdict);
            let value = common_words(model, verdict);
            let consulted: Vec<String> = verdict
                .varied
                .iter()
                .map(|r| reading_name(model, *r))
                .collect();
            let scope = if consulted.is_empty() {
                String::from("no reading varied")
            } else {
                format!("under every reading of {}", consulted.join(", "))
            };
            let _ = writeln!(out, "  {name} = {value} ({scope})");
        }
    }
    out
}

/// For a verdict given for each element: `{key: whether the readings agree}`.
fn by_key(model: &Model, verdict: &VerdictAcrossReadings) -> Option<Json> {
    let info = model.verdicts.get(verdict.verdict as usize)?;
    let values: Vec<&crate::value::Value> = verdict.outcomes.iter().map(|o| &o.value).collect();
    let agreement = super::keys::agreement_by_key(info, &values)?;
    Some(Json::Object(
        agreement
            .into_iter()
            .map(|(key, agree)| (super::keys::key_text(model, key), Json::Bool(agree)))
            .collect(),
    ))
}

/// For a verdict given for each element whose readings disagree: for which
/// elements, "the readings disagree for Carol; they agree for Alice, Bob".
fn keys_line(model: &Model, verdict: &VerdictAcrossReadings) -> Option<String> {
    let info = model.verdicts.get(verdict.verdict as usize)?;
    let values: Vec<&crate::value::Value> = verdict.outcomes.iter().map(|o| &o.value).collect();
    let agreement = super::keys::agreement_by_key(info, &values)?;
    let names = |agree: bool| -> Vec<String> {
        agreement
            .iter()
            .filter(|(_, a)| *a == agree)
            .map(|(key, _)| super::keys::key_words(model, key))
            .collect()
    };
    let (differ, same) = (names(false), names(true));
    if differ.is_empty() {
        return None;
    }
    let mut line = format!("the readings disagree for {}", differ.join(", "));
    if !same.is_empty() {
        line.push_str(&format!("; they agree for {}", same.join(", ")));
    }
    Some(line)
}

/// The verdicts under every reading, as a JSON value.
pub fn to_json(model: &Model, all: &AllReadings) -> Json {
    let mut verdicts = Map::new();
    for verdict in &all.verdicts {
        let Some(info) = model.verdicts.get(verdict.verdict as usize) else {
            continue;
        };
        let outcomes: Vec<Json> = verdict
            .outcomes
            .iter()
            .map(|outcome| {
                let mut readings = Map::new();
                for (reading, alternative) in &outcome.readings {
                    readings.insert(
                        reading_name(model, *reading),
                        json!(alternative_name(model, *reading, *alternative)),
                    );
                }
                let mut entry = Map::new();
                entry.insert(String::from("readings"), Json::Object(readings));
                let value = model
                    .verdicts
                    .get(verdict.verdict as usize)
                    .and_then(|v| super::keys::keyed_json(model, v, &outcome.value))
                    .unwrap_or_else(|| value_json(model, &outcome.value));
                entry.insert(String::from("value"), value);
                entry.insert(String::from("status"), json!(status(outcome)));
                if let Some(error) = &outcome.error {
                    entry.insert(String::from("error"), error_json(model, error));
                }
                if status(outcome) == "undetermined" {
                    let depends: Vec<Json> = outcome
                        .depends_on
                        .iter()
                        .map(|(fact, fields)| json!(model.fact_path(*fact, fields)))
                        .collect();
                    entry.insert(String::from("depends_on"), Json::Array(depends));
                    if let Some(residual) = &outcome.residual {
                        entry.insert(
                            String::from("residual"),
                            json!(crate::residual::to_source(model, residual)),
                        );
                    }
                }
                Json::Object(entry)
            })
            .collect();
        let mut entry = json!({"agree": verdict.agree, "outcomes": outcomes});
        if let (Some(by_key), Json::Object(entry)) = (by_key(model, verdict), &mut entry) {
            // A verdict given for each element: whether they agree, element by element.
            entry.insert(String::from("agree_by_key"), by_key);
        }
        verdicts.insert(info.name.clone(), entry);
    }
    let mut top = json!({
        "as_of": all.as_of.format("%Y-%m-%d").to_string(),
        "verdicts": verdicts,
    });
    let open: Vec<serde_json::Value> = all
        .assumptions
        .iter()
        .filter(|o| o.open())
        .filter_map(|o| model.assumptions.get(o.assumption as usize))
        .map(|a| json!({"name": a.name, "sentence": a.sentence}))
        .collect();
    if let (false, serde_json::Value::Object(map)) = (open.is_empty(), &mut top) {
        map.insert(
            String::from("assumed_not_known"),
            serde_json::Value::Array(open),
        );
    }
    if let (false, serde_json::Value::Object(map)) = (all.given.is_empty(), &mut top) {
        map.insert(
            String::from("given"),
            super::json::given_json(model, &all.given),
        );
    }
    top
}

/// The sentences of the assumptions the facts leave open.
fn open_sentences<'m>(model: &'m Model, all: &AllReadings) -> Vec<&'m str> {
    all.assumptions
        .iter()
        .filter(|o| o.open())
        .filter_map(|o| model.assumptions.get(o.assumption as usize))
        .map(|a| a.sentence.as_str())
        .collect()
}

/// The verdicts under every reading, as pretty-printed JSON with a final newline.
pub fn render_json(model: &Model, all: &AllReadings) -> String {
    let mut text = serde_json::to_string_pretty(&to_json(model, all)).unwrap_or_default();
    text.push('\n');
    text
}

/// The verdicts under every reading, as a Markdown report: a table per
/// verdict on which the readings disagree, then those on which they agree.
pub fn render_markdown(model: &Model, all: &AllReadings) -> String {
    let mut out = String::new();
    let title = if model.instrument.title.is_empty() {
        String::from("Verdicts under every reading")
    } else {
        format!("{}: verdicts under every reading", model.instrument.title)
    };
    let _ = writeln!(out, "# {title}\n\nAs of **{}**.", human_date(all.as_of));
    for sentence in open_sentences(model, all) {
        let _ = writeln!(out, "\nAssumed, not known: {sentence}");
    }
    if let Some(given) = super::given_phrase(model, &all.given) {
        let _ = writeln!(out, "\nGiven, in place of their rules: {given}");
    }
    let divergent: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| !v.agree).collect();
    if !divergent.is_empty() {
        out.push_str("\n## The readings disagree\n");
        for verdict in divergent {
            let name = verdict_name(model, verdict);
            let _ = writeln!(out, "\n### `{name}`\n");
            let names: Vec<String> = verdict
                .varied
                .iter()
                .map(|r| format!("`{}`", reading_name(model, *r)))
                .collect();
            let _ = writeln!(out, "| {} | value |", names.join(" | "));
            let _ = writeln!(out, "|{}---|", "---|".repeat(names.len()));
            for outcome in &verdict.outcomes {
                let cells: Vec<String> = outcome
                    .readings
                    .iter()
                    .map(|(r, a)| format!("`{}`", alternative_name(model, *r, *a)))
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} |",
                    cells.join(" | "),
                    outcome_words(model, verdict.verdict, outcome).replace('|', "\\|")
                );
            }
        }
    }
    let agreeing: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| v.agree).collect();
    if !agreeing.is_empty() {
        out.push_str("\n## The readings agree\n\n");
        for verdict in agreeing {
            let name = verdict_name(model, verdict);
            let value = common_words(model, verdict);
            let _ = writeln!(out, "- `{name}`: {value}");
        }
    }
    out
}
