//! `provisio analyze` on generated policies, against brute force: a rule
//! with up to three exceptions whose conditions compare two whole numbers
//! with constants and with each other, test a yes/no fact, a reading and
//! the evaluation date. Every
//! completion of the facts over a window of values (every constant of the
//! policy, the values either side, and beyond) is computed directly from
//! the generated conditions, and:
//! - a conflict between two exceptions is reported exactly when some
//!   completion makes both conditions hold with different values;
//! - an exception is reported as never applying exactly when no completion
//!   makes its condition hold, and as always holding exactly when every
//!   completion does;
//! - the verdict has a gap exactly when some completion has a conflict;
//! - the reading is reported as mattering exactly when some facts give the
//!   verdict different values (a conflict counting as one) under its two
//!   alternatives, as never mattering when it is consulted and none do, and
//!   as unused when no condition consults it.
//!
//! Nothing here is outside the fragment, so nothing may be "not decided".

use proptest::prelude::*;
use provisio::analysis::{Kind, analyze};
use provisio::span::SourceFile;

/// One comparison or test.
#[derive(Debug, Clone)]
enum Atom {
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
    fn text(&self) -> String {
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

    fn holds(&self, (x, y, b, r, day): Completion) -> bool {
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
struct Condition {
    atoms: Vec<Atom>,
    all: bool,
}

impl Condition {
    fn text(&self) -> String {
        let joint = if self.all { " and " } else { " or " };
        self.atoms
            .iter()
            .map(Atom::text)
            .collect::<Vec<_>>()
            .join(joint)
    }

    fn holds(&self, c: Completion) -> bool {
        if self.all {
            self.atoms.iter().all(|a| a.holds(c))
        } else {
            self.atoms.iter().any(|a| a.holds(c))
        }
    }
}

fn atom() -> impl Strategy<Value = Atom> {
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

fn condition() -> impl Strategy<Value = Condition> {
    (prop::collection::vec(atom(), 1..=3), any::<bool>())
        .prop_map(|(atoms, all)| Condition { atoms, all })
}

fn policy(exceptions: &[(Condition, i64)]) -> String {
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
type Completion = (i64, i64, bool, bool, i64);

/// Every completion in the window: every constant, the values either side.
fn completions() -> impl Iterator<Item = Completion> {
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
fn verdict(exceptions: &[(Condition, i64)], c: Completion) -> Option<i64> {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn findings_agree_with_brute_force(
        exceptions in prop::collection::vec((condition(), 0i64..=2), 1..=3)
    ) {
        let text = policy(&exceptions);
        let checked = provisio::check::check_source(&SourceFile::new("generated.policy", text.clone()))
            .map_err(|p| TestCaseError::fail(format!("{p:?}\n{text}")))?;
        let analysis = analyze(&checked.model);
        let has = |kind: Kind, rules: &[String]| {
            analysis
                .findings
                .iter()
                .any(|f| f.kind == kind && rules.iter().all(|r| f.rules.contains(r)))
        };
        prop_assert!(
            !analysis.findings.iter().any(|f| f.kind == Kind::NotDecided),
            "not decided:\n{text}\n{analysis:?}"
        );
        let mut any_conflict = false;
        for (i, (ci, vi)) in exceptions.iter().enumerate() {
            let name_i = format!("v.e{i}");
            let sometimes = completions().any(|c| ci.holds(c));
            let always = completions().all(|c| ci.holds(c));
            let dead = analysis.findings.iter().any(|f| {
                f.kind == Kind::DeadRule
                    && f.rules == [name_i.clone()]
                    && f.message.contains("never apply")
            });
            let holds_always = analysis.findings.iter().any(|f| {
                f.kind == Kind::DeadRule
                    && f.rules == [name_i.clone()]
                    && f.message.contains("always holds")
            });
            prop_assert_eq!(dead, !sometimes, "never applies? {}\n{}", name_i, text);
            prop_assert_eq!(holds_always, always, "always holds? {}\n{}", name_i, text);
            for (j, (cj, vj)) in exceptions.iter().enumerate().skip(i + 1) {
                let clash = vi != vj
                    && completions().any(|c| ci.holds(c) && cj.holds(c));
                any_conflict |= clash;
                let reported = has(Kind::Conflict, &[name_i.clone(), format!("v.e{j}")]);
                prop_assert_eq!(reported, clash, "conflict e{} e{}?\n{}", i, j, text);
            }
        }
        prop_assert_eq!(has(Kind::Gap, &[String::from("v")]), any_conflict, "gap?\n{}", text);
        let consulted = exceptions
            .iter()
            .any(|(c, _)| c.atoms.iter().any(|a| matches!(a, Atom::R(_))));
        let matters = completions().any(|(x, y, b, r, day)| {
            !r && verdict(&exceptions, (x, y, b, false, day))
                != verdict(&exceptions, (x, y, b, true, day))
        });
        let r = [String::from("r")];
        prop_assert_eq!(has(Kind::Unused, &r), !consulted, "unused reading?\n{}", text);
        prop_assert_eq!(has(Kind::ReadingMatters, &r), consulted && matters, "matters?\n{}", text);
        prop_assert_eq!(
            has(Kind::ReadingNeverMatters, &r),
            consulted && !matters,
            "never matters?\n{}",
            text
        );
        prop_assert_eq!(analysis.fails(), any_conflict);
    }
}
