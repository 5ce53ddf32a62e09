//! Finding keys and values in JSON text.
//!
//! The text has already been parsed, so a light scanner suffices: it walks
//! the path from the top-level object, skipping the values it does not
//! enter, without recursion. Anything unexpected ends the search.

use super::Want;
use crate::facts::path::Seg;
use crate::span::Span;

/// The span of the key or value at `path`, if the scanner finds it.
pub(super) fn find(text: &str, path: &[Seg], want: Want) -> Option<Span> {
    let b = text.as_bytes();
    let mut pos = skip_ws(b, 0);
    let mut key = None;
    for seg in path {
        match seg {
            Seg::Key { name, nth } => {
                let (key_span, value_start) = find_entry(text, pos, name, *nth)?;
                key = Some(key_span);
                pos = value_start;
            }
            Seg::Index(index) => {
                pos = find_element(b, pos, *index)?;
                key = None;
            }
        }
    }
    match want {
        Want::Key => key,
        Want::Value => Some(Span::new(pos, value_end(b, pos)?)),
    }
}

/// In the object starting at `pos`, the `nth` entry named `name`: the span of
/// its key and where its value starts.
fn find_entry(text: &str, mut pos: usize, name: &str, nth: usize) -> Option<(Span, usize)> {
    let b = text.as_bytes();
    if b.get(pos) != Some(&b'{') {
        return None;
    }
    pos += 1;
    let mut seen = 0;
    loop {
        pos = skip_ws(b, pos);
        if b.get(pos) != Some(&b'"') {
            return None;
        }
        let key_start = pos;
        let key_end = string_end(b, pos)?;
        let key = text
            .get(key_start..key_end)
            .and_then(|raw| serde_json::from_str::<String>(raw).ok());
        pos = skip_ws(b, key_end);
        if b.get(pos) != Some(&b':') {
            return None;
        }
        pos = skip_ws(b, pos + 1);
        if key.as_deref() == Some(name) {
            if seen == nth {
                return Some((Span::new(key_start, key_end), pos));
            }
            seen += 1;
        }
        pos = skip_ws(b, value_end(b, pos)?);
        if b.get(pos) != Some(&b',') {
            return None;
        }
        pos += 1;
    }
}

/// In the array starting at `pos`, where the element at `index` starts.
fn find_element(b: &[u8], mut pos: usize, index: usize) -> Option<usize> {
    if b.get(pos) != Some(&b'[') {
        return None;
    }
    pos = skip_ws(b, pos + 1);
    for _ in 0..index {
        if b.get(pos) == Some(&b']') {
            return None;
        }
        pos = skip_ws(b, value_end(b, pos)?);
        if b.get(pos) != Some(&b',') {
            return None;
        }
        pos = skip_ws(b, pos + 1);
    }
    match b.get(pos) {
        Some(b']') | None => None,
        Some(_) => Some(pos),
    }
}

/// Where the value starting at `pos` ends.
pub(super) fn value_end(b: &[u8], pos: usize) -> Option<usize> {
    match b.get(pos)? {
        b'"' => string_end(b, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            while let Some(&c) = b.get(i) {
                match c {
                    b'"' => {
                        i = string_end(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let len = b
                .get(pos..)?
                .iter()
                .position(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b',' | b']' | b'}'))
                .unwrap_or(b.len() - pos);
            (len > 0).then_some(pos + len)
        }
    }
}

/// Where the string whose opening quote is at `pos` ends, after its closing quote.
pub(super) fn string_end(b: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        match b.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while matches!(b.get(pos), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        pos += 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::path::Path;

    const TEXT: &str = r#"{
  "as_of": "2026-03-27",
  "mc14": {"opening": "2026-03-26", "closing": [1, {"x": "a\"}"}]},
  "mc14": 3
}"#;

    fn slice(path: &Path, want: Want) -> Option<&'static str> {
        find(TEXT, path.segs(), want).and_then(|s| TEXT.get(s.start..s.end))
    }

    #[test]
    fn finds_keys_and_values() {
        let root = Path::root();
        assert_eq!(slice(&root.key("as_of"), Want::Key), Some("\"as_of\""));
        assert_eq!(
            slice(&root.key("as_of"), Want::Value),
            Some("\"2026-03-27\"")
        );
        let closing = root.key("mc14").key("closing");
        assert_eq!(
            slice(&closing, Want::Value),
            Some("[1, {\"x\": \"a\\\"}\"}]")
        );
        assert_eq!(slice(&closing.index(0), Want::Value), Some("1"));
        let x = closing.index(1).key("x");
        assert_eq!(slice(&x, Want::Value), Some("\"a\\\"}\""));
        assert_eq!(slice(&root.key_nth("mc14", 1), Want::Value), Some("3"));
    }

    #[test]
    fn misses_what_is_not_there() {
        let root = Path::root();
        assert_eq!(slice(&root.key("nope"), Want::Key), None);
        assert_eq!(
            slice(&root.key("mc14").key("closing").index(5), Want::Value),
            None
        );
        assert_eq!(slice(&root.key("as_of").key("x"), Want::Value), None);
        assert_eq!(
            find(
                "{\"a\": [1, 2",
                Path::root().key("a").index(1).segs(),
                Want::Value
            ),
            Some(Span::new(10, 11))
        );
        assert_eq!(
            find(
                "{\"a\": \"unterminated",
                Path::root().key("a").segs(),
                Want::Value
            ),
            None
        );
    }
}
