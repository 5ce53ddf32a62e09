//! The instrument's full text, provision by provision. Each phrase a rule
//! cites is highlighted and links to the rule's entry under the text, which
//! gives the rule's value on the date and links to the verdicts that used it.
//!
//! Phrases may nest ("electronic transmissions" inside "not imposing customs
//! duties on electronic transmissions") or, in principle, overlap: the text
//! is cut at every phrase's start and end, and each piece links to the
//! shortest phrase that covers it, so that every phrase keeps a piece of
//! its own and links never nest.

use std::fmt::Write as _;

use super::escape;
use super::index::{Rule, RuleIndex, RuleKey, provision_anchor};
use crate::eval::Evaluation;
use crate::eval::trace::RuleRef;
use crate::explain::rule_identity_in;
use crate::locale::Lang;
use crate::model::translations::Described;
use crate::model::{Model, ProvisionId};
use crate::value::Value;

/// A rule of a provision, as its entry shows it.
struct Entry {
    rule: Rule,
    name: String,
    meaning: String,
    cites: Option<String>,
}

/// The rules of a provision, in the order the model keeps them: its
/// definitions, deontic rules, exceptions and dated values, each meaning
/// in `lang` where the policy gives it.
fn entries(model: &Model, provision: ProvisionId, lang: Lang) -> Vec<Entry> {
    let mut out = Vec::new();
    let step = |rule: RuleRef| {
        let (name, _, meaning, cites) = rule_identity_in(model, rule, lang);
        Entry {
            rule: Rule::Step(RuleKey::of(rule)),
            name,
            meaning,
            cites,
        }
    };
    for (id, d) in model.definitions.iter().enumerate() {
        if d.provision == provision {
            out.push(step(RuleRef::Definition(id as u32)));
        }
    }
    for (id, d) in model.deontics.iter().enumerate() {
        if d.provision == provision {
            out.push(step(RuleRef::Deontic(id as u32)));
        }
    }
    for (id, e) in model.exceptions.iter().enumerate() {
        if e.provision == provision {
            out.push(step(RuleRef::Exception(id as u32)));
        }
    }
    let provision_name = model
        .provisions
        .get(provision as usize)
        .map_or("", |p| p.name.as_str());
    for (id, p) in model.parameters.iter().enumerate() {
        if p.provision == provision {
            out.push(Entry {
                rule: Rule::Parameter(id as u32),
                name: format!("{provision_name}.{}", p.name),
                meaning: model
                    .described(Described::Parameter(id as u32), lang)
                    .map(str::to_string)
                    .unwrap_or_else(|| p.name.replace('_', " ")),
                cites: p.cites.clone(),
            });
        }
    }
    out
}

/// The section of the text: the instrument's own provisions, then those of
/// each policy it uses, under that policy's title.
pub(super) fn section(
    out: &mut String,
    model: &Model,
    evaluation: &Evaluation<'_>,
    index: &RuleIndex,
    lang: Lang,
) {
    if model.provisions.is_empty() {
        return;
    }
    let say = lang.words();
    out.push_str("<section id=\"text\" aria-labelledby=\"text-heading\">\n");
    let _ = writeln!(
        out,
        "<h2 id=\"text-heading\">{}</h2>",
        escape(lang.words().page.html_the_text)
    );
    // The template is HTML: it marks the word "Highlighted" as the text does.
    let _ = writeln!(out, "<p>{}</p>", say.tables.html_text_intro);
    let own: Vec<ProvisionId> = (0..model.provisions.len() as ProvisionId)
        .filter(|p| {
            model
                .provisions
                .get(*p as usize)
                .is_some_and(|p| p.instrument.is_none())
        })
        .collect();
    for id in own {
        provision(out, model, evaluation, index, id, ("h3", lang));
    }
    for (i, used) in model.used.iter().enumerate() {
        let provisions: Vec<ProvisionId> = (0..model.provisions.len() as ProvisionId)
            .filter(|p| {
                model
                    .provisions
                    .get(*p as usize)
                    .is_some_and(|p| p.instrument == Some(i as u32))
            })
            .collect();
        if provisions.is_empty() {
            continue;
        }
        let title = if used.instrument.title.is_empty() {
            used.name.clone()
        } else {
            used.instrument.title.clone()
        };
        let symbol = used
            .instrument
            .symbol
            .as_ref()
            .map(|s| format!(" ({})", escape(s)))
            .unwrap_or_default();
        let used_as = say.fill(
            say.tables.html_used_as,
            &[
                ('x', &format!("<code>{}</code>", escape(&used.name))),
                ('r', &format!("{}{symbol}", escape(&title))),
            ],
        );
        let _ = writeln!(
            out,
            "<section class=\"used-policy\" aria-labelledby=\"used-{i}\">\n<h3 id=\"used-{i}\">{used_as}</h3>",
        );
        for id in provisions {
            provision(out, model, evaluation, index, id, ("h4", lang));
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

/// One provision: its name and heading, its text with the cited phrases
/// highlighted, and its rules; `level` its heading's element.
fn provision(
    out: &mut String,
    model: &Model,
    evaluation: &Evaluation<'_>,
    index: &RuleIndex,
    id: ProvisionId,
    (level, lang): (&str, Lang),
) {
    let Some(info) = model.provisions.get(id as usize) else {
        return;
    };
    let tables = &lang.words().tables;
    let anchor = provision_anchor(model, id);
    let _ = writeln!(
        out,
        "<article class=\"provision\" id=\"{anchor}\" aria-labelledby=\"{anchor}-name\">"
    );
    let heading = info
        .heading
        .as_deref()
        .map(|h| model.described(Described::Provision(id), lang).unwrap_or(h))
        .map(|h| format!(" <span class=\"heading\">{}</span>", escape(h)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<{level} id=\"{anchor}-name\"><code>{}</code>{heading}</{level}>",
        escape(&model.citation_name(id))
    );
    if evaluation.provisions_in_force.get(id as usize) == Some(&Some(Value::Bool(false))) {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            escape(tables.html_not_in_force)
        );
    }
    let entries = entries(model, id, lang);
    if info.text.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            escape(tables.html_no_wording)
        );
    } else {
        let _ = writeln!(
            out,
            "<blockquote class=\"law\"><p>{}</p></blockquote>",
            highlighted(&info.text, &entries)
        );
    }
    if !entries.is_empty() {
        out.push_str("<ul class=\"rules\">\n");
        for entry in &entries {
            rule_entry(out, (model, evaluation), index, entry, lang);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
}

/// A place in a provision's text where a rule's phrase stands.
struct Occurrence {
    start: usize,
    end: usize,
    rule: Rule,
}

/// The text, escaped, with each cited phrase's pieces as links to its rule.
fn highlighted(text: &str, entries: &[Entry]) -> String {
    let mut found: Vec<Occurrence> = Vec::new();
    for entry in entries {
        let Some(phrase) = entry.cites.as_deref().filter(|p| !p.is_empty()) else {
            continue;
        };
        for (start, _) in text.match_indices(phrase) {
            found.push(Occurrence {
                start,
                end: start + phrase.len(),
                rule: entry.rule,
            });
        }
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for o in &found {
        cuts.push(o.start);
        cuts.push(o.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut anchored: Vec<Rule> = Vec::new();
    let mut out = String::with_capacity(text.len() * 2);
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        // The first place each phrase starts is where links to it lead.
        for o in found.iter().filter(|o| o.start == a) {
            if !anchored.contains(&o.rule) {
                anchored.push(o.rule);
                let _ = write!(
                    out,
                    "<span class=\"anchor\" id=\"{}\"></span>",
                    o.rule.phrase_anchor()
                );
            }
        }
        let covering: Vec<&Occurrence> = found
            .iter()
            .filter(|o| o.start <= a && o.end >= b)
            .collect();
        let Some(inner) = covering.iter().min_by_key(|o| (o.end - o.start, o.rule)) else {
            out.push_str(&escape(piece));
            continue;
        };
        let class = if covering.len() > 1 {
            "phrase nested"
        } else {
            "phrase"
        };
        let _ = write!(
            out,
            "<a class=\"{class}\" href=\"#{}\">{}</a>",
            inner.rule.anchor(),
            escape(piece)
        );
    }
    out
}

/// A rule's entry: its name, meaning and phrase, its value on the date and
/// the verdicts that used it.
fn rule_entry(
    out: &mut String,
    (model, evaluation): (&Model, &Evaluation<'_>),
    index: &RuleIndex,
    entry: &Entry,
    lang: Lang,
) {
    let say = lang.words();
    let tables = &say.tables;
    let _ = write!(
        out,
        "<li id=\"{}\"><code>{}</code>{}{}.",
        entry.rule.anchor(),
        escape(&entry.name),
        say.colon,
        escape(&entry.meaning)
    );
    if let Some(phrase) = &entry.cites {
        let link = format!(
            "<a href=\"#{}\">{}</a>",
            entry.rule.phrase_anchor(),
            escape(phrase)
        );
        out.push_str(&say.one(tables.html_cites, &link));
    }
    match entry.rule {
        Rule::Step(key) => match index.rules.get(&key) {
            Some((values, verdicts)) => {
                let values: Vec<String> = values
                    .iter()
                    .map(|v| {
                        let given = if v.given { tables.html_as_given } else { "" };
                        let value = format!("<b class=\"rule-value\">{}</b>", escape(&v.value));
                        if v.arguments.is_empty() {
                            format!("{value}{given}")
                        } else {
                            let call = say.fill(
                                tables.html_value_for,
                                &[('v', &value), ('x', &escape(&v.arguments))],
                            );
                            format!("{call}{given}")
                        }
                    })
                    .collect();
                let links: Vec<String> = verdicts
                    .iter()
                    .map(|v| {
                        format!(
                            "<a href=\"#{}\"><code>{}</code></a>",
                            v.anchor,
                            escape(&v.name)
                        )
                    })
                    .collect();
                out.push_str(&say.fill(
                    tables.html_value_used_by,
                    &[('x', &values.join(say.semicolon)), ('r', &links.join(", "))],
                ));
            }
            None => out.push_str(tables.html_not_used),
        },
        Rule::Parameter(id) => {
            if let Some(value) = parameter_value(model, id, evaluation.as_of, lang) {
                let value = format!("<b class=\"rule-value\">{}</b>", escape(&value));
                out.push_str(&say.one(tables.html_value_on_date, &value));
            }
        }
    }
    out.push_str("</li>\n");
}

/// A dated value's value on a date, in words: the last change on or
/// before it; `None` before its first date.
fn parameter_value(model: &Model, id: u32, date: chrono::NaiveDate, lang: Lang) -> Option<String> {
    let info = model.parameters.get(id as usize)?;
    let (_, value) = info.history.iter().rev().find(|(from, _)| *from <= date)?;
    Some(match value {
        Some(value) => crate::words::typed_words_in(model, value, &info.ty, lang.words()),
        None => String::from(lang.words().tables.html_no_value),
    })
}
