//! Explanations: why each verdict has its value, in the law's own words.
//!
//! An explanation is read off the evaluation's own [`Trace`], never computed
//! beside it. Each rule that took part becomes a step: its value, a phrase
//! saying why (from the expression that computed it and the values it
//! weighed), the provision it belongs to and the phrase of that provision it
//! cites. By default only the steps that decided the value are kept (see
//! [`decisive`]); [`Detail::Full`] keeps every step.
//!
//! A chain of rules, each using the next, nests as deep as it is long. An
//! explanation shows the first [`MAX_SHOWN_DEPTH`] levels of it; the rule at
//! the last level counts the rules below it (in [`RuleStep::more`]) instead
//! of nesting them, so that neither the explanation nor what renders it
//! grows with the square of a long chain. The facts and readings met below
//! are still listed.

mod calendar;
pub mod calls;
pub mod decisive;
mod lists;
mod none;
pub mod phrase;
mod rules;
mod scale_phrase;

use std::collections::{HashMap, HashSet};

use crate::eval::trace::{RuleRef, StepKind, Trace};
use crate::eval::{Evaluation, VerdictOutcome};
use crate::locale::{Lang, Words};
use crate::model::{ExprKind, FactId, Model, ProvisionId, ReadingId, VerdictId};
use crate::value::Value;

/// How many levels of rules an explanation shows, the rules a verdict uses
/// directly being the first. No policy written by hand chains rules anywhere
/// near this deep. Each level nests two levels of JSON, so that the JSON
/// output stays well within the 128 levels common JSON readers accept.
pub const MAX_SHOWN_DEPTH: usize = 32;

/// How much of an evaluation an explanation shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// No explanation.
    None,
    /// The steps that decided each value.
    #[default]
    Decisive,
    /// Every step taken.
    Full,
}

/// Why a verdict has its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The verdict explained.
    pub verdict: VerdictId,
    /// When the verdict is more than one rule, why its expression gave its value.
    pub because: Option<String>,
    /// The rules that took part, outermost first, each with the rules it used.
    pub steps: Vec<RuleStep>,
    /// The facts read, with their values, in the order first read.
    pub facts: Vec<FactUse>,
    /// The readings consulted, in the order first consulted.
    pub readings: Vec<ReadingUse>,
}

/// One rule's part in a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleStep {
    /// The rule.
    pub rule: RuleRef,
    /// Its name as the policy writes a reference to it, such as `para5.in_force`.
    pub name: String,
    /// The provision it belongs to.
    pub provision: ProvisionId,
    /// What it stands for, in words: its description, or its name.
    pub meaning: String,
    /// For a call of a definition with parameters: each parameter's name
    /// and the argument it was given, in order; empty for any other rule.
    pub arguments: Vec<(String, Value)>,
    /// The value it gave; for an exception that did not apply, unknown.
    pub value: Value,
    /// For an exception: whether it applied (`None`: may or may not have).
    pub applied: Option<bool>,
    /// Why it has that value.
    pub because: String,
    /// The phrase of the provision it encodes, quoted verbatim.
    pub quote: Option<String>,
    /// With [`Detail::Full`]: every expression evaluated for this rule, as
    /// written in the policy, with its value, in the order evaluated.
    pub evaluated: Vec<Evaluated>,
    /// The rules it used.
    pub steps: Vec<RuleStep>,
    /// How many more rules it used, directly or through others, that are not
    /// shown because they lie deeper than [`MAX_SHOWN_DEPTH`]; 0 when all are.
    pub more: usize,
    /// Whether its value was given in place of the rule (see
    /// [`crate::facts::given`]): the rule was not applied, so it cites no
    /// phrase and used no rules.
    pub given: bool,
}

/// Why a definition given its value has it, in an explanation.
pub const GIVEN_BECAUSE: &str = "as given, in place of the rule";

/// An expression evaluated on the way to a rule's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    /// The expression as the policy writes it.
    pub expression: String,
    /// Its value.
    pub value: Value,
    /// When not zero, this entry is no expression but stands for the
    /// expressions evaluated for this many more elements of an aggregate,
    /// which are not listed: only those of its first
    /// [`LIST_ELEMENTS_SHOWN`](crate::words::LIST_ELEMENTS_SHOWN)
    /// elements are. `expression` is then the aggregate as written.
    pub elements_left_out: usize,
}

/// A fact that was read.
#[derive(Debug, Clone, PartialEq)]
pub struct FactUse {
    /// The fact.
    pub fact: FactId,
    /// The field path inside it.
    pub fields: Box<[u32]>,
    /// Its value; unknown when the facts did not give it.
    pub value: Value,
    /// Whether the facts left it out and it took its declared default.
    pub defaulted: bool,
    /// For a fact given as a history, the date from which it has this
    /// value; `None` for any other.
    pub from: Option<chrono::NaiveDate>,
}

/// A reading that was consulted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingUse {
    /// The reading.
    pub reading: ReadingId,
    /// The alternative in force.
    pub alternative: u32,
    /// Whether the analyst chose it (otherwise it is the default).
    pub chosen: bool,
}

/// Explains one verdict of an evaluation; `None` for [`Detail::None`] and
/// for a verdict that errored.
pub fn explain(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
    detail: Detail,
) -> Option<Explanation> {
    explain_in(model, evaluation, outcome, detail, Lang::En)
}

/// Explains one verdict with its phrases in `lang`: the engine's connecting
/// words in that language, the policy's own sentences in it where the
/// policy gives them (in English where it does not).
pub fn explain_in(
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
    detail: Detail,
    lang: Lang,
) -> Option<Explanation> {
    // An errored verdict has no value to explain: its error says why.
    if detail == Detail::None || outcome.error.is_some() {
        return None;
    }
    let mut builder = Builder {
        model,
        trace: &evaluation.trace,
        evaluation,
        detail,
        facts: Vec::new(),
        readings: Vec::new(),
        seen_rules: HashSet::new(),
        seen_calls: HashSet::new(),
        depth: 0,
        phrases: HashMap::new(),
        lang,
        say: lang.words(),
    };
    let mut root = evaluation.trace.resolve(outcome.step);
    // A verdict that names a rule is explained by that rule.
    if let Some(StepKind::Expr(expr)) = evaluation.trace.step(root).map(|s| s.kind)
        && matches!(expr.kind, ExprKind::Definition(_) | ExprKind::Deontic(_))
        && let Some(child) = evaluation.trace.children(root).first()
    {
        root = evaluation.trace.resolve(*child);
    }
    let (steps, because) = match evaluation.trace.step(root).map(|s| s.kind) {
        Some(StepKind::Rule(_)) => (builder.rules_from(root), None),
        _ => {
            let because = builder.phrase(root);
            // `para4.periodic_reviews is required`: the rule's own line says it.
            let restates_a_rule = match evaluation.trace.step(root).map(|s| s.kind) {
                Some(StepKind::Expr(expr)) => {
                    matches!(expr.kind, ExprKind::Binary { .. } | ExprKind::OneOf { .. })
                        && evaluation.trace.children(root).iter().any(|c| {
                            matches!(
                                evaluation.trace.step(evaluation.trace.resolve(*c)).map(|s| s.kind),
                                Some(StepKind::Rule(_))
                            ) || matches!(
                                evaluation.trace.step(*c).map(|s| s.kind),
                                Some(StepKind::Expr(e)) if matches!(e.kind, ExprKind::Definition(_) | ExprKind::Deontic(_))
                            )
                        })
                        && evaluation.trace.children(root).len() <= 2
                }
                _ => false,
            };
            (
                builder.rules_below(root),
                (!restates_a_rule).then_some(because),
            )
        }
    };
    Some(Explanation {
        verdict: outcome.verdict,
        because,
        steps,
        facts: builder.facts,
        readings: builder.readings,
    })
}

/// Walks the trace of one verdict.
struct Builder<'a, 'm> {
    model: &'m Model,
    trace: &'a Trace<'m>,
    evaluation: &'a Evaluation<'m>,
    detail: Detail,
    facts: Vec<FactUse>,
    readings: Vec<ReadingUse>,
    seen_rules: HashSet<RuleRef>,
    /// The calls of definitions with parameters already shown, by step.
    seen_calls: HashSet<u32>,
    /// How many rules enclose the one being built.
    depth: usize,
    /// The phrase of each expression step already phrased, by step index. A
    /// phrase can be asked for more than once (a comparison names its left
    /// side and says what it means), and each such level would otherwise
    /// double the work below it.
    phrases: HashMap<u32, String>,
    /// The language the phrases are written in.
    lang: Lang,
    /// Its words.
    say: &'static Words,
}

impl Builder<'_, '_> {
    /// The sub-steps to follow from a step, at the chosen detail.
    fn below(&self, index: u32) -> Vec<u32> {
        match self.detail {
            Detail::Full => self.trace.children(index),
            _ => decisive::decisive(self.trace, index),
        }
    }

    /// The step for a rule at `index`, which must be a rule step.
    fn rules_from(&mut self, index: u32) -> Vec<RuleStep> {
        let index = self.trace.resolve(index);
        let Some(step) = self.trace.step(index) else {
            return Vec::new();
        };
        let StepKind::Rule(rule) = step.kind else {
            return self.rules_below(index);
        };
        if !self.first_showing(index, rule) {
            return Vec::new();
        }
        if self.trace.is_given(index) {
            return vec![self.given_step(index, rule)];
        }
        let model = self.model;
        let (name, provision, _, quote) = rule_identity_in(model, rule, self.lang);
        let meaning = self.rule_meaning(index, rule);
        let because = self.rule_because(index, rule);
        let applied = match rule {
            RuleRef::Exception(_) => {
                let condition = self
                    .trace
                    .children(index)
                    .first()
                    .and_then(|c| self.trace.step(*c));
                condition.and_then(|c| c.value.as_bool())
            }
            _ => None,
        };
        let evaluated = if self.detail == Detail::Full {
            let mut evaluated = Vec::new();
            self.evaluated(index, &mut evaluated);
            evaluated
        } else {
            Vec::new()
        };
        let (steps, more) = if self.depth + 1 < MAX_SHOWN_DEPTH {
            self.depth += 1;
            // Rules can chain deeply: grow the stack rather than overflow it.
            let steps = stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
                self.rules_below(index)
            });
            self.depth -= 1;
            (steps, 0)
        } else {
            (Vec::new(), self.count_below(index))
        };
        let arguments = self.call_arguments(index, rule);
        vec![RuleStep {
            rule,
            name,
            provision,
            meaning,
            arguments,
            value: step.value.clone(),
            applied,
            because,
            quote,
            evaluated,
            steps,
            more,
            given: false,
        }]
    }

    /// The step for a definition given its value: no reason in the policy,
    /// no phrase quoted, no rules below.
    fn given_step(&mut self, index: u32, rule: RuleRef) -> RuleStep {
        let (name, provision, _, _) = rule_identity_in(self.model, rule, self.lang);
        RuleStep {
            rule,
            name,
            provision,
            meaning: self.rule_meaning(index, rule),
            arguments: Vec::new(),
            value: self
                .trace
                .step(index)
                .map_or(Value::UNKNOWN, |s| s.value.clone()),
            applied: None,
            because: self.say.explaining.as_given.to_string(),
            quote: None,
            evaluated: Vec::new(),
            steps: Vec::new(),
            more: 0,
            given: true,
        }
    }

    /// The rules reached below a step, counted rather than built, in the
    /// order [`Builder::rules_below`] would meet them; records the facts and
    /// readings met on the way. It keeps its own stack of steps to visit, so
    /// that a chain of any length takes none of the thread's.
    fn count_below(&mut self, index: u32) -> usize {
        let mut count = 0;
        let mut pending: Vec<u32> = self.below(index);
        pending.reverse();
        while let Some(child) = pending.pop() {
            let resolved = self.trace.resolve(child);
            match self.trace.step(resolved).map(|s| s.kind) {
                Some(StepKind::Rule(rule)) => {
                    if !self.first_showing(resolved, rule) {
                        continue;
                    }
                    count += 1;
                }
                Some(StepKind::Expr(expr)) => self.note(resolved, &expr.kind),
                _ => continue,
            }
            let mut below = self.below(resolved);
            below.reverse();
            pending.extend(below);
        }
        count
    }

    /// The expressions evaluated below a step, in the order they finished,
    /// stopping at other rules and leaving out literals. Under an aggregate,
    /// only those of its first elements: the others are counted.
    fn evaluated(&self, index: u32, out: &mut Vec<Evaluated>) {
        let aggregate = match self.trace.step(index).map(|s| s.kind) {
            Some(StepKind::Expr(expr)) => match &expr.kind {
                ExprKind::Aggregate(aggregate) => Some((expr, aggregate)),
                _ => None,
            },
            _ => None,
        };
        let (mut elements, mut left_out) = (0usize, 0usize);
        for (position, child) in self.trace.children(index).into_iter().enumerate() {
            let Some(step) = self.trace.step(child) else {
                continue;
            };
            let StepKind::Expr(expr) = step.kind else {
                continue;
            };
            // After the list, each element's steps start with its filter,
            // or with its body when it has none.
            if let Some((_, aggregate)) = aggregate
                && position > 0
            {
                let first = aggregate.filter.as_ref().or(aggregate.body.as_ref());
                if first.is_some_and(|first| std::ptr::eq(first, expr)) {
                    elements += 1;
                    if elements > crate::words::LIST_ELEMENTS_SHOWN {
                        left_out += 1;
                    }
                }
                if elements > crate::words::LIST_ELEMENTS_SHOWN {
                    continue;
                }
            }
            self.evaluated(child, out);
            if !matches!(expr.kind, ExprKind::Const(_)) {
                out.push(Evaluated {
                    expression: self.written(expr),
                    value: step.value.clone(),
                    elements_left_out: 0,
                });
            }
        }
        if let Some((expr, _)) = aggregate
            && left_out > 0
        {
            out.push(Evaluated {
                expression: self.written(expr),
                value: Value::UNKNOWN,
                elements_left_out: left_out,
            });
        }
    }

    /// An expression as the policy writes it, its white space folded.
    pub(super) fn written(&self, expr: &crate::model::Expr) -> String {
        self.model.source.written(expr.span)
    }

    /// The rules reached below a step through expressions, without entering
    /// the rules' own bodies; records facts and readings met on the way.
    fn rules_below(&mut self, index: u32) -> Vec<RuleStep> {
        let mut steps = Vec::new();
        for child in self.below(index) {
            let resolved = self.trace.resolve(child);
            match self.trace.step(resolved).map(|s| s.kind) {
                Some(StepKind::Rule(_)) => steps.extend(self.rules_from(resolved)),
                Some(StepKind::Expr(expr)) => {
                    self.note(resolved, &expr.kind);
                    steps.extend(self.rules_below(resolved));
                }
                _ => {}
            }
        }
        steps
    }

    /// Records the fact or reading an expression step reads, the first time.
    fn note(&mut self, resolved: u32, kind: &ExprKind) {
        match kind {
            ExprKind::Fact { fact, fields } => {
                let value = self
                    .trace
                    .step(resolved)
                    .map(|s| s.value.clone())
                    .unwrap_or(Value::UNKNOWN);
                if !self
                    .facts
                    .iter()
                    .any(|f| f.fact == *fact && f.fields == *fields)
                {
                    self.facts.push(FactUse {
                        fact: *fact,
                        fields: fields.clone(),
                        value,
                        defaulted: self.evaluation.is_defaulted(*fact, fields),
                        from: self.evaluation.fact_from(*fact, self.evaluation.as_of),
                    });
                }
            }
            ExprKind::ReadingIs { reading, .. }
                if !self.readings.iter().any(|r| r.reading == *reading) =>
            {
                self.readings.push(ReadingUse {
                    reading: *reading,
                    alternative: self.evaluation.readings.alternative(*reading),
                    chosen: self
                        .evaluation
                        .readings
                        .chosen
                        .get(*reading as usize)
                        .copied()
                        .unwrap_or(false),
                });
            }
            _ => {}
        }
    }
}

/// A rule's reference name, provision, meaning in words and cited phrase.
pub fn rule_identity(
    model: &Model,
    rule: RuleRef,
) -> (String, ProvisionId, String, Option<String>) {
    rule_identity_in(model, rule, Lang::En)
}

/// A rule's reference name, provision, meaning in `lang` (the policy's
/// sentence in that language where it gives one) and cited phrase.
pub fn rule_identity_in(
    model: &Model,
    rule: RuleRef,
    lang: Lang,
) -> (String, ProvisionId, String, Option<String>) {
    use crate::model::translations::Described;
    let provision_name = |p: ProvisionId| {
        model
            .provisions
            .get(p as usize)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    match rule {
        RuleRef::Definition(id) => match model.definitions.get(id as usize) {
            Some(d) => (
                format!("{}.{}", provision_name(d.provision), d.name),
                d.provision,
                model
                    .described(Described::Definition(id), lang)
                    .map(str::to_string)
                    .unwrap_or_else(|| d.name.replace('_', " ")),
                d.cites.clone(),
            ),
            None => (String::new(), 0, String::new(), None),
        },
        RuleRef::Deontic(id) => match model.deontics.get(id as usize) {
            Some(d) => (
                format!("{}.{}", provision_name(d.provision), d.name),
                d.provision,
                lang.words().fill(
                    lang.words().explaining.deontic_meaning,
                    &[
                        (
                            'l',
                            model
                                .described(Described::DeonticBinds(id), lang)
                                .unwrap_or(&d.binds),
                        ),
                        (
                            'r',
                            model
                                .described(Described::DeonticAction(id), lang)
                                .unwrap_or(&d.action),
                        ),
                    ],
                ),
                d.cites.clone(),
            ),
            None => (String::new(), 0, String::new(), None),
        },
        RuleRef::Exception(id) => match model.exceptions.get(id as usize) {
            Some(e) => {
                let (say, p) = (lang.words(), &lang.words().particulars);
                // What it overrides: another exception, or the definition.
                let parent = e.overrides.and_then(|p| model.exceptions.get(p as usize));
                let target = match parent {
                    Some(parent) => match &parent.name {
                        Some(name) => say.one(p.the_exception, &name.replace('_', " ")),
                        None => String::from(p.another_exception),
                    },
                    None => model
                        .definitions
                        .get(e.definition as usize)
                        .map(|d| {
                            model
                                .described(Described::Definition(e.definition), lang)
                                .map(str::to_string)
                                .unwrap_or_else(|| d.name.replace('_', " "))
                        })
                        .unwrap_or_default(),
                };
                let provision = provision_name(e.provision);
                let name = match &e.name {
                    Some(n) => format!("{provision}.{n}"),
                    None => say.fill(p.exception_label, &[('x', &provision), ('r', &target)]),
                };
                let meaning = match &e.name {
                    Some(n) => say.fill(
                        p.exception_named,
                        &[('x', &n.replace('_', " ")), ('r', &target)],
                    ),
                    None => say.fill(p.exception_unnamed, &[('r', &target)]),
                };
                (name, e.provision, meaning, e.cites.clone())
            }
            None => (String::new(), 0, String::new(), None),
        },
    }
}
