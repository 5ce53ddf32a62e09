//! Helpers shared by the integration tests that evaluate small policies.

use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;
use provisio::value::Value;

/// A verdict's value as a test states it: the value, `unknown`, or the
/// range an unknown value lies in, such as `unknown, between 1 and 2`.
pub fn shown(model: &provisio::model::Model, value: &Value) -> String {
    match value {
        Value::Unknown(bounds) => match provisio::words::bounds_words(bounds) {
            Some(range) => format!("unknown, {range}"),
            None => String::from("unknown"),
        },
        other => model.format_value(other),
    }
}

/// The codes of the errors a policy does not check with.
pub fn check_errors(policy: &str) -> Vec<&'static str> {
    match provisio::check::check_source(&SourceFile::new("test.policy", policy)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .items
            .iter()
            .filter(|p| p.severity == miette::Severity::Error)
            .map(|p| p.code)
            .collect(),
    }
}

/// Evaluates a policy on JSON facts as of a date: each verdict by name with
/// its value shown, or the message of the evaluation error.
pub fn run(policy: &str, facts: &str, as_of: &str) -> Result<Vec<(String, String)>, String> {
    let checked = provisio::check::check_source(&SourceFile::new("test.policy", policy))
        .map_err(|problems| format!("does not check: {problems:?}"))?;
    let model = &checked.model;
    let facts = parse_facts(
        model,
        &SourceFile::new("facts.json", facts),
        FactsFormat::Json,
    )
    .map_err(|e| format!("facts: {e:?}"))?;
    let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let evaluation = evaluate(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    )
    .map_err(|e| e.to_problem(model).message)?;
    Ok(evaluation
        .verdicts
        .iter()
        .filter_map(|v| {
            let name = model.verdicts.get(v.verdict as usize)?.name.clone();
            Some((name, shown(model, &v.value)))
        })
        .collect())
}

/// One verdict's value shown, from [`run`]'s result.
pub fn verdict(results: &[(String, String)], name: &str) -> String {
    results
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no verdict `{name}` in {results:?}"))
}
