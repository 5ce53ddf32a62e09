//! The verdicts, first on the page: each with its sentence, value and
//! status, and its explanation as a tree of `<details>` that opens and
//! closes without script, each step's phrase linked to where the text says it.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::escape;
use super::index::{Rule, RuleKey, provision_anchor, verdict_anchor};
use crate::eval::{Evaluation, VerdictOutcome};
use crate::explain::{Detail, Explanation, RuleStep, explain};
use crate::model::Model;
use crate::render::lines::{Line, facts_phrase, lines, readings_phrase};
use crate::render::sentence::{residual_sentence, sentence, verdict_sentence};
use crate::render::words::{decided_words, outcome_words};
use crate::value::Value;

/// The section of verdicts.
pub(super) fn section(
    out: &mut String,
    model: &Model,
    evaluation: &Evaluation<'_>,
    detail: Detail,
) {
    out.push_str("<section id=\"verdicts\" aria-labelledby=\"verdicts-heading\">\n");
    out.push_str("<h2 id=\"verdicts-heading\">Verdicts</h2>\n");
    // The script shows these; without it, each explanation opens on its own.
    out.push_str(
        "<div class=\"controls\" hidden><button type=\"button\" data-open=\"true\">Open every explanation</button> <button type=\"button\" data-open=\"false\">Close every explanation</button></div>\n",
    );
    if evaluation.verdicts.is_empty() {
        out.push_str("<p>The policy has no verdict.</p>\n");
    }
    for outcome in &evaluation.verdicts {
        let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
            continue;
        };
        let anchor = verdict_anchor(&verdict.name);
        if verdict.for_each.is_some()
            && outcome.error.is_none()
            && outcome.in_force != Value::Bool(false)
        {
            per_element(out, model, evaluation, outcome, detail, &anchor);
            continue;
        }
        let title = format!("<code>{}</code>", escape(&verdict.name));
        article(
            out, model, evaluation, outcome, detail, &anchor, &title, "h3",
        );
    }
    out.push_str("</section>\n");
}

/// A verdict given for each element: its heading, then one article per
/// element, in list order.
fn per_element(
    out: &mut String,
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
    detail: Detail,
    anchor: &str,
) {
    let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
        return;
    };
    let clause = crate::render::keys::for_each_words(model, verdict);
    let _ = writeln!(
        out,
        "<section class=\"per-element\" id=\"{anchor}\" aria-labelledby=\"{anchor}-name\">"
    );
    let Some(elements) = &outcome.elements else {
        let value = outcome_words(model, evaluation, outcome);
        let _ = writeln!(
            out,
            "<h3 id=\"{anchor}-name\"><code>{}</code></h3>\n<p class=\"outcome\"><span class=\"value undetermined\">{}</span></p>\n<p>One outcome {}, a list not known.</p>\n</section>",
            escape(&verdict.name),
            escape(&value),
            escape(&clause)
        );
        return;
    };
    let count = match elements.len() {
        0 => String::from("no element"),
        1 => String::from("1 element"),
        n => format!("{n} elements"),
    };
    let _ = writeln!(
        out,
        "<h3 id=\"{anchor}-name\"><code>{}</code>, {}: {count}</h3>",
        escape(&verdict.name),
        escape(&clause)
    );
    for (i, element) in elements.iter().enumerate() {
        let title = format!(
            "<code>{}</code> for {}",
            escape(&verdict.name),
            escape(&crate::render::keys::key_words(model, &element.key))
        );
        article(
            out,
            model,
            evaluation,
            &element.outcome,
            detail,
            &format!("{anchor}-{i}"),
            &title,
            "h4",
        );
    }
    out.push_str("</section>\n");
}

/// One verdict's (or one element's) article: its name, value, status,
/// sentence, what it waits on, and why.
#[allow(clippy::too_many_arguments)]
fn article(
    out: &mut String,
    model: &Model,
    evaluation: &Evaluation<'_>,
    outcome: &VerdictOutcome,
    detail: Detail,
    anchor: &str,
    title: &str,
    level: &str,
) {
    let status = super::status(outcome);
    let _ = writeln!(
        out,
        "<article class=\"verdict {status}\" id=\"{anchor}\" aria-labelledby=\"{anchor}-name\">\n<{level} id=\"{anchor}-name\">{title}</{level}>"
    );
    let (value, class) = match (&outcome.error, &outcome.value) {
        (Some(error), _) => (format!("error ({})", error.code()), "error"),
        (None, _) if status == "not_in_force" => (String::from("not in force"), "not-in-force"),
        (None, Value::Bool(true)) => (outcome_words(model, evaluation, outcome), "true"),
        (None, Value::Bool(false)) => (outcome_words(model, evaluation, outcome), "false"),
        (None, value) if !value.is_known() => {
            (outcome_words(model, evaluation, outcome), "undetermined")
        }
        (None, _) => (outcome_words(model, evaluation, outcome), "other"),
    };
    let _ = writeln!(
        out,
        "<dl class=\"outcome\"><dt>Value</dt><dd><span class=\"value {class}\">{}</span></dd><dt>Status</dt><dd>{}</dd></dl>",
        escape(&value),
        super::status_words(status)
    );
    if let Some(error) = &outcome.error {
        let _ = writeln!(
            out,
            "<p class=\"sentence\">{}</p>\n</article>",
            escape(&crate::render::errors::error_line(model, error))
        );
        return;
    }
    let _ = writeln!(
        out,
        "<p class=\"sentence\">{}</p>",
        escape(&if status == "not_in_force" {
            verdict_sentence(model, evaluation, outcome)
        } else {
            sentence(model, evaluation, outcome)
        })
    );
    if status == "not_in_force" {
        out.push_str("</article>\n");
        return;
    }
    if let Some(line) = decided_words(model, outcome) {
        let _ = writeln!(out, "<p class=\"condition\">{}</p>", escape(&line));
    }
    if let Some(condition) = residual_sentence(model, evaluation, outcome) {
        let _ = writeln!(out, "<p class=\"condition\">{}</p>", escape(&condition));
    }
    if let Some(explanation) = explain(model, evaluation, outcome, detail) {
        why(out, model, &explanation);
    }
    out.push_str("</article>\n");
}

/// The explanation: a `<details>` holding the tree of rules, then the facts
/// and readings it used.
fn why(out: &mut String, model: &Model, explanation: &Explanation) {
    let explained = lines(model, explanation);
    if !explained.is_empty() {
        let mut rules: HashMap<String, (RuleKey, u32)> = HashMap::new();
        for step in &explanation.steps {
            collect_rules(step, &mut rules);
        }
        let count = match explained.iter().filter(|l| l.rule.is_some()).count() {
            0 => String::new(),
            1 => String::from(" <span class=\"count\">(1 rule)</span>"),
            n => format!(" <span class=\"count\">({n} rules)</span>"),
        };
        let _ = writeln!(out, "<details class=\"why\"><summary>Why{count}</summary>");
        out.push_str("<ul class=\"tree\">\n");
        tree(out, model, &explained, 0, &rules);
        out.push_str("</ul>\n");
        if let Some(facts) = facts_phrase(model, explanation) {
            let _ = writeln!(
                out,
                "<p class=\"used\"><span class=\"label\">Facts:</span> {}</p>",
                escape(&facts)
            );
        }
        if let Some(readings) = readings_phrase(model, explanation) {
            let _ = writeln!(
                out,
                "<p class=\"used\"><span class=\"label\">Readings:</span> {}</p>",
                escape(&readings)
            );
        }
        out.push_str("</details>\n");
    }
}

fn collect_rules(step: &RuleStep, rules: &mut HashMap<String, (RuleKey, u32)>) {
    rules
        .entry(step.name.clone())
        .or_insert((RuleKey::of(step.rule), step.provision));
    for inner in &step.steps {
        collect_rules(inner, rules);
    }
}

/// The lines from `lines[0]` on that lie at `depth` or deeper, as list
/// items: a line with deeper lines after it is a `<details>` that holds
/// them.
fn tree(
    out: &mut String,
    model: &Model,
    lines: &[Line],
    depth: usize,
    rules: &HashMap<String, (RuleKey, u32)>,
) {
    let mut at = 0;
    while let Some(line) = lines.get(at) {
        if line.depth < depth {
            break;
        }
        let children = lines.get(at + 1..).map_or(0, |rest| {
            rest.iter().take_while(|l| l.depth > line.depth).count()
        });
        let (body, evaluated) = line_html(model, line, rules);
        if children == 0 {
            let _ = writeln!(out, "<li>{body}{evaluated}</li>");
            at += 1;
            continue;
        }
        let _ = writeln!(
            out,
            "<li><details open><summary>{body}</summary>{evaluated}\n<ul>"
        );
        let inner = lines.get(at + 1..at + 1 + children).unwrap_or(&[]);
        tree(out, model, inner, line.depth + 1, rules);
        out.push_str("</ul></details></li>\n");
        at += 1 + children;
    }
}

/// One line of the explanation: its sentence, the provision and phrase it
/// cites, linked to the text; and apart, with full detail, the expressions
/// evaluated (a list, which a `<summary>` cannot hold).
fn line_html(
    model: &Model,
    line: &Line,
    rules: &HashMap<String, (RuleKey, u32)>,
) -> (String, String) {
    let mut html = escape(&line.text);
    let rule = line.rule.as_ref().and_then(|name| rules.get(name));
    if let Some((provision, quote)) = &line.citation {
        let provision_link = match rule {
            Some((_, id)) => format!(
                "<a href=\"#{}\">{}</a>",
                provision_anchor(model, *id),
                escape(provision)
            ),
            None => escape(provision),
        };
        let quoted = match (quote, rule) {
            (Some(quote), Some((key, _))) => format!(
                ": “<a href=\"#{}\">{}</a>”",
                Rule::Step(*key).phrase_anchor(),
                escape(quote)
            ),
            (Some(quote), None) => format!(": “{}”", escape(quote)),
            (None, _) => String::new(),
        };
        let _ = write!(
            html,
            " <span class=\"cite\">[{provision_link}{quoted}]</span>"
        );
    }
    let mut evaluated = String::new();
    if !line.evaluated.is_empty() {
        let html = &mut evaluated;
        html.push_str("<ul class=\"evaluated\">");
        for (expression, value) in &line.evaluated {
            if value.is_empty() {
                let _ = write!(html, "<li>({}, not shown)</li>", escape(expression));
            } else {
                let _ = write!(
                    html,
                    "<li><code>{}</code> = {}</li>",
                    escape(expression),
                    escape(value)
                );
            }
        }
        html.push_str("</ul>");
    }
    (html, evaluated)
}
