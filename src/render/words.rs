//! Values in words, as a person writes them: dates as "26 March 2026",
//! enumeration values with spaces, unknown values with what is known of them.

use chrono::{Datelike, NaiveDate};

use crate::model::Model;
use crate::value::{Bounds, Scalar, Value};

const MONTHS: [&str; 12] = [
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

/// A date as a person writes it: `26 March 2026`.
pub fn human_date(date: NaiveDate) -> String {
    let month = MONTHS.get(date.month0() as usize).copied().unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}

fn scalar_words(scalar: Scalar) -> String {
    match scalar {
        Scalar::Date(d) => human_date(d),
        Scalar::Number(n) => n.normalize().to_string(),
    }
}

/// What is known of an unknown value, such as "on or before 31 March 2026";
/// `None` when nothing is.
pub fn bounds_words(bounds: &Bounds) -> Option<String> {
    let is_date =
        matches!(bounds.lo, Some(Scalar::Date(_))) || matches!(bounds.hi, Some(Scalar::Date(_)));
    let (at_least, at_most) = if is_date {
        ("on or after", "on or before")
    } else {
        ("at least", "at most")
    };
    match (bounds.lo, bounds.hi) {
        (Some(lo), Some(hi)) => Some(format!(
            "between {} and {}",
            scalar_words(lo),
            scalar_words(hi)
        )),
        (Some(lo), None) => Some(format!("{at_least} {}", scalar_words(lo))),
        (None, Some(hi)) => Some(format!("{at_most} {}", scalar_words(hi))),
        (None, None) => None,
    }
}

/// A value in words: `26 March 2026`, `outside scope`, `true`.
pub fn value_words(model: &Model, value: &Value) -> String {
    match value {
        Value::Date(d) => human_date(*d),
        Value::Enum(id, index) => model.enum_value_name(*id, *index).replace('_', " "),
        Value::Text(t) => t.to_string(),
        Value::Unknown(bounds) => match bounds_words(bounds) {
            Some(words) => format!("undetermined ({words})"),
            None => String::from("undetermined"),
        },
        other => model.format_value(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_dates_as_people_do() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 26).unwrap_or_default();
        assert_eq!(human_date(date), "26 March 2026");
    }
}
