//! Scenarios and the policy's assumptions: facts that break an assumption
//! fail the scenario with the facts problem, unless the scenario expects it
//! with `"expect_broken": [NAME, ...]`.

use serde_json::Value as Json;

use super::Outcome;
use crate::diagnostic::Problem;
use crate::eval::Input;
use crate::eval::assumptions::{AssumptionOutcome, broken_problem};
use crate::model::{AssumptionId, Model};
use crate::span::Span;
use crate::suggest::did_you_mean;

/// The assumptions a scenario's `expect_broken` names, each by its name or,
/// for an assumption without one, by its sentence; sorted. Anything else is
/// reported.
pub(super) fn expected_broken(
    model: &Model,
    text: &str,
    document: &Json,
    report: &mut dyn FnMut(Problem),
) -> Vec<AssumptionId> {
    let Some(written) = document.get("expect_broken") else {
        return Vec::new();
    };
    let at = text
        .find("expect_broken")
        .map_or(Span::new(0, text.len().min(1)), |start| {
            Span::new(start, start + "expect_broken".len())
        });
    let Some(items) = written.as_array() else {
        report(
            Problem::error(
                "provisio::scenario",
                "`expect_broken` lists the assumptions the facts are expected to break",
                at,
                "not a list",
            )
            .with_help("write `\"expect_broken\": [\"born_in_past\"]`"),
        );
        return Vec::new();
    };
    let names: Vec<&str> = model
        .assumptions
        .iter()
        .filter_map(|a| a.name.as_deref())
        .collect();
    let mut found = Vec::new();
    for item in items {
        let wanted = item.as_str().unwrap_or_default();
        let id = model
            .assumptions
            .iter()
            .position(|a| a.name.as_deref() == Some(wanted) || a.sentence == wanted);
        match id {
            Some(id) => found.push(id as AssumptionId),
            None => {
                let help = did_you_mean(wanted, names.iter().copied()).unwrap_or_else(|| {
                    if names.is_empty() {
                        String::from(
                            "name an assumption by its sentence, or give it a name: `assume NAME \"...\" = ...`",
                        )
                    } else {
                        format!("the named assumptions are {}", names.join(", "))
                    }
                });
                report(
                    Problem::error(
                        "provisio::scenario",
                        format!(
                            "the policy has no assumption `{}`",
                            crate::echo::shorten(
                                &item
                                    .as_str()
                                    .map_or_else(|| item.to_string(), str::to_string)
                            )
                        ),
                        at,
                        "not an assumption of the policy",
                    )
                    .with_help(help),
                );
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The outcome of a scenario decided by its assumptions alone: `None` when
/// none is broken and none is expected to be, so that its verdicts decide.
pub(super) fn assumptions_outcome(
    model: &Model,
    input: &Input<'_>,
    outcomes: &[AssumptionOutcome],
    expected: &[AssumptionId],
    render: &dyn Fn(&dyn miette::Diagnostic) -> String,
) -> Option<Outcome> {
    let broken: Vec<&AssumptionOutcome> = outcomes.iter().filter(|o| o.broken()).collect();
    if broken.is_empty() && expected.is_empty() {
        return None;
    }
    let mut problems = Vec::new();
    for outcome in &broken {
        if !expected.contains(&outcome.assumption) {
            problems.push(render(&broken_problem(model, input, outcome)));
        }
    }
    for id in expected {
        if !broken.iter().any(|o| o.assumption == *id) {
            let state = match outcomes.iter().find(|o| o.assumption == *id) {
                Some(o) if o.error.is_some() => "could not be evaluated",
                Some(o) if o.open() => "is not known",
                _ => "holds",
            };
            problems.push(format!(
                "the scenario expects its facts to break {}, but it {state}",
                crate::eval::assumptions::assumption_words(model, *id)
            ));
        }
    }
    Some(if problems.is_empty() {
        Outcome::Passed
    } else {
        Outcome::Invalid(problems)
    })
}
