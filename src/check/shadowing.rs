//! A provision named as an enumeration value (`provision tenant` beside
//! `one of owner, tenant`): a bare provision name is never a value, so the
//! value wins where a value is wanted.

use super::Checker;
use crate::ast;
use crate::model::{Expr, Type};
use crate::span::Span;

impl Checker<'_> {
    /// The enumeration value a bare provision name stands for: of the
    /// expected enumeration, or of the only one with a value of that name.
    /// `None` when no enumeration has it, so that the name is reported as a
    /// provision used as a value. Several enumerations with nothing to tell
    /// which is `provisio::ambiguous_value`, whose help shows the qualified
    /// forms.
    pub(super) fn value_named_like_provision(
        &mut self,
        name: &ast::Ident,
        expected: Option<&Type>,
        span: Span,
    ) -> Option<Expr> {
        let has = |values: &[String]| values.contains(&name.name);
        let wanted = match expected {
            Some(Type::Enum(id)) => self.enums.get(*id as usize).is_some_and(|e| has(&e.values)),
            _ => false,
        };
        let anywhere = self.enums.iter().any(|e| has(&e.values));
        if wanted || (!matches!(expected, Some(Type::Enum(_))) && anywhere) {
            self.enum_literal(name, if wanted { expected } else { None }, span)
        } else {
            None
        }
    }

    /// The qualified forms of a value of several enumerations, for a help
    /// line: "`occupancy.tenant` or `status.tenant`".
    pub(super) fn qualified_forms(&self, value: &str, owners: &[(u32, u32)]) -> String {
        let forms: Vec<String> = owners
            .iter()
            .filter_map(|(id, _)| self.enums.get(*id as usize))
            .map(|e| format!("`{}.{value}`", e.name))
            .collect();
        match forms.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}
