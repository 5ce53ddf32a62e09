//! Residuals written out: in the policy language's own syntax, for programs
//! and drafters, and in plain words, for analysts.

use super::Residual;
use crate::ast::BinaryOp;
use crate::explain::phrase::fact_words_in;
use crate::locale::Lang;
use crate::model::Model;
use crate::model::translations::Described;
use crate::value::Value;
use crate::words::value_words_in;

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
    lang: Lang,
) -> Option<String> {
    let info = model.facts.get(fact as usize)?;
    if !info.is_event || fields.len() != 1 {
        return None;
    }
    let Residual::Known(Value::Date(date)) = right else {
        return None;
    };
    let event = model
        .described(Described::Fact(fact), lang)
        .map_or_else(|| info.field.name.clone(), str::to_string);
    let day = match fields.first() {
        Some(0) => 0,
        _ => 1,
    };
    let when = match op {
        BinaryOp::Before => 0,
        BinaryOp::OnOrBefore => 1,
        BinaryOp::After => 2,
        BinaryOp::OnOrAfter => 3,
        BinaryOp::Equal => 4,
        BinaryOp::NotEqual => 5,
        _ => return None,
    };
    let (say, words) = (lang.words(), lang.residual_words());
    let template = words.event.get(day)?.get(when)?;
    let date = format!("{}{}", words.date_article, say.date(*date));
    Some(say.fill(template, &[('x', &event), ('r', &date)]))
}

/// An operand of arithmetic or a comparison in words: a choice between two
/// values in parentheses, so that what follows it does not read as part of
/// its last branch; a date with the article the language gives it there.
fn operand_words(model: &Model, residual: &Residual, lang: Lang) -> String {
    let words = to_words_in(model, residual, lang);
    match residual {
        Residual::If { .. } => format!("({words})"),
        Residual::Known(Value::Date(_)) => {
            format!("{}{words}", lang.residual_words().date_article)
        }
        _ => words,
    }
}

/// A residual in words where a date is named after a preposition ("3 mois
/// après le 26 mars 2026"): a date with the article the language gives it,
/// anything else as it is.
fn dated_words(model: &Model, residual: &Residual, lang: Lang) -> String {
    let words = to_words_in(model, residual, lang);
    match residual {
        Residual::Known(Value::Date(_)) => {
            format!("{}{words}", lang.residual_words().date_article)
        }
        _ => words,
    }
}

/// A yes-or-no residual as a claim, for where a sentence states it ("... if
/// it was reviewed"): a fact described as a question ("whether it was
/// reviewed") loses its "whether", which would read "if whether".
pub fn claim_words(model: &Model, residual: &Residual) -> String {
    claim_words_in(model, residual, Lang::En)
}

/// [`claim_words`] in a language.
pub fn claim_words_in(model: &Model, residual: &Residual, lang: Lang) -> String {
    let words = lang.residual_words();
    match residual {
        Residual::Fact { .. } => {
            let said = to_words_in(model, residual, lang);
            match said.strip_prefix(words.whether) {
                Some(claim) if !claim.is_empty() => claim.to_string(),
                _ => said,
            }
        }
        Residual::OrElse { value, fallback } if matches!(value.as_ref(), Residual::Fact { .. }) => {
            lang.words().fill(
                words.or_else,
                &[
                    ('l', &claim_words_in(model, value, lang)),
                    ('r', &to_words_in(model, fallback, lang)),
                ],
            )
        }
        _ => to_words_in(model, residual, lang),
    }
}

/// The residual in plain words, such as "the 14th Session of the Ministerial
/// Conference opens after 1 December 2025".
pub fn to_words(model: &Model, residual: &Residual) -> String {
    to_words_in(model, residual, Lang::En)
}

/// [`to_words`] in a language.
pub fn to_words_in(model: &Model, residual: &Residual, lang: Lang) -> String {
    let (say, words) = (lang.words(), lang.residual_words());
    let two = |template: &str, l: &str, r: &str| say.fill(template, &[('l', l), ('r', r)]);
    match residual {
        Residual::Known(value) => value_words_in(model, value, say),
        Residual::Fact { fact, fields } => fact_words_in(model, *fact, fields, lang),
        Residual::Compare { op, left, right } => {
            if let Residual::Fact { fact, fields } = left.as_ref()
                && let Some(said) = event_comparison(model, *fact, fields, *op, right, lang)
            {
                return said;
            }
            let at = match op {
                BinaryOp::Equal => 0,
                BinaryOp::NotEqual => 1,
                BinaryOp::Less => 2,
                BinaryOp::LessOrEqual => 3,
                BinaryOp::Greater => 4,
                BinaryOp::GreaterOrEqual => 5,
                BinaryOp::Before => 6,
                BinaryOp::OnOrBefore => 7,
                BinaryOp::After => 8,
                BinaryOp::OnOrAfter => 9,
                other => {
                    return format!(
                        "{} {} {}",
                        operand_words(model, left, lang),
                        other.as_str(),
                        operand_words(model, right, lang)
                    );
                }
            };
            two(
                words.compare[at],
                &operand_words(model, left, lang),
                &operand_words(model, right, lang),
            )
        }
        Residual::Arithmetic { op, left, right } => {
            let at = match op {
                BinaryOp::Add => 0,
                BinaryOp::Subtract => 1,
                BinaryOp::Multiply => 2,
                BinaryOp::Of => 3,
                _ => 4,
            };
            two(
                words.arithmetic[at],
                &operand_words(model, left, lang),
                &operand_words(model, right, lang),
            )
        }
        Residual::All(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| claim_words_in(model, i, lang))
                .collect();
            crate::explain::phrase::and_list(&parts, say.explaining.and)
        }
        Residual::Any(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| claim_words_in(model, i, lang))
                .collect();
            say.one(
                words.either,
                &crate::explain::phrase::and_list(&parts, say.explaining.or),
            )
        }
        Residual::Not(inner) => say.one(words.not_so, &claim_words_in(model, inner, lang)),
        Residual::Negate(inner) => say.one(words.negate, &to_words_in(model, inner, lang)),
        Residual::Earliest(items) | Residual::Latest(items) => {
            let parts: Vec<String> = items.iter().map(|i| to_words_in(model, i, lang)).collect();
            let which = if matches!(residual, Residual::Earliest(_)) {
                words.earlier
            } else {
                words.later
            };
            say.one(
                which,
                &crate::explain::phrase::and_list(&parts, say.explaining.and),
            )
        }
        Residual::If {
            condition,
            then,
            otherwise,
        } => {
            // Nested choices read in order: the outer condition first.
            let template = if matches!(then.as_ref(), Residual::If { .. }) {
                words.if_nested
            } else {
                words.if_flat
            };
            say.fill(
                template,
                &[
                    ('x', &claim_words_in(model, condition, lang)),
                    ('l', &to_words_in(model, then, lang)),
                    ('r', &to_words_in(model, otherwise, lang)),
                ],
            )
        }
        Residual::OneOf {
            operand,
            enumeration,
            values,
            negated,
        } => {
            let names: Vec<String> = values
                .iter()
                .map(|v| crate::words::enum_words(model, *enumeration, *v, say))
                .collect();
            let template = if *negated {
                words.one_of.1
            } else {
                words.one_of.0
            };
            two(
                template,
                &to_words_in(model, operand, lang),
                &crate::explain::phrase::and_list(&names, say.explaining.or),
            )
        }
        Residual::Shift {
            date, amount, unit, ..
        } => {
            let (before, after) = say.explaining.moved;
            let direction = if *amount < 0 { before } else { after };
            let count = say.duration(amount.unsigned_abs(), *unit);
            say.fill(
                direction,
                &[('x', &count), ('r', &dated_words(model, date, lang))],
            )
        }
        Residual::Between { unit, from, to } => two(
            say.calendar.whole_between(*unit),
            &dated_words(model, from, lang),
            &dated_words(model, to, lang),
        ),
        Residual::IsNone { operand, negated } => {
            let template = if *negated {
                words.is_none.1
            } else {
                words.is_none.0
            };
            say.one(template, &operand_words(model, operand, lang))
        }
        Residual::OrElse { value, fallback } => two(
            words.or_else,
            &operand_words(model, value, lang),
            &to_words_in(model, fallback, lang),
        ),
        Residual::Calendar { function, args } => {
            let args: Vec<String> = args.iter().map(|a| dated_words(model, a, lang)).collect();
            match (function, args.as_slice()) {
                (crate::model::calendar::CalendarFn::Date, [y, m, d]) => say.fill(
                    say.calendar.date,
                    &[('y', y.as_str()), ('m', m.as_str()), ('d', d.as_str())],
                ),
                _ => say.one(say.calendar.function(*function), &args.join(", ")),
            }
        }
        Residual::ShiftBy {
            date,
            count,
            back,
            unit,
            ..
        } => {
            let (before, after) = say.explaining.moved;
            let direction = if *back { before } else { after };
            let count = match count.as_ref() {
                Residual::Known(value) => {
                    let one = *value == Value::Number(rust_decimal::Decimal::ONE);
                    let unit = say.unit(*unit, if one { 1 } else { 2 });
                    format!("{} {unit}", value_words_in(model, value, say))
                }
                other => say.one(
                    say.calendar.a_number_of(*unit),
                    &operand_words(model, other, lang),
                ),
            };
            say.fill(
                direction,
                &[('x', &count), ('r', &dated_words(model, date, lang))],
            )
        }
        Residual::Written(text) => format!("`{text}`"),
        Residual::Opaque => String::from(words.opaque),
    }
}
