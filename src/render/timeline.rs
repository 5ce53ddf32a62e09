//! Timelines as text for a person and as JSON for a program.
//!
//! JSON: `{"from": D1, "to": D2, "verdicts": {name: [{"from", "to",
//! "value", "status", "depends_on"?}]}}`, `to` inclusive, intervals in order
//! and covering the range; an undetermined interval names the unknown facts
//! it depends on. An interval where the verdict errored has `"status":
//! "error"` and `"error": {"code", "message", "provision", "rule"}`.

use std::fmt::Write as _;

use serde_json::{Map, Value as Json, json};

use super::json::{error_json, value_json};
use super::words::undetermined_words;
use crate::model::Model;
use crate::timeline::{Interval, Timeline};
use crate::value::Value;
use crate::words::{human_date, value_words};

fn iso(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// An interval's value in words, as [`interval_words`]; for a verdict given
/// for each element, element by element: "Alice: EUR 50.00; Bob: true".
pub fn verdict_interval_words(
    model: &Model,
    verdict: &crate::model::VerdictInfo,
    interval: &Interval,
) -> String {
    match super::keys::keyed_words(model, verdict, &interval.value) {
        Some(words) if interval.error.is_none() && interval.in_force != Value::Bool(false) => words,
        _ => interval_words(model, interval),
    }
}

/// An interval's value in words, with what an undetermined one depends on.
pub fn interval_words(model: &Model, interval: &Interval) -> String {
    if let Some(error) = &interval.error {
        return format!("error: {}", error.code());
    }
    if interval.in_force == Value::Bool(false) {
        return String::from("not in force");
    }
    match &interval.value {
        Value::Unknown(bounds) => undetermined_words(model, bounds, &interval.depends_on),
        other => value_words(model, other),
    }
}

/// The timeline as text: each verdict with its intervals.
pub fn render_text(model: &Model, timeline: &Timeline) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "From {} to {}",
        human_date(timeline.from),
        human_date(timeline.to)
    );
    for (info, days) in open_assumptions(model, timeline) {
        let when: Vec<String> = days
            .iter()
            .map(|(from, to)| {
                if (*from, *to) == (timeline.from, timeline.to) {
                    String::from("throughout")
                } else if from == to {
                    format!("on {}", human_date(*from))
                } else {
                    format!("from {} to {}", human_date(*from), human_date(*to))
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "Assumed, not known: {} ({})",
            info.sentence,
            when.join(", ")
        );
    }
    for (verdict, intervals) in model.verdicts.iter().zip(&timeline.verdicts) {
        let _ = writeln!(out, "\n{}", verdict.name);
        for interval in intervals {
            let span = if interval.from == interval.to {
                format!("on {}", human_date(interval.from))
            } else {
                format!(
                    "{} to {}",
                    human_date(interval.from),
                    human_date(interval.to)
                )
            };
            let words = verdict_interval_words(model, verdict, interval);
            let _ = writeln!(out, "  {span}: {words}");
            if let Some(error) = &interval.error {
                let _ = writeln!(out, "    {}", super::errors::error_line(model, error));
            }
        }
    }
    out
}

/// The timeline as a JSON value.
pub fn to_json(model: &Model, timeline: &Timeline) -> Json {
    let mut verdicts = Map::new();
    for (verdict, intervals) in model.verdicts.iter().zip(&timeline.verdicts) {
        let list: Vec<Json> = intervals
            .iter()
            .map(|interval| {
                let mut entry = Map::new();
                entry.insert(String::from("from"), json!(iso(interval.from)));
                entry.insert(String::from("to"), json!(iso(interval.to)));
                let value = super::keys::keyed_json(model, verdict, &interval.value)
                    .unwrap_or_else(|| value_json(model, &interval.value));
                entry.insert(String::from("value"), value);
                if let Some(error) = &interval.error {
                    entry.insert(String::from("status"), json!("error"));
                    entry.insert(String::from("error"), error_json(model, error));
                    return Json::Object(entry);
                }
                let determined = interval.value.is_known();
                let not_in_force = interval.in_force == Value::Bool(false);
                let status = if not_in_force {
                    "not_in_force"
                } else if determined {
                    "determined"
                } else {
                    "undetermined"
                };
                entry.insert(String::from("status"), json!(status));
                if !determined && !not_in_force {
                    let depends: Vec<Json> = interval
                        .depends_on
                        .iter()
                        .map(|(fact, fields)| json!(model.fact_path(*fact, fields)))
                        .collect();
                    entry.insert(String::from("depends_on"), Json::Array(depends));
                }
                Json::Object(entry)
            })
            .collect();
        verdicts.insert(verdict.name.clone(), Json::Array(list));
    }
    let mut top = json!({
        "from": iso(timeline.from),
        "to": iso(timeline.to),
        "verdicts": verdicts,
    });
    // The assumptions the facts leave open, only when there are some.
    let open: Vec<Json> = open_assumptions(model, timeline)
        .into_iter()
        .flat_map(|(info, days)| {
            days.iter().map(move |(from, to)| {
                json!({"name": info.name, "sentence": info.sentence, "from": iso(*from), "to": iso(*to)})
            })
        })
        .collect();
    if let (false, Json::Object(map)) = (open.is_empty(), &mut top) {
        map.insert(String::from("assumed_not_known"), Json::Array(open));
    }
    top
}

/// The assumptions open on some days, with those stretches of days.
fn open_assumptions<'t, 'm>(
    model: &'m Model,
    timeline: &'t Timeline,
) -> Vec<(
    &'m crate::model::AssumptionInfo,
    &'t [(chrono::NaiveDate, chrono::NaiveDate)],
)> {
    timeline
        .assumed_not_known
        .iter()
        .filter_map(|(id, days)| Some((model.assumptions.get(*id as usize)?, days.as_slice())))
        .collect()
}

/// The timeline as pretty-printed JSON text, with a final newline.
pub fn render_json(model: &Model, timeline: &Timeline) -> String {
    let mut text = serde_json::to_string_pretty(&to_json(model, timeline)).unwrap_or_default();
    text.push('\n');
    text
}
