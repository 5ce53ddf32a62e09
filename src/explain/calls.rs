//! Calls of definitions with parameters in explanations: each call is told
//! as the law reads it, with its arguments ("the member's age, for Alice"),
//! and its reasons once however often it is used.

use super::Builder;
use super::phrase::and_list;
use crate::eval::trace::RuleRef;
use crate::locale::{Lang, Words};
use crate::model::translations::Described;
use crate::model::{Model, Type};
use crate::value::Value;
use crate::words::typed_words_in;

/// An argument in a language's words: a record by its first text field (a
/// member by name), any other value as explanations write values, records
/// with their field names.
pub fn argument_words(model: &Model, ty: &Type, value: &Value, words: &Words) -> String {
    if !value.is_known() {
        let (alone, with_known) = words.particulars.value_not_known;
        return match crate::words::known_of_words_in(model, value, words) {
            Some(known) => words.one(with_known, &known),
            None => String::from(alone),
        };
    }
    if let (Type::Record(record), Value::Record(fields)) = (ty.without_none(), value)
        && let Some(record) = model.records.get(*record as usize)
    {
        let label = record
            .fields
            .iter()
            .zip(fields.iter())
            .find_map(|(field, value)| match (&field.ty, value) {
                (Type::Text, Value::Text(text)) if !text.is_empty() => Some(text.to_string()),
                _ => None,
            });
        if let Some(label) = label {
            return label;
        }
    }
    // A date named reads with its article: "pour le 29 février 2008".
    let article = match value {
        Value::Date(_) => words.date_article,
        _ => "",
    };
    format!("{article}{}", typed_words_in(model, value, ty, words))
}

/// A field of a record in words: its description in `lang` (in English
/// where the policy gives none in that language), or, when it has none,
/// the expression as the policy writes it (`m.born`).
pub fn field_words(
    model: &Model,
    expr: &crate::model::Expr,
    record: &Type,
    field: u32,
    lang: Lang,
) -> String {
    let description = match record.without_none() {
        Type::Record(id) => model.described(Described::Field(*id, field), lang),
        _ => None,
    };
    match description {
        Some(description) => description.to_string(),
        None => model.source.written(expr.span),
    }
}

/// The arguments of a call in a language's words, joined: "Alice", "Alice
/// and 2024", "Alice et 2024".
pub fn arguments_words(model: &Model, definition: u32, args: &[Value], words: &Words) -> String {
    let params = model
        .definitions
        .get(definition as usize)
        .map(|d| d.params.as_slice())
        .unwrap_or(&[]);
    let said: Vec<String> = args
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let ty = params.get(i).map_or(&Type::Error, |p| &p.ty);
            argument_words(model, ty, value, words)
        })
        .collect();
    and_list(&said, words.explaining.and)
}

impl Builder<'_, '_> {
    /// What a rule step stands for, in words: a call adds its arguments.
    pub(super) fn rule_meaning(&self, index: u32, rule: RuleRef) -> String {
        let meaning = super::rule_identity_in(self.model, rule, self.lang).2;
        match (rule, self.trace.call_arguments(index)) {
            (RuleRef::Definition(id), Some(args)) => {
                let args = arguments_words(self.model, id, args, self.say);
                let for_arguments = self.say.particulars.for_arguments;
                self.say
                    .fill(for_arguments, &[('x', &meaning), ('r', &args)])
            }
            _ => meaning,
        }
    }

    /// The parameters and arguments of a call, for a rule step that computed one.
    pub(super) fn call_arguments(&self, index: u32, rule: RuleRef) -> Vec<(String, Value)> {
        let (RuleRef::Definition(id), Some(args)) = (rule, self.trace.call_arguments(index)) else {
            return Vec::new();
        };
        let params = self
            .model
            .definitions
            .get(id as usize)
            .map(|d| d.params.as_slice())
            .unwrap_or(&[]);
        params
            .iter()
            .zip(args.iter())
            .map(|(p, v)| (p.name.clone(), v.clone()))
            .collect()
    }

    /// Whether a rule step was already shown: a rule once, a call once for
    /// each set of arguments (its step, since a repeated call refers back).
    pub(super) fn first_showing(&mut self, index: u32, rule: RuleRef) -> bool {
        if self.trace.call_arguments(index).is_some() {
            self.seen_calls.insert(index)
        } else {
            self.seen_rules.insert(rule)
        }
    }
}
