//! Expressions just under the nesting limit parse, check and evaluate on a
//! test thread's small stack; those over it get a diagnostic, not a crash.

use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::Facts;
use provisio::span::SourceFile;
use provisio::syntax::limits::MAX_NESTING;

fn evaluate_policy(text: String) -> Result<String, String> {
    let source = SourceFile::new("deep.policy", text);
    let checked = provisio::check::check_source(&source).map_err(|p| {
        p.items
            .first()
            .map(|p| p.code.to_string())
            .unwrap_or_default()
    })?;
    let model = &checked.model;
    let facts = Facts::empty(model);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date");
    let evaluation = evaluate(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    )
    .map_err(|e| format!("{e:?}"))?;
    Ok(model.format_value(&evaluation.verdicts[0].value))
}

#[test]
fn parentheses_just_under_the_limit_evaluate() {
    let depth = MAX_NESTING - 10;
    let text = format!("verdict v = {}true{}", "(".repeat(depth), ")".repeat(depth));
    assert_eq!(evaluate_policy(text), Ok(String::from("true")));
}

#[test]
fn negations_just_under_the_limit_evaluate() {
    let text = format!("verdict v = {}true", "not ".repeat(MAX_NESTING - 10));
    assert_eq!(evaluate_policy(text), Ok(String::from("true")));
}

#[test]
fn else_if_chains_just_under_the_limit_evaluate() {
    let chain = "if false then 1 else ".repeat(MAX_NESTING - 10);
    let text = format!("verdict v = {chain}2");
    assert_eq!(evaluate_policy(text), Ok(String::from("2")));
}

#[test]
fn long_flat_chains_of_and_evaluate() {
    let text = format!("verdict v = true{}", " and true".repeat(10_000));
    assert_eq!(evaluate_policy(text), Ok(String::from("true")));
}

#[test]
fn arithmetic_chains_just_under_the_limit_evaluate() {
    let text = format!("verdict v = 0{}", " + 1".repeat(MAX_NESTING - 10));
    assert_eq!(evaluate_policy(text), Ok((MAX_NESTING - 10).to_string()));
}

#[test]
fn long_chains_of_definitions_check_and_evaluate_on_a_small_stack() {
    let n = 3_000;
    for forward in [true, false] {
        let mut text = String::from("provision p text \"t\"\n");
        for i in 0..n {
            let body = match (forward, i) {
                (true, 0) => String::from("1"),
                (true, i) => format!("a{} + 1", i - 1),
                (false, i) if i == n - 1 => String::from("1"),
                (false, i) => format!("a{} + 1", i + 1),
            };
            text.push_str(&format!("  define a{i} = {body}\n"));
        }
        let last = if forward { n - 1 } else { 0 };
        text.push_str(&format!("verdict v = p.a{last}\n"));
        // A spawned thread has a 2 MiB stack, far less than the chain needs.
        let result = std::thread::spawn(move || evaluate_policy(text))
            .join()
            .expect("no overflow");
        assert_eq!(result, Ok(n.to_string()));
    }
}

#[test]
fn nesting_over_the_limit_is_a_diagnostic() {
    let text = format!(
        "verdict v = {}true{}",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    assert_eq!(
        evaluate_policy(text),
        Err(String::from("provisio::too_deep"))
    );
}
