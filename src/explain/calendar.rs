//! Phrases for the calendar: `year_of(d)` and its kin, a date moved by a
//! computed count, and the days of periods within a window, in the
//! explanation's language (the words in `Words::calendar`).

use super::Builder;
use crate::model::calendar::CalendarFn;
use crate::model::{Expr, ExprKind};
use crate::value::Value;

impl Builder<'_, '_> {
    /// A step used as an operand where a date is named after a preposition
    /// ("l'année du 26 mars 2026"): a date said bare, such as an argument
    /// bound to a definition's parameter, takes the article the language
    /// gives it; English has none.
    pub(super) fn dated_operand(&mut self, index: u32) -> String {
        let said = self.operand(index);
        let value = self.value(index);
        if matches!(value, Value::Date(_)) && said == self.words(&value) {
            format!("{}{said}", self.say.date_article)
        } else {
            said
        }
    }

    /// "the year of 26 March 2026: 2026".
    pub(super) fn calendar_phrase(
        &mut self,
        function: CalendarFn,
        children: &[u32],
        value: &Value,
    ) -> String {
        let args: Vec<String> = children.iter().map(|c| self.dated_operand(*c)).collect();
        let result = self.words(value);
        let (say, words) = (self.say, &self.say.calendar);
        let gives = match (function, args.as_slice()) {
            (CalendarFn::Date, [y, m, d]) => say.fill(words.date, &[('y', y), ('m', m), ('d', d)]),
            (_, [date]) => say.one(words.function(function), date),
            _ => return result,
        };
        format!("{gives}{}{result}", say.colon)
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
        let from = self.dated_operand(date);
        let counted = self.value(count);
        let n = self.words(&counted);
        let one = counted == Value::Number(rust_decimal::Decimal::ONE);
        let say = self.say;
        let unit = say.unit(shift.unit, if one { 1 } else { 2 });
        let (before, after) = say.explaining.moved;
        let direction = if shift.back { before } else { after };
        let moved = |amount: &str| say.fill(direction, &[('x', amount), ('r', &from)]);
        let written = matches!(shift.count.kind, ExprKind::Const(_));
        if written {
            moved(&format!("{n} {unit}"))
        } else if counted.is_known() {
            let meaning = self.meaning(count);
            say.fill(
                say.calendar.being,
                &[
                    ('x', &moved(&format!("{n} {unit}"))),
                    ('v', &n),
                    ('r', &meaning),
                ],
            )
        } else {
            let count = self.operand(count);
            moved(&say.one(say.calendar.a_number_of(shift.unit), &count))
        }
    }

    /// "317 of the days from ... fall within ...", and for several periods
    /// "... each day counted once".
    pub(super) fn days_phrase(&mut self, expr: &Expr, children: &[u32], value: &Value) -> String {
        let count = self.words(value);
        let Some((window, periods)) = children.split_last_chunk::<2>().map(|(p, w)| (*w, p)) else {
            return count;
        };
        let (start, end) = (self.dated_operand(window[0]), self.dated_operand(window[1]));
        let say = self.say;
        let words = &say.calendar;
        // French and Spanish agree the verb with the count.
        let one = *value == Value::Number(rust_decimal::Decimal::ONE);
        let pick = |(singular, plural): (&'static str, &'static str)| {
            if one { singular } else { plural }
        };
        let said = |template: &str, x: &str| {
            say.fill(
                template,
                &[('v', &count), ('x', x), ('l', &start), ('r', &end)],
            )
        };
        match &expr.kind {
            ExprKind::Coverage(coverage) if coverage.each.is_some() => {
                let list = periods
                    .first()
                    .map(|l| self.meaning(*l))
                    .unwrap_or_default();
                said(pick(words.days_of_list), &list)
            }
            _ => {
                let described: Vec<String> = periods
                    .chunks(2)
                    .map(|pair| match pair {
                        [from, to] => {
                            let first = self.dated_operand(*from);
                            if self.value(*to) == Value::None {
                                say.one(words.running, &first)
                            } else {
                                let last = self.dated_operand(*to);
                                say.fill(words.period, &[('l', &first), ('r', &last)])
                            }
                        }
                        _ => String::new(),
                    })
                    .collect();
                if described.len() == 1 {
                    said(pick(words.days_of_period), &described.concat())
                } else {
                    let list = super::phrase::and_list(&described, say.explaining.and);
                    said(pick(words.days_of_periods), &list)
                }
            }
        }
    }
}
