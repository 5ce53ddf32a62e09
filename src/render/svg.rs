//! Timelines as a picture: one lane per verdict along a date axis, each
//! interval a coloured bar labelled with its value, each change marked and
//! dated. A bar too narrow for its label is named in a legend under its
//! lane, and a change's date that would overlap the one before is left to
//! the bar's title. The SVG stands alone and reads in any browser.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::timeline::verdict_interval_words;
use crate::model::Model;
use crate::timeline::Timeline;
use crate::value::Value;
use crate::words::human_date;

const WIDTH: f64 = 1000.0;
const LANE: f64 = 64.0;
const BAR: f64 = 26.0;
const TOP: f64 = 70.0;

/// Escapes text for SVG.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The colours of values other than true, false and undetermined.
const PALETTE: [&str; 6] = [
    "#a0cbe8", "#ffbe7d", "#8cd17d", "#d4a6c8", "#f1ce63", "#d7b5a6",
];

/// A fill for a value: green for true, red for false, grey for undetermined,
/// and a fixed palette for other values, chosen by the value's text so that
/// one value keeps one colour throughout the picture.
fn fill(value: &Value, words: &str) -> &'static str {
    match value {
        Value::Bool(true) => "#59a14f",
        Value::Bool(false) => "#e15759",
        Value::Unknown(_) if words == "not in force" => "#f2f2f2",
        Value::Unknown(_) if words.starts_with("error: ") => "#444444",
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
fn fill_beside(value: &Value, words: &str, before: Option<&str>) -> &'static str {
    let chosen = fill(value, words);
    match PALETTE.iter().position(|c| *c == chosen) {
        Some(i) if before == Some(chosen) => PALETTE[(i + 1) % PALETTE.len()],
        _ => chosen,
    }
}

/// The width, in pixels, of a character of a bar's label.
const BAR_CHAR: f64 = 7.5;
/// The width of a character in the small font of dates and legends.
const SMALL_CHAR: f64 = 6.0;
/// The height of a row of a lane's legend.
const LEGEND_ROW: f64 = 16.0;

/// One interval as drawn: where, in which colour, with which words.
struct Band {
    x0: f64,
    x1: f64,
    fill: &'static str,
    words: String,
    short: String,
    labelled: bool,
}

/// An entry of a lane's legend: its fill, its words and where it goes
/// (x, row).
type LegendEntry = (&'static str, String, f64, usize);

/// The legend of a lane, for the bands too narrow for their label: each
/// value once, in the order it first appears, laid out in rows within the
/// width of the axis.
fn legend(bands: &[Band], left: f64) -> Vec<LegendEntry> {
    let mut entries: Vec<LegendEntry> = Vec::new();
    let (mut x, mut row) = (left, 0usize);
    let mut seen: Vec<&str> = Vec::new();
    for band in bands.iter().filter(|b| !b.labelled) {
        if seen.contains(&band.short.as_str()) {
            continue;
        }
        seen.push(&band.short);
        // Words longer than the axis is wide are cut short: the band's
        // title gives them whole.
        let room = ((WIDTH - 32.0) / SMALL_CHAR) as usize;
        let words = if band.short.chars().count() > room {
            let mut cut: String = band.short.chars().take(room.saturating_sub(1)).collect();
            cut.push('…');
            cut
        } else {
            band.short.clone()
        };
        let width = 18.0 + SMALL_CHAR * words.chars().count() as f64 + 14.0;
        if x > left && x + width > left + WIDTH {
            x = left;
            row += 1;
        }
        entries.push((band.fill, words, x, row));
        x += width;
    }
    entries
}

/// The timeline as an SVG document.
pub fn render(model: &Model, timeline: &Timeline) -> String {
    // Room on the left for the longest verdict name, in bold.
    let longest = model
        .verdicts
        .iter()
        .map(|v| v.name.chars().count())
        .max()
        .unwrap_or(0);
    let left = (40.0 + 8.5 * longest as f64).max(180.0);
    let days = (timeline.to - timeline.from).num_days().max(0) as f64 + 1.0;
    let x = |date: NaiveDate| left + WIDTH * ((date - timeline.from).num_days() as f64) / days;
    // Each lane's bands and legend first: a lane with a legend is taller.
    let lanes: Vec<(Vec<Band>, Vec<LegendEntry>)> = model
        .verdicts
        .iter()
        .zip(&timeline.verdicts)
        .map(|(verdict, intervals)| {
            let mut bands: Vec<Band> = Vec::with_capacity(intervals.len());
            for interval in intervals {
                let x0 = x(interval.from);
                let x1 = interval.to.succ_opt().map_or(left + WIDTH, x);
                let words = verdict_interval_words(model, verdict, interval);
                let short = match &interval.value {
                    Value::Unknown(_) if interval.error.is_some() => String::from("error"),
                    Value::Unknown(_) if words == "not in force" => words.clone(),
                    Value::Unknown(_) => String::from("undetermined"),
                    _ => words.clone(),
                };
                let before = bands.last().map(|b| b.fill);
                let fill = fill_beside(&interval.value, &words, before);
                let labelled = x1 - x0 > BAR_CHAR * short.len() as f64;
                bands.push(Band {
                    x0,
                    x1,
                    fill,
                    words,
                    short,
                    labelled,
                });
            }
            let entries = legend(&bands, left);
            (bands, entries)
        })
        .collect();
    let lane_height = |entries: &[LegendEntry]| {
        LANE + entries
            .iter()
            .map(|e| e.3 + 1)
            .max()
            .map_or(0.0, |rows| LEGEND_ROW * rows as f64)
    };
    let lanes_height: f64 = lanes.iter().map(|(_, e)| lane_height(e)).sum();
    let height = TOP + lanes_height + 50.0;
    let total = left + WIDTH + 40.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="{height}" viewBox="0 0 {total} {height}" font-family="sans-serif" font-size="13">"#
    );
    out.push_str(
        r##"<defs><pattern id="undetermined" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#d0d0d0"/><line x1="0" y1="0" x2="0" y2="8" stroke="#a0a0a0" stroke-width="4"/></pattern></defs>
"##,
    );
    out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    let title = if model.instrument.title.is_empty() {
        String::from("Verdicts over time")
    } else {
        model.instrument.title.clone()
    };
    let _ = writeln!(
        out,
        r#"<text x="20" y="28" font-size="17" font-weight="bold">{}</text>"#,
        escape(&title)
    );
    let _ = writeln!(
        out,
        r##"<text x="20" y="50" fill="#555">{} to {}</text>"##,
        escape(&human_date(timeline.from)),
        escape(&human_date(timeline.to))
    );

    // Year ticks along the axis, when the range spans years.
    let axis = TOP + lanes_height + 8.0;
    let _ = writeln!(
        out,
        r##"<line x1="{left}" y1="{axis}" x2="{}" y2="{axis}" stroke="#333"/>"##,
        left + WIDTH
    );
    let mut year = timeline.from.year() + 1;
    while let Some(tick) = NaiveDate::from_ymd_opt(year, 1, 1) {
        if tick > timeline.to {
            break;
        }
        let tx = x(tick);
        let _ = writeln!(
            out,
            r##"<line x1="{tx:.1}" y1="{TOP}" x2="{tx:.1}" y2="{:.1}" stroke="#ddd"/><text x="{tx:.1}" y="{:.1}" text-anchor="middle" fill="#555">{year}</text>"##,
            axis + 5.0,
            axis + 20.0
        );
        year += 1;
    }

    let mut top = TOP;
    for ((verdict, intervals), (bands, entries)) in
        model.verdicts.iter().zip(&timeline.verdicts).zip(&lanes)
    {
        let bar_top = top + 18.0;
        let _ = writeln!(
            out,
            r#"<text x="20" y="{:.1}" font-weight="bold">{}</text>"#,
            bar_top + BAR / 2.0 + 4.0,
            escape(&verdict.name)
        );
        // Where the last change's date label ends: a label that would
        // overlap it is left out (the change's line and the bar's title
        // still say it).
        let mut last_label_end = f64::NEG_INFINITY;
        for (index, (band, interval)) in bands.iter().zip(intervals).enumerate() {
            let Band { x0, x1, .. } = *band;
            let _ = writeln!(
                out,
                r#"<rect x="{x0:.1}" y="{bar_top:.1}" width="{:.1}" height="{BAR}" fill="{}"><title>{}: {} to {}</title></rect>"#,
                (x1 - x0).max(1.0),
                band.fill,
                escape(&band.words),
                escape(&human_date(interval.from)),
                escape(&human_date(interval.to))
            );
            // Label the bar when there is room for it.
            if band.labelled {
                let ink = match interval.value {
                    Value::Bool(_) => "white",
                    Value::Unknown(_) if interval.error.is_some() => "white",
                    _ => "#1a1a1a",
                };
                let _ = writeln!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{ink}" font-weight="bold">{}</text>"#,
                    (x0 + x1) / 2.0,
                    bar_top + BAR / 2.0 + 4.5,
                    escape(&band.short)
                );
            }
            if index > 0 {
                let date = human_date(interval.from);
                let half = SMALL_CHAR * date.chars().count() as f64 / 2.0;
                let _ = write!(
                    out,
                    r##"<line x1="{x0:.1}" y1="{:.1}" x2="{x0:.1}" y2="{:.1}" stroke="#222" stroke-width="2"/>"##,
                    bar_top - 4.0,
                    bar_top + BAR + 2.0,
                );
                if x0 - half > last_label_end + 4.0 {
                    let _ = write!(
                        out,
                        r##"<text x="{x0:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="#222">{}</text>"##,
                        bar_top - 6.0,
                        escape(&date)
                    );
                    last_label_end = x0 + half;
                }
                out.push('\n');
            }
        }
        for (fill, words, ex, row) in entries {
            let ey = bar_top + BAR + 6.0 + LEGEND_ROW * *row as f64;
            let _ = writeln!(
                out,
                r##"<rect x="{ex:.1}" y="{ey:.1}" width="12" height="12" fill="{fill}" stroke="#999" stroke-width="0.5"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#222">{}</text>"##,
                ex + 16.0,
                ey + 10.0,
                escape(words)
            );
        }
        top += lane_height(entries);
    }
    out.push_str("</svg>\n");
    out
}
