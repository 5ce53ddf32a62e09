//! Lowering `amends "base.policy"` and the `from DATE ... end` blocks of an
//! amendment.

use pest::iterators::Pair;

use super::Rule;
use super::lower::{date_lit, first, ident, parameter, path, provision, span_of, text};
use crate::ast::{AmendmentBlock, AmendsDecl, Change, Ident, Path, Text};

/// `amends "PATH"`.
pub(super) fn amends(pair: Pair<'_, Rule>) -> AmendsDecl {
    let span = span_of(&pair);
    let path = first(pair, Rule::string).map(text).unwrap_or(Text {
        value: String::new(),
        span,
        translations: Vec::new(),
    });
    AmendsDecl { path, span }
}

/// `from DATE CHANGES end`.
pub(super) fn block(pair: Pair<'_, Rule>) -> AmendmentBlock {
    let span = span_of(&pair);
    let mut from = None;
    let mut changes = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::date => from = Some(date_lit(part)),
            Rule::replace_change => changes.push(Change::Replace(provision(part))),
            Rule::repeal_change => {
                let span = span_of(&part);
                let name = first(part, Rule::ident)
                    .map(ident)
                    .unwrap_or_else(|| missing(span));
                changes.push(Change::Repeal { name, span });
            }
            Rule::insert_change => {
                let span = span_of(&part);
                let after = first(part.clone(), Rule::insert_after)
                    .and_then(|a| first(a, Rule::ident))
                    .map(ident)
                    .unwrap_or_else(|| missing(span));
                changes.push(Change::Insert {
                    provision: provision(part),
                    after,
                });
            }
            Rule::parameter_change => {
                let span = span_of(&part);
                let target = first(part.clone(), Rule::path)
                    .map(path)
                    .unwrap_or_else(|| Path {
                        segments: Vec::new(),
                        span,
                    });
                let history = parameter(part).history;
                changes.push(Change::Parameter {
                    target,
                    history,
                    span,
                });
            }
            _ => {}
        }
    }
    AmendmentBlock {
        from: from.unwrap_or(crate::ast::DateLit {
            text: String::new(),
            span,
        }),
        changes,
        span,
    }
}

fn missing(span: crate::span::Span) -> Ident {
    Ident {
        name: String::new(),
        span,
    }
}
