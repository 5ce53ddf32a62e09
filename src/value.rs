//! Values: what facts hold and what evaluation computes, known or not.
//!
//! A value that is not known is [`Value::Unknown`], which keeps what *is*
//! known about it: for an ordered value such as a date, the range it must lie
//! in. `earliest(unknown, 2026-03-31)` is unknown but at most 31 March 2026,
//! and that is enough to decide `2026-04-01 before it` is false.

use std::cmp::Ordering;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::types::EnumId;

/// An ISO 4217 currency code, such as `EUR` or `USD`: three capital letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The currency of a three-letter code, if it is three capital letters.
    pub fn parse(code: &str) -> Option<Currency> {
        match code.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => {
                Some(Currency([*a, *b, *c]))
            }
            _ => None,
        }
    }

    /// The code, such as `EUR`.
    pub fn as_str(&self) -> &str {
        // The three bytes are ASCII capitals by construction.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An amount of money: an exact decimal in one currency.
///
/// It is packed into the sixteen bytes of the decimal alone, the currency
/// in the sixteen bits that the decimal's format leaves unused (and that
/// [`Decimal::deserialize`] ignores), so that a [`Value`] stays as small as
/// it is without money: evaluation copies values all the time. It is
/// aligned as a decimal is, so that a value's other fields keep their
/// places too.
#[derive(Clone, Copy)]
#[repr(align(4))]
pub struct Money {
    bytes: [u8; 16],
}

impl Money {
    /// An amount in a currency.
    pub fn new(currency: Currency, amount: Decimal) -> Money {
        let mut bytes = amount.serialize();
        let [a, b, c] = currency.0.map(|x| u16::from(x.saturating_sub(b'A')));
        let code = (a * 26 + b) * 26 + c;
        let [low, high] = code.to_le_bytes();
        bytes[0] = low;
        bytes[1] = high;
        Money { bytes }
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        let code = u16::from_le_bytes([self.bytes[0], self.bytes[1]]);
        // Each letter is below 26, so each fits a byte.
        let letter = |n: u16| b'A' + (n % 26) as u8;
        Currency([letter(code / 676), letter(code / 26), letter(code)])
    }

    /// The amount, exact.
    pub fn amount(&self) -> Decimal {
        Decimal::deserialize(self.bytes)
    }

    /// The same amount with the opposite sign.
    pub fn negated(&self) -> Money {
        Money::new(self.currency(), -self.amount())
    }

    /// An amount written as provisio writes it: `USD 952.50`.
    pub fn parse(text: &str) -> Option<Money> {
        let (code, amount) = text.trim().split_once(' ')?;
        let currency = Currency::parse(code)?;
        let amount = amount.trim().parse::<Decimal>().ok()?;
        Some(Money::new(currency, amount))
    }
}

/// Amounts are equal when their currencies and values are: `USD 1450` is
/// `USD 1450.00`.
impl PartialEq for Money {
    fn eq(&self, other: &Money) -> bool {
        self.currency() == other.currency() && self.amount() == other.amount()
    }
}

impl Eq for Money {}

impl std::hash::Hash for Money {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.currency().hash(state);
        self.amount().hash(state);
    }
}

impl std::fmt::Debug for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Money({self})")
    }
}

impl std::fmt::Display for Money {
    /// `USD 952.50`: the code, then the amount with at least two decimals.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut amount = self.amount().normalize();
        if amount.scale() < 2 {
            amount.rescale(2);
        }
        write!(f, "{} {amount}", self.currency())
    }
}

/// A value that can be ordered: a number, an amount of money or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// An exact number (integers are decimals with no fraction).
    Number(Decimal),
    /// An amount of money.
    Money(Money),
    /// A calendar day.
    Date(NaiveDate),
}

impl Scalar {
    /// Compares two scalars of the same kind; numbers, amounts in different
    /// currencies and dates do not compare.
    pub fn compare(&self, other: &Scalar) -> Option<Ordering> {
        match (self, other) {
            (Scalar::Number(a), Scalar::Number(b)) => Some(a.cmp(b)),
            (Scalar::Money(a), Scalar::Money(b)) if a.currency() == b.currency() => {
                Some(a.amount().cmp(&b.amount()))
            }
            (Scalar::Date(a), Scalar::Date(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }

    /// The scalar as a value.
    pub fn to_value(self) -> Value {
        match self {
            Scalar::Number(n) => Value::Number(n),
            Scalar::Money(m) => Value::Money(m),
            Scalar::Date(d) => Value::Date(d),
        }
    }

    /// The amount of a number or of money, with the currency if money.
    pub fn amount(self) -> Option<(Decimal, Option<Currency>)> {
        match self {
            Scalar::Number(n) => Some((n, None)),
            Scalar::Money(m) => Some((m.amount(), Some(m.currency()))),
            Scalar::Date(_) => None,
        }
    }

    /// A number, or an amount in `currency` when there is one.
    pub fn of_amount(amount: Decimal, currency: Option<Currency>) -> Scalar {
        match currency {
            Some(currency) => Scalar::Money(Money::new(currency, amount)),
            None => Scalar::Number(amount),
        }
    }
}

/// What is known of an unknown value: the range it lies in, each end
/// inclusive; `None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Bounds {
    /// The least it can be.
    pub lo: Option<Scalar>,
    /// The most it can be.
    pub hi: Option<Scalar>,
}

impl Bounds {
    /// Nothing known.
    pub const NONE: Bounds = Bounds { lo: None, hi: None };

    /// Whether anything is known.
    pub fn is_bounded(&self) -> bool {
        self.lo.is_some() || self.hi.is_some()
    }
}

/// A value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// True or false.
    Bool(bool),
    /// An exact number; integers and decimals alike.
    Number(Decimal),
    /// An amount of money in a currency.
    Money(Money),
    /// A calendar day.
    Date(NaiveDate),
    /// Free text.
    Text(Arc<str>),
    /// A value of an enumeration: the enumeration and the value's index in it.
    Enum(EnumId, u32),
    /// A record's field values, in declaration order.
    Record(Arc<[Value]>),
    /// A list's elements.
    List(Arc<[Value]>),
    /// A rate scale, applied to an amount with `of`: its index in
    /// [`crate::model::Model::scales`] (an index, so that values stay cheap
    /// to copy and drop).
    Scale(u32),
    /// A rate scale computed when evaluated (see
    /// [`crate::model::scale::ComputedScale`]), its thresholds in order.
    Computed(Arc<crate::model::scale::Scale>),
    /// Not known; for ordered values, the range it must lie in.
    Unknown(Bounds),
    /// The value of a fact declared `or none` when the facts say there is
    /// none (`"none"` in a facts file): no decision was taken, no date set.
    None,
    /// Not known, but certainly one of these known values (two or more,
    /// distinct): an enumeration given as `{"one_of": [...]}`, which may
    /// list [`Value::None`] too.
    Among(Arc<[Value]>),
}

impl Value {
    /// A value about which nothing is known.
    pub const UNKNOWN: Value = Value::Unknown(Bounds::NONE);

    /// Whether the value is known. [`Value::None`] is known: the facts say
    /// there is none.
    pub fn is_known(&self) -> bool {
        !matches!(self, Value::Unknown(_) | Value::Among(_))
    }

    /// The value as an ordered scalar, if it is a known number or date.
    pub fn scalar(&self) -> Option<Scalar> {
        match self {
            Value::Number(n) => Some(Scalar::Number(*n)),
            Value::Money(m) => Some(Scalar::Money(*m)),
            Value::Date(d) => Some(Scalar::Date(*d)),
            _ => None,
        }
    }

    /// The range the value lies in: a point for a known scalar, the bounds
    /// for an unknown, nothing for values that are not ordered.
    pub fn range(&self) -> Bounds {
        match self {
            Value::Unknown(bounds) => *bounds,
            Value::Among(values) => {
                // The least and greatest of ordered values; nothing known
                // when any of them is not ordered.
                let mut scalars = values.iter().map(Value::scalar);
                let Some(Some(first)) = scalars.next() else {
                    return Bounds::NONE;
                };
                let (mut lo, mut hi) = (first, first);
                for scalar in scalars {
                    let Some(s) = scalar else { return Bounds::NONE };
                    match (s.compare(&lo), s.compare(&hi)) {
                        (Some(Ordering::Less), _) => lo = s,
                        (_, Some(Ordering::Greater)) => hi = s,
                        (None, _) | (_, None) => return Bounds::NONE,
                        _ => {}
                    }
                }
                Bounds {
                    lo: Some(lo),
                    hi: Some(hi),
                }
            }
            other => match other.scalar() {
                Some(s) => Bounds {
                    lo: Some(s),
                    hi: Some(s),
                },
                None => Bounds::NONE,
            },
        }
    }

    /// A number, or an amount in `currency` when there is one.
    pub fn of_amount(amount: Decimal, currency: Option<Currency>) -> Value {
        Scalar::of_amount(amount, currency).to_value()
    }

    /// `no limit`: a dated maximum that a text leaves unset, held as the
    /// greatest amount (or number) there is, so that it compares greater
    /// than every other and `min(x, limit)` gives `x`. The checker keeps it
    /// out of arithmetic, and evaluation refuses what slips through.
    pub fn no_limit(currency: Option<Currency>) -> Value {
        Value::of_amount(Decimal::MAX, currency)
    }

    /// Whether the value is `no limit` (see [`Value::no_limit`]).
    pub fn is_no_limit(&self) -> bool {
        match self {
            Value::Number(n) => *n == Decimal::MAX,
            Value::Money(m) => m.amount() == Decimal::MAX,
            _ => false,
        }
    }

    /// The boolean, if the value is a known boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_packs_its_currency_beside_the_amount() {
        for (code, amount) in [
            ("USD", "952.50"),
            ("EUR", "-0.001"),
            ("ZZZ", "79228162514264337593543950335"),
            ("AAA", "0"),
        ] {
            let currency = Currency::parse(code).expect("a code");
            let amount: Decimal = amount.parse().expect("a decimal");
            let money = Money::new(currency, amount);
            assert_eq!((money.currency(), money.amount()), (currency, amount));
        }
        assert_eq!(std::mem::size_of::<Value>(), 40, "a value stays five words");
        // Unaligned, the amount would sit at offset 1 of a value, and
        // evaluation would stall on every copy of a value (measured: a
        // third slower on the bundled decision).
        assert_eq!(std::mem::align_of::<Money>(), 4);
        assert_eq!(Money::parse("USD 1450"), Money::parse("USD 1450.00"));
        assert_ne!(Money::parse("USD 1450"), Money::parse("EUR 1450"));
    }
}
