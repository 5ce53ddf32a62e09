//! The HTML report: one self-contained page that puts the verdicts, their
//! explanations, the readings, the facts, a timeline around the date and
//! the instrument's full text together, each phrase a rule cites linked to
//! that rule's value and to the verdicts that used it.
//!
//! Everything on the page comes from the evaluation as the other renderers
//! read it: the sentences ([`super::sentence`]), the values in words
//! ([`super::words`]), the explanation lines ([`super::lines`]), every
//! reading at once ([`super::all_readings`]) and the timeline's picture
//! ([`super::svg`]). The page loads nothing: its style and its one small
//! script are inline, and it reads the same without the script (the
//! explanations are `<details>` elements). The same inputs give the same
//! bytes.

mod facts;
mod index;
mod instrument;
mod readings;
mod verdicts;

use std::fmt::Write as _;

use crate::eval::all_readings::AllReadings;
use crate::eval::{AsOfSource, Evaluation};
use crate::explain::Detail;
use crate::model::Model;
use crate::timeline::Timeline;
use crate::words::human_date;

/// The page's style sheet: the screen, a phone's width and print.
const STYLE: &str = include_str!("report.css");

/// The page's script: buttons that open and close every explanation, and
/// every explanation opened for printing. The page works without it.
const SCRIPT: &str = include_str!("report.js");

/// What a report shows besides the model.
pub struct Report<'a, 'm> {
    /// The evaluation on the report's date, under the readings in force.
    pub evaluation: &'a Evaluation<'m>,
    /// The facts evaluated, for the table of facts.
    pub facts: &'a crate::facts::Facts,
    /// With every reading at once: each verdict's outcome under each
    /// combination of the readings it consults.
    pub all_readings: Option<&'a AllReadings>,
    /// The timeline around the date, drawn as [`super::svg`] draws it,
    /// with the model it was evaluated with (for an amended policy, the
    /// whole policy, each day under its version).
    pub timeline: Option<(&'a Model, &'a Timeline)>,
    /// How much of each explanation to show.
    pub detail: Detail,
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// The status of a verdict's outcome, as `eval --format json` names it.
pub(crate) fn status(outcome: &crate::eval::VerdictOutcome) -> &'static str {
    super::status_name(outcome.error.is_some(), &outcome.in_force, &outcome.value)
}

/// A status in words, for a reader.
pub(crate) fn status_words(status: &str) -> &'static str {
    match status {
        "error" => "error",
        "not_in_force" => "not in force",
        "determined" => "determined",
        _ => "undetermined",
    }
}

/// The HTML report of an evaluation, as one page.
pub fn render(model: &Model, report: &Report<'_, '_>) -> String {
    let evaluation = report.evaluation;
    let index = index::RuleIndex::build(model, evaluation);
    let title = if model.instrument.title.is_empty() {
        String::from("Evaluation")
    } else {
        model.instrument.title.clone()
    };
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>{}, as of {}</title>",
        escape(&title),
        escape(&human_date(evaluation.as_of))
    );
    let _ = writeln!(out, "<style>\n{STYLE}</style>");
    out.push_str("</head>\n<body>\n");
    out.push_str("<a class=\"skip\" href=\"#verdicts\">Skip to the verdicts</a>\n");
    header(&mut out, model, evaluation, &title);
    nav(&mut out, model, report);
    out.push_str("<main id=\"main\">\n");
    verdicts::section(&mut out, model, evaluation, report.detail);
    readings::section(&mut out, model, evaluation, report.all_readings);
    facts::section(&mut out, model, report, &index);
    if let Some((timeline_model, timeline)) = report.timeline {
        timeline_section(&mut out, timeline_model, timeline, evaluation.as_of);
    }
    instrument::section(&mut out, model, evaluation, &index);
    out.push_str("</main>\n");
    let _ = writeln!(out, "<script>\n{SCRIPT}</script>");
    out.push_str("</body>\n</html>\n");
    out
}

/// The page's header: the instrument's title, symbol and adoption, the
/// date, and what the evaluation rests on.
fn header(out: &mut String, model: &Model, evaluation: &Evaluation<'_>, title: &str) {
    let instrument = &model.instrument;
    out.push_str("<header>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    let mut facts = Vec::new();
    if let Some(symbol) = &instrument.symbol {
        facts.push(format!("Document <b>{}</b>", escape(symbol)));
    }
    if let Some(adopted) = instrument.adopted {
        facts.push(format!(
            "adopted <time datetime=\"{adopted}\">{}</time>",
            escape(&human_date(adopted))
        ));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "<p class=\"instrument\">{}</p>", facts.join(", "));
    }
    let source = match evaluation.as_of_source {
        AsOfSource::Given => "",
        AsOfSource::Facts => ", the date the facts give",
        AsOfSource::Today => ", today's date, as no date was given",
    };
    let _ = writeln!(
        out,
        "<p class=\"as-of\">Evaluated as of <time datetime=\"{}\">{}</time>{source}.</p>",
        evaluation.as_of,
        escape(&human_date(evaluation.as_of))
    );
    if let Some(adopted) = instrument.adopted
        && evaluation.as_of < adopted
    {
        let _ = writeln!(
            out,
            "<p class=\"note\">On that date the instrument was not yet adopted; it was adopted on {}.</p>",
            escape(&human_date(adopted))
        );
    }
    if let Some(line) = model.amended_line() {
        let _ = writeln!(out, "<p class=\"note\">{}.</p>", escape(&line));
    }
    for assumption in super::open_assumptions(model, evaluation) {
        let _ = writeln!(
            out,
            "<p class=\"note\">Assumed, not known: {}</p>",
            escape(&assumption.sentence)
        );
    }
    if let Some(given) = super::given_phrase(model, &evaluation.given) {
        let _ = writeln!(
            out,
            "<p class=\"note\">Given, in place of their rules: {}</p>",
            escape(&given)
        );
    }
    out.push_str("</header>\n");
}

/// The table of contents, with the buttons the script adds.
fn nav(out: &mut String, model: &Model, report: &Report<'_, '_>) {
    out.push_str("<nav aria-label=\"Contents\">\n<ul>\n");
    out.push_str("<li><a href=\"#verdicts\">Verdicts</a></li>\n");
    if !model.readings.is_empty() {
        let label = if report.all_readings.is_some() {
            "Every reading"
        } else {
            "Readings"
        };
        let _ = writeln!(out, "<li><a href=\"#readings\">{label}</a></li>");
    }
    if !model.facts.is_empty() {
        out.push_str("<li><a href=\"#facts\">Facts</a></li>\n");
    }
    if report.timeline.is_some() {
        out.push_str("<li><a href=\"#timeline\">Timeline</a></li>\n");
    }
    if !model.provisions.is_empty() {
        out.push_str("<li><a href=\"#text\">The text</a></li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
}

/// The timeline around the date, the picture [`super::svg`] draws, inline.
fn timeline_section(
    out: &mut String,
    model: &Model,
    timeline: &Timeline,
    as_of: chrono::NaiveDate,
) {
    out.push_str("<section id=\"timeline\" aria-labelledby=\"timeline-heading\">\n");
    out.push_str("<h2 id=\"timeline-heading\">Timeline</h2>\n");
    let _ = writeln!(
        out,
        "<p>Each verdict from {} to {}, under the same facts and readings; the report's date is {}.</p>",
        escape(&human_date(timeline.from)),
        escape(&human_date(timeline.to)),
        escape(&human_date(as_of))
    );
    out.push_str("<figure class=\"timeline\">\n");
    out.push_str(&inline_svg(&super::svg::render(model, timeline)));
    let _ = writeln!(
        out,
        "<figcaption>The verdicts from {} to {}.</figcaption>",
        escape(&human_date(timeline.from)),
        escape(&human_date(timeline.to))
    );
    out.push_str("</figure>\n</section>\n");
}

/// An SVG document made fit to stand inside HTML: an XML declaration or a
/// doctype, which HTML does not allow there, is left out, and the picture
/// is labelled for a screen reader.
pub(crate) fn inline_svg(svg: &str) -> String {
    let mut text = svg.trim();
    for prefix in ["<?xml", "<!DOCTYPE"] {
        if text.starts_with(prefix)
            && let Some(end) = text.find('>')
        {
            text = text.get(end + 1..).unwrap_or("").trim_start();
        }
    }
    let mut out = String::with_capacity(text.len() + 64);
    match text.strip_prefix("<svg") {
        Some(rest) => {
            let tag = rest
                .get(..rest.find('>').unwrap_or(rest.len()))
                .unwrap_or("");
            if tag.contains(" role=") {
                out.push_str(text);
            } else {
                out.push_str("<svg role=\"img\" aria-labelledby=\"timeline-heading\"");
                out.push_str(rest);
            }
        }
        None => out.push_str(text),
    }
    out.push('\n');
    out
}
