//! Chains of rules have no limit. A chain of definitions, each using the
//! one before, a chain of exceptions, each overriding the one before, and a
//! chain that passes from definitions to exceptions and back check, evaluate
//! and explain through every command, with explanations cut at a documented
//! depth; a long circle of exceptions is one diagnostic.

use std::path::PathBuf;
use std::sync::OnceLock;

use assert_cmd::Command;

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("provisio-chains-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

// ---------------------------------------------------------------------------
// A chain of definitions
// ---------------------------------------------------------------------------

/// How long the chain is. A debug build takes about a third of a second and
/// 30 MB of stack per thousand definitions; `cargo test --release` runs the
/// full 100,000.
const CHAIN: usize = if cfg!(debug_assertions) {
    20_000
} else {
    100_000
};

/// A policy whose verdict is the last of `CHAIN` definitions, each the one
/// before plus 1, starting from the fact `x`; written once for all tests.
fn chain_policy() -> &'static PathBuf {
    static POLICY: OnceLock<PathBuf> = OnceLock::new();
    POLICY.get_or_init(|| {
        let mut text = String::from(
            "instrument \"Chain\" adopted 2020-01-01\n\
             fact x \"the start\": optional integer\n\
             provision p \"P\"\n  text \"t\"\n  define a0 \"step 0\" = x cites \"t\"\n",
        );
        for i in 1..CHAIN {
            text.push_str(&format!(
                "  define a{i} \"step {i}\" = a{} + 1 cites \"t\"\n",
                i - 1
            ));
        }
        text.push_str(&format!(
            "verdict v = p.a{} says \"The value is {{value}}.\"\n",
            CHAIN - 1
        ));
        temp_file("chain.policy", &text)
    })
}

fn facts_file() -> PathBuf {
    temp_file("x.json", r#"{"x": 1, "as_of": "2024-01-01"}"#)
}

fn provisio(args: &[&str]) -> (String, String) {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    (stdout, stderr)
}

fn chain_args<'a>(policy: &'a str, facts: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["eval", policy, "--facts", facts];
    args.extend_from_slice(more);
    args
}

#[test]
fn a_long_chain_of_definitions_is_explained_by_default() {
    let policy = chain_policy().to_string_lossy().into_owned();
    let facts = facts_file().to_string_lossy().into_owned();
    let (out, _) = provisio(&chain_args(&policy, &facts, &[]));
    assert!(out.contains(&format!("  v = {CHAIN}\n")), "{out}");
    let shown = provisio::explain::MAX_SHOWN_DEPTH;
    // The explanation shows the first levels of the chain, then says how
    // many steps are left, and still names the fact at its bottom.
    let more = CHAIN - shown;
    let indent = "  ".repeat(shown + 3);
    assert!(
        out.contains(&format!("{indent}- ... {more} more steps\n")),
        "{out}"
    );
    assert!(out.contains("    Facts: x = 1\n"), "{out}");
    assert!(out.len() < 20_000, "{} bytes", out.len());
}

#[test]
fn a_long_chain_of_definitions_is_explained_in_json() {
    let policy = chain_policy().to_string_lossy().into_owned();
    let facts = facts_file().to_string_lossy().into_owned();
    let (out, _) = provisio(&chain_args(&policy, &facts, &["--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["verdicts"]["v"]["value"], serde_json::json!(CHAIN));
    let mut step = &json["verdicts"]["v"]["explanation"]["steps"][0];
    for _ in 1..provisio::explain::MAX_SHOWN_DEPTH {
        step = &step["steps"][0];
    }
    assert_eq!(
        step["more_steps"],
        serde_json::json!(CHAIN - provisio::explain::MAX_SHOWN_DEPTH)
    );
}

#[test]
fn a_long_chain_of_definitions_is_explained_in_full() {
    let policy = chain_policy().to_string_lossy().into_owned();
    let facts = facts_file().to_string_lossy().into_owned();
    let (out, _) = provisio(&chain_args(&policy, &facts, &["--explain", "full"]));
    assert!(out.contains(&format!("  v = {CHAIN}\n")), "{out}");
}

#[test]
fn a_long_chain_of_definitions_runs_in_a_batch_with_explanations() {
    let policy = chain_policy().to_string_lossy().into_owned();
    let rows = temp_file(
        "rows.jsonl",
        "{\"x\": 1, \"as_of\": \"2024-01-01\"}\n{\"x\": 2, \"as_of\": \"2024-01-01\"}\n",
    );
    let rows = rows.to_string_lossy().into_owned();
    let (out, _) = provisio(&["batch", &policy, "--scenarios", &rows, "--explain"]);
    let values: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("a JSON row"))
        .map(|row| row["verdicts"]["v"].clone())
        .collect();
    assert_eq!(
        values,
        vec![serde_json::json!(CHAIN), serde_json::json!(CHAIN + 1)]
    );
}

#[test]
fn a_long_chain_of_definitions_over_an_unknown_fact_is_undetermined() {
    let policy = chain_policy().to_string_lossy().into_owned();
    let (out, _) = provisio(&["eval", &policy, "--at", "2024-01-01"]);
    assert!(out.contains("  v = undetermined; depends on x\n"), "{out}");
    let (out, _) = provisio(&["eval", &policy, "--at", "2024-01-01", "--all-readings"]);
    assert!(out.contains("v"), "{out}");
}

// ---------------------------------------------------------------------------
// A chain of exceptions
// ---------------------------------------------------------------------------

/// A policy whose verdict is the definition `v`, 0 by default, overridden by
/// a chain of `CHAIN` exceptions, each to the one before: `e{i}` applies when
/// the fact `b` holds and gives `i + 1`. With `b` true the last one wins.
fn exception_chain_policy() -> &'static PathBuf {
    static POLICY: OnceLock<PathBuf> = OnceLock::new();
    POLICY.get_or_init(|| {
        let mut text = String::from(
            "instrument \"Exceptions\" adopted 2020-01-01\n\
             fact b \"a condition\": optional boolean\n\
             provision p \"P\"\n  text \"t\"\n  define v by default 0\n\
             \x20 exception e0 to v when b then 1\n",
        );
        for i in 1..CHAIN {
            text.push_str(&format!(
                "  exception e{i} to e{} when b then {}\n",
                i - 1,
                i + 1
            ));
        }
        text.push_str("verdict out = p.v says \"The value is {value}.\"\n");
        temp_file("exception_chain.policy", &text)
    })
}

fn b_true() -> PathBuf {
    temp_file("b_true.json", r#"{"b": true, "as_of": "2024-01-01"}"#)
}

fn exception_chain_eval(more: &[&str]) -> String {
    let policy = exception_chain_policy().to_string_lossy().into_owned();
    let facts = b_true().to_string_lossy().into_owned();
    provisio(&chain_args(&policy, &facts, more)).0
}

#[test]
fn a_long_chain_of_exceptions_checks() {
    let policy = exception_chain_policy().to_string_lossy().into_owned();
    let (out, _) = provisio(&["check", &policy]);
    assert_eq!(
        out,
        format!("{policy}: ok (1 provision, 0 readings, 1 verdict)\n")
    );
}

#[test]
fn a_long_chain_of_exceptions_is_explained_by_default() {
    let out = exception_chain_eval(&[]);
    assert!(out.contains(&format!("  out = {CHAIN}\n")), "{out}");
    // The definition and the first exceptions are shown, to the same depth
    // as a chain of definitions; the rest are counted.
    let shown = provisio::explain::MAX_SHOWN_DEPTH;
    let more = CHAIN - (shown - 1);
    let indent = "  ".repeat(shown + 3);
    assert!(
        out.contains(&format!("{indent}- ... {more} more steps\n")),
        "{out}"
    );
    assert!(out.contains("    Facts: b = true\n"), "{out}");
    assert!(out.len() < 20_000, "{} bytes", out.len());
}

#[test]
fn a_long_chain_of_exceptions_is_explained_in_json() {
    let out = exception_chain_eval(&["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["verdicts"]["out"]["value"], serde_json::json!(CHAIN));
    let mut step = &json["verdicts"]["out"]["explanation"]["steps"][0];
    assert_eq!(step["rule"], "p.v");
    for _ in 1..provisio::explain::MAX_SHOWN_DEPTH {
        step = &step["steps"][0];
    }
    let last_shown = provisio::explain::MAX_SHOWN_DEPTH - 2;
    assert_eq!(step["rule"], format!("p.e{last_shown}").as_str());
    assert_eq!(
        step["more_steps"],
        serde_json::json!(CHAIN - last_shown - 1)
    );
}

#[test]
fn a_long_chain_of_exceptions_is_explained_in_full() {
    let out = exception_chain_eval(&["--explain", "full"]);
    assert!(out.contains(&format!("  out = {CHAIN}\n")), "{out}");
    assert!(out.len() < 20_000, "{} bytes", out.len());
}

#[test]
fn a_long_chain_of_exceptions_runs_in_a_batch_with_explanations() {
    let policy = exception_chain_policy().to_string_lossy().into_owned();
    let rows = temp_file(
        "exception_rows.jsonl",
        "{\"b\": true, \"as_of\": \"2024-01-01\"}\n\
         {\"b\": false, \"as_of\": \"2024-01-01\"}\n\
         {\"as_of\": \"2024-01-01\"}\n",
    );
    let rows = rows.to_string_lossy().into_owned();
    let (out, _) = provisio(&["batch", &policy, "--scenarios", &rows, "--explain"]);
    let values: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("a JSON row"))
        .map(|row| row["verdicts"]["out"].clone())
        .collect();
    assert_eq!(
        values,
        vec![
            serde_json::json!(CHAIN),
            serde_json::json!(0),
            serde_json::Value::Null
        ]
    );
}

#[test]
fn a_long_chain_of_exceptions_over_an_unknown_fact_is_undetermined() {
    let policy = exception_chain_policy().to_string_lossy().into_owned();
    let (out, _) = provisio(&["eval", &policy, "--at", "2024-01-01"]);
    assert!(
        out.contains(&format!(
            "  out = undetermined, between 0 and {CHAIN}; depends on b\n"
        )),
        "{out}"
    );
}

#[test]
fn a_long_chain_of_exceptions_runs_as_a_scenario_with_coverage() {
    let policy = exception_chain_policy().to_string_lossy().into_owned();
    let scenario = temp_file(
        "exception_scenario.json",
        &format!(
            r#"{{"description": "every exception applies", "facts": {{"as_of": "2024-01-01", "b": true}}, "expect": {{"out": {CHAIN}}}}}"#
        ),
    );
    let scenario = scenario.to_string_lossy().into_owned();
    let (out, _) = provisio(&["test", &policy, "--scenarios", &scenario, "--coverage"]);
    let last = CHAIN - 1;
    assert!(
        out.contains(&format!(
            "    exception p.e{last}: exercised in 1, applied in 1\n"
        )),
        "{}",
        &out[..out.len().min(2_000)]
    );
}

/// `CHAIN` rules in all: definitions `d{i}`, 0 by default, each overridden
/// when `b` holds by `e{i}`, which gives `d{i-1} + 1`, itself overridden when
/// `c` holds by `f{i}`, which gives `d{i-1} + 2`: the chain passes from a
/// definition to its exceptions and from them to the definition before.
fn mixed_chain_policy() -> &'static PathBuf {
    static POLICY: OnceLock<PathBuf> = OnceLock::new();
    POLICY.get_or_init(|| {
        let mut text = String::from(
            "instrument \"Mixed\" adopted 2020-01-01\n\
             fact b \"b\": optional boolean\n\
             fact c \"c\": optional boolean\n\
             provision p \"P\"\n  text \"t\"\n  define d0 by default 0\n",
        );
        for i in 1..MIXED_LINKS {
            let before = i - 1;
            text.push_str(&format!(
                "  define d{i} by default 0\n\
                 \x20 exception e{i} to d{i} when b then d{before} + 1\n\
                 \x20 exception f{i} to e{i} when c then d{before} + 2\n"
            ));
        }
        text.push_str(&format!(
            "verdict out = p.d{} says \"The value is {{value}}.\"\n",
            MIXED_LINKS - 1
        ));
        temp_file("mixed_chain.policy", &text)
    })
}

/// How many definitions the mixed chain has: with their exceptions, `CHAIN` rules.
const MIXED_LINKS: usize = CHAIN / 3;

#[test]
fn a_long_chain_of_definitions_and_exceptions_evaluates_and_explains() {
    let policy = mixed_chain_policy().to_string_lossy().into_owned();
    let facts = temp_file(
        "b_and_c.json",
        r#"{"b": true, "c": true, "as_of": "2024-01-01"}"#,
    );
    let facts = facts.to_string_lossy().into_owned();
    let (out, _) = provisio(&chain_args(&policy, &facts, &[]));
    let value = 2 * (MIXED_LINKS - 1);
    assert!(out.contains(&format!("  out = {value}\n")), "{out}");
    assert!(out.contains("    Facts: b = true; c = true\n"), "{out}");
    assert!(out.len() < 20_000, "{} bytes", out.len());
    let rows = temp_file(
        "mixed_rows.jsonl",
        "{\"b\": true, \"c\": false, \"as_of\": \"2024-01-01\"}\n{\"c\": true, \"as_of\": \"2024-01-01\"}\n",
    );
    let rows = rows.to_string_lossy().into_owned();
    let (out, _) = provisio(&["batch", &policy, "--scenarios", &rows, "--explain"]);
    let values: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("a JSON row"))
        .map(|row| row["verdicts"]["out"].clone())
        .collect();
    assert_eq!(
        values,
        vec![serde_json::json!(MIXED_LINKS - 1), serde_json::Value::Null]
    );
}

#[test]
fn a_long_circle_of_exceptions_is_reported_once_at_its_first_exception() {
    // `e0` overrides the last exception, each other one the one before; the
    // exception `x`, before them in the file, leads into the circle.
    let mut text = String::from(
        "instrument \"Circle\" adopted 2020-01-01\n\
         fact b \"b\": optional boolean\n\
         provision p \"P\"\n  text \"t\"\n  define v by default 0\n\
         \x20 exception x to e5 when b then 1\n",
    );
    text.push_str(&format!("  exception e0 to e{} when b then 1\n", CHAIN - 1));
    for i in 1..CHAIN {
        text.push_str(&format!("  exception e{i} to e{} when b then 1\n", i - 1));
    }
    text.push_str("verdict out = p.v says \"The value is {value}.\"\n");
    let policy = temp_file("circle.policy", &text);
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(["check", &policy.to_string_lossy()])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr
            .matches("exceptions override each other in a circle")
            .count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("circle.policy:7:19]"), "{stderr}");
    assert!(stderr.contains("1 problem"), "{stderr}");
}

// ---------------------------------------------------------------------------
// A chain of calls
// ---------------------------------------------------------------------------

/// A policy whose verdict calls the last of `CALLS` definitions with a
/// parameter, each calling the one before with its argument plus 1.
fn call_chain_policy() -> &'static PathBuf {
    static POLICY: OnceLock<PathBuf> = OnceLock::new();
    POLICY.get_or_init(|| {
        let mut text = String::from(
            "instrument \"Call chain\" adopted 2020-01-01\n\
             fact x \"the start\": optional integer\n\
             provision p \"P\"\n  text \"t\"\n  define f0(n: integer) \"step 0\" = n cites \"t\"\n",
        );
        for i in 1..CALLS {
            text.push_str(&format!(
                "  define f{i}(n: integer) \"step {i}\" = f{}(n + 1) cites \"t\"\n",
                i - 1
            ));
        }
        text.push_str(&format!(
            "verdict v = f{}(x) says \"The value is {{value}}.\"\n",
            CALLS - 1
        ));
        temp_file("call-chain.policy", &text)
    })
}

/// How long the chain of calls is.
const CALLS: usize = if cfg!(debug_assertions) {
    5_000
} else {
    20_000
};

#[test]
fn a_long_chain_of_calls_checks_evaluates_and_explains() {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(["eval"])
        .arg(call_chain_policy())
        .arg("--facts")
        .arg(facts_file())
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).expect("JSON");
    assert_eq!(json["verdicts"]["v"]["value"], serde_json::json!(CALLS));
}
