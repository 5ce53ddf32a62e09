//! Amounts expected as plain numbers: in the verdict's currency. (Verdicts
//! given for each element, `"benefit": {"Alice": 12, "Bob": 0}`, are read
//! and checked in [`super::expect`].)

use serde_json::Value as Json;

use crate::model::Type;

/// An amount expected as a plain number, in the verdict's currency.
pub(super) fn money_in_currency(ty: &Type, value: &Json) -> Json {
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
