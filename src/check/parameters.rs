//! Dated values: histories checked for order, values for type, and
//! references resolved, as of the evaluation date or `as of` another.

use std::collections::HashMap;

use super::resolve::{error_expr, fits};
use super::{Checker, Local, Scope};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, ParameterInfo, ProvisionId, Type};
use crate::span::Span;

impl<'a> Checker<'a> {
    /// Checks every dated value: its history in date order without repeats,
    /// each value a literal of one type.
    pub(super) fn resolve_parameters(&mut self) {
        for id in 0..self.parameter_ast.len() {
            let Some((provision, parameter)) = self.parameter_ast.get(id).copied() else {
                continue;
            };
            let info = self.parameter(provision, parameter);
            if let Some(slot) = self.parameters.get_mut(id) {
                *slot = Some(info);
            }
        }
    }

    fn parameter(
        &mut self,
        provision: ProvisionId,
        parameter: &'a ast::Parameter,
    ) -> ParameterInfo {
        let provision_name = self
            .provisions
            .get(provision as usize)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let declared = parameter.ty.as_ref().map(|t| {
            self.lower_value_type(
                t,
                &format!("{provision_name}.{}", parameter.name.name),
                "a dated value",
            )
        });
        let scope = Scope {
            provision: Some(provision),
        };
        let mut ty = declared.clone();
        let mut history = Vec::new();
        let mut seen: HashMap<chrono::NaiveDate, Span> = HashMap::new();
        let mut last: Option<(chrono::NaiveDate, Span)> = None;
        // The entries that bracket changes add, between those written.
        let mut changes = Vec::new();
        let mut tables: Vec<(bool, Span)> = Vec::new();
        self.check_no_limit_type(parameter, declared.as_ref());
        for (date, value) in &parameter.history {
            let Some(day) = self.date(&date.text, date.span) else {
                continue;
            };
            if let Some(first) = seen.get(&day) {
                let first = *first;
                self.report(
                    Problem::error(
                        "provisio::parameter_history",
                        format!(
                            "`{}` is given two values from {}",
                            parameter.name.name, date.text
                        ),
                        date.span,
                        "this date again",
                    )
                    .with_label(first, "first here")
                    .with_help("give each date once; a later date replaces the value from then on"),
                );
                continue;
            }
            if let Some((previous, previous_span)) = last
                && day < previous
            {
                self.report(
                    Problem::error(
                        "provisio::parameter_history",
                        format!(
                            "the history of `{}` is out of date order: {} comes after {}",
                            parameter.name.name, date.text, previous
                        ),
                        date.span,
                        "earlier than the date above",
                    )
                    .with_label(previous_span, "later date")
                    .with_help("list the dates from the earliest to the latest"),
                );
            }
            seen.insert(day, date.span);
            last = Some((day, date.span));
            let value = match value {
                None => None,
                Some(ast::Expr {
                    kind: ast::ExprKind::Rows(rows),
                    span,
                }) => {
                    let previous = history.last().and_then(|(_, v): &(_, Option<_>)| v.clone());
                    match self.table_rows(parameter, rows, previous, ty.as_ref(), scope, *span) {
                        Some((value, table_ty)) => {
                            if ty.is_none() {
                                ty = Some(table_ty);
                            }
                            Some(value)
                        }
                        None => continue,
                    }
                }
                Some(expr) if matches!(expr.kind, ast::ExprKind::NoLimit) => {
                    match self.no_limit_entry(parameter, declared.as_ref(), expr.span) {
                        Some(value) => Some(value),
                        None => continue,
                    }
                }
                Some(expr) => {
                    // The entry's date and those its brackets change from.
                    let until = parameter
                        .history
                        .iter()
                        .filter_map(|(d, _)| super::parse_date(&d.text).ok())
                        .filter(|d| *d > day)
                        .min();
                    let mut first = None;
                    for (from, version) in self.scale_versions(day, until, expr) {
                        let Some(constant) =
                            self.history_constant(parameter, &version, scope, &mut ty, &mut tables)
                        else {
                            continue;
                        };
                        if from == day {
                            first = Some(constant);
                        } else {
                            changes.push((from, Some(constant)));
                        }
                    }
                    match first {
                        Some(constant) => Some(constant),
                        None => continue,
                    }
                }
            };
            history.push((day, value));
        }
        history.extend(changes);
        history.sort_by_key(|(day, _)| *day);
        let continues = self.table_continues(&parameter.name.name, &tables);
        let cites = parameter
            .cites
            .as_ref()
            .map(|c| super::declare::fold_whitespace(&c.value));
        if let (Some(phrase), Some(info)) = (&cites, self.provisions.get(provision as usize))
            && self
                .provision_has_text
                .get(provision as usize)
                .copied()
                .unwrap_or(false)
            && !info.text.contains(phrase.as_str())
            && let Some(text) = &parameter.cites
        {
            let name = info.name.clone();
            self.report(
                Problem::error(
                    "provisio::citation_not_in_text",
                    format!("the cited phrase is not in the text of provision `{name}`"),
                    text.span,
                    "not found in the provision's text",
                )
                .with_help("cite words exactly as the provision's `text` has them"),
            );
        }
        ParameterInfo {
            name: parameter.name.name.clone(),
            provision,
            description: parameter
                .description
                .as_ref()
                .map(|d| super::declare::fold_whitespace(&d.value)),
            ty: declared.or(ty).unwrap_or(Type::Error),
            history,
            continues,
            cites,
            span: parameter.name.span,
        }
    }

    /// One value of a dated value's history: a literal of the dated value's
    /// type, which it sets when not declared; `None` when it is not one
    /// (reported).
    fn history_constant(
        &mut self,
        parameter: &ast::Parameter,
        expr: &ast::Expr,
        scope: Scope,
        ty: &mut Option<Type>,
        tables: &mut Vec<(bool, Span)>,
    ) -> Option<crate::value::Value> {
        // A table's entries: `[USD 632, USD 4213, and so on]`.
        let (resolved, continues) = self.list_literal(expr, scope, ty.as_ref());
        if matches!(expr.kind, ast::ExprKind::List { .. }) {
            tables.push((continues, expr.span));
        }
        let ExprKind::Const(constant) = &resolved.kind else {
            self.report(
                Problem::error(
                    "provisio::parameter_history",
                    "a dated value's history holds values as written, not computed ones",
                    expr.span,
                    "not a literal value",
                )
                .with_help(
                    "write the value itself, such as `650` or `0.2`; compute with it in a `define`",
                ),
            );
            return None;
        };
        match &*ty {
            Some(expected) if !fits(&resolved.ty, expected) => {
                let (want, found) = (self.type_name(expected), self.type_name(&resolved.ty));
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        format!(
                            "`{}` holds {want}, but this value is {found}",
                            parameter.name.name
                        ),
                        expr.span,
                        found,
                    )
                    .with_help("give every date a value of the same kind"),
                );
            }
            Some(Type::Integer) if resolved.ty == Type::Decimal => *ty = Some(Type::Decimal),
            Some(_) => {}
            None => *ty = Some(resolved.ty.clone()),
        }
        Some(constant.clone())
    }

    /// The type of a dated value.
    pub(super) fn parameter_type(&self, id: u32) -> Type {
        self.parameters
            .get(id as usize)
            .and_then(|p| p.as_ref())
            .map_or(Type::Error, |p| p.ty.clone())
    }

    /// `threshold as of filed`.
    pub(super) fn lookup(
        &mut self,
        target: &ast::Path,
        date: &ast::Expr,
        scope: Scope,
        span: Span,
    ) -> Expr {
        let local = match target.segments.as_slice() {
            [name] => scope
                .provision
                .and_then(|p| self.locals.get(p as usize))
                .and_then(|l| l.get(name.name.as_str()))
                .copied(),
            [provision, _] => match self.provision_index.get(provision.name.as_str()).copied() {
                Some(p) => self.resolve_local_path(p, target, "a dated value"),
                None => None,
            },
            _ => None,
        };
        // The date is checked either way, so that its names count as used.
        let resolved = self.expr(date, scope, Some(&Type::Date));
        if local.is_none()
            && let Some(read) = self.fact_as_of(target, &resolved, date.span, scope, span)
        {
            return read;
        }
        let Some(Local::Parameter(id)) = local else {
            self.report(
                Problem::error(
                    "provisio::not_a_parameter",
                    format!(
                        "`{}` is not a dated value, so it cannot be looked up `as of` a date",
                        target.dotted()
                    ),
                    target.span,
                    "not a `parameter` or a fact",
                )
                .with_help("`as of` looks up the value of a `parameter` or a fact on another date"),
            );
            return error_expr(span);
        };
        if !matches!(resolved.ty, Type::Date | Type::Error) {
            let found = self.type_name(&resolved.ty);
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!("`as of` takes a date, but this is {found}"),
                    date.span,
                    found,
                )
                .with_help("write `threshold as of filed`, with a date after `as of`"),
            );
        }
        Expr {
            kind: ExprKind::Parameter {
                parameter: id,
                date: Some(Box::new(resolved)),
            },
            ty: self.parameter_type(id),
            span,
        }
    }
}
