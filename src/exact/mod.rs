//! Exact answers from what is known.
//!
//! The fast evaluation ([`crate::eval`]) is sound but not exact: it reasons
//! about one operation at a time, so with the Session's date `d` unknown,
//! `d on or before 2024-03-31 and d after 2024-04-01` is unknown to it,
//! although no day satisfies both. Whenever it leaves a verdict's value (or
//! whether the verdict applies) unknown, [`settle_verdict`] and
//! [`settle_in_force`] decide it exactly: the verdict is determined when
//! every completion of the unknown facts that agrees with what is known
//! gives the same value, and then it has that value.
//!
//! # How
//!
//! The verdict is evaluated symbolically ([`symbolic`]) into *cases*: each
//! a conjunction of difference constraints over the unknown dates, numbers
//! and amounts (`x - y <= c`, `x - y < c`, with `y` possibly zero) and of
//! choices for the unknown yes/no values, enumeration values and
//! none-or-not, together with the verdict's value throughout the case (a
//! known value, an unknown plus a constant, or an error). The cases do not
//! overlap and cover every completion. A case is kept only if its
//! conjunction, with the ranges given for the facts and an event's opening
//! on or before its closing, has a solution ([`solver`], Bellman-Ford over
//! the constraint graph, whole values for dates and whole numbers). The
//! verdict is determined exactly when every case left gives the same known
//! value.
//!
//! What is known: known facts; a range given for a fact; one of several
//! values; none, and `or none` types (an unknown `or none` fact without a
//! range may be none or any value of its type); declared types (whole
//! numbers, each enumeration's values, yes/no); an event's opening on or
//! before its closing; a list's known elements. The evaluation date and
//! the readings are fixed.
//!
//! # Fragment, fallback and budget
//!
//! Decided exactly: yes/no logic, enumerations, `or none` (`is none`, `or
//! else`), dates, numbers and money compared with constants and with each
//! other, sums and differences of one unknown with constants, `earliest`
//! and `latest`, days and weeks added to dates, the days from a known
//! date to an unknown one, `if`, definitions with exceptions (to any depth,
//! two that apply and disagree being an error in that case), deontic
//! rules, and `any`, `every` and `count` over lists whose elements are
//! known. Any part whose value the fast evaluation already knows counts as
//! that constant, whatever its form. Outside the fragment (months or years
//! added to an unknown date, products or sums of two unknowns, unknown
//! text, lists or records), or past the budget of [`MAX_CHECKS`] theory
//! checks, [`MAX_CASES`] cases or [`MAX_STEPS`] steps, the verdict keeps the
//! fast evaluation's sound answer and is marked not exact. The worst case
//! is exponential in the number of comparisons of unknowns one verdict
//! makes; the budget bounds it.
//!
//! # Open cases
//!
//! The analysis of a policy over every case ([`crate::analysis`]) runs the
//! same symbolic evaluation with nothing known (`cases::OpenCases`): the
//! evaluation date is one more unknown date, each reading one more
//! discrete unknown, and the budget is renewed for each question it asks.
//! The solver also gives one solution of a case, for its witness.

pub(crate) mod cases;
mod simplify;
pub(crate) mod solver;
mod symbolic;
pub(crate) mod term;

pub use simplify::{FactRange, simplify_residual};

pub(crate) use symbolic::Memo;
pub use symbolic::{MAX_CASES, MAX_CHECKS, MAX_STEPS};

use crate::eval::{Evaluator, Input};
use crate::model::{FactId, VerdictId};
use crate::value::Value;

use symbolic::Symbolic;
use term::{Cases, Exact, Fallback, Leaf};

/// The outcome of exact reasoning over one verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Settled {
    /// The value: the fast evaluation's, or the one every case gives.
    pub value: Value,
    /// Whether the value is exact: known, or proven to depend on the
    /// unknown facts. False when exact reasoning fell back.
    pub exact: bool,
    /// Whether exact reasoning decided a value the fast evaluation left
    /// unknown.
    pub decided: bool,
    /// The unknown facts exact reasoning considered.
    pub unknowns: Vec<(FactId, Box<[u32]>)>,
}

impl Settled {
    fn kept(value: Value, exact: bool) -> Settled {
        Settled {
            value,
            exact,
            decided: false,
            unknowns: Vec::new(),
        }
    }
}

/// A verdict's value decided exactly, when the fast evaluation (`fast`,
/// computed by `evaluator` for `input`) left it unknown. `evaluator`'s
/// remembered definitions are reused, not changed; what exact reasoning
/// learns of the input is kept in it for the next verdict.
pub fn settle_verdict<'m>(
    evaluator: &mut Evaluator<'m>,
    input: &Input<'_>,
    verdict: VerdictId,
    fast: Value,
) -> Settled {
    settle(evaluator, input, fast, |symbolic| symbolic.verdict(verdict))
}

/// One element's value of a verdict given for each element of a list,
/// decided exactly when the fast evaluation (`fast`, with the verdict's
/// binder at `element`) left it unknown.
pub fn settle_element<'m>(
    evaluator: &mut Evaluator<'m>,
    input: &Input<'_>,
    verdict: VerdictId,
    element: &Value,
    fast: Value,
) -> Settled {
    settle(evaluator, input, fast, |symbolic| {
        symbolic.element(verdict, element)
    })
}

/// Whether a verdict applies, decided exactly when the fast evaluation
/// (`fast`) left it unknown.
pub fn settle_in_force<'m>(
    evaluator: &mut Evaluator<'m>,
    input: &Input<'_>,
    verdict: VerdictId,
    fast: Value,
) -> Settled {
    settle(evaluator, input, fast, |symbolic| {
        symbolic.in_force(verdict)
    })
}

#[cold]
#[inline(never)]
fn settle<'m>(
    evaluator: &mut Evaluator<'m>,
    input: &Input<'_>,
    fast: Value,
    cases: impl FnOnce(&mut Symbolic<'_, 'm>) -> Exact<Cases>,
) -> Settled {
    if fast.is_known() {
        return Settled::kept(fast, true);
    }
    let model = evaluator.model();
    let memo = evaluator
        .take_exact_memo()
        .unwrap_or_else(|| Box::new(Memo::new(model)));
    let source: &Evaluator<'m> = evaluator;
    let mut symbolic = Symbolic::new(model, input, source, *memo);
    let found = cases(&mut symbolic);
    let settled = conclude(&mut symbolic, found, fast);
    let memo = symbolic.into_memo();
    evaluator.keep_exact_memo(Box::new(memo));
    settled
}

fn conclude(symbolic: &mut Symbolic<'_, '_>, cases: Exact<Cases>, fast: Value) -> Settled {
    match cases.and_then(|cases| agreed(symbolic, &cases)) {
        Ok(Some(value)) => Settled {
            value,
            exact: true,
            decided: true,
            unknowns: symbolic.unknowns(),
        },
        Ok(None) => Settled::kept(fast, true),
        Err(Fallback) => Settled::kept(fast, false),
    }
}

/// The value every case gives, if they all give the same; `None` when two
/// cases differ, or one fails.
fn agreed(symbolic: &mut Symbolic<'_, '_>, cases: &Cases) -> Exact<Option<Value>> {
    // No case at all: the facts contradict themselves; decide nothing.
    if cases.is_empty() || !symbolic.feasible(&term::Path::default())? {
        return Err(Fallback);
    }
    let mut agreed: Option<Value> = None;
    for (path, leaf) in cases {
        let value = match leaf {
            Leaf::Error => return Ok(None),
            Leaf::Val(value) => value.clone(),
            Leaf::Lin { node, offset, unit } => {
                let fixed = symbolic
                    .solver
                    .fixed(&[&symbolic.base, &path.diffs], *node)
                    .map_err(|_| Fallback)?;
                match fixed.and_then(|n| n.checked_add(*offset)) {
                    Some(amount) => unit.value(amount).ok_or(Fallback)?,
                    None => return Ok(None),
                }
            }
        };
        if !value.is_known() {
            return Err(Fallback);
        }
        match &agreed {
            Some(first) if *first != value => return Ok(None),
            Some(_) => {}
            None => agreed = Some(value),
        }
    }
    Ok(agreed)
}
