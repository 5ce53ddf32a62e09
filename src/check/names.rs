//! Names in expressions: what a name or a dotted path refers to, in the
//! order `docs/language.md` gives (binders and parameters, the provision's
//! own rules, `as_of`, facts and their fields, provisions' rules, qualified
//! and bare enumeration values), and the fields of records.

use super::resolve::error_expr;
use super::{Checker, Local, Scope};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::suggest::did_you_mean;
use crate::value::Value;

impl<'a> Checker<'a> {
    /// Resolves a name or dotted reference.
    pub(super) fn path(&mut self, path: &ast::Path, scope: Scope, expected: Option<&Type>) -> Expr {
        let span = path.span;
        let Some(head) = path.segments.first() else {
            return error_expr(span);
        };
        let rest = path.segments.get(1..).unwrap_or(&[]);
        if let Some((slot, ty)) = self.binder(&head.name) {
            let base = Expr {
                kind: ExprKind::Bound(slot),
                ty,
                span: head.span,
            };
            return self.fields(base, rest, span);
        }
        let local = scope
            .provision
            .and_then(|p| self.locals.get(p as usize))
            .and_then(|l| l.get(head.name.as_str()))
            .copied();
        if local.is_none()
            && !rest.is_empty()
            && let Some(value) = self.qualified_enum_value(path)
        {
            return value;
        }
        // An exception is never a value: where its name is also an
        // enumeration value (`exception joint ...` beside `filing_status is
        // joint`), the value is meant.
        if matches!(local, Some(Local::Exception(_)))
            && rest.is_empty()
            && self.enums.iter().any(|e| e.values.contains(&head.name))
            && let Some(value) = self.enum_literal(head, expected, span)
        {
            return value;
        }
        let (base, rest) = if let Some(local) = local {
            (self.local_ref(local, head, span), rest)
        } else if head.name == "as_of" {
            (
                Expr {
                    kind: ExprKind::AsOf,
                    ty: Type::Date,
                    span: head.span,
                },
                rest,
            )
        } else if let Some(fact) = self.fact_index.get(head.name.as_str()).copied() {
            self.used_facts.insert(fact);
            return self.fact_path(fact, head, rest, span);
        } else if let Some(provision) = self.provision_index.get(head.name.as_str()).copied() {
            let Some((name, rest)) = rest.split_first() else {
                if let Some(value) = self.value_named_like_provision(head, expected, span) {
                    return value;
                }
                self.report(
                    Problem::error(
                        "provisio::not_a_value",
                        format!("`{}` is a provision, not a value", head.name),
                        head.span,
                        "a provision",
                    )
                    .with_help(format!(
                        "name one of its rules, such as `{}.in_force`",
                        head.name
                    )),
                );
                return error_expr(span);
            };
            let target = ast::Path {
                segments: vec![head.clone(), name.clone()],
                span: head.span.to(name.span),
            };
            match self.resolve_local_path(provision, &target, "a rule") {
                Some(local) => (self.local_ref(local, name, head.span.to(name.span)), rest),
                None => return error_expr(span),
            }
        } else if let Some(index) = self.use_named(&head.name) {
            return self.used_path(index, head, rest, span);
        } else {
            // A named type is no value, unless the expected enumeration has
            // a value of that name.
            let expected_has = match expected {
                Some(Type::Enum(id)) => self
                    .enums
                    .get(*id as usize)
                    .is_some_and(|e| e.values.contains(&head.name)),
                _ => false,
            };
            if !expected_has && self.type_as_value(head) {
                return error_expr(span);
            }
            // A bare name that is no declared name may be an enumeration value.
            if rest.is_empty()
                && let Some(value) = self.enum_literal(head, expected, span)
            {
                return value;
            }
            let mut candidates: Vec<&str> = vec!["as_of"];
            candidates.extend(self.binders.iter().map(|(name, _)| name.as_str()));
            candidates.extend(self.fact_index.keys().copied());
            candidates.extend(self.provision_index.keys().copied());
            candidates.extend(self.uses.iter().map(|u| u.name.as_str()));
            if let Some(locals) = scope.provision.and_then(|p| self.locals.get(p as usize)) {
                candidates.extend(locals.keys().copied());
            }
            candidates.sort_unstable();
            let help = match (
                expected,
                did_you_mean(&head.name, candidates.iter().copied()),
            ) {
                (_, Some(help)) => help,
                (Some(Type::Enum(id)), None) => {
                    let values = self
                        .enums
                        .get(*id as usize)
                        .map(|e| e.values.join(", "))
                        .unwrap_or_default();
                    format!("the values here are {values}")
                }
                _ => String::from("declare it as a fact, or define it in a provision"),
            };
            if let Some(problem) = self.caller_element(head, span) {
                self.report(problem);
                return error_expr(span);
            }
            self.report(
                Problem::error(
                    "provisio::undefined_name",
                    format!("`{}` is not defined", head.name),
                    head.span,
                    "not defined",
                )
                .with_help(help),
            );
            return error_expr(span);
        };
        self.fields(base, rest, span)
    }

    /// A bare enumeration value: of the expected enumeration, or of the only
    /// enumeration that has a value of that name. Reports a misspelled value
    /// of the expected enumeration.
    pub(super) fn enum_literal(
        &mut self,
        name: &ast::Ident,
        expected: Option<&Type>,
        span: Span,
    ) -> Option<Expr> {
        if let Some(Type::Enum(id)) = expected {
            let enumeration = self.enums.get(*id as usize)?;
            let index = enumeration.values.iter().position(|v| *v == name.name);
            return match index {
                Some(index) => Some(Expr {
                    kind: ExprKind::Const(Value::Enum(*id, index as u32)),
                    ty: Type::Enum(*id),
                    span,
                }),
                None => {
                    self.enum_value(*id, name);
                    Some(error_expr(span))
                }
            };
        }
        let owners: Vec<(u32, u32)> = self
            .enums
            .iter()
            .enumerate()
            .filter_map(|(id, e)| {
                e.values
                    .iter()
                    .position(|v| *v == name.name)
                    .map(|i| (id as u32, i as u32))
            })
            .collect();
        match owners.as_slice() {
            [(id, index)] => Some(Expr {
                kind: ExprKind::Const(Value::Enum(*id, *index)),
                ty: Type::Enum(*id),
                span,
            }),
            [] => None,
            _ => {
                let names: Vec<String> = owners
                    .iter()
                    .filter_map(|(id, _)| self.enums.get(*id as usize).map(|e| e.name.clone()))
                    .collect();
                self.report(
                    Problem::error(
                        "provisio::ambiguous_value",
                        format!("`{}` is a value of several enumerations: {}", name.name, names.join(", ")),
                        name.span,
                        "which one?",
                    )
                    .with_help(format!(
                        "write it with its type, {}, compare it with a value of the enumeration you mean, or declare the definition's type",
                        self.qualified_forms(&name.name, &owners)
                    )),
                );
                Some(error_expr(span))
            }
        }
    }

    /// An expression for a rule of a provision.
    pub(super) fn local_ref(&mut self, local: Local, name: &ast::Ident, span: Span) -> Expr {
        match local {
            Local::Definition(id) => {
                if self.takes_params(id) {
                    self.call_needs_arguments(id, span);
                    return error_expr(span);
                }
                let ty = self.definition_type(id);
                Expr {
                    kind: ExprKind::Definition(id),
                    ty,
                    span,
                }
            }
            Local::Deontic(id) => {
                let ty = self.deontic_type(id);
                Expr {
                    kind: ExprKind::Deontic(id),
                    ty,
                    span,
                }
            }
            Local::Parameter(id) => Expr {
                kind: ExprKind::Parameter {
                    parameter: id,
                    date: None,
                },
                ty: self.parameter_type(id),
                span,
            },
            Local::Exception(_) => {
                self.report(
                    Problem::error(
                        "provisio::not_a_value",
                        format!("`{}` is an exception, not a value", name.name),
                        name.span,
                        "an exception",
                    )
                    .with_help("use the definition it overrides; the exception takes effect there"),
                );
                error_expr(span)
            }
        }
    }

    /// A fact and the fields below it, resolved to indices.
    pub(super) fn fact_path(
        &mut self,
        fact: u32,
        head: &ast::Ident,
        rest: &[ast::Ident],
        span: Span,
    ) -> Expr {
        let mut ty = self
            .facts
            .get(fact as usize)
            .map(|f| f.field.ty.clone())
            .unwrap_or(Type::Error);
        let mut fields = Vec::new();
        let mut at = format!("`{}`", head.name);
        for segment in rest {
            let Some((index, field_ty)) = self.field_of(&ty, segment, &at) else {
                return error_expr(span);
            };
            ty = field_ty;
            fields.push(index);
            at = format!("`{}.{}`", at.trim_matches('`'), segment.name);
        }
        Expr {
            kind: ExprKind::Fact {
                fact,
                fields: fields.into(),
            },
            ty,
            span,
        }
    }

    /// The index and type of a record's field, or reports why there is none.
    /// `at` names the record in messages.
    pub(super) fn field_of(
        &mut self,
        ty: &Type,
        segment: &ast::Ident,
        at: &str,
    ) -> Option<(u32, Type)> {
        let record = match ty {
            Type::Record(record) => *record,
            Type::Error => return None,
            // No record, so none of its fields: a field of a record that
            // may be none may be none too.
            Type::OrNone(inner) => {
                let (index, field_ty) = self.field_of(inner, segment, at)?;
                let field_ty = match field_ty {
                    Type::OrNone(_) | Type::Error => field_ty,
                    other => Type::OrNone(Box::new(other)),
                };
                return Some((index, field_ty));
            }
            Type::List(_) => {
                self.report(
                    Problem::error(
                        "provisio::not_a_record",
                        format!("{at} is a list, and a list has no field `{}`; its elements may", segment.name),
                        segment.span,
                        "a field of each element, not of the list",
                    )
                    .with_help(format!(
                        "go through the elements with an aggregate, such as `any x in {} satisfies x.{}` or `count x in {} where x.{}`",
                        at.trim_matches('`'),
                        segment.name,
                        at.trim_matches('`'),
                        segment.name
                    )),
                );
                return None;
            }
            other => {
                let found = self.type_name(other);
                self.report(
                    Problem::error(
                        "provisio::not_a_record",
                        format!("{at} is {found}, which has no field `{}`", segment.name),
                        segment.span,
                        "no such field",
                    )
                    .with_help(format!("only records have fields; use {at} itself")),
                );
                return None;
            }
        };
        let info = self.records.get(record as usize)?;
        let Some(index) = info.fields.iter().position(|f| f.name == segment.name) else {
            let names: Vec<&str> = info.fields.iter().map(|f| f.name.as_str()).collect();
            let help = did_you_mean(&segment.name, names.iter().copied())
                .unwrap_or_else(|| format!("its fields are {}", names.join(", ")));
            self.report(
                Problem::error(
                    "provisio::undefined_name",
                    format!("{at} has no field `{}`", segment.name),
                    segment.span,
                    "no such field",
                )
                .with_help(help),
            );
            return None;
        };
        let field_ty = info
            .fields
            .get(index)
            .map(|f| f.ty.clone())
            .unwrap_or(Type::Error);
        Some((index as u32, field_ty))
    }

    /// Field accesses on a computed record.
    pub(super) fn fields(&mut self, mut base: Expr, rest: &[ast::Ident], span: Span) -> Expr {
        for segment in rest {
            let Some((index, ty)) = self.field_of(&base.ty.clone(), segment, "this record") else {
                return error_expr(span);
            };
            base = Expr {
                kind: ExprKind::Field {
                    record: Box::new(base),
                    field: index,
                },
                ty,
                span,
            };
        }
        base
    }
}
