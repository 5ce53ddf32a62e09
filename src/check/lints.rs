//! Lints: warnings about what a policy leaves to chance. Each has a name and
//! can be silenced for a file with `# provisio: allow NAME`.

use super::Checker;
use crate::ast::BinaryOp;
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;

/// Words with which a text ends a period at a moment it does not pin down:
/// on that day or before it?
const OPEN_ENDED: [&str; 5] = ["until", "till", "expire", "expires", "expiry"];

/// Words with which a text does pin its boundary down.
const STATED: [&str; 10] = [
    "inclusive",
    "including",
    "exclusive",
    "excluding",
    "on or before",
    "on or after",
    "not later than",
    "no later than",
    "prior to",
    "up to and including",
];

/// The first date comparison in an expression, and whether a reading is consulted anywhere in it.
fn scan(expr: &Expr, comparison: &mut Option<(Span, BinaryOp)>, reading: &mut bool) {
    match &expr.kind {
        ExprKind::ReadingIs { .. } => *reading = true,
        ExprKind::Binary { op, left, right } => {
            let ordering = matches!(
                op,
                BinaryOp::Before
                    | BinaryOp::OnOrBefore
                    | BinaryOp::After
                    | BinaryOp::OnOrAfter
                    | BinaryOp::Less
                    | BinaryOp::LessOrEqual
                    | BinaryOp::Greater
                    | BinaryOp::GreaterOrEqual
            );
            if ordering && left.ty == Type::Date && comparison.is_none() {
                *comparison = Some((expr.span, *op));
            }
            scan(left, comparison, reading);
            scan(right, comparison, reading);
        }
        ExprKind::Not(e) | ExprKind::Negate(e) => scan(e, comparison, reading),
        ExprKind::IsNone { operand, .. } => scan(operand, comparison, reading),
        ExprKind::OrElse { value, fallback } => {
            scan(value, comparison, reading);
            scan(fallback, comparison, reading);
        }
        ExprKind::Field { record, .. } => scan(record, comparison, reading),
        ExprKind::All(items)
        | ExprKind::Any(items)
        | ExprKind::Earliest(items)
        | ExprKind::Latest(items) => {
            for item in items.iter() {
                scan(item, comparison, reading);
            }
        }
        ExprKind::OneOf { operand, .. } => scan(operand, comparison, reading),
        ExprKind::If {
            condition,
            then,
            otherwise,
        } => {
            scan(condition, comparison, reading);
            scan(then, comparison, reading);
            scan(otherwise, comparison, reading);
        }
        ExprKind::ShiftDate { date, .. } => scan(date, comparison, reading),
        ExprKind::Parameter { date, .. } => {
            if let Some(date) = date {
                scan(date, comparison, reading);
            }
        }
        ExprKind::Between { from, to, .. } => {
            scan(from, comparison, reading);
            scan(to, comparison, reading);
        }
        ExprKind::Round { .. }
        | ExprKind::Aggregate(_)
        | ExprKind::Overlap { .. }
        | ExprKind::Scale(_)
        | ExprKind::List(_)
        | ExprKind::Index { .. }
        | ExprKind::Calendar { .. }
        | ExprKind::ShiftBy(_)
        | ExprKind::Coverage(_)
        | ExprKind::Call { .. } => {
            crate::model::expr::for_each_child(expr, |child| scan(child, comparison, reading))
        }
        ExprKind::Const(_)
        | ExprKind::AsOf
        | ExprKind::Fact { .. }
        | ExprKind::Definition(_)
        | ExprKind::Deontic(_)
        | ExprKind::Bound(_) => {}
    }
}

/// Whether a text contains a word or phrase, as whole words, ignoring case.
fn says(text: &str, phrase: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices(phrase).any(|(at, _)| {
        let before = lower.get(..at).and_then(|t| t.chars().last());
        let after = lower
            .get(at + phrase.len()..)
            .and_then(|t| t.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl Checker<'_> {
    /// `boundary_unstated`: a provision's text ends a period with "until" or
    /// "expire" without saying whether the last day counts, and a rule of it
    /// compares dates without taking the boundary from a reading.
    pub(super) fn lint_boundaries(&mut self) {
        let mut found = Vec::new();
        for definition in self.definitions.iter().flatten() {
            let Some(provision) = self.provisions.get(definition.provision as usize) else {
                continue;
            };
            let Some(word) = OPEN_ENDED.iter().find(|w| says(&provision.text, w)) else {
                continue;
            };
            if STATED.iter().any(|w| says(&provision.text, w)) {
                continue;
            }
            let mut comparison = None;
            let mut reading = false;
            scan(&definition.body, &mut comparison, &mut reading);
            if let (Some((span, op)), false) = (comparison, reading) {
                found.push((
                    provision.name.clone(),
                    definition.name.clone(),
                    word.to_string(),
                    span,
                    op,
                ));
            }
        }
        for (provision, name, word, span, op) in found {
            // The form that decides the boundary day the other way.
            let (chosen, other) = match op {
                BinaryOp::Before => ("excludes", "on or before"),
                BinaryOp::After => ("excludes", "on or after"),
                BinaryOp::Less => ("excludes", "<="),
                BinaryOp::Greater => ("excludes", ">="),
                BinaryOp::OnOrBefore => ("includes", "before"),
                BinaryOp::OnOrAfter => ("includes", "after"),
                BinaryOp::LessOrEqual => ("includes", "<"),
                _ => ("includes", ">"),
            };
            self.report(
                Problem::error(
                    "provisio::boundary_unstated",
                    format!(
                        "provision `{provision}` says \"{word}\" without saying whether the last day counts, and `{name}` {chosen} it"
                    ),
                    span,
                    format!("`{}` {chosen} the boundary day", op.as_str()),
                )
                .with_help(format!(
                    "if the text is ambiguous, declare a reading of it and branch on it (`if reading boundary is ... then ... {other} ... else ... {} ...`); if it is not, silence this with `# provisio: allow boundary_unstated`",
                    op.as_str()
                ))
                .as_warning(),
            );
        }
    }
}

/// Whether a number is certainly whole: an integer, or rounded to a unit.
fn whole(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Round { places: 0, .. } => true,
        ExprKind::Const(crate::value::Value::Number(n)) => n.fract().is_zero(),
        _ => expr.ty == Type::Integer,
    }
}

/// Where an amount of money takes fractions of a cent that no rounding
/// removes: a product with a rate or a non-whole number, a quotient, or a
/// scale applied. Rules named in the expression are checked on their own.
fn unrounded(expr: &Expr) -> Option<Span> {
    if !matches!(expr.ty, Type::Money(_)) {
        return None;
    }
    match &expr.kind {
        ExprKind::Round { .. } => None,
        ExprKind::Binary { op, left, right } => match op {
            BinaryOp::Add | BinaryOp::Subtract => unrounded(left).or_else(|| unrounded(right)),
            // A whole number of amounts is still in whole cents.
            BinaryOp::Multiply if whole(left) && left.ty.is_number() => unrounded(right),
            BinaryOp::Multiply if whole(right) && right.ty.is_number() => unrounded(left),
            _ => Some(expr.span),
        },
        ExprKind::Negate(inner) => unrounded(inner),
        ExprKind::If {
            then, otherwise, ..
        } => unrounded(then).or_else(|| unrounded(otherwise)),
        ExprKind::Aggregate(aggregate) => aggregate.body.as_ref().and_then(unrounded),
        ExprKind::Earliest(items) | ExprKind::Latest(items) => items.iter().find_map(unrounded),
        _ => None,
    }
}

impl Checker<'_> {
    /// `money_unrounded`: a rule or verdict gives an amount of money computed
    /// with a rate or a division, and the policy does not say how to round
    /// it. Legal texts almost always do; where one keeps exact amounts, the
    /// lint is silenced.
    pub(super) fn lint_rounding(&mut self) {
        let mut found: Vec<(String, Span)> = Vec::new();
        for definition in self.definitions.iter().flatten() {
            if let Some(span) = unrounded(&definition.body) {
                found.push((definition.name.clone(), span));
            }
        }
        for exception in self.exceptions.iter().flatten() {
            if let Some(span) = unrounded(&exception.value) {
                found.push((String::from("an exception"), span));
            }
        }
        for verdict in &self.verdicts {
            if let Some(span) = unrounded(&verdict.body) {
                found.push((verdict.name.clone(), span));
            }
        }
        for (name, span) in found {
            let subject = if name == "an exception" {
                name
            } else {
                format!("`{name}`")
            };
            self.report(
                Problem::error(
                    "provisio::money_unrounded",
                    format!(
                        "{subject} is an amount of money that can run to fractions of a cent, and the policy does not say how to round it"
                    ),
                    span,
                    "not rounded",
                )
                .with_help("say how the text rounds it: end the expression with `rounded half up to the cent` (or `half even`, `down`, `up`); if the text keeps exact amounts, add `# provisio: allow money_unrounded`")
                .as_warning(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::says;

    #[test]
    fn matches_whole_words_only() {
        assert!(says("until the 14th Session", "until"));
        assert!(says("will Expire on that date", "expire"));
        assert!(!says("expired", "expire"));
        assert!(!says("untiled", "until"));
    }
}
