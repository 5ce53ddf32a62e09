//! A case in the policy's syntax and in words: its constraints over the
//! unknown dates, numbers and amounts (`as_of on or after 2026-03-31`,
//! `income > 5000`) and its choices (`resident`, `status is married`,
//! `reading end is opening_day`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::exact::cases::{Choice, OpenCases};
use crate::exact::solver::{Diff, Node, ZERO};
use crate::exact::term::{Path, Unit};
use crate::explain::phrase::fact_words;
use crate::model::{FactId, Model, Type};

/// An unknown's name in the policy's syntax (`mc14.opening`) and in words
/// ("the opening day of the 14th Session of the Ministerial Conference"),
/// so that a condition in words reads in the policy's own descriptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    /// As the policy writes it.
    pub syntax: String,
    /// In words.
    pub words: String,
}

impl Named {
    /// The date of the evaluation.
    pub(crate) fn as_of() -> Named {
        Named {
            syntax: String::from("as_of"),
            words: String::from("the date"),
        }
    }

    fn unnamed(node: Node) -> Named {
        Named {
            syntax: format!("#{node}"),
            words: format!("#{node}"),
        }
    }
}

/// The name and unit of each node: `as_of`, or the fact's path.
pub(crate) fn nodes(model: &Model, open: &OpenCases<'_, '_>) -> Vec<(Node, Named, Unit)> {
    let mut out = vec![(open.as_of(), Named::as_of(), Unit::Date)];
    out.extend(scalar_names(model, open.scalars()));
    out
}

/// The name and unit of each node of a policy's unknown ordered facts; a
/// fact beyond its facts (another policy's) is left out.
pub(crate) fn scalar_names(
    model: &Model,
    scalars: &[(FactId, Box<[u32]>, Node)],
) -> Vec<(Node, Named, Unit)> {
    let mut out = Vec::new();
    for (fact, fields, node) in scalars {
        if *fact as usize >= model.facts.len() {
            continue;
        }
        let unit = match model.fact_type(*fact, fields).map(Type::without_none) {
            Some(Type::Date) => Unit::Date,
            Some(Type::Money(currency)) => Unit::Money(*currency),
            _ => Unit::Number,
        };
        let named = Named {
            syntax: fact_path(model, *fact, fields),
            words: fact_words(model, *fact, fields),
        };
        out.push((*node, named, unit));
    }
    out
}

/// `fact.field.field`.
pub(crate) fn fact_path(model: &Model, fact: FactId, fields: &[u32]) -> String {
    let Some(info) = model.facts.get(fact as usize) else {
        return String::from("?");
    };
    let mut name = info.field.name.clone();
    let mut ty = &info.field.ty;
    for field in fields {
        while let Type::OrNone(inner) = ty {
            ty = inner;
        }
        let Type::Record(record) = ty else { break };
        let Some(f) = model
            .records
            .get(*record as usize)
            .and_then(|r| r.fields.get(*field as usize))
        else {
            break;
        };
        name.push('.');
        name.push_str(&f.name);
        ty = &f.ty;
    }
    name
}

/// An amount of a unit as the policy writes it, and in words.
pub(crate) fn amount(unit: Unit, c: Decimal) -> (String, String) {
    match unit.value(c) {
        Some(crate::value::Value::Date(d)) => (d.to_string(), day_in_words(d)),
        Some(crate::value::Value::Money(m)) => {
            let text = format!("{} {}", m.currency(), m.amount());
            (text.clone(), text)
        }
        _ => (c.normalize().to_string(), c.normalize().to_string()),
    }
}

/// `31 March 2026`.
pub(crate) fn day_in_words(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// One constraint in syntax and in words.
fn constraint(diff: &Diff, names: &[(Node, Named, Unit)]) -> (String, String) {
    let name = |n: Node| {
        names
            .iter()
            .find(|(m, _, _)| *m == n)
            .map(|(_, s, u)| (s.clone(), *u))
            .unwrap_or_else(|| (Named::unnamed(n), Unit::Number))
    };
    let strict = diff.w.eps > 0;
    let c = diff.w.c;
    if diff.y == ZERO || diff.x == ZERO {
        // x <= c, or -y <= c (y >= -c).
        let (node, bound, upper) = if diff.y == ZERO {
            (diff.x, c, true)
        } else {
            (diff.y, -c, false)
        };
        let (subject, unit) = name(node);
        let (value, value_words) = amount(unit, bound);
        let (op, words) = match (unit, upper, strict) {
            (Unit::Date, true, false) => ("on or before", "is on or before"),
            (Unit::Date, true, true) => ("before", "is before"),
            (Unit::Date, false, false) => ("on or after", "is on or after"),
            (Unit::Date, false, true) => ("after", "is after"),
            (_, true, false) => ("<=", "is at most"),
            (_, true, true) => ("<", "is less than"),
            (_, false, false) => (">=", "is at least"),
            (_, false, true) => (">", "is more than"),
        };
        return (
            format!("{} {op} {value}", subject.syntax),
            format!("{} {words} {value_words}", subject.words),
        );
    }
    let ((x, unit), (y, _)) = (name(diff.x), name(diff.y));
    let (
        Named {
            syntax: x,
            words: x_words,
        },
        Named {
            syntax: y,
            words: y_words,
        },
    ) = (x, y);
    let (op, words) = match (unit, strict) {
        (Unit::Date, false) => ("on or before", "is on or before"),
        (Unit::Date, true) => ("before", "is before"),
        (_, false) => ("<=", "is at most"),
        (_, true) => ("<", "is less than"),
    };
    let (rhs, rhs_words) = if c.is_zero() {
        (y.clone(), y_words.clone())
    } else {
        let magnitude = c.abs().normalize();
        let sign = if c.is_sign_negative() { "-" } else { "+" };
        match unit {
            Unit::Date => {
                let days = if magnitude == Decimal::ONE {
                    "day"
                } else {
                    "days"
                };
                (
                    format!("{y} {sign} {magnitude} {days}"),
                    format!(
                        "{magnitude} {days} {} {y_words}",
                        if c.is_sign_negative() {
                            "before"
                        } else {
                            "after"
                        }
                    ),
                )
            }
            _ => (
                format!("{y} {sign} {magnitude}"),
                format!(
                    "{y_words} {} {magnitude}",
                    if sign == "-" { "minus" } else { "plus" }
                ),
            ),
        }
    };
    (
        format!("{x} {op} {rhs}"),
        format!("{x_words} {words} {rhs_words}"),
    )
}

/// One choice in syntax and in words.
pub(crate) fn choice(model: &Model, choice: &Choice, option: u32) -> (String, String) {
    match choice {
        Choice::IsNone(fact, fields) => {
            let name = fact_path(model, *fact, fields);
            let words = fact_words(model, *fact, fields);
            if option == 0 {
                (format!("{name} is none"), format!("{words} is none"))
            } else {
                (format!("{name} is not none"), format!("{words} is given"))
            }
        }
        Choice::Value(fact, fields) => {
            let name = fact_path(model, *fact, fields);
            let words = fact_words(model, *fact, fields);
            match model.fact_type(*fact, fields).map(Type::without_none) {
                Some(Type::Enum(id)) => {
                    let value = model
                        .enums
                        .get(*id as usize)
                        .and_then(|e| e.values.get(option as usize))
                        .cloned()
                        .unwrap_or_default();
                    // As explanations write it: its sentence where the policy gives one.
                    let value_words = crate::words::enum_words(
                        model,
                        *id,
                        option,
                        crate::locale::Lang::En.words(),
                    );
                    (
                        format!("{name} is {value}"),
                        format!("{words} is {value_words}"),
                    )
                }
                _ if option == 1 => (name.clone(), format!("{words}: yes")),
                _ => (format!("not {name}"), format!("{words}: no")),
            }
        }
        Choice::Reading(reading) => {
            let info = model.readings.get(*reading as usize);
            let name = info.map(|r| r.name.clone()).unwrap_or_default();
            let alternative = info.and_then(|r| r.alternatives.get(option as usize));
            let alternative_name = alternative.map(|a| a.name.clone()).unwrap_or_default();
            // The alternative's own sentence says what the reading means.
            let meaning = alternative
                .and_then(|a| a.sentence.as_deref())
                .map(|sentence| format!(" ({sentence})"))
                .unwrap_or_default();
            (
                format!("reading {name} is {alternative_name}"),
                format!("reading `{name}` as `{alternative_name}`{meaning}"),
            )
        }
    }
}

/// A case in the policy's syntax (`and` between its parts; `true` for
/// every case) and in words.
pub(crate) fn case(model: &Model, open: &mut OpenCases<'_, '_>, path: &Path) -> (String, String) {
    let names = nodes(model, open);
    let meanings: Vec<Option<(String, String)>> = path
        .choices
        .iter()
        .map(|(c, o)| open.choice(*c).map(|m| choice(model, &m, *o)))
        .collect();
    let readings: Vec<bool> = path
        .choices
        .iter()
        .map(|(c, _)| matches!(open.choice(*c), Some(Choice::Reading(_))))
        .collect();
    let said = |index: u32, option: u32| {
        let at = path
            .choices
            .iter()
            .position(|(c, o)| *c == index && *o == option)?;
        let reading = readings.get(at).copied().unwrap_or(false);
        meanings
            .get(at)
            .cloned()
            .flatten()
            .map(|part| (part, reading))
    };
    case_with(open, path, &names, &said)
}

/// A case in syntax and in words, with its nodes named by `names` and each
/// choice said by `said` (its syntax and words, and whether it is a
/// reading, said last).
pub(crate) fn case_with(
    open: &mut OpenCases<'_, '_>,
    path: &Path,
    names: &[(Node, Named, Unit)],
    said: &dyn Fn(u32, u32) -> Option<((String, String), bool)>,
) -> (String, String) {
    // A constraint the others imply says nothing more.
    let owned = open.without_implied(path).unwrap_or_else(|_| path.clone());
    let path = &owned;
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut choices: Vec<((String, String), bool)> = path
        .choices
        .iter()
        .filter_map(|(index, option)| said(*index, *option))
        .collect();
    // Readings last, facts in the order met.
    choices.sort_by_key(|(_, reading)| *reading);
    parts.extend(choices.into_iter().map(|(part, _)| part));
    for diff in &path.diffs {
        // `x <= c` and `x >= c` together: `x` is `c`.
        let pinned = diff.y == ZERO
            && diff.w.eps == 0
            && path
                .diffs
                .iter()
                .any(|d| d.x == ZERO && d.y == diff.x && d.w.eps == 0 && d.w.c == -diff.w.c);
        let part = if pinned {
            let (subject, unit) = names
                .iter()
                .find(|(n, _, _)| *n == diff.x)
                .map(|(_, s, u)| (s.clone(), *u))
                .unwrap_or_else(|| (Named::unnamed(diff.x), Unit::Number));
            let (value, words) = amount(unit, diff.w.c);
            (
                format!("{} = {value}", subject.syntax),
                format!("{} is {words}", subject.words),
            )
        } else if diff.x == ZERO
            && diff.w.eps == 0
            && path
                .diffs
                .iter()
                .any(|d| d.y == ZERO && d.x == diff.y && d.w.eps == 0 && d.w.c == -diff.w.c)
        {
            continue;
        } else {
            constraint(diff, names)
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    if parts.is_empty() {
        return (String::from("true"), String::from("in every case"));
    }
    let syntax: Vec<String> = parts.iter().map(|(s, _)| s.clone()).collect();
    let words: Vec<String> = parts.iter().map(|(_, w)| w.clone()).collect();
    (syntax.join(" and "), words.join(", and "))
}
