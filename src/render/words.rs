//! A verdict's outcome in words: its value or what is known of it, what it
//! depends on, and why it does not apply. The words for values are
//! [`crate::words`].

use crate::locale::Lang;
use crate::model::Model;
use crate::value::Bounds;
use crate::value::Value;
use crate::words::{known_of_words_in, value_words_in};

/// What keeps a verdict from applying on the date: `the instrument` or
/// `provision para5`, each with the period it is in force, in words.
pub fn not_in_force_words(
    model: &Model,
    evaluation: &crate::eval::Evaluation<'_>,
    outcome: &crate::eval::VerdictOutcome,
    lang: Lang,
) -> Vec<String> {
    let say = lang.words();
    let mut out = Vec::new();
    let instrument_out = model.instrument.in_force.is_some()
        && model
            .verdicts
            .get(outcome.verdict as usize)
            .is_none_or(|v| {
                v.provisions.is_empty()
                    || v.provisions.iter().all(|p| {
                        evaluation.provisions_in_force.get(*p as usize)
                            == Some(&Some(Value::Bool(false)))
                    })
            });
    let mut provisions_out = Vec::new();
    if let Some(verdict) = model.verdicts.get(outcome.verdict as usize) {
        for p in &verdict.provisions {
            if evaluation.provisions_in_force.get(*p as usize) == Some(&Some(Value::Bool(false)))
                && model
                    .provisions
                    .get(*p as usize)
                    .is_some_and(|info| info.in_force.is_some())
            {
                provisions_out.push(*p);
            }
        }
    }
    if instrument_out && provisions_out.is_empty() {
        out.push(String::from(say.sentences.the_instrument));
    }
    for p in provisions_out {
        if let Some(info) = model.provisions.get(p as usize) {
            out.push(say.one(say.sentences.provision, &info.name));
        }
    }
    if out.is_empty() {
        out.push(String::from(say.sentences.the_instrument));
    }
    out
}

/// A verdict's value in words: the value, or for an undetermined one what
/// is known of it and the unknown facts it depends on.
pub fn outcome_words(
    model: &Model,
    evaluation: &crate::eval::Evaluation<'_>,
    outcome: &crate::eval::VerdictOutcome,
    lang: Lang,
) -> String {
    let say = lang.words();
    match &outcome.value {
        value @ (Value::Unknown(_) | Value::Among(_)) => {
            let mut words = String::from(say.undetermined);
            if let Some(known) = known_of_words_in(model, value, say) {
                words.push_str(", ");
                words.push_str(&known);
            }
            let depends_on = crate::residual::depends_on(model, evaluation, outcome);
            if !depends_on.is_empty() {
                let facts: Vec<String> = depends_on
                    .iter()
                    .map(|(fact, fields)| {
                        let path = model.fact_path(*fact, fields);
                        let known = evaluation
                            .trace
                            .fact_value(*fact, fields)
                            .and_then(|v| known_of_words_in(model, v, say));
                        match known {
                            Some(known) => format!("{path} ({known})"),
                            None => path,
                        }
                    })
                    .collect();
                words.push_str(say.sentences.depends_on);
                words.push_str(&facts.join(", "));
            }
            words
        }
        other => value_words_in(model, other, say),
    }
}

/// An undetermined value in words: what is known of it and the unknown
/// facts it depends on, such as "undetermined, on or before 31 March 2026;
/// depends on mc14.opening".
pub fn undetermined_words(
    model: &Model,
    bounds: &Bounds,
    depends_on: &[(crate::model::FactId, Box<[u32]>)],
    lang: Lang,
) -> String {
    let say = lang.words();
    let mut words = String::from(say.undetermined);
    if let Some(known) = crate::words::bounds_words_in(bounds, say) {
        words.push_str(", ");
        words.push_str(&known);
    }
    if !depends_on.is_empty() {
        let facts: Vec<String> = depends_on
            .iter()
            .map(|(fact, fields)| model.fact_path(*fact, fields))
            .collect();
        words.push_str(say.sentences.depends_on);
        words.push_str(&facts.join(", "));
    }
    words
}

/// For a verdict that exact reasoning decided where the steps of the
/// evaluation left it open, the line that says so: "Whatever the facts not
/// given (mc13.opening), every case they allow gives false."
pub fn decided_words(
    model: &Model,
    outcome: &crate::eval::VerdictOutcome,
    lang: Lang,
) -> Option<String> {
    let say = lang.words();
    if outcome.decided_over.is_empty() || !outcome.value.is_known() {
        return None;
    }
    let facts: Vec<String> = outcome
        .decided_over
        .iter()
        .map(|(fact, fields)| model.fact_path(*fact, fields))
        .collect();
    Some(say.fill(
        say.sentences.decided,
        &[
            ('x', &facts.join(", ")),
            ('v', &value_words_in(model, &outcome.value, say)),
        ],
    ))
}
