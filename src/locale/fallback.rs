//! The sentences a policy lacks in a language, which a command asked for
//! that language writes in English: counted once, before anything is
//! written, so that a command can warn an analyst who would otherwise be
//! surprised by English among French or Spanish.

use super::Lang;
use crate::model::Model;
use crate::model::translations::Described;

/// What a policy lacks in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fallbacks {
    /// The language asked for.
    pub lang: Lang,
    /// The verdicts whose sentence is written in English, by name, in the
    /// policy's order.
    pub verdicts: Vec<String>,
    /// How many other sentences (descriptions, headings, readings'
    /// alternatives, assumptions, enumeration values described in English
    /// only) are written in English.
    pub descriptions: usize,
}

impl Fallbacks {
    /// The sentences `model` lacks in `lang`; none for English.
    pub fn of(model: &Model, lang: Lang) -> Fallbacks {
        let mut out = Fallbacks {
            lang,
            ..Fallbacks::default()
        };
        if lang == Lang::En {
            return out;
        }
        for (id, verdict) in model.verdicts.iter().enumerate() {
            if model.translations.verdict(id as u32, lang).is_none() {
                out.verdicts.push(verdict.name.clone());
            }
        }
        out.descriptions = sentences(model)
            .filter(|item| model.english(*item).is_some_and(|text| !text.is_empty()))
            .filter(|item| model.translations.description(*item, lang).is_none())
            .count();
        out
    }

    /// How many sentences fall back to English.
    pub fn count(&self) -> usize {
        self.verdicts.len() + self.descriptions
    }

    /// The warning to print, `None` when nothing falls back: "12 sentences
    /// of the policy have no French version and are written in English:
    /// the sentences of the verdicts a, b, and 7 descriptions."
    pub fn warning(&self) -> Option<String> {
        let count = self.count();
        if count == 0 {
            return None;
        }
        let noun = if count == 1 { "sentence" } else { "sentences" };
        let verb = if count == 1 { "has" } else { "have" };
        let mut parts = Vec::new();
        match self.verdicts.as_slice() {
            [] => {}
            [one] => parts.push(format!("the sentence of the verdict {one}")),
            many => parts.push(format!("the sentences of the verdicts {}", many.join(", "))),
        }
        match self.descriptions {
            0 => {}
            1 => parts.push(String::from("1 description")),
            n => parts.push(format!("{n} descriptions")),
        }
        Some(format!(
            "{count} {noun} of the policy {verb} no {} version and {} written in English: {}.",
            self.lang.english_name(),
            if count == 1 { "is" } else { "are" },
            parts.join(", and ")
        ))
    }
}

/// The ids `0..n`.
fn ids(n: usize) -> std::ops::Range<u32> {
    0..n as u32
}

/// Every translatable sentence of a model other than its verdicts'.
fn sentences(model: &Model) -> impl Iterator<Item = Described> + '_ {
    std::iter::once(Described::Instrument)
        .chain(ids(model.provisions.len()).map(Described::Provision))
        .chain(ids(model.definitions.len()).map(Described::Definition))
        .chain(ids(model.parameters.len()).map(Described::Parameter))
        .chain(
            ids(model.deontics.len())
                .flat_map(|d| [Described::DeonticBinds(d), Described::DeonticAction(d)]),
        )
        .chain(ids(model.facts.len()).map(Described::Fact))
        .chain(model.records.iter().enumerate().flat_map(|(r, record)| {
            ids(record.fields.len()).map(move |f| Described::Field(r as u32, f))
        }))
        .chain(ids(model.types.len()).map(Described::Type))
        .chain(model.readings.iter().enumerate().flat_map(|(r, reading)| {
            std::iter::once(Described::Reading(r as u32)).chain(
                ids(reading.alternatives.len()).map(move |a| Described::Alternative(r as u32, a)),
            )
        }))
        .chain(ids(model.assumptions.len()).map(Described::Assumption))
        // A value with no description reads as its name in every language:
        // only one described in English can fall back to English.
        .chain(model.enums.iter().enumerate().flat_map(|(e, enumeration)| {
            ids(enumeration.descriptions.len()).map(move |v| Described::EnumValue(e as u32, v))
        }))
}
