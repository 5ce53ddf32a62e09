//! A region's witnesses: one solution of its simplest case, read as facts
//! for each policy, each evaluated by the ordinary evaluator.

use super::regions::View;
use crate::analysis::witness::{self, Completion};
use crate::exact::cases::Choice;
use crate::exact::term::Path;

/// The witnesses of a case, one per policy, on the same facts, date and
/// shared readings; `Err` when they cannot be made or do not differ.
pub(super) fn witnesses(
    view: &mut View<'_, '_, '_>,
    path: &Path,
    description: String,
) -> Result<(super::Witness, super::Witness), String> {
    let names = view.names;
    let values = witness::solve_near(view.new_open, path, names, witness::anchor(view.sides.new))?;
    let unit_of = |node: u32| witness::unit_of(names, node);
    // A shared fact or reading only the new policy read is an unknown the
    // new side made: the old side takes its value too, under its own id.
    let back_fact = |f: u32| {
        view.pairing
            .facts
            .iter()
            .position(|m| *m == Some(f))
            .map(|i| i as u32)
    };
    let back_reading = |r: u32| {
        view.pairing
            .readings
            .iter()
            .position(|m| *m == Some(r))
            .map(|i| i as u32)
    };
    let mut old_choices = Vec::new();
    let mut new_choices = Vec::new();
    for (index, option) in &path.choices {
        if (*index as usize) < view.old_count {
            if let Some(c) = view.old_open.choice(*index) {
                old_choices.push((c, *option));
            }
        } else if let Some(c) = view.new_open.choice(*index) {
            let back = match c {
                Choice::IsNone(f, fields) => back_fact(f).map(|f| Choice::IsNone(f, fields)),
                Choice::Value(f, fields) => back_fact(f).map(|f| Choice::Value(f, fields)),
                Choice::Reading(r) => back_reading(r).map(Choice::Reading),
            };
            if let Some(c) = back {
                old_choices.push((c, *option));
            }
        }
        if let Some(c) = view.new_open.choice(*index) {
            new_choices.push((c, *option));
        }
    }
    let mut old_scalars = view.old_open.scalars().to_vec();
    for (fact, fields, node) in view.new_open.scalars() {
        if old_scalars.iter().any(|(_, _, n)| n == node) {
            continue;
        }
        if let Some(f) = back_fact(*fact) {
            old_scalars.push((f, fields.clone(), *node));
        }
    }
    let (old_facts, new_facts) = (view.sides.old_facts, view.sides.new_facts);
    let old_known = |f: u32| old_facts.values.get(f as usize);
    let new_known = |f: u32| new_facts.values.get(f as usize);
    let old = witness::complete(
        view.sides.old,
        &Completion {
            values: &values,
            as_of: view.new_open.as_of(),
            unit_of: &unit_of,
            scalars: &old_scalars,
            choices: &old_choices,
            known: &old_known,
        },
        description.clone(),
    )?;
    let new = witness::complete(
        view.sides.new,
        &Completion {
            values: &values,
            as_of: view.new_open.as_of(),
            unit_of: &unit_of,
            scalars: view.new_open.scalars(),
            choices: &new_choices,
            known: &new_known,
        },
        description,
    )?;
    let (old_name, new_name) = (
        view.sides
            .old
            .verdicts
            .get(view.verdict.0 as usize)
            .map(|v| v.name.as_str()),
        view.sides
            .new
            .verdicts
            .get(view.verdict.1 as usize)
            .map(|v| v.name.as_str()),
    );
    let shown =
        old_name.and_then(|n| old.expect.get(n)) != new_name.and_then(|n| new.expect.get(n));
    if !shown {
        return Err(String::from(
            "the ordinary evaluator gives both policies the same value on the witness",
        ));
    }
    Ok((old, new))
}
