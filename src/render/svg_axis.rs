//! The date axis of a timeline picture: ticks at days, months or years,
//! whichever the range asks for, so that any range has dated labels (a
//! ten-day range has each day, a two-month range every fifth day, thirty
//! years each year).

use chrono::{Datelike, NaiveDate};

/// How far apart ticks fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Every day.
    Day,
    /// Days of the month: 1, 1 + n, 1 + 2n... (n = 2, 5, 7 or 15).
    Days(u32),
    /// The first day of every n-th month, counted from January.
    Months(u32),
    /// The first of January of every n-th year.
    Years(i32),
}

/// A tick: its day, its label, and a second label under it (the month and
/// year at the first tick of a month, the year at the first of a year),
/// if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// The day the tick marks the start of.
    pub day: NaiveDate,
    /// Its label.
    pub label: String,
    /// The label under it, naming the larger unit where it changes.
    pub under: Option<String>,
}

/// The least room, in pixels, between two ticks for each kind of label.
fn spacing(step: Step) -> f64 {
    match step {
        Step::Day | Step::Days(_) => 46.0,
        Step::Months(_) => 36.0,
        Step::Years(_) => 32.0,
    }
}

/// The days that are ticks of `step` from `from` to `to`, inclusive, at
/// most `limit` of them (`None` when there would be more).
fn days_of(step: Step, from: NaiveDate, to: NaiveDate, limit: usize) -> Option<Vec<NaiveDate>> {
    let mut days = Vec::new();
    let mut push = |day: NaiveDate| {
        if day >= from && day <= to {
            days.push(day);
        }
        days.len() <= limit
    };
    match step {
        Step::Day => {
            let mut day = from;
            while day <= to {
                if !push(day) {
                    return None;
                }
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        Step::Days(n) => {
            let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1)?;
            while month <= to {
                let mut d = 1;
                while let Some(day) = month.with_day(d) {
                    // The last tick of a month not too close to the next first.
                    if d + n / 2 > 31 || (d > 1 && month.with_day(d + n / 2).is_none()) {
                        break;
                    }
                    if !push(day) {
                        return None;
                    }
                    d += n;
                }
                month = month.checked_add_months(chrono::Months::new(1))?;
            }
        }
        Step::Months(n) => {
            let mut month = NaiveDate::from_ymd_opt(from.year(), 1, 1)?;
            while month <= to {
                if (month.month() - 1) % n == 0 && !push(month) {
                    return None;
                }
                month = month.checked_add_months(chrono::Months::new(1))?;
            }
        }
        Step::Years(n) => {
            let first = from.year() - from.year().rem_euclid(n);
            let mut year = first;
            while let Some(day) = NaiveDate::from_ymd_opt(year, 1, 1) {
                if day > to {
                    break;
                }
                if !push(day) {
                    return None;
                }
                year += n;
            }
        }
    }
    Some(days)
}

/// The finest step whose ticks have room on an axis `width` pixels wide
/// over the range, with their days.
fn choose(from: NaiveDate, to: NaiveDate, width: f64) -> (Step, Vec<NaiveDate>) {
    let steps = [
        Step::Day,
        Step::Days(2),
        Step::Days(5),
        Step::Days(7),
        Step::Days(15),
        Step::Months(1),
        Step::Months(2),
        Step::Months(3),
        Step::Months(6),
        Step::Years(1),
        Step::Years(2),
        Step::Years(5),
        Step::Years(10),
        Step::Years(20),
        Step::Years(50),
        Step::Years(100),
        Step::Years(200),
        Step::Years(500),
    ];
    for step in steps {
        let limit = (width / spacing(step)).floor().max(1.0) as usize;
        if let Some(days) = days_of(step, from, to, limit) {
            // A step with no tick inside the range says nothing: a finer
            // one had too many; a range of under a day never gets here.
            if !days.is_empty() {
                return (step, days);
            }
        }
    }
    (Step::Years(1000), vec![from])
}

/// The ticks of an axis `width` pixels wide over the range, in English.
pub fn ticks(from: NaiveDate, to: NaiveDate, width: f64) -> (Step, Vec<Tick>) {
    ticks_in(from, to, width, crate::locale::Lang::En.words())
}

/// The ticks of an axis, their months named in a language.
pub fn ticks_in(
    from: NaiveDate,
    to: NaiveDate,
    width: f64,
    words: &crate::locale::Words,
) -> (Step, Vec<Tick>) {
    let (step, days) = choose(from, to, width);
    let mut ticks = Vec::with_capacity(days.len());
    let mut last: Option<NaiveDate> = None;
    for day in days {
        let (label, under) = match step {
            Step::Day | Step::Days(_) => {
                let new_month =
                    last.is_none_or(|l| (l.year(), l.month()) != (day.year(), day.month()));
                (
                    day.day().to_string(),
                    new_month.then(|| words.month_year(day.year(), day.month())),
                )
            }
            Step::Months(_) => {
                let new_year = last.is_none_or(|l| l.year() != day.year());
                (
                    words
                        .timelines
                        .months_short
                        .get(day.month0() as usize)
                        .copied()
                        .unwrap_or_default()
                        .to_string(),
                    new_year.then(|| day.year().to_string()),
                )
            }
            Step::Years(_) => (day.year().to_string(), None),
        };
        ticks.push(Tick { day, label, under });
        last = Some(day);
    }
    (step, ticks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn each_range_gets_the_step_it_asks_for() {
        let (step, ticks_10) = ticks(date("2026-03-20"), date("2026-03-29"), 1000.0);
        assert_eq!(step, Step::Day);
        assert_eq!(ticks_10.len(), 10);
        assert_eq!(ticks_10[0].under.as_deref(), Some("March 2026"));
        let (step, _) = ticks(date("2026-03-01"), date("2026-04-30"), 1000.0);
        assert_eq!(step, Step::Days(5));
        let (step, years) = ticks(date("1998-01-01"), date("2027-12-31"), 1000.0);
        assert_eq!(step, Step::Years(1));
        assert_eq!(years.len(), 30);
        let (step, _) = ticks(date("2024-03-02"), date("2027-12-31"), 1000.0);
        assert_eq!(step, Step::Months(2));
    }
}
