//! Phrases for the calendar: `year_of(d)` and its kin, a date moved by a
//! computed count, and the days of periods within a window.

use super::Builder;
use crate::model::calendar::CalendarFn;
use crate::model::{Expr, ExprKind};
use crate::value::Value;

impl Builder<'_, '_> {
    /// "the year of 26 March 2026: 2026".
    pub(super) fn calendar_phrase(
        &mut self,
        function: CalendarFn,
        children: &[u32],
        value: &Value,
    ) -> String {
        let args: Vec<String> = children.iter().map(|c| self.operand(*c)).collect();
        let result = self.words(value);
        match (function, args.as_slice()) {
            (CalendarFn::Date, [y, m, d]) => {
                format!("the day of year {y}, month {m}, day {d}: {result}")
            }
            (_, [date]) => format!("{} {date}: {result}", function.words()),
            _ => result,
        }
    }

    /// "3 months after 26 March 2026, 3 being the notice period in months".
    pub(super) fn shift_by_phrase(&mut self, expr: &Expr, children: &[u32]) -> String {
        let ExprKind::ShiftBy(shift) = &expr.kind else {
            return String::new();
        };
        let (Some(date), Some(count)) = (children.first().copied(), children.get(1).copied())
        else {
            return String::new();
        };
        let from = self.operand(date);
        let n = self.words(&self.value(count));
        let unit = if self.value(count) == Value::Number(rust_decimal::Decimal::ONE) {
            shift.unit.as_str().trim_end_matches('s')
        } else {
            shift.unit.as_str()
        };
        let direction = if shift.back { "before" } else { "after" };
        let written = matches!(shift.count.kind, ExprKind::Const(_));
        if written {
            format!("{n} {unit} {direction} {from}")
        } else if self.value(count).is_known() {
            let meaning = self.meaning(count);
            format!("{n} {unit} {direction} {from}, {n} being {meaning}")
        } else {
            let count = self.operand(count);
            format!(
                "a number of {} equal to {count} {direction} {from}",
                shift.unit.as_str()
            )
        }
    }

    /// "317 of the days from ... fall within ...", and for several periods
    /// "... each day counted once".
    pub(super) fn days_phrase(&mut self, expr: &Expr, children: &[u32], value: &Value) -> String {
        let count = self.words(value);
        let Some((window, periods)) = children.split_last_chunk::<2>().map(|(p, w)| (*w, p)) else {
            return count;
        };
        let within = format!(
            "within {} to {}",
            self.operand(window[0]),
            self.operand(window[1])
        );
        match &expr.kind {
            ExprKind::Coverage(coverage) if coverage.each.is_some() => {
                let list = periods
                    .first()
                    .map(|l| self.meaning(*l))
                    .unwrap_or_default();
                format!("{count} days of {list} fall {within}, each day counted once")
            }
            _ => {
                let described: Vec<String> = periods
                    .chunks(2)
                    .map(|pair| match pair {
                        [from, to] => {
                            let start = self.operand(*from);
                            if self.value(*to) == Value::None {
                                format!("from {start} (still running)")
                            } else {
                                format!("from {start} to {}", self.operand(*to))
                            }
                        }
                        _ => String::new(),
                    })
                    .collect();
                if described.len() == 1 {
                    let one = described.concat();
                    format!("{count} of the days {one} fall {within}")
                } else {
                    format!(
                        "{count} days of the periods {} fall {within}, each day counted once",
                        super::phrase::and_list(&described, "and")
                    )
                }
            }
        }
    }
}
