//! The words for verdicts given for each element of a list: the clause
//! that says over what, and each element's key.

use crate::model::{Model, VerdictInfo};
use crate::value::Value;

/// An element's key as the renderers write it: text as it is, without
/// quotes; dates, numbers and enumeration values in words.
pub fn key_words(model: &Model, key: &Value) -> String {
    match key {
        Value::Text(text) => text.to_string(),
        other => crate::words::value_words(model, other),
    }
}

/// An element's key as JSON, CSV and scenario files name it: text as it is,
/// dates `YYYY-MM-DD`, whole numbers in digits, enumeration values by name.
pub fn key_text(model: &Model, key: &Value) -> String {
    match key {
        Value::Text(text) => text.to_string(),
        other => model.format_value(other),
    }
}

/// The clause of a verdict given for each element, as the policy writes
/// it, white space folded: "for each m in members".
pub fn for_each_words(model: &Model, verdict: &VerdictInfo) -> String {
    let Some(for_each) = &verdict.for_each else {
        return String::new();
    };
    let list = model.source.written(for_each.list.span);
    format!("for each {} in {list}", for_each.binder)
}

/// A verdict given for each element as JSON: `{"status": "determined",
/// "for_each": [{"key": ..., "position": ..., "value": ..., "status": ...,
/// ...}, ...]}`, each element with the fields of any verdict. While the list
/// is unknown, or when the verdict does not apply or failed as a whole, the
/// fields of any verdict with `"for_each": null`.
pub fn for_each_json(
    model: &Model,
    evaluation: &crate::eval::Evaluation<'_>,
    outcome: &crate::eval::VerdictOutcome,
    options: &super::Options,
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::{Map, Value as Json};
    match &outcome.elements {
        Some(elements) if outcome.error.is_none() => {
            let list = elements
                .iter()
                .map(|element| {
                    let mut entry = Map::new();
                    entry.insert(
                        String::from("key"),
                        super::json::value_json(model, &element.key),
                    );
                    entry.insert(String::from("position"), Json::from(element.position));
                    entry.extend(super::json::outcome_json(
                        model,
                        evaluation,
                        &element.outcome,
                        options,
                    ));
                    Json::Object(entry)
                })
                .collect();
            let mut entry = Map::new();
            entry.insert(String::from("status"), Json::from("determined"));
            entry.insert(String::from("for_each"), Json::Array(list));
            entry
        }
        _ => {
            let mut entry = super::json::outcome_json(model, evaluation, outcome, options);
            if outcome.error.is_none() && outcome.in_force != Value::Bool(false) {
                // The sentence is each element's; with no elements, there is none.
                entry.remove("sentence");
            }
            entry.insert(String::from("for_each"), Json::Null);
            entry
        }
    }
}

/// The `(key, value)` pairs of a verdict given for each element, as one
/// value holds them (see [`crate::eval::ElementOutcome`]); `None` for other
/// verdicts and for a value that is no such list.
fn keyed_pairs<'v>(verdict: &VerdictInfo, value: &'v Value) -> Option<Vec<(&'v Value, &'v Value)>> {
    verdict.for_each.as_ref()?;
    let Value::List(items) = value else {
        return None;
    };
    Some(
        items
            .iter()
            .filter_map(|item| match item {
                Value::Record(pair) => match &pair[..] {
                    [key, value] => Some((key, value)),
                    _ => None,
                },
                _ => None,
            })
            .collect(),
    )
}

/// The value of a verdict given for each element in words, element by
/// element: "Alice: EUR 50.00; Bob: undetermined"; "no element" for none.
pub fn keyed_words(model: &Model, verdict: &VerdictInfo, value: &Value) -> Option<String> {
    let pairs = keyed_pairs(verdict, value)?;
    if pairs.is_empty() {
        return Some(String::from("no element"));
    }
    let parts: Vec<String> = pairs
        .iter()
        .map(|(key, value)| {
            let words = match value {
                Value::Unknown(_) | Value::Among(_) => String::from("undetermined"),
                other => crate::words::value_words(model, other),
            };
            format!("{}: {words}", key_words(model, key))
        })
        .collect();
    Some(parts.join("; "))
}

/// The value of a verdict given for each element as JSON: an object with
/// one entry per element, keyed by its key (see [`key_text`]), in list
/// order; `null` while the list is unknown. `None` for other verdicts.
pub fn keyed_json(
    model: &Model,
    verdict: &VerdictInfo,
    value: &Value,
) -> Option<serde_json::Value> {
    verdict.for_each.as_ref()?;
    Some(match keyed_pairs(verdict, value) {
        Some(pairs) => serde_json::Value::Object(
            pairs
                .into_iter()
                .map(|(key, value)| (key_text(model, key), super::json::value_json(model, value)))
                .collect(),
        ),
        None => serde_json::Value::Null,
    })
}

/// For a verdict given for each element, evaluated under several readings:
/// each key met, in the order first met, with whether every reading gives
/// its element the same value (a key missing under one reading disagrees).
/// `None` for other verdicts, or when a reading gives no list of outcomes.
pub fn agreement_by_key<'v>(
    verdict: &VerdictInfo,
    values: &[&'v Value],
) -> Option<Vec<(&'v Value, bool)>> {
    let lists: Vec<Vec<(&Value, &Value)>> = values
        .iter()
        .map(|value| keyed_pairs(verdict, value))
        .collect::<Option<_>>()?;
    let mut keys: Vec<&Value> = Vec::new();
    for list in &lists {
        for (key, _) in list {
            if !keys.contains(key) {
                keys.push(key);
            }
        }
    }
    Some(
        keys.into_iter()
            .map(|key| {
                let found: Vec<Option<&Value>> = lists
                    .iter()
                    .map(|list| list.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
                    .collect();
                let agree = found.iter().all(Option::is_some)
                    && found.windows(2).all(|pair| pair[0] == pair[1]);
                (key, agree)
            })
            .collect(),
    )
}

/// An element's key as [`key_words`] writes it, in `lang`'s words.
pub fn key_words_in(model: &Model, key: &Value, lang: crate::locale::Lang) -> String {
    match key {
        Value::Text(text) => text.to_string(),
        other => crate::words::value_words_in(model, other, lang.words()),
    }
}

/// The value of a verdict given for each element as [`keyed_words`]
/// writes it, in `lang`'s words: "Alice : 50,00 EUR ; Bob : indéterminé".
pub fn keyed_words_in(
    model: &Model,
    verdict: &VerdictInfo,
    value: &Value,
    lang: crate::locale::Lang,
) -> Option<String> {
    if lang == crate::locale::Lang::En {
        return keyed_words(model, verdict, value);
    }
    let say = lang.words();
    let pairs = keyed_pairs(verdict, value)?;
    if pairs.is_empty() {
        return Some(String::from(say.tables.no_element));
    }
    let parts: Vec<String> = pairs
        .iter()
        .map(|(key, value)| {
            let words = match value {
                Value::Unknown(_) | Value::Among(_) => String::from(say.undetermined),
                other => crate::words::value_words_in(model, other, say),
            };
            format!("{}{}{words}", key_words_in(model, key, lang), say.colon)
        })
        .collect();
    Some(parts.join(say.semicolon))
}
