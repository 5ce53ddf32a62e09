//! Timelines compared across readings: for each verdict, one timeline per
//! combination of the readings that change it, to show on which days the
//! ambiguous words decide the case.
//!
//! A reading "changes a verdict" over a range when, with the other readings
//! held at some combination, choosing another of its alternatives gives the
//! verdict other intervals. The readings are found as `eval --all-readings`
//! finds them (see [`crate::eval::all_readings`]), but over the whole range
//! rather than by tracing one day: each reading the analyst left open is
//! tried against every combination of those found so far, until no more is
//! found, so that a reading that matters only under another's alternative
//! is found too. Readings fixed with `--reading` are not varied.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Interval, Timeline, timeline};
use crate::eval::Readings;
use crate::facts::Facts;
use crate::model::{Model, ReadingId};

/// The most combinations of readings compared: 2^6 of two-way readings.
pub const MAX_COMBINATIONS: usize = 64;

/// The most timelines computed while finding the readings that matter.
pub const MAX_TIMELINES: usize = 256;

/// The most days evaluated in all, over every timeline computed: fewer
/// timelines for a long range, so that a comparison of centuries stops
/// with a diagnostic rather than running for minutes.
pub const MAX_DAYS_EVALUATED: u64 = 40_000_000;

/// One verdict's timeline under one combination of readings.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingLane {
    /// The alternative of each reading varied for this verdict, in the
    /// order of the model's readings.
    pub readings: Vec<(ReadingId, u32)>,
    /// The verdict's intervals under them, covering the range.
    pub intervals: Vec<Interval>,
}

/// One verdict across the readings that change it.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictLanes {
    /// The readings that change this verdict, in the model's order; empty
    /// when none does (it has then one lane).
    pub varied: Vec<ReadingId>,
    /// One lane per combination of `varied`, the first reading varying slowest.
    pub lanes: Vec<ReadingLane>,
}

/// Every verdict's timelines across the readings that change them.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingsCompared {
    /// The timeline under the readings the analyst fixed, the others at
    /// their defaults: its range, readings and facts are those of every lane.
    pub base: Timeline,
    /// Every reading that changes some verdict, in the model's order.
    pub varied: Vec<ReadingId>,
    /// For each verdict of the model, its lanes.
    pub verdicts: Vec<VerdictLanes>,
}

/// Why readings could not be compared: too many of them change a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct TooManyReadings {
    /// The readings found to change a verdict when the search stopped.
    pub found: Vec<ReadingId>,
    /// How many combinations they make.
    pub combinations: usize,
    /// When the search stopped at the most timelines it may compute (see
    /// [`MAX_TIMELINES`], [`MAX_DAYS_EVALUATED`]): that number.
    pub timelines: Option<usize>,
}

/// The alternatives in force with `changes` applied to `base`.
fn with(base: &Readings, changes: &[(ReadingId, u32)]) -> Readings {
    let mut readings = base.clone();
    for (reading, alternative) in changes {
        if let Some(slot) = readings.alternatives.get_mut(*reading as usize) {
            *slot = *alternative;
        }
    }
    readings
}

/// Every combination of alternatives of `readings`, the first varying
/// slowest; one empty combination when there are none.
fn combinations(model: &Model, readings: &[ReadingId]) -> Vec<Vec<(ReadingId, u32)>> {
    let mut all: Vec<Vec<(ReadingId, u32)>> = vec![Vec::new()];
    for reading in readings {
        let count = alternatives(model, *reading);
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

fn alternatives(model: &Model, reading: ReadingId) -> u32 {
    model
        .readings
        .get(reading as usize)
        .map_or(1, |r| r.alternatives.len().max(1)) as u32
}

/// How many combinations `readings` make.
fn combination_count(model: &Model, readings: &[ReadingId]) -> usize {
    readings.iter().fold(1usize, |count, r| {
        count.saturating_mul(alternatives(model, *r) as usize)
    })
}

/// The timelines computed so far, by the alternatives in force.
struct Timelines<'a> {
    model: &'a Model,
    facts: &'a Facts,
    from: NaiveDate,
    to: NaiveDate,
    computed: BTreeMap<Vec<u32>, Timeline>,
    /// The most timelines to compute.
    limit: usize,
}

impl Timelines<'_> {
    fn get(&mut self, readings: &Readings) -> Result<&Timeline, usize> {
        if !self.computed.contains_key(&readings.alternatives) {
            if self.computed.len() >= self.limit {
                return Err(self.computed.len());
            }
            let line = timeline(self.model, self.facts, readings, self.from, self.to);
            self.computed.insert(readings.alternatives.clone(), line);
        }
        self.computed
            .get(&readings.alternatives)
            .ok_or(self.computed.len())
    }
}

/// Every verdict from `from` to `to`, inclusive, under every combination of
/// the readings that change it; readings `fixed` marks as chosen are held.
/// Fails when the readings that change some verdict make more than
/// [`MAX_COMBINATIONS`] combinations, or finding them would take more than
/// [`MAX_TIMELINES`] timelines (fewer for a long range: at most
/// [`MAX_DAYS_EVALUATED`] days in all): fix some of them with `--reading`.
pub fn compare_readings(
    model: &Model,
    facts: &Facts,
    fixed: &Readings,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<ReadingsCompared, TooManyReadings> {
    let open: Vec<ReadingId> = (0..model.readings.len() as ReadingId)
        .filter(|r| !fixed.chosen.get(*r as usize).copied().unwrap_or(false))
        .filter(|r| alternatives(model, *r) > 1)
        .collect();
    let days = (to - from).num_days().max(0) as u64 + 1;
    let limit = (MAX_DAYS_EVALUATED / days).clamp(1, MAX_TIMELINES as u64) as usize;
    let mut lines = Timelines {
        model,
        facts,
        from,
        to,
        computed: BTreeMap::new(),
        limit,
    };
    let too_many = |found: &[ReadingId], timelines: usize| TooManyReadings {
        found: found.to_vec(),
        combinations: combination_count(model, found),
        timelines: Some(timelines),
    };
    let mut varied: Vec<ReadingId> = Vec::new();
    loop {
        let mut found = None;
        'readings: for reading in open.iter().filter(|r| !varied.contains(r)) {
            for combination in combinations(model, &varied) {
                let held = with(fixed, &combination);
                let here = lines
                    .get(&held)
                    .map_err(|n| too_many(&varied, n))?
                    .verdicts
                    .clone();
                for alternative in 0..alternatives(model, *reading) {
                    let other = with(&held, &[(*reading, alternative)]);
                    let there = lines.get(&other).map_err(|n| too_many(&varied, n))?;
                    if there.verdicts != here {
                        found = Some(*reading);
                        break 'readings;
                    }
                }
            }
        }
        let Some(reading) = found else { break };
        varied.push(reading);
        varied.sort_unstable();
        let count = combination_count(model, &varied);
        if count > MAX_COMBINATIONS {
            return Err(TooManyReadings {
                found: varied,
                combinations: count,
                timelines: None,
            });
        }
    }
    let base = lines.get(fixed).map_err(|n| too_many(&varied, n))?.clone();
    let mut verdicts = Vec::with_capacity(model.verdicts.len());
    for verdict in 0..model.verdicts.len() {
        // The readings that change this verdict under some combination of the others.
        let mut own: Vec<ReadingId> = Vec::new();
        for reading in &varied {
            let mut changes = false;
            for combination in combinations(model, &varied) {
                let held = with(fixed, &combination);
                let here = lines
                    .get(&held)
                    .map_err(|n| too_many(&varied, n))?
                    .verdicts
                    .get(verdict)
                    .cloned();
                for alternative in 0..alternatives(model, *reading) {
                    let other = with(&held, &[(*reading, alternative)]);
                    let there = lines.get(&other).map_err(|n| too_many(&varied, n))?;
                    if there.verdicts.get(verdict) != here.as_ref() {
                        changes = true;
                    }
                }
                if changes {
                    break;
                }
            }
            if changes {
                own.push(*reading);
            }
        }
        let mut lanes = Vec::new();
        for combination in combinations(model, &own) {
            let line = lines
                .get(&with(fixed, &combination))
                .map_err(|n| too_many(&varied, n))?;
            lanes.push(ReadingLane {
                readings: combination,
                intervals: line.verdicts.get(verdict).cloned().unwrap_or_default(),
            });
        }
        verdicts.push(VerdictLanes { varied: own, lanes });
    }
    Ok(ReadingsCompared {
        base,
        varied,
        verdicts,
    })
}
