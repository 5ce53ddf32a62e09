//! An errored verdict in words: what a report shows in place of its value.

use crate::eval::EvalError;
use crate::model::Model;

/// The place an error arose, in words: `in provision art1, rule rate`,
/// `in provision art1`, or nothing for an error in a verdict's own
/// expression or sentence.
pub fn error_place_words(model: &Model, error: &EvalError) -> Option<String> {
    let place = error.place(model);
    match (place.provision, place.rule) {
        (Some(provision), Some(rule)) => Some(format!("in provision {provision}, rule {rule}")),
        (Some(provision), None) => Some(format!("in provision {provision}")),
        (None, Some(rule)) => Some(format!("in rule {rule}")),
        (None, None) => None,
    }
}

/// The line under an errored verdict: where the error arose, if in a rule,
/// and its message, such as `in provision art1, rule rate: exception ...`.
pub fn error_line(model: &Model, error: &EvalError) -> String {
    let message = error.to_problem(model).message;
    match error_place_words(model, error) {
        Some(place) => format!("{place}: {message}"),
        None => message,
    }
}
