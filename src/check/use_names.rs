//! Names under a used policy's name: `mc12.moratorium_in_force` (a
//! verdict), `mc12.para4.delayed` (a rule of one of its provisions, named
//! as this policy names its own from outside a provision), `mc12.fact`
//! and `mc12.TYPE`.

use super::resolve::error_expr;
use super::{Checker, Local};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{Expr, ReadingId, Type};
use crate::span::Span;
use crate::suggest::did_you_mean;

impl<'a> Checker<'a> {
    /// The index of the used policy of this name, if one is used under it.
    pub(super) fn use_named(&self, name: &str) -> Option<usize> {
        self.uses.iter().position(|u| u.name == name)
    }

    /// Resolves `name.rest...` where `name` is a used policy.
    pub(super) fn used_path(
        &mut self,
        index: usize,
        head: &ast::Ident,
        rest: &[ast::Ident],
        span: Span,
    ) -> Expr {
        let Some(scope) = self.uses.get(index).filter(|s| !s.broken) else {
            return error_expr(span);
        };
        let Some((second, rest)) = rest.split_first() else {
            let example = scope.verdicts.keys().min().cloned().unwrap_or_default();
            self.report(
                Problem::error(
                    "provisio::not_a_value",
                    format!("`{}` is a used policy, not a value", head.name),
                    head.span,
                    "a used policy",
                )
                .with_help(format!(
                    "name one of its verdicts or rules, such as `{}.{example}`",
                    head.name
                )),
            );
            return error_expr(span);
        };
        let full = format!("{}.{}", head.name, second.name);
        if let Some((body, _)) = scope.verdicts.get(&second.name) {
            // The verdict stands for its value: its rules, as the used
            // policy computes them, written here.
            let mut body = body.clone();
            body.span = head.span.to(second.span);
            return self.fields(body, rest, span);
        }
        if let Some(fact) = scope.facts.get(&second.name).copied() {
            self.used_facts.insert(fact);
            let named = ast::Ident {
                name: full,
                span: head.span.to(second.span),
            };
            return self.fact_path(fact, &named, rest, span);
        }
        if let Some((_, locals)) = scope.provisions.get(&second.name) {
            let Some((rule, rest)) = rest.split_first() else {
                let example = locals.keys().min().cloned().unwrap_or_default();
                self.report(
                    Problem::error(
                        "provisio::not_a_value",
                        format!("`{full}` is a provision, not a value"),
                        head.span.to(second.span),
                        "a provision of a used policy",
                    )
                    .with_help(format!("name one of its rules, such as `{full}.{example}`")),
                );
                return error_expr(span);
            };
            let Some(local) = locals.get(&rule.name).copied() else {
                let mut names: Vec<&str> = locals.keys().map(String::as_str).collect();
                names.sort_unstable();
                let help = did_you_mean(&rule.name, names.iter().copied())
                    .unwrap_or_else(|| format!("the rules of `{full}` are {}", names.join(", ")));
                self.report(
                    Problem::error(
                        "provisio::undefined_name",
                        format!("`{full}` has no rule `{}`", rule.name),
                        rule.span,
                        "not a rule of this provision",
                    )
                    .with_help(help),
                );
                return error_expr(span);
            };
            let at = head.span.to(rule.span);
            if let Local::Definition(id) = local
                && let Some(params) = self
                    .definitions
                    .get(id as usize)
                    .and_then(|d| d.as_ref())
                    .map(|d| &d.params)
                    .filter(|p| !p.is_empty())
            {
                let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
                let help = format!("call it: `{full}.{}({})`", rule.name, names.join(", "));
                self.report(
                    Problem::error(
                        "provisio::arity",
                        format!(
                            "`{full}.{}` has parameters, so it needs arguments",
                            rule.name
                        ),
                        at,
                        "no arguments",
                    )
                    .with_help(help),
                );
                return error_expr(span);
            }
            let expr = self.local_ref(local, rule, at);
            return self.fields(expr, rest, span);
        }
        let (message, label, help) = if scope.readings.contains_key(&second.name) {
            (
                format!("`{full}` is a reading of the used policy, not a value"),
                "a reading",
                format!(
                    "test it with `reading {full} is ALTERNATIVE`; the analyst chooses it with `--reading {full}=ALTERNATIVE`"
                ),
            )
        } else if scope.types.contains_key(&second.name) {
            (
                format!("`{full}` is a type, not a value"),
                "a type",
                format!("use it where a type is written, such as `define x(p: {full}) = ...`"),
            )
        } else {
            let names = scope.names();
            let help = did_you_mean(&second.name, names.iter().copied()).unwrap_or_else(|| {
                format!(
                    "`{}` reaches the used policy's verdicts, facts, provisions' rules and types: {}",
                    head.name,
                    names.join(", ")
                )
            });
            (
                format!("the used policy `{}` has no `{}`", head.name, second.name),
                "not in the used policy",
                help,
            )
        };
        self.report(
            Problem::error("provisio::undefined_name", message, second.span, label).with_help(help),
        );
        error_expr(span)
    }

    /// The reading a dotted name in a reading test stands for, such as
    /// `mc13.expiry_boundary`, or `None` once the reason it stands for none
    /// is reported.
    pub(super) fn used_reading(&mut self, reading: &ast::Ident) -> Option<ReadingId> {
        let (policy, name) = reading.name.split_once('.')?;
        let Some(index) = self.use_named(policy) else {
            let mut names: Vec<&str> = self.uses.iter().map(|u| u.name.as_str()).collect();
            names.sort_unstable();
            let help = did_you_mean(policy, names.iter().copied()).unwrap_or_else(|| {
                if names.is_empty() {
                    String::from("this policy uses no other policy; a reading of its own is named without a dot")
                } else {
                    format!("the used policies are {}", names.join(", "))
                }
            });
            self.report(
                Problem::error(
                    "provisio::undefined_name",
                    format!("no used policy is named `{policy}`"),
                    reading.span,
                    "not a reading",
                )
                .with_help(help),
            );
            return None;
        };
        let scope = self.uses.get(index)?;
        if scope.broken {
            return None;
        }
        if let Some(id) = scope.readings.get(name).copied() {
            self.used_readings.insert(id);
            return Some(id);
        }
        let mut names: Vec<&str> = scope.readings.keys().map(String::as_str).collect();
        names.sort_unstable();
        let help = did_you_mean(name, names.iter().copied()).unwrap_or_else(|| {
            if names.is_empty() {
                format!("the used policy `{policy}` declares no reading")
            } else {
                format!(
                    "its readings are {}",
                    names
                        .iter()
                        .map(|n| format!("{policy}.{n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        });
        self.report(
            Problem::error(
                "provisio::undefined_name",
                format!("the used policy `{policy}` has no reading `{name}`"),
                reading.span,
                "not a reading",
            )
            .with_help(help),
        );
        None
    }

    /// A type written `name.TYPE`, where `name` is a used policy.
    pub(super) fn used_type(&mut self, name: &ast::Ident) -> Option<Type> {
        let (policy, type_name) = name.name.split_once('.')?;
        let Some(index) = self.use_named(policy) else {
            // Types and facts are declared before the used policies are
            // merged: they are resolved again as their policy is merged
            // (`retype_facts`).
            if self.file.uses.iter().any(|u| u.name.name == policy) {
                return Some(Type::Error);
            }
            return None;
        };
        let scope = self.uses.get(index)?;
        if scope.broken {
            return Some(Type::Error);
        }
        if let Some(ty) = scope.types.get(type_name) {
            return Some(ty.clone());
        }
        let mut names: Vec<&str> = scope.types.keys().map(String::as_str).collect();
        names.sort_unstable();
        let help = did_you_mean(type_name, names.iter().copied()).unwrap_or_else(|| {
            if names.is_empty() {
                format!("the used policy `{policy}` declares no type")
            } else {
                format!("its types are {}", names.join(", "))
            }
        });
        self.report(
            Problem::error(
                "provisio::undefined_type",
                format!("the used policy `{policy}` has no type `{type_name}`"),
                name.span,
                "unknown type",
            )
            .with_help(help),
        );
        Some(Type::Error)
    }
}
