//! Definitions with parameters: `define age(p: person) = ...`, called as
//! `age(m)`.
//!
//! A parameter is typed, and each call is checked against the types. The
//! body sees its parameters and nothing of the aggregates around a call, so
//! that a definition reads the same wherever it is used: what it needs of
//! the caller comes in through its parameters.

use super::resolve::{error_expr, fits};
use super::{Checker, Local, Node, Scope};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{DefinitionId, Expr, ExprKind, ParamInfo, ProvisionId, Type};
use crate::span::Span;

impl<'a> Checker<'a> {
    /// Lowers a definition's parameters and reports those without a type or
    /// whose name is taken: a parameter that hid a fact, a provision or a
    /// rule would leave a reader unsure which one the body means.
    pub(super) fn lower_params(
        &mut self,
        provision: ProvisionId,
        definition: &ast::Definition,
        path: &str,
    ) -> Vec<ParamInfo> {
        let Some(params) = &definition.params else {
            return Vec::new();
        };
        let mut lowered: Vec<ParamInfo> = Vec::new();
        for param in params {
            let name = param.name.name.as_str();
            let ty = match &param.ty {
                Some(ty) => self.lower_value_type(ty, &format!("{path}.{name}"), "a parameter"),
                None => {
                    self.report(
                        Problem::error(
                            "provisio::missing_type",
                            format!("the parameter `{name}` of `{}` has no type", definition.name.name),
                            param.span,
                            "no type",
                        )
                        .with_help(format!(
                            "say what it takes, such as `{name}: person` for a type declared with `type person \"...\": record ... end`, or `{name}: date`"
                        )),
                    );
                    Type::Error
                }
            };
            if let Some(first) = lowered.iter().find(|p| p.name == name) {
                let first = first.span;
                self.duplicate("parameter", &param.name, first);
                continue;
            }
            let taken = if name == "as_of" {
                Some((String::from("the evaluation date `as_of`"), None))
            } else if let Some(fact) = self.fact_index.get(name) {
                Some((
                    String::from("a fact"),
                    self.facts.get(*fact as usize).map(|f| f.span),
                ))
            } else if let Some(p) = self.provision_index.get(name) {
                Some((
                    String::from("a provision"),
                    self.provisions.get(*p as usize).map(|p| p.span),
                ))
            } else if let Some(local) = self
                .locals
                .get(provision as usize)
                .and_then(|l| l.get(name))
                .copied()
            {
                let span = self.local_span(local);
                Some((String::from("a rule of this provision"), span))
            } else {
                None
            };
            if let Some((what, first)) = taken {
                let mut problem = Problem::error(
                    "provisio::parameter_shadows",
                    format!("the parameter `{name}` would hide {what} of the same name"),
                    param.name.span,
                    "already taken",
                );
                if let Some(first) = first {
                    problem = problem.with_label(first, "declared here");
                }
                self.report(problem.with_help(format!(
                    "give the parameter a name of its own, such as `{}`",
                    super::collections::element_name(name)
                )));
            }
            lowered.push(ParamInfo {
                name: name.to_string(),
                ty,
                span: param.name.span,
            });
        }
        lowered
    }

    /// Where a rule of a provision is declared.
    fn local_span(&self, local: Local) -> Option<Span> {
        match local {
            Local::Definition(id) => self
                .definition_ast
                .get(id as usize)
                .map(|(_, d)| d.name.span),
            Local::Deontic(id) => self.deontic_ast.get(id as usize).map(|(_, d)| d.name.span),
            Local::Parameter(id) => self
                .parameter_ast
                .get(id as usize)
                .map(|(_, p)| p.name.span),
            Local::Exception(id) => self
                .exception_ast
                .get(id as usize)
                .and_then(|(_, e)| e.name.as_ref())
                .map(|n| n.span),
        }
    }

    /// Whether a definition was declared with parameters.
    pub(super) fn takes_params(&self, id: DefinitionId) -> bool {
        self.definition_ast
            .get(id as usize)
            .is_some_and(|(_, d)| d.params.is_some())
    }

    /// The definition a call names: a rule of the provision it is written
    /// in, or else the only definition with parameters of that name in any
    /// provision. `None` when no definition has the name; reports a name
    /// that several provisions define.
    fn called_definition(
        &mut self,
        function: &ast::Ident,
        scope: Scope,
    ) -> Option<Result<DefinitionId, ()>> {
        if let Some(Local::Definition(id)) = scope
            .provision
            .and_then(|p| self.locals.get(p as usize))
            .and_then(|l| l.get(function.name.as_str()))
            .copied()
        {
            return Some(Ok(id));
        }
        let found: Vec<(DefinitionId, ProvisionId)> = self
            .definition_ast
            .iter()
            .enumerate()
            .filter(|(_, (_, d))| d.name.name == function.name)
            .map(|(id, (p, _))| (id as DefinitionId, *p))
            .collect();
        match found.as_slice() {
            [] => None,
            [(id, _)] => Some(Ok(*id)),
            several => {
                let names: Vec<String> = several
                    .iter()
                    .filter_map(|(_, p)| self.provisions.get(*p as usize))
                    .map(|p| format!("`{}`", p.name))
                    .collect();
                self.report(
                    Problem::error(
                        "provisio::ambiguous_name",
                        format!(
                            "`{}` is defined in several provisions: {}",
                            function.name,
                            names.join(", ")
                        ),
                        function.span,
                        "which one?",
                    )
                    .with_help("call it from inside the provision that defines it, or give the definitions different names"),
                );
                Some(Err(()))
            }
        }
    }

    /// `age(m)`: a call of a definition with parameters, each argument
    /// checked against its parameter. `None` when `function` names no
    /// definition, for the built-in functions to take.
    pub(super) fn definition_call(
        &mut self,
        function: &ast::Ident,
        args: &[ast::Expr],
        scope: Scope,
        span: Span,
    ) -> Option<Expr> {
        if function.name.contains('.') {
            return Some(self.used_call(function, args, scope, span));
        }
        let id = match self.called_definition(function, scope)? {
            Ok(id) => id,
            Err(()) => return Some(error_expr(span)),
        };
        let name = function.name.as_str();
        if !self.takes_params(id) {
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
                .with_help(format!(
                    "write `{name}` alone, or give it parameters: `define {name}(x: TYPE) ...`"
                )),
            );
            return Some(error_expr(span));
        }
        Some(self.checked_call(id, name, args, scope, span))
    }

    /// A call of the definition `id`, which has parameters, each argument
    /// checked against its parameter; `name` is the name it is called by.
    pub(super) fn checked_call(
        &mut self,
        id: DefinitionId,
        name: &str,
        args: &[ast::Expr],
        scope: Scope,
        span: Span,
    ) -> Expr {
        // Resolve it first: its parameters' types, and a cycle if the call
        // is part of one.
        let ty = self.definition_type(id);
        let params: Vec<ParamInfo> = self
            .definitions
            .get(id as usize)
            .and_then(|d| d.as_ref())
            .map(|d| d.params.clone())
            .unwrap_or_default();
        let in_cycle = self.stack.contains(&Node::Definition(id));
        let mut resolved = Vec::with_capacity(args.len());
        for (index, arg) in args.iter().enumerate() {
            let param = params.get(index);
            let expected = param.map(|p| p.ty.clone());
            let value = self.expr(arg, scope, expected.as_ref());
            if let Some(param) = param
                && !fits(&value.ty, &param.ty)
            {
                let (want, found) = (self.type_name(&param.ty), self.type_name(&value.ty));
                let problem = Problem::error(
                    "provisio::type_mismatch",
                    format!(
                        "`{name}` takes {want} as `{}`, but this is {found}",
                        param.name
                    ),
                    value.span,
                    found,
                )
                .with_help(format!("give `{name}` {want} here"));
                // A used definition's parameter stands in its own file.
                let problem = if param.span.end <= self.source.text.len() {
                    problem.with_label(param.span, "the parameter")
                } else {
                    problem
                };
                self.report(problem);
            }
            resolved.push(value);
        }
        if !in_cycle && ty != Type::Error && resolved.len() != params.len() {
            let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
            self.report(
                Problem::error(
                    "provisio::arity",
                    format!(
                        "`{name}` takes {} argument{}, but is given {}",
                        params.len(),
                        if params.len() == 1 { "" } else { "s" },
                        resolved.len()
                    ),
                    span,
                    "this call",
                )
                .with_help(format!("write `{name}({})`", names.join(", "))),
            );
            return error_expr(span);
        }
        Expr {
            kind: ExprKind::Call {
                definition: id,
                args: resolved.into_boxed_slice(),
            },
            ty,
            span,
        }
    }

    /// A name that is no declared name, used in a definition, but that an
    /// aggregate of the policy gives its elements (`count m in members
    /// ...`): the definition was meant to see the element of the aggregate
    /// that uses it, which it can only through a parameter.
    pub(super) fn caller_element(&self, name: &ast::Ident, span: Span) -> Option<Problem> {
        let Some(Node::Definition(id)) = self.stack.last().copied() else {
            return None;
        };
        let (_, definition) = self.definition_ast.get(id as usize).copied()?;
        let words: Vec<&str> = self.source.text.split_whitespace().collect();
        let binds = words.windows(3).any(|w| {
            matches!(w, [before, n, "in"] if *n == name.name
                && matches!(*before, "count" | "for" | "any" | "every" | "all" | ","))
        });
        if !binds {
            return None;
        }
        let element_type = String::from("TYPE");
        let defined = &definition.name.name;
        let (params, args) = match &definition.params {
            Some(params) if !params.is_empty() => {
                let names: Vec<&str> = params.iter().map(|p| p.name.name.as_str()).collect();
                (
                    format!("{}, {}: {element_type}", names.join(", "), name.name),
                    format!("{}, {}", names.join(", "), name.name),
                )
            }
            _ => (format!("{}: {element_type}", name.name), name.name.clone()),
        };
        Some(
            Problem::error(
                "provisio::undefined_name",
                format!(
                    "`{}` is the element of an aggregate, which `{defined}` cannot see",
                    name.name
                ),
                span,
                "not defined here",
            )
            .with_help(format!(
                "a definition sees facts, rules and its own parameters, not the elements of the aggregates that use it; give it a parameter, `define {defined}({params}) ...`, and call it as `{defined}({args})`, with TYPE the type of the list's elements"
            )),
        )
    }

    /// A definition with parameters named without arguments.
    pub(super) fn call_needs_arguments(&mut self, id: DefinitionId, span: Span) {
        let Some((_, definition)) = self.definition_ast.get(id as usize).copied() else {
            return;
        };
        let params: Vec<&str> = definition
            .params
            .iter()
            .flatten()
            .map(|p| p.name.name.as_str())
            .collect();
        let name = &definition.name.name;
        self.report(
            Problem::error(
                "provisio::arity",
                format!("`{name}` has parameters, so it needs arguments"),
                span,
                "no arguments",
            )
            .with_label(definition.name.span, "declared here")
            .with_help(format!(
                "call it with a value for each: `{name}({})`",
                params.join(", ")
            )),
        );
    }
}
