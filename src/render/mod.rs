//! Renderers: evaluations and problems written for a person or a program;
//! [`html`] writes the report that puts the verdicts beside the law.

pub mod all_readings;
pub mod diagnostics;
pub mod errors;
pub mod html;
pub mod json;
pub mod keys;
pub mod lines;
pub mod markdown;
pub mod sentence;
pub mod svg;
pub mod svg_axis;
pub mod svg_notes;
pub mod text;
pub mod timeline;
pub mod timeline_compare;
pub mod timeline_words;
pub mod words;

use crate::explain::Detail;
use crate::value::Value;

/// A verdict's status as the outputs name it (`"status"` in JSON, the
/// batch's `NAME.status`): `error`, `not_in_force`, `determined` or
/// `undetermined`.
pub fn status_name(error: bool, in_force: &Value, value: &Value) -> &'static str {
    if error {
        "error"
    } else if *in_force == Value::Bool(false) {
        "not_in_force"
    } else if value.is_known() {
        "determined"
    } else {
        "undetermined"
    }
}

/// How to render an evaluation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// How much of each explanation to show.
    pub detail: Detail,
    /// Whether to colour text for a terminal.
    pub color: bool,
    /// The language of the sentences: the policy's own where it gives them,
    /// and the engine's words (English by default).
    pub lang: crate::locale::Lang,
}

/// The alternative in force for each reading of the model, and whether the
/// analyst chose it (otherwise it is the default), in declaration order.
pub fn readings_in_force<'m>(
    model: &'m crate::model::Model,
    readings: &crate::eval::Readings,
) -> Vec<(
    &'m crate::model::ReadingInfo,
    &'m crate::model::AlternativeInfo,
    bool,
)> {
    model
        .readings
        .iter()
        .enumerate()
        .filter_map(|(index, reading)| {
            let info = reading
                .alternatives
                .get(readings.alternative(index as u32) as usize)?;
            let chosen = readings.chosen.get(index).copied().unwrap_or(false);
            Some((reading, info, chosen))
        })
        .collect()
}

/// What an alternative of a reading means, in `lang` where the policy
/// gives it, otherwise in English; `None` where it says nothing.
pub fn alternative_sentence<'m>(
    model: &'m crate::model::Model,
    reading: &crate::model::ReadingInfo,
    alternative: &crate::model::AlternativeInfo,
    lang: crate::locale::Lang,
) -> Option<&'m str> {
    let index = model
        .readings
        .iter()
        .position(|r| std::ptr::eq(r, reading))?;
    let alt = reading
        .alternatives
        .iter()
        .position(|a| std::ptr::eq(a, alternative))?;
    let item = crate::model::translations::Described::Alternative(index as u32, alt as u32);
    model.described(item, lang)
}

/// The assumptions the facts leave open on the evaluation date, in file
/// order: the verdicts stand, but rest on them.
pub fn open_assumptions<'m>(
    model: &'m crate::model::Model,
    evaluation: &crate::eval::Evaluation<'_>,
) -> Vec<&'m crate::model::AssumptionInfo> {
    evaluation
        .assumptions
        .iter()
        .filter(|outcome| outcome.open())
        .filter_map(|outcome| model.assumptions.get(outcome.assumption as usize))
        .collect()
}

/// The definitions given a value in place of their rules, as
/// `para5.expiry_date = 26 March 2026` phrases joined by `; `; `None` when
/// none is given.
pub fn given_phrase(model: &crate::model::Model, given: &crate::facts::Given) -> Option<String> {
    let parts: Vec<String> = given
        .entries()
        .map(|(id, value)| {
            let words = match model.definitions.get(id as usize) {
                Some(definition) => crate::words::typed_words(model, value, &definition.ty),
                None => crate::words::value_words(model, value),
            };
            format!(
                "{} = {words}",
                crate::facts::given::qualified_name(model, id)
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}
