//! Whether the instrument, a provision and a verdict are in force on the
//! evaluation date: periods read three-valued, remembered once asked, and
//! an open answer decided exactly from what is known.

use super::failures::{Failed, remember_failure, remembered_failure};
use super::{EvalError, Evaluator, Input, NoTrace, logic};
use crate::ast::BinaryOp;
use crate::model::VerdictId;
use crate::value::Value;

impl<'m> Evaluator<'m> {
    /// Whether a period holds on the evaluation date: true, false or unknown.
    pub(super) fn period_holds(
        &mut self,
        input: &Input<'_>,
        period: &'m crate::model::Period,
    ) -> Result<Value, EvalError> {
        if let Some(holds) = written_period_holds(period, input.as_of) {
            return Ok(Value::Bool(holds));
        }
        let as_of = Value::Date(input.as_of);
        let mut holds = Value::Bool(true);
        if let Some(from) = &period.from {
            let start = self.expr(input, from, &mut NoTrace)?;
            holds = logic::and(&holds, &logic::compare(BinaryOp::OnOrAfter, &as_of, &start));
        }
        if let Some(until) = &period.until {
            let end = self.expr(input, until, &mut NoTrace)?;
            let op = if period.until_inclusive {
                BinaryOp::OnOrBefore
            } else {
                BinaryOp::Before
            };
            holds = logic::and(&holds, &logic::compare(op, &as_of, &end));
        }
        Ok(holds)
    }

    /// Whether the instrument is in force on the evaluation date.
    pub fn instrument_in_force(&mut self, input: &Input<'_>) -> Result<Value, EvalError> {
        if let Some(known) = &self.instrument_in_force {
            return Ok(known.clone());
        }
        if let Some(error) = remembered_failure(&self.failures, Failed::Instrument) {
            return Err(error);
        }
        let holds = match &self.model.instrument.in_force {
            Some(period) => match self.period_holds(input, period) {
                Ok(holds) => holds,
                Err(error) => {
                    remember_failure(&mut self.failures, Failed::Instrument, &error);
                    return Err(error);
                }
            },
            None => Value::Bool(true),
        };
        self.instrument_in_force = Some(holds.clone());
        Ok(holds)
    }

    /// Whether a provision is in force on the evaluation date: the instrument
    /// is, and so is the provision's own period, if it has one.
    pub fn provision_in_force(
        &mut self,
        input: &Input<'_>,
        provision: crate::model::ProvisionId,
    ) -> Result<Value, EvalError> {
        if let Some(Some(known)) = self.provisions_in_force.get(provision as usize) {
            return Ok(known.clone());
        }
        if let Some(error) = remembered_failure(&self.failures, Failed::Provision(provision)) {
            return Err(error);
        }
        let model = self.model;
        let mut holds = self.instrument_in_force(input)?;
        if let Some(period) = model
            .provisions
            .get(provision as usize)
            .and_then(|p| p.in_force.as_ref())
        {
            match self.period_holds(input, period) {
                Ok(period_holds) => holds = logic::and(&holds, &period_holds),
                Err(error) => {
                    remember_failure(&mut self.failures, Failed::Provision(provision), &error);
                    return Err(error);
                }
            }
        }
        if let Some(slot) = self.provisions_in_force.get_mut(provision as usize) {
            *slot = Some(holds.clone());
        }
        Ok(holds)
    }

    /// Whether a verdict applies on the evaluation date: the instrument and
    /// every provision whose rules it names are in force. Decided exactly
    /// from what is known (see [`crate::exact`]).
    pub fn verdict_in_force(
        &mut self,
        input: &Input<'_>,
        id: VerdictId,
    ) -> Result<Value, EvalError> {
        // Periods written as dates (the usual `in force from adoption`)
        // answer from the date alone, and a row's later verdicts mostly
        // find the answer remembered; either is made here, in place, rather
        // than copied out of another result (see `Run::binary`).
        if let Some(verdict) = self.model.verdicts.get(id as usize) {
            if let Some(known) = written_verdict_in_force(self.model, verdict, input.as_of) {
                return Ok(Value::Bool(known));
            }
            if let Some(known) = self.remembered_in_force(&verdict.provisions) {
                return Ok(Value::Bool(known));
            }
        }
        // With every fact known, the steps decide and nothing more runs.
        let result = self.verdict_in_force_fast(input, id);
        if let Ok(holds) = &result
            && !holds.is_known()
        {
            return Ok(self.settle_open_in_force(input, id, holds.clone()));
        }
        result
    }

    /// An open answer to whether a verdict applies, decided exactly; kept
    /// out of line so that the known answers' path stays as short as it was.
    #[cold]
    #[inline(never)]
    pub(super) fn settle_open_in_force(
        &mut self,
        input: &Input<'_>,
        id: VerdictId,
        holds: Value,
    ) -> Value {
        let stays_open = self.witness_open(input, |scratch, completed| {
            scratch.verdict_in_force_fast(completed, id)
        });
        if stays_open {
            return holds;
        }
        crate::exact::settle_in_force(self, input, id, holds).value
    }

    /// [`Evaluator::verdict_in_force`], with whether the answer is exact.
    pub fn verdict_in_force_exact(
        &mut self,
        input: &Input<'_>,
        id: VerdictId,
    ) -> Result<crate::exact::Settled, EvalError> {
        let holds = self.verdict_in_force_fast(input, id)?;
        Ok(crate::exact::settle_in_force(self, input, id, holds))
    }

    /// Whether a verdict applies, as far as the steps alone tell.
    #[inline]
    pub(super) fn verdict_in_force_fast(
        &mut self,
        input: &Input<'_>,
        id: VerdictId,
    ) -> Result<Value, EvalError> {
        let model = self.model;
        let Some(verdict) = model.verdicts.get(id as usize) else {
            return Ok(Value::Bool(true));
        };
        if let Some(known) = self.remembered_in_force(&verdict.provisions) {
            return Ok(Value::Bool(known));
        }
        let mut holds = self.instrument_in_force(input)?;
        for provision in &verdict.provisions {
            let provision = self.provision_in_force(input, *provision)?;
            holds = match holds {
                Value::Bool(true) => provision,
                Value::Bool(false) => holds,
                open => logic::and(&open, &provision),
            };
        }
        Ok(holds)
    }
}

impl Evaluator<'_> {
    /// Whether a verdict naming `provisions` applies, from what this row's
    /// earlier verdicts left remembered, when all of it is known true or
    /// false: the row's later verdicts then skip the steps.
    #[inline]
    fn remembered_in_force(&self, provisions: &[crate::model::ProvisionId]) -> Option<bool> {
        let Some(Value::Bool(mut holds)) = self.instrument_in_force else {
            return None;
        };
        for provision in provisions {
            match self.provisions_in_force.get(*provision as usize) {
                Some(Some(Value::Bool(in_force))) => holds &= in_force,
                _ => return None,
            }
        }
        Some(holds)
    }
}

/// Whether a verdict applies on `as_of` when the instrument's period and
/// those of the provisions it names are written as dates (or absent): from
/// the date alone, without the steps. `None` when a period is computed.
#[inline]
fn written_verdict_in_force(
    model: &crate::model::Model,
    verdict: &crate::model::VerdictInfo,
    as_of: chrono::NaiveDate,
) -> Option<bool> {
    let mut holds = match &model.instrument.in_force {
        Some(period) => written_period_holds(period, as_of)?,
        None => true,
    };
    for provision in &verdict.provisions {
        if let Some(period) = model
            .provisions
            .get(*provision as usize)
            .and_then(|p| p.in_force.as_ref())
        {
            holds &= written_period_holds(period, as_of)?;
        }
    }
    Some(holds)
}

/// Whether a period whose ends are dates written in the policy (or absent)
/// holds on `as_of`, compared directly: the usual `in force from
/// adoption`, asked for every verdict of every row. `None` when an end is
/// computed, from facts or rules.
fn written_period_holds(period: &crate::model::Period, as_of: chrono::NaiveDate) -> Option<bool> {
    use crate::model::expr::ExprKind;
    let date = |end: &Option<crate::model::expr::Expr>| match end {
        None => Some(None),
        Some(expr) => match &expr.kind {
            ExprKind::Const(Value::Date(date)) => Some(Some(*date)),
            _ => None,
        },
    };
    let (from, until) = (date(&period.from)?, date(&period.until)?);
    let started = from.is_none_or(|from| as_of >= from);
    let not_ended = until.is_none_or(|until| {
        if period.until_inclusive {
            as_of <= until
        } else {
            as_of < until
        }
    });
    Some(started && not_ended)
}
