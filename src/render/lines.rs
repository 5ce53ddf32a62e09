//! An explanation as lines of prose, shared by the text and Markdown renderers.

use crate::explain::phrase::fact_words_in;
use crate::explain::{Explanation, RuleStep};
use crate::locale::{Lang, Words};
use crate::model::Model;
use crate::model::translations::Described;
use crate::value::Value;
use crate::words::{bounds_words_in, value_words_in};

/// One line of an explanation, indented by its depth in the tree of rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// How deep the rule is: 0 for the rule a verdict names.
    pub depth: usize,
    /// The rule's name, such as `para5.in_force`, if the line is about a rule.
    pub rule: Option<String>,
    /// The sentence.
    pub text: String,
    /// The provision cited and the phrase quoted from it.
    pub citation: Option<(String, Option<String>)>,
    /// With full detail: the expressions evaluated for the rule, as written,
    /// with their values. Where an aggregate's elements are left out, one
    /// entry says how many, with an empty value.
    pub evaluated: Vec<(String, String)>,
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A step's value in a language's words.
pub(crate) fn value_text_in(model: &Model, value: &Value, say: &Words) -> String {
    match value {
        Value::Unknown(bounds) => match bounds_words_in(bounds, say) {
            Some(known) => say.one(say.undetermined_with.0, &known),
            None => String::from(say.undetermined),
        },
        other => value_words_in(model, other, say),
    }
}

fn step_lines(model: &Model, step: &RuleStep, depth: usize, out: &mut Vec<Line>, say: &Words) {
    let provision = model.citation_name(step.provision);
    let text = match step.applied {
        Some(_) | None if matches!(step.rule, crate::eval::trace::RuleRef::Exception(_)) => {
            format!(
                "{}{}{}.",
                capitalized(&step.meaning),
                say.colon,
                step.because
            )
        }
        _ => {
            let value = value_text_in(model, &step.value, say);
            // "31 March 2026, which is earlier than ...": the reason already
            // starts with the value; say it once.
            let meaning = capitalized(&step.meaning);
            if step.because.starts_with(&format!("{value}, ")) {
                format!("{meaning}{}{}.", say.colon, step.because)
            } else {
                format!("{meaning}{}{value}, {}.", say.colon, step.because)
            }
        }
    };
    out.push(Line {
        depth,
        rule: Some(step.name.clone()),
        text,
        citation: Some((provision, step.quote.clone())),
        evaluated: step
            .evaluated
            .iter()
            .map(|e| match e.elements_left_out {
                0 => (e.expression.clone(), value_text_in(model, &e.value, say)),
                more => (
                    say.fill(
                        say.page.more_elements,
                        &[('x', &say.count(more)), ('r', &e.expression)],
                    ),
                    String::new(),
                ),
            })
            .collect(),
    });
    for inner in &step.steps {
        step_lines(model, inner, depth + 1, out, say);
    }
    if step.more > 0 {
        // A chain deeper than an explanation shows: one line says how much is left.
        out.push(Line {
            depth: depth + 1,
            rule: None,
            text: more_steps(step.more),
            citation: None,
            evaluated: Vec::new(),
        });
    }
}

/// The line that stands for the steps an explanation does not show.
pub fn more_steps(count: usize) -> String {
    let noun = if count == 1 { "step" } else { "steps" };
    format!("... {count} more {noun}")
}

/// The lines of an explanation: one per rule, then the facts and readings used.
pub fn lines(model: &Model, explanation: &Explanation) -> Vec<Line> {
    lines_in(model, explanation, Lang::En)
}

/// The lines of an explanation, their engine's words in `lang`.
pub fn lines_in(model: &Model, explanation: &Explanation, lang: Lang) -> Vec<Line> {
    let say = lang.words();
    let mut out = Vec::new();
    if let Some(because) = &explanation.because {
        out.push(Line {
            depth: 0,
            rule: None,
            text: format!("{}.", capitalized(because)),
            citation: None,
            evaluated: Vec::new(),
        });
    }
    let depth = usize::from(explanation.because.is_some());
    for step in &explanation.steps {
        step_lines(model, step, depth, &mut out, say);
    }
    out
}

/// The facts used, as `path = value` phrases.
pub fn facts_phrase(model: &Model, explanation: &Explanation, lang: Lang) -> Option<String> {
    let say = lang.words();
    let x = &say.explaining;
    if explanation.facts.is_empty() {
        return None;
    }
    let parts: Vec<String> = explanation
        .facts
        .iter()
        .map(|f| {
            let path = model.fact_path(f.fact, &f.fields);
            if f.value.is_known() {
                let words = match model.fact_type(f.fact, &f.fields) {
                    Some(ty) => crate::words::typed_words_in(model, &f.value, ty, say),
                    None => value_words_in(model, &f.value, say),
                };
                if f.defaulted {
                    format!("{path} = {}", say.fill(x.by_default, &[('v', &words)]))
                } else if let Some(from) = f.from {
                    let from = say.one(x.from, &say.date(from));
                    // ", from 2 March 2024" reads "(from 2 March 2024)" here.
                    format!("{path} = {words} ({})", from.trim_start_matches(", "))
                } else {
                    format!("{path} = {words}")
                }
            } else {
                let range = crate::words::known_of_words_in(model, &f.value, say)
                    .map(|range| format!(", {range}"))
                    .unwrap_or_default();
                let from = f
                    .from
                    .map(|from| say.one(x.from, &say.date(from)))
                    .unwrap_or_default();
                format!(
                    "{path} {}{range} ({}{from})",
                    x.not_known,
                    fact_words_in(model, f.fact, &f.fields, lang)
                )
            }
        })
        .collect();
    Some(parts.join(say.semicolon))
}

/// The readings consulted, with what each alternative means and whether it is the default.
pub fn readings_phrase(model: &Model, explanation: &Explanation, lang: Lang) -> Option<String> {
    let say = lang.words();
    if explanation.readings.is_empty() {
        return None;
    }
    let parts: Vec<String> = explanation
        .readings
        .iter()
        .filter_map(|r| {
            let reading = model.readings.get(r.reading as usize)?;
            let alternative = reading.alternatives.get(r.alternative as usize)?;
            let origin = if r.chosen {
                say.page.chosen
            } else {
                say.page.default
            };
            let sentence = model.described(Described::Alternative(r.reading, r.alternative), lang);
            Some(match sentence {
                Some(sentence) => format!(
                    "{} = {}, {sentence} ({origin})",
                    reading.name, alternative.name
                ),
                None => format!("{} = {} ({origin})", reading.name, alternative.name),
            })
        })
        .collect();
    Some(parts.join(say.semicolon))
}
