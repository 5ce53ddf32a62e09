//! A computed scale in words: the scale it came to, and each part that was
//! computed, with what it was computed from.

use super::Builder;
use crate::model::ExprKind;
use crate::model::scale::ComputedScale;
use crate::value::Value;

impl Builder<'_, '_> {
    /// `marginal rates: 10% over USD 0.00; 12% over USD 19050.00, the
    /// threshold of bracket 2 being the threshold that applies (USD
    /// 19050.00)`. `children` are the parts' steps, in the order evaluated:
    /// each bracket's threshold, base amount and rate.
    pub(super) fn scale_phrase(
        &mut self,
        scale: &ComputedScale,
        children: &[u32],
        value: &Value,
    ) -> String {
        let mut parts = Vec::new();
        let mut child = children.iter();
        for (index, bracket) in scale.brackets.iter().enumerate() {
            let [threshold, base, rate] = self.say.particulars.bracket_parts;
            let named = [
                (threshold, Some(&bracket.over)),
                (base, bracket.base.as_ref()),
                (rate, Some(&bracket.rate)),
            ];
            let number = (index + 1).to_string();
            for (template, part) in named {
                let Some(part) = part else { continue };
                let Some(step) = child.next() else { break };
                if !matches!(part.kind, ExprKind::Const(_)) {
                    let operand = self.operand(*step);
                    parts.push(self.say.fill(template, &[('x', &number), ('r', &operand)]));
                }
            }
        }
        let scale_words = self.words(value);
        if parts.is_empty() {
            scale_words
        } else {
            format!("{scale_words}, {}", parts.join(", "))
        }
    }
}
