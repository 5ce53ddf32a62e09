//! `provisio analyze`: what a policy says for every possible case.
//!
//! With every fact unknown, and the evaluation date and the readings
//! unknown too, the exact evaluation's symbolic machinery
//! (`src/exact/cases.rs`) turns each verdict, each exception's
//! condition and each deontic rule into *cases*: conjunctions of
//! difference constraints over the unknown dates, numbers and amounts and
//! choices for the yes/no values, enumerations, none and readings, each
//! kept only when it can happen. The findings are read off the cases:
//!
//! - **gaps** (`gaps.rs`): a verdict in force that errors with every fact
//!   known;
//! - **conflicts** (`conflicts.rs`): two exceptions of one rule that apply
//!   together with different values;
//! - **dead rules** (`dead.rs`): an exception or a `when` that never
//!   applies, a condition always true or always false;
//! - **readings** (`readings.rs`): a reading whose alternatives never change
//!   a verdict, and for each that does, the simplest case where it does;
//! - **unused** (`unused.rs`): facts, fields, readings and definitions no
//!   rule reads.
//!
//! Each finding but the unused and dead ones carries a witness
//! (`witness.rs`): facts with every fact known, a date and readings, with
//! what the ordinary evaluator gives for them. Where the symbolic
//! evaluation falls back (outside its fragment, past its budget), the
//! finding is *not decided* with the reason, never a guess.

mod allows;
mod conflicts;
pub mod dead;
pub(crate) mod describe;
mod gaps;
mod readings;
pub mod report;
mod unused;
pub mod witness;

use crate::eval::{Evaluator, Input, Readings};
use crate::exact::cases::OpenCases;
use crate::facts::Facts;
use crate::model::Model;

pub use allows::NAMES as ALLOW_NAMES;
pub use witness::Witness;

/// What kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A verdict in force that errors although every fact is known.
    Gap,
    /// Two exceptions that apply together with different values.
    Conflict,
    /// An exception, a `when` or a branch that can never apply, or a
    /// condition always true or always false.
    DeadRule,
    /// A reading whose alternatives give the same verdicts in every case.
    ReadingNeverMatters,
    /// A reading that matters, with the simplest case where it does.
    ReadingMatters,
    /// A fact, field, reading or definition no rule reads.
    Unused,
    /// A question the analysis could not answer.
    NotDecided,
}

impl Kind {
    /// The name used in reports and in `# provisio: allow NAME`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Gap => "gap",
            Kind::Conflict => "conflict",
            Kind::DeadRule => "dead_rule",
            Kind::ReadingNeverMatters => "reading_never_matters",
            Kind::ReadingMatters => "reading_matters",
            Kind::Unused => "unused",
            Kind::NotDecided => "not_decided",
        }
    }

    /// Whether a finding of this kind fails `provisio analyze` (exit 1).
    pub fn fails(self) -> bool {
        matches!(self, Kind::Gap | Kind::Conflict)
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What kind.
    pub kind: Kind,
    /// What it says, in one sentence.
    pub message: String,
    /// The rules involved, by name (`rule`, `rule.exception`, `verdict`).
    pub rules: Vec<String>,
    /// The provisions involved, by name.
    pub provisions: Vec<String>,
    /// The condition under which it holds, in the policy's syntax.
    pub condition: String,
    /// The same, in words.
    pub condition_words: String,
    /// The rules' own conditions as written in the policy, for reference.
    pub written: Vec<String>,
    /// A scenario that shows it, when one can.
    pub witness: Option<Witness>,
    /// For a finding that is not decided: why.
    pub reason: Option<String>,
    /// Silenced by `# provisio: allow NAME` with a reason (the reason).
    pub allowed: Option<String>,
    /// The line of the rule it is about, 1-based; 0 for the policy.
    pub line: usize,
    /// For a dead rule: the condition, the value it always has, and one
    /// completion of each of its cases (see `dead.rs`).
    pub dead: Option<(dead::Condition, bool, Vec<Witness>)>,
    /// For a reading that matters: the same facts and date under the
    /// other alternative, where the verdict differs.
    pub contrast: Option<Witness>,
}

/// The findings on one policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The findings, in kind order, then in file order.
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// Whether a finding not allowed fails the analysis.
    pub fn fails(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.kind.fails() && f.allowed.is_none())
    }
}

/// Analyses a checked policy over every case.
pub fn analyze(model: &Model) -> Analysis {
    // Every fact unknown, but for what the policy itself fixes of them.
    let mut facts = Facts::empty(model);
    for (slot, fact) in facts.values.iter_mut().zip(&model.facts) {
        if let Some(fixed) = &fact.fixed {
            *slot = fixed.clone();
        }
    }
    let readings = Readings::defaults(model);
    // Its date is not read where it matters (see `src/exact/cases.rs`).
    let as_of = model
        .instrument
        .adopted
        .or(model.instrument.scenarios_as_of)
        .unwrap_or(chrono::NaiveDate::MIN);
    let input = Input {
        facts: &facts,
        as_of,
        readings: &readings,
    };
    let evaluator = Evaluator::new(model);
    let mut open = OpenCases::new(model, &input, &evaluator);
    let mut findings = Vec::new();
    let mut ctx = Context {
        model,
        open: &mut open,
    };
    if model.amended.is_some() {
        findings.push(not_decided(
            "the policy is amended: its versions change with the date, and the analysis reads one version",
            Vec::new(),
        ));
    } else {
        findings.extend(gaps::find(&mut ctx));
        findings.extend(conflicts::find(&mut ctx));
        findings.extend(dead::find(&mut ctx));
        findings.extend(readings::find(&mut ctx));
    }
    findings.extend(unused::find(model));
    allows::apply(model, &mut findings);
    allows::follow_conflicts(&mut findings);
    findings.sort_by_key(|f| (f.kind, f.line));
    Analysis { findings }
}

/// What every part of the analysis works with.
pub(crate) struct Context<'c, 'a, 'm> {
    pub model: &'m Model,
    pub open: &'c mut OpenCases<'a, 'm>,
}

/// A finding that could not be decided, with why.
pub(crate) fn not_decided(reason: &str, rules: Vec<String>) -> Finding {
    Finding {
        kind: Kind::NotDecided,
        message: format!("not decided: {reason}"),
        rules,
        provisions: Vec::new(),
        condition: String::new(),
        condition_words: String::new(),
        written: Vec::new(),
        witness: None,
        reason: Some(reason.to_string()),
        allowed: None,
        line: 0,
        dead: None,
        contrast: None,
    }
}

/// Why symbolic evaluation gives up, in words: outside its fragment.
pub(crate) const FALLBACK: &str = "outside the fragment exact reasoning decides (months or years added to an unknown date, products or quotients of unknowns, scales, rounding, text, lists or records of unknown facts, calls with unknown arguments)";

/// Why symbolic evaluation gives up, in words: past its budget.
pub(crate) const SPENT: &str = "past the budget of exact reasoning (4,096 checks, 1,024 cases or 100,000 steps for one question)";

impl Context<'_, '_, '_> {
    /// Why the last question fell back.
    pub(crate) fn why(&self) -> &'static str {
        if self.open.spent() { SPENT } else { FALLBACK }
    }
}

/// The 1-based line of a byte offset of the policy's own file; 0 for
/// another file's.
pub(crate) fn line_of(model: &Model, span: crate::span::Span) -> usize {
    let text = &model.source.text;
    if span.end > model.own_text_len() {
        return 0;
    }
    text.get(..span.start)
        .map_or(0, |before| before.matches('\n').count() + 1)
}

/// The text of a span of the policy's own file, on one line.
pub(crate) fn written(model: &Model, span: crate::span::Span) -> String {
    model
        .source
        .text
        .get(span.start..span.end)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
