//! The days of periods within a window, each day counted once however many
//! periods hold it: `days from a to b within c to d`, the same over several
//! periods, and over a list of them. A period whose end is none is still
//! running: it runs to the window's end. A period whose end is before its
//! start holds no day.
//!
//! Three-valued: with a date unknown, the count lies between the days that
//! the periods certainly hold (from their latest possible starts to their
//! earliest possible ends) and the days they may hold (from the earliest
//! starts to the latest ends), never more than the days from the window's
//! earliest first day to its latest last day. Each date's range is taken on
//! its own, so the bounds are sound but not always the tightest.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{EvalError, MAX_NESTED_ELEMENTS, Run, Tracer};
use crate::model::Expr;
use crate::model::calendar::Coverage;
use crate::span::Span;
use crate::value::{Bounds, Scalar, Value};

/// What is known of a day: the earliest and the latest it may be; `None`
/// where there is no such bound.
type DayRange = (Option<NaiveDate>, Option<NaiveDate>);

/// What is known of a period or the window: the range of its first day and
/// the range of its last.
#[derive(Debug, Clone, Copy)]
struct PeriodRange {
    start: DayRange,
    end: DayRange,
}

fn date(bound: Option<Scalar>) -> Option<NaiveDate> {
    match bound {
        Some(Scalar::Date(d)) => Some(d),
        _ => None,
    }
}

/// The range of a first day.
fn day_range(value: &Value) -> DayRange {
    match value {
        Value::Date(d) => (Some(*d), Some(*d)),
        Value::Unknown(_) | Value::Among(_) => {
            let bounds = value.range();
            (date(bounds.lo), date(bounds.hi))
        }
        _ => (None, None),
    }
}

/// The range of a period's last day, where none is the window's end.
fn end_range(value: &Value, window_end: DayRange) -> DayRange {
    match value {
        Value::None => window_end,
        Value::Among(options) => {
            let mut ranges = options.iter().map(|o| end_range(o, window_end));
            let Some(first) = ranges.next() else {
                return (None, None);
            };
            ranges.fold(first, |(lo, hi), (l, h)| {
                (
                    lo.zip(l).map(|(a, b)| a.min(b)),
                    hi.zip(h).map(|(a, b)| a.max(b)),
                )
            })
        }
        other => day_range(other),
    }
}

/// What is known of periods given their first and last days' values.
fn ranges(periods: &[(Value, Value)], window: PeriodRange) -> Vec<PeriodRange> {
    periods
        .iter()
        .map(|(from, to)| PeriodRange {
            start: day_range(from),
            end: end_range(to, window.end),
        })
        .collect()
}

/// The days of the union of inclusive intervals.
fn union_days(mut intervals: Vec<(NaiveDate, NaiveDate)>) -> i64 {
    intervals.sort();
    let mut total = 0;
    let mut current: Option<(NaiveDate, NaiveDate)> = None;
    for (start, end) in intervals {
        current = match current {
            Some((s, e)) if start <= e || e.succ_opt() == Some(start) => Some((s, e.max(end))),
            Some((s, e)) => {
                total += (e - s).num_days() + 1;
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some((s, e)) = current {
        total += (e - s).num_days() + 1;
    }
    total
}

/// The days the periods hold within the window, certainly and at most.
/// `open`: an unknown list, which may hold any period.
fn count(periods: &[PeriodRange], window: PeriodRange, open: bool) -> Value {
    let later = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let earlier = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let mut certain = Vec::new();
    let mut possible = Vec::new();
    let mut unbounded = false;
    for period in periods {
        // Certainly held: from the latest start to the earliest end.
        if let (Some(s1), Some(s2), Some(e1), Some(e2)) =
            (period.start.1, window.start.1, period.end.0, window.end.0)
        {
            let (s, e) = (s1.max(s2), e1.min(e2));
            if s <= e {
                certain.push((s, e));
            }
        }
        // Perhaps held: from the earliest start to the latest end.
        match (
            later(period.start.0, window.start.0),
            earlier(period.end.1, window.end.1),
        ) {
            (Some(s), Some(e)) if s <= e => possible.push((s, e)),
            (Some(_), Some(_)) => {}
            _ => unbounded = true,
        }
    }
    if open {
        match (window.start.0, window.end.1) {
            (Some(s), Some(e)) if s <= e => possible.push((s, e)),
            (Some(_), Some(_)) => {}
            _ => unbounded = true,
        }
    }
    let fewest = union_days(certain);
    let most = (!unbounded).then(|| union_days(possible));
    match most {
        Some(most) if most == fewest => Value::Number(Decimal::from(fewest)),
        most => Value::Unknown(Bounds {
            lo: Some(Scalar::Number(Decimal::from(fewest))),
            hi: most.map(|m| Scalar::Number(Decimal::from(m))),
        }),
    }
}

impl<'m, T: Tracer<'m>> Run<'_, 'm, T> {
    /// The window's ranges.
    fn window(&mut self, from: &'m Expr, to: &'m Expr) -> Result<PeriodRange, EvalError> {
        let start = day_range(&self.expr(from)?);
        let end = day_range(&self.expr(to)?);
        Ok(PeriodRange { start, end })
    }

    /// One period's first and last day. They are read before the window,
    /// in the order the policy writes them, so that explanations find them
    /// in that order.
    fn period(&mut self, from: &'m Expr, to: &'m Expr) -> Result<(Value, Value), EvalError> {
        Ok((self.expr(from)?, self.expr(to)?))
    }

    /// `days from A to B within C to D`, every end counted; none when the
    /// two do not meet.
    pub(super) fn overlap(&mut self, parts: [&'m Expr; 4]) -> Result<Value, EvalError> {
        let [from, to, window_from, window_to] = parts;
        let period = self.period(from, to)?;
        let window = self.window(window_from, window_to)?;
        Ok(count(&ranges(&[period], window), window, false))
    }

    /// The days of several periods, or of a list of them, within a window.
    pub(super) fn coverage(
        &mut self,
        coverage: &'m Coverage,
        span: Span,
    ) -> Result<Value, EvalError> {
        let mut periods = Vec::new();
        let Some((slot, list)) = &coverage.each else {
            for (from, to) in coverage.periods.iter() {
                periods.push(self.period(from, to)?);
            }
            let window = self.window(&coverage.window_from, &coverage.window_to)?;
            return Ok(count(&ranges(&periods, window), window, false));
        };
        let items = match self.expr(list)? {
            Value::List(items) => items,
            other => {
                let window = self.window(&coverage.window_from, &coverage.window_to)?;
                // No list: no period; an unknown one may hold any.
                return Ok(if other == Value::None {
                    Value::Number(Decimal::ZERO)
                } else {
                    count(&[], window, true)
                });
            }
        };
        let at = self.base + *slot as usize;
        if self.bound.len() < at {
            self.bound.resize(at, Value::UNKNOWN);
        }
        // As for aggregates: inside another, the list is read once per
        // element of the one around it.
        if *slot > 0 {
            self.nested_elements = self.nested_elements.saturating_add(items.len());
            if self.nested_elements > MAX_NESTED_ELEMENTS {
                return Err(EvalError::TooCostly { span });
            }
        }
        for item in items.iter() {
            self.bound.truncate(at);
            self.bound.push(item.clone());
            for (from, to) in coverage.periods.iter() {
                periods.push(self.period(from, to)?);
            }
        }
        self.bound.truncate(at);
        let window = self.window(&coverage.window_from, &coverage.window_to)?;
        Ok(count(&ranges(&periods, window), window, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn known(start: Option<NaiveDate>, end: Option<NaiveDate>) -> PeriodRange {
        PeriodRange {
            start: (start, start),
            end: (end, end),
        }
    }

    #[test]
    fn overlapping_periods_count_each_day_once() {
        let window = known(d(2024, 1, 1), d(2024, 12, 31));
        let periods = [
            known(d(2024, 1, 1), d(2024, 1, 10)),
            known(d(2024, 1, 5), d(2024, 1, 20)),
            known(d(2024, 1, 21), d(2024, 1, 21)),
        ];
        assert_eq!(
            count(&periods, window, false),
            Value::Number(Decimal::from(21))
        );
    }

    #[test]
    fn a_reversed_period_holds_no_day() {
        let window = known(d(2024, 1, 1), d(2024, 12, 31));
        let periods = [known(d(2024, 2, 1), d(2024, 1, 1))];
        assert_eq!(count(&periods, window, false), Value::Number(Decimal::ZERO));
    }

    /// A small deterministic generator, so that the checks below are the
    /// same on every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }

        fn day(&mut self) -> NaiveDate {
            d(2024, 1, 1).unwrap_or_default() + chrono::Days::new(self.below(60))
        }
    }

    /// The days of the window that some period holds, one day at a time.
    fn brute(periods: &[(NaiveDate, Option<NaiveDate>)], window: (NaiveDate, NaiveDate)) -> i64 {
        let mut days = 0;
        let mut day = window.0;
        while day <= window.1 {
            if periods
                .iter()
                .any(|(s, e)| *s <= day && day <= e.unwrap_or(window.1))
            {
                days += 1;
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        days
    }

    fn number(value: &Value) -> Option<Decimal> {
        match value {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    #[test]
    fn known_periods_count_as_a_day_by_day_count_does() {
        let mut random = Lcg(7);
        for _ in 0..500 {
            let window = (random.day(), random.day());
            let periods: Vec<(NaiveDate, Option<NaiveDate>)> = (0..random.below(4))
                .map(|_| {
                    let end = (random.below(4) > 0).then(|| random.day());
                    (random.day(), end)
                })
                .collect();
            let ranges: Vec<PeriodRange> = periods
                .iter()
                .map(|(s, e)| PeriodRange {
                    start: (Some(*s), Some(*s)),
                    end: match e {
                        Some(e) => (Some(*e), Some(*e)),
                        None => (Some(window.1), Some(window.1)),
                    },
                })
                .collect();
            let counted = count(&ranges, known(Some(window.0), Some(window.1)), false);
            assert_eq!(
                number(&counted),
                Some(Decimal::from(brute(&periods, window))),
                "{periods:?} within {window:?}"
            );
        }
    }

    #[test]
    fn unknown_days_give_a_range_that_holds_every_count_they_allow() {
        let mut random = Lcg(11);
        for _ in 0..300 {
            // Each day between two days; the true days are drawn from them.
            let mut between = || {
                let (a, b) = (random.day(), random.day());
                (a.min(b), a.max(b))
            };
            let window = (between(), between());
            let periods: Vec<((NaiveDate, NaiveDate), (NaiveDate, NaiveDate))> =
                (0..3).map(|_| (between(), between())).collect();
            let ranges: Vec<PeriodRange> = periods
                .iter()
                .map(|(s, e)| PeriodRange {
                    start: (Some(s.0), Some(s.1)),
                    end: (Some(e.0), Some(e.1)),
                })
                .collect();
            let window_range = PeriodRange {
                start: (Some(window.0.0), Some(window.0.1)),
                end: (Some(window.1.0), Some(window.1.1)),
            };
            let counted = count(&ranges, window_range, false).range();
            for _ in 0..20 {
                let pick = |r: (NaiveDate, NaiveDate), random: &mut Lcg| {
                    r.0 + chrono::Days::new(random.below((r.1 - r.0).num_days() as u64 + 1))
                };
                let w = (pick(window.0, &mut random), pick(window.1, &mut random));
                let concrete: Vec<(NaiveDate, Option<NaiveDate>)> = periods
                    .iter()
                    .map(|(s, e)| (pick(*s, &mut random), Some(pick(*e, &mut random))))
                    .collect();
                let days = Decimal::from(if w.0 <= w.1 { brute(&concrete, w) } else { 0 });
                let lo = counted.lo.and_then(|s| number(&s.to_value()));
                let hi = counted.hi.and_then(|s| number(&s.to_value()));
                assert!(lo.is_none_or(|lo| lo <= days), "{days} below {lo:?}");
                assert!(hi.is_none_or(|hi| days <= hi), "{days} above {hi:?}");
            }
        }
    }

    #[test]
    fn an_unknown_list_lies_within_the_window() {
        let window = known(d(2024, 1, 1), d(2024, 1, 31));
        assert_eq!(
            count(&[], window, true),
            Value::Unknown(Bounds {
                lo: Some(Scalar::Number(Decimal::ZERO)),
                hi: Some(Scalar::Number(Decimal::from(31))),
            })
        );
    }
}
