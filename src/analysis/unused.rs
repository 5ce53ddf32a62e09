//! Unused facts, fields, readings and definitions: declared in the policy's
//! own file, and read by no rule, verdict, sentence, assumption or period
//! in force. Found by walking every expression of the checked model.

use std::collections::BTreeSet;

use super::{Finding, Kind, line_of};
use crate::model::{Expr, ExprKind, Model, ReadingId, TemplatePart, Type};

/// What the expressions of a model read.
#[derive(Default)]
struct Reads {
    facts: BTreeSet<u32>,
    fields: BTreeSet<(u32, u32)>,
    readings: BTreeSet<ReadingId>,
    definitions: BTreeSet<u32>,
}

/// Every expression of the model.
fn every_expr(model: &Model) -> Vec<&Expr> {
    let mut out: Vec<&Expr> = Vec::new();
    out.extend(model.definitions.iter().map(|d| &d.body));
    for e in &model.exceptions {
        out.push(&e.condition);
        out.push(&e.value);
    }
    for d in &model.deontics {
        out.extend(d.when.iter());
        out.extend(d.while_.iter());
    }
    for v in &model.verdicts {
        out.push(&v.body);
        if let Some(each) = &v.for_each {
            out.push(&each.list);
            out.push(&each.key);
        }
        for part in &v.template.parts {
            if let TemplatePart::Expr(e) = part {
                out.push(e);
            }
        }
    }
    out.extend(model.assumptions.iter().map(|a| &a.condition));
    let periods = model
        .instrument
        .in_force
        .iter()
        .chain(model.provisions.iter().filter_map(|p| p.in_force.as_ref()));
    for period in periods {
        out.extend(period.from.iter());
        out.extend(period.until.iter());
    }
    out
}

fn walk(model: &Model, expr: &Expr, reads: &mut Reads) {
    match &expr.kind {
        ExprKind::Fact { fact, fields } | ExprKind::FactAsOf { fact, fields, .. } => {
            reads.facts.insert(*fact);
            let mut ty = model.facts.get(*fact as usize).map(|f| &f.field.ty);
            for field in fields.iter() {
                let Some(Type::Record(record)) = ty.map(Type::without_none) else {
                    break;
                };
                reads.fields.insert((*record, *field));
                ty = model
                    .records
                    .get(*record as usize)
                    .and_then(|r| r.fields.get(*field as usize))
                    .map(|f| &f.ty);
            }
        }
        ExprKind::Field { record, field } => {
            if let Type::Record(id) = record.ty.without_none() {
                reads.fields.insert((*id, *field));
            }
        }
        ExprKind::ReadingIs { reading, .. } => {
            reads.readings.insert(*reading);
        }
        ExprKind::Definition(id) | ExprKind::Call { definition: id, .. } => {
            reads.definitions.insert(*id);
        }
        _ => {}
    }
    crate::model::expr::for_each_child(expr, |child| walk(model, child, reads));
}

fn reads(model: &Model) -> Reads {
    let mut reads = Reads::default();
    for expr in every_expr(model) {
        walk(model, expr, &mut reads);
    }
    reads
}

/// The readings some expression consults.
pub(super) fn read_readings(model: &Model) -> BTreeSet<ReadingId> {
    reads(model).readings
}

fn unused(model: &Model, what: &str, name: &str, span: crate::span::Span) -> Finding {
    Finding {
        kind: Kind::Unused,
        message: format!("no rule reads the {what} `{name}`"),
        rules: vec![name.to_string()],
        provisions: Vec::new(),
        condition: String::new(),
        condition_words: String::new(),
        written: Vec::new(),
        witness: None,
        reason: None,
        allowed: None,
        line: line_of(model, span),
        dead: None,
        contrast: None,
    }
}

/// The unused facts, fields, readings and definitions of the policy's own file.
pub(super) fn find(model: &Model) -> Vec<Finding> {
    let reads = reads(model);
    let mut findings = Vec::new();
    for (index, fact) in model.facts.iter().enumerate() {
        if line_of(model, fact.span) == 0 {
            continue;
        }
        if !reads.facts.contains(&(index as u32)) {
            findings.push(unused(model, "fact", &fact.field.name, fact.span));
            continue;
        }
        // An event's opening and closing are the event's shape, not a choice.
        if fact.is_event {
            continue;
        }
        let mut pending = vec![(fact.field.name.clone(), &fact.field.ty)];
        let mut seen = BTreeSet::new();
        while let Some((path, ty)) = pending.pop() {
            let id = match ty.without_none() {
                Type::Record(id) => *id,
                Type::List(inner) => match inner.without_none() {
                    Type::Record(id) => *id,
                    _ => continue,
                },
                _ => continue,
            };
            if !seen.insert(id) {
                continue;
            }
            let Some(record) = model.records.get(id as usize) else {
                continue;
            };
            for (f, field) in record.fields.iter().enumerate() {
                let name = format!("{path}.{}", field.name);
                if reads.fields.contains(&(id, f as u32)) {
                    pending.push((name, &field.ty));
                } else {
                    findings.push(unused(model, "field", &name, fact.span));
                }
            }
        }
    }
    for (index, reading) in model.readings.iter().enumerate() {
        if line_of(model, reading.span) != 0 && !reads.readings.contains(&(index as u32)) {
            findings.push(unused(model, "reading", &reading.name, reading.span));
        }
    }
    for (index, definition) in model.definitions.iter().enumerate() {
        if line_of(model, definition.span) != 0 && !reads.definitions.contains(&(index as u32)) {
            let mut finding = unused(model, "definition", &definition.name, definition.span);
            finding.provisions = model
                .provisions
                .get(definition.provision as usize)
                .map(|p| vec![p.name.clone()])
                .unwrap_or_default();
            findings.push(finding);
        }
    }
    findings
}
