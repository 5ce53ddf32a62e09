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
use crate::locale::Lang;
use crate::model::Model;
use crate::model::translations::Described;
use crate::timeline::Timeline;

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
    /// The language of the page's sentences and words.
    pub lang: Lang,
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
pub(crate) fn status_words(status: &str, lang: Lang) -> &'static str {
    let [error, not_in_force, determined, undetermined] = lang.words().page.html_statuses;
    match status {
        "error" => error,
        "not_in_force" => not_in_force,
        "determined" => determined,
        _ => undetermined,
    }
}

/// The HTML report of an evaluation, as one page.
pub fn render(model: &Model, report: &Report<'_, '_>) -> String {
    let evaluation = report.evaluation;
    let (lang, say) = (report.lang, report.lang.words());
    let index = index::RuleIndex::build(model, evaluation, lang);
    let title = if model.instrument.title.is_empty() {
        String::from(say.page.evaluation)
    } else {
        model
            .described(Described::Instrument, lang)
            .unwrap_or(&model.instrument.title)
            .to_string()
    };
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">",
        lang.code()
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let page_title = say.fill(
        say.page.html_title,
        &[('x', &title), ('r', &say.date(evaluation.as_of))],
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&page_title));
    let _ = writeln!(out, "<style>\n{STYLE}</style>");
    out.push_str("</head>\n<body>\n");
    let _ = writeln!(
        out,
        "<a class=\"skip\" href=\"#verdicts\">{}</a>",
        say.page.html_skip
    );
    header(&mut out, model, evaluation, &title, lang);
    nav(&mut out, model, report);
    out.push_str("<main id=\"main\">\n");
    verdicts::section(&mut out, model, evaluation, report.detail, lang);
    readings::section(&mut out, model, evaluation, report.all_readings, lang);
    facts::section(&mut out, model, report, &index);
    if let Some((timeline_model, timeline)) = report.timeline {
        timeline_section(&mut out, timeline_model, timeline, evaluation.as_of, lang);
    }
    instrument::section(&mut out, model, evaluation, &index, lang);
    out.push_str("</main>\n");
    let _ = writeln!(out, "<script>\n{SCRIPT}</script>");
    out.push_str("</body>\n</html>\n");
    out
}

/// The page's header: the instrument's title, symbol and adoption, the
/// date, and what the evaluation rests on.
fn header(out: &mut String, model: &Model, evaluation: &Evaluation<'_>, title: &str, lang: Lang) {
    let say = lang.words();
    let page = &say.page;
    let instrument = &model.instrument;
    out.push_str("<header>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    let mut facts = Vec::new();
    if let Some(symbol) = &instrument.symbol {
        facts.push(say.one(page.document, &format!("<b>{}</b>", escape(symbol))));
    }
    if let Some(adopted) = instrument.adopted {
        let time = format!(
            "<time datetime=\"{adopted}\">{}</time>",
            escape(&say.date(adopted))
        );
        facts.push(
            say.one(page.adopted, &time)
                .trim_start_matches(", ")
                .to_string(),
        );
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "<p class=\"instrument\">{}</p>", facts.join(", "));
    }
    let source = match evaluation.as_of_source {
        AsOfSource::Given => "",
        AsOfSource::Facts => page.md_from_facts,
        AsOfSource::Today => page.md_today,
    };
    let time = format!(
        "<time datetime=\"{}\">{}</time>",
        evaluation.as_of,
        escape(&say.date(evaluation.as_of))
    );
    // The Markdown's words, with the date as a `<time>` and not in bold.
    let as_of = say.one(page.evaluated_as_of, &time).replace("**", "");
    let _ = writeln!(out, "<p class=\"as-of\">{as_of}{}.</p>", escape(source));
    if let Some(adopted) = instrument.adopted
        && evaluation.as_of < adopted
    {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            escape(&say.one(page.md_not_yet_adopted, &say.date(adopted)))
        );
    }
    if let Some(line) = model.amended_line_in(lang) {
        let _ = writeln!(out, "<p class=\"note\">{}.</p>", escape(&line));
    }
    for outcome in evaluation.assumptions.iter().filter(|o| o.open()) {
        if let Some(sentence) = model.described(Described::Assumption(outcome.assumption), lang) {
            let _ = writeln!(
                out,
                "<p class=\"note\">{} {}</p>",
                escape(page.assumed),
                escape(sentence)
            );
        }
    }
    if let Some(given) = super::all_readings::given_phrase_in(model, &evaluation.given, lang) {
        let _ = writeln!(
            out,
            "<p class=\"note\">{} {}</p>",
            escape(page.given),
            escape(&given)
        );
    }
    out.push_str("</header>\n");
}

/// The table of contents, with the buttons the script adds.
fn nav(out: &mut String, model: &Model, report: &Report<'_, '_>) {
    let page = &report.lang.words().page;
    let _ = writeln!(out, "<nav aria-label=\"{}\">\n<ul>", page.contents);
    let _ = writeln!(out, "<li><a href=\"#verdicts\">{}</a></li>", page.verdicts);
    if !model.readings.is_empty() {
        let label = if report.all_readings.is_some() {
            page.html_every_reading
        } else {
            page.readings
        };
        let _ = writeln!(out, "<li><a href=\"#readings\">{label}</a></li>");
    }
    if !model.facts.is_empty() {
        let _ = writeln!(out, "<li><a href=\"#facts\">{}</a></li>", page.facts);
    }
    if report.timeline.is_some() {
        let _ = writeln!(out, "<li><a href=\"#timeline\">{}</a></li>", page.timeline);
    }
    if !model.provisions.is_empty() {
        let _ = writeln!(out, "<li><a href=\"#text\">{}</a></li>", page.html_the_text);
    }
    out.push_str("</ul>\n</nav>\n");
}

/// The timeline around the date, the picture [`super::svg`] draws, inline.
fn timeline_section(
    out: &mut String,
    model: &Model,
    timeline: &Timeline,
    as_of: chrono::NaiveDate,
    lang: Lang,
) {
    let human_date = |date| lang.words().date(date);
    out.push_str("<section id=\"timeline\" aria-labelledby=\"timeline-heading\">\n");
    let _ = writeln!(
        out,
        "<h2 id=\"timeline-heading\">{}</h2>",
        lang.words().page.timeline
    );
    let say = lang.words();
    // The page's own sentence, its dates escaped.
    let (from, to) = (
        escape(&human_date(timeline.from)),
        escape(&human_date(timeline.to)),
    );
    let intro = say.fill(
        say.page.html_timeline_intro,
        &[('l', &from), ('r', &to), ('x', &escape(&human_date(as_of)))],
    );
    let _ = writeln!(out, "<p>{intro}</p>");
    out.push_str("<figure class=\"timeline\">\n");
    out.push_str(&inline_svg(&super::svg::render(model, timeline, lang)));
    let caption = say.fill(say.page.html_timeline_caption, &[('l', &from), ('r', &to)]);
    let _ = writeln!(out, "<figcaption>{caption}</figcaption>");
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
