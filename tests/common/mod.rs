//! Helpers shared by the integration tests that evaluate small policies.

use provisio::eval::{AsOfSource, Readings, evaluate, evaluate_only};
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

/// Each verdict with its value as tests show it, or its error's code and message.
// Not every test file that shares these helpers evaluates verdicts by code.
#[allow(dead_code)]
pub fn outcomes(policy: &str, facts: &str, as_of: &str) -> Vec<(String, String)> {
    let checked = provisio::check::check_source(&SourceFile::new("test.policy", policy))
        .unwrap_or_else(|problems| panic!("does not check: {problems:?}"));
    let model = &checked.model;
    let facts = parse_facts(
        model,
        &SourceFile::new("facts.json", facts),
        FactsFormat::Json,
    )
    .unwrap_or_else(|e| panic!("facts: {e:?}"));
    let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("a date");
    let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
    let evaluation = evaluate_only(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
        &every,
    );
    evaluation
        .verdicts
        .iter()
        .map(|v| {
            let name = model.verdicts[v.verdict as usize].name.clone();
            let shown = match &v.error {
                Some(error) => {
                    let problem = error.to_problem(model);
                    format!("{}: {}", problem.code, problem.message)
                }
                None => shown(model, &v.value),
            };
            (name, shown)
        })
        .collect()
}

/// Every problem of a policy that does not check, as the terminal shows it.
#[allow(dead_code)]
pub fn problems(policy: &str) -> String {
    match provisio::check::check_source(&SourceFile::new("test.policy", policy)) {
        Ok(_) => panic!("checked without problems"),
        Err(problems) => problems
            .items
            .iter()
            .map(|p| provisio::render::diagnostics::render(p, false))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A file's text; the test fails, naming the file, when it cannot be read.
#[allow(dead_code)]
pub fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The last part of a path, as a snapshot names it.
#[allow(dead_code)]
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The checked model of a fixture policy (a path from the repository's
/// root), which must check without a warning; `name` is the file name its
/// diagnostics would show.
#[allow(dead_code)]
pub fn fixture_model(path: &str, name: &str) -> provisio::model::Model {
    let text = read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path));
    match provisio::check::check_source(&SourceFile::new(name, text)) {
        Ok(checked) => {
            assert!(
                checked.warnings.items.is_empty(),
                "warnings: {:?}",
                checked.warnings
            );
            checked.model
        }
        Err(problems) => panic!("the fixture does not check: {problems:?}"),
    }
}
