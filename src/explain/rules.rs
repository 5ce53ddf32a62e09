//! Why a rule has its value: a definition through its body and the
//! exceptions that override it, an exception through its condition, a
//! deontic rule through its `when` and `while`.

use super::Builder;
use super::phrase::and_list;
use crate::eval::trace::{RuleRef, StepKind};
use crate::model::ExprKind;

impl Builder<'_, '_> {
    /// The exceptions among a rule's sub-steps that apply, and those that may:
    /// their names, in evaluation order.
    pub(super) fn exceptions_among(&self, children: &[u32]) -> (Vec<String>, Vec<String>) {
        let mut applied = Vec::new();
        let mut possible = Vec::new();
        for child in children {
            let Some(StepKind::Rule(RuleRef::Exception(e))) =
                self.trace.step(*child).map(|s| s.kind)
            else {
                continue;
            };
            let condition = self
                .trace
                .children(*child)
                .first()
                .map(|c| self.value(*c).as_bool());
            let (name, ..) = super::rule_identity_in(self.model, RuleRef::Exception(e), self.lang);
            match condition {
                Some(Some(true)) => applied.push(format!("`{name}`")),
                Some(None) => possible.push(format!("`{name}`")),
                _ => {}
            }
        }
        (applied, possible)
    }

    /// Whether exceptions decided a rule: one applies or may apply.
    pub(super) fn exceptions_decide(&self, children: &[u32]) -> bool {
        let (applied, possible) = self.exceptions_among(children);
        !applied.is_empty() || !possible.is_empty()
    }

    /// Why a rule has its value.
    pub(super) fn rule_because(&mut self, index: u32, rule: RuleRef) -> String {
        let children = self.trace.children(index);
        let value = self.value(index);
        match rule {
            RuleRef::Definition(_) | RuleRef::Exception(_) if self.exceptions_decide(&children) => {
                let (applied, possible) = self.exceptions_among(&children);
                let (say, x) = (self.say, &self.say.exceptions);
                let noun = |names: &[String]| {
                    if names.len() == 1 {
                        x.nouns.0
                    } else {
                        x.nouns.1
                    }
                };
                let (and, or) = (say.explaining.and, say.explaining.or);
                match (applied.is_empty(), possible.is_empty()) {
                    (false, true) => say.fill(
                        x.overridden,
                        &[('x', noun(&applied)), ('r', &and_list(&applied, and))],
                    ),
                    (false, false) => say.fill(
                        x.overridden_unless,
                        &[
                            ('x', noun(&applied)),
                            ('r', &and_list(&applied, and)),
                            ('l', noun(&possible)),
                            ('v', &and_list(&possible, or)),
                        ],
                    ),
                    _ => say.fill(
                        x.may_apply_depending,
                        &[('x', noun(&possible)), ('r', &and_list(&possible, or))],
                    ),
                }
            }
            RuleRef::Exception(_) => {
                let condition = children.first().copied();
                let cond = condition.map(|c| self.phrase(c)).unwrap_or_default();
                let (say, x) = (self.say, &self.say.exceptions);
                // A condition not known yet is said "as ..." ("puisque ...").
                let as_ = say.explaining.as_.trim_end_matches("{x}");
                match condition.map(|c| self.value(c).as_bool()) {
                    Some(Some(true)) => {
                        say.fill(x.applies_gives, &[('x', &cond), ('v', &self.words(&value))])
                    }
                    Some(Some(false)) => say.one(x.does_not_apply, &cond),
                    _ if cond.starts_with(as_) => say.one(x.may_apply_as, &cond),
                    _ => say.one(x.may_apply, &cond),
                }
            }
            RuleRef::Definition(_) => {
                let Some(body) = children.iter().copied().find(|c| {
                    !matches!(
                        self.trace.step(*c).map(|s| s.kind),
                        Some(StepKind::Rule(RuleRef::Exception(_)))
                    )
                }) else {
                    return self.words(&value);
                };
                let step_kind = self.trace.step(body).map(|s| s.kind);
                if matches!(step_kind, Some(StepKind::Expr(e)) if matches!(e.kind, ExprKind::Const(_)))
                {
                    return String::from(self.say.explaining.provision_sets);
                }
                let simple = matches!(
                    self.trace.step(self.trace.resolve(body)).map(|s| s.kind),
                    Some(StepKind::Rule(_))
                ) || matches!(
                    step_kind,
                    Some(StepKind::Expr(e)) if matches!(e.kind, ExprKind::Definition(_) | ExprKind::Deontic(_) | ExprKind::Fact { .. })
                );
                let phrase = self.phrase(body);
                if simple {
                    self.say.one(self.say.explaining.same_as, &phrase)
                } else {
                    phrase
                }
            }
            RuleRef::Deontic(id) => {
                let Some(rule) = self.model.deontics.get(id as usize) else {
                    return String::new();
                };
                let mut parts = children.iter().copied();
                let when = rule.when.as_ref().and_then(|_| parts.next());
                let holds = rule.while_.as_ref().and_then(|_| parts.next());
                let when_words = when.map(|w| (self.value(w).as_bool(), self.phrase(w)));
                let holds_words = holds.map(|h| (self.value(h).as_bool(), self.phrase(h)));
                let (say, x) = (self.say, &self.say.explaining);
                let both =
                    |template: &str, w: &str, h: &str| say.fill(template, &[('l', w), ('r', h)]);
                match (when_words, holds_words) {
                    (Some((Some(false), w)), _) => say.one(x.as_, &w),
                    // The rule binds only while its `while` condition holds.
                    (Some((_, w)), Some((Some(true), h))) => both(x.binds_while_and, &w, &h),
                    (Some((_, w)), Some((_, h))) => both(x.binds_only_while_but, &w, &h),
                    (Some((_, w)), None) => w,
                    (None, Some((Some(true), h))) => say.one(x.binds_while, &h),
                    (None, Some((_, h))) => say.one(x.binds_only_while, &h),
                    (None, None) => String::from(x.always_holds),
                }
            }
        }
    }
}
