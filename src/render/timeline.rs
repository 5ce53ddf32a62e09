//! Timelines as text for a person and as JSON for a program.
//!
//! JSON: `{"from": D1, "to": D2, "verdicts": {name: [{"from", "to",
//! "value", "status", "depends_on"?}]}}`, `to` inclusive, intervals in order
//! and covering the range; an undetermined interval names the unknown facts
//! it depends on. An interval where the verdict errored has `"status":
//! "error"` and `"error": {"code", "message", "provision", "rule"}`.

use std::fmt::Write as _;

use serde_json::{Map, Value as Json, json};

use super::json::{error_json, known_of_json, value_json};
use super::timeline_words::{
    FactShown, changes, event_dates, fact_lines, facts_shown, lane_words, lane_words_in,
    reading_lines, unsettled_changes,
};
use super::words::undetermined_words;
use crate::locale::Lang;
use crate::model::Model;
use crate::timeline::{Interval, Timeline};
use crate::value::Value;
use crate::words::value_words_in;

pub(crate) fn iso(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// An interval's value in words, as [`interval_words`]; for a verdict given
/// for each element, element by element: "Alice: EUR 50.00; Bob: true".
pub fn verdict_interval_words(
    model: &Model,
    verdict: &crate::model::VerdictInfo,
    interval: &Interval,
    lang: Lang,
) -> String {
    match super::keys::keyed_words(model, verdict, &interval.value) {
        Some(words) if interval.error.is_none() && interval.in_force != Value::Bool(false) => words,
        _ => interval_words(model, interval, lang),
    }
}

/// An interval's value in words, with what an undetermined one depends on.
pub fn interval_words(model: &Model, interval: &Interval, lang: Lang) -> String {
    let say = lang.words();
    if let Some(error) = &interval.error {
        return say.one(say.timelines.error_code, error.code());
    }
    if interval.in_force == Value::Bool(false) {
        return String::from(say.not_in_force);
    }
    match &interval.value {
        Value::Unknown(bounds) => undetermined_words(model, bounds, &interval.depends_on, lang),
        other => value_words_in(model, other, say),
    }
}

/// The lines that say what a timeline was drawn for, each without its
/// final newline: the instrument, the range, the assumptions left open, the
/// definitions given, then the readings, the facts and the events under
/// their headings.
pub(crate) fn drawn_for_text(
    model: &Model,
    timeline: &Timeline,
    compared: &[crate::model::ReadingId],
    out: &mut String,
    lang: Lang,
) {
    let say = lang.words();
    let t = &say.timelines;
    let human_date = |date| say.date(date);
    let instrument = &model.instrument;
    if !instrument.title.is_empty() {
        let title = model
            .described(crate::model::translations::Described::Instrument, lang)
            .unwrap_or(&instrument.title);
        out.push_str(title);
        if let Some(symbol) = &instrument.symbol {
            let _ = write!(out, " ({symbol})");
        }
        out.push('\n');
    }
    let range = say.fill(
        t.range,
        &[
            ('l', &human_date(timeline.from)),
            ('r', &human_date(timeline.to)),
        ],
    );
    let _ = writeln!(out, "{range}");
    if let Some(given) = super::given_phrase(model, &timeline.facts.given) {
        let _ = writeln!(out, "{} {given}", say.page.given);
    }
    for (info, days) in open_assumptions(model, timeline) {
        let when: Vec<String> = days
            .iter()
            .map(|(from, to)| {
                if (*from, *to) == (timeline.from, timeline.to) {
                    String::from(t.throughout)
                } else if from == to {
                    say.one(t.on, &human_date(*from))
                } else {
                    say.fill(
                        t.from_to,
                        &[('l', &human_date(*from)), ('r', &human_date(*to))],
                    )
                }
            })
            .collect();
        let sentence = model
            .assumptions
            .iter()
            .position(|a| std::ptr::eq(a, info))
            .and_then(|id| {
                let item = crate::model::translations::Described::Assumption(id as u32);
                model.described(item, lang)
            })
            .unwrap_or(&info.sentence);
        let _ = writeln!(
            out,
            "{} {} ({})",
            say.page.assumed,
            sentence,
            when.join(", ")
        );
    }
    let readings = reading_lines(model, &timeline.readings, lang);
    if !readings.is_empty() {
        let _ = writeln!(out, "\n{}", say.page.readings);
        // The names aligned, as `eval` aligns them.
        let width = model
            .readings
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0);
        for (index, line) in readings.into_iter().enumerate() {
            let reading = model.readings.get(index);
            match (reading, line.split_once(" = ")) {
                (Some(info), _) if compared.contains(&(index as crate::model::ReadingId)) => {
                    let names: Vec<&str> =
                        info.alternatives.iter().map(|a| a.name.as_str()).collect();
                    let name = &info.name;
                    let _ = writeln!(
                        out,
                        "  {name:width$} = {}",
                        say.one(t.compared, &names.join(", "))
                    );
                }
                (_, Some((name, rest))) => {
                    let _ = writeln!(out, "  {name:width$} = {rest}");
                }
                (_, None) => {
                    let _ = writeln!(out, "  {line}");
                }
            }
        }
    }
    let facts = fact_lines(model, &timeline.facts, lang);
    if !facts.is_empty() {
        let _ = writeln!(out, "\n{}", say.page.facts);
        for line in facts {
            let _ = writeln!(out, "  {line}");
        }
    }
    let events = event_dates(model, &timeline.facts, lang);
    if !events.is_empty() {
        let _ = writeln!(out, "\n{}", t.events);
        for event in events {
            let _ = writeln!(
                out,
                "  {} ({}){}{}",
                event.words,
                event.name,
                say.colon,
                event.dates_words(lang)
            );
        }
    }
}

/// An interval's days in words: "on 26 March 2026", "2 March 2024 to 25
/// March 2026".
fn days_words(from: chrono::NaiveDate, to: chrono::NaiveDate, lang: Lang) -> String {
    let say = lang.words();
    if from == to {
        say.one(say.timelines.on, &say.date(from))
    } else {
        say.fill(
            say.timelines.span,
            &[('l', &say.date(from)), ('r', &say.date(to))],
        )
    }
}

/// The line that says on which day an errored stretch's error arose: the
/// first, and every day of the stretch fails the same way.
pub fn error_day_words(interval: &Interval, lang: Lang) -> String {
    let say = lang.words();
    if interval.from == interval.to {
        say.one(say.timelines.on, &say.date(interval.from))
    } else {
        say.fill(
            say.timelines.each_day_to,
            &[
                ('l', &say.date(interval.from)),
                ('r', &say.date(interval.to)),
            ],
        )
    }
}

/// One verdict's intervals and changes as text, under its words.
pub(crate) fn verdict_text(
    model: &Model,
    verdict: &crate::model::VerdictInfo,
    intervals: &[Interval],
    indent: &str,
    out: &mut String,
    lang: Lang,
) {
    for interval in intervals {
        let span = days_words(interval.from, interval.to, lang);
        let words = verdict_interval_words(model, verdict, interval, lang);
        let _ = writeln!(out, "{indent}  {span}{}{words}", lang.words().colon);
        if let Some(error) = &interval.error {
            let _ = writeln!(
                out,
                "{indent}    {}{}{}",
                error_day_words(interval, lang),
                lang.words().colon,
                super::errors::error_line(model, error)
            );
        }
    }
    let sharp = changes(model, verdict, intervals, lang);
    let unsettled = unsettled_changes(model, verdict, intervals, lang);
    if !sharp.is_empty() {
        let _ = writeln!(out, "{indent}  {}", lang.words().timelines.changes);
        for change in sharp {
            let _ = writeln!(out, "{indent}    {}", change.words(lang));
        }
        for change in unsettled {
            let _ = writeln!(out, "{indent}    {}", change.words(lang));
        }
    }
}

/// The timeline as text: what it was drawn for (the range, the readings,
/// the facts and the events), then each verdict under its words, with its
/// intervals and its changes said from both sides of the line.
pub fn render_text(model: &Model, timeline: &Timeline, lang: Lang) -> String {
    let mut out = String::new();
    drawn_for_text(model, timeline, &[], &mut out, lang);
    for (verdict, intervals) in model.verdicts.iter().zip(&timeline.verdicts) {
        let _ = writeln!(out, "\n{}", heading(model, verdict, lang));
        verdict_text(model, verdict, intervals, "", &mut out, lang);
    }
    out
}

/// A verdict's heading: its name, then its words when it has a sentence.
pub(crate) fn heading(model: &Model, verdict: &crate::model::VerdictInfo, lang: Lang) -> String {
    let words = lane_words_in(model, verdict, lang);
    if words == verdict.name.replace('_', " ") {
        verdict.name.clone()
    } else {
        format!("{}: {words}", verdict.name)
    }
}

/// The JSON of one interval: `from`, `to`, `value`, `status`; what an
/// undetermined one depends on and the range its value is known to lie in;
/// an errored one's error, with the day it arose on.
pub(crate) fn interval_json(
    model: &Model,
    verdict: &crate::model::VerdictInfo,
    interval: &Interval,
    ranges: &Map<String, Json>,
) -> Json {
    let mut entry = Map::new();
    entry.insert(String::from("from"), json!(iso(interval.from)));
    entry.insert(String::from("to"), json!(iso(interval.to)));
    let value = super::keys::keyed_json(model, verdict, &interval.value)
        .unwrap_or_else(|| value_json(model, &interval.value));
    entry.insert(String::from("value"), value);
    if let Some(error) = &interval.error {
        entry.insert(String::from("status"), json!("error"));
        let mut error = error_json(model, error);
        if let Json::Object(map) = &mut error {
            map.insert(String::from("day"), json!(iso(interval.from)));
        }
        entry.insert(String::from("error"), error);
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
        // What is known of those facts: the range each was given in.
        let known: Map<String, Json> = depends
            .iter()
            .filter_map(|path| {
                let path = path.as_str()?;
                Some((path.to_string(), ranges.get(path)?.clone()))
            })
            .collect();
        entry.insert(String::from("depends_on"), Json::Array(depends));
        if !known.is_empty() {
            entry.insert(String::from("depends_on_ranges"), Json::Object(known));
        }
        known_of_json(model, &interval.value, &mut entry);
    }
    Json::Object(entry)
}

/// The changes of one verdict as JSON: `{"last_day", "first_day",
/// "before", "after"}` for each, in order; a change whose day an
/// undetermined stretch leaves open has `"at_least"` and `"at_most"`, the
/// earliest and latest first day of the value after, in place of the days.
pub(crate) fn changes_json(
    model: &Model,
    verdict: &crate::model::VerdictInfo,
    intervals: &[Interval],
) -> Json {
    // JSON's words are English, as its keys and codes are.
    let mut list: Vec<Json> = changes(model, verdict, intervals, Lang::En)
        .into_iter()
        .map(|c| {
            json!({
                "last_day": iso(c.last_day),
                "first_day": iso(c.first_day),
                "before": c.before,
                "after": c.after,
                "words": c.words(Lang::En),
            })
        })
        .collect();
    list.extend(
        unsettled_changes(model, verdict, intervals, Lang::En)
            .into_iter()
            .map(|c| {
                json!({
                    "at_least": iso(c.at_least),
                    "at_most": iso(c.at_most),
                    "before": c.before,
                    "after": c.after,
                    "words": c.words(Lang::En),
                })
            }),
    );
    Json::Array(list)
}

/// The facts given as ranges, by path, each as `{"at_least", "at_most"}`
/// or `{"one_of"}`, for the `depends_on_ranges` of undetermined intervals.
pub(crate) fn fact_ranges(model: &Model, facts: &crate::facts::Facts) -> Map<String, Json> {
    facts_shown(model, facts)
        .given
        .into_iter()
        .filter_map(|(path, fact)| match fact {
            FactShown::Range(value) => {
                let mut range = Map::new();
                known_of_json(model, &value, &mut range);
                Some((path, Json::Object(range)))
            }
            _ => None,
        })
        .collect()
}

/// The readings, facts and events a timeline was drawn for, as JSON members.
pub(crate) fn drawn_for_json(model: &Model, timeline: &Timeline, top: &mut Map<String, Json>) {
    let mut readings = Map::new();
    for (reading, alternative, chosen) in super::readings_in_force(model, &timeline.readings) {
        readings.insert(
            reading.name.clone(),
            json!({"alternative": alternative.name, "chosen": chosen}),
        );
    }
    top.insert(String::from("readings"), Json::Object(readings));
    let shown = facts_shown(model, &timeline.facts);
    let mut facts = Map::new();
    for (path, fact) in &shown.given {
        let entry = match fact {
            FactShown::Known(value, _, _) => value_json(model, value),
            FactShown::Range(value) => {
                let mut range = Map::new();
                known_of_json(model, value, &mut range);
                Json::Object(range)
            }
            FactShown::History(changes, _) => {
                let history: Map<String, Json> = changes
                    .iter()
                    .map(|(from, value)| (iso(*from), value_json(model, value)))
                    .collect();
                json!({ "history": history })
            }
        };
        facts.insert(path.clone(), entry);
    }
    top.insert(String::from("facts"), Json::Object(facts));
    top.insert(String::from("not_given"), json!(shown.not_given));
    let events: Vec<Json> = event_dates(model, &timeline.facts, Lang::En)
        .into_iter()
        .map(|e| {
            json!({
                "name": e.name,
                "description": e.words,
                "opening": e.opening.map(iso),
                "closing": e.closing.map(iso),
            })
        })
        .collect();
    top.insert(String::from("events"), Json::Array(events));
}

/// The timeline as a JSON value.
pub fn to_json(model: &Model, timeline: &Timeline) -> Json {
    let mut verdicts = Map::new();
    let mut words = Map::new();
    let mut all_changes = Map::new();
    let ranges = fact_ranges(model, &timeline.facts);
    for (verdict, intervals) in model.verdicts.iter().zip(&timeline.verdicts) {
        let list: Vec<Json> = intervals
            .iter()
            .map(|interval| interval_json(model, verdict, interval, &ranges))
            .collect();
        verdicts.insert(verdict.name.clone(), Json::Array(list));
        words.insert(verdict.name.clone(), json!(lane_words(model, verdict)));
        all_changes.insert(
            verdict.name.clone(),
            changes_json(model, verdict, intervals),
        );
    }
    let mut top = Map::new();
    top.insert(String::from("from"), json!(iso(timeline.from)));
    top.insert(String::from("to"), json!(iso(timeline.to)));
    drawn_for_json(model, timeline, &mut top);
    top.insert(String::from("verdicts"), Json::Object(verdicts));
    top.insert(String::from("words"), Json::Object(words));
    top.insert(String::from("changes"), Json::Object(all_changes));
    // The assumptions the facts leave open, only when there are some.
    let open: Vec<Json> = open_assumptions(model, timeline)
        .into_iter()
        .flat_map(|(info, days)| {
            days.iter().map(move |(from, to)| {
                json!({"name": info.name, "sentence": info.sentence, "from": iso(*from), "to": iso(*to)})
            })
        })
        .collect();
    if !open.is_empty() {
        top.insert(String::from("assumed_not_known"), Json::Array(open));
    }
    // The definitions given a value, only when there are some.
    if !timeline.facts.given.is_empty() {
        top.insert(
            String::from("given"),
            super::json::given_json(model, &timeline.facts.given),
        );
    }
    Json::Object(top)
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
