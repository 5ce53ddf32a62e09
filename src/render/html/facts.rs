//! The facts: every fact the policy declares, field by field, with its
//! value on the date, and those that decided a verdict marked with the
//! verdicts they decided.

use std::fmt::Write as _;

use super::escape;
use super::index::{RuleIndex, VerdictRef};
use crate::locale::Words;
use crate::model::translations::Described;
use crate::model::{FactId, Model, Type};
use crate::value::Value;

/// One row of the table: a fact, or a field inside one.
struct Row {
    fact: FactId,
    fields: Vec<u32>,
    description: Option<String>,
    value: String,
}

/// The section of facts; nothing for a policy that declares none.
pub(super) fn section(
    out: &mut String,
    model: &Model,
    report: &super::Report<'_, '_>,
    index: &RuleIndex,
) {
    if model.facts.is_empty() {
        return;
    }
    let evaluation = report.evaluation;
    let (lang, say) = (report.lang, report.lang.words());
    let page = &say.page;
    let mut rows = Vec::new();
    for (id, info) in model.facts.iter().enumerate() {
        let fact = id as FactId;
        let value = report
            .facts
            .value_on(fact, evaluation.as_of)
            .cloned()
            .unwrap_or(Value::UNKNOWN);
        let from = evaluation
            .fact_from(fact, evaluation.as_of)
            .map(|from| say.one(page.html_since, &say.date(from)));
        let description = model
            .described(Described::Fact(fact), lang)
            .map(str::to_string);
        rows_of(
            model,
            report.facts,
            fact,
            &mut Vec::new(),
            &info.field.ty,
            &value,
            description,
            (from.as_deref().unwrap_or(""), say),
            &mut rows,
        );
    }
    out.push_str("<section id=\"facts\" aria-labelledby=\"facts-heading\">\n");
    let _ = writeln!(
        out,
        "<h2 id=\"facts-heading\">{}</h2>\n<p>{}</p>",
        escape(page.facts),
        // The sentence marks a word itself: it is the page's own HTML.
        page.html_facts_intro
    );
    let _ = writeln!(
        out,
        "<div class=\"wide\"><table class=\"facts\">\n<caption>{}</caption>",
        escape(page.html_facts_caption)
    );
    out.push_str("<thead><tr>");
    for head in page.html_facts_head {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(head));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let decided = RuleIndex::facts_in(&index.decided, row.fact, &row.fields);
        let read = RuleIndex::facts_in(&index.read, row.fact, &row.fields);
        let (class, mark) = if !decided.is_empty() {
            (" class=\"decided\"", verdict_links(&decided))
        } else if !read.is_empty() {
            ("", say.one(page.html_read_by, &verdict_links(&read)))
        } else {
            ("", String::from(page.html_not_used))
        };
        let _ = writeln!(
            out,
            "<tr{class}><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td><td>{mark}</td></tr>",
            escape(&model.fact_path(row.fact, &row.fields)),
            escape(row.description.as_deref().unwrap_or("")),
            escape(&row.value)
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// Links to verdicts, joined with commas.
fn verdict_links(verdicts: &[&VerdictRef]) -> String {
    verdicts
        .iter()
        .map(|v| {
            format!(
                "<a href=\"#{}\"><code>{}</code></a>",
                v.anchor,
                escape(&v.name)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of a fact: one per field of a record (and of the records
/// inside it), one for any other fact.
#[allow(clippy::too_many_arguments)]
fn rows_of(
    model: &Model,
    facts: &crate::facts::Facts,
    fact: FactId,
    fields: &mut Vec<u32>,
    ty: &Type,
    value: &Value,
    description: Option<String>,
    (from, say): (&str, &Words),
    rows: &mut Vec<Row>,
) {
    if let Type::Record(record) = ty.without_none()
        && let Some(info) = model.records.get(*record as usize)
        && !matches!(value, Value::None)
    {
        let lang = say.lang;
        for (i, field) in info.fields.iter().enumerate() {
            let inner = match value {
                Value::Record(values) => values.get(i).cloned().unwrap_or(Value::UNKNOWN),
                _ => Value::UNKNOWN,
            };
            fields.push(i as u32);
            rows_of(
                model,
                facts,
                fact,
                fields,
                &field.ty,
                &inner,
                model
                    .described(Described::Field(*record, i as u32), lang)
                    .map(str::to_string),
                (from, say),
                rows,
            );
            fields.pop();
        }
        return;
    }
    let words = if value.is_known() {
        let words = crate::words::typed_words_in(model, value, ty, say);
        if facts.is_defaulted(fact, fields) {
            say.fill(say.explaining.by_default, &[('v', &words)])
        } else {
            format!("{words}{from}")
        }
    } else {
        match crate::words::known_of_words_in(model, value, say) {
            Some(range) => say.one(say.explaining.not_known_range, &range),
            None => String::from(say.explaining.not_known),
        }
    };
    rows.push(Row {
        fact,
        fields: fields.clone(),
        description,
        value: words,
    });
}
