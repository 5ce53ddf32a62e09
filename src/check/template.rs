//! Verdict sentences: `says "The moratorium {is|is not} in force on {as_of}."`.
//!
//! Placeholders in braces: `{value}` is the verdict's value; `{yes|no}` or
//! `{yes|no|undetermined}` choose words by a true, false or undetermined
//! verdict; any other name, such as `{as_of}` or `{para5.expiry_date}`, is an
//! expression resolved like any other. `{{` and `}}` write a brace.

use super::resolve::fits;
use super::{Checker, Scope};
use crate::ast::{self, Ident, Path};
use crate::diagnostic::Problem;
use crate::locale::Lang;
use crate::model::{Template, TemplatePart, Type};
use crate::span::Span;

impl<'a> Checker<'a> {
    /// Parses and checks a verdict's sentence; without one, the sentence is
    /// the verdict's name and value.
    pub(super) fn template(&mut self, verdict: &'a ast::VerdictDecl, ty: &Type) -> Template {
        let Some(says) = &verdict.says else {
            return Template {
                parts: vec![
                    TemplatePart::Literal(format!("{}: ", verdict.name.name.replace('_', " "))),
                    TemplatePart::Value,
                ],
            };
        };
        self.template_at(says.span, ty)
    }

    /// The verdict's sentence in each language it is translated into,
    /// parsed and checked like the English one, each problem at its own
    /// span. A code that is no language is reported elsewhere and skipped.
    pub(super) fn translated_templates(
        &mut self,
        verdict: &'a ast::VerdictDecl,
        ty: &Type,
    ) -> Vec<(Lang, Template)> {
        let Some(says) = &verdict.says else {
            return Vec::new();
        };
        let mut templates = Vec::new();
        for translation in &says.translations {
            if let Some(lang) = Lang::from_code(&translation.lang.name) {
                templates.push((lang, self.template_at(translation.span, ty)));
            }
        }
        templates
    }

    /// Parses and checks the sentence quoted at `span`, quotes included.
    fn template_at(&mut self, span: Span, ty: &Type) -> Template {
        // Work on the literal as written, so that spans point into the file.
        let raw = self.source.slice(span);
        let inner_start = span.start + 1;
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = inner.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, escaped)) = chars.next() {
                        literal.push(match escaped {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                    }
                }
                '{' if chars.peek().map(|(_, c)| *c) == Some('{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek().map(|(_, c)| *c) == Some('}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut end = None;
                    for (close, c) in chars.by_ref() {
                        if c == '}' {
                            end = Some(close);
                            break;
                        }
                    }
                    let Some(end) = end else {
                        self.report(
                            Problem::error(
                                "provisio::template",
                                "a `{` in the sentence is never closed",
                                Span::new(inner_start + offset, inner_start + offset + 1),
                                "opened here",
                            )
                            .with_help("close the placeholder with `}`, or write `{{` for a brace"),
                        );
                        break;
                    };
                    if !literal.is_empty() {
                        parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                    }
                    let body = inner.get(offset + 1..end).unwrap_or("");
                    let span = Span::new(inner_start + offset, inner_start + end + 1);
                    if let Some(part) = self.placeholder(body, inner_start + offset + 1, span, ty) {
                        parts.push(part);
                    }
                }
                '}' => {
                    self.report(
                        Problem::error(
                            "provisio::template",
                            "a `}` in the sentence closes nothing",
                            Span::new(inner_start + offset, inner_start + offset + 1),
                            "unmatched",
                        )
                        .with_help("write `}}` for a brace"),
                    );
                }
                other => literal.push(other),
            }
        }
        if !literal.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        // Line breaks and indentation inside the quotes fold like provision text.
        for part in &mut parts {
            if let TemplatePart::Literal(text) = part {
                *text = fold_keeping_edges(text);
            }
        }
        Template { parts }
    }

    fn placeholder(
        &mut self,
        body: &str,
        body_start: usize,
        span: Span,
        ty: &Type,
    ) -> Option<TemplatePart> {
        if body.contains('|') {
            let choices: Vec<&str> = body.split('|').collect();
            if !fits(ty, &Type::Bool) {
                let found = self.type_name(ty);
                self.report(
                    Problem::error(
                        "provisio::template",
                        format!("`{{{body}}}` chooses words for a true-or-false verdict, but this verdict is {found}"),
                        span,
                        "a choice",
                    )
                    .with_help("write `{value}` to show the verdict's value"),
                );
                return None;
            }
            return match choices.as_slice() {
                [yes, no] => Some(TemplatePart::Choice {
                    yes: yes.to_string(),
                    no: no.to_string(),
                    unknown: None,
                }),
                [yes, no, unknown] => Some(TemplatePart::Choice {
                    yes: yes.to_string(),
                    no: no.to_string(),
                    unknown: Some(unknown.to_string()),
                }),
                _ => {
                    self.report(
                        Problem::error(
                            "provisio::template",
                            format!("`{{{body}}}` has {} choices; write two or three", choices.len()),
                            span,
                            "too many `|`",
                        )
                        .with_help("`{is|is not}` or `{is|is not|may be}`: for true, false and undetermined"),
                    );
                    None
                }
            };
        }
        let name = body.trim();
        if name == "value" {
            return Some(TemplatePart::Value);
        }
        let lead = body.len() - body.trim_start().len();
        let mut segments = Vec::new();
        let mut at = body_start + lead;
        for segment in name.split('.') {
            let valid = segment
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                self.report(
                    Problem::error(
                        "provisio::template",
                        format!("`{{{body}}}` is not a placeholder"),
                        span,
                        "not a name",
                    )
                    .with_help(self.placeholder_example()),
                );
                return None;
            }
            segments.push(Ident {
                name: segment.to_string(),
                span: Span::new(at, at + segment.len()),
            });
            at += segment.len() + 1;
        }
        let path = ast::Expr {
            kind: ast::ExprKind::Path(Path {
                segments,
                span: Span::new(body_start + lead, body_start + lead + name.len()),
            }),
            span: Span::new(body_start + lead, body_start + lead + name.len()),
        };
        let expr = self.expr(&path, Scope { provision: None }, None);
        Some(TemplatePart::Expr(expr))
    }
}

/// Folds runs of white space inside a literal to single spaces, keeping a
/// single space at either edge where there was white space.
fn fold_keeping_edges(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = if text.starts_with(char::is_whitespace) && !folded.is_empty() {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(char::is_whitespace) && !folded.is_empty() {
        " "
    } else {
        ""
    };
    if folded.is_empty() && !text.is_empty() {
        return String::from(" ");
    }
    format!("{lead}{folded}{trail}")
}
