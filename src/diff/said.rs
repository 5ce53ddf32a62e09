//! A joined case of two policies in words: what each discrete unknown
//! stands for and in which policy, the case in the policies' syntax and in
//! words, the readings a region holds under, and cases that differ only in
//! a choice said once.

use super::regions::View;
use crate::analysis::describe;
use crate::exact::cases::Choice;
use crate::exact::term::Path;

/// What a discrete unknown of a joined case stands for, and in which
/// policy: the old policy's unknowns come first.
pub(super) fn meaning(view: &View<'_, '_, '_>, index: u32) -> Option<(&'static str, Choice)> {
    if (index as usize) < view.old_count {
        view.old_open.choice(index).map(|c| ("old", c))
    } else {
        view.new_open.choice(index).map(|c| ("new", c))
    }
}

/// A joined case in the policies' syntax and in words.
pub(super) fn describe_case(view: &mut View<'_, '_, '_>, path: &Path) -> (String, String) {
    let said: Vec<(u32, u32, (String, String), bool)> = path
        .choices
        .iter()
        .filter_map(|(index, option)| {
            let (side, choice) = meaning(view, *index)?;
            let model = if side == "old" {
                view.sides.old
            } else {
                view.sides.new
            };
            let reading = matches!(choice, Choice::Reading(_));
            Some((
                *index,
                *option,
                describe::choice(model, &choice, *option),
                reading,
            ))
        })
        .collect();
    let lookup = |index: u32, option: u32| {
        said.iter()
            .find(|(i, o, _, _)| *i == index && *o == option)
            .map(|(_, _, part, reading)| (part.clone(), *reading))
    };
    describe::case_with(view.new_open, path, view.names, &lookup)
}

/// For each reading of either policy that some case of the region
/// narrows: `NAME=ALT` for each alternative under which the region holds
/// (a case that does not choose the reading holds under each), with the
/// side that declares it when only one does.
pub(super) fn region_readings(view: &View<'_, '_, '_>, paths: &[Path]) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    for path in paths {
        for (index, _) in &path.choices {
            if seen.contains(index) {
                continue;
            }
            let Some((side, Choice::Reading(reading))) = meaning(view, *index) else {
                continue;
            };
            seen.push(*index);
            let model = if side == "old" {
                view.sides.old
            } else {
                view.sides.new
            };
            let Some(info) = model.readings.get(reading as usize) else {
                continue;
            };
            let allowed: Vec<&str> = info
                .alternatives
                .iter()
                .enumerate()
                .filter(|(alt, _)| {
                    paths
                        .iter()
                        .any(|p| match p.choices.iter().find(|(c, _)| c == index) {
                            Some((_, o)) => *o as usize == *alt,
                            None => true,
                        })
                })
                .map(|(_, a)| a.name.as_str())
                .collect();
            if allowed.len() == info.alternatives.len() {
                continue;
            }
            let shared = if side == "old" {
                (*index as usize) < view.old_count && view.new_open.choice(*index).is_some()
            } else {
                false
            };
            let whose = match (shared, side) {
                (true, _) => String::new(),
                (false, "old") => format!(" (only {})", view.sides.old.source.name),
                (false, _) => format!(" (only {})", view.sides.new.source.name),
            };
            out.push(format!("{}={}{whose}", info.name, allowed.join("|")));
        }
    }
    out.sort();
    out
}

/// How many options a discrete unknown has.
pub(super) fn options(view: &View<'_, '_, '_>, index: u32) -> Option<usize> {
    let (side, choice) = meaning(view, index)?;
    let model = if side == "old" {
        view.sides.old
    } else {
        view.sides.new
    };
    Some(match choice {
        Choice::IsNone(..) => 2,
        Choice::Reading(r) => model.readings.get(r as usize)?.alternatives.len(),
        Choice::Value(fact, fields) => {
            match model
                .fact_type(fact, &fields)
                .map(crate::model::Type::without_none)
            {
                Some(crate::model::Type::Enum(id)) => model.enums.get(*id as usize)?.values.len(),
                _ => 2,
            }
        }
    })
}

/// The cases of a region with those that differ only in one choice, and
/// take every option of it, said once without it: a reading that does not
/// matter there is not repeated under each alternative.
pub(super) fn merged(view: &View<'_, '_, '_>, mut paths: Vec<Path>) -> Vec<Path> {
    loop {
        let mut changed = false;
        'search: for i in 0..paths.len() {
            let Some(path) = paths.get(i) else { break };
            for (index, _) in &path.choices {
                let Some(count) = options(view, *index) else {
                    continue;
                };
                let rest = |p: &Path| {
                    let mut q = p.clone();
                    q.choices.retain(|(c, _)| c != index);
                    q.choices.sort();
                    q
                };
                let same = |a: &Path, b: &Path| {
                    a.choices == b.choices
                        && a.diffs.len() == b.diffs.len()
                        && a.diffs.iter().all(|d| b.diffs.contains(d))
                };
                let base = rest(path);
                let siblings: Vec<usize> = paths
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        p.choices.iter().any(|(c, _)| c == index) && same(&rest(p), &base)
                    })
                    .map(|(j, _)| j)
                    .collect();
                let mut taken: Vec<u32> = siblings
                    .iter()
                    .filter_map(|j| paths.get(*j))
                    .filter_map(|p| p.choices.iter().find(|(c, _)| c == index).map(|(_, o)| *o))
                    .collect();
                taken.sort();
                taken.dedup();
                if taken.len() == count {
                    let mut kept = path.clone();
                    kept.choices.retain(|(c, _)| c != index);
                    let mut next: Vec<Path> = Vec::new();
                    for (j, p) in paths.iter().enumerate() {
                        if j == i {
                            next.push(kept.clone());
                        } else if !siblings.contains(&j) {
                            next.push(p.clone());
                        }
                    }
                    paths = next;
                    changed = true;
                    break 'search;
                }
            }
        }
        if !changed {
            return paths;
        }
    }
}
