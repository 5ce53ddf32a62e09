//! Printing the layout tree: line units at their indentation, the line
//! breaks the drafter chose inside expressions and types kept, one space
//! between tokens on a line (none inside brackets, before `,` `:` `.`, and
//! between a name and its call's parenthesis), comments where they were.

use super::tokens::{Comment, Token};
use super::tree::{Node, Unit};
use crate::syntax::Rule;

/// Where the next token goes when it starts a line unit.
#[derive(Debug, Clone, Copy)]
struct Start {
    indent: usize,
    /// `Some(true)`: a blank line before it; `None`: as in the source.
    blank: Option<bool>,
}

/// The line unit a continuation line belongs to.
#[derive(Debug, Clone, Copy)]
struct Context {
    /// Its indentation in the output.
    indent: usize,
    /// The source column of its first token.
    column: usize,
    /// The source column of its first continuation line, once printed.
    first_continuation: Option<usize>,
}

/// Writes the formatted text.
pub(super) struct Printer<'a> {
    tokens: &'a [Token],
    out: String,
    /// Whether the line in progress ends with a comment.
    after_comment: bool,
    /// The start of the line unit whose first token comes next.
    start: Option<Start>,
    /// The previous token, for the spacing.
    previous: Option<usize>,
    /// The line units being printed, outermost first.
    stack: Vec<Context>,
    /// Comments that end a unit, with the indentation of the unit they were
    /// under, printed when the next line starts (whose indentation they must
    /// stay deeper than).
    ending: Vec<(&'a Comment, usize)>,
}

impl<'a> Printer<'a> {
    /// A printer over the file's tokens.
    pub fn new(tokens: &'a [Token]) -> Self {
        Printer {
            tokens,
            out: String::new(),
            after_comment: false,
            start: None,
            previous: None,
            stack: Vec::new(),
            ending: Vec::new(),
        }
    }

    /// Prints the whole file and its last comments.
    pub fn file(mut self, root: &Unit, tail: &[Comment]) -> String {
        let mut before: Option<&Unit> = None;
        for child in &root.children {
            match child {
                Node::Token(index) => self.token(*index),
                Node::Unit(unit) => {
                    let blank = top_level_blank(before.map(|u| u.rule), unit.rule);
                    self.line_unit(unit, blank);
                    before = Some(unit);
                }
            }
        }
        for comment in tail {
            self.comment_line(comment, 0, comment.newlines >= 2);
        }
        self.flush_ending(0);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }

    /// Prints a line unit, whose first token starts a line.
    fn line_unit(&mut self, unit: &Unit, blank: Option<bool>) {
        let indent = unit.indent.unwrap_or(0);
        let column = unit
            .first_token()
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |t| t.column);
        self.start = Some(Start { indent, blank });
        self.stack.push(Context {
            indent,
            column,
            first_continuation: None,
        });
        self.children(unit);
        self.stack.pop();
        self.start = None;
    }

    /// Prints a unit's children in the context of its line unit.
    fn children(&mut self, unit: &Unit) {
        for child in &unit.children {
            match child {
                Node::Token(index) => self.token(*index),
                Node::Unit(inner) if inner.indent.is_some() => self.line_unit(inner, None),
                Node::Unit(inner) => {
                    stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
                        self.children(inner);
                    });
                }
            }
        }
    }

    /// Prints a token with the comments on the lines before it and the one
    /// after it.
    fn token(&mut self, index: usize) {
        let tokens = self.tokens;
        let Some(token) = tokens.get(index) else {
            return;
        };
        let start = self.start.take();
        let (line, mut blank) = match start {
            Some(start) => (Some(start.indent), start.blank),
            None if token.newlines > 0 || self.after_comment || !token.leading.is_empty() => {
                (Some(self.continuation(token)), None)
            }
            None => (None, None),
        };
        if let Some(indent) = line {
            for comment in &token.leading {
                let gap = blank.take().unwrap_or(comment.newlines >= 2);
                self.comment_line(comment, indent, gap);
            }
            let gap = blank.unwrap_or(token.newlines >= 2);
            self.new_line(indent, gap);
        } else if let Some(previous) = self.previous.and_then(|p| self.tokens.get(p))
            && spaced(previous, token)
        {
            self.out.push(' ');
        }
        self.out.push_str(&token.text);
        self.after_comment = false;
        if let Some(comment) = &token.trailing {
            self.out.push(' ');
            self.out.push_str(comment);
            self.after_comment = true;
        }
        self.previous = Some(index);
        for comment in &token.after {
            let indent = self.stack_indent(comment.column);
            self.ending.push((comment, indent));
        }
    }

    /// Prints the comments that end a unit before a line at `next`: deeper
    /// than it, with a blank line after them, so that they still end the
    /// unit when the file is read again. Whether there were any.
    fn flush_ending(&mut self, next: usize) -> bool {
        if self.ending.is_empty() {
            return false;
        }
        for (comment, indent) in std::mem::take(&mut self.ending) {
            self.out.push('\n');
            if comment.newlines >= 2 {
                self.out.push('\n');
            }
            self.out
                .extend(std::iter::repeat_n(' ', indent.max(next + 2)));
            self.out.push_str(&comment.text);
        }
        self.after_comment = true;
        true
    }

    /// The indentation of a continuation line: its unit's first continuation
    /// line one level in, the others as far right of it as they were in the
    /// source, and at least one level in (a closing `end`, `)` or `]` may
    /// come back to the unit's own).
    fn continuation(&mut self, token: &Token) -> usize {
        let Some(context) = self.stack.last_mut() else {
            return 0;
        };
        let closing = matches!(
            token.rule,
            Rule::kw_end | Rule::close_paren | Rule::close_bracket
        ) || (token.literal && matches!(token.text.as_str(), ")" | "]"));
        let least = if closing {
            context.indent
        } else {
            context.indent + 2
        };
        let first = *context.first_continuation.get_or_insert(token.column);
        if token.forced {
            return least;
        }
        let shifted = (context.indent + 2 + token.column).saturating_sub(first);
        shifted.max(least)
    }

    /// The indentation of a comment that ends a unit: that of the deepest
    /// unit it was indented under.
    fn stack_indent(&self, column: usize) -> usize {
        self.stack
            .iter()
            .rev()
            .find(|context| context.column <= column)
            .map_or(0, |context| context.indent)
    }

    /// Prints a comment on a line of its own.
    fn comment_line(&mut self, comment: &Comment, indent: usize, blank: bool) {
        self.new_line(indent, blank);
        self.out.push_str(&comment.text);
        self.after_comment = true;
    }

    /// Ends the line in progress (with a blank line after it if `blank`) and
    /// indents the next; at the start of the file, only indents.
    fn new_line(&mut self, indent: usize, blank: bool) {
        let blank = self.flush_ending(indent) || blank;
        if !self.out.is_empty() {
            self.out.push('\n');
            if blank {
                self.out.push('\n');
            }
        }
        self.out.extend(std::iter::repeat_n(' ', indent));
    }
}

/// Whether a blank line comes before a top-level item: always before a
/// provision and an amendment, and after the header, a provision or an
/// amendment; elsewhere as in the source.
fn top_level_blank(before: Option<Rule>, rule: Rule) -> Option<bool> {
    let before = before?;
    let apart = |r: Rule| matches!(r, Rule::provision | Rule::amendment_block);
    if apart(rule) || apart(before) || before == Rule::instrument {
        Some(true)
    } else {
        None
    }
}

/// Whether one space separates two tokens on a line.
fn spaced(previous: &Token, next: &Token) -> bool {
    let after = previous.text.as_str();
    let before = next.text.as_str();
    let closes = matches!(
        next.rule,
        Rule::colon | Rule::close_paren | Rule::close_bracket
    ) || (next.literal && matches!(before, "," | ")" | "]" | "."));
    let opens = previous.literal && matches!(after, "(" | "[" | ".");
    let attached = next.literal
        && ((before == "(" && matches!(next.rule, Rule::call | Rule::parameter_list))
            || (before == "[" && next.rule == Rule::op_index));
    !(closes || opens || attached || previous.rule == Rule::op_neg)
}
