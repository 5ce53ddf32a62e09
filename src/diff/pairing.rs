//! What two policies share: facts by name (one type on both sides, or a
//! diagnostic), readings by name and alternatives, verdicts by name and type.

use crate::diagnostic::{Problem, Problems};
use crate::model::{FactId, Model, ReadingId, Type, VerdictId};

/// How the two policies' declarations pair up.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pairing {
    /// For each fact of the old policy, the new policy's fact of that name.
    pub facts: Vec<Option<FactId>>,
    /// For each reading of the old policy, the new policy's reading of that
    /// name with the same alternatives in the same order.
    pub readings: Vec<Option<ReadingId>>,
}

/// A type written out with the names of its enumerations' values and its
/// records' fields, so that two models' types compare.
pub(crate) fn shape(model: &Model, ty: &Type) -> String {
    match ty {
        Type::Bool => String::from("yes/no"),
        Type::Integer => String::from("whole number"),
        Type::Decimal => String::from("number"),
        Type::Money(currency) => format!("money in {currency}"),
        Type::Date => String::from("date"),
        Type::Text => String::from("text"),
        Type::Enum(id) => model.enums.get(*id as usize).map_or_else(
            || String::from("one of ?"),
            |e| format!("one of {}", e.values.join(", ")),
        ),
        Type::Record(id) => model.records.get(*id as usize).map_or_else(
            || String::from("record ?"),
            |r| {
                let fields: Vec<String> = r
                    .fields
                    .iter()
                    .map(|f| format!("{}: {}", f.name, shape(model, &f.ty)))
                    .collect();
                format!("record {{{}}}", fields.join("; "))
            },
        ),
        Type::List(inner) => format!("list of {}", shape(model, inner)),
        Type::Scale(inner) => format!("scale over {}", shape(model, inner)),
        Type::OrNone(inner) => format!("{} or none", shape(model, inner)),
        Type::Error => String::from("?"),
    }
}

/// Pairs the facts and readings; a fact of one name with two types is a
/// diagnostic, located in the new policy, that names the old type.
pub(crate) fn pair(old: &Model, new: &Model) -> Result<Pairing, Problems> {
    let mut problems = Problems::default();
    let mut facts = Vec::new();
    for fact in &old.facts {
        let Some(index) = new
            .facts
            .iter()
            .position(|f| f.field.name == fact.field.name)
        else {
            facts.push(None);
            continue;
        };
        let Some(other) = new.facts.get(index) else {
            facts.push(None);
            continue;
        };
        // An event is a record of two dates that the facts write alike.
        let event = |is_event: bool, text: String| {
            if is_event {
                String::from("an event (its opening and closing days)")
            } else {
                text
            }
        };
        let (was, is) = (
            event(fact.is_event, shape(old, &fact.field.ty)),
            event(other.is_event, shape(new, &other.field.ty)),
        );
        if was != is {
            let line = crate::analysis::line_of(old, fact.span);
            problems.push(
                Problem::error(
                    "provisio::diff::fact_type",
                    format!(
                        "the fact `{}` has another type here than in {}",
                        fact.field.name, old.source.name
                    ),
                    other.span,
                    format!("{is} here"),
                )
                .with_help(format!(
                    "{}:{line} declares `{}` as {was}; both policies read one unknown of that name, so it needs one type: give the two facts one type, or rename one of them",
                    old.source.name, fact.field.name
                ))
                .in_file(&new.source),
            );
            facts.push(None);
            continue;
        }
        facts.push(Some(index as FactId));
    }
    let readings = old
        .readings
        .iter()
        .map(|reading| {
            let index = new.readings.iter().position(|r| {
                r.name == reading.name
                    && r.alternatives.len() == reading.alternatives.len()
                    && r.alternatives
                        .iter()
                        .zip(&reading.alternatives)
                        .all(|(a, b)| a.name == b.name)
            })?;
            Some(index as ReadingId)
        })
        .collect();
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Pairing { facts, readings })
}

/// The verdicts compared, and those that are not and why.
#[derive(Debug, Clone, Default)]
pub(crate) struct Verdicts {
    /// Common verdicts of one type: the old and the new verdict.
    pub compared: Vec<(VerdictId, VerdictId)>,
    /// Verdicts of the old policy only.
    pub only_old: Vec<String>,
    /// Verdicts of the new policy only.
    pub only_new: Vec<String>,
    /// Common verdicts of two types: the name and the two types.
    pub different_types: Vec<(String, String, String)>,
}

/// Pairs the verdicts by name; `selected` (names given with `--verdict`)
/// narrows them, and a name not common to both is a diagnostic.
pub(crate) fn verdicts(
    old: &Model,
    new: &Model,
    selected: &[String],
) -> Result<Verdicts, Problems> {
    let mut problems = Problems::default();
    let common: Vec<&str> = old
        .verdicts
        .iter()
        .filter(|v| new.verdicts.iter().any(|w| w.name == v.name))
        .map(|v| v.name.as_str())
        .collect();
    for name in selected {
        if common.contains(&name.as_str()) {
            continue;
        }
        let in_old = old.verdicts.iter().any(|v| &v.name == name);
        let in_new = new.verdicts.iter().any(|v| &v.name == name);
        let message = match (in_old, in_new) {
            (true, false) => format!("the verdict `{name}` is only in {}", old.source.name),
            (false, true) => format!("the verdict `{name}` is only in {}", new.source.name),
            _ => format!("neither policy has a verdict `{name}`"),
        };
        let source = crate::span::SourceFile::new("--verdict", name.clone());
        let help =
            crate::suggest::did_you_mean(name, common.iter().copied()).unwrap_or_else(|| {
                format!(
                    "the verdicts of both policies are {}",
                    if common.is_empty() {
                        String::from("none")
                    } else {
                        common.join(", ")
                    }
                )
            });
        problems.push(
            Problem::error(
                "provisio::diff::unknown_verdict",
                message,
                crate::span::Span::new(0, name.len()),
                "not a verdict of both policies",
            )
            .with_help(help)
            .in_file(&source),
        );
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut out = Verdicts::default();
    for (index, verdict) in old.verdicts.iter().enumerate() {
        if !selected.is_empty() && !selected.contains(&verdict.name) {
            continue;
        }
        let Some(other) = new.verdicts.iter().position(|w| w.name == verdict.name) else {
            out.only_old.push(verdict.name.clone());
            continue;
        };
        let Some(info) = new.verdicts.get(other) else {
            continue;
        };
        let (was, is) = (shape(old, &verdict.ty), shape(new, &info.ty));
        if was == is {
            out.compared.push((index as VerdictId, other as VerdictId));
        } else {
            out.different_types.push((verdict.name.clone(), was, is));
        }
    }
    if selected.is_empty() {
        out.only_new = new
            .verdicts
            .iter()
            .filter(|w| !old.verdicts.iter().any(|v| v.name == w.name))
            .map(|w| w.name.clone())
            .collect();
    }
    Ok(out)
}
