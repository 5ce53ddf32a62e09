//! The readings: those the verdicts were evaluated under, or, with every
//! reading at once, a table per verdict of its outcome under each
//! combination of the readings it consults (as `eval --all-readings`).

use std::fmt::Write as _;

use super::escape;
use super::index::verdict_anchor;
use crate::eval::Evaluation;
use crate::eval::all_readings::{AllReadings, VerdictAcrossReadings};
use crate::locale::Lang;
use crate::model::Model;
use crate::model::translations::Described;
use crate::render::all_readings::{
    agreement_scope, alternative_name, common_words, outcome_words, reading_name, status,
    verdict_name,
};

/// The section of readings; nothing for a policy that declares none.
pub(super) fn section(
    out: &mut String,
    model: &Model,
    evaluation: &Evaluation<'_>,
    all: Option<&AllReadings>,
    lang: Lang,
) {
    if model.readings.is_empty() {
        return;
    }
    let page = &lang.words().page;
    out.push_str("<section id=\"readings\" aria-labelledby=\"readings-heading\">\n");
    let (heading, intro) = match all {
        None => (page.readings, page.html_readings_intro),
        Some(_) => (page.html_every_reading, page.html_every_reading_intro),
    };
    let _ = writeln!(
        out,
        "<h2 id=\"readings-heading\">{}</h2>\n<p>{}</p>",
        escape(heading),
        escape(intro)
    );
    used(out, model, evaluation, lang);
    if let Some(all) = all {
        every_reading(out, model, all, lang);
    }
    out.push_str("</section>\n");
}

/// The table of the readings in force: each reading, what it is about, the
/// alternative and what it means, and whether it was chosen.
fn used(out: &mut String, model: &Model, evaluation: &Evaluation<'_>, lang: Lang) {
    let page = &lang.words().page;
    let _ = writeln!(
        out,
        "<div class=\"wide\"><table class=\"readings\">\n<caption>{}</caption>",
        escape(page.html_readings_caption)
    );
    out.push_str("<thead><tr>");
    for head in page.html_readings_head {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(head));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (reading, info, chosen) in crate::render::readings_in_force(model, &evaluation.readings) {
        let description = model
            .readings
            .iter()
            .position(|r| std::ptr::eq(r, reading))
            .and_then(|at| model.described(Described::Reading(at as u32), lang))
            .or(reading.description.as_deref());
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            escape(&reading.name),
            escape(description.unwrap_or("")),
            escape(&info.name),
            escape(crate::render::alternative_sentence(model, reading, info, lang).unwrap_or("")),
            if chosen { page.chosen } else { page.default }
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// Every reading at once: a table per verdict on which the readings
/// disagree, then the list of those on which they agree.
fn every_reading(out: &mut String, model: &Model, all: &AllReadings, lang: Lang) {
    let say = lang.words();
    let tables = &say.tables;
    let fixed: Vec<String> = model
        .readings
        .iter()
        .enumerate()
        .filter(|(i, _)| all.fixed.chosen.get(*i).copied().unwrap_or(false))
        .map(|(i, r)| {
            format!(
                "<code>{}</code> = <code>{}</code>",
                escape(&r.name),
                escape(&alternative_name(
                    model,
                    i as u32,
                    all.fixed.alternative(i as u32)
                ))
            )
        })
        .collect();
    if !fixed.is_empty() {
        // The names are escaped already; the template's words need no escaping.
        let _ = writeln!(
            out,
            "<p>{}.</p>",
            say.one(tables.readings_fixed, &fixed.join(", "))
        );
    }
    let divergent: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| !v.agree).collect();
    let agreeing: Vec<&VerdictAcrossReadings> = all.verdicts.iter().filter(|v| v.agree).collect();
    if !divergent.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>", escape(tables.disagree));
        for verdict in divergent {
            let name = verdict_name(model, verdict);
            out.push_str("<div class=\"wide\"><table class=\"across\">\n");
            let _ = writeln!(
                out,
                "<caption><a href=\"#{}\"><code>{}</code></a></caption>",
                verdict_anchor(name),
                escape(name)
            );
            out.push_str("<thead><tr>");
            for reading in &verdict.varied {
                let _ = write!(
                    out,
                    "<th scope=\"col\"><code>{}</code></th>",
                    escape(&reading_name(model, *reading))
                );
            }
            let _ = write!(
                out,
                "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
                escape(tables.value_head.1)
            );
            for outcome in &verdict.outcomes {
                out.push_str("<tr>");
                for (i, (reading, alternative)) in outcome.readings.iter().enumerate() {
                    let cell = format!(
                        "<code>{}</code>",
                        escape(&alternative_name(model, *reading, *alternative))
                    );
                    // The first reading names the row.
                    if i == 0 {
                        let _ = write!(out, "<th scope=\"row\">{cell}</th>");
                    } else {
                        let _ = write!(out, "<td>{cell}</td>");
                    }
                }
                let _ = writeln!(
                    out,
                    "<td class=\"{}\">{}</td></tr>",
                    status(outcome),
                    escape(&outcome_words(model, verdict.verdict, outcome, lang))
                );
            }
            out.push_str("</tbody>\n</table></div>\n");
        }
    }
    if !agreeing.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<ul class=\"agree\">",
            escape(tables.agree)
        );
        for verdict in agreeing {
            let name = verdict_name(model, verdict);
            let value = common_words(model, verdict, lang);
            let consulted: Vec<String> = verdict
                .varied
                .iter()
                .map(|r| format!("<code>{}</code>", escape(&reading_name(model, *r))))
                .collect();
            // The readings' names are escaped already, and the words around
            // them need no escaping.
            let scope = agreement_scope(&consulted, lang);
            let _ = writeln!(
                out,
                "<li><a href=\"#{}\"><code>{}</code></a> = {} ({scope})</li>",
                verdict_anchor(name),
                escape(name),
                escape(&value)
            );
        }
        out.push_str("</ul>\n");
    }
}
