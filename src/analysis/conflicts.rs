//! Conflicts: two exceptions of one rule that can apply together with
//! different values.
//!
//! For each pair of exceptions at the same level of a rule (two exceptions
//! of the definition, or two exceptions of one exception, within the cases
//! where that one applies), the cases where both conditions hold are
//! joined, and within them the cases where the two values differ. Each is
//! a case where evaluation errors with `provisio::conflict`.

use super::{Context, Finding, Kind, line_of, not_decided};
use crate::ast::BinaryOp;
use crate::exact::term::{Exact, Leaf, Path};
use crate::model::{ExceptionId, Model};
use crate::value::Value;

/// An exception's name for reports: `rule.name`, or `rule (exception on
/// line N)` when it has none.
pub(crate) fn exception_name(model: &Model, id: ExceptionId) -> String {
    let Some(exception) = model.exceptions.get(id as usize) else {
        return String::from("?");
    };
    let rule = model
        .definitions
        .get(exception.definition as usize)
        .map_or("?", |d| d.name.as_str());
    match &exception.name {
        Some(name) => format!("{rule}.{name}"),
        None => format!(
            "{rule} (exception on line {})",
            line_of(model, exception.span)
        ),
    }
}

/// The conflicts of every rule of the policy's own file.
pub(super) fn find(ctx: &mut Context<'_, '_, '_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut findings = Vec::new();
    for definition in &model.definitions {
        if definition.exceptions.len() < 2
            && definition.exceptions.iter().all(|e| {
                model
                    .exceptions
                    .get(*e as usize)
                    .is_none_or(|x| x.exceptions.is_empty())
            })
        {
            continue;
        }
        if line_of(model, definition.span) == 0 {
            continue;
        }
        ctx.open.renew_budget();
        let mut found = Vec::new();
        if layer(ctx, &definition.exceptions, &[Path::default()], &mut found).is_err() {
            let why = ctx.why();
            let mut finding = not_decided(why, vec![definition.name.clone()]);
            finding.message = format!(
                "whether the exceptions of `{}` conflict is not decided: {why}",
                definition.name
            );
            finding.line = line_of(model, definition.span);
            findings.push(finding);
            continue;
        }
        for (a, b, path) in found {
            findings.push(finding(ctx, a, b, &path));
        }
    }
    findings
}

/// The conflicts among one level of exceptions, within `contexts` (the
/// cases where the level is read), and among the levels below.
fn layer(
    ctx: &mut Context<'_, '_, '_>,
    list: &[ExceptionId],
    contexts: &[Path],
    found: &mut Vec<(ExceptionId, ExceptionId, Path)>,
) -> Exact<()> {
    let model = ctx.model;
    let mut holds: Vec<(ExceptionId, Vec<Path>)> = Vec::new();
    for id in list {
        let Some(exception) = model.exceptions.get(*id as usize) else {
            continue;
        };
        let mut paths = Vec::new();
        for context in contexts {
            for (p, leaf) in ctx.open.expr(&exception.condition, context)? {
                if leaf == Leaf::Val(Value::Bool(true)) {
                    paths.push(p);
                }
            }
        }
        if !exception.exceptions.is_empty() {
            layer(ctx, &exception.exceptions, &paths, found)?;
        }
        holds.push((*id, paths));
    }
    for (i, (a, paths_a)) in holds.iter().enumerate() {
        for (b, paths_b) in holds.iter().skip(i + 1) {
            let mut cases = Vec::new();
            for pa in paths_a {
                for pb in paths_b {
                    let Some(both) = ctx.open.join(pa, pb)? else {
                        continue;
                    };
                    cases.extend(differ(ctx, *a, *b, &both)?);
                }
            }
            if let Some(simplest) = cases
                .into_iter()
                .min_by_key(|p| p.diffs.len() + p.choices.len())
            {
                found.push((*a, *b, simplest));
            }
        }
    }
    Ok(())
}

/// The cases within `path` where the values of two exceptions differ.
fn differ(
    ctx: &mut Context<'_, '_, '_>,
    a: ExceptionId,
    b: ExceptionId,
    path: &Path,
) -> Exact<Vec<Path>> {
    let model = ctx.model;
    let (Some(ea), Some(eb)) = (
        model.exceptions.get(a as usize),
        model.exceptions.get(b as usize),
    ) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    // An exception with exceptions of its own has their value where they
    // apply (a conflict among them is theirs, found at their level).
    for (p, va) in ctx.open.layered(&ea.exceptions, &ea.value, path)? {
        for (q, vb) in ctx.open.layered(&eb.exceptions, &eb.value, &p)? {
            if va == Leaf::Error || vb == Leaf::Error {
                continue;
            }
            for (r, same) in ctx.open.compare(&q, BinaryOp::Equal, &va, &vb)? {
                if same == Leaf::Val(Value::Bool(false)) {
                    out.push(r);
                }
            }
        }
    }
    Ok(out)
}

fn finding(ctx: &mut Context<'_, '_, '_>, a: ExceptionId, b: ExceptionId, path: &Path) -> Finding {
    let model = ctx.model;
    let (name_a, name_b) = (exception_name(model, a), exception_name(model, b));
    let (condition, words) = super::describe::case(model, ctx.open, path);
    let description = format!(
        "conflict: `{name_a}` and `{name_b}` both apply with different values, when {words}"
    );
    let (witness, reason) = match super::witness::build(ctx, path, description) {
        Ok(w) => (Some(w), None),
        Err(reason) => (None, Some(reason)),
    };
    let exceptions: Vec<_> = [a, b]
        .iter()
        .filter_map(|id| model.exceptions.get(*id as usize))
        .collect();
    let mut provisions: Vec<String> = exceptions
        .iter()
        .filter_map(|e| model.provisions.get(e.provision as usize))
        .map(|p| p.name.clone())
        .collect();
    provisions.dedup();
    let rule = exceptions
        .first()
        .and_then(|e| model.definitions.get(e.definition as usize))
        .map(|d| d.name.clone())
        .unwrap_or_default();
    Finding {
        kind: Kind::Conflict,
        message: format!(
            "`{name_a}` and `{name_b}` can both apply to `{rule}` with different values"
        ),
        rules: vec![name_a, name_b],
        provisions,
        condition,
        condition_words: words,
        written: exceptions
            .iter()
            .map(|e| super::written(model, e.condition.span))
            .collect(),
        witness,
        reason,
        allowed: None,
        line: exceptions.last().map_or(0, |e| line_of(model, e.span)),
        dead: None,
        contrast: None,
    }
}
