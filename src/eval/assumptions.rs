//! Assumptions about the facts, checked on every evaluation.
//!
//! An assumption (`assume "..." = CONDITION`) says what the rules take for
//! granted of the facts. False on the evaluation date, the facts are wrong
//! for the policy: a facts problem, which names the assumption, quotes its
//! sentence and shows the facts it read. Unknown, the verdicts still stand,
//! and the outputs say what was assumed without being known.

use super::{EvalError, Evaluator, Input, NoTrace};
use crate::diagnostic::Problem;
use crate::model::{AssumptionId, DefinitionId, Expr, ExprKind, FactId, Model};
use crate::value::Value;

/// How one assumption fared on one input.
#[derive(Debug, Clone, PartialEq)]
pub struct AssumptionOutcome {
    /// Which assumption.
    pub assumption: AssumptionId,
    /// Its condition's value: true, false or unknown; unknown when it errored.
    pub holds: Value,
    /// Why its condition could not be evaluated, if it could not.
    pub error: Option<EvalError>,
}

impl AssumptionOutcome {
    /// Whether the facts break it: its condition is false.
    pub fn broken(&self) -> bool {
        self.holds == Value::Bool(false)
    }

    /// Whether the facts leave it open: its condition is unknown, without error.
    pub fn open(&self) -> bool {
        self.error.is_none() && !self.holds.is_known()
    }
}

/// Evaluates every assumption of the model on one input, in file order.
pub fn check_assumptions(
    evaluator: &mut Evaluator<'_>,
    input: &Input<'_>,
) -> Vec<AssumptionOutcome> {
    let model = evaluator.model();
    model
        .assumptions
        .iter()
        .enumerate()
        .map(
            |(id, info)| match evaluator.expr(input, &info.condition, &mut NoTrace) {
                Ok(holds) => AssumptionOutcome {
                    assumption: id as AssumptionId,
                    holds,
                    error: None,
                },
                Err(error) => AssumptionOutcome {
                    assumption: id as AssumptionId,
                    holds: Value::UNKNOWN,
                    error: Some(error),
                },
            },
        )
        .collect()
}

/// Checks every assumption of `evaluator`'s model on `input`: a problem
/// for each the facts break, as `eval` reports them, or, when none is
/// broken, every outcome (the open ones and those that errored among them).
pub fn check_holding(
    evaluator: &mut Evaluator<'_>,
    input: &Input<'_>,
) -> Result<Vec<AssumptionOutcome>, Vec<Problem>> {
    let model = evaluator.model();
    if model.assumptions.is_empty() {
        return Ok(Vec::new());
    }
    evaluator.reset();
    let outcomes = check_assumptions(evaluator, input);
    let broken: Vec<Problem> = outcomes
        .iter()
        .filter(|outcome| outcome.broken())
        .map(|outcome| broken_problem(model, input, outcome))
        .collect();
    if broken.is_empty() {
        Ok(outcomes)
    } else {
        Err(broken)
    }
}

/// The message of a batch row whose facts break assumptions: each
/// problem's message, with its help in brackets, joined by `; `.
pub fn row_message(problems: Vec<Problem>) -> String {
    let messages: Vec<String> = problems
        .into_iter()
        .map(|problem| match problem.help {
            Some(help) => format!("{} ({help})", problem.message),
            None => problem.message,
        })
        .collect();
    messages.join("; ")
}

/// The assumption as messages name it: `assumption `name` ("sentence")` or
/// `the assumption "sentence"`.
pub fn assumption_words(model: &Model, id: AssumptionId) -> String {
    match model.assumptions.get(id as usize) {
        Some(info) => match &info.name {
            Some(name) => format!("assumption `{name}` (\"{}\")", info.sentence),
            None => format!("the assumption \"{}\"", info.sentence),
        },
        None => String::from("an assumption"),
    }
}

/// The facts problem for an assumption the facts break: it points at the
/// assumption in the policy and lists the facts its condition read, with
/// their values.
pub fn broken_problem(model: &Model, input: &Input<'_>, outcome: &AssumptionOutcome) -> Problem {
    let Some(info) = model.assumptions.get(outcome.assumption as usize) else {
        return Problem::error(
            "provisio::assumption_broken",
            "the facts break an assumption of the policy",
            crate::span::Span::default(),
            "broken",
        );
    };
    let (facts, given) = read_with_given(model, &info.condition, &input.facts.given);
    let mut shown: Vec<String> = facts
        .iter()
        .map(|(fact, fields)| {
            let value = fact_value(input, *fact, fields);
            format!(
                "{} = {}",
                model.fact_path(*fact, fields),
                crate::echo::shorten(&model.format_value(&value))
            )
        })
        .collect();
    // A definition given its value is read as given, not through its rule.
    shown.extend(given.iter().filter_map(|id| {
        let value = input.facts.given.value(*id)?;
        Some(format!(
            "{} = {} (given)",
            crate::facts::given::qualified_name(model, *id),
            crate::echo::shorten(&model.format_value(value))
        ))
    }));
    let help = if shown.is_empty() {
        String::from(
            "correct the facts; if they are right, the policy's assumption is wrong for them",
        )
    } else {
        format!(
            "the facts it read: {}; correct them, or, if they are right, the assumption",
            shown.join("; ")
        )
    };
    let problem = Problem::error(
        "provisio::assumption_broken",
        format!(
            "the facts break {}",
            assumption_words(model, outcome.assumption)
        ),
        info.span,
        format!(
            "false on {}, the evaluation date",
            input.as_of.format("%Y-%m-%d")
        ),
    )
    .with_help(help);
    model.in_its_file(problem)
}

/// A fact's value, or a field's inside it; unknown when the facts lack it.
fn fact_value(input: &Input<'_>, fact: FactId, fields: &[u32]) -> Value {
    let mut value = input.facts.value_on(fact, input.as_of);
    for field in fields {
        value = match value {
            Some(Value::Record(values)) => values.get(*field as usize),
            _ => None,
        };
    }
    value.cloned().unwrap_or(Value::UNKNOWN)
}

/// The facts (and fields) an expression reads, directly or through the
/// definitions it names, in order of first use, without repeats.
pub fn facts_read(model: &Model, condition: &Expr) -> Vec<(FactId, Box<[u32]>)> {
    read_with_given(model, condition, &crate::facts::Given::default()).0
}

/// Facts, or fields inside them, by (fact, field path).
type FactPaths = Vec<(FactId, Box<[u32]>)>;

/// The facts an expression reads, as [`facts_read`] finds them, except
/// through the definitions given a value, which it reads as given: those
/// come second, in order of first use.
fn read_with_given(
    model: &Model,
    condition: &Expr,
    given: &crate::facts::Given,
) -> (FactPaths, Vec<DefinitionId>) {
    let mut found: Vec<(FactId, Box<[u32]>)> = Vec::new();
    let mut found_given: Vec<DefinitionId> = Vec::new();
    let mut seen_definitions: Vec<DefinitionId> = Vec::new();
    let mut pending: Vec<&Expr> = vec![condition];
    while let Some(expr) = pending.pop() {
        match &expr.kind {
            ExprKind::Fact { fact, fields } => {
                let entry = (*fact, fields.clone());
                if !found.contains(&entry) {
                    found.push(entry);
                }
            }
            ExprKind::Definition(id) if !seen_definitions.contains(id) => {
                seen_definitions.push(*id);
                if given.value(*id).is_some() {
                    found_given.push(*id);
                } else if let Some(definition) = model.definitions.get(*id as usize) {
                    pending.push(&definition.body);
                    for exception in &definition.exceptions {
                        if let Some(info) = model.exceptions.get(*exception as usize) {
                            pending.push(&info.condition);
                            pending.push(&info.value);
                        }
                    }
                }
            }
            _ => {}
        }
        // Children in reverse, so that they are taken in the order written.
        let mut children = Vec::new();
        crate::model::expr::for_each_child(expr, |child| children.push(child));
        pending.extend(children.into_iter().rev());
    }
    (found, found_given)
}

/// The stretches of days, first to last, on which each assumption that
/// ever is, is broken or open.
pub type Stretches = Vec<(AssumptionId, Vec<(chrono::NaiveDate, chrono::NaiveDate)>)>;

/// For a timeline: the assumptions the facts break on some day from `from`
/// to `to`, and those they leave open on some day, each with the stretches
/// of days it is so.
pub fn assumption_stretches(
    model: &Model,
    facts: &crate::facts::Facts,
    readings: &super::Readings,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> (Stretches, Stretches) {
    type Days = Vec<(chrono::NaiveDate, chrono::NaiveDate)>;
    if model.assumptions.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut broken: Vec<Days> = vec![Vec::new(); model.assumptions.len()];
    let mut open: Vec<Days> = vec![Vec::new(); model.assumptions.len()];
    let extend = |days: &mut Days, day: chrono::NaiveDate| match days.last_mut() {
        Some((_, last)) if last.succ_opt() == Some(day) => *last = day,
        _ => days.push((day, day)),
    };
    // An amended policy: each day's version in force.
    let mut current = model.version_on(from);
    let mut evaluator = Evaluator::new(current);
    let mut day = from;
    while day <= to {
        let version = model.version_on(day);
        if !std::ptr::eq(version, current) {
            current = version;
            evaluator = Evaluator::new(current);
        }
        evaluator.reset();
        let input = Input {
            facts,
            as_of: day,
            readings,
        };
        for outcome in check_assumptions(&mut evaluator, &input) {
            let index = outcome.assumption as usize;
            if outcome.broken() {
                if let Some(days) = broken.get_mut(index) {
                    extend(days, day);
                }
            } else if outcome.open()
                && let Some(days) = open.get_mut(index)
            {
                extend(days, day);
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    let collect = |all: Vec<Days>| -> Stretches {
        all.into_iter()
            .enumerate()
            .filter(|(_, days)| !days.is_empty())
            .map(|(id, days)| (id as AssumptionId, days))
            .collect()
    };
    (collect(broken), collect(open))
}
