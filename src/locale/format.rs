//! Dates, numbers, amounts of money, percentages and durations written in
//! a language's conventions, from its [`Words`] table.
//!
//! English is written exactly as it always was ("26 March 2026", "USD
//! 1234.50", "12.5%", "3 months"); French and Spanish as their readers
//! write them ("1er mars 2026", "1 234,50 USD", "12,5 %"; "26 de marzo de
//! 2026", "1.234,50 USD").

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::words::Words;
use crate::ast::DurationUnit;
use crate::value::Money;

impl Words {
    /// The name of a month numbered 1 to 12, or the empty string.
    pub fn month(&self, month: u32) -> &'static str {
        month
            .checked_sub(1)
            .and_then(|m| self.months.get(m as usize))
            .copied()
            .unwrap_or("")
    }

    /// A day as a person writes it, whether or not it exists: "31 February
    /// 2026", "1er mars 2026", "26 de marzo de 2026".
    pub fn day(&self, year: i32, month: u32, day: u32) -> String {
        let suffix = if day == 1 { self.first_day_suffix } else { "" };
        let (after_day, after_month) = self.date_joins;
        format!(
            "{day}{suffix}{after_day}{}{after_month}{year}",
            self.month(month)
        )
    }

    /// A date as a person writes it.
    pub fn date(&self, date: NaiveDate) -> String {
        self.day(date.year(), date.month(), date.day())
    }

    /// A month and its year, for the axis of a timeline: "March 2026",
    /// "mars 2026", "marzo de 2026".
    pub fn month_year(&self, year: i32, month: u32) -> String {
        format!("{}{}{year}", self.month(month), self.date_joins.1)
    }

    /// A number as the language writes it: `1234.5`, `1234,5`, `12 345,5`.
    pub fn number(&self, number: Decimal) -> String {
        self.digits(
            &number.normalize().to_string(),
            self.numbers.group_numbers_from,
        )
    }

    /// A count with its thousands grouped: `999,990`, `999 990`, `999.990`.
    pub fn count(&self, count: usize) -> String {
        if self.numbers.group.is_empty() {
            return crate::words::grouped(count);
        }
        self.digits(&count.to_string(), 4)
    }

    /// An amount of money with at least two decimals: `USD 952.50`,
    /// `952,50 USD`, `1.234,56 USD`.
    pub fn money(&self, money: Money) -> String {
        let mut amount = money.amount().normalize();
        if amount.scale() < 2 {
            amount.rescale(2);
        }
        let digits = self.digits(&amount.to_string(), self.numbers.group_amounts_from);
        let space = self.numbers.currency_space;
        if self.numbers.currency_first {
            format!("{}{space}{digits}", money.currency())
        } else {
            format!("{digits}{space}{}", money.currency())
        }
    }

    /// A rate as a percentage: `12.5%`, `12,5 %`.
    pub fn percent(&self, rate: Decimal) -> String {
        let percent = rate * Decimal::ONE_HUNDRED;
        format!("{}{}%", self.number(percent), self.numbers.percent_space)
    }

    /// A unit of duration, singular for one: "month", "months", "mois".
    pub fn unit(&self, unit: DurationUnit, count: u64) -> &'static str {
        let (one, many) = match unit {
            DurationUnit::Days => self.units.day,
            DurationUnit::Weeks => self.units.week,
            DurationUnit::Months => self.units.month,
            DurationUnit::Years => self.units.year,
        };
        if count == 1 { one } else { many }
    }

    /// A duration: "3 months", "1 mois", "3 meses".
    pub fn duration(&self, count: u64, unit: DurationUnit) -> String {
        format!("{count} {}", self.unit(unit, count))
    }

    /// `true` or `false` in words.
    pub fn truth(&self, value: bool) -> &'static str {
        if value { self.true_ } else { self.false_ }
    }

    /// The digits of a plain decimal (`-1234.5`) with the language's
    /// decimal separator, the integer part grouped by thousands when it has
    /// `group_from` digits or more.
    fn digits(&self, plain: &str, group_from: usize) -> String {
        let (sign, unsigned) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain),
        };
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        let mut out = String::with_capacity(plain.len() + 8);
        out.push_str(sign);
        let group = !self.numbers.group.is_empty() && whole.len() >= group_from;
        for (index, digit) in whole.chars().enumerate() {
            if group && index > 0 && (whole.len() - index).is_multiple_of(3) {
                out.push_str(self.numbers.group);
            }
            out.push(digit);
        }
        if let Some(fraction) = fraction {
            out.push(self.numbers.decimal);
            out.push_str(fraction);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lang;
    use crate::ast::DurationUnit;
    use crate::value::Money;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    fn usd(text: &str) -> Money {
        let currency = crate::value::Currency::parse("USD");
        Money::new(currency.unwrap_or_else(|| unreachable!()), dec(text))
    }

    #[test]
    fn dates_in_each_language() {
        let (en, fr, es) = (Lang::En.words(), Lang::Fr.words(), Lang::Es.words());
        assert_eq!(en.date(date(2026, 3, 26)), "26 March 2026");
        assert_eq!(fr.date(date(2026, 3, 26)), "26 mars 2026");
        assert_eq!(es.date(date(2026, 3, 26)), "26 de marzo de 2026");
        assert_eq!(en.date(date(2024, 3, 1)), "1 March 2024");
        assert_eq!(fr.date(date(2024, 3, 1)), "1er mars 2024");
        assert_eq!(es.date(date(2024, 3, 1)), "1 de marzo de 2024");
        assert_eq!(fr.date(date(2026, 8, 11)), "11 août 2026");
        assert_eq!(fr.date(date(2026, 12, 21)), "21 décembre 2026");
        assert_eq!(es.date(date(2026, 9, 2)), "2 de septiembre de 2026");
        assert_eq!(fr.day(2026, 2, 31), "31 février 2026");
        assert_eq!(es.month_year(2026, 3), "marzo de 2026");
        assert_eq!(fr.month_year(2026, 3), "mars 2026");
        assert_eq!(en.month_year(2026, 3), "March 2026");
    }

    #[test]
    fn amounts_in_each_language() {
        let (en, fr, es) = (Lang::En.words(), Lang::Fr.words(), Lang::Es.words());
        assert_eq!(en.money(usd("1234.56")), "USD 1234.56");
        assert_eq!(fr.money(usd("1234.56")), "1\u{202f}234,56\u{a0}USD");
        assert_eq!(es.money(usd("1234.56")), "1.234,56\u{a0}USD");
        assert_eq!(en.money(usd("952.5")), "USD 952.50");
        assert_eq!(fr.money(usd("952.5")), "952,50\u{a0}USD");
        assert_eq!(es.money(usd("-1234567")), "-1.234.567,00\u{a0}USD");
        // The English is the value's own `Display`.
        assert_eq!(en.money(usd("1234.5")), usd("1234.5").to_string());
    }

    #[test]
    fn numbers_and_percentages_in_each_language() {
        let (en, fr, es) = (Lang::En.words(), Lang::Fr.words(), Lang::Es.words());
        assert_eq!(en.number(dec("12345.50")), "12345.5");
        assert_eq!(fr.number(dec("12345.50")), "12\u{202f}345,5");
        assert_eq!(es.number(dec("12345.50")), "12.345,5");
        // Four digits read whole: a year, a count.
        assert_eq!(fr.number(dec("2026")), "2026");
        assert_eq!(es.number(dec("2026")), "2026");
        assert_eq!(en.percent(dec("0.125")), "12.5%");
        assert_eq!(fr.percent(dec("0.125")), "12,5\u{202f}%");
        assert_eq!(es.percent(dec("0.12")), "12\u{a0}%");
        assert_eq!(en.count(999_990), "999,990");
        assert_eq!(fr.count(999_990), "999\u{202f}990");
        assert_eq!(es.count(1_000), "1.000");
    }

    #[test]
    fn durations_in_each_language() {
        let (en, fr, es) = (Lang::En.words(), Lang::Fr.words(), Lang::Es.words());
        assert_eq!(en.duration(3, DurationUnit::Months), "3 months");
        assert_eq!(en.duration(1, DurationUnit::Months), "1 month");
        assert_eq!(fr.duration(3, DurationUnit::Months), "3 mois");
        assert_eq!(fr.duration(2, DurationUnit::Years), "2 ans");
        assert_eq!(fr.duration(1, DurationUnit::Weeks), "1 semaine");
        assert_eq!(es.duration(3, DurationUnit::Months), "3 meses");
        assert_eq!(es.duration(1, DurationUnit::Days), "1 día");
    }

    #[test]
    fn statuses_and_truth_in_each_language() {
        let (en, fr, es) = (Lang::En.words(), Lang::Fr.words(), Lang::Es.words());
        assert_eq!(en.statuses.of("outside_scope"), Some("outside scope"));
        assert_eq!(fr.statuses.of("prohibited"), Some("interdit"));
        assert_eq!(
            fr.statuses.of("outside_scope"),
            Some("hors du champ d'application")
        );
        assert_eq!(es.statuses.of("not_required"), Some("no obligatorio"));
        assert_eq!(es.statuses.of("customs_duty"), None);
        assert_eq!(fr.truth(false), "faux");
        assert_eq!(es.truth(true), "verdadero");
    }

    #[test]
    fn templates_contract_articles() {
        let (fr, es) = (Lang::Fr.words(), Lang::Es.words());
        let before = fr.explaining.comparisons.less.holds;
        assert_eq!(
            fr.fill(before, &[('l', "le prix"), ('r', "le plafond")]),
            "le prix est inférieur au plafond"
        );
        assert_eq!(
            fr.fill(before, &[('l', "x"), ('r', "les frais")]),
            "x est inférieur aux frais"
        );
        assert_eq!(
            fr.fill(
                fr.explaining.comparisons.is.maybe,
                &[('l', "il"), ('r', "dû")]
            ),
            "il n'est pas établi qu'il soit dû"
        );
        assert_eq!(
            es.fill(
                es.explaining.comparisons.before.holds,
                &[('l', "x"), ('r', "el día")]
            ),
            "x es anterior al día"
        );
        // A hole that is no hole, or one not given, does not break the text.
        assert_eq!(fr.fill("{ {q} {x", &[]), "{  {x");
    }
}
