//! The calendar functions (`year_of(d)`, `end_of_month(d)`, `date(y, m, d)`,
//! ...) and dates moved by a computed count (`as_of + n months`),
//! three-valued: an unknown date in a known range gives the range of results
//! where the function keeps order, and plain unknown otherwise.
//!
//! They are pure functions of values, shared by the evaluator and by
//! residuals evaluated once the facts are known.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::EvalError;
use crate::ast::{DurationUnit, Rounding};
use crate::calendar::{self, Shift, days_in_month, month_name};
use crate::diagnostic::Problem;
use crate::model::calendar::CalendarFn;
use crate::span::Span;
use crate::value::{Bounds, Scalar, Value};

impl<'m, T: super::Tracer<'m>> super::Run<'_, 'm, T> {
    /// A calendar function or a date moved by a computed count.
    pub(super) fn calendar(&mut self, expr: &'m crate::model::Expr) -> Result<Value, EvalError> {
        let span = expr.span;
        match &expr.kind {
            crate::model::ExprKind::Calendar { function, args } => {
                let mut values = Vec::with_capacity(args.len());
                for arg in args.iter() {
                    values.push(self.expr(arg)?);
                }
                apply(*function, &values).map_err(|fault| EvalError::Calendar {
                    span,
                    fault: Box::new(fault),
                })
            }
            crate::model::ExprKind::ShiftBy(shift) => {
                let date = self.expr(&shift.date)?;
                let count = self.expr(&shift.count)?;
                shift_by(&date, &count, shift.back, shift.unit, shift.rounding, span)
            }
            _ => Ok(Value::UNKNOWN),
        }
    }
}

/// Why a calendar function has no value for the values it was given.
#[derive(Debug, Clone, PartialEq)]
pub enum CalendarFault {
    /// `date(2023, 2, 29)`: the month has no such day.
    ImpossibleDay {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
        /// The day asked for.
        day: Decimal,
    },
    /// `date(2026, 13, 1)`: no such month.
    NoSuchMonth {
        /// The month asked for.
        month: Decimal,
    },
    /// A year beyond the calendar's range.
    BeyondCalendar {
        /// The year asked for.
        year: Decimal,
    },
    /// A count or part of a date that is not a whole number.
    NotWhole {
        /// What it is: "day", "count of a duration", ...
        what: &'static str,
        /// Its value.
        value: Decimal,
    },
}

impl CalendarFault {
    /// The diagnostic code.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarFault::NotWhole { .. } => "provisio::not_whole",
            _ => "provisio::impossible_date",
        }
    }

    /// The fault as a diagnostic pointing at `span`.
    pub fn problem(&self, span: Span) -> Problem {
        let code = self.code();
        match self {
            CalendarFault::ImpossibleDay { year, month, day } => {
                let month_words = format!("{} {year}", month_name(*month));
                Problem::error(
                    code,
                    format!(
                        "there is no {} {month_words}: {month_words} has {} days",
                        day.normalize(),
                        days_in_month(*year, *month)
                    ),
                    span,
                    "no such day",
                )
                .with_help("a day is never moved to the next month silently: check the facts or the rule that computes the day; for the last day of a month, write `end_of_month(date(y, m, 1))`")
            }
            CalendarFault::NoSuchMonth { month } => Problem::error(
                code,
                format!(
                    "there is no month {}: months run from 1 to 12",
                    month.normalize()
                ),
                span,
                "no such month",
            )
            .with_help("give the month as a number from 1 (January) to 12 (December)"),
            CalendarFault::BeyondCalendar { year } => Problem::error(
                code,
                format!("the year {} is beyond the calendar", year.normalize()),
                span,
                "out of range",
            )
            .with_help("dates run from about 262,000 BC to 262,000 AD"),
            CalendarFault::NotWhole { what, value } => Problem::error(
                code,
                format!("the {what} is {}, not a whole number", value.normalize()),
                span,
                "not a whole number",
            )
            .with_help("round it first, as in `(n / 2 rounded down to the whole unit)`"),
        }
    }
}

/// The whole number a known number is, or why not.
fn whole(value: Decimal, what: &'static str) -> Result<Decimal, CalendarFault> {
    if value.fract().is_zero() {
        Ok(value)
    } else {
        Err(CalendarFault::NotWhole { what, value })
    }
}

/// `date(y, m, d)` of three known numbers.
pub fn date_of_parts(parts: &[Value]) -> Result<Value, CalendarFault> {
    let number = |i: usize| match parts.get(i) {
        Some(Value::Number(n)) => Some(*n),
        _ => None,
    };
    let (Some(y), Some(m), Some(d)) = (number(0), number(1), number(2)) else {
        return Ok(Value::UNKNOWN);
    };
    let (y, m, d) = (whole(y, "year")?, whole(m, "month")?, whole(d, "day")?);
    let month = m
        .to_u32()
        .filter(|m| (1..=12).contains(m))
        .ok_or(CalendarFault::NoSuchMonth { month: m })?;
    let year = y
        .to_i32()
        .filter(|y| NaiveDate::from_ymd_opt(*y, month, 1).is_some())
        .ok_or(CalendarFault::BeyondCalendar { year: y })?;
    d.to_u32()
        .and_then(|day| NaiveDate::from_ymd_opt(year, month, day))
        .map(Value::Date)
        .ok_or(CalendarFault::ImpossibleDay {
            year,
            month,
            day: d,
        })
}

fn date_bound(bound: Option<Scalar>) -> Option<NaiveDate> {
    match bound {
        Some(Scalar::Date(d)) => Some(d),
        _ => None,
    }
}

fn number_bound(bound: Option<Scalar>) -> Option<Decimal> {
    match bound {
        Some(Scalar::Number(n)) => Some(n),
        _ => None,
    }
}

/// A range of results: a known value when both ends agree.
fn range(lo: Option<Scalar>, hi: Option<Scalar>) -> Value {
    match (lo, hi) {
        (Some(a), Some(b)) if a == b => a.to_value(),
        (lo, hi) => Value::Unknown(Bounds { lo, hi }),
    }
}

fn number(n: impl Into<Decimal>) -> Scalar {
    Scalar::Number(n.into())
}

/// A calendar function of its arguments' values.
pub fn apply(function: CalendarFn, args: &[Value]) -> Result<Value, CalendarFault> {
    if function == CalendarFn::Date {
        return date_of(args);
    }
    let Some(arg) = args.first() else {
        return Ok(Value::UNKNOWN);
    };
    let (lo, hi) = match arg {
        Value::Date(d) => (Some(*d), Some(*d)),
        Value::Unknown(_) | Value::Among(_) => {
            let bounds = arg.range();
            (date_bound(bounds.lo), date_bound(bounds.hi))
        }
        _ => return Ok(Value::UNKNOWN),
    };
    let same_year = matches!((lo, hi), (Some(a), Some(b)) if a.year() == b.year());
    let same_month = same_year && matches!((lo, hi), (Some(a), Some(b)) if a.month() == b.month());
    let map = |f: &dyn Fn(NaiveDate) -> Option<Scalar>| range(lo.and_then(f), hi.and_then(f));
    Ok(match function {
        CalendarFn::YearOf => map(&|d| Some(number(d.year()))),
        CalendarFn::MonthOf if same_year => map(&|d| Some(number(d.month()))),
        CalendarFn::MonthOf => range(Some(number(1)), Some(number(12))),
        CalendarFn::DayOf if same_month => map(&|d| Some(number(d.day()))),
        CalendarFn::DayOf => range(Some(number(1)), Some(number(31))),
        CalendarFn::StartOfYear => map(&|d| d.with_ordinal(1).map(Scalar::Date)),
        CalendarFn::EndOfYear => {
            map(&|d| NaiveDate::from_ymd_opt(d.year(), 12, 31).map(Scalar::Date))
        }
        CalendarFn::StartOfMonth => map(&|d| d.with_day(1).map(Scalar::Date)),
        CalendarFn::EndOfMonth => map(&|d| {
            d.with_day(days_in_month(d.year(), d.month()))
                .map(Scalar::Date)
        }),
        CalendarFn::Date => Value::UNKNOWN,
    })
}

/// `date(y, m, d)`: a known part that cannot name a day is an error even
/// while other parts are unknown; unknown parts give the range of days the
/// known ones allow.
fn date_of(args: &[Value]) -> Result<Value, CalendarFault> {
    let known = |i: usize| match args.get(i) {
        Some(Value::Number(n)) => Some(*n),
        _ => None,
    };
    if let Some(y) = known(0) {
        whole(y, "year")?;
    }
    if let Some(m) = known(1) {
        whole(m, "month")?;
        if !(Decimal::ONE..=Decimal::from(12)).contains(&m) {
            return Err(CalendarFault::NoSuchMonth { month: m });
        }
    }
    if let Some(d) = known(2) {
        whole(d, "day")?;
    }
    if args.len() == 3 && args.iter().all(|a| matches!(a, Value::Number(_))) {
        return date_of_parts(args);
    }
    let bounds = |i: usize| {
        let r = args.get(i).map(Value::range).unwrap_or_default();
        (number_bound(r.lo), number_bound(r.hi))
    };
    let ((ylo, yhi), (mlo, mhi), (dlo, dhi)) = (bounds(0), bounds(1), bounds(2));
    let floor = |n: Option<Decimal>| n.and_then(|n| n.floor().to_i64());
    let ceil = |n: Option<Decimal>| n.and_then(|n| n.ceil().to_i64());
    let (Some(ylo), Some(yhi)) = (
        floor(ylo).and_then(|y| i32::try_from(y).ok()),
        ceil(yhi).and_then(|y| i32::try_from(y).ok()),
    ) else {
        return Ok(Value::UNKNOWN);
    };
    // Days order as (year, month, day): the least of the parts' least
    // values and the greatest of their greatest bound every day they name.
    let month = |n: Option<i64>, default: u32| n.map_or(default, |m| m.clamp(1, 12) as u32);
    let (m1, m2) = (month(floor(mlo), 1), month(ceil(mhi), 12));
    let day = |n: Option<i64>, year: i32, month: u32, default: u32| {
        let days = days_in_month(year, month);
        n.map_or(default, |d| d.clamp(1, i64::from(days)) as u32)
    };
    let first = NaiveDate::from_ymd_opt(ylo, m1, day(floor(dlo), ylo, m1, 1));
    let last = NaiveDate::from_ymd_opt(yhi, m2, day(ceil(dhi), yhi, m2, days_in_month(yhi, m2)));
    Ok(range(first.map(Scalar::Date), last.map(Scalar::Date)))
}

/// Where `date` moved by `amount` units lands, a missing day rounded as the
/// policy says or, failing that, as `fallback` says.
fn land(
    date: NaiveDate,
    amount: i64,
    unit: DurationUnit,
    rounding: Option<Rounding>,
    fallback: Option<Rounding>,
    span: Span,
) -> Result<Option<NaiveDate>, EvalError> {
    match calendar::shift(date, amount, unit) {
        Shift::Exact(d) => Ok(Some(d)),
        Shift::Missing(y, m, d) => match rounding.or(fallback) {
            Some(r) => Ok(calendar::round(y, m, r)),
            None => Err(EvalError::MissingDay {
                span,
                from: date,
                missing: Box::new((y, m, d)),
            }),
        },
        Shift::OutOfRange => Ok(None),
    }
}

/// A date moved by a computed count of units (`back`: taken from the date).
/// A count that is not a whole number is an error; with the date or the
/// count unknown, the result lies between the earliest and the latest
/// landing their ranges allow, missing days rounded outwards.
pub fn shift_by(
    date: &Value,
    count: &Value,
    back: bool,
    unit: DurationUnit,
    rounding: Option<Rounding>,
    span: Span,
) -> Result<Value, EvalError> {
    let signed = |n: i64| if back { n.checked_neg() } else { Some(n) };
    let (lo, hi) = match count {
        Value::Number(n) => {
            let n = whole(*n, "count of a duration").map_err(|fault| EvalError::Calendar {
                span,
                fault: Box::new(fault),
            })?;
            let amount = n
                .to_i64()
                .and_then(signed)
                .ok_or(EvalError::Overflow { span })?;
            (Some(amount), Some(amount))
        }
        other => {
            let r = other.range();
            let lo = number_bound(r.lo).and_then(|n| n.floor().to_i64());
            let hi = number_bound(r.hi).and_then(|n| n.ceil().to_i64());
            if back {
                (hi.and_then(signed), lo.and_then(signed))
            } else {
                (lo, hi)
            }
        }
    };
    if let (Value::Date(d), Some(a), Some(b)) = (date, lo, hi)
        && a == b
    {
        return land(*d, a, unit, rounding, None, span)?
            .map(Value::Date)
            .ok_or(EvalError::Overflow { span });
    }
    if !matches!(date, Value::Date(_) | Value::Unknown(_) | Value::Among(_)) {
        return Ok(Value::UNKNOWN);
    }
    let dates = date.range();
    let end = |d: Option<Scalar>,
               a: Option<i64>,
               r: Rounding|
     -> Result<Option<Scalar>, EvalError> {
        match (date_bound(d), a) {
            (Some(d), Some(a)) => Ok(land(d, a, unit, rounding, Some(r), span)?.map(Scalar::Date)),
            _ => Ok(None),
        }
    };
    Ok(Value::Unknown(Bounds {
        lo: end(dates.lo, lo, Rounding::Down)?,
        hi: end(dates.hi, hi, Rounding::Up)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn within(value: &Value, bounds: &Bounds) -> bool {
        let Some(scalar) = value.scalar() else {
            return false;
        };
        let above = bounds
            .lo
            .is_none_or(|lo| scalar.compare(&lo) != Some(std::cmp::Ordering::Less));
        let below = bounds
            .hi
            .is_none_or(|hi| scalar.compare(&hi) != Some(std::cmp::Ordering::Greater));
        above && below
    }

    /// Every function of a date in a range gives, on each day of the range,
    /// a value within the range it gives for the whole.
    #[test]
    fn the_range_of_a_function_holds_its_value_on_every_day_of_the_range() {
        let ranges = [
            (day(2024, 3, 1), day(2025, 2, 1)),
            (day(2024, 3, 5), day(2024, 3, 20)),
            (day(2023, 12, 31), day(2024, 1, 1)),
            (day(2024, 2, 1), day(2024, 4, 30)),
        ];
        for (lo, hi) in ranges {
            let unknown = Value::Unknown(Bounds {
                lo: Some(Scalar::Date(lo)),
                hi: Some(Scalar::Date(hi)),
            });
            for function in CalendarFn::ALL {
                if function == CalendarFn::Date {
                    continue;
                }
                let whole =
                    apply(function, std::slice::from_ref(&unknown)).unwrap_or(Value::UNKNOWN);
                let bounds = whole.range();
                let mut on = lo;
                while on <= hi {
                    let value = apply(function, &[Value::Date(on)]).unwrap_or(Value::UNKNOWN);
                    assert!(
                        within(&value, &bounds),
                        "{} of {on}: {value:?} outside {bounds:?}",
                        function.name()
                    );
                    on = on.succ_opt().unwrap_or(hi + chrono::Days::new(1));
                }
            }
        }
    }

    #[test]
    fn a_day_is_made_of_its_parts_or_refused() {
        let n = |x: i64| Value::Number(Decimal::from(x));
        assert_eq!(
            date_of_parts(&[n(2024), n(2), n(29)]),
            Ok(Value::Date(day(2024, 2, 29)))
        );
        assert_eq!(
            date_of_parts(&[n(2023), n(2), n(29)]),
            Err(CalendarFault::ImpossibleDay {
                year: 2023,
                month: 2,
                day: Decimal::from(29)
            })
        );
        assert_eq!(
            date_of_parts(&[n(2023), n(0), n(1)]),
            Err(CalendarFault::NoSuchMonth {
                month: Decimal::ZERO
            })
        );
        assert_eq!(
            date_of_parts(&[n(1_000_000), n(1), n(1)]),
            Err(CalendarFault::BeyondCalendar {
                year: Decimal::from(1_000_000)
            })
        );
        assert_eq!(
            date_of_parts(&[n(2023), n(1), n(-1)]),
            Err(CalendarFault::ImpossibleDay {
                year: 2023,
                month: 1,
                day: Decimal::from(-1)
            })
        );
    }

    /// A date and a count in ranges: every landing they allow lies in the
    /// range of the step.
    #[test]
    fn the_range_of_a_step_holds_every_landing() {
        let dates = (day(2024, 1, 28), day(2024, 3, 31));
        for unit in [
            DurationUnit::Days,
            DurationUnit::Months,
            DurationUnit::Years,
        ] {
            for back in [false, true] {
                let date = Value::Unknown(Bounds {
                    lo: Some(Scalar::Date(dates.0)),
                    hi: Some(Scalar::Date(dates.1)),
                });
                let count = Value::Unknown(Bounds {
                    lo: Some(Scalar::Number(Decimal::from(1))),
                    hi: Some(Scalar::Number(Decimal::from(3))),
                });
                let whole = shift_by(
                    &date,
                    &count,
                    back,
                    unit,
                    Some(Rounding::Down),
                    Span::default(),
                )
                .unwrap_or(Value::UNKNOWN)
                .range();
                let mut on = dates.0;
                while on <= dates.1 {
                    for n in 1..=3 {
                        let value = shift_by(
                            &Value::Date(on),
                            &Value::Number(Decimal::from(n)),
                            back,
                            unit,
                            Some(Rounding::Down),
                            Span::default(),
                        )
                        .unwrap_or(Value::UNKNOWN);
                        assert!(
                            within(&value, &whole),
                            "{on} {n} {unit:?}: {value:?} outside {whole:?}"
                        );
                    }
                    on = on.succ_opt().unwrap_or(dates.1 + chrono::Days::new(1));
                }
            }
        }
    }
}
