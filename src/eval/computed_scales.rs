//! Scales whose thresholds, base amounts or rates are computed: each part
//! evaluated, then the thresholds checked for order, so that only a
//! well-formed scale is ever applied.

use std::sync::Arc;

use super::{EvalError, Run, Tracer};
use crate::model::scale::{Bracket, ComputedScale, Scale};
use crate::value::Value;

impl<'m, T: Tracer<'m>> Run<'_, 'm, T> {
    /// The scale as computed: unknown when a part is, an error when its
    /// thresholds do not rise.
    pub(super) fn computed_scale(&mut self, scale: &'m ComputedScale) -> Result<Value, EvalError> {
        let mut brackets = Vec::with_capacity(scale.brackets.len());
        let mut unknown = false;
        // Every part is evaluated, so that explanations show each.
        for bracket in &scale.brackets {
            let over = self.expr(&bracket.over)?;
            let base = match &bracket.base {
                Some(base) => Some(self.expr(base)?),
                None => None,
            };
            let rate = self.expr(&bracket.rate)?;
            let amount = |value: &Value| value.scalar().and_then(|s| s.amount()).map(|(a, _)| a);
            let parts = (
                amount(&over),
                base.as_ref()
                    .map_or(Some(rust_decimal::Decimal::ZERO), amount),
                amount(&rate),
            );
            match parts {
                (Some(over_amount), Some(base), Some(rate)) => brackets.push((
                    Bracket {
                        over: over_amount,
                        base,
                        rate,
                    },
                    over,
                )),
                _ => unknown = true,
            }
        }
        if unknown {
            return Ok(Value::UNKNOWN);
        }
        for (index, pair) in brackets.windows(2).enumerate() {
            if let [(low, low_value), (high, high_value)] = pair
                && high.over <= low.over
            {
                let spans = (
                    scale.brackets.get(index).map(|b| b.over.span),
                    scale.brackets.get(index + 1).map(|b| b.over.span),
                );
                return Err(EvalError::ScaleOrder {
                    span: spans.1.unwrap_or_default(),
                    bracket: index as u32 + 2,
                    thresholds: Box::new(super::error::Disorder {
                        before_span: spans.0.unwrap_or_default(),
                        before: low_value.clone(),
                        threshold: high_value.clone(),
                    }),
                });
            }
        }
        Ok(Value::Computed(Arc::new(Scale {
            kind: scale.kind,
            currency: scale.currency,
            brackets: brackets.into_iter().map(|(b, _)| b).collect(),
        })))
    }
}
