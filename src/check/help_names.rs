//! Examples in help lines, built from the policy's own names, so that a
//! help line never names a fact or rule the policy does not have.

use super::Checker;
use crate::model::Type;

impl Checker<'_> {
    /// The first rule of the first provision, as `provision.rule`.
    fn first_rule_path(&self) -> Option<String> {
        let (provision, definition) = self.definition_ast.first()?;
        let provision = self.provisions.get(*provision as usize)?;
        Some(format!("{}.{}", provision.name, definition.name.name))
    }

    /// The help line for a placeholder that is not one.
    pub(super) fn placeholder_example(&self) -> String {
        match self.first_rule_path() {
            Some(path) => format!(
                "write `{{value}}`, a name such as `{{as_of}}` or `{{{path}}}`, or a choice such as `{{is|is not}}`"
            ),
            None => String::from(
                "write `{value}`, a name such as `{as_of}`, or a choice such as `{is|is not}`",
            ),
        }
    }

    /// The help line for an expression that should be a date: a written
    /// date, or the policy's first date fact or event.
    pub(super) fn date_example(&self) -> String {
        let named = self.facts.iter().find_map(|fact| {
            if fact.is_event {
                Some(format!("`{}.opening`", fact.field.name))
            } else if fact.field.ty.without_none() == &Type::Date {
                Some(format!("`{}`", fact.field.name))
            } else {
                None
            }
        });
        match named {
            Some(named) => format!("give a date, such as 2024-03-02 or {named}"),
            None => String::from("give a date, such as 2024-03-02"),
        }
    }
}
