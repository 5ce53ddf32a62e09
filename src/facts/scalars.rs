//! Reading dates and exact numbers from what the parsers give.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateFault {
    /// Not of the form `YYYY-MM-DD`.
    Shape,
    /// Of that form, but no such day: the reason, such as
    /// `there is no 30 February 2026`.
    NoSuchDay(String),
}

/// Reads a date written `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, DateFault> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(DateFault::Shape);
    }
    let part = |range: std::ops::Range<usize>| {
        text.get(range)
            .and_then(|s| s.parse::<u32>().ok())
            .ok_or(DateFault::Shape)
    };
    let year = i32::try_from(part(0..4)?).map_err(|_| DateFault::Shape)?;
    let month = part(5..7)?;
    let day = part(8..10)?;
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        return Ok(date);
    }
    let reason = match month
        .checked_sub(1)
        .and_then(|m| crate::eval::calendar::MONTH_NAMES.get(m as usize))
    {
        None => format!("there is no month {month}"),
        Some(_) if day == 0 => "there is no day 0".to_string(),
        Some(name) => format!("there is no {day} {name} {year}"),
    };
    Err(DateFault::NoSuchDay(reason))
}

/// Why a value is not an exact number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberFault {
    /// Not written as a number.
    Shape,
    /// A number, but too large, too small or too precise for an exact decimal.
    Range,
}

/// An integer as an exact decimal.
pub(crate) fn from_int(value: i128) -> Result<Decimal, NumberFault> {
    Decimal::try_from_i128_with_scale(value, 0).map_err(|_| NumberFault::Range)
}

/// A parsed floating-point number as an exact decimal, through its shortest
/// decimal text (so `2.5` stays 2.5 and `0.1` stays 0.1).
pub(crate) fn from_float(value: f64) -> Result<Decimal, NumberFault> {
    if !value.is_finite() {
        return Err(NumberFault::Shape);
    }
    Decimal::from_str_exact(&value.to_string()).map_err(|_| NumberFault::Range)
}

/// A number written as text, such as `"12.50"`, exactly as written.
pub(crate) fn from_text(text: &str) -> Result<Decimal, NumberFault> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !fraction.is_none_or(all_digits) {
        return Err(NumberFault::Shape);
    }
    let text = text.strip_prefix('+').unwrap_or(text);
    Decimal::from_str_exact(text).map_err(|_| NumberFault::Range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn reads_dates_strictly() {
        assert_eq!(parse_date("2026-03-31").ok(), date(2026, 3, 31));
        assert_eq!(parse_date("31/03/2026"), Err(DateFault::Shape));
        assert_eq!(parse_date("2026-3-31"), Err(DateFault::Shape));
        assert_eq!(parse_date("2026-03-31T00:00:00"), Err(DateFault::Shape));
        assert_eq!(parse_date("２０２６-03-31"), Err(DateFault::Shape));
        assert_eq!(parse_date(""), Err(DateFault::Shape));
    }

    #[test]
    fn explains_days_that_do_not_exist() {
        let reason = |s: &str| match parse_date(s) {
            Err(DateFault::NoSuchDay(r)) => r,
            other => format!("{other:?}"),
        };
        assert_eq!(reason("2026-02-30"), "there is no 30 February 2026");
        assert_eq!(reason("2025-02-29"), "there is no 29 February 2025");
        assert_eq!(parse_date("2024-02-29").ok(), date(2024, 2, 29));
        assert_eq!(reason("2026-13-01"), "there is no month 13");
        assert_eq!(reason("2026-00-01"), "there is no month 0");
        assert_eq!(reason("2026-04-00"), "there is no day 0");
        assert_eq!(reason("2026-04-31"), "there is no 31 April 2026");
    }

    #[test]
    fn reads_exact_numbers() {
        let exact = |s: &str| Decimal::from_str_exact(s).ok();
        assert_eq!(from_text("12.50").ok(), exact("12.50"));
        assert_eq!(
            from_text("12.50").map(|d| d.to_string()).ok(),
            Some("12.50".into())
        );
        assert_eq!(from_text("-3").ok(), exact("-3"));
        assert_eq!(from_text("+3").ok(), exact("3"));
        assert_eq!(from_text("1e5"), Err(NumberFault::Shape));
        assert_eq!(from_text("12."), Err(NumberFault::Shape));
        assert_eq!(from_text(".5"), Err(NumberFault::Shape));
        assert_eq!(from_text("1_000"), Err(NumberFault::Shape));
        assert_eq!(from_text(&"9".repeat(40)), Err(NumberFault::Range));
        assert_eq!(from_float(2.5).ok(), exact("2.5"));
        assert_eq!(from_float(0.1).ok(), exact("0.1"));
        assert_eq!(from_float(f64::NAN), Err(NumberFault::Shape));
        assert_eq!(from_float(1e300), Err(NumberFault::Range));
        assert_eq!(from_int(i128::MAX), Err(NumberFault::Range));
        assert_eq!(from_int(42).ok(), exact("42"));
    }
}
