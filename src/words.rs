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
pub fn bounded_list<T>(items: &[T], each: impl FnMut(&T) -> String) -> String {
    bounded_list_in(items, Lang::En.words(), each)
}

/// A list bounded as [`bounded_list`] bounds it, the count of the elements
/// left out in a language's words: "and 999,990 more", "et 999 990 de plus".
pub fn bounded_list_in<T>(
    items: &[T],
    words: &Words,
    mut each: impl FnMut(&T) -> String,
) -> String {
    let mut out = String::from("[");
    for (index, item) in items.iter().take(LIST_ELEMENTS_SHOWN).enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        out.push_str(&each(item));
    }
    if items.len() > LIST_ELEMENTS_SHOWN {
        let more = words.count(items.len() - LIST_ELEMENTS_SHOWN);
        out.push_str(&words.one(words.and_more, &more));
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
    scale_words_in(scale, Lang::En.words())
}

/// A scale in a language's words, its amounts and rates written as the
/// language writes them: `taux marginaux : 10 % sur la fraction excédant 0`.
pub fn scale_words_in(scale: &crate::model::scale::Scale, words: &Words) -> String {
    let p = &words.particulars;
    let amount = |a: rust_decimal::Decimal| match Value::of_amount(a, scale.currency).scalar() {
        Some(s) => scalar_words_in(s, words),
        None => String::new(),
    };
    let brackets: Vec<String> = scale
        .brackets
        .iter()
        .map(|b| {
            let (rate, over) = (words.percent(b.rate), amount(b.over));
            match scale.kind {
                crate::ast::ScaleKind::Marginal => {
                    words.fill(p.marginal_bracket, &[('x', &rate), ('r', &over)])
                }
                crate::ast::ScaleKind::Table => words.fill(
                    p.table_bracket,
                    &[('v', &amount(b.base)), ('x', &rate), ('r', &over)],
                ),
            }
        })
        .collect();
    let kind = match scale.kind {
        crate::ast::ScaleKind::Marginal => p.scale_kinds.0,
        crate::ast::ScaleKind::Table => p.scale_kinds.1,
    };
    words.one(kind, &brackets.join(words.semicolon))
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
        Value::List(items) => {
            bounded_list_in(items, words, |item| value_words_in(model, item, words))
        }
        Value::Scale(id) => model
            .scales
            .get(*id as usize)
            .map(|scale| scale_words_in(scale, words))
            .unwrap_or_default(),
        Value::Computed(scale) => scale_words_in(scale, words),
        Value::Record(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|f| value_words_in(model, f, words))
                .collect();
            format!("({})", parts.join(", "))
        }
        Value::Among(_) => known_of_words_in(model, value, words).unwrap_or_default(),
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
        (Value::List(items), Type::List(element)) => bounded_list_in(items, words, |item| {
            typed_words_in(model, item, element, words)
        }),
        _ => value_words_in(model, value, words),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::ScaleKind;
    use crate::model::scale::{Bracket, Scale};
    use rust_decimal::Decimal;

    fn bracket(over: i64, base: &str, rate: &str) -> Bracket {
        let dec = |text: &str| text.parse::<Decimal>().unwrap_or_default();
        Bracket {
            over: Decimal::from(over),
            base: dec(base),
            rate: dec(rate),
        }
    }

    #[test]
    fn scales_in_each_language() {
        let usd = crate::value::Currency::parse("USD");
        let marginal = Scale {
            kind: ScaleKind::Marginal,
            currency: usd,
            brackets: vec![bracket(0, "0", "0.1"), bracket(19050, "0", "0.12")],
        };
        let table = Scale {
            kind: ScaleKind::Table,
            currency: None,
            brackets: vec![bracket(0, "0", "0.1"), bracket(9525, "952.5", "0.125")],
        };
        let [en, fr, es] = Lang::ALL.map(Lang::words);
        assert_eq!(
            scale_words(&marginal),
            "marginal rates: 10% over USD 0.00; 12% over USD 19050.00"
        );
        assert_eq!(scale_words_in(&marginal, en), scale_words(&marginal));
        assert_eq!(
            scale_words_in(&marginal, fr),
            "taux marginaux\u{a0}: 10\u{202f}% sur la fraction excédant 0,00\u{a0}USD\u{a0}; \
             12\u{202f}% sur la fraction excédant 19\u{202f}050,00\u{a0}USD"
        );
        assert_eq!(
            scale_words(&table),
            "bracket table: 0 plus 10% over 0; 952.5 plus 12.5% over 9525"
        );
        assert_eq!(
            scale_words_in(&table, es),
            "tarifa por tramos: 0 más el 10\u{a0}% del exceso sobre 0; \
             952,5 más el 12,5\u{a0}% del exceso sobre 9525"
        );
    }

    #[test]
    fn lists_cut_short_in_each_language() {
        let twelve: Vec<u32> = (1..=12).collect();
        let [en, fr, es] = Lang::ALL.map(Lang::words);
        assert_eq!(
            bounded_list_in(&twelve, en, u32::to_string),
            bounded_list(&twelve, u32::to_string)
        );
        let million: Vec<u32> = (1..=1_000_000).collect();
        let said = bounded_list_in(&million, fr, u32::to_string);
        assert!(said.ends_with(", 10 et 999\u{202f}990 de plus]"), "{said}");
        let said = bounded_list_in(&million, es, u32::to_string);
        assert!(said.ends_with(", 10 y 999.990 más]"), "{said}");
    }

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
