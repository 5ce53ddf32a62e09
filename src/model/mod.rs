//! The checked model: a policy with every name resolved to an index and every
//! expression typed. Evaluation works on this alone, never on names.

pub mod amend;
pub mod calendar;
pub mod expr;
pub mod remap;
pub mod scale;
pub mod template;
pub mod translations;
pub mod types;
pub mod used;

use chrono::NaiveDate;

pub use expr::{Expr, ExprKind};
pub use template::{Template, TemplatePart};
pub use types::{EnumId, EnumType, Field, RecordId, RecordType, Type, TypeName};

use crate::ast::DeonticKind;
use crate::span::{SourceFile, Span};

/// An index into [`Model::facts`].
pub type FactId = u32;
/// An index into [`Model::readings`].
pub type ReadingId = u32;
/// An index into [`Model::provisions`].
pub type ProvisionId = u32;
/// An index into [`Model::definitions`].
pub type DefinitionId = u32;
/// An index into [`Model::exceptions`].
pub type ExceptionId = u32;
/// An index into [`Model::deontics`].
pub type DeonticId = u32;
/// An index into [`Model::verdicts`].
pub type VerdictId = u32;
/// An index into [`Model::parameters`].
pub type ParameterId = u32;
/// An index into [`Model::assumptions`].
pub type AssumptionId = u32;

/// A checked policy, ready to evaluate.
#[derive(Debug, Clone)]
pub struct Model {
    /// The policy file it was checked from.
    pub source: SourceFile,
    /// The instrument the policy encodes.
    pub instrument: InstrumentInfo,
    /// The facts an analyst supplies; events are facts of an event record type.
    pub facts: Vec<FactInfo>,
    /// The types declared with `type`, in file order.
    pub types: Vec<TypeInfo>,
    /// Every enumeration type, declared or built in.
    pub enums: Vec<EnumType>,
    /// Every record type, declared or built in.
    pub records: Vec<RecordType>,
    /// The readings of ambiguous words.
    pub readings: Vec<ReadingInfo>,
    /// The provisions, in file order.
    pub provisions: Vec<ProvisionInfo>,
    /// The definitions of every provision.
    pub definitions: Vec<DefinitionInfo>,
    /// The exceptions of every provision.
    pub exceptions: Vec<ExceptionInfo>,
    /// The deontic rules of every provision.
    pub deontics: Vec<DeonticInfo>,
    /// The dated values of every provision.
    pub parameters: Vec<ParameterInfo>,
    /// The rate scales the policy writes, which [`crate::value::Value::Scale`] indexes.
    pub scales: Vec<scale::Scale>,
    /// The verdicts, in file order.
    pub verdicts: Vec<VerdictInfo>,
    /// What the rules take for granted of the facts, in file order.
    pub assumptions: Vec<AssumptionInfo>,
    /// The policies merged in by `use`, and those they use in turn.
    pub used: Vec<used::UsedPolicy>,
    /// For a policy that amends another: its versions and their changes.
    pub amended: Option<Box<amend::Amended>>,
    /// Its sentences in French and Spanish, where it gives them.
    pub translations: translations::Translations,
}

impl Model {
    /// A type's name as messages write it.
    pub fn type_name<'a>(&'a self, ty: &'a Type) -> TypeName<'a> {
        TypeName {
            ty,
            enums: &self.enums,
            records: &self.records,
        }
    }

    /// The name of an enumeration value.
    pub fn enum_value_name(&self, id: EnumId, index: u32) -> &str {
        self.enums
            .get(id as usize)
            .and_then(|e| e.values.get(index as usize))
            .map(String::as_str)
            .unwrap_or("?")
    }

    /// For messages about a record of a named type: " of a person (a
    /// member of the household)"; empty for a record declared in place.
    pub fn of_named_type(&self, record_name: &str) -> String {
        self.types
            .iter()
            .find(|t| t.name == record_name && matches!(t.ty, Type::Record(_)))
            .map(|t| match &t.description {
                Some(d) => format!(" of a {} ({d})", t.name),
                None => format!(" of a {}", t.name),
            })
            .unwrap_or_default()
    }

    /// Finds a verdict by name.
    pub fn verdict_named(&self, name: &str) -> Option<VerdictId> {
        self.verdicts
            .iter()
            .position(|v| v.name == name)
            .map(|i| i as VerdictId)
    }

    /// Finds a reading by name.
    pub fn reading_named(&self, name: &str) -> Option<ReadingId> {
        self.readings
            .iter()
            .position(|r| r.name == name)
            .map(|i| i as ReadingId)
    }
}

/// The instrument header.
#[derive(Debug, Clone, Default)]
pub struct InstrumentInfo {
    /// Its title.
    pub title: String,
    /// Its document symbol.
    pub symbol: Option<String>,
    /// The day it was adopted.
    pub adopted: Option<NaiveDate>,
    /// When it is in force; `None`: on every date.
    pub in_force: Option<Period>,
    /// The date of its scenarios that give none (`scenarios as of DATE`),
    /// after their own `as_of` and `provisio test --at`.
    pub scenarios_as_of: Option<NaiveDate>,
}

/// A period in force: from a first day, until a last day or the day before an end.
#[derive(Debug, Clone)]
pub struct Period {
    /// The first day in force; `None`: no start.
    pub from: Option<Expr>,
    /// The day it ends; `None`: no end.
    pub until: Option<Expr>,
    /// Whether the `until` day is itself in force.
    pub until_inclusive: bool,
    /// The clause, in the policy file.
    pub span: Span,
}

/// A fact the analyst supplies.
#[derive(Debug, Clone)]
pub struct FactInfo {
    /// Its name and type, and whether it may be left out.
    pub field: Field,
    /// Whether it was declared with `event`.
    pub is_event: bool,
    /// What the policy itself fixes of the fact, such as an event's dates
    /// written in its declaration: a facts file may repeat these values but
    /// not contradict them, and they stand where the file is silent.
    pub fixed: Option<crate::value::Value>,
    /// Where it was declared.
    pub span: Span,
}

/// A type declared with `type`: `type person "a member of the household": record ... end`.
#[derive(Debug, Clone)]
pub struct TypeInfo {
    /// Its name.
    pub name: String,
    /// What its values are, in words.
    pub description: Option<String>,
    /// The type it names.
    pub ty: Type,
    /// Where its name stands.
    pub span: Span,
}

/// A parameter of a definition: `p: person` in `define age(p: person) = ...`.
#[derive(Debug, Clone)]
pub struct ParamInfo {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// Where its name stands.
    pub span: Span,
}

/// A reading of an ambiguous phrase.
#[derive(Debug, Clone)]
pub struct ReadingInfo {
    /// Its name.
    pub name: String,
    /// What is ambiguous, in words.
    pub description: Option<String>,
    /// The ways to read it.
    pub alternatives: Vec<AlternativeInfo>,
    /// The index of the default alternative.
    pub default: u32,
    /// Where it was declared.
    pub span: Span,
}

/// One way to read an ambiguous phrase.
#[derive(Debug, Clone)]
pub struct AlternativeInfo {
    /// Its name.
    pub name: String,
    /// What this reading means.
    pub sentence: Option<String>,
}

/// A provision of the instrument.
#[derive(Debug, Clone)]
pub struct ProvisionInfo {
    /// Its name, such as `para5`.
    pub name: String,
    /// Its heading.
    pub heading: Option<String>,
    /// Its verbatim text, white space folded to single spaces.
    pub text: String,
    /// When it is in force, beyond the instrument's own period; `None`: with the instrument.
    pub in_force: Option<Period>,
    /// Where it was declared.
    pub span: Span,
    /// For a used policy's provision, its index in [`Model::used`];
    /// `None`: this policy's own.
    pub instrument: Option<u32>,
}

/// A named value inside a provision.
#[derive(Debug, Clone)]
pub struct DefinitionInfo {
    /// Its name.
    pub name: String,
    /// The provision it belongs to.
    pub provision: ProvisionId,
    /// What it means, in words.
    pub description: Option<String>,
    /// Its parameters: a definition that has some is called with
    /// arguments (`age(m)`), which its body sees in the first slots of
    /// [`ExprKind::Bound`], and is computed anew for each call.
    pub params: Vec<ParamInfo>,
    /// Its type.
    pub ty: Type,
    /// Its value, or its default value when exceptions override it.
    pub body: Expr,
    /// The exceptions that override the body directly.
    pub exceptions: Vec<ExceptionId>,
    /// The phrase of the provision it encodes.
    pub cites: Option<String>,
    /// Where its name stands.
    pub span: Span,
}

/// An exception to a definition or to another exception.
#[derive(Debug, Clone)]
pub struct ExceptionInfo {
    /// Its name, if it has one.
    pub name: Option<String>,
    /// The provision it belongs to.
    pub provision: ProvisionId,
    /// The definition it ultimately overrides.
    pub definition: DefinitionId,
    /// The exception it overrides, when it overrides another exception
    /// rather than the definition itself.
    pub overrides: Option<ExceptionId>,
    /// When it applies.
    pub condition: Expr,
    /// The value it gives.
    pub value: Expr,
    /// The exceptions that override this one.
    pub exceptions: Vec<ExceptionId>,
    /// The phrase of the provision it encodes.
    pub cites: Option<String>,
    /// The whole exception.
    pub span: Span,
}

/// A dated value: a history of values, each from a date on.
#[derive(Debug, Clone)]
pub struct ParameterInfo {
    /// Its name.
    pub name: String,
    /// The provision it belongs to.
    pub provision: ProvisionId,
    /// What it is, in words.
    pub description: Option<String>,
    /// Its type.
    pub ty: Type,
    /// Each date it changes on, in order, and its value from then; `None`:
    /// it has no value from then on.
    pub history: Vec<(NaiveDate, Option<crate::value::Value>)>,
    /// For a table: whether its last entry stands for every position after
    /// it (`and so on`), so that a lookup past the end gives it.
    pub continues: bool,
    /// The phrase of the provision it encodes.
    pub cites: Option<String>,
    /// Where its name stands.
    pub span: Span,
}

impl ParameterInfo {
    /// The value on a date: `Ok(Some(value))`; `Ok(None)` when it has
    /// ended; `Err(first)` before its first date.
    pub fn on(&self, date: NaiveDate) -> Result<Option<&crate::value::Value>, NaiveDate> {
        let first = self.history.first().map_or(date, |(d, _)| *d);
        match self.history.iter().rev().find(|(from, _)| *from <= date) {
            Some((_, value)) => Ok(value.as_ref()),
            None => Err(first),
        }
    }
}

/// A prohibition, obligation, permission or commitment.
#[derive(Debug, Clone)]
pub struct DeonticInfo {
    /// Which kind of rule.
    pub kind: DeonticKind,
    /// Its name.
    pub name: String,
    /// The provision it belongs to.
    pub provision: ProvisionId,
    /// Whom it binds.
    pub binds: String,
    /// The action it concerns.
    pub action: String,
    /// While it holds; `None`: always.
    pub while_: Option<Expr>,
    /// Which measures it covers; `None`: all.
    pub when: Option<Expr>,
    /// The phrase it cites.
    pub cites: Option<String>,
    /// The enumeration of its statuses (see [`deontic_statuses`]).
    pub status: EnumId,
    /// The keyword and name.
    pub span: Span,
}

/// The statuses a deontic rule gives a described measure, in the order
/// (applies and holds, applies but does not hold, does not apply).
pub fn deontic_statuses(kind: DeonticKind) -> [&'static str; 3] {
    match kind {
        DeonticKind::Prohibition => ["prohibited", "permitted", "outside_scope"],
        DeonticKind::Obligation => ["required", "not_required", "outside_scope"],
        DeonticKind::Permission => ["permitted", "not_permitted", "outside_scope"],
        DeonticKind::Commitment => ["committed", "not_committed", "outside_scope"],
    }
}

/// A named output.
#[derive(Debug, Clone)]
pub struct VerdictInfo {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// What computes it.
    pub body: Expr,
    /// Its sentence.
    pub template: Template,
    /// The provisions whose rules it names: it applies only while they are in force.
    pub provisions: Vec<ProvisionId>,
    /// For a verdict given once per element of a list: the list and the
    /// key; its body and sentence read the element in slot 0.
    pub for_each: Option<ForEach>,
    /// Where it was declared.
    pub span: Span,
}

/// An assumption about the facts: a condition every evaluation checks.
/// Facts that break it are a facts problem; facts that leave it open are
/// noted beside the verdicts.
#[derive(Debug, Clone)]
pub struct AssumptionInfo {
    /// Its name, if it has one.
    pub name: Option<String>,
    /// The sentence that says what is assumed.
    pub sentence: String,
    /// The condition, a boolean.
    pub condition: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// `for each m in members keyed by m.name`: a verdict given once per element.
#[derive(Debug, Clone)]
pub struct ForEach {
    /// The name each element takes, as the policy writes it.
    pub binder: String,
    /// The list.
    pub list: Expr,
    /// What names each element's outcome: text, a whole number, a date or
    /// an enumeration value, read with the element in slot 0.
    pub key: Expr,
    /// The clause, in the policy file.
    pub span: Span,
}

impl Model {
    /// A value as messages and JSON write it: dates `YYYY-MM-DD`, enumeration
    /// values by name, unknown values as `unknown`.
    pub fn format_value(&self, value: &crate::value::Value) -> String {
        use crate::value::Value;
        match value {
            v if v.is_no_limit() => String::from("no limit"),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.normalize().to_string(),
            Value::Money(m) => m.to_string(),
            Value::Scale(id) => self
                .scales
                .get(*id as usize)
                .map(crate::words::scale_words)
                .unwrap_or_default(),
            Value::Computed(scale) => crate::words::scale_words(scale),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Text(t) => format!("{t:?}"),
            Value::Enum(id, index) => self.enum_value_name(*id, *index).to_string(),
            Value::Record(fields) => {
                let parts: Vec<String> = fields.iter().map(|f| self.format_value(f)).collect();
                format!("({})", parts.join(", "))
            }
            Value::List(items) => {
                let parts: Vec<String> = items.iter().map(|f| self.format_value(f)).collect();
                format!("[{}]", parts.join(", "))
            }
            Value::Unknown(_) => String::from("unknown"),
            Value::None => String::from("none"),
            Value::Among(values) => {
                let parts: Vec<String> = values.iter().map(|v| self.format_value(v)).collect();
                format!("one of {}", parts.join(", "))
            }
        }
    }

    /// The type of a fact, or of a field inside it.
    pub fn fact_type(&self, fact: FactId, fields: &[u32]) -> Option<&Type> {
        let mut ty = &self.facts.get(fact as usize)?.field.ty;
        for index in fields {
            ty = match ty.without_none() {
                Type::Record(record) => {
                    &self
                        .records
                        .get(*record as usize)?
                        .fields
                        .get(*index as usize)?
                        .ty
                }
                _ => return None,
            };
        }
        Some(ty)
    }

    /// The dotted path of a fact and fields inside it, such as `mc14.opening`.
    pub fn fact_path(&self, fact: FactId, fields: &[u32]) -> String {
        let Some(info) = self.facts.get(fact as usize) else {
            return String::new();
        };
        let mut path = info.field.name.clone();
        let mut ty = &info.field.ty;
        for index in fields {
            let field = match ty.without_none() {
                Type::Record(record) => self
                    .records
                    .get(*record as usize)
                    .and_then(|r| r.fields.get(*index as usize)),
                _ => None,
            };
            match field {
                Some(field) => {
                    path.push('.');
                    path.push_str(&field.name);
                    ty = &field.ty;
                }
                None => break,
            }
        }
        path
    }
}
