//! Completion: a fact's fields (or a provision's rules) after `.`, a
//! reading's alternatives after `reading NAME is`, the languages after
//! `says` and after `in` that follows a sentence, and otherwise the names
//! in scope and the keywords.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, Uri};

use super::documents::Document;
use super::index::{Kind, Symbol};
use super::server::{Failure, offset_of};

/// The words the language reserves that start or continue an item or an
/// expression.
const KEYWORDS: &[&str] = &[
    "action",
    "adopted",
    "after",
    "and",
    "assume",
    "before",
    "binds",
    "cites",
    "commitment",
    "count",
    "default",
    "define",
    "else",
    "end",
    "event",
    "exception",
    "fact",
    "for",
    "from",
    "if",
    "in",
    "instrument",
    "is",
    "none",
    "not",
    "obligation",
    "of",
    "on",
    "one",
    "optional",
    "or",
    "parameter",
    "permission",
    "prohibition",
    "provision",
    "reading",
    "record",
    "says",
    "symbol",
    "text",
    "then",
    "to",
    "type",
    "until",
    "use",
    "verdict",
    "when",
    "where",
    "while",
];

/// The completions at the position.
pub fn complete(
    document: &Document,
    _uri: &Uri,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>, Failure> {
    let offset = offset_of(document, params.text_document_position.position)?;
    let line_start = document.text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let before = &document.text[line_start..offset];
    let index = &document.index;
    let items = if after_says_or_in(&document.text[..offset]) {
        crate::locale::Lang::TRANSLATIONS
            .iter()
            .map(|lang| CompletionItem {
                label: lang.code().to_string(),
                kind: Some(CompletionItemKind::KEYWORD),
                detail: Some(format!("the sentence in {}", lang.english_name())),
                ..CompletionItem::default()
            })
            .collect()
    } else if let Some(reading) = after_is(before) {
        index
            .members(reading)
            .map(|s| item(s, CompletionItemKind::ENUM_MEMBER))
            .collect()
    } else if let Some(owner) = after_dot(before) {
        index.members(&owner).map(|s| item(s, kind_of(s))).collect()
    } else {
        let provision = current_provision(document, offset);
        let mut items: Vec<CompletionItem> = index
            .symbols
            .iter()
            // A used policy's names are written under its name, after `.`.
            .filter(|s| s.home.is_none())
            .filter(|s| match s.kind {
                Kind::Rule => provision
                    .as_deref()
                    .is_some_and(|p| s.key.starts_with(&format!("{p}."))),
                Kind::Field | Kind::Alternative | Kind::Verdict => false,
                _ => true,
            })
            .map(|s| item(s, kind_of(s)))
            .collect();
        items.extend(KEYWORDS.iter().map(|k| CompletionItem {
            label: (*k).to_string(),
            kind: Some(CompletionItemKind::KEYWORD),
            ..CompletionItem::default()
        }));
        items
    };
    Ok(Some(CompletionResponse::Array(items)))
}

/// `says ` before the cursor, or `in ` after quoted text, with perhaps the
/// start of a word: where a sentence's language is written.
fn after_says_or_in(before: &str) -> bool {
    let trimmed = before.trim_end_matches(is_name_char);
    if !trimmed.ends_with(char::is_whitespace) {
        return false;
    }
    let trimmed = trimmed.trim_end();
    let word = |w: &str| {
        trimmed
            .strip_suffix(w)
            .filter(|rest| rest.is_empty() || rest.ends_with(|c: char| !is_name_char(c)))
    };
    if word("says").is_some() {
        return true;
    }
    word("in").is_some_and(|rest| rest.trim_end().ends_with('"'))
}

/// `reading NAME is ` or `reading NAME is not ` before the cursor, with
/// perhaps the start of a word: the reading's name.
fn after_is(before: &str) -> Option<&str> {
    let trimmed = before.trim_end_matches(is_name_char);
    let words: Vec<&str> = trimmed.split_whitespace().rev().take(4).collect();
    match words[..] {
        ["is", name, "reading", ..] | ["not", "is", name, "reading"] => Some(name),
        _ => None,
    }
}

/// `a.b.` before the cursor, with perhaps the start of a word: `a.b`.
fn after_dot(before: &str) -> Option<String> {
    let trimmed = before.trim_end_matches(is_name_char);
    let owner = trimmed.strip_suffix('.')?;
    let start = owner
        .rfind(|c: char| !(is_name_char(c) || c == '.'))
        .map_or(0, |at| at + 1);
    let owner = &owner[start..];
    (!owner.is_empty()).then(|| owner.to_string())
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The provision the offset is in, whose rules are in scope by bare name.
fn current_provision(document: &Document, offset: usize) -> Option<String> {
    document
        .index
        .symbols
        .iter()
        .rev()
        .filter(|s| s.kind == Kind::Provision && s.item.start <= offset)
        .find(|s| !document.index_current || offset <= s.item.end)
        .map(|s| s.key.clone())
}

fn kind_of(symbol: &Symbol) -> CompletionItemKind {
    match symbol.kind {
        Kind::Type => CompletionItemKind::CLASS,
        Kind::Fact | Kind::Field => CompletionItemKind::FIELD,
        Kind::Event => CompletionItemKind::EVENT,
        Kind::Reading => CompletionItemKind::ENUM,
        Kind::Alternative => CompletionItemKind::ENUM_MEMBER,
        Kind::Provision => CompletionItemKind::MODULE,
        Kind::Rule => CompletionItemKind::FUNCTION,
        Kind::Verdict => CompletionItemKind::CONSTANT,
        Kind::Use => CompletionItemKind::MODULE,
    }
}

fn item(symbol: &Symbol, kind: CompletionItemKind) -> CompletionItem {
    CompletionItem {
        label: symbol.name.clone(),
        kind: Some(kind),
        detail: Some(symbol.key.clone()),
        ..CompletionItem::default()
    }
}
