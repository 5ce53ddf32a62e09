//! Gaps: a verdict in force that errors although every fact is known.
//!
//! With every fact unknown, the cases of whether the verdict applies and
//! of its value are joined; a case where it applies (or where whether it
//! applies errors) and its value errors is a gap. With every fact known,
//! a case's value is a known value, so the only way a verdict in force
//! stays without an answer is an error: two exceptions that disagree, or
//! a step that lands on a day that does not exist.

use super::{Context, Finding, Kind, line_of, not_decided};
use crate::exact::term::{Leaf, Path};
use crate::model::VerdictId;
use crate::value::Value;

/// The gaps of every verdict, one finding per verdict.
pub(super) fn find(ctx: &mut Context<'_, '_, '_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut findings = Vec::new();
    for (index, verdict) in model.verdicts.iter().enumerate() {
        let id = index as VerdictId;
        let line = line_of(model, verdict.span);
        let undecided = |reason: &str| {
            let mut finding = not_decided(reason, vec![verdict.name.clone()]);
            finding.message = format!(
                "whether `{}` has a gap is not decided: {reason}",
                verdict.name
            );
            finding.line = line;
            finding
        };
        if verdict.for_each.is_some() {
            findings.push(undecided("a verdict given for each element of a list"));
            continue;
        }
        ctx.open.renew_budget();
        let (Ok(force), Ok(values)) = (ctx.open.in_force(id), ctx.open.verdict(id)) else {
            findings.push(undecided(ctx.why()));
            continue;
        };
        let mut gaps: Vec<Path> = Vec::new();
        let mut failed = false;
        for (fp, applies) in &force {
            match applies {
                Leaf::Error => gaps.push(fp.clone()),
                Leaf::Val(Value::Bool(true)) => {
                    for (vp, value) in &values {
                        if *value != Leaf::Error {
                            continue;
                        }
                        match ctx.open.join(fp, vp) {
                            Ok(Some(p)) => gaps.push(p),
                            Ok(None) => {}
                            Err(_) => failed = true,
                        }
                    }
                }
                _ => {}
            }
        }
        if failed {
            findings.push(undecided(ctx.why()));
            continue;
        }
        // The simplest case shows it.
        let Some(simplest) = gaps
            .iter()
            .min_by_key(|p| p.diffs.len() + p.choices.len())
            .cloned()
        else {
            continue;
        };
        let (condition, words) = super::describe::case(model, ctx.open, &simplest);
        let cases = match gaps.len() {
            1 => String::from("1 case"),
            n => format!("{n} cases"),
        };
        let description = format!(
            "gap: `{}` errors although every fact is known, when {words}",
            verdict.name
        );
        let witness = super::witness::build(ctx, &simplest, description);
        let provisions = verdict
            .provisions
            .iter()
            .filter_map(|p| model.provisions.get(*p as usize))
            .map(|p| p.name.clone())
            .collect();
        let (witness, reason) = match witness {
            Ok(w) => (Some(w), None),
            Err(reason) => (None, Some(reason)),
        };
        findings.push(Finding {
            kind: Kind::Gap,
            message: format!(
                "`{}` errors although every fact is known ({cases}; the simplest shown)",
                verdict.name
            ),
            rules: vec![verdict.name.clone()],
            provisions,
            condition,
            condition_words: words,
            written: vec![super::written(model, verdict.body.span)],
            witness,
            reason,
            allowed: None,
            line,
            dead: None,
            contrast: None,
        });
    }
    findings
}
