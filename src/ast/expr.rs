//! Expressions of the syntax tree: operators, literals, aggregates, scales
//! and the other forms an expression takes, as written.

use super::{DateLit, Ident, Path};
use crate::span::Span;

/// An expression with its span.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Where it stands.
    pub span: Span,
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `is` and `=`
    Equal,
    /// `is not` and `!=`
    NotEqual,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
    /// `before`
    Before,
    /// `on or before`
    OnOrBefore,
    /// `after`
    After,
    /// `on or after`
    OnOrAfter,
    /// `+`
    Add,
    /// `-`
    Subtract,
    /// `*`
    Multiply,
    /// `/`
    Divide,
    /// `of`: a rate or a scale applied to an amount.
    Of,
    /// `is in`: membership of a list.
    In,
    /// `is not in`.
    NotIn,
}

impl BinaryOp {
    /// The operator as a drafter writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Equal => "is",
            BinaryOp::NotEqual => "is not",
            BinaryOp::Less => "<",
            BinaryOp::LessOrEqual => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterOrEqual => ">=",
            BinaryOp::Before => "before",
            BinaryOp::OnOrBefore => "on or before",
            BinaryOp::After => "after",
            BinaryOp::OnOrAfter => "on or after",
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Of => "of",
            BinaryOp::In => "is in",
            BinaryOp::NotIn => "is not in",
        }
    }
}

/// The units of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    /// Calendar days.
    Days,
    /// Weeks of seven days.
    Weeks,
    /// Calendar months: the same day of another month.
    Months,
    /// Calendar years: the same day of another year.
    Years,
}

impl DurationUnit {
    /// The unit's name, plural.
    pub fn as_str(self) -> &'static str {
        match self {
            DurationUnit::Days => "days",
            DurationUnit::Weeks => "weeks",
            DurationUnit::Months => "months",
            DurationUnit::Years => "years",
        }
    }
}

/// Where a month or year step lands when the day it names does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// `rounded down`: the last day of the month (31 January + 1 month is 28 February).
    Down,
    /// `rounded up`: the first day of the next month (31 January + 1 month is 1 March).
    Up,
}

/// How an amount is rounded to a number of decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoundingMode {
    /// `half up`: to the nearest, a half away from zero (2.5 to 3, -2.5 to -3).
    HalfUp,
    /// `half even`: to the nearest, a half to the even neighbour (2.5 to 2, 3.5 to 4).
    HalfEven,
    /// `half down`: to the nearest, a half toward zero (2.5 to 2).
    HalfDown,
    /// `down`: toward negative infinity (2.7 to 2, -2.1 to -3).
    Down,
    /// `up`: toward positive infinity (2.1 to 3, -2.7 to -2).
    Up,
    /// `toward zero`: the digits beyond are dropped (2.7 to 2, -2.7 to -2).
    TowardZero,
}

impl RoundingMode {
    /// The mode as a drafter writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundingMode::HalfUp => "half up",
            RoundingMode::HalfEven => "half even",
            RoundingMode::HalfDown => "half down",
            RoundingMode::Down => "down",
            RoundingMode::Up => "up",
            RoundingMode::TowardZero => "toward zero",
        }
    }
}

/// What an aggregate computes over a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AggregateKind {
    /// `count x in L [where C]`: how many elements (that satisfy the filter).
    Count,
    /// `sum E for x in L [where C]`.
    Sum,
    /// `min E for x in L [where C]`.
    Min,
    /// `max E for x in L [where C]`.
    Max,
    /// `any x in L satisfies C`.
    Any,
    /// `every x in L satisfies C`.
    Every,
    /// `the x in L with the least K`: the element, not the key.
    Least,
    /// `the x in L with the greatest K`.
    Greatest,
}

impl AggregateKind {
    /// The keyword that starts it.
    pub fn as_str(self) -> &'static str {
        match self {
            AggregateKind::Count => "count",
            AggregateKind::Sum => "sum",
            AggregateKind::Min => "min",
            AggregateKind::Max => "max",
            AggregateKind::Any => "any",
            AggregateKind::Every => "every",
            AggregateKind::Least => "the ... with the least",
            AggregateKind::Greatest => "the ... with the greatest",
        }
    }
}

/// The two forms of rate scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScaleKind {
    /// `marginal rates`: each slice of the amount at its own rate.
    Marginal,
    /// `bracket table`: a base amount plus a rate on the excess over a threshold.
    Table,
}

/// Which part of a bracket a dated change replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BracketPart {
    /// The threshold.
    Over,
    /// A bracket table's base amount.
    Base,
    /// The rate.
    Rate,
}

/// `(from 2019-01-01: USD 9700)` after a part of a bracket: its value from a date.
#[derive(Debug, Clone)]
pub struct BracketChange {
    /// The part it replaces.
    pub part: BracketPart,
    /// The date it applies from.
    pub date: DateLit,
    /// The part's value from then.
    pub value: Expr,
}

/// One bracket of a scale as written: `over USD 9525: USD 952.50 plus 12%`.
#[derive(Debug, Clone)]
pub struct BracketDecl {
    /// The threshold the amount must pass.
    pub over: Expr,
    /// A bracket table's base amount.
    pub base: Option<Expr>,
    /// The rate.
    pub rate: Expr,
    /// The dated changes of its parts, in a scale that is a dated value.
    pub changes: Vec<BracketChange>,
    /// The whole bracket.
    pub span: Span,
}

/// One entry of a table written row by row.
#[derive(Debug, Clone)]
pub struct TableEntry {
    /// The enumeration value it is the entry of; `None` for `entry N`.
    pub value: Option<Ident>,
    /// For `entry N`: the position, as written.
    pub position: Option<(String, Span)>,
    /// The entry.
    pub expr: Expr,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Negate,
}

/// The expression forms.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// `true` or `false`.
    Bool(bool),
    /// A number as written, such as `30` or `0.5`.
    Number(String),
    /// A date as written.
    Date(String),
    /// A quoted string.
    Text(String),
    /// A name or dotted reference.
    Path(Path),
    /// A length of time: `30 days`, `1 month rounded down`.
    Duration {
        /// How many units, as written.
        amount: String,
        /// The unit.
        unit: DurationUnit,
        /// What to do when months or years land on a day that does not exist.
        rounding: Option<Rounding>,
    },
    /// `n months`, `(e.months) months rounded down`, `2 * n days`: a
    /// duration whose count is computed.
    DurationOf {
        /// The count: a whole number.
        count: Box<Expr>,
        /// The unit.
        unit: DurationUnit,
        /// What to do when months or years land on a day that does not exist.
        rounding: Option<Rounding>,
    },
    /// `f(a, b)`.
    Call {
        /// The function's name.
        function: Ident,
        /// Its arguments.
        args: Vec<Expr>,
    },
    /// `not a`, `-a`.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// Where the operator stands.
        op_span: Span,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `a and b`, `a before b`, ...
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Where the operator stands.
        op_span: Span,
        /// The left operand.
        left: Box<Expr>,
        /// The right operand.
        right: Box<Expr>,
    },
    /// `a and b and c`, or `a or b or c`: a chain of one logical operator,
    /// kept flat however long it is.
    Chain {
        /// [`BinaryOp::And`] or [`BinaryOp::Or`].
        op: BinaryOp,
        /// The operands, two or more, in order.
        operands: Vec<Expr>,
    },
    /// `X is none` and `X is not none`.
    IsNone {
        /// The value tested.
        operand: Box<Expr>,
        /// `is not none`.
        negated: bool,
    },
    /// `X or else EXPR`.
    OrElse {
        /// The value that may be none.
        value: Box<Expr>,
        /// What stands in for none.
        fallback: Box<Expr>,
    },
    /// `a is one of x, y` and `a is not one of x, y`.
    OneOf {
        /// The value tested.
        operand: Box<Expr>,
        /// `is not one of`.
        negated: bool,
        /// The enumeration values listed.
        values: Vec<Ident>,
    },
    /// `if c then a else b`.
    If {
        /// The condition.
        condition: Box<Expr>,
        /// The value when it holds.
        then: Box<Expr>,
        /// The value when it does not.
        otherwise: Box<Expr>,
    },
    /// `threshold as of filed`: a dated value as of another date.
    Lookup {
        /// The dated value.
        target: Path,
        /// The date it is looked up as of.
        date: Box<Expr>,
    },
    /// A percentage as written, without the `%`: `20` for `20%`.
    Percent(String),
    /// An amount of money: `USD 952.50`.
    Money {
        /// The currency code.
        currency: Ident,
        /// The amount as written.
        amount: String,
    },
    /// `EXPR rounded half up to the cent`.
    Round {
        /// The amount rounded.
        operand: Box<Expr>,
        /// How.
        mode: RoundingMode,
        /// To how many decimal places.
        places: u32,
        /// The rounding clause.
        clause: Span,
    },
    /// `count x in L where C`, `sum E for x in L`, `any x in L satisfies C`, ...
    Aggregate {
        /// What it computes.
        kind: AggregateKind,
        /// The name each element takes.
        binder: Ident,
        /// The list.
        list: Box<Expr>,
        /// The value summed or compared, or the condition of `any` and `every`.
        body: Option<Box<Expr>>,
        /// `where C`: only the elements that satisfy it count.
        filter: Option<Box<Expr>>,
        /// The binders after the first, each with its list, which may use
        /// the binders before it: `for a in members, x in a.incomes`.
        more: Vec<(Ident, Expr)>,
    },
    /// `the m in members with the least m.born where C, ties to the first`.
    Pick {
        /// The name each element takes.
        binder: Ident,
        /// The list.
        list: Box<Expr>,
        /// `greatest` rather than `least`.
        greatest: bool,
        /// The value compared.
        key: Box<Expr>,
        /// `where C`: only the elements that satisfy it are candidates.
        filter: Option<Box<Expr>>,
        /// `ties to the first` (`Some(false)`) or `to the last` (`Some(true)`);
        /// `None`: a tie is an error.
        ties_to_last: Option<bool>,
    },
    /// `[a, b, c]`, `[a, b, and so on]`.
    List {
        /// The elements, in order.
        items: Vec<Expr>,
        /// `and so on`: the last entry stands for every position after it.
        continues: bool,
        /// Where `and so on` stands, if it stands before the last item.
        misplaced_continues: Option<Span>,
    },
    /// `table[i]`: an entry of a list or table.
    Index {
        /// The list.
        list: Box<Expr>,
        /// The position, or the enumeration value.
        index: Box<Expr>,
    },
    /// `X is one of [a, b]` and `X is not one of [a, b]`.
    OneOfList {
        /// The value tested.
        operand: Box<Expr>,
        /// `is not one of`.
        negated: bool,
        /// The list literal.
        list: Box<Expr>,
    },
    /// `no limit`, as a dated value's entry.
    NoLimit,
    /// A table's entries one by one: `owner: 10%, tenant: 20%` or
    /// `entry 2: USD 7000`, as a dated value's entry.
    Rows(Vec<TableEntry>),
    /// `days from A to B within C to D`: the days both periods share.
    Overlap {
        /// The period's first day.
        from: Box<Expr>,
        /// The period's last day.
        to: Box<Expr>,
        /// The window's first day.
        window_from: Box<Expr>,
        /// The window's last day.
        window_to: Box<Expr>,
    },
    /// The days of several periods within a window, each day counted
    /// once: `days from a to b, from c to d within w to x`, or over a list,
    /// `days of p in periods from p.start to p.end within w to x`.
    Periods {
        /// `of p in periods`: the name each element takes, and the list.
        each: Option<(Ident, Box<Expr>)>,
        /// Each period's first and last day.
        periods: Vec<(Expr, Expr)>,
        /// The window's first day.
        window_from: Box<Expr>,
        /// The window's last day.
        window_to: Box<Expr>,
    },
    /// `marginal rates ... end` or `bracket table ... end`.
    Scale {
        /// Which form.
        kind: ScaleKind,
        /// The brackets, in order.
        brackets: Vec<BracketDecl>,
    },
    /// `reading scope is transmission_only`.
    ReadingIs {
        /// The reading.
        reading: Ident,
        /// `is not`.
        negated: bool,
        /// The alternative.
        alternative: Ident,
    },
}
