//! `use "other.policy" as name`: another policy, checked on its own, merged
//! into this one's model under its name. Its provisions, rules, readings,
//! types and facts are appended to this policy's with their ids moved (see
//! [`crate::model::remap`]); its verdicts stay out of this policy's verdicts
//! and are reached as `name.verdict`, which stands for the verdict's value.
//! A fact both declare with the same type is one fact.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::use_shared::{moved_own, root_own};
use super::{Checker, Local, State};
use crate::ast;
use crate::diagnostic::{Problem, Problems};
use crate::model::remap::Remap;
use crate::model::used::UsedPolicy;
use crate::model::*;
use crate::span::{SourceFile, Span};

/// What a used policy makes available under its name.
#[derive(Debug, Clone, Default)]
pub(super) struct UseScope {
    /// The name, as the `use` item gives it.
    pub name: String,
    /// Its facts, by their names, as ids of this model.
    pub facts: HashMap<String, FactId>,
    /// Its named types.
    pub types: HashMap<String, Type>,
    /// Its own provisions, each with its rules by name.
    pub provisions: HashMap<String, (ProvisionId, HashMap<String, Local>)>,
    /// Its verdicts: the value, the provisions it applies with, its type.
    pub verdicts: HashMap<String, (Expr, Vec<ProvisionId>)>,
    /// Its readings, as ids of this model.
    pub readings: HashMap<String, ReadingId>,
    /// Whether it could not be loaded: names under it are then not
    /// reported again.
    pub broken: bool,
}

impl UseScope {
    /// The scope of a policy that could not be used.
    fn broken(name: &str) -> Self {
        UseScope {
            name: name.to_string(),
            broken: true,
            ..UseScope::default()
        }
    }

    /// Every name reachable under the scope's name, for did-you-mean.
    pub(super) fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .facts
            .keys()
            .chain(self.types.keys())
            .chain(self.provisions.keys())
            .chain(self.verdicts.keys())
            .chain(self.readings.keys())
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// The canonical form of a path, to compare files: the path itself when it
/// cannot be resolved (a policy given as text).
pub(super) fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads the policy a `use` or an `amends` item names (`keyword`), or the
/// problem to report at the path as written.
pub(super) fn read_policy(
    path: &Path,
    written: &ast::Text,
    keyword: &str,
) -> Result<String, Problem> {
    if let Some(text) = super::unsaved::unsaved(path) {
        return Ok(text);
    }
    // Only a regular file: a device or a pipe could block or never end.
    let read = match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(std::io::Error::other("not a regular file")),
        _ => std::fs::read_to_string(path),
    };
    read.map_err(|error| {
        let help = match error.kind() {
            std::io::ErrorKind::NotFound => format!(
                "the path is read relative to this policy's folder, as `{}`; check its spelling",
                path.display()
            ),
            std::io::ErrorKind::InvalidData => {
                format!("the {} file must be UTF-8 text", noun(keyword))
            }
            std::io::ErrorKind::Other => format!(
                "`{keyword}` takes a `.policy` file; `{}` is a folder or a device",
                path.display()
            ),
            _ => String::from("check that the file exists and can be read"),
        };
        let (code, what) = if keyword == "use" {
            ("provisio::use_not_found", "the used policy")
        } else {
            ("provisio::amends_not_found", "the amended policy")
        };
        Problem::error(
            code,
            format!("cannot read {what} `{}`: {error}", written.value),
            written.span,
            "no policy here",
        )
        .with_help(help)
    })
}

/// "used" or "amended", as the keyword's file is called.
fn noun(keyword: &str) -> &'static str {
    if keyword == "use" { "used" } else { "amended" }
}

/// The file a policy's name stands for, or `None` for a name that is no file.
pub(super) fn own_path(source: &SourceFile) -> Option<PathBuf> {
    let path = Path::new(&*source.name);
    path.is_file().then(|| canonical(path))
}

impl<'a> Checker<'a> {
    /// Loads, checks and merges every `use` of the file, in file order.
    pub(super) fn merge_uses(&mut self) {
        let file = self.file;
        let mut seen_names: HashMap<&str, Span> = HashMap::new();
        let mut seen_files: HashMap<PathBuf, &ast::UseDecl> = HashMap::new();
        for decl in &file.uses {
            if let Some(first) = seen_names.get(decl.name.name.as_str()) {
                let first = *first;
                self.duplicate("use", &decl.name, first);
                continue;
            }
            seen_names.insert(&decl.name.name, decl.name.span);
            if let Some(first) = self.global_name(&decl.name.name) {
                self.report(
                    Problem::error(
                        "provisio::duplicate_name",
                        format!(
                            "`{}` names both a used policy and something of this policy",
                            decl.name.name
                        ),
                        decl.name.span,
                        "the used policy's name",
                    )
                    .with_label(first, "also declared here")
                    .with_help(format!(
                        "use it under another name: `use \"{}\" as {}_policy`",
                        decl.path.value, decl.name.name
                    )),
                );
                continue;
            }
            let base = Path::new(&*self.source.name)
                .parent()
                .unwrap_or_else(|| Path::new(""));
            let path = base.join(&decl.path.value);
            let key = canonical(&path);
            if let Some(first) = seen_files.get(&key) {
                self.report(
                    Problem::error(
                        "provisio::duplicate_use",
                        format!("`{}` is used twice", decl.path.value),
                        decl.path.span,
                        format!("used again here, as `{}`", decl.name.name),
                    )
                    .with_label(first.path.span, format!("first used as `{}`", first.name.name))
                    .with_help(format!(
                        "use a policy once, and reach it by one name: remove this `use` and write `{}.` instead of `{}.`",
                        first.name.name, decl.name.name
                    )),
                );
                continue;
            }
            seen_files.insert(key.clone(), decl);
            if self.use_stack.len() >= MAX_USE_DEPTH {
                self.report(
                    Problem::error(
                        "provisio::too_deep",
                        format!("`use` goes more than {MAX_USE_DEPTH} policies deep"),
                        decl.path.span,
                        "one policy too many",
                    )
                    .with_help("use the deepest policies directly from a policy nearer the top"),
                );
                self.uses.push(UseScope::broken(&decl.name.name));
                continue;
            }
            if let Some(at) = self.use_stack.iter().position(|p| *p == key) {
                let mut chain: Vec<String> = self
                    .use_stack
                    .get(at..)
                    .unwrap_or(&[])
                    .iter()
                    .map(|p| file_name(p))
                    .collect();
                chain.push(file_name(&key));
                self.report(
                    Problem::error(
                        "provisio::cycle",
                        format!("{CYCLE}{}", chain.join(" uses ")),
                        decl.path.span,
                        "this `use` closes the circle",
                    )
                    .with_help("a policy cannot use itself, directly or through others: remove one of these `use` items"),
                );
                self.uses.push(UseScope::broken(&decl.name.name));
                continue;
            }
            let text = match read_policy(&path, &decl.path, "use") {
                Ok(text) => text,
                Err(problem) => {
                    self.report(problem);
                    self.uses.push(UseScope::broken(&decl.name.name));
                    continue;
                }
            };
            let source = SourceFile::new(path.display().to_string(), text);
            let mut stack = self.use_stack.clone();
            stack.push(key.clone());
            let checked = super::parse_and_check(&source, stack);
            match checked {
                // An amended policy answers by date from several versions;
                // merged, it would answer with the latest on every date.
                Ok(checked) if checked.model.amended.is_some() => {
                    self.report(
                        Problem::error(
                            "provisio::unsupported_use",
                            format!("`{}` amends another policy, and cannot be used", decl.path.value),
                            decl.path.span,
                            "an amended policy",
                        )
                        .with_help("use the policy it amends, or the consolidated text of the version you need"),
                    );
                    self.uses.push(UseScope::broken(&decl.name.name));
                }
                Ok(checked) => self.merge(decl, checked.model, key),
                Err(problems) => {
                    self.broken_use(decl, &source, problems);
                    self.uses.push(UseScope::broken(&decl.name.name));
                }
            }
        }
    }

    /// Reports a used policy's own errors, in its file, and the `use` that
    /// brought them in.
    fn broken_use(&mut self, decl: &ast::UseDecl, source: &SourceFile, problems: Problems) {
        let (located, at_use) = broken_policy(
            problems,
            ("provisio::broken_use", "used"),
            (&decl.path.value, decl.path.span),
            &source.name,
        );
        for problem in located {
            self.problems.push(problem);
        }
        self.report(at_use);
    }

    /// A name of this policy that a `use` name would shadow.
    fn global_name(&self, name: &str) -> Option<Span> {
        if let Some(id) = self.fact_index.get(name) {
            return self.facts.get(*id as usize).map(|f| f.span);
        }
        if let Some(id) = self.provision_index.get(name) {
            return self.provisions.get(*id as usize).map(|p| p.span);
        }
        self.type_index
            .get(name)
            .and_then(|id| self.type_ast.get(*id as usize))
            .map(|t| t.name.span)
    }

    /// The length of the combined text so far: this file's, then each used file's after a line break.
    fn combined_len(&self) -> usize {
        self.source.text.len() + self.combined.len()
    }

    /// Appends a checked used model to this one, read from the file
    /// `path`. A policy it holds that this model holds already (reached
    /// through another `use`) is not added again: its items and text map
    /// onto the copy there.
    fn merge(&mut self, decl: &ast::UseDecl, used: Model, path: PathBuf) {
        let prefix = decl.name.name.clone();
        let span_offset = self.combined_len() + 1;
        let mut remap = Remap {
            span_offset,
            readings: self.readings.len() as ReadingId,
            provisions: self.provisions.len() as ProvisionId,
            definitions: self.definitions.len() as DefinitionId,
            exceptions: self.exceptions.len() as ExceptionId,
            deontics: self.deontics.len() as DeonticId,
            parameters: self.parameters.len() as ParameterId,
            scales: self.scales.len() as u32,
            ..Remap::default()
        };
        let index_of = self.shared_policies(&used, &path, &mut remap);
        // Enumerations and records with the same name and members are one
        // type: the statuses of deontic rules, and the types of shared facts.
        for e in &used.enums {
            let id = match self
                .enums
                .iter()
                .position(|o| o.name == e.name && o.values == e.values)
            {
                Some(same) => same as EnumId,
                None => {
                    self.enums.push(e.clone());
                    (self.enums.len() - 1) as EnumId
                }
            };
            remap.enums.push(id);
            if let Some(kind) = status_kind(&e.name) {
                self.status_enums.entry(kind).or_insert(id);
            }
        }
        for r in &used.records {
            let mut moved = r.clone();
            for field in &mut moved.fields {
                remap.ty(&mut field.ty);
                if let Some(value) = &mut field.default {
                    remap.value(value);
                }
            }
            let same = self.records.iter().position(|o| {
                o.name == moved.name
                    && o.fields.len() == moved.fields.len()
                    && o.fields
                        .iter()
                        .zip(&moved.fields)
                        .all(|(a, b)| a.name == b.name && a.ty == b.ty && a.optional == b.optional)
            });
            let id = match same {
                Some(same) => same as RecordId,
                None => {
                    self.records.push(moved);
                    (self.records.len() - 1) as RecordId
                }
            };
            remap.records.push(id);
        }
        self.scales.extend(used.scales.iter().cloned());
        self.retype_facts(&prefix, &used, &remap);
        let mut scope = UseScope {
            name: prefix.clone(),
            ..UseScope::default()
        };
        for fact in &used.facts {
            let id = self.merge_fact(decl, &used, fact, &mut remap);
            remap.facts.push(id);
            self.used_facts.insert(id);
            scope.facts.insert(fact.field.name.clone(), id);
        }
        for info in &used.types {
            let mut ty = info.ty.clone();
            remap.ty(&mut ty);
            scope.types.insert(info.name.clone(), ty.clone());
            self.types.push(Some(TypeInfo {
                name: format!("{prefix}.{}", info.name),
                description: info.description.clone(),
                ty,
                span: remap.span(info.span),
            }));
            self.type_state.push(State::Done);
        }
        for (index, reading) in used.readings.iter().enumerate() {
            let id = remap.reading(index as ReadingId);
            scope.readings.insert(reading.name.clone(), id);
            self.used_readings.insert(id);
            if remap.reading_shared(index as ReadingId) {
                continue;
            }
            self.readings.push(ReadingInfo {
                name: format!("{prefix}.{}", reading.name),
                span: remap.span(reading.span),
                ..reading.clone()
            });
        }
        let instrument_period = used.instrument.in_force.clone();
        for (index, provision) in used.provisions.iter().enumerate() {
            let id = remap.provision(index as ProvisionId);
            if remap.provision_shared(index as ProvisionId) {
                if provision.instrument.is_none() {
                    scope
                        .provisions
                        .insert(provision.name.clone(), (id, HashMap::new()));
                }
                continue;
            }
            let mut period = provision.in_force.clone().or_else(|| {
                // Its instrument's period applies to it as it did there.
                provision
                    .instrument
                    .is_none()
                    .then(|| instrument_period.clone())
                    .flatten()
            });
            if let Some(period) = &mut period {
                move_period(&remap, period);
            }
            if provision.instrument.is_none() {
                scope
                    .provisions
                    .insert(provision.name.clone(), (id, HashMap::new()));
            }
            self.provisions.push(ProvisionInfo {
                name: format!("{prefix}.{}", provision.name),
                heading: provision.heading.clone(),
                text: provision.text.clone(),
                in_force: period,
                span: remap.span(provision.span),
                instrument: index_of
                    .get(provision.instrument.map_or(0, |i| i as usize + 1))
                    .copied(),
            });
            self.locals.push(HashMap::new());
        }
        let provision_name = |p: ProvisionId| {
            used.provisions
                .get(p as usize)
                .filter(|p| p.instrument.is_none())
                .map(|p| p.name.clone())
        };
        for (index, definition) in used.definitions.iter().enumerate() {
            let id = index as DefinitionId;
            if let Some(name) = provision_name(definition.provision) {
                add_local(
                    &mut scope,
                    &name,
                    &definition.name,
                    Local::Definition(remap.definition(id)),
                );
            }
            if remap.definition_shared(id) {
                continue;
            }
            let mut moved = definition.clone();
            remap.expr(&mut moved.body);
            moved.params.iter_mut().for_each(|p| {
                remap.ty(&mut p.ty);
                p.span = remap.span(p.span);
            });
            remap.ty(&mut moved.ty);
            moved.provision = remap.provision(moved.provision);
            moved
                .exceptions
                .iter_mut()
                .for_each(|e| *e = remap.exception(*e));
            moved.span = remap.span(moved.span);
            self.definitions.push(Some(moved));
            self.definition_state.push(State::Done);
            self.definition_exceptions.push(Vec::new());
        }
        for (index, exception) in used.exceptions.iter().enumerate() {
            let id = index as ExceptionId;
            if let (Some(provision), Some(name)) =
                (provision_name(exception.provision), &exception.name)
            {
                add_local(
                    &mut scope,
                    &provision,
                    name,
                    Local::Exception(remap.exception(id)),
                );
            }
            if remap.exception_shared(id) {
                continue;
            }
            let mut moved = exception.clone();
            remap.expr(&mut moved.condition);
            remap.expr(&mut moved.value);
            moved.provision = remap.provision(moved.provision);
            moved.definition = remap.definition(moved.definition);
            moved.overrides = moved.overrides.map(|o| remap.exception(o));
            moved
                .exceptions
                .iter_mut()
                .for_each(|e| *e = remap.exception(*e));
            moved.span = remap.span(moved.span);
            self.exception_parent
                .push(Some((moved.definition, moved.overrides)));
            self.exception_children.push(Vec::new());
            self.exceptions.push(Some(moved));
        }
        for (index, deontic) in used.deontics.iter().enumerate() {
            let id = index as DeonticId;
            if let Some(name) = provision_name(deontic.provision) {
                add_local(
                    &mut scope,
                    &name,
                    &deontic.name,
                    Local::Deontic(remap.deontic(id)),
                );
            }
            if remap.deontic_shared(id) {
                continue;
            }
            let mut moved = deontic.clone();
            for e in moved.while_.iter_mut().chain(moved.when.iter_mut()) {
                remap.expr(e);
            }
            moved.provision = remap.provision(moved.provision);
            moved.status = remap
                .enums
                .get(moved.status as usize)
                .copied()
                .unwrap_or(moved.status);
            moved.span = remap.span(moved.span);
            self.deontics.push(Some(moved));
            self.deontic_state.push(State::Done);
        }
        for (index, parameter) in used.parameters.iter().enumerate() {
            let id = index as ParameterId;
            if let Some(name) = provision_name(parameter.provision) {
                add_local(
                    &mut scope,
                    &name,
                    &parameter.name,
                    Local::Parameter(remap.parameter(id)),
                );
            }
            if remap.parameter_shared(id) {
                continue;
            }
            let mut moved = parameter.clone();
            remap.ty(&mut moved.ty);
            for (_, value) in &mut moved.history {
                if let Some(value) = value {
                    remap.value(value);
                }
            }
            moved.provision = remap.provision(moved.provision);
            moved.span = remap.span(moved.span);
            self.parameters.push(Some(moved));
        }
        for verdict in &used.verdicts {
            let mut body = verdict.body.clone();
            remap.expr(&mut body);
            let provisions = verdict
                .provisions
                .iter()
                .map(|p| remap.provision(*p))
                .collect();
            if verdict.for_each.is_none() {
                scope
                    .verdicts
                    .insert(verdict.name.clone(), (body, provisions));
            }
        }
        for assumption in &used.assumptions {
            if remap.span_shared(assumption.span) {
                continue;
            }
            let mut moved = assumption.clone();
            remap.expr(&mut moved.condition);
            moved.span = remap.span(moved.span);
            self.assumptions.push(moved);
        }
        // The policies not held already, in the order `index_of` gave them.
        let own_len = used.own_text_len();
        if !remap.span_shared(Span::new(0, 0)) {
            self.used.push(UsedPolicy {
                name: prefix.clone(),
                instrument: used.instrument.clone(),
                source: SourceFile::new(
                    used.source.name.clone(),
                    used.source.text.get(..own_len).unwrap_or(&used.source.text),
                ),
                offset: span_offset,
                path,
                own: moved_own(&remap, root_own(&used)),
                also: Vec::new(),
            });
        }
        for inner in &used.used {
            if remap.span_shared(Span::new(inner.offset, inner.offset)) {
                continue;
            }
            self.used.push(UsedPolicy {
                name: format!("{prefix}.{}", inner.name),
                offset: span_offset + inner.offset,
                own: moved_own(&remap, inner.own),
                also: inner.also.iter().map(|a| format!("{prefix}.{a}")).collect(),
                ..inner.clone()
            });
        }
        self.other_names(&prefix, &used, &index_of);
        self.merge_translations(&prefix, &used, &remap);
        self.combined.push('\n');
        self.combined.push_str(&used.source.text);
        self.uses.push(scope);
    }
}

/// A used or amended policy that does not check: its own errors, each
/// located in its file, and the problem to report where the `use` or
/// `amends` names it (`code`, and `role`, "used" or "amended").
pub(super) fn broken_policy(
    problems: Problems,
    (code, role): (&'static str, &str),
    (path, span): (&str, Span),
    file_name: &str,
) -> (Vec<Problem>, Problem) {
    let errors = problems.error_count();
    let located = problems
        .items
        .into_iter()
        .filter(|p| p.severity == miette::Severity::Error)
        .collect();
    let count = if errors == 1 {
        String::from("an error")
    } else {
        format!("{errors} errors")
    };
    let at = Problem::error(
        code,
        format!("the {role} policy `{path}` has {count}"),
        span,
        format!("{role} here"),
    )
    .with_help(format!(
        "fix `{file_name}` first: its errors are listed with it"
    ));
    (located, at)
}

/// How many policies deep a chain of `use` may go: each level checks a
/// policy on the stack.
pub(super) const MAX_USE_DEPTH: usize = 32;

/// How the message of a cycle of `use` starts.
const CYCLE: &str = "`use` goes round in a circle: ";

/// The kind of deontic rule whose statuses an enumeration of this name holds.
fn status_kind(name: &str) -> Option<ast::DeonticKind> {
    match name {
        "the status under a prohibition" => Some(ast::DeonticKind::Prohibition),
        "the status under an obligation" => Some(ast::DeonticKind::Obligation),
        "the status under a permission" => Some(ast::DeonticKind::Permission),
        "the status under a commitment" => Some(ast::DeonticKind::Commitment),
        _ => None,
    }
}

fn add_local(scope: &mut UseScope, provision: &str, name: &str, local: Local) {
    if let Some((_, locals)) = scope.provisions.get_mut(provision) {
        locals.insert(name.to_string(), local);
    }
}

fn move_period(remap: &Remap, period: &mut Period) {
    for e in period.from.iter_mut().chain(period.until.iter_mut()) {
        remap.expr(e);
    }
    period.span = remap.span(period.span);
}

/// The line, counted from 1, a span starts on.
pub(super) fn line_of(source: &SourceFile, span: Span) -> usize {
    source
        .text
        .get(..span.start)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// A file's name, for a chain of uses.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
