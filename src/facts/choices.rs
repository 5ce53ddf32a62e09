//! An enumeration known to be one of a few values: `{"one_of": [...]}`,
//! held as [`Value::Among`] in declaration order, or as the value itself
//! when one is listed. A part of the facts validator, beside `ranges.rs`.

use super::super::{Node, Path, ProblemKind, Target, Validator, numbered};
use super::RANGE_KEYS;
use crate::facts::describe::name_list;
use crate::model::Type;
use crate::value::Value;

impl Validator<'_> {
    /// `{"one_of": [...]}` for an enumeration: that value when one is
    /// listed, [`Value::Among`] when several are.
    pub(super) fn one_of(
        &mut self,
        entries: &[(String, Node)],
        id: u32,
        or_none: bool,
        path: &Path,
    ) -> Value {
        let Some(enumeration) = self.model.enums.get(id as usize) else {
            return Value::UNKNOWN;
        };
        let count = enumeration.values.len();
        let mut listed: Option<&Node> = None;
        let mut failed = false;
        for (nth, key, node) in numbered(entries) {
            let key_path = path.key_nth(key, nth);
            if nth > 0 {
                self.duplicate(&key_path, "key");
                failed = true;
            } else if key == "one_of" {
                listed = Some(node);
            } else {
                let help = if RANGE_KEYS.contains(&key) {
                    "an enumeration is not ordered: list the values it may be with `one_of`"
                        .to_string()
                } else {
                    match crate::suggest::closest(key, ["one_of"]) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "list the values it may be with `one_of`".to_string(),
                    }
                };
                self.push(
                    ProblemKind::RangeForm,
                    key_path,
                    Target::Key,
                    format!("{path}: unknown key `{key}` for an enumeration"),
                    "not `one_of`".to_string(),
                    Some(help),
                );
                failed = true;
            }
        }
        let alternatives = name_list(enumeration.values.iter().map(String::as_str));
        let list_path = path.key("one_of");
        let items = match listed {
            Some(Node::Seq(items)) if !items.is_empty() => items,
            Some(node) => {
                let (message, label) = match node {
                    Node::Seq(_) => (
                        format!("{list_path}: lists no value"),
                        "an empty list".to_string(),
                    ),
                    other => (
                        format!(
                            "{list_path}: expected a list of values, found {}",
                            super::super::found(other, self.format)
                        ),
                        "not a list".to_string(),
                    ),
                };
                self.push(
                    ProblemKind::RangeForm,
                    list_path.clone(),
                    Target::Value,
                    message,
                    label,
                    Some(format!(
                        "list the values it may be, two or more of {alternatives}, or leave it out when nothing is known"
                    )),
                );
                return Value::UNKNOWN;
            }
            None if failed => return Value::UNKNOWN,
            None => {
                self.push(
                    ProblemKind::RangeForm,
                    path.clone(),
                    Target::Value,
                    format!("{path}: expected a value or `one_of`, found an empty object"),
                    "nothing given".to_string(),
                    Some(format!(
                        "give one of {alternatives}, or list those it may be with `one_of`"
                    )),
                );
                return Value::UNKNOWN;
            }
        };
        let mut chosen = vec![false; count];
        let mut none = false;
        for (i, item) in items.iter().enumerate() {
            let item_path = list_path.index(i);
            match item {
                Node::String(text) if or_none && text == "none" => none = true,
                Node::String(text) => match self.enum_value(id, text, &item_path) {
                    Value::Enum(_, index) => {
                        if let Some(flag) = chosen.get_mut(index as usize) {
                            *flag = true;
                        }
                    }
                    _ => failed = true,
                },
                other => {
                    self.wrong(other, &Type::Enum(id), &item_path, false, "", None);
                    failed = true;
                }
            }
        }
        if failed {
            return Value::UNKNOWN;
        }
        // Declaration order, none last: the same facts give the same value.
        let mut values: Vec<Value> = chosen
            .iter()
            .enumerate()
            .filter(|(_, chosen)| **chosen)
            .filter_map(|(i, _)| u32::try_from(i).ok().map(|i| Value::Enum(id, i)))
            .collect();
        if none {
            values.push(Value::None);
        }
        match values.len() {
            1 => values.pop().unwrap_or(Value::UNKNOWN),
            _ => Value::Among(values.into()),
        }
    }
}
