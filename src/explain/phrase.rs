//! Phrases: why a step has its value, in words, from the expression that
//! computed it and the values it weighed.
//!
//! A value is written as a person writes it ("26 March 2026", "customs
//! duty"); a rule or a fact is named by what it means, its value in
//! parentheses ("the day the moratorium and the Work Programme expire
//! (26 March 2026)"); a comparison says what holds or does not ("28 March
//! 2026 is not before ..."), and an undetermined one what it waits on.

use super::Builder;
use crate::ast::BinaryOp;
use crate::eval::trace::StepKind;
use crate::locale::words::Comparison;
use crate::locale::{Lang, Words};
use crate::model::translations::Described;
use crate::model::{ExprKind, Model, Type};
use crate::value::Value;
use crate::words::{bounds_words_in, value_words_in};

/// A comparison's three sentences in a language; `None` for arithmetic and
/// the connectives.
fn comparison_in(op: BinaryOp, say: &Words) -> Option<&Comparison> {
    let c = &say.explaining.comparisons;
    Some(match op {
        BinaryOp::Less => &c.less,
        BinaryOp::LessOrEqual => &c.at_most,
        BinaryOp::Greater => &c.more,
        BinaryOp::GreaterOrEqual => &c.at_least,
        BinaryOp::Before => &c.before,
        BinaryOp::OnOrBefore => &c.on_or_before,
        BinaryOp::After => &c.after,
        BinaryOp::OnOrAfter => &c.on_or_after,
        BinaryOp::Equal | BinaryOp::NotEqual => &c.is,
        BinaryOp::In | BinaryOp::NotIn => &c.is_in,
        _ => return None,
    })
}

/// One of a comparison's sentences filled.
fn compared(say: &Words, template: &str, l: &str, r: &str) -> String {
    say.fill(template, &[('l', l), ('r', r)])
}

/// "a, b and c".
pub fn and_list(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., tail] => format!("{} {last} {tail}", rest.join(", ")),
    }
}

/// A fact or a field inside it, in words: `mc14.opening` is "the opening
/// day of the 14th Session of the Ministerial Conference".
pub fn fact_words(model: &Model, fact: u32, fields: &[u32]) -> String {
    fact_words_in(model, fact, fields, Lang::En)
}

/// A fact or a field inside it in words, with the policy's sentences in
/// `lang` where it gives them.
pub fn fact_words_in(model: &Model, fact: u32, fields: &[u32], lang: Lang) -> String {
    let Some(info) = model.facts.get(fact as usize) else {
        return String::new();
    };
    let whole = model
        .described(Described::Fact(fact), lang)
        .map(str::to_string)
        .unwrap_or_else(|| info.field.name.replace('_', " "));
    let mut ty = &info.field.ty;
    let mut words = whole.clone();
    for index in fields {
        let (field, record) = match ty.without_none() {
            Type::Record(record) => (
                model
                    .records
                    .get(*record as usize)
                    .and_then(|r| r.fields.get(*index as usize)),
                *record,
            ),
            _ => (None, 0),
        };
        let Some(field) = field else { break };
        words = if info.is_event {
            let (opening, closing) = lang.words().explaining.event_days;
            match field.name.as_str() {
                "opening" => lang.words().one(opening, &whole),
                "closing" => lang.words().one(closing, &whole),
                other => {
                    let event_day = lang.words().particulars.event_day;
                    let day = other.replace('_', " ");
                    lang.words().fill(event_day, &[('x', &day), ('r', &whole)])
                }
            }
        } else {
            match model.described(Described::Field(record, *index), lang) {
                Some(description) => description.to_string(),
                None => model.fact_path(fact, fields),
            }
        };
        ty = &field.ty;
    }
    words
}

impl Builder<'_, '_> {
    pub(super) fn value(&self, index: u32) -> Value {
        self.trace
            .step(self.trace.resolve(index))
            .map(|s| s.value.clone())
            .unwrap_or(Value::UNKNOWN)
    }

    pub(super) fn words(&self, value: &Value) -> String {
        match value {
            Value::Unknown(bounds) => match bounds_words_in(bounds, self.say) {
                Some(known) => self.say.one(self.say.undetermined_with.1, &known),
                None => String::from(self.say.undetermined),
            },
            other => value_words_in(self.model, other, self.say),
        }
    }

    /// A fact or a field inside it in the explanation's language.
    fn fact_words(&self, fact: u32, fields: &[u32]) -> String {
        fact_words_in(self.model, fact, fields, self.lang)
    }

    /// What is known of a fact's value, or "not known".
    fn not_known(&self, value: &Value) -> String {
        let x = &self.say.explaining;
        match crate::words::known_of_words_in(self.model, value, self.say) {
            Some(range) => self.say.one(x.not_known_range, &range),
            None => String::from(x.not_known),
        }
    }

    /// ", from 2 March 2024": since when a fact given as a history has its value.
    fn since_words(&self, from: Option<chrono::NaiveDate>) -> String {
        from.map(|from| self.say.one(self.say.explaining.from, &self.say.date(from)))
            .unwrap_or_default()
    }

    fn is_const(&self, index: u32) -> bool {
        matches!(
            self.trace.step(index).map(|s| s.kind),
            Some(StepKind::Expr(e)) if matches!(e.kind, ExprKind::Const(_))
        )
    }

    /// What a fact or rule step stands for, without its value.
    pub(super) fn meaning(&mut self, index: u32) -> String {
        let resolved = self.trace.resolve(index);
        match self.trace.step(resolved).map(|s| s.kind) {
            Some(StepKind::Rule(rule)) => self.rule_meaning(resolved, rule),
            Some(StepKind::Expr(expr)) => match &expr.kind {
                ExprKind::Fact { fact, fields } => self.fact_words(*fact, fields),
                ExprKind::Definition(_) | ExprKind::Deontic(_) => {
                    match self.trace.children(resolved).first() {
                        Some(child) => self.meaning(*child),
                        None => self.operand(resolved),
                    }
                }
                _ => self.operand(resolved),
            },
            _ => self.operand(resolved),
        }
    }

    /// A step used as an operand: a value, or what it means with its value.
    pub(super) fn operand(&mut self, index: u32) -> String {
        let resolved = self.trace.resolve(index);
        let Some(step) = self.trace.step(resolved) else {
            return String::new();
        };
        let value = step.value.clone();
        match step.kind {
            StepKind::Rule(rule) => {
                let meaning = self.rule_meaning(resolved, rule);
                format!("{meaning} ({})", self.words(&value))
            }
            StepKind::Expr(expr) => match &expr.kind {
                // A date compared or named reads with its article: "le 28 mars 2026".
                ExprKind::Const(_) | ExprKind::AsOf if matches!(value, Value::Date(_)) => {
                    format!("{}{}", self.say.date_article, self.words(&value))
                }
                ExprKind::Const(_) | ExprKind::AsOf => self.words(&value),
                ExprKind::Fact { fact, fields } => {
                    let known = if self.evaluation.is_defaulted(*fact, fields) {
                        let by_default = self.say.explaining.by_default;
                        self.say.fill(by_default, &[('v', &self.words(&value))])
                    } else if value.is_known() {
                        self.words(&value)
                    } else {
                        self.not_known(&value)
                    };
                    let from =
                        self.since_words(self.evaluation.fact_from(*fact, self.evaluation.as_of));
                    format!("{} ({known}{from})", self.fact_words(*fact, fields))
                }
                _ => self.phrase(resolved),
            },
            StepKind::Remembered(_) => self.words(&value),
        }
    }

    /// Why an expression step has its value; each step is phrased once.
    pub(super) fn phrase(&mut self, index: u32) -> String {
        let index = self.trace.resolve(index);
        if let Some(phrase) = self.phrases.get(&index) {
            return phrase.clone();
        }
        let phrase = self.phrase_of(index);
        self.phrases.insert(index, phrase.clone());
        phrase
    }

    /// Why an expression step has its value, phrased afresh.
    fn phrase_of(&mut self, index: u32) -> String {
        let Some(step) = self.trace.step(index) else {
            return String::new();
        };
        let value = step.value.clone();
        let StepKind::Expr(expr) = step.kind else {
            return self.operand(index);
        };
        let children = self.trace.children(index);
        let decisive = self.below(index);
        match &expr.kind {
            ExprKind::Binary { op, .. } => {
                let (Some(left), Some(right)) =
                    (children.first().copied(), children.get(1).copied())
                else {
                    return self.words(&value);
                };
                let (l, r) = (self.operand(left), self.operand(right));
                let say = self.say;
                let arithmetic = &say.explaining.arithmetic;
                let result = |template: &str, l: &str, r: &str, v: &str| {
                    say.fill(template, &[('l', l), ('r', r), ('v', v)])
                };
                let Some(sentences) = comparison_in(*op, say) else {
                    let template = match op {
                        BinaryOp::Add => arithmetic.plus,
                        BinaryOp::Subtract => arithmetic.minus,
                        BinaryOp::Multiply => arithmetic.times,
                        BinaryOp::Divide => arithmetic.divided_by,
                        BinaryOp::Of => {
                            // `20% of price`: a rate reads as a percentage.
                            let rate = match self.value(left) {
                                Value::Number(rate) if self.is_const(left) => say.percent(rate),
                                _ => l,
                            };
                            return result(arithmetic.of, &rate, &r, &self.words(&value));
                        }
                        // `and` and `or` are phrased as lists, never here.
                        _ => return self.words(&value),
                    };
                    return result(template, &l, &r, &self.words(&value));
                };
                match op {
                    BinaryOp::In | BinaryOp::NotIn => {
                        let holds = if *op == BinaryOp::In {
                            value.as_bool()
                        } else {
                            value.as_bool().map(|b| !b)
                        };
                        match holds {
                            Some(true) => compared(say, sentences.holds, &l, &r),
                            Some(false) => compared(say, sentences.fails, &l, &r),
                            None => compared(say, sentences.maybe, &l, &r),
                        }
                    }
                    BinaryOp::Equal | BinaryOp::NotEqual
                        if self.is_const(right) && self.value(left).is_known() =>
                    {
                        // `measure.kind is customs_duty`: name the fact, then
                        // say whether it has that value, or which one it has.
                        let subject = self.meaning(left);
                        let target = self.words(&self.value(right));
                        let actual = self.words(&self.value(left));
                        let actual = format!("{actual}{}", self.default_note(left));
                        let target = if holds_for(*op, &value) == Some(true) {
                            actual.clone()
                        } else {
                            target
                        };
                        let holds = if *op == BinaryOp::Equal {
                            value.as_bool()
                        } else {
                            value.as_bool().map(|b| !b)
                        };
                        let not_word = match say.lang {
                            Lang::En => "not ",
                            Lang::Fr => "non ",
                            Lang::Es => "no ",
                        };
                        match holds {
                            Some(true) => compared(say, sentences.holds, &subject, &target),
                            // "is not required" says enough; "is transmitted
                            // content" says more with what it is not.
                            _ if actual.starts_with(not_word) => {
                                compared(say, sentences.holds, &subject, &actual)
                            }
                            _ => say.fill(
                                say.explaining.is_not_other,
                                &[('l', &subject), ('r', &actual), ('x', &target)],
                            ),
                        }
                    }
                    BinaryOp::Equal | BinaryOp::NotEqual => {
                        let holds = if *op == BinaryOp::Equal {
                            value.as_bool()
                        } else {
                            value.as_bool().map(|b| !b)
                        };
                        match holds {
                            Some(true) => compared(say, sentences.holds, &l, &r),
                            Some(false) => compared(say, sentences.fails, &l, &r),
                            None => compared(say, sentences.maybe, &l, &r),
                        }
                    }
                    _ => match value.as_bool() {
                        Some(true) => compared(say, sentences.holds, &l, &r),
                        Some(false) => compared(say, sentences.fails, &l, &r),
                        None => compared(say, sentences.maybe, &l, &r),
                    },
                }
            }
            ExprKind::All(_) | ExprKind::Any(_) => {
                let parts: Vec<String> = decisive.iter().map(|c| self.phrase(*c)).collect();
                let any = matches!(expr.kind, ExprKind::Any(_));
                let x = &self.say.explaining;
                match (any, value.as_bool()) {
                    (false, Some(true)) | (true, Some(true)) | (false, Some(false)) => {
                        and_list(&parts, x.and)
                    }
                    (true, Some(false)) => parts.join(x.and_none),
                    (_, None) => self.say.one(x.as_, &and_list(&parts, x.and)),
                }
            }
            ExprKind::Not(_) | ExprKind::Negate(_) => match children.first() {
                Some(child) => {
                    let inner = self.phrase(*child);
                    // A comparison says what holds ("... is not before ...");
                    // a rule or a fact names its value, which `not` turns round.
                    let says_what_holds = matches!(
                        self.trace.step(self.trace.resolve(*child)).map(|s| s.kind),
                        Some(StepKind::Expr(e)) if matches!(
                            e.kind,
                            ExprKind::Binary { .. }
                                | ExprKind::OneOf { .. }
                                | ExprKind::All(_)
                                | ExprKind::Any(_)
                                | ExprKind::Not(_)
                                | ExprKind::ReadingIs { .. }
                                | ExprKind::Aggregate(_)
                        )
                    );
                    let x = &self.say.explaining;
                    if matches!(expr.kind, ExprKind::Negate(_)) {
                        self.say.one(x.arithmetic.negated, &inner)
                    } else if says_what_holds {
                        inner
                    } else {
                        self.say.one(x.not_so, &inner)
                    }
                }
                None => self.words(&value),
            },
            ExprKind::If { .. } => {
                let condition = children.first().copied();
                let condition_is_reading = condition
                    .and_then(|c| self.trace.step(c))
                    .is_some_and(|s| matches!(s.kind, StepKind::Expr(e) if matches!(e.kind, ExprKind::ReadingIs { .. })));
                let taken: Vec<u32> = decisive
                    .iter()
                    .copied()
                    .filter(|c| Some(*c) != condition)
                    .collect();
                let branches: Vec<String> = taken.iter().map(|c| self.operand(*c)).collect();
                let cond_words = condition.map(|c| self.phrase(c)).unwrap_or_default();
                match (
                    self.value(condition.unwrap_or(index)).as_bool(),
                    condition_is_reading,
                ) {
                    (Some(_), true) => branches.join(""),
                    (Some(_), false) => self.say.fill(
                        self.say.explaining.since,
                        &[('x', &cond_words), ('r', &branches.join(""))],
                    ),
                    (None, _) => self.say.fill(
                        self.say.explaining.so_either,
                        &[
                            ('x', &cond_words),
                            ('r', &and_list(&branches, self.say.explaining.or)),
                        ],
                    ),
                }
            }
            ExprKind::Earliest(args) | ExprKind::Latest(args) if super::lists::one_list(args) => {
                self.extreme_of_list_phrase(expr, &children, &value)
            }
            ExprKind::List(_) => self.words(&value),
            ExprKind::Index { .. } => self.index_phrase(&children, &value),
            ExprKind::Earliest(_) | ExprKind::Latest(_) => {
                let earliest = matches!(expr.kind, ExprKind::Earliest(_));
                let chosen = children
                    .iter()
                    .copied()
                    .find(|c| value.is_known() && self.value(*c) == value);
                match chosen {
                    Some(chosen) => {
                        let others: Vec<String> = children
                            .iter()
                            .filter(|c| **c != chosen)
                            .map(|c| self.operand(*c))
                            .collect();
                        // Dates are earlier and later; amounts less and greater.
                        let dates = expr.ty == Type::Date;
                        let tie = children
                            .iter()
                            .any(|c| *c != chosen && self.value(*c) == value);
                        let which = match (earliest, dates, tie) {
                            (true, true, false) => 0,
                            (false, true, false) => 1,
                            (true, false, false) => 2,
                            (false, false, false) => 3,
                            (true, true, true) => 4,
                            (false, true, true) => 5,
                            (true, false, true) => 6,
                            (false, false, true) => 7,
                        };
                        if others.is_empty() {
                            self.operand(chosen)
                        } else {
                            let x = &self.say.explaining;
                            self.say.fill(
                                x.which_is[which],
                                &[
                                    ('v', &self.operand(chosen)),
                                    ('r', &and_list(&others, x.and)),
                                ],
                            )
                        }
                    }
                    None => {
                        let all: Vec<String> = children.iter().map(|c| self.operand(*c)).collect();
                        let which = match (earliest, all.len() > 2, expr.ty == Type::Date) {
                            (true, false, true) => 0,
                            (true, true, true) => 1,
                            (false, false, true) => 2,
                            (false, true, true) => 3,
                            (true, false, false) => 4,
                            (true, true, false) => 5,
                            (false, false, false) => 6,
                            (false, true, false) => 7,
                        };
                        let x = &self.say.explaining;
                        self.say.one(x.extremes[which], &and_list(&all, x.and))
                    }
                }
            }
            ExprKind::OneOf {
                values, negated, ..
            } => {
                let operand = children
                    .first()
                    .map(|c| self.operand(*c))
                    .unwrap_or_default();
                let operand_type =
                    children
                        .first()
                        .and_then(|c| self.trace.step(*c))
                        .map(|s| match s.kind {
                            StepKind::Expr(e) => e.ty.clone(),
                            _ => Type::Error,
                        });
                let names: Vec<String> = match operand_type {
                    Some(Type::Enum(id)) => values
                        .iter()
                        .map(|v| crate::words::enum_words(self.model, id, *v, self.say))
                        .collect(),
                    _ => Vec::new(),
                };
                let (say, x) = (self.say, &self.say.explaining);
                let list = and_list(&names, x.or);
                let is = &x.comparisons.is;
                // `is not one of` holds when the operand is none of them:
                // say whether it is one of them, not the test's value.
                let is_one = value.as_bool().map(|holds| holds != *negated);
                match is_one {
                    Some(true) => compared(say, is.holds, &operand, &list),
                    Some(false) => match names.as_slice() {
                        [a, b] => say.fill(x.neither, &[('x', &operand), ('l', a), ('r', b)]),
                        [_, _, ..] => say.fill(
                            x.none_of,
                            &[('x', &operand), ('r', &and_list(&names, x.and))],
                        ),
                        _ => compared(say, is.fails, &operand, &list),
                    },
                    None => compared(say, is.maybe, &operand, &list),
                }
            }
            ExprKind::Parameter { parameter, .. } => {
                let info = self.model.parameters.get(*parameter as usize);
                let described = self
                    .model
                    .described(Described::Parameter(*parameter), self.lang);
                let meaning = info
                    .map(|p| {
                        described
                            .map(str::to_string)
                            .unwrap_or_else(|| p.name.replace('_', " "))
                    })
                    .unwrap_or_default();
                let on = match children.first() {
                    Some(date) => self.value(*date),
                    None => Value::Date(self.evaluation.as_of),
                };
                let since = match (info, &on) {
                    (Some(p), Value::Date(d)) => p
                        .history
                        .iter()
                        .rev()
                        .find(|(from, _)| from <= d)
                        .map(|(from, _)| {
                            let in_force_from = self.say.explaining.in_force_from;
                            self.say.one(in_force_from, &self.say.date(*from))
                        })
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                let value = format!("{}{since}", self.words(&value));
                self.say.fill(
                    self.say.explaining.on_date,
                    &[('x', &meaning), ('l', &self.words(&on)), ('r', &value)],
                )
            }
            ExprKind::FactAsOf { fact, fields, .. } => {
                let on = children
                    .first()
                    .map_or(Value::UNKNOWN, |date| self.value(*date));
                let from = self.since_words(match &on {
                    Value::Date(day) => self.evaluation.fact_from(*fact, *day),
                    _ => None,
                });
                let known = if value.is_known() {
                    self.words(&value)
                } else {
                    self.not_known(&value)
                };
                let day = if on.is_known() {
                    self.words(&on)
                } else {
                    String::from(self.say.explaining.date_not_known)
                };
                self.say.fill(
                    self.say.explaining.on_date,
                    &[
                        ('x', &self.fact_words(*fact, fields)),
                        ('l', &day),
                        ('r', &format!("{known}{from}")),
                    ],
                )
            }
            ExprKind::ShiftDate {
                amount,
                unit,
                rounding,
                ..
            } => {
                let from = children
                    .first()
                    .map(|c| self.dated_operand(*c))
                    .unwrap_or_default();
                let count = amount.unsigned_abs();
                let x = &self.say.explaining;
                let direction = if *amount < 0 { x.moved.0 } else { x.moved.1 };
                // Say how a missing day was rounded only where one was.
                let landed_exactly = match (children.first().map(|c| self.value(*c)), &value) {
                    (Some(Value::Date(from)), Value::Date(to)) => {
                        use chrono::Datelike;
                        from.day() == to.day()
                    }
                    _ => false,
                };
                let rounding = if landed_exactly { &None } else { rounding };
                let rounded = match rounding {
                    Some(crate::ast::Rounding::Down) => x.rounded_day.0,
                    Some(crate::ast::Rounding::Up) => x.rounded_day.1,
                    None => "",
                };
                let moved = self.say.fill(
                    direction,
                    &[('x', &self.say.duration(count, *unit)), ('r', &from)],
                );
                format!("{moved}{rounded}")
            }
            ExprKind::Between { unit, .. } => {
                let (Some(from), Some(to)) = (children.first().copied(), children.get(1).copied())
                else {
                    return self.words(&value);
                };
                let (from, to) = (self.dated_operand(from), self.dated_operand(to));
                let one = value == Value::Number(rust_decimal::Decimal::ONE);
                let unit = self.say.unit(*unit, if one { 1 } else { 2 });
                self.say.fill(
                    self.say.explaining.whole_units,
                    &[
                        ('v', &self.words(&value)),
                        ('x', unit),
                        ('l', &from),
                        ('r', &to),
                    ],
                )
            }
            ExprKind::Round { mode, places, .. } => {
                let operand = children
                    .first()
                    .map(|c| self.operand(*c))
                    .unwrap_or_default();
                let places_words = self.say.explaining.places;
                let to = match places {
                    0 => String::from(places_words.0),
                    2 => String::from(places_words.1),
                    1 => String::from(places_words.2),
                    n => self.say.one(places_words.3, &n.to_string()),
                };
                self.say.fill(
                    self.say.explaining.rounded,
                    &[
                        ('x', &operand),
                        ('l', self.say.particulars.rounding(*mode)),
                        ('r', &to),
                        ('v', &self.words(&value)),
                    ],
                )
            }
            ExprKind::Aggregate(_) => self.aggregate_phrase(expr, &children, &value),
            ExprKind::Overlap { .. } | ExprKind::Coverage(_) => {
                self.days_phrase(expr, &children, &value)
            }
            ExprKind::Calendar { function, .. } => {
                self.calendar_phrase(*function, &children, &value)
            }
            ExprKind::ShiftBy(_) => self.shift_by_phrase(expr, &children),
            // An element or a parameter not known is named as written.
            ExprKind::Bound(_) if !value.is_known() => {
                format!("`{}` ({})", self.written(expr), self.words(&value))
            }
            ExprKind::Bound(_) => self.words(&value),
            ExprKind::Scale(scale) => self.scale_phrase(scale, &children, &value),
            ExprKind::Call { .. } => match children.last() {
                Some(call) => self.operand(*call),
                None => self.words(&value),
            },
            ExprKind::IsNone { .. } => self.is_none_phrase(&children, &value),
            ExprKind::OrElse { .. } => self.or_else_phrase(&children, &value),
            ExprKind::ReadingIs {
                reading,
                alternative: tested,
                negated,
            } => {
                let info = self.model.readings.get(*reading as usize);
                let alternative = self.evaluation.readings.alternative(*reading);
                let alt = info.and_then(|r| r.alternatives.get(alternative as usize));
                let tested_name = info
                    .and_then(|r| r.alternatives.get(*tested as usize))
                    .map(|a| a.name.clone())
                    .unwrap_or_default();
                match (info, alt) {
                    (Some(r), Some(a)) => {
                        let meaning = self
                            .model
                            .described(Described::Alternative(*reading, alternative), self.lang)
                            .map(|s| format!(" ({s})"))
                            .unwrap_or_default();
                        let x = &self.say.explaining;
                        let other = if alternative != *tested && !*negated {
                            self.say.one(x.reading_not, &tested_name)
                        } else {
                            String::new()
                        };
                        let is = compared(self.say, x.reading_is, &r.name, &a.name);
                        format!("{is}{meaning}{other}")
                    }
                    _ => self.words(&value),
                }
            }
            ExprKind::Field { record, field } => {
                let field =
                    super::calls::field_words(self.model, expr, &record.ty, *field, self.lang);
                format!("{field} ({})", self.words(&value))
            }
            ExprKind::Definition(_)
            | ExprKind::Deontic(_)
            | ExprKind::Fact { .. }
            | ExprKind::Const(_)
            | ExprKind::AsOf => match children.first() {
                Some(child)
                    if !matches!(
                        expr.kind,
                        ExprKind::Fact { .. } | ExprKind::Const(_) | ExprKind::AsOf
                    ) =>
                {
                    self.operand(*child)
                }
                _ => self.operand(index),
            },
        }
    }
}

/// Whether `a is b` (or `a is not b`) holds, from the comparison's value.
fn holds_for(op: BinaryOp, value: &Value) -> Option<bool> {
    if op == BinaryOp::Equal {
        value.as_bool()
    } else {
        value.as_bool().map(|b| !b)
    }
}
