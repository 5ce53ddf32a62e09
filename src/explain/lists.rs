//! Phrases for lists: a list written out, an entry of a table, the extreme
//! of one list, the element picked by its key, and the rows of an aggregate
//! with several binders.

use super::Builder;
use super::phrase::and_list;
use crate::eval::trace::StepKind;
use crate::model::expr::Aggregate;
use crate::model::{Expr, ExprKind, Type};
use crate::value::Value;

/// Whether `earliest`, `latest`, `min` or `max` takes one list.
pub(super) fn one_list(args: &[Expr]) -> bool {
    matches!(args, [list] if matches!(list.ty, Type::List(_)))
}

impl Builder<'_, '_> {
    /// `table[i]`: "the entry at position 2 of the maximum credit ([...]):
    /// USD 6,960.00".
    pub(super) fn index_phrase(&mut self, children: &[u32], value: &Value) -> String {
        let (Some(list), Some(index)) = (children.first(), children.get(1)) else {
            return self.words(value);
        };
        let past = match (self.value(*list), self.value(*index)) {
            (Value::List(items), Value::Number(n)) => n >= rust_decimal::Decimal::from(items.len()),
            _ => false,
        };
        let (list, index) = (self.meaning(*list), self.operand(*index));
        let (say, p) = (self.say, &self.say.particulars);
        let past = if past { p.past_last_entry } else { "" };
        let entry = say.fill(p.entry, &[('x', &list), ('r', &index)]);
        format!("{entry}{past}{}{}", say.colon, self.words(value))
    }

    /// `earliest(list)`, `max(list)`: the extreme of one list's entries.
    pub(super) fn extreme_of_list_phrase(
        &mut self,
        expr: &Expr,
        children: &[u32],
        value: &Value,
    ) -> String {
        let earliest = matches!(expr.kind, crate::model::ExprKind::Earliest(_));
        let Some(child) = children.first().copied() else {
            return self.words(value);
        };
        let dates = expr.ty == Type::Date;
        let which = match (earliest, dates) {
            (true, true) => 0,
            (false, true) => 1,
            (true, false) => 2,
            (false, false) => 3,
        };
        let list = self.meaning(child);
        // A date named reads with its article: "est le 4 juillet 1941".
        let article = match value {
            Value::Date(_) => self.say.date_article,
            _ => "",
        };
        let extreme = format!("{article}{}", self.words(value));
        let template = self.say.particulars.list_extremes[which];
        self.say.fill(template, &[('x', &list), ('v', &extreme)])
    }

    /// Whether a step computed `expr` itself (not a copy of it).
    fn step_is(&self, index: u32, expr: &Expr) -> bool {
        matches!(
            self.trace.step(index).map(|s| s.kind),
            Some(StepKind::Expr(e)) if std::ptr::eq(e, expr)
        )
    }

    /// The elements an aggregate went through: "the household (3 in all)",
    /// or with several binders the combinations.
    pub(super) fn in_all(
        &self,
        aggregate: &Aggregate,
        children: &[u32],
        list: &str,
        length: usize,
    ) -> String {
        let (say, a) = (self.say, &self.say.aggregates);
        match self.rows_phrase(aggregate, children, list) {
            Some((rows, count)) => {
                say.fill(a.combinations, &[('x', &rows), ('r', &self.count(count))])
            }
            None => say.fill(a.in_all, &[('x', list), ('r', &self.count(length))]),
        }
    }

    /// How many elements, as the language writes a count: English as it
    /// always has, `1000`; French and Spanish with their thousands grouped.
    fn count(&self, count: usize) -> String {
        match self.lang {
            crate::locale::Lang::En => count.to_string(),
            _ => self.say.count(count),
        }
    }

    /// With several binders: the lists after the first, as the policy
    /// writes them, and how many combinations the aggregate went through
    /// (the steps of its condition, or of its body).
    pub(super) fn rows_phrase(
        &self,
        aggregate: &Aggregate,
        children: &[u32],
        list: &str,
    ) -> Option<(String, usize)> {
        if aggregate.more.is_empty() {
            return None;
        }
        let per_row = aggregate.filter.as_ref().or(aggregate.body.as_ref())?;
        let rows = children
            .iter()
            .filter(|c| self.step_is(**c, per_row))
            .count();
        let (say, p) = (self.say, &self.say.particulars);
        let more: Vec<String> = aggregate
            .more
            .iter()
            .map(|l| say.one(p.each_of, &self.written(l)))
            .collect();
        let and = format!(" {} ", say.explaining.and);
        let rows_words = say.fill(p.each_with, &[('x', list), ('r', &more.join(&and))]);
        Some((rows_words, rows))
    }

    /// The steps of an aggregate's body, one per row it weighed.
    pub(super) fn body_steps(&self, aggregate: &Aggregate, children: &[u32]) -> Vec<u32> {
        match &aggregate.body {
            Some(body) if !aggregate.more.is_empty() => children
                .iter()
                .copied()
                .filter(|c| self.step_is(*c, body))
                .collect(),
            _ => children.iter().skip(1).copied().collect(),
        }
    }

    /// `the m in members with the least m.born`: the element and its key.
    pub(super) fn pick_phrase(
        &self,
        aggregate: &Aggregate,
        in_all: &str,
        filter: Option<&str>,
        value: &Value,
    ) -> String {
        let greatest = aggregate.kind == crate::ast::AggregateKind::Greatest;
        let key = aggregate
            .body
            .as_ref()
            .map(|b| self.written(b))
            .unwrap_or_default();
        let (say, p) = (self.say, &self.say.particulars);
        let those = match filter {
            Some(filter) => say.one(say.aggregates.those, filter),
            None => String::new(),
        };
        // A record is named by its first text field, as a reader names a person.
        let name = |value: &Value| match value {
            Value::Record(fields) => fields.iter().find_map(|f| match f {
                Value::Text(t) => Some(t.to_string()),
                _ => None,
            }),
            _ => None,
        };
        let named = match value {
            Value::Among(candidates) => {
                let names: Option<Vec<String>> = candidates.iter().map(name).collect();
                names.map(|n| say.one(p.one_of, &and_list(&n, say.explaining.or)))
            }
            other => name(other),
        };
        let picked = named.unwrap_or_else(|| self.words(value));
        let template = if greatest { p.pick.1 } else { p.pick.0 };
        say.fill(
            template,
            &[('x', in_all), ('v', &those), ('l', &key), ('r', &picked)],
        )
    }

    /// `count`, `sum`, `min`, `max`, `any` or `every`: the list, the condition
    /// as the policy writes it, and the result.
    pub(super) fn aggregate_phrase(
        &mut self,
        expr: &crate::model::Expr,
        children: &[u32],
        value: &Value,
    ) -> String {
        let ExprKind::Aggregate(aggregate) = &expr.kind else {
            return self.words(value);
        };
        let (kind, body, filter) = (&aggregate.kind, &aggregate.body, &aggregate.filter);
        let list = children
            .first()
            .map(|c| self.meaning(*c))
            .unwrap_or_default();
        let length = match children.first().map(|c| self.value(*c)) {
            Some(Value::List(items)) => items.len(),
            _ => 0,
        };
        let source =
            |e: &Option<crate::model::Expr>| e.as_ref().map(|e| self.model.source.written(e.span));
        let (body, filter) = (source(body), source(filter));
        let result = self.words(value);
        let in_all = self.in_all(aggregate, children, &list, length);
        let (say, a) = (self.say, &self.say.aggregates);
        // {x} the list, {r} a count or the result, {v} the condition.
        let said = |template: &str, r: &str, v: &str| {
            say.fill(template, &[('x', &in_all), ('r', r), ('v', v)])
        };
        use crate::ast::AggregateKind as K;
        match kind {
            K::Count => match &filter {
                None => say.fill(a.number_of, &[('x', &list), ('r', &result)]),
                Some(filter) => match value {
                    Value::Number(_) => said(a.count_of, &result, filter),
                    _ => said(a.count_of_unknown, &result, filter),
                },
            },
            K::Sum | K::Min | K::Max => {
                let template = match kind {
                    K::Sum => a.sum,
                    K::Min => a.least,
                    _ => a.greatest,
                };
                let those = match &filter {
                    Some(filter) => say.one(a.those, filter),
                    None => String::new(),
                };
                say.fill(
                    template,
                    &[
                        ('l', &body.unwrap_or_default()),
                        ('x', &in_all),
                        ('v', &those),
                        ('r', &result),
                    ],
                )
            }
            K::Least | K::Greatest => {
                self.pick_phrase(aggregate, &in_all, filter.as_deref(), value)
            }
            K::Any | K::Every => {
                let condition = body.unwrap_or_default();
                // One step per element after the list: how many hold.
                let (mut held, mut failed, mut open) = (0, 0, 0);
                for child in self.body_steps(aggregate, children).iter() {
                    match self.value(*child) {
                        Value::Bool(true) => held += 1,
                        Value::Bool(false) => failed += 1,
                        _ => open += 1,
                    }
                }
                let one_or_many = |n: usize, (one, many): (&'static str, &'static str)| {
                    if n == 1 { one } else { many }
                };
                match (kind, value.as_bool()) {
                    (K::Any, Some(true)) => {
                        said(one_or_many(held, a.any), &self.count(held), &condition)
                    }
                    (K::Any, Some(false)) => said(a.any_none, "", &condition),
                    (K::Any, None) => said(a.any_maybe, &self.count(open), &condition),
                    (K::Every, Some(true)) => said(a.every, "", &condition),
                    (K::Every, Some(false)) => said(
                        one_or_many(failed, a.every_fails),
                        &self.count(failed),
                        &condition,
                    ),
                    (_, _) => said(a.every_maybe, &self.count(open), &condition),
                }
            }
        }
    }
}
