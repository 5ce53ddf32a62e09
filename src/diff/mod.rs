//! `provisio diff`: for which cases two policies that share fact names
//! give a verdict different values.
//!
//! Both policies are evaluated symbolically into open cases
//! ([`crate::exact::cases`]) over **one** set of unknowns: a fact of one
//! name and one type, the evaluation date, and a reading of one name with
//! the same alternatives are the same unknown on both sides; the facts and
//! readings of one side only are unknowns that only it reads (`pairing.rs`).
//! For each common verdict, the cases of the old policy are joined with
//! those of the new, and the joined cases where the two values differ are
//! grouped into regions (old value → new value), each with its condition,
//! its first and last day, and a witness per side (`regions.rs`). Where
//! the symbolic evaluation falls back, the verdict is *not decided*.

mod pairing;
mod regions;
pub mod report;
mod said;
mod witnesses;

use chrono::NaiveDate;

use crate::analysis::Witness;
use crate::diagnostic::Problems;
use crate::eval::{Evaluator, Input, Readings};
use crate::exact::cases::OpenCases;
use crate::facts::Facts;
use crate::model::Model;

/// What is fixed before comparing: facts, the date, readings.
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// The old policy's facts read from `--facts` (unknown where not given).
    pub old_facts: Option<Facts>,
    /// The new policy's facts read from the same file.
    pub new_facts: Option<Facts>,
    /// The evaluation date, when fixed.
    pub as_of: Option<NaiveDate>,
    /// Readings fixed, as `NAME=ALTERNATIVE`.
    pub readings: Vec<String>,
}

/// A region of difference: the cases where the old policy gives one value
/// and the new another.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The old value, in words (`false`, `not in force`, `2026-03-26`).
    pub old: String,
    /// The new value, in words.
    pub new: String,
    /// Each case of the region in the policies' syntax, with its words.
    pub cases: Vec<(String, String)>,
    /// The first day of difference; `None` when there is none (before any
    /// day) or dates are not involved.
    pub first: Option<NaiveDate>,
    /// The last day of difference; `None` when there is none.
    pub last: Option<NaiveDate>,
    /// Whether the evaluation date bounds the region at all.
    pub dated: bool,
    /// The readings under which it differs, per side, as `NAME=ALT`, each
    /// alternative the region's cases allow.
    pub readings: Vec<String>,
    /// The simplest case's witness, for the old and the new policy; `Err`
    /// with the reason when none could be made.
    pub witness: Result<(Witness, Witness), String>,
}

/// What `diff` says of one common verdict.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// No case gives the two policies different values: proven over the
    /// exact fragment.
    Same,
    /// The regions where they differ.
    Differs(Vec<Region>),
    /// Not decided, with why.
    NotDecided(String),
}

/// One verdict compared.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictDiff {
    /// The verdict's name.
    pub name: String,
    /// What was found.
    pub outcome: Outcome,
}

/// The comparison of two policies.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The old policy's file, as named.
    pub old: String,
    /// The new policy's file.
    pub new: String,
    /// Each common verdict compared, in the old policy's order.
    pub verdicts: Vec<VerdictDiff>,
    /// Verdicts of the old policy only (not compared).
    pub only_old: Vec<String>,
    /// Verdicts of the new policy only.
    pub only_new: Vec<String>,
    /// Common verdicts of two types, with the two types (not compared).
    pub different_types: Vec<(String, String, String)>,
    /// Facts read by the old policy only, and by the new only.
    pub facts_only: (Vec<String>, Vec<String>),
}

impl Comparison {
    /// Whether some verdict differs (exit 1).
    pub fn differs(&self) -> bool {
        self.verdicts
            .iter()
            .any(|v| matches!(v.outcome, Outcome::Differs(_)))
    }
}

/// Compares two checked policies; `verdicts` narrows the verdicts compared
/// (each must be common to both). Problems: a fact with two types, a
/// verdict or reading named that is not there.
pub fn diff(
    old: &Model,
    new: &Model,
    verdicts: &[String],
    given: &Given,
) -> Result<Comparison, Problems> {
    // On a date fixed, an amended policy is the version in force that day
    // (when it declares the same facts, as the facts were read against
    // the policy); otherwise its versions change with the date.
    let (old, new) = match given.as_of {
        Some(day) => (version(old, day), version(new, day)),
        None => (old, new),
    };
    let pairing = pairing::pair(old, new)?;
    let selected = pairing::verdicts(old, new, verdicts)?;
    let fixed = regions::fixed_readings(old, new, &given.readings)?;
    let old_facts = open_facts(old, given.old_facts.as_ref());
    let new_facts = open_facts(new, given.new_facts.as_ref());
    let (old_readings, new_readings) = (Readings::defaults(old), Readings::defaults(new));
    let date = |m: &Model| m.instrument.adopted.unwrap_or(NaiveDate::MIN);
    let old_input = Input {
        facts: &old_facts,
        as_of: date(old),
        readings: &old_readings,
    };
    let new_input = Input {
        facts: &new_facts,
        as_of: date(new),
        readings: &new_readings,
    };
    let (old_eval, new_eval) = (Evaluator::new(old), Evaluator::new(new));
    let mut old_open = OpenCases::new(old, &old_input, &old_eval);
    let sides = regions::Sides {
        old,
        new,
        versions_fixed: given.as_of.is_some(),
        old_facts: &old_facts,
        new_facts: &new_facts,
        as_of: given.as_of,
    };
    let verdicts = regions::compare(
        &sides,
        &pairing,
        &selected.compared,
        &fixed,
        &mut old_open,
        &new_input,
        &new_eval,
    );
    let only = |m: &Model, other: &Model| {
        m.facts
            .iter()
            .filter(|f| !other.facts.iter().any(|g| g.field.name == f.field.name))
            .map(|f| f.field.name.clone())
            .collect::<Vec<_>>()
    };
    Ok(Comparison {
        old: old.source.name.to_string(),
        new: new.source.name.to_string(),
        verdicts,
        only_old: selected.only_old,
        only_new: selected.only_new,
        different_types: selected.different_types,
        facts_only: (only(old, new), only(new, old)),
    })
}

/// The version of a policy in force on `day`, when it declares the same
/// facts as the policy; else the policy.
fn version(model: &Model, day: NaiveDate) -> &Model {
    let version = model.version_on(day);
    let names = |m: &Model| {
        m.facts
            .iter()
            .map(|f| f.field.name.clone())
            .collect::<Vec<_>>()
    };
    if std::ptr::eq(version, model) || names(version) != names(model) {
        return model;
    }
    version
}

/// A policy's facts for open cases: those given, and what the policy fixes.
fn open_facts(model: &Model, given: Option<&Facts>) -> Facts {
    // A facts file read against the policy holds what it fixes already.
    if let Some(facts) = given {
        return facts.clone();
    }
    let mut facts = Facts::empty(model);
    for (slot, fact) in facts.values.iter_mut().zip(&model.facts) {
        if let Some(fixed) = &fact.fixed {
            *slot = fixed.clone();
        }
    }
    facts
}
