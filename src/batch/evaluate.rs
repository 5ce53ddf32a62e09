//! One row evaluated: its facts parsed and checked, its verdicts computed,
//! with their explanations when asked.

use chrono::NaiveDate;
use serde_json::{Map, Value as Json};

use crate::eval::{
    EvalError, Evaluator, Input, Readings, choose_as_of, evaluate_only, evaluate_values,
};
use crate::explain::Detail;
use crate::facts::{FactsFormat, parse_facts_text};
use crate::model::Model;
use crate::render::json::explanation_json;
use crate::value::Value;

/// One row's outcome.
pub(super) enum RowResult {
    /// The verdicts' values in declaration order, each an error if it
    /// failed, their explanations if asked, and the assumptions the facts
    /// leave open.
    Verdicts(
        Vec<Result<Value, EvalError>>,
        Option<Json>,
        Vec<crate::model::AssumptionId>,
    ),
    /// Why the row could not be read or evaluated.
    Error(String),
}

/// Evaluates one row's facts, given as JSON text.
pub(super) fn evaluate_row<'m>(
    model: &'m Model,
    evaluator: &mut Evaluator<'m>,
    text: &str,
    readings: &Readings,
    today: NaiveDate,
    explain: bool,
) -> RowResult {
    let facts = match parse_facts_text(model, "row", text, FactsFormat::Json) {
        Ok(facts) => facts,
        Err(error) => {
            let messages: Vec<String> = match &error {
                crate::facts::FactsError::Invalid(invalid) => {
                    invalid.problems.iter().map(|p| p.message.clone()).collect()
                }
                other => vec![other.to_string()],
            };
            return RowResult::Error(messages.join("; "));
        }
    };
    let (as_of, source) = choose_as_of(None, &facts, today);
    // An amended policy answers as its version in force on the row's date;
    // the shared evaluator is the latest version's.
    let outer = model;
    let model = model.version_on(as_of);
    let mut versioned;
    let evaluator = if std::ptr::eq(model, evaluator.model()) {
        evaluator
    } else {
        versioned = Evaluator::new(model);
        &mut versioned
    };
    let mut facts = facts;
    if !std::ptr::eq(model, outer) {
        facts.given = facts.given.for_version(outer, model);
    }
    let open = match assumptions(model, evaluator, &facts, as_of, readings) {
        Ok(open) => open,
        Err(message) => return RowResult::Error(message),
    };
    if explain {
        let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
        let evaluation = evaluate_only(model, &facts, as_of, source, readings, &every);
        let mut explanations = Map::new();
        for outcome in &evaluation.verdicts {
            if let Some(elements) = &outcome.elements {
                // A verdict given for each element: each element's, by key.
                let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
                    continue;
                };
                let mut by_key = Map::new();
                for element in elements {
                    if let Some(explanation) = crate::explain::explain(
                        model,
                        &evaluation,
                        &element.outcome,
                        Detail::Decisive,
                    ) {
                        by_key.insert(
                            crate::render::keys::key_text(model, &element.key),
                            explanation_json(model, &explanation),
                        );
                    }
                }
                explanations.insert(verdict.name.clone(), Json::Object(by_key));
                continue;
            }
            if let (Some(verdict), Some(explanation)) = (
                model.verdicts.get(outcome.verdict as usize),
                crate::explain::explain(model, &evaluation, outcome, Detail::Decisive),
            ) {
                explanations.insert(verdict.name.clone(), explanation_json(model, &explanation));
            }
        }
        let values = evaluation
            .verdicts
            .into_iter()
            .map(|outcome| match outcome.error {
                Some(error) => Err(error),
                None => Ok(outcome.value),
            })
            .collect();
        return RowResult::Verdicts(values, Some(Json::Object(explanations)), open);
    }
    let input = Input {
        facts: &facts,
        as_of,
        readings,
    };
    let mut values = Vec::with_capacity(model.verdicts.len());
    evaluate_values(evaluator, &input, &mut values);
    RowResult::Verdicts(values, None, open)
}

/// The assumptions the row's facts leave open; or the message of the row's
/// facts problem when they break some, as facts that do not check are one:
/// each broken assumption named, with the facts it read.
fn assumptions(
    model: &Model,
    evaluator: &mut Evaluator<'_>,
    facts: &crate::facts::Facts,
    as_of: NaiveDate,
    readings: &Readings,
) -> Result<Vec<crate::model::AssumptionId>, String> {
    if model.assumptions.is_empty() {
        return Ok(Vec::new());
    }
    let input = Input {
        facts,
        as_of,
        readings,
    };
    evaluator.reset();
    let outcomes = crate::eval::assumptions::check_assumptions(evaluator, &input);
    let messages: Vec<String> = outcomes
        .iter()
        .filter(|outcome| outcome.broken())
        .map(|outcome| {
            let problem = crate::eval::assumptions::broken_problem(model, &input, outcome);
            match problem.help {
                Some(help) => format!("{} ({help})", problem.message),
                None => problem.message,
            }
        })
        .collect();
    if !messages.is_empty() {
        return Err(messages.join("; "));
    }
    Ok(outcomes
        .iter()
        .filter(|o| o.open())
        .map(|o| o.assumption)
        .collect())
}
