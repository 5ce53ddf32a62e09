//! A policy's sentences in French and Spanish, beside the English ones the
//! model's items carry.
//!
//! They are kept in a table of their own, keyed by what they translate, so
//! that the model's items and the evaluation that reads them stay as they
//! are: only the renderers ask for a language, and every question falls
//! back to English where the policy gives no translation.

use std::collections::BTreeMap;

use super::template::Template;
use super::{
    AssumptionId, DefinitionId, DeonticId, FactId, Model, ParameterId, ProvisionId, ReadingId,
    VerdictId,
};
use crate::locale::Lang;

/// An index into [`Model::types`].
pub type TypeIndex = u32;
/// An index into [`Model::records`].
pub type RecordIndex = u32;

/// A sentence of the policy that can be translated: a description, a
/// heading, a deontic rule's parties or action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Described {
    /// The instrument's title.
    Instrument,
    /// A provision's heading.
    Provision(ProvisionId),
    /// A definition's description.
    Definition(DefinitionId),
    /// A dated value's description.
    Parameter(ParameterId),
    /// Whom a deontic rule binds (`binds "Members"`).
    DeonticBinds(DeonticId),
    /// The action a deontic rule concerns (`action "imposing ..."`).
    DeonticAction(DeonticId),
    /// A fact's or an event's description.
    Fact(FactId),
    /// The description of a record type's field: the record and the field's index.
    Field(RecordIndex, u32),
    /// A named type's description.
    Type(TypeIndex),
    /// What a reading leaves ambiguous.
    Reading(ReadingId),
    /// What one alternative of a reading means: the reading and the alternative's index.
    Alternative(ReadingId, u32),
    /// An assumption's sentence.
    Assumption(AssumptionId),
    /// How a value of an enumeration reads: the enumeration and the value's index.
    EnumValue(super::EnumId, u32),
}

/// The translations a policy gives, by what they translate and language.
/// English is never stored here: it is the items' own text.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    verdicts: BTreeMap<(VerdictId, Lang), Template>,
    descriptions: BTreeMap<(Described, Lang), String>,
}

impl Translations {
    /// Records a verdict's sentence in a language other than English
    /// (English is the verdict's own and is not recorded).
    pub fn add_verdict(&mut self, verdict: VerdictId, lang: Lang, template: Template) {
        if lang != Lang::En {
            self.verdicts.insert((verdict, lang), template);
        }
    }

    /// Records a description in a language other than English (English is
    /// the item's own and is not recorded).
    pub fn add_description(&mut self, item: Described, lang: Lang, text: String) {
        if lang != Lang::En {
            self.descriptions.insert((item, lang), text);
        }
    }

    /// A verdict's own sentence in `lang`, if the policy gives one.
    pub fn verdict(&self, verdict: VerdictId, lang: Lang) -> Option<&Template> {
        self.verdicts.get(&(verdict, lang))
    }

    /// A description's own text in `lang`, if the policy gives one.
    pub fn description(&self, item: Described, lang: Lang) -> Option<&str> {
        self.descriptions.get(&(item, lang)).map(String::as_str)
    }

    /// Every verdict sentence given, in order of verdict and language.
    pub fn verdicts(&self) -> impl Iterator<Item = (VerdictId, Lang, &Template)> {
        self.verdicts
            .iter()
            .map(|((verdict, lang), template)| (*verdict, *lang, template))
    }

    /// Every description given, in order of item and language.
    pub fn descriptions(&self) -> impl Iterator<Item = (Described, Lang, &str)> {
        self.descriptions
            .iter()
            .map(|((item, lang), text)| (*item, *lang, text.as_str()))
    }

    /// Whether the policy gives no translation at all.
    pub fn is_empty(&self) -> bool {
        self.verdicts.is_empty() && self.descriptions.is_empty()
    }
}

impl Model {
    /// A verdict's sentence in `lang`, or its English sentence where the
    /// policy gives none in that language.
    pub fn verdict_template(&self, verdict: VerdictId, lang: Lang) -> Option<&Template> {
        // English is never in the table, so it falls through to the item's own.
        if let Some(template) = self.translations.verdict(verdict, lang) {
            return Some(template);
        }
        self.verdicts.get(verdict as usize).map(|v| &v.template)
    }

    /// A sentence of the policy in `lang`, or in English where the policy
    /// gives none in that language; `None` where the item has no text.
    pub fn described(&self, item: Described, lang: Lang) -> Option<&str> {
        if let Some(text) = self.translations.description(item, lang) {
            return Some(text);
        }
        self.english(item)
    }

    /// The English text of a translatable sentence.
    pub fn english(&self, item: Described) -> Option<&str> {
        let at = |index: u32| index as usize;
        match item {
            Described::Instrument => Some(self.instrument.title.as_str()),
            Described::Provision(id) => self.provisions.get(at(id))?.heading.as_deref(),
            Described::Definition(id) => self.definitions.get(at(id))?.description.as_deref(),
            Described::Parameter(id) => self.parameters.get(at(id))?.description.as_deref(),
            Described::DeonticBinds(id) => Some(self.deontics.get(at(id))?.binds.as_str()),
            Described::DeonticAction(id) => Some(self.deontics.get(at(id))?.action.as_str()),
            Described::Fact(id) => self.facts.get(at(id))?.field.description.as_deref(),
            Described::Field(record, field) => self
                .records
                .get(at(record))?
                .fields
                .get(at(field))?
                .description
                .as_deref(),
            Described::Type(id) => self.types.get(at(id))?.description.as_deref(),
            Described::Reading(id) => self.readings.get(at(id))?.description.as_deref(),
            Described::Alternative(reading, alternative) => self
                .readings
                .get(at(reading))?
                .alternatives
                .get(at(alternative))?
                .sentence
                .as_deref(),
            Described::Assumption(id) => Some(self.assumptions.get(at(id))?.sentence.as_str()),
            Described::EnumValue(id, index) => self.enums.get(at(id))?.description(index),
        }
    }
}
