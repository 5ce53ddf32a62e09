//! How messages describe expected forms and found values.

use super::FactsFormat;
use super::tree::Node;
use crate::model::{Model, Type};

/// The longest text shown as found before it is cut.
const SHOWN_TEXT: usize = 40;

/// How a facts file writes an object, in this format's words.
pub(crate) fn object_noun(format: FactsFormat) -> &'static str {
    match format {
        FactsFormat::Json => "an object",
        FactsFormat::Yaml => "a mapping",
        FactsFormat::Toml => "a table",
    }
}

/// What a value of `ty` looks like: `a date like 2026-03-31`.
pub(crate) fn form(model: &Model, ty: &Type, format: FactsFormat, event: bool) -> String {
    match ty {
        Type::Bool => "true or false".to_string(),
        Type::Integer => "a whole number".to_string(),
        Type::Decimal => "a number like 12.50".to_string(),
        Type::Money(currency) => format!("an amount like \"{currency} 12.50\""),
        Type::Scale(_) => "a rate scale".to_string(),
        Type::OrNone(inner) if **inner == Type::Text => "text, or {\"none\": true}".to_string(),
        Type::OrNone(inner) => format!("{}, or \"none\"", form(model, inner, format, event)),
        Type::Date => "a date like 2026-03-31".to_string(),
        Type::Text => "text".to_string(),
        Type::Enum(id) => match model.enums.get(*id as usize) {
            Some(e) => format!("one of {}", e.values.join(", ")),
            None => "an enumeration value".to_string(),
        },
        Type::Record(_) if event => {
            format!("{} with the dates opening and closing", object_noun(format))
        }
        Type::Record(id) => match model.records.get(*id as usize) {
            Some(r) => {
                let names: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
                format!(
                    "{} with the fields {}",
                    object_noun(format),
                    names.join(", ")
                )
            }
            None => object_noun(format).to_string(),
        },
        Type::List(inner) => format!("a list, each element {}", form(model, inner, format, false)),
        Type::Error => "anything".to_string(),
    }
}

/// A found value as messages show it: `"31/03/2026"`, `42`, `a list`.
pub(crate) fn found(node: &Node, format: FactsFormat) -> String {
    match node {
        Node::Null => "null".to_string(),
        Node::Bool(b) => b.to_string(),
        Node::Int(i) => i.to_string(),
        Node::Float(f) => float(*f),
        Node::Number(text) => crate::echo::shorten(text).into_owned(),
        Node::String(s) => quoted(s),
        Node::Datetime(literal) => crate::echo::shorten(literal).into_owned(),
        Node::Seq(_) => "a list".to_string(),
        Node::Map(_) => object_noun(format).to_string(),
    }
}

/// A string in double quotes with JSON escapes, cut if long.
pub(crate) fn quoted(text: &str) -> String {
    let cut: String = if text.chars().count() > SHOWN_TEXT {
        let mut head: String = text.chars().take(SHOWN_TEXT - 3).collect();
        head.push('…');
        head
    } else {
        text.to_string()
    };
    serde_json::to_string(&cut).unwrap_or_else(|_| format!("\"{cut}\""))
}

/// A floating-point number as written in most files: `2.5`, `3.0`, `1e300`.
fn float(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let text = f.to_string();
    if text.len() > 24 {
        format!("{f:e}")
    } else if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

/// How to write a value of `ty` in this format.
pub(crate) fn how_to_write(model: &Model, ty: &Type, format: FactsFormat, event: bool) -> String {
    let quote = |s: &str| match format {
        FactsFormat::Toml | FactsFormat::Json => format!("\"{s}\""),
        FactsFormat::Yaml => s.to_string(),
    };
    match ty {
        Type::Bool => "write true or false, without quotes".to_string(),
        Type::Integer => "write the number without quotes or fraction, e.g. 3".to_string(),
        Type::Decimal => {
            "write the number as 12.50, or as the text \"12.50\" to keep every digit exact"
                .to_string()
        }
        Type::Money(currency) => format!(
            "write the amount as {}, or as a number such as 12.50",
            quote(&format!("{currency} 12.50"))
        ),
        Type::Scale(_) => "a scale is written in the policy, not in facts".to_string(),
        Type::OrNone(inner) if **inner == Type::Text => format!(
            "{}, or write {} when there is none (\"none\" is the text none)",
            how_to_write(model, inner, format, event),
            match format {
                FactsFormat::Toml => "{ none = true }",
                FactsFormat::Yaml => "{none: true}",
                FactsFormat::Json => "{\"none\": true}",
            }
        ),
        Type::OrNone(inner) => format!(
            "{}, or write {} when there is none",
            how_to_write(model, inner, format, event),
            quote("none")
        ),
        Type::Date => match format {
            FactsFormat::Json => {
                "write the date as year-month-day in quotes, e.g. \"2026-03-31\"".to_string()
            }
            _ => "write the date as year-month-day, e.g. 2026-03-31".to_string(),
        },
        Type::Text => "write the text in quotes, e.g. \"like this\"".to_string(),
        Type::Enum(id) => match model.enums.get(*id as usize).and_then(|e| e.values.first()) {
            Some(first) => format!("write the name of a value as text, e.g. {}", quote(first)),
            None => "write the name of a value as text".to_string(),
        },
        Type::Record(id) => {
            let names: Vec<&str> = if event {
                vec!["opening", "closing"]
            } else {
                model
                    .records
                    .get(*id as usize)
                    .map(|r| r.fields.iter().map(|f| f.name.as_str()).collect())
                    .unwrap_or_default()
            };
            format!("write it as {}", inline_object(&names, format))
        }
        Type::List(_) => "write a list in square brackets, e.g. [first, second]".to_string(),
        Type::Error => "any value will do".to_string(),
    }
}

/// An object with these keys written on one line: `{"kind": …, "levied_on": …}`.
fn inline_object(names: &[&str], format: FactsFormat) -> String {
    let entries: Vec<String> = names
        .iter()
        .map(|name| match format {
            FactsFormat::Json => format!("\"{name}\": …"),
            FactsFormat::Yaml => format!("{name}: …"),
            FactsFormat::Toml => format!("{name} = …"),
        })
        .collect();
    match format {
        FactsFormat::Toml => format!("{{ {} }}", entries.join(", ")),
        _ => format!("{{{}}}", entries.join(", ")),
    }
}

/// How the top level of a facts file looks in this format, with the
/// policy's own first fact (none: `as_of` alone).
pub(crate) fn top_level_example(model: &crate::model::Model, format: FactsFormat) -> String {
    let fact = model
        .facts
        .iter()
        .find(|f| !f.field.name.is_empty())
        .map(|f| f.field.name.as_str());
    match (format, fact) {
        (FactsFormat::Json, Some(fact)) => {
            format!(
                "write the facts as one object, e.g. {{\"as_of\": \"2026-03-31\", \"{fact}\": …}}"
            )
        }
        (FactsFormat::Json, None) => {
            String::from("write the facts as one object, e.g. {\"as_of\": \"2026-03-31\"}")
        }
        (FactsFormat::Yaml, _) => String::from(
            "write one fact per line, e.g. `as_of: 2026-03-31`, with records indented below their name",
        ),
        (FactsFormat::Toml, _) => {
            String::from("write one fact per line, e.g. `as_of = 2026-03-31`")
        }
    }
}

/// A list of names for a message, cut after a dozen.
pub(crate) fn name_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    if names.len() > 12 {
        let head = names.get(..12).unwrap_or(&[]).join(", ");
        format!("{head} and {} more", names.len() - 12)
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_found_values() {
        let json = FactsFormat::Json;
        assert_eq!(
            found(&Node::String("31/03/2026".into()), json),
            "\"31/03/2026\""
        );
        assert_eq!(found(&Node::Float(2.5), json), "2.5");
        assert_eq!(found(&Node::Float(3.0), json), "3.0");
        assert_eq!(found(&Node::Float(1e300), json), "1e300");
        assert_eq!(found(&Node::Float(f64::NEG_INFINITY), json), "-inf");
        assert_eq!(found(&Node::Int(42), json), "42");
        assert_eq!(found(&Node::Map(Vec::new()), FactsFormat::Toml), "a table");
        let long = "x".repeat(100);
        assert_eq!(quoted(&long).chars().count(), SHOWN_TEXT);
    }

    #[test]
    fn lists_names() {
        assert_eq!(name_list(["a", "b"]), "a, b");
        let many: Vec<String> = (0..15).map(|i| i.to_string()).collect();
        let list = name_list(many.iter().map(String::as_str));
        assert!(list.ends_with("10, 11 and 3 more"));
    }
}
