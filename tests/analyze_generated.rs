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

#[path = "common/generated.rs"]
mod generated;

use generated::{Atom, completions, condition, policy, verdict};
use proptest::prelude::*;
use provisio::analysis::{Kind, analyze};
use provisio::span::SourceFile;

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
