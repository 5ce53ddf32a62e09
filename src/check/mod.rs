//! The checker: from a syntax tree to a [`Model`] whose names are resolved
//! and whose expressions are typed, or to every problem found in the file.
//!
//! It works in passes: declarations (types, facts, readings, provisions and
//! the names inside them), then the rules (definitions with their exceptions,
//! deontic rules, in dependency order, which also finds cycles), then the
//! verdicts and their sentences. A mistake yields an expression of the error
//! type, which fits everywhere, so that each mistake is reported once.

mod allows;
mod amendment_versions;
mod amendments;
mod amounts;
mod assumptions;
mod boundaries;
mod boundary_phrases;
mod calendar_calls;
mod calls;
mod collections;
mod computed_scales;
mod date_mix;
mod dated_brackets;
mod dates;
mod declare;
mod exceptions;
mod fact_as_of;
mod for_each;
mod functions;
mod help_names;
mod lints;
mod lists;
mod names;
mod none;
mod parameters;
mod tables;
pub use allows::LINTS;
pub use dates::parse_date;
mod resolve;
mod rules;
mod sentence_lints;
mod shadowing;
mod template;
mod translations;
mod types;
mod unsaved;
mod use_calls;
mod use_facts;
mod use_names;
mod use_shared;
mod use_translations;
mod use_types;
mod uses;
pub use unsaved::with_unsaved;

use std::collections::HashMap;
use std::path::Path;

use crate::ast::{self, PolicyFile};
use crate::diagnostic::{Problem, Problems};
use crate::model::*;
use crate::span::{SourceFile, Span};

/// A policy that passed the checker, with the warnings it raised.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The model, ready to evaluate.
    pub model: Model,
    /// Problems that do not stop evaluation.
    pub warnings: Problems,
}

/// Reads, parses and checks a policy file.
pub fn load_policy(path: &Path) -> Result<Checked, Problems> {
    match std::fs::read_to_string(path) {
        Ok(text) => check_source(&SourceFile::new(path.display().to_string(), text)),
        Err(error) => {
            let mut problems = Problems::default();
            problems.push(read_error("policy file", path, &error));
            Err(problems)
        }
    }
}

/// The problem for a file that cannot be read.
pub fn read_error(what: &str, path: &Path, error: &std::io::Error) -> Problem {
    let help = match error.kind() {
        std::io::ErrorKind::NotFound => format!(
            "check the path; it is read relative to the current folder ({})",
            std::env::current_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|_| String::from("unknown"))
        ),
        std::io::ErrorKind::InvalidData => String::from("the file must be UTF-8 text"),
        _ => String::from("check that the file exists and can be read"),
    };
    Problem {
        code: "provisio::read",
        message: format!("cannot read {what} `{}`: {error}", path.display()),
        labels: Vec::new(),
        help: Some(help),
        severity: miette::Severity::Error,
        source: None,
    }
}

/// Parses and checks the text of a policy file.
pub fn check_source(source: &SourceFile) -> Result<Checked, Problems> {
    parse_and_check(source, uses::own_path(source).into_iter().collect())
}

/// Parses and checks a policy, used through the chain of files `use_stack`
/// (this file last), to find a cycle of `use`.
fn parse_and_check(
    source: &SourceFile,
    use_stack: Vec<std::path::PathBuf>,
) -> Result<Checked, Problems> {
    let file = crate::syntax::parse(source).map_err(|problem| Problems {
        items: vec![shortened(problem)],
    })?;
    check_used(source, &file, use_stack)
}

/// Parses a policy's text as [`check_source`] does: the syntax tree, or the
/// one syntax problem with its quotations shortened. For a tool that keeps
/// the tree beside the model (the language server), then calls [`check`].
pub fn parse_source(source: &SourceFile) -> Result<PolicyFile, Problem> {
    crate::syntax::parse(source).map_err(shortened)
}

/// Checks a parsed policy file.
pub fn check(source: &SourceFile, file: &PolicyFile) -> Result<Checked, Problems> {
    check_used(source, file, uses::own_path(source).into_iter().collect())
}

fn check_used(
    source: &SourceFile,
    file: &PolicyFile,
    use_stack: Vec<std::path::PathBuf>,
) -> Result<Checked, Problems> {
    if is_empty(file) {
        return Err(Problems {
            items: vec![empty_policy(source)],
        });
    }
    if !file.amends.is_empty() {
        return amendment_versions::check_amendment(source, file, use_stack);
    }
    let mut checker = Checker::new(source, file);
    checker.use_stack = use_stack;
    checker.declare();
    checker.check_translation_codes();
    checker.merge_uses();
    checker.resolve_parameters();
    checker.resolve_rules();
    checker.resolve_periods();
    checker.resolve_verdicts();
    checker.resolve_assumptions();
    checker.finish()
}

/// `problem` with the names and text of the policy it quotes, in its
/// message and labels, cut to [`crate::echo::ECHO_LIMIT`] bytes each: they
/// may be megabytes long.
fn shortened(mut problem: Problem) -> Problem {
    if let std::borrow::Cow::Owned(short) = crate::echo::shorten_quoted(&problem.message) {
        problem.message = short;
    }
    for (_, label) in &mut problem.labels {
        if let std::borrow::Cow::Owned(short) = crate::echo::shorten_quoted(label) {
            *label = short;
        }
    }
    problem
}

/// Whether a policy declares nothing at all: no instrument header and no
/// item, as an empty file or one of comments only.
fn is_empty(file: &PolicyFile) -> bool {
    file.instrument.is_none()
        && file.events.is_empty()
        && file.facts.is_empty()
        && file.readings.is_empty()
        && file.provisions.is_empty()
        && file.verdicts.is_empty()
        && file.amends.is_empty()
}

/// The problem for a policy that declares nothing: checking it would say
/// "ok" of a file that encodes no instrument.
fn empty_policy(source: &SourceFile) -> Problem {
    let first_line = source.text.lines().next().map_or(0, |l| l.trim_end().len());
    Problem::error(
        "provisio::empty_policy",
        "a policy needs an instrument",
        Span::new(0, first_line),
        "no instrument, provision or verdict in this file",
    )
    .with_help(
        "start the file with the instrument header, such as `instrument \"Title\" adopted 2024-03-02`, then its provisions and verdicts",
    )
    .in_file(source)
}

/// What a name inside a provision refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Local {
    Definition(DefinitionId),
    Deontic(DeonticId),
    Exception(ExceptionId),
    Parameter(ParameterId),
}

/// Where a rule's progress through resolution stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Pending,
    InProgress,
    Done,
}

/// A rule in the dependency graph: definitions and deontic rules can use each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Definition(DefinitionId),
    Deontic(DeonticId),
}

/// The scope an expression is resolved in.
#[derive(Debug, Clone, Copy)]
struct Scope {
    /// The provision whose local names are visible, if any.
    provision: Option<ProvisionId>,
}

struct Checker<'a> {
    source: &'a SourceFile,
    file: &'a PolicyFile,
    problems: Problems,

    enums: Vec<EnumType>,
    records: Vec<RecordType>,
    /// The `type` declarations, by [`TypeInfo`] index.
    type_ast: Vec<&'a ast::TypeDecl>,
    type_index: HashMap<&'a str, u32>,
    types: Vec<Option<TypeInfo>>,
    type_state: Vec<State>,
    /// The named types being resolved, innermost last, to name a cycle.
    type_stack: Vec<u32>,
    facts: Vec<FactInfo>,
    fact_index: HashMap<&'a str, FactId>,
    readings: Vec<ReadingInfo>,
    reading_index: HashMap<&'a str, ReadingId>,
    provisions: Vec<ProvisionInfo>,
    /// Whether each provision has a `text` clause: an empty `text ""`
    /// quotes nothing, and nothing can be cited from it, while a missing
    /// one is already `missing_text`, and its citations are not checked.
    provision_has_text: Vec<bool>,
    provision_index: HashMap<&'a str, ProvisionId>,
    locals: Vec<HashMap<&'a str, Local>>,
    instrument: InstrumentInfo,

    definition_ast: Vec<(ProvisionId, &'a ast::Definition)>,
    definitions: Vec<Option<DefinitionInfo>>,
    definition_state: Vec<State>,
    exception_ast: Vec<(ProvisionId, &'a ast::Exception)>,
    exceptions: Vec<Option<ExceptionInfo>>,
    /// For each exception, the definition it overrides and its parent, once attached.
    exception_parent: Vec<Option<(DefinitionId, Option<ExceptionId>)>>,
    /// For each definition, the exceptions that override it directly, until resolved.
    definition_exceptions: Vec<Vec<ExceptionId>>,
    /// For each exception, the exceptions that override it directly, until resolved.
    exception_children: Vec<Vec<ExceptionId>>,
    deontic_ast: Vec<(ProvisionId, &'a ast::Deontic)>,
    deontics: Vec<Option<DeonticInfo>>,
    deontic_state: Vec<State>,
    parameter_ast: Vec<(ProvisionId, &'a ast::Parameter)>,
    parameters: Vec<Option<ParameterInfo>>,
    status_enums: HashMap<ast::DeonticKind, EnumId>,
    verdicts: Vec<VerdictInfo>,
    assumptions: Vec<AssumptionInfo>,

    /// The rules being resolved, innermost last, to name a cycle when one closes.
    stack: Vec<Node>,
    /// Cycles already reported, by their sorted members.
    cycles_seen: Vec<Vec<(u8, u32)>>,
    /// The facts some expression reads.
    used_facts: std::collections::HashSet<FactId>,
    /// The readings some expression consults.
    used_readings: std::collections::HashSet<ReadingId>,
    /// The binders of the aggregates around the expression being resolved,
    /// outermost first, each with the type of the list's elements.
    binders: Vec<(String, Type)>,
    /// The rate scales written so far, indexed by [`crate::value::Value::Scale`].
    scales: Vec<crate::model::scale::Scale>,
    /// The files that led here by `use`, this one last, to find a cycle.
    use_stack: Vec<std::path::PathBuf>,
    /// The policies used, by their names.
    uses: Vec<uses::UseScope>,
    /// The used policies as the model keeps them.
    used: Vec<crate::model::used::UsedPolicy>,
    /// The used files' texts, each after a line break, that follow this
    /// file's text in the model's combined text.
    combined: String,
    /// The facts only used policies declare, by name.
    used_fact_index: HashMap<String, FactId>,
    /// The policy's sentences in French and Spanish, by what they translate.
    translations: crate::model::translations::Translations,
}

impl<'a> Checker<'a> {
    fn new(source: &'a SourceFile, file: &'a PolicyFile) -> Self {
        Checker {
            source,
            file,
            problems: Problems::default(),
            enums: Vec::new(),
            records: Vec::new(),
            type_ast: Vec::new(),
            type_index: HashMap::new(),
            types: Vec::new(),
            type_state: Vec::new(),
            type_stack: Vec::new(),
            facts: Vec::new(),
            fact_index: HashMap::new(),
            readings: Vec::new(),
            reading_index: HashMap::new(),
            provisions: Vec::new(),
            provision_has_text: Vec::new(),
            provision_index: HashMap::new(),
            locals: Vec::new(),
            instrument: InstrumentInfo::default(),
            definition_ast: Vec::new(),
            definitions: Vec::new(),
            definition_state: Vec::new(),
            exception_ast: Vec::new(),
            exceptions: Vec::new(),
            exception_parent: Vec::new(),
            definition_exceptions: Vec::new(),
            exception_children: Vec::new(),
            deontic_ast: Vec::new(),
            deontics: Vec::new(),
            deontic_state: Vec::new(),
            parameter_ast: Vec::new(),
            parameters: Vec::new(),
            status_enums: HashMap::new(),
            verdicts: Vec::new(),
            assumptions: Vec::new(),
            stack: Vec::new(),
            cycles_seen: Vec::new(),
            used_facts: std::collections::HashSet::new(),
            used_readings: std::collections::HashSet::new(),
            binders: Vec::new(),
            scales: Vec::new(),
            use_stack: Vec::new(),
            uses: Vec::new(),
            used: Vec::new(),
            combined: String::new(),
            used_fact_index: HashMap::new(),
            translations: Default::default(),
        }
    }

    /// Records a problem in this file.
    fn report(&mut self, problem: Problem) {
        let problem = shortened(problem).in_file(self.source);
        self.problems.push(problem);
    }

    /// A type's name for messages.
    fn type_name(&self, ty: &Type) -> String {
        TypeName {
            ty,
            enums: &self.enums,
            records: &self.records,
        }
        .to_string()
    }

    /// Reports a name declared twice.
    fn duplicate(&mut self, what: &str, name: &ast::Ident, first: Span) {
        self.report(
            Problem::error(
                "provisio::duplicate_name",
                format!("{what} `{}` is declared twice", name.name),
                name.span,
                "declared again here",
            )
            .with_label(first, "first declared here")
            .with_help(format!(
                "rename one of them or remove the second `{}`",
                name.name
            )),
        );
    }

    /// Warns about facts no rule reads and readings no rule consults: a
    /// misspelling, or a rule not written yet.
    fn warn_unused(&mut self) {
        for (id, fact) in self.facts.clone().iter().enumerate() {
            if !self.used_facts.contains(&(id as FactId)) {
                self.report(
                    Problem::error(
                        "provisio::unused_fact",
                        format!("no rule uses the fact `{}`", fact.field.name),
                        fact.span,
                        "declared but never read",
                    )
                    .with_help("use it in a rule, or remove the declaration")
                    .as_warning(),
                );
            }
        }
        for (id, reading) in self.readings.clone().iter().enumerate() {
            if !self.used_readings.contains(&(id as ReadingId)) {
                self.report(
                    Problem::error(
                        "provisio::unused_reading",
                        format!("no rule depends on the reading `{}`", reading.name),
                        reading.span,
                        "declared but never consulted",
                    )
                    .with_help(format!(
                        "branch on it with `reading {} is ...`, or remove it",
                        reading.name
                    ))
                    .as_warning(),
                );
            }
        }
    }

    fn finish(mut self) -> Result<Checked, Problems> {
        self.warn_unused();
        let mut allows = allows::Allows::read(self.source, self.file);
        // Lints about what the text leaves open wait until the file checks.
        let lints_ran = !self.problems.has_errors();
        if lints_ran {
            self.lint_boundaries(&mut allows);
            self.lint_rounding();
            self.lint_sentences();
            self.lint_translations();
        }
        // Lints of a used policy's rules belong to its own check.
        let own_len = self.source.text.len();
        self.problems.items.retain(|p| {
            p.severity != miette::Severity::Warning
                || (!allows.silences(p.code, p.span()) && p.span().is_none_or(|s| s.end <= own_len))
        });
        for problem in allows.problems(lints_ran) {
            self.report(problem);
        }
        // Report in file order, as a drafter reads the file.
        self.problems
            .items
            .sort_by_key(|p| p.span().map(|s| s.start).unwrap_or(0));
        if self.problems.has_errors() {
            return Err(self.problems);
        }
        self.fill_translations();
        let definitions: Vec<DefinitionInfo> = self.definitions.into_iter().flatten().collect();
        let exceptions: Vec<ExceptionInfo> = self.exceptions.into_iter().flatten().collect();
        let deontics: Vec<DeonticInfo> = self.deontics.into_iter().flatten().collect();
        let parameters: Vec<ParameterInfo> = self.parameters.into_iter().flatten().collect();
        let source = if self.combined.is_empty() {
            self.source.clone()
        } else {
            SourceFile::new(
                self.source.name.clone(),
                format!("{}{}", self.source.text, self.combined),
            )
        };
        let model = Model {
            source,
            instrument: self.instrument,
            facts: self.facts,
            types: self.types.into_iter().flatten().collect(),
            enums: self.enums,
            records: self.records,
            readings: self.readings,
            provisions: self.provisions,
            definitions,
            exceptions,
            deontics,
            parameters,
            scales: self.scales,
            verdicts: self.verdicts,
            assumptions: self.assumptions,
            used: self.used,
            amended: None,
            translations: self.translations,
        };
        Ok(Checked {
            model,
            warnings: self.problems,
        })
    }
}
