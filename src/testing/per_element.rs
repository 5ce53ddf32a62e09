//! Scenarios of verdicts given for each element of a list: the expected
//! value is an object keyed by the elements' keys,
//! `"benefit": {"Alice": 12, "Bob": 0}`, or `null` while the list is unknown.

use serde_json::{Map, Value as Json};

use crate::eval::VerdictOutcome;
use crate::model::{Model, Type};

/// An expected value of a verdict given for each element, checked against
/// its type, amounts written as plain numbers put in the verdict's
/// currency; or why it does not fit: (message, label, help).
pub(super) fn expected(
    model: &Model,
    ty: &Type,
    name: &str,
    value: &Json,
) -> Result<Json, (String, String, String)> {
    let object = match value {
        Json::Null => return Ok(Json::Null),
        Json::Object(object) => object,
        other => {
            return Err((
                format!(
                    "`{name}` is given for each element of a list, but the scenario expects {other}"
                ),
                String::from("not an object keyed by the elements' keys"),
                format!(
                    "expect an object with one entry per element, keyed by its key, such as `\"{name}\": {{\"Alice\": ..., \"Bob\": ...}}`, or `null` when the list is not known"
                ),
            ));
        }
    };
    let mut out = Map::new();
    for (key, value) in object {
        if !super::scenario::fits(model, ty, value) {
            return Err((
                format!(
                    "`{name}` is {} for each element, but the scenario expects {value} for `{key}`",
                    model.type_name(ty)
                ),
                String::from("wrong kind of value"),
                String::from(
                    "expect a value of the verdict's type for each key, or `null` for undetermined",
                ),
            ));
        }
        out.insert(key.clone(), money_in_currency(ty, value));
    }
    Ok(Json::Object(out))
}

/// An amount expected as a plain number, in the verdict's currency.
fn money_in_currency(ty: &Type, value: &Json) -> Json {
    let Type::Money(currency) = ty else {
        return value.clone();
    };
    if crate::value::Money::parse(value.as_str().unwrap_or("")).is_some() {
        return value.clone();
    }
    let digits = match value {
        Json::String(s) => s.trim().to_string(),
        Json::Number(n) => n.to_string(),
        _ => return value.clone(),
    };
    match digits.parse::<rust_decimal::Decimal>() {
        Ok(amount) => Json::String(crate::value::Money::new(*currency, amount).to_string()),
        Err(_) => value.clone(),
    }
}

/// The outcomes as a scenario writes them: an object keyed by key, in list
/// order; `null` while the list is unknown.
pub(super) fn actual(model: &Model, outcome: &VerdictOutcome) -> Json {
    match &outcome.elements {
        None => Json::Null,
        Some(elements) => Json::Object(
            elements
                .iter()
                .map(|element| {
                    (
                        crate::render::keys::key_text(model, &element.key),
                        crate::render::json::value_json(model, &element.outcome.value),
                    )
                })
                .collect(),
        ),
    }
}

/// What differs between the expected and the actual outcomes, key by key,
/// each wrong element with why it came out so; empty when they agree.
pub(super) fn differences(
    model: &Model,
    outcome: &VerdictOutcome,
    expected: &Json,
    actual: &Json,
    same: impl Fn(&Json, &Json) -> bool,
    why: impl Fn(&VerdictOutcome) -> Vec<String>,
) -> Option<Vec<String>> {
    let (Json::Object(expected), Json::Object(actual)) = (expected, actual) else {
        return (!same(actual, expected)).then(|| why(outcome));
    };
    let mut lines = Vec::new();
    for (key, value) in expected {
        if !actual.contains_key(key) {
            lines.push(format!(
                "{key} is expected, but no element of the list has that key"
            ));
        } else if let Some(got) = actual.get(key)
            && !same(got, value)
        {
            lines.push(format!("{key}: expected {value}, got {got}"));
            let element = outcome
                .elements
                .iter()
                .flatten()
                .find(|e| crate::render::keys::key_text(model, &e.key) == *key);
            if let Some(element) = element {
                lines.extend(why(&element.outcome).into_iter().map(|l| format!("  {l}")));
            }
        }
    }
    for (key, got) in actual {
        if !expected.contains_key(key) {
            lines.push(format!(
                "{key} is not expected, but an element of the list has that key: {got}"
            ));
        }
    }
    (!lines.is_empty()).then_some(lines)
}

/// The verdict's error, or else the first element's that failed, with its
/// key as scenarios write it.
pub(super) fn first_error<'o>(
    model: &Model,
    outcome: &'o VerdictOutcome,
) -> Option<(Option<String>, &'o crate::eval::EvalError)> {
    if let Some(error) = &outcome.error {
        return Some((None, error));
    }
    outcome.elements.iter().flatten().find_map(|element| {
        let error = element.outcome.error.as_ref()?;
        Some((
            Some(crate::render::keys::key_text(model, &element.key)),
            error,
        ))
    })
}
