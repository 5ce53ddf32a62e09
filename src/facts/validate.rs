//! Checking a facts tree against the policy's fact declarations.
//!
//! Validation walks the whole tree and never stops at the first problem: a
//! wrong value becomes unknown and the walk goes on, so that every problem
//! of the file is reported at once. Problems carry a path, not a span; the
//! caller finds the spans (see [`super::locate`]).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::describe::{form, found, how_to_write, name_list, object_noun, top_level_example};
use super::error::ProblemKind;
use super::locate::Target;
use super::path::Path;
use super::scalars::{self, DateFault, NumberFault};
use super::tree::Node;
use super::{AS_OF, FactsFormat};
use crate::model::{Model, RecordId, Type};
use crate::value::Value;

mod history;
mod none;

/// A problem found by validation, not yet located in the text.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub(crate) kind: ProblemKind,
    /// Where the problem is.
    pub(crate) at: Path,
    /// What part of it to label.
    pub(crate) target: Target,
    /// The text of the string value there, to help find its end.
    pub(crate) hint: Option<String>,
    pub(crate) message: String,
    pub(crate) label: String,
    pub(crate) help: Option<String>,
}

/// The values validation read, unknown where they were absent or wrong.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub(crate) as_of: Option<NaiveDate>,
    pub(crate) values: Vec<Value>,
    /// The facts and fields left out that took their default, sorted.
    pub(crate) defaulted: Vec<(crate::model::FactId, Box<[u32]>)>,
    /// The facts given as histories, sorted by fact.
    pub(crate) histories: Vec<crate::facts::History>,
}

impl<'m> Validator<'m> {
    /// A validator of facts written in `format`, with nothing found yet.
    fn new(model: &'m Model, format: FactsFormat) -> Self {
        Validator {
            model,
            format,
            problems: Vec::new(),
            fields_at: Vec::new(),
            defaulted: Vec::new(),
        }
    }
}

/// Checks the tree `root` of a facts file written in `format` against
/// `model`'s facts.
pub(crate) fn validate(model: &Model, format: FactsFormat, root: &Node) -> (Checked, Vec<Pending>) {
    let mut validator = Validator::new(model, format);
    let mut checked = validator.top(root);
    validator.defaulted.sort();
    validator.defaulted.dedup();
    checked.defaulted = validator.defaulted;
    checked.histories.sort_by_key(|h| h.fact);
    (checked, validator.problems)
}

/// Reads `node` as one value of `ty`, as a required fact of that type is
/// read: for a value given to a definition (see [`super::given`]).
pub(crate) fn read_value(
    model: &Model,
    format: FactsFormat,
    node: &Node,
    ty: &Type,
    path: &Path,
) -> (Value, Vec<Pending>) {
    let mut validator = Validator::new(model, format);
    let value = validator.value(node, ty, path, false, false);
    (value, validator.problems)
}

// A part of the validator, in its own file: it reads its private helpers.
#[path = "ranges.rs"]
mod ranges;

struct Validator<'m> {
    model: &'m Model,
    format: FactsFormat,
    problems: Vec<Pending>,
    /// The fact being read and the fields walked into, to record defaults.
    fields_at: Vec<u32>,
    /// The facts and fields that took their default.
    defaulted: Vec<(crate::model::FactId, Box<[u32]>)>,
}

/// Numbers each entry by how many earlier entries have the same key.
fn numbered(entries: &[(String, Node)]) -> Vec<(usize, &str, &Node)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    entries
        .iter()
        .map(|(key, node)| {
            let count = counts.entry(key.as_str()).or_insert(0);
            let nth = *count;
            *count += 1;
            (nth, key.as_str(), node)
        })
        .collect()
}

impl<'m> Validator<'m> {
    fn top(&mut self, root: &Node) -> Checked {
        let model = self.model;
        let mut checked = Checked {
            as_of: None,
            values: vec![Value::UNKNOWN; model.facts.len()],
            defaulted: Vec::new(),
            histories: Vec::new(),
        };
        let Node::Map(entries) = root else {
            self.push(
                ProblemKind::NotAnObject,
                Path::root(),
                Target::Container,
                format!(
                    "expected {} of facts at the top level, found {}",
                    object_noun(self.format),
                    found(root, self.format)
                ),
                "expected the facts here".to_string(),
                Some(top_level_example(self.model, self.format)),
            );
            return checked;
        };
        let mut given = vec![false; model.facts.len()];
        for (nth, key, node) in numbered(entries) {
            let path = Path::root().key_nth(key, nth);
            if nth > 0 {
                self.duplicate(&path, "fact");
            } else if key == AS_OF {
                checked.as_of = self.as_of_date(node, &path);
            } else if let Some(i) = model.facts.iter().position(|f| f.field.name == key) {
                let Some(fact) = model.facts.get(i) else {
                    continue;
                };
                if matches!(node, Node::Null) && fact.field.default.is_some() {
                    // `null` for a fact with a default: its default, below.
                    continue;
                }
                let optional = fact.field.optional || fact.is_event;
                if history::is_history(model, node, &fact.field.ty) {
                    let ty = &fact.field.ty;
                    self.fields_at.clear();
                    self.fields_at.push(i as u32);
                    let read = self.history(i as u32, node, ty, &path, fact.is_event);
                    self.fields_at.clear();
                    checked.histories.extend(read);
                    if let Some(flag) = given.get_mut(i) {
                        *flag = true;
                    }
                    continue;
                }
                self.fields_at.clear();
                self.fields_at.push(i as u32);
                let value = self.value(node, &fact.field.ty, &path, optional, fact.is_event);
                self.fields_at.clear();
                if let Some(slot) = checked.values.get_mut(i) {
                    *slot = value;
                }
                if let Some(flag) = given.get_mut(i) {
                    *flag = true;
                }
            } else {
                self.unknown_fact(key, &path);
            }
        }
        for (index, fact) in model.facts.iter().enumerate() {
            if let (Some(fixed), Some(slot)) = (&fact.fixed, checked.values.get_mut(index)) {
                let merged = self.merge_fixed(fact, fixed, slot);
                *slot = merged;
            }
        }
        for (index, (fact, given)) in model.facts.iter().zip(&given).enumerate() {
            if let (false, Some(default), Some(slot)) =
                (given, &fact.field.default, checked.values.get_mut(index))
            {
                *slot = default.clone();
                self.defaulted.push((index as u32, Box::from([])));
            }
        }
        for (fact, given) in model.facts.iter().zip(given) {
            if !given && !fact.field.optional && !fact.is_event && fact.field.default.is_none() {
                let name = &fact.field.name;
                let expected = form(model, &fact.field.ty, self.format, false);
                self.push(
                    ProblemKind::MissingFact,
                    Path::root(),
                    Target::Container,
                    format!("missing fact `{name}`"),
                    format!("no `{name}` in these facts"),
                    Some(format!(
                        "the policy requires `{name}`: add it as {expected}"
                    )),
                );
            }
        }
        checked
    }

    /// The value of `node` as a `ty`; unknown, with a problem, if it is not one.
    fn value(&mut self, node: &Node, ty: &Type, path: &Path, optional: bool, event: bool) -> Value {
        if matches!(node, Node::Null) {
            if !optional {
                let help = format!("`{path}` is required, so it cannot be null: give its value");
                return self.wrong(node, ty, path, event, "", Some(help));
            }
            return Value::UNKNOWN;
        }
        if history::is_history(self.model, node, ty) {
            return self.misplaced_history(path);
        }
        if let Some(value) = self.none_form(node, ty, path) {
            return value;
        }
        if let Some(value) = self.range_or_choice(node, ty, path, event) {
            return value;
        }
        // A value of a type declared `or none` is read as one of the type.
        match (ty.without_none(), node) {
            (Type::Bool, Node::Bool(b)) => Value::Bool(*b),
            (Type::Integer, Node::Int(i)) => self.number(scalars::from_int(*i), node, ty, path),
            (Type::Integer, Node::Float(f)) => match scalars::from_float(*f) {
                Ok(d) if !d.fract().is_zero() => self.wrong(node, ty, path, event, "", None),
                result => self.number(result, node, ty, path),
            },
            (Type::Integer, Node::Number(text)) => match scalars::from_literal(text) {
                Ok(d) if !d.fract().is_zero() => self.wrong(node, ty, path, event, "", None),
                // `3.0` and `3e2` are whole numbers, read as 3 and 300.
                result => self.number(result.map(|d| d.normalize()), node, ty, path),
            },
            (Type::Decimal, Node::Int(i)) => self.number(scalars::from_int(*i), node, ty, path),
            (Type::Decimal, Node::Number(text)) => {
                self.number(scalars::from_literal(text), node, ty, path)
            }
            (Type::Money(currency), Node::Number(text)) => {
                self.money(scalars::from_literal(text), *currency, node, ty, path)
            }
            (Type::Decimal, Node::Float(f)) => self.number(scalars::from_float(*f), node, ty, path),
            (Type::Decimal, Node::String(s)) => self.number(scalars::from_text(s), node, ty, path),
            (Type::Money(currency), Node::Int(i)) => {
                self.money(scalars::from_int(*i), *currency, node, ty, path)
            }
            (Type::Money(currency), Node::Float(f)) => {
                self.money(scalars::from_float(*f), *currency, node, ty, path)
            }
            (Type::Money(currency), Node::String(s)) => {
                // `"USD 12.50"` or `"12.50"`: a code, if written, must be the policy's.
                let (code, digits) = match s.trim().split_once(' ') {
                    Some((code, digits)) if crate::value::Currency::parse(code).is_some() => {
                        (Some(code), digits.trim())
                    }
                    _ => (None, s.trim()),
                };
                match code {
                    Some(code) if code != currency.as_str() => {
                        let extra = format!(" (an amount in {code}, not {currency})");
                        let help = Some(format!(
                            "give the amount in {currency}, e.g. \"{currency} 12.50\"; the policy does not convert currencies"
                        ));
                        self.wrong(node, ty, path, event, &extra, help)
                    }
                    _ => self.money(scalars::from_text(digits), *currency, node, ty, path),
                }
            }
            (Type::Date, Node::String(s)) => match scalars::parse_date(s) {
                Ok(date) => Value::Date(date),
                Err(DateFault::Shape) => self.wrong(node, ty, path, event, "", None),
                Err(DateFault::Form(help)) => self.date_form(s, path, help),
                Err(fault) => {
                    let help = Some(fault.help().to_string());
                    let extra = format!(" ({})", fault.reason());
                    self.wrong(node, ty, path, event, &extra, help)
                }
            },
            (Type::Date, Node::Datetime(literal)) => match scalars::parse_date(literal) {
                Ok(date) => Value::Date(date),
                Err(fault @ (DateFault::OutOfRange(_) | DateFault::NoSuchDay(_))) => {
                    let help = Some(fault.help().to_string());
                    let extra = format!(" ({})", fault.reason());
                    self.wrong(node, ty, path, event, &extra, help)
                }
                Err(DateFault::Shape | DateFault::Form(_)) => {
                    let help = Some("give the day alone, e.g. 2026-03-31".to_string());
                    self.wrong(node, ty, path, event, " (a date has no time of day)", help)
                }
            },
            (Type::Text, Node::String(s)) => Value::Text(s.as_str().into()),
            (Type::Enum(id), Node::String(s)) => self.enum_value(*id, s, path),
            (Type::Record(id), Node::Map(entries)) => self.record(entries, *id, path, event),
            (Type::List(inner), Node::Seq(items)) => {
                let values: Vec<Value> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.value(item, inner, &path.index(i), false, false))
                    .collect();
                Value::List(values.into())
            }
            (Type::Error, _) => Value::UNKNOWN,
            _ => self.wrong(node, ty, path, event, "", None),
        }
    }

    /// A number read from `node`, or a problem saying why it could not be.
    fn number(
        &mut self,
        result: Result<rust_decimal::Decimal, NumberFault>,
        node: &Node,
        ty: &Type,
        path: &Path,
    ) -> Value {
        match result {
            Ok(number) => Value::Number(number),
            Err(NumberFault::Shape) => self.wrong(node, ty, path, false, "", None),
            Err(NumberFault::TooLarge) => {
                let help = Some(format!(
                    "exact numbers have at most 29 digits; the largest is {}",
                    rust_decimal::Decimal::MAX
                ));
                let extra = " (too large for an exact number)";
                self.wrong(node, ty, path, false, extra, help)
            }
            Err(NumberFault::TooPrecise) => {
                let help = Some(
                    "exact numbers have at most 28 significant digits and 28 decimal places, and are never rounded: write the number with fewer digits".to_string(),
                );
                let extra = " (more digits than an exact number holds)";
                self.wrong(node, ty, path, false, extra, help)
            }
        }
    }

    fn money(
        &mut self,
        result: Result<rust_decimal::Decimal, NumberFault>,
        currency: crate::value::Currency,
        node: &Node,
        ty: &Type,
        path: &Path,
    ) -> Value {
        match self.number(result, node, ty, path) {
            Value::Number(amount) => Value::Money(crate::value::Money::new(currency, amount)),
            other => other,
        }
    }

    fn enum_value(&mut self, id: u32, text: &str, path: &Path) -> Value {
        let Some(enumeration) = self.model.enums.get(id as usize) else {
            return Value::UNKNOWN;
        };
        let index = enumeration.values.iter().position(|v| v == text);
        if let Some(index) = index.and_then(|i| u32::try_from(i).ok()) {
            return Value::Enum(id, index);
        }
        let alternatives = name_list(enumeration.values.iter().map(String::as_str));
        let help =
            match crate::suggest::closest(text, enumeration.values.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("write one of {alternatives}"),
            };
        let message = format!("{path}: `{text}` is not one of {alternatives}");
        self.push_at(
            ProblemKind::NotInEnum,
            path.clone(),
            Target::Value,
            Some(text.to_string()),
            message,
            "not one of the alternatives".to_string(),
            Some(help),
        );
        Value::UNKNOWN
    }

    fn record(
        &mut self,
        entries: &[(String, Node)],
        id: RecordId,
        path: &Path,
        event: bool,
    ) -> Value {
        let model = self.model;
        let Some(record) = model.records.get(id as usize) else {
            return Value::UNKNOWN;
        };
        let mut values = vec![Value::UNKNOWN; record.fields.len()];
        let mut given = vec![false; record.fields.len()];
        for (nth, key, node) in numbered(entries) {
            let field_path = path.key_nth(key, nth);
            if nth > 0 {
                self.duplicate(&field_path, "field");
                continue;
            }
            let Some(i) = record.fields.iter().position(|f| f.name == key) else {
                self.unknown_field(key, path, &field_path, id, event);
                continue;
            };
            if let Some(field) = record.fields.get(i) {
                if matches!(node, Node::Null) && field.default.is_some() {
                    // `null` for a field with a default: its default, below.
                    continue;
                }
                self.fields_at.push(i as u32);
                let value = self.value(node, &field.ty, &field_path, field.optional, false);
                self.fields_at.pop();
                if let Some(slot) = values.get_mut(i) {
                    *slot = value;
                }
            }
            if let Some(flag) = given.get_mut(i) {
                *flag = true;
            }
        }
        for (index, (field, given)) in record.fields.iter().zip(&given).enumerate() {
            if let (false, Some(default), Some(slot)) =
                (given, &field.default, values.get_mut(index))
            {
                *slot = default.clone();
                self.took_default(index as u32, path);
            }
        }
        for (field, given) in record.fields.iter().zip(given) {
            if !given && !field.optional && field.default.is_none() {
                let name = &field.name;
                let expected = form(model, &field.ty, self.format, false);
                self.push(
                    ProblemKind::MissingField,
                    path.clone(),
                    Target::Container,
                    format!(
                        "missing field `{}`{}",
                        path.key(name),
                        model.of_named_type(&record.name)
                    ),
                    format!("no `{name}` here"),
                    Some(format!("add `{name}` as {expected}")),
                );
            }
        }
        if event {
            self.check_event_order(record, &values, path);
        }
        Value::Record(values.into())
    }

    /// The value of a fact whose parts the policy fixes: the file's value
    /// where it gives one, the policy's elsewhere. A file value that differs
    /// from the policy's is reported, and the policy's stands.
    fn merge_fixed(
        &mut self,
        fact: &crate::model::FactInfo,
        fixed: &Value,
        given: &Value,
    ) -> Value {
        let (Value::Record(fixed_fields), Value::Record(given_fields)) = (fixed, given) else {
            return if given.is_known() {
                given.clone()
            } else {
                fixed.clone()
            };
        };
        let Type::Record(record) = &fact.field.ty else {
            return given.clone();
        };
        let names: Vec<String> = self
            .model
            .records
            .get(*record as usize)
            .map(|r| r.fields.iter().map(|f| f.name.clone()).collect())
            .unwrap_or_default();
        let mut merged = Vec::with_capacity(fixed_fields.len());
        for (i, fixed_value) in fixed_fields.iter().enumerate() {
            let given_value = given_fields.get(i).cloned().unwrap_or(Value::UNKNOWN);
            if (fixed_value.is_known() && given_value.is_known() && *fixed_value != given_value)
                || ranges::excludes(&given_value, fixed_value)
            {
                let name = names.get(i).map(String::as_str).unwrap_or("?");
                let path = Path::root().key(&fact.field.name).key(name);
                let shown = |v: &Value| match v {
                    Value::Date(d) => d.format("%Y-%m-%d").to_string(),
                    Value::Unknown(bounds) => ranges::bounds_text(bounds),
                    other => self.model.format_value(other),
                };
                let message = format!(
                    "{path}: the policy fixes it at {}, but the facts give {}",
                    shown(fixed_value),
                    shown(&given_value)
                );
                self.push(
                    ProblemKind::ContradictsPolicy,
                    path,
                    Target::Value,
                    message,
                    "contradicts the policy".to_string(),
                    Some(format!(
                        "leave `{name}` out, or give the date the policy's `event {}` declaration fixes",
                        fact.field.name
                    )),
                );
            }
            merged.push(if fixed_value.is_known() {
                fixed_value.clone()
            } else {
                given_value
            });
        }
        Value::Record(merged.into())
    }

    /// An event's closing date must not come before its opening date.
    fn check_event_order(
        &mut self,
        record: &crate::model::RecordType,
        values: &[Value],
        path: &Path,
    ) {
        // The range each date lies in: a day for a date given exactly.
        let range = |name: &str| {
            let i = record.fields.iter().position(|f| f.name == name)?;
            Some(values.get(i)?.range())
        };
        let day = |end: Option<crate::value::Scalar>| match end {
            Some(crate::value::Scalar::Date(date)) => Some(date),
            _ => None,
        };
        let (Some(opening), Some(closing)) = (range("opening"), range("closing")) else {
            return;
        };
        // The least day it may open on, the greatest it may close on.
        if let (Some(earliest_opening), Some(latest_closing)) = (day(opening.lo), day(closing.hi))
            && latest_closing < earliest_opening
        {
            let exact = |bounds: crate::value::Bounds| bounds.lo == bounds.hi;
            let at = |exact: bool, end: &str| {
                if exact {
                    String::new()
                } else {
                    format!(" at the {end}")
                }
            };
            let closes = format!("closes on {latest_closing}{}", at(exact(closing), "latest"));
            let opens = format!(
                "opens on {earliest_opening}{}",
                at(exact(opening), "earliest")
            );
            self.push(
                ProblemKind::EventOrder,
                path.key("closing"),
                Target::Value,
                format!("{path}: {closes}, before it {opens}"),
                "before the opening date".to_string(),
                Some(
                    "check the dates: `closing` is the event's last day, on or after `opening`"
                        .to_string(),
                ),
            );
        }
    }

    fn unknown_fact(&mut self, key: &str, path: &Path) {
        let names = self.model.facts.iter().map(|f| f.field.name.as_str());
        let help = match crate::suggest::closest(key, std::iter::once(AS_OF).chain(names.clone())) {
            Some(near) => format!("did you mean `{near}`?"),
            None if self.model.facts.is_empty() => {
                format!(
                    "this policy declares no facts; only `{AS_OF}`, the evaluation date, may be given"
                )
            }
            None => format!(
                "this policy declares the facts {}; `{AS_OF}` gives the evaluation date",
                name_list(names)
            ),
        };
        self.push(
            ProblemKind::UnknownFact,
            path.clone(),
            Target::Key,
            format!("unknown fact `{key}`"),
            "not a fact of this policy".to_string(),
            Some(help),
        );
    }

    fn unknown_field(
        &mut self,
        key: &str,
        record_path: &Path,
        path: &Path,
        id: RecordId,
        event: bool,
    ) {
        let model = self.model;
        let fields = model
            .records
            .get(id as usize)
            .map(|r| r.fields.as_slice())
            .unwrap_or(&[]);
        let named = model
            .records
            .get(id as usize)
            .map(|r| model.of_named_type(&r.name))
            .unwrap_or_default();
        let names = fields.iter().map(|f| f.name.as_str());
        let help = match crate::suggest::closest(key, names.clone()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if event => "an event has only the dates `opening` and `closing`".to_string(),
            None => format!("`{record_path}` has the fields {}", name_list(names)),
        };
        self.push(
            ProblemKind::UnknownField,
            path.clone(),
            Target::Key,
            format!("unknown field `{record_path}.{key}`{named}"),
            format!("not a field of `{record_path}`"),
            Some(help),
        );
    }

    fn duplicate(&mut self, path: &Path, what: &str) {
        self.push(
            ProblemKind::Duplicate,
            path.clone(),
            Target::Key,
            format!("duplicate {what} `{path}`"),
            "given again here".to_string(),
            Some(format!("a {what} has one value: remove one of the two")),
        );
    }

    /// Records a value of the wrong form; returns unknown for it.
    fn wrong(
        &mut self,
        node: &Node,
        ty: &Type,
        path: &Path,
        event: bool,
        extra: &str,
        help: Option<String>,
    ) -> Value {
        let model = self.model;
        let expected = form(model, ty, self.format, event);
        let found = found(node, self.format);
        let hint = match node {
            Node::String(s) => Some(s.clone()),
            _ => None,
        };
        let help = help.unwrap_or_else(|| match (ty, node) {
            (Type::Integer, Node::Float(_) | Node::Number(_)) => {
                "a whole number has no fractional part".to_string()
            }
            _ => how_to_write(model, ty, self.format, event),
        });
        self.push_at(
            ProblemKind::WrongType,
            path.clone(),
            Target::Value,
            hint,
            format!("{path}: expected {expected}, found {found}{extra}"),
            format!("expected {}", model.type_name(ty)),
            Some(help),
        );
        Value::UNKNOWN
    }

    /// A date written in another form than year-month-day, with the code
    /// it has in policies and on the command line.
    fn date_form(&mut self, text: &str, path: &Path, help: String) -> Value {
        self.push_at(
            ProblemKind::DateForm,
            path.clone(),
            Target::Value,
            Some(text.to_string()),
            format!(
                "{path}: `{}` is not a date: {}",
                crate::echo::shorten(text),
                super::date_form::DATE_FORM_REASON
            ),
            "not year-month-day".to_string(),
            Some(help),
        );
        Value::UNKNOWN
    }

    fn push(
        &mut self,
        kind: ProblemKind,
        at: Path,
        target: Target,
        message: String,
        label: String,
        help: Option<String>,
    ) {
        self.push_at(kind, at, target, None, message, label, help);
    }

    #[allow(clippy::too_many_arguments)]
    fn push_at(
        &mut self,
        kind: ProblemKind,
        at: Path,
        target: Target,
        hint: Option<String>,
        message: String,
        label: String,
        help: Option<String>,
    ) {
        self.problems.push(Pending {
            kind,
            at,
            target,
            hint,
            message,
            label,
            help,
        });
    }
}
