//! Residuals written out: in the policy language's own syntax, for programs
//! and drafters, and in plain words, for analysts.

use super::Residual;
use crate::ast::BinaryOp;
use crate::explain::phrase::fact_words;
use crate::model::Model;
use crate::value::Value;
use crate::words::{human_date, value_words};

/// How tightly an expression binds, to know where parentheses are needed.
fn precedence(residual: &Residual) -> u8 {
    match residual {
        Residual::Any(_) => 1,
        Residual::All(_) => 2,
        Residual::Not(_) => 3,
        Residual::Compare { .. } | Residual::OneOf { .. } | Residual::IsNone { .. } => 4,
        // `or else` binds tighter than a comparison, looser than a sum.
        Residual::OrElse { .. } => 5,
        Residual::Arithmetic {
            op: BinaryOp::Add | BinaryOp::Subtract,
            ..
        }
        | Residual::Shift { .. }
        | Residual::ShiftBy { .. } => 6,
        Residual::Arithmetic { .. } => 7,
        Residual::If { .. } => 0,
        _ => 9,
    }
}

fn source_value(model: &Model, value: &Value) -> String {
    match value {
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Scale(id) => model
            .scales
            .get(*id as usize)
            .map(scale_source)
            .unwrap_or_default(),
        Value::Computed(scale) => scale_source(scale),
        Value::Unknown(_) => String::from("unknown"),
        // A list as explanations bound it: its first elements and how many more.
        other => crate::words::bounded_format(model, other),
    }
}

/// A scale as the policy writes it: `marginal rates over USD 0: 10% end`.
fn scale_source(scale: &crate::model::scale::Scale) -> String {
    let amount = |a: rust_decimal::Decimal| match scale.currency {
        Some(currency) => format!("{currency} {}", a.normalize()),
        None => a.normalize().to_string(),
    };
    let rate = crate::words::percent_words;
    let brackets: Vec<String> = scale
        .brackets
        .iter()
        .map(|b| match scale.kind {
            crate::ast::ScaleKind::Marginal => format!("over {}: {}", amount(b.over), rate(b.rate)),
            crate::ast::ScaleKind::Table => format!(
                "over {}: {} plus {}",
                amount(b.over),
                amount(b.base),
                rate(b.rate)
            ),
        })
        .collect();
    let kind = match scale.kind {
        crate::ast::ScaleKind::Marginal => "marginal rates",
        crate::ast::ScaleKind::Table => "bracket table",
    };
    format!("{kind} {} end", brackets.join(" "))
}

/// The residual in the policy language's syntax, such as `mc14.opening after 2025-12-01`.
pub fn to_source(model: &Model, residual: &Residual) -> String {
    let inner = |r: &Residual, min: u8| {
        let text = to_source(model, r);
        if precedence(r) < min {
            format!("({text})")
        } else {
            text
        }
    };
    match residual {
        Residual::Known(value) => source_value(model, value),
        Residual::Fact { fact, fields } => model.fact_path(*fact, fields),
        Residual::Compare { op, left, right } => {
            format!("{} {} {}", inner(left, 5), op.as_str(), inner(right, 5))
        }
        Residual::Arithmetic { op, left, right } => {
            let p = precedence(residual);
            // `20% of income`: the rate as the policy writes it.
            let left = match (op, left.as_ref()) {
                (BinaryOp::Of, Residual::Known(Value::Number(rate))) => {
                    crate::words::percent_words(*rate)
                }
                _ => inner(left, p),
            };
            format!("{left} {} {}", op.as_str(), inner(right, p + 1))
        }
        Residual::All(items) => items
            .iter()
            .map(|i| inner(i, 3))
            .collect::<Vec<_>>()
            .join(" and "),
        Residual::Any(items) => items
            .iter()
            .map(|i| inner(i, 2))
            .collect::<Vec<_>>()
            .join(" or "),
        Residual::Not(i) => format!("not {}", inner(i, 4)),
        Residual::Negate(i) => format!("-{}", inner(i, 9)),
        Residual::Earliest(items) | Residual::Latest(items) => {
            let name = if matches!(residual, Residual::Earliest(_)) {
                "earliest"
            } else {
                "latest"
            };
            let args: Vec<String> = items.iter().map(|i| to_source(model, i)).collect();
            format!("{name}({})", args.join(", "))
        }
        Residual::If {
            condition,
            then,
            otherwise,
        } => format!(
            "if {} then {} else {}",
            to_source(model, condition),
            to_source(model, then),
            to_source(model, otherwise)
        ),
        Residual::OneOf {
            operand,
            enumeration,
            values,
            negated,
        } => {
            let names: Vec<&str> = values
                .iter()
                .map(|v| model.enum_value_name(*enumeration, *v))
                .collect();
            format!(
                "{} is {}one of {}",
                inner(operand, 5),
                if *negated { "not " } else { "" },
                names.join(", ")
            )
        }
        Residual::Shift {
            date,
            amount,
            unit,
            rounding,
        } => {
            let sign = if *amount < 0 { "-" } else { "+" };
            let count = amount.unsigned_abs();
            let unit = if count == 1 {
                unit.as_str().trim_end_matches('s')
            } else {
                unit.as_str()
            };
            let rounded = match rounding {
                Some(crate::ast::Rounding::Down) => " rounded down",
                Some(crate::ast::Rounding::Up) => " rounded up",
                None => "",
            };
            format!("{} {sign} {count} {unit}{rounded}", inner(date, 7))
        }
        Residual::Between { unit, from, to } => format!(
            "{}_between({}, {})",
            unit.as_str(),
            to_source(model, from),
            to_source(model, to)
        ),
        Residual::IsNone { operand, negated } => format!(
            "{} is {}none",
            inner(operand, 5),
            if *negated { "not " } else { "" }
        ),
        // `or else` groups to the right.
        Residual::OrElse { value, fallback } => {
            format!("{} or else {}", inner(value, 6), inner(fallback, 5))
        }
        Residual::Calendar { function, args } => {
            let args: Vec<String> = args.iter().map(|a| to_source(model, a)).collect();
            format!("{}({})", function.name(), args.join(", "))
        }
        Residual::ShiftBy {
            date,
            count,
            back,
            unit,
            rounding,
        } => {
            let rounded = match rounding {
                Some(crate::ast::Rounding::Down) => " rounded down",
                Some(crate::ast::Rounding::Up) => " rounded up",
                None => "",
            };
            format!(
                "{} {} {} {}{rounded}",
                inner(date, 7),
                if *back { "-" } else { "+" },
                inner(count, 7),
                unit.as_str()
            )
        }
        Residual::Written(text) => format!("({text})"),
        Residual::Opaque => String::from("unknown"),
    }
}

/// A date comparison with an event's day, said of the event: "the 14th
/// Session of the Ministerial Conference opens after 1 December 2025".
fn event_comparison(
    model: &Model,
    fact: u32,
    fields: &[u32],
    op: BinaryOp,
    right: &Residual,
) -> Option<String> {
    let info = model.facts.get(fact as usize)?;
    if !info.is_event || fields.len() != 1 {
        return None;
    }
    let Residual::Known(Value::Date(date)) = right else {
        return None;
    };
    let event = info
        .field
        .description
        .clone()
        .unwrap_or_else(|| info.field.name.clone());
    let verb = match fields.first() {
        Some(0) => "opens",
        _ => "closes",
    };
    let when = match op {
        BinaryOp::Before => "before",
        BinaryOp::OnOrBefore => "on or before",
        BinaryOp::After => "after",
        BinaryOp::OnOrAfter => "on or after",
        BinaryOp::Equal => "on",
        BinaryOp::NotEqual => "on a day other than",
        _ => return None,
    };
    Some(format!("{event} {verb} {when} {}", human_date(*date)))
}

/// An operand of arithmetic or a comparison in words: a choice between two
/// values in parentheses, so that what follows it does not read as part of
/// its last branch.
fn operand_words(model: &Model, residual: &Residual) -> String {
    let words = to_words(model, residual);
    if matches!(residual, Residual::If { .. }) {
        format!("({words})")
    } else {
        words
    }
}

/// A yes-or-no residual as a claim, for where a sentence states it ("... if
/// it was reviewed"): a fact described as a question ("whether it was
/// reviewed") loses its "whether", which would read "if whether".
pub fn claim_words(model: &Model, residual: &Residual) -> String {
    match residual {
        Residual::Fact { .. } => {
            let words = to_words(model, residual);
            match words.strip_prefix("whether ") {
                Some(claim) if !claim.is_empty() => claim.to_string(),
                _ => words,
            }
        }
        Residual::OrElse { value, fallback } if matches!(value.as_ref(), Residual::Fact { .. }) => {
            format!(
                "{} (or, if there is none, {})",
                claim_words(model, value),
                to_words(model, fallback)
            )
        }
        _ => to_words(model, residual),
    }
}

/// The residual in plain words, such as "the 14th Session of the Ministerial
/// Conference opens after 1 December 2025".
pub fn to_words(model: &Model, residual: &Residual) -> String {
    match residual {
        Residual::Known(value) => value_words(model, value),
        Residual::Fact { fact, fields } => fact_words(model, *fact, fields),
        Residual::Compare { op, left, right } => {
            if let Residual::Fact { fact, fields } = left.as_ref()
                && let Some(words) = event_comparison(model, *fact, fields, *op, right)
            {
                return words;
            }
            let words = match op {
                BinaryOp::Equal => "is",
                BinaryOp::NotEqual => "is not",
                BinaryOp::Less => "is less than",
                BinaryOp::LessOrEqual => "is at most",
                BinaryOp::Greater => "is more than",
                BinaryOp::GreaterOrEqual => "is at least",
                BinaryOp::Before => "is before",
                BinaryOp::OnOrBefore => "is on or before",
                BinaryOp::After => "is after",
                BinaryOp::OnOrAfter => "is on or after",
                other => other.as_str(),
            };
            format!(
                "{} {words} {}",
                operand_words(model, left),
                operand_words(model, right)
            )
        }
        Residual::Arithmetic { op, left, right } => {
            let words = match op {
                BinaryOp::Add => "plus",
                BinaryOp::Subtract => "minus",
                BinaryOp::Multiply => "times",
                BinaryOp::Of => "of",
                _ => "divided by",
            };
            format!(
                "{} {words} {}",
                operand_words(model, left),
                operand_words(model, right)
            )
        }
        Residual::All(items) => {
            let parts: Vec<String> = items.iter().map(|i| claim_words(model, i)).collect();
            crate::explain::phrase::and_list(&parts, "and")
        }
        Residual::Any(items) => {
            let parts: Vec<String> = items.iter().map(|i| claim_words(model, i)).collect();
            format!("either {}", crate::explain::phrase::and_list(&parts, "or"))
        }
        Residual::Not(inner) => format!("it is not so that {}", claim_words(model, inner)),
        Residual::Negate(inner) => format!("minus {}", to_words(model, inner)),
        Residual::Earliest(items) | Residual::Latest(items) => {
            let parts: Vec<String> = items.iter().map(|i| to_words(model, i)).collect();
            let which = if matches!(residual, Residual::Earliest(_)) {
                "earlier"
            } else {
                "later"
            };
            format!(
                "the {which} of {}",
                crate::explain::phrase::and_list(&parts, "and")
            )
        }
        Residual::If {
            condition,
            then,
            otherwise,
        } => {
            if matches!(then.as_ref(), Residual::If { .. }) {
                // Nested choices read in order: the outer condition first.
                format!(
                    "if {}: {}; otherwise {}",
                    claim_words(model, condition),
                    to_words(model, then),
                    to_words(model, otherwise)
                )
            } else {
                format!(
                    "{} if {}, otherwise {}",
                    to_words(model, then),
                    claim_words(model, condition),
                    to_words(model, otherwise)
                )
            }
        }
        Residual::OneOf {
            operand,
            enumeration,
            values,
            negated,
        } => {
            let names: Vec<String> = values
                .iter()
                .map(|v| model.enum_value_name(*enumeration, *v).replace('_', " "))
                .collect();
            format!(
                "{} is {}{}",
                to_words(model, operand),
                if *negated { "not " } else { "" },
                crate::explain::phrase::and_list(&names, "or")
            )
        }
        Residual::Shift {
            date, amount, unit, ..
        } => {
            let count = amount.unsigned_abs();
            let unit = if count == 1 {
                unit.as_str().trim_end_matches('s')
            } else {
                unit.as_str()
            };
            let direction = if *amount < 0 { "before" } else { "after" };
            format!("{count} {unit} {direction} {}", to_words(model, date))
        }
        Residual::Between { unit, from, to } => format!(
            "the whole {} from {} to {}",
            unit.as_str(),
            to_words(model, from),
            to_words(model, to)
        ),
        Residual::IsNone { operand, negated } => format!(
            "{} is {}none",
            operand_words(model, operand),
            if *negated { "not " } else { "" }
        ),
        Residual::OrElse { value, fallback } => format!(
            "{} (or, if there is none, {})",
            operand_words(model, value),
            to_words(model, fallback)
        ),
        Residual::Calendar { function, args } => {
            let args: Vec<String> = args.iter().map(|a| to_words(model, a)).collect();
            match (function, args.as_slice()) {
                (crate::model::calendar::CalendarFn::Date, [y, m, d]) => {
                    format!("the day of year {y}, month {m}, day {d}")
                }
                _ => format!("{} {}", function.words(), args.join(", ")),
            }
        }
        Residual::ShiftBy {
            date,
            count,
            back,
            unit,
            ..
        } => {
            let direction = if *back { "before" } else { "after" };
            let count = match count.as_ref() {
                Residual::Known(value) => {
                    let one = *value == Value::Number(rust_decimal::Decimal::ONE);
                    let unit = if one {
                        unit.as_str().trim_end_matches('s')
                    } else {
                        unit.as_str()
                    };
                    format!("{} {unit}", value_words(model, value))
                }
                other => format!(
                    "a number of {} equal to {}",
                    unit.as_str(),
                    operand_words(model, other)
                ),
            };
            format!("{count} {direction} {}", to_words(model, date))
        }
        Residual::Written(text) => format!("`{text}`"),
        Residual::Opaque => String::from("facts not given"),
    }
}
