//! Refusing YAML that nests deeper than facts may, before parsing it.
//!
//! The YAML parser stops at its recursion limit only after it has scanned
//! the whole text, and its scan of deep nesting takes time quadratic in the
//! depth (100,000 levels took 30 s). JSON stops at [`MAX_DEPTH`] as it
//! reads. So a YAML text is first scanned line by line for its depth, and
//! one deeper than [`MAX_DEPTH`] is refused at the line that crosses it.
//!
//! The scan over-counts rather than under-counts: it counts every block
//! indentation level, every `- ` that opens a sequence entry and every
//! unclosed `[` or `{` that opens a flow collection, outside quotes,
//! comments and block scalars (`|`, `>`). Facts nest a few levels deep, far
//! from the limit, so an over-count refuses nothing a policy could read.

use super::tree::{At, SyntaxFault};

/// The deepest nesting a facts file may have: serde_json's limit for JSON,
/// applied to YAML too.
pub const MAX_DEPTH: usize = 128;

/// The message of a facts file that nests too deep.
pub(crate) fn too_deep_message() -> String {
    format!("the facts nest deeper than {MAX_DEPTH} levels")
}

/// Refuses a YAML text deeper than [`MAX_DEPTH`], at the line and column
/// where the scan crossed it.
pub(crate) fn check_yaml(text: &str) -> Result<(), SyntaxFault> {
    // Columns of the block collections open at the current line.
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    // The block depth of the line where the open flow collections started.
    let mut base = 0usize;
    let mut quote: Option<u8> = None;
    // A block scalar's lines: those indented more than this column.
    let mut block_scalar: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        let blank = bytes.get(indent).is_none_or(|b| *b == b'#');
        if let Some(column) = block_scalar {
            if blank || indent > column {
                continue;
            }
            block_scalar = None;
        }
        if blank && quote.is_none() {
            continue;
        }
        let mut i = indent;
        if flow == 0 && quote.is_none() {
            while indents.last().is_some_and(|top| *top >= indent) {
                indents.pop();
            }
            indents.push(indent);
            base = indents.len();
        }
        let crossed = |depth: usize, i: usize| -> Result<(), SyntaxFault> {
            if depth > MAX_DEPTH {
                let column = line.get(..i).map_or(i, |s| s.chars().count()) + 1;
                return Err(SyntaxFault {
                    message: too_deep_message(),
                    at: Some(At::LineColumn(index + 1, column)),
                    too_deep: true,
                });
            }
            Ok(())
        };
        if flow == 0 && quote.is_none() {
            // `- - - x`: each dash opens a sequence inside the last.
            while bytes.get(i) == Some(&b'-') && bytes.get(i + 1).is_none_or(|b| *b == b' ') {
                base += 1;
                crossed(base, i)?;
                i += 2;
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
        }
        crossed(base + flow, i)?;
        // Where a value may start: a flow collection opens only there.
        let mut value_start = true;
        while let Some(&b) = bytes.get(i) {
            if let Some(q) = quote {
                if b == q {
                    quote = None;
                } else if b == b'\\' && q == b'"' {
                    i += 1;
                }
                i += 1;
                continue;
            }
            match b {
                b'\'' | b'"' if value_start || flow > 0 => quote = Some(b),
                b'#' if i == 0 || bytes.get(i - 1) == Some(&b' ') => break,
                b'[' | b'{' if value_start || flow > 0 => {
                    flow += 1;
                    crossed(base + flow, i)?;
                }
                b']' | b'}' if flow > 0 => flow -= 1,
                b'|' | b'>' if value_start && flow == 0 => {
                    block_scalar = Some(indent);
                }
                _ => {}
            }
            value_start = match b {
                b' ' | b'\t' => value_start,
                b':' | b'-' | b',' | b'[' | b'{' | b'?' => true,
                _ => false,
            };
            // `a:b` is one plain word; `a: [` opens a list.
            if b == b':' && bytes.get(i + 1).is_some_and(|c| *c != b' ') && flow == 0 {
                value_start = false;
            }
            i += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crossing(text: &str) -> Option<(usize, usize)> {
        match check_yaml(text) {
            Ok(()) => None,
            Err(fault) => match fault.at {
                Some(At::LineColumn(line, column)) => Some((line, column)),
                _ => Some((0, 0)),
            },
        }
    }

    #[test]
    fn ordinary_facts_pass() {
        let text = "\
as_of: 2026-03-27   # the day
mc14: {opening: 2026-03-26, closing: '2026-03-30'}
note: a[b: c{ not flow
members:
- name: \"x [ {\"
  ages: [1, [2, 3]]
- - a
  - b
text: |
  [[[[[[[[[[
  {{{{{{
";
        assert_eq!(crossing(text), None);
    }

    #[test]
    fn deep_flow_nesting_is_refused_where_it_crosses() {
        let deep = format!(
            "as_of: 2026-03-27\nx: {}{}\n",
            "[".repeat(200),
            "]".repeat(200)
        );
        assert_eq!(crossing(&deep), Some((2, 3 + MAX_DEPTH)));
        let ok = format!(
            "x: {}{}\n",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert_eq!(crossing(&ok), None);
    }

    #[test]
    fn deep_block_nesting_is_refused_where_it_crosses() {
        let deep: String = (0..200).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert_eq!(crossing(&deep), Some((MAX_DEPTH + 1, MAX_DEPTH + 1)));
        let dashes = format!("x: 1\ny:\n{}z\n", "- ".repeat(200));
        assert!(crossing(&dashes).is_some());
    }
}
