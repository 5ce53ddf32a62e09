//! The package's exceptions: each carries the diagnostics rendered as the
//! CLI renders them (without colour) and, for programs, each problem's code,
//! message, place and help.

use miette::Diagnostic;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

create_exception!(
    provisio,
    PolicyError,
    PyValueError,
    "A policy that cannot be read or does not check; `.rendered` holds the diagnostics, `.problems` each one's code, message, path, line, column, span and help."
);
create_exception!(
    provisio,
    FactsError,
    PyValueError,
    "Facts that do not fit the policy; `.rendered` holds the diagnostics, `.problems` each one's code, message, path, line, column, span and help."
);
create_exception!(
    provisio,
    ReadingError,
    PyValueError,
    "A reading or an alternative the policy lacks; `.rendered` and `.problems` as for PolicyError."
);
create_exception!(
    provisio,
    ArgumentError,
    PyValueError,
    "A bad argument: a date that is not one, a column of a batch that is neither a fact, `as_of`, `reading.NAME` nor kept, or a column of a type no fact can take; `.rendered` and `.problems` as for PolicyError."
);

/// One problem, as the Python side sees it.
pub(crate) struct Described {
    code: String,
    message: String,
    path: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    span: Option<(usize, usize)>,
    help: Option<String>,
    severity: &'static str,
}

/// What a program needs of one diagnostic: its code, message, place and help.
pub(crate) fn describe(diagnostic: &dyn Diagnostic) -> Described {
    let span = diagnostic
        .labels()
        .and_then(|mut labels| labels.next())
        .map(|label| (label.offset(), label.offset() + label.len()));
    let mut described = Described {
        code: diagnostic
            .code()
            .map(|code| code.to_string())
            .unwrap_or_default(),
        message: diagnostic.to_string(),
        path: None,
        line: None,
        column: None,
        span,
        help: diagnostic.help().map(|help| help.to_string()),
        severity: match diagnostic.severity() {
            Some(miette::Severity::Warning) => "warning",
            Some(miette::Severity::Advice) => "advice",
            _ => "error",
        },
    };
    if let Some(source) = diagnostic.source_code() {
        let offset = span.map_or(0, |(start, _)| start);
        if let Ok(contents) = source.read_span(&miette::SourceSpan::new(offset.into(), 0), 0, 0) {
            described.path = contents.name().map(str::to_string);
            if span.is_some() {
                described.line = Some(contents.line() + 1);
                described.column = Some(contents.column() + 1);
            }
        }
    }
    described
}

impl Described {
    /// As a dict with the keys the docs name.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("code", &self.code)?;
        dict.set_item("message", &self.message)?;
        dict.set_item("path", &self.path)?;
        dict.set_item("line", self.line)?;
        dict.set_item("column", self.column)?;
        dict.set_item("span", self.span)?;
        dict.set_item("help", &self.help)?;
        dict.set_item("severity", self.severity)?;
        Ok(dict)
    }
}

/// The exception `make` gives, its message the first problem's (or
/// `summary`), with `.rendered` and `.problems` set.
pub(crate) fn raise(
    py: Python<'_>,
    make: fn(String) -> PyErr,
    summary: Option<String>,
    rendered: String,
    problems: Vec<Described>,
) -> PyErr {
    let message = summary
        .or_else(|| problems.first().map(|p| p.message.clone()))
        .unwrap_or_default();
    let error = make(message);
    let attach = || -> PyResult<()> {
        let value = error.value(py);
        value.setattr("rendered", rendered)?;
        let list = PyList::empty(py);
        for problem in &problems {
            list.append(problem.to_dict(py)?)?;
        }
        value.setattr("problems", list)?;
        Ok(())
    };
    match attach() {
        Ok(()) => error,
        Err(other) => other,
    }
}

/// Renders diagnostics one after another, as the CLI writes them to stderr.
pub(crate) fn render_all<'a>(diagnostics: impl IntoIterator<Item = &'a dyn Diagnostic>) -> String {
    diagnostics
        .into_iter()
        .map(|d| provisio::render::diagnostics::render(d, false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A `PolicyError` for the problems of a policy.
pub(crate) fn policy_error(py: Python<'_>, problems: &provisio::diagnostic::Problems) -> PyErr {
    let errors: Vec<&provisio::diagnostic::Problem> = problems
        .items
        .iter()
        .filter(|p| p.severity == miette::Severity::Error)
        .collect();
    let shown: Vec<&provisio::diagnostic::Problem> = if errors.is_empty() {
        problems.items.iter().collect()
    } else {
        errors
    };
    let rendered = render_all(shown.iter().map(|p| *p as &dyn Diagnostic));
    let described = shown.iter().map(|p| describe(*p)).collect();
    raise(py, PolicyError::new_err, None, rendered, described)
}

/// An exception of kind `make` for one problem.
pub(crate) fn problem_error(
    py: Python<'_>,
    make: fn(String) -> PyErr,
    problem: &provisio::diagnostic::Problem,
) -> PyErr {
    let rendered = render_all([problem as &dyn Diagnostic]);
    raise(py, make, None, rendered, vec![describe(problem)])
}

/// A `FactsError` for facts that do not load.
pub(crate) fn facts_error(py: Python<'_>, error: &provisio::facts::FactsError) -> PyErr {
    let rendered = render_all([error as &dyn Diagnostic]);
    let problems: Vec<Described> = match error {
        provisio::facts::FactsError::Invalid(invalid) => invalid
            .problems
            .iter()
            .map(|p| describe(p as &dyn Diagnostic))
            .collect(),
        other => vec![describe(other as &dyn Diagnostic)],
    };
    raise(
        py,
        FactsError::new_err,
        Some(error.to_string()),
        rendered,
        problems,
    )
}

impl Described {
    /// A problem with no place: a value that never reached a file.
    pub(crate) fn plain(code: &str, message: String) -> Described {
        Described {
            code: code.to_string(),
            message,
            path: None,
            line: None,
            column: None,
            span: None,
            help: None,
            severity: "error",
        }
    }
}
