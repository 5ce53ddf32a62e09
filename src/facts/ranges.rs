//! Facts known within a range, and enumerations known to be one of a few
//! values.
//!
//! A date, number or money value may be given as a range instead of a
//! value: `{"between": [A, B]}` (both ends included), `{"on_or_after": A}`
//! and `{"on_or_before": B}` for dates, `{"at_least": A}` and
//! `{"at_most": B}` for numbers and money; a lower and an upper key may be
//! given together. A date may be given as a year (`"2026"`) or a month
//! (`"2026-03"`), meaning every day of it. An enumeration may be given as
//! `{"one_of": [...]}`. A range is held as [`Value::Unknown`] with its
//! bounds, a range of one value as that value, and several enumeration
//! values as [`Value::Among`].
//!
//! This module is a part of the facts validator (`validate.rs`), which asks
//! it first about every value it reads; `choices.rs` reads `one_of`.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::{Node, Path, ProblemKind, Target, Validator, numbered};
use crate::facts::scalars::YEARS;
use crate::model::Type;
use crate::value::{Bounds, Scalar, Value};

// Loaded as a nested module file, so relative to this folder.
#[path = "choices.rs"]
mod choices;

/// Every key a range or a choice is written with.
const RANGE_KEYS: [&str; 6] = [
    "between",
    "on_or_after",
    "on_or_before",
    "at_least",
    "at_most",
    "one_of",
];

/// The keys of a range of dates.
const DATE_KEYS: [&str; 3] = ["between", "on_or_after", "on_or_before"];

/// The keys of a range of numbers or amounts.
const NUMBER_KEYS: [&str; 3] = ["between", "at_least", "at_most"];

/// Which end of a range a key gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Lower,
    Upper,
}

/// The ends a range object gave so far, each with the key that gave it.
#[derive(Default)]
struct Ends {
    lower: Option<(String, Option<Scalar>)>,
    upper: Option<(String, Option<Scalar>)>,
    /// A problem was reported: the value is unknown whatever the ends.
    failed: bool,
}

/// The days of a year (`2026`) or a month (`2026-03`) written alone:
/// `None` when the text is neither, `Some(Err(reason))` when it is one of
/// those shapes but no such year or month exists.
fn period(text: &str) -> Option<Result<(NaiveDate, NaiveDate), String>> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (year_text, month_text) = match text.split_once('-') {
        None if text.len() == 4 && digits(text) => (text, None),
        Some((year, month)) if year.len() == 4 && month.len() == 2 && digits(year) => {
            if !digits(month) {
                return None;
            }
            (year, Some(month))
        }
        _ => return None,
    };
    let year: i32 = year_text.parse().ok()?;
    if !(YEARS.0..=YEARS.1).contains(&year) {
        return Some(Err(format!(
            "the year {year_text} is out of range; years run from 0001 to 9999"
        )));
    }
    let Some(month_text) = month_text else {
        return Some(year_days(year).ok_or_else(|| "no such year".to_string()));
    };
    let month: u32 = month_text.parse().ok()?;
    Some(
        month_days(year, month)
            .ok_or_else(|| format!("there is no month {month}; months run from 01 to 12")),
    )
}

/// The days of a year written as a bare number, as YAML and TOML read
/// `opening: 2026`: only four-digit years, so that a number meant as
/// something else (`26`, `20260331`) is not taken for a year.
fn bare_year(year: i128) -> Option<Result<(NaiveDate, NaiveDate), String>> {
    if !(1000..=9999).contains(&year) {
        return None;
    }
    year_days(i32::try_from(year).ok()?).map(Ok)
}

/// The first and last days of a year.
fn year_days(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// The first and last days of a month.
fn month_days(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    // 9999-12 has no next month within chrono's years that we allow, but
    // chrono itself goes further.
    let last = next.and_then(|d| d.pred_opt())?;
    Some((first, last))
}

/// The value of a range from `lo` to `hi`: the value itself when they meet.
fn range_value(lo: Option<Scalar>, hi: Option<Scalar>) -> Value {
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo.compare(&hi) == Some(Ordering::Equal) => lo.to_value(),
        _ => Value::Unknown(Bounds { lo, hi }),
    }
}

/// A scalar as a facts file writes it: `2026-03-31`, `12.5`, `USD 12.50`.
fn shown(scalar: &Scalar) -> String {
    match scalar {
        Scalar::Date(date) => date.format("%Y-%m-%d").to_string(),
        Scalar::Number(number) => number.normalize().to_string(),
        Scalar::Money(money) => money.to_string(),
    }
}

/// The word for the values of a type that takes ranges: `dates`.
fn plural(ty: &Type) -> &'static str {
    match ty {
        Type::Date => "dates",
        Type::Integer => "whole numbers",
        Type::Money(_) => "amounts",
        _ => "numbers",
    }
}

impl Validator<'_> {
    /// The value of `node` as a `ty` when the node is written as a range or
    /// as one of several values; `None` when it is an ordinary value, which
    /// the caller reads as usual.
    pub(super) fn range_or_choice(
        &mut self,
        node: &Node,
        ty: &Type,
        path: &Path,
        event: bool,
    ) -> Option<Value> {
        let or_none = matches!(ty, Type::OrNone(_));
        let inner = match ty {
            Type::OrNone(inner) => inner.as_ref(),
            other => other,
        };
        match (inner, node) {
            (Type::Date, Node::String(text)) => {
                let days = period(text)?;
                Some(self.period_value(days, node, path))
            }
            (Type::Date, Node::Int(year)) => {
                let days = bare_year(*year)?;
                Some(self.period_value(days, node, path))
            }
            (Type::Date | Type::Integer | Type::Decimal | Type::Money(_), Node::Map(entries)) => {
                Some(self.range(entries, inner, path, event))
            }
            (Type::Enum(id), Node::Map(entries)) => Some(self.one_of(entries, *id, or_none, path)),
            (Type::Bool | Type::Text | Type::List(_), Node::Map(entries))
                if is_range_object(entries) =>
            {
                Some(self.not_a_range(inner, path, event))
            }
            (Type::Record(id), Node::Map(entries)) if is_range_object(entries) => {
                let fields = self.model.records.get(*id as usize);
                let names_a_field = entries.iter().any(|(key, _)| {
                    fields.is_some_and(|r| r.fields.iter().any(|f| f.name == *key))
                });
                (!names_a_field).then(|| self.not_a_range(inner, path, event))
            }
            _ => None,
        }
    }

    /// The evaluation date `as_of`, which is one day: a range or a year is
    /// refused there.
    pub(super) fn as_of_date(&mut self, node: &Node, path: &Path) -> Option<NaiveDate> {
        let is_range = match node {
            Node::Map(_) => true,
            Node::String(text) => period(text).is_some(),
            Node::Int(year) => bare_year(*year).is_some(),
            _ => false,
        };
        if is_range {
            self.push(
                ProblemKind::RangeForm,
                path.clone(),
                Target::Value,
                format!("{path}: the evaluation date is one day, not a range"),
                "not one day".to_string(),
                Some(
                    "give the day year-month-day, such as 2026-03-31; to evaluate on several days, run once for each"
                        .to_string(),
                ),
            );
            return None;
        }
        match self.value(node, &Type::Date, path, true, false) {
            Value::Date(date) => Some(date),
            _ => None,
        }
    }

    /// The days of a year or month, or a problem when there is no such.
    fn period_value(
        &mut self,
        days: Result<(NaiveDate, NaiveDate), String>,
        node: &Node,
        path: &Path,
    ) -> Value {
        match days {
            Ok((first, last)) => range_value(Some(Scalar::Date(first)), Some(Scalar::Date(last))),
            Err(reason) => {
                let help = Some(
                    "a year is written 2026 and a month 2026-03; a day year-month-day, such as 2026-03-31"
                        .to_string(),
                );
                self.wrong(
                    node,
                    &Type::Date,
                    path,
                    false,
                    &format!(" ({reason})"),
                    help,
                )
            }
        }
    }

    /// A range object for a date, number or amount.
    fn range(&mut self, entries: &[(String, Node)], ty: &Type, path: &Path, event: bool) -> Value {
        let keys: &[&str] = match ty {
            Type::Date => &DATE_KEYS,
            _ => &NUMBER_KEYS,
        };
        if entries.is_empty() {
            self.push(
                ProblemKind::RangeForm,
                path.clone(),
                Target::Value,
                format!("{path}: an empty range"),
                "no ends given".to_string(),
                Some(format!(
                    "give {}, or leave it out when nothing is known",
                    range_forms(ty)
                )),
            );
            return Value::UNKNOWN;
        }
        let mut ends = Ends::default();
        for (nth, key, node) in numbered(entries) {
            let key_path = path.key_nth(key, nth);
            if nth > 0 {
                self.duplicate(&key_path, "end");
                ends.failed = true;
                continue;
            }
            match key {
                "between" => self.between(node, ty, path, event, &mut ends),
                "on_or_after" | "at_least" if keys.contains(&key) => {
                    let lower = self.end(node, ty, &key_path, End::Lower, event);
                    self.set_end(&mut ends, End::Lower, key, lower, path);
                }
                "on_or_before" | "at_most" if keys.contains(&key) => {
                    let upper = self.end(node, ty, &key_path, End::Upper, event);
                    self.set_end(&mut ends, End::Upper, key, upper, path);
                }
                _ => {
                    self.misplaced_key(key, ty, &key_path, path);
                    ends.failed = true;
                }
            }
        }
        if ends.failed {
            return Value::UNKNOWN;
        }
        let lo = ends.lower.as_ref().and_then(|(_, s)| *s);
        let hi = ends.upper.as_ref().and_then(|(_, s)| *s);
        if let (Some(l), Some(h)) = (lo, hi)
            && l.compare(&h) == Some(Ordering::Greater)
        {
            let lower_key = ends.lower.as_ref().map_or("between", |(k, _)| k.as_str());
            let help = if lower_key == "between" {
                format!(
                    "`between` gives the least end first: write [{}, {}]",
                    quoted_end(&h),
                    quoted_end(&l)
                )
            } else {
                "check the two ends: the lower must not be greater than the upper".to_string()
            };
            let (least, most) = match ty {
                Type::Date => ("on or after", "on or before"),
                _ => ("at least", "at most"),
            };
            self.push(
                ProblemKind::EmptyRange,
                path.clone(),
                Target::Value,
                format!(
                    "{path}: an empty range: nothing is {least} {} and {most} {}",
                    shown(&l),
                    shown(&h)
                ),
                "no value lies in this range".to_string(),
                Some(help),
            );
            return Value::UNKNOWN;
        }
        range_value(lo, hi)
    }

    /// `between`: a list of the two ends, in the range object at `range`.
    fn between(&mut self, node: &Node, ty: &Type, range: &Path, event: bool, ends: &mut Ends) {
        let path = &range.key("between");
        let Node::Seq(items) = node else {
            self.push(
                ProblemKind::RangeForm,
                path.clone(),
                Target::Value,
                format!(
                    "{path}: expected a list of the two ends, found {}",
                    super::found(node, self.format)
                ),
                "not a list of two ends".to_string(),
                Some(between_help(ty)),
            );
            ends.failed = true;
            return;
        };
        let [first, last] = items.as_slice() else {
            self.push(
                ProblemKind::RangeForm,
                path.clone(),
                Target::Value,
                format!(
                    "{path}: expected the two ends of the range, found {} {}",
                    items.len(),
                    if items.len() == 1 { "value" } else { "values" }
                ),
                "two ends, the least first".to_string(),
                Some(between_help(ty)),
            );
            ends.failed = true;
            return;
        };
        let lower = self.end(first, ty, &path.index(0), End::Lower, event);
        let upper = self.end(last, ty, &path.index(1), End::Upper, event);
        self.set_end(ends, End::Lower, "between", lower, range);
        self.set_end(ends, End::Upper, "between", upper, range);
    }

    /// Records one end, refusing a second key for the same end.
    fn set_end(
        &mut self,
        ends: &mut Ends,
        end: End,
        key: &str,
        value: Option<Scalar>,
        path: &Path,
    ) {
        if value.is_none() {
            ends.failed = true;
        }
        let slot = match end {
            End::Lower => &mut ends.lower,
            End::Upper => &mut ends.upper,
        };
        if let Some((earlier, _)) = slot {
            let which = match end {
                End::Lower => "lower",
                End::Upper => "upper",
            };
            let earlier = earlier.clone();
            self.push(
                ProblemKind::RangeForm,
                path.key(key),
                Target::Key,
                format!("{path}: `{key}` and `{earlier}` both give the {which} end"),
                format!("a second {which} end"),
                Some("give `between` alone, or one lower and one upper end".to_string()),
            );
            ends.failed = true;
            return;
        }
        *slot = Some((key.to_string(), value));
    }

    /// One end of a range: a single value of `ty` (a date may be a year or
    /// a month, whose first or last day it then gives). `None` when it is
    /// not one, after reporting why.
    fn end(
        &mut self,
        node: &Node,
        ty: &Type,
        path: &Path,
        end: End,
        event: bool,
    ) -> Option<Scalar> {
        match (ty, node) {
            (Type::Date, Node::String(text)) if period(text).is_some() => {
                match self.period_value(period(text)?, node, path).range() {
                    Bounds {
                        lo: Some(lo),
                        hi: Some(hi),
                    } => Some(if end == End::Lower { lo } else { hi }),
                    _ => None,
                }
            }
            (Type::Date, Node::Int(year)) if bare_year(*year).is_some() => {
                match self.period_value(bare_year(*year)?, node, path).range() {
                    Bounds {
                        lo: Some(lo),
                        hi: Some(hi),
                    } => Some(if end == End::Lower { lo } else { hi }),
                    _ => None,
                }
            }
            (_, Node::Map(_) | Node::Seq(_) | Node::Null) => {
                let help = match node {
                    Node::Null => format!(
                        "leave the end out: give only {}",
                        match (ty, end) {
                            (Type::Date, End::Lower) => "`on_or_before`",
                            (Type::Date, End::Upper) => "`on_or_after`",
                            (_, End::Lower) => "`at_most`",
                            (_, End::Upper) => "`at_least`",
                        }
                    ),
                    _ => format!("each end of a range is one value: {}", single(ty)),
                };
                self.wrong(node, ty, path, event, "", Some(help));
                None
            }
            _ => self.value(node, ty, path, false, event).scalar(),
        }
    }

    /// A key of a range object that is not one for this type.
    fn misplaced_key(&mut self, key: &str, ty: &Type, key_path: &Path, path: &Path) {
        let keys: &[&str] = match ty {
            Type::Date => &DATE_KEYS,
            _ => &NUMBER_KEYS,
        };
        let what = plural(ty);
        let (message, label, help) = match key {
            "at_least" | "at_most" | "on_or_after" | "on_or_before" => {
                let instead = match key {
                    "at_least" => "on_or_after",
                    "at_most" => "on_or_before",
                    "on_or_after" => "at_least",
                    _ => "at_most",
                };
                let fits = if matches!(ty, Type::Date) {
                    "numbers and amounts"
                } else {
                    "dates"
                };
                (
                    format!("{path}: `{key}` is for {fits}, not {what}"),
                    format!("not a range of {what}"),
                    format!("for {what} write `{instead}`"),
                )
            }
            "one_of" => (
                format!("{path}: `one_of` is for enumerations, not {what}"),
                format!("not a range of {what}"),
                format!("give a range of {what}: {}", range_forms(ty)),
            ),
            _ => {
                let help = match crate::suggest::closest(key, keys.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("a range of {what} is written with {}", range_forms(ty)),
                };
                (
                    format!("{path}: unknown key `{key}` in a range"),
                    "not a key of a range".to_string(),
                    help,
                )
            }
        };
        self.push(
            ProblemKind::RangeForm,
            key_path.clone(),
            Target::Key,
            message,
            label,
            Some(help),
        );
    }

    /// A range given for a boolean, text, list or record.
    fn not_a_range(&mut self, ty: &Type, path: &Path, event: bool) -> Value {
        let model = self.model;
        let (what, help) = match ty {
            Type::Bool => (
                "true or false".to_string(),
                "give true or false, or leave it out when it is not known".to_string(),
            ),
            Type::Text => (
                "text".to_string(),
                "give the text, or leave it out when it is not known".to_string(),
            ),
            Type::List(_) => (
                "a list".to_string(),
                "give the list; an element that is a date or a number may be a range".to_string(),
            ),
            Type::Record(_) if event => (
                "an event".to_string(),
                "give `opening` and `closing`, each a date or a range of dates".to_string(),
            ),
            _ => (
                model.type_name(ty).to_string(),
                "give the record's fields; a field that is a date or a number may be a range"
                    .to_string(),
            ),
        };
        self.push(
            ProblemKind::RangeForm,
            path.clone(),
            Target::Value,
            format!("{path}: {what} cannot be given as a range"),
            format!("expected {}", model.type_name(ty)),
            Some(help),
        );
        Value::UNKNOWN
    }
}

/// Whether `given` is a range that leaves out the known value `fixed`,
/// such as a date the policy fixes: the two contradict each other.
pub(super) fn excludes(given: &Value, fixed: &Value) -> bool {
    let (Value::Unknown(bounds), Some(value)) = (given, fixed.scalar()) else {
        return false;
    };
    let below = bounds
        .lo
        .is_some_and(|lo| value.compare(&lo) == Some(Ordering::Less));
    let above = bounds
        .hi
        .is_some_and(|hi| value.compare(&hi) == Some(Ordering::Greater));
    below || above
}

/// A range as a facts file would give it, for messages: `a day between
/// 2026-05-01 and 2026-12-31`, `a day on or after 2026-05-01`.
pub(super) fn bounds_text(bounds: &Bounds) -> String {
    let is_date =
        matches!(bounds.lo, Some(Scalar::Date(_))) || matches!(bounds.hi, Some(Scalar::Date(_)));
    let (noun, least, most) = if is_date {
        ("a day", "on or after", "on or before")
    } else {
        ("a value", "at least", "at most")
    };
    match (bounds.lo, bounds.hi) {
        (Some(lo), Some(hi)) => format!("{noun} between {} and {}", shown(&lo), shown(&hi)),
        (Some(lo), None) => format!("{noun} {least} {}", shown(&lo)),
        (None, Some(hi)) => format!("{noun} {most} {}", shown(&hi)),
        (None, None) => "nothing".to_string(),
    }
}

/// Whether every key of an object is one that writes a range or a choice.
fn is_range_object(entries: &[(String, Node)]) -> bool {
    !entries.is_empty()
        && entries
            .iter()
            .all(|(key, _)| RANGE_KEYS.contains(&key.as_str()))
}

/// The forms of a range of `ty`, for help lines.
fn range_forms(ty: &Type) -> &'static str {
    match ty {
        Type::Date => "`between` with two days, `on_or_after` or `on_or_before`",
        _ => "`between` with two ends, `at_least` or `at_most`",
    }
}

/// How to write a `between`, for help lines.
fn between_help(ty: &Type) -> String {
    match ty {
        Type::Date => "write `between` with two days, the earlier first, e.g. [\"2026-05-01\", \"2026-12-31\"]".to_string(),
        _ => "write `between` with two ends, the least first, e.g. [10, 20]".to_string(),
    }
}

/// One value of `ty`, for help lines.
fn single(ty: &Type) -> &'static str {
    match ty {
        Type::Date => "a day such as 2026-03-31, a month such as 2026-03 or a year such as 2026",
        Type::Integer => "a whole number",
        Type::Money(_) => "an amount",
        _ => "a number",
    }
}

/// An end as a help line writes it in a list.
fn quoted_end(scalar: &Scalar) -> String {
    match scalar {
        Scalar::Number(_) => shown(scalar),
        _ => format!("\"{}\"", shown(scalar)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_range_for_an_or_none_fact_says_there_is_a_value() {
        use crate::facts::tests::{enumeration, fact, model, parse};
        let or_none = |ty: Type| Type::OrNone(Box::new(ty));
        let model = model(
            vec![
                fact("decided", or_none(Type::Date), true, false),
                fact("outcome", or_none(Type::Enum(0)), true, false),
            ],
            vec![enumeration("outcome", &["extended", "lapsed"])],
            Vec::new(),
        );
        let text = r#"{"decided": "2026", "outcome": {"one_of": ["none", "lapsed"]}}"#;
        let (_, facts) = parse(&model, "f.json", text);
        let values = facts.map(|f| f.values).unwrap_or_default();
        assert_eq!(
            values,
            [
                range_value(
                    Some(Scalar::Date(day(2026, 1, 1))),
                    Some(Scalar::Date(day(2026, 12, 31)))
                ),
                Value::Among(vec![Value::Enum(0, 1), Value::None].into()),
            ]
        );
    }

    #[test]
    fn reads_years_and_months_as_their_days() {
        assert_eq!(
            period("2026"),
            Some(Ok((day(2026, 1, 1), day(2026, 12, 31))))
        );
        assert_eq!(
            period("2024-02"),
            Some(Ok((day(2024, 2, 1), day(2024, 2, 29))))
        );
        assert_eq!(
            period("2026-12"),
            Some(Ok((day(2026, 12, 1), day(2026, 12, 31))))
        );
        assert_eq!(
            period("9999-12"),
            Some(Ok((day(9999, 12, 1), day(9999, 12, 31))))
        );
        assert_eq!(
            period("2026-13"),
            Some(Err(
                "there is no month 13; months run from 01 to 12".to_string()
            ))
        );
        assert!(matches!(period("0000"), Some(Err(_))));
        assert_eq!(period("2026-03-31"), None);
        assert_eq!(period("2026-3"), None);
        assert_eq!(period("26"), None);
        assert_eq!(period("abcd"), None);
    }
}
