//! The words, punctuation and comments of a policy file, in the order they
//! are written, with where each stood in the source: what the layout is
//! rebuilt from.

use crate::syntax::Rule;

/// A comment, `#` to the end of its line, kept byte for byte (without the
/// line's end).
#[derive(Debug, Clone)]
pub(super) struct Comment {
    /// The comment's text, from its `#`.
    pub text: String,
    /// The line breaks between what comes before it and the comment.
    pub newlines: usize,
    /// The column its `#` stood at in the source, in characters.
    pub column: usize,
}

/// A word, a literal or a piece of punctuation of the file.
#[derive(Debug, Clone)]
pub(super) struct Token {
    /// The token as it is printed: as written, but for the words of
    /// several-word atoms (`or none`), joined by one space.
    pub text: String,
    /// The grammar rule of the token; for punctuation the grammar writes as a
    /// literal, the rule it is part of.
    pub rule: Rule,
    /// Whether it is punctuation written as a literal in its rule.
    pub literal: bool,
    /// The column it starts at in the source, in characters.
    pub column: usize,
    /// The line breaks between what comes before it and the token.
    pub newlines: usize,
    /// Whether the layout, not the source, starts a line with it: it goes
    /// one level in from its unit, wherever it stood in the source.
    pub forced: bool,
    /// The comments on lines of their own just before it.
    pub leading: Vec<Comment>,
    /// The comment at the end of its line, after it.
    pub trailing: Option<String>,
    /// Comments on lines of their own after it that end its unit: indented
    /// deeper than the token after them, and apart from it by a blank line.
    pub after: Vec<Comment>,
}

/// Collects tokens and comments in source order and attaches each comment:
/// one that ends a line of code to the token before it, one on a line of
/// its own to the token after it (or to the file's end).
#[derive(Debug, Default)]
pub(super) struct Tokens {
    /// Every token, in source order.
    pub items: Vec<Token>,
    /// Comments after the last token.
    pub tail: Vec<Comment>,
    /// The line breaks between the last token or comment and the end.
    newlines: usize,
    /// Whether the last thing seen was a token (not a comment).
    after_token: bool,
    /// The last offset whose column was asked, and that column: tokens
    /// come in order, so each column is counted from the one before, and a
    /// long line costs its length once, not once per token.
    cursor: (usize, usize),
    /// Whether the next token starts a line, being the first after an
    /// enumeration laid out one value a line: `default`, `=` or `or none`
    /// would otherwise read as part of the last value. A `,` or `)` that
    /// closes a list around the enumeration stays where it is.
    pub break_next: bool,
    /// Whether the next token stays on the line before it, being the `one`
    /// of an enumeration laid out one value a line: `: one of` ends the line
    /// the values are listed under. A comment before it keeps its line.
    pub join_next: bool,
}

impl Tokens {
    /// Adds a token whose text starts at byte `start` of `text`.
    pub fn push(&mut self, source: &str, start: usize, token: &str, rule: Rule, literal: bool) {
        let column = self.column_of(source, start);
        self.end_unit(column, self.newlines >= 2);
        let text = if matches!(rule, Rule::string | Rule::value_text) {
            token.to_string()
        } else {
            token.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let leading = std::mem::take(&mut self.tail);
        let mut newlines = std::mem::take(&mut self.newlines);
        let forced =
            std::mem::take(&mut self.break_next) && !(literal && matches!(token, "," | ")"));
        if forced {
            newlines = newlines.max(1);
        }
        if std::mem::take(&mut self.join_next) && leading.is_empty() {
            newlines = 0;
        }
        self.items.push(Token {
            text,
            rule,
            literal,
            column,
            newlines,
            forced,
            leading,
            trailing: None,
            after: Vec::new(),
        });
        self.after_token = true;
    }

    /// Reads the text between two tokens: white space, comments, and the
    /// punctuation the grammar writes as literals of `rule`.
    pub fn gap(&mut self, source: &str, from: usize, to: usize, rule: Rule) {
        let Some(text) = source.get(from..to) else {
            return;
        };
        let mut chars = text.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            match c {
                '\n' => self.newlines += 1,
                ' ' | '\t' | '\r' | '\u{FEFF}' => {}
                '#' => {
                    let mut end = text.len();
                    while let Some(&(next, n)) = chars.peek() {
                        if n == '\n' {
                            end = next;
                            break;
                        }
                        chars.next();
                    }
                    let body = text.get(offset..end).unwrap_or("#");
                    let body = body.strip_suffix('\r').unwrap_or(body).to_string();
                    let column = self.column_of(source, from + offset);
                    self.comment(body, column);
                }
                _ => {
                    let end = offset + c.len_utf8();
                    let literal = text.get(offset..end).unwrap_or_default();
                    self.push(source, from + offset, literal, rule, true);
                }
            }
        }
    }

    /// A comment: trailing when it shares a line with the token before it.
    fn comment(&mut self, text: String, column: usize) {
        if self.newlines == 0
            && self.after_token
            && let Some(last) = self.items.last_mut()
            && last.trailing.is_none()
        {
            last.trailing = Some(text);
        } else {
            self.tail.push(Comment {
                text,
                newlines: std::mem::take(&mut self.newlines),
                column,
            });
        }
        self.after_token = false;
    }
}

impl Tokens {
    /// Before a token at `column` (or the end of the file, column 0): the
    /// first comments waiting for it end the unit before it instead, when
    /// they are all indented deeper than it and a blank line (or the end)
    /// follows the last of them. `apart`: whether a blank line comes between
    /// the last comment and the token.
    fn end_unit(&mut self, column: usize, apart: bool) {
        let deeper = self.tail.iter().take_while(|c| c.column > column).count();
        // The longest run of deeper comments with a blank line after it.
        let ending = (1..=deeper).rev().find(|&n| match self.tail.get(n) {
            Some(next) => next.newlines >= 2,
            None => apart,
        });
        let Some(ending) = ending else {
            return;
        };
        if let Some(last) = self.items.last_mut() {
            last.after = self.tail.drain(..ending).collect();
        }
    }

    /// The column of a byte offset in its line, in characters; offsets are
    /// asked in increasing order.
    fn column_of(&mut self, source: &str, offset: usize) -> usize {
        let (from, column) = self.cursor;
        let column = match source.get(from.min(offset)..offset) {
            Some(between) if from <= offset => match between.rfind('\n') {
                Some(newline) => between[newline + 1..].chars().count(),
                None => column + between.chars().count(),
            },
            // Out of order or not on a character boundary: count from the
            // line's start.
            _ => source.get(..offset).map_or(0, |before| {
                before
                    .rsplit('\n')
                    .next()
                    .map_or(0, |line| line.chars().count())
            }),
        };
        self.cursor = (offset, column);
        column
    }

    /// At the end of the file: its last comments end the last unit when
    /// they are indented.
    pub fn finish(&mut self) {
        self.end_unit(0, true);
    }
}
