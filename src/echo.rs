//! Echoing what the user wrote in diagnostics, at a bounded length.
//!
//! A diagnostic quotes the value it is about (`` `custom_duty` is not one of
//! ...``), and a value can be megabytes long: a diagnostic never echoes
//! more than [`ECHO_LIMIT`] bytes of one, cut on a character boundary and
//! marked with an ellipsis.

use std::borrow::Cow;

/// The most bytes of one value a diagnostic echoes.
pub const ECHO_LIMIT: usize = 200;

/// The ellipsis that marks a value cut short.
const ELLIPSIS: &str = "…";

/// `text`, or its first [`ECHO_LIMIT`] bytes (to a character boundary)
/// followed by `…` when it is longer.
pub fn shorten(text: &str) -> Cow<'_, str> {
    if text.len() <= ECHO_LIMIT {
        return Cow::Borrowed(text);
    }
    let mut end = ECHO_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or("");
    Cow::Owned(format!("{head}{ELLIPSIS}"))
}

/// `message` with every segment between backquotes shortened as
/// [`shorten`] does, so that a message built around a long value stays
/// readable: the words around the value are kept whole.
pub fn shorten_quoted(message: &str) -> Cow<'_, str> {
    if message.len() <= ECHO_LIMIT {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(ECHO_LIMIT * 2);
    let mut parts = message.split('`');
    // Even parts are outside quotes, odd parts inside; the last part of an
    // unbalanced message is outside too, and is cut like a value.
    let count = message.matches('`').count();
    for (i, part) in parts.by_ref().enumerate() {
        if i > 0 {
            out.push('`');
        }
        let inside = i % 2 == 1 && i < count;
        if inside || part.len() > ECHO_LIMIT * 4 {
            out.push_str(&shorten(part));
        } else {
            out.push_str(part);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_echoed_whole() {
        assert_eq!(shorten("custom_duty"), "custom_duty");
        let exact = "x".repeat(ECHO_LIMIT);
        assert_eq!(shorten(&exact), exact);
    }

    #[test]
    fn long_values_are_cut_on_a_character_boundary() {
        let long = "x".repeat(ECHO_LIMIT * 10);
        assert_eq!(shorten(&long), format!("{}…", "x".repeat(ECHO_LIMIT)));
        // Two-byte characters: the limit falls inside one, which is left out.
        let accents = "é".repeat(ECHO_LIMIT);
        let cut = shorten(&accents);
        assert_eq!(cut, format!("{}…", "é".repeat(ECHO_LIMIT / 2)));
        let odd = format!("x{}", "é".repeat(ECHO_LIMIT));
        assert_eq!(
            shorten(&odd),
            format!("x{}…", "é".repeat((ECHO_LIMIT - 1) / 2))
        );
    }

    #[test]
    fn quoted_segments_are_cut_and_the_words_kept() {
        let long = "y".repeat(ECHO_LIMIT * 3);
        let message = format!("measure.kind: `{long}` is not one of `a`, `b`");
        assert_eq!(
            shorten_quoted(&message),
            format!(
                "measure.kind: `{}…` is not one of `a`, `b`",
                "y".repeat(ECHO_LIMIT)
            )
        );
        assert_eq!(shorten_quoted("plain `short`"), "plain `short`");
    }
}
