//! Calendar arithmetic: moving a date by days, weeks, months or years, and
//! counting whole units between two dates.
//!
//! Days and weeks always land on a date. Months and years keep the day of
//! the month, and that day may not exist in the target month (31 January +
//! 1 month, 29 February + 1 year): the result is then [`Shift::Missing`], and
//! the policy must say how to round it.

use chrono::{Datelike, Days, NaiveDate};

use crate::ast::{DurationUnit, Rounding};

/// The English names of the months, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of a month numbered 1 to 12, or the empty string.
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|m| MONTH_NAMES.get(m as usize))
        .copied()
        .unwrap_or("")
}

/// "31 February 2026": a day written as a person writes it, whether or not it exists.
pub fn day_words(year: i32, month: u32, day: u32) -> String {
    format!("{day} {} {year}", month_name(month))
}

/// Where a date lands when moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// A date that exists.
    Exact(NaiveDate),
    /// A day that the target month does not have: year, month (1-12), day.
    Missing(i32, u32, u32),
    /// Beyond the calendar's range.
    OutOfRange,
}

/// The number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

/// `date` moved by `amount` units (negative: back in time).
pub fn shift(date: NaiveDate, amount: i64, unit: DurationUnit) -> Shift {
    let days = match unit {
        DurationUnit::Days => Some(amount),
        DurationUnit::Weeks => amount.checked_mul(7),
        DurationUnit::Months | DurationUnit::Years => None,
    };
    if let Some(days) = days {
        let moved = if days >= 0 {
            date.checked_add_days(Days::new(days.unsigned_abs()))
        } else {
            date.checked_sub_days(Days::new(days.unsigned_abs()))
        };
        return moved.map_or(Shift::OutOfRange, Shift::Exact);
    }
    let months = if unit == DurationUnit::Years {
        amount.checked_mul(12)
    } else {
        Some(amount)
    };
    let Some(total) = months
        .and_then(|m| (i64::from(date.year()) * 12 + i64::from(date.month0())).checked_add(m))
    else {
        return Shift::OutOfRange;
    };
    let Ok(year) = i32::try_from(total.div_euclid(12)) else {
        return Shift::OutOfRange;
    };
    let month = total.rem_euclid(12) as u32 + 1;
    match NaiveDate::from_ymd_opt(year, month, date.day()) {
        Some(exact) => Shift::Exact(exact),
        None if NaiveDate::from_ymd_opt(year, month, 1).is_some() => {
            Shift::Missing(year, month, date.day())
        }
        None => Shift::OutOfRange,
    }
}

/// A missing day rounded as the policy says: down to the month's last day,
/// or up to the next month's first.
pub fn round(year: i32, month: u32, rounding: Rounding) -> Option<NaiveDate> {
    let last = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))?;
    match rounding {
        Rounding::Down => Some(last),
        Rounding::Up => last.succ_opt(),
    }
}

/// The number of whole units from `from` to `to`; negative when `to` is earlier.
/// A month is whole when `to` reaches the same day of the month as `from`,
/// or the last day of a month that has no such day (so 29 February 2024 to
/// 28 February 2025 is one whole year).
pub fn between(from: NaiveDate, to: NaiveDate, unit: DurationUnit) -> i64 {
    if to < from {
        return -between(to, from, unit);
    }
    let days = (to - from).num_days();
    match unit {
        DurationUnit::Days => days,
        DurationUnit::Weeks => days / 7,
        DurationUnit::Months | DurationUnit::Years => {
            let mut months = (i64::from(to.year()) - i64::from(from.year())) * 12
                + (i64::from(to.month()) - i64::from(from.month()));
            let last_of_month = to.day() == days_in_month(to.year(), to.month());
            if to.day() < from.day() && !last_of_month {
                months -= 1;
            }
            if unit == DurationUnit::Years {
                months / 12
            } else {
                months
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn months_keep_the_day_or_report_it_missing() {
        assert_eq!(
            shift(date(2026, 1, 15), 1, DurationUnit::Months),
            Shift::Exact(date(2026, 2, 15))
        );
        assert_eq!(
            shift(date(2026, 1, 31), 1, DurationUnit::Months),
            Shift::Missing(2026, 2, 31)
        );
        assert_eq!(
            shift(date(2026, 3, 31), -1, DurationUnit::Months),
            Shift::Missing(2026, 2, 31)
        );
        assert_eq!(
            shift(date(2026, 12, 31), 2, DurationUnit::Months),
            Shift::Missing(2027, 2, 31)
        );
        assert_eq!(
            shift(date(2024, 2, 29), 1, DurationUnit::Years),
            Shift::Missing(2025, 2, 29)
        );
        assert_eq!(
            shift(date(2024, 2, 29), 4, DurationUnit::Years),
            Shift::Exact(date(2028, 2, 29))
        );
    }

    #[test]
    fn rounding_goes_to_the_month_end_or_the_next_month() {
        assert_eq!(round(2026, 2, Rounding::Down), Some(date(2026, 2, 28)));
        assert_eq!(round(2026, 2, Rounding::Up), Some(date(2026, 3, 1)));
        assert_eq!(round(2028, 2, Rounding::Down), Some(date(2028, 2, 29)));
    }

    #[test]
    fn days_and_weeks_cross_months_and_years() {
        assert_eq!(
            shift(date(2026, 3, 26), 30, DurationUnit::Days),
            Shift::Exact(date(2026, 4, 25))
        );
        assert_eq!(
            shift(date(2026, 1, 1), -1, DurationUnit::Days),
            Shift::Exact(date(2025, 12, 31))
        );
        assert_eq!(
            shift(date(2024, 2, 22), 1, DurationUnit::Weeks),
            Shift::Exact(date(2024, 2, 29))
        );
    }

    #[test]
    fn whole_units_between_dates() {
        assert_eq!(
            between(date(2024, 3, 2), date(2026, 3, 31), DurationUnit::Days),
            759
        );
        assert_eq!(
            between(date(2026, 3, 31), date(2024, 3, 2), DurationUnit::Days),
            -759
        );
        assert_eq!(
            between(date(2026, 1, 31), date(2026, 2, 28), DurationUnit::Months),
            1
        );
        assert_eq!(
            between(date(2026, 1, 15), date(2026, 2, 14), DurationUnit::Months),
            0
        );
        assert_eq!(
            between(date(2024, 2, 29), date(2025, 2, 28), DurationUnit::Years),
            1
        );
        assert_eq!(
            between(date(2024, 2, 29), date(2025, 2, 27), DurationUnit::Years),
            0
        );
        assert_eq!(
            between(date(2000, 6, 15), date(2026, 6, 14), DurationUnit::Years),
            25
        );
    }
}
