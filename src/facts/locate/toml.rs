//! Finding keys and values in TOML text.
//!
//! The `toml` crate's own parse tree ([`DeTable`]) keeps the span of every
//! key and value, so the locator walks that tree. A table opened by a header
//! has the header (`[measure]`) as its span; a table made by dotted keys has
//! the first key.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Want;
use crate::facts::path::Seg;
use crate::span::Span;

/// The parse tree of a TOML text, if it parses.
pub(super) fn parse(text: &str) -> Option<Spanned<DeTable<'_>>> {
    DeTable::parse(text).ok()
}

/// The span of the key or value at `path` in the tree `root`.
pub(super) fn find(root: &Spanned<DeTable<'_>>, path: &[Seg], want: Want) -> Option<Span> {
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    let mut value: Option<&Spanned<DeValue<'_>>> = None;
    let mut key = None;
    for seg in path {
        let next = match seg {
            Seg::Key { name, .. } => {
                let (k, v) = table?.iter().find(|(k, _)| k.get_ref() == name)?;
                key = Some(to_span(k.span()));
                v
            }
            Seg::Index(index) => {
                key = None;
                match value?.get_ref() {
                    DeValue::Array(items) => items.get(*index)?,
                    _ => return None,
                }
            }
        };
        table = match next.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
        value = Some(next);
    }
    match want {
        Want::Key => key,
        Want::Value => Some(to_span(value.map_or_else(|| root.span(), |v| v.span()))),
    }
}

fn to_span(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::path::Path;

    const TEXT: &str = "\
as_of = 2026-03-27
[mc14]
opening = \"2026-03-26\"
[measure]
kind = { a = [1, 2] }
x.y = 3
[[members]]
age = 3
[[members]]
age = 4
";

    fn slice(path: &Path, want: Want) -> Option<&'static str> {
        let root = parse(TEXT)?;
        find(&root, path.segs(), want).and_then(|s| TEXT.get(s.start..s.end))
    }

    #[test]
    fn finds_keys_and_values() {
        let root = Path::root();
        assert_eq!(slice(&root.key("as_of"), Want::Value), Some("2026-03-27"));
        assert_eq!(slice(&root.key("mc14"), Want::Key), Some("mc14"));
        assert_eq!(slice(&root.key("mc14"), Want::Value), Some("[mc14]"));
        assert_eq!(
            slice(&root.key("mc14").key("opening"), Want::Value),
            Some("\"2026-03-26\"")
        );
        let a = root.key("measure").key("kind").key("a");
        assert_eq!(slice(&a.index(1), Want::Value), Some("2"));
        assert_eq!(
            slice(&root.key("measure").key("x").key("y"), Want::Key),
            Some("y")
        );
        let age = root.key("members").index(1).key("age");
        assert_eq!(slice(&age, Want::Value), Some("4"));
        assert_eq!(slice(&root.key("members").index(2), Want::Value), None);
        assert_eq!(slice(&root.key("nope"), Want::Key), None);
    }
}
