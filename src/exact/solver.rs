//! The theory check: whether a conjunction of difference constraints
//! `x - y < c` or `x - y <= c` has a solution.
//!
//! Each unknown date, whole number, decimal or amount is a node; node 0 is
//! the constant zero, so that `x <= 5` is `x - 0 <= 5`. A conjunction has a
//! solution exactly when its constraint graph has no negative cycle, with a
//! strict edge counting as an infinitesimal less than its constant
//! (Bellman-Ford). Dates and whole numbers take whole values only: between
//! two such nodes `x - y < c` is first tightened to `x - y <= ceil(c) - 1`,
//! after which the shortest distances, and so a solution, are whole.

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// A node of the constraint graph: 0 is zero, the others unknown values.
pub(crate) type Node = u32;

/// The node that stands for the constant zero.
pub(crate) const ZERO: Node = 0;

/// A bound on a difference: the constant, and whether it is strict.
///
/// Ordered as `c - strict·ε` for an infinitesimal ε, counted, so that sums
/// of strict bounds stay exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Weight {
    /// The constant.
    pub c: Decimal,
    /// How many infinitesimals below the constant (0 or 1 for one edge).
    pub eps: i64,
}

impl Weight {
    /// `<= c`.
    pub fn at_most(c: Decimal) -> Weight {
        Weight { c, eps: 0 }
    }

    /// `< c`.
    pub fn below(c: Decimal) -> Weight {
        Weight { c, eps: 1 }
    }

    fn add(self, other: Weight) -> Option<Weight> {
        Some(Weight {
            c: self.c.checked_add(other.c)?,
            eps: self.eps + other.eps,
        })
    }

    fn cmp(&self, other: &Weight) -> Ordering {
        // More infinitesimals below: smaller.
        self.c.cmp(&other.c).then(other.eps.cmp(&self.eps))
    }
}

/// `x - y <= c` (or `< c`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Diff {
    /// The node bounded above.
    pub x: Node,
    /// The node subtracted.
    pub y: Node,
    /// The bound.
    pub w: Weight,
}

impl Diff {
    /// The constraint that holds exactly when this one does not:
    /// `not (x - y <= c)` is `y - x < -c`.
    pub fn negated(&self) -> Diff {
        Diff {
            x: self.y,
            y: self.x,
            w: Weight {
                c: -self.w.c,
                eps: 1 - self.w.eps,
            },
        }
    }
}

/// Why the check could not answer: a constant too large to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Overflow;

/// The constraint graph's nodes, and which take whole values only.
#[derive(Debug, Clone, Default)]
pub(crate) struct Solver {
    /// For each node, whether it takes whole values only (zero does).
    integral: Vec<bool>,
}

impl Solver {
    /// A solver with only the zero node.
    pub fn new() -> Solver {
        Solver {
            integral: vec![true],
        }
    }

    /// A new node; `integral`: it takes whole values only.
    pub fn node(&mut self, integral: bool) -> Node {
        self.integral.push(integral);
        (self.integral.len() - 1) as Node
    }

    /// Whether both ends of a constraint take whole values.
    fn whole(&self, diff: &Diff) -> bool {
        let whole = |n: Node| self.integral.get(n as usize).copied().unwrap_or(false);
        whole(diff.x) && whole(diff.y)
    }

    /// A constraint tightened to what whole values allow, when both its
    /// nodes take whole values: `x - y < 2.5` is `x - y <= 2`.
    pub fn normalize(&self, diff: Diff) -> Diff {
        if !self.whole(&diff) {
            return diff;
        }
        let c = if diff.w.eps > 0 {
            // The greatest whole number strictly below c.
            let ceil = diff.w.c.ceil();
            ceil - Decimal::ONE
        } else {
            diff.w.c.floor()
        };
        Diff {
            w: Weight::at_most(c),
            ..diff
        }
    }

    /// Whether a constraint mixes a node of whole values with one of any
    /// value, which difference constraints cannot decide exactly.
    pub fn mixes(&self, diff: &Diff) -> bool {
        let kind = |n: Node| self.integral.get(n as usize).copied().unwrap_or(false);
        diff.x != ZERO && diff.y != ZERO && kind(diff.x) != kind(diff.y)
    }

    /// The shortest distances from `source` over the constraints, each
    /// normalized (an edge
    /// `y -> x` of weight `c` for each `x - y <= c`); `None` for a node not
    /// reached, and `Err` on a negative cycle or overflow. With no
    /// `source`, from every node at once (a feasibility check).
    fn distances(
        &self,
        constraints: &[&[Diff]],
        source: Option<Node>,
    ) -> Result<Option<Vec<Option<Weight>>>, Overflow> {
        let n = self.integral.len();
        let zero = Weight::at_most(Decimal::ZERO);
        let mut dist: Vec<Option<Weight>> = match source {
            Some(s) => {
                let mut d = vec![None; n];
                if let Some(slot) = d.get_mut(s as usize) {
                    *slot = Some(zero);
                }
                d
            }
            None => vec![Some(zero); n],
        };
        for round in 0..=n {
            let mut changed = false;
            // The constraints come normalized (see [`Solver::normalize`]).
            for diff in constraints.iter().flat_map(|c| c.iter()) {
                let Some(Some(from)) = dist.get(diff.y as usize).copied() else {
                    continue;
                };
                let through = from.add(diff.w).ok_or(Overflow)?;
                if let Some(slot) = dist.get_mut(diff.x as usize)
                    && slot.is_none_or(|d| through.cmp(&d) == Ordering::Less)
                {
                    *slot = Some(through);
                    changed = true;
                }
            }
            if !changed {
                return Ok(Some(dist));
            }
            if round == n {
                break;
            }
        }
        // Still improving after n rounds: a negative cycle.
        Ok(None)
    }

    /// Whether the conjunction of the constraints has a solution.
    pub fn feasible(&self, constraints: &[&[Diff]]) -> Result<bool, Overflow> {
        Ok(self.distances(constraints, None)?.is_some())
    }

    /// The least and greatest value of `node` under feasible constraints,
    /// each with whether it is attained; `None` where unbounded.
    pub fn range(
        &self,
        constraints: &[&[Diff]],
        node: Node,
    ) -> Result<(Option<Weight>, Option<Weight>), Overflow> {
        // node - 0 <= d(0 -> node); 0 - node <= d(node -> 0).
        let above = self
            .distances(constraints, Some(ZERO))?
            .and_then(|d| d.get(node as usize).copied().flatten());
        let below = self
            .distances(constraints, Some(node))?
            .and_then(|d| d.get(ZERO as usize).copied().flatten());
        Ok((below, above))
    }

    /// The single value `node` can take under feasible constraints, if it
    /// can take only one.
    pub fn fixed(&self, constraints: &[&[Diff]], node: Node) -> Result<Option<Decimal>, Overflow> {
        if node == ZERO {
            return Ok(Some(Decimal::ZERO));
        }
        let (below, above) = self.range(constraints, node)?;
        Ok(match (below, above) {
            (Some(lo), Some(hi)) if lo.eps == 0 && hi.eps == 0 && -lo.c == hi.c => Some(hi.c),
            _ => None,
        })
    }
}

/// Picks a value between bounds for a node of the analysis' witnesses:
/// `preferred` when allowed, else the nearest allowed value (one whole unit
/// or half the gap inside a strict bound).
fn pick(
    preferred: Decimal,
    lo: Option<(Decimal, bool)>,
    hi: Option<(Decimal, bool)>,
    integral: bool,
) -> Decimal {
    let step = |room: Option<Decimal>| match (integral, room) {
        (true, _) => Decimal::ONE,
        (false, Some(room)) => (room / Decimal::TWO).min(Decimal::ONE),
        (false, None) => Decimal::ONE,
    };
    let room = match (lo, hi) {
        (Some((l, _)), Some((h, _))) => h.checked_sub(l),
        _ => None,
    };
    if let Some((l, strict)) = lo
        && (preferred < l || (strict && preferred == l))
    {
        return if strict { l + step(room) } else { l };
    }
    if let Some((h, strict)) = hi
        && (preferred > h || (strict && preferred == h))
    {
        return if strict { h - step(room) } else { h };
    }
    preferred
}

impl Solver {
    /// One solution of feasible constraints: a value for every node (zero
    /// for node 0), each as near its `preferred` value as the others
    /// allow, fixed one node after the other so that the rest stays
    /// feasible. `None` when the constraints have no solution, or on
    /// overflow.
    pub fn solution(
        &self,
        constraints: &[&[Diff]],
        preferred: impl Fn(Node) -> Decimal,
    ) -> Option<Vec<Decimal>> {
        let mut fixed: Vec<Diff> = Vec::new();
        let mut values = vec![Decimal::ZERO; self.integral.len()];
        for node in 1..self.integral.len() as Node {
            let mut all: Vec<&[Diff]> = constraints.to_vec();
            all.push(&fixed);
            let (below, above) = self.range(&all, node).ok()?;
            let lo = below.map(|w| (-w.c, w.eps > 0));
            let hi = above.map(|w| (w.c, w.eps > 0));
            let integral = self.integral.get(node as usize).copied().unwrap_or(false);
            let value = pick(preferred(node), lo, hi, integral);
            fixed.push(Diff {
                x: node,
                y: ZERO,
                w: Weight::at_most(value),
            });
            fixed.push(Diff {
                x: ZERO,
                y: node,
                w: Weight::at_most(-value),
            });
            if let Some(slot) = values.get_mut(node as usize) {
                *slot = value;
            }
        }
        // Checked once more: every constraint holds of the values.
        let holds = constraints.iter().flat_map(|c| c.iter()).all(|d| {
            let x = values.get(d.x as usize).copied().unwrap_or_default();
            let y = values.get(d.y as usize).copied().unwrap_or_default();
            let diff = x - y;
            if d.w.eps > 0 {
                diff < d.w.c
            } else {
                diff <= d.w.c
            }
        });
        holds.then_some(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_most(x: Node, y: Node, c: i64) -> Diff {
        Diff {
            x,
            y,
            w: Weight::at_most(Decimal::from(c)),
        }
    }

    fn below(x: Node, y: Node, c: i64) -> Diff {
        Diff {
            x,
            y,
            w: Weight::below(Decimal::from(c)),
        }
    }

    #[test]
    fn a_day_cannot_be_on_or_before_one_day_and_after_the_next() {
        let mut solver = Solver::new();
        let d = solver.node(true);
        // d <= 100 and d > 101.
        let constraints =
            [at_most(d, ZERO, 100), below(ZERO, d, -101)].map(|c| solver.normalize(c));
        assert_eq!(solver.feasible(&[&constraints]), Ok(false));
        // d <= 100 and d > 99: d is 100.
        let constraints = [at_most(d, ZERO, 100), below(ZERO, d, -99)].map(|c| solver.normalize(c));
        assert_eq!(solver.feasible(&[&constraints]), Ok(true));
        assert_eq!(
            solver.fixed(&[&constraints], d),
            Ok(Some(Decimal::from(100)))
        );
    }

    #[test]
    fn strict_bounds_close_only_between_whole_values() {
        let mut solver = Solver::new();
        let (whole, any) = (solver.node(true), solver.node(false));
        // 0 < x < 1 has no whole solution but a decimal one.
        for (node, expected) in [(whole, false), (any, true)] {
            let constraints =
                [below(node, ZERO, 1), below(ZERO, node, 0)].map(|d| solver.normalize(d));
            assert_eq!(solver.feasible(&[&constraints]), Ok(expected));
        }
        // x <= 1 and x >= 1 fixes x; x < 1 and x >= 1 is impossible.
        let fixed = [at_most(any, ZERO, 1), at_most(ZERO, any, -1)];
        assert_eq!(solver.fixed(&[&fixed], any), Ok(Some(Decimal::ONE)));
        let open = [below(any, ZERO, 1), at_most(ZERO, any, -1)];
        assert_eq!(solver.feasible(&[&open]), Ok(false));
    }

    #[test]
    fn cycles_through_several_nodes_are_found() {
        let mut solver = Solver::new();
        let (a, b, c) = (solver.node(true), solver.node(true), solver.node(true));
        // a < b < c < a.
        let constraints =
            [below(a, b, 0), below(b, c, 0), below(c, a, 0)].map(|d| solver.normalize(d));
        assert_eq!(solver.feasible(&[&constraints]), Ok(false));
        // a <= b <= c <= a: all equal, no bound on the value.
        let loose = [at_most(a, b, 0), at_most(b, c, 0), at_most(c, a, 0)];
        assert_eq!(solver.feasible(&[&loose]), Ok(true));
        assert_eq!(solver.fixed(&[&loose], a), Ok(None));
    }

    #[test]
    fn a_solution_keeps_to_the_preferred_value_within_the_bounds() {
        let mut solver = Solver::new();
        let (d, x) = (solver.node(true), solver.node(false));
        // 100 <= d, x < 3, x > 2.
        let constraints = [
            at_most(ZERO, d, -100),
            below(x, ZERO, 3),
            below(ZERO, x, -2),
        ]
        .map(|c| solver.normalize(c));
        let values = solver.solution(&[&constraints], |_| Decimal::ZERO);
        assert_eq!(
            values,
            Some(vec![Decimal::ZERO, Decimal::from(100), Decimal::new(25, 1)])
        );
        let impossible = [at_most(d, ZERO, 1), at_most(ZERO, d, -2)];
        assert_eq!(solver.solution(&[&impossible], |_| Decimal::ZERO), None);
    }

    #[test]
    fn negation_is_the_complement() {
        let diff = at_most(1, 2, 5);
        let not = diff.negated();
        assert_eq!(
            (not.x, not.y, not.w),
            (2, 1, Weight::below(Decimal::from(-5)))
        );
        assert_eq!(not.negated(), diff);
    }
}
