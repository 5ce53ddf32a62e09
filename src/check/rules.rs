//! Rules in dependency order: definitions with their exceptions and deontic
//! rules are resolved when first used, which types them before their users
//! and finds every cycle between them.

use super::declare::fold_whitespace;
use super::resolve::fits;
use super::{Checker, Node, Scope, State};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::*;
use crate::span::Span;

impl<'a> Checker<'a> {
    /// Resolves every definition and deontic rule.
    pub(super) fn resolve_rules(&mut self) {
        for id in 0..self.definition_ast.len() {
            self.definition_type(id as DefinitionId);
        }
        for id in 0..self.deontic_ast.len() {
            self.deontic_type(id as DeonticId);
        }
        for id in 0..self.exception_ast.len() {
            if self.exceptions.get(id).is_some_and(Option::is_none) {
                // An exception whose target failed to resolve: still check its parts.
                self.resolve_exceptions(&[id as ExceptionId], None, &Type::Error);
            }
        }
    }

    /// The type of a definition, resolving it first if need be.
    pub(super) fn definition_type(&mut self, id: DefinitionId) -> Type {
        match self.definition_state.get(id as usize).copied() {
            Some(State::Done) => self
                .definitions
                .get(id as usize)
                .and_then(|d| d.as_ref())
                .map(|d| d.ty.clone())
                .unwrap_or(Type::Error),
            Some(State::InProgress) => {
                self.report_cycle(Node::Definition(id));
                Type::Error
            }
            Some(State::Pending) => {
                // Definitions resolve on first use, so a long chain of them
                // recurses deeply: grow the stack rather than overflow it.
                stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
                    self.resolve_definition(id)
                });
                self.definition_type(id)
            }
            None => Type::Error,
        }
    }

    /// The status enumeration of a deontic rule, resolving it first if need be.
    pub(super) fn deontic_type(&mut self, id: DeonticId) -> Type {
        match self.deontic_state.get(id as usize).copied() {
            Some(State::InProgress) => {
                self.report_cycle(Node::Deontic(id));
                Type::Error
            }
            Some(State::Pending) => {
                stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
                    self.resolve_deontic(id)
                });
                self.deontic_type(id)
            }
            Some(State::Done) => self
                .deontics
                .get(id as usize)
                .and_then(|d| d.as_ref())
                .map(|d| Type::Enum(d.status))
                .unwrap_or(Type::Error),
            None => Type::Error,
        }
    }

    fn node_name(&self, node: Node) -> (String, Span) {
        let (provision, ident) = match node {
            Node::Definition(id) => match self.definition_ast.get(id as usize) {
                Some((p, d)) => (*p, &d.name),
                None => return (String::new(), Span::default()),
            },
            Node::Deontic(id) => match self.deontic_ast.get(id as usize) {
                Some((p, d)) => (*p, &d.name),
                None => return (String::new(), Span::default()),
            },
        };
        let provision = self
            .provisions
            .get(provision as usize)
            .map(|p| p.name.as_str())
            .unwrap_or("");
        (format!("{provision}.{}", ident.name), ident.span)
    }

    /// Reports the cycle that closes at `node`, naming every rule on it, once.
    fn report_cycle(&mut self, node: Node) {
        let Some(start) = self.stack.iter().position(|n| *n == node) else {
            return;
        };
        let members: Vec<Node> = self.stack.get(start..).unwrap_or(&[]).to_vec();
        let mut key: Vec<(u8, u32)> = members
            .iter()
            .map(|n| match n {
                Node::Definition(id) => (0, *id),
                Node::Deontic(id) => (1, *id),
            })
            .collect();
        key.sort_unstable();
        if self.cycles_seen.contains(&key) {
            return;
        }
        self.cycles_seen.push(key);
        let named: Vec<(String, Span)> = members.iter().map(|n| self.node_name(*n)).collect();
        let Some((first_name, first_span)) = named.first().cloned() else {
            return;
        };
        let mut chain: Vec<&str> = named.iter().map(|(n, _)| n.as_str()).collect();
        chain.push(&first_name);
        let message = if named.len() == 1 {
            format!("`{first_name}` is defined in terms of itself")
        } else {
            format!(
                "definitions depend on each other in a cycle: {}",
                chain.join(" → ")
            )
        };
        let mut problem = Problem::error(
            "provisio::cycle",
            message,
            first_span,
            match named.get(1) {
                Some((next, _)) => format!("uses `{next}`"),
                None => String::from("uses itself"),
            },
        );
        for (i, (_, span)) in named.iter().enumerate().skip(1) {
            let next = named
                .get(i + 1)
                .map(|(n, _)| n.as_str())
                .unwrap_or(first_name.as_str());
            problem = problem.with_label(*span, format!("uses `{next}`"));
        }
        self.report(problem.with_help(
            "a definition cannot depend on itself, directly or through others; compute one of them from facts instead",
        ));
    }

    /// Checks that a cited phrase is quoted verbatim from the provision's text.
    pub(super) fn check_cites(
        &mut self,
        provision: ProvisionId,
        cites: Option<&ast::Text>,
    ) -> Option<String> {
        let cites = cites?;
        let phrase = fold_whitespace(&cites.value);
        let info = self.provisions.get(provision as usize)?;
        let has_text = self
            .provision_has_text
            .get(provision as usize)
            .copied()
            .unwrap_or(false);
        if has_text && !info.text.contains(&phrase) {
            let name = info.name.clone();
            let help = if info.text.is_empty() {
                "the provision's `text` is empty: it quotes nothing, so its rules cite nothing; remove `cites`"
            } else {
                "cite words exactly as the provision's `text` has them (line breaks and spacing aside)"
            };
            self.report(
                Problem::error(
                    "provisio::citation_not_in_text",
                    format!("the cited phrase is not in the text of provision `{name}`"),
                    cites.span,
                    "not found in the provision's text",
                )
                .with_help(help),
            );
        }
        Some(phrase)
    }

    fn resolve_definition(&mut self, id: DefinitionId) {
        let Some((provision, definition)) = self.definition_ast.get(id as usize).copied() else {
            return;
        };
        if let Some(state) = self.definition_state.get_mut(id as usize) {
            *state = State::InProgress;
        }
        self.stack.push(Node::Definition(id));
        let scope = Scope {
            provision: Some(provision),
        };
        let provision_name = self
            .provisions
            .get(provision as usize)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        // A rule reached from inside an aggregate sees none of its binders,
        // only its own parameters, which take the first slots.
        let params = self.lower_params(
            provision,
            definition,
            &format!("{provision_name}.{}", definition.name.name),
        );
        let binders = std::mem::replace(
            &mut self.binders,
            params
                .iter()
                .map(|p| (p.name.clone(), p.ty.clone()))
                .collect(),
        );
        let declared = definition.ty.as_ref().map(|t| {
            self.lower_value_type(
                t,
                &format!("{provision_name}.{}", definition.name.name),
                "a definition",
            )
        });
        let body = self.expr(&definition.body, scope, declared.as_ref());
        let ty = match declared {
            Some(declared) => {
                if !fits(&body.ty, &declared) {
                    let (want, found) = (self.type_name(&declared), self.type_name(&body.ty));
                    self.report(
                        Problem::error(
                            "provisio::type_mismatch",
                            format!(
                                "`{}` is declared as {want}, but its value is {found}",
                                definition.name.name
                            ),
                            definition.body.span,
                            found,
                        )
                        .with_help("change the declared type or the expression"),
                    );
                }
                declared
            }
            None => body.ty.clone(),
        };
        // Record the type before the exceptions, which may refer back to it.
        let cites = self.check_cites(provision, definition.cites.as_ref());
        if let Some(slot) = self.definitions.get_mut(id as usize) {
            *slot = Some(DefinitionInfo {
                name: definition.name.name.clone(),
                provision,
                description: definition
                    .description
                    .as_ref()
                    .map(|d| fold_whitespace(&d.value)),
                params,
                ty: ty.clone(),
                body,
                exceptions: Vec::new(),
                cites,
                span: definition.name.span,
            });
        }
        let direct = self
            .definition_exceptions
            .get_mut(id as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        self.resolve_exceptions(&direct, Some(id), &ty);
        if let Some(Some(info)) = self.definitions.get_mut(id as usize) {
            info.exceptions = direct;
        }
        self.stack.pop();
        self.binders = binders;
        if let Some(state) = self.definition_state.get_mut(id as usize) {
            *state = State::Done;
        }
    }

    fn status_enum(&mut self, kind: ast::DeonticKind) -> EnumId {
        if let Some(id) = self.status_enums.get(&kind) {
            return *id;
        }
        let name = match kind {
            ast::DeonticKind::Prohibition => "the status under a prohibition",
            ast::DeonticKind::Obligation => "the status under an obligation",
            ast::DeonticKind::Permission => "the status under a permission",
            ast::DeonticKind::Commitment => "the status under a commitment",
        };
        self.enums.push(EnumType {
            name: name.to_string(),
            values: deontic_statuses(kind)
                .iter()
                .map(|s| s.to_string())
                .collect(),
            descriptions: Vec::new(),
        });
        let id = (self.enums.len() - 1) as EnumId;
        self.status_enums.insert(kind, id);
        id
    }

    /// Exactly one of a clause, or reports why not.
    fn one_clause(
        &mut self,
        rule: &ast::Deontic,
        clauses: &'a [ast::Text],
        keyword: &str,
        example: &str,
    ) -> String {
        if let Some(extra) = clauses.get(1) {
            self.report(
                Problem::error(
                    "provisio::duplicate_clause",
                    format!("`{}` has two `{keyword}` clauses", rule.name.name),
                    extra.span,
                    "second clause",
                )
                .with_help(format!("keep one `{keyword}`")),
            );
        }
        match clauses.first() {
            Some(text) => fold_whitespace(&text.value),
            None => {
                self.report(
                    Problem::error(
                        "provisio::missing_clause",
                        format!("`{}` does not say `{keyword}`", rule.name.name),
                        rule.span,
                        format!("no `{keyword}`"),
                    )
                    .with_help(format!("add `{keyword} \"{example}\"`")),
                );
                String::new()
            }
        }
    }

    fn optional_condition(
        &mut self,
        rule: &ast::Deontic,
        clauses: &'a [ast::Expr],
        keyword: &str,
        scope: Scope,
    ) -> Option<Expr> {
        if let Some(extra) = clauses.get(1) {
            self.report(
                Problem::error(
                    "provisio::duplicate_clause",
                    format!("`{}` has two `{keyword}` clauses", rule.name.name),
                    extra.span,
                    "second clause",
                )
                .with_help(format!("join the conditions with `and` in one `{keyword}`")),
            );
        }
        let what = format!("the `{keyword}` condition");
        clauses.first().map(|c| self.condition(c, scope, &what))
    }

    fn resolve_deontic(&mut self, id: DeonticId) {
        let Some((provision, rule)) = self.deontic_ast.get(id as usize).copied() else {
            return;
        };
        if let Some(state) = self.deontic_state.get_mut(id as usize) {
            *state = State::InProgress;
        }
        self.stack.push(Node::Deontic(id));
        let binders = std::mem::take(&mut self.binders);
        let scope = Scope {
            provision: Some(provision),
        };
        let binds = self.one_clause(rule, &rule.binds, "binds", "Members");
        let action = self.one_clause(rule, &rule.action, "action", "imposing customs duties");
        let while_ = self.optional_condition(rule, &rule.while_, "while", scope);
        let when = self.optional_condition(rule, &rule.when, "when", scope);
        if let Some(extra) = rule.cites.get(1) {
            self.report(
                Problem::error(
                    "provisio::duplicate_clause",
                    format!("`{}` has two `cites` clauses", rule.name.name),
                    extra.span,
                    "second clause",
                )
                .with_help("cite one phrase"),
            );
        }
        let cites = self.check_cites(provision, rule.cites.first());
        let status = self.status_enum(rule.kind);
        if let Some(slot) = self.deontics.get_mut(id as usize) {
            *slot = Some(DeonticInfo {
                kind: rule.kind,
                name: rule.name.name.clone(),
                provision,
                binds,
                action,
                while_,
                when,
                cites,
                status,
                span: rule.span,
            });
        }
        self.stack.pop();
        self.binders = binders;
        if let Some(state) = self.deontic_state.get_mut(id as usize) {
            *state = State::Done;
        }
    }

    /// Resolves the verdicts and their sentences.
    pub(super) fn resolve_verdicts(&mut self) {
        let file = self.file;
        let mut seen: std::collections::HashMap<&str, Span> = std::collections::HashMap::new();
        for verdict in &file.verdicts {
            if let Some(first) = seen.get(verdict.name.name.as_str()) {
                let first = *first;
                self.duplicate("verdict", &verdict.name, first);
                continue;
            }
            seen.insert(&verdict.name.name, verdict.name.span);
            let scope = Scope { provision: None };
            let declared = verdict
                .ty
                .as_ref()
                .map(|t| self.lower_value_type(t, &verdict.name.name, "a verdict"));
            let Some(body) = &verdict.body else {
                self.report(
                    Problem::error(
                        "provisio::verdict_without_definition",
                        format!("verdict `{}` has no definition", verdict.name.name),
                        verdict.name.span,
                        "nothing computes it",
                    )
                    .with_help(self.verdict_definition_help(&verdict.name.name)),
                );
                continue;
            };
            let for_each = verdict
                .for_each
                .as_ref()
                .map(|clause| self.begin_for_each(clause, scope));
            let body = self.expr(body, scope, declared.as_ref());
            let ty = match declared {
                Some(declared)
                    if !super::resolve::fits(&body.ty, &declared)
                        && !same_values(self, &body.ty, &declared) =>
                {
                    let (want, found) = (self.type_name(&declared), self.type_name(&body.ty));
                    self.report(
                        Problem::error(
                            "provisio::type_mismatch",
                            format!(
                                "verdict `{}` is declared as {want}, but its value is {found}",
                                verdict.name.name
                            ),
                            body.span,
                            found,
                        )
                        .with_help("change the declared type or the expression"),
                    );
                    declared
                }
                _ => body.ty.clone(),
            };
            let template = self.template(verdict, &ty);
            let translated = self.translated_templates(verdict, &ty);
            let id = self.verdicts.len() as crate::model::VerdictId;
            for (lang, template) in translated {
                self.translations.add_verdict(id, lang, template);
            }
            let mut provisions = Vec::new();
            if let Some(for_each) = &for_each {
                self.end_for_each();
                self.provisions_named(&for_each.list, &mut provisions);
                self.provisions_named(&for_each.key, &mut provisions);
            }
            self.provisions_named(&body, &mut provisions);
            self.verdicts.push(VerdictInfo {
                name: verdict.name.name.clone(),
                ty,
                body,
                template,
                provisions,
                for_each,
                span: verdict.name.span,
            });
        }
    }
}

impl Checker<'_> {
    /// The provisions of the rules an expression names, in order, without repeats.
    fn provisions_named(&self, expr: &Expr, out: &mut Vec<ProvisionId>) {
        let provision = match &expr.kind {
            ExprKind::Definition(id) | ExprKind::Call { definition: id, .. } => self
                .definitions
                .get(*id as usize)
                .and_then(|d| d.as_ref())
                .map(|d| d.provision),
            ExprKind::Deontic(id) => self
                .deontics
                .get(*id as usize)
                .and_then(|d| d.as_ref())
                .map(|d| d.provision),
            _ => None,
        };
        if let Some(p) = provision
            && !out.contains(&p)
        {
            out.push(p);
        }
        crate::model::expr::for_each_child(expr, |child| self.provisions_named(child, out));
    }

    /// Resolves the periods in force of the instrument and the provisions.
    pub(super) fn resolve_periods(&mut self) {
        let file = self.file;
        if let Some(instrument) = &file.instrument {
            self.instrument.in_force = self.period(&instrument.in_force, None, "the instrument");
        }
        for (id, provision) in file.provisions.iter().enumerate() {
            let Some(&pid) = self.provision_index.get(provision.name.name.as_str()) else {
                continue;
            };
            if pid as usize != id
                && self.provisions.get(pid as usize).map(|p| p.span) != Some(provision.name.span)
            {
                continue;
            }
            let period = self.period(
                &provision.in_force,
                Some(pid),
                &format!("provision `{}`", provision.name.name),
            );
            if let Some(info) = self.provisions.get_mut(pid as usize) {
                info.in_force = period;
            }
        }
    }

    fn period(
        &mut self,
        clauses: &[ast::InForce],
        provision: Option<ProvisionId>,
        what: &str,
    ) -> Option<Period> {
        if let Some(extra) = clauses.get(1) {
            self.report(
                Problem::error(
                    "provisio::duplicate_clause",
                    format!("{what} says twice when it is in force"),
                    extra.span,
                    "second `in force`",
                )
                .with_help("join them: `in force from A until B exclusive`"),
            );
        }
        let clause = clauses.first()?;
        let scope = Scope { provision };
        let from = match &clause.from {
            Some(ast::InForceStart::Adoption(span)) => {
                match self.instrument.adopted {
                    Some(date) => Some(Expr {
                        kind: ExprKind::Const(crate::value::Value::Date(date)),
                        ty: Type::Date,
                        span: *span,
                    }),
                    None => {
                        self.report(
                        Problem::error(
                            "provisio::missing_clause",
                            "`from adoption`, but the instrument does not say when it was adopted",
                            *span,
                            "no adoption date",
                        )
                        .with_help("add `adopted YYYY-MM-DD` to the instrument, or give the date here"),
                    );
                        None
                    }
                }
            }
            Some(ast::InForceStart::Date(expr)) => {
                Some(self.date_expr(expr, scope, "the start of a period in force"))
            }
            None => None,
        };
        let (until, until_inclusive) = match &clause.until {
            Some((expr, inclusive)) => {
                let until = self.date_expr(expr, scope, "the end of a period in force");
                if inclusive.is_none() {
                    self.report(
                        Problem::error(
                            "provisio::boundary_unstated",
                            format!("{what} is in force until a day, without saying whether that day is still in force"),
                            expr.span,
                            "inclusive or exclusive?",
                        )
                        .with_help("write `until ... inclusive` (the day is in force) or `until ... exclusive` (it is not)"),
                    );
                }
                (Some(until), inclusive.unwrap_or(false))
            }
            None => (None, false),
        };
        Some(Period {
            from,
            until,
            until_inclusive,
            span: clause.span,
        })
    }

    fn date_expr(&mut self, expr: &ast::Expr, scope: Scope, what: &str) -> Expr {
        let resolved = self.expr(expr, scope, Some(&Type::Date));
        if !matches!(resolved.ty, Type::Date | Type::Error) {
            let found = self.type_name(&resolved.ty);
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!("{what} must be a date, but this is {found}"),
                    expr.span,
                    found,
                )
                .with_help(self.date_example()),
            );
        }
        resolved
    }

    /// How to give a verdict its definition: a rule of the same name if a
    /// provision has one, otherwise the general form.
    fn verdict_definition_help(&self, name: &str) -> String {
        let same_name = self
            .definition_ast
            .iter()
            .map(|(p, d)| (*p, d.name.name.as_str()))
            .chain(
                self.deontic_ast
                    .iter()
                    .map(|(p, d)| (*p, d.name.name.as_str())),
            )
            .find(|(_, rule)| *rule == name);
        match same_name.and_then(|(p, _)| self.provisions.get(p as usize)) {
            Some(provision) => format!(
                "say what computes it with `=`; did you mean `verdict {name} = {}.{name}`?",
                provision.name
            ),
            None => format!(
                "say what computes it with `=`, naming a rule of a provision: `verdict {name} = PROVISION.RULE`"
            ),
        }
    }
}

/// Whether two enumeration types have the same values, in the same order.
fn same_values(checker: &Checker<'_>, a: &Type, b: &Type) -> bool {
    match (a, b) {
        (Type::Enum(x), Type::Enum(y)) => {
            let values = |id: &u32| checker.enums.get(*id as usize).map(|e| e.values.clone());
            values(x).is_some() && values(x) == values(y)
        }
        _ => false,
    }
}
