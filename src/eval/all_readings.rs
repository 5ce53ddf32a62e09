//! Verdicts under every reading: each verdict evaluated under every
//! combination of the readings it depends on, to show where the ambiguous
//! words decide the case.
//!
//! Only the readings a verdict consults are varied, so combinations of
//! readings it does not use are not multiplied out. A reading consulted only
//! under another reading's alternative is found as the combinations are
//! tried, and added. Readings the analyst fixed are not varied.

use chrono::NaiveDate;

use super::trace::Trace;
use super::{AsOfSource, EvalError, Evaluator, Input, Readings};
use crate::facts::Facts;
use crate::model::{Model, ReadingId, VerdictId};
use crate::residual::Residual;
use crate::value::Value;

/// A verdict's outcome under one combination of readings.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingOutcome {
    /// The alternative of each varied reading, in the order of the model's readings.
    pub readings: Vec<(ReadingId, u32)>,
    /// The value; unknown when undetermined or not in force.
    pub value: Value,
    /// Whether the verdict applies on the date.
    pub in_force: Value,
    /// For an undetermined outcome, what it still depends on.
    pub residual: Option<Residual>,
    /// For an undetermined outcome, the unknown facts it depends on.
    pub depends_on: Vec<(crate::model::FactId, Box<[u32]>)>,
    /// Why the verdict could not be evaluated under these readings, if so:
    /// its value is then unknown.
    pub error: Option<EvalError>,
}

/// One verdict across readings.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictAcrossReadings {
    /// The verdict.
    pub verdict: VerdictId,
    /// The readings varied: those the verdict consults and the analyst left open.
    pub varied: Vec<ReadingId>,
    /// One outcome per combination of the varied readings.
    pub outcomes: Vec<ReadingOutcome>,
    /// Whether every combination gives the same value and status (and, when
    /// undetermined, the same residual condition; when errored, the same error).
    pub agree: bool,
}

/// Every verdict across readings, for one set of facts and one date.
#[derive(Debug, Clone, PartialEq)]
pub struct AllReadings {
    /// The date.
    pub as_of: NaiveDate,
    /// Where the date came from.
    pub as_of_source: AsOfSource,
    /// The readings the analyst fixed with `--reading`; the rest are varied.
    pub fixed: Readings,
    /// The verdicts asked for, in declaration order.
    pub verdicts: Vec<VerdictAcrossReadings>,
    /// How each assumption of the policy fared, with the readings fixed
    /// (the others at their defaults).
    pub assumptions: Vec<super::assumptions::AssumptionOutcome>,
    /// The definitions given a value in place of their rules.
    pub given: crate::facts::Given,
}

/// The most readings varied for one verdict: 2^12 combinations of two-way readings.
const MAX_VARIED: usize = 12;

/// Evaluates every verdict under every combination of the readings it
/// consults, except those `fixed` marks as chosen. A verdict that fails
/// under some readings has the error in those outcomes; the others are
/// evaluated as usual.
pub fn evaluate_all_readings(
    model: &Model,
    facts: &Facts,
    as_of: NaiveDate,
    as_of_source: AsOfSource,
    fixed: &Readings,
) -> AllReadings {
    let every: Vec<VerdictId> = (0..model.verdicts.len() as VerdictId).collect();
    evaluate_all_readings_only(model, facts, as_of, as_of_source, fixed, &every)
}

/// As [`evaluate_all_readings`], for the verdicts asked for only: unknown
/// ids are ignored, repeated ones taken once.
pub fn evaluate_all_readings_only(
    model: &Model,
    facts: &Facts,
    as_of: NaiveDate,
    as_of_source: AsOfSource,
    fixed: &Readings,
    asked: &[VerdictId],
) -> AllReadings {
    let asked = super::verdicts::asked_verdicts(model, asked);
    let mut evaluator = Evaluator::new(model);
    let mut trace = Trace::new(model);
    let mut verdicts = Vec::with_capacity(asked.len());
    for verdict in asked {
        let mut varied: Vec<ReadingId> = Vec::new();
        let outcomes = loop {
            let mut outcomes = Vec::new();
            let mut discovered = Vec::new();
            for combination in combinations(model, &varied) {
                let mut readings = fixed.clone();
                for (reading, alternative) in &combination {
                    if let Some(slot) = readings.alternatives.get_mut(*reading as usize) {
                        *slot = *alternative;
                    }
                }
                let input = Input {
                    facts,
                    as_of,
                    readings: &readings,
                };
                evaluator.reset();
                trace.clear();
                let (in_force, raw) = match evaluator.verdict_in_force(&input, verdict) {
                    Ok(in_force) => {
                        let raw = evaluator.verdict(&input, verdict, &mut trace);
                        (in_force, raw)
                    }
                    Err(error) => (Value::UNKNOWN, Err(error)),
                };
                let step = trace.last().unwrap_or(0);
                // A failed evaluation stops part-way: its last step is not the
                // root of the others, so every step recorded is read for the
                // readings it consulted before failing.
                let consulted = if raw.is_err() {
                    trace.readings_recorded()
                } else {
                    trace.readings(step)
                };
                for reading in consulted {
                    let chosen = fixed.chosen.get(reading as usize).copied().unwrap_or(false);
                    if !chosen && !varied.contains(&reading) && !discovered.contains(&reading) {
                        discovered.push(reading);
                    }
                }
                let (raw, error) = match raw {
                    Ok(value) => (value, None),
                    Err(error) => (Value::UNKNOWN, Some(error)),
                };
                let applies = in_force == Value::Bool(true);
                let value = if applies { raw } else { Value::UNKNOWN };
                let (residual, depends_on) = if applies && !value.is_known() && error.is_none() {
                    (
                        Some(crate::residual::residual(model, &trace, step)),
                        trace.unknown_facts(step),
                    )
                } else {
                    (None, Vec::new())
                };
                outcomes.push(ReadingOutcome {
                    readings: combination,
                    value,
                    in_force,
                    residual,
                    depends_on,
                    error,
                });
            }
            if discovered.is_empty() || varied.len() >= MAX_VARIED {
                break outcomes;
            }
            varied.extend(discovered);
            varied.sort_unstable();
            varied.truncate(MAX_VARIED);
        };
        // Undetermined outcomes agree only if they wait on the same condition.
        let agree = outcomes.windows(2).all(|pair| {
            pair[0].value == pair[1].value
                && pair[0].in_force == pair[1].in_force
                && pair[0].residual == pair[1].residual
                && pair[0].error == pair[1].error
        });
        verdicts.push(VerdictAcrossReadings {
            verdict,
            varied,
            outcomes,
            agree,
        });
    }
    evaluator.reset();
    let input = Input {
        facts,
        as_of,
        readings: fixed,
    };
    let assumptions = super::assumptions::check_assumptions(&mut evaluator, &input);
    AllReadings {
        as_of,
        as_of_source,
        fixed: fixed.clone(),
        verdicts,
        assumptions,
        given: facts.given.clone(),
    }
}

/// Every combination of alternatives of the given readings, the first
/// reading varying slowest; one empty combination when there are none.
fn combinations(model: &Model, readings: &[ReadingId]) -> Vec<Vec<(ReadingId, u32)>> {
    let mut all: Vec<Vec<(ReadingId, u32)>> = vec![Vec::new()];
    for reading in readings {
        let count = model
            .readings
            .get(*reading as usize)
            .map_or(1, |r| r.alternatives.len().max(1)) as u32;
        let mut next = Vec::with_capacity(all.len() * count as usize);
        for prefix in &all {
            for alternative in 0..count {
                let mut combination = prefix.clone();
                combination.push((*reading, alternative));
                next.push(combination);
            }
        }
        all = next;
    }
    all
}
