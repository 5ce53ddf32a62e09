//! Values in words, as a person writes them: dates as "26 March 2026",
//! enumeration values with spaces, unknown values with what is known of them.
//! The checker, the evaluator, the explainer and the renderers all write
//! values this way, so this module depends on the model's types alone.
//!
//! A list is never written whole: its first [`LIST_ELEMENTS_SHOWN`]
//! elements, then how many more there are, `[1, 2, ..., 10, and 999,990
//! more]`, at every depth. The elements left out are never turned into
//! words, so a list of a million elements costs no more to describe than a
//! list of ten.

use chrono::{Datelike, NaiveDate};

use crate::model::Model;
use crate::value::{Bounds, Scalar, Value};

/// The most elements of a list that words and explanations show; the others
/// are counted, "and 999,990 more".
pub const LIST_ELEMENTS_SHOWN: usize = 10;

/// A count with its thousands grouped: `999,990`.
pub fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A list in brackets, its first [`LIST_ELEMENTS_SHOWN`] elements written by
/// `each`, then "and N more" for the others, which are not written.
pub fn bounded_list<T>(items: &[T], mut each: impl FnMut(&T) -> String) -> String {
    let mut out = String::from("[");
    for (index, item) in items.iter().take(LIST_ELEMENTS_SHOWN).enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        out.push_str(&each(item));
    }
    if items.len() > LIST_ELEMENTS_SHOWN {
        out.push_str(", and ");
        out.push_str(&grouped(items.len() - LIST_ELEMENTS_SHOWN));
        out.push_str(" more");
    }
    out.push(']');
    out
}

/// A value as [`Model::format_value`] writes it (dates `YYYY-MM-DD`, text
/// quoted), except that lists, at any depth, are bounded as
/// [`bounded_list`] bounds them.
pub fn bounded_format(model: &Model, value: &Value) -> String {
    match value {
        Value::List(items) => bounded_list(items, |item| bounded_format(model, item)),
        Value::Record(fields) => {
            let parts: Vec<String> = fields.iter().map(|f| bounded_format(model, f)).collect();
            format!("({})", parts.join(", "))
        }
        other => model.format_value(other),
    }
}

/// A date as a person writes it: `26 March 2026`.
pub fn human_date(date: NaiveDate) -> String {
    crate::calendar::day_words(date.year(), date.month(), date.day())
}

fn scalar_words(scalar: Scalar) -> String {
    match scalar {
        Scalar::Date(d) => human_date(d),
        Scalar::Number(n) => n.normalize().to_string(),
        Scalar::Money(m) => m.to_string(),
    }
}

/// A rate as a percentage: `12%`, `12.5%`.
pub fn percent_words(rate: rust_decimal::Decimal) -> String {
    let percent = rate * rust_decimal::Decimal::ONE_HUNDRED;
    format!("{}%", percent.normalize())
}

/// A scale in words: `marginal rates: 10% over 0; 12% over 9525` or
/// `bracket table: 0 plus 10% over 0; 952.50 plus 12% over 9525`.
pub fn scale_words(scale: &crate::model::scale::Scale) -> String {
    let amount = |a: rust_decimal::Decimal| Value::of_amount(a, scale.currency);
    let show = |v: Value| match v.scalar() {
        Some(s) => scalar_words(s),
        None => String::new(),
    };
    let brackets: Vec<String> = scale
        .brackets
        .iter()
        .map(|b| match scale.kind {
            crate::ast::ScaleKind::Marginal => {
                format!("{} over {}", percent_words(b.rate), show(amount(b.over)))
            }
            crate::ast::ScaleKind::Table => format!(
                "{} plus {} over {}",
                show(amount(b.base)),
                percent_words(b.rate),
                show(amount(b.over))
            ),
        })
        .collect();
    let kind = match scale.kind {
        crate::ast::ScaleKind::Marginal => "marginal rates",
        crate::ast::ScaleKind::Table => "bracket table",
    };
    format!("{kind}: {}", brackets.join("; "))
}

/// What is known of an unknown value, such as "on or before 31 March 2026";
/// `None` when nothing is.
pub fn bounds_words(bounds: &Bounds) -> Option<String> {
    let is_date =
        matches!(bounds.lo, Some(Scalar::Date(_))) || matches!(bounds.hi, Some(Scalar::Date(_)));
    let (at_least, at_most) = if is_date {
        ("on or after", "on or before")
    } else {
        ("at least", "at most")
    };
    match (bounds.lo, bounds.hi) {
        (Some(lo), Some(hi)) => Some(format!(
            "between {} and {}",
            scalar_words(lo),
            scalar_words(hi)
        )),
        (Some(lo), None) => Some(format!("{at_least} {}", scalar_words(lo))),
        (None, Some(hi)) => Some(format!("{at_most} {}", scalar_words(hi))),
        (None, None) => None,
    }
}

/// What is known of a value that is not known, as it is told beside it:
/// "between 1 May 2026 and 31 December 2026" for a range, "one of customs
/// duty or internal tax" for one of several values; `None` when nothing is.
pub fn known_of_words(model: &Model, value: &Value) -> Option<String> {
    match value {
        Value::Unknown(bounds) => bounds_words(bounds),
        Value::Among(values) => {
            let words: Vec<String> = values.iter().map(|v| value_words(model, v)).collect();
            match words.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    Some(format!("one of {} or {last}", rest.join(", ")))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// A value in words: `26 March 2026`, `outside scope`, `true`.
pub fn value_words(model: &Model, value: &Value) -> String {
    match value {
        Value::Date(d) => human_date(*d),
        Value::Enum(id, index) => model.enum_value_name(*id, *index).replace('_', " "),
        Value::Text(t) => t.to_string(),
        Value::Unknown(bounds) => match bounds_words(bounds) {
            Some(words) => format!("undetermined ({words})"),
            None => String::from("undetermined"),
        },
        other => bounded_format(model, other),
    }
}

/// A value of a known type in words, records with their field names:
/// `[{name: Alex, born: 4 July 2010}]`. A field not given reads "not known".
/// Lists are bounded as [`bounded_list`] bounds them.
pub fn typed_words(model: &Model, value: &Value, ty: &crate::model::Type) -> String {
    use crate::model::Type;
    match (value, ty.without_none()) {
        (Value::Record(fields), Type::Record(id)) => {
            let Some(record) = model.records.get(*id as usize) else {
                return value_words(model, value);
            };
            let parts: Vec<String> = record
                .fields
                .iter()
                .zip(fields.iter())
                .map(|(field, value)| {
                    let words = if value.is_known() {
                        typed_words(model, value, &field.ty)
                    } else {
                        String::from("not known")
                    };
                    format!("{}: {words}", field.name)
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        (Value::List(items), Type::List(element)) => {
            bounded_list(items, |item| typed_words(model, item, element))
        }
        _ => value_words(model, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_dates_as_people_do() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 26).unwrap_or_default();
        assert_eq!(human_date(date), "26 March 2026");
    }

    #[test]
    fn groups_thousands_and_bounds_lists() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(999_990), "999,990");
        assert_eq!(grouped(1_234_567_890), "1,234,567,890");
        let ten: Vec<u32> = (1..=10).collect();
        assert_eq!(
            bounded_list(&ten, u32::to_string),
            "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"
        );
        let eleven: Vec<u32> = (1..=11).collect();
        assert_eq!(
            bounded_list(&eleven, u32::to_string),
            "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, and 1 more]"
        );
        let mut written = 0;
        let million: Vec<u32> = (1..=1_000_000).collect();
        let words = bounded_list(&million, |n| {
            written += 1;
            n.to_string()
        });
        assert_eq!(written, LIST_ELEMENTS_SHOWN, "the others are never written");
        assert!(words.ends_with(", 10, and 999,990 more]"), "{words}");
    }
}
