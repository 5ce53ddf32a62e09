//! Lowering `for each BINDER in LIST keyed by KEY`, the clause of a verdict
//! given once per element of a list.

use pest::iterators::Pair;

use super::Rule;
use super::expr::{lower_expr, primary};
use super::lower::{ident, span_of};
use crate::ast::ForEachDecl;

/// Lowers the clause; `None` when a part is missing, which the grammar
/// does not let through.
pub(super) fn for_each(pair: Pair<'_, Rule>) -> Option<ForEachDecl> {
    let span = span_of(&pair);
    let mut binder = None;
    let mut list = None;
    let mut key = None;
    let mut after_by = false;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::for_word | Rule::each_word | Rule::in_word | Rule::keyed_word => {}
            Rule::kw_by => after_by = true,
            Rule::ident if binder.is_none() && !after_by => binder = Some(ident(part)),
            Rule::plain_expr if list.is_none() && !after_by => list = Some(lower_expr(part)),
            // The key is an operand, whatever its form.
            _ if after_by => key = Some(primary(part)),
            _ => {}
        }
    }
    Some(ForEachDecl {
        binder: binder?,
        list: list?,
        key: key?,
        span,
    })
}
