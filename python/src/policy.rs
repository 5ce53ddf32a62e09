//! `Policy`: a policy file loaded and checked once, then evaluated as often
//! as wanted; with the text of every file it was built from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use provisio::check::Checked;
use provisio::diagnostic::Problems;
use provisio::eval::Readings;
use provisio::model::Model;
use provisio::span::SourceFile;

use crate::errors;

/// A checked policy, ready to evaluate facts against.
///
/// Load one with `Policy.load(path)` or `Policy.from_text(text, path)`; a
/// policy that does not check raises `PolicyError`.
#[pyclass(frozen, module = "provisio._provisio")]
pub(crate) struct Policy {
    /// The checked policy.
    pub(crate) checked: Arc<Checked>,
    /// Every file it was built from: absolute path and text.
    sources: Vec<(String, String)>,
    /// The path it was loaded from, as given.
    path: String,
}

impl Policy {
    /// The model evaluated.
    pub(crate) fn model(&self) -> &Model {
        &self.checked.model
    }

    /// Checks `text`, named `path`, and gathers the files it uses.
    fn build(py: Python<'_>, path: &str, text: String) -> PyResult<Policy> {
        let source = SourceFile::new(path, text.as_str());
        let checked = py
            .detach(|| provisio::check::check_source(&source))
            .map_err(|problems| errors::policy_error(py, &problems))?;
        let mut sources = Vec::new();
        gather(Path::new(path), &text, &mut sources);
        Ok(Policy {
            checked: Arc::new(checked),
            sources,
            path: path.to_string(),
        })
    }

    /// The readings' defaults with the choices in `readings` (name →
    /// alternative) over them; a bad name or alternative raises
    /// `ReadingError` with the nearest name.
    pub(crate) fn chosen_readings(
        &self,
        py: Python<'_>,
        chosen: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Readings> {
        let model = self.model();
        let mut readings = Readings::defaults(model);
        let Some(chosen) = chosen else {
            return Ok(readings);
        };
        for (name, alternative) in chosen.iter() {
            let name: String = name.extract().map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err("reading names must be strings")
            })?;
            let alternative: String = alternative.extract().map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err(format!(
                    "the alternative of reading `{name}` must be a string"
                ))
            })?;
            readings
                .choose(model, &name, &alternative)
                .map_err(|problem| {
                    errors::problem_error(py, errors::ReadingError::new_err, &problem)
                })?;
        }
        Ok(readings)
    }
}

/// Adds `path` and every file it `use`s or `amends`, recursively, to
/// `sources` once each. A file that cannot be read or parsed here was
/// already reported by the checker, which read the same files.
fn gather(path: &Path, text: &str, sources: &mut Vec<(String, String)>) {
    let absolute = std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let key = absolute.display().to_string();
    if sources.iter().any(|(seen, _)| *seen == key) {
        return;
    }
    sources.push((key, text.to_string()));
    let source = SourceFile::new(path.display().to_string(), text);
    let Ok(file) = provisio::syntax::parse(&source) else {
        return;
    };
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let named = file
        .uses
        .iter()
        .map(|u| &u.path.value)
        .chain(file.amends.iter().map(|a| &a.path.value));
    for written in named {
        let next: PathBuf = folder.join(written);
        if let Ok(text) = std::fs::read_to_string(&next) {
            gather(&next, &text, sources);
        }
    }
}

#[pymethods]
impl Policy {
    /// Loads and checks the policy file at `path`.
    ///
    /// Raises `PolicyError` when the file cannot be read or does not check,
    /// with `.rendered` (the diagnostics as `provisio check` prints them) and
    /// `.problems` (each one's code, message, path, line, column, span and
    /// help).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Policy> {
        let shown = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => Policy::build(py, &shown, text),
            Err(error) => {
                let mut problems = Problems::default();
                problems.push(provisio::check::read_error("policy file", &path, &error));
                Err(errors::policy_error(py, &problems))
            }
        }
    }

    /// Checks a policy given as text; `path` names it in diagnostics, and
    /// the files it `use`s or `amends` are read relative to its folder.
    ///
    /// Raises `PolicyError` as `load` does.
    #[staticmethod]
    #[pyo3(signature = (text, path = "<text>"))]
    fn from_text(py: Python<'_>, text: String, path: &str) -> PyResult<Policy> {
        Policy::build(py, path, text)
    }

    /// The path the policy was loaded from, as given.
    #[getter]
    fn path(&self) -> &str {
        &self.path
    }

    /// The text of every file the policy was built from, by absolute path:
    /// the file itself first, then the files it `use`s or `amends`,
    /// recursively, each once.
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (path, text) in &self.sources {
            dict.set_item(path, text)?;
        }
        Ok(dict)
    }

    /// The instrument's title.
    #[getter]
    fn title(&self) -> &str {
        &self.model().instrument.title
    }

    /// The instrument's symbol, or None.
    #[getter]
    fn symbol(&self) -> Option<&str> {
        self.model().instrument.symbol.as_deref()
    }

    /// The verdicts' names, in the policy's order.
    #[getter]
    fn verdicts(&self) -> Vec<String> {
        self.model()
            .verdicts
            .iter()
            .map(|v| v.name.clone())
            .collect()
    }

    /// The facts, by name: each one's type as the policy writes it.
    #[getter]
    fn facts(&self) -> BTreeMap<String, String> {
        let model = self.model();
        model
            .facts
            .iter()
            .map(|f| {
                (
                    f.field.name.clone(),
                    model.type_name(&f.field.ty).to_string(),
                )
            })
            .collect()
    }

    /// The readings, by name: each one's `alternatives` (names, in order)
    /// and its `default`.
    #[getter]
    fn readings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for reading in &self.model().readings {
            let entry = PyDict::new(py);
            let names: Vec<&str> = reading
                .alternatives
                .iter()
                .map(|a| a.name.as_str())
                .collect();
            entry.set_item("alternatives", PyList::new(py, &names)?)?;
            entry.set_item(
                "default",
                names
                    .get(reading.default as usize)
                    .copied()
                    .unwrap_or_default(),
            )?;
            dict.set_item(&reading.name, entry)?;
        }
        Ok(dict)
    }

    /// Evaluates `facts` (a dict) and returns the JSON text of
    /// `provisio eval --format json`; the package's `evaluate` wraps it.
    #[pyo3(signature = (facts, at = None, readings = None, explain = false))]
    fn _evaluate_json(
        &self,
        py: Python<'_>,
        facts: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        readings: Option<&Bound<'_, PyDict>>,
        explain: bool,
    ) -> PyResult<String> {
        crate::single::evaluate_json(self, py, facts, at, readings, explain)
    }

    /// Evaluates every row of an Arrow table and returns a pyarrow Table;
    /// the package's `evaluate_batch` wraps it.
    #[pyo3(signature = (table, at = None, readings = None, keep = None, keep_all_unknown = false))]
    fn _evaluate_arrow<'py>(
        &self,
        py: Python<'py>,
        table: pyo3_arrow::PyTable,
        at: Option<&Bound<'py, PyAny>>,
        readings: Option<&Bound<'py, PyDict>>,
        keep: Option<Vec<String>>,
        keep_all_unknown: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::batch::evaluate_arrow(self, py, table, at, readings, keep, keep_all_unknown)
    }

    fn __repr__(&self) -> String {
        format!(
            "Policy({:?}: {:?})",
            self.path,
            self.model().instrument.title
        )
    }
}
