//! Finding where a problem stands in the facts file.
//!
//! The serde parsers that read facts files do not report where each value
//! is, so validation records a *path* for every problem (`measure.kind`,
//! `members[2].age`) and this module finds it in the text afterwards: the
//! JSON locator scans the text along the path, the TOML locator walks the
//! `toml` crate's spanned parse tree, and the YAML locator has the YAML
//! parser itself point at the node (see each submodule). When the key or
//! value sought cannot be found, the label falls back to the nearest
//! ancestor that can, and finally to the start of the file. Labels cover one
//! line at most, so that a wrong object is marked by its first line.

mod json;
mod toml;
mod yaml;

use std::cell::{Cell, OnceCell};

use super::FactsFormat;
use super::path::{Path, Seg};
use super::tree::At;
use crate::span::Span;

/// What part of an entry a label marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The key, for entries that should not be there.
    Key,
    /// The value, for values of the wrong form.
    Value,
    /// The object or list as a whole, for something missing from it.
    Container,
}

/// Whether to find an entry's key or its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Key,
    Value,
}

/// Finds paths in the text of one facts file.
pub(crate) struct Locator<'a> {
    text: &'a str,
    /// Bytes of a byte order mark before the content.
    base: usize,
    format: FactsFormat,
    toml: OnceCell<Option<::toml::Spanned<::toml::de::DeTable<'a>>>>,
    /// Bytes of YAML parsed so far by probes.
    yaml_spent: Cell<usize>,
}

/// How many bytes of YAML the probes may parse for one file: each probe
/// parses the whole file, so a large file with many problems gets exact
/// labels for its first problems only, and the rest fall back to the start
/// of the file (their messages still name their paths).
const YAML_PROBE_BUDGET: usize = 16 << 20;

impl<'a> Locator<'a> {
    /// A locator for `text`, written in `format`.
    pub(crate) fn new(text: &'a str, format: FactsFormat) -> Locator<'a> {
        let base = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        Locator {
            text,
            base,
            format,
            toml: OnceCell::new(),
            yaml_spent: Cell::new(0),
        }
    }

    /// The text after any byte order mark: what the parsers read.
    pub(crate) fn body(&self) -> &'a str {
        self.text.get(self.base..).unwrap_or("")
    }

    /// The span of a parser's reported position, one character wide.
    pub(crate) fn syntax_span(&self, at: Option<At>) -> Span {
        let body = self.body();
        let span = match at {
            Some(At::LineColumn(line, column)) => offset_of_line_column(body, line, column)
                .map(|start| Span::new(start, start + char_len(body, start))),
            Some(At::Bytes(start, end)) => {
                let start = floor_boundary(body, start.min(body.len()));
                let end = floor_boundary(body, end.clamp(start, body.len()));
                Some(if end > start {
                    Span::new(start, end)
                } else {
                    Span::new(start, start + char_len(body, start))
                })
            }
            None => None,
        };
        let mut span = span.unwrap_or_default();
        let content = body.trim_end();
        if span.start >= content.len() {
            // At the end of the file, where a label would not show: point
            // at the last character instead.
            if let Some((last, c)) = content.char_indices().next_back() {
                span = Span::new(last, last + c.len_utf8());
            }
        }
        first_line(
            self.text,
            Span::new(span.start + self.base, span.end + self.base),
        )
    }

    /// The span to label for `target` at `path`; `hint` is the text of the
    /// value there, if it is a string. Never fails: falls back to an
    /// ancestor, then to the start of the file; the flag tells whether the
    /// path or an ancestor was found.
    pub(crate) fn span(&self, path: &Path, target: Target, hint: Option<&str>) -> (Span, bool) {
        let segs = path.segs();
        let found = match target {
            Target::Key => self.find(segs, Want::Key, None),
            Target::Value => self
                .find(segs, Want::Value, hint)
                .or_else(|| self.find(segs, Want::Key, None)),
            Target::Container if segs.is_empty() => Some(self.top()),
            Target::Container => self
                .find(segs, Want::Value, None)
                .or_else(|| self.find(segs, Want::Key, None)),
        };
        let found = found.or_else(|| {
            (1..segs.len()).rev().find_map(|k| {
                let ancestor = segs.get(..k)?;
                self.find(ancestor, Want::Key, None)
                    .or_else(|| self.find(ancestor, Want::Value, None))
            })
        });
        match found {
            Some(span) => (first_line(self.text, span), true),
            None => (self.top(), false),
        }
    }

    /// The top-level value's first character, or the start of the file.
    fn top(&self) -> Span {
        let body = self.body();
        let start = body.len() - body.trim_start().len();
        match (
            self.format,
            body.get(start..).and_then(|s| s.chars().next()),
        ) {
            (FactsFormat::Json, Some(c)) => {
                Span::new(self.base + start, self.base + start + c.len_utf8())
            }
            _ => Span::new(self.base, self.base),
        }
    }

    /// The span of the key or value at `path`, in the whole text.
    fn find(&self, path: &[Seg], want: Want, hint: Option<&str>) -> Option<Span> {
        let body = self.body();
        let span = match self.format {
            FactsFormat::Json => json::find(body, path, want)?,
            FactsFormat::Toml => {
                let root = self.toml.get_or_init(|| toml::parse(body)).as_ref()?;
                toml::find(root, path, want)?
            }
            FactsFormat::Yaml => {
                let spent = self.yaml_spent.get();
                if spent > 0 && spent.saturating_add(body.len()) > YAML_PROBE_BUDGET {
                    return None;
                }
                self.yaml_spent.set(spent.saturating_add(body.len().max(1)));
                let (start, collection) = yaml::find(body, path, want)?;
                let flow = matches!(body.get(start..)?.chars().next(), Some('[' | '{'));
                if want == Want::Value && collection && !flow {
                    // A block mapping or sequence starts at its first entry,
                    // which would mislead as a label: use the key instead.
                    return None;
                }
                let hint = match (want, path.last()) {
                    (Want::Key, Some(Seg::Key { name, .. })) => Some(name.as_str()),
                    (Want::Key, _) => None,
                    (Want::Value, _) => hint,
                };
                Span::new(start, yaml_scalar_end(body, start, hint))
            }
        };
        Some(Span::new(span.start + self.base, span.end + self.base))
    }
}

/// Where the YAML node starting at `start` ends, as far as one line shows:
/// quoted scalars and flow collections to their closing mark, plain scalars
/// to `hint` if they start with it, else to a comment or the end of line.
fn yaml_scalar_end(text: &str, start: usize, hint: Option<&str>) -> usize {
    let Some(rest) = text.get(start..) else {
        return start;
    };
    let b = rest.as_bytes();
    let len = match b.first() {
        Some(b'"') => json::string_end(b, 0),
        Some(b'\'') => {
            let mut i = 1;
            loop {
                match (b.get(i), b.get(i + 1)) {
                    (Some(b'\''), Some(b'\'')) => i += 2,
                    (Some(b'\''), _) => break Some(i + 1),
                    (Some(_), _) => i += 1,
                    (None, _) => break None,
                }
            }
        }
        Some(b'[' | b'{') => json::value_end(b, 0),
        _ => match hint {
            Some(h) if !h.is_empty() && rest.starts_with(h) => Some(h.len()),
            _ => {
                let line = rest.split(['\n', '\r']).next().unwrap_or("");
                let line = line.split(" #").next().unwrap_or("");
                let line = line.split([',', ']', '}']).next().unwrap_or("");
                Some(line.trim_end().len())
            }
        },
    };
    start + len.unwrap_or(0)
}

/// The byte offset of a 1-based line and 1-based column in characters (0 is
/// taken as 1), if the line exists; the column is clamped to the line.
pub(crate) fn offset_of_line_column(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += text.get(start..)?.find('\n')? + 1;
    }
    let rest = text.get(start..)?;
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(start + within.min(line_len))
}

/// The length of the character at `at`, or 0 at the end or off a boundary.
fn char_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(0, char::len_utf8)
}

/// The greatest character boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The part of `span` on its first line, without trailing white space.
fn first_line(text: &str, span: Span) -> Span {
    let Some(covered) = text.get(span.start..span.end) else {
        return Span::new(span.start.min(text.len()), span.start.min(text.len()));
    };
    let line = covered.split('\n').next().unwrap_or("").trim_end();
    if line.is_empty() && !covered.is_empty() {
        return Span::new(span.start, span.start + char_len(text, span.start));
    }
    Span::new(span.start, span.start + line.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_line_and_column() {
        let text = "ab\ncdé\nf";
        assert_eq!(offset_of_line_column(text, 1, 1), Some(0));
        assert_eq!(offset_of_line_column(text, 2, 3), Some(5));
        assert_eq!(offset_of_line_column(text, 2, 99), Some(7));
        assert_eq!(offset_of_line_column(text, 3, 0), Some(8));
        assert_eq!(offset_of_line_column(text, 9, 1), None);
    }

    #[test]
    fn finds_yaml_scalar_ends() {
        assert_eq!(yaml_scalar_end("'it''s' x", 0, None), 7);
        assert_eq!(yaml_scalar_end("\"a\\\"b\" x", 0, None), 6);
        assert_eq!(yaml_scalar_end("2.5 # c", 0, None), 3);
        assert_eq!(yaml_scalar_end("a, b\n", 0, Some("a, b")), 4);
        assert_eq!(yaml_scalar_end("[1, [2]] x", 0, None), 8);
        assert_eq!(yaml_scalar_end("'open", 0, None), 0);
        assert_eq!(yaml_scalar_end("x", 5, None), 5);
    }

    #[test]
    fn labels_one_line() {
        let text = "{\n  \"a\": 1\n}";
        assert_eq!(first_line(text, Span::new(0, 12)), Span::new(0, 1));
        assert_eq!(first_line(text, Span::new(20, 30)), Span::new(12, 12));
    }

    #[test]
    fn falls_back_to_ancestors_and_the_start() {
        let text = "\u{feff}{\"mc14\": {\"opening\": 1}}";
        let locator = Locator::new(text, FactsFormat::Json);
        let path = Path::root().key("mc14").key("closing");
        let (span, found) = locator.span(&path, Target::Value, None);
        assert_eq!(
            (text.get(span.start..span.end), found),
            (Some("\"mc14\""), true)
        );
        let (span, found) = locator.span(&Path::root().key("x"), Target::Key, None);
        assert_eq!((text.get(span.start..span.end), found), (Some("{"), false));
        let (span, found) = locator.span(&Path::root(), Target::Container, None);
        assert_eq!((text.get(span.start..span.end), found), (Some("{"), true));
    }
}
