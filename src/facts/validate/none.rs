//! None and defaults in a facts file: `"none"` (or `{"none": true}`) for a
//! fact or field declared `or none`, and the facts and fields that took
//! their declared default.

use super::super::describe::form;
use super::super::error::ProblemKind;
use super::super::locate::Target;
use super::super::path::{Path, Seg};
use super::super::tree::Node;
use super::Validator;
use crate::model::{Model, Type};
use crate::value::Value;

/// The word that says there is none, for every type but text.
pub(crate) const NONE_WORD: &str = "none";

/// Whether `node` is `{"none": true}`, the form that says none for any type.
fn is_none_object(node: &Node) -> bool {
    matches!(node, Node::Map(entries)
        if matches!(entries.as_slice(), [(key, Node::Bool(true))] if key == NONE_WORD))
}

/// A type as a drafter declares it: `date`, `money in EUR`, `one of a, b`.
fn written(model: &Model, ty: &Type) -> String {
    crate::model::types::declared_type(ty, &model.enums)
}

impl Validator<'_> {
    /// [`Value::None`] when `node` says none and `ty` allows it; a problem
    /// (and unknown) when it says none and `ty` does not; `None` when `node`
    /// does not say none, to be read as a value of `ty`.
    pub(super) fn none_form(&mut self, node: &Node, ty: &Type, path: &Path) -> Option<Value> {
        let word = matches!(node, Node::String(s) if s == NONE_WORD);
        if let Type::OrNone(inner) = ty {
            // `"none"` is valid text, so text says none only as an object.
            let says_none = is_none_object(node) || (word && **inner != Type::Text);
            return says_none.then_some(Value::None);
        }
        let says_none = match ty {
            // A record with a field named `none` reads the object as itself.
            Type::Record(id) => {
                is_none_object(node)
                    && !self
                        .model
                        .records
                        .get(*id as usize)
                        .is_some_and(|r| r.fields.iter().any(|f| f.name == NONE_WORD))
                    || word
            }
            Type::Text | Type::List(_) | Type::Scale(_) | Type::Error => is_none_object(node),
            // An enumeration may have a value named `none`.
            Type::Enum(id) => {
                is_none_object(node)
                    || word
                        && !self
                            .model
                            .enums
                            .get(*id as usize)
                            .is_some_and(|e| e.values.iter().any(|v| v == NONE_WORD))
            }
            _ => word || is_none_object(node),
        };
        if !says_none {
            return None;
        }
        self.cannot_be_none(node, ty, path);
        Some(Value::UNKNOWN)
    }

    fn cannot_be_none(&mut self, node: &Node, ty: &Type, path: &Path) {
        let model = self.model;
        let declared = written(model, ty);
        let event = path.0.first().is_some_and(|seg| {
            matches!(seg, Seg::Key { name, .. }
                if model.facts.iter().any(|f| f.is_event && f.field.name == *name))
        });
        let name = match path.0.last() {
            Some(Seg::Key { name, .. }) => name.clone(),
            _ => path.to_string(),
        };
        let help = if event {
            String::from("an event's dates cannot be none: leave the date out when it is not known")
        } else {
            format!(
                "declare `{name}` as `{declared} or none` in the policy if there may be none, or give {}",
                form(model, ty, self.format, false)
            )
        };
        let hint = match node {
            Node::String(s) => Some(s.clone()),
            _ => None,
        };
        self.push_at(
            ProblemKind::CannotBeNone,
            path.clone(),
            Target::Value,
            hint,
            format!("{path}: `{name}` is declared `{declared}`, which cannot be none"),
            "cannot be none".to_string(),
            Some(help),
        );
    }

    /// Records that the field `index` of the record at `path` took its
    /// default; a record inside a list is not recorded, as its element has
    /// no field path of its own.
    pub(super) fn took_default(&mut self, index: u32, path: &Path) {
        if path.0.iter().any(|seg| matches!(seg, Seg::Index(_))) {
            return;
        }
        let Some((fact, fields)) = self.fields_at.split_first() else {
            return;
        };
        let mut fields = fields.to_vec();
        fields.push(index);
        self.defaulted.push((*fact, fields.into()));
    }
}
