//! Evaluating every verdict of a policy at once, recording every step so
//! that each verdict can be explained and can say what it depends on.

use chrono::NaiveDate;

use super::trace::Trace;
use super::{EvalError, Evaluator, Input, NoTrace, Readings};
use crate::facts::Facts;
use crate::model::{Model, TemplatePart, VerdictId};
use crate::value::Value;

/// Where the evaluation date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfSource {
    /// The `--at` argument, or the caller.
    Given,
    /// `as_of` in the facts file.
    Facts,
    /// Today's date, for want of the others.
    Today,
}

/// The unknown facts and the readings a verdict depended on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dependencies {
    /// The unknown facts an undetermined verdict depends on, as (fact, field
    /// path): only those whose being unknown left it undetermined. Sorted.
    pub unknown_facts: Vec<(crate::model::FactId, Box<[u32]>)>,
    /// The readings it consulted. Sorted.
    pub readings: Vec<crate::model::ReadingId>,
}

/// The outcome of one verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictOutcome {
    /// Which verdict.
    pub verdict: VerdictId,
    /// Its value; [`Value::Unknown`] when undetermined or errored.
    pub value: Value,
    /// The values of the expressions its sentence names, in template order;
    /// none when it errored.
    pub template_values: Vec<Value>,
    /// The step of the evaluation's trace that computed it.
    pub step: u32,
    /// Whether it applies on the date: true when the instrument and its
    /// provisions are in force. When false, it has no value. Unknown when
    /// that could not be decided because of an error.
    pub in_force: Value,
    /// When whether it applies is open: the unknown facts the periods in
    /// force wait on.
    pub in_force_depends_on: Vec<(crate::model::FactId, Box<[u32]>)>,
    /// Whether the value (and whether it applies) is exactly as certain as
    /// the facts allow: false only when exact reasoning fell back on the
    /// sound answer (see [`crate::exact`]).
    pub exact: bool,
    /// When exact reasoning decided the value (or whether it applies)
    /// where the steps of the evaluation left it open: the unknown facts it
    /// considered, sorted; otherwise empty.
    pub decided_over: Vec<(crate::model::FactId, Box<[u32]>)>,
    /// Why it has no outcome: an error in whether it applies, in its value,
    /// or in a value its sentence names. The other verdicts do not depend
    /// on it and are evaluated as usual.
    pub error: Option<EvalError>,
    /// For a verdict given for each element of a list: each element's
    /// outcome, in list order; `None` for other verdicts, and while the
    /// list is unknown or the verdict does not apply.
    pub elements: Option<Vec<super::ElementOutcome>>,
    /// For one element of a verdict given for each element, undetermined
    /// because parts of the element are unknown: the fact its list is
    /// (the element's fields are no facts of their own). Otherwise empty.
    pub element_depends_on: Vec<(crate::model::FactId, Box<[u32]>)>,
}

/// Every verdict of a policy for one input, with the record of how each was reached.
#[derive(Debug, Clone)]
pub struct Evaluation<'m> {
    /// The date it is as of.
    pub as_of: NaiveDate,
    /// Where that date came from.
    pub as_of_source: AsOfSource,
    /// The readings in force.
    pub readings: Readings,
    /// For each provision: whether it is in force on the date; `None` when
    /// that could not be decided (an error, which the verdicts it governs
    /// carry).
    pub provisions_in_force: Vec<Option<Value>>,
    /// The verdicts asked for, in declaration order.
    pub verdicts: Vec<VerdictOutcome>,
    /// Every step of the evaluation, for explanations.
    pub trace: Trace<'m>,
    /// The facts and fields that took their declared default (see
    /// [`crate::facts::Facts::defaulted`]), for explanations to say so.
    pub defaulted: Vec<(crate::model::FactId, Box<[u32]>)>,
    /// How each assumption of the policy fared, in file order: a broken one
    /// is a facts problem, an open one is noted beside the verdicts.
    pub assumptions: Vec<super::assumptions::AssumptionOutcome>,
    /// The definitions given a value in place of their rules (see
    /// [`crate::facts::given`]), for the report to say so.
    pub given: crate::facts::Given,
    /// The facts given as histories (see [`crate::facts::history`]),
    /// sorted by fact: explanations name the date from which each value
    /// holds.
    pub histories: Vec<crate::facts::History>,
}

impl Evaluation<'_> {
    /// The date from which a fact given as a history has the value it has
    /// on `date`; `None` for any other fact, or before its first date.
    pub fn fact_from(&self, fact: crate::model::FactId, date: NaiveDate) -> Option<NaiveDate> {
        let i = self
            .histories
            .binary_search_by_key(&fact, |h| h.fact)
            .ok()?;
        let (from, _) = self.histories.get(i)?.entry_on(date)?;
        Some(*from)
    }

    /// Whether a fact, or a field inside it, took its declared default.
    pub fn is_defaulted(&self, fact: crate::model::FactId, fields: &[u32]) -> bool {
        self.defaulted
            .binary_search_by(|(f, path)| (*f, &path[..]).cmp(&(fact, fields)))
            .is_ok()
    }

    /// For an undetermined verdict that applies: what it still depends on,
    /// as an expression over the unknown facts (see [`crate::residual`]).
    pub fn residual(
        &self,
        model: &Model,
        outcome: &VerdictOutcome,
    ) -> Option<crate::residual::Residual> {
        if outcome.value.is_known()
            || outcome.in_force != Value::Bool(true)
            || outcome.error.is_some()
        {
            return None;
        }
        Some(crate::residual::residual(model, &self.trace, outcome.step))
    }

    /// What a verdict depended on, read off the trace: the unknown facts that
    /// left it undetermined (none when it is determined or does not apply)
    /// and the readings it consulted.
    pub fn dependencies(&self, outcome: &VerdictOutcome) -> Dependencies {
        let unknown_facts = if outcome.in_force == Value::Bool(false)
            || outcome.value.is_known()
            || outcome.error.is_some()
        {
            Vec::new()
        } else {
            let mut facts = self.trace.unknown_facts(outcome.step);
            for fact in outcome
                .in_force_depends_on
                .iter()
                .chain(&outcome.element_depends_on)
            {
                if !facts.contains(fact) {
                    facts.push(fact.clone());
                }
            }
            facts.sort();
            facts
        };
        Dependencies {
            unknown_facts,
            readings: self.trace.readings(outcome.step),
        }
    }
}

/// Decides the evaluation date: the one given, else the facts' `as_of`, else today.
pub fn choose_as_of(
    given: Option<NaiveDate>,
    facts: &Facts,
    today: NaiveDate,
) -> (NaiveDate, AsOfSource) {
    match (given, facts.as_of) {
        (Some(date), _) => (date, AsOfSource::Given),
        (None, Some(date)) => (date, AsOfSource::Facts),
        (None, None) => (today, AsOfSource::Today),
    }
}

/// Evaluates every verdict, recording every step; the first error of a
/// verdict, in declaration order, if any verdict errored. To report each
/// verdict's error beside the others' values, use [`evaluate_only`].
pub fn evaluate<'m>(
    model: &'m Model,
    facts: &Facts,
    as_of: NaiveDate,
    as_of_source: AsOfSource,
    readings: &Readings,
) -> Result<Evaluation<'m>, EvalError> {
    let every = 0..model.verdicts.len() as VerdictId;
    let evaluation = evaluate_selected(model, facts, as_of, as_of_source, readings, every);
    match evaluation.verdicts.iter().find_map(|v| v.error.clone()) {
        Some(error) => Err(error),
        None => Ok(evaluation),
    }
}

/// Evaluates the verdicts asked for, recording every step, and only what
/// they need: a rule no asked verdict uses is not evaluated, so it can
/// neither fail nor slow them. A verdict that fails carries its error in
/// [`VerdictOutcome::error`]; the others are evaluated as usual. Unknown
/// verdict ids are ignored, and repeated ones taken once.
pub fn evaluate_only<'m>(
    model: &'m Model,
    facts: &Facts,
    as_of: NaiveDate,
    as_of_source: AsOfSource,
    readings: &Readings,
    verdicts: &[VerdictId],
) -> Evaluation<'m> {
    let asked = asked_verdicts(model, verdicts);
    evaluate_selected(model, facts, as_of, as_of_source, readings, asked)
}

/// The verdicts asked for, in model order, once each, those the model
/// lacks left out.
pub(crate) fn asked_verdicts(model: &Model, verdicts: &[VerdictId]) -> Vec<VerdictId> {
    let mut asked: Vec<VerdictId> = verdicts
        .iter()
        .copied()
        .filter(|id| (*id as usize) < model.verdicts.len())
        .collect();
    asked.sort_unstable();
    asked.dedup();
    asked
}

/// Evaluates the verdicts given, known ids in increasing order.
fn evaluate_selected<'m>(
    model: &'m Model,
    facts: &Facts,
    as_of: NaiveDate,
    as_of_source: AsOfSource,
    readings: &Readings,
    asked: impl IntoIterator<Item = VerdictId>,
) -> Evaluation<'m> {
    // An amended policy answers on each date as its version in force does,
    // with the definitions given values found again in that version.
    let version = model.version_on(as_of);
    let moved;
    let facts = if std::ptr::eq(version, model) || facts.given.is_empty() {
        facts
    } else {
        moved = Facts {
            given: facts.given.for_version(model, version),
            ..facts.clone()
        };
        &moved
    };
    let model = version;
    let input = Input {
        facts,
        as_of,
        readings,
    };
    let mut evaluator = Evaluator::new(model);
    let mut trace = Trace::new(model);
    let mut outcomes = Vec::with_capacity(model.verdicts.len());
    for id in asked {
        outcomes.push(traced_outcome(&mut evaluator, &input, id, &mut trace));
    }
    // The periods in force are the report's header, not rules: each is
    // cheap, and one that fails only marks its own entry.
    let provisions_in_force = (0..model.provisions.len() as u32)
        .map(|provision| evaluator.provision_in_force(&input, provision).ok())
        .collect();
    let assumptions = super::assumptions::check_assumptions(&mut evaluator, &input);
    // The sentences' values come last, untraced: they explain nothing.
    for outcome in &mut outcomes {
        if outcome.error.is_some() {
            continue;
        }
        let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
            continue;
        };
        if verdict.for_each.is_some() {
            // Each element wrote its own sentence.
            continue;
        }
        for part in &verdict.template.parts {
            if let TemplatePart::Expr(expr) = part {
                match evaluator.expr(&input, expr, &mut NoTrace) {
                    Ok(value) => outcome.template_values.push(value),
                    Err(error) => {
                        // A sentence that cannot be written cannot report the verdict.
                        outcome.value = Value::UNKNOWN;
                        outcome.template_values.clear();
                        outcome.error = Some(error);
                        break;
                    }
                }
            }
        }
    }
    Evaluation {
        as_of,
        as_of_source,
        readings: readings.clone(),
        provisions_in_force,
        verdicts: outcomes,
        trace,
        defaulted: facts.defaulted.clone(),
        assumptions,
        given: facts.given.clone(),
        histories: facts.histories.clone(),
    }
}

/// One verdict evaluated and traced, with whether it applies; an error
/// leaves it without a value.
fn traced_outcome<'m>(
    evaluator: &mut Evaluator<'m>,
    input: &Input<'_>,
    id: VerdictId,
    trace: &mut Trace<'m>,
) -> VerdictOutcome {
    let mut outcome = VerdictOutcome::open(id, trace.last().unwrap_or(0), Value::UNKNOWN);
    let settled_in_force = match evaluator.verdict_in_force_exact(input, id) {
        Ok(settled) => settled,
        Err(error) => {
            outcome.error = Some(error);
            return outcome;
        }
    };
    let in_force = settled_in_force.value;
    if !in_force.is_known() {
        outcome.in_force_depends_on = period_facts(evaluator.model, input.facts, input.as_of, id);
    }
    // A verdict whose provisions are not in force is not evaluated: its
    // rules do not apply, so what they would compute, or fail to
    // compute (a dated value before its first date), does not matter.
    let for_each = evaluator
        .model
        .verdicts
        .get(id as usize)
        .is_some_and(|v| v.for_each.is_some());
    let mut list_step = None;
    let computed = if in_force == Value::Bool(false) {
        Ok(None)
    } else if for_each {
        // One outcome per element; the verdict's own step is the list's.
        super::for_each::traced(evaluator, input, id, trace, &in_force).map(|traced| {
            list_step = Some(traced.list_step);
            outcome.elements = traced.elements;
            Some(crate::exact::Settled {
                value: traced.value,
                exact: traced.exact,
                decided: false,
                unknowns: Vec::new(),
            })
        })
    } else {
        evaluator.verdict_exact(input, id, trace).map(Some)
    };
    outcome.step = list_step.unwrap_or_else(|| trace.last().unwrap_or(0));
    match computed {
        Ok(settled) => {
            let mut decided_over = Vec::new();
            let mut exact = settled_in_force.exact;
            if let Some(settled) = settled {
                exact &= settled.exact;
                // The verdict's final value: a rule that does not apply, or
                // may not, gives none.
                outcome.value = gate(&in_force, settled.value);
                if in_force == Value::Bool(true) {
                    decided_over = settled.unknowns;
                }
            }
            for fact in settled_in_force.unknowns {
                if !decided_over.contains(&fact) {
                    decided_over.push(fact);
                }
            }
            decided_over.sort();
            outcome.exact = exact;
            outcome.decided_over = decided_over;
        }
        Err(error) => outcome.error = Some(error),
    }
    outcome.in_force = in_force;
    outcome
}

/// Evaluates every verdict into `out`, as fast as possible: no tracing, and
/// definitions shared between verdicts. `evaluator` is reset first. A
/// verdict whose provisions are not in force on the date is unknown here;
/// [`Evaluator::verdict_in_force`] tells the two apart. A verdict that
/// fails gets its error; the others are evaluated as usual.
pub fn evaluate_values(
    evaluator: &mut Evaluator<'_>,
    input: &Input<'_>,
    out: &mut Vec<Result<Value, EvalError>>,
) {
    evaluator.reset();
    out.clear();
    for id in 0..evaluator.verdict_count() {
        out.push(verdict_value(evaluator, input, id as VerdictId).0);
    }
}

/// [`evaluate_values`], with each verdict's status beside its value in
/// `status`, as `eval --format json` gives it: `determined`,
/// `undetermined`, `not_in_force` or `error`. Whether each verdict applies
/// is computed once, for its value and its status.
pub fn evaluate_values_with_status(
    evaluator: &mut Evaluator<'_>,
    input: &Input<'_>,
    out: &mut Vec<Result<Value, EvalError>>,
    status: &mut Vec<&'static str>,
) {
    evaluator.reset();
    out.clear();
    status.clear();
    for id in 0..evaluator.verdict_count() {
        let (value, state) = verdict_value(evaluator, input, id as VerdictId);
        out.push(value);
        status.push(state);
    }
}

/// One verdict's final value and its status. Results are read where they
/// were returned rather than moved out and back in (see `Run::binary`).
#[inline]
fn verdict_value(
    evaluator: &mut Evaluator<'_>,
    input: &Input<'_>,
    id: VerdictId,
) -> (Result<Value, EvalError>, &'static str) {
    let in_force = evaluator.verdict_in_force(input, id);
    match &in_force {
        Ok(Value::Bool(false)) => (Ok(Value::UNKNOWN), "not_in_force"),
        Ok(Value::Bool(true)) => {
            let result = evaluator.verdict(input, id, &mut NoTrace);
            let state = match &result {
                Ok(value) if value.is_known() => "determined",
                Ok(_) => "undetermined",
                Err(_) => "error",
            };
            (result, state)
        }
        // Whether it applies is open: so is its value.
        Ok(_) => match evaluator.verdict(input, id, &mut NoTrace) {
            Ok(_) => (Ok(Value::UNKNOWN), "undetermined"),
            Err(error) => (Err(error), "error"),
        },
        Err(_) => (in_force, "error"),
    }
}

/// Evaluates every verdict into `out` while recording every step in
/// `trace`, reusing both: what explained evaluation costs over
/// [`evaluate_values`]. `evaluator` and `trace` are cleared first; each
/// verdict's root step is pushed to `roots`.
pub fn evaluate_traced<'m>(
    evaluator: &mut Evaluator<'m>,
    trace: &mut Trace<'m>,
    input: &Input<'_>,
    out: &mut Vec<Result<Value, EvalError>>,
    roots: &mut Vec<u32>,
) {
    evaluator.reset();
    trace.clear();
    out.clear();
    roots.clear();
    for id in 0..evaluator.verdict_count() {
        let value = match evaluator.verdict_in_force(input, id as VerdictId) {
            Ok(Value::Bool(false)) => Ok(Value::UNKNOWN),
            Ok(in_force) => evaluator
                .verdict(input, id as VerdictId, trace)
                // The verdict's final value.
                .map(|value| gate(&in_force, value)),
            Err(error) => Err(error),
        };
        roots.push(trace.last().unwrap_or(0));
        out.push(value);
    }
}

/// The unknown facts read by the periods in force a verdict depends on: the
/// instrument's and those of the provisions whose rules it names.
fn period_facts(
    model: &Model,
    facts: &Facts,
    as_of: chrono::NaiveDate,
    verdict: VerdictId,
) -> Vec<(crate::model::FactId, Box<[u32]>)> {
    let mut periods: Vec<&crate::model::Period> = model.instrument.in_force.iter().collect();
    if let Some(info) = model.verdicts.get(verdict as usize) {
        for provision in &info.provisions {
            if let Some(period) = model
                .provisions
                .get(*provision as usize)
                .and_then(|p| p.in_force.as_ref())
            {
                periods.push(period);
            }
        }
    }
    let mut found = Vec::new();
    let mut pending: Vec<&crate::model::Expr> = periods
        .iter()
        .flat_map(|p| p.from.iter().chain(p.until.iter()))
        .collect();
    while let Some(expr) = pending.pop() {
        if let crate::model::ExprKind::Fact { fact, fields } = &expr.kind {
            let mut value = facts.value_on(*fact, as_of);
            for field in fields.iter() {
                value = match value {
                    Some(Value::Record(values)) => values.get(*field as usize),
                    _ => None,
                };
            }
            let entry = (*fact, fields.clone());
            if value.is_none_or(|v| !v.is_known()) && !found.contains(&entry) {
                found.push(entry);
            }
        }
        crate::model::expr::for_each_child(expr, |child| pending.push(child));
    }
    found.sort();
    found
}

/// A verdict's value as it applies: none unless its provisions are in force.
fn gate(in_force: &Value, value: Value) -> Value {
    match in_force {
        Value::Bool(true) => value,
        _ => Value::UNKNOWN,
    }
}
