//! CSV input: each row turned into the facts object it stands for, so that
//! it is checked exactly as a JSON facts file is.
//!
//! The header names fact paths (`as_of`, `mc14.opening`, `measure.kind`); a
//! cell is read as the declared type of its path wants (`true`/`false`,
//! numbers, text, ranges such as `>=2026-05-01`), and an empty cell is left
//! out: unknown. The records are
//! split by `csv_records`, which says how a quote left open is recovered from.

use std::io;

use serde_json::{Map, Value as Json};

use super::columns::{Extras, Kept, READING_PREFIX, is_fact};
use super::csv_records::{CsvRecords, Record};
use crate::model::{Model, Type};

/// Rows of a CSV input, as facts objects in JSON text.
pub(super) struct CsvRows<R: io::Read> {
    records: CsvRecords<R>,
    /// The header's columns, read with the first row.
    header: Option<Vec<Column>>,
    done: bool,
    /// The columns named by `--keep`.
    keep: Vec<String>,
    /// Whether every column that is not a fact is kept.
    keep_all_unknown: bool,
}

/// What a column of the header stands for.
struct Column {
    /// Its name as written, trimmed.
    name: String,
    /// Its fact path and type; `None` for a column that is no fact.
    fact: Option<(Vec<String>, Type)>,
    /// Whether its cells are copied to the output row.
    kept: bool,
    /// The reading it chooses, for `reading.NAME`.
    reading: Option<String>,
}

/// The declared type at a path of facts, if the path names one.
fn type_at(model: &Model, path: &[String]) -> Type {
    let Some((head, rest)) = path.split_first() else {
        return Type::Error;
    };
    if head == "as_of" && rest.is_empty() {
        return Type::Date;
    }
    let Some(fact) = model.facts.iter().find(|f| f.field.name == *head) else {
        return Type::Error;
    };
    let mut ty = fact.field.ty.clone();
    // `FACT.history.DATE`: a fact's value from a date of its history, of
    // the fact's type (unless the fact is a record with a `history` field).
    if let [key, _date] = rest
        && key == crate::facts::HISTORY
        && !crate::facts::history::has_history_field(model, &ty)
    {
        return ty;
    }
    for segment in rest {
        let record = match &ty {
            Type::OrNone(inner) => inner.as_ref(),
            other => other,
        };
        let next = match record {
            Type::Record(id) => model
                .records
                .get(*id as usize)
                .and_then(|r| r.fields.iter().find(|f| f.name == *segment))
                .map(|f| f.ty.clone()),
            _ => None,
        };
        ty = next.unwrap_or(Type::Error);
    }
    ty
}

/// A cell as the JSON value its type wants; text when it does not parse, so
/// that the facts check reports it. A date, number or amount may be a range
/// (`2026-01-01..2026-06-30`, `>=18`, `<=EUR 20000`) and an enumeration one
/// of several values (`customs_duty|internal_tax`): the facts file's range
/// objects, written so that no single value can be read as one.
fn cell_json(ty: &Type, text: &str) -> Json {
    let inner = match ty {
        Type::OrNone(inner) => inner.as_ref(),
        other => other,
    };
    if let Some(range) = range_json(inner, text.trim()) {
        return range;
    }
    match ty {
        // `none`, and for text `{"none": true}`, which the facts check reads.
        Type::OrNone(inner) => match text.trim() {
            "none" if **inner != Type::Text => Json::String(text.trim().to_string()),
            r#"{"none": true}"# | r#"{"none":true}"# => {
                Json::Object(Map::from_iter([(String::from("none"), Json::Bool(true))]))
            }
            _ => cell_json(inner, text),
        },
        Type::Bool => match text.trim() {
            "true" => Json::Bool(true),
            "false" => Json::Bool(false),
            _ => Json::String(text.to_string()),
        },
        Type::Integer => {
            integer_json(text.trim()).unwrap_or_else(|| Json::String(text.to_string()))
        }
        // A cell written as a JSON number (`12.50`, `1.5e3`) is read as one,
        // exactly, as in a JSON Lines row; any other text as the type wants.
        Type::Decimal | Type::Money(_) => serde_json::from_str::<serde_json::Number>(text.trim())
            .map_or_else(|_| Json::String(text.to_string()), Json::Number),
        _ => Json::String(text.to_string()),
    }
}

/// A number written in a cell as a JSON number, of any length: the facts
/// check reads it exactly, or refuses it as too large or not whole, as it
/// does in a JSON Lines row. `None` for any other text.
fn integer_json(text: &str) -> Option<Json> {
    if let Ok(small) = text.parse::<i64>() {
        return Some(Json::from(small));
    }
    // Holds the text exactly (serde_json's `arbitrary_precision`); `3.0`
    // and `1e3` are whole numbers, as in a JSON Lines row.
    serde_json::from_str::<serde_json::Number>(text)
        .ok()
        .map(Json::Number)
}

/// A range or a choice written in a cell, as its facts object; `None` for
/// a cell that is neither.
fn range_json(ty: &Type, text: &str) -> Option<Json> {
    let key = |lower: bool| match (ty, lower) {
        (Type::Date, true) => "on_or_after",
        (Type::Date, false) => "on_or_before",
        (_, true) => "at_least",
        (_, false) => "at_most",
    };
    let one = |end: &str| end_json(ty, end.trim());
    match ty {
        Type::Date | Type::Integer | Type::Decimal | Type::Money(_) => {
            let mut object = Map::new();
            if let Some(lower) = text.strip_prefix(">=") {
                object.insert(key(true).to_string(), one(lower));
            } else if let Some(upper) = text.strip_prefix("<=") {
                object.insert(key(false).to_string(), one(upper));
            } else if let Some((lower, upper)) = text.split_once("..") {
                object.insert(
                    "between".to_string(),
                    Json::Array(vec![one(lower), one(upper)]),
                );
            } else {
                return None;
            }
            Some(Json::Object(object))
        }
        Type::Enum(_) if text.contains('|') => {
            let values = text.split('|').map(|v| Json::String(v.trim().to_string()));
            let mut object = Map::new();
            object.insert("one_of".to_string(), Json::Array(values.collect()));
            Some(Json::Object(object))
        }
        _ => None,
    }
}

/// One end of a range in a cell: a whole number as a number, so that an
/// integer fact reads it; anything else as text, read as the type wants.
fn end_json(ty: &Type, text: &str) -> Json {
    match ty {
        Type::Integer => integer_json(text).unwrap_or_else(|| Json::String(text.to_string())),
        _ => Json::String(text.to_string()),
    }
}

impl<R: io::Read> CsvRows<R> {
    /// Rows of `input`; a record may span at most `limit` bytes while a quote is open.
    pub(super) fn new(input: R, limit: usize, keep: Vec<String>, keep_all_unknown: bool) -> Self {
        CsvRows {
            records: CsvRecords::new(input, limit),
            header: None,
            done: false,
            keep,
            keep_all_unknown,
        }
    }

    /// The header's names, once read (`None` before the first row).
    pub(super) fn header_names(&self) -> Option<Vec<String>> {
        Some(
            self.header
                .as_ref()?
                .iter()
                .map(|c| c.name.clone())
                .collect(),
        )
    }

    /// The names of the header's kept columns, in header order.
    pub(super) fn kept_names(&self) -> Option<Vec<String>> {
        Some(
            self.header
                .as_ref()?
                .iter()
                .filter(|c| c.kept)
                .map(|c| c.name.clone())
                .collect(),
        )
    }

    /// The next row: its line number and its facts as JSON text, or why it
    /// cannot be read; `None` at the end.
    pub(super) fn next_row(
        &mut self,
        model: &Model,
    ) -> io::Result<Option<(usize, super::read::RowText)>> {
        if self.done {
            return Ok(None);
        }
        let header = match &self.header {
            Some(header) => header,
            None => match self.records.next_record()? {
                None => {
                    self.done = true;
                    return Ok(None);
                }
                Some(Record {
                    line,
                    cells: Err(message),
                }) => {
                    self.done = true;
                    return Ok(Some((
                        line,
                        Err(format!("the CSV header cannot be read: {message}")),
                    )));
                }
                Some(Record {
                    cells: Ok(names), ..
                }) => {
                    let (keep, all) = (&self.keep, self.keep_all_unknown);
                    self.header.insert(
                        names
                            .iter()
                            .map(|name| column(model, name.trim(), keep, all))
                            .collect(),
                    )
                }
            },
        };
        let Some(record) = self.records.next_record()? else {
            self.done = true;
            return Ok(None);
        };
        let cells = match record.cells {
            Ok(cells) => cells,
            Err(message) => return Ok(Some((record.line, Err(message)))),
        };
        if cells.len() != header.len() {
            return Ok(Some((
                record.line,
                Err(format!(
                    "the row has {} cells, the header {}",
                    cells.len(),
                    header.len()
                )),
            )));
        }
        let mut root = Map::new();
        let mut extras = Extras::default();
        for (column, text) in header.iter().zip(cells) {
            if let Some(reading) = &column.reading {
                if !text.is_empty() {
                    extras.readings.push((reading.clone(), text));
                }
                continue;
            }
            if let Some((path, ty)) = &column.fact
                && !text.is_empty()
            {
                insert(&mut root, path, cell_json(ty, &text));
            }
            if column.kept {
                extras.kept.push((column.name.clone(), Kept::Text(text)));
            }
        }
        let extras =
            (!extras.kept.is_empty() || !extras.readings.is_empty()).then(|| Box::new(extras));
        Ok(Some((
            record.line,
            Ok((Json::Object(root).to_string(), extras)),
        )))
    }
}

/// A header's column: a fact path, a reading, or a column kept.
fn column(model: &Model, name: &str, keep: &[String], keep_all_unknown: bool) -> Column {
    if let Some(reading) = name.strip_prefix(READING_PREFIX) {
        return Column {
            name: name.to_string(),
            fact: None,
            kept: false,
            reading: Some(reading.to_string()),
        };
    }
    let path: Vec<String> = name.split('.').map(str::to_string).collect();
    let head_is_fact = path.first().is_some_and(|head| is_fact(model, head));
    let named = keep.iter().any(|k| k == name);
    // An unknown column named as one of the output's is not kept: it stays
    // an unknown fact, and its rows are error rows.
    let kept = named
        || (keep_all_unknown
            && !head_is_fact
            && !super::columns::output_columns(model)
                .iter()
                .any(|o| o == name));
    // A column kept for want of being a fact is not read as one; a column
    // named by `--keep` is read as a fact too when it is one.
    let fact = (head_is_fact || !kept).then(|| {
        let ty = type_at(model, &path);
        (path, ty)
    });
    Column {
        name: name.to_string(),
        fact,
        kept,
        reading: None,
    }
}

/// Sets the value at a dotted path, creating the objects on the way.
fn insert(root: &mut Map<String, Json>, path: &[String], value: Json) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut object = root;
    for parent in parents {
        let entry = object
            .entry(parent.clone())
            .or_insert_with(|| Json::Object(Map::new()));
        if !entry.is_object() {
            *entry = Json::Object(Map::new());
        }
        let Json::Object(next) = entry else { return };
        object = next;
    }
    object.insert(last.clone(), value);
}
