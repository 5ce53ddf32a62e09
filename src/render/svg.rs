//! Timelines as a picture that shows its assumptions: a header that says
//! the range, the readings and the facts it was drawn for and a legend of
//! its colours and patterns; the policy's events as bands across the lanes;
//! one lane per verdict, titled with the verdict's words, each interval a
//! band named in words on it or beside it; every change marked by a line
//! with the last day of the old value written to its left and the first day
//! of the new to its right; what an undetermined stretch depends on written
//! under it; and a date axis dated at days, months or years as the range
//! asks. No status is told by colour alone: each has a pattern and words.
//! The SVG stands alone, prints, and is the same for the same inputs.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::svg_axis::{Step, ticks_in};
use super::svg_notes::{Note, Placed, cut, escape, place, rows, width, wrap};
use super::timeline::verdict_interval_words;
use super::timeline_words::{
    changes, depends_words, event_dates, fact_lines, lane_words_in, reading_lines, readings_words,
    state_words, unsettled_changes,
};
use crate::locale::{Lang, Words};
use crate::model::{Model, ReadingId, VerdictInfo};
use crate::timeline::compare::ReadingsCompared;
use crate::timeline::{Interval, Timeline};
use crate::value::Value;

/// Where the axis starts.
const LEFT: f64 = 30.0;
/// How wide the axis is.
const WIDTH: f64 = 1000.0;
/// Where it ends.
const RIGHT: f64 = LEFT + WIDTH;
/// The whole picture's width.
const TOTAL: f64 = RIGHT + 30.0;
/// A band's height.
const BAR: f64 = 26.0;
/// A row of notes or of the header.
const ROW: f64 = 15.0;
/// The width of a character of a band's label (13px, bold).
const BAR_CHAR: f64 = 7.6;
/// The width of a character of the header (12px).
const HEAD_CHAR: f64 = 6.6;

/// The colours of values other than true and false.
const PALETTE: [&str; 6] = [
    "#a0cbe8", "#ffbe7d", "#8cd17d", "#d4a6c8", "#f1ce63", "#d7b5a6",
];

/// The patterns the statuses are drawn with, so that none is told by
/// colour alone: false striped, undetermined hatched, not in force dotted,
/// an error cross-hatched, an event's days ruled.
const DEFS: &str = r##"<defs><pattern id="false" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#e15759"/><rect width="6" height="2" fill="#c0393b"/></pattern><pattern id="undetermined" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#d0d0d0"/><line x1="0" y1="0" x2="0" y2="8" stroke="#a0a0a0" stroke-width="4"/></pattern><pattern id="not-in-force" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#f4f4f4"/><circle cx="3" cy="3" r="1" fill="#9a9a9a"/></pattern><pattern id="error" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#444444"/><path d="M0,0 L8,8 M8,0 L0,8" stroke="#9a9a9a" stroke-width="1.2"/></pattern><pattern id="event" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#4e79a7" fill-opacity="0.08"/><line x1="1" y1="0" x2="1" y2="6" stroke="#4e79a7" stroke-opacity="0.45" stroke-width="1"/></pattern></defs>
"##;

/// A fill for an interval: green for true, striped red for false, hatched
/// grey for undetermined, dotted for not in force, cross-hatched for an
/// error, and for other values a palette colour chosen by their words, so
/// that one value keeps one colour throughout the picture.
fn fill(interval: &Interval, words: &str) -> &'static str {
    if interval.error.is_some() {
        return "url(#error)";
    }
    if interval.in_force == Value::Bool(false) {
        return "url(#not-in-force)";
    }
    match &interval.value {
        Value::Bool(true) => "#59a14f",
        Value::Bool(false) => "url(#false)",
        Value::Unknown(_) => "url(#undetermined)",
        _ => {
            let hash = words
                .bytes()
                .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
            PALETTE
                .get(hash % PALETTE.len())
                .copied()
                .unwrap_or("#4e79a7")
        }
    }
}

/// [`fill`], but never the palette colour of the band just before: two
/// values side by side in one colour would read as one band.
fn fill_beside(interval: &Interval, words: &str, before: Option<&str>) -> &'static str {
    let chosen = fill(interval, words);
    match PALETTE.iter().position(|c| *c == chosen) {
        Some(i) if before == Some(chosen) => PALETTE[(i + 1) % PALETTE.len()],
        _ => chosen,
    }
}

/// The colour of a band's label, readable on its fill.
fn ink(fill: &str) -> &'static str {
    match fill {
        "#59a14f" | "url(#false)" | "url(#error)" => "white",
        _ => "#1a1a1a",
    }
}

/// The picture being written: its text so far and how far down it reaches.
struct Picture<'a> {
    model: &'a Model,
    /// The language of the picture's words.
    lang: Lang,
    /// Its words.
    say: &'static Words,
    from: NaiveDate,
    to: NaiveDate,
    out: String,
    y: f64,
}

impl Picture<'_> {
    /// Where a day starts on the axis.
    fn x(&self, date: NaiveDate) -> f64 {
        let days = (self.to - self.from).num_days().max(0) as f64 + 1.0;
        LEFT + WIDTH * ((date - self.from).num_days() as f64) / days
    }

    /// Where the day after `date` starts: the end of a band that ends on it.
    fn x_after(&self, date: NaiveDate) -> f64 {
        match date.succ_opt() {
            Some(next) if date < self.to => self.x(next),
            _ => RIGHT,
        }
    }

    /// A line of text at the left margin, the picture growing by `step`.
    fn line(&mut self, text: &str, attributes: &str, step: f64) {
        self.y += step;
        let _ = writeln!(
            self.out,
            r#"<text x="{LEFT}" y="{:.1}"{attributes}>{}</text>"#,
            self.y,
            escape(text)
        );
    }

    /// Lines of the header, wrapped to the axis.
    fn wrapped(&mut self, text: &str, attributes: &str) {
        let room = (WIDTH / HEAD_CHAR) as usize;
        for (index, piece) in wrap(text, room).iter().enumerate() {
            let piece = if index == 0 {
                piece.clone()
            } else {
                format!("    {piece}")
            };
            self.line(&piece, attributes, ROW);
        }
    }
}

/// The header: the title, the range, the readings (those compared said
/// so), the facts, the definitions given and the assumptions left open.
fn header(picture: &mut Picture<'_>, timeline: &Timeline, compared: &[ReadingId]) {
    let model = picture.model;
    let (lang, say) = (picture.lang, picture.say);
    let t = &say.timelines;
    let human_date = |date| say.date(date);
    let mut title = if model.instrument.title.is_empty() {
        String::from(t.svg_title)
    } else {
        model
            .described(crate::model::translations::Described::Instrument, lang)
            .unwrap_or(&model.instrument.title)
            .to_string()
    };
    if let Some(symbol) = &model.instrument.symbol {
        let _ = write!(title, " ({symbol})");
    }
    let title = cut(&title, (WIDTH / 9.5) as usize);
    picture.line(&title, r#" font-size="17" font-weight="bold""#, 28.0);
    let range = if picture.from == picture.to {
        say.one(t.svg_one_day, &human_date(picture.from))
    } else {
        say.fill(
            t.svg_range,
            &[
                ('l', &human_date(picture.from)),
                ('r', &human_date(picture.to)),
            ],
        )
    };
    picture.line(&range, r##" fill="#333""##, 22.0);
    let small = r#" font-size="12""#;
    let lines = reading_lines(model, &timeline.readings, lang);
    for (index, line) in lines.iter().enumerate() {
        let reading = model.readings.get(index);
        let text = match reading {
            Some(info) if compared.contains(&(index as ReadingId)) => {
                let names: Vec<&str> = info.alternatives.iter().map(|a| a.name.as_str()).collect();
                say.fill(
                    t.svg_reading_compared,
                    &[('x', &info.name), ('r', &names.join(", "))],
                )
            }
            _ => say.one(t.svg_reading, line),
        };
        picture.wrapped(&text, small);
    }
    let facts = fact_lines(model, &timeline.facts, lang);
    if !facts.is_empty() {
        let facts = facts.join(say.semicolon);
        picture.wrapped(&format!("{} {facts}", say.page.facts_label), small);
    }
    if let Some(given) = super::given_phrase(model, &timeline.facts.given) {
        picture.wrapped(&format!("{} {given}", say.page.given), small);
    }
    for (id, days) in &timeline.assumed_not_known {
        let Some(info) = model.assumptions.get(*id as usize) else {
            continue;
        };
        let when: Vec<String> = days
            .iter()
            .map(|(f, to)| say.fill(t.span, &[('l', &human_date(*f)), ('r', &human_date(*to))]))
            .collect();
        let described =
            model.described(crate::model::translations::Described::Assumption(*id), lang);
        let text = format!(
            "{} {} ({})",
            say.page.assumed,
            described.unwrap_or(&info.sentence),
            when.join(", ")
        );
        picture.wrapped(&text, small);
    }
}

/// The legend: each colour and pattern in words, and how to read a change.
fn legend(picture: &mut Picture<'_>, events: bool) {
    picture.y += 12.0;
    let top = picture.y;
    let words = picture.say.timelines.legend;
    let mut entries: Vec<(&str, &str)> = vec![
        ("#59a14f", words[0]),
        ("url(#false)", words[1]),
        ("url(#undetermined)", words[2]),
        ("url(#not-in-force)", words[3]),
        ("url(#error)", words[4]),
        (PALETTE[0], words[5]),
    ];
    if events {
        entries.push(("url(#event)", words[6]));
    }
    let (mut x, mut row) = (LEFT, 0usize);
    for (fill, words) in entries {
        let needed = 20.0 + width(words) + 18.0;
        if x > LEFT && x + needed > RIGHT {
            x = LEFT;
            row += 1;
        }
        let y = top + ROW * row as f64;
        let _ = writeln!(
            picture.out,
            r##"<rect x="{x:.1}" y="{y:.1}" width="14" height="12" fill="{fill}" stroke="#777" stroke-width="0.5"/><text x="{:.1}" y="{:.1}" font-size="11">{}</text>"##,
            x + 18.0,
            y + 10.0,
            escape(words)
        );
        x += needed;
    }
    picture.y = top + ROW * (row + 1) as f64;
    let y = picture.y + 2.0;
    let _ = writeln!(
        picture.out,
        r##"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{:.1}" stroke="#222" stroke-width="2"/><text x="{:.1}" y="{:.1}" font-size="11">{}</text>"##,
        LEFT + 7.0,
        LEFT + 7.0,
        y + 12.0,
        LEFT + 18.0,
        y + 10.0,
        escape(picture.say.timelines.legend_change)
    );
    picture.y += ROW + 6.0;
}

/// The events whose dates are known: their labels in a row over the lanes
/// (numbered in a list when they have no room), and where their bands go.
fn events_row(picture: &mut Picture<'_>, timeline: &Timeline) -> Vec<(f64, f64, String)> {
    let model = picture.model;
    let mut bands = Vec::new();
    let mut notes = Vec::new();
    for event in event_dates(model, &timeline.facts, picture.lang) {
        let (first, last) = match (event.opening, event.closing) {
            (Some(o), Some(c)) => (o, c),
            (Some(o), None) => (o, o),
            (None, Some(c)) => (c, c),
            (None, None) => continue,
        };
        if last < picture.from || first > picture.to {
            continue;
        }
        let (first, last) = (first.max(picture.from), last.min(picture.to));
        let (x0, x1) = (picture.x(first), picture.x_after(last));
        let words = format!(
            "{} ({}){}{}",
            event.words,
            event.name,
            picture.say.colon,
            event.dates_words(picture.lang)
        );
        notes.push(Note::one_sided(x0, words.clone(), words.clone()));
        bands.push((x0, x1, words));
    }
    if notes.is_empty() {
        return bands;
    }
    // As under a lane, at most MAX_NOTES labels; every band is drawn, and
    // titled, and the text and JSON list every event.
    notes.truncate(MAX_NOTES);
    let placed = place(&notes, LEFT, RIGHT);
    let (beside, list) = rows(&placed);
    let top = picture.y + 12.0;
    write_notes(picture, &notes, &placed, top, "#2c4f77");
    picture.y = top + ROW * (beside + list) as f64 + if list > 0 { ROW } else { 0.0 };
    bands
}

/// Notes placed under a lane (or over the lanes, for events), from `top`:
/// those beside their place on their rows, the others numbered at their
/// place and listed after.
fn write_notes(picture: &mut Picture<'_>, notes: &[Note], placed: &[Placed], top: f64, ink: &str) {
    let (beside, _) = rows(placed);
    let list_top = top + ROW * beside as f64 + if beside > 0 { 4.0 } else { 0.0 };
    let mut markers: Vec<f64> = Vec::new();
    for (note, placed) in notes.iter().zip(placed) {
        match placed {
            Placed::Beside { row, left, right } => {
                let y = top + ROW * *row as f64;
                if !left.is_empty() {
                    let _ = write!(
                        picture.out,
                        r#"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="{ink}">{}</text>"#,
                        note.x - 3.0,
                        y + 10.0,
                        escape(left)
                    );
                }
                if !right.is_empty() {
                    let _ = write!(
                        picture.out,
                        r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{ink}">{}</text>"#,
                        note.x + 3.0,
                        y + 10.0,
                        escape(right)
                    );
                }
                picture.out.push('\n');
            }
            Placed::Numbered {
                number,
                row,
                x,
                lines,
            } => {
                // The number at the note's place, moved up a step when it
                // would be written over the one before.
                let close = markers
                    .iter()
                    .filter(|m| (**m - note.x).abs() < 14.0)
                    .count();
                markers.push(note.x);
                let my = top - 3.0 - 9.0 * (close % 3) as f64;
                let _ = write!(
                    picture.out,
                    r##"<text x="{:.1}" y="{my:.1}" text-anchor="middle" font-size="9" font-weight="bold" fill="{ink}">{number}</text>"##,
                    note.x
                );
                for (index, line) in lines.iter().enumerate() {
                    let indent = if index == 0 { 0.0 } else { 14.0 };
                    let _ = write!(
                        picture.out,
                        r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{ink}">{}</text>"#,
                        x + indent,
                        list_top + ROW * (*row + index) as f64 + 10.0,
                        escape(line)
                    );
                }
                picture.out.push('\n');
            }
        }
    }
}

/// One lane: its title (the verdict's words) or the readings it is drawn
/// under, its bands, its change lines and its notes.
struct Lane<'a> {
    verdict: &'a VerdictInfo,
    title: Option<String>,
    under: Option<String>,
    intervals: &'a [Interval],
}

/// The notes of a lane: each change from both sides of its line, each
/// change whose day is open, what each undetermined stretch depends on
/// (when its band has no room for it), and the day each error arose on.
fn lane_notes(picture: &Picture<'_>, lane: &Lane<'_>, labelled: &[bool]) -> Vec<Note> {
    let model = picture.model;
    let (lang, say) = (picture.lang, picture.say);
    let t = &say.timelines;
    let human_date = |date| say.date(date);
    let mut notes = Vec::new();
    let sharp = changes(model, lane.verdict, lane.intervals, lang);
    for (index, interval) in lane.intervals.iter().enumerate() {
        if let Some(change) = index.checked_sub(1).and_then(|i| sharp.get(i)) {
            // The value alone, without what an undetermined one depends on.
            let short = |i: &Interval| {
                if i.error.is_some() {
                    String::from(say.page.error)
                } else if i.value.is_known() {
                    verdict_interval_words(model, lane.verdict, i, lang)
                } else {
                    state_words(model, lane.verdict, i, lang)
                }
            };
            let before = lane.intervals.get(index - 1).map(short).unwrap_or_default();
            let (last, first) = (human_date(change.last_day), human_date(change.first_day));
            let side = |template: &str, x: &str, r: &str| say.fill(template, &[('x', x), ('r', r)]);
            let mut forms = vec![(
                side(t.until, &change.before, &last),
                side(t.from, &change.after, &first),
            )];
            let plain = (
                side(t.until, &before, &last),
                side(t.from, &short(interval), &first),
            );
            if !forms.contains(&plain) {
                forms.push(plain);
            }
            notes.push(Note {
                x: picture.x(change.first_day),
                forms,
                listed: change.words(lang),
            });
        }
        let x = picture.x(interval.from);
        let days = if interval.from == interval.to {
            say.one(t.on, &human_date(interval.from))
        } else {
            say.fill(
                t.from_to,
                &[
                    ('l', &human_date(interval.from)),
                    ('r', &human_date(interval.to)),
                ],
            )
        };
        if let Some(error) = &interval.error {
            let right = say.fill(
                t.error_on,
                &[('l', &human_date(interval.from)), ('r', error.code())],
            );
            let listed = say.fill(
                t.as_evaluated,
                &[
                    ('x', &days),
                    ('l', &super::errors::error_line(model, error)),
                    ('r', &human_date(interval.from)),
                ],
            );
            notes.push(Note::one_sided(x, right, listed));
        } else if interval.in_force == Value::Bool(true)
            && !interval.value.is_known()
            && !labelled.get(index).copied().unwrap_or(false)
        {
            let depends = depends_words(model, interval, lang);
            let known = crate::words::known_of_words_in(model, &interval.value, say)
                .map(|k| format!(", {k}"))
                .unwrap_or_default();
            let what = if depends.is_empty() {
                format!("{}{known}", say.undetermined)
            } else {
                format!("{}{known}{}{depends}", say.undetermined, say.colon)
            };
            let listed = format!("{days}{}{what}", say.colon);
            notes.push(Note::one_sided(x, what.clone(), listed));
        }
    }
    for change in unsettled_changes(model, lane.verdict, lane.intervals, lang) {
        let words = say.fill(
            t.from_a_day_between,
            &[
                ('x', &change.after),
                ('l', &human_date(change.at_least)),
                ('r', &human_date(change.at_most)),
            ],
        );
        notes.push(Note::one_sided(
            picture.x(change.at_least),
            words,
            change.words(lang),
        ));
    }
    notes.sort_by(|a, b| a.x.total_cmp(&b.x));
    notes
}

/// The most notes written under one lane: a value that changes every day
/// would otherwise write a note a day. The text and JSON list every change.
const MAX_NOTES: usize = 40;

/// The words on a band, the longest that fit: its state in the words of
/// the sentence ("is in force"), then its value ("true"); for an
/// undetermined band, with what it depends on. `None` when none fits.
fn band_label(
    model: &Model,
    verdict: &VerdictInfo,
    interval: &Interval,
    room: f64,
    lang: Lang,
) -> Option<String> {
    let say = lang.words();
    let state = state_words(model, verdict, interval, lang);
    let mut choices = Vec::new();
    if !interval.value.is_known() && interval.in_force == Value::Bool(true) {
        let depends = depends_words(model, interval, lang);
        if interval.error.is_none() && !depends.is_empty() {
            choices.push(format!("{state}{}{depends}", say.colon));
        }
    }
    choices.push(state);
    if interval.error.is_none() && interval.in_force != Value::Bool(false) {
        choices.push(verdict_interval_words(model, verdict, interval, lang));
    }
    if interval.error.is_some() {
        choices.push(String::from(say.page.error));
    }
    choices
        .into_iter()
        .find(|words| BAR_CHAR * words.chars().count() as f64 + 8.0 <= room)
}

/// Draws one lane and moves the picture down past it.
fn draw_lane(picture: &mut Picture<'_>, lane: &Lane<'_>) {
    let model = picture.model;
    let say = picture.say;
    if let Some(title) = &lane.title {
        let name = format!("  ({})", lane.verdict.name);
        let room = ((WIDTH - width(&name)) / 7.4) as usize;
        picture.y += 20.0;
        let _ = writeln!(
            picture.out,
            r##"<text x="{LEFT}" y="{:.1}" font-weight="bold">{}<tspan font-weight="normal" font-size="11" fill="#666">{}</tspan><title>{}</title></text>"##,
            picture.y,
            escape(&cut(title, room)),
            escape(&name),
            escape(title)
        );
    }
    if let Some(under) = &lane.under {
        picture.y += 15.0;
        let _ = writeln!(
            picture.out,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#444">{}</text>"##,
            LEFT + 10.0,
            picture.y,
            escape(under)
        );
    }
    let bar_top = picture.y + 6.0;
    let mut labelled = Vec::with_capacity(lane.intervals.len());
    let mut before: Option<&str> = None;
    for interval in lane.intervals {
        let (x0, x1) = (picture.x(interval.from), picture.x_after(interval.to));
        let words = verdict_interval_words(model, lane.verdict, interval, picture.lang);
        // A value keeps its colour in every language: it is chosen by its English words.
        let english = verdict_interval_words(model, lane.verdict, interval, Lang::En);
        let fill = fill_beside(interval, &english, before);
        before = Some(fill);
        let _ = writeln!(
            picture.out,
            r##"<rect x="{x0:.1}" y="{bar_top:.1}" width="{:.1}" height="{BAR}" fill="{fill}" stroke="#ffffff" stroke-width="0.5"><title>{}{}{}</title></rect>"##,
            (x1 - x0).max(1.0),
            escape(&words),
            say.colon,
            escape(&if interval.from == interval.to {
                say.one(say.timelines.on, &say.date(interval.from))
            } else {
                say.fill(
                    say.timelines.span,
                    &[
                        ('l', &say.date(interval.from)),
                        ('r', &say.date(interval.to)),
                    ],
                )
            })
        );
        let label = band_label(model, lane.verdict, interval, x1 - x0, picture.lang);
        // Whether the band says what it depends on, so that no note repeats it.
        let depends = say.timelines.depends_on.replace("{x}", "");
        labelled.push(label.as_ref().is_some_and(|l| l.contains(&depends)));
        if let Some(label) = label {
            let _ = writeln!(
                picture.out,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{}" font-weight="bold">{}</text>"#,
                (x0 + x1) / 2.0,
                bar_top + BAR / 2.0 + 4.5,
                ink(fill),
                escape(&label)
            );
        }
    }
    let mut notes = lane_notes(picture, lane, &labelled);
    let left_out = notes.len().saturating_sub(MAX_NOTES);
    notes.truncate(MAX_NOTES);
    let placed = place(&notes, LEFT, RIGHT);
    let (beside, list) = rows(&placed);
    let notes_top = bar_top + BAR + 6.0;
    let markers = placed.iter().any(|p| matches!(p, Placed::Numbered { .. }));
    let notes_top = if markers { notes_top + 12.0 } else { notes_top };
    // Each change's line, down to its note when the note is beside it.
    for change in changes(model, lane.verdict, lane.intervals, picture.lang) {
        let x = picture.x(change.first_day);
        let row = notes
            .iter()
            .zip(&placed)
            .find(|(n, p)| {
                n.x == x && matches!(p, Placed::Beside { left, right, .. } if !left.is_empty() && !right.is_empty())
            })
            .and_then(|(_, p)| match p {
                Placed::Beside { row, .. } => Some(*row),
                Placed::Numbered { .. } => None,
            });
        let bottom = match row {
            Some(row) => notes_top + ROW * row as f64 + 12.0,
            None => bar_top + BAR + 4.0,
        };
        let _ = writeln!(
            picture.out,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="#222" stroke-width="2"/>"##,
            bar_top - 4.0
        );
    }
    write_notes(picture, &notes, &placed, notes_top, "#222");
    picture.y = notes_top
        + ROW * (beside + list) as f64
        + if list > 0 && beside > 0 { 4.0 } else { 0.0 }
        + 6.0;
    if left_out > 0 {
        picture.line(
            &say.one(say.timelines.notes_left_out, &left_out.to_string()),
            r##" font-size="11" fill="#222""##,
            ROW,
        );
        picture.y += 6.0;
    }
}

/// The axis under the lanes: its ticks, their labels and the grid lines
/// up through the lanes from `lanes_top`.
fn axis(picture: &mut Picture<'_>, lanes_top: f64) {
    picture.y += 8.0;
    let y = picture.y;
    let _ = writeln!(
        picture.out,
        r##"<line x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#333"/>"##
    );
    let (step, ticks) = ticks_in(picture.from, picture.to, WIDTH, picture.say);
    let day_width = WIDTH / ((picture.to - picture.from).num_days().max(0) as f64 + 1.0);
    for tick in ticks {
        let tx = picture.x(tick.day);
        // A day wide enough is labelled in its middle: the label is the day's.
        let lx = if step == Step::Day && day_width >= 24.0 {
            tx + day_width / 2.0
        } else {
            tx
        };
        let _ = writeln!(
            picture.out,
            r##"<line x1="{tx:.1}" y1="{lanes_top:.1}" x2="{tx:.1}" y2="{y:.1}" stroke="#e3e3e3"/><line x1="{tx:.1}" y1="{y:.1}" x2="{tx:.1}" y2="{:.1}" stroke="#333"/><text x="{lx:.1}" y="{:.1}" text-anchor="middle" font-size="11">{}</text>"##,
            y + 5.0,
            y + 17.0,
            escape(&tick.label)
        );
        if let Some(under) = &tick.under {
            // Kept inside the picture at its edges.
            let half = width(under) / 2.0;
            let (ux, anchor) = if lx - half < 2.0 {
                (lx.max(2.0), "start")
            } else if lx + half > TOTAL - 2.0 {
                (lx.min(TOTAL - 2.0), "end")
            } else {
                (lx, "middle")
            };
            let _ = writeln!(
                picture.out,
                r##"<text x="{ux:.1}" y="{:.1}" text-anchor="{anchor}" font-size="11" fill="#555">{}</text>"##,
                y + 30.0,
                escape(under)
            );
        }
    }
    picture.y = y + 42.0;
}

/// The document around what was drawn.
fn document(picture: Picture<'_>) -> String {
    let height = picture.y.ceil();
    let mut out = String::with_capacity(picture.out.len() + 1024);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{TOTAL}" height="{height}" viewBox="0 0 {TOTAL} {height}" font-family="sans-serif" font-size="13">"#
    );
    out.push_str(DEFS);
    out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    out.push_str(&picture.out);
    out.push_str("</svg>\n");
    out
}

/// Draws the events' bands over the lanes, from `top` to `bottom`.
fn event_bands(picture: &mut Picture<'_>, bands: &[(f64, f64, String)], top: f64, bottom: f64) {
    for (x0, x1, words) in bands {
        let _ = writeln!(
            picture.out,
            r##"<rect x="{x0:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="url(#event)" stroke="#4e79a7" stroke-width="0.8" stroke-dasharray="3,2"><title>{}</title></rect>"##,
            (x1 - x0).max(1.5),
            (bottom - top).max(0.0),
            escape(words)
        );
    }
}

/// Draws a picture of `lanes` under the header of `timeline`.
fn draw(
    model: &Model,
    timeline: &Timeline,
    compared: &[ReadingId],
    lanes: &[Lane<'_>],
    lang: Lang,
) -> String {
    let mut picture = Picture {
        model,
        lang,
        say: lang.words(),
        from: timeline.from,
        to: timeline.to,
        out: String::new(),
        y: 0.0,
    };
    header(&mut picture, timeline, compared);
    let has_events = !event_dates(model, &timeline.facts, lang).is_empty();
    legend(&mut picture, has_events);
    let bands = events_row(&mut picture, timeline);
    let lanes_top = picture.y;
    // The lanes are drawn into a buffer of their own so that the axis and
    // its grid, which need their height, go under them.
    let before = std::mem::take(&mut picture.out);
    for lane in lanes {
        draw_lane(&mut picture, lane);
    }
    let lanes_out = std::mem::replace(&mut picture.out, before);
    let lanes_bottom = picture.y;
    axis(&mut picture, lanes_top);
    picture.out.push_str(&lanes_out);
    // Over the lanes, ruled and faint so that the lanes show through.
    event_bands(&mut picture, &bands, lanes_top, lanes_bottom);
    document(picture)
}

/// The timeline as an SVG document. It states the readings and facts the
/// timeline was drawn for ([`Timeline::readings`], [`Timeline::facts`]).
pub fn render(model: &Model, timeline: &Timeline, lang: Lang) -> String {
    let lanes: Vec<Lane<'_>> = model
        .verdicts
        .iter()
        .zip(&timeline.verdicts)
        .map(|(verdict, intervals)| Lane {
            verdict,
            title: Some(lane_words_in(model, verdict, lang)),
            under: None,
            intervals,
        })
        .collect();
    draw(model, timeline, &[], &lanes, lang)
}

/// Timelines compared across readings as an SVG document: for each
/// verdict, one lane per combination of the readings that change it.
pub fn render_compared(model: &Model, compared: &ReadingsCompared, lang: Lang) -> String {
    let mut lanes = Vec::new();
    for (verdict, across) in model.verdicts.iter().zip(&compared.verdicts) {
        for (index, lane) in across.lanes.iter().enumerate() {
            lanes.push(Lane {
                verdict,
                title: (index == 0).then(|| lane_words_in(model, verdict, lang)),
                under: Some(readings_words(model, &lane.readings, lang)),
                intervals: &lane.intervals,
            });
        }
    }
    draw(model, &compared.base, &compared.varied, &lanes, lang)
}
