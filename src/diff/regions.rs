//! The cases where two policies give a verdict different values, grouped
//! into regions (old value → new value), each with its condition, its
//! first and last day and a witness per side.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::pairing::Pairing;
use super::{Outcome, Region, VerdictDiff};
use crate::analysis::describe;
use crate::analysis::{FALLBACK, SPENT};
use crate::diagnostic::{Problem, Problems};
use crate::eval::{Evaluator, Input, Readings};
use crate::exact::cases::OpenCases;
use crate::exact::solver::{Diff, Node, Weight, ZERO};
use crate::exact::term::{Leaf, Path, Unit};
use crate::facts::Facts;
use crate::model::{Model, ReadingId, VerdictId};
use crate::value::Value;

/// The two policies and what is given of them.
pub(super) struct Sides<'s> {
    pub old: &'s Model,
    pub new: &'s Model,
    pub old_facts: &'s Facts,
    pub new_facts: &'s Facts,
    pub as_of: Option<NaiveDate>,
    /// Whether each side is the version in force on a fixed date, so that
    /// an amended policy is read as that one version.
    pub versions_fixed: bool,
}

/// A reading fixed with `--reading`: its alternative on each side that
/// declares it.
#[derive(Debug, Clone, Copy)]
pub(super) struct FixedReading {
    old: Option<(ReadingId, u32)>,
    new: Option<(ReadingId, u32)>,
}

/// Reads `--reading NAME=ALT` against both policies: a name of neither, or
/// an alternative a side that declares it does not have, is a diagnostic.
pub(super) fn fixed_readings(
    old: &Model,
    new: &Model,
    assignments: &[String],
) -> Result<Vec<FixedReading>, Problems> {
    let mut problems = Problems::default();
    let mut out = Vec::new();
    for assignment in assignments {
        let name = assignment.split('=').next().unwrap_or("");
        let side = |model: &Model| -> Result<Option<(ReadingId, u32)>, Problem> {
            let Some(id) = model.readings.iter().position(|r| r.name == name) else {
                return Ok(None);
            };
            let mut readings = Readings::defaults(model);
            readings.choose_assignment(model, assignment)?;
            let alt = readings.alternatives.get(id).copied().unwrap_or(0);
            Ok(Some((id as ReadingId, alt)))
        };
        match (side(old), side(new)) {
            (Ok(None), Ok(None)) => {
                // Neither declares it: the old policy's diagnostic, with
                // the names of both.
                let mut readings = Readings::defaults(old);
                if let Err(mut problem) = readings.choose_assignment(old, assignment) {
                    let names = old
                        .readings
                        .iter()
                        .chain(&new.readings)
                        .map(|r| r.name.as_str());
                    problem.message = format!("neither policy has a reading `{name}`");
                    if let Some(label) = problem.labels.first_mut() {
                        label.1 = String::from("a reading of neither policy");
                    }
                    if let Some(hint) = crate::suggest::did_you_mean(name, names) {
                        problem.help = Some(hint);
                    }
                    problems.push(problem);
                }
            }
            (Ok(o), Ok(n)) => out.push(FixedReading { old: o, new: n }),
            // A reading of one name with other alternatives on each side
            // (two unknowns): the alternative fixes the side that has it.
            (Ok(Some(o)), Err(_)) => out.push(FixedReading {
                old: Some(o),
                new: None,
            }),
            (Err(_), Ok(Some(n))) => out.push(FixedReading {
                old: None,
                new: Some(n),
            }),
            (Err(p), _) | (_, Err(p)) => problems.push(p),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(out)
    }
}

/// A side's value in one case: not in force, or its value.
#[derive(Debug, Clone, PartialEq)]
enum Out {
    NotInForce,
    Is(Leaf),
}

/// A verdict's outcome in every case: whether it applies joined with its
/// value.
fn outcomes(
    open: &mut OpenCases<'_, '_>,
    model: &Model,
    id: VerdictId,
    versions_fixed: bool,
) -> Result<Vec<(Path, Out)>, String> {
    let verdict = model.verdicts.get(id as usize).ok_or(FALLBACK)?;
    if verdict.for_each.is_some() {
        return Err(String::from("a verdict given for each element of a list"));
    }
    if model.amended.is_some() && !versions_fixed {
        return Err(format!(
            "{} is amended: its versions change with the date, and exact reasoning reads one version (fix the date with --at to compare the version in force that day)",
            model.source.name
        ));
    }
    open.renew_budget();
    let why = |open: &OpenCases<'_, '_>| String::from(if open.spent() { SPENT } else { FALLBACK });
    let (Ok(force), Ok(values)) = (open.in_force(id), open.verdict(id)) else {
        return Err(why(open));
    };
    let mut out = Vec::new();
    for (fp, applies) in &force {
        match applies {
            Leaf::Error => out.push((fp.clone(), Out::Is(Leaf::Error))),
            Leaf::Val(Value::Bool(false)) => out.push((fp.clone(), Out::NotInForce)),
            Leaf::Val(Value::Bool(true)) => {
                for (vp, value) in &values {
                    match open.join(fp, vp) {
                        Ok(Some(p)) => out.push((p, Out::Is(value.clone()))),
                        Ok(None) => {}
                        Err(_) => return Err(why(open)),
                    }
                }
            }
            _ => return Err(String::from(FALLBACK)),
        }
    }
    Ok(out)
}

/// How two outcomes can differ.
enum Differ {
    Never,
    Always,
    /// Where `old - new` is not zero: one constraint per sign.
    Unless(Diff, Diff),
}

fn differ(old: &Model, new: &Model, a: &Out, b: &Out) -> Differ {
    match (a, b) {
        (Out::NotInForce, Out::NotInForce) => Differ::Never,
        // Errors are compared as errors: which error is not modelled.
        (Out::Is(Leaf::Error), Out::Is(Leaf::Error)) => Differ::Never,
        (Out::Is(Leaf::Val(x)), Out::Is(Leaf::Val(y))) => {
            if crate::render::json::value_json(old, x) == crate::render::json::value_json(new, y) {
                Differ::Never
            } else {
                Differ::Always
            }
        }
        (Out::Is(x), Out::Is(y)) => match (x.linear(), y.linear()) {
            (Some((nx, cx, ux)), Some((ny, cy, uy))) => {
                if ux != uy || (nx == ny && cx != cy) {
                    Differ::Always
                } else if nx == ny {
                    Differ::Never
                } else {
                    // nx + cx < ny + cy, or ny + cy < nx + cx.
                    Differ::Unless(
                        Diff {
                            x: nx,
                            y: ny,
                            w: Weight::below(cy - cx),
                        },
                        Diff {
                            x: ny,
                            y: nx,
                            w: Weight::below(cx - cy),
                        },
                    )
                }
            }
            _ => Differ::Always,
        },
        _ => Differ::Always,
    }
}

/// Compares each pair of verdicts.
#[allow(clippy::too_many_arguments)]
pub(super) fn compare<'a, 'm>(
    sides: &Sides<'_>,
    pairing: &Pairing,
    compared: &[(VerdictId, VerdictId)],
    fixed: &[FixedReading],
    old_open: &mut OpenCases<'a, 'm>,
    new_input: &'a Input<'a>,
    new_eval: &'a Evaluator<'m>,
) -> Vec<VerdictDiff> {
    let mut root = Path::default();
    for f in fixed {
        if let Some((reading, alt)) = f.old {
            let choice = old_open.reading_choice(reading);
            root = root.choose(choice, alt).unwrap_or(root);
        }
    }
    // Every case of the old policy first: it makes no unknown after the
    // new policy's cases are made beside it.
    let old_cases: Vec<Result<Vec<(Path, Out)>, String>> = compared
        .iter()
        .map(|(id, _)| outcomes(old_open, sides.old, *id, sides.versions_fixed))
        .collect();
    let old_open = &*old_open;
    let map_fact = |f: u32| pairing.facts.get(f as usize).copied().flatten();
    let map_reading = |r: u32| pairing.readings.get(r as usize).copied().flatten();
    let mut new_open = OpenCases::beside(
        sides.new,
        new_input,
        new_eval,
        old_open,
        &map_fact,
        &map_reading,
    );
    for f in fixed {
        if let Some((reading, alt)) = f.new {
            let choice = new_open.reading_choice(reading);
            root = root.choose(choice, alt).unwrap_or(root);
        }
    }
    if let Some(day) = sides.as_of {
        let (days, _) = crate::exact::term::amount_of(crate::value::Scalar::Date(day));
        let node = new_open.as_of();
        root.diffs.push(Diff {
            x: node,
            y: ZERO,
            w: Weight::at_most(days),
        });
        root.diffs.push(Diff {
            x: ZERO,
            y: node,
            w: Weight::at_most(-days),
        });
    }
    let new_cases: Vec<Result<Vec<(Path, Out)>, String>> = compared
        .iter()
        .map(|(_, id)| outcomes(&mut new_open, sides.new, *id, sides.versions_fixed))
        .collect();
    let old_count = old_open.choice_count();
    let mut names = describe::scalar_names(sides.old, old_open.scalars());
    for named in describe::scalar_names(sides.new, new_open.scalars()) {
        if !names.iter().any(|(n, _, _)| *n == named.0) {
            names.push(named);
        }
    }
    names.insert(0, (new_open.as_of(), describe::Named::as_of(), Unit::Date));
    let mut out = Vec::new();
    for (((old_id, new_id), old_cases), new_cases) in compared.iter().zip(old_cases).zip(new_cases)
    {
        let name = sides
            .old
            .verdicts
            .get(*old_id as usize)
            .map(|v| v.name.clone())
            .unwrap_or_default();
        let outcome = match (old_cases, new_cases) {
            (Err(why), _) => Outcome::NotDecided(format!("in {}: {why}", sides.old.source.name)),
            (_, Err(why)) => Outcome::NotDecided(format!("in {}: {why}", sides.new.source.name)),
            (Ok(a), Ok(b)) => {
                new_open.renew_budget();
                let mut view = View {
                    sides,
                    old_open,
                    new_open: &mut new_open,
                    old_count,
                    names: &names,
                    verdict: (*old_id, *new_id),
                    pairing,
                };
                match differences(&mut view, &root, &a, &b) {
                    Ok(found) if found.is_empty() => Outcome::Same,
                    Ok(found) => Outcome::Differs(regions(&mut view, found, &name)),
                    Err(()) => Outcome::NotDecided(String::from(if view.new_open.spent() {
                        SPENT
                    } else {
                        FALLBACK
                    })),
                }
            }
        };
        out.push(VerdictDiff { name, outcome });
    }
    out
}

/// What describing and witnessing a case needs.
pub(super) struct View<'v, 'a, 'm> {
    pub sides: &'v Sides<'v>,
    pub old_open: &'v OpenCases<'a, 'm>,
    pub new_open: &'v mut OpenCases<'a, 'm>,
    /// How many discrete unknowns the old policy made: the first ones.
    pub old_count: usize,
    pub names: &'v [(Node, describe::Named, Unit)],
    pub verdict: (VerdictId, VerdictId),
    pub pairing: &'v Pairing,
}

type Found = Vec<(Path, Out, Out)>;

/// Every joined case where the two outcomes differ.
fn differences(
    view: &mut View<'_, '_, '_>,
    root: &Path,
    old: &[(Path, Out)],
    new: &[(Path, Out)],
) -> Result<Found, ()> {
    let (om, nm) = (view.sides.old, view.sides.new);
    let mut found = Vec::new();
    for (pa, a) in old {
        let Some(with_old) = view.new_open.join(root, pa).map_err(|_| ())? else {
            continue;
        };
        for (pb, b) in new {
            let kind = differ(om, nm, a, b);
            if matches!(kind, Differ::Never) {
                continue;
            }
            let Some(joined) = view.new_open.join(&with_old, pb).map_err(|_| ())? else {
                continue;
            };
            match kind {
                Differ::Never => {}
                Differ::Always => found.push((joined, a.clone(), b.clone())),
                Differ::Unless(below, above) => {
                    for diff in [below, above] {
                        let diff = view.new_open.normalize(diff).map_err(|_| ())?;
                        let mut narrowed = joined.clone();
                        narrowed.diffs.push(diff);
                        if view.new_open.feasible(&narrowed).map_err(|_| ())? {
                            found.push((narrowed, a.clone(), b.clone()));
                        }
                    }
                }
            }
            if found.len() > MAX_FOUND {
                return Err(());
            }
        }
    }
    Ok(found)
}

/// An outcome in words: `not in force`, `an error`, a value as JSON writes
/// it, or an unknown plus a constant.
fn label(model: &Model, names: &[(Node, describe::Named, Unit)], out: &Out) -> String {
    match out {
        Out::NotInForce => String::from("not in force"),
        Out::Is(Leaf::Error) => String::from("an error"),
        Out::Is(Leaf::Val(value)) => match crate::render::json::value_json(model, value) {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        },
        Out::Is(Leaf::Lin { node, offset, unit }) => {
            let name = names
                .iter()
                .find(|(n, _, _)| n == node)
                .map_or_else(|| format!("#{node}"), |(_, s, _)| s.syntax.clone());
            // In backquotes: the value of a fact, not a value.
            let name = format!("`{name}`");
            match (offset.is_zero(), unit) {
                (true, _) => name,
                (false, Unit::Date) => format!(
                    "{name} {} {} days",
                    if offset.is_sign_negative() { "-" } else { "+" },
                    offset.abs()
                ),
                (false, _) => format!(
                    "{name} {} {}",
                    if offset.is_sign_negative() { "-" } else { "+" },
                    offset.abs()
                ),
            }
        }
    }
}

/// The differing cases grouped by (old value, new value), each group with
/// its condition, dates, readings and a witness; ordered by first day.
fn regions(view: &mut View<'_, '_, '_>, found: Found, verdict: &str) -> Vec<Region> {
    let mut groups: Vec<(String, String, Vec<Path>)> = Vec::new();
    for (path, a, b) in found {
        let (la, lb) = (
            label(view.sides.old, view.names, &a),
            label(view.sides.new, view.names, &b),
        );
        match groups.iter_mut().find(|(x, y, _)| *x == la && *y == lb) {
            Some((_, _, paths)) => paths.push(path),
            None => groups.push((la, lb, vec![path])),
        }
    }
    let mut out: Vec<Region> = groups
        .into_iter()
        .map(|(old, new, paths)| {
            // Said without what the other constraints imply, so that cases
            // that differ only in a choice compare equal without it.
            let paths: Vec<Path> = paths
                .into_iter()
                .map(|p| view.new_open.without_implied(&p).unwrap_or(p))
                .collect();
            let paths = super::said::merged(view, paths);
            region(view, old, new, &paths, verdict)
        })
        .collect();
    out.sort_by(|a, b| (a.first, &a.old, &a.new).cmp(&(b.first, &b.old, &b.new)));
    out
}

fn region(
    view: &mut View<'_, '_, '_>,
    old: String,
    new: String,
    paths: &[Path],
    verdict: &str,
) -> Region {
    let as_of = view.new_open.as_of();
    let day = |c: Decimal| match Unit::Date.value(c) {
        Some(Value::Date(d)) => Some(d),
        _ => None,
    };
    let (mut first, mut last) = (Some(NaiveDate::MAX), Some(NaiveDate::MIN));
    let mut cases = Vec::new();
    for path in paths {
        let (lo, hi) = view.new_open.range(path, as_of).unwrap_or((None, None));
        first = match (first, lo.and_then(day)) {
            (Some(f), Some(d)) => Some(f.min(d)),
            _ => None,
        };
        last = match (last, hi.and_then(day)) {
            (Some(l), Some(d)) => Some(l.max(d)),
            _ => None,
        };
        cases.push(super::said::describe_case(view, path));
    }
    let readings = super::said::region_readings(view, paths);
    let simplest = paths
        .iter()
        .min_by_key(|p| p.diffs.len() + p.choices.len())
        .cloned()
        .unwrap_or_default();
    let (_, words) = super::said::describe_case(view, &simplest);
    let description = format!(
        "difference in `{verdict}`: {} gives {old}, {} gives {new}, when {words}",
        view.sides.old.source.name, view.sides.new.source.name
    );
    let witness = super::witnesses::witnesses(view, &simplest, description);
    Region {
        old,
        new,
        cases,
        dated: first.is_some() || last.is_some(),
        first,
        last,
        readings,
        witness,
    }
}

/// How many differing cases one verdict may have before the comparison
/// gives up (the symbolic evaluation's bound on cases held at once).
const MAX_FOUND: usize = crate::exact::MAX_CASES;
