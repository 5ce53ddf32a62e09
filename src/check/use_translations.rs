//! A used policy's translations carried into the using model: each
//! translated sentence moved with the item it translates, under the item's
//! new id. A verdict's sentences stay with the used policy (its verdicts are
//! not this policy's), and so does its instrument's title. The English
//! descriptions of enumeration values move with the enumerations.

use super::Checker;
use crate::model::Model;
use crate::model::remap::Remap;
use crate::model::translations::Described;

impl Checker<'_> {
    /// Carries `used`'s translated descriptions into this model; a sentence
    /// this model translates already (a fact shared by both) keeps its own.
    pub(super) fn merge_translations(&mut self, prefix: &str, used: &Model, remap: &Remap) {
        // An enumeration both policies declare reads, where this one does
        // not describe a value, as the used policy describes it.
        for (index, e) in used.enums.iter().enumerate() {
            if let Some(own) = remap
                .enums
                .get(index)
                .and_then(|id| self.enums.get_mut(*id as usize))
            {
                super::declare::fill_descriptions(&mut own.descriptions, e.descriptions.clone());
            }
        }
        if used.translations.is_empty() {
            return;
        }
        let moved = |item: Described| -> Option<Described> {
            Some(match item {
                // The used instrument is not this one.
                Described::Instrument => return None,
                Described::Provision(id) => Described::Provision(remap.provision(id)),
                Described::Definition(id) => Described::Definition(remap.definition(id)),
                Described::Parameter(id) => Described::Parameter(remap.parameter(id)),
                Described::DeonticBinds(id) => Described::DeonticBinds(remap.deontic(id)),
                Described::DeonticAction(id) => Described::DeonticAction(remap.deontic(id)),
                Described::Fact(id) => Described::Fact(*remap.facts.get(id as usize)?),
                Described::Field(record, field) => {
                    Described::Field(*remap.records.get(record as usize)?, field)
                }
                Described::Type(id) => {
                    // Its types were added under `prefix.name`, the last of that name.
                    let name = format!("{prefix}.{}", used.types.get(id as usize)?.name);
                    let at = self
                        .types
                        .iter()
                        .rposition(|t| t.as_ref().is_some_and(|t| t.name == name))?;
                    Described::Type(at as u32)
                }
                Described::Reading(id) => Described::Reading(remap.reading(id)),
                Described::Alternative(id, index) => {
                    Described::Alternative(remap.reading(id), index)
                }
                Described::EnumValue(id, index) => {
                    Described::EnumValue(*remap.enums.get(id as usize)?, index)
                }
                Described::Assumption(id) => {
                    let span = remap.span(used.assumptions.get(id as usize)?.span);
                    let at = self.assumptions.iter().position(|a| a.span == span)?;
                    Described::Assumption(at as u32)
                }
            })
        };
        let items: Vec<(Described, crate::locale::Lang, String)> = used
            .translations
            .descriptions()
            .filter_map(|(item, lang, text)| Some((moved(item)?, lang, text.to_string())))
            .collect();
        for (item, lang, text) in items {
            if self.translations.description(item, lang).is_none() {
                self.translations.add_description(item, lang, text);
            }
        }
    }
}
