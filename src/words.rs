//! Values in words, as a person writes them: dates as "26 March 2026",
//! enumeration values as the policy says they read (or with spaces),
//! unknown values with what is known of them.
//! The checker, the evaluator, the explainer and the renderers all write
//! values this way, so this module depends on the model's types alone.
//!
//! A list is never written whole: its first [`LIST_ELEMENTS_SHOWN`]
//! elements, then how many more there are, `[1, 2, ..., 10, and 999,990
//! more]`, at every depth. The elements left out are never turned into
//! words, so a list of a million elements costs no more to describe than a
//! list of ten.

use chrono::{Datelike, NaiveDate};

use crate::locale::{Lang, Words};
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
    scalar_words_in(scalar, Lang::En.words())
}

/// A date, number or amount in a language's words.
pub fn scalar_words_in(scalar: Scalar, words: &Words) -> String {
    match scalar {
        Scalar::Date(d) => words.date(d),
        Scalar::Number(n) => words.number(n),
        Scalar::Money(m) => words.money(m),
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
    bounds_words_in(bounds, Lang::En.words())
}

/// What is known of an unknown value, in a language's words.
pub fn bounds_words_in(bounds: &Bounds, words: &Words) -> Option<String> {
    let is_date =
        matches!(bounds.lo, Some(Scalar::Date(_))) || matches!(bounds.hi, Some(Scalar::Date(_)));
    let b = &words.bounds;
    let (at_least, at_most) = if is_date {
        (b.on_or_after, b.on_or_before)
    } else {
        (b.at_least, b.at_most)
    };
    let say = |scalar| scalar_words_in(scalar, words);
    match (bounds.lo, bounds.hi) {
        (Some(lo), Some(hi)) => Some(words.fill(b.between, &[('l', &say(lo)), ('r', &say(hi))])),
        (Some(lo), None) => Some(words.one(at_least, &say(lo))),
        (None, Some(hi)) => Some(words.one(at_most, &say(hi))),
        (None, None) => None,
    }
}

/// What is known of a value that is not known, as it is told beside it:
/// "between 1 May 2026 and 31 December 2026" for a range, "one of customs
/// duty or internal tax" for one of several values; `None` when nothing is.
pub fn known_of_words(model: &Model, value: &Value) -> Option<String> {
    known_of_words_in(model, value, Lang::En.words())
}

/// What is known of a value that is not known, in a language's words.
pub fn known_of_words_in(model: &Model, value: &Value, words: &Words) -> Option<String> {
    match value {
        Value::Unknown(bounds) => bounds_words_in(bounds, words),
        Value::Among(values) => {
            let each: Vec<String> = values
                .iter()
                .map(|v| value_words_in(model, v, words))
                .collect();
            match each.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    Some(words.fill(words.bounds.one_of, &[('x', &rest.join(", ")), ('r', last)]))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// A value in words: `26 March 2026`, `outside scope`, `true`.
pub fn value_words(model: &Model, value: &Value) -> String {
    value_words_in(model, value, Lang::En.words())
}

/// An enumeration value in words: a deontic rule's status in the
/// language's adjective; any other value as the policy says it reads
/// (`customs_duty "customs duty" in fr "un droit de douane"`), in the
/// language asked for, else in English; else by its name with spaces.
pub fn enum_words(model: &Model, id: crate::model::EnumId, index: u32, words: &Words) -> String {
    let name = model.enum_value_name(id, index);
    if words.lang != Lang::En
        && model.deontics.iter().any(|d| d.status == id)
        && let Some(status) = words.statuses.of(name)
    {
        return status.to_string();
    }
    let described = crate::model::translations::Described::EnumValue(id, index);
    match model.described(described, words.lang) {
        Some(text) => text.to_string(),
        None => name.replace('_', " "),
    }
}

/// A value in a language's words: `26 mars 2026`, `hors du champ
/// d'application`, `vrai`. English is [`value_words`], unchanged.
pub fn value_words_in(model: &Model, value: &Value, words: &Words) -> String {
    match value {
        Value::Date(d) => words.date(*d),
        Value::Enum(id, index) => enum_words(model, *id, *index, words),
        Value::Text(t) => t.to_string(),
        Value::Unknown(bounds) => match bounds_words_in(bounds, words) {
            Some(known) => words.one(words.undetermined_with.0, &known),
            None => String::from(words.undetermined),
        },
        other if words.lang == Lang::En => bounded_format(model, other),
        v if v.is_no_limit() => String::from(words.no_limit),
        Value::Bool(b) => String::from(words.truth(*b)),
        Value::Number(n) => words.number(*n),
        Value::Money(m) => words.money(*m),
        Value::None => String::from(words.none),
        Value::List(items) => bounded_list(items, |item| value_words_in(model, item, words)),
        Value::Record(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|f| value_words_in(model, f, words))
                .collect();
            format!("({})", parts.join(", "))
        }
        Value::Among(_) => known_of_words_in(model, value, words).unwrap_or_default(),
        other => bounded_format(model, other),
    }
}

/// A value of a known type in words, records with their field names:
/// `[{name: Alex, born: 4 July 2010}]`. A field not given reads "not known".
/// Lists are bounded as [`bounded_list`] bounds them.
pub fn typed_words(model: &Model, value: &Value, ty: &crate::model::Type) -> String {
    typed_words_in(model, value, ty, Lang::En.words())
}

/// A value of a known type in a language's words.
pub fn typed_words_in(
    model: &Model,
    value: &Value,
    ty: &crate::model::Type,
    words: &Words,
) -> String {
    use crate::model::Type;
    match (value, ty.without_none()) {
        (Value::Record(fields), Type::Record(id)) => {
            let Some(record) = model.records.get(*id as usize) else {
                return value_words_in(model, value, words);
            };
            let parts: Vec<String> = record
                .fields
                .iter()
                .zip(fields.iter())
                .map(|(field, value)| {
                    let said = if value.is_known() {
                        typed_words_in(model, value, &field.ty, words)
                    } else {
                        String::from(words.explaining.not_known)
                    };
                    format!("{}: {said}", field.name)
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        (Value::List(items), Type::List(element)) => {
            bounded_list(items, |item| typed_words_in(model, item, element, words))
        }
        _ => value_words_in(model, value, words),
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
