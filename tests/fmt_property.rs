//! A property test of `provisio fmt` over generated policies: instruments,
//! facts, events, records, named types, lists, money, assumptions,
//! readings, provisions with definitions, rate scales, aggregates,
//! exceptions, dated values and deontic rules in any clause order, and
//! verdicts, with comments and white space of every kind between any two
//! tokens and texts that hold quotes, `#`, line breaks and runs of spaces.
//! Formatting is idempotent, keeps the checked model (or the same problems),
//! and keeps every comment and every text byte for byte.

mod fmt_support;

use fmt_support::{comments, first_difference, format, meaning, texts};
use proptest::prelude::*;

/// A small deterministic source of choices, from a seed.
struct Choices(u64);

impl Choices {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The words texts are made of: quotes escaped, `#`, non-ASCII letters.
const WORDS: &[&str] = &[
    "the",
    "Members",
    "shall",
    "not",
    "impose",
    "duties",
    "on",
    "transmissions",
    "until",
    "#3",
    "\\\"quoted\\\"",
    "—",
    "é",
    "30",
    "days",
    "(a)",
    "rate:",
    "a\\\\b",
    "{value}",
];

/// A text of several words, with line breaks and runs of spaces between
/// some of them, and the words, for a phrase to cite.
fn text(choices: &mut Choices) -> (String, Vec<&'static str>) {
    let count = 3 + choices.below(8);
    let words: Vec<&str> = (0..count).map(|_| choices.pick(WORDS)).collect();
    let mut body = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            body.push_str(choices.pick(&[" ", " ", " ", "  ", "\n        ", "\n", "\n\t  "]));
        }
        body.push_str(word);
    }
    (format!("\"{body}\""), words)
}

/// A phrase of a text's words, as `cites` quotes it.
fn phrase(choices: &mut Choices, words: &[&str]) -> String {
    let start = choices.below(words.len());
    let len = 1 + choices.below(words.len() - start);
    format!("\"{}\"", words[start..start + len].join(" "))
}

/// Builds a policy's tokens.
struct Policy {
    tokens: Vec<String>,
}

impl Policy {
    fn push(&mut self, token: impl Into<String>) {
        self.tokens.push(token.into());
    }

    fn all(&mut self, tokens: &[&str]) {
        for token in tokens {
            self.push(*token);
        }
    }
}

/// An integer expression over the integer facts and the record's field.
fn integer(choices: &mut Choices, p: &mut Policy, depth: usize) {
    match if depth == 0 {
        choices.below(3)
    } else {
        choices.below(7)
    } {
        0 => p.push(choices.pick(&["n0", "n1", "rec", "0", "7", "100"])),
        1 => {
            if p.tokens.last().is_some_and(|t| t == "rec") {
                p.all(&[".", "a"]);
            } else {
                p.push(choices.pick(&["n0", "n1", "42"]));
            }
        }
        2 => p.push(format!("{}", choices.below(1000))),
        3 => {
            p.push("(");
            integer(choices, p, depth - 1);
            p.push(")");
        }
        4 | 5 => {
            integer(choices, p, depth - 1);
            p.push(choices.pick(&["+", "-", "*"]));
            integer(choices, p, depth - 1);
        }
        _ => {
            // In parentheses: an operator after `else` would belong to its
            // branch.
            p.all(&["(", "if"]);
            boolean(choices, p, depth - 1);
            p.push("then");
            integer(choices, p, depth - 1);
            p.push("else");
            integer(choices, p, depth - 1);
            p.push(")");
        }
    }
    // `rec` alone is not an integer: finish it as its field.
    if p.tokens.last().is_some_and(|t| t == "rec") {
        p.all(&[".", "a"]);
    }
}

/// A condition.
fn boolean(choices: &mut Choices, p: &mut Policy, depth: usize) {
    match if depth == 0 {
        choices.below(3)
    } else {
        choices.below(6)
    } {
        0 => p.push(choices.pick(&["flag", "true", "false"])),
        1 => p.all(&["reading", "r0", "is", choices.pick(&["wide", "narrow"])]),
        2 => p.all(&[
            "ev",
            ".",
            "opening",
            choices.pick(&["before", "on or after", "after"]),
            "as_of",
        ]),
        3 => {
            integer(choices, p, depth - 1);
            p.push(choices.pick(&[">", "<=", "=", "!="]));
            integer(choices, p, depth - 1);
        }
        4 => {
            boolean(choices, p, depth - 1);
            p.push(choices.pick(&["and", "or"]));
            boolean(choices, p, depth - 1);
        }
        _ => {
            p.push("not");
            p.push("(");
            boolean(choices, p, depth - 1);
            p.push(")");
        }
    }
}

/// A whole policy as tokens.
fn policy(choices: &mut Choices) -> Vec<String> {
    let mut p = Policy { tokens: Vec::new() };
    let (title, _) = text(choices);
    p.all(&["instrument", &title]);
    let mut header: Vec<Vec<&str>> = vec![
        vec!["adopted", "2024-01-01"],
        vec!["symbol", "\"WT/X(24)/1\""],
        vec!["in", "force", "from", "adoption"],
    ];
    choices.shuffle(&mut header);
    let written = 1 + choices.below(3);
    for clause in header.iter().take(written) {
        p.all(clause);
    }
    if !header.iter().take(written).any(|c| c[0] == "adopted") {
        p.all(&["adopted", "2024-01-01"]);
    }
    let mut items: Vec<u8> = vec![0, 1, 2, 3, 4, 5, 6];
    choices.shuffle(&mut items);
    for item in items {
        match item {
            0 => p.all(&["fact", "n0", "\"the first number\"", ":", "integer"]),
            1 => {
                p.all(&[
                    "fact",
                    "n1",
                    "\"the second number\"",
                    ":",
                    "optional",
                    "integer",
                ]);
                p.all(&["fact", "flag", "\"the flag is set\"", ":", "boolean"]);
                if choices.chance(50) {
                    p.all(&["default", "false"]);
                }
            }
            2 => {
                p.all(&["fact", "rec", "\"a record\"", ":", "record"]);
                p.all(&["a", "\"its number\"", ":", "integer"]);
                p.all(&[
                    "b",
                    "\"its kind\"",
                    ":",
                    "one",
                    "of",
                    "x",
                    ",",
                    "y",
                    ",",
                    "z",
                ]);
                p.push("end");
            }
            5 => {
                p.all(&[
                    "fact",
                    "income",
                    "\"the income\"",
                    ":",
                    "money",
                    "in",
                    "USD",
                ]);
                p.all(&["type", "member", "\"a member\"", ":", "record"]);
                p.all(&["age", "\"the member's age\"", ":", "integer", "end"]);
                p.all(&[
                    "fact",
                    "members",
                    "\"the members\"",
                    ":",
                    "list",
                    "of",
                    "member",
                ]);
            }
            6 => {
                p.all(&["assume", "\"the first number is not negative\"", "="]);
                p.all(&["n0", ">=", "0"]);
            }
            3 => {
                p.all(&["event", "ev", "\"the event\""]);
                if choices.chance(50) {
                    p.all(&["closing", "2025-01-02", "opening", "2025-01-01"]);
                }
            }
            _ => p.all(&[
                "reading",
                "r0",
                "\"which way to read it\"",
                "wide",
                "(",
                "default",
                ")",
                "\"the wide reading\"",
                "narrow",
                "\"the narrow reading\"",
            ]),
        }
    }
    let provisions = 1 + choices.below(3);
    for i in 0..provisions {
        let (body, words) = text(choices);
        p.all(&["provision", &format!("p{i}"), "\"a heading\""]);
        let mut clauses: Vec<Vec<String>> = vec![vec!["text".into(), body]];
        if choices.chance(30) {
            clauses.push(
                [
                    "in",
                    "force",
                    "until",
                    "2030-01-01",
                    "exclusive",
                    "from",
                    "adoption",
                ]
                .map(String::from)
                .to_vec(),
            );
        }
        // The definition an exception overrides, then the other rules.
        let mut rule = Policy { tokens: Vec::new() };
        rule.all(&["define", "d0", "\"the amount\"", "by", "default"]);
        integer(choices, &mut rule, 3);
        rule.push("cites");
        rule.push(phrase(choices, &words));
        clauses.push(rule.tokens);
        for j in 1..1 + choices.below(4) {
            let mut rule = Policy { tokens: Vec::new() };
            match choices.below(6) {
                4 => {
                    rule.all(&[
                        "define",
                        &format!("d{j}"),
                        "\"the tax\"",
                        "=",
                        "marginal",
                        "rates",
                    ]);
                    rule.all(&[
                        "over", "USD", "0", ":", "10%", "over", "USD", "1000.50", ":", "20%",
                    ]);
                    rule.all(&[
                        "end", "of", "income", "rounded", "half", "up", "to", "the", "cent",
                    ]);
                }
                5 => {
                    rule.all(&[
                        "define",
                        &format!("d{j}"),
                        "\"the adults\"",
                        "=",
                        "count",
                        "m",
                    ]);
                    rule.all(&["in", "members", "where", "m", ".", "age", ">", "17"]);
                }
                0 => {
                    rule.all(&["define", &format!("d{j}"), "\"a value\"", "="]);
                    integer(choices, &mut rule, 3);
                    if choices.chance(50) {
                        rule.push("cites");
                        rule.push(phrase(choices, &words));
                    }
                }
                1 => {
                    rule.all(&["exception", &format!("e{j}"), "to", "d0", "when"]);
                    boolean(choices, &mut rule, 2);
                    rule.push("then");
                    integer(choices, &mut rule, 2);
                    rule.push("cites");
                    rule.push(phrase(choices, &words));
                }
                2 => {
                    rule.all(&[
                        "parameter",
                        &format!("t{j}"),
                        "\"a threshold\"",
                        ":",
                        "integer",
                    ]);
                    rule.all(&[
                        "from",
                        "2024-01-01",
                        ":",
                        "5",
                        "from",
                        "2025-01-01",
                        ":",
                        "7",
                    ]);
                }
                _ => {
                    rule.push(choices.pick(&[
                        "prohibition",
                        "obligation",
                        "permission",
                        "commitment",
                    ]));
                    rule.push(format!("o{j}"));
                    let mut parts: Vec<Vec<String>> = vec![
                        vec!["binds".into(), "\"Members\"".into()],
                        vec!["action".into(), "\"acting\"".into()],
                        vec!["cites".into(), phrase(choices, &words)],
                    ];
                    for word in ["while", "when"] {
                        if choices.chance(60) {
                            let mut condition = Policy {
                                tokens: vec![word.to_string()],
                            };
                            boolean(choices, &mut condition, 2);
                            parts.push(condition.tokens);
                        }
                    }
                    choices.shuffle(&mut parts);
                    for part in parts {
                        rule.tokens.extend(part);
                    }
                }
            }
            clauses.push(rule.tokens);
        }
        // `text` and `in force` may come anywhere among the rules.
        choices.shuffle(&mut clauses);
        for clause in clauses {
            p.tokens.extend(clause);
        }
    }
    for i in 0..provisions {
        p.all(&[
            "verdict",
            &format!("v{i}"),
            "=",
            &format!("p{i}"),
            ".",
            "d0",
        ]);
        if choices.chance(70) {
            p.all(&["says", "\"The amount is {value}.\""]);
        }
    }
    p.tokens
}

/// Joins tokens with white space and comments of every kind.
fn source(choices: &mut Choices, tokens: &[String]) -> String {
    let mut out = String::new();
    let mut comment = 0;
    if choices.chance(30) {
        out.push_str("# a first comment \"with\" quotes # and a hash\n\n");
    }
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            match choices.below(14) {
                0..=5 => out.push(' '),
                6 => out.push_str("   "),
                7 => out.push('\t'),
                8 => out.push('\n'),
                9 => out.push_str(choices.pick(&[
                    "\n  ",
                    "\n    ",
                    "\n\n",
                    "\n\n\n      ",
                    "\r\n  ",
                ])),
                10 => {
                    comment += 1;
                    out.push_str(&format!(" # trailing {comment} \"q\" #x\n"));
                }
                11 => {
                    comment += 1;
                    let indent = choices.pick(&["", "  ", "    ", "\t"]);
                    out.push_str(&format!("\n{indent}# own line {comment}  \n"));
                }
                12 => {
                    comment += 1;
                    let indent = choices.pick(&["", "  ", "      "]);
                    out.push_str(&format!("\n\n{indent}# apart {comment}\n\n"));
                }
                _ => {
                    // A real allow comment: whether it stands directly above
                    // a rule decides what it silences.
                    let indent = choices.pick(&["", "  ", "    "]);
                    let blank = choices.pick(&["", "\n"]);
                    out.push_str(&format!("\n{indent}# provisio: allow unused_fact\n{blank}"));
                }
            }
        }
        out.push_str(token);
    }
    if choices.chance(40) {
        out.push_str(choices.pick(&["\n# the end\n", "\n\n    # an indented end\n", "\n\n\n"]));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn formatting_generated_policies_is_stable_and_keeps_their_meaning(seed in any::<u64>()) {
        let mut choices = Choices(seed);
        let tokens = policy(&mut choices);
        let text = source(&mut choices, &tokens);
        let once = format("generated.policy", &text);
        prop_assert!(once.is_ok(), "does not format: {once:?}\n{text}");
        let once = once.unwrap_or_default();
        let twice = format("generated.policy", &once);
        prop_assert_eq!(twice.as_deref(), Ok(once.as_str()), "not idempotent; from\n{}", text);
        prop_assert_eq!(comments(&once), comments(&text), "comments; from\n{}", text);
        prop_assert_eq!(texts(&once), texts(&text), "texts; from\n{}", text);
        let (before, after) = (meaning("generated.policy", &text), meaning("generated.policy", &once));
        prop_assert!(before == after, "meaning: {}\nfrom\n{}\nto\n{}", first_difference(&before, &after), text, once);
    }
}

/// The generator makes policies that check: a test of the test.
#[test]
fn most_generated_policies_check() {
    let mut checked = 0;
    for seed in 0..200u64 {
        let mut choices = Choices(seed);
        let tokens = policy(&mut choices);
        let text = source(&mut choices, &tokens);
        let source = provisio::span::SourceFile::new("generated.policy", text);
        if provisio::check::check_source(&source).is_ok() {
            checked += 1;
        }
    }
    assert!(
        checked >= 190,
        "only {checked} of 200 generated policies check"
    );
}

/// The pieces of the token soup below: words of the language, names,
/// literals, punctuation, texts and comments.
const SOUP: &[&str] = &[
    "instrument",
    "\"T\"",
    "adopted",
    "2024-01-01",
    "symbol",
    "in",
    "force",
    "from",
    "until",
    "adoption",
    "exclusive",
    "fact",
    "n",
    "\"a number\"",
    ":",
    "integer",
    "record",
    "end",
    "provision",
    "p",
    "text",
    "\"the text\"",
    "define",
    "d",
    "=",
    "by",
    "default",
    "cites",
    "exception",
    "to",
    "when",
    "then",
    "else",
    "if",
    "verdict",
    "v",
    "says",
    "reading",
    "r",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    "+",
    "-",
    "*",
    "/",
    "<",
    ">=",
    "and",
    "or",
    "not",
    "is",
    "one",
    "of",
    "none",
    "or none",
    "USD",
    "12.50",
    "20%",
    "7",
    "days",
    "rounded",
    "down",
    "marginal",
    "rates",
    "over",
    "bracket",
    "table",
    "plus",
    "parameter",
    "from 2024-01-01:",
    "obligation",
    "binds",
    "action",
    "while",
    "event",
    "opening",
    "closing",
    "use",
    "as",
    "amends",
    "replace",
    "repeal",
    "insert",
    "change",
    "after",
    "assume",
    "for",
    "each",
    "keyed",
    "count",
    "sum",
    "where",
    "every",
    "satisfies",
    "and so on",
    "no limit",
    "entry",
    "\"multi\n   line\"",
    "# a comment\n",
    "\n  # own line\n\n",
    "\"with \\\" quote # hash\"",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any sequence of the language's tokens: formatting never panics, and
    /// what it formats is stable and keeps its meaning.
    #[test]
    fn token_soup_never_breaks_the_formatter(
        pieces in proptest::collection::vec((0..SOUP.len(), 0..4usize), 0..60)
    ) {
        let mut text = String::new();
        for (piece, space) in pieces {
            text.push_str(SOUP[piece]);
            text.push_str(["", " ", "\n", "\n    "][space]);
        }
        if let Ok(once) = format("soup.policy", &text) {
            let twice = format("soup.policy", &once);
            prop_assert_eq!(twice.as_deref(), Ok(once.as_str()), "from\n{}", text);
            prop_assert_eq!(comments(&once), comments(&text));
            prop_assert_eq!(texts(&once), texts(&text));
            let (before, after) = (meaning("soup.policy", &text), meaning("soup.policy", &once));
            prop_assert!(before == after, "meaning: {}\nfrom\n{}", first_difference(&before, &after), text);
        }
    }
}
