//! The text of each number as the file writes it.
//!
//! The serde parsers hand a number with a fraction or an exponent over as an
//! `f64`, which rounds: `1e-400` becomes 0, a 40-digit number loses its last
//! digits, and `0.1000000000000000000001` becomes 0.1. Facts are exact
//! decimals, so the number must be judged from its text. After parsing, a
//! tree that holds such numbers ([`Node::Float`]) has each one replaced by
//! its text ([`Node::Number`]), found in the way each format allows:
//!
//! - JSON: serde_json (with its `arbitrary_precision` feature) hands every
//!   number that is not an `i64` or `u64` over as its text (see
//!   `tree.rs`), but writes an exponent as `e+`; for a tree with an
//!   exponent, the number tokens of the text, in order, are the numbers of
//!   the tree in the order the parser met them;
//! - YAML: the parser reads the file again, guided by the tree, and hands
//!   each number over as its text;
//! - TOML: the `toml` crate's own parse tree keeps each number's text.
//!
//! Files without such numbers (most batch rows) pay nothing: no second
//! pass over the text.

use std::collections::HashMap;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::FactsFormat;
use super::tree::Node;

/// Replaces every [`Node::Float`] of `root`, parsed from `text` in
/// `format`, by the number's text. A number whose text cannot be found
/// (which would be a fault of this module) is left as the parser read it.
pub(crate) fn keep_number_texts(root: &mut Node, text: &str, format: FactsFormat) {
    if !needs_texts(root) {
        return;
    }
    match format {
        FactsFormat::Json => {
            let tokens = json_number_tokens(text);
            let mut next = tokens.into_iter();
            assign_in_order(root, &mut next, true);
        }
        FactsFormat::Yaml => {
            let mut texts = Vec::new();
            let deserializer = serde_norway::Deserializer::from_str(text);
            let guide = Guide {
                node: root,
                texts: &mut texts,
            };
            if guide.deserialize(deserializer).is_ok() {
                assign_in_order(root, &mut texts.into_iter(), false);
            }
        }
        FactsFormat::Toml => {
            if let Ok(table) = toml::de::DeTable::parse(text) {
                assign_toml(root, TomlSide::Table(table.get_ref()));
            }
        }
    }
}

/// Whether some number of the tree is not yet as the file writes it: read
/// rounded, or (in JSON) with its exponent rewritten by serde_json as `e+`.
fn needs_texts(node: &Node) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node {
            Node::Float(_) => return true,
            Node::Number(text) if text.contains(['e', 'E']) => return true,
            Node::Seq(items) => stack.extend(items.iter()),
            Node::Map(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    false
}

fn has_float(node: &Node) -> bool {
    match node {
        Node::Float(_) => true,
        Node::Seq(items) => items.iter().any(has_float),
        Node::Map(entries) => entries.iter().any(|(_, v)| has_float(v)),
        _ => false,
    }
}

/// Gives each number of the tree, in order, the next text; `with_integers`
/// when the texts include those of integers too (JSON's tokens do).
fn assign_in_order(node: &mut Node, texts: &mut impl Iterator<Item = String>, with_integers: bool) {
    // An explicit stack: the tree may be as deep as the parser allowed.
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node {
            // A JSON number serde_json already handed over as text is one
            // of the tokens too.
            Node::Float(_) | Node::Number(_) => {
                if let Some(text) = texts.next() {
                    *node = Node::Number(text);
                }
            }
            Node::Int(_) if with_integers => {
                texts.next();
            }
            Node::Seq(items) => stack.extend(items.iter_mut().rev()),
            Node::Map(entries) => stack.extend(entries.iter_mut().rev().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// The number tokens of a JSON text, in order: outside strings, every run
/// that starts with `-` or a digit.
fn json_number_tokens(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'"' => break,
                        _ => {}
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|c| matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    i += 1;
                }
                tokens.push(text.get(start..i).unwrap_or("").to_string());
            }
            _ => i += 1,
        }
    }
    tokens
}

/// Reads a YAML text again along the tree already read from it, taking the
/// text of each number.
struct Guide<'a> {
    node: &'a Node,
    texts: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Guide<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.node {
            Node::Float(_) => {
                let text = deserializer.deserialize_str(Text)?;
                self.texts.push(text);
                Ok(())
            }
            Node::Seq(items) if items.iter().any(has_float) => {
                deserializer.deserialize_seq(Items {
                    items,
                    texts: self.texts,
                })
            }
            Node::Map(entries) if entries.iter().any(|(_, v)| has_float(v)) => deserializer
                .deserialize_map(Entries {
                    entries,
                    texts: self.texts,
                }),
            _ => deserializer.deserialize_ignored_any(IgnoredAny).map(|_| ()),
        }
    }
}

struct Text;

impl Visitor<'_> for Text {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
}

struct Items<'a> {
    items: &'a [Node],
    texts: &'a mut Vec<String>,
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for node in self.items {
            let guide = Guide {
                node,
                texts: &mut *self.texts,
            };
            if seq.next_element_seed(guide)?.is_none() {
                break;
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

struct Entries<'a> {
    entries: &'a [(String, Node)],
    texts: &'a mut Vec<String>,
}

impl<'de> Visitor<'de> for Entries<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        for (_, node) in self.entries {
            if map.next_key::<IgnoredAny>()?.is_none() {
                break;
            }
            map.next_value_seed(Guide {
                node,
                texts: &mut *self.texts,
            })?;
        }
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// Puts the exact numbers of a YAML `text` into `document`, the same text
/// read into a JSON value (which holds YAML's fractions as `f64`), so that a
/// scenario's expectations are as exact as its facts. A number no exact
/// decimal holds, or a text that does not parse, is left as it was.
pub(crate) fn exact_yaml_json(document: &mut serde_json::Value, text: &str) {
    if let Ok(node) = super::tree::parse(text, FactsFormat::Yaml) {
        exact_json(document, &node);
    }
}

fn exact_json(json: &mut serde_json::Value, node: &Node) {
    use serde_json::Value as Json;
    // An explicit stack: the tree may be as deep as the parser allowed.
    let mut stack = vec![(json, node)];
    while let Some((json, node)) = stack.pop() {
        match (json, node) {
            (json @ Json::Number(_), Node::Number(text)) => {
                let exact = super::scalars::from_literal(text)
                    .ok()
                    .and_then(|d| serde_json::from_str(&d.to_string()).ok());
                if let Some(number) = exact {
                    *json = Json::Number(number);
                }
            }
            (Json::Array(items), Node::Seq(nodes)) => {
                stack.extend(items.iter_mut().zip(nodes));
            }
            (Json::Object(map), Node::Map(entries)) => {
                // A repeated key: the JSON value holds the last one.
                let mut last: HashMap<&str, &Node> = HashMap::new();
                for (key, value) in entries {
                    last.insert(key, value);
                }
                for (key, value) in map.iter_mut() {
                    if let Some(node) = last.get(key.as_str()) {
                        stack.push((value, node));
                    }
                }
            }
            _ => {}
        }
    }
}

/// A place in the `toml` crate's parse tree.
enum TomlSide<'t, 'i> {
    Table(&'t toml::de::DeTable<'i>),
    Value(&'t toml::de::DeValue<'i>),
}

/// Gives each number of the tree the text the TOML parse tree keeps for it.
fn assign_toml(node: &mut Node, side: TomlSide<'_, '_>) {
    use toml::de::DeValue;
    match (node, side) {
        (node @ Node::Float(_), TomlSide::Value(DeValue::Float(float))) => {
            *node = Node::Number(float.as_str().to_string());
        }
        (Node::Seq(items), TomlSide::Value(DeValue::Array(array))) => {
            for (item, value) in items.iter_mut().zip(array.iter()) {
                if has_float(item) {
                    assign_toml(item, TomlSide::Value(value.get_ref()));
                }
            }
        }
        (Node::Map(entries), TomlSide::Table(table))
        | (Node::Map(entries), TomlSide::Value(DeValue::Table(table))) => {
            let by_name: HashMap<&str, &toml::de::DeValue<'_>> = table
                .iter()
                .map(|(k, v)| (k.get_ref().as_ref(), v.get_ref()))
                .collect();
            for (key, value) in entries.iter_mut() {
                if let Some(found) = by_name.get(key.as_str())
                    && has_float(value)
                {
                    assign_toml(value, TomlSide::Value(found));
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tree::parse;

    fn numbers(text: &str, format: FactsFormat) -> Vec<Node> {
        let mut root = parse(text, format).unwrap_or(Node::Null);
        keep_number_texts(&mut root, text, format);
        let mut found = Vec::new();
        let mut stack = vec![&root];
        while let Some(node) = stack.pop() {
            match node {
                Node::Seq(items) => stack.extend(items.iter().rev()),
                Node::Map(entries) => stack.extend(entries.iter().rev().map(|(_, v)| v)),
                Node::Int(_) | Node::Float(_) | Node::Number(_) => found.push(node.clone()),
                _ => {}
            }
        }
        found
    }

    fn texts(list: &[&str]) -> Vec<Node> {
        list.iter().map(|t| Node::Number(t.to_string())).collect()
    }

    #[test]
    fn json_numbers_keep_their_text() {
        let forty = "1".repeat(40);
        let text = format!(
            r#"{{"a": 1, "s": "-2 3e5 \" 4", "b": [1e-400, 2.50], "c": {forty}, "d": -0.1E+2}}"#
        );
        let mut expected = vec![Node::Int(1)];
        expected.extend(texts(&["1e-400", "2.50", &forty, "-0.1E+2"]));
        assert_eq!(numbers(&text, FactsFormat::Json), expected);
    }

    #[test]
    fn yaml_numbers_keep_their_text() {
        let text = "a: 1\ns: '3.0'\nb: [1e-400, 2.50]\nc:\n  d: 0.100000000000000000001\n";
        let mut expected = vec![Node::Int(1)];
        expected.extend(texts(&["1e-400", "2.50", "0.100000000000000000001"]));
        assert_eq!(numbers(text, FactsFormat::Yaml), expected);
    }

    #[test]
    fn toml_numbers_keep_their_text() {
        let text = "a = 1\nb = [1e-400, 2.50]\n[c]\nd = 1_000.5\n";
        let mut expected = vec![Node::Int(1)];
        // The `toml` crate keeps the text without its `_`.
        expected.extend(texts(&["1e-400", "2.50", "1000.5"]));
        assert_eq!(numbers(text, FactsFormat::Toml), expected);
    }
}
