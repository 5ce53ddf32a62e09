//! `Policy.evaluate`: one set of facts, given as a dict, evaluated as
//! `provisio eval --format json` evaluates a facts file, into the same JSON.

use std::fmt::Write as _;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PySequence, PyString, PyTuple};

use provisio::diagnostic::Problem;
use provisio::eval::{choose_as_of, evaluate_only};
use provisio::explain::Detail;
use provisio::facts::{FactsFormat, parse_facts_text};

use crate::errors;
use crate::policy::Policy;

/// How deep facts may nest: deeper than any policy's records, and shallow
/// enough that a list holding itself is refused rather than followed.
const MAX_DEPTH: usize = 256;

/// The name facts given as a dict have in diagnostics.
pub(crate) const FACTS_NAME: &str = "<facts>";

/// Evaluates the facts `facts` (a dict as a JSON facts file holds them)
/// and returns, as JSON text, what `provisio eval --format json` prints.
pub(crate) fn evaluate_json(
    policy: &Policy,
    py: Python<'_>,
    facts: &Bound<'_, PyAny>,
    at: Option<&Bound<'_, PyAny>>,
    readings: Option<&Bound<'_, PyDict>>,
    explain: bool,
) -> PyResult<String> {
    let mut text = String::new();
    if !facts.is_none() {
        if !facts.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(format!(
                "facts must be a dict, not {}",
                facts.get_type().name()?
            )));
        }
        write_json(facts, &mut text, 0).map_err(|message| facts_value_error(py, message))?;
    } else {
        text.push_str("{}");
    }
    let at = at
        .map(|at| date_argument(py, "at", at))
        .transpose()?
        .flatten();
    let readings = policy.chosen_readings(py, readings)?;
    let model = policy.model();
    let outcome = py.detach(|| -> Result<String, Failure> {
        let mut facts = parse_facts_text(model, FACTS_NAME, &text, FactsFormat::Json)
            .map_err(Failure::Facts)?;
        let today = chrono::Local::now().date_naive();
        let (as_of, source) = choose_as_of(at, &facts, today);
        let version = model.version_on(as_of);
        if !std::ptr::eq(version, model) {
            facts.given = facts.given.for_version(model, version);
        }
        let model = version;
        broken_assumptions(model, &facts, as_of, &readings).map_err(Failure::Broken)?;
        let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
        let evaluation = evaluate_only(model, &facts, as_of, source, &readings, &every);
        let options = provisio::render::Options {
            detail: if explain {
                Detail::Decisive
            } else {
                Detail::None
            },
            color: false,
            lang: Default::default(),
        };
        let json = provisio::render::json::to_json(model, &evaluation, &options);
        Ok(json.to_string())
    });
    match outcome {
        Ok(json) => Ok(json),
        Err(Failure::Facts(error)) => Err(errors::facts_error(py, &error)),
        Err(Failure::Broken(problems)) => {
            let rendered =
                errors::render_all(problems.iter().map(|p| p as &dyn miette::Diagnostic));
            let described = problems.iter().map(|p| errors::describe(p)).collect();
            Err(errors::raise(
                py,
                errors::FactsError::new_err,
                None,
                rendered,
                described,
            ))
        }
    }
}

/// Why an evaluation gave no verdicts.
enum Failure {
    /// The facts do not load.
    Facts(provisio::facts::FactsError),
    /// The facts break some of the policy's assumptions.
    Broken(Vec<Problem>),
}

/// The problems of the assumptions the facts break, as `eval` reports them.
fn broken_assumptions(
    model: &provisio::model::Model,
    facts: &provisio::facts::Facts,
    as_of: chrono::NaiveDate,
    readings: &provisio::eval::Readings,
) -> Result<(), Vec<Problem>> {
    let input = provisio::eval::Input {
        facts,
        as_of,
        readings,
    };
    let mut evaluator = provisio::eval::Evaluator::new(model);
    provisio::eval::assumptions::check_holding(&mut evaluator, &input).map(drop)
}

/// A `FactsError` for a value no facts file can hold.
fn facts_value_error(py: Python<'_>, message: String) -> PyErr {
    errors::raise(
        py,
        errors::FactsError::new_err,
        None,
        format!("error: {message}"),
        vec![errors::Described::plain(
            "provisio::facts::wrong_type",
            message,
        )],
    )
}

/// The date an argument such as `at` gives: a `datetime.date` or text
/// `YYYY-MM-DD`; None for None. A bad one raises `ArgumentError` with the
/// diagnostic `eval --at` gives.
pub(crate) fn date_argument(
    py: Python<'_>,
    name: &str,
    value: &Bound<'_, PyAny>,
) -> PyResult<Option<chrono::NaiveDate>> {
    if value.is_none() {
        return Ok(None);
    }
    let text: String = if value.is_instance_of::<PyString>() {
        value.extract()?
    } else if is_date(value)? {
        value.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "`{name}` must be a datetime.date or a string YYYY-MM-DD, not {}",
            value.get_type().name()?
        )));
    };
    provisio::facts::date_argument(name, &text, &format!("{name}=\"2026-03-28\""))
        .map(Some)
        .map_err(|problem| errors::problem_error(py, errors::ArgumentError::new_err, &problem))
}

/// Whether `value` is a `datetime.date` but not a `datetime.datetime`.
fn is_date(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    let datetime = value.py().import("datetime")?;
    Ok(value.is_instance(&datetime.getattr("date")?)?
        && !value.is_instance(&datetime.getattr("datetime")?)?)
}

/// Writes a Python value as the JSON a facts file would hold: integers and
/// `decimal.Decimal`s exactly, floats as their shortest text, dates
/// `YYYY-MM-DD`. `Err` says which value cannot be a fact.
fn write_json(value: &Bound<'_, PyAny>, out: &mut String, depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("the facts nest deeper than {MAX_DEPTH} levels"));
    }
    let failed = |e: PyErr| e.to_string();
    if value.is_none() {
        out.push_str("null");
    } else if value.is_instance_of::<PyBool>() {
        out.push_str(if value.is_truthy().map_err(failed)? {
            "true"
        } else {
            "false"
        });
    } else if value.is_instance_of::<PyInt>() {
        out.push_str(&value.str().map_err(failed)?.to_cow().map_err(failed)?);
    } else if value.is_instance_of::<PyFloat>() {
        let number: f64 = value.extract().map_err(failed)?;
        if !number.is_finite() {
            return Err(format!("{number} is not a number a fact can hold"));
        }
        // Python's repr is the shortest text that reads back the same float.
        out.push_str(&value.repr().map_err(failed)?.to_cow().map_err(failed)?);
    } else if value.is_instance_of::<PyString>() {
        let text: String = value.extract().map_err(failed)?;
        out.push_str(&serde_json::Value::String(text).to_string());
    } else if let Ok(dict) = value.cast::<PyDict>() {
        out.push('{');
        for (index, (key, item)) in dict.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            let Ok(key) = key.extract::<String>() else {
                return Err(format!(
                    "the key {} is not a string; facts are named by strings",
                    key.repr().map_err(failed)?
                ));
            };
            out.push_str(&serde_json::Value::String(key).to_string());
            out.push(':');
            write_json(&item, out, depth + 1)?;
        }
        out.push('}');
    } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items = value.cast::<PySequence>().map_err(|e| e.to_string())?;
        out.push('[');
        for index in 0..items.len().map_err(failed)? {
            if index > 0 {
                out.push(',');
            }
            write_json(&items.get_item(index).map_err(failed)?, out, depth + 1)?;
        }
        out.push(']');
    } else {
        let type_name = value.get_type().name().map_err(failed)?.to_string();
        match type_name.as_str() {
            "Decimal" => {
                let text = value.str().map_err(failed)?.to_string();
                if serde_json::from_str::<serde_json::Number>(&text).is_err() {
                    return Err(format!("Decimal('{text}') is not a number a fact can hold"));
                }
                out.push_str(&text);
            }
            "date" => {
                let text: String = value
                    .call_method0("isoformat")
                    .and_then(|t| t.extract())
                    .map_err(failed)?;
                let _ = write!(out, "\"{text}\"");
            }
            _ => {
                return Err(format!(
                    "a {type_name} ({}) cannot be a fact's value; give a bool, int, float, \
                     decimal.Decimal, str, datetime.date, list or dict",
                    provisio::echo::shorten(&value.repr().map_err(failed)?.to_string())
                ));
            }
        }
    }
    Ok(())
}
