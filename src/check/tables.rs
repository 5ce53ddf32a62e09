//! Tables written row by row in a dated value's history: by enumeration
//! value (`owner: 10%, tenant: 20%`) or by position (`entry 2: USD 7000`);
//! a later date gives only the entries that change.

use std::str::FromStr;

use super::{Checker, Scope};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{ExprKind, Type};
use crate::span::Span;
use crate::value::Value;

impl<'a> Checker<'a> {
    /// The table a date's rows give, from the table before it; with its type.
    pub(super) fn table_rows(
        &mut self,
        parameter: &ast::Parameter,
        rows: &[ast::TableEntry],
        previous: Option<Value>,
        declared: Option<&Type>,
        scope: Scope,
        span: Span,
    ) -> Option<(Value, Type)> {
        let name = parameter.name.name.as_str();
        let mut element = match declared {
            Some(Type::List(element)) => Some((**element).clone()),
            Some(Type::Error) | None => None,
            Some(other) => {
                let found = self.type_name(other);
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        format!("`{name}` holds {found}, but this date gives a table's entries"),
                        span,
                        "entries of a table",
                    )
                    .with_help("declare it as a table, such as `list of decimal`"),
                );
                return None;
            }
        };
        let by_value = rows.iter().any(|r| r.value.is_some());
        if by_value && rows.iter().any(|r| r.position.is_some()) {
            self.report(
                Problem::error(
                    "provisio::table_rows",
                    "a table's entries are given either by enumeration value or by position, not both",
                    span,
                    "both kinds",
                )
                .with_help("write `owner: 10%, tenant: 20%` for a table by enumeration value, `entry 0: USD 632, entry 1: USD 4213` for one by position"),
            );
            return None;
        }
        let mut entries: Vec<Option<Value>> = match previous {
            Some(Value::List(items)) => items.iter().cloned().map(Some).collect(),
            _ => Vec::new(),
        };
        let first = entries.is_empty();
        // A later date with no table before it: the earlier date failed
        // and was reported; this one is not reported again for it.
        let written_first = parameter
            .history
            .first()
            .and_then(|(_, v)| v.as_ref())
            .is_some_and(|e| e.span == span);
        let after_failure = first && !written_first;
        let mut enumeration = None;
        if by_value {
            let head = rows.first().and_then(|r| r.value.as_ref())?;
            let id = match self.enum_literal(head, None, head.span).map(|e| e.ty) {
                Some(Type::Enum(id)) => id,
                Some(_) => return None,
                None => {
                    self.report(
                        Problem::error(
                            "provisio::table_rows",
                            format!("`{}` is not a value of any enumeration, so it cannot name an entry of `{name}`", head.name),
                            head.span,
                            "not an enumeration value",
                        )
                        .with_help("name each entry by a value of the enumeration the table is looked up by, or write `entry 0: ...` by position"),
                    );
                    return None;
                }
            };
            let count = self.enums.get(id as usize).map_or(0, |e| e.values.len());
            if first {
                entries = vec![None; count];
            }
            enumeration = Some(id);
        }
        let mut given: Vec<(usize, Span)> = Vec::new();
        for row in rows {
            let (position, at) = match (&row.value, &row.position, enumeration) {
                (Some(value), _, Some(id)) => match self.enum_value(id, value) {
                    Some(index) => (index as usize, value.span),
                    None => continue,
                },
                (None, Some((digits, at)), _) => match usize::from_str(digits) {
                    Ok(n) => (n, *at),
                    Err(_) => (usize::MAX, *at),
                },
                _ => continue,
            };
            if let Some((_, before)) = given.iter().find(|(p, _)| *p == position) {
                self.report(
                    Problem::error(
                        "provisio::table_rows",
                        format!("this date gives the same entry of `{name}` twice"),
                        at,
                        "again",
                    )
                    .with_label(*before, "first here")
                    .with_help("give each entry once on each date"),
                );
                continue;
            }
            given.push((position, at));
            if position > entries.len() || position == usize::MAX {
                if after_failure {
                    continue;
                }
                self.report(
                    Problem::error(
                        "provisio::table_rows",
                        format!(
                            "`{name}` has {} before this one, so the next is entry {}",
                            match entries.len() {
                                1 => String::from("1 entry"),
                                n => format!("{n} entries"),
                            },
                            entries.len()
                        ),
                        at,
                        "a gap before it",
                    )
                    .with_help("number the entries from 0 without gaps"),
                );
                continue;
            }
            let resolved = self.expr(&row.expr, scope, element.as_ref());
            let ExprKind::Const(value) = resolved.kind else {
                self.report(
                    Problem::error(
                        "provisio::parameter_history",
                        "a table's entries are values as written, not computed ones",
                        row.expr.span,
                        "not a literal value",
                    )
                    .with_help("write the value itself, such as `USD 632` or `20%`"),
                );
                continue;
            };
            match &element {
                Some(ty) if !super::resolve::fits(&resolved.ty, ty) => {
                    let (want, found) = (self.type_name(ty), self.type_name(&resolved.ty));
                    self.report(
                        Problem::error(
                            "provisio::type_mismatch",
                            format!("the entries of `{name}` are {want}, but this one is {found}"),
                            row.expr.span,
                            found,
                        )
                        .with_help("give every entry a value of the same kind"),
                    );
                    continue;
                }
                Some(_) => {}
                None => element = Some(resolved.ty.clone()),
            }
            if position == entries.len() {
                entries.push(Some(value));
            } else if let Some(slot) = entries.get_mut(position) {
                *slot = Some(value);
            }
        }
        let missing: Vec<String> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_none())
            .map(|(i, _)| match enumeration {
                Some(id) => self
                    .enums
                    .get(id as usize)
                    .and_then(|e| e.values.get(i))
                    .cloned()
                    .unwrap_or_default(),
                None => format!("entry {i}"),
            })
            .collect();
        if !missing.is_empty() && after_failure {
            return None;
        }
        if !missing.is_empty() {
            self.report(
                Problem::error(
                    "provisio::table_rows",
                    format!(
                        "the first date of `{name}` leaves out {}",
                        missing.join(", ")
                    ),
                    span,
                    "not every entry",
                )
                .with_help(
                    "the first date gives every entry; later dates give only those that change",
                ),
            );
            return None;
        }
        let values: Vec<Value> = entries.into_iter().flatten().collect();
        let element = element.unwrap_or(Type::Error);
        Some((Value::List(values.into()), Type::List(Box::new(element))))
    }
}
