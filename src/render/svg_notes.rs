//! Words placed on a timeline picture without writing over each other:
//! the notes under a lane (each change said from both sides of its line,
//! what an undetermined stretch depends on, the day an error arose) and
//! the labels of events. A note goes on the first row under its lane where
//! it has room beside its place on the axis; one that has none is numbered
//! there and written in full in a list under the lane.

/// The width, in pixels, of a character of the small font (11px) the notes
/// are written in: generous, so that estimated widths never overlap.
pub const NOTE_CHAR: f64 = 6.2;

/// The rows a note may take beside its place before it is numbered.
pub const NOTE_ROWS: usize = 2;

/// Escapes text for SVG.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The width of a text in the notes' font.
pub fn width(text: &str) -> f64 {
    NOTE_CHAR * text.chars().count() as f64
}

/// A note to place at a point of the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Where it belongs on the axis, in pixels.
    pub x: f64,
    /// The ways it may be written beside its place, longest first: each
    /// the words to the left of `x`, ending there (the side before a
    /// change: "is in force until 25 March 2026"; empty for none), and the
    /// words to the right, from there.
    pub forms: Vec<(String, String)>,
    /// The note in full, for the numbered list: it is read away from its
    /// place, so it says its days.
    pub listed: String,
}

impl Note {
    /// A note written on one side of its place only, to the right where
    /// there is room, else to the left.
    pub fn one_sided(x: f64, words: String, listed: String) -> Note {
        Note {
            x,
            forms: vec![(String::new(), words.clone()), (words, String::new())],
            listed,
        }
    }
}

/// Where a note went.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// On row `row` under the lane, beside its place, in one of its forms.
    Beside {
        /// The row, from 0.
        row: usize,
        /// The words left of the place.
        left: String,
        /// The words right of it.
        right: String,
    },
    /// Numbered at its place and written in the list under the lane.
    Numbered {
        /// Its number, from 1.
        number: usize,
        /// The first row of the list it is written on, from 0.
        row: usize,
        /// Where on that row it starts.
        x: f64,
        /// Its lines: one, or more when longer than the axis is wide.
        lines: Vec<String>,
    },
}

/// The gap kept between two notes on one row.
const GAP: f64 = 10.0;

/// Places notes between `left` and `right` (the ends of the axis): each in
/// the first of its forms that fits on one of [`NOTE_ROWS`] rows without
/// overlapping anything, the others numbered and laid out in rows of a
/// list, in order.
pub fn place(notes: &[Note], left: f64, right: f64) -> Vec<Placed> {
    let mut taken: Vec<Vec<(f64, f64)>> = vec![Vec::new(); NOTE_ROWS];
    let mut placed = Vec::with_capacity(notes.len());
    let mut numbered = 0usize;
    let (mut list_x, mut list_row) = (left, 0usize);
    'notes: for note in notes {
        for (before, after) in &note.forms {
            for row in 0..NOTE_ROWS {
                let start = note.x - width(before) - if before.is_empty() { 0.0 } else { 3.0 };
                let end = note.x + width(after) + if after.is_empty() { 0.0 } else { 3.0 };
                if start < left || end > right {
                    continue;
                }
                let Some(spans) = taken.get_mut(row) else {
                    continue;
                };
                if spans
                    .iter()
                    .all(|(s, e)| end + GAP <= *s || start >= *e + GAP)
                {
                    spans.push((start, end));
                    placed.push(Placed::Beside {
                        row,
                        left: before.clone(),
                        right: after.clone(),
                    });
                    continue 'notes;
                }
            }
        }
        numbered += 1;
        let room = ((right - left) / NOTE_CHAR) as usize;
        let lines = wrap(&format!("{numbered}. {}", note.listed), room);
        let needed = lines.iter().map(|l| width(l)).fold(0.0, f64::max) + 2.0 * GAP;
        if list_x > left && (list_x + needed > right || lines.len() > 1) {
            list_x = left;
            list_row += 1;
        }
        let rows_taken = lines.len();
        placed.push(Placed::Numbered {
            number: numbered,
            row: list_row,
            x: list_x,
            lines,
        });
        if rows_taken > 1 {
            list_x = left;
            list_row += rows_taken;
        } else {
            list_x += needed;
        }
    }
    placed
}

/// How many rows the notes take beside the lane, and in its list.
pub fn rows(placed: &[Placed]) -> (usize, usize) {
    let beside = placed
        .iter()
        .filter_map(|p| match p {
            Placed::Beside { row, .. } => Some(row + 1),
            Placed::Numbered { .. } => None,
        })
        .max()
        .unwrap_or(0);
    let list = placed
        .iter()
        .filter_map(|p| match p {
            Placed::Numbered { row, lines, .. } => Some(row + lines.len()),
            Placed::Beside { .. } => None,
        })
        .max()
        .unwrap_or(0);
    (beside, list)
}

/// Cuts text to at most `room` characters, ending with `…` when cut.
pub fn cut(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut short: String = text.chars().take(room.saturating_sub(1)).collect();
    short.push('…');
    short
}

/// Text broken into lines of at most `room` characters, at spaces where
/// it can be.
pub fn wrap(text: &str, room: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| cut(&l, room)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_with_room_go_beside_and_the_others_are_numbered() {
        let note = |x: f64, left: &str, right: &str| Note {
            x,
            forms: vec![(left.to_string(), right.to_string())],
            listed: format!("{left} | {right}"),
        };
        let placed = place(
            &[
                note(500.0, "true until 25 March", "false from 26 March"),
                note(505.0, "false until 26 March", "true from 27 March"),
                note(510.0, "true until 27 March", "false from 28 March"),
                note(5.0, "too far left to fit", "x"),
            ],
            0.0,
            1000.0,
        );
        assert!(matches!(placed[0], Placed::Beside { row: 0, .. }));
        assert!(matches!(placed[1], Placed::Beside { row: 1, .. }));
        assert!(matches!(placed[2], Placed::Numbered { number: 1, .. }));
        assert!(matches!(placed[3], Placed::Numbered { number: 2, .. }));
        assert_eq!(rows(&placed), (2, 1));
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 5), ["abcd…"]);
    }
}
