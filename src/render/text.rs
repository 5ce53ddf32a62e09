//! The text renderer: an evaluation for a person at a terminal.

use std::fmt::Write as _;

use owo_colors::OwoColorize;

use super::Options;
use super::lines::{facts_phrase, lines_in, readings_phrase};
use super::sentence::{residual_sentence, sentence, verdict_sentence};
use super::words::outcome_words;
use crate::eval::{AsOfSource, Evaluation};
use crate::explain::explain_in;
use crate::model::Model;
use crate::model::translations::Described;
use crate::value::Value;

/// Colours applied only when asked for.
struct Paint {
    on: bool,
}

impl Paint {
    fn bold(&self, text: &str) -> String {
        if self.on {
            text.bold().to_string()
        } else {
            text.to_string()
        }
    }

    fn dim(&self, text: &str) -> String {
        if self.on {
            text.dimmed().to_string()
        } else {
            text.to_string()
        }
    }

    fn value(&self, value: &Value, text: &str) -> String {
        if !self.on {
            return text.to_string();
        }
        match value {
            Value::Bool(true) => text.green().to_string(),
            Value::Bool(false) => text.red().to_string(),
            Value::Unknown(_) => text.yellow().to_string(),
            _ => text.cyan().to_string(),
        }
    }
}

/// The evaluation as text: the instrument, the date, the readings in force,
/// and each verdict with its value, its sentence and why.
pub fn render(model: &Model, evaluation: &Evaluation<'_>, options: &Options) -> String {
    let paint = Paint { on: options.color };
    let (lang, say) = (options.lang, options.lang.words());
    let page = &say.page;
    let mut out = String::new();
    let instrument = &model.instrument;
    if !instrument.title.is_empty() {
        let title = model
            .described(Described::Instrument, lang)
            .unwrap_or(&instrument.title);
        let _ = write!(out, "{}", paint.bold(title));
        if let Some(symbol) = &instrument.symbol {
            let _ = write!(out, " ({symbol})");
        }
        if let Some(adopted) = instrument.adopted {
            let _ = write!(out, "{}", say.one(page.adopted, &say.date(adopted)));
        }
        out.push('\n');
    }
    let source = match evaluation.as_of_source {
        AsOfSource::Given => page.as_given,
        AsOfSource::Facts => page.from_the_facts,
        AsOfSource::Today => page.today,
    };
    let as_of = say.fill(
        page.as_of,
        &[('x', &say.date(evaluation.as_of)), ('r', source)],
    );
    let _ = writeln!(out, "{as_of}");
    if let Some(line) = model.amended_line_in(lang) {
        let _ = writeln!(out, "{line}");
    }
    if let Some(adopted) = instrument.adopted
        && evaluation.as_of < adopted
    {
        let _ = writeln!(out, "{}", say.one(page.not_yet_adopted, &say.date(adopted)));
    }
    for outcome in evaluation.assumptions.iter().filter(|o| o.open()) {
        if let Some(sentence) = model.described(Described::Assumption(outcome.assumption), lang) {
            let _ = writeln!(out, "{} {sentence}", page.assumed);
        }
    }
    if let Some(given) = super::given_phrase(model, &evaluation.given) {
        let _ = writeln!(out, "{} {given}", page.given);
    }

    let periods = model.instrument.in_force.is_some()
        || model.provisions.iter().any(|p| p.in_force.is_some());
    if periods && !model.provisions.is_empty() {
        let listed = |wanted: &Value| -> Vec<&str> {
            model
                .provisions
                .iter()
                .zip(&evaluation.provisions_in_force)
                .filter(|(_, holds)| holds.as_ref() == Some(wanted))
                .map(|(p, _)| p.name.as_str())
                .collect()
        };
        let in_force = listed(&Value::Bool(true));
        let _ = writeln!(
            out,
            "{} {}",
            page.in_force,
            if in_force.is_empty() {
                String::from(page.no_provision)
            } else {
                in_force.join(", ")
            }
        );
        let open = listed(&Value::UNKNOWN);
        if !open.is_empty() {
            let _ = writeln!(out, "{} {}", page.perhaps_in_force, open.join(", "));
        }
    }

    if !model.readings.is_empty() {
        let _ = writeln!(out, "\n{}", page.readings);
        let width = model
            .readings
            .iter()
            .map(|r| r.name.len())
            .max()
            .unwrap_or(0);
        for (reading, info, chosen) in super::readings_in_force(model, &evaluation.readings) {
            let origin = if chosen { page.chosen } else { page.default };
            let _ = write!(out, "  {:width$} = {} ({origin})", reading.name, info.name);
            if let Some(sentence) = super::alternative_sentence(model, reading, info, lang) {
                let _ = write!(out, "{}{sentence}", say.colon);
            }
            out.push('\n');
        }
    }

    let _ = writeln!(out, "\n{}", page.verdicts);
    for outcome in &evaluation.verdicts {
        let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
            continue;
        };
        if verdict.for_each.is_some()
            && outcome.error.is_none()
            && outcome.in_force != Value::Bool(false)
        {
            per_element(&mut out, &paint, model, evaluation, outcome, options);
            continue;
        }
        verdict_block(
            &mut out,
            &paint,
            model,
            evaluation,
            outcome,
            options,
            &verdict.name,
            1,
        );
    }
    out
}

/// A verdict given for each element: its line, then each element's block
/// one level deeper, in list order.
fn per_element(
    out: &mut String,
    paint: &Paint,
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &crate::eval::VerdictOutcome,
    options: &Options,
) {
    let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
        return;
    };
    let say = options.lang.words();
    let clause = super::keys::for_each_words(model, verdict);
    let Some(elements) = &outcome.elements else {
        // The list is not known: the verdict as a whole is undetermined.
        let value = outcome_words(model, evaluation, outcome, options.lang);
        let _ = writeln!(
            out,
            "  {} = {}",
            paint.bold(&verdict.name),
            paint.value(&Value::UNKNOWN, &value)
        );
        let _ = writeln!(out, "    {}", say.one(say.page.list_not_known, &clause));
        return;
    };
    let count = match elements.len() {
        0 => String::from(say.page.elements.0),
        1 => String::from(say.page.elements.1),
        n => say.one(say.page.elements.2, &n.to_string()),
    };
    let _ = writeln!(out, "  {} {clause} ({count})", paint.bold(&verdict.name));
    for element in elements {
        let key = super::keys::key_words(model, &element.key);
        verdict_block(
            out,
            paint,
            model,
            evaluation,
            &element.outcome,
            options,
            &key,
            2,
        );
    }
}

/// One verdict's (or one element's) lines: its value, its sentence, what it
/// waits on and why, indented by `level`.
#[allow(clippy::too_many_arguments)]
fn verdict_block(
    out: &mut String,
    paint: &Paint,
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &crate::eval::VerdictOutcome,
    options: &Options,
    name: &str,
    level: usize,
) {
    let pad = "  ".repeat(level);
    let (lang, say) = (options.lang, options.lang.words());
    if let Some(error) = &outcome.error {
        let _ = writeln!(
            out,
            "{pad}{} = {}",
            paint.bold(name),
            paint.value(
                &Value::UNKNOWN,
                &format!("{} ({})", say.page.error, error.code())
            )
        );
        let _ = writeln!(out, "{pad}  {}", super::errors::error_line(model, error));
        return;
    }
    if outcome.in_force == Value::Bool(false) {
        let _ = writeln!(
            out,
            "{pad}{} = {}",
            paint.bold(name),
            paint.value(&outcome.value, say.not_in_force)
        );
        let _ = writeln!(
            out,
            "{pad}  {}",
            verdict_sentence(model, evaluation, outcome, lang)
        );
        return;
    }
    let value = outcome_words(model, evaluation, outcome, lang);
    let _ = writeln!(
        out,
        "{pad}{} = {}",
        paint.bold(name),
        paint.value(&outcome.value, &value)
    );
    let _ = writeln!(out, "{pad}  {}", sentence(model, evaluation, outcome, lang));
    if let Some(line) = super::words::decided_words(model, outcome, lang) {
        let _ = writeln!(out, "{pad}  {line}");
    }
    if let Some(condition) = residual_sentence(model, evaluation, outcome, lang) {
        let _ = writeln!(out, "{pad}  {condition}");
    }
    let Some(explanation) = explain_in(model, evaluation, outcome, options.detail, lang) else {
        return;
    };
    let explained = lines_in(model, &explanation, lang);
    if !explained.is_empty() {
        let _ = writeln!(out, "{pad}  {}", paint.dim(say.page.why));
    }
    for line in explained {
        let indent = "  ".repeat(line.depth + level + 2);
        let citation = match &line.citation {
            Some((provision, Some(quote))) => format!(" [{provision}: \"{quote}\"]"),
            Some((provision, None)) => format!(" [{provision}]"),
            None => String::new(),
        };
        let _ = writeln!(out, "{indent}- {}{}", line.text, paint.dim(&citation));
        for (expression, value) in &line.evaluated {
            if value.is_empty() {
                // Elements of an aggregate left out: how many.
                let _ = writeln!(
                    out,
                    "{indent}    {}",
                    say.one(say.page.not_shown, expression)
                );
            } else {
                let _ = writeln!(out, "{indent}    {} = {value}", paint.dim(expression));
            }
        }
    }
    if let Some(facts) = facts_phrase(model, &explanation, lang) {
        let _ = writeln!(out, "{pad}  {} {facts}", paint.dim(say.page.facts_label));
    }
    if let Some(readings) = readings_phrase(model, &explanation, lang) {
        let _ = writeln!(
            out,
            "{pad}  {} {readings}",
            paint.dim(say.page.readings_label)
        );
    }
}
