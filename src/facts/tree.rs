//! A format-neutral tree of a facts file, read with serde.
//!
//! JSON, YAML and TOML are all deserialized into [`Node`] through one
//! [`Deserialize`] implementation, so that validation is written once. Keys
//! keep the order the parser gives them (file order for JSON and YAML, sorted
//! for TOML) and repeated keys are kept, so that validation can report them.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::FactsFormat;

/// The key under which the `toml` deserializer hands over a date or time.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// The key under which `serde_json` (with its `arbitrary_precision`
/// feature) hands over a number that is not an `i64` or `u64`: a fraction,
/// an exponent or a long integer, as the text the file writes.
const JSON_NUMBER_KEY: &str = "$serde_json::private::Number";

/// Whether `text` is a JSON number: `-`, digits, an optional fraction and
/// exponent. Only such a text under [`JSON_NUMBER_KEY`] is a number.
fn is_json_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    digits(whole)
        && fraction.is_none_or(digits)
        && exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)))
}

/// A number's text as a node: an integer as [`Node::Int`] when an `i128`
/// holds it, any other as [`Node::Number`], read exactly when checked.
fn number_node(text: String) -> Node {
    match text.parse::<i128>() {
        Ok(int) => Node::Int(int),
        Err(_) => Node::Number(text),
    }
}

/// A value of a facts file, before it is checked against the policy.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// `null`, `~`, or a YAML entry with no value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number written without fraction or exponent.
    Int(i128),
    /// Any other number, as the parser read it (rounded to an `f64`);
    /// replaced by [`Node::Number`] once its text is found.
    Float(f64),
    /// A number with a fraction or an exponent, or too long for an `i128`,
    /// as the file writes it: `2.50`, `1e-400`.
    Number(String),
    /// A string.
    String(String),
    /// A TOML date or date-time literal, as written.
    Datetime(String),
    /// A list.
    Seq(Vec<Node>),
    /// An object, with its entries in the parser's order.
    Map(Vec<(String, Node)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text, a number, true or false, a list or an object")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Int(v))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
        Ok(match i128::try_from(v) {
            Ok(v) => Node::Int(v),
            Err(_) => Node::Float(v as f64),
        })
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::String(v))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key>()? {
            if entries.is_empty() && key == TOML_DATETIME_KEY {
                let literal: String = map.next_value()?;
                return Ok(Node::Datetime(literal));
            }
            if entries.is_empty() && key == JSON_NUMBER_KEY {
                let value = map.next_value::<Node>()?;
                match value {
                    Node::String(text) if is_json_number(&text) => {
                        return Ok(number_node(text));
                    }
                    // An object a file writes with that key: kept as written.
                    value => {
                        entries.push((key, value));
                        continue;
                    }
                }
            }
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

/// A key of an object: text, or a YAML scalar taken as its text.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_any(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name as key")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Key, E> {
        Ok(Key(v))
    }

    fn visit_unit<E>(self) -> Result<Key, E> {
        Ok(Key("null".to_string()))
    }
}

/// A file the parser rejected, with where it stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxFault {
    /// The parser's message, without its position.
    pub(crate) message: String,
    /// Where, as a byte offset into the parsed text, if the parser said.
    pub(crate) at: Option<At>,
    /// Whether the text nests deeper than facts may (see `depth.rs`).
    pub(crate) too_deep: bool,
}

impl SyntaxFault {
    /// The fault a parser reported in `message`, marked as nesting too deep
    /// when the parser stopped at its recursion limit.
    fn new(message: String, at: Option<At>) -> SyntaxFault {
        let too_deep =
            message.contains("recursion limit exceeded") || message.contains("max recursion depth");
        let message = if too_deep {
            super::depth::too_deep_message()
        } else {
            message
        };
        SyntaxFault {
            message,
            at,
            too_deep,
        }
    }
}

/// A position a parser reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    /// A 1-based line and 1-based column in characters (0: before the first).
    LineColumn(usize, usize),
    /// A byte range.
    Bytes(usize, usize),
}

/// Parses `text` in `format` into a tree.
pub(crate) fn parse(text: &str, format: FactsFormat) -> Result<Node, SyntaxFault> {
    let mut root = parse_rounded(text, format)?;
    super::numbers::keep_number_texts(&mut root, text, format);
    Ok(root)
}

/// Parses `text` in `format` into a tree whose fractional numbers are
/// rounded as the parser read them.
fn parse_rounded(text: &str, format: FactsFormat) -> Result<Node, SyntaxFault> {
    match format {
        FactsFormat::Json => serde_json::from_str::<Node>(text).map_err(|e| {
            let at = (e.line() > 0).then(|| At::LineColumn(e.line(), e.column()));
            SyntaxFault::new(strip_position(&e.to_string()), at)
        }),
        FactsFormat::Yaml => {
            super::depth::check_yaml(text)?;
            serde_norway::from_str::<Node>(text).map_err(|e| {
                let at = e.location().map(|l| At::LineColumn(l.line(), l.column()));
                SyntaxFault::new(strip_position(&e.to_string()), at)
            })
        }
        FactsFormat::Toml => toml::from_str::<Node>(text).map_err(|e| {
            let at = e.span().map(|r| At::Bytes(r.start, r.end));
            SyntaxFault::new(e.message().trim().to_string(), at)
        }),
    }
}

/// Whether `text`, in `format`, holds nothing but white space and comments
/// (and, in YAML, document markers): a file that gives no facts at all.
pub(crate) fn is_blank(text: &str, format: FactsFormat) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        match format {
            FactsFormat::Json => line.is_empty(),
            FactsFormat::Toml => line.is_empty() || line.starts_with('#'),
            FactsFormat::Yaml => {
                line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
            }
        }
    })
}

/// Removes every " at line L column C" that parsers put in messages.
fn strip_position(message: &str) -> String {
    const AT: &str = " at line ";
    let mut out = String::new();
    let mut rest = message.trim();
    while let Some(i) = rest.find(AT) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let after = tail.get(AT.len()..).unwrap_or("");
        let line = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let column = after
            .get(line..)
            .and_then(|s| s.strip_prefix(" column "))
            .map(|s| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len())
            .filter(|digits| *digits > 0 && line > 0);
        match column {
            Some(digits) => {
                let skip = AT.len() + line + " column ".len() + digits;
                rest = tail.get(skip..).unwrap_or("");
            }
            None => {
                out.push_str(AT);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, Node)]) -> Node {
        Node::Map(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn reads_the_same_tree_from_every_format() {
        let expected = map(&[
            ("a", Node::Int(1)),
            ("b", Node::Number("2.5".into())),
            ("c", Node::String("x".into())),
            ("d", Node::Seq(vec![Node::Bool(true), Node::Bool(false)])),
        ]);
        let json = r#"{"a": 1, "b": 2.5, "c": "x", "d": [true, false]}"#;
        let yaml = "a: 1\nb: 2.5\nc: x\nd: [true, false]\n";
        let toml = "a = 1\nb = 2.5\nc = \"x\"\nd = [true, false]\n";
        assert_eq!(parse(json, FactsFormat::Json), Ok(expected.clone()));
        assert_eq!(parse(yaml, FactsFormat::Yaml), Ok(expected.clone()));
        assert_eq!(parse(toml, FactsFormat::Toml), Ok(expected));
    }

    #[test]
    fn keeps_repeated_keys_and_nulls() {
        let tree = parse(r#"{"a": null, "a": 2}"#, FactsFormat::Json);
        assert_eq!(tree, Ok(map(&[("a", Node::Null), ("a", Node::Int(2))])));
        let tree = parse("a:\nb: ~\n", FactsFormat::Yaml);
        assert_eq!(tree, Ok(map(&[("a", Node::Null), ("b", Node::Null)])));
    }

    #[test]
    fn reads_toml_dates_as_literals() {
        let tree = parse(
            "d = 2026-03-31\nt = 2026-03-31T10:00:00Z\n",
            FactsFormat::Toml,
        );
        assert_eq!(
            tree,
            Ok(map(&[
                ("d", Node::Datetime("2026-03-31".into())),
                ("t", Node::Datetime("2026-03-31T10:00:00Z".into())),
            ]))
        );
    }

    #[test]
    fn blank_files_are_told_apart_by_format() {
        assert!(is_blank("# nothing\n---\n", FactsFormat::Yaml));
        assert!(is_blank(" \n\t\n", FactsFormat::Json));
        assert!(!is_blank("# nothing\n", FactsFormat::Json));
        assert!(is_blank("# nothing\n\n", FactsFormat::Toml));
        assert!(!is_blank("a = 1\n", FactsFormat::Toml));
    }

    #[test]
    fn reports_where_parsing_stopped() {
        let fault = parse("{\"a\": 1,,}", FactsFormat::Json).err();
        assert_eq!(fault.and_then(|f| f.at), Some(At::LineColumn(1, 9)));
        let fault = parse("a = = 1", FactsFormat::Toml).err();
        assert!(matches!(fault.and_then(|f| f.at), Some(At::Bytes(..))));
        let fault = parse("a: [1, 2\n", FactsFormat::Yaml).err();
        assert!(matches!(fault.and_then(|f| f.at), Some(At::LineColumn(..))));
    }

    #[test]
    fn strips_positions_from_messages() {
        assert_eq!(
            strip_position("trailing comma at line 1 column 9"),
            "trailing comma"
        );
        assert_eq!(strip_position("bad at line x"), "bad at line x");
        assert_eq!(
            strip_position("no ']' at line 3 column 1, while parsing at line 2 column 12"),
            "no ']', while parsing"
        );
    }
}
