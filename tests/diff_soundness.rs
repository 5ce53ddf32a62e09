//! `provisio diff` checked: on pairs of bundled policies (the 2022 and
//! 2024 decisions, each consecutive pair of the moratorium's history, and
//! every policy against itself), every region's witnesses, evaluated with
//! the ordinary evaluator on each policy, give the verdict the two values
//! the region says, and a policy against itself never differs; on
//! generated policies and a mutation of each, diff's answer agrees with
//! brute force over every completion of a window of values: no missed
//! difference, no false one, nothing left not decided.

#[path = "common/generated.rs"]
mod generated;

use std::path::Path;

use generated::{completions, condition, policy, verdict};
use proptest::prelude::*;
use provisio::analysis::witness::expected;
use provisio::diff::{Comparison, Given, Outcome, diff};
use provisio::model::Model;
use provisio::span::SourceFile;

fn load(path: &str) -> provisio::check::Checked {
    provisio::check::load_policy(Path::new(path)).expect("the policy checks")
}

/// Every region's witnesses re-evaluated: each expects what its policy
/// gives, the verdict's two values differ, and they are the region's.
fn check_witnesses(old: &Model, new: &Model, comparison: &Comparison) -> usize {
    let mut checked = 0;
    for verdict in &comparison.verdicts {
        let Outcome::Differs(regions) = &verdict.outcome else {
            continue;
        };
        for region in regions {
            let (o, n) = region
                .witness
                .as_ref()
                .unwrap_or_else(|why| panic!("{}: no witness: {why}", verdict.name));
            let (eo, en) = (
                expected(old, o).expect("the old witness evaluates"),
                expected(new, n).expect("the new witness evaluates"),
            );
            assert_eq!(eo, o.expect, "{}: old expectations", verdict.name);
            assert_eq!(en, n.expect, "{}: new expectations", verdict.name);
            let (vo, vn) = (&eo[&verdict.name], &en[&verdict.name]);
            assert_ne!(vo, vn, "{}: the witness shows no difference", verdict.name);
            let said = |v: &serde_json::Value| match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Object(m) if m.contains_key("status") => {
                    String::from("not in force")
                }
                serde_json::Value::Object(_) => String::from("an error"),
                other => other.to_string(),
            };
            // A value that is an unknown plus a constant is named by it,
            // in backquotes.
            if !region.old.starts_with('`') {
                assert_eq!(said(vo), region.old, "{}: old value", verdict.name);
            }
            if !region.new.starts_with('`') {
                assert_eq!(said(vn), region.new, "{}: new value", verdict.name);
            }
            // Shared facts are the same on both sides.
            for (fact, value) in &o.facts {
                if let Some(other) = n.facts.get(fact) {
                    assert_eq!(value, other, "{}: fact {fact}", verdict.name);
                }
            }
            assert_eq!(o.as_of, n.as_of);
            checked += 1;
        }
    }
    checked
}

fn compare(old: &str, new: &str, given: &Given) -> (Comparison, usize) {
    let (a, b) = (load(old), load(new));
    let comparison = diff(&a.model, &b.model, &[], given).expect("the diff runs");
    let again = diff(&a.model, &b.model, &[], given).expect("the diff runs");
    assert_eq!(comparison, again, "{old} -> {new}: not deterministic");
    let checked = check_witnesses(&a.model, &b.model, &comparison);
    (comparison, checked)
}

const HISTORY: [&str; 9] = [
    "rules/wto/history/1998-wt-min-98-dec-2/mc2-ecommerce.policy",
    "rules/wto/history/2001-wt-min-01-dec-1/mc4-ecommerce.policy",
    "rules/wto/history/2005-wt-min-05-dec/mc6-ecommerce.policy",
    "rules/wto/history/2009-wt-l-782/mc7-ecommerce.policy",
    "rules/wto/history/2011-wt-l-843/2011-wt-l-843.policy",
    "rules/wto/history/2013-wt-min-13-32/2013-wt-min-13-32.policy",
    "rules/wto/history/2015-wt-min-15-42/2015-wt-min-15-42.policy",
    "rules/wto/history/2017-wt-min-17-65/2017-wt-min-17-65.policy",
    "rules/wto/history/2019-general-council/2019-general-council.policy",
];

const MC12: &str = "rules/wto/mc12/mc12-ecommerce.policy";
const MC13: &str = "rules/wto/mc13-ecommerce.policy";

#[test]
fn the_2022_and_2024_decisions_differ_as_their_witnesses_show() {
    let (comparison, checked) = compare(MC12, MC13, &Given::default());
    assert!(comparison.differs());
    assert!(checked > 0);
    let a = load(MC12);
    let b = load(MC13);
    let path = Path::new("tests/diff/both-sessions.json");
    let names = |m: &Model| {
        m.facts
            .iter()
            .map(|f| f.field.name.clone())
            .collect::<Vec<_>>()
    };
    let (na, nb) = (names(&a.model), names(&b.model));
    let refs = |v: &[String]| v.iter().map(String::clone).collect::<Vec<_>>();
    let (ra, rb) = (refs(&na), refs(&nb));
    let ra: Vec<&str> = ra.iter().map(String::as_str).collect();
    let rb: Vec<&str> = rb.iter().map(String::as_str).collect();
    let given = Given {
        old_facts: Some(provisio::facts::load_facts_beside(&a.model, path, &rb).expect("facts")),
        new_facts: Some(provisio::facts::load_facts_beside(&b.model, path, &ra).expect("facts")),
        ..Given::default()
    };
    let comparison = diff(&a.model, &b.model, &[], &given).expect("the diff runs");
    assert!(check_witnesses(&a.model, &b.model, &comparison) > 0);
}

/// Facts read from a file for both policies, as `--facts` reads them.
fn given_facts(old: &Model, new: &Model, path: &str) -> Given {
    let path = Path::new(path);
    let names = |m: &Model| {
        m.facts
            .iter()
            .map(|f| f.field.name.clone())
            .collect::<Vec<_>>()
    };
    let (na, nb) = (names(old), names(new));
    let ra: Vec<&str> = na.iter().map(String::as_str).collect();
    let rb: Vec<&str> = nb.iter().map(String::as_str).collect();
    let old_facts = provisio::facts::load_facts_beside(old, path, &rb).expect("facts");
    let as_of = old_facts.as_of;
    Given {
        old_facts: Some(old_facts),
        new_facts: Some(provisio::facts::load_facts_beside(new, path, &ra).expect("facts")),
        as_of,
        readings: Vec::new(),
    }
}

#[test]
fn the_corporate_rates_against_their_reform_and_amendment_on_a_known_day() {
    let base = load("rules/us-corporate-tax/corporate-rates.policy");
    for (other, facts) in [
        (
            "rules/us-corporate-tax/reforms/rate-28-percent.policy",
            "rules/us-corporate-tax/reforms/facts/calendar-2027-1000000.json",
        ),
        (
            "rules/us-corporate-tax/amended-2027/corporate-rates-amended-2027.policy",
            "rules/us-corporate-tax/reforms/facts/calendar-2027-1000000.json",
        ),
        (
            "rules/us-corporate-tax/amended-2027/corporate-rates-amended-2027.policy",
            "rules/us-corporate-tax/facts/calendar-2017-335000.json",
        ),
    ] {
        let other = load(other);
        let given = given_facts(&base.model, &other.model, facts);
        let comparison = diff(&base.model, &other.model, &[], &given).expect("the diff runs");
        for verdict in &comparison.verdicts {
            assert!(
                !matches!(verdict.outcome, Outcome::NotDecided(_)),
                "{facts}: {comparison:?}"
            );
        }
        check_witnesses(&base.model, &other.model, &comparison);
    }
}

#[test]
fn each_consecutive_pair_of_the_history_differs_as_its_witnesses_show() {
    let mut pairs: Vec<(&str, &str)> = HISTORY.windows(2).map(|w| (w[0], w[1])).collect();
    pairs.push((HISTORY[8], MC12));
    for (old, new) in pairs {
        let (comparison, checked) = compare(old, new, &Given::default());
        let decided = comparison
            .verdicts
            .iter()
            .all(|v| !matches!(v.outcome, Outcome::NotDecided(_)));
        assert!(decided, "{old} -> {new}: {comparison:?}");
        assert!(comparison.differs() == (checked > 0), "{old} -> {new}");
    }
}

#[test]
fn every_bundled_policy_against_itself_has_no_difference() {
    let mut policies: Vec<String> = HISTORY.iter().map(|s| s.to_string()).collect();
    policies.extend([MC12, MC13].map(String::from));
    policies.extend(
        [
            "rules/wto/chain/moratorium-chain.policy",
            "rules/us-corporate-tax/corporate-rates.policy",
            "rules/us-earned-income-credit/earned-income-credit.policy",
            "rules/us-home-sale/principal-residence.policy",
            "rules/us-income-tax/income-tax-and-child-credit.policy",
        ]
        .map(String::from),
    );
    for path in &policies {
        let checked = load(path);
        let comparison =
            diff(&checked.model, &checked.model, &[], &Given::default()).expect("the diff runs");
        assert!(!comparison.differs(), "{path}: {comparison:?}");
        assert!(comparison.only_old.is_empty() && comparison.only_new.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn differences_agree_with_brute_force(
        old in prop::collection::vec((condition(), 0i64..=2), 1..=3),
        at in 0usize..3,
        replacement in condition(),
        value in 0i64..=2,
        keep_condition in any::<bool>(),
    ) {
        let mut new = old.clone();
        let index = at % new.len();
        if let Some(slot) = new.get_mut(index) {
            if !keep_condition {
                slot.0 = replacement;
            }
            slot.1 = value;
        }
        let (ta, tb) = (policy(&old), policy(&new));
        let check = |t: &str, name: &str| {
            provisio::check::check_source(&SourceFile::new(name, t.to_string()))
                .map_err(|p| TestCaseError::fail(format!("{p:?}\n{t}")))
        };
        let (a, b) = (check(&ta, "old.policy")?, check(&tb, "new.policy")?);
        let comparison = diff(&a.model, &b.model, &[], &Given::default())
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let brute = completions().any(|c| verdict(&old, c) != verdict(&new, c));
        let outcome = &comparison.verdicts[0].outcome;
        prop_assert!(!matches!(outcome, Outcome::NotDecided(_)), "not decided:\n{}\n{}", ta, tb);
        prop_assert_eq!(matches!(outcome, Outcome::Differs(_)), brute, "differs?\n{}\n{}\n{:?}", ta, tb, outcome);
        check_witnesses(&a.model, &b.model, &comparison);
    }
}
