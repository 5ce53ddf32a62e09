//! Reading dates and exact numbers from what the parsers give.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The first and last years a date may have: four digits, from 0001.
pub const YEARS: (i32, i32) = (1, 9999);

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFault {
    /// Not of the form `YYYY-MM-DD`, nor like a date at all: `tomorrow`.
    Shape,
    /// Like a date but not of the form `YYYY-MM-DD`: `2024-3-31`,
    /// `31/03/2024`. Holds what to write instead (see
    /// [`crate::facts::form_help`]).
    Form(String),
    /// Of that form but for the year, which is outside 0001 to 9999: the
    /// year as written, sign and all (`+10000`, `-262144`, `0000`).
    OutOfRange(String),
    /// Of that form, but no such day: the reason, such as
    /// `there is no 30 February 2026`.
    NoSuchDay(String),
}

impl DateFault {
    /// Why the text is not a date, in words.
    pub fn reason(&self) -> String {
        match self {
            DateFault::Shape => "a date is written year-month-day, such as 2026-03-31".to_string(),
            DateFault::Form(_) => super::date_form::DATE_FORM_REASON.to_string(),
            DateFault::OutOfRange(year) => format!(
                "the year {} is out of range; years run from 0001 to 9999",
                crate::echo::shorten(year)
            ),
            DateFault::NoSuchDay(reason) => reason.clone(),
        }
    }

    /// What to write instead.
    pub fn help(&self) -> String {
        match self {
            DateFault::Shape => "write the date year-month-day, such as 2026-03-31".to_string(),
            DateFault::Form(help) => help.clone(),
            DateFault::OutOfRange(_) => {
                "dates run from 0001-01-01 to 9999-12-31, written year-month-day, such as 2026-03-31"
                    .to_string()
            }
            DateFault::NoSuchDay(_) => "check the day and the month".to_string(),
        }
    }

    /// Whether the text is like a date written in another form than
    /// year-month-day: a problem with the code [`crate::facts::DATE_FORM`]
    /// in policies, facts and on the command line alike.
    pub fn is_form(&self) -> bool {
        matches!(self, DateFault::Form(_))
    }
}

/// Reads a date written `YYYY-MM-DD`, with a year from 0001 to 9999: the one
/// reading of dates for the command line, facts, policies and batch rows.
/// A year written with a sign or more than four digits is out of range, and
/// said to be so with the sign kept. A text like a date in another form
/// (`2024-3-31`, `31/03/2024`) is [`DateFault::Form`], with what to write.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateFault> {
    match parse_iso_date(text) {
        Err(DateFault::Shape) if super::date_form::is_date_like(text) => {
            Err(DateFault::Form(super::date_form::form_help(text)))
        }
        other => other,
    }
}

/// Reads a date written `YYYY-MM-DD`, or says why the text is not one.
fn parse_iso_date(text: &str) -> Result<NaiveDate, DateFault> {
    let (sign, unsigned) = match text.as_bytes().first() {
        Some(b'+' | b'-') => text.split_at(1),
        _ => ("", text),
    };
    let Some((year_digits, month_day)) = unsigned.split_once('-') else {
        return Err(DateFault::Shape);
    };
    let b = month_day.as_bytes();
    let shape_ok = year_digits.len() >= 4
        && year_digits.bytes().all(|c| c.is_ascii_digit())
        && b.len() == 5
        && b.iter().enumerate().all(|(i, c)| match i {
            2 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(DateFault::Shape);
    }
    let significant = year_digits.trim_start_matches('0');
    let year = match significant.parse::<i32>() {
        Ok(year) if sign != "-" && (YEARS.0..=YEARS.1).contains(&year) => year,
        // `0000`, `-0001`, `+10000`, `123456789012`: a year, outside the range.
        _ if significant.len() >= 4 || year_digits.len() == 4 || sign == "-" => {
            return Err(DateFault::OutOfRange(format!("{sign}{year_digits}")));
        }
        _ => return Err(DateFault::Shape),
    };
    if !sign.is_empty() || year_digits.len() != 4 {
        // `+2026-03-31` or `02026-03-31`: a year in range, written otherwise.
        return Err(DateFault::Shape);
    }
    let part = |range: std::ops::Range<usize>| {
        month_day
            .get(range)
            .and_then(|s| s.parse::<u32>().ok())
            .ok_or(DateFault::Shape)
    };
    let month = part(0..2)?;
    let day = part(3..5)?;
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        return Ok(date);
    }
    let reason = match month
        .checked_sub(1)
        .and_then(|m| crate::calendar::MONTH_NAMES.get(m as usize))
    {
        None => format!("there is no month {month}; months run from 01 to 12"),
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
    /// A number too large for an exact decimal: more than 28 or so digits
    /// before the point.
    TooLarge,
    /// A number with more significant digits, or more decimal places, than
    /// an exact decimal holds (28): `1e-400`, `0.1000000000000000000000000000001`.
    TooPrecise,
}

/// The digits of the largest exact number, `Decimal::MAX`.
const LARGEST_DIGITS: &str = "79228162514264337593543950335";

/// The most decimal places an exact number has.
const MAX_SCALE: i64 = 28;

/// An integer as an exact decimal.
pub(crate) fn from_int(value: i128) -> Result<Decimal, NumberFault> {
    Decimal::try_from_i128_with_scale(value, 0).map_err(|_| NumberFault::TooLarge)
}

/// A parsed floating-point number as an exact decimal, through its shortest
/// decimal text (so `2.5` stays 2.5 and `0.1` stays 0.1): only for a number
/// whose text could not be found, which should not happen.
pub(crate) fn from_float(value: f64) -> Result<Decimal, NumberFault> {
    if !value.is_finite() {
        return Err(NumberFault::Shape);
    }
    Decimal::from_str_exact(&value.to_string()).map_err(|_| NumberFault::TooLarge)
}

/// A number written as text, such as `"12.50"`, exactly as written: digits,
/// a sign and a point, no exponent.
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
    exact(text.starts_with('-'), whole, fraction.unwrap_or(""), 0)
}

/// A number as a JSON, YAML or TOML file writes it (`2.50`, `-1.5e3`,
/// `1_000.25`, `.5`), exactly: never rounded. `inf` and `nan` are not
/// numbers here.
pub(crate) fn from_literal(text: &str) -> Result<Decimal, NumberFault> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    // TOML writes `1_000.5`; the parser has checked where the `_` stand.
    let mantissa = mantissa.replace('_', "");
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((&mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !digits(whole) || !digits(fraction) {
        return Err(NumberFault::Shape);
    }
    let exponent = match exponent.map(|e| e.replace('_', "")) {
        None => 0,
        Some(e) => {
            let magnitude = e.strip_prefix(['-', '+']).unwrap_or(&e);
            if magnitude.is_empty() || !digits(magnitude) {
                return Err(NumberFault::Shape);
            }
            // An exponent beyond any decimal's range is as good as infinite.
            let value = magnitude
                .parse::<i64>()
                .unwrap_or(i64::MAX / 4)
                .min(i64::MAX / 4);
            if e.starts_with('-') { -value } else { value }
        }
    };
    exact(text.starts_with('-'), whole, fraction, exponent)
}

/// The exact decimal `±whole.fraction × 10^exponent`, or why there is none.
fn exact(
    negative: bool,
    whole: &str,
    fraction: &str,
    exponent: i64,
) -> Result<Decimal, NumberFault> {
    let all = format!("{whole}{fraction}");
    let significant = all.trim_start_matches('0');
    if significant.is_empty() {
        // Zero, with the places written (`0.00`), whatever the exponent.
        let places = fraction.len().min(MAX_SCALE as usize) as u32;
        return Ok(Decimal::new(0, places));
    }
    let mut scale = i64::try_from(fraction.len()).unwrap_or(i64::MAX / 4) - exponent;
    let mut significant = significant.to_string();
    // Digits before the point: too many of them and no decimal is that large.
    let before_point = i64::try_from(significant.len()).unwrap_or(i64::MAX / 4) - scale;
    // 29 digits before the point: too large when they exceed the largest.
    let whole_part = significant.get(..29).unwrap_or("");
    if before_point > 29 || (before_point == 29 && whole_part > LARGEST_DIGITS) {
        return Err(NumberFault::TooLarge);
    }
    if scale < 0 {
        significant.push_str(&"0".repeat(usize::try_from(-scale).unwrap_or(0)));
        scale = 0;
    }
    // Trailing zeros beyond the places or digits a decimal keeps say
    // nothing: `1e-28` with 40 places, or the largest number written `.00`.
    while (scale > MAX_SCALE || (scale > 0 && significant.len() > 29)) && significant.ends_with('0')
    {
        significant.pop();
        scale -= 1;
    }
    if scale > MAX_SCALE || significant.len() > 29 {
        return Err(NumberFault::TooPrecise);
    }
    let mantissa = significant
        .parse::<i128>()
        .map_err(|_| NumberFault::TooPrecise)?;
    let mantissa = if negative { -mantissa } else { mantissa };
    // `scale` is within 0..=28 here.
    Decimal::try_from_i128_with_scale(mantissa, scale as u32).map_err(|_| {
        if before_point >= 29 {
            NumberFault::TooLarge
        } else {
            NumberFault::TooPrecise
        }
    })
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
        assert!(parse_date("31/03/2026").is_err_and(|f| f.is_form()));
        assert!(parse_date("2026-3-31").is_err_and(|f| f.is_form()));
        assert_eq!(parse_date("2026-03-31T00:00:00"), Err(DateFault::Shape));
        assert_eq!(parse_date("２０２６-03-31"), Err(DateFault::Shape));
        assert_eq!(parse_date(""), Err(DateFault::Shape));
        assert_eq!(parse_date("+2026-03-31"), Err(DateFault::Shape));
        assert!(parse_date("02026-03-31").is_err_and(|f| f.is_form()));
        assert_eq!(parse_date("-03-31"), Err(DateFault::Shape));
        assert_eq!(parse_date("9999-12-31").ok(), date(9999, 12, 31));
        assert_eq!(parse_date("0001-01-01").ok(), date(1, 1, 1));
    }

    #[test]
    fn refuses_years_out_of_range_keeping_the_sign() {
        let year = |s: &str| match parse_date(s) {
            Err(DateFault::OutOfRange(year)) => year,
            other => format!("{other:?}"),
        };
        assert_eq!(year("+10000-01-01"), "+10000");
        assert_eq!(year("10000-01-01"), "10000");
        assert_eq!(year("-262144-01-01"), "-262144");
        assert_eq!(year("-0001-01-01"), "-0001");
        assert_eq!(year("0000-01-01"), "0000");
        assert_eq!(year("99999999999999999999-01-01"), "99999999999999999999");
        assert_eq!(
            parse_date("+10000-01-01").map_err(|f| f.reason()),
            Err("the year +10000 is out of range; years run from 0001 to 9999".to_string())
        );
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
        assert_eq!(
            reason("2026-13-01"),
            "there is no month 13; months run from 01 to 12"
        );
        assert_eq!(
            reason("2026-00-01"),
            "there is no month 0; months run from 01 to 12"
        );
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
        assert_eq!(from_text(&"9".repeat(40)), Err(NumberFault::TooLarge));
        assert_eq!(from_float(2.5).ok(), exact("2.5"));
        assert_eq!(from_float(f64::NAN), Err(NumberFault::Shape));
        assert_eq!(from_int(i128::MAX), Err(NumberFault::TooLarge));
        assert_eq!(from_int(42).ok(), exact("42"));
    }

    #[test]
    fn reads_literals_exactly_or_not_at_all() {
        let exact = |s: &str| Decimal::from_str_exact(s).ok();
        let read = |s: &str| from_literal(s).map(|d| d.to_string());
        assert_eq!(read("2.50"), Ok("2.50".into()));
        assert_eq!(read("-1.5e3"), Ok("-1500".into()));
        assert_eq!(read("1E-2"), Ok("0.01".into()));
        assert_eq!(read("+.5"), Ok("0.5".into()));
        assert_eq!(read("1_000.25"), Ok("1000.25".into()));
        assert_eq!(read("0e-400"), Ok("0".into()));
        assert_eq!(read("0.0"), Ok("0.0".into()));
        // Exact to the last of 28 digits, where an f64 keeps 17.
        let long = "1234567890.123456789012345678";
        assert_eq!(from_literal(long).ok(), exact(long));
        assert_eq!(
            read("79228162514264337593543950335"),
            Ok("79228162514264337593543950335".into())
        );
        assert_eq!(read("1e-400"), Err(NumberFault::TooPrecise));
        assert_eq!(read("1e-29"), Err(NumberFault::TooPrecise));
        assert_eq!(read("1e-28"), Ok("0.0000000000000000000000000001".into()));
        assert_eq!(
            read("0.10000000000000000000000000000000"),
            Ok("0.1000000000000000000000000000".into())
        );
        assert_eq!(
            read("0.1000000000000000000000000000001"),
            Err(NumberFault::TooPrecise)
        );
        assert_eq!(read(&"1".repeat(40)), Err(NumberFault::TooLarge));
        assert_eq!(
            read("79228162514264337593543950336"),
            Err(NumberFault::TooLarge)
        );
        assert_eq!(read("1e400"), Err(NumberFault::TooLarge));
        // Too large whatever the places written after the point.
        assert_eq!(
            read("79228162514264337593543950336.00"),
            Err(NumberFault::TooLarge)
        );
        assert_eq!(
            read("79228162514264337593543950335.00"),
            Ok("79228162514264337593543950335".into())
        );
        assert_eq!(
            read("79228162514264337593543950334.5"),
            Err(NumberFault::TooPrecise)
        );
        assert_eq!(read("1e99999999999999999999"), Err(NumberFault::TooLarge));
        assert_eq!(
            read("1e-99999999999999999999"),
            Err(NumberFault::TooPrecise)
        );
        assert_eq!(read(".inf"), Err(NumberFault::Shape));
        assert_eq!(read("nan"), Err(NumberFault::Shape));
        assert_eq!(read("1e"), Err(NumberFault::Shape));
    }
}
