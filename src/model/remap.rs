//! Moving a checked model's items into another model: every index shifted
//! past the items already there (or mapped onto a shared fact or type), and
//! every span shifted to where the used file's text stands in the combined
//! text. `use` merges a used policy into the using one this way, so that
//! evaluation sees one model and never looks a name up.

use super::calendar::Coverage;
use super::expr::{Expr, ExprKind};
use super::used::{IdRange, OwnItems};
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
    /// The policies of the used model that this model holds already, whose
    /// items map onto the copy there rather than being added again. The
    /// other ids are added to the offsets above, less the shared ids
    /// before them.
    pub shared: Vec<Shared>,
}

/// A policy of the used model that the using model holds already, reached
/// through another path: its own items and text map onto the copy there.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shared {
    /// Its own items' ids in the used model.
    pub from: OwnItems,
    /// Their ids in the using model.
    pub to: OwnItems,
    /// Where its own text starts in the used model's combined text.
    pub from_offset: usize,
    /// The length of its own text.
    pub text_len: usize,
    /// Where its own text starts in the using model's combined text.
    pub to_offset: usize,
}

/// One kind of item, as a shared policy's ids of it.
type Kind = fn(&OwnItems) -> IdRange;

impl Remap {
    /// A span moved into the combined text: onto the copy already there
    /// for the text of a shared policy.
    pub fn span(&self, span: Span) -> Span {
        for shared in &self.shared {
            if span.start >= shared.from_offset
                && span.start - shared.from_offset <= shared.text_len
            {
                let start = span.start - shared.from_offset + shared.to_offset;
                let end = span.end.saturating_sub(shared.from_offset) + shared.to_offset;
                return Span::new(start, end.max(start));
            }
        }
        Span::new(span.start + self.span_offset, span.end + self.span_offset)
    }

    /// Whether a span of the used model lies in a shared policy's text.
    pub fn span_shared(&self, span: Span) -> bool {
        self.shared.iter().any(|shared| {
            span.start >= shared.from_offset && span.start - shared.from_offset <= shared.text_len
        })
    }

    /// An id of one kind moved: onto the shared copy, or past the ids
    /// already there, less the shared ids before it.
    fn moved(&self, id: u32, offset: u32, kind: Kind) -> u32 {
        let mut before = 0;
        for shared in &self.shared {
            let (from, to) = (kind(&shared.from), kind(&shared.to));
            if from.contains(id) {
                return to.start + (id - from.start);
            }
            if from.start + from.len <= id {
                before += from.len;
            }
        }
        offset + id - before
    }

    /// Whether an id of one kind is a shared policy's, already in the model.
    fn is_shared(&self, id: u32, kind: Kind) -> bool {
        self.shared
            .iter()
            .any(|shared| kind(&shared.from).contains(id))
    }

    /// A reading's new id.
    pub fn reading(&self, id: ReadingId) -> ReadingId {
        self.moved(id, self.readings, |o| o.readings)
    }

    /// A provision's new id.
    pub fn provision(&self, id: ProvisionId) -> ProvisionId {
        self.moved(id, self.provisions, |o| o.provisions)
    }

    /// A definition's new id.
    pub fn definition(&self, id: DefinitionId) -> DefinitionId {
        self.moved(id, self.definitions, |o| o.definitions)
    }

    /// An exception's new id.
    pub fn exception(&self, id: ExceptionId) -> ExceptionId {
        self.moved(id, self.exceptions, |o| o.exceptions)
    }

    /// A deontic rule's new id.
    pub fn deontic(&self, id: DeonticId) -> DeonticId {
        self.moved(id, self.deontics, |o| o.deontics)
    }

    /// A parameter's new id.
    pub fn parameter(&self, id: ParameterId) -> ParameterId {
        self.moved(id, self.parameters, |o| o.parameters)
    }

    /// Whether the reading is a shared policy's.
    pub fn reading_shared(&self, id: ReadingId) -> bool {
        self.is_shared(id, |o| o.readings)
    }

    /// Whether the provision is a shared policy's.
    pub fn provision_shared(&self, id: ProvisionId) -> bool {
        self.is_shared(id, |o| o.provisions)
    }

    /// Whether the definition is a shared policy's.
    pub fn definition_shared(&self, id: DefinitionId) -> bool {
        self.is_shared(id, |o| o.definitions)
    }

    /// Whether the exception is a shared policy's.
    pub fn exception_shared(&self, id: ExceptionId) -> bool {
        self.is_shared(id, |o| o.exceptions)
    }

    /// Whether the deontic rule is a shared policy's.
    pub fn deontic_shared(&self, id: DeonticId) -> bool {
        self.is_shared(id, |o| o.deontics)
    }

    /// Whether the parameter is a shared policy's.
    pub fn parameter_shared(&self, id: ParameterId) -> bool {
        self.is_shared(id, |o| o.parameters)
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
            ExprKind::Definition(id) => *id = self.definition(*id),
            ExprKind::Call { definition, .. } => *definition = self.definition(*definition),
            ExprKind::Deontic(id) => *id = self.deontic(*id),
            ExprKind::Parameter { parameter, .. } => *parameter = self.parameter(*parameter),
            ExprKind::ReadingIs { reading, .. } => *reading = self.reading(*reading),
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
