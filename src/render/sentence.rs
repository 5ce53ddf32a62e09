//! A verdict's sentence, from its template and its outcome.

use super::words::{bounds_words, human_date, value_words};
use crate::eval::{Evaluation, VerdictOutcome};
use crate::model::{Model, TemplatePart, Type};
use crate::value::{Scalar, Value};

/// The verdict's sentence in words, such as "The moratorium is not in force
/// on 28 March 2026."
pub fn sentence(model: &Model, evaluation: &Evaluation<'_>, outcome: &VerdictOutcome) -> String {
    let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
        return String::new();
    };
    let mut out = String::new();
    let mut values = outcome.template_values.iter();
    for part in &verdict.template.parts {
        match part {
            TemplatePart::Literal(text) => out.push_str(text),
            TemplatePart::Value => match (&outcome.value, &verdict.ty) {
                (Value::Unknown(_), Type::Enum(id)) => {
                    // Name what it may be, so that "undetermined" still says something.
                    let values: Vec<String> = model
                        .enums
                        .get(*id as usize)
                        .map(|e| e.values.iter().map(|v| v.replace('_', " ")).collect())
                        .unwrap_or_default();
                    out.push_str("undetermined (");
                    out.push_str(&or_list(&values));
                    out.push(')');
                }
                (value, _) => out.push_str(&in_sentence(model, value)),
            },
            TemplatePart::Choice { yes, no, unknown } => match &outcome.value {
                Value::Bool(true) => out.push_str(yes),
                Value::Bool(false) => out.push_str(no),
                _ => match unknown {
                    Some(words) => out.push_str(words),
                    None => {
                        out.push_str(yes);
                        out.push_str(" or ");
                        out.push_str(no);
                    }
                },
            },
            TemplatePart::Expr(_) => {
                let value = values.next().cloned().unwrap_or(Value::UNKNOWN);
                let words = match value {
                    Value::Date(d) if d == evaluation.as_of => human_date(d),
                    other => in_sentence(model, &other),
                };
                out.push_str(&words);
            }
        }
    }
    out
}

/// A value as it reads inside a sentence: an unknown one says what is known.
fn in_sentence(model: &Model, value: &Value) -> String {
    match value {
        Value::Unknown(bounds) => {
            let noun = match (bounds.lo, bounds.hi) {
                (Some(Scalar::Date(_)), _) | (_, Some(Scalar::Date(_))) => "date",
                _ => "value",
            };
            match bounds_words(bounds) {
                Some(words) => format!("an undetermined {noun} {words}"),
                None => format!("an undetermined {noun}"),
            }
        }
        other => value_words(model, other),
    }
}

/// "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}
