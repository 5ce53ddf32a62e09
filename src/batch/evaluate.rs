//! One row evaluated: its facts parsed and checked, its verdicts computed,
//! with their explanations when asked.

use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::{Map, Value as Json};

use super::columns::{Extras, Keep, Kept, row_readings, split_json};
use crate::eval::{
    EvalError, Evaluator, Input, Readings, choose_as_of, evaluate_only, evaluate_values,
    evaluate_values_with_status,
};
use crate::explain::Detail;
use crate::facts::{Facts, FactsError, FactsFormat, FastFacts, parse_facts_text};
use crate::model::Model;
use crate::render::json::explanation_json;
use crate::value::Value;

/// Reads a batch row's facts from its JSON text: rows in plain shapes with
/// the fast reader, the others with the full one. A row that does not hold
/// gives the message its error row carries, every problem joined by `; `.
pub fn read_row_facts(model: &Model, fast: &FastFacts, text: &str) -> Result<Facts, String> {
    let read = match fast.read(text) {
        Some(facts) => Ok(facts),
        None => parse_facts_text(model, "row", text, FactsFormat::Json),
    };
    read.map_err(|error| match &error {
        FactsError::Invalid(invalid) => {
            let messages: Vec<&str> = invalid
                .problems
                .iter()
                .map(|p| p.message.as_str())
                .collect();
            messages.join("; ")
        }
        other => other.to_string(),
    })
}

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

/// What a row's output carries beside its verdicts, when asked: its kept
/// columns, and with full rows its date, readings and statuses.
#[derive(Default)]
pub(super) struct Info {
    /// The kept columns, by name.
    pub(super) kept: Vec<(String, Kept)>,
    /// The date it was evaluated on; `None` when it could not be read.
    pub(super) as_of: Option<NaiveDate>,
    /// The readings it was evaluated under; `None` when it could not be read.
    pub(super) readings: Option<Arc<Readings>>,
    /// Each verdict's status, in declaration order: `determined`,
    /// `undetermined`, `not_in_force` or `error`.
    pub(super) status: Vec<&'static str>,
    /// With `--depends-on`, each verdict's unknown facts, as fact paths,
    /// when it is undetermined.
    pub(super) depends_on: Vec<Option<Vec<String>>>,
    /// With `--residual`, each undetermined verdict's residual condition,
    /// in the policy's syntax.
    pub(super) residual: Vec<Option<String>>,
    /// With `--all-readings`, each verdict under every reading: the
    /// `verdicts` object of `eval --all-readings --format json`.
    pub(super) all_readings: Option<Json>,
}

/// How rows are evaluated beyond their facts.
pub(super) struct RowOptions<'a> {
    /// The columns kept.
    pub(super) keep: Keep<'a>,
    /// Whether rows state their date, readings and statuses.
    pub(super) full: bool,
    /// Whether rows come from JSON Lines, and are split here.
    pub(super) json_lines: bool,
    /// Whether rows carry their verdicts' explanations.
    pub(super) explain: bool,
    /// Whether rows give what undetermined verdicts depend on.
    pub(super) depends_on: bool,
    /// Whether rows give undetermined verdicts' residual conditions.
    pub(super) residual: bool,
    /// Whether rows give each verdict under every reading.
    pub(super) all_readings: bool,
    /// The policy's fact slots, for the rows in plain shapes.
    pub(super) fast: &'a FastFacts,
}

impl RowOptions<'_> {
    /// Whether rows carry an `Info`.
    pub(super) fn info(&self) -> bool {
        self.keep.any() || self.full || self.depends_on || self.residual || self.all_readings
    }
}

/// Evaluates one row, given as the JSON text of its facts and what a CSV
/// row carries beside them; with its `Info` when the batch asks for any.
pub(super) fn evaluate_row<'m>(
    model: &'m Model,
    evaluator: &mut Evaluator<'m>,
    text: &str,
    extras: Option<Box<Extras>>,
    readings: &Arc<Readings>,
    today: NaiveDate,
    options: &RowOptions<'_>,
) -> (RowResult, Option<Box<Info>>) {
    let mut info = options.info().then(Box::<Info>::default);
    // Most rows are facts alone: the fast reader takes them whole, and
    // refuses a row with any other field (a reading, a kept column), which
    // is then split below.
    if extras.is_none()
        && options.json_lines
        && !options.keep.any()
        && let Some(facts) = options.fast.read(text)
    {
        let result = evaluate_facts(
            model,
            evaluator,
            Ok(facts),
            readings,
            today,
            options,
            &mut info,
        );
        return (result, info);
    }
    let split = match extras {
        Some(extras) => Some((None, *extras)),
        None if options.json_lines => {
            split_json(model, text, &options.keep).map(|(facts, extras)| (Some(facts), extras))
        }
        None => None,
    };
    let (text, chosen) = match split {
        None => (std::borrow::Cow::Borrowed(text), Vec::new()),
        Some((facts, extras)) => {
            if let Some(info) = &mut info {
                info.kept = extras.kept;
            }
            if let Some(message) = extras.error {
                return (RowResult::Error(message), info);
            }
            let text = facts.map_or(std::borrow::Cow::Borrowed(text), std::borrow::Cow::Owned);
            (text, extras.readings)
        }
    };
    // Shared, so that a row under the batch's readings does not copy them.
    let readings = if chosen.is_empty() {
        Arc::clone(readings)
    } else {
        match row_readings(model, readings, &chosen) {
            Ok(readings) => Arc::new(readings),
            Err(message) => return (RowResult::Error(message), info),
        }
    };
    let facts = read_row_facts(model, options.fast, &text);
    let result = evaluate_facts(
        model, evaluator, facts, &readings, today, options, &mut info,
    );
    (result, info)
}

/// Evaluates one row's facts, as read from its JSON text; fills `info`'s
/// date, readings and statuses when the batch asks for them.
fn evaluate_facts<'m>(
    model: &'m Model,
    evaluator: &mut Evaluator<'m>,
    facts: Result<Facts, String>,
    shared: &Arc<Readings>,
    today: NaiveDate,
    options: &RowOptions<'_>,
    info: &mut Option<Box<Info>>,
) -> RowResult {
    let readings: &Readings = shared;
    let explain = options.explain;
    let facts = match facts {
        Ok(facts) => facts,
        Err(message) => return RowResult::Error(message),
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
    if options.full
        && let Some(info) = info
    {
        info.as_of = Some(as_of);
        info.readings = Some(Arc::clone(shared));
    }
    let open = match assumptions(evaluator, &facts, as_of, readings) {
        Ok(open) => open,
        Err(message) => return RowResult::Error(message),
    };
    if options.all_readings
        && let Some(info) = info
    {
        let all = crate::eval::evaluate_all_readings(model, &facts, as_of, source, readings);
        if let Json::Object(mut top) = crate::render::all_readings::to_json(model, &all) {
            info.all_readings = top.remove("verdicts");
        }
    }
    let traced = options.depends_on || options.residual;
    if explain || traced {
        let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
        let evaluation = evaluate_only(model, &facts, as_of, source, readings, &every);
        let mut explanations = Map::new();
        if traced && let Some(info) = info {
            dependencies(model, &evaluation, options, info);
        }
        for outcome in &evaluation.verdicts {
            if !explain {
                break;
            }
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
        if options.full
            && let Some(info) = info
        {
            info.status = evaluation
                .verdicts
                .iter()
                .map(|outcome| {
                    crate::render::status_name(
                        outcome.error.is_some(),
                        &outcome.in_force,
                        &outcome.value,
                    )
                })
                .collect();
        }
        let values = evaluation
            .verdicts
            .into_iter()
            .map(|outcome| match outcome.error {
                Some(error) => Err(error),
                None => Ok(outcome.value),
            })
            .collect();
        let explanations = explain.then_some(Json::Object(explanations));
        return RowResult::Verdicts(values, explanations, open);
    }
    let input = Input {
        facts: &facts,
        as_of,
        readings,
    };
    let mut values = Vec::with_capacity(model.verdicts.len());
    match info {
        Some(info) if options.full => {
            // Whether each verdict applies is computed once, for both.
            let mut status = Vec::with_capacity(model.verdicts.len());
            evaluate_values_with_status(evaluator, &input, &mut values, &mut status);
            info.status = status;
        }
        _ => evaluate_values(evaluator, &input, &mut values),
    }
    RowResult::Verdicts(values, None, open)
}

/// What each undetermined verdict depends on and its residual condition,
/// as `eval --format json` gives them; none for a verdict given for each
/// element, whose elements each have their own.
fn dependencies(
    model: &Model,
    evaluation: &crate::eval::Evaluation<'_>,
    options: &RowOptions<'_>,
    info: &mut Info,
) {
    for outcome in &evaluation.verdicts {
        let open = outcome.error.is_none()
            && outcome.elements.is_none()
            && outcome.in_force != Value::Bool(false)
            && !outcome.value.is_known();
        let depends_on = (open && options.depends_on).then(|| {
            crate::residual::depends_on(model, evaluation, outcome)
                .iter()
                .map(|(fact, fields)| model.fact_path(*fact, fields))
                .collect()
        });
        let residual = (open && options.residual)
            .then(|| evaluation.residual(model, outcome))
            .flatten()
            .map(|residual| crate::residual::to_source(model, &residual));
        info.depends_on.push(depends_on);
        info.residual.push(residual);
    }
}

/// The assumptions the row's facts leave open; or the message of the row's
/// facts problem when they break some, as facts that do not check are one:
/// each broken assumption named, with the facts it read.
fn assumptions(
    evaluator: &mut Evaluator<'_>,
    facts: &crate::facts::Facts,
    as_of: NaiveDate,
    readings: &Readings,
) -> Result<Vec<crate::model::AssumptionId>, String> {
    let input = Input {
        facts,
        as_of,
        readings,
    };
    let outcomes = crate::eval::assumptions::check_holding(evaluator, &input)
        .map_err(crate::eval::assumptions::row_message)?;
    Ok(outcomes
        .iter()
        .filter(|o| o.open())
        .map(|o| o.assumption)
        .collect())
}
