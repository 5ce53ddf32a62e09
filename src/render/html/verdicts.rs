//! The verdicts, first on the page: each with its sentence, value and
//! status, and its explanation as a tree of `<details>` that opens and
//! closes without script, each step's phrase linked to where the text says it.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::escape;
use super::index::{Rule, RuleKey, provision_anchor, verdict_anchor};
use crate::eval::{Evaluation, VerdictOutcome};
use crate::explain::{Detail, Explanation, RuleStep, explain_in};
use crate::locale::Lang;
use crate::model::Model;
use crate::render::lines::{Line, facts_phrase, lines_in, readings_phrase};
use crate::render::sentence::{residual_sentence, sentence, verdict_sentence};
use crate::render::words::{decided_words, outcome_words};
use crate::value::Value;

/// The section of verdicts.
pub(super) fn section(
    out: &mut String,
    model: &Model,
    evaluation: &Evaluation<'_>,
    detail: Detail,
    lang: Lang,
) {
    let page = &lang.words().page;
    out.push_str("<section id=\"verdicts\" aria-labelledby=\"verdicts-heading\">\n");
    let _ = writeln!(out, "<h2 id=\"verdicts-heading\">{}</h2>", page.verdicts);
    // The script shows these; without it, each explanation opens on its own.
    let _ = writeln!(
        out,
        "<div class=\"controls\" hidden><button type=\"button\" data-open=\"true\">{}</button> <button type=\"button\" data-open=\"false\">{}</button></div>",
        page.html_open_close.0, page.html_open_close.1
    );
    if evaluation.verdicts.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", page.html_no_verdict);
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
            per_element(out, model, evaluation, outcome, (detail, lang), &anchor);
            continue;
        }
        let title = format!("<code>{}</code>", escape(&verdict.name));
        article(
            out,
            model,
            evaluation,
            outcome,
            (detail, lang),
            &anchor,
            &title,
            "h3",
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
    (detail, lang): (Detail, Lang),
    anchor: &str,
) {
    let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
        return;
    };
    let say = lang.words();
    let clause = crate::render::keys::for_each_words(model, verdict);
    let _ = writeln!(
        out,
        "<section class=\"per-element\" id=\"{anchor}\" aria-labelledby=\"{anchor}-name\">"
    );
    let Some(elements) = &outcome.elements else {
        let value = outcome_words(model, evaluation, outcome, lang);
        let _ = writeln!(
            out,
            "<h3 id=\"{anchor}-name\"><code>{}</code></h3>\n<p class=\"outcome\"><span class=\"value undetermined\">{}</span></p>\n<p>{}</p>\n</section>",
            escape(&verdict.name),
            escape(&value),
            escape(&say.one(say.page.list_not_known, &clause))
        );
        return;
    };
    let count = match elements.len() {
        0 => String::from(say.page.elements.0),
        1 => String::from(say.page.elements.1),
        n => say.one(say.page.elements.2, &n.to_string()),
    };
    let _ = writeln!(
        out,
        "<h3 id=\"{anchor}-name\"><code>{}</code>, {}{}{count}</h3>",
        escape(&verdict.name),
        escape(&clause),
        say.colon
    );
    for (i, element) in elements.iter().enumerate() {
        let title = say.fill(
            say.page.md_for,
            &[
                ('x', &escape(&verdict.name)),
                (
                    'r',
                    &escape(&crate::render::keys::key_words_in(
                        model,
                        &element.key,
                        lang,
                    )),
                ),
            ],
        );
        // "`name` for key": the Markdown's backticks are the page's <code>.
        let title = title.replacen('`', "<code>", 1).replacen('`', "</code>", 1);
        article(
            out,
            model,
            evaluation,
            &element.outcome,
            (detail, lang),
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
    (detail, lang): (Detail, Lang),
    anchor: &str,
    title: &str,
    level: &str,
) {
    let say = lang.words();
    let status = super::status(outcome);
    let _ = writeln!(
        out,
        "<article class=\"verdict {status}\" id=\"{anchor}\" aria-labelledby=\"{anchor}-name\">\n<{level} id=\"{anchor}-name\">{title}</{level}>"
    );
    let (value, class) = match (&outcome.error, &outcome.value) {
        (Some(error), _) => (format!("{} ({})", say.page.error, error.code()), "error"),
        (None, _) if status == "not_in_force" => (String::from(say.not_in_force), "not-in-force"),
        (None, Value::Bool(true)) => (outcome_words(model, evaluation, outcome, lang), "true"),
        (None, Value::Bool(false)) => (outcome_words(model, evaluation, outcome, lang), "false"),
        (None, value) if !value.is_known() => (
            outcome_words(model, evaluation, outcome, lang),
            "undetermined",
        ),
        (None, _) => (outcome_words(model, evaluation, outcome, lang), "other"),
    };
    let (value_label, status_label) = say.page.html_value_status;
    let _ = writeln!(
        out,
        "<dl class=\"outcome\"><dt>{value_label}</dt><dd><span class=\"value {class}\">{}</span></dd><dt>{status_label}</dt><dd>{}</dd></dl>",
        escape(&value),
        super::status_words(status, lang)
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
            verdict_sentence(model, evaluation, outcome, lang)
        } else {
            sentence(model, evaluation, outcome, lang)
        })
    );
    if status == "not_in_force" {
        out.push_str("</article>\n");
        return;
    }
    if let Some(line) = decided_words(model, outcome, lang) {
        let _ = writeln!(out, "<p class=\"condition\">{}</p>", escape(&line));
    }
    if let Some(condition) = residual_sentence(model, evaluation, outcome, lang) {
        let _ = writeln!(out, "<p class=\"condition\">{}</p>", escape(&condition));
    }
    if let Some(explanation) = explain_in(model, evaluation, outcome, detail, lang) {
        why(out, model, &explanation, lang);
    }
    out.push_str("</article>\n");
}

/// The explanation: a `<details>` holding the tree of rules, then the facts
/// and readings it used.
fn why(out: &mut String, model: &Model, explanation: &Explanation, lang: Lang) {
    let page = &lang.words().page;
    let explained = lines_in(model, explanation, lang);
    if !explained.is_empty() {
        let mut rules: HashMap<String, (RuleKey, u32)> = HashMap::new();
        for step in &explanation.steps {
            collect_rules(step, &mut rules);
        }
        let count = match explained.iter().filter(|l| l.rule.is_some()).count() {
            0 => String::new(),
            1 => format!(" <span class=\"count\">{}</span>", page.html_rules.0),
            n => format!(
                " <span class=\"count\">{}</span>",
                lang.words().one(page.html_rules.1, &n.to_string())
            ),
        };
        let _ = writeln!(
            out,
            "<details class=\"why\"><summary>{}{count}</summary>",
            page.html_why
        );
        out.push_str("<ul class=\"tree\">\n");
        tree(out, (model, lang), &explained, 0, &rules);
        out.push_str("</ul>\n");
        if let Some(facts) = facts_phrase(model, explanation, lang) {
            let _ = writeln!(
                out,
                "<p class=\"used\"><span class=\"label\">{}</span> {}</p>",
                escape(page.facts_label),
                escape(&facts)
            );
        }
        if let Some(readings) = readings_phrase(model, explanation, lang) {
            let _ = writeln!(
                out,
                "<p class=\"used\"><span class=\"label\">{}</span> {}</p>",
                escape(page.readings_label),
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
    (model, lang): (&Model, Lang),
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
        let (body, evaluated) = line_html((model, lang), line, rules);
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
        tree(out, (model, lang), inner, line.depth + 1, rules);
        out.push_str("</ul></details></li>\n");
        at += 1 + children;
    }
}

/// One line of the explanation: its sentence, the provision and phrase it
/// cites, linked to the text; and apart, with full detail, the expressions
/// evaluated (a list, which a `<summary>` cannot hold).
fn line_html(
    (model, lang): (&Model, Lang),
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
                let shown = lang
                    .words()
                    .one(lang.words().page.not_shown, &escape(expression));
                let _ = write!(html, "<li>{shown}</li>");
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
