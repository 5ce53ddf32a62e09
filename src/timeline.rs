//! Timelines: each verdict's values over a range of dates, as maximal
//! intervals, answering "when does each verdict change?".
//!
//! Every day of the range is evaluated, and consecutive days with the same
//! value, and for undetermined days the same unknown facts, are merged. The
//! results are those of evaluating each day from scratch, as `eval --at DAY`
//! does; but what cannot change with the date is computed once:
//!
//! - Under fixed facts and readings, a rule (definition or deontic rule)
//!   that reads neither `as_of`, nor a dated value without `as of`, nor a
//!   rule that does, has the same value on every day
//!   ([`DateDependence`]). Its value is kept from the first day it is
//!   computed; only the dated rules are computed again each day.
//! - A verdict whose expression is such is computed once too; whether it
//!   applies (its periods in force) is still asked each day.
//! - Inside a rule or verdict that reads the date, an aggregate that reads
//!   none, and no element of an aggregate around it, is computed once too.
//! - What an undetermined verdict depends on is read off a traced
//!   evaluation of the day, which is needed only on days when a dated
//!   verdict that applies is undetermined, or an undated one is seen
//!   undetermined for the first time (what it depends on is then the same
//!   on every day it applies).
//!
//! This is sound without knowing where the values change: nothing is
//! assumed of the dates a policy names, so a value that changes every day
//! (`days from as_of to deadline`) is still found. An error (a conflict, a
//! division by zero) makes an errored stretch of the verdicts it touches,
//! on the days it arises, with the same error as evaluating day by day
//! would: a value kept from an earlier day is one that was computed without
//! error and would be again, and errors are never kept.

use chrono::NaiveDate;

use crate::eval::dated::DateDependence;
use crate::eval::trace::Trace;
use crate::eval::{EvalError, Evaluator, Input, NoTrace, Readings, evaluate_traced};
use crate::facts::Facts;
use crate::model::{FactId, Model};
use crate::value::Value;

pub mod compare;

/// A stretch of days over which a verdict keeps one value.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// The first day.
    pub from: NaiveDate,
    /// The last day, inclusive.
    pub to: NaiveDate,
    /// The value on each of these days; unknown when undetermined.
    pub value: Value,
    /// For an undetermined value, the unknown facts it depends on.
    pub depends_on: Vec<(FactId, Box<[u32]>)>,
    /// Whether the verdict applies on these days (its provisions are in
    /// force); unknown when an error kept that from being decided.
    pub in_force: Value,
    /// The error that kept the verdict from a value on these days, if any:
    /// the same failure every day (see [`EvalError::same_failure`]), as it
    /// arose on the first.
    pub error: Option<EvalError>,
}

/// The values of every verdict over a range of dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The first day of the range.
    pub from: NaiveDate,
    /// The last day of the range, inclusive.
    pub to: NaiveDate,
    /// For each verdict of the model, its intervals in order, covering the range.
    pub verdicts: Vec<Vec<Interval>>,
    /// The assumptions the facts leave open on some days, each with those
    /// stretches of days, when the caller checked them (see
    /// [`crate::eval::assumptions::assumption_stretches`]); empty otherwise.
    pub assumed_not_known: crate::eval::assumptions::Stretches,
    /// The readings every day was evaluated under: a timeline states them.
    pub readings: Readings,
    /// The facts every day was evaluated with (their `as_of` plays no
    /// part): a timeline states them, and draws the dates of events.
    pub facts: Facts,
}

/// Evaluates every verdict on every day from `from` to `to`, inclusive.
/// The facts' own `as_of`, if any, plays no part. `from` must not be after `to`.
pub fn timeline(
    model: &Model,
    facts: &Facts,
    readings: &Readings,
    from: NaiveDate,
    to: NaiveDate,
) -> Timeline {
    timeline_with_progress(model, facts, readings, from, to, |_| {})
}

/// Whether two values are equal, without comparing the elements of a list
/// or record kept from day to day with themselves.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) | (Value::Record(x), Value::Record(y))
            if std::sync::Arc::ptr_eq(x, y) =>
        {
            true
        }
        _ => a == b,
    }
}

/// Whether two days failed the same way, or neither failed.
fn same_error(a: &Option<EvalError>, b: &Option<EvalError>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.same_failure(b),
        (None, None) => true,
        _ => false,
    }
}

/// The unknown facts something depends on, each with the path of fields inside it.
type UnknownFacts = Vec<(FactId, Box<[u32]>)>;

/// What is known of one verdict on one day.
struct Day {
    value: Value,
    in_force: Value,
    depends_on: UnknownFacts,
    error: Option<EvalError>,
}

/// As [`timeline`], calling `progress` after each day with the number of
/// days evaluated so far, for a progress bar.
pub fn timeline_with_progress(
    model: &Model,
    facts: &Facts,
    readings: &Readings,
    from: NaiveDate,
    to: NaiveDate,
    mut progress: impl FnMut(u64),
) -> Timeline {
    let dates = model.amendment_dates();
    if dates.is_empty() {
        return version_timeline(model, facts, readings, from, to, progress);
    }
    // An amended policy: each stretch between amendment dates is the
    // timeline of the version in force, joined where values carry on.
    let mut starts: Vec<NaiveDate> = vec![from];
    starts.extend(dates.into_iter().filter(|d| *d > from && *d <= to));
    let mut joined = Timeline {
        from,
        to,
        verdicts: vec![Vec::new(); model.verdicts.len()],
        assumed_not_known: Vec::new(),
        readings: readings.clone(),
        facts: facts.clone(),
    };
    let mut done = 0;
    for (i, start) in starts.iter().enumerate() {
        let end = match starts.get(i + 1).and_then(|next| next.pred_opt()) {
            Some(end) => end,
            None => to,
        };
        let version = model.version_on(*start);
        let part = version_timeline(version, facts, readings, *start, end, |days| {
            progress(done + days)
        });
        done += (end - *start).num_days().max(0) as u64 + 1;
        for (all, intervals) in joined.verdicts.iter_mut().zip(part.verdicts) {
            for interval in intervals {
                match all.last_mut() {
                    Some(last)
                        if last.to.succ_opt() == Some(interval.from)
                            && same_value(&last.value, &interval.value)
                            && last.in_force == interval.in_force
                            && last.depends_on == interval.depends_on
                            && same_error(&last.error, &interval.error) =>
                    {
                        last.to = interval.to
                    }
                    _ => all.push(interval),
                }
            }
        }
    }
    joined
}

/// The timeline of a policy that is not amended, or of one version.
fn version_timeline(
    model: &Model,
    facts: &Facts,
    readings: &Readings,
    from: NaiveDate,
    to: NaiveDate,
    mut progress: impl FnMut(u64),
) -> Timeline {
    let dependence = DateDependence::with_facts(model, facts);
    let count = model.verdicts.len();
    // Keeps the undated rules' values from day to day.
    let mut evaluator = Evaluator::new(model);
    evaluator.keep_undated_aggregates(&dependence);
    // Traces a whole day from scratch, when what a verdict depends on is asked.
    let mut traced_evaluator = Evaluator::new(model);
    let mut trace = Trace::new(model);
    let mut traced = Vec::new();
    let mut roots = Vec::new();
    // The value of each undated verdict, and what it depends on when undetermined.
    let mut undated_values: Vec<Option<Value>> = vec![None; count];
    let mut undated_depends: Vec<Option<UnknownFacts>> = vec![None; count];
    let mut days: Vec<Day> = Vec::with_capacity(count);
    let mut verdicts: Vec<Vec<Interval>> = vec![Vec::new(); count];
    let mut day = from;
    let mut done = 0u64;
    while day <= to {
        let input = Input {
            facts,
            as_of: day,
            readings,
        };
        evaluator.forget_dated(&dependence);
        days.clear();
        let mut needs_trace = false;
        for id in 0..count as u32 {
            let in_force = match evaluator.verdict_in_force(&input, id) {
                Ok(in_force) => in_force,
                Err(error) => {
                    days.push(Day {
                        value: Value::UNKNOWN,
                        in_force: Value::UNKNOWN,
                        depends_on: Vec::new(),
                        error: Some(error),
                    });
                    continue;
                }
            };
            let value = if matches!(in_force, Value::Bool(false)) {
                Value::UNKNOWN
            } else {
                let computed = match undated_values.get(id as usize) {
                    Some(Some(kept)) => Ok(kept.clone()),
                    _ => evaluator
                        .verdict(&input, id, &mut NoTrace)
                        .inspect(|value| {
                            if !dependence.verdict(id)
                                && let Some(slot) = undated_values.get_mut(id as usize)
                            {
                                *slot = Some(value.clone());
                            }
                        }),
                };
                let value = match computed {
                    Ok(value) => value,
                    Err(error) => {
                        days.push(Day {
                            value: Value::UNKNOWN,
                            in_force,
                            depends_on: Vec::new(),
                            error: Some(error),
                        });
                        continue;
                    }
                };
                // A verdict that may not apply gives no value.
                match in_force {
                    Value::Bool(true) => value,
                    _ => Value::UNKNOWN,
                }
            };
            if !value.is_known() && in_force == Value::Bool(true) {
                let kept = undated_depends.get(id as usize).and_then(Option::as_ref);
                needs_trace |= dependence.verdict(id) || kept.is_none();
            }
            days.push(Day {
                value,
                in_force,
                depends_on: Vec::new(),
                error: None,
            });
        }
        if needs_trace {
            evaluate_traced(
                &mut traced_evaluator,
                &mut trace,
                &input,
                &mut traced,
                &mut roots,
            );
        }
        for (index, today) in days.iter_mut().enumerate() {
            if today.value.is_known()
                || today.in_force != Value::Bool(true)
                || today.error.is_some()
            {
                continue;
            }
            let id = index as u32;
            today.depends_on = match undated_depends.get(index).and_then(Option::as_ref) {
                Some(kept) if !dependence.verdict(id) => kept.clone(),
                _ => {
                    let found = roots
                        .get(index)
                        .map(|root| trace.unknown_facts(*root))
                        .unwrap_or_default();
                    if !dependence.verdict(id)
                        && let Some(slot) = undated_depends.get_mut(index)
                    {
                        *slot = Some(found.clone());
                    }
                    found
                }
            };
        }
        for (today, intervals) in days.drain(..).zip(verdicts.iter_mut()) {
            match intervals.last_mut() {
                Some(last)
                    if same_value(&last.value, &today.value)
                        && last.depends_on == today.depends_on
                        && last.in_force == today.in_force
                        && same_error(&last.error, &today.error) =>
                {
                    last.to = day
                }
                _ => intervals.push(Interval {
                    from: day,
                    to: day,
                    value: today.value,
                    depends_on: today.depends_on,
                    in_force: today.in_force,
                    error: today.error,
                }),
            }
        }
        done += 1;
        progress(done);
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    Timeline {
        from,
        to,
        verdicts,
        assumed_not_known: Vec::new(),
        readings: readings.clone(),
        facts: facts.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{FactsFormat, parse_facts};
    use crate::span::SourceFile;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn intervals_cover_the_range_and_change_where_the_value_does() {
        let source = SourceFile::new(
            "t.policy",
            "fact deadline: date\nverdict running = as_of before deadline",
        );
        let model = crate::check::check_source(&source).map(|c| c.model);
        let Ok(model) = model else {
            panic!("the policy checks");
        };
        let facts = parse_facts(
            &model,
            &SourceFile::new("f.json", r#"{"deadline": "2026-03-26"}"#),
            FactsFormat::Json,
        );
        let Ok(facts) = facts else {
            panic!("the facts load");
        };
        let line = timeline(
            &model,
            &facts,
            &Readings::defaults(&model),
            date("2026-03-20"),
            date("2026-03-31"),
        );
        let spans: Vec<(NaiveDate, NaiveDate, Value)> = line.verdicts[0]
            .iter()
            .map(|i| (i.from, i.to, i.value.clone()))
            .collect();
        assert_eq!(
            spans,
            [
                (date("2026-03-20"), date("2026-03-25"), Value::Bool(true)),
                (date("2026-03-26"), date("2026-03-31"), Value::Bool(false)),
            ]
        );
    }
}
