//! Facts symbolically: a known value, or an unknown one split into its
//! possibilities or held as a node of the constraint graph with what is
//! known of it.

use rust_decimal::Decimal;

use super::{Purpose, Symbolic};
use crate::exact::solver::{Diff, Node, Weight, ZERO};
use crate::exact::term::{Cases, Exact, Fallback, Leaf, Path, Unit, amount_of};
use crate::model::{FactId, Type};
use crate::value::Value;

impl<'m> Symbolic<'_, 'm> {
    /// A fact's value in every case: a known value, or an unknown one split
    /// into its possibilities (none or not, each enumeration value, each of
    /// several values) or held as a node with the range given for it.
    pub(super) fn fact(&mut self, fact: FactId, fields: &'m [u32], path: &Path) -> Exact<Cases> {
        let model = self.model;
        let info = model.facts.get(fact as usize).ok_or(Fallback)?;
        let value = self
            .input
            .facts
            .value_on(fact, self.input.as_of)
            .cloned()
            .unwrap_or(Value::UNKNOWN);
        let cases = self.read(fact, fields, 0, value, &info.field.ty, path)?;
        let unknown = cases.len() > 1 || cases.iter().any(|(_, l)| matches!(l, Leaf::Lin { .. }));
        if unknown && !self.read.iter().any(|(f, p)| *f == fact && **p == *fields) {
            self.read.push((fact, fields.into()));
        }
        Ok(cases)
    }

    fn read(
        &mut self,
        fact: FactId,
        fields: &'m [u32],
        level: usize,
        value: Value,
        ty: &'m Type,
        path: &Path,
    ) -> Exact<Cases> {
        if let Type::OrNone(inner) = ty {
            return match &value {
                Value::None => Self::one(path, Leaf::Val(Value::None)),
                Value::Unknown(bounds) if !bounds.is_bounded() => {
                    let choice =
                        self.choice(fact, fields.get(..level).ok_or(Fallback)?, Purpose::None);
                    let mut out = Vec::new();
                    if let Some(p) = path.choose(choice, 0) {
                        out.push((p, Leaf::Val(Value::None)));
                    }
                    if let Some(p) = path.choose(choice, 1) {
                        out.extend(self.read(fact, fields, level, value, inner, &p)?);
                    }
                    Ok(out)
                }
                _ => self.read(fact, fields, level, value, inner, path),
            };
        }
        let Some(field) = fields.get(level) else {
            return self.leaf(fact, fields, value, ty, path);
        };
        let inner = match &value {
            Value::Record(values) => values
                .get(*field as usize)
                .cloned()
                .unwrap_or(Value::UNKNOWN),
            Value::None => return Self::one(path, Leaf::Val(Value::None)),
            Value::Unknown(_) => Value::UNKNOWN,
            _ => return Err(Fallback),
        };
        let field_ty = match ty {
            Type::Record(record) => {
                &self
                    .model
                    .records
                    .get(*record as usize)
                    .and_then(|r| r.fields.get(*field as usize))
                    .ok_or(Fallback)?
                    .ty
            }
            _ => return Err(Fallback),
        };
        self.read(fact, fields, level + 1, inner, field_ty, path)
    }

    fn leaf(
        &mut self,
        fact: FactId,
        fields: &[u32],
        value: Value,
        ty: &Type,
        path: &Path,
    ) -> Exact<Cases> {
        let options: Vec<Value> = match &value {
            Value::Among(options) => options.to_vec(),
            Value::Unknown(bounds) => match ty {
                Type::Bool => vec![Value::Bool(false), Value::Bool(true)],
                Type::Enum(id) => {
                    let count = self
                        .model
                        .enums
                        .get(*id as usize)
                        .ok_or(Fallback)?
                        .values
                        .len();
                    (0..count as u32).map(|i| Value::Enum(*id, i)).collect()
                }
                Type::Date | Type::Integer | Type::Decimal | Type::Money(_) => {
                    let (node, unit) = self.scalar(fact, fields, ty, *bounds)?;
                    return Self::one(
                        path,
                        Leaf::Lin {
                            node,
                            offset: Decimal::ZERO,
                            unit,
                        },
                    );
                }
                _ => return Err(Fallback),
            },
            known => return Self::one(path, Leaf::Val(known.clone())),
        };
        if options.iter().any(|v| !v.is_known()) {
            return Err(Fallback);
        }
        let choice = self.choice(fact, fields, Purpose::Value);
        Ok(options
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| path.choose(choice, i as u32).map(|p| (p, Leaf::Val(v))))
            .collect())
    }

    pub(super) fn choice(&mut self, fact: FactId, fields: &[u32], purpose: Purpose) -> u32 {
        if let Some(index) = self
            .choices
            .iter()
            .position(|(f, p, u)| *f == fact && **p == *fields && *u == purpose)
        {
            return index as u32;
        }
        self.choices.push((fact, fields.into(), purpose));
        (self.choices.len() - 1) as u32
    }

    /// The node of an unknown ordered fact, made on first use with what is
    /// known of it: its range, and for an event's opening or closing, that
    /// the one is on or before the other.
    fn scalar(
        &mut self,
        fact: FactId,
        fields: &[u32],
        ty: &Type,
        bounds: crate::value::Bounds,
    ) -> Exact<(Node, Unit)> {
        let unit = match ty {
            Type::Date => Unit::Date,
            Type::Integer | Type::Decimal => Unit::Number,
            Type::Money(currency) => Unit::Money(*currency),
            _ => return Err(Fallback),
        };
        if let Some((_, _, node)) = self
            .scalars
            .iter()
            .find(|(f, p, _)| *f == fact && **p == *fields)
        {
            return Ok((*node, unit));
        }
        let node = self.solver.node(matches!(ty, Type::Date | Type::Integer));
        self.scalars.push((fact, fields.into(), node));
        if let Some(lo) = bounds.lo {
            let (amount, _) = amount_of(lo);
            self.push_base(Diff {
                x: ZERO,
                y: node,
                w: Weight::at_most(-amount),
            });
        }
        if let Some(hi) = bounds.hi {
            let (amount, _) = amount_of(hi);
            self.push_base(Diff {
                x: node,
                y: ZERO,
                w: Weight::at_most(amount),
            });
        }
        self.event_order(fact, fields, node)?;
        Ok((node, unit))
    }

    /// For an event's opening or closing: the constraint that the opening
    /// is on or before the closing.
    fn event_order(&mut self, fact: FactId, fields: &[u32], node: Node) -> Exact<()> {
        let model = self.model;
        let Some(info) = model.facts.get(fact as usize) else {
            return Ok(());
        };
        let (true, [field], Type::Record(record)) = (info.is_event, fields, &info.field.ty) else {
            return Ok(());
        };
        let Some(record) = model.records.get(*record as usize) else {
            return Ok(());
        };
        let index = |name: &str| record.fields.iter().position(|f| f.name == name);
        let (Some(opening), Some(closing)) = (index("opening"), index("closing")) else {
            return Ok(());
        };
        let mine = *field as usize;
        let other = match mine {
            m if m == opening => closing,
            m if m == closing => opening,
            _ => return Ok(()),
        };
        if record.fields.get(other).map(|f| &f.ty) != Some(&Type::Date) {
            return Ok(());
        }
        let other_value = match self.input.facts.value_on(fact, self.input.as_of) {
            Some(Value::Record(values)) => values.get(other).cloned().unwrap_or(Value::UNKNOWN),
            Some(Value::Unknown(_)) | None => Value::UNKNOWN,
            _ => return Ok(()),
        };
        // opening - closing <= 0, with the other end a node or a known day.
        let other_node = match other_value {
            Value::Date(day) => {
                let (amount, _) = amount_of(crate::value::Scalar::Date(day));
                let (x, y, c) = if mine == opening {
                    (node, ZERO, amount)
                } else {
                    (ZERO, node, -amount)
                };
                self.push_base(Diff {
                    x,
                    y,
                    w: Weight::at_most(c),
                });
                return Ok(());
            }
            Value::Unknown(bounds) => {
                let other_fields = [other as u32];
                match self
                    .scalars
                    .iter()
                    .find(|(f, p, _)| *f == fact && **p == other_fields)
                {
                    Some((_, _, n)) => *n,
                    // Made now, it adds the constraint itself.
                    None => {
                        self.scalar(fact, &other_fields, &Type::Date, bounds)?;
                        return Ok(());
                    }
                }
            }
            _ => return Ok(()),
        };
        let (x, y) = if mine == opening {
            (node, other_node)
        } else {
            (other_node, node)
        };
        self.push_base(Diff {
            x,
            y,
            w: Weight::at_most(Decimal::ZERO),
        });
        Ok(())
    }

    fn push_base(&mut self, diff: Diff) {
        let diff = self.solver.normalize(diff);
        self.base.push(diff);
    }
}
