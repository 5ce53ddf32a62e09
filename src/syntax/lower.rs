//! Lowering: pest's pairs into the syntax tree, one function per grammar rule.
//!
//! The grammar guarantees the shape of every pair, so lowering cannot fail;
//! where a part the grammar requires is absent anyway, an empty node stands in
//! rather than a panic.

use pest::iterators::Pair;

use super::Rule;
use super::expr::{lower_expr, primary};
use super::lower_sentence::{add_translation, sentence};
use crate::ast::*;
use crate::span::Span;

/// The span of a pair, without the white space and comments that pest takes
/// into a rule ending in an optional or repeated part. What follows the
/// pair's last inner pair can only be keywords, punctuation and such trivia,
/// so a `#` there starts a comment.
pub(super) fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let span = pair.as_span();
    let text = span.as_str();
    let tail_start = pair
        .clone()
        .into_inner()
        .last()
        .map(|inner| inner.as_span().end().saturating_sub(span.start()))
        .unwrap_or(0);
    let mut end = text.len();
    if let Some(hash) = text.get(tail_start..).and_then(|tail| tail.find('#')) {
        end = tail_start + hash;
    }
    let end = text.get(..end).map(|t| t.trim_end().len()).unwrap_or(end);
    Span::new(span.start(), span.start() + end)
}

/// The first inner pair of the given rule; keywords and punctuation are
/// pairs too, so a clause's content is looked up by rule, never by position.
pub(super) fn first(pair: Pair<'_, Rule>, rule: Rule) -> Option<Pair<'_, Rule>> {
    pair.into_inner().find(|p| p.as_rule() == rule)
}

pub(super) fn ident(pair: Pair<'_, Rule>) -> Ident {
    Ident {
        name: pair.as_str().to_string(),
        span: span_of(&pair),
    }
}

/// Resolves the escapes `\"`, `\\`, `\n` and `\t`; any other escaped character stands for itself.
fn unescape(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

pub(super) fn text(pair: Pair<'_, Rule>) -> Text {
    let span = span_of(&pair);
    let body = pair.into_inner().next().map(|b| b.as_str()).unwrap_or("");
    Text {
        value: unescape(body),
        span,
        translations: Vec::new(),
    }
}

pub(super) fn path(pair: Pair<'_, Rule>) -> Path {
    let span = span_of(&pair);
    Path {
        segments: pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::ident)
            .map(ident)
            .collect(),
        span,
    }
}

pub(super) fn date_lit(pair: Pair<'_, Rule>) -> DateLit {
    DateLit {
        text: pair.as_str().to_string(),
        span: span_of(&pair),
    }
}

/// An empty expression standing in for a part the grammar requires.
fn missing_expr(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Bool(false),
        span,
    }
}

fn missing_ident(span: Span) -> Ident {
    Ident {
        name: String::new(),
        span,
    }
}

pub(super) fn lower_policy(pair: Pair<'_, Rule>) -> PolicyFile {
    let mut file = PolicyFile::default();
    for item in pair.into_inner() {
        match item.as_rule() {
            Rule::instrument => file.instrument = Some(instrument(item)),
            Rule::event_decl => file.events.push(event(item)),
            Rule::fact_decl => file.facts.push(fact(item)),
            Rule::type_decl => file.types.push(type_decl(item)),
            Rule::reading_decl => file.readings.push(reading(item)),
            Rule::provision => file.provisions.push(provision(item)),
            Rule::verdict => file.verdicts.push(verdict(item)),
            Rule::assumption => file.assumptions.extend(assumption(item)),
            Rule::use_decl => file.uses.extend(use_decl(item)),
            Rule::amends_decl => file.amends.push(super::lower_amend::amends(item)),
            Rule::amendment_block => file.amendments.push(super::lower_amend::block(item)),
            _ => {}
        }
    }
    file
}

/// `use "PATH" as NAME`; `None` only if the grammar let a part through missing.
fn use_decl(pair: Pair<'_, Rule>) -> Option<crate::ast::UseDecl> {
    let span = span_of(&pair);
    let mut path = None;
    let mut name = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::string => path = Some(text(part)),
            Rule::ident => name = Some(ident(part)),
            _ => {}
        }
    }
    Some(crate::ast::UseDecl {
        path: path?,
        name: name?,
        span,
    })
}

fn instrument(pair: Pair<'_, Rule>) -> Instrument {
    let mut title = None;
    let mut symbols = Vec::new();
    let mut adopted = Vec::new();
    let mut in_force = Vec::new();
    let mut scenarios_as_of = Vec::new();
    let mut span = span_of(&pair);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::string => {
                let t = text(part);
                span = Span::new(span.start, t.span.end);
                title = Some(t);
            }
            Rule::translation => add_translation(title.as_mut(), part),
            Rule::symbol_clause => symbols.extend(first(part, Rule::string).map(text)),
            Rule::adopted_clause => adopted.extend(first(part, Rule::date).map(date_lit)),
            Rule::in_force_clause => in_force.push(in_force_clause(part)),
            Rule::scenarios_clause => scenarios_as_of.extend(first(part, Rule::date).map(date_lit)),
            _ => {}
        }
    }
    Instrument {
        title: title.unwrap_or(Text {
            value: String::new(),
            span,
            translations: Vec::new(),
        }),
        symbols,
        adopted,
        in_force,
        scenarios_as_of,
        span,
    }
}

fn in_force_clause(pair: Pair<'_, Rule>) -> InForce {
    let span = span_of(&pair);
    let mut clause = InForce {
        from: None,
        until: None,
        span,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::in_force_from => {
                for inner in part.into_inner() {
                    match inner.as_rule() {
                        Rule::adoption_word => {
                            clause.from = Some(InForceStart::Adoption(span_of(&inner)))
                        }
                        Rule::expr => clause.from = Some(InForceStart::Date(lower_expr(inner))),
                        _ => {}
                    }
                }
            }
            Rule::in_force_until => {
                let mut until = None;
                let mut inclusive = None;
                for inner in part.into_inner() {
                    match inner.as_rule() {
                        Rule::expr => until = Some(lower_expr(inner)),
                        Rule::boundary_word => {
                            inclusive = Some(inner.as_str().starts_with("inclusive"))
                        }
                        _ => {}
                    }
                }
                clause.until = until.map(|u| (u, inclusive));
            }
            _ => {}
        }
    }
    clause
}

fn event(pair: Pair<'_, Rule>) -> EventDecl {
    let span = span_of(&pair);
    let mut name = None;
    let mut description = None;
    let mut opening = Vec::new();
    let mut closing = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = Some(ident(part)),
            Rule::string => description = Some(text(part)),
            Rule::translation => add_translation(description.as_mut(), part),
            Rule::event_opening => opening.extend(
                part.into_inner()
                    .filter(|p| p.as_rule() == Rule::date)
                    .map(date_lit),
            ),
            Rule::event_closing => closing.extend(
                part.into_inner()
                    .filter(|p| p.as_rule() == Rule::date)
                    .map(date_lit),
            ),
            _ => {}
        }
    }
    EventDecl {
        name: name.unwrap_or_else(|| missing_ident(span)),
        description,
        opening,
        closing,
        span,
    }
}

fn fact(pair: Pair<'_, Rule>) -> FactDecl {
    let span = span_of(&pair);
    let (name, description, ty, default) = named_typed(pair);
    FactDecl {
        name: name.unwrap_or_else(|| missing_ident(span)),
        description,
        ty: ty.unwrap_or_else(|| missing_type(span)),
        default,
        span,
    }
}

fn missing_type(span: Span) -> TypeExpr {
    TypeExpr {
        optional: false,
        kind: TypeKind::Scalar(ScalarType::Boolean),
        or_none: None,
        span,
    }
}

/// The parts of a fact or a field as written.
type NamedTyped = (
    Option<Ident>,
    Option<Text>,
    Option<TypeExpr>,
    Option<DefaultDecl>,
);

/// The parts shared by facts and fields: a name, a description, a type and
/// a default.
fn named_typed(pair: Pair<'_, Rule>) -> NamedTyped {
    let mut name = None;
    let mut description = None;
    let mut ty = None;
    let mut default = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = Some(ident(part)),
            Rule::string => description = Some(text(part)),
            Rule::translation => add_translation(description.as_mut(), part),
            Rule::type_expr => ty = Some(type_expr(part)),
            Rule::default_clause => default = first(part, Rule::default_value).map(default_value),
            _ => {}
        }
    }
    (name, description, ty, default)
}

/// The value after `default`: `none`, or a literal, perhaps negated.
fn default_value(pair: Pair<'_, Rule>) -> DefaultDecl {
    let span = span_of(&pair);
    let mut negated = None;
    let mut value = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::none_word => {}
            Rule::op_neg => negated = Some(span_of(&part)),
            Rule::ident => {
                let name = ident(part);
                value = Some(Expr {
                    span: name.span,
                    kind: ExprKind::Path(Path {
                        span: name.span,
                        segments: vec![name],
                    }),
                });
            }
            _ => value = Some(primary(part)),
        }
    }
    let value = match (negated, value) {
        (Some(op_span), Some(operand)) => Some(Expr {
            kind: ExprKind::Unary {
                op: UnaryOp::Negate,
                op_span,
                operand: Box::new(operand),
            },
            span,
        }),
        (_, value) => value,
    };
    DefaultDecl { value, span }
}

fn type_expr(pair: Pair<'_, Rule>) -> TypeExpr {
    let span = span_of(&pair);
    let mut optional = false;
    let mut or_none = None;
    let mut kind = TypeKind::Scalar(ScalarType::Boolean);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::optional_marker => optional = true,
            Rule::or_none => or_none = Some(span_of(&part)),
            Rule::scalar_type => {
                kind = TypeKind::Scalar(match part.as_str() {
                    "integer" => ScalarType::Integer,
                    "decimal" => ScalarType::Decimal,
                    "date" => ScalarType::Date,
                    "text" => ScalarType::Text,
                    _ => ScalarType::Boolean,
                })
            }
            Rule::enum_type => {
                kind = TypeKind::Enum(
                    part.into_inner()
                        .filter(|p| p.as_rule() == Rule::enum_value)
                        .filter_map(enum_value)
                        .collect(),
                )
            }
            Rule::record_type => {
                let fields = part
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::field_decl)
                    .map(|field| {
                        let fspan = span_of(&field);
                        let (name, description, ty, default) = named_typed(field);
                        FieldDecl {
                            name: name.unwrap_or_else(|| missing_ident(fspan)),
                            description,
                            ty: ty.unwrap_or_else(|| missing_type(fspan)),
                            default,
                            span: fspan,
                        }
                    })
                    .collect();
                kind = TypeKind::Record(fields);
            }
            Rule::money_type => {
                let code = first(part, Rule::currency).map(|c| Ident {
                    name: c.as_str().to_string(),
                    span: span_of(&c),
                });
                kind = TypeKind::Money(code.unwrap_or_else(|| missing_ident(span)));
            }
            Rule::named_type => {
                // `mc12.person`: a used policy's type, kept as one dotted name.
                let named_span = span_of(&part);
                let names: Vec<String> =
                    part.into_inner().map(|i| i.as_str().to_string()).collect();
                kind = TypeKind::Named(if names.is_empty() {
                    missing_ident(span)
                } else {
                    Ident {
                        name: names.join("."),
                        span: named_span,
                    }
                })
            }
            Rule::list_type => {
                let inner = first(part, Rule::type_expr)
                    .map(type_expr)
                    .unwrap_or_else(|| missing_type(span));
                kind = TypeKind::List(Box::new(inner));
            }
            _ => {}
        }
    }
    TypeExpr {
        optional,
        kind,
        or_none,
        span,
    }
}

/// A value of an enumeration with its sentence, if it has one.
fn enum_value(pair: Pair<'_, Rule>) -> Option<EnumValue> {
    let mut name = None;
    let mut description = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = Some(ident(part)),
            Rule::value_text => description = Some(text(part)),
            Rule::translation => add_translation(description.as_mut(), part),
            _ => {}
        }
    }
    Some(EnumValue {
        name: name?,
        description,
    })
}

fn type_decl(pair: Pair<'_, Rule>) -> TypeDecl {
    let span = span_of(&pair);
    let mut name = None;
    let mut description = None;
    let mut ty = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = Some(ident(part)),
            Rule::string => description = Some(text(part)),
            Rule::translation => add_translation(description.as_mut(), part),
            Rule::type_expr => ty = Some(type_expr(part)),
            _ => {}
        }
    }
    TypeDecl {
        name: name.unwrap_or_else(|| missing_ident(span)),
        description,
        ty: ty.unwrap_or_else(|| missing_type(span)),
        span,
    }
}

fn parameter_list(pair: Pair<'_, Rule>) -> Vec<ParamDecl> {
    pair.into_inner()
        .filter(|p| p.as_rule() == Rule::parameter_decl)
        .map(|param| {
            let span = span_of(&param);
            let mut name = None;
            let mut ty = None;
            for part in param.into_inner() {
                match part.as_rule() {
                    Rule::ident => name = Some(ident(part)),
                    Rule::type_expr => ty = Some(type_expr(part)),
                    _ => {}
                }
            }
            ParamDecl {
                name: name.unwrap_or_else(|| missing_ident(span)),
                ty,
                span,
            }
        })
        .collect()
}

fn reading(pair: Pair<'_, Rule>) -> ReadingDecl {
    let span = span_of(&pair);
    let mut name = None;
    let mut description = None;
    let mut alternatives = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = Some(ident(part)),
            Rule::string => description = Some(text(part)),
            Rule::translation => add_translation(description.as_mut(), part),
            Rule::alternative => alternatives.push(alternative(part)),
            _ => {}
        }
    }
    ReadingDecl {
        name: name.unwrap_or_else(|| missing_ident(span)),
        description,
        alternatives,
        span,
    }
}

fn alternative(pair: Pair<'_, Rule>) -> Alternative {
    let span = span_of(&pair);
    let mut name = None;
    let mut default = None;
    let mut sentence = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = Some(ident(part)),
            Rule::default_marker => default = Some(span_of(&part)),
            Rule::string => sentence = Some(text(part)),
            Rule::translation => add_translation(sentence.as_mut(), part),
            _ => {}
        }
    }
    Alternative {
        name: name.unwrap_or_else(|| missing_ident(span)),
        default,
        sentence,
        span,
    }
}

pub(super) fn provision(pair: Pair<'_, Rule>) -> Provision {
    let span = span_of(&pair);
    let mut provision = Provision {
        name: missing_ident(span),
        heading: None,
        texts: Vec::new(),
        in_force: Vec::new(),
        definitions: Vec::new(),
        exceptions: Vec::new(),
        deontics: Vec::new(),
        parameters: Vec::new(),
        span,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => provision.name = ident(part),
            Rule::string => provision.heading = Some(text(part)),
            Rule::translation => add_translation(provision.heading.as_mut(), part),
            Rule::text_clause => provision.texts.extend(first(part, Rule::string).map(text)),
            Rule::in_force_clause => provision.in_force.push(in_force_clause(part)),
            Rule::definition => provision.definitions.push(definition(part)),
            Rule::exception => provision.exceptions.push(exception(part)),
            Rule::parameter => provision.parameters.push(parameter(part)),
            Rule::deontic => provision.deontics.push(deontic(part)),
            _ => {}
        }
    }
    provision
}

fn definition(pair: Pair<'_, Rule>) -> Definition {
    let span = span_of(&pair);
    let mut name = None;
    let mut description = None;
    let mut params = None;
    let mut ty = None;
    let mut body = None;
    let mut cites = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = Some(ident(part)),
            Rule::parameter_list => params = Some(parameter_list(part)),
            Rule::string => description = Some(text(part)),
            Rule::translation => add_translation(description.as_mut(), part),
            Rule::type_expr => ty = Some(type_expr(part)),
            Rule::expr => body = Some(lower_expr(part)),
            Rule::cites => cites = first(part, Rule::string).map(text),
            _ => {}
        }
    }
    Definition {
        name: name.unwrap_or_else(|| missing_ident(span)),
        params,
        description,
        ty,
        body: body.unwrap_or_else(|| missing_expr(span)),
        cites,
        span,
    }
}

pub(super) fn parameter(pair: Pair<'_, Rule>) -> Parameter {
    let span = span_of(&pair);
    let mut parameter = Parameter {
        name: missing_ident(span),
        description: None,
        ty: None,
        history: Vec::new(),
        or_no_limit: None,
        cites: None,
        span,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => parameter.name = ident(part),
            Rule::string => parameter.description = Some(text(part)),
            Rule::translation => add_translation(parameter.description.as_mut(), part),
            Rule::type_expr => parameter.ty = Some(type_expr(part)),
            Rule::or_no_limit => parameter.or_no_limit = Some(span_of(&part)),
            Rule::cites => parameter.cites = first(part, Rule::string).map(text),
            Rule::history_entry => {
                let mut date = None;
                let mut value = None;
                for inner in part.into_inner() {
                    match inner.as_rule() {
                        Rule::date => date = Some(date_lit(inner)),
                        Rule::expr => value = Some(lower_expr(inner)),
                        Rule::table_rows => {
                            let rows_span = span_of(&inner);
                            value = Some(Expr {
                                kind: ExprKind::Rows(inner.into_inner().map(table_entry).collect()),
                                span: rows_span,
                            })
                        }
                        Rule::no_limit => {
                            value = Some(Expr {
                                kind: ExprKind::NoLimit,
                                span: span_of(&inner),
                            })
                        }
                        _ => {}
                    }
                }
                if let Some(date) = date {
                    parameter.history.push((date, value));
                }
            }
            _ => {}
        }
    }
    parameter
}

/// `owner: 10%` or `entry 2: USD 7000`.
fn table_entry(pair: Pair<'_, Rule>) -> TableEntry {
    let span = span_of(&pair);
    let mut entry = TableEntry {
        value: None,
        position: None,
        expr: Expr {
            kind: ExprKind::Bool(false),
            span,
        },
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => entry.value = Some(ident(part)),
            Rule::whole_number => {
                entry.position = Some((part.as_str().to_string(), span_of(&part)))
            }
            Rule::plain_expr => entry.expr = lower_expr(part),
            _ => {}
        }
    }
    entry
}

fn exception(pair: Pair<'_, Rule>) -> Exception {
    let span = span_of(&pair);
    let mut name = None;
    let mut target = None;
    let mut exprs = Vec::new();
    let mut cites = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::exception_name => name = first(part, Rule::ident).map(ident),
            Rule::path => target = Some(path(part)),
            Rule::expr => exprs.push(lower_expr(part)),
            Rule::cites => cites = first(part, Rule::string).map(text),
            _ => {}
        }
    }
    let mut exprs = exprs.into_iter();
    Exception {
        name,
        target: target.unwrap_or(Path {
            segments: Vec::new(),
            span,
        }),
        condition: exprs.next().unwrap_or_else(|| missing_expr(span)),
        value: exprs.next().unwrap_or_else(|| missing_expr(span)),
        cites,
        span,
    }
}

fn deontic(pair: Pair<'_, Rule>) -> Deontic {
    let span = span_of(&pair);
    let mut rule = Deontic {
        kind: DeonticKind::Prohibition,
        name: missing_ident(span),
        binds: Vec::new(),
        action: Vec::new(),
        while_: Vec::new(),
        when: Vec::new(),
        cites: Vec::new(),
        span,
    };
    let mut head_end = span.start;
    for part in pair.into_inner() {
        let inner_text = |p: Pair<'_, Rule>| sentence(p);
        let inner_expr = |p: Pair<'_, Rule>| first(p, Rule::expr).map(lower_expr);
        match part.as_rule() {
            Rule::deontic_kind => {
                rule.kind = match part.as_str() {
                    "obligation" => DeonticKind::Obligation,
                    "permission" => DeonticKind::Permission,
                    "commitment" => DeonticKind::Commitment,
                    _ => DeonticKind::Prohibition,
                }
            }
            Rule::ident => {
                head_end = part.as_span().end();
                rule.name = ident(part);
            }
            Rule::binds_clause => rule.binds.extend(inner_text(part)),
            Rule::action_clause => rule.action.extend(inner_text(part)),
            Rule::while_clause => rule.while_.extend(inner_expr(part)),
            Rule::when_clause => rule.when.extend(inner_expr(part)),
            Rule::cites => rule.cites.extend(inner_text(part)),
            _ => {}
        }
    }
    rule.span = Span::new(span.start, head_end.max(span.start));
    rule
}

/// `assume NAME "sentence" = CONDITION`; the grammar requires the sentence
/// and the condition.
fn assumption(pair: Pair<'_, Rule>) -> Option<AssumeDecl> {
    let span = span_of(&pair);
    let mut name = None;
    let mut sentence = None;
    let mut condition = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = Some(ident(part)),
            Rule::string => sentence = Some(text(part)),
            Rule::translation => add_translation(sentence.as_mut(), part),
            Rule::expr => condition = Some(lower_expr(part)),
            _ => {}
        }
    }
    Some(AssumeDecl {
        name,
        sentence: sentence?,
        condition: condition?,
        span,
    })
}

fn verdict(pair: Pair<'_, Rule>) -> VerdictDecl {
    let span = span_of(&pair);
    let mut name = None;
    let mut ty = None;
    let mut body = None;
    let mut says = None;
    let mut for_each = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = Some(ident(part)),
            Rule::type_expr => ty = Some(type_expr(part)),
            Rule::expr => body = Some(lower_expr(part)),
            Rule::says => says = sentence(part),
            Rule::for_each_clause => for_each = super::lower_for_each::for_each(part),
            _ => {}
        }
    }
    VerdictDecl {
        name: name.unwrap_or_else(|| missing_ident(span)),
        ty,
        body,
        says,
        for_each,
        span,
    }
}
