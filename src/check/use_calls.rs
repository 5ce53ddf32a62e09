//! Calls of a definition named by a dotted name: `mc12.moratorium.days_left(d)`
//! (a used policy's definition, named with its provision), `mc12.days_left(d)`
//! (the only definition with parameters of that name in the used policy) and
//! `para.days_left(d)` (a definition of one of this policy's provisions).
//! The arguments are checked against the parameters as for a local call.

use super::resolve::error_expr;
use super::{Checker, Local, Scope};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{DefinitionId, Expr};
use crate::span::Span;
use crate::suggest::did_you_mean;

impl<'a> Checker<'a> {
    /// `name.rest(args)`: resolves the definition the dotted name stands
    /// for, then checks the call as a local one.
    pub(super) fn used_call(
        &mut self,
        function: &ast::Ident,
        args: &[ast::Expr],
        scope: Scope,
        span: Span,
    ) -> Expr {
        let name = function.name.as_str();
        let id = match self.dotted_definition(function) {
            Ok(id) => id,
            Err(()) => {
                // The arguments are still checked, for their own mistakes.
                for arg in args {
                    self.expr(arg, scope, None);
                }
                return error_expr(span);
            }
        };
        let takes_params = self
            .definitions
            .get(id as usize)
            .and_then(|d| d.as_ref())
            .is_some_and(|d| !d.params.is_empty())
            || self.takes_params(id);
        if !takes_params {
            for arg in args {
                self.expr(arg, scope, None);
            }
            self.report(
                Problem::error(
                    "provisio::arity",
                    format!(
                        "`{name}` is a definition without parameters, so it takes no arguments"
                    ),
                    span,
                    "called with arguments",
                )
                .with_help(format!("write `{name}` alone")),
            );
            return error_expr(span);
        }
        self.checked_call(id, name, args, scope, span)
    }

    /// The definition a dotted name in a call stands for, or `Err` once
    /// the reason it stands for none is reported.
    fn dotted_definition(&mut self, function: &ast::Ident) -> Result<DefinitionId, ()> {
        let parts: Vec<&str> = function.name.split('.').collect();
        let (head, rest) = parts.split_first().ok_or(())?;
        if let Some(index) = self.use_named(head) {
            return self.used_definition(index, function, rest);
        }
        if let (Some(provision), [rule]) = (self.provision_index.get(head).copied(), rest) {
            let local = self
                .locals
                .get(provision as usize)
                .and_then(|l| l.get(rule))
                .copied();
            if let Some(Local::Definition(id)) = local {
                return Ok(id);
            }
            let mut names: Vec<&str> = self
                .locals
                .get(provision as usize)
                .map(|l| {
                    l.iter()
                        .filter(|(_, local)| matches!(local, Local::Definition(_)))
                        .map(|(name, _)| *name)
                        .collect()
                })
                .unwrap_or_default();
            names.sort_unstable();
            let help = did_you_mean(rule, names.iter().copied())
                .unwrap_or_else(|| format!("the definitions of `{head}` are {}", names.join(", ")));
            self.report(
                Problem::error(
                    "provisio::undefined_name",
                    format!("`{head}` has no definition `{rule}`"),
                    function.span,
                    "not a definition of this provision",
                )
                .with_help(help),
            );
            return Err(());
        }
        let mut names: Vec<&str> = self
            .uses
            .iter()
            .map(|u| u.name.as_str())
            .chain(self.provision_index.keys().copied())
            .collect();
        names.sort_unstable();
        let help = did_you_mean(head, names.iter().copied()).unwrap_or_else(|| {
            String::from(
                "a dotted call names a used policy's definition (`NAME.PROVISION.RULE(...)`) or a provision's (`PROVISION.RULE(...)`)",
            )
        });
        self.report(
            Problem::error(
                "provisio::undefined_name",
                format!("`{head}` is neither a used policy nor a provision"),
                function.span,
                "no function of this name",
            )
            .with_help(help),
        );
        Err(())
    }

    /// The definition `rest` names in the used policy `index`: a rule of
    /// one of its provisions, or the only definition with parameters of
    /// that name in it.
    fn used_definition(
        &mut self,
        index: usize,
        function: &ast::Ident,
        rest: &[&str],
    ) -> Result<DefinitionId, ()> {
        let Some(scope) = self.uses.get(index).filter(|s| !s.broken) else {
            return Err(());
        };
        let policy = scope.name.clone();
        let found: Result<DefinitionId, (&'static str, String, String)> = match rest {
            [provision, rule] => match scope.provisions.get(*provision) {
                Some((_, locals)) => match locals.get(*rule) {
                    Some(Local::Definition(id)) => Ok(*id),
                    _ => {
                        let mut names: Vec<&str> = locals
                            .iter()
                            .filter(|(_, l)| matches!(l, Local::Definition(_)))
                            .map(|(n, _)| n.as_str())
                            .collect();
                        names.sort_unstable();
                        Err((
                            "provisio::undefined_name",
                            format!("`{policy}.{provision}` has no definition `{rule}`"),
                            did_you_mean(rule, names.iter().copied()).unwrap_or_else(|| {
                                format!(
                                    "the definitions of `{policy}.{provision}` are {}",
                                    names.join(", ")
                                )
                            }),
                        ))
                    }
                },
                None => {
                    let mut names: Vec<&str> =
                        scope.provisions.keys().map(String::as_str).collect();
                    names.sort_unstable();
                    Err((
                        "provisio::undefined_name",
                        format!("the used policy `{policy}` has no provision `{provision}`"),
                        did_you_mean(provision, names.iter().copied())
                            .unwrap_or_else(|| format!("its provisions are {}", names.join(", "))),
                    ))
                }
            },
            [rule] => {
                // Every definition of that name, by provision name, so
                // that the choice and the message do not depend on a
                // map's order.
                let mut all: Vec<(&str, &str, DefinitionId)> = scope
                    .provisions
                    .iter()
                    .flat_map(|(p, (_, locals))| {
                        locals.iter().filter_map(move |(n, l)| match l {
                            Local::Definition(id) => Some((p.as_str(), n.as_str(), *id)),
                            _ => None,
                        })
                    })
                    .collect();
                all.sort_unstable();
                let with_params = |id: DefinitionId| {
                    self.definitions
                        .get(id as usize)
                        .and_then(|d| d.as_ref())
                        .is_some_and(|d| !d.params.is_empty())
                };
                let named: Vec<(&str, DefinitionId)> = all
                    .iter()
                    .filter(|(_, n, id)| n == rule && with_params(*id))
                    .map(|(p, _, id)| (*p, *id))
                    .collect();
                match named.as_slice() {
                    [(_, id)] => Ok(*id),
                    [] => {
                        let mut names: Vec<&str> = all
                            .iter()
                            .filter(|(_, _, id)| with_params(*id))
                            .map(|(_, n, _)| *n)
                            .collect();
                        names.dedup();
                        let example = all
                            .iter()
                            .filter(|(p, _, id)| p == rule && with_params(*id))
                            .map(|(_, n, _)| *n)
                            .next();
                        let help = match all.iter().find(|(_, n, _)| n == rule) {
                            _ if scope.provisions.contains_key(*rule) => format!(
                                "`{policy}.{rule}` is a provision: name one of its definitions, such as `{policy}.{rule}.{}(...)`",
                                example.unwrap_or("RULE")
                            ),
                            Some((p, _, _)) => format!(
                                "`{rule}` of `{policy}.{p}` takes no arguments: write `{policy}.{p}.{rule}` alone"
                            ),
                            None => did_you_mean(rule, names.iter().copied()).unwrap_or_else(
                                || {
                                    format!(
                                        "name a definition with its provision: `{policy}.PROVISION.{rule}(...)`"
                                    )
                                },
                            ),
                        };
                        Err((
                            "provisio::undefined_name",
                            format!(
                                "the used policy `{policy}` has no definition `{rule}` with parameters"
                            ),
                            help,
                        ))
                    }
                    several => {
                        let places: Vec<String> = several
                            .iter()
                            .map(|(p, _)| format!("`{policy}.{p}.{rule}`"))
                            .collect();
                        Err((
                            "provisio::ambiguous_name",
                            format!(
                                "`{rule}` is defined in several provisions of `{policy}`: {}",
                                places.join(", ")
                            ),
                            format!(
                                "name the one meant with its provision, such as {}",
                                places.first().cloned().unwrap_or_default()
                            ),
                        ))
                    }
                }
            }
            _ => Err((
                "provisio::undefined_name",
                format!("`{}` names no definition", function.name),
                format!(
                    "name a used policy's definition as `{policy}.PROVISION.RULE(...)` or `{policy}.RULE(...)`"
                ),
            )),
        };
        match found {
            Ok(id) => Ok(id),
            Err((code, message, help)) => {
                self.report(
                    Problem::error(
                        code,
                        message,
                        function.span,
                        if code == "provisio::ambiguous_name" {
                            "which one?"
                        } else {
                            "not a definition of the used policy"
                        },
                    )
                    .with_help(help),
                );
                Err(())
            }
        }
    }
}
