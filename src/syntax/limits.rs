//! Limits that keep parsing, checking and evaluation within a bounded stack.
//!
//! The parser, the lowering to the syntax tree, the checker, the evaluator,
//! the explanations and the renderers all walk an expression or a type
//! recursively, so one nested thousands of levels deep (a garbled file, or
//! one made to crash the tool) would exhaust the stack. Before parsing, one
//! linear scan over the words of the text bounds how deeply any item can
//! nest; past [`MAX_NESTING`] levels the file gets `provisio::too_deep`,
//! pointing at the word that crossed the limit. No policy a drafter writes
//! comes near it.
//!
//! The scan over-approximates: it may count a level the syntax tree does not
//! have, never miss one it has. It counts every form of the grammar that
//! nests:
//!
//! - **brackets**, closed by a word: parentheses and the arguments of a call
//!   `f(..)`, `record ... end` in a type, `marginal rates ... end` and
//!   `bracket table ... end`. Each opens a level one deeper than where it
//!   stands.
//! - **constructs that run to the end of the expression they stand in**:
//!   `if ... then ... else`, the aggregates (`count x in`, `sum`, `min` and
//!   `max ... for x in`, `any`, `every` and `all x in ... satisfies`) and the
//!   overlap `days from ... to ... within ... to` (with several periods, `,
//!   from ... to ...`, or `days of x in ... from`). Each opens a level too; the
//!   level closes with the bracket around it, or when a later `then`, `else`
//!   or `to` shows its last part has ended.
//! - **operators**, each one level over the operands before it, because a
//!   chain of them builds a tree as deep as it is long: every infix operator
//!   (`+ - * / of`, the comparisons, `is`, `is in`, `before`, `on or after`,
//!   ..., `or else`), the prefixes `not` and unary `-`, `is one of`, a
//!   duration's unit after a computed count (`n months`, `2 * 3 days`), a lookup's
//!   `as of` (which nests the operand after it), the rounding of an amount
//!   or a duration (`rounded`), and in types `list of` and `optional`.
//!
//! What separates parts rather than nesting them starts their count again
//! from the level they share: `and` and `or` (their chains stay flat in the
//! syntax tree), the `then`, `else` and `to` of the construct they belong
//! to, the `,` between a call's arguments and the `:` before a record
//! field's type or a bracket's rate. Words that can also name a fact
//! (`where`, `satisfies`, `for`, `within`, `over`, `plus`) never start a
//! count again, since a name must not hide the operators before it. An
//! item (`define`, `verdict`, `fact`, ...) starts from zero. Chains of
//! definitions are not bounded here: the stages that follow them grow their
//! stack instead (see [`crate::STACK_RED_ZONE`]).

use crate::diagnostic::Problem;
use crate::span::{SourceFile, Span};

/// The deepest an item's expressions and types may nest. Evaluating a chain
/// of arithmetic takes about 16 KiB of stack a level in a debug build (a few
/// KiB in a release build), so that this many levels fit in about 1 MiB:
/// within the 2 MiB of a spawned thread, and within the stack the checker
/// and the evaluator keep free before each definition
/// ([`crate::STACK_RED_ZONE`]).
pub const MAX_NESTING: usize = 64;

/// Reserved words that only start an item or a clause of one, never appear
/// inside an expression or a type: nesting starts again from zero.
const ITEM_WORDS: [&str; 21] = [
    "instrument",
    "symbol",
    "adopted",
    "event",
    "fact",
    "provision",
    "define",
    "exception",
    "verdict",
    "assume",
    "parameter",
    "prohibition",
    "obligation",
    "permission",
    "commitment",
    "binds",
    "action",
    "while",
    "when",
    "cites",
    "says",
];

/// One word or sign of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'t> {
    /// A name or a word of the language.
    Word(&'t str),
    /// A number, a date or a percentage: one operand.
    Number,
    /// A quoted text: one operand.
    Text,
    /// Punctuation or an operator sign.
    Sign(&'t str),
}

/// Splits the text into tokens, skipping white space and comments.
fn tokens(text: &str) -> Vec<(Token<'_>, Span)> {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(b' ');
    let digits = |mut i: usize| {
        while at(i).is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < bytes.len() {
        let start = i;
        let c = at(i);
        let token = match c {
            b'#' => {
                while i < bytes.len() && at(i) != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() {
                    match at(i) {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                Token::Text
            }
            c if c.is_ascii_digit() => {
                i = digits(i);
                // A date: 2026-03-31, whose dashes are no minus signs.
                if at(i) == b'-' && at(i + 1).is_ascii_digit() {
                    let month = digits(i + 1);
                    if at(month) == b'-' && at(month + 1).is_ascii_digit() {
                        i = digits(month + 1);
                    }
                }
                if at(i) == b'.' && at(i + 1).is_ascii_digit() {
                    i = digits(i + 1);
                }
                if at(i) == b'%' {
                    i += 1;
                }
                Token::Number
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while at(i).is_ascii_alphanumeric() || at(i) == b'_' {
                    i += 1;
                }
                Token::Word(text.get(start..i).unwrap_or(""))
            }
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            _ => {
                // `<=`, `>=` and `!=` are one operator; any other sign is one byte
                // (or one character, for the rest of the text).
                let two = matches!((c, at(i + 1)), (b'<' | b'>' | b'!', b'='));
                i += if two {
                    2
                } else {
                    text.get(i..)
                        .and_then(|rest| rest.chars().next())
                        .map_or(1, char::len_utf8)
                };
                Token::Sign(text.get(start..i).unwrap_or(""))
            }
        };
        out.push((token, Span::new(start, i)));
    }
    out
}

/// What opened a level, and so what closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// An item: closed by the next item.
    Item,
    /// `(`, alone or after a function's name: closed by `)`.
    Paren,
    /// `record`, `marginal rates`, `bracket table`: closed by `end`.
    Block,
    /// `if`; the count of `then` and `else` met.
    If(u8),
    /// `days from` or `days of x in`; the count of `to` met in the current
    /// period (`, from` starts a period again, and `within` the window).
    Overlap(u8),
    /// `count`, `any`, `every` or `all x in`: closed with what surrounds it.
    Aggregate,
    /// `sum`, `min` or `max`, whose body may end with a rounding `to`.
    Total,
}

impl Opener {
    fn is_bracket(self) -> bool {
        matches!(self, Opener::Item | Opener::Paren | Opener::Block)
    }
}

/// One open level: a bracket or a construct, with the part being scanned.
#[derive(Debug, Clone, Copy)]
struct Level {
    opener: Opener,
    /// How deep the level's parts start.
    base: usize,
    /// Operators met in the current part, each a level over what came before.
    operators: usize,
    /// How much deeper than the operators the deepest operand of the current
    /// part reaches (a closed bracket or construct).
    operand: usize,
    /// The deepest its earlier parts reached.
    deepest: usize,
}

impl Level {
    fn new(opener: Opener, base: usize) -> Self {
        Level {
            opener,
            base,
            operators: 0,
            operand: 0,
            deepest: base,
        }
    }

    /// How deep the current part reaches.
    fn reach(&self) -> usize {
        self.base + self.operators + self.operand
    }

    /// How deep the level reaches, all parts together.
    fn deepest(&self) -> usize {
        self.deepest.max(self.reach())
    }

    /// Starts a new part at the level's base.
    fn next_part(&mut self, operators: usize) {
        self.deepest = self.deepest();
        self.operators = operators;
        self.operand = 0;
    }
}

/// The scan: a stack of open levels, innermost last.
struct Scan {
    levels: Vec<Level>,
    /// Whether a level has reached deeper than the limit.
    crossed: bool,
    limit: usize,
}

impl Scan {
    fn top(&mut self) -> &mut Level {
        if self.levels.is_empty() {
            self.levels.push(Level::new(Opener::Item, 0));
        }
        let last = self.levels.len() - 1;
        &mut self.levels[last]
    }

    /// Whether the innermost level, or one closed since, reaches past the limit.
    fn too_deep(&mut self) -> bool {
        self.crossed || self.top().reach() > self.limit
    }

    fn restart(&mut self) {
        self.levels.clear();
        self.levels.push(Level::new(Opener::Item, 0));
    }

    fn operator(&mut self) {
        self.top().operators += 1;
    }

    fn open(&mut self, opener: Opener) {
        let top = *self.top();
        let base = top.base + top.operators + 1;
        self.levels.push(Level::new(opener, base));
    }

    /// Closes the innermost level, which becomes an operand of the one around it.
    fn close(&mut self) {
        if self.levels.len() <= 1 {
            return;
        }
        if let Some(closed) = self.levels.pop() {
            self.crossed |= closed.deepest() > self.limit;
            let top = self.top();
            let height = closed.deepest().saturating_sub(top.base + top.operators);
            top.operand = top.operand.max(height);
        }
    }

    /// Closes levels down to the innermost one `closes` accepts; a closing
    /// word with nothing open for it closes nothing.
    fn close_to(&mut self, closes: impl Fn(Opener) -> bool) {
        let Some(target) = self.levels.iter().rposition(|l| closes(l.opener)) else {
            return;
        };
        if target == 0 {
            return;
        }
        while self.levels.len() > target {
            self.close();
        }
    }

    /// Whether the innermost level is the periods of `days from` or `days of`.
    fn in_periods(&mut self) -> bool {
        matches!(self.top().opener, Opener::Overlap(_))
    }

    /// Closes the constructs inside the innermost bracket, whose part ends here.
    fn close_constructs(&mut self) {
        while self.levels.len() > 1 && !self.top().opener.is_bracket() {
            self.close();
        }
    }

    /// `then`, `else` or `to`: the part of the construct it belongs to ends.
    /// Constructs whose last part has ended close; the one that expects the
    /// word goes on to its next part.
    fn keyword(&mut self, word: &str) {
        loop {
            let top = self.top();
            let claims = match (top.opener, word) {
                (Opener::If(0), "then") | (Opener::If(1), "else") => true,
                (Opener::Overlap(met), "to") if met < 2 => true,
                (Opener::If(2) | Opener::Overlap(2) | Opener::Aggregate, _) => false,
                (Opener::Total, "then" | "else") => false,
                // A bracket, a construct that cannot end here, or a rounding
                // clause's `to`: the word belongs to the part being scanned.
                _ => {
                    top.next_part(0);
                    return;
                }
            };
            if claims {
                top.opener = match top.opener {
                    Opener::If(met) => Opener::If(met + 1),
                    Opener::Overlap(met) => Opener::Overlap(met + 1),
                    other => other,
                };
                top.next_part(0);
                return;
            }
            self.close();
        }
    }
}

/// Checks the nesting bound; the problem points at the token that crossed it.
pub fn check_nesting(source: &SourceFile) -> Result<(), Problem> {
    scan(&source.text, MAX_NESTING).map_err(|span| too_deep(source, span))
}

/// Scans the text; the span of the token that crossed the limit, if one did.
fn scan(text: &str, limit: usize) -> Result<(), Span> {
    let tokens = tokens(text);
    let word = |i: usize| match tokens.get(i) {
        Some((Token::Word(w), _)) => Some(*w),
        _ => None,
    };
    let sign = |i: usize| match tokens.get(i) {
        Some((Token::Sign(s), _)) => Some(*s),
        _ => None,
    };
    let mut scan = Scan {
        levels: Vec::new(),
        crossed: false,
        limit,
    };
    scan.restart();
    // An item whose `=` (a definition's or a verdict's) is still to come.
    let mut awaiting_equals = false;
    let mut i = 0usize;
    while let Some(&(token, span)) = tokens.get(i) {
        let next = word(i + 1);
        let mut skip = 0usize;
        match token {
            Token::Number | Token::Text => {}
            Token::Sign("(") => scan.open(Opener::Paren),
            Token::Sign(")") => scan.close_to(|o| o == Opener::Paren),
            // A list literal or an index: its entries are one level down,
            // as a call's arguments.
            Token::Sign("[") => scan.open(Opener::Paren),
            Token::Sign("]") => scan.close_to(|o| o == Opener::Paren),
            Token::Sign(",") if next == Some("from") && scan.in_periods() => {
                // `days from a to b, from c to d within ...`: the next period.
                scan.top().opener = Opener::Overlap(0);
                scan.top().next_part(0);
            }
            Token::Sign("," | ":") => {
                scan.close_constructs();
                scan.top().next_part(0);
            }
            Token::Sign("=") if awaiting_equals && scan.levels.len() == 1 => {
                awaiting_equals = false;
                scan.top().next_part(0);
            }
            Token::Sign("+" | "-" | "*" | "/" | "<" | ">" | "=" | "<=" | ">=" | "!=" | "!") => {
                scan.operator();
            }
            Token::Sign(_) => {}
            Token::Word(w) if ITEM_WORDS.contains(&w) => {
                scan.restart();
                awaiting_equals = matches!(w, "define" | "verdict" | "assume");
            }
            Token::Word("or") if next == Some("else") => {
                // `a or else b or else c` nests to the right, one level an
                // operator, unlike a chain of `or`.
                scan.operator();
                skip = 1;
            }
            Token::Word("and" | "or") => {
                // The chain node holds every operand one level down, the
                // operand before it included.
                scan.operator();
                if scan.too_deep() {
                    return Err(span);
                }
                scan.top().next_part(1);
            }
            Token::Word("then" | "else" | "to") => {
                if let Token::Word(w) = token {
                    scan.keyword(w);
                }
            }
            Token::Word("if") => scan.open(Opener::If(0)),
            Token::Word("record") => scan.open(Opener::Block),
            Token::Word("marginal") if next == Some("rates") => scan.open(Opener::Block),
            Token::Word("bracket") if next == Some("table") => scan.open(Opener::Block),
            Token::Word("end") => scan.close_to(|o| o == Opener::Block),
            Token::Word("days")
                if next == Some("from")
                    && !matches!(tokens.get(i.wrapping_sub(1)), Some((Token::Number, _))) =>
            {
                scan.open(Opener::Overlap(0));
                skip = 1;
            }
            Token::Word("days") if next == Some("of") && word(i + 3) == Some("in") => {
                // `days of p in L from a to b within c to d`.
                scan.open(Opener::Overlap(0));
                skip = 3;
            }
            Token::Word("within") if scan.in_periods() => {
                // The window's `to` comes next, whatever periods came before.
                scan.top().opener = Opener::Overlap(1);
            }
            Token::Word(
                "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years",
            ) if !matches!(tokens.get(i.wrapping_sub(1)), Some((Token::Number, _)))
                || matches!(tokens.get(i.wrapping_sub(2)), Some((Token::Sign("*"), _))) =>
            {
                // A unit after anything but a written number (`n months`,
                // `2 * 3 days`) nests the count under it.
                scan.operator()
            }
            Token::Word("count" | "any" | "every" | "all")
                if next.is_some() && word(i + 2) == Some("in") =>
            {
                scan.open(Opener::Aggregate);
                skip = 2;
            }
            // `the m in L with the least K`: nested as an aggregate.
            Token::Word("the") if next.is_some() && word(i + 2) == Some("in") => {
                scan.open(Opener::Aggregate);
                skip = 2;
            }
            Token::Word("sum" | "min" | "max") if sign(i + 1) != Some("(") => {
                scan.open(Opener::Total);
            }
            Token::Word("one") if next == Some("of") => {
                // `one of a, b, c`: the names listed are one operand.
                skip = if word(i + 2).is_some() { 2 } else { 1 };
                while sign(i + skip + 1) == Some(",") && word(i + skip + 2).is_some() {
                    skip += 2;
                }
            }
            Token::Word("list" | "as") if next == Some("of") => {
                scan.operator();
                skip = 1;
            }
            Token::Word("on") if next == Some("or") => {
                // `on or before` and `on or after`: one operator.
                scan.operator();
                skip = if matches!(word(i + 2), Some("before" | "after")) {
                    2
                } else {
                    1
                };
            }
            Token::Word("not" | "is" | "of" | "before" | "after" | "optional" | "rounded") => {
                scan.operator()
            }
            Token::Word(_) if sign(i + 1) == Some("(") => {
                // A call: its arguments are one level down.
                scan.open(Opener::Paren);
                skip = 1;
            }
            Token::Word(_) => {}
        }
        if scan.too_deep() {
            return Err(span);
        }
        i += 1 + skip;
    }
    Ok(())
}

fn too_deep(source: &SourceFile, span: Span) -> Problem {
    Problem::error(
        "provisio::too_deep",
        format!("this expression nests more than {MAX_NESTING} levels deep"),
        span,
        "the limit is crossed here",
    )
    .with_help("split the expression into several `define`s, each naming a part of it")
    .in_file(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crossing(text: &str) -> Option<String> {
        check_nesting(&SourceFile::new("p", text))
            .err()
            .and_then(|p| p.span())
            .map(|s| text.get(s.start..s.end).unwrap_or("").to_string())
    }

    /// How deep the scan counts a text: the least limit it passes.
    fn counted_depth(text: &str) -> usize {
        (0..).find(|limit| scan(text, *limit).is_ok()).unwrap_or(0)
    }

    #[test]
    fn the_bundled_policies_stay_far_from_the_limit() {
        for text in [
            include_str!("../../rules/wto/mc13-ecommerce.policy"),
            include_str!("../../rules/us-home-sale/principal-residence.policy"),
            include_str!("../../rules/us-corporate-tax/corporate-rates.policy"),
            include_str!("../../rules/us-income-tax/income-tax-and-child-credit.policy"),
        ] {
            assert!(counted_depth(text) <= 8);
        }
    }

    #[test]
    fn rejects_deep_parentheses() {
        let text = format!("verdict v = {}1{}", "(".repeat(10_000), ")".repeat(10_000));
        let problem = check_nesting(&SourceFile::new("p", text)).err();
        assert_eq!(problem.map(|p| p.code), Some("provisio::too_deep"));
    }

    #[test]
    fn rejects_long_chains_of_operators() {
        let text = format!("verdict v = a{}", " + a".repeat(1_000));
        assert!(check_nesting(&SourceFile::new("p", text)).is_err());
    }

    #[test]
    fn accepts_long_flat_chains_of_conditions() {
        let text = format!("verdict v = x is a{}", " or not x is a".repeat(1_000));
        assert!(check_nesting(&SourceFile::new("p", text)).is_ok());
    }

    #[test]
    fn counts_again_from_each_item() {
        let one = format!("a{}", " + a".repeat(MAX_NESTING - 1));
        let text = format!("provision p text \"t\" define x = {one} define y = {one}");
        assert!(check_nesting(&SourceFile::new("p", text)).is_ok());
    }

    #[test]
    fn the_limit_is_crossed_at_the_word_one_level_too_deep() {
        let exact = format!("verdict v = 1{}", " of 1".repeat(MAX_NESTING));
        assert_eq!(crossing(&exact), None);
        let over = format!("verdict v = 1{} + 1", " of 1".repeat(MAX_NESTING));
        assert_eq!(crossing(&over).as_deref(), Some("+"));
    }

    #[test]
    fn operands_closed_before_a_chain_still_count_under_it() {
        // `(((1))) + 1 + ...`: the parentheses end up under every `+`.
        let inner = format!("{}1{}", "(".repeat(50), ")".repeat(50));
        let text = format!("verdict v = {inner}{}", " + 1".repeat(20));
        assert_eq!(crossing(&text).as_deref(), Some("+"));
    }

    #[test]
    fn a_name_cannot_reset_the_count() {
        // `reading`, `text` and `from` appear inside expressions and types.
        let text = format!("verdict v = {}1", "(reading r is a) + (".repeat(200));
        assert!(crossing(&text).is_some());
        let text = format!("fact f: {}integer", "record a: text b: ".repeat(200));
        assert_eq!(crossing(&text).as_deref(), Some("record"));
        let text = format!("verdict v = 1{}", " + from".repeat(200));
        assert_eq!(crossing(&text).as_deref(), Some("+"));
    }

    #[test]
    fn a_list_of_names_does_not_hide_the_chain_around_it() {
        let text = format!("verdict v = f(x{})", " + x is one of a, b".repeat(200));
        assert_eq!(crossing(&text).as_deref(), Some("is"));
    }

    #[test]
    fn chains_of_on_or_before_nest() {
        let text = format!("verdict v = d{}", " on or before d".repeat(200));
        assert_eq!(crossing(&text).as_deref(), Some("on"));
    }

    #[test]
    fn sibling_arguments_and_branches_do_not_add_up() {
        let branch = format!("if c then {} else 2", "x + ".repeat(MAX_NESTING - 3) + "1");
        let text = format!("verdict v = earliest({})", vec![branch; 50].join(", "));
        assert_eq!(crossing(&text), None);
        let chain = "if c then 1 else ".repeat(MAX_NESTING);
        assert_eq!(crossing(&format!("verdict v = {chain}2")), None);
    }

    #[test]
    fn dates_are_not_subtractions() {
        let text = format!(
            "verdict v = d is 2026-01-01{}",
            " and d is 2026-01-01".repeat(100)
        );
        assert_eq!(crossing(&text), None);
    }
}
