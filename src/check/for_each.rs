//! Verdicts given once per element of a list:
//! `verdict benefit for each m in members keyed by m.name = ...`.

use super::{Checker, Scope};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{ForEach, Type};

impl Checker<'_> {
    /// Resolves the list and the key of a `for each` clause and makes its
    /// binder visible, in slot 0, to the verdict's value and sentence until
    /// [`Checker::end_for_each`].
    pub(super) fn begin_for_each(&mut self, clause: &ast::ForEachDecl, scope: Scope) -> ForEach {
        let list = self.expr(&clause.list, scope, None);
        let element = self
            .list_element(
                &list,
                "`for each` goes through a list",
                "name a fact declared `list of ...`, such as `for each m in members`",
                None,
            )
            .unwrap_or(Type::Error);
        self.check_binder(&clause.binder, scope);
        self.binders.push((clause.binder.name.clone(), element));
        let key = self.expr(&clause.key, scope, None);
        if !key_type(&key.ty) {
            let found = self.type_name(&key.ty);
            let help = if matches!(key.ty, Type::OrNone(_)) {
                format!(
                    "give a key for the elements that have none: `keyed by ({} or else \"...\")`",
                    self.source.slice(clause.key.span)
                )
            } else {
                format!(
                    "key the elements by a field of text, a whole number, a date or an enumeration value, such as `keyed by {}.name`",
                    clause.binder.name
                )
            };
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!(
                        "a key names each element's outcome: text, a whole number, a date or an enumeration value, but this is {found}"
                    ),
                    key.span,
                    found,
                )
                .with_help(help),
            );
        }
        ForEach {
            binder: clause.binder.name.clone(),
            list,
            key,
            span: clause.span,
        }
    }

    /// Hides the binder of a `for each` clause again.
    pub(super) fn end_for_each(&mut self) {
        self.binders.pop();
    }
}

/// Whether values of a type can key the outcomes of a verdict.
fn key_type(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Text | Type::Integer | Type::Date | Type::Enum(_) | Type::Error
    )
}
