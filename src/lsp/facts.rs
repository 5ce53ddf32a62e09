//! Facts and scenario files checked against their policy as the drafter
//! types: a file under a `facts/` or `scenarios/` folder is read against the
//! policy beside that folder (the layout `provisio test` and `provisio new`
//! use), open in the editor or else on disk. A facts file is checked whole;
//! a scenario's `facts` are, then the rest of it as `provisio test` checks
//! it: its keys, readings, given values and expectations (a key that is no
//! verdict, a value of the wrong type), each with its did-you-mean.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::Severity;

use crate::diagnostic::Problem;
use crate::facts::{FactProblem, FactsError, FactsFormat};
use crate::model::Model;
use crate::span::{SourceFile, Span};

/// Whether a file is a scenario or a facts file, by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Under `facts/`: a facts file.
    Facts,
    /// Under `scenarios/`: a scenario, whose `facts` entry is checked.
    Scenario,
}

/// The role and the policy of a file under a `facts/` or `scenarios/`
/// folder, when the folder above it has exactly one `.policy` file.
pub fn policy_of(path: &Path) -> Option<(Role, PathBuf)> {
    let mut folder = path.parent()?;
    let role = loop {
        match folder.file_name()?.to_str()? {
            "facts" => break Role::Facts,
            "scenarios" => break Role::Scenario,
            _ => folder = folder.parent()?,
        }
    };
    let beside = folder.parent()?;
    let mut policies: Vec<PathBuf> = std::fs::read_dir(beside)
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "policy"))
        .collect();
    match policies.len() {
        1 => policies.pop().map(|policy| (role, policy)),
        _ => None,
    }
}

/// The problems of a facts or scenario file's text against the model of
/// its policy (or, when the policy does not check, the one problem saying
/// so, at the top of the file).
pub fn check_facts(
    name: &str,
    text: &str,
    role: Role,
    policy: &Path,
    model: Result<&Model, usize>,
) -> Vec<Problem> {
    let source = SourceFile::new(name, text);
    let top = Span::new(0, 0);
    let model = match model {
        Ok(model) => model,
        Err(errors) => {
            return vec![Problem::error(
                "provisio::policy_has_errors",
                format!("the policy `{}` does not check ({errors} errors), so this file cannot be checked against it", policy.display()),
                top,
                "",
            )
            .with_help("open the policy to see its problems")
            .as_warning()
            .in_file(&source)];
        }
    };
    let Some(format) = FactsFormat::from_path(Path::new(name)) else {
        return Vec::new();
    };
    let parsed = match role {
        Role::Facts => crate::facts::parse_facts(model, &source, format),
        Role::Scenario => crate::facts::parse_facts_in(model, &source, format, "facts"),
    };
    match parsed {
        Ok(facts) if role == Role::Scenario => scenario(model, &source, format, facts),
        Ok(_) => Vec::new(),
        Err(FactsError::Invalid(invalid)) => invalid
            .problems
            .iter()
            .map(|p| problem(p, &source))
            .collect(),
        Err(other) => vec![
            Problem::error("provisio::facts::read", other.to_string(), top, "").in_file(&source),
        ],
    }
}

/// The problems of a scenario whose facts are read: those of the rest of it.
fn scenario(
    model: &Model,
    source: &SourceFile,
    format: FactsFormat,
    facts: crate::facts::Facts,
) -> Vec<Problem> {
    let text: &str = &source.text;
    let document = match format {
        FactsFormat::Json => serde_json::from_str(text).ok(),
        FactsFormat::Yaml => serde_norway::from_str(text).ok().map(|mut document| {
            crate::facts::numbers::exact_yaml_json(&mut document, text);
            document
        }),
        // `provisio test` takes no TOML scenario; its facts are checked.
        FactsFormat::Toml => None,
    };
    let Some(document) = document else {
        return Vec::new();
    };
    match crate::testing::scenario::check_scenario(model, source, format, &document, facts, None) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

/// A facts problem as the checker's problem type, for the same conversion.
fn problem(found: &FactProblem, source: &SourceFile) -> Problem {
    Problem {
        code: found.kind.code(),
        message: found.message.clone(),
        labels: vec![(found.span, found.label.clone())],
        help: found.help.clone(),
        severity: Severity::Error,
        source: Some(Arc::new(source.named_source())),
    }
}
