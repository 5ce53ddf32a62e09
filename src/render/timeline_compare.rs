//! Timelines compared across readings (`timeline --compare-readings`), as
//! text and JSON: for each verdict, one lane per combination of the
//! readings that change it, each with its intervals and changes as a single
//! timeline writes them.
//!
//! JSON: the members a timeline states what it was drawn for with
//! (`readings`, `facts`, `not_given`, `events`; a reading compared is
//! `{"compared": [its alternatives]}`), `"compared"`: the names of the
//! readings varied, and `"verdicts": {name: {"readings": [names that
//! change it], "lanes": [{"readings": {name: alternative}, "intervals":
//! [...], "changes": [...]}]}}`, and `"words"`: each verdict's words.

use std::fmt::Write as _;

use serde_json::{Map, Value as Json, json};

use super::timeline::{
    changes_json, drawn_for_json, drawn_for_text, heading, interval_json, verdict_text,
};
use super::timeline_words::lane_words;
use crate::locale::Lang;
use crate::model::{Model, ReadingId};
use crate::timeline::compare::ReadingsCompared;

/// A reading's name.
fn reading_name(model: &Model, reading: ReadingId) -> String {
    model
        .readings
        .get(reading as usize)
        .map(|r| r.name.clone())
        .unwrap_or_default()
}

/// The comparison as text.
pub fn render_text(model: &Model, compared: &ReadingsCompared, lang: Lang) -> String {
    let mut out = String::new();
    drawn_for_text(model, &compared.base, &compared.varied, &mut out, lang);
    if compared.varied.is_empty() {
        let _ = writeln!(out, "\n{}", lang.words().timelines.no_reading_changes);
    }
    for (verdict, across) in model.verdicts.iter().zip(&compared.verdicts) {
        let _ = writeln!(out, "\n{}", heading(model, verdict, lang));
        for lane in &across.lanes {
            let _ = writeln!(
                out,
                "  {}",
                super::timeline_words::readings_words(model, &lane.readings, lang)
            );
            verdict_text(model, verdict, &lane.intervals, "  ", &mut out, lang);
        }
    }
    out
}

/// The comparison as a JSON value.
pub fn to_json(model: &Model, compared: &ReadingsCompared) -> Json {
    let mut top = Map::new();
    top.insert(
        String::from("from"),
        json!(super::timeline::iso(compared.base.from)),
    );
    top.insert(
        String::from("to"),
        json!(super::timeline::iso(compared.base.to)),
    );
    drawn_for_json(model, &compared.base, &mut top);
    let names: Vec<String> = compared
        .varied
        .iter()
        .map(|r| reading_name(model, *r))
        .collect();
    // A reading compared has no one alternative: its lanes say theirs.
    if let Some(Json::Object(readings)) = top.get_mut("readings") {
        for reading in &compared.varied {
            if let Some(info) = model.readings.get(*reading as usize) {
                let all: Vec<&str> = info.alternatives.iter().map(|a| a.name.as_str()).collect();
                readings.insert(info.name.clone(), json!({ "compared": all }));
            }
        }
    }
    top.insert(String::from("compared"), json!(names));
    let mut verdicts = Map::new();
    let mut words = Map::new();
    let ranges = super::timeline::fact_ranges(model, &compared.base.facts);
    for (verdict, across) in model.verdicts.iter().zip(&compared.verdicts) {
        let lanes: Vec<Json> = across
            .lanes
            .iter()
            .map(|lane| {
                let readings: Map<String, Json> = lane
                    .readings
                    .iter()
                    .filter_map(|(reading, alternative)| {
                        let info = model.readings.get(*reading as usize)?;
                        let name = &info.alternatives.get(*alternative as usize)?.name;
                        Some((info.name.clone(), json!(name)))
                    })
                    .collect();
                let intervals: Vec<Json> = lane
                    .intervals
                    .iter()
                    .map(|i| interval_json(model, verdict, i, &ranges))
                    .collect();
                json!({
                    "readings": readings,
                    "intervals": intervals,
                    "changes": changes_json(model, verdict, &lane.intervals),
                })
            })
            .collect();
        let varied: Vec<String> = across
            .varied
            .iter()
            .map(|r| reading_name(model, *r))
            .collect();
        verdicts.insert(
            verdict.name.clone(),
            json!({"readings": varied, "lanes": lanes}),
        );
        words.insert(verdict.name.clone(), json!(lane_words(model, verdict)));
    }
    top.insert(String::from("verdicts"), Json::Object(verdicts));
    top.insert(String::from("words"), Json::Object(words));
    if !compared.base.facts.given.is_empty() {
        top.insert(
            String::from("given"),
            super::json::given_json(model, &compared.base.facts.given),
        );
    }
    Json::Object(top)
}

/// The comparison as pretty-printed JSON text, with a final newline.
pub fn render_json(model: &Model, compared: &ReadingsCompared) -> String {
    let mut text = serde_json::to_string_pretty(&to_json(model, compared)).unwrap_or_default();
    text.push('\n');
    text
}
