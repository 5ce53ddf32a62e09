//! `all_readings` in a scenario: a verdict's expectation checked under
//! every combination of the readings it consults, as `eval --all-readings`
//! enumerates them, each combination with the one comparison every
//! scenario uses ([`super::check`]).

use chrono::NaiveDate;
use serde_json::{Map, Value as Json};

use super::shapes::{ReadingsExpectation, ReadingsOutcome};
use super::{Context, ErroredVerdict, Mismatch, check};
use crate::eval::all_readings::evaluate_all_readings_only;
use crate::eval::{AsOfSource, Readings};
use crate::facts::Facts;
use crate::model::{Model, ReadingId, VerdictId};

/// The most combinations a failing verdict's report names; the rest are counted.
const COMBINATIONS_SHOWN: usize = 8;

/// A combination as `eval --all-readings --format json` writes it.
fn readings_json(model: &Model, combination: &[(ReadingId, u32)]) -> Json {
    let mut map = Map::new();
    for (reading, alternative) in combination {
        if let Some(info) = model.readings.get(*reading as usize) {
            let name = info
                .alternatives
                .get(*alternative as usize)
                .map(|a| a.name.clone())
                .unwrap_or_default();
            map.insert(info.name.clone(), Json::String(name));
        }
    }
    Json::Object(map)
}

/// The scenario's readings with a combination chosen.
fn with(chosen: &Readings, combination: &[(ReadingId, u32)]) -> Readings {
    let mut readings = chosen.clone();
    for (reading, alternative) in combination {
        if let Some(slot) = readings.alternatives.get_mut(*reading as usize) {
            *slot = *alternative;
        }
    }
    readings
}

/// Whether an outcome's readings hold in a combination: each reading it
/// names has that alternative, in the combination if varied, else as the
/// scenario chose it; a reading neither varied nor chosen is not consulted,
/// and any alternative of it holds.
fn matches(outcome: &ReadingsOutcome, combination: &[(ReadingId, u32)], chosen: &Readings) -> bool {
    outcome.readings.iter().all(|(reading, alternative)| {
        match combination.iter().find(|(r, _)| r == reading) {
            Some((_, a)) => a == alternative,
            None if chosen
                .chosen
                .get(*reading as usize)
                .copied()
                .unwrap_or(false) =>
            {
                chosen.alternative(*reading) == *alternative
            }
            None => true,
        }
    })
}

/// A failure that is not a wrong value, in words.
fn note(context: Context, verdict: VerdictId, message: String) -> Mismatch {
    Mismatch {
        context,
        message: Some(message),
        verdict,
        expected: Json::Null,
        actual: Json::Null,
        explanation: Vec::new(),
    }
}

/// Checks each verdict expected under every reading on a date: every
/// combination of the readings it consults and the scenario leaves open.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_all_readings(
    model: &Model,
    facts: &Facts,
    (as_of, source): (NaiveDate, AsOfSource),
    chosen: &Readings,
    expected: &[(VerdictId, ReadingsExpectation)],
    shown: Option<NaiveDate>,
    render: &dyn Fn(&dyn miette::Diagnostic) -> String,
    mismatches: &mut Vec<Mismatch>,
    errored: &mut Vec<ErroredVerdict>,
) {
    if expected.is_empty() {
        return;
    }
    let asked: Vec<VerdictId> = expected.iter().map(|(v, _)| *v).collect();
    let all = evaluate_all_readings_only(model, facts, as_of, source, chosen, &asked);
    let dated = Context {
        date: shown,
        readings: None,
    };
    for (verdict, expectation) in expected {
        let Some(across) = all.verdicts.iter().find(|v| v.verdict == *verdict) else {
            continue;
        };
        let combinations: Vec<&[(ReadingId, u32)]> = across
            .outcomes
            .iter()
            .map(|o| o.readings.as_slice())
            .collect();
        let mut failing = 0usize;
        // Checks one combination against one expectation, reporting the
        // first few failing combinations in full.
        let mut run = |combination: &[(ReadingId, u32)],
                       value: &super::expect::Expectation,
                       mismatches: &mut Vec<Mismatch>,
                       errored: &mut Vec<ErroredVerdict>| {
            let context = Context {
                date: shown,
                readings: Some(readings_json(model, combination)),
            };
            let expect = [(*verdict, value.clone())];
            let (wrong, failed) = check(
                model,
                facts,
                (as_of, source),
                &with(chosen, combination),
                &expect,
                &context,
                render,
            );
            if wrong.is_empty() && failed.is_empty() {
                return;
            }
            failing += 1;
            if failing <= COMBINATIONS_SHOWN {
                mismatches.extend(wrong);
                errored.extend(failed);
            }
        };
        match expectation {
            ReadingsExpectation::Agree(value) => {
                for combination in &combinations {
                    run(combination, value, mismatches, errored);
                }
            }
            ReadingsExpectation::Disagree(outcomes) => {
                if across.agree {
                    let value = across.outcomes.first().map_or(Json::Null, |o| {
                        crate::render::json::value_json(model, &o.value)
                    });
                    let varied: Vec<String> = across
                        .varied
                        .iter()
                        .filter_map(|r| model.readings.get(*r as usize))
                        .map(|r| r.name.clone())
                        .collect();
                    let message = if varied.is_empty() {
                        format!(
                            "expected the readings to disagree, but it consults no reading the scenario leaves open, and is {value}"
                        )
                    } else {
                        format!(
                            "expected the readings to disagree, but every combination of {} gives {value}",
                            varied.join(", ")
                        )
                    };
                    mismatches.push(note(dated.clone(), *verdict, message));
                }
                let varied: Vec<&str> = across
                    .varied
                    .iter()
                    .filter_map(|r| model.readings.get(*r as usize))
                    .map(|r| r.name.as_str())
                    .collect();
                let varied = if varied.is_empty() {
                    String::from("no reading is varied")
                } else {
                    format!("the readings varied are {}", varied.join(", "))
                };
                for outcome in outcomes {
                    if !combinations.iter().any(|c| matches(outcome, c, chosen)) {
                        mismatches.push(note(
                            dated.clone(),
                            *verdict,
                            format!(
                                "an outcome is expected under readings {}, which no combination has: {varied}, the others as the scenario chose them",
                                outcome.written
                            ),
                        ));
                    }
                }
                for (combination, got) in combinations.iter().zip(&across.outcomes) {
                    let matching: Vec<&ReadingsOutcome> = outcomes
                        .iter()
                        .filter(|o| matches(o, combination, chosen))
                        .collect();
                    if matching.is_empty() {
                        mismatches.push(note(
                            Context {
                                date: shown,
                                readings: Some(readings_json(model, combination)),
                            },
                            *verdict,
                            format!(
                                "no outcome is expected under these readings, which give {}",
                                crate::render::json::value_json(model, &got.value)
                            ),
                        ));
                    }
                    for outcome in matching {
                        run(combination, &outcome.value, mismatches, errored);
                    }
                }
            }
        }
        if failing > COMBINATIONS_SHOWN {
            mismatches.push(note(
                dated.clone(),
                *verdict,
                format!(
                    "and under {} more combinations of the readings",
                    crate::words::grouped(failing - COMBINATIONS_SHOWN)
                ),
            ));
        }
    }
}
