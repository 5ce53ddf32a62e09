//! Policies built by the `arbitrary` crate from the forms of the grammar
//! (`grammar/provisio.pest`), for the `policy_structured` target.
//!
//! A byte-level fuzzer mutates a few bytes at a time and keeps inputs of a
//! few kilobytes, so it never writes an expression nested five thousand
//! levels deep or a chain of ten thousand definitions. Here a few bytes of
//! input choose a form and how many times to repeat it: every nesting form
//! of the grammar (parentheses, `if`, `not`, unary minus, aggregates, `of`,
//! `as of`, `days from ... within`, scales, calls, postfix tests, chains of
//! operators; records and lists in types), long chains of definitions and
//! of exceptions, and many items of each kind.
//!
//! Every policy starts with the same facts, a parameter and a reading, so
//! that the names the forms use exist and many policies check and go on to
//! evaluation, explanation and rendering.

use std::fmt::Write as _;

use arbitrary::Arbitrary;

/// The declarations every generated policy starts with.
const PRELUDE: &str = r#"instrument "Generated" adopted 2020-01-01 in force from adoption
fact n "a number": integer
fact q "a decimal": optional decimal
fact d "a date": date
fact m "an amount": money in USD
fact b "a condition": optional boolean
fact t "a text": text
fact k "a kind": one of alpha, beta, gamma
fact xs "the items": list of record
  n "its number": integer
  d "its date": optional date
  b "its condition": boolean
end
event ev "an event"
reading r "a word" narrow (default) "the narrow sense" wide "the wide sense"
provision base "The base"
  text "The base provision."
  parameter rate "a rate": decimal
    from 2000-01-01: 0.1
    from 2025-01-01: 0.2
  define limit "the limit" = USD 100
"#;

/// The longest text generated, in bytes: forms that multiply (a chain of
/// chains, a repeated chain of definitions) stop growing past it.
const MAX_TEXT: usize = 2 << 20;

/// The most copies of one item that [`Item::Repeated`] writes.
const MAX_COPIES: usize = 10_000;

/// A whole policy: the prelude, then generated items.
#[derive(Debug, Arbitrary)]
pub struct PolicySpec {
    items: Vec<Item>,
}

impl PolicySpec {
    /// The policy's text.
    pub fn to_text(&self) -> String {
        let mut out = String::from(PRELUDE);
        for (index, item) in self.items.iter().enumerate() {
            item.write(&mut out, index);
        }
        out
    }
}

/// How many times to repeat a form: most often a few, sometimes thousands,
/// up to 60,000, past the depth at which any recursion without a bound
/// exhausts a thread's stack (2,000 to 12,000 levels for the nesting forms
/// that did, 40,000 links for a chain of exceptions under AddressSanitizer).
#[derive(Debug, Arbitrary, Clone, Copy)]
pub enum Count {
    /// 0 to 255.
    Few(u8),
    /// 0 to 65,535, capped at 60,000.
    Many(u16),
}

impl Count {
    fn get(self) -> usize {
        match self {
            Count::Few(n) => usize::from(n),
            Count::Many(n) => usize::from(n).min(60_000),
        }
    }
}

/// One top-level item.
#[derive(Debug, Arbitrary)]
enum Item {
    /// A fact of a generated type.
    Fact(Type),
    /// A provision with rules.
    Provision(Vec<Rule>, Option<Expr>),
    /// A verdict of an expression, with or without a declared type.
    Verdict(Expr, Option<Type>, Says),
    /// `define c0 = n`, `define c1 = c0 + 1`, ..., and a verdict of the last.
    DefinitionChain(Count, ChainStep),
    /// Many exceptions to one definition, each to the one before.
    ExceptionChain(Count),
    /// The same item, many times, under numbered names.
    Repeated(Count, Box<Item>),
    /// A reading with many alternatives.
    Reading(Count),
    /// An event with its dates.
    Event(Option<Date>, Option<Date>),
}

impl Item {
    fn write(&self, out: &mut String, index: usize) {
        match self {
            Item::Fact(ty) => {
                let _ = write!(out, "fact f{index} \"a fact\": ");
                ty.write(out);
                out.push('\n');
            }
            Item::Provision(rules, in_force) => {
                let _ = writeln!(out, "provision p{index} \"A provision\"");
                out.push_str("  text \"The provision's text, cited.\"\n");
                if let Some(expr) = in_force {
                    out.push_str("  in force from 2020-01-01 until ");
                    expr.write(out);
                    out.push_str(" exclusive\n");
                }
                for (rule_index, rule) in rules.iter().enumerate() {
                    rule.write(out, index, rule_index);
                }
            }
            Item::Verdict(expr, ty, says) => {
                let _ = write!(out, "verdict v{index}");
                if let Some(ty) = ty {
                    out.push_str(": ");
                    ty.write(out);
                }
                out.push_str(" = ");
                expr.write(out);
                says.write(out);
                out.push('\n');
            }
            Item::DefinitionChain(count, step) => {
                let length = count.get().max(1);
                let _ = writeln!(out, "provision chain{index} \"A chain\"");
                out.push_str("  text \"Each value is the one before, changed.\"\n");
                out.push_str("  define c0 = n\n");
                for link in 1..length {
                    let _ = writeln!(out, "  define c{link} = {}", step.text(link - 1));
                }
                let _ = writeln!(
                    out,
                    "verdict chain_end{index} = chain{index}.c{}",
                    length - 1
                );
            }
            Item::ExceptionChain(count) => {
                let _ = writeln!(out, "provision ex{index} \"Exceptions\"");
                out.push_str("  text \"Each exception overrides the one before.\"\n");
                out.push_str("  define value by default 0\n");
                out.push_str("  exception e0 to value when n > 0 then 1\n");
                for link in 1..count.get().max(1) {
                    let _ = writeln!(
                        out,
                        "  exception e{link} to e{} when n > {link} then {link}",
                        link - 1
                    );
                }
                let _ = writeln!(out, "verdict ex_value{index} = ex{index}.value");
            }
            Item::Repeated(count, item) => {
                // A repeated repetition would multiply; one level is enough.
                if matches!(**item, Item::Repeated(..)) {
                    return;
                }
                // Thousands of items are plenty; tens of thousands only
                // make each run slow enough to pass for a hang.
                for copy in 0..count.get().min(MAX_COPIES) {
                    if out.len() > MAX_TEXT {
                        break;
                    }
                    item.write(out, index * 100_000 + copy);
                }
            }
            Item::Reading(count) => {
                let _ = write!(
                    out,
                    "reading r{index} \"a phrase\" a0 (default) \"sense 0\""
                );
                for alternative in 1..count.get().max(2) {
                    let _ = write!(out, " a{alternative} \"sense {alternative}\"");
                }
                out.push('\n');
            }
            Item::Event(opening, closing) => {
                let _ = write!(out, "event e{index} \"an event\"");
                if let Some(date) = opening {
                    out.push_str(" opening ");
                    date.write(out);
                }
                if let Some(date) = closing {
                    out.push_str(" closing ");
                    date.write(out);
                }
                out.push('\n');
            }
        }
    }
}

/// How each link of a chain of definitions uses the one before.
#[derive(Debug, Arbitrary, Clone, Copy)]
enum ChainStep {
    Plus,
    Compare,
    Condition,
    Earliest,
}

impl ChainStep {
    fn text(self, previous: usize) -> String {
        match self {
            ChainStep::Plus => format!("c{previous} + 1"),
            ChainStep::Compare => format!("if c{previous} > 0 then c{previous} else 1"),
            ChainStep::Condition => format!("c{previous} * 2 - c{previous}"),
            ChainStep::Earliest => format!("c{previous} + n"),
        }
    }
}

/// A rule inside a provision.
#[derive(Debug, Arbitrary)]
enum Rule {
    Define(Expr, Option<Type>, bool),
    Parameter(Count, Expr),
    Exception(Expr, Expr),
    Deontic(u8, Option<Expr>, Option<Expr>),
}

impl Rule {
    fn write(&self, out: &mut String, provision: usize, index: usize) {
        match self {
            Rule::Define(expr, ty, by_default) => {
                let _ = write!(out, "  define x{index} \"a value\"");
                if let Some(ty) = ty {
                    out.push_str(": ");
                    ty.write(out);
                }
                out.push_str(if *by_default { " by default " } else { " = " });
                expr.write(out);
                out.push_str(" cites \"cited\"\n");
            }
            Rule::Parameter(count, value) => {
                let _ = writeln!(out, "  parameter h{index} \"a history\"");
                let entries = count.get().max(1);
                for entry in 0..entries {
                    // Dates in order, one a day from 2000-01-01.
                    let day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
                        .and_then(|d| d.checked_add_days(chrono::Days::new(entry as u64)))
                        .unwrap_or_default();
                    let _ = write!(out, "    from {day}: ");
                    if entry % 3 == 2 {
                        out.push_str("none");
                    } else {
                        value.write(out);
                    }
                    out.push('\n');
                }
            }
            Rule::Exception(when, then) => {
                let _ = write!(out, "  exception y{index} to p{provision}.x0 when ");
                when.write(out);
                out.push_str(" then ");
                then.write(out);
                out.push('\n');
            }
            Rule::Deontic(kind, when, during) => {
                let kind = ["prohibition", "obligation", "permission", "commitment"]
                    [usize::from(*kind) % 4];
                let _ = write!(out, "  {kind} z{index} binds \"a party\" action \"an act\"");
                if let Some(expr) = during {
                    out.push_str(" while ");
                    expr.write(out);
                }
                if let Some(expr) = when {
                    out.push_str(" when ");
                    expr.write(out);
                }
                out.push('\n');
            }
        }
    }
}

/// A verdict's sentence, with placeholders.
#[derive(Debug, Arbitrary)]
enum Says {
    None,
    Choice,
    Value(Count),
}

impl Says {
    fn write(&self, out: &mut String) {
        match self {
            Says::None => {}
            Says::Choice => out.push_str(" says \"It {is|is not|may be} so on {as_of}.\""),
            Says::Value(count) => {
                out.push_str(" says \"");
                for _ in 0..count.get() {
                    out.push_str("{value} ");
                }
                out.push('"');
            }
        }
    }
}

/// A date literal from a day number, so that dates before, inside and after
/// the in-force ranges and the ends of the calendar all come up.
#[derive(Debug, Arbitrary, Clone, Copy)]
enum Date {
    Near(u16),
    Any(u32),
}

impl Date {
    fn write(self, out: &mut String) {
        let text = match self {
            Date::Near(days) => chrono::NaiveDate::from_ymd_opt(2015, 1, 1)
                .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(days))))
                .map(|d| d.to_string()),
            Date::Any(raw) => {
                let year = raw % 10_000;
                let month = (raw / 10_000) % 13;
                let day = (raw / 130_000) % 32;
                Some(format!("{year:04}-{month:02}-{day:02}"))
            }
        };
        out.push_str(&text.unwrap_or_else(|| String::from("2025-01-01")));
    }
}

/// A type, possibly nested.
#[derive(Debug, Arbitrary)]
enum Type {
    Scalar(u8),
    Money,
    Enum(Count),
    List(Box<Type>),
    Record(Vec<Type>),
    Optional(Box<Type>),
    /// `list of` repeated.
    DeepList(Count),
    /// `record a: record a: ... end end` repeated.
    DeepRecord(Count),
    /// A record with many fields.
    WideRecord(Count),
}

impl Type {
    fn write(&self, out: &mut String) {
        match self {
            Type::Scalar(kind) => out.push_str(
                ["boolean", "integer", "decimal", "date", "text"][usize::from(*kind) % 5],
            ),
            Type::Money => out.push_str("money in USD"),
            Type::Enum(count) => {
                out.push_str("one of w0");
                for value in 1..count.get() {
                    let _ = write!(out, ", w{value}");
                }
            }
            Type::List(inner) => {
                out.push_str("list of ");
                inner.write(out);
            }
            Type::Record(fields) => {
                out.push_str("record");
                for (index, field) in fields.iter().enumerate() {
                    let _ = write!(out, " g{index}: ");
                    field.write(out);
                }
                out.push_str(" end");
            }
            Type::Optional(inner) => {
                out.push_str("optional ");
                inner.write(out);
            }
            Type::DeepList(count) => {
                for _ in 0..count.get() {
                    out.push_str("list of ");
                }
                out.push_str("integer");
            }
            Type::DeepRecord(count) => {
                for _ in 0..count.get() {
                    out.push_str("record a: ");
                }
                out.push_str("integer");
                for _ in 0..count.get() {
                    out.push_str(" end");
                }
            }
            Type::WideRecord(count) => {
                out.push_str("record");
                for field in 0..count.get() {
                    let _ = write!(out, " g{field}: integer");
                }
                out.push_str(" end");
            }
        }
    }
}

/// An expression.
#[derive(Debug, Arbitrary)]
enum Expr {
    Leaf(Leaf),
    Binary(Box<Expr>, Op, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Count(Box<Expr>, Option<Box<Expr>>),
    Sum(Box<Expr>, Box<Expr>),
    Any(Box<Expr>, Box<Expr>),
    Overlap(Box<Expr>, Box<Expr>, Box<Expr>, Box<Expr>),
    Scale(Vec<(Expr, Expr)>, Box<Expr>),
    Table(Vec<(Expr, Expr, Expr)>, Box<Expr>),
    Call(u8, Vec<Expr>),
    OneOf(Box<Expr>, bool, Count),
    Rounded(Box<Expr>, u8),
    ReadingTest(bool),
    /// One form wrapped around the inner expression, many times over.
    Nest(Nest, Count, Box<Expr>),
    /// One operator joining many copies of an operand.
    Chain(Op, Count, Box<Expr>),
}

impl Expr {
    fn write(&self, out: &mut String) {
        if out.len() > MAX_TEXT {
            return;
        }
        match self {
            Expr::Leaf(leaf) => leaf.write(out),
            Expr::Binary(left, op, right) => {
                left.write(out);
                out.push_str(op.text());
                right.write(out);
            }
            Expr::If(condition, then, otherwise) => {
                out.push_str("(if ");
                condition.write(out);
                out.push_str(" then ");
                then.write(out);
                out.push_str(" else ");
                otherwise.write(out);
                out.push(')');
            }
            Expr::Count(list, condition) => {
                out.push_str("(count x in ");
                list.write(out);
                if let Some(condition) = condition {
                    out.push_str(" where ");
                    condition.write(out);
                }
                out.push(')');
            }
            Expr::Sum(value, list) => {
                out.push_str("(sum ");
                value.write(out);
                out.push_str(" for x in ");
                list.write(out);
                out.push(')');
            }
            Expr::Any(list, condition) => {
                out.push_str("(any x in ");
                list.write(out);
                out.push_str(" satisfies ");
                condition.write(out);
                out.push(')');
            }
            Expr::Overlap(a, b, c, d) => {
                out.push_str("(days from ");
                a.write(out);
                out.push_str(" to ");
                b.write(out);
                out.push_str(" within ");
                c.write(out);
                out.push_str(" to ");
                d.write(out);
                out.push(')');
            }
            Expr::Scale(brackets, amount) => {
                out.push_str("(marginal rates");
                for (over, rate) in brackets {
                    out.push_str(" over ");
                    over.write(out);
                    out.push_str(": ");
                    rate.write(out);
                }
                out.push_str(" end of ");
                amount.write(out);
                out.push(')');
            }
            Expr::Table(rows, amount) => {
                out.push_str("(bracket table");
                for (over, base, rate) in rows {
                    out.push_str(" over ");
                    over.write(out);
                    out.push_str(": ");
                    base.write(out);
                    out.push_str(" plus ");
                    rate.write(out);
                }
                out.push_str(" end of ");
                amount.write(out);
                out.push(')');
            }
            Expr::Call(function, arguments) => {
                out.push_str(
                    [
                        "earliest",
                        "latest",
                        "days_between",
                        "weeks_between",
                        "months_between",
                        "years_between",
                        "unknown_function",
                    ][usize::from(*function) % 7],
                );
                out.push('(');
                for (index, argument) in arguments.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    argument.write(out);
                }
                out.push(')');
            }
            Expr::OneOf(value, negated, count) => {
                out.push('(');
                value.write(out);
                out.push_str(if *negated {
                    " is not one of alpha"
                } else {
                    " is one of alpha"
                });
                for extra in 0..count.get() {
                    let _ = write!(out, ", v{extra}");
                }
                out.push(')');
            }
            Expr::Rounded(value, mode) => {
                out.push('(');
                value.write(out);
                out.push_str(
                    [
                        " rounded half up to the cent",
                        " rounded half even to 4 decimal places",
                        " rounded down to the whole unit",
                        " rounded toward zero to the nearest cent",
                        " rounded up to 30 decimal places",
                    ][usize::from(*mode) % 5],
                );
                out.push(')');
            }
            Expr::ReadingTest(negated) => out.push_str(if *negated {
                "(reading r is not wide)"
            } else {
                "(reading r is narrow)"
            }),
            Expr::Nest(nest, count, inner) => {
                let (open, close) = nest.around();
                let times = count.get();
                for _ in 0..times {
                    out.push_str(open);
                }
                inner.write(out);
                for _ in 0..times {
                    out.push_str(close);
                }
            }
            Expr::Chain(op, count, operand) => {
                out.push('(');
                operand.write(out);
                for _ in 0..count.get() {
                    if out.len() > MAX_TEXT {
                        break;
                    }
                    out.push_str(op.text());
                    operand.write(out);
                }
                out.push(')');
            }
        }
    }
}

/// An operand.
#[derive(Debug, Arbitrary)]
enum Leaf {
    Fact(u8),
    Integer(u32),
    Decimal(u32, u8),
    Percent(u16),
    Money(u32),
    Date(Date),
    Duration(u16, u8, u8),
    Bool(bool),
    Text,
    Parameter,
    ParameterAsOf,
    Event(bool),
    Element(u8),
    /// A name that is not declared, for the checker's suggestions.
    Undeclared,
    /// A number longer than any decimal holds.
    LongNumber(Count),
}

impl Leaf {
    fn write(&self, out: &mut String) {
        match self {
            Leaf::Fact(which) => out.push_str(
                [
                    "n",
                    "q",
                    "d",
                    "m",
                    "b",
                    "t",
                    "k",
                    "xs",
                    "base.rate",
                    "base.limit",
                ][usize::from(*which) % 10],
            ),
            Leaf::Integer(value) => {
                let _ = write!(out, "{value}");
            }
            Leaf::Decimal(value, scale) => {
                let _ = write!(
                    out,
                    "{value}.{:0width$}",
                    5,
                    width = usize::from(*scale % 30) + 1
                );
            }
            Leaf::Percent(value) => {
                let _ = write!(out, "{}%", value % 1000);
            }
            Leaf::Money(value) => {
                let _ = write!(out, "USD {value}.{:02}", value % 100);
            }
            Leaf::Date(date) => date.write(out),
            Leaf::Duration(amount, unit, rounding) => {
                let unit =
                    ["days", "day", "weeks", "months", "years", "year"][usize::from(*unit) % 6];
                let rounding = ["", " rounded down", " rounded up"][usize::from(*rounding) % 3];
                let _ = write!(out, "{amount} {unit}{rounding}");
            }
            Leaf::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Leaf::Text => out.push_str("\"some text\""),
            Leaf::Parameter => out.push_str("base.rate"),
            Leaf::ParameterAsOf => out.push_str("(base.rate as of d)"),
            Leaf::Event(closing) => {
                out.push_str(if *closing { "ev.closing" } else { "ev.opening" })
            }
            Leaf::Element(which) => {
                out.push_str(["x.n", "x.d", "x.b", "x"][usize::from(*which) % 4]);
            }
            Leaf::Undeclared => out.push_str("undeclared_nam"),
            Leaf::LongNumber(count) => {
                out.push('1');
                for _ in 0..count.get().min(2_000) {
                    out.push('7');
                }
            }
        }
    }
}

/// A binary operator.
#[derive(Debug, Arbitrary, Clone, Copy)]
enum Op {
    Or,
    And,
    Is,
    IsNot,
    IsIn,
    IsNotIn,
    OnOrBefore,
    OnOrAfter,
    Before,
    After,
    Le,
    Ge,
    Ne,
    Lt,
    Gt,
    Eq,
    Add,
    Sub,
    Mul,
    Div,
    Of,
}

impl Op {
    fn text(self) -> &'static str {
        match self {
            Op::Or => " or ",
            Op::And => " and ",
            Op::Is => " is ",
            Op::IsNot => " is not ",
            Op::IsIn => " is in ",
            Op::IsNotIn => " is not in ",
            Op::OnOrBefore => " on or before ",
            Op::OnOrAfter => " on or after ",
            Op::Before => " before ",
            Op::After => " after ",
            Op::Le => " <= ",
            Op::Ge => " >= ",
            Op::Ne => " != ",
            Op::Lt => " < ",
            Op::Gt => " > ",
            Op::Eq => " = ",
            Op::Add => " + ",
            Op::Sub => " - ",
            Op::Mul => " * ",
            Op::Div => " / ",
            Op::Of => " of ",
        }
    }
}

/// A form that wraps the expression inside it, repeated by [`Expr::Nest`].
#[derive(Debug, Arbitrary, Clone, Copy)]
enum Nest {
    Parentheses,
    Not,
    Minus,
    IfThen,
    IfCondition,
    IfElse,
    Of,
    AsOf,
    CountIn,
    CountWhere,
    AnyIn,
    AnySatisfies,
    EveryIn,
    SumValue,
    SumIn,
    DaysFrom,
    DaysWithin,
    ScaleOver,
    ScaleRate,
    TableBase,
    Earliest,
    DaysBetween,
    IsOneOf,
    Rounded,
    PlusDay,
    Compare,
    Sum,
    And,
}

impl Nest {
    /// The text before and after the expression inside.
    fn around(self) -> (&'static str, &'static str) {
        match self {
            Nest::Parentheses => ("(", ")"),
            Nest::Not => ("not ", ""),
            Nest::Minus => ("- ", ""),
            Nest::IfThen => ("if b then ", " else n"),
            Nest::IfCondition => ("if ", " then n else 1"),
            Nest::IfElse => ("if b then n else ", ""),
            Nest::Of => ("1 of ", ""),
            Nest::AsOf => ("base.rate as of ", ""),
            Nest::CountIn => ("count x in ", ""),
            Nest::CountWhere => ("count x in xs where ", ""),
            Nest::AnyIn => ("any x in ", " satisfies true"),
            Nest::AnySatisfies => ("any x in xs satisfies ", ""),
            Nest::EveryIn => ("every x in ", " satisfies x.b"),
            Nest::SumValue => ("sum ", " for x in xs"),
            Nest::SumIn => ("sum x.n for x in ", ""),
            Nest::DaysFrom => ("days from ", " to d within d to d"),
            Nest::DaysWithin => ("days from d to d within d to ", ""),
            Nest::ScaleOver => ("marginal rates over ", ": 10% end of m"),
            Nest::ScaleRate => ("marginal rates over USD 0: ", " end of m"),
            Nest::TableBase => ("bracket table over USD 0: ", " plus 10% end of m"),
            Nest::Earliest => ("earliest(", ", d)"),
            Nest::DaysBetween => ("days_between(d, ", ")"),
            Nest::IsOneOf => ("", " is one of alpha"),
            Nest::Rounded => ("(", " rounded half up to the cent)"),
            Nest::PlusDay => ("", " + 1 day"),
            Nest::Compare => ("n < ", ""),
            Nest::Sum => ("1 + ", ""),
            Nest::And => ("b and ", ""),
        }
    }
}
