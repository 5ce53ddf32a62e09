//! Calendar forms of resolved expressions: the calendar functions, a date
//! moved by a computed count of units, and the days of several periods.

use crate::ast::{DurationUnit, Rounding};

use super::Expr;

/// A built-in calendar function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarFn {
    /// `year_of(d)`: the year, a whole number.
    YearOf,
    /// `month_of(d)`: the month, 1 to 12.
    MonthOf,
    /// `day_of(d)`: the day of the month, 1 to 31.
    DayOf,
    /// `start_of_year(d)`: 1 January of its year.
    StartOfYear,
    /// `end_of_year(d)`: 31 December of its year.
    EndOfYear,
    /// `start_of_month(d)`: the first day of its month.
    StartOfMonth,
    /// `end_of_month(d)`: the last day of its month.
    EndOfMonth,
    /// `date(y, m, d)`: the day of three whole numbers.
    Date,
}

impl CalendarFn {
    /// Every calendar function, in the order the documentation lists them.
    pub const ALL: [CalendarFn; 8] = [
        CalendarFn::YearOf,
        CalendarFn::MonthOf,
        CalendarFn::DayOf,
        CalendarFn::StartOfYear,
        CalendarFn::EndOfYear,
        CalendarFn::StartOfMonth,
        CalendarFn::EndOfMonth,
        CalendarFn::Date,
    ];

    /// The function's name as a policy writes it.
    pub fn name(self) -> &'static str {
        match self {
            CalendarFn::YearOf => "year_of",
            CalendarFn::MonthOf => "month_of",
            CalendarFn::DayOf => "day_of",
            CalendarFn::StartOfYear => "start_of_year",
            CalendarFn::EndOfYear => "end_of_year",
            CalendarFn::StartOfMonth => "start_of_month",
            CalendarFn::EndOfMonth => "end_of_month",
            CalendarFn::Date => "date",
        }
    }

    /// The function of that name, if it is one.
    pub fn named(name: &str) -> Option<CalendarFn> {
        CalendarFn::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether it gives a date (otherwise a whole number).
    pub fn gives_date(self) -> bool {
        !matches!(
            self,
            CalendarFn::YearOf | CalendarFn::MonthOf | CalendarFn::DayOf
        )
    }
}

/// A date moved by a computed count of units: `as_of + n months`.
#[derive(Debug, Clone)]
pub struct ShiftBy {
    /// The date moved.
    pub date: Expr,
    /// How many units: a whole number.
    pub count: Expr,
    /// Taken from the date (`-`) rather than added.
    pub back: bool,
    /// The unit.
    pub unit: DurationUnit,
    /// How a month or year step that lands on a missing day is rounded;
    /// `None`: such a step is an error.
    pub rounding: Option<Rounding>,
}

/// The days of several periods that fall within a window, each day counted
/// once however many periods hold it.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// `of p in L`: the slot the element takes, and the list; the periods
    /// are then read once for each element.
    pub each: Option<(u32, Expr)>,
    /// Each period's first and last day; a last day that is none means the
    /// period is still running, to the window's end.
    pub periods: Box<[(Expr, Expr)]>,
    /// The window's first day.
    pub window_from: Expr,
    /// The window's last day.
    pub window_to: Expr,
}
