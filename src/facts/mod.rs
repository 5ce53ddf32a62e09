//! Facts: an analyst's scenario, loaded from a file and checked against the
//! facts a policy declares.
//!
//! A facts file is JSON (`.json`), YAML (`.yaml`, `.yml`) or TOML (`.toml`),
//! and holds one object whose keys are the declared facts:
//!
//! ```json
//! {"as_of": "2026-03-27",
//!  "mc14": {"opening": "2026-03-26", "closing": "2026-03-30"},
//!  "measure": {"kind": "customs_duty", "levied_on": "electronic_transmission"}}
//! ```
//!
//! - `as_of` is reserved in every file: the evaluation date, not a fact.
//! - Dates are `YYYY-MM-DD` strings (TOML may also write a bare date).
//!   Integers are whole numbers; decimals are numbers or, to keep every
//!   digit exact, strings such as `"12.50"`. Enumeration values are their
//!   names as strings. Records are objects, lists are arrays.
//! - An event is an object with the optional dates `opening` and `closing`;
//!   events are always optional.
//! - A fact whose value changes on known dates may be given as a history,
//!   `{"history": {"2024-01-01": false, "2024-03-15": true}}`: its value on
//!   a day is that of the last date on or before it (see [`history`]).
//! - An optional fact or field that is absent or `null` is *unknown*
//!   ([`Value::UNKNOWN`]), never zero or false.
//! - Anything the policy does not declare is an error, never ignored.
//!
//! Loading collects every problem in the file into one [`FactsError`], each
//! problem a diagnostic with a label in the facts file and a help line.
//!
//! # How spans are found
//!
//! The serde parsers report positions only for syntax errors. So the file is
//! first read with serde into a format-neutral tree (`tree.rs`), the tree is
//! validated against the [`Model`] (`validate.rs`) and each problem records
//! the *path* it concerns (`members[2].age`); only then, and only for the
//! problems found, are the paths located in the text (`locate/`): by
//! scanning JSON along the path, by walking the `toml` crate's spanned parse
//! tree, and by having the YAML parser stop at the node sought. A path that
//! cannot be found falls back to its nearest found ancestor, then to the
//! start of the file.

mod date_form;
mod depth;
mod describe;
mod error;
mod fast;
pub mod given;
pub mod history;
mod locate;
pub(crate) mod numbers;
mod path;
mod scalars;
pub(crate) mod tree;
mod validate;

use std::path::Path;

use chrono::NaiveDate;

pub(crate) use date_form::as_subtraction;
pub use date_form::{
    DATE_FORM, DATE_FORM_REASON, date_argument, form_help, is_date_like, meanings,
};
pub use depth::MAX_DEPTH;
pub use error::{FactProblem, FactsError, FormatError, InvalidFacts, ProblemKind, ReadError};
pub use fast::FastFacts;
pub use given::Given;
pub use history::{HISTORY, History};
pub use scalars::{DateFault, YEARS, parse_date};

use crate::model::Model;
use crate::span::{SourceFile, Span};
use crate::value::Value;
use locate::{Locator, Target};

/// The reserved key of a facts file that gives the evaluation date.
pub const AS_OF: &str = "as_of";

/// The facts of one scenario, ready to evaluate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The evaluation date the file gives in `as_of`, if it does.
    pub as_of: Option<NaiveDate>,
    /// The value of each fact: `values[i]` is that of `model.facts[i]`, and
    /// [`Value::UNKNOWN`] for an optional fact the file leaves out.
    pub values: Vec<Value>,
    /// The facts and fields the file left out that took their declared
    /// `default`, as (fact, field path), sorted: explanations say so.
    pub defaulted: Vec<(crate::model::FactId, Box<[u32]>)>,
    /// The definitions given a value in place of their rules (see
    /// [`given`]); none unless a caller gives some.
    pub given: Given,
    /// The facts given as dated histories, sorted by fact; such a fact's
    /// entry in `values` is unknown and unused (see [`Facts::value_on`]).
    pub histories: Vec<History>,
}

impl Facts {
    /// Whether a fact, or a field inside it, took its declared default
    /// because the file left it out.
    pub fn is_defaulted(&self, fact: crate::model::FactId, fields: &[u32]) -> bool {
        self.defaulted
            .binary_search_by(|(f, path)| (*f, &path[..]).cmp(&(fact, fields)))
            .is_ok()
    }

    /// Facts with every fact unknown and no evaluation date.
    pub fn empty(model: &Model) -> Facts {
        Facts {
            as_of: None,
            values: vec![Value::UNKNOWN; model.facts.len()],
            defaulted: Vec::new(),
            given: Given::default(),
            histories: Vec::new(),
        }
    }

    /// The facts of an evaluation with no facts file: every fact unknown,
    /// or its default when it declares one, which is allowed only when the
    /// policy declares no required fact without a default.
    pub fn without_file(model: &Model) -> Result<Facts, crate::diagnostic::Problem> {
        let needed = |f: &&crate::model::FactInfo| !f.field.optional && f.field.default.is_none();
        let required: Vec<&str> = model
            .facts
            .iter()
            .filter(needed)
            .map(|f| f.field.name.as_str())
            .collect();
        if let Some(first) = model.facts.iter().find(needed) {
            let names = required
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let problem = crate::diagnostic::Problem::error(
                "provisio::facts::missing_fact",
                format!("the policy requires facts that were not given: {names}"),
                first.span,
                "required, and no facts file was given",
            )
            .with_help("give the facts in a file with `--facts FILE` (JSON, YAML or TOML)");
            return Err(model.in_its_file(problem));
        }
        let mut facts = Facts::empty(model);
        for (index, fact) in model.facts.iter().enumerate() {
            if let (Some(default), Some(slot)) = (&fact.field.default, facts.values.get_mut(index))
            {
                *slot = default.clone();
                facts
                    .defaulted
                    .push((index as crate::model::FactId, Box::from([])));
            }
        }
        Ok(facts)
    }
}

/// The format of a facts file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactsFormat {
    /// JSON, `.json`.
    Json,
    /// YAML, `.yaml` or `.yml`.
    Yaml,
    /// TOML, `.toml`.
    Toml,
}

impl FactsFormat {
    /// The format a path's extension names, in any letter case; `None` for
    /// another extension or none.
    pub fn from_path(path: &Path) -> Option<FactsFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "json" => Some(FactsFormat::Json),
            "yaml" | "yml" => Some(FactsFormat::Yaml),
            "toml" => Some(FactsFormat::Toml),
            _ => None,
        }
    }

    /// The format's name in messages: `JSON`.
    pub fn name(self) -> &'static str {
        match self {
            FactsFormat::Json => "JSON",
            FactsFormat::Yaml => "YAML",
            FactsFormat::Toml => "TOML",
        }
    }

    fn language(self) -> &'static str {
        match self {
            FactsFormat::Json => "json",
            FactsFormat::Yaml => "yaml",
            FactsFormat::Toml => "toml",
        }
    }
}

/// Where the key at the end of `keys` (such as `["expect", "on_time"]`)
/// stands in the text of a facts or scenario file, for a tool that edits
/// it (the language server renames a verdict's expectations); `None` when
/// it is not found.
pub(crate) fn key_span(text: &str, format: FactsFormat, keys: &[&str]) -> Option<Span> {
    let path = keys
        .iter()
        .fold(path::Path::root(), |path, key| path.key(key));
    match Locator::new(text, format).span(&path, Target::Key, None) {
        (span, true) => Some(span),
        (_, false) => None,
    }
}

/// Reads the facts file at `path`, in the format its extension names, and
/// checks it against `model`.
pub fn load_facts(model: &Model, path: &Path) -> Result<Facts, FactsError> {
    let text = std::fs::read_to_string(path).map_err(|e| ReadError::new(path, &e))?;
    let format = FactsFormat::from_path(path).ok_or_else(|| FormatError::new(path))?;
    let source = SourceFile::new(path.display().to_string(), text);
    parse_facts(model, &source, format)
}

/// Reads the facts in `source`, written in `format`, and checks them
/// against `model`. Every problem in the file is reported in the error.
pub fn parse_facts(
    model: &Model,
    source: &SourceFile,
    format: FactsFormat,
) -> Result<Facts, FactsError> {
    parse_facts_under(model, &source.text, &|| source.clone(), format, None, None)
}

/// Reads facts from text named `name` (for messages), as [`parse_facts`]
/// does, without copying the text unless there is a problem to report: for
/// reading many small facts objects, such as the rows of a batch.
pub fn parse_facts_text(
    model: &Model,
    name: &str,
    text: &str,
    format: FactsFormat,
) -> Result<Facts, FactsError> {
    parse_facts_under(
        model,
        text,
        &|| SourceFile::new(name, text),
        format,
        None,
        None,
    )
}

/// Reads the facts that the entry `key` of the file's top-level object
/// holds, such as the `facts` of a scenario file, and checks them against
/// `model`. Problems point into the whole file; an absent entry gives no facts.
pub fn parse_facts_in(
    model: &Model,
    source: &SourceFile,
    format: FactsFormat,
    key: &str,
) -> Result<Facts, FactsError> {
    parse_facts_under(
        model,
        &source.text,
        &|| source.clone(),
        format,
        Some(key),
        None,
    )
}

/// Reads a facts file shared by `model` and another policy whose facts are
/// named `others`, as `provisio diff` does: a fact of the other policy only
/// is left to it, and a fact left out stays unknown, required or not. A key
/// that is a fact of neither is an error whose help names the closest fact
/// of either.
pub fn load_facts_beside(model: &Model, path: &Path, others: &[&str]) -> Result<Facts, FactsError> {
    let text = std::fs::read_to_string(path).map_err(|e| ReadError::new(path, &e))?;
    let format = FactsFormat::from_path(path).ok_or_else(|| FormatError::new(path))?;
    let source = SourceFile::new(path.display().to_string(), text);
    parse_facts_under(
        model,
        &source.text,
        &|| source.clone(),
        format,
        None,
        Some(others),
    )
}

/// Whether a problem of a facts file shared with another policy (see
/// [`load_facts_beside`]) is no problem; a key of neither gets its help
/// from the facts of both.
fn beside_tolerates(model: &Model, others: &[&str], pending: &mut validate::Pending) -> bool {
    match pending.kind {
        ProblemKind::MissingFact => true,
        ProblemKind::UnknownFact => {
            let [path::Seg::Key { name, .. }] = &pending.at.0[..] else {
                return false;
            };
            if others.contains(&name.as_str()) {
                return true;
            }
            let names = model
                .facts
                .iter()
                .map(|f| f.field.name.as_str())
                .chain(others.iter().copied())
                .chain([AS_OF]);
            pending.label = String::from("a fact of neither policy");
            pending.help = Some(match crate::suggest::did_you_mean(name, names) {
                Some(hint) => hint,
                None => String::from("neither policy declares this fact"),
            });
            false
        }
        _ => false,
    }
}

fn parse_facts_under(
    model: &Model,
    text: &str,
    make_source: &dyn Fn() -> SourceFile,
    format: FactsFormat,
    under: Option<&str>,
    beside: Option<&[&str]>,
) -> Result<Facts, FactsError> {
    let locator = Locator::new(text, format);
    // The file as diagnostics name it, made only when a problem needs it.
    let source_cell = std::cell::OnceCell::new();
    let source = || source_cell.get_or_init(make_source);
    // Named only when a problem needs it: most files have none.
    let src = std::cell::OnceCell::new();
    let problem = |pending: validate::Pending, span| FactProblem {
        kind: pending.kind,
        path: pending.at.to_string(),
        // A message quotes values and keys, which may be megabytes long.
        message: crate::echo::shorten_quoted(&pending.message).into_owned(),
        span,
        label: pending.label,
        help: pending.help,
        src: src
            .get_or_init(|| source().named_source().with_language(format.language()))
            .clone(),
    };
    if tree::is_blank(locator.body(), format) {
        let what = if under.is_some() {
            "file"
        } else {
            "facts file"
        };
        let empty = validate::Pending {
            kind: ProblemKind::Empty,
            at: path::Path::root(),
            target: Target::Container,
            hint: None,
            message: format!("the {what} is empty"),
            label: "nothing here".to_string(),
            help: Some(match format {
                FactsFormat::Toml => {
                    "give at least one fact or `as_of`, or leave out --facts for no facts"
                        .to_string()
                }
                _ => "write `{}` for no facts, or leave out --facts".to_string(),
            }),
        };
        return Err(invalid(source(), 1, vec![problem(empty, Span::new(0, 0))]));
    }
    let pending = match tree::parse(locator.body(), format) {
        Ok(root) => {
            let empty = tree::Node::Map(Vec::new());
            let facts_root = match (under, &root) {
                (None, _) => &root,
                (Some(key), tree::Node::Map(entries)) => entries
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(&empty, |(_, node)| node),
                (Some(_), _) => &root,
            };
            let (checked, mut pending) = validate::validate(model, format, facts_root);
            if let Some(others) = beside {
                pending.retain_mut(|p| !beside_tolerates(model, others, p));
            }
            if pending.is_empty() {
                return Ok(Facts {
                    as_of: checked.as_of,
                    values: checked.values,
                    defaulted: checked.defaulted,
                    given: Given::default(),
                    histories: checked.histories,
                });
            }
            if let Some(key) = under {
                // Locate each problem inside the entry that holds the facts.
                for problem in &mut pending {
                    let mut segs = vec![path::Seg::Key {
                        name: key.to_string(),
                        nth: 0,
                    }];
                    segs.extend(problem.at.0.iter().cloned());
                    problem.at = path::Path(segs);
                }
            }
            pending
        }
        Err(fault) => {
            let span = locator.syntax_span(fault.at);
            let token = locator.body().get(span.start..span.end).unwrap_or("");
            let syntax = match format {
                // `as_of = 2024-3-31`: TOML's own dates, but written otherwise.
                FactsFormat::Toml if date_form::is_date_like(token) => toml_date_form(token),
                _ => syntax_problem(model, format, fault),
            };
            return Err(invalid(source(), 1, vec![problem(syntax, span)]));
        }
    };
    let total = pending.len();
    let mut problems: Vec<(bool, FactProblem)> = pending
        .into_iter()
        .take(InvalidFacts::SHOWN)
        .map(|p| {
            let (span, found) = locator.span(&p.at, p.target, p.hint.as_deref());
            (!found, problem(p, span))
        })
        .collect();
    // File order; problems that could not be located go last.
    problems.sort_by_key(|(lost, p)| (*lost, p.span.start, p.span.end));
    let problems = problems.into_iter().map(|(_, p)| p).collect();
    Err(invalid(source(), total, problems))
}

/// The problem for a bare TOML date written in another form than
/// year-month-day, which the TOML parser rejects as malformed.
fn toml_date_form(token: &str) -> validate::Pending {
    validate::Pending {
        kind: ProblemKind::DateForm,
        at: path::Path::root(),
        target: Target::Container,
        hint: None,
        message: format!(
            "malformed TOML: `{}` is not a date: {}",
            crate::echo::shorten(token),
            date_form::DATE_FORM_REASON
        ),
        label: "not year-month-day".to_string(),
        help: Some(date_form::form_help(token)),
    }
}

/// The problem for a file its parser rejected.
fn syntax_problem(
    model: &Model,
    format: FactsFormat,
    fault: tree::SyntaxFault,
) -> validate::Pending {
    let (label, place) = match fault.at {
        Some(_) => ("here", " at this point"),
        None => ("somewhere in this file", ""),
    };
    if fault.too_deep {
        return validate::Pending {
            kind: ProblemKind::TooDeep,
            at: path::Path::root(),
            target: Target::Container,
            hint: None,
            message: fault.message,
            label: "too deep".to_string(),
            help: Some(format!(
                "facts nest a few levels deep: records within records and lists; {} levels at most",
                depth::MAX_DEPTH
            )),
        };
    }
    if format == FactsFormat::Toml && fault.message.contains("integer number overflowed") {
        // The parser stops at integers beyond 128 bits, before the facts
        // check can say why: no exact number is that large either.
        return validate::Pending {
            kind: ProblemKind::Syntax,
            at: path::Path::root(),
            target: Target::Container,
            hint: None,
            message: format!("malformed TOML: {}", fault.message),
            label: "too large".to_string(),
            help: Some(format!(
                "exact numbers have at most 29 digits; the largest is {}",
                rust_decimal::Decimal::MAX
            )),
        };
    }
    validate::Pending {
        kind: ProblemKind::Syntax,
        at: path::Path::root(),
        target: Target::Container,
        hint: None,
        message: format!("malformed {}: {}", format.name(), fault.message),
        label: label.to_string(),
        help: Some(format!(
            "fix the {}{place}; {}",
            format.name(),
            describe::top_level_example(model, format)
        )),
    }
}

fn invalid(source: &SourceFile, total: usize, problems: Vec<FactProblem>) -> FactsError {
    FactsError::Invalid(InvalidFacts {
        file: source.name.to_string(),
        total,
        problems,
    })
}

#[cfg(test)]
mod tests;
