//! A verdict's sentence, from its template and its outcome.

use crate::eval::{Evaluation, VerdictOutcome};
use crate::locale::{Lang, Words};
use crate::model::{Model, TemplatePart, Type};
use crate::value::{Scalar, Value};
use crate::words::{bounds_words_in, value_words_in};

/// The verdict's sentence in words, such as "The moratorium is not in force
/// on 28 March 2026.", in `lang` where the policy gives it (otherwise in
/// English), its values in `lang`'s words.
pub fn sentence(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
    lang: Lang,
) -> String {
    let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
        return String::new();
    };
    let Some(template) = model.verdict_template(outcome.verdict, lang) else {
        return String::new();
    };
    let say = lang.words();
    let mut out = String::new();
    let mut values = outcome.template_values.iter();
    for part in &template.parts {
        match part {
            TemplatePart::Literal(text) => out.push_str(text),
            TemplatePart::Value => match (&outcome.value, &verdict.ty) {
                (Value::Unknown(_), Type::Enum(id)) => {
                    // Name what it may be, so that "undetermined" still says something.
                    let possible = possible_statuses(model, evaluation, outcome.step);
                    let values: Vec<String> = model
                        .enums
                        .get(*id as usize)
                        .map(|e| {
                            e.values
                                .iter()
                                .enumerate()
                                .filter(|(i, _)| {
                                    possible.as_ref().is_none_or(|p| p.contains(&(*i as u32)))
                                })
                                .map(|(i, _)| crate::words::enum_words(model, *id, i as u32, say))
                                .collect()
                        })
                        .unwrap_or_default();
                    let among = say.sentences.undetermined_among;
                    out.push_str(&say.one(among, &or_list(&values, say)));
                }
                (value, ty) => out.push_str(&in_sentence(model, value, ty, say)),
            },
            TemplatePart::Choice { yes, no, unknown } => match &outcome.value {
                Value::Bool(true) => out.push_str(yes),
                Value::Bool(false) => out.push_str(no),
                _ => match unknown {
                    Some(words) => out.push_str(words),
                    None => {
                        out.push_str(yes);
                        out.push(' ');
                        out.push_str(say.explaining.or);
                        out.push(' ');
                        out.push_str(no);
                    }
                },
            },
            TemplatePart::Expr(expr) => {
                let value = values.next().cloned().unwrap_or(Value::UNKNOWN);
                let words = match value {
                    Value::Date(d) if d == evaluation.as_of => say.date(d),
                    other => in_sentence(model, &other, &expr.ty, say),
                };
                out.push_str(&words);
            }
        }
    }
    out
}

/// A value as it reads inside a sentence: an unknown one says what is
/// known, and names what kind of value it is ("on an undetermined date",
/// not "on an undetermined value").
fn in_sentence(model: &Model, value: &Value, ty: &Type, say: &Words) -> String {
    match value {
        Value::Unknown(bounds) => {
            let kind = match (ty, bounds.lo, bounds.hi) {
                (Type::Date, ..)
                | (_, Some(Scalar::Date(_)), _)
                | (_, _, Some(Scalar::Date(_))) => 0,
                (Type::Money(_), ..) => 1,
                (Type::Integer | Type::Decimal, ..) => 2,
                (Type::Bool, ..) => 3,
                _ => 4,
            };
            let noun = say.sentences.undetermined_kinds[kind];
            match bounds_words_in(bounds, say) {
                Some(words) => format!("{noun} {words}"),
                None => noun.to_string(),
            }
        }
        other => value_words_in(model, other, say),
    }
}

/// "a, b or c".
fn or_list(items: &[String], say: &Words) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), say.explaining.or),
    }
}

/// The statuses an undetermined deontic verdict may still take, read off the
/// trace: with its `when` or `while` unknown, only some combinations remain.
/// `None` when the verdict is not a deontic rule's status.
fn possible_statuses(model: &Model, evaluation: &Evaluation<'_>, step: u32) -> Option<Vec<u32>> {
    use crate::eval::trace::{RuleRef, StepKind};
    let trace = &evaluation.trace;
    let mut at = trace.resolve(step);
    if let Some(StepKind::Expr(expr)) = trace.step(at).map(|s| s.kind) {
        if !matches!(expr.kind, crate::model::ExprKind::Deontic(_)) {
            return None;
        }
        at = trace.resolve(*trace.children(at).first()?);
    }
    let StepKind::Rule(RuleRef::Deontic(id)) = trace.step(at)?.kind else {
        return None;
    };
    let rule = model.deontics.get(id as usize)?;
    let children = trace.children(at);
    let mut parts = children.iter();
    let value_of = |i: Option<&u32>| i.and_then(|i| trace.step(*i)).map(|s| s.value.as_bool());
    let covered = if rule.when.is_some() {
        value_of(parts.next()).unwrap_or(None)
    } else {
        Some(true)
    };
    let holds = if rule.while_.is_some() {
        value_of(parts.next())
    } else {
        Some(Some(true))
    };
    let options = |v: Option<bool>| match v {
        Some(b) => vec![b],
        None => vec![true, false],
    };
    let mut statuses = Vec::new();
    for c in options(covered) {
        if !c {
            statuses.push(2);
            continue;
        }
        // `while` is evaluated only when the rule may cover the measure.
        for h in options(holds.flatten()) {
            statuses.push(if h { 0 } else { 1 });
        }
    }
    statuses.sort_unstable();
    statuses.dedup();
    Some(statuses)
}

/// For an undetermined verdict, what would decide it, in words: for a
/// true-or-false verdict its sentence as if true, and the condition under
/// which it is ("The moratorium ... is in force on 1 December 2025 if the 14th
/// Session of the Ministerial Conference opens after 1 December 2025."); for
/// another, what its value will be.
pub fn residual_sentence(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
    lang: Lang,
) -> Option<String> {
    let say = lang.words();
    let residual = evaluation.residual(model, outcome)?;
    if matches!(
        residual,
        crate::residual::Residual::Opaque | crate::residual::Residual::Known(_)
    ) {
        return None;
    }
    let verdict = model.verdicts.get(outcome.verdict as usize)?;
    let words = if verdict.ty == Type::Bool {
        crate::residual::claim_words_in(model, &residual, lang)
    } else {
        crate::residual::to_words_in(model, &residual, lang)
    };
    if verdict.ty == Type::Bool {
        let mut as_if_true = outcome.clone();
        as_if_true.value = Value::Bool(true);
        let yes = sentence(model, evaluation, &as_if_true, lang);
        let yes = yes.trim_end().trim_end_matches('.');
        Some(say.fill(say.sentences.true_if, &[('x', yes), ('r', &words)]))
    } else {
        // A condition that is a choice opens with the language's "if".
        let choice = lang.residual_words().if_nested.split('{').next();
        Some(
            if choice.is_some_and(|opening| words.starts_with(opening)) {
                say.one(say.sentences.it_depends, &words)
            } else {
                say.one(say.sentences.it_is, &words)
            },
        )
    }
}

/// The sentence a verdict reads as: its template, or, when it does not apply
/// on the date, the sentence that says so.
pub fn verdict_sentence(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
    lang: Lang,
) -> String {
    if outcome.in_force != Value::Bool(false) {
        return sentence(model, evaluation, outcome, lang);
    }
    let say = lang.words();
    let what = crate::render::words::not_in_force_words(model, evaluation, outcome, lang);
    let template = if what.len() == 1 {
        say.sentences.not_in_force_one
    } else {
        say.sentences.not_in_force_many
    };
    let joined = what.join(&format!(" {} ", say.explaining.and));
    say.fill(
        template,
        &[('x', &say.date(evaluation.as_of)), ('r', &joined)],
    )
}
