//! Phrases for values that may be none and for facts that took their
//! default: "the day ... is none", "tenant, by default: not given".

use super::Builder;
use crate::eval::trace::StepKind;
use crate::model::ExprKind;
use crate::value::Value;

impl Builder<'_, '_> {
    /// ", by default: not given" when the step reads a fact, or a field,
    /// that took its declared default; empty otherwise.
    pub(super) fn default_note(&self, index: u32) -> &'static str {
        match self.trace.step(self.trace.resolve(index)).map(|s| s.kind) {
            Some(StepKind::Expr(e)) => match &e.kind {
                ExprKind::Fact { fact, fields } if self.evaluation.is_defaulted(*fact, fields) => {
                    self.say.exceptions.default_note
                }
                _ => "",
            },
            _ => "",
        }
    }

    /// `X is none` and `X is not none`: what the value is says whether it
    /// is none, either way.
    pub(super) fn is_none_phrase(&mut self, children: &[u32], value: &Value) -> String {
        let Some(operand) = children.first() else {
            return self.words(value);
        };
        let subject = self.meaning(*operand);
        let note = self.default_note(*operand);
        let (say, x) = (self.say, &self.say.exceptions);
        let said =
            |template: &str, v: &str| say.fill(template, &[('x', &subject), ('n', note), ('v', v)]);
        match self.value(*operand) {
            Value::None => said(x.is_none, ""),
            Value::Record(_) => said(x.is_given, ""),
            known if known.is_known() => said(x.is_value, &self.words(&known)),
            _ => said(x.none_maybe, ""),
        }
    }

    /// `X or else EXPR`: the value, or that it is none and what stands for it.
    pub(super) fn or_else_phrase(&mut self, children: &[u32], value: &Value) -> String {
        match children.first() {
            Some(first) if !matches!(self.value(*first), Value::None) => self.operand(*first),
            Some(first) => {
                let subject = self.meaning(*first);
                let note = self.default_note(*first);
                match children.get(1) {
                    Some(fallback) => {
                        let fallback = self.operand(*fallback);
                        let x = &self.say.exceptions;
                        self.say
                            .fill(x.none_so, &[('x', &subject), ('n', note), ('r', &fallback)])
                    }
                    None => self.words(value),
                }
            }
            None => self.words(value),
        }
    }
}
