//! Syntax errors in words: pest's rule names turned into phrases a drafter reads.

use pest::error::{ErrorVariant, InputLocation};

use super::Rule;
use crate::diagnostic::Problem;
use crate::span::{SourceFile, Span};

/// What a grammar rule is called in an error message; `None` for rules that
/// are no help to name.
fn phrase(rule: &Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::keyword | Rule::WHITESPACE | Rule::COMMENT => return None,
        Rule::colon => "`:`",
        Rule::equals => "`=`",
        Rule::close_paren => "`)`",
        Rule::parenthesized => "an expression",
        Rule::kw_instrument => "`instrument`",
        Rule::kw_symbol => "`symbol`",
        Rule::kw_adopted => "`adopted`",
        Rule::kw_event => "`event`",
        Rule::kw_fact => "`fact`",
        Rule::kw_record => "`record`",
        Rule::kw_end => "`end`",
        Rule::kw_list => "`list`",
        Rule::kw_one => "`one`",
        Rule::kw_of => "`of`",
        Rule::percent => "a percentage such as `20%`",
        Rule::money | Rule::currency => "an amount such as `USD 100`",
        Rule::money_type | Rule::money_word => "`money in` a currency",
        Rule::rounding_clause => "a rounding such as `rounded half up to the cent`",
        Rule::rounding_mode | Rule::half_word | Rule::toward_word => {
            "`half up`, `half even`, `half down`, `down`, `up` or `toward zero`"
        }
        Rule::even_word => "`even`",
        Rule::zero_word => "`zero`",
        Rule::rounding_unit
        | Rule::the_word
        | Rule::nearest_word
        | Rule::decimal_places
        | Rule::cent_word
        | Rule::whole_word
        | Rule::unit_word => "`the cent`, `the whole unit` or `N decimal places`",
        Rule::decimal_word => "`decimal places`",
        Rule::places_word => "`places`",
        Rule::aggregate | Rule::count_form | Rule::total_form | Rule::quantifier => "an expression",
        Rule::count_word | Rule::total_word | Rule::quantifier_word => "an expression",
        Rule::where_clause | Rule::where_word => "`where`",
        Rule::for_word => "`for`",
        Rule::for_each_clause => "`for each`",
        Rule::each_word => "`each`",
        Rule::keyed_word => "`keyed by`",
        Rule::satisfies_word => "`satisfies`",
        Rule::overlap | Rule::days_word => "an expression",
        Rule::within_word => "`within`",
        Rule::scale | Rule::marginal_scale | Rule::bracket_table => "an expression",
        Rule::marginal_word => "`marginal rates`",
        Rule::rates_word => "`rates`",
        Rule::bracket_word => "`bracket table`",
        Rule::table_word => "`table`",
        Rule::marginal_bracket | Rule::table_row | Rule::over_word => {
            "a bracket (`over AMOUNT: ...`)"
        }
        Rule::plus_word => "`plus`",
        Rule::bracket_changes | Rule::bracket_change => "`(from DATE: ...)`",
        Rule::kw_reading => "`reading`",
        Rule::kw_provision => "`provision`",
        Rule::kw_text => "`text`",
        Rule::kw_define => "`define`",
        Rule::kw_by => "`by`",
        Rule::kw_default => "`default`",
        Rule::kw_exception => "`exception`",
        Rule::kw_to => "`to`",
        Rule::kw_when => "`when`",
        Rule::kw_then => "`then`",
        Rule::kw_else => "`else`",
        Rule::kw_if => "`if`",
        Rule::kw_while => "`while`",
        Rule::kw_cites => "`cites`",
        Rule::kw_binds => "`binds`",
        Rule::kw_action => "`action`",
        Rule::kw_verdict => "`verdict`",
        Rule::kw_assume | Rule::assumption => "`assume`",
        Rule::kw_says => "`says`",
        Rule::kw_is => "`is`",
        Rule::kw_not => "`not`",
        Rule::kw_on | Rule::kw_or | Rule::kw_before | Rule::kw_after => "an operator",
        Rule::EOI => "the end of the file",
        Rule::ident | Rule::exception_name => "a name",
        Rule::path | Rule::used_name => "a name",
        Rule::string | Rule::string_body => "quoted text",
        Rule::date => "a date like 2026-03-31",
        Rule::number | Rule::whole_number => "a number",
        Rule::duration => "a duration such as `30 days`",
        Rule::duration_unit => "`days`, `weeks`, `months` or `years`",
        Rule::rounding => "`rounded down` or `rounded up`",
        Rule::rounded_word => "`rounded ...`",
        Rule::down_word | Rule::up_word => "`down` or `up`",
        Rule::boolean => "`true` or `false`",
        Rule::instrument => "`instrument`",
        Rule::in_force_clause | Rule::in_word => "`in force`",
        Rule::force_word => "`force`",
        Rule::in_force_from | Rule::from_word => "`from`",
        Rule::in_force_until | Rule::until_word => "`until`",
        Rule::adoption_word => "`adoption`",
        Rule::boundary_word => "`inclusive` or `exclusive`",
        Rule::symbol_clause => "`symbol`",
        Rule::adopted_clause => "`adopted`",
        Rule::scenarios_clause | Rule::scenarios_word => "`scenarios as of`",
        Rule::event_decl => "`event`",
        Rule::event_opening | Rule::opening_word => "`opening`",
        Rule::event_closing | Rule::closing_word => "`closing`",
        Rule::fact_decl => "`fact`",
        Rule::field_decl => "a record field",
        Rule::type_expr | Rule::scalar_type => {
            "a type (`boolean`, `integer`, `decimal`, `money in EUR`, `date`, `text`, `one of ...`, `record ... end` or `list of ...`)"
        }
        Rule::optional_marker => "`optional`",
        Rule::record_type => "`record`",
        Rule::list_type => "`list of`",
        Rule::enum_type => "`one of`",
        Rule::reading_decl => "`reading`",
        Rule::alternative => "an alternative",
        Rule::default_marker => "`(default)`",
        Rule::provision => "`provision`",
        Rule::text_clause => "`text`",
        Rule::definition => "`define`",
        Rule::exception => "`exception`",
        Rule::parameter | Rule::kw_parameter => "`parameter`",
        Rule::history_entry => "`from DATE: VALUE`",
        Rule::none_word => "`none`",
        Rule::lookup | Rule::as_word => "`as of`",
        Rule::deontic | Rule::deontic_kind => {
            "a deontic rule (`prohibition`, `obligation`, `permission`, `commitment`)"
        }
        Rule::binds_clause => "`binds`",
        Rule::action_clause => "`action`",
        Rule::while_clause => "`while`",
        Rule::when_clause => "`when`",
        Rule::cites => "`cites`",
        Rule::verdict => "`verdict`",
        Rule::says => "`says`",
        Rule::expr | Rule::plain_expr | Rule::conditional | Rule::reading_test | Rule::call => {
            "an expression"
        }
        Rule::op_or
        | Rule::op_and
        | Rule::op_is_not
        | Rule::op_is
        | Rule::op_on_or_before
        | Rule::op_on_or_after
        | Rule::op_before
        | Rule::op_after
        | Rule::op_le
        | Rule::op_ge
        | Rule::op_ne
        | Rule::op_lt
        | Rule::op_gt
        | Rule::op_eq
        | Rule::op_add
        | Rule::op_sub
        | Rule::op_mul
        | Rule::op_div
        | Rule::op_of
        | Rule::op_is_in
        | Rule::op_is_not_in
        | Rule::op_is_one_of
        | Rule::op_is_not_one_of
        | Rule::op_or_else
        | Rule::op_is_none
        | Rule::op_is_not_none
        | Rule::op_index
        | Rule::op_duration
        | Rule::postfix_unit => "an operator",
        Rule::list_literal | Rule::pick => "an expression",
        Rule::close_bracket => "`]`",
        Rule::least_word | Rule::greatest_word => "`least` or `greatest`",
        Rule::first_word | Rule::last_word => "`first` or `last`",
        Rule::period => "`from`",
        // They may follow any type: naming them would drown likelier fixes.
        Rule::or_none | Rule::default_clause | Rule::default_word => return None,
        // Optional after a value's name: naming it would drown likelier fixes.
        Rule::value_text => return None,
        Rule::default_value => "a value such as `tenant`, `true`, `0` or `none`",
        Rule::op_not | Rule::op_neg => "an expression",
        Rule::negation => "`not`",
        _ => return None,
    })
}

/// Lists phrases as "a, b or c", without repeats, in a stable order.
fn one_of(phrases: Vec<&'static str>) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for p in phrases {
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    match unique.len() {
        0 => String::from("something else"),
        1 => unique[0].to_string(),
        n => format!("{} or {}", unique[..n - 1].join(", "), unique[n - 1]),
    }
}

/// Describes what stands at `offset`: a word, a symbol, or the end of the file.
fn found_at(text: &str, offset: usize) -> (String, Span) {
    let rest = text.get(offset..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return (
            String::from("the end of the file"),
            Span::new(offset, offset),
        );
    };
    if first.is_alphanumeric() || first == '_' {
        let len: usize = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .map(char::len_utf8)
            .sum();
        let word = &rest[..len];
        (format!("`{word}`"), Span::new(offset, offset + len))
    } else if first == '"' {
        (String::from("quoted text"), Span::new(offset, offset + 1))
    } else {
        (
            format!("`{first}`"),
            Span::new(offset, offset + first.len_utf8()),
        )
    }
}

/// Whether a found word is one the language reserves.
fn is_reserved(word: &str) -> bool {
    super::reserved::is_reserved(word)
}

/// A construct that `end` closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// `record ... end`.
    Record,
    /// An amendment's `from DATE ... end`.
    Changes,
    /// `marginal rates ... end`.
    Scale,
    /// `bracket table ... end`.
    Table,
}

/// The innermost construct still open before `offset`, so that the help for
/// a missing `end` names what it closes. Quoted text and comments are
/// skipped; a quoted text may run over several lines.
fn open_block(text: &str, offset: usize) -> Option<Block> {
    let mut code = String::with_capacity(offset);
    let (mut quoted, mut comment) = (false, false);
    for c in text.get(..offset)?.chars() {
        match c {
            '\n' => {
                comment = false;
                code.push('\n');
            }
            _ if comment => code.push(' '),
            '"' => {
                quoted = !quoted;
                code.push(' ');
            }
            '#' if !quoted => {
                comment = true;
                code.push(' ');
            }
            _ if quoted => code.push(' '),
            _ => code.push(c),
        }
    }
    let mut open = Vec::new();
    for line in code.lines() {
        let words: Vec<&str> = line
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        // `from 2027-01-01` alone on its line opens a block of changes; with
        // a colon it is a dated value's entry.
        if let ["from", _] = words.as_slice()
            && !line.contains(':')
        {
            open.push(Block::Changes);
        }
        for (at, word) in words.iter().enumerate() {
            let previous = at.checked_sub(1).and_then(|p| words.get(p)).copied();
            match (*word, previous) {
                ("record", _) => open.push(Block::Record),
                ("rates", Some("marginal")) => open.push(Block::Scale),
                ("table", Some("bracket")) => open.push(Block::Table),
                ("end", _) => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.last().copied()
}

/// The advice for what the parser expected and what it found; `block` is
/// the construct left open, for a missing `end`.
fn help_for(expected: &[Rule], found: &str, block: Option<Block>) -> String {
    let word = found.trim_matches('`');
    let wants = |rule: Rule| expected.contains(&rule);
    if wants(Rule::kw_end) {
        return match block {
            Some(Block::Changes) => format!(
                "a `from DATE` block of changes ends with `end`; add `end` after the last change, before {found} (a change is `replace provision`, `insert provision ... after NAME`, `repeal provision` or `parameter`)"
            ),
            Some(Block::Scale) => format!(
                "a scale's brackets end with `end`; add `end` after the last bracket, before {found}"
            ),
            Some(Block::Table) => format!(
                "a table's rows end with `end`; add `end` after the last row, before {found}"
            ),
            Some(Block::Record) | None => format!(
                "a record's fields end with `end`; add `end` after the last field, before {found}"
            ),
        };
    }
    if wants(Rule::close_paren) {
        return format!("a `(` is not closed: add `)` before {found}");
    }
    if wants(Rule::colon) {
        return String::from(
            "a name and its description are followed by `:` and the type, as in `fact due \"when it is due\": date`",
        );
    }
    if wants(Rule::date) && !wants(Rule::number) {
        return String::from("write dates year-month-day, such as 2024-03-02");
    }
    if wants(Rule::type_expr) || wants(Rule::scalar_type) {
        return String::from(
            "the types are `boolean`, `integer`, `decimal`, `date`, `text`, `one of a, b`, `record ... end` and `list of ...`, each optionally preceded by `optional`",
        );
    }
    if wants(Rule::default_value) {
        return String::from(
            "after `default`, write a value of the declared type, such as `default tenant`, `default true` or `default 0`, or `default none` for a type declared `or none`",
        );
    }
    if wants(Rule::rounding_mode) || wants(Rule::half_word) || wants(Rule::toward_word) {
        return String::from(
            "say how the text rounds, halves included: `rounded half up to the nearest cent` (2.345 to 2.35), `half even` (to the even cent, 2.345 to 2.34), `half down`, or `down` and `up` for the cent below or above",
        );
    }
    if wants(Rule::rounding_unit) || wants(Rule::cent_word) || wants(Rule::decimal_places) {
        return String::from(
            "say what to round to: `to the cent`, `to the nearest cent`, `to the whole unit` or `to 4 decimal places`",
        );
    }
    if word == "rounded" && (wants(Rule::kw_then) || wants(Rule::kw_else)) {
        return String::from(
            "a rounding inside a branch of `if` needs parentheses, `then (a rounded half up to the cent) else b`; after the whole `if`, it rounds whichever branch is taken",
        );
    }
    if word == "for" && wants(Rule::equals) {
        return String::from(
            "in a verdict given for each element, the type comes after the key, just before `=`: `verdict benefit for each m in members keyed by m.name: money in EUR = ...`",
        );
    }
    if wants(Rule::keyed_word) {
        return String::from(
            "a verdict given for each element names each outcome by a key: `verdict benefit for each m in members keyed by m.name = ...`",
        );
    }
    if wants(Rule::each_word) {
        return String::from(
            "a verdict given for each element of a list starts `for each`: `verdict benefit for each m in members keyed by m.name = ...`",
        );
    }
    let expression =
        wants(Rule::expr) || wants(Rule::plain_expr) || wants(Rule::number) || wants(Rule::path);
    if expression {
        return if is_reserved(word) {
            format!(
                "an expression was expected here, and {found} cannot start one: write a name, a date like 2026-03-31, a number, `true`/`false` or quoted text"
            )
        } else {
            String::from(
                "an expression is a name, a date like 2026-03-31, a number, `true`/`false`, quoted text, or a combination of them with operators",
            )
        };
    }
    if wants(Rule::ident) || wants(Rule::exception_name) {
        return if is_reserved(word) {
            format!(
                "{found} is a reserved word of the language; choose another name, such as `{word}_`"
            )
        } else {
            String::from(
                "a name is letters, digits and underscores, starting with a letter or an underscore",
            )
        };
    }
    if wants(Rule::EOI) || wants(Rule::provision) || wants(Rule::kw_provision) {
        return String::from(
            "a policy is made of `instrument`, `event`, `fact`, `reading`, `provision` and `verdict` items; inside a provision: `text`, `define`, `exception` and deontic rules; a note to yourself starts with `#`",
        );
    }
    String::from("see docs/language.md for the syntax of each item")
}

/// The advice where a translation's sentence is missing: `says fr` or
/// `in fr` (after quoted text) with no quoted text after the code.
fn translation_help(text: &str, offset: usize, expected: &[Rule]) -> Option<String> {
    if !expected.contains(&Rule::string) {
        return None;
    }
    let before = text.get(..offset)?.trim_end();
    let code_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |at| at + 1);
    let code = before.get(code_start..)?;
    let rest = before.get(..code_start)?.trim_end();
    let keyword = if rest.ends_with("says") {
        "says"
    } else if rest.strip_suffix("in")?.trim_end().ends_with('"') {
        "in"
    } else {
        return None;
    };
    if code.is_empty() {
        return None;
    }
    Some(format!(
        "a sentence in another language is the language's code, then the sentence in quotes: `{keyword} {code} \"...\"`"
    ))
}

/// Turns pest's error into a diagnostic that says what was expected in words.
pub(super) fn syntax_error(source: &SourceFile, error: pest::error::Error<Rule>) -> Problem {
    let offset = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let (found, span) = found_at(&source.text, offset);
    let (message, help) = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let expected = one_of(positives.iter().filter_map(phrase).collect());
            let help = translation_help(&source.text, offset, positives)
                .unwrap_or_else(|| help_for(positives, &found, open_block(&source.text, offset)));
            (format!("expected {expected}, found {found}"), Some(help))
        }
        ErrorVariant::CustomError { message } => (message.clone(), None),
    };
    if let Some(problem) = reserved_name(source, &error.variant, &found, span, offset) {
        return problem.in_file(source);
    }
    let mut problem = Problem::error("provisio::syntax", message, span, "not expected here")
        .with_optional_help(help);
    let text = &source.text;
    // Right after a closing quote, the likeliest cause is a quote left open
    // further up: the quotes have paired up wrongly from there on.
    if offset > 0
        && text.as_bytes().get(offset.saturating_sub(1)) == Some(&b'"')
        && let Some(opener) = opening_quote(text, offset - 1)
    {
        let line = text.get(..opener).map_or(0, |t| t.matches('\n').count()) + 1;
        problem = problem
            .with_label(Span::new(opener, opener + 1), "this quoted text runs on to the next `\"`")
            .with_help(format!(
                "is a closing `\"` missing from the quoted text that opens on line {line}? From there on, every quote pairs with the wrong one"
            ));
    }
    problem.in_file(source)
}

/// A reserved word where a name stands: the parser failed on the word,
/// expecting a name, or just after it (`end: date`, `end "the last day":
/// date` inside a record, where `end` closed the record).
fn reserved_name(
    source: &SourceFile,
    variant: &ErrorVariant<Rule>,
    found: &str,
    span: Span,
    offset: usize,
) -> Option<Problem> {
    let text = &source.text;
    let wants_name = match variant {
        ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .any(|r| matches!(r, Rule::ident | Rule::exception_name | Rule::path)),
        ErrorVariant::CustomError { .. } => false,
    };
    if wants_name && is_reserved(found.trim_matches('`')) {
        // A keyword followed by a name most likely starts the next item or
        // clause, after something left unclosed (a record without `end`
        // before `provision para5`): that is the syntax error. After a
        // `.` it can only be a field, after a `,` a value of a list.
        let next = text.get(span.end..).unwrap_or("").trim_start();
        let after_sign = text
            .get(..span.start)
            .unwrap_or("")
            .trim_end()
            .ends_with(['.', ',']);
        if !after_sign && next.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            return None;
        }
        return super::reserved::reserved_word_problem(text, span);
    }
    if found == "`:`" || found == "quoted text" {
        let before = text.get(..offset)?.trim_end();
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
            .last()
            .map(|(i, _)| i)?;
        return super::reserved::reserved_word_problem(text, Span::new(start, before.len()));
    }
    None
}

/// The quote that opens the quoted text closed by the quote at `close`.
fn opening_quote(text: &str, close: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = close;
    while i > 0 {
        i -= 1;
        if bytes.get(i) == Some(&b'"') {
            let backslashes = bytes
                .get(..i)
                .map_or(0, |b| b.iter().rev().take_while(|c| **c == b'\\').count());
            if backslashes % 2 == 0 {
                return Some(i);
            }
        }
    }
    None
}
