//! The words of a provision's text that set a boundary in time ("until",
//! "by 31 December 2023", "beyond", "in 2017", "from ... to"), found where
//! they stand in the file, for the `boundary_unstated` lint.

use chrono::NaiveDate;

use crate::span::Span;

/// A word of the text: its lower-case form and where it stands in the file.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub lower: String,
    pub span: Span,
}

/// The words of a quoted text, with their spans in the file. `raw` is the
/// text as written between the quotes, `start` its offset in the file, so
/// that line breaks and indentation inside the quotes are kept in the spans.
pub(super) fn words(raw: &str, start: usize) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<usize> = None;
    for (at, c) in raw.char_indices().chain(std::iter::once((raw.len(), ' '))) {
        match (current, c.is_alphanumeric()) {
            (None, true) => current = Some(at),
            (Some(from), false) => {
                let word = raw.get(from..at).unwrap_or("");
                words.push(Word {
                    lower: word.to_lowercase(),
                    span: Span::new(start + from, start + at),
                });
                current = None;
            }
            _ => {}
        }
    }
    words
}

/// A boundary phrase found in a text.
#[derive(Debug, Clone)]
pub(super) struct Phrase {
    /// The phrase's words as written in the text, white space folded.
    pub written: String,
    /// Its first and last word, as indices into the text's words.
    pub first: usize,
    pub last: usize,
    /// Where it stands in the file.
    pub span: Span,
    /// The day it names, if it names one: `31 December 2023`, `2024-03-31`.
    pub day: Option<NaiveDate>,
    /// The year it names, for "in 2017".
    pub year: Option<i32>,
    /// Whether the words say on which side of the day the boundary falls.
    pub sense: Sense,
}

/// Whether a phrase says on which side of its day a boundary falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sense {
    /// "until", "by", "expire": the text leaves it open.
    Open,
    /// "after", "beyond", "through" a day: at the end of the day.
    EndOf,
    /// "before" a day: at its start.
    StartOf,
    /// "in 2017": at the start of its first day and the end of its last.
    Year,
}

/// Where a boundary falls about a day: at its start or at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Split {
    /// Between the day before and the day.
    Start,
    /// Between the day and the day after.
    End,
}

impl Phrase {
    /// Where the phrase puts the boundary about `day`, if it speaks of that day.
    pub(super) fn split_at(&self, day: NaiveDate) -> Option<Split> {
        use chrono::Datelike;
        match (self.sense, self.day, self.year) {
            (Sense::EndOf, Some(named), _) if named == day => Some(Split::End),
            (Sense::StartOf, Some(named), _) if named == day => Some(Split::Start),
            (Sense::Year, _, Some(year)) => {
                let first = (day.month(), day.day()) == (1, 1);
                let last = (day.month(), day.day()) == (12, 31);
                match day.year() - year {
                    0 | 1 if first => Some(Split::Start),
                    0 | -1 if last => Some(Split::End),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// Phrases that say on which side of the boundary its day falls.
const STATED: [&[&str]; 11] = [
    &["by", "the", "end", "of"],
    &["not", "later", "than"],
    &["no", "later", "than"],
    &["not", "earlier", "than"],
    &["no", "earlier", "than"],
    &["on", "or", "before"],
    &["on", "or", "after"],
    &["up", "to", "and", "including"],
    &["until", "and", "including"],
    &["to", "and", "including"],
    &["prior", "to"],
];

/// Words after a boundary, in its sentence, that state it: "until 31 March inclusive".
const STATING: [&str; 6] = [
    "inclusive",
    "exclusive",
    "inclusively",
    "exclusively",
    "included",
    "excluded",
];

/// Words that end a period whatever follows them.
const ALWAYS: [&str; 5] = ["until", "till", "expire", "expires", "expiry"];

/// Words that end or start a period when a day, a date or a time follows.
const WHEN_DATED: [&str; 1] = ["by"];

/// Words whose ordinary sense puts the boundary at the end of the day they
/// name ("after 31 December": from 1 January) or at its start ("before").
const END_OF: [&str; 3] = ["after", "beyond", "through"];
const START_OF: [&str; 1] = ["before"];

/// Words after a preposition that make it one of time.
const TIME_WORDS: [&str; 14] = [
    "date", "dates", "day", "days", "year", "years", "month", "months", "end", "session", "time",
    "deadline", "period", "week",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(word: &str) -> Option<u32> {
    MONTHS.iter().position(|m| *m == word).map(|i| i as u32 + 1)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1000..3000).contains(y))
}

fn number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    (!digits.is_empty() && digits.len() <= 2)
        .then(|| digits.parse().ok())
        .flatten()
}

/// The day the words from `at` name: "31 March 2024", "March 31, 2024", "2024-03-31".
pub(super) fn day_at(words: &[Word], at: usize) -> Option<NaiveDate> {
    let word = |i: usize| words.get(i).map(|w| w.lower.as_str()).unwrap_or("");
    let (a, b, c) = (word(at), word(at + 1), word(at + 2));
    if let (Some(d), Some(m), Some(y)) = (number(a), month(b), year(c)) {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if let (Some(m), Some(d), Some(y)) = (month(a), number(b), year(c)) {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if let (Some(y), Some(m), Some(d)) = (year(a), number(b), number(c)) {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

/// The day a boundary at word `next` names, looking past "the", "of" and the like.
fn named_day(words: &[Word], next: usize) -> Option<NaiveDate> {
    (next..next + 3).find_map(|at| day_at(words, at))
}

fn sentence_end(text_between: &str) -> bool {
    text_between.contains(['.', ';'])
}

fn matches_at(words: &[Word], at: usize, phrase: &[&str]) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(i, p)| words.get(at + i).is_some_and(|w| w.lower == *p))
}

/// The boundary phrases of a text whose sense the text leaves open. `raw`
/// is the text as written, `start` its offset in the file, `words` its words.
pub(super) fn open_boundaries(raw: &str, start: usize, words: &[Word]) -> Vec<Phrase> {
    let between = |a: &Word, b: &Word| {
        raw.get(a.span.end - start..b.span.start - start)
            .unwrap_or("")
    };
    // Words that belong to a phrase stating its boundary.
    let mut stated = vec![false; words.len()];
    for at in 0..words.len() {
        for phrase in STATED {
            if matches_at(words, at, phrase) {
                for slot in stated.iter_mut().skip(at).take(phrase.len()) {
                    *slot = true;
                }
            }
        }
    }
    // A day, a month or a word of time follows: "by 31 December", "by the
    // end of", "from January to"; not "by 10%" or "by the Member".
    let dated = |next: usize| {
        named_day(words, next).is_some()
            || words.iter().skip(next).take(4).any(|w| {
                month(&w.lower).is_some()
                    || year(&w.lower).is_some()
                    || TIME_WORDS.contains(&w.lower.as_str())
            })
    };
    let mut found: Vec<Phrase> = Vec::new();
    for (at, word) in words.iter().enumerate() {
        if stated.get(at).copied().unwrap_or(true) {
            continue;
        }
        let lower = word.lower.as_str();
        let mut last = at;
        let mut year_named = None;
        let mut sense = Sense::Open;
        let open = if END_OF.contains(&lower) || START_OF.contains(&lower) {
            // Only with a day named can the checker tell the rule's sense.
            sense = if START_OF.contains(&lower) {
                Sense::StartOf
            } else {
                Sense::EndOf
            };
            named_day(words, at + 1).is_some()
        } else if ALWAYS.contains(&lower) {
            true
        } else if WHEN_DATED.contains(&lower) {
            dated(at + 1)
        } else if lower == "in" {
            year_named = words.get(at + 1).and_then(|w| year(&w.lower));
            last = at + 1;
            sense = Sense::Year;
            year_named.is_some()
        } else if lower == "from" {
            // "from 1 January to 31 March": the period's two ends.
            let to = (at + 2..at + 8)
                .take_while(|i| {
                    words
                        .get(*i)
                        .is_some_and(|w| !sentence_end(between(word, w)))
                })
                .find(|i| words.get(*i).is_some_and(|w| w.lower == "to"));
            match to {
                Some(to) if dated(at + 1) => {
                    last = to;
                    true
                }
                _ => false,
            }
        } else {
            false
        };
        if !open {
            continue;
        }
        // "until 31 March 2024 inclusive": stated after all.
        let Some(end_word) = words.get(last) else {
            continue;
        };
        let stating = words
            .iter()
            .skip(last + 1)
            .take(8)
            .take_while(|w| !sentence_end(between(end_word, w)))
            .any(|w| STATING.contains(&w.lower.as_str()));
        if stating {
            continue;
        }
        // A word inside a phrase already found belongs to that phrase.
        if found.last().is_some_and(|p| at <= p.last) {
            continue;
        }
        let span = word.span.to(end_word.span);
        let written = raw
            .get(span.start - start..span.end - start)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        found.push(Phrase {
            written,
            first: at,
            last,
            span,
            day: if year_named.is_some() {
                None
            } else {
                named_day(words, last + 1)
            },
            year: year_named,
            sense,
        });
    }
    found
}

/// Where the words of a cited phrase stand among the text's words: the
/// first and last index of each occurrence.
pub(super) fn cited(words: &[Word], cites: &str) -> Vec<(usize, usize)> {
    let phrase: Vec<String> = self::words(cites, 0).into_iter().map(|w| w.lower).collect();
    if phrase.is_empty() {
        return Vec::new();
    }
    let first = phrase.first();
    (0..words.len())
        .filter(|at| {
            // The first word rules out most places at once.
            words.get(*at).map(|w| &w.lower) == first
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(i, p)| words.get(at + i).is_some_and(|w| &w.lower == p))
        })
        .map(|at| (at, at + phrase.len() - 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{open_boundaries, words};

    fn found(text: &str) -> Vec<String> {
        let w = words(text, 0);
        open_boundaries(text, 0, &w)
            .into_iter()
            .map(|p| p.written)
            .collect()
    }

    #[test]
    fn finds_boundaries_as_whole_words() {
        assert_eq!(
            found("until MC13, held by\n   31 December 2023"),
            ["until", "by"]
        );
        assert_eq!(
            found("a bypass and standby power, untiled"),
            Vec::<String>::new()
        );
        assert_eq!(
            found("paid by the Member, reduced by 10% of it"),
            Vec::<String>::new()
        );
        assert_eq!(found("from 10% to 20%"), Vec::<String>::new());
        assert_eq!(found("delayed beyond 31 March 2024"), ["beyond"]);
        assert_eq!(found("before the end and after that"), Vec::<String>::new());
        assert_eq!(found("paragraphs (2) through (6)"), Vec::<String>::new());
        assert_eq!(found("years beginning in 2017"), ["in 2017"]);
        assert_eq!(found("in 20 days"), Vec::<String>::new());
        assert_eq!(found("from 1 January to 31 March"), ["from 1 January to"]);
    }

    #[test]
    fn a_stated_boundary_is_not_open() {
        assert_eq!(found("not later than 31 March"), Vec::<String>::new());
        assert_eq!(found("on or before the day"), Vec::<String>::new());
        assert_eq!(found("until 31 March inclusive"), Vec::<String>::new());
        assert_eq!(found("until 31 March. It is inclusive"), ["until"]);
    }

    #[test]
    fn reads_the_day_a_boundary_names() {
        let text = "by 31 December 2023 or after March 31, 2024, or before 2025-01-02";
        let w = words(text, 0);
        let days: Vec<String> = open_boundaries(text, 0, &w)
            .into_iter()
            .map(|p| p.day.map(|d| d.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(days, ["2023-12-31", "2024-03-31", "2025-01-02"]);
    }
}
