//! Types of the checked model: what a fact, a definition or a verdict holds.

use std::fmt;

/// An index into [`crate::model::Model::enums`].
pub type EnumId = u32;
/// An index into [`crate::model::Model::records`].
pub type RecordId = u32;

/// The type of a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    /// True or false.
    Bool,
    /// A whole number.
    Integer,
    /// An exact decimal number.
    Decimal,
    /// An amount of money in one currency.
    Money(crate::value::Currency),
    /// A calendar day.
    Date,
    /// Free text.
    Text,
    /// One of an enumeration's values.
    Enum(EnumId),
    /// A record with named fields.
    Record(RecordId),
    /// A list of values of one type.
    List(Box<Type>),
    /// A rate scale over amounts of the given type (money or numbers).
    Scale(Box<Type>),
    /// A value of the inner type, or none: a fact or field declared
    /// `TYPE or none`. Such a value is only tested (`X is none`) or given a
    /// fallback (`X or else EXPR`).
    OrNone(Box<Type>),
    /// The type of an expression that already failed to check; it fits
    /// everywhere, so that one mistake is reported once.
    Error,
}

impl Type {
    /// Whether values of this type are numbers.
    pub fn is_number(&self) -> bool {
        matches!(self, Type::Integer | Type::Decimal | Type::Error)
    }

    /// Whether values of this type can be ordered with `<`, `before`, `earliest`...
    pub fn is_ordered(&self) -> bool {
        matches!(
            self,
            Type::Integer | Type::Decimal | Type::Money(_) | Type::Date | Type::Error
        )
    }

    /// The type without `or none`: a record that may be none still has
    /// its fields.
    pub fn without_none(&self) -> &Type {
        match self {
            Type::OrNone(inner) => inner,
            other => other,
        }
    }

    /// Whether values of this type are numbers or amounts of money.
    pub fn is_amount(&self) -> bool {
        self.is_number() || matches!(self, Type::Money(_))
    }
}

/// An enumeration: a closed set of named values.
#[derive(Debug, Clone)]
pub struct EnumType {
    /// A name for messages, such as `measure.kind` or `the status of a prohibition`.
    pub name: String,
    /// The values, in declaration order.
    pub values: Vec<String>,
    /// How each value reads in English sentences, where the policy says
    /// (`customs_duty "customs duty"`), by the value's index; empty for an
    /// enumeration none of whose values is described. Its French and
    /// Spanish are in the model's translations.
    pub descriptions: Vec<Option<String>>,
}

impl EnumType {
    /// How a value reads in English sentences, if the policy says.
    pub fn description(&self, index: u32) -> Option<&str> {
        self.descriptions.get(index as usize)?.as_deref()
    }
}

/// A record type: named fields, each with a type and whether it may be absent.
#[derive(Debug, Clone)]
pub struct RecordType {
    /// A name for messages, such as `measure` or `an event`.
    pub name: String,
    /// The fields, in declaration order.
    pub fields: Vec<Field>,
}

/// A field of a record type, or a top-level fact.
#[derive(Debug, Clone)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// What it is, in words.
    pub description: Option<String>,
    /// Its type.
    pub ty: Type,
    /// Whether a facts file may leave it out (it is then unknown).
    pub optional: bool,
    /// The value it takes when a facts file leaves it out (`default VALUE`):
    /// it is then never unknown.
    pub default: Option<crate::value::Value>,
}

/// A type as a drafter declares it in a policy: `date`, `money in EUR`,
/// `one of a, b`, `date or none`; for messages that say what to declare.
pub fn declared_type(ty: &Type, enums: &[EnumType]) -> String {
    match ty {
        Type::Bool => String::from("boolean"),
        Type::Integer => String::from("integer"),
        Type::Decimal => String::from("decimal"),
        Type::Money(currency) => format!("money in {currency}"),
        Type::Date => String::from("date"),
        Type::Text => String::from("text"),
        Type::Enum(id) => match enums.get(*id as usize) {
            Some(e) => format!("one of {}", e.values.join(", ")),
            None => String::from("one of ..."),
        },
        Type::Record(_) => String::from("record ... end"),
        Type::List(inner) => format!("list of {}", declared_type(inner, enums)),
        Type::Scale(_) => String::from("a rate scale"),
        Type::OrNone(inner) => format!("{} or none", declared_type(inner, enums)),
        Type::Error => String::from("its type"),
    }
}

/// Type names as they appear in messages: "a date", "a number".
pub struct TypeName<'a> {
    pub(crate) ty: &'a Type,
    pub(crate) enums: &'a [EnumType],
    pub(crate) records: &'a [RecordType],
}

impl fmt::Display for TypeName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ty {
            Type::Bool => write!(f, "true or false"),
            Type::Integer => write!(f, "a whole number"),
            Type::Decimal => write!(f, "a decimal number"),
            Type::Money(currency) => write!(f, "an amount in {currency}"),
            Type::Date => write!(f, "a date"),
            Type::Text => write!(f, "text"),
            Type::Enum(id) => match self.enums.get(*id as usize) {
                Some(e) => write!(f, "one of {}", e.values.join(", ")),
                None => write!(f, "an enumeration value"),
            },
            Type::Record(id) => match self.records.get(*id as usize) {
                Some(r) => write!(f, "a record ({})", r.name),
                None => write!(f, "a record"),
            },
            Type::List(inner) => write!(
                f,
                "a list of {}",
                TypeName {
                    ty: inner,
                    enums: self.enums,
                    records: self.records
                }
            ),
            Type::Scale(amounts) => write!(
                f,
                "a rate scale over {}",
                TypeName {
                    ty: amounts,
                    enums: self.enums,
                    records: self.records
                }
            ),
            Type::OrNone(inner) => write!(
                f,
                "{} or none",
                TypeName {
                    ty: inner,
                    enums: self.enums,
                    records: self.records
                }
            ),
            Type::Error => write!(f, "anything"),
        }
    }
}
