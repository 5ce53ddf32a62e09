//! Timelines: each verdict's values over a range of dates, as maximal
//! intervals, answering "when does each verdict change?".
//!
//! Every day of the range is evaluated (a day costs about a microsecond, so
//! ten years take milliseconds), and consecutive days with the same value,
//! and for undetermined days the same unknown facts, are merged.

use chrono::NaiveDate;

use crate::eval::trace::Trace;
use crate::eval::{EvalError, Evaluator, Input, Readings, evaluate_traced, evaluate_values};
use crate::facts::Facts;
use crate::model::{FactId, Model};
use crate::value::Value;

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
    /// Whether the verdict applies on these days (its provisions are in force).
    pub in_force: Value,
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
}

/// Evaluates every verdict on every day from `from` to `to`, inclusive.
/// The facts' own `as_of`, if any, plays no part. `from` must not be after `to`.
pub fn timeline(
    model: &Model,
    facts: &Facts,
    readings: &Readings,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Timeline, EvalError> {
    let mut evaluator = Evaluator::new(model);
    let mut trace = Trace::new(model);
    let mut values = Vec::with_capacity(model.verdicts.len());
    let mut traced = Vec::new();
    let mut roots = Vec::new();
    let mut verdicts: Vec<Vec<Interval>> = vec![Vec::new(); model.verdicts.len()];
    let mut day = from;
    while day <= to {
        let input = Input {
            facts,
            as_of: day,
            readings,
        };
        evaluate_values(&mut evaluator, &input, &mut values)?;
        let any_unknown = values.iter().any(|v| !v.is_known());
        if any_unknown {
            evaluate_traced(&mut evaluator, &mut trace, &input, &mut traced, &mut roots)?;
        }
        for (index, value) in values.iter().enumerate() {
            let in_force = evaluator.verdict_in_force(&input, index as u32)?;
            let depends_on = match (value.is_known(), roots.get(index), &in_force) {
                (false, Some(root), Value::Bool(true)) if any_unknown => trace.unknown_facts(*root),
                _ => Vec::new(),
            };
            let Some(intervals) = verdicts.get_mut(index) else {
                continue;
            };
            match intervals.last_mut() {
                Some(last)
                    if last.value == *value
                        && last.depends_on == depends_on
                        && last.in_force == in_force =>
                {
                    last.to = day
                }
                _ => intervals.push(Interval {
                    from: day,
                    to: day,
                    value: value.clone(),
                    depends_on,
                    in_force,
                }),
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    Ok(Timeline { from, to, verdicts })
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
        let Ok(line) = line else {
            panic!("evaluates");
        };
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
