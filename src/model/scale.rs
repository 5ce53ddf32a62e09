//! Rate scales: marginal rates and bracket tables, applied to an amount.
//!
//! Both forms list brackets by the threshold an amount must pass, lowest
//! first. The checker guarantees the thresholds of a scale written out
//! rise strictly; a [`ComputedScale`] is checked when evaluated, and only a
//! well-formed [`Scale`] comes of it.

use rust_decimal::Decimal;

use crate::ast::ScaleKind;
use crate::value::{Bounds, Currency, Scalar, Value};

/// One bracket: the threshold an amount must pass, the rate on the part of
/// the amount over it, and, in a bracket table, the base amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bracket {
    /// The threshold: the bracket covers amounts over it.
    pub over: Decimal,
    /// A bracket table's base amount; zero in marginal rates.
    pub base: Decimal,
    /// The rate, such as 0.12 for `12%`.
    pub rate: Decimal,
}

/// A rate scale.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scale {
    /// Marginal rates or a bracket table.
    pub kind: ScaleKind,
    /// The currency of thresholds and amounts, when they are money.
    pub currency: Option<Currency>,
    /// The brackets, thresholds rising.
    pub brackets: Vec<Bracket>,
}

/// A scale whose thresholds, base amounts or rates are computed: `over
/// threshold * 2: 12%`. Each part is evaluated when the scale is, and the
/// thresholds must then rise.
#[derive(Debug, Clone)]
pub struct ComputedScale {
    /// Marginal rates or a bracket table.
    pub kind: ScaleKind,
    /// The currency of thresholds and amounts, when they are money.
    pub currency: Option<Currency>,
    /// The brackets, in the order written.
    pub brackets: Vec<ComputedBracket>,
}

/// One bracket of a [`ComputedScale`].
#[derive(Debug, Clone)]
pub struct ComputedBracket {
    /// The threshold.
    pub over: super::Expr,
    /// A bracket table's base amount; `None` in marginal rates.
    pub base: Option<super::Expr>,
    /// The rate.
    pub rate: super::Expr,
}

impl Scale {
    /// The scale applied to an amount; `None` on overflow.
    ///
    /// Marginal rates: the sum over the brackets the amount passes of the
    /// bracket's rate on the slice of the amount between its threshold and
    /// the next. Bracket table: the base amount plus the rate on the excess
    /// over the threshold of the highest bracket the amount passes. An amount
    /// at or below the lowest threshold passes none: marginal rates give zero
    /// and a bracket table its first base amount.
    pub fn apply(&self, amount: Decimal) -> Option<Decimal> {
        match self.kind {
            ScaleKind::Marginal => {
                let mut total = Decimal::ZERO;
                for (index, bracket) in self.brackets.iter().enumerate() {
                    if amount <= bracket.over {
                        break;
                    }
                    let top = match self.brackets.get(index + 1) {
                        Some(next) if next.over < amount => next.over,
                        _ => amount,
                    };
                    let slice = top.checked_sub(bracket.over)?;
                    total = total.checked_add(slice.checked_mul(bracket.rate)?)?;
                }
                Some(total.normalize())
            }
            ScaleKind::Table => {
                let passed = self.brackets.iter().rev().find(|b| amount > b.over);
                match passed {
                    Some(bracket) => {
                        let excess = amount.checked_sub(bracket.over)?;
                        let on_excess = excess.checked_mul(bracket.rate)?;
                        Some(bracket.base.checked_add(on_excess)?.normalize())
                    }
                    None => Some(self.brackets.first().map_or(Decimal::ZERO, |b| b.base)),
                }
            }
        }
    }

    /// Whether a larger amount never gives a smaller result: every rate is
    /// at least zero and, in a bracket table, no base amount falls below
    /// where the bracket before it reaches.
    pub fn rises(&self) -> bool {
        if self.brackets.iter().any(|b| b.rate.is_sign_negative()) {
            return false;
        }
        match self.kind {
            ScaleKind::Marginal => true,
            ScaleKind::Table => self.brackets.windows(2).all(|pair| match pair {
                [_, high] => self
                    .apply(high.over)
                    .is_some_and(|reach| high.base >= reach),
                _ => true,
            }),
        }
    }

    /// The scale applied to a value: an amount, or a range of amounts when
    /// the scale rises.
    pub fn apply_value(&self, value: &Value) -> Option<Value> {
        let amount = |s: Scalar| s.amount().map(|(a, _)| a);
        match value.scalar() {
            Some(s) => {
                let result = self.apply(amount(s)?)?;
                Some(Value::of_amount(result, self.currency))
            }
            None if self.rises() => {
                let range = value.range();
                let end = |bound: Option<Scalar>| {
                    bound
                        .and_then(amount)
                        .and_then(|a| self.apply(a))
                        .map(|r| Scalar::of_amount(r, self.currency))
                };
                Some(Value::Unknown(Bounds {
                    lo: end(range.lo),
                    hi: end(range.hi),
                }))
            }
            None => Some(Value::UNKNOWN),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    fn bracket(over: &str, base: &str, rate: &str) -> Bracket {
        Bracket {
            over: d(over),
            base: d(base),
            rate: d(rate),
        }
    }

    /// 26 U.S.C. 1(j)(2)(C), 2018: the first three brackets.
    fn table() -> Scale {
        Scale {
            kind: ScaleKind::Table,
            currency: None,
            brackets: vec![
                bracket("0", "0", "0.10"),
                bracket("9525", "952.50", "0.12"),
                bracket("38700", "4453.50", "0.22"),
            ],
        }
    }

    fn marginal() -> Scale {
        Scale {
            kind: ScaleKind::Marginal,
            ..table()
        }
    }

    #[test]
    fn a_bracket_table_adds_the_rate_on_the_excess_to_the_base() {
        assert_eq!(table().apply(d("9525")), Some(d("952.5")));
        assert_eq!(table().apply(d("10000")), Some(d("1009.5")));
        assert_eq!(table().apply(d("50000")), Some(d("6939.5")));
        assert_eq!(table().apply(d("0")), Some(d("0")));
        assert_eq!(table().apply(d("-5")), Some(d("0")));
    }

    #[test]
    fn marginal_rates_agree_with_a_continuous_table() {
        for amount in ["0", "1", "9525", "9526", "38700", "38700.01", "123456.78"] {
            assert_eq!(
                marginal().apply(d(amount)),
                table().apply(d(amount)),
                "{amount}"
            );
        }
        assert!(table().rises());
        assert!(marginal().rises());
    }

    #[test]
    fn a_table_whose_base_falls_does_not_rise() {
        let mut falling = table();
        if let Some(b) = falling.brackets.get_mut(1) {
            b.base = d("900");
        }
        assert!(!falling.rises());
        assert_eq!(
            falling.apply_value(&Value::UNKNOWN),
            Some(Value::UNKNOWN),
            "no range is claimed for a scale that does not rise"
        );
    }
}
