//! What can be wrong with a facts file, as miette diagnostics.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use thiserror::Error;

use crate::span::Span;

/// Why a facts file could not be loaded.
#[derive(Debug, Error, Diagnostic)]
pub enum FactsError {
    /// The file could not be read, e.g. `--facts missing.json`.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Read(#[from] ReadError),
    /// The file's extension names no known format, e.g. `--facts facts.txt`.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Format(#[from] FormatError),
    /// The file was read, but does not fit the policy's facts, e.g.
    /// `{"mc41": {}}` where the policy declares `mc14`.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(#[from] InvalidFacts),
}

impl FactsError {
    /// The problems found in the file; empty when it could not be read.
    pub fn problems(&self) -> &[FactProblem] {
        match self {
            FactsError::Invalid(invalid) => &invalid.problems,
            FactsError::Read(_) | FactsError::Format(_) => &[],
        }
    }
}

/// A facts file that could not be read: missing, unreadable, not UTF-8.
#[derive(Debug, Error, Diagnostic)]
#[error("cannot read facts file `{path}`: {reason}")]
#[diagnostic(code(provisio::facts::read))]
pub struct ReadError {
    /// The path as given.
    pub path: String,
    /// The operating system's reason.
    pub reason: String,
    /// The kind of failure.
    pub kind: std::io::ErrorKind,
    /// What to check.
    #[help]
    pub help: String,
}

impl ReadError {
    /// The diagnostic for failing to read `path` with `error`.
    pub(crate) fn new(path: &std::path::Path, error: &std::io::Error) -> ReadError {
        use std::io::ErrorKind;
        let help = match error.kind() {
            ErrorKind::NotFound => {
                "check the path: it is relative to the directory provisio runs in".to_string()
            }
            ErrorKind::PermissionDenied => "check that you may read the file".to_string(),
            ErrorKind::InvalidData => "save the facts file as UTF-8 text".to_string(),
            _ => "check the path, and that it names a readable file".to_string(),
        };
        ReadError {
            path: path.display().to_string(),
            reason: error.to_string(),
            kind: error.kind(),
            help,
        }
    }
}

/// A facts file whose extension is not `.json`, `.yaml`, `.yml` or `.toml`.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(
    code(provisio::facts::format),
    help("name the facts file with one of the extensions .json, .yaml, .yml or .toml")
)]
pub struct FormatError {
    /// The path as given.
    pub path: String,
    /// What is wrong with its name.
    pub message: String,
}

impl FormatError {
    /// The diagnostic for a facts file at `path` of no known format.
    pub(crate) fn new(path: &std::path::Path) -> FormatError {
        let shown = path.display().to_string();
        let message = match path.extension() {
            Some(ext) => format!(
                "unknown extension `.{}` of facts file `{shown}`",
                ext.to_string_lossy()
            ),
            None => format!("facts file `{shown}` has no extension to tell its format"),
        };
        FormatError {
            path: shown,
            message,
        }
    }
}

/// Every problem found in one facts file.
#[derive(Debug, Error, Diagnostic)]
#[error("{}", summary(*.total, .file, .problems.len()))]
#[diagnostic(code(provisio::facts::invalid))]
pub struct InvalidFacts {
    /// The file's name as given.
    pub file: String,
    /// How many problems were found.
    pub total: usize,
    /// The problems, in file order; at most [`InvalidFacts::SHOWN`].
    #[related]
    pub problems: Vec<FactProblem>,
}

impl InvalidFacts {
    /// How many problems are reported in detail.
    pub const SHOWN: usize = 100;
}

fn summary(total: usize, file: &str, shown: usize) -> String {
    let noun = if total == 1 { "problem" } else { "problems" };
    if shown < total {
        format!("{total} {noun} in facts file `{file}` (the first {shown} are shown)")
    } else {
        format!("{total} {noun} in facts file `{file}`")
    }
}

/// What kind of problem a [`FactProblem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The text is not valid JSON, YAML or TOML: `{"as_of": }`.
    Syntax,
    /// The top level is not an object of facts: `[1, 2]`.
    NotAnObject,
    /// A fact the policy does not declare: `{"mc41": {}}`.
    UnknownFact,
    /// A field its record does not have: `{"measure": {"knd": "customs_duty"}}`.
    UnknownField,
    /// A fact or field given twice: `{"mc14": {}, "mc14": {}}`.
    Duplicate,
    /// A value of the wrong form: `{"as_of": "tomorrow"}`.
    WrongType,
    /// A date written in another form than year-month-day:
    /// `{"as_of": "2024-3-31"}`. Its code is `provisio::date_form`, as in
    /// policies and on the command line.
    DateForm,
    /// An enumeration value that is not one of the alternatives:
    /// `{"measure": {"kind": "custom_duty"}}`.
    NotInEnum,
    /// A required fact left out (or given as `null`).
    MissingFact,
    /// A required field of a record left out: `{"measure": {}}`.
    MissingField,
    /// An event that closes before it opens:
    /// `{"mc14": {"opening": "2026-03-30", "closing": "2026-03-26"}}`.
    EventOrder,
    /// A value that contradicts what the policy itself fixes, such as an
    /// event date written in the event's declaration.
    ContradictsPolicy,
    /// A file with nothing in it but white space and comments: an error in
    /// every format (`{}` gives no facts).
    Empty,
    /// Collections nested deeper than 128 levels.
    TooDeep,
    /// `"none"` for a fact or field whose type does not allow none:
    /// `{"deadline": "none"}` where the policy declares `deadline: date`.
    CannotBeNone,
    /// A range or a list of possible values written wrong:
    /// `{"mc14": {"opening": {"on_or_afer": "2026-05-01"}}}`.
    RangeForm,
    /// A range no value lies in:
    /// `{"mc14": {"opening": {"between": ["2026-12-31", "2026-05-01"]}}}`.
    EmptyRange,
    /// A history written wrong: dates out of order or repeated, no date,
    /// or a history where none may be given:
    /// `{"decided": {"history": {"2024-03-15": true, "2024-01-01": false}}}`.
    History,
}

impl ProblemKind {
    /// The diagnostic code.
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::Syntax => "provisio::facts::syntax",
            ProblemKind::NotAnObject => "provisio::facts::not_an_object",
            ProblemKind::UnknownFact => "provisio::facts::unknown_fact",
            ProblemKind::UnknownField => "provisio::facts::unknown_field",
            ProblemKind::Duplicate => "provisio::facts::duplicate",
            ProblemKind::WrongType => "provisio::facts::wrong_type",
            ProblemKind::DateForm => super::date_form::DATE_FORM,
            ProblemKind::NotInEnum => "provisio::facts::not_in_enum",
            ProblemKind::MissingFact => "provisio::facts::missing_fact",
            ProblemKind::MissingField => "provisio::facts::missing_field",
            ProblemKind::EventOrder => "provisio::facts::event_order",
            ProblemKind::ContradictsPolicy => "provisio::facts::contradicts_policy",
            ProblemKind::Empty => "provisio::facts::empty",
            ProblemKind::TooDeep => "provisio::facts::too_deep",
            ProblemKind::CannotBeNone => "provisio::facts::cannot_be_none",
            ProblemKind::RangeForm => "provisio::facts::range_form",
            ProblemKind::EmptyRange => "provisio::facts::empty_range",
            ProblemKind::History => "provisio::facts::history",
        }
    }
}

/// One problem in a facts file, with the span it concerns.
#[derive(Debug, Error)]
#[error("{message}")]
pub struct FactProblem {
    /// What kind of problem.
    pub kind: ProblemKind,
    /// Where in the facts, such as `members[2].age`; empty for the file.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// The span in the facts file.
    pub span: Span,
    /// The text of the label on the span.
    pub label: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The facts file.
    pub src: NamedSource<Arc<str>>,
}

impl Diagnostic for FactProblem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.kind.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new_with_span(Some(self.label.clone()), self.span);
        Some(Box::new(std::iter::once(label)))
    }
}
