//! Dates written in another form than year-month-day: `2024-3-31`,
//! `24-03-31`, `31/03/2024`. Policies, facts files, batch rows and the
//! command line all refuse them with the one code [`DATE_FORM`] and a help
//! line that gives the date as it must be written, when it can be told.

use chrono::NaiveDate;

/// The code of every problem with a date written in another form than
/// `YYYY-MM-DD`, wherever it is written.
pub const DATE_FORM: &str = "provisio::date_form";

/// Why a date-like text is refused, in words.
pub const DATE_FORM_REASON: &str =
    "a date is written with a four-digit year, a two-digit month and a two-digit day";

/// The three runs of digits of a date-like text: digits joined by `-` or `/`,
/// nothing else, such as `2024-3-31`, `31/03/2024` or `10-3-2`.
fn groups(text: &str) -> Option<[&str; 3]> {
    let mut parts = text.split(['-', '/']);
    let groups = [parts.next()?, parts.next()?, parts.next()?];
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && groups.iter().all(|g| digits(g))).then_some(groups)
}

/// Whether a text looks like a date: three runs of digits joined by `-` or
/// `/`, with nothing between them. Two runs (`2024-03`, `10-3`) do not.
pub fn is_date_like(text: &str) -> bool {
    groups(text).is_some()
}

/// The days a date-like text can mean, earliest first: none, one, or two
/// when the order of day and month (`03/04/2024`) or the century of a
/// two-digit year (`24-03-31`) cannot be told.
pub fn meanings(text: &str) -> Vec<NaiveDate> {
    let Some([a, b, c]) = groups(text) else {
        return Vec::new();
    };
    let number = |s: &str| s.parse::<u32>().ok();
    let short = |s: &str| s.len() <= 2;
    let mut candidates: Vec<(Option<u32>, Option<u32>, Option<u32>)> = Vec::new();
    if a.len() == 4 && short(b) && short(c) {
        // Year first, as the standard has it: 2024-3-31.
        candidates.push((number(a), number(b), number(c)));
    } else if c.len() == 4 && short(a) && short(b) {
        // Year last: day then month (31/03/2024), or month then day (03/31/2024).
        candidates.push((number(c), number(b), number(a)));
        candidates.push((number(c), number(a), number(b)));
    } else if a.len() == 2 && short(b) && short(c) {
        // A two-digit year: this century or the last.
        let year = number(a);
        candidates.push((year.map(|y| 2000 + y), number(b), number(c)));
        candidates.push((year.map(|y| 1900 + y), number(b), number(c)));
    }
    let mut days: Vec<NaiveDate> = candidates
        .into_iter()
        .filter_map(|(year, month, day)| {
            let year = i32::try_from(year?).ok()?;
            let in_range = (super::YEARS.0..=super::YEARS.1).contains(&year);
            NaiveDate::from_ymd_opt(year, month?, day?).filter(|_| in_range)
        })
        .collect();
    days.sort();
    days.dedup();
    days
}

/// What to write instead of a date-like text: the date in its one form when
/// it can be told, both when two are possible, or the form alone.
pub fn form_help(text: &str) -> String {
    const FORM: &str = "four-digit year, two-digit month and day";
    let iso = |day: &NaiveDate| day.format("%Y-%m-%d").to_string();
    match meanings(text).as_slice() {
        [one] => format!("write the date as {}: {FORM}", iso(one)),
        [first, second] => format!(
            "write the date as {} or {}, whichever is meant: {FORM}",
            iso(first),
            iso(second)
        ),
        _ => format!("write the date with a {FORM}, such as 2026-03-31"),
    }
}

/// The same digits with spaces around each `-`, when a policy's date-like
/// token may have been meant as subtractions (`10-3-2` for `10 - 3 - 2`):
/// joined by `-` only, and not starting with a four-digit year.
pub fn as_subtraction(text: &str) -> Option<String> {
    let [a, _, _] = groups(text)?;
    (a.len() != 4 && !text.contains('/')).then(|| text.replace('-', " - "))
}

/// Reads a date given as an argument, such as `--at` on the command line or
/// `at=` in Python, as dates are read in policies and facts. The problem
/// points into the argument, named `name`; `example` is how the argument is
/// written with a date, for the help line (`` `--at 2026-03-28` ``).
pub fn date_argument(
    name: &str,
    text: &str,
    example: &str,
) -> Result<NaiveDate, crate::diagnostic::Problem> {
    use crate::diagnostic::Problem;
    super::parse_date(text).map_err(|fault| {
        let source = crate::span::SourceFile::new(name, text);
        let span = crate::span::Span::new(0, text.len());
        let message = format!(
            "`{}` is not a date: {}",
            crate::echo::shorten(text),
            fault.reason()
        );
        let problem = if fault.is_form() {
            Problem::error(DATE_FORM, message, span, "not year-month-day").with_help(fault.help())
        } else {
            Problem::error(
                "provisio::bad_argument",
                message,
                span,
                "expected a date like 2026-03-31",
            )
            .with_help(format!("write the date year-month-day, such as {example}"))
        };
        problem.in_file(&source)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> Vec<String> {
        meanings(text).iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn recognises_date_like_text() {
        for text in ["2024-3-31", "2024-03-1", "24-03-31", "31/03/2024", "10-3-2"] {
            assert!(is_date_like(text), "{text}");
        }
        for text in [
            "2024-03",
            "10-3",
            "2024-03-31T00:00",
            "2024--31",
            "a-1-2",
            "",
        ] {
            assert!(!is_date_like(text), "{text}");
        }
    }

    #[test]
    fn tells_the_day_when_it_can() {
        assert_eq!(days("2024-3-31"), ["2024-03-31"]);
        assert_eq!(days("2024-03-1"), ["2024-03-01"]);
        assert_eq!(days("2024/03/31"), ["2024-03-31"]);
        assert_eq!(days("31-03-2024"), ["2024-03-31"]);
        assert_eq!(days("03/31/2024"), ["2024-03-31"]);
        assert_eq!(days("04/04/2024"), ["2024-04-04"]);
        assert_eq!(days("03/04/2024"), ["2024-03-04", "2024-04-03"]);
        assert_eq!(days("24-03-31"), ["1924-03-31", "2024-03-31"]);
        assert!(days("2024-2-30").is_empty());
        assert!(days("202-03-31").is_empty());
        assert!(days("0000-1-1").is_empty());
        assert!(days("2024-003-1").is_empty());
        assert!(days("99999999999999999999-1-1").is_empty());
    }

    #[test]
    fn says_how_to_write_it() {
        assert_eq!(
            form_help("2024-3-31"),
            "write the date as 2024-03-31: four-digit year, two-digit month and day"
        );
        assert_eq!(
            form_help("03/04/2024"),
            "write the date as 2024-03-04 or 2024-04-03, whichever is meant: four-digit year, two-digit month and day"
        );
        assert_eq!(
            form_help("2024-2-30"),
            "write the date with a four-digit year, two-digit month and day, such as 2026-03-31"
        );
        assert_eq!(as_subtraction("10-3-2").as_deref(), Some("10 - 3 - 2"));
        assert_eq!(as_subtraction("2024-3-31"), None);
        assert_eq!(as_subtraction("31/03/2024"), None);
    }
}
