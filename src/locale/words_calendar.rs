//! The words of the calendar, in explanations and in residual conditions:
//! what `year_of(d)` and its kin give, a date moved by a computed count,
//! the whole units between two dates, and the days of periods that fall
//! within a window.
//!
//! Each is a template for [`Words::fill`](super::Words::fill): `{x}` for
//! the one thing a phrase names, `{l}` and `{r}` for the two ends of a
//! span, `{v}` for a count; `date(y, m, d)` has `{y}`, `{m}` and `{d}`.
//! Where French and Spanish agree an adjective or a verb with a unit or a
//! count, the table gives one template per unit or for one and for several;
//! English does too where its verb and noun agree with a count of one
//! ("1 of the days ... falls within").

use crate::ast::DurationUnit;
use crate::model::calendar::CalendarFn;

/// The calendar's words in one language.
#[derive(Debug, Clone, Copy)]
pub struct CalendarWords {
    /// What each calendar function gives, `{x}` its argument, in the order
    /// of [`CalendarFn::ALL`]: "the year of {x}", ...; the last, for
    /// `date` given other than three arguments, "the day {x}".
    pub functions: [&'static str; 8],
    /// `date(y, m, d)`: "the day of year {y}, month {m}, day {d}".
    pub date: &'static str,
    /// A date moved by a count that a rule or a fact gives, `{x}` the
    /// moved date in words, `{v}` the count and `{r}` what it stands for:
    /// "{x}, {v} being {r}".
    pub being: &'static str,
    /// A count not known, `{x}` what gives it, by unit (days, weeks,
    /// months, years): "a number of months equal to {x}".
    pub a_number_of: [&'static str; 4],
    /// In a residual condition, the whole units from one date to another,
    /// by unit (days, weeks, months, years): "the whole months from {l}
    /// to {r}".
    pub whole_between: [&'static str; 4],
    /// A period, from its first day to its last: "from {l} to {r}".
    pub period: &'static str,
    /// A period without a last day: "from {x} (still running)".
    pub running: &'static str,
    /// The days of one period within a window `{l}` to `{r}`, for a count
    /// of one and for other counts: "{v} of the days {x} fall within {l}
    /// to {r}".
    pub days_of_period: (&'static str, &'static str),
    /// The days of several periods `{x}` within a window, for a count of
    /// one and for others: "{v} days of the periods {x} fall within {l} to
    /// {r}, each day counted once".
    pub days_of_periods: (&'static str, &'static str),
    /// The days of the periods of a list `{x}` within a window, for a count
    /// of one and for others: "{v} days of {x} fall within {l} to {r},
    /// each day counted once".
    pub days_of_list: (&'static str, &'static str),
}

impl CalendarWords {
    /// The template of what a calendar function gives, `{x}` its argument.
    pub fn function(&self, function: CalendarFn) -> &'static str {
        let at = match function {
            CalendarFn::YearOf => 0,
            CalendarFn::MonthOf => 1,
            CalendarFn::DayOf => 2,
            CalendarFn::StartOfYear => 3,
            CalendarFn::EndOfYear => 4,
            CalendarFn::StartOfMonth => 5,
            CalendarFn::EndOfMonth => 6,
            CalendarFn::Date => 7,
        };
        self.functions[at]
    }

    /// "a number of {unit} equal to {x}" for a unit.
    pub fn a_number_of(&self, unit: DurationUnit) -> &'static str {
        self.a_number_of[unit_index(unit)]
    }

    /// "the whole {unit} from {l} to {r}" for a unit.
    pub fn whole_between(&self, unit: DurationUnit) -> &'static str {
        self.whole_between[unit_index(unit)]
    }
}

/// Where a unit's template stands in a table by unit.
fn unit_index(unit: DurationUnit) -> usize {
    match unit {
        DurationUnit::Days => 0,
        DurationUnit::Weeks => 1,
        DurationUnit::Months => 2,
        DurationUnit::Years => 3,
    }
}

/// English: the wording explanations and residuals have always had.
pub const EN: CalendarWords = CalendarWords {
    functions: [
        "the year of {x}",
        "the month of {x}",
        "the day of the month of {x}",
        "the first day of the year of {x}",
        "the last day of the year of {x}",
        "the first day of the month of {x}",
        "the last day of the month of {x}",
        "the day {x}",
    ],
    date: "the day of year {y}, month {m}, day {d}",
    being: "{x}, {v} being {r}",
    a_number_of: [
        "a number of days equal to {x}",
        "a number of weeks equal to {x}",
        "a number of months equal to {x}",
        "a number of years equal to {x}",
    ],
    whole_between: [
        "the whole days from {l} to {r}",
        "the whole weeks from {l} to {r}",
        "the whole months from {l} to {r}",
        "the whole years from {l} to {r}",
    ],
    period: "from {l} to {r}",
    running: "from {x} (still running)",
    days_of_period: (
        "{v} of the days {x} falls within {l} to {r}",
        "{v} of the days {x} fall within {l} to {r}",
    ),
    days_of_periods: (
        "{v} day of the periods {x} falls within {l} to {r}, each day counted once",
        "{v} days of the periods {x} fall within {l} to {r}, each day counted once",
    ),
    days_of_list: (
        "{v} day of {x} falls within {l} to {r}, each day counted once",
        "{v} days of {x} fall within {l} to {r}, each day counted once",
    ),
};

/// French: a date named after "de" or "à" takes its article, which the
/// template's preposition contracts ("l'année du 26 mars 2026", "du 1er
/// janvier 2026 au 31 décembre 2026"); "années", feminine, is said where
/// "ans" would not read ("un nombre d'années", "années entières"); the
/// window is "la période allant de ... à ...", as French legal texts say it.
pub const FR: CalendarWords = CalendarWords {
    functions: [
        "l'année de {x}",
        "le mois de {x}",
        "le jour du mois de {x}",
        "le premier jour de l'année de {x}",
        "le dernier jour de l'année de {x}",
        "le premier jour du mois de {x}",
        "le dernier jour du mois de {x}",
        "le jour {x}",
    ],
    date: "la date dont l'année est {y}, le mois {m} et le jour {d}",
    being: "{x}, {v} étant {r}",
    a_number_of: [
        "un nombre de jours égal à {x}",
        "un nombre de semaines égal à {x}",
        "un nombre de mois égal à {x}",
        "un nombre d'années égal à {x}",
    ],
    whole_between: [
        "le nombre de jours entiers de {l} à {r}",
        "le nombre de semaines entières de {l} à {r}",
        "le nombre de mois entiers de {l} à {r}",
        "le nombre d'années entières de {l} à {r}",
    ],
    period: "de {l} à {r}",
    running: "à compter de {x} (toujours en cours)",
    days_of_period: (
        "{v} des jours de la période {x} se situe dans la période allant de {l} à {r}",
        "{v} des jours de la période {x} se situent dans la période allant de {l} à {r}",
    ),
    days_of_periods: (
        "{v} jour des périodes {x} se situe dans la période allant de {l} à {r}, chaque jour n'étant compté qu'une fois",
        "{v} jours des périodes {x} se situent dans la période allant de {l} à {r}, chaque jour n'étant compté qu'une fois",
    ),
    days_of_list: (
        "{v} jour de {x} se situe dans la période allant de {l} à {r}, chaque jour n'étant compté qu'une fois",
        "{v} jours de {x} se situent dans la période allant de {l} à {r}, chaque jour n'étant compté qu'une fois",
    ),
};

/// Spanish: a date named after "de" or "a" takes its article, contracted
/// ("el año del 26 de marzo de 2026", "del 1 de enero de 2026 al 31 de
/// diciembre de 2026"); "completos" and "completas" agree with the unit.
pub const ES: CalendarWords = CalendarWords {
    functions: [
        "el año de {x}",
        "el mes de {x}",
        "el día del mes de {x}",
        "el primer día del año de {x}",
        "el último día del año de {x}",
        "el primer día del mes de {x}",
        "el último día del mes de {x}",
        "el día {x}",
    ],
    date: "la fecha cuyo año es {y}, cuyo mes es {m} y cuyo día es {d}",
    being: "{x}, siendo {v} {r}",
    a_number_of: [
        "un número de días igual a {x}",
        "un número de semanas igual a {x}",
        "un número de meses igual a {x}",
        "un número de años igual a {x}",
    ],
    whole_between: [
        "el número de días completos de {l} a {r}",
        "el número de semanas completas de {l} a {r}",
        "el número de meses completos de {l} a {r}",
        "el número de años completos de {l} a {r}",
    ],
    period: "de {l} a {r}",
    running: "desde {x} (aún en curso)",
    days_of_period: (
        "{v} de los días del período {x} está comprendido en el período de {l} a {r}",
        "{v} de los días del período {x} están comprendidos en el período de {l} a {r}",
    ),
    days_of_periods: (
        "{v} día de los períodos {x} está comprendido en el período de {l} a {r}, contando cada día una sola vez",
        "{v} días de los períodos {x} están comprendidos en el período de {l} a {r}, contando cada día una sola vez",
    ),
    days_of_list: (
        "{v} día de {x} está comprendido en el período de {l} a {r}, contando cada día una sola vez",
        "{v} días de {x} están comprendidos en el período de {l} a {r}, contando cada día una sola vez",
    ),
};

#[cfg(test)]
mod tests {
    use super::{CalendarWords, EN, ES, FR};

    /// Every template of a table, in the order of its fields.
    fn templates(words: &CalendarWords) -> Vec<&'static str> {
        let mut all = words.functions.to_vec();
        all.extend([words.date, words.being]);
        all.extend(words.a_number_of);
        all.extend(words.whole_between);
        all.extend([words.period, words.running]);
        for (one, many) in [
            words.days_of_period,
            words.days_of_periods,
            words.days_of_list,
        ] {
            all.extend([one, many]);
        }
        all
    }

    /// The holes of a template, sorted: `{x}`, `{l}`, ...
    fn holes(template: &str) -> Vec<char> {
        let mut holes: Vec<char> = template
            .split('{')
            .skip(1)
            .filter_map(|rest| {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(name), Some('}')) => Some(name),
                    _ => None,
                }
            })
            .collect();
        holes.sort_unstable();
        holes
    }

    #[test]
    fn each_language_fills_the_holes_english_fills() {
        for (name, table) in [("fr", &FR), ("es", &ES)] {
            for (en, other) in templates(&EN).into_iter().zip(templates(table)) {
                assert_eq!(holes(en), holes(other), "{name}: `{other}` beside `{en}`");
            }
        }
    }
}
