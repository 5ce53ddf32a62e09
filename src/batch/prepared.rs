//! The parts of a JSON Lines row that are the same in every row, written
//! once before the batch: verdict names as keys, enumeration values,
//! statuses, the batch's readings.

use super::write::push_json_string;
use crate::eval::Readings;
use crate::model::Model;

/// A batch's row parts, JSON-escaped once.
#[derive(Debug, Clone, Default)]
pub(super) struct Prepared {
    /// Each verdict's key: `"NAME":`.
    pub(super) keys: Vec<String>,
    /// Each enumeration's values as JSON strings, by enumeration.
    pub(super) enums: Vec<Vec<String>>,
    /// The batch's readings, and the `readings` object they give.
    pub(super) readings: Option<(Readings, String)>,
}

impl Prepared {
    /// The parts of `model`'s rows, for a batch under `readings`.
    pub(super) fn new(model: &Model, readings: &Readings) -> Prepared {
        let keys = model
            .verdicts
            .iter()
            .map(|verdict| {
                let mut key = String::new();
                push_json_string(&mut key, &verdict.name);
                key.push(':');
                key
            })
            .collect();
        let enums = model
            .enums
            .iter()
            .map(|enumeration| {
                enumeration
                    .values
                    .iter()
                    .map(|value| {
                        let mut text = String::new();
                        push_json_string(&mut text, value);
                        text
                    })
                    .collect()
            })
            .collect();
        let mut object = String::new();
        readings_object(model, readings, &mut object);
        Prepared {
            keys,
            enums,
            readings: Some((readings.clone(), object)),
        }
    }

    /// A verdict's key, or `None` for an index the model lacks.
    pub(super) fn key(&self, index: usize) -> Option<&str> {
        self.keys.get(index).map(String::as_str)
    }

    /// An enumeration value as a JSON string.
    pub(super) fn enum_value(&self, id: u32, index: u32) -> Option<&str> {
        self.enums
            .get(id as usize)?
            .get(index as usize)
            .map(String::as_str)
    }

    /// Writes a row's `readings` object: the prepared one when the row's
    /// readings are the batch's.
    pub(super) fn push_readings(&self, model: &Model, readings: &Readings, out: &mut String) {
        match &self.readings {
            Some((batch, object)) if batch == readings => out.push_str(object),
            _ => readings_object(model, readings, out),
        }
    }
}

/// A status as a JSON string.
pub(super) fn status_json(status: &str) -> &'static str {
    match status {
        "determined" => "\"determined\"",
        "undetermined" => "\"undetermined\"",
        "not_in_force" => "\"not_in_force\"",
        _ => "\"error\"",
    }
}

/// The `readings` object of a row evaluated under `readings`: each
/// reading's chosen alternative, by name.
fn readings_object(model: &Model, readings: &Readings, out: &mut String) {
    out.push('{');
    for (index, reading) in model.readings.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_json_string(out, &reading.name);
        out.push(':');
        let chosen = readings.alternative(index as crate::model::ReadingId) as usize;
        push_json_string(
            out,
            reading
                .alternatives
                .get(chosen)
                .map_or("", |a| a.name.as_str()),
        );
    }
    out.push('}');
}
