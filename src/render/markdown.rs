//! The Markdown renderer: an evaluation as a report, with the provisions it
//! cites quoted in full at the end.

use std::fmt::Write as _;

use super::Options;
use super::lines::{facts_phrase, lines_in, readings_phrase};
use super::sentence::{residual_sentence, sentence, verdict_sentence};
use super::words::outcome_words;
use crate::eval::{AsOfSource, Evaluation};
use crate::explain::explain_in;
use crate::model::Model;
use crate::model::translations::Described;
use crate::value::Value;

/// Escapes the characters Markdown would read as formatting in running text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The evaluation as a Markdown report.
pub fn render(model: &Model, evaluation: &Evaluation<'_>, options: &Options) -> String {
    let (lang, say) = (options.lang, options.lang.words());
    let page = &say.page;
    let mut out = String::new();
    let instrument = &model.instrument;
    let title = if instrument.title.is_empty() {
        String::from(page.evaluation)
    } else {
        escape(
            model
                .described(Described::Instrument, lang)
                .unwrap_or(&instrument.title),
        )
    };
    let _ = writeln!(out, "# {title}\n");
    let mut header = Vec::new();
    if let Some(symbol) = &instrument.symbol {
        header.push(say.one(page.document, &escape(symbol)));
    }
    if let Some(adopted) = instrument.adopted {
        // ", adopted 2 March 2024" without its leading ", ".
        let adopted = say.one(page.adopted, &say.date(adopted));
        header.push(adopted.trim_start_matches(", ").to_string());
    }
    if !header.is_empty() {
        let _ = write!(out, "{}. ", capitalized(&header.join(", ")));
    }
    let source = match evaluation.as_of_source {
        AsOfSource::Given => "",
        AsOfSource::Facts => page.md_from_facts,
        AsOfSource::Today => page.md_today,
    };
    let as_of = say.one(page.evaluated_as_of, &say.date(evaluation.as_of));
    let _ = writeln!(out, "{as_of}{source}.");
    if let Some(adopted) = instrument.adopted
        && evaluation.as_of < adopted
    {
        let _ = writeln!(
            out,
            "\n{}",
            say.one(page.md_not_yet_adopted, &say.date(adopted))
        );
    }
    if let Some(line) = model.amended_line_in(lang) {
        let _ = writeln!(out, "\n{}.", escape(&line));
    }
    for outcome in evaluation.assumptions.iter().filter(|o| o.open()) {
        if let Some(sentence) = model.described(Described::Assumption(outcome.assumption), lang) {
            let _ = writeln!(out, "\n{} {sentence}", page.assumed);
        }
    }
    if let Some(given) = super::given_phrase(model, &evaluation.given) {
        let _ = writeln!(out, "\n{} {given}", page.given);
    }
    out.push('\n');

    if !model.readings.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n\n{}\n|---|---|---|---|",
            page.readings, page.md_readings_head
        );
        for (reading, info, chosen) in super::readings_in_force(model, &evaluation.readings) {
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} | {} |",
                reading.name,
                info.name,
                escape(super::alternative_sentence(model, reading, info, lang).unwrap_or("")),
                if chosen { page.chosen } else { page.default }
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}", page.verdicts);
    let mut cited: Vec<u32> = Vec::new();
    for outcome in &evaluation.verdicts {
        let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
            continue;
        };
        if verdict.for_each.is_some()
            && outcome.error.is_none()
            && outcome.in_force != Value::Bool(false)
        {
            per_element_section(&mut out, model, evaluation, outcome, options, &mut cited);
            continue;
        }
        let title = format!("`{}`", verdict.name);
        outcome_section(
            &mut out, model, evaluation, outcome, options, "###", &title, &mut cited,
        );
    }

    if !cited.is_empty() {
        let _ = writeln!(out, "\n## {}", page.md_provisions_cited);
        cited.sort_unstable();
        for id in cited {
            let Some(provision) = model.provisions.get(id as usize) else {
                continue;
            };
            let heading = model
                .described(Described::Provision(id), lang)
                .map(|h| format!(" {}", escape(h)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "\n**{}**{heading}\n\n> {}",
                model.citation_name(id),
                escape(&provision.text)
            );
        }
    }
    out
}

/// One verdict's section (or one element's, of a verdict given for each
/// element): its value, sentence, condition and why, under a heading of
/// `level` that names it as `title`.
#[allow(clippy::too_many_arguments)]
fn outcome_section(
    out: &mut String,
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &crate::eval::VerdictOutcome,
    options: &Options,
    level: &str,
    title: &str,
    cited: &mut Vec<u32>,
) {
    let (lang, say) = (options.lang, options.lang.words());
    if let Some(error) = &outcome.error {
        let place = super::errors::error_place_words(model, error)
            .map(|place| format!(" {place}"))
            .unwrap_or_default();
        let message = escape(&error.to_problem(model).message);
        let _ = writeln!(
            out,
            "\n{level} {title}: {} (`{}`)\n\n{}",
            say.page.error,
            error.code(),
            say.fill(
                say.page.md_could_not,
                &[('x', &escape(&place)), ('r', &message)]
            )
        );
        return;
    }
    if outcome.in_force == Value::Bool(false) {
        let _ = writeln!(
            out,
            "\n{level} {title}: {}\n\n{}",
            say.not_in_force,
            escape(&verdict_sentence(model, evaluation, outcome, lang))
        );
        return;
    }
    let value = outcome_words(model, evaluation, outcome, lang);
    let _ = writeln!(out, "\n{level} {title}: {}\n", escape(&value));
    let _ = writeln!(
        out,
        "{}",
        escape(&sentence(model, evaluation, outcome, lang))
    );
    if let Some(condition) = residual_sentence(model, evaluation, outcome, lang) {
        let _ = writeln!(out, "\n{}", escape(&condition));
    }
    let Some(explanation) = explain_in(model, evaluation, outcome, options.detail, lang) else {
        return;
    };
    out.push('\n');
    collect_provisions(&explanation.steps, cited);
    for line in lines_in(model, &explanation, lang) {
        let indent = "  ".repeat(line.depth);
        let citation = match &line.citation {
            Some((provision, Some(quote))) => format!(" ({provision}: “{}”)", escape(quote)),
            Some((provision, None)) => format!(" ({provision})"),
            None => String::new(),
        };
        let _ = writeln!(out, "{indent}- {}{citation}", escape(&line.text));
        for (expression, value) in &line.evaluated {
            if value.is_empty() {
                // Elements of an aggregate left out: how many.
                let not_shown = say.one(say.page.not_shown, &escape(expression));
                let _ = writeln!(out, "{indent}  - {not_shown}");
            } else {
                let _ = writeln!(out, "{indent}  - `{expression}` = {}", escape(value));
            }
        }
    }
    if let Some(facts) = facts_phrase(model, &explanation, lang) {
        let _ = writeln!(out, "\n*{}* {}", say.page.facts_label, escape(&facts));
    }
    if let Some(readings) = readings_phrase(model, &explanation, lang) {
        let label = say.page.readings_label;
        let _ = writeln!(out, "\n*{label}* {}", escape(&readings));
    }
}

/// A verdict given for each element: its heading, then each element's
/// section one level down, in list order.
fn per_element_section(
    out: &mut String,
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &crate::eval::VerdictOutcome,
    options: &Options,
    cited: &mut Vec<u32>,
) {
    let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
        return;
    };
    let say = options.lang.words();
    let clause = escape(&super::keys::for_each_words(model, verdict));
    let Some(elements) = &outcome.elements else {
        let value = outcome_words(model, evaluation, outcome, options.lang);
        let _ = writeln!(
            out,
            "\n### `{}`: {}\n\n{}",
            verdict.name,
            escape(&value),
            say.one(say.page.list_not_known, &clause)
        );
        return;
    };
    let _ = writeln!(
        out,
        "\n### `{}`, {clause}: {}",
        verdict.name,
        match elements.len() {
            0 => String::from(say.page.elements.0),
            1 => String::from(say.page.elements.1),
            n => say.one(say.page.elements.2, &n.to_string()),
        }
    );
    for element in elements {
        let title = say.fill(
            say.page.md_for,
            &[
                ('x', &verdict.name),
                ('r', &escape(&super::keys::key_words(model, &element.key))),
            ],
        );
        outcome_section(
            out,
            model,
            evaluation,
            &element.outcome,
            options,
            "####",
            &title,
            cited,
        );
    }
}

fn collect_provisions(steps: &[crate::explain::RuleStep], out: &mut Vec<u32>) {
    for step in steps {
        if !out.contains(&step.provision) {
            out.push(step.provision);
        }
        collect_provisions(&step.steps, out);
    }
}
