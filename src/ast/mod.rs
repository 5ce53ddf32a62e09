//! The syntax tree of a policy file, as written, with a source span on every node.
//!
//! The tree is produced by [`crate::syntax::parse`] and consumed by the
//! checker, which resolves names and types into a [`crate::model::Model`].
//! Nothing here is resolved: names are still text.

mod expr;

pub use expr::*;

use crate::span::Span;

/// A name as written, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it stands in the file.
    pub span: Span,
}

/// A quoted string, its escapes resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text between the quotes.
    pub value: String,
    /// The span of the whole literal, quotes included.
    pub span: Span,
    /// The same sentence in other languages, in file order: `in fr "..."`
    /// after a description, `says fr "..."` after a verdict's sentence.
    /// Empty for texts that are not translated (a provision's text, a
    /// citation, a path).
    pub translations: Vec<Translation>,
}

/// A sentence in another language than English: `in fr "..."` or `says es "..."`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The language's code as written; the checker reads it.
    pub lang: Ident,
    /// The text between the quotes, its escapes resolved.
    pub value: String,
    /// The span of the quoted text, quotes included.
    pub span: Span,
}

/// A dotted reference such as `para5.in_force`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// The parts, at least one.
    pub segments: Vec<Ident>,
    /// The whole reference.
    pub span: Span,
}

impl Path {
    /// The reference as written, such as `mc14.opening`.
    pub fn dotted(&self) -> String {
        let names: Vec<&str> = self.segments.iter().map(|s| s.name.as_str()).collect();
        names.join(".")
    }
}

/// A whole policy file.
#[derive(Debug, Clone, Default)]
pub struct PolicyFile {
    /// The instrument header, if the file has one.
    pub instrument: Option<Instrument>,
    /// Named types, in file order.
    pub types: Vec<TypeDecl>,
    /// Events, in file order.
    pub events: Vec<EventDecl>,
    /// Facts, in file order.
    pub facts: Vec<FactDecl>,
    /// Readings, in file order.
    pub readings: Vec<ReadingDecl>,
    /// Provisions, in file order.
    pub provisions: Vec<Provision>,
    /// Verdicts, in file order.
    pub verdicts: Vec<VerdictDecl>,
    /// Assumptions about the facts, in file order.
    pub assumptions: Vec<AssumeDecl>,
    /// Other policies used, in file order.
    pub uses: Vec<UseDecl>,
    /// `amends "base.policy"`: the policy this one amends (the checker
    /// wants at most one).
    pub amends: Vec<AmendsDecl>,
    /// The `from DATE ... end` blocks of an amendment, in file order.
    pub amendments: Vec<AmendmentBlock>,
}

/// `amends "base.policy"`.
#[derive(Debug, Clone)]
pub struct AmendsDecl {
    /// The path as written, relative to the amending file.
    pub path: Text,
    /// The whole item.
    pub span: Span,
}

/// `from DATE CHANGES end`: what an amendment changes from a date on.
#[derive(Debug, Clone)]
pub struct AmendmentBlock {
    /// The first day the changes apply.
    pub from: DateLit,
    /// The changes, in file order.
    pub changes: Vec<Change>,
    /// The whole block.
    pub span: Span,
}

/// One change of an amendment block.
#[derive(Debug, Clone)]
pub enum Change {
    /// `replace provision NAME ...`: a provision's text and rules, anew.
    Replace(Provision),
    /// `repeal provision NAME`.
    Repeal {
        /// The provision repealed.
        name: Ident,
        /// The whole change.
        span: Span,
    },
    /// `insert provision NAME ... after OTHER ...`: a new provision, placed
    /// after another in the text.
    Insert {
        /// The provision inserted.
        provision: Provision,
        /// The provision it follows.
        after: Ident,
    },
    /// `change parameter PROVISION.NAME from DATE: VALUE ...`: a dated
    /// value's history from the block's date on.
    Parameter {
        /// The parameter, as `provision.name`.
        target: Path,
        /// The new dated values.
        history: Vec<(DateLit, Option<Expr>)>,
        /// The whole change.
        span: Span,
    },
}

/// `use "other.policy" as name`.
#[derive(Debug, Clone)]
pub struct UseDecl {
    /// The path as written, relative to the using file.
    pub path: Text,
    /// The name its items are reached under.
    pub name: Ident,
    /// The whole item.
    pub span: Span,
}

/// `instrument "Title" symbol "..." adopted 2024-03-02`.
#[derive(Debug, Clone)]
pub struct Instrument {
    /// The instrument's title.
    pub title: Text,
    /// Its document symbol, such as `WT/MIN(24)/38`.
    pub symbols: Vec<Text>,
    /// The dates of adoption as written (the checker wants exactly one).
    pub adopted: Vec<DateLit>,
    /// When it is in force (the checker wants at most one).
    pub in_force: Vec<InForce>,
    /// `scenarios as of DATE`: the date of scenarios that give none, as
    /// written (the checker wants at most one).
    pub scenarios_as_of: Vec<DateLit>,
    /// The span of the `instrument` keyword and title.
    pub span: Span,
}

/// `in force from A until B exclusive`.
#[derive(Debug, Clone)]
pub struct InForce {
    /// The first day in force: `from adoption` or `from EXPR`.
    pub from: Option<InForceStart>,
    /// The day it ends, and whether that day is still in force (`None`: not said).
    pub until: Option<(Expr, Option<bool>)>,
    /// The whole clause.
    pub span: Span,
}

/// Where a period in force starts.
#[derive(Debug, Clone)]
pub enum InForceStart {
    /// `from adoption`: the instrument's adoption date.
    Adoption(Span),
    /// `from EXPR`.
    Date(Expr),
}

/// A date literal as written; the checker validates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLit {
    /// The digits as written, `YYYY-MM-DD`.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// `event mc14 "the 14th Session of the Ministerial Conference"`.
#[derive(Debug, Clone)]
pub struct EventDecl {
    /// The event's name.
    pub name: Ident,
    /// What it is, in words.
    pub description: Option<Text>,
    /// The opening dates the instrument fixes (the checker wants at most one).
    pub opening: Vec<DateLit>,
    /// The closing dates the instrument fixes (the checker wants at most one).
    pub closing: Vec<DateLit>,
    /// The whole item.
    pub span: Span,
}

/// `fact measure "...": optional record ... end`.
#[derive(Debug, Clone)]
pub struct FactDecl {
    /// The fact's name.
    pub name: Ident,
    /// What it is, in words.
    pub description: Option<Text>,
    /// Its type.
    pub ty: TypeExpr,
    /// `default VALUE`: what it is when the facts leave it out.
    pub default: Option<DefaultDecl>,
    /// The whole item.
    pub span: Span,
}

/// `type person "a member of the household": record ... end`.
#[derive(Debug, Clone)]
pub struct TypeDecl {
    /// The type's name.
    pub name: Ident,
    /// What its values are, in words.
    pub description: Option<Text>,
    /// The type it names.
    pub ty: TypeExpr,
    /// The whole item.
    pub span: Span,
}

/// `default VALUE` after a fact's or a field's type.
#[derive(Debug, Clone)]
pub struct DefaultDecl {
    /// The value: `None` for `default none`.
    pub value: Option<Expr>,
    /// The value as written.
    pub span: Span,
}

/// A type as written.
#[derive(Debug, Clone)]
pub struct TypeExpr {
    /// Whether `optional` was written.
    pub optional: bool,
    /// The type itself.
    pub kind: TypeKind,
    /// The span of `or none`, when written.
    pub or_none: Option<Span>,
    /// The span of the whole type.
    pub span: Span,
}

/// The shapes a type can take.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// `boolean`, `integer`, `decimal`, `date` or `text`.
    Scalar(ScalarType),
    /// `one of a, b, c`, each value with how it reads in sentences when given.
    Enum(Vec<EnumValue>),
    /// `record FIELDS end`.
    Record(Vec<FieldDecl>),
    /// `list of T`.
    List(Box<TypeExpr>),
    /// `money in EUR`: the currency code as written.
    Money(Ident),
    /// A type declared with `type`, by its name.
    Named(Ident),
}

/// A value of an enumeration: `customs_duty "customs duty" in fr "un droit
/// de douane"`.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// The value's name, which facts and rules write.
    pub name: Ident,
    /// How it reads in sentences, with its translations; without one it
    /// reads as its name with spaces.
    pub description: Option<Text>,
}

/// The built-in scalar types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarType {
    /// `boolean`: true or false.
    Boolean,
    /// `integer`: a whole number.
    Integer,
    /// `decimal`: an exact decimal number.
    Decimal,
    /// `date`: a calendar day.
    Date,
    /// `text`: free text.
    Text,
}

/// A field of a record: `kind "what is levied": one of customs_duty, internal_tax`.
#[derive(Debug, Clone)]
pub struct FieldDecl {
    /// The field's name.
    pub name: Ident,
    /// What it is, in words.
    pub description: Option<Text>,
    /// Its type.
    pub ty: TypeExpr,
    /// `default VALUE`: what it is when the facts leave it out.
    pub default: Option<DefaultDecl>,
    /// The whole item.
    pub span: Span,
}

/// `reading NAME "what is ambiguous" ALTERNATIVES`.
#[derive(Debug, Clone)]
pub struct ReadingDecl {
    /// The reading's name.
    pub name: Ident,
    /// The ambiguous words, described.
    pub description: Option<Text>,
    /// Its alternatives, in file order.
    pub alternatives: Vec<Alternative>,
    /// The whole item.
    pub span: Span,
}

/// One way to read an ambiguous phrase: `opening (default) "the day it opens"`.
#[derive(Debug, Clone)]
pub struct Alternative {
    /// The alternative's name.
    pub name: Ident,
    /// The span of `(default)` when written.
    pub default: Option<Span>,
    /// The sentence that says what this reading means.
    pub sentence: Option<Text>,
    /// The whole item.
    pub span: Span,
}

/// `provision para5 "heading" text "..." RULES`.
#[derive(Debug, Clone)]
pub struct Provision {
    /// The provision's name, such as `para5`.
    pub name: Ident,
    /// Its heading.
    pub heading: Option<Text>,
    /// Its verbatim texts (the checker wants exactly one).
    pub texts: Vec<Text>,
    /// When it is in force, if not with the whole instrument (at most one).
    pub in_force: Vec<InForce>,
    /// Its definitions, in file order.
    pub definitions: Vec<Definition>,
    /// Its exceptions, in file order.
    pub exceptions: Vec<Exception>,
    /// Its deontic rules, in file order.
    pub deontics: Vec<Deontic>,
    /// Its dated values, in file order.
    pub parameters: Vec<Parameter>,
    /// The whole item.
    pub span: Span,
}

/// `define NAME[(PARAMETERS)] "description" [: TYPE] = EXPR [cites "phrase"]`.
#[derive(Debug, Clone)]
pub struct Definition {
    /// The definition's name.
    pub name: Ident,
    /// Its parameters, when written with parentheses: `Some(vec![])` for `()`.
    pub params: Option<Vec<ParamDecl>>,
    /// What it means, in words.
    pub description: Option<Text>,
    /// The declared type, if any.
    pub ty: Option<TypeExpr>,
    /// The value, or the default value when exceptions override it.
    pub body: Expr,
    /// The phrase of the provision it encodes.
    pub cites: Option<Text>,
    /// The whole item.
    pub span: Span,
}

/// A parameter of a definition: `p: person`.
#[derive(Debug, Clone)]
pub struct ParamDecl {
    /// Its name.
    pub name: Ident,
    /// Its type; the checker asks for one when it is missing.
    pub ty: Option<TypeExpr>,
    /// The whole parameter.
    pub span: Span,
}

/// `parameter NAME "description" [: TYPE] from DATE: VALUE ...`: a value with a history.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// Its name.
    pub name: Ident,
    /// What it is, in words.
    pub description: Option<Text>,
    /// The declared type, if any.
    pub ty: Option<TypeExpr>,
    /// Each date it changes on and its value from then; `None`: it ends there.
    pub history: Vec<(DateLit, Option<Expr>)>,
    /// `or no limit` after the type: where the marker stands.
    pub or_no_limit: Option<Span>,
    /// The phrase of the provision it encodes.
    pub cites: Option<Text>,
    /// The whole declaration.
    pub span: Span,
}

/// `exception [NAME] to TARGET when CONDITION then VALUE [cites "phrase"]`.
#[derive(Debug, Clone)]
pub struct Exception {
    /// The exception's name, so that other exceptions can override it.
    pub name: Option<Ident>,
    /// The definition or exception it overrides.
    pub target: Path,
    /// When it applies.
    pub condition: Expr,
    /// The value it gives when it applies.
    pub value: Expr,
    /// The phrase of the provision it encodes.
    pub cites: Option<Text>,
    /// The whole exception.
    pub span: Span,
}

/// The four kinds of deontic rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeonticKind {
    /// The bound party must not take the action.
    Prohibition,
    /// The bound party must take the action.
    Obligation,
    /// The bound party may take the action.
    Permission,
    /// The bound party undertakes, without binding force, to take the action.
    Commitment,
}

/// `prohibition NAME binds "Members" action "..." while EXPR when EXPR cites "..."`.
#[derive(Debug, Clone)]
pub struct Deontic {
    /// Which kind of rule.
    pub kind: DeonticKind,
    /// The rule's name.
    pub name: Ident,
    /// Whom it binds (the checker wants exactly one).
    pub binds: Vec<Text>,
    /// The action it concerns (the checker wants exactly one).
    pub action: Vec<Text>,
    /// While it holds (at most one; absent: always).
    pub while_: Vec<Expr>,
    /// Which described measures it covers (at most one; absent: all).
    pub when: Vec<Expr>,
    /// The phrases it cites (at most one).
    pub cites: Vec<Text>,
    /// The keyword and name.
    pub span: Span,
}

/// `verdict NAME [: TYPE] = EXPR says "sentence"`.
#[derive(Debug, Clone)]
pub struct VerdictDecl {
    /// The verdict's name.
    pub name: Ident,
    /// The declared type, if any.
    pub ty: Option<TypeExpr>,
    /// What computes it; a verdict without one is an error.
    pub body: Option<Expr>,
    /// The sentence template.
    pub says: Option<Text>,
    /// `for each m in members keyed by m.name`: one outcome per element.
    pub for_each: Option<ForEachDecl>,
    /// The whole declaration.
    pub span: Span,
}

/// `assume NAME "sentence" = CONDITION`: what the rules take for granted
/// of the facts.
#[derive(Debug, Clone)]
pub struct AssumeDecl {
    /// Its name, if it has one.
    pub name: Option<Ident>,
    /// The sentence a broken assumption quotes.
    pub sentence: Text,
    /// The condition the facts must meet.
    pub condition: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// `for each BINDER in LIST keyed by KEY`, after a verdict's name.
#[derive(Debug, Clone)]
pub struct ForEachDecl {
    /// The name each element takes in the verdict's value and sentence.
    pub binder: Ident,
    /// The list.
    pub list: Expr,
    /// What names each element's outcome.
    pub key: Expr,
    /// The whole clause.
    pub span: Span,
}
