//! Moving a checked model's items into another model: every index shifted
//! past the items already there (or mapped onto a shared fact or type), and
//! every span shifted to where the used file's text stands in the combined
//! text. `use` merges a used policy into the using one this way, so that
//! evaluation sees one model and never looks a name up.

use super::calendar::Coverage;
use super::expr::{Expr, ExprKind};
use super::{
    DefinitionId, DeonticId, EnumId, ExceptionId, FactId, ParameterId, ProvisionId, ReadingId,
    RecordId, Type,
};
use crate::span::Span;
use crate::value::Value;

/// Where each kind of item of the used model goes in the using model.
#[derive(Debug, Clone, Default)]
pub struct Remap {
    /// Added to every span.
    pub span_offset: usize,
    /// The new id of each used fact (shared facts map onto the user's).
    pub facts: Vec<FactId>,
    /// The new id of each used enumeration.
    pub enums: Vec<EnumId>,
    /// The new id of each used record type.
    pub records: Vec<RecordId>,
    /// Added to reading ids.
    pub readings: ReadingId,
    /// Added to provision ids.
    pub provisions: ProvisionId,
    /// Added to definition ids.
    pub definitions: DefinitionId,
    /// Added to exception ids.
    pub exceptions: ExceptionId,
    /// Added to deontic rule ids.
    pub deontics: DeonticId,
    /// Added to parameter ids.
    pub parameters: ParameterId,
    /// Added to scale ids.
    pub scales: u32,
}

impl Remap {
    /// A span moved into the combined text.
    pub fn span(&self, span: Span) -> Span {
        Span::new(span.start + self.span_offset, span.end + self.span_offset)
    }

    fn fact(&self, id: FactId) -> FactId {
        self.facts.get(id as usize).copied().unwrap_or(id)
    }

    fn enum_id(&self, id: EnumId) -> EnumId {
        self.enums.get(id as usize).copied().unwrap_or(id)
    }

    /// A type with its enumeration and record ids moved.
    pub fn ty(&self, ty: &mut Type) {
        match ty {
            Type::Enum(id) => *id = self.enum_id(*id),
            Type::Record(id) => *id = self.records.get(*id as usize).copied().unwrap_or(*id),
            Type::List(inner) | Type::Scale(inner) | Type::OrNone(inner) => self.ty(inner),
            _ => {}
        }
    }

    /// A value with its enumeration and scale ids moved.
    pub fn value(&self, value: &mut Value) {
        match value {
            Value::Enum(id, _) => *id = self.enum_id(*id),
            Value::Scale(id) => *id += self.scales,
            Value::Record(items) | Value::List(items) | Value::Among(items) => {
                let mut moved: Vec<Value> = items.to_vec();
                moved.iter_mut().for_each(|v| self.value(v));
                *items = moved.into();
            }
            _ => {}
        }
    }

    /// An expression with every id, type, value and span moved.
    pub fn expr(&self, expr: &mut Expr) {
        expr.span = self.span(expr.span);
        self.ty(&mut expr.ty);
        match &mut expr.kind {
            ExprKind::Const(value) => self.value(value),
            ExprKind::Fact { fact, .. } | ExprKind::FactAsOf { fact, .. } => {
                *fact = self.fact(*fact)
            }
            ExprKind::Definition(id) => *id += self.definitions,
            ExprKind::Call { definition, .. } => *definition += self.definitions,
            ExprKind::Deontic(id) => *id += self.deontics,
            ExprKind::Parameter { parameter, .. } => *parameter += self.parameters,
            ExprKind::ReadingIs { reading, .. } => *reading += self.readings,
            ExprKind::Aggregate(aggregate) => self.value(&mut aggregate.zero),
            _ => {}
        }
        for_each_child_mut(expr, |child| self.expr(child));
    }
}

/// Calls `f` on each direct sub-expression of `expr`, mutably: the same
/// children, in the same order, as [`super::expr::for_each_child`].
pub fn for_each_child_mut(expr: &mut Expr, mut f: impl FnMut(&mut Expr)) {
    match &mut expr.kind {
        ExprKind::Const(_)
        | ExprKind::AsOf
        | ExprKind::Fact { .. }
        | ExprKind::Definition(_)
        | ExprKind::Deontic(_)
        | ExprKind::ReadingIs { .. }
        | ExprKind::Bound(_) => {}
        ExprKind::Round { operand, .. } => f(operand),
        ExprKind::FactAsOf { date, .. } => f(date),
        ExprKind::Aggregate(aggregate) => {
            f(&mut aggregate.list);
            aggregate.more.iter_mut().for_each(&mut f);
            if let Some(filter) = &mut aggregate.filter {
                f(filter)
            }
            if let Some(body) = &mut aggregate.body {
                f(body)
            }
        }
        ExprKind::Overlap {
            from,
            to,
            window_from,
            window_to,
        } => {
            f(from);
            f(to);
            f(window_from);
            f(window_to);
        }
        ExprKind::Scale(scale) => {
            for bracket in &mut scale.brackets {
                f(&mut bracket.over);
                if let Some(base) = &mut bracket.base {
                    f(base)
                }
                f(&mut bracket.rate);
            }
        }
        ExprKind::Calendar { args, .. } => args.iter_mut().for_each(f),
        ExprKind::ShiftBy(shift) => {
            f(&mut shift.date);
            f(&mut shift.count);
        }
        ExprKind::Coverage(coverage) => coverage_children(coverage, f),
        ExprKind::Field { record, .. } => f(record),
        ExprKind::Parameter { date, .. } => {
            if let Some(date) = date {
                f(date)
            }
        }
        ExprKind::Not(e) | ExprKind::Negate(e) => f(e),
        ExprKind::Call { args, .. } => args.iter_mut().for_each(f),
        ExprKind::IsNone { operand, .. } => f(operand),
        ExprKind::OrElse { value, fallback } => {
            f(value);
            f(fallback);
        }
        ExprKind::Binary { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::Index { list, index, .. } => {
            f(list);
            f(index);
        }
        ExprKind::List(items)
        | ExprKind::All(items)
        | ExprKind::Any(items)
        | ExprKind::Earliest(items)
        | ExprKind::Latest(items) => items.iter_mut().for_each(f),
        ExprKind::OneOf { operand, .. } => f(operand),
        ExprKind::If {
            condition,
            then,
            otherwise,
        } => {
            f(condition);
            f(then);
            f(otherwise);
        }
        ExprKind::ShiftDate { date, .. } => f(date),
        ExprKind::Between { from, to, .. } => {
            f(from);
            f(to);
        }
    }
}

fn coverage_children(coverage: &mut Coverage, mut f: impl FnMut(&mut Expr)) {
    if let Some((_, list)) = &mut coverage.each {
        f(list)
    }
    for (from, to) in coverage.periods.iter_mut() {
        f(from);
        f(to);
    }
    f(&mut coverage.window_from);
    f(&mut coverage.window_to);
}
