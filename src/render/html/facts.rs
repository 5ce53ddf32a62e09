//! The facts: every fact the policy declares, field by field, with its
//! value on the date, and those that decided a verdict marked with the
//! verdicts they decided.

use std::fmt::Write as _;

use super::escape;
use super::index::{RuleIndex, VerdictRef};
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
            .map(|from| format!(" (from {})", crate::words::human_date(from)));
        rows_of(
            model,
            report.facts,
            fact,
            &mut Vec::new(),
            &info.field.ty,
            &value,
            info.field.description.clone(),
            from.as_deref().unwrap_or(""),
            &mut rows,
        );
    }
    out.push_str("<section id=\"facts\" aria-labelledby=\"facts-heading\">\n");
    out.push_str("<h2 id=\"facts-heading\">Facts</h2>\n");
    out.push_str("<p>Every fact the policy reads, as the facts give it on the date. <mark class=\"decided\">Marked</mark>: the facts that decided a verdict, with the verdicts they decided.</p>\n");
    out.push_str(
        "<div class=\"wide\"><table class=\"facts\">\n<caption>The facts on the date</caption>\n",
    );
    out.push_str("<thead><tr><th scope=\"col\">Fact</th><th scope=\"col\">What it is</th><th scope=\"col\">Value</th><th scope=\"col\">Decided</th></tr></thead>\n<tbody>\n");
    for row in rows {
        let decided = RuleIndex::facts_in(&index.decided, row.fact, &row.fields);
        let read = RuleIndex::facts_in(&index.read, row.fact, &row.fields);
        let (class, mark) = if !decided.is_empty() {
            (" class=\"decided\"", verdict_links(&decided))
        } else if !read.is_empty() {
            (
                "",
                format!("read by {}, not decisive", verdict_links(&read)),
            )
        } else {
            ("", String::from("not used"))
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
    from: &str,
    rows: &mut Vec<Row>,
) {
    if let Type::Record(record) = ty.without_none()
        && let Some(info) = model.records.get(*record as usize)
        && !matches!(value, Value::None)
    {
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
                field.description.clone(),
                from,
                rows,
            );
            fields.pop();
        }
        return;
    }
    let words = if value.is_known() {
        let words = crate::words::typed_words(model, value, ty);
        if facts.is_defaulted(fact, fields) {
            format!("{words}, by default: not given")
        } else {
            format!("{words}{from}")
        }
    } else {
        match crate::words::known_of_words(model, value) {
            Some(range) => format!("not known, {range}"),
            None => String::from("not known"),
        }
    };
    rows.push(Row {
        fact,
        fields: fields.clone(),
        description,
        value: words,
    });
}
