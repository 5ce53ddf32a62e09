//! Lints on verdict sentences that will read badly, checked on the words of
//! the `says` template as written:
//!
//! - `says_doubled_word`: a word written twice in a row ("is is", "the
//!   the"), also across a choice (`{is|is not} is`), or "if whether";
//! - `says_repeated_date`: one date written twice, by the same placeholder
//!   twice, or a written date and a placeholder that is that date;
//! - `says_yes_no_value`: a placeholder that writes a yes-or-no value, which
//!   reads "true" or "false" in the sentence.

use chrono::NaiveDate;

use super::Checker;
use super::boundary_phrases::words;
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{DefinitionInfo, Expr, ExprKind, TemplatePart, Type, VerdictInfo};
use crate::span::Span;
use crate::value::Value;

/// A piece of a template as written.
#[derive(Debug, Clone)]
enum Piece<'s> {
    /// Text written as is: its words, and whether punctuation ends or
    /// separates them, with the text's span.
    Text(&'s str, usize),
    /// A placeholder: its body and its span, braces included.
    Slot(&'s str, Span),
}

/// The pieces of a `says` literal: `inner` is the text between the quotes,
/// `start` its offset in the file. Escapes are kept as written: they are
/// punctuation to the lints.
fn pieces(inner: &str, start: usize) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut text_from = 0;
    let mut chars = inner.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' if chars.peek().map(|(_, c)| *c) == Some('{') => {
                chars.next();
            }
            '{' => {
                let close = chars.by_ref().find(|(_, c)| *c == '}').map(|(i, _)| i);
                let Some(close) = close else { break };
                if at > text_from {
                    pieces.push(Piece::Text(
                        inner.get(text_from..at).unwrap_or(""),
                        start + text_from,
                    ));
                }
                pieces.push(Piece::Slot(
                    inner.get(at + 1..close).unwrap_or(""),
                    Span::new(start + at, start + close + 1),
                ));
                text_from = close + 1;
            }
            _ => {}
        }
    }
    if text_from < inner.len() {
        pieces.push(Piece::Text(
            inner.get(text_from..).unwrap_or(""),
            start + text_from,
        ));
    }
    pieces
}

/// A token of a sentence as it will read: a word, or a break (punctuation,
/// or a value the lints do not read).
#[derive(Debug, Clone)]
enum Token {
    Word(String, Span),
    Break,
}

/// The tokens of a piece of text: words, with a break for any punctuation between them.
fn text_tokens(text: &str, start: usize, out: &mut Vec<Token>) {
    let mut previous_end = 0;
    for word in words(text, start) {
        let gap = text
            .get(previous_end..word.span.start - start)
            .unwrap_or("");
        if gap.chars().any(|c| !c.is_whitespace()) {
            out.push(Token::Break);
        }
        previous_end = word.span.end - start;
        out.push(Token::Word(word.lower, word.span));
    }
    let tail = text.get(previous_end..).unwrap_or("");
    if tail.chars().any(|c| !c.is_whitespace()) {
        out.push(Token::Break);
    }
}

/// The tokens of the sentence for one value of the verdict: 0 true, 1
/// false, 2 undetermined. A choice's words carry the choice's span.
fn tokens(pieces: &[Piece<'_>], which: usize) -> Vec<Token> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text, start) => text_tokens(text, *start, &mut out),
            Piece::Slot(body, span) if body.contains('|') => {
                let choices: Vec<&str> = body.split('|').collect();
                let chosen = match choices.get(which) {
                    Some(words) => words.to_string(),
                    // Without a third choice: "yes or no".
                    None => format!(
                        "{} or {}",
                        choices.first().unwrap_or(&""),
                        choices.get(1).unwrap_or(&"")
                    ),
                };
                let mut inner = Vec::new();
                text_tokens(&chosen, 0, &mut inner);
                out.extend(inner.into_iter().map(|t| match t {
                    Token::Word(word, _) => Token::Word(word, *span),
                    Token::Break => Token::Break,
                }));
            }
            Piece::Slot(..) => out.push(Token::Break),
        }
    }
    out
}

/// The date a placeholder's expression always is, if it is a written one
/// (directly, or as the whole body of the definition it names).
fn written_date(expr: &Expr, definitions: &[Option<DefinitionInfo>]) -> Option<NaiveDate> {
    let expr = match expr.kind {
        ExprKind::Definition(id) => &definitions.get(id as usize)?.as_ref()?.body,
        _ => expr,
    };
    match expr.kind {
        ExprKind::Const(Value::Date(day)) => Some(day),
        _ => None,
    }
}

impl Checker<'_> {
    /// The sentence lints, for every verdict with a `says` template.
    pub(super) fn lint_sentences(&mut self) {
        let mut problems = Vec::new();
        for decl in &self.file.verdicts {
            let Some(says) = &decl.says else { continue };
            let Some(verdict) = self.verdicts.iter().find(|v| v.name == decl.name.name) else {
                continue;
            };
            let literal = self.source.slice(says.span);
            let inner = literal
                .get(1..literal.len().saturating_sub(1))
                .unwrap_or("");
            let pieces = pieces(inner, says.span.start + 1);
            self.doubled_words(&pieces, &mut problems);
            self.repeated_dates(decl, verdict, &pieces, &mut problems);
            self.yes_no_values(verdict, &pieces, &mut problems);
        }
        for problem in problems {
            self.report(problem);
        }
    }

    fn doubled_words(&self, pieces: &[Piece<'_>], problems: &mut Vec<Problem>) {
        let mut seen: std::collections::BTreeSet<(usize, usize)> = Default::default();
        for which in 0..3 {
            let tokens = tokens(pieces, which);
            for pair in tokens.windows(2) {
                let [
                    Token::Word(first, first_span),
                    Token::Word(second, second_span),
                ] = pair
                else {
                    continue;
                };
                let doubled = first == second && !first.chars().all(|c| c.is_ascii_digit());
                let if_whether = first == "if" && second == "whether";
                if !(doubled || if_whether) || !seen.insert((first_span.start, second_span.start)) {
                    continue;
                }
                let reads = format!("{first} {second}");
                let help = if if_whether {
                    String::from(
                        "drop one of the two: \"if\" already asks the question \"whether\" asks",
                    )
                } else {
                    format!(
                        "write \"{first}\" once; where a choice brings the word, leave it out of the text around the choice"
                    )
                };
                let mut problem = Problem::error(
                    "provisio::says_doubled_word",
                    format!("the sentence will read \"{reads}\""),
                    *second_span,
                    format!("\"{second}\" again"),
                )
                .with_help(help)
                .as_warning();
                if first_span != second_span {
                    problem = problem.with_label(*first_span, format!("\"{first}\" here"));
                }
                problems.push(problem);
            }
        }
    }

    fn repeated_dates(
        &self,
        decl: &ast::VerdictDecl,
        verdict: &VerdictInfo,
        pieces: &[Piece<'_>],
        problems: &mut Vec<Problem>,
    ) {
        // Each date the sentence writes: its key (the written expression),
        // the day when known, and where.
        let mut dates: Vec<(Option<String>, Option<NaiveDate>, Span)> = Vec::new();
        let mut parts = verdict
            .template
            .parts
            .iter()
            .filter(|p| !matches!(p, TemplatePart::Literal(_)));
        for piece in pieces {
            match piece {
                Piece::Text(text, start) => {
                    let found = words(text, *start);
                    let mut at = 0;
                    while at < found.len() {
                        if let Some(day) = super::boundary_phrases::day_at(&found, at)
                            && let (Some(first), Some(last)) = (found.get(at), found.get(at + 2))
                        {
                            dates.push((None, Some(day), first.span.to(last.span)));
                            at += 3;
                        } else {
                            at += 1;
                        }
                    }
                }
                Piece::Slot(body, span) => match parts.next() {
                    Some(TemplatePart::Value) if verdict.ty == Type::Date => {
                        let key = decl.body.as_ref().map(|b| self.source.written(b.span));
                        let day = written_date(&verdict.body, &self.definitions);
                        dates.push((key, day, *span));
                    }
                    Some(TemplatePart::Expr(expr)) if expr.ty == Type::Date => {
                        let key = body.split_whitespace().collect::<String>();
                        let day = written_date(expr, &self.definitions);
                        dates.push((Some(key), day, *span));
                    }
                    _ => {}
                },
            }
        }
        // The first place each written expression and each day is written.
        let mut by_key: std::collections::BTreeMap<&str, Span> = Default::default();
        let mut by_day: std::collections::BTreeMap<NaiveDate, Span> = Default::default();
        for (key, day, span) in &dates {
            let first = key
                .as_deref()
                .and_then(|k| by_key.get(k))
                .or_else(|| day.and_then(|d| by_day.get(&d)))
                .copied();
            if let Some(k) = key.as_deref() {
                by_key.entry(k).or_insert(*span);
            }
            if let Some(d) = day {
                by_day.entry(*d).or_insert(*span);
            }
            if let Some(first_span) = first {
                let what = match (day, key) {
                    (Some(day), _) => crate::words::human_date(*day),
                    (None, Some(key)) => format!("the date `{key}`"),
                    (None, None) => String::from("the same date"),
                };
                problems.push(
                    Problem::error(
                        "provisio::says_repeated_date",
                        format!("the sentence will write {what} twice"),
                        *span,
                        "the same date again",
                    )
                    .with_label(first_span, "first written here")
                    .with_help(
                        "write the date once; if the two are meant to differ, name the other one",
                    )
                    .as_warning(),
                );
            }
        }
    }

    fn yes_no_values(
        &self,
        verdict: &VerdictInfo,
        pieces: &[Piece<'_>],
        problems: &mut Vec<Problem>,
    ) {
        let mut parts = verdict
            .template
            .parts
            .iter()
            .filter(|p| !matches!(p, TemplatePart::Literal(_)));
        for piece in pieces {
            let Piece::Slot(body, span) = piece else {
                continue;
            };
            let part = parts.next();
            let yes_no = match part {
                Some(TemplatePart::Value) => verdict.ty == Type::Bool,
                Some(TemplatePart::Expr(expr)) => expr.ty == Type::Bool,
                _ => false,
            };
            if !yes_no {
                continue;
            }
            let help = if matches!(part, Some(TemplatePart::Value)) {
                String::from(
                    "write a choice of words instead, such as `{is|is not|may or may not be}`",
                )
            } else {
                format!(
                    "a placeholder writes \"true\" or \"false\"; give `{}` a verdict of its own with a choice of words such as `{{is|is not}}`, or say it in words",
                    body.trim()
                )
            };
            problems.push(
                Problem::error(
                    "provisio::says_yes_no_value",
                    format!("`{{{}}}` is yes or no, and will read \"true\" or \"false\" in the sentence", body.trim()),
                    *span,
                    "writes true or false",
                )
                .with_help(help)
                .as_warning(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Token, pieces, tokens};

    fn words(text: &str, which: usize) -> Vec<String> {
        tokens(&pieces(text, 0), which)
            .into_iter()
            .map(|t| match t {
                Token::Word(w, _) => w,
                Token::Break => String::from("|"),
            })
            .collect()
    }

    #[test]
    fn reads_each_choice() {
        assert_eq!(
            words("It {is|is not} in force, {{x}}.", 1),
            ["it", "is", "not", "in", "force", "|", "x", "|"]
        );
        assert_eq!(
            words("It {is|is not} on {as_of}.", 2),
            ["it", "is", "or", "is", "not", "on", "|", "|"]
        );
    }
}
