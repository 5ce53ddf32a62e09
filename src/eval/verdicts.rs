//! Evaluating every verdict of a policy at once, with what each depended on
//! and the values its sentence names.

use chrono::NaiveDate;

use super::{Dependencies, EvalError, Evaluator, Input, Readings};
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

/// The outcome of one verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictOutcome {
    /// Which verdict.
    pub verdict: VerdictId,
    /// Its value; [`Value::Unknown`] when undetermined.
    pub value: Value,
    /// The unknown facts and the readings it depended on.
    pub dependencies: Dependencies,
    /// The values of the expressions its sentence names, in template order.
    pub template_values: Vec<Value>,
}

/// Every verdict of a policy for one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The date it is as of.
    pub as_of: NaiveDate,
    /// Where that date came from.
    pub as_of_source: AsOfSource,
    /// The readings in force.
    pub readings: Readings,
    /// The verdicts, in declaration order.
    pub verdicts: Vec<VerdictOutcome>,
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

/// Evaluates every verdict, recording what each depended on.
pub fn evaluate(
    model: &Model,
    facts: &Facts,
    as_of: NaiveDate,
    as_of_source: AsOfSource,
    readings: &Readings,
) -> Result<Evaluation, EvalError> {
    let input = Input {
        facts,
        as_of,
        readings,
    };
    let mut evaluator = Evaluator::new(model);
    let mut verdicts = Vec::with_capacity(model.verdicts.len());
    for (index, verdict) in model.verdicts.iter().enumerate() {
        let id = index as VerdictId;
        let mut dependencies = Dependencies::default();
        let value = evaluator.verdict(&input, id, &mut dependencies)?;
        let mut template_values = Vec::new();
        for part in &verdict.template.parts {
            if let TemplatePart::Expr(expr) = part {
                template_values.push(evaluator.expr(&input, expr, &mut dependencies)?);
            }
        }
        if value.is_known() {
            // A determined verdict depends on no unknown fact, whatever it read.
            dependencies.unknown_facts.clear();
        }
        dependencies.sort();
        verdicts.push(VerdictOutcome {
            verdict: id,
            value,
            dependencies,
            template_values,
        });
    }
    Ok(Evaluation {
        as_of,
        as_of_source,
        readings: readings.clone(),
        verdicts,
    })
}

/// Evaluates every verdict into `out`, as fast as possible: no tracing, and
/// definitions shared between verdicts. `evaluator` is reset first.
pub fn evaluate_values(
    evaluator: &mut Evaluator<'_>,
    input: &Input<'_>,
    out: &mut Vec<Value>,
) -> Result<(), EvalError> {
    evaluator.reset();
    out.clear();
    for id in 0..evaluator.verdict_count() {
        out.push(evaluator.verdict(input, id as VerdictId, &mut super::NoTrace)?);
    }
    Ok(())
}
