//! Arrow cells read as facts: each row of a table is written as the JSON
//! facts object its cells stand for, as a CSV row of the CLI's batch is,
//! and checked by the same facts loader. Column names are fact paths
//! (`mc14.opening`) or facts whose cells are structs (`mc14` with fields
//! `opening` and `closing`); a null cell is an unknown fact.

use std::fmt::Write as _;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType};
use arrow_schema::{DataType, TimeUnit};

/// Where a row's facts come from: an object whose members are columns or
/// groups of them.
#[derive(Debug, Default)]
pub(crate) struct Group {
    /// The members, in the order their first column came.
    pub(crate) members: Vec<(String, Node)>,
}

/// A member of the facts object.
#[derive(Debug)]
pub(crate) enum Node {
    /// A column, by index.
    Column(usize),
    /// The columns `NAME.FIELD...`, as an object.
    Group(Group),
}

impl Group {
    /// Places the column `index` at `path`; `Err` when another column gives
    /// the same member or one of its fields.
    pub(crate) fn insert(&mut self, path: &[&str], index: usize) -> Result<(), String> {
        let Some((first, rest)) = path.split_first() else {
            return Err(String::from("a column name is empty"));
        };
        let position = self.members.iter().position(|(name, _)| name == first);
        match (position, rest.is_empty()) {
            (None, true) => self.members.push((first.to_string(), Node::Column(index))),
            (None, false) => {
                let mut group = Group::default();
                group.insert(rest, index)?;
                self.members.push((first.to_string(), Node::Group(group)));
            }
            (Some(at), _) => match (&mut self.members[at].1, rest.is_empty()) {
                (Node::Group(group), false) => group.insert(rest, index)?,
                _ => return Err(format!("two columns give `{first}`")),
            },
        }
        Ok(())
    }
}

/// Whether cells of this type can be facts; `Err` names the first part
/// that cannot.
pub(crate) fn supported(data_type: &DataType) -> Result<(), String> {
    match data_type {
        DataType::Null
        | DataType::Boolean
        | DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64
        | DataType::Float32
        | DataType::Float64
        | DataType::Decimal128(_, _)
        | DataType::Decimal256(_, _)
        | DataType::Date32
        | DataType::Date64
        | DataType::Timestamp(_, _)
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View => Ok(()),
        DataType::List(field) | DataType::LargeList(field) => supported(field.data_type()),
        DataType::Struct(fields) => fields.iter().try_for_each(|f| supported(f.data_type())),
        // Read as their values (see `batch::plain`).
        DataType::Dictionary(_, value) => supported(value),
        other => Err(other.to_string()),
    }
}

/// Writes the facts object of row `row` into `out`; `Err` is the row's
/// error, naming the column.
pub(crate) fn write_row(
    group: &Group,
    columns: &[(String, ArrayRef)],
    row: usize,
    out: &mut String,
) -> Result<(), String> {
    if !write_group(group, columns, row, out)? {
        out.push_str("{}");
    }
    Ok(())
}

/// Writes a group as an object; `false` (and nothing written) when every
/// cell under it is null, so the fact is left out, as an empty CSV record.
fn write_group(
    group: &Group,
    columns: &[(String, ArrayRef)],
    row: usize,
    out: &mut String,
) -> Result<bool, String> {
    let start = out.len();
    out.push('{');
    let mut any = false;
    for (name, node) in &group.members {
        let mark = out.len();
        if any {
            out.push(',');
        }
        push_string(out, name);
        out.push(':');
        let wrote = match node {
            Node::Column(index) => match columns.get(*index) {
                Some((column, array)) => write_cell(array.as_ref(), row, out)
                    .map_err(|reason| format!("{column}: {reason}"))?,
                None => false,
            },
            Node::Group(inner) => write_group(inner, columns, row, out)?,
        };
        if wrote {
            any = true;
        } else {
            out.truncate(mark);
        }
    }
    if !any {
        out.truncate(start);
        return Ok(false);
    }
    out.push('}');
    Ok(true)
}

/// A JSON string literal.
pub(crate) fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes one cell's value; `false` for a null cell (written as nothing).
fn write_cell(array: &dyn Array, row: usize, out: &mut String) -> Result<bool, String> {
    if array.is_null(row) {
        return Ok(false);
    }
    match array.data_type() {
        DataType::Null => return Ok(false),
        DataType::Boolean => out.push_str(if array.as_boolean().value(row) {
            "true"
        } else {
            "false"
        }),
        DataType::Int8 => integer::<Int8Type>(array, row, out),
        DataType::Int16 => integer::<Int16Type>(array, row, out),
        DataType::Int32 => integer::<Int32Type>(array, row, out),
        DataType::Int64 => integer::<Int64Type>(array, row, out),
        DataType::UInt8 => integer::<UInt8Type>(array, row, out),
        DataType::UInt16 => integer::<UInt16Type>(array, row, out),
        DataType::UInt32 => integer::<UInt32Type>(array, row, out),
        DataType::UInt64 => integer::<UInt64Type>(array, row, out),
        DataType::Float32 => float(
            f64::from(array.as_primitive::<Float32Type>().value(row)),
            out,
            || array.as_primitive::<Float32Type>().value(row).to_string(),
        )?,
        DataType::Float64 => {
            let value = array.as_primitive::<Float64Type>().value(row);
            float(value, out, || value.to_string())?
        }
        DataType::Decimal128(_, _) => out.push_str(
            &array
                .as_primitive::<arrow_array::types::Decimal128Type>()
                .value_as_string(row),
        ),
        DataType::Decimal256(_, _) => out.push_str(
            &array
                .as_primitive::<arrow_array::types::Decimal256Type>()
                .value_as_string(row),
        ),
        DataType::Date32 => {
            let days = array.as_primitive::<Date32Type>().value(row);
            let date = arrow_array::temporal_conversions::date32_to_datetime(days)
                .ok_or_else(|| format!("{days} days from 1970 is not a date"))?;
            push_date(out, date.date());
        }
        DataType::Date64 => {
            let millis = array.as_primitive::<Date64Type>().value(row);
            let date = arrow_array::temporal_conversions::date64_to_datetime(millis)
                .ok_or_else(|| format!("{millis} ms from 1970 is not a date"))?;
            push_date(out, date.date());
        }
        DataType::Timestamp(unit, zone) => {
            let moment = match unit {
                TimeUnit::Second => moment::<TimestampSecondType>(array, row, zone.as_deref()),
                TimeUnit::Millisecond => {
                    moment::<TimestampMillisecondType>(array, row, zone.as_deref())
                }
                TimeUnit::Microsecond => {
                    moment::<TimestampMicrosecondType>(array, row, zone.as_deref())
                }
                TimeUnit::Nanosecond => {
                    moment::<TimestampNanosecondType>(array, row, zone.as_deref())
                }
            }?;
            if moment.time() != chrono::NaiveTime::MIN {
                return Err(format!(
                    "{moment} is not a day: a timestamp stands for a date only at midnight"
                ));
            }
            push_date(out, moment.date());
        }
        DataType::Utf8 => push_string(out, array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => push_string(out, array.as_string::<i64>().value(row)),
        DataType::Utf8View => push_string(out, array.as_string_view().value(row)),
        DataType::List(_) => write_list(array.as_list::<i32>().value(row).as_ref(), out)?,
        DataType::LargeList(_) => write_list(array.as_list::<i64>().value(row).as_ref(), out)?,
        DataType::Struct(fields) => {
            let array = array.as_struct();
            let start = out.len();
            out.push('{');
            let mut any = false;
            for (field, column) in fields.iter().zip(array.columns()) {
                let mark = out.len();
                if any {
                    out.push(',');
                }
                push_string(out, field.name());
                out.push(':');
                if write_cell(column.as_ref(), row, out)
                    .map_err(|reason| format!("{}: {reason}", field.name()))?
                {
                    any = true;
                } else {
                    out.truncate(mark);
                }
            }
            if !any {
                out.truncate(start);
                return Ok(false);
            }
            out.push('}');
        }
        other => return Err(format!("cells of type {other} cannot be facts")),
    }
    Ok(true)
}

/// A list's elements, a null element as `null`.
fn write_list(items: &dyn Array, out: &mut String) -> Result<(), String> {
    out.push('[');
    for index in 0..items.len() {
        if index > 0 {
            out.push(',');
        }
        if !write_cell(items, index, out)? {
            out.push_str("null");
        }
    }
    out.push(']');
    Ok(())
}

/// An integer cell, in digits.
fn integer<T: ArrowPrimitiveType>(array: &dyn Array, row: usize, out: &mut String)
where
    T::Native: std::fmt::Display,
{
    let _ = write!(out, "{}", array.as_primitive::<T>().value(row));
}

/// A float cell as its shortest text, which reads back as the same float;
/// a NaN or an infinity is no number a fact holds.
fn float(value: f64, out: &mut String, text: impl Fn() -> String) -> Result<(), String> {
    if !value.is_finite() {
        return Err(format!("{value} is not a number a fact can hold"));
    }
    out.push_str(&text());
    Ok(())
}

/// A date as JSON text, `"YYYY-MM-DD"`.
fn push_date(out: &mut String, date: chrono::NaiveDate) {
    use chrono::Datelike;
    if (0..=9999).contains(&date.year()) {
        // Written by hand: chrono's formatter costs more than the row's facts.
        let _ = write!(
            out,
            "\"{:04}-{:02}-{:02}\"",
            date.year(),
            date.month(),
            date.day()
        );
    } else {
        let _ = write!(out, "\"{}\"", date.format("%Y-%m-%d"));
    }
}

/// A timestamp cell as the wall-clock time it stands for: in its time zone
/// when it has one.
fn moment<T: arrow_array::types::ArrowTimestampType>(
    array: &dyn Array,
    row: usize,
    zone: Option<&str>,
) -> Result<chrono::NaiveDateTime, String> {
    let value = array.as_primitive::<T>().value(row);
    let moment = match zone {
        None => arrow_array::temporal_conversions::as_datetime::<T>(value),
        Some(zone) => {
            let zone: arrow_array::timezone::Tz = zone
                .parse()
                .map_err(|_| format!("`{zone}` is not a time zone"))?;
            arrow_array::temporal_conversions::as_datetime_with_timezone::<T>(value, zone)
                .map(|moment| moment.naive_local())
        }
    };
    moment.ok_or_else(|| format!("{value} is not a time a date can be read from"))
}
