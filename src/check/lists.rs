//! Lists written out (`[2016-07-31, 2016-12-31]`), tables looked up by
//! position or enumeration value (`max_credit[children]`), `is one of` over
//! a written list, and `the m in L with the least K`.

use super::resolve::{error_expr, fits, join};
use super::{Checker, Scope};
use crate::ast::{self, AggregateKind};
use crate::diagnostic::Problem;
use crate::model::expr::{Aggregate, Ties};
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::value::Value;

impl<'a> Checker<'a> {
    /// `[a, b, c]` where it is not a table: `and so on` is refused, since
    /// only a lookup by position reads it.
    pub(super) fn list_expr(
        &mut self,
        expr: &ast::Expr,
        scope: Scope,
        expected: Option<&Type>,
    ) -> Expr {
        if let ast::ExprKind::List {
            continues: true,
            items,
            ..
        } = &expr.kind
        {
            let at = items.last().map_or(expr.span, |i| i.span);
            self.report(
                Problem::error(
                    "provisio::and_so_on",
                    "`and so on` only ends a table that is looked up by position",
                    expr.span,
                    "not looked up here",
                )
                .with_label(at, "the entry that would continue")
                .with_help("give the table to a dated value (`from 2024-01-01: [USD 1, USD 2, and so on]`) or index it (`[1, 2, and so on][n]`); or leave `and so on` out"),
            );
        }
        self.list_literal(expr, scope, expected).0
    }

    /// A list literal and whether it ends with `and so on`. Its entries
    /// share one type, given by `expected` (a list type) or by the first
    /// entry; `[]` needs `expected`.
    pub(super) fn list_literal(
        &mut self,
        expr: &ast::Expr,
        scope: Scope,
        expected: Option<&Type>,
    ) -> (Expr, bool) {
        let span = expr.span;
        let ast::ExprKind::List {
            items,
            continues,
            misplaced_continues,
        } = &expr.kind
        else {
            return (self.expr(expr, scope, expected), false);
        };
        if let Some(at) = misplaced_continues {
            self.report(
                Problem::error(
                    "provisio::and_so_on",
                    "`and so on` stands after the last entry of a table",
                    *at,
                    "an entry after `and so on`",
                )
                .with_help("move `and so on` to the end: `[USD 632, USD 4213, and so on]`"),
            );
        }
        let wanted = match expected.map(Type::without_none) {
            Some(Type::List(element)) if **element != Type::Error => Some((**element).clone()),
            _ => None,
        };
        if items.is_empty() {
            return match wanted {
                Some(element) => (
                    Expr {
                        kind: ExprKind::Const(Value::List(Vec::new().into())),
                        ty: Type::List(Box::new(element)),
                        span,
                    },
                    *continues,
                ),
                None => {
                    self.report(
                        Problem::error(
                            "provisio::empty_list_type",
                            "`[]` is a list of nothing in particular here: the kind of its entries is not known",
                            span,
                            "a list of what?",
                        )
                        .with_help("write it where a list of known kind is expected, such as a dated value declared `list of money in USD`, or give it an entry"),
                    );
                    (error_expr(span), *continues)
                }
            };
        }
        let mut element = wanted.clone();
        let mut first: Option<(Span, Type)> = None;
        let mut resolved = Vec::with_capacity(items.len());
        let mut bad = false;
        for item in items {
            let entry = self.expr(item, scope, element.as_ref());
            if entry.ty == Type::Error {
                bad = true;
            }
            match &element {
                None => element = Some(entry.ty.clone()),
                Some(ty) if wanted.is_some() => {
                    if !fits(&entry.ty, ty) {
                        let (want, found) = (self.type_name(ty), self.type_name(&entry.ty));
                        self.report(
                            Problem::error(
                                "provisio::type_mismatch",
                                format!("this list holds {want}, but this entry is {found}"),
                                entry.span,
                                found,
                            )
                            .with_help("give every entry a value of the kind the list holds"),
                        );
                        bad = true;
                    }
                }
                Some(ty) => match join(ty, &entry.ty) {
                    Some(joined) => element = Some(joined),
                    None => {
                        let (one, other) = (self.type_name(ty), self.type_name(&entry.ty));
                        let (first_span, _) = first.clone().unwrap_or((span, Type::Error));
                        self.report(
                            Problem::error(
                                "provisio::mixed_list",
                                format!("a list holds values of one kind, but it mixes {one} and {other}"),
                                entry.span,
                                other,
                            )
                            .with_label(first_span, one)
                            .with_help("write every entry as the same kind of value: all dates, all amounts in one currency, or all numbers"),
                        );
                        bad = true;
                    }
                },
            }
            if first.is_none() {
                first = Some((entry.span, entry.ty.clone()));
            }
            resolved.push(entry);
        }
        let element = element.unwrap_or(Type::Error);
        if matches!(element, Type::List(_)) {
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    "a list written out holds single values, not lists",
                    span,
                    "a list of lists",
                )
                .with_help("write the entries one by one; a table of tables is not supported"),
            );
            bad = true;
        }
        if bad {
            return (error_expr(span), *continues);
        }
        // Entries that are all constants make one constant: a table costs
        // nothing to evaluate, and a dated value's history can hold it.
        let constants: Option<Vec<Value>> = resolved
            .iter()
            .map(|e| match &e.kind {
                ExprKind::Const(v) => Some(v.clone()),
                _ => None,
            })
            .collect();
        let kind = match constants {
            Some(values) => ExprKind::Const(Value::List(values.into())),
            None => ExprKind::List(resolved.into_boxed_slice()),
        };
        (
            Expr {
                kind,
                ty: Type::List(Box::new(element)),
                span,
            },
            *continues,
        )
    }

    /// `table[i]`: a position (a whole number, from 0) or an enumeration value.
    pub(super) fn index(
        &mut self,
        list: &ast::Expr,
        index: &ast::Expr,
        scope: Scope,
        span: Span,
    ) -> Expr {
        let (list, continues) = self.list_literal(list, scope, None);
        let element = match &list.ty {
            Type::List(element) => (**element).clone(),
            Type::Error => Type::Error,
            other => {
                let found = self.type_name(other);
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        format!("`[...]` looks up an entry of a list or table, but this is {found}"),
                        list.span,
                        found,
                    )
                    .with_help("look up an entry of a dated value holding a table, such as `max_credit[children]`"),
                );
                Type::Error
            }
        };
        let index = self.expr(index, scope, None);
        match &index.ty {
            Type::Integer | Type::Enum(_) | Type::Error => {}
            other => {
                let found = self.type_name(other);
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        format!("an entry is looked up by a whole number or an enumeration value, but this is {found}"),
                        index.span,
                        found,
                    )
                    .with_help("count the position from 0, as in `max_credit[children]`, or round a decimal first"),
                );
            }
        }
        // A table looked up by an enumeration value has one entry a value.
        let sizes: Vec<usize> = match &list.kind {
            ExprKind::Const(Value::List(items)) => vec![items.len()],
            ExprKind::Parameter { parameter, .. } => self
                .parameters
                .get(*parameter as usize)
                .and_then(|p| p.as_ref())
                .map(|p| {
                    p.history
                        .iter()
                        .filter_map(|(_, v)| match v {
                            Some(Value::List(items)) => Some(items.len()),
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        if let Type::Enum(id) = &index.ty {
            let values = self.enums.get(*id as usize).map_or(0, |e| e.values.len());
            if let Some(size) = sizes.iter().copied().find(|n| *n != values) {
                let items = vec![(); size];
                let names = self
                    .enums
                    .get(*id as usize)
                    .map(|e| e.values.join(", "))
                    .unwrap_or_default();
                self.report(
                    Problem::error(
                        "provisio::table_size",
                        format!(
                            "a table looked up by one of {names} needs {values} entries, one for each value in that order, but this one has {}",
                            items.len()
                        ),
                        list.span,
                        format!("{} entries", items.len()),
                    )
                    .with_label(index.span, "an enumeration value")
                    .with_help("give one entry for each value, in the order the enumeration lists them"),
                );
            }
        }
        if element == Type::Error || index.ty == Type::Error {
            return error_expr(span);
        }
        Expr {
            kind: ExprKind::Index {
                list: Box::new(list),
                index: Box::new(index),
                continues,
            },
            ty: element,
            span,
        }
    }

    /// `X is one of [a, b]`: membership in a written list, the list's
    /// entries read as values of `X`'s type.
    pub(super) fn one_of_list(
        &mut self,
        operand: &ast::Expr,
        negated: bool,
        list: &ast::Expr,
        scope: Scope,
        span: Span,
    ) -> Expr {
        let operand = self.expr(operand, scope, None);
        let expected = Type::List(Box::new(operand.ty.clone()));
        let list = self.list_expr(list, scope, Some(&expected));
        Expr {
            kind: ExprKind::Binary {
                op: if negated {
                    ast::BinaryOp::NotIn
                } else {
                    ast::BinaryOp::In
                },
                left: Box::new(operand),
                right: Box::new(list),
            },
            ty: Type::Bool,
            span,
        }
    }

    /// `the m in L with the least K where C, ties to the first`.
    pub(super) fn pick(&mut self, expr: &ast::Expr, scope: Scope) -> Expr {
        let span = expr.span;
        let ast::ExprKind::Pick {
            binder,
            list,
            greatest,
            key,
            filter,
            ties_to_last,
        } = &expr.kind
        else {
            return error_expr(span);
        };
        let list = self.list_expr(list, scope, None);
        let element = match &list.ty {
            Type::List(element) => (**element).clone(),
            Type::Error => Type::Error,
            other => {
                let found = self.type_name(other);
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        format!(
                            "`the ... with the {}` picks an element of a list, but this is {found}",
                            if *greatest { "greatest" } else { "least" }
                        ),
                        list.span,
                        found,
                    )
                    .with_help("name a list, such as `the m in members with the least m.born`"),
                );
                Type::Error
            }
        };
        self.check_binder(binder, scope);
        let slot = self.binders.len() as u32;
        self.binders.push((binder.name.clone(), element.clone()));
        let filter = filter
            .as_deref()
            .map(|f| self.condition(f, scope, "the condition after `where`"));
        let key = self.expr(key, scope, None);
        self.binders.pop();
        if !key.ty.is_ordered() {
            let found = self.type_name(&key.ty);
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!("the element is picked by comparing numbers, amounts of money or dates, but this is {found}"),
                    key.span,
                    found,
                )
                .with_help("compare a field that holds a date or an amount, such as `with the least m.born`"),
            );
            return error_expr(span);
        }
        Expr {
            kind: ExprKind::Aggregate(Box::new(Aggregate {
                kind: if *greatest {
                    AggregateKind::Greatest
                } else {
                    AggregateKind::Least
                },
                slot,
                list,
                body: Some(key),
                filter,
                zero: Value::Number(rust_decimal::Decimal::ZERO),
                more: Box::new([]),
                ties: match ties_to_last {
                    None => Ties::Refused,
                    Some(false) => Ties::First,
                    Some(true) => Ties::Last,
                },
            })),
            ty: element,
            span,
        }
    }

    /// `earliest(list)`, `latest(list)`, `min(list)`, `max(list)`: the
    /// extreme of one list's entries, which must be ordered.
    pub(super) fn extreme_of_list(
        &mut self,
        function: &ast::Ident,
        resolved: Vec<Expr>,
        earliest: bool,
        span: Span,
    ) -> Expr {
        let element = match resolved.first().map(|l| &l.ty) {
            Some(Type::List(element)) => (**element).clone(),
            _ => Type::Error,
        };
        if !element.is_ordered() {
            let found = self.type_name(&element);
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!(
                        "`{}` compares dates or numbers, but this list holds {found}",
                        function.name
                    ),
                    resolved.first().map_or(span, |l| l.span),
                    format!("a list of {found}"),
                )
                .with_help("give it a list of dates, numbers or amounts of money"),
            );
            return error_expr(span);
        }
        let args = resolved.into_boxed_slice();
        Expr {
            kind: if earliest {
                ExprKind::Earliest(args)
            } else {
                ExprKind::Latest(args)
            },
            ty: element,
            span,
        }
    }

    /// Whether a dated table's last entry continues: every entry of its
    /// history says `and so on`, or none does.
    pub(super) fn table_continues(&mut self, name: &str, tables: &[(bool, Span)]) -> bool {
        let with = tables.iter().find(|(c, _)| *c);
        let without = tables.iter().find(|(c, _)| !*c);
        match (with, without) {
            (Some((_, with)), Some((_, without))) => {
                self.report(
                    Problem::error(
                        "provisio::and_so_on",
                        format!("some dates of `{name}` end with `and so on` and some do not"),
                        *without,
                        "no `and so on`",
                    )
                    .with_label(*with, "`and so on`")
                    .with_help("a table continues its last entry on every date or on none: add `and so on` to each, or leave it out of each"),
                );
                true
            }
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// The value of a `no limit` entry of a dated value declared
    /// `... or no limit`: numbers and amounts only.
    pub(super) fn no_limit_entry(
        &mut self,
        parameter: &ast::Parameter,
        declared: Option<&Type>,
        span: Span,
    ) -> Option<Value> {
        let name = &parameter.name.name;
        match (parameter.or_no_limit, declared) {
            (Some(_), Some(Type::Money(currency))) => Some(Value::no_limit(Some(*currency))),
            (Some(_), Some(Type::Integer | Type::Decimal)) => Some(Value::no_limit(None)),
            // Reported once, at the declaration.
            (Some(_), _) => None,
            (None, _) => {
                self.report(
                    Problem::error(
                        "provisio::no_limit",
                        format!("`{name}` is given `no limit`, but its type does not allow it"),
                        span,
                        "no limit",
                    )
                    .with_label(parameter.name.span, "declared here")
                    .with_help(format!("declare it with `or no limit` after its type, such as `parameter {name}: money in USD or no limit`")),
                );
                None
            }
        }
    }

    /// `or no limit` after a type that is not a number or an amount.
    pub(super) fn check_no_limit_type(
        &mut self,
        parameter: &ast::Parameter,
        declared: Option<&Type>,
    ) {
        let Some(marker) = parameter.or_no_limit else {
            return;
        };
        if matches!(
            declared,
            Some(Type::Money(_) | Type::Integer | Type::Decimal | Type::Error)
        ) {
            return;
        }
        self.report(
            Problem::error(
                "provisio::no_limit",
                format!(
                    "`{}` may be `no limit` only if it holds numbers or amounts of money",
                    parameter.name.name
                ),
                marker,
                "not a number or an amount",
            )
            .with_help("declare it `money in USD or no limit`, `integer or no limit` or `decimal or no limit`"),
        );
    }

    /// Reports a dated value that may be `no limit` used in arithmetic:
    /// true when it did.
    pub(super) fn refuse_no_limit(&mut self, op: ast::BinaryOp, operand: &Expr) -> bool {
        let ExprKind::Parameter { parameter, .. } = &operand.kind else {
            return false;
        };
        let Some((provision, ast)) = self.parameter_ast.get(*parameter as usize).copied() else {
            return false;
        };
        let may_be_unset = ast.or_no_limit.is_some()
            && ast
                .history
                .iter()
                .any(|(_, v)| matches!(v.as_ref().map(|e| &e.kind), Some(ast::ExprKind::NoLimit)));
        if !may_be_unset {
            return false;
        }
        let provision = self
            .provisions
            .get(provision as usize)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        self.report(
            Problem::error(
                "provisio::no_limit_arithmetic",
                format!(
                    "`{provision}.{}` may be `no limit`, which `{}` cannot compute with",
                    ast.name.name,
                    op.as_str()
                ),
                operand.span,
                "may be no limit",
            )
            .with_label(ast.name.span, "declared `or no limit`")
            .with_help(format!(
                "compare with it, or cap an amount with `min(x, {})`",
                ast.name.name
            )),
        );
        true
    }
}
