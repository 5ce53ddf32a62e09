//! Readings that never matter, and for each that does, the simplest case
//! where it changes a verdict.
//!
//! Readings are discrete unknowns of the open cases. A reading changes a
//! verdict when two of the verdict's cases differ only in which of its
//! alternatives is in force (the rest of both cases can happen together)
//! and give different values there, the verdict in force.

use super::{Context, Finding, Kind, line_of, not_decided};
use crate::ast::BinaryOp;
use crate::exact::cases::Choice;
use crate::exact::term::{Cases, Exact, Leaf, Path};
use crate::model::{ReadingId, VerdictId};
use crate::value::Value;

/// How many pairs of cases one reading may compare before it is not decided.
const MAX_PAIRS: usize = 20_000;

/// Why a reading is not decided when it has too many pairs of cases.
const PAIRS: &str = "past the budget of 20,000 pairs of cases compared for one reading";

/// The findings on every reading a rule consults.
pub(super) fn find(ctx: &mut Context<'_, '_, '_>) -> Vec<Finding> {
    let model = ctx.model;
    // Each verdict's cases where it applies, with its value.
    let mut verdicts: Vec<Option<Cases>> = Vec::new();
    let mut why: Option<&'static str> = None;
    for (index, verdict) in model.verdicts.iter().enumerate() {
        if verdict.for_each.is_some() {
            verdicts.push(None);
            continue;
        }
        ctx.open.renew_budget();
        let cases = applied(ctx, index as VerdictId).ok();
        if cases.is_none() && why.is_none() {
            why = Some(ctx.why());
        }
        verdicts.push(cases);
    }
    let undecided = verdicts.iter().any(Option::is_none);
    let mut findings = Vec::new();
    for (index, reading) in model.readings.iter().enumerate() {
        let id = index as ReadingId;
        if line_of(model, reading.span) == 0 || !consulted(model, id) {
            continue;
        }
        let line = line_of(model, reading.span);
        ctx.open.renew_budget();
        match matters(ctx, id, &verdicts) {
            Ok(Some((verdict, path, a, b))) => {
                findings.push(finding(ctx, id, verdict, &path, a, b, line));
            }
            Ok(None) if !undecided => findings.push(Finding {
                kind: Kind::ReadingNeverMatters,
                message: format!(
                    "the reading `{}` never changes a verdict: its alternatives give the same verdicts in every case",
                    reading.name
                ),
                rules: vec![reading.name.clone()],
                provisions: Vec::new(),
                condition: String::new(),
                condition_words: String::new(),
                written: Vec::new(),
                witness: None,
                reason: None,
                allowed: None,
                line,
                dead: None,
                contrast: None,
            }),
            outcome => {
                let why = match (outcome, why) {
                    (Err(_), _) => PAIRS,
                    (_, Some(why)) => why,
                    (_, None) => super::FALLBACK,
                };
                let mut finding = not_decided(why, vec![reading.name.clone()]);
                finding.message = format!(
                    "whether the reading `{}` changes a verdict is not decided: {why}",
                    reading.name
                );
                finding.line = line;
                findings.push(finding);
            }
        }
    }
    findings
}

/// Whether some rule or verdict consults the reading at all.
fn consulted(model: &crate::model::Model, reading: ReadingId) -> bool {
    super::unused::read_readings(model).contains(&reading)
}

/// A verdict's value in the cases where it applies.
fn applied(ctx: &mut Context<'_, '_, '_>, id: VerdictId) -> Exact<Cases> {
    let force = ctx.open.in_force(id)?;
    let values = ctx.open.verdict(id)?;
    let mut out = Vec::new();
    for (fp, applies) in &force {
        if *applies != Leaf::Val(Value::Bool(true)) {
            continue;
        }
        for (vp, value) in &values {
            if let Some(p) = ctx.open.join(fp, vp)? {
                out.push((p, value.clone()));
            }
        }
    }
    Ok(out)
}

/// The simplest case where the reading changes a verdict: the verdict, the
/// case without the reading, and the two alternatives.
fn matters(
    ctx: &mut Context<'_, '_, '_>,
    reading: ReadingId,
    verdicts: &[Option<Cases>],
) -> Exact<Option<(VerdictId, Path, u32, u32)>> {
    let Some(choice) = (0..u32::MAX)
        .map_while(|i| ctx.open.choice(i).map(|c| (i, c)))
        .find(|(_, c)| *c == Choice::Reading(reading))
        .map(|(i, _)| i)
    else {
        return Ok(None);
    };
    let option = |p: &Path| {
        p.choices
            .iter()
            .find(|(c, _)| *c == choice)
            .map(|(_, o)| *o)
    };
    let without = |p: &Path| Path {
        diffs: p.diffs.clone(),
        choices: p
            .choices
            .iter()
            .filter(|(c, _)| *c != choice)
            .copied()
            .collect(),
    };
    let mut best: Option<(VerdictId, Path, u32, u32)> = None;
    let mut pairs = 0;
    for (index, cases) in verdicts.iter().enumerate() {
        let Some(cases) = cases else { continue };
        for (i, (p1, v1)) in cases.iter().enumerate() {
            let Some(a) = option(p1) else { continue };
            for (p2, v2) in cases.iter().skip(i + 1) {
                let Some(b) = option(p2) else { continue };
                if a == b || (v1 == v2 && !matches!(v1, Leaf::Lin { .. })) {
                    continue;
                }
                pairs += 1;
                if pairs > MAX_PAIRS {
                    return Err(crate::exact::term::Fallback);
                }
                let Some(both) = ctx.open.join(&without(p1), &without(p2))? else {
                    continue;
                };
                // An error under one alternative and a value under the
                // other is a change; an error under both is none.
                let differing = match (v1 == &Leaf::Error, v2 == &Leaf::Error) {
                    (true, true) => Vec::new(),
                    (true, false) | (false, true) => vec![both],
                    (false, false) => ctx
                        .open
                        .compare(&both, BinaryOp::NotEqual, v1, v2)?
                        .into_iter()
                        .filter(|(_, differ)| *differ == Leaf::Val(Value::Bool(true)))
                        .map(|(p, _)| p)
                        .collect(),
                };
                for p in differing {
                    let size = |p: &Path| p.diffs.len() + p.choices.len();
                    if best.as_ref().is_none_or(|(_, q, _, _)| size(&p) < size(q)) {
                        best = Some((index as VerdictId, p, a.min(b), a.max(b)));
                    }
                }
            }
        }
    }
    Ok(best)
}

fn finding(
    ctx: &mut Context<'_, '_, '_>,
    reading: ReadingId,
    verdict: VerdictId,
    path: &Path,
    a: u32,
    b: u32,
    line: usize,
) -> Finding {
    let model = ctx.model;
    let info = model.readings.get(reading as usize);
    let name = info.map(|r| r.name.clone()).unwrap_or_default();
    let alt = |i: u32| {
        info.and_then(|r| r.alternatives.get(i as usize))
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let info_verdict = model.verdicts.get(verdict as usize);
    let verdict_name = info_verdict.map(|v| v.name.clone()).unwrap_or_default();
    let provisions: Vec<String> = info_verdict
        .map(|v| {
            v.provisions
                .iter()
                .filter_map(|p| model.provisions.get(*p as usize))
                .map(|p| p.name.clone())
                .collect()
        })
        .unwrap_or_default();
    let (condition, words) = super::describe::case(model, ctx.open, path);
    let mut witnesses = [a, b]
        .into_iter()
        .map(|option| {
            let mut with = path.clone();
            let index = (0..u32::MAX)
                .map_while(|i| ctx.open.choice(i).map(|c| (i, c)))
                .find(|(_, c)| *c == Choice::Reading(reading))
                .map(|(i, _)| i);
            if let Some(index) = index {
                with.choices.push((index, option));
            }
            with
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|with| {
            let description = format!("reading `{name}` changes `{verdict_name}` when {words}");
            super::witness::build(ctx, &with, description)
        })
        .collect::<Vec<_>>()
        .into_iter();
    let (first, second) = (witnesses.next(), witnesses.next());
    let (witness, reason) = match first {
        Some(Ok(w)) => (Some(w), None),
        Some(Err(reason)) => (None, Some(reason)),
        None => (None, None),
    };
    Finding {
        kind: Kind::ReadingMatters,
        message: format!(
            "the reading `{name}` changes `{verdict_name}`: `{}` and `{}` differ when {words}",
            alt(a),
            alt(b)
        ),
        rules: vec![name.clone(), verdict_name],
        provisions,
        condition,
        condition_words: words,
        written: Vec::new(),
        witness,
        reason,
        allowed: None,
        line,
        dead: None,
        contrast: second.and_then(Result::ok),
    }
}
