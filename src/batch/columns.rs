//! The columns of a row that are not facts: those kept (`--keep`,
//! `--keep-all-unknown`), copied to the output row unchanged so that the row
//! joins back to its input, and `reading.NAME`, which chooses a reading for
//! the row alone.
//!
//! Only rows of a batch that asks for them, or that name a reading, are
//! split; the others go to the facts reader as they came.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::eval::Readings;
use crate::model::Model;

/// The prefix of a column that chooses a reading for its row.
pub const READING_PREFIX: &str = "reading.";

/// A kept cell as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kept {
    /// A JSON Lines field: its JSON text, as written.
    Json(String),
    /// A CSV cell: its text.
    Text(String),
}

/// What a row carries beside its facts.
#[derive(Debug, Clone, Default)]
pub(super) struct Extras {
    /// Kept columns, by name, in the order they were read.
    pub(super) kept: Vec<(String, Kept)>,
    /// Readings chosen by the row: (reading, alternative).
    pub(super) readings: Vec<(String, String)>,
    /// Why the row is an error row, found while splitting it: its kept
    /// columns are still copied.
    pub(super) error: Option<String>,
}

/// Which columns a batch keeps.
#[derive(Debug, Clone, Default)]
pub(super) struct Keep<'a> {
    /// Named by `--keep`.
    pub(super) named: &'a [String],
    /// Every column that is not a fact.
    pub(super) all_unknown: bool,
}

impl Keep<'_> {
    /// Whether rows must be split at all.
    pub(super) fn any(&self) -> bool {
        !self.named.is_empty() || self.all_unknown
    }
}

/// Whether a top-level name is read as facts: a fact's name or `as_of`.
pub(super) fn is_fact(model: &Model, name: &str) -> bool {
    name == crate::facts::AS_OF || model.facts.iter().any(|f| f.field.name == name)
}

/// The output's own columns, which a kept column may not take: `line`,
/// `error` and the others of JSON Lines rows, `as_of`, `readings`,
/// `reading.NAME`, each verdict's name and its `NAME.status`,
/// `NAME.depends_on`, `NAME.residual`, `NAME.agree` and `NAME.outcomes`.
pub fn output_columns(model: &Model) -> Vec<String> {
    let mut names: Vec<String> = [
        "line",
        "error",
        "verdicts",
        "errors",
        "assumed_not_known",
        "explanations",
        "as_of",
        "readings",
        "status",
        "depends_on",
        "residual",
        "all_readings",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for reading in &model.readings {
        names.push(format!("{READING_PREFIX}{}", reading.name));
    }
    for verdict in &model.verdicts {
        names.push(verdict.name.clone());
        for column in ["status", "depends_on", "residual", "agree", "outcomes"] {
            names.push(format!("{}.{column}", verdict.name));
        }
    }
    names
}

/// A JSON object's fields in order, each value's text as written (so that
/// numbers of any length stay as they are).
struct Fields<'a>(Vec<(std::borrow::Cow<'a, str>, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Object;
        impl<'de> Visitor<'de> for Object {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(Object)
    }
}

/// Splits a JSON Lines row into the text of its facts and its extras: kept
/// fields are copied (a kept fact stays a fact too), `reading.NAME` fields
/// are taken out. `None` when the row has nothing to split or is no JSON
/// object: it goes to the facts reader whole, which says what is wrong.
/// A field that cannot be kept or a reading that is no text sets the
/// extras' `error`.
pub(super) fn split_json(model: &Model, text: &str, keep: &Keep<'_>) -> Option<(String, Extras)> {
    if !keep.any() && !text.contains("\"reading.") {
        return None;
    }
    let fields: Fields<'_> = serde_json::from_str(text).ok()?;
    let mut extras = Extras::default();
    let mut facts = String::with_capacity(text.len());
    facts.push('{');
    let output = keep.all_unknown.then(|| output_columns(model));
    for (name, value) in &fields.0 {
        if let Some(reading) = name.strip_prefix(READING_PREFIX) {
            match serde_json::from_str::<String>(value.get()) {
                Ok(alternative) => extras.readings.push((reading.to_string(), alternative)),
                Err(_) => {
                    extras.error.get_or_insert_with(|| {
                        format!(
                            "`{name}` is {}, not the name of an alternative",
                            value.get()
                        )
                    });
                }
            }
            continue;
        }
        let fact = is_fact(model, name);
        let named = keep.named.iter().any(|k| k == name);
        if named || (keep.all_unknown && !fact) {
            if let Some(output) = &output
                && !named
                && output.iter().any(|o| o == name)
            {
                extras.error.get_or_insert_with(|| format!(
                    "the field `{name}` is not a fact and cannot be kept: the output has a field `{name}` of its own; rename it"
                ));
                continue;
            }
            extras
                .kept
                .push((name.to_string(), Kept::Json(value.get().to_string())));
            if !fact {
                continue;
            }
        }
        if facts.len() > 1 {
            facts.push(',');
        }
        super::write::push_json_string(&mut facts, name);
        facts.push(':');
        facts.push_str(value.get());
    }
    facts.push('}');
    Some((facts, extras))
}

/// The readings of a row: the batch's, with the row's own choices over them.
/// `Err` names a reading or an alternative the policy lacks, with a
/// did-you-mean.
pub(super) fn row_readings(
    model: &Model,
    base: &Readings,
    chosen: &[(String, String)],
) -> Result<Readings, String> {
    let mut readings = base.clone();
    for (name, alternative) in chosen {
        match crate::eval::readings::find_choice(model, name, alternative) {
            Ok((id, index)) => {
                if let (Some(slot), Some(flag)) = (
                    readings.alternatives.get_mut(id as usize),
                    readings.chosen.get_mut(id as usize),
                ) {
                    *slot = index;
                    *flag = true;
                }
            }
            Err(unknown) => {
                return Err(format!(
                    "`{READING_PREFIX}{name}`: {} ({})",
                    unknown.message, unknown.help
                ));
            }
        }
    }
    Ok(readings)
}
