//! The Markdown renderer: an evaluation as a report, with the provisions it
//! cites quoted in full at the end.

use std::fmt::Write as _;

use super::Options;
use super::lines::{facts_phrase, lines, readings_phrase};
use super::sentence::{residual_sentence, sentence, verdict_sentence};
use super::words::outcome_words;
use crate::eval::{AsOfSource, Evaluation};
use crate::explain::explain;
use crate::model::Model;
use crate::value::Value;
use crate::words::human_date;

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
    let mut out = String::new();
    let instrument = &model.instrument;
    let title = if instrument.title.is_empty() {
        String::from("Evaluation")
    } else {
        escape(&instrument.title)
    };
    let _ = writeln!(out, "# {title}\n");
    let mut header = Vec::new();
    if let Some(symbol) = &instrument.symbol {
        header.push(format!("Document {}", escape(symbol)));
    }
    if let Some(adopted) = instrument.adopted {
        header.push(format!("adopted {}", human_date(adopted)));
    }
    if !header.is_empty() {
        let _ = write!(out, "{}. ", capitalized(&header.join(", ")));
    }
    let source = match evaluation.as_of_source {
        AsOfSource::Given => "",
        AsOfSource::Facts => ", the date the facts give",
        AsOfSource::Today => ", today's date, as no date was given",
    };
    let _ = writeln!(
        out,
        "Evaluated as of **{}**{source}.",
        human_date(evaluation.as_of)
    );
    if let Some(adopted) = instrument.adopted
        && evaluation.as_of < adopted
    {
        let _ = writeln!(
            out,
            "\nOn that date the instrument was not yet adopted; it was adopted on {}.",
            human_date(adopted)
        );
    }
    if let Some(line) = model.amended_line() {
        let _ = writeln!(out, "\n{}.", escape(&line));
    }
    for assumption in super::open_assumptions(model, evaluation) {
        let _ = writeln!(out, "\nAssumed, not known: {}", assumption.sentence);
    }
    if let Some(given) = super::given_phrase(model, &evaluation.given) {
        let _ = writeln!(out, "\nGiven, in place of their rules: {given}");
    }
    out.push('\n');

    if !model.readings.is_empty() {
        out.push_str("## Readings\n\n| Reading | Alternative | Meaning | |\n|---|---|---|---|\n");
        for (reading, info, chosen) in super::readings_in_force(model, &evaluation.readings) {
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} | {} |",
                reading.name,
                info.name,
                escape(info.sentence.as_deref().unwrap_or("")),
                if chosen { "chosen" } else { "default" }
            );
        }
        out.push('\n');
    }

    out.push_str("## Verdicts\n");
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
        out.push_str("\n## Provisions cited\n");
        cited.sort_unstable();
        for id in cited {
            let Some(provision) = model.provisions.get(id as usize) else {
                continue;
            };
            let heading = provision
                .heading
                .as_deref()
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
    if let Some(error) = &outcome.error {
        let place = super::errors::error_place_words(model, error)
            .map(|place| format!(" {place}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n{level} {title}: error (`{}`)\n\nCould not be evaluated{}: {}",
            error.code(),
            escape(&place),
            escape(&error.to_problem(model).message)
        );
        return;
    }
    if outcome.in_force == Value::Bool(false) {
        let _ = writeln!(
            out,
            "\n{level} {title}: not in force\n\n{}",
            escape(&verdict_sentence(model, evaluation, outcome))
        );
        return;
    }
    let value = outcome_words(model, evaluation, outcome);
    let _ = writeln!(out, "\n{level} {title}: {}\n", escape(&value));
    let _ = writeln!(out, "{}", escape(&sentence(model, evaluation, outcome)));
    if let Some(condition) = residual_sentence(model, evaluation, outcome) {
        let _ = writeln!(out, "\n{}", escape(&condition));
    }
    let Some(explanation) = explain(model, evaluation, outcome, options.detail) else {
        return;
    };
    out.push('\n');
    collect_provisions(&explanation.steps, cited);
    for line in lines(model, &explanation) {
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
                let _ = writeln!(out, "{indent}  - ({}, not shown)", escape(expression));
            } else {
                let _ = writeln!(out, "{indent}  - `{expression}` = {}", escape(value));
            }
        }
    }
    if let Some(facts) = facts_phrase(model, &explanation) {
        let _ = writeln!(out, "\n*Facts:* {}", escape(&facts));
    }
    if let Some(readings) = readings_phrase(model, &explanation) {
        let _ = writeln!(out, "\n*Readings:* {}", escape(&readings));
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
    let clause = escape(&super::keys::for_each_words(model, verdict));
    let Some(elements) = &outcome.elements else {
        let value = outcome_words(model, evaluation, outcome);
        let _ = writeln!(
            out,
            "\n### `{}`: {}\n\nOne outcome {clause}, a list not known.",
            verdict.name,
            escape(&value)
        );
        return;
    };
    let _ = writeln!(
        out,
        "\n### `{}`, {clause}: {}",
        verdict.name,
        match elements.len() {
            0 => String::from("no element"),
            1 => String::from("1 element"),
            n => format!("{n} elements"),
        }
    );
    for element in elements {
        let title = format!(
            "`{}` for {}",
            verdict.name,
            escape(&super::keys::key_words(model, &element.key))
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
