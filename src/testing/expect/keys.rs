//! Reading the keys of an expectation that hold more than a word:
//! `within`, `error`, `provisions` and `depends_on`, `at_least` and
//! `at_most`, `one_of`.

use rust_decimal::Decimal;
use serde_json::Value as Json;

use super::{Expectation, Reader, json_decimal, numeric};
use crate::model::{Model, Type};
use crate::span::Span;
use crate::suggest::did_you_mean;

impl Reader<'_> {
    pub(super) fn within(
        &mut self,
        ty: &Type,
        name: &str,
        value: &Json,
        at: Span,
        out: &mut Expectation,
    ) -> bool {
        if !numeric(ty) {
            self.problem(
                format!(
                    "`{name}` is {}: only numbers and amounts are compared within a tolerance",
                    self.model.type_name(ty)
                ),
                at,
                "a tolerance for a value that is not a number",
                String::from("leave `within` out: the value must be exactly as expected"),
            );
            return false;
        }
        match json_decimal(value) {
            Some(within) if within >= Decimal::ZERO => {
                out.within = Some(within);
                true
            }
            _ => {
                self.problem(
                    format!("`within` is {value}, not a number zero or more"),
                    at,
                    "not a tolerance",
                    String::from("write how far the value may be, as a plain number, such as `\"within\": 0.01` (for an amount, in the verdict's currency)"),
                );
                false
            }
        }
    }

    pub(super) fn error(&mut self, value: &Json, at: Span, out: &mut Expectation) -> bool {
        let codes = crate::eval::EVAL_ERROR_CODES;
        match value.as_str() {
            Some(code) if codes.contains(&code) => {
                out.error = Some(code.to_string());
                true
            }
            _ => {
                let written = value
                    .as_str()
                    .map_or_else(|| value.to_string(), String::from);
                let help = did_you_mean(&written, codes.iter().copied())
                    .unwrap_or_else(|| format!("the codes are {}", codes.join(", ")));
                self.problem(
                    format!(
                        "`{}` is not the code of an evaluation error",
                        crate::echo::shorten(&written)
                    ),
                    at,
                    "not an error code",
                    help,
                );
                false
            }
        }
    }

    /// A list of names, each one of `known`.
    pub(super) fn names(
        &mut self,
        value: &Json,
        at: Span,
        key: &str,
        what: &str,
        known: &[&str],
    ) -> Option<Vec<String>> {
        let Some(items) = value.as_array() else {
            self.problem(
                format!("`{key}` is a list of {what} names"),
                at,
                "not a list",
                format!("write `\"{key}\": [\"...\"]`"),
            );
            return None;
        };
        let mut names = Vec::new();
        let mut valid = true;
        for item in items {
            let written = item.as_str().map_or_else(|| item.to_string(), String::from);
            if item.is_string() && known.contains(&written.as_str()) {
                names.push(written);
                continue;
            }
            valid = false;
            let help = did_you_mean(&written, known.iter().copied()).unwrap_or_else(|| {
                let shown: Vec<&str> = known.iter().take(12).copied().collect();
                format!(
                    "the {what}s are {}{}",
                    shown.join(", "),
                    if known.len() > 12 { ", ..." } else { "" }
                )
            });
            self.problem(
                format!(
                    "the policy has no {what} `{}`",
                    crate::echo::shorten(&written)
                ),
                at,
                &format!("not a {what} of the policy"),
                help,
            );
        }
        names.sort();
        names.dedup();
        valid.then_some(names)
    }

    pub(super) fn bound(
        &mut self,
        ty: &Type,
        name: &str,
        key: &str,
        value: &Json,
        at: Span,
        out: &mut Expectation,
    ) -> bool {
        let ordered = matches!(
            ty.without_none(),
            Type::Integer | Type::Decimal | Type::Money(_) | Type::Date
        );
        if !ordered {
            self.problem(
                format!(
                    "`{name}` is {}, which has no range",
                    self.model.type_name(ty)
                ),
                at,
                "a bound for a value that is not ordered",
                String::from("expect the values still possible with `one_of`"),
            );
            return false;
        }
        let Some(value) = self.value(ty, name, value, at) else {
            return false;
        };
        if key == "at_least" {
            out.at_least = Some(value);
        } else {
            out.at_most = Some(value);
        }
        true
    }

    pub(super) fn one_of(
        &mut self,
        ty: &Type,
        name: &str,
        value: &Json,
        at: Span,
        out: &mut Expectation,
    ) -> bool {
        let Some(items) = value.as_array() else {
            self.problem(
                format!("`one_of` of `{name}` is a list of the values still possible"),
                at,
                "not a list",
                String::from("write `\"one_of\": [true, false]`"),
            );
            return false;
        };
        let mut values = Vec::new();
        for item in items {
            values.push(self.value(ty, name, item, at));
        }
        match values.into_iter().collect::<Option<Vec<Json>>>() {
            Some(values) => {
                out.one_of = Some(values);
                true
            }
            None => false,
        }
    }
}

/// Every fact path of the policy: each fact, and each field of a record
/// inside it, as `depends_on` names them.
pub(super) fn fact_paths(model: &Model) -> Vec<String> {
    fn walk(model: &Model, ty: &Type, path: &str, depth: usize, out: &mut Vec<String>) {
        out.push(path.to_string());
        // Records do not nest without end; the bound keeps a bad model finite.
        if depth > 16 {
            return;
        }
        if let Type::Record(record) = ty.without_none()
            && let Some(record) = model.records.get(*record as usize)
        {
            for field in &record.fields {
                walk(
                    model,
                    &field.ty,
                    &format!("{path}.{}", field.name),
                    depth + 1,
                    out,
                );
            }
        }
    }
    let mut out = Vec::new();
    for fact in &model.facts {
        walk(model, &fact.field.ty, &fact.field.name, 0, &mut out);
    }
    out
}
