//! Verdicts under every reading: a compact table for a person, divergent
//! verdicts first, and JSON for a program:
//! `{"as_of": ..., "verdicts": {name: {"agree": bool, "outcomes":
//! [{"readings": {name: alternative}, "value": ..., "status": ...}]}}}`.
//! An undetermined outcome also has `"depends_on"` and `"residual"`; an
//! errored one has `"status": "error"` and `"error": {"code", "message",
//! "provision", "rule"}`, and reads `error: CODE` in text and Markdown.
//! Text and Markdown are written in the language asked for (their words
//! are [`crate::locale::words_tables`]); JSON is the same in every language.

use std::fmt::Write as _;

use serde_json::{Map, Value as Json, json};

use super::json::{error_json, value_json};
use crate::eval::AsOfSource;
use crate::eval::all_readings::{AllReadings, ReadingOutcome, VerdictAcrossReadings};
use crate::locale::Lang;
use crate::model::Model;
use crate::model::translations::Described;

pub(crate) fn status(outcome: &ReadingOutcome) -> &'static str {
    super::status_name(outcome.error.is_some(), &outcome.in_force, &outcome.value)
}

/// An outcome's value in `lang`'s words; an undetermined one with its
/// residual, an errored one with its code.
pub(crate) fn outcome_words(
    model: &Model,
    verdict: u32,
    outcome: &ReadingOutcome,
    lang: Lang,
) -> String {
    let say = lang.words();
    match status(outcome) {
        "error" => match &outcome.error {
            Some(error) => say.one(say.tables.error_with, error.code()),
            None => String::from(say.page.error),
        },
        "not_in_force" => String::from(say.not_in_force),
        "determined" => model
            .verdicts
            .get(verdict as usize)
            .and_then(|v| super::keys::keyed_words_in(model, v, &outcome.value, lang))
            .unwrap_or_else(|| crate::words::value_words_in(model, &outcome.value, say)),
        _ => match &outcome.residual {
            Some(residual) if *residual != crate::residual::Residual::Opaque => say.one(
                say.tables.undetermined_if,
                &crate::residual::to_words_in(model, residual, lang),
            ),
            _ => String::from(say.undetermined),
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
pub(crate) fn common_words(model: &Model, verdict: &VerdictAcrossReadings, lang: Lang) -> String {
    verdict
        .outcomes
        .first()
        .map(|o| outcome_words(model, verdict.verdict, o, lang))
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

fn table(model: &Model, verdict: &VerdictAcrossReadings, out: &mut String, lang: Lang) {
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
    header.push_str(lang.words().tables.value_head.0);
    let _ = writeln!(out, "{header}");
    for (row, outcome) in rows.iter().zip(&verdict.outcomes) {
        let mut line = String::from("    ");
        for (cell, width) in row.iter().zip(&widths) {
            let _ = write!(line, "{cell:width$}  ");
        }
        line.push_str(&outcome_words(model, verdict.verdict, outcome, lang));
        let _ = writeln!(out, "{line}");
    }
}

/// The verdicts under every reading, as text, in English.
pub fn render_text(model: &Model, all: &AllReadings) -> String {
    render_text_in(model, all, Lang::En)
}

/// The instrument's title in `lang` where the policy gives it; empty when
/// it has none.
fn title(model: &Model, lang: Lang) -> &str {
    if model.instrument.title.is_empty() {
        return "";
    }
    model
        .described(Described::Instrument, lang)
        .unwrap_or(&model.instrument.title)
}

/// The verdicts under every reading, as text, in `lang`'s words.
pub fn render_text_in(model: &Model, all: &AllReadings, lang: Lang) -> String {
    let say = lang.words();
    let (page, tables) = (&say.page, &say.tables);
    let mut out = String::new();
    if !model.instrument.title.is_empty() {
        let _ = writeln!(out, "{}", title(model, lang));
    }
    let source = match all.as_of_source {
        AsOfSource::Given => page.as_given,
        AsOfSource::Facts => page.from_the_facts,
        AsOfSource::Today => page.today,
    };
    let _ = writeln!(
        out,
        "{}",
        say.fill(
            tables.as_of_every_reading,
            &[('x', &say.date(all.as_of)), ('r', source)]
        )
    );
    for sentence in open_sentences(model, all, lang) {
        let _ = writeln!(out, "{} {sentence}", page.assumed);
    }
    if let Some(given) = given_phrase_in(model, &all.given, lang) {
        let _ = writeln!(out, "{} {given}", page.given);
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
        let _ = writeln!(out, "{}", say.one(tables.readings_fixed, &fixed.join(", ")));
    }
    let divergent: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| !v.agree).collect();
    let agreeing: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| v.agree).collect();
    if !divergent.is_empty() {
        let _ = writeln!(out, "\n{}", tables.disagree);
        for verdict in divergent {
            let name = verdict_name(model, verdict);
            let _ = writeln!(out, "  {name}");
            table(model, verdict, &mut out, lang);
            if let Some(line) = keys_line(model, verdict, lang) {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    if !agreeing.is_empty() {
        let _ = writeln!(out, "\n{}", tables.agree);
        for verdict in agreeing {
            let name = verdict_name(model, verdict);
            let value = common_words(model, verdict, lang);
            let consulted: Vec<String> = verdict
                .varied
                .iter()
                .map(|r| reading_name(model, *r))
                .collect();
            let scope = agreement_scope(&consulted, lang);
            let _ = writeln!(out, "  {name} = {value} ({scope})");
        }
    }
    out
}

/// Under which readings every outcome agrees: "under every reading of
/// mc14_reference, expiry_boundary", or "no reading varied".
pub(crate) fn agreement_scope(consulted: &[String], lang: Lang) -> String {
    let tables = &lang.words().tables;
    if consulted.is_empty() {
        String::from(tables.no_reading_varied)
    } else {
        lang.words()
            .one(tables.under_every_reading_of, &consulted.join(", "))
    }
}

/// The definitions given a value in place of their rules, as
/// [`super::given_phrase`] writes them, the values in `lang`'s words.
pub(crate) fn given_phrase_in(
    model: &Model,
    given: &crate::facts::Given,
    lang: Lang,
) -> Option<String> {
    if lang == Lang::En {
        return super::given_phrase(model, given);
    }
    let say = lang.words();
    let parts: Vec<String> = given
        .entries()
        .map(|(id, value)| {
            let words = match model.definitions.get(id as usize) {
                Some(definition) => crate::words::typed_words_in(model, value, &definition.ty, say),
                None => crate::words::value_words_in(model, value, say),
            };
            format!(
                "{} = {words}",
                crate::facts::given::qualified_name(model, id)
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(say.semicolon))
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
fn keys_line(model: &Model, verdict: &VerdictAcrossReadings, lang: Lang) -> Option<String> {
    let say = lang.words();
    let info = model.verdicts.get(verdict.verdict as usize)?;
    let values: Vec<&crate::value::Value> = verdict.outcomes.iter().map(|o| &o.value).collect();
    let agreement = super::keys::agreement_by_key(info, &values)?;
    let names = |agree: bool| -> Vec<String> {
        agreement
            .iter()
            .filter(|(_, a)| *a == agree)
            .map(|(key, _)| super::keys::key_words_in(model, key, lang))
            .collect()
    };
    let (differ, same) = (names(false), names(true));
    if differ.is_empty() {
        return None;
    }
    let mut line = say.one(say.tables.disagree_for, &differ.join(", "));
    if !same.is_empty() {
        line.push_str(&say.one(say.tables.agree_for, &same.join(", ")));
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

/// The sentences of the assumptions the facts leave open, in `lang` where
/// the policy gives them.
fn open_sentences<'m>(model: &'m Model, all: &AllReadings, lang: Lang) -> Vec<&'m str> {
    all.assumptions
        .iter()
        .filter(|o| o.open())
        .filter_map(|o| {
            let info = model.assumptions.get(o.assumption as usize)?;
            Some(
                model
                    .described(Described::Assumption(o.assumption), lang)
                    .unwrap_or(info.sentence.as_str()),
            )
        })
        .collect()
}

/// The verdicts under every reading, as pretty-printed JSON with a final newline.
pub fn render_json(model: &Model, all: &AllReadings) -> String {
    let mut text = serde_json::to_string_pretty(&to_json(model, all)).unwrap_or_default();
    text.push('\n');
    text
}

/// The verdicts under every reading, as a Markdown report in English: a
/// table per verdict on which the readings disagree, then those on which
/// they agree.
pub fn render_markdown(model: &Model, all: &AllReadings) -> String {
    render_markdown_in(model, all, Lang::En)
}

/// The verdicts under every reading, as a Markdown report in `lang`'s words.
pub fn render_markdown_in(model: &Model, all: &AllReadings, lang: Lang) -> String {
    let say = lang.words();
    let (page, tables) = (&say.page, &say.tables);
    let mut out = String::new();
    let title = if model.instrument.title.is_empty() {
        String::from(tables.md_every_reading_title.1)
    } else {
        say.one(tables.md_every_reading_title.0, title(model, lang))
    };
    let _ = writeln!(
        out,
        "# {title}\n\n{}",
        say.one(tables.md_as_of, &say.date(all.as_of))
    );
    for sentence in open_sentences(model, all, lang) {
        let _ = writeln!(out, "\n{} {sentence}", page.assumed);
    }
    if let Some(given) = given_phrase_in(model, &all.given, lang) {
        let _ = writeln!(out, "\n{} {given}", page.given);
    }
    let divergent: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| !v.agree).collect();
    if !divergent.is_empty() {
        let _ = writeln!(out, "\n## {}", tables.disagree);
        for verdict in divergent {
            let name = verdict_name(model, verdict);
            let _ = writeln!(out, "\n### `{name}`\n");
            let names: Vec<String> = verdict
                .varied
                .iter()
                .map(|r| format!("`{}`", reading_name(model, *r)))
                .collect();
            let _ = writeln!(out, "| {} | {} |", names.join(" | "), tables.value_head.0);
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
                    outcome_words(model, verdict.verdict, outcome, lang).replace('|', "\\|")
                );
            }
        }
    }
    let agreeing: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| v.agree).collect();
    if !agreeing.is_empty() {
        let _ = writeln!(out, "\n## {}\n", tables.agree);
        for verdict in agreeing {
            let name = verdict_name(model, verdict);
            let value = common_words(model, verdict, lang);
            let _ = writeln!(out, "- `{name}`{}{value}", say.colon);
        }
    }
    out
}
