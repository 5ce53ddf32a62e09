//! Generated policies for the tests of `provisio analyze` and `provisio
//! diff` against brute force: a rule `v` of 100 with up to three exceptions
//! whose conditions compare two whole numbers `x` and `y` with constants and
//! with each other, test a yes/no fact `b`, a reading `r` and the
//! evaluation date; every completion over a window of values; the
//! verdict on each computed directly from the conditions.
//! Included with `#[path = "common/generated.rs"] mod generated;`.

#![allow(dead_code)]

use proptest::prelude::*;

/// One comparison or test.
#[derive(Debug, Clone)]
pub enum Atom {
    XLess(i64),
    XAtLeast(i64),
    YAtMost(i64),
    XEquals(i64),
    XLessY,
    B(bool),
    /// `reading r is second` (true) or `reading r is first`.
    R(bool),
    /// `as_of on or after 2026-01-DD`.
    AsOf(i64),
}

impl Atom {
    pub fn text(&self) -> String {
        match self {
            Atom::XLess(c) => format!("x < {c}"),
            Atom::XAtLeast(c) => format!("x >= {c}"),
            Atom::YAtMost(c) => format!("y <= {c}"),
            Atom::XEquals(c) => format!("x = {c}"),
            Atom::XLessY => String::from("x < y"),
            Atom::B(true) => String::from("b"),
            Atom::B(false) => String::from("not b"),
            Atom::R(true) => String::from("reading r is second"),
            Atom::R(false) => String::from("reading r is first"),
            Atom::AsOf(d) => format!("as_of on or after 2026-01-{d:02}"),
        }
    }

    pub fn holds(&self, (x, y, b, r, day): Completion) -> bool {
        match self {
            Atom::XLess(c) => x < *c,
            Atom::XAtLeast(c) => x >= *c,
            Atom::YAtMost(c) => y <= *c,
            Atom::XEquals(c) => x == *c,
            Atom::XLessY => x < y,
            Atom::B(v) => b == *v,
            Atom::R(v) => r == *v,
            Atom::AsOf(d) => day >= *d,
        }
    }
}

/// A condition: atoms joined by `and` (true) or `or` (false).
#[derive(Debug, Clone)]
pub struct Condition {
    /// The atoms.
    pub atoms: Vec<Atom>,
    /// `and` (true) or `or` (false).
    pub all: bool,
}

impl Condition {
    pub fn text(&self) -> String {
        let joint = if self.all { " and " } else { " or " };
        self.atoms
            .iter()
            .map(Atom::text)
            .collect::<Vec<_>>()
            .join(joint)
    }

    pub fn holds(&self, c: Completion) -> bool {
        if self.all {
            self.atoms.iter().all(|a| a.holds(c))
        } else {
            self.atoms.iter().any(|a| a.holds(c))
        }
    }
}

pub fn atom() -> impl Strategy<Value = Atom> {
    prop_oneof![
        (0i64..=10).prop_map(Atom::XLess),
        (0i64..=10).prop_map(Atom::XAtLeast),
        (0i64..=10).prop_map(Atom::YAtMost),
        (0i64..=10).prop_map(Atom::XEquals),
        Just(Atom::XLessY),
        any::<bool>().prop_map(Atom::B),
        any::<bool>().prop_map(Atom::R),
        (1i64..=11).prop_map(Atom::AsOf),
    ]
}

pub fn condition() -> impl Strategy<Value = Condition> {
    (prop::collection::vec(atom(), 1..=3), any::<bool>())
        .prop_map(|(atoms, all)| Condition { atoms, all })
}

pub fn policy(exceptions: &[(Condition, i64)]) -> String {
    let mut text = String::from(
        "instrument \"Generated\"\n  adopted 2026-01-01\n\n\
         fact x \"x\": integer\nfact y \"y\": integer\nfact b \"b\": boolean\n\n\
         reading r \"r\"\n  first (default) \"the first\"\n  second \"the second\"\n\n\
         provision p \"P\"\n  text \"Generated.\"\n  define v \"v\" = 100\n",
    );
    for (i, (condition, value)) in exceptions.iter().enumerate() {
        text.push_str(&format!(
            "  exception e{i} to v when {} then {value}\n",
            condition.text()
        ));
    }
    text.push_str("\nverdict v = p.v says \"V is {value}.\"\n");
    text
}

/// Facts `x`, `y`, `b`, whether the reading is `second`, and the day of
/// January 2026 the evaluation is as of (0 for 31 December 2025).
pub type Completion = (i64, i64, bool, bool, i64);

/// Every completion in the window: every constant, the values either side.
pub fn completions() -> impl Iterator<Item = Completion> {
    (-2i64..=12).flat_map(|x| {
        (-2i64..=12).flat_map(move |y| {
            [false, true]
                .into_iter()
                .flat_map(move |b| [false, true].into_iter().map(move |r| (x, y, b, r)))
                .flat_map(|(x, y, b, r)| (0i64..=12).map(move |day| (x, y, b, r, day)))
        })
    })
}

/// The verdict on a completion: `None` for a conflict.
pub fn verdict(exceptions: &[(Condition, i64)], c: Completion) -> Option<i64> {
    let applying: Vec<i64> = exceptions
        .iter()
        .filter(|(condition, _)| condition.holds(c))
        .map(|(_, v)| *v)
        .collect();
    match applying.first() {
        None => Some(100),
        Some(first) if applying.iter().all(|v| v == first) => Some(*first),
        Some(_) => None,
    }
}
