//! Exact numbers in facts: integers and decimals of any length are read
//! exactly and written exactly, in every facts format, batch rows (JSON
//! Lines and CSV), scenario files and `--given` values; a number that no
//! exact number holds is refused at the number, never rounded.

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

use cli::output;
use provisio::check::check_source;
use provisio::facts::{FactsFormat, parse_facts};
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;

/// A policy with a fact of each kind of number.
const POLICY: &str = r#"instrument "Exact numbers for tests" adopted 2020-01-01

fact n "a count": integer
fact d "a share": decimal
fact m "an amount": money in EUR

provision s1 "Section 1"
  text "Twice the count, the count less one, the share, and the amount less one euro."
  define twice "twice the count" = n * 2
  define less "the count less one" = n - 1
  define share "the share" = d + 0
  define amount "the amount less one euro" = m - EUR 1

verdict twice = s1.twice
verdict less = s1.less
verdict share = s1.share
verdict amount = s1.amount
"#;

/// 2^64, one more than the largest `u64`: the issue's example.
const TWO_64: &str = "18446744073709551616";
/// Twice [`TWO_64`], exactly.
const TWICE_TWO_64: &str = "36893488147419103232";
/// A decimal with 28 places, more than an `f64` keeps.
const LONG_DECIMAL: &str = "0.1234567890123456789012345678";
/// The largest number there is (it reads as `no limit`).
const LARGEST: &str = "79228162514264337593543950335";
/// One below it: the largest ordinary number.
const BELOW_LARGEST: &str = "79228162514264337593543950334";
/// One beyond the largest.
const BEYOND: &str = "79228162514264337593543950336";

/// A fresh folder with the policy in it.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("exact_numbers")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    std::fs::write(dir.join("exact.policy"), POLICY).expect("written");
    dir
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

/// Writes `text` to `dir/name` and evaluates the policy against it.
fn eval(dir: &Path, name: &str, text: &str, extra: &[&str]) -> (i32, String, String) {
    std::fs::write(dir.join(name), text).expect("written");
    let policy = path(dir, "exact.policy");
    let facts = path(dir, name);
    let mut args = vec!["eval", policy.as_str(), "--facts", facts.as_str()];
    args.extend_from_slice(extra);
    output(&args)
}

/// Writes `text` to `dir/name` and runs it as a batch.
fn batch(dir: &Path, name: &str, text: &str, extra: &[&str]) -> String {
    std::fs::write(dir.join(name), text).expect("written");
    let policy = path(dir, "exact.policy");
    let scenarios = path(dir, name);
    let mut args = vec![
        "batch",
        policy.as_str(),
        "--scenarios",
        scenarios.as_str(),
        "--at",
        "2024-01-01",
    ];
    args.extend_from_slice(extra);
    let (_, out, _) = output(&args);
    out
}

/// The facts problems of `text` read as the file `name`, as the terminal
/// shows them.
fn facts_problems(name: &str, text: &str) -> String {
    let source = SourceFile::new("exact.policy", POLICY);
    let model = match check_source(&source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the test policy does not check: {problems:?}"),
    };
    let format = FactsFormat::from_path(Path::new(name)).expect("a facts format");
    let facts = SourceFile::new(name, text);
    match parse_facts(&model, &facts, format) {
        Ok(_) => panic!("{name} was read without problems"),
        Err(error) => error
            .problems()
            .iter()
            .map(|p| render(p, false))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The issue's facts in each format: 2^64, a 28-place decimal, an amount.
fn issue_facts() -> [(&'static str, String); 3] {
    [
        (
            "f.json",
            format!(r#"{{"as_of": "2024-01-01", "n": {TWO_64}, "d": {LONG_DECIMAL}, "m": 12.5}}"#),
        ),
        (
            "f.yaml",
            format!("as_of: 2024-01-01\nn: {TWO_64}\nd: {LONG_DECIMAL}\nm: 12.5\n"),
        ),
        (
            "f.toml",
            format!("as_of = 2024-01-01\nn = {TWO_64}\nd = {LONG_DECIMAL}\nm = 12.5\n"),
        ),
    ]
}

#[test]
fn the_issues_example_doubles_exactly_in_every_facts_format() {
    let dir = scratch("issue_example");
    for (name, text) in issue_facts() {
        let (status, out, err) = eval(&dir, name, &text, &["--explain", "none"]);
        assert_eq!(status, 0, "{name}: {err}");
        assert!(
            out.contains(&format!("  twice = {TWICE_TWO_64}\n")),
            "{name}: {out}"
        );
        assert!(
            out.contains("  less = 18446744073709551615\n"),
            "{name}: {out}"
        );
        assert!(
            out.contains(&format!("  share = {LONG_DECIMAL}\n")),
            "{name}: {out}"
        );
    }
}

#[test]
fn the_json_output_of_eval_writes_numbers_exactly() {
    let dir = scratch("eval_json");
    for (name, text) in issue_facts() {
        let (status, out, err) = eval(
            &dir,
            name,
            &text,
            &["--explain", "none", "--format", "json"],
        );
        assert_eq!(status, 0, "{name}: {err}");
        assert!(
            out.contains(&format!("\"value\": {TWICE_TWO_64},")),
            "{name}: {out}"
        );
        assert!(
            out.contains(&format!("\"value\": {LONG_DECIMAL},")),
            "{name}: {out}"
        );
        assert!(out.contains("\"value\": \"EUR 11.50\","), "{name}: {out}");
    }
    // The facts an explanation echoes are exact too.
    let (_, text) = &issue_facts()[0];
    let (_, out, _) = eval(&dir, "f.json", text, &["--format", "json"]);
    assert!(
        out.contains(&format!("\"value\": {TWO_64},")),
        "the fact in the explanation: {out}"
    );
}

#[test]
fn batch_rows_read_and_write_numbers_exactly_in_json_lines_and_csv() {
    let dir = scratch("batch");
    let jsonl = batch(
        &dir,
        "rows.jsonl",
        &format!("{{\"n\": {TWO_64}, \"d\": {LONG_DECIMAL}, \"m\": 12.5}}\n"),
        &[],
    );
    assert_eq!(
        jsonl,
        format!(
            "{{\"line\":1,\"as_of\":\"2024-01-01\",\"readings\":{{}},\"verdicts\":{{\"twice\":{TWICE_TWO_64},\"less\":18446744073709551615,\"share\":{LONG_DECIMAL},\"amount\":\"EUR 11.50\"}},\"status\":{{\"twice\":\"determined\",\"less\":\"determined\",\"share\":\"determined\",\"amount\":\"determined\"}}}}\n"
        )
    );
    let csv = batch(
        &dir,
        "rows.csv",
        &format!("n,d,m\n{TWO_64},{LONG_DECIMAL},12.5\n"),
        &[],
    );
    assert_eq!(csv, jsonl.replace("\"line\":1", "\"line\":2"));
    let out = path(&dir, "out.csv");
    batch(
        &dir,
        "rows.csv",
        &format!("n,d,m\n{TWO_64},{LONG_DECIMAL},12.5\n"),
        &["--out", &out],
    );
    let written = std::fs::read_to_string(&out).expect("the CSV output");
    assert_eq!(
        written,
        format!(
            "line,error,as_of,twice,twice.status,less,less.status,share,share.status,amount,amount.status\n2,,2024-01-01,{TWICE_TWO_64},determined,18446744073709551615,determined,{LONG_DECIMAL},determined,EUR 11.50,determined\n"
        )
    );
}

#[test]
fn the_largest_numbers_are_accepted_in_every_format() {
    let dir = scratch("largest");
    let cases = [
        (
            "f.json",
            format!(
                r#"{{"as_of": "2024-01-01", "n": {BELOW_LARGEST}, "d": -{LARGEST}, "m": {BELOW_LARGEST}}}"#
            ),
        ),
        (
            "f.yaml",
            format!("as_of: 2024-01-01\nn: {BELOW_LARGEST}\nd: -{LARGEST}\nm: {BELOW_LARGEST}\n"),
        ),
        (
            "f.toml",
            format!(
                "as_of = 2024-01-01\nn = {BELOW_LARGEST}\nd = -{LARGEST}\nm = {BELOW_LARGEST}\n"
            ),
        ),
    ];
    for (name, text) in cases {
        let (_, out, err) = eval(&dir, name, &text, &["--explain", "none"]);
        assert!(!err.contains("provisio::facts"), "{name}: {err}");
        assert!(
            out.contains("  less = 79228162514264337593543950333\n"),
            "{name}: {out}"
        );
        assert!(
            out.contains(&format!("  share = -{LARGEST}\n")),
            "{name}: {out}"
        );
        assert!(
            out.contains("  amount = EUR 79228162514264337593543950333\n"),
            "{name}: {out}"
        );
    }
    // The largest number itself is read, as `no limit` (docs/limits.md).
    let text = format!(r#"{{"as_of": "2024-01-01", "n": {LARGEST}, "d": 1, "m": 1}}"#);
    let (_, out, err) = eval(&dir, "largest.json", &text, &["--explain", "none"]);
    assert!(!err.contains("provisio::facts"), "{err}");
    assert!(
        out.contains("  less = error (provisio::no_limit_arithmetic)\n"),
        "{out}"
    );
    let rows = batch(
        &dir,
        "rows.csv",
        &format!("n,d,m\n{BELOW_LARGEST},-{LARGEST},{BELOW_LARGEST}\n"),
        &[],
    );
    assert!(
        rows.contains(&format!(
            "\"less\":79228162514264337593543950333,\"share\":-{LARGEST},\"amount\":\"EUR 79228162514264337593543950333\""
        )),
        "{rows}"
    );
}

#[test]
fn one_beyond_the_largest_is_refused_with_a_diagnostic() {
    insta::assert_snapshot!(
        "beyond_json",
        facts_problems(
            "f.json",
            &format!("{{\n  \"n\": {BEYOND},\n  \"d\": 1,\n  \"m\": 1\n}}\n")
        )
    );
    insta::assert_snapshot!(
        "beyond_yaml",
        facts_problems("f.yaml", &format!("n: 1\nd: -{BEYOND}\nm: 1\n"))
    );
    insta::assert_snapshot!(
        "beyond_toml",
        facts_problems("f.toml", &format!("n = 1\nd = 1\nm = {BEYOND}.00\n"))
    );
    // TOML's parser stops at an integer beyond 128 bits.
    insta::assert_snapshot!(
        "beyond_toml_integer",
        facts_problems(
            "f.toml",
            "n = 1234567890123456789012345678901234567890\nd = 1\nm = 1\n"
        )
    );
    let dir = scratch("beyond");
    let (status, _, err) = eval(
        &dir,
        "f.json",
        &format!(r#"{{"as_of": "2024-01-01", "n": {BEYOND}, "d": 1, "m": 1}}"#),
        &[],
    );
    assert_ne!(status, 0);
    assert!(
        err.contains("help: exact numbers have at most 29 digits; the largest is 79228162514264337593543950335"),
        "{err}"
    );
    let expected = format!(
        "{{\"line\":1,\"error\":\"n: expected a whole number, found {BEYOND} (too large for an exact number)\"}}\n"
    );
    let jsonl = batch(
        &dir,
        "rows.jsonl",
        &format!("{{\"n\": {BEYOND}, \"d\": 1, \"m\": 1}}\n"),
        &[],
    );
    assert_eq!(jsonl, expected);
    let csv = batch(&dir, "rows.csv", &format!("n,d,m\n{BEYOND},1,1\n"), &[]);
    assert_eq!(csv, expected.replace("\"line\":1", "\"line\":2"));
    let csv = batch(&dir, "rows.csv", &format!("n,d,m\n1,{BEYOND},1\n"), &[]);
    assert_eq!(
        csv,
        format!(
            "{{\"line\":2,\"error\":\"d: expected a number like 12.50, found {BEYOND} (too large for an exact number)\"}}\n"
        )
    );
}

#[test]
fn more_places_than_held_are_refused_never_rounded() {
    let places_29 = "0.12345678901234567890123456789";
    insta::assert_snapshot!(
        "too_precise_json",
        facts_problems(
            "f.json",
            &format!("{{\n  \"n\": 1,\n  \"d\": {places_29},\n  \"m\": 1\n}}\n")
        )
    );
    insta::assert_snapshot!(
        "too_precise_yaml",
        facts_problems("f.yaml", &format!("n: 1\nd: 1\nm: {places_29}\n"))
    );
    insta::assert_snapshot!(
        "too_precise_toml",
        facts_problems("f.toml", &format!("n = 1\nd = {places_29}\nm = 1\n"))
    );
    let dir = scratch("too_precise");
    let expected = format!(
        "{{\"line\":1,\"error\":\"d: expected a number like 12.50, found {places_29} (more digits than an exact number holds)\"}}\n"
    );
    let jsonl = batch(
        &dir,
        "rows.jsonl",
        &format!("{{\"n\": 1, \"d\": {places_29}, \"m\": 1}}\n"),
        &[],
    );
    assert_eq!(jsonl, expected);
    let csv = batch(&dir, "rows.csv", &format!("n,d,m\n1,{places_29},1\n"), &[]);
    assert_eq!(csv, expected.replace("\"line\":1", "\"line\":2"));
    // Trailing zeros beyond 28 places say nothing and are accepted.
    let (_, out, _) = eval(
        &dir,
        "zeros.json",
        r#"{"as_of": "2024-01-01", "n": 1, "d": 0.10000000000000000000000000000000, "m": 1}"#,
        &["--explain", "none"],
    );
    assert!(out.contains("  share = 0.1\n"), "{out}");
}

#[test]
fn exponents_are_read_exactly_when_an_exact_number_holds_them() {
    let dir = scratch("exponents");
    let cases = [
        (
            "f.json",
            r#"{"as_of": "2024-01-01", "n": 1E3, "d": 1.5E-2, "m": 1.25e2}"#,
        ),
        (
            "f.yaml",
            "as_of: 2024-01-01\nn: 1.0e+3\nd: 1.5E-2\nm: 1.25e2\n",
        ),
        (
            "f.toml",
            "as_of = 2024-01-01\nn = 1e3\nd = 1.5E-2\nm = 1.25e2\n",
        ),
    ];
    for (name, text) in cases {
        let (status, out, err) = eval(&dir, name, text, &["--explain", "none"]);
        assert_eq!(status, 0, "{name}: {err}");
        assert!(out.contains("  twice = 2000\n"), "{name}: {out}");
        assert!(out.contains("  share = 0.015\n"), "{name}: {out}");
        assert!(out.contains("  amount = EUR 124.00\n"), "{name}: {out}");
    }
    let expected = "{\"line\":1,\"as_of\":\"2024-01-01\",\"readings\":{},\"verdicts\":{\"twice\":2000,\"less\":999,\"share\":0.015,\"amount\":\"EUR 124.00\"},\"status\":{\"twice\":\"determined\",\"less\":\"determined\",\"share\":\"determined\",\"amount\":\"determined\"}}\n";
    let jsonl = batch(
        &dir,
        "rows.jsonl",
        "{\"n\": 1E3, \"d\": 1.5E-2, \"m\": 1.25e2}\n",
        &[],
    );
    assert_eq!(jsonl, expected);
    let csv = batch(&dir, "rows.csv", "n,d,m\n1E3,1.5E-2,1.25e2\n", &[]);
    assert_eq!(csv, expected.replace("\"line\":1", "\"line\":2"));
    // An exponent no exact number holds is refused, with the text written.
    insta::assert_snapshot!(
        "exponent_json",
        facts_problems(
            "f.json",
            "{\n  \"n\": 1.5e3,\n  \"d\": 1E-29,\n  \"m\": 1e29\n}\n"
        )
    );
    // A whole number is whole however it is written; 1.5e0 is not.
    let (status, _, err) = eval(
        &dir,
        "half.json",
        r#"{"as_of": "2024-01-01", "n": 1.5e0, "d": 1, "m": 1}"#,
        &[],
    );
    assert_ne!(status, 0);
    assert!(
        err.contains("n: expected a whole number, found 1.5e0"),
        "{err}"
    );
}

#[test]
fn scenario_files_read_and_expect_numbers_exactly() {
    let dir = scratch("scenarios");
    std::fs::create_dir_all(dir.join("scenarios")).expect("a scenarios folder");
    let facts =
        format!(r#"{{"as_of": "2024-01-01", "n": {TWO_64}, "d": {LONG_DECIMAL}, "m": 12.5}}"#);
    std::fs::write(
        dir.join("scenarios/exact.json"),
        format!(
            r#"{{"description": "2^64 doubled", "facts": {facts},
 "expect": {{"twice": {TWICE_TWO_64}, "share": {LONG_DECIMAL}}}}}"#
        ),
    )
    .expect("written");
    std::fs::write(
        dir.join("scenarios/exact.yaml"),
        format!(
            "description: 2^64 doubled\nfacts:\n  as_of: 2024-01-01\n  n: {TWO_64}\n  d: {LONG_DECIMAL}\n  m: 12.5\nexpect:\n  twice: {TWICE_TWO_64}\n  share: {LONG_DECIMAL}\n"
        ),
    )
    .expect("written");
    let policy = path(&dir, "exact.policy");
    let (status, out, err) = output(&["test", policy.as_str()]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("2 passed, 0 failed"), "{out}");
    // One off in the last digit is a failure, not a match after rounding.
    std::fs::write(
        dir.join("scenarios/off.json"),
        format!(
            r#"{{"description": "one off", "facts": {facts},
 "expect": {{"twice": 36893488147419103233, "share": 0.1234567890123456789012345679}}}}"#
        ),
    )
    .expect("written");
    let (status, out, _) = output(&["test", policy.as_str()]);
    assert_ne!(status, 0);
    assert!(out.contains("2 passed, 1 failed"), "{out}");
}

#[test]
fn given_values_are_read_exactly_or_refused() {
    let dir = scratch("given");
    let (_, text) = &issue_facts()[0];
    let (status, out, err) = eval(
        &dir,
        "f.json",
        text,
        &[
            "--explain",
            "none",
            "--given",
            &format!("s1.share={LONG_DECIMAL}9"),
        ],
    );
    assert_ne!(status, 0);
    assert!(
        format!("{out}{err}").contains(&format!("found {LONG_DECIMAL}9 (more digits")),
        "{out}{err}"
    );
    let (status, out, err) = eval(
        &dir,
        "f.json",
        text,
        &[
            "--explain",
            "none",
            "--given",
            &format!("s1.less={BELOW_LARGEST}"),
        ],
    );
    assert_eq!(status, 0, "{err}");
    assert!(
        out.contains(&format!("  less = {BELOW_LARGEST}\n")),
        "{out}"
    );
    let (status, out, err) = eval(
        &dir,
        "f.json",
        text,
        &["--explain", "none", "--given", &format!("s1.less={BEYOND}")],
    );
    assert_ne!(status, 0);
    let err = format!("{out}{err}");
    assert!(
        err.contains("help: exact numbers have at most 29 digits; the largest is 79228162514264337593543950335"),
        "{err}"
    );
}

#[test]
fn fact_histories_read_numbers_exactly_or_refuse_them() {
    let dir = scratch("histories");
    let text = format!(
        r#"{{"as_of": "2024-07-01", "n": {{"history": {{"2024-01-01": 4, "2024-06-01": {TWO_64}}}}}, "d": {{"history": {{"2024-01-01": {LONG_DECIMAL}}}}}, "m": 1}}"#
    );
    let (status, out, err) = eval(&dir, "h.json", &text, &["--explain", "none"]);
    assert_eq!(status, 0, "{err}");
    assert!(
        out.contains(&format!("  twice = {TWICE_TWO_64}\n")),
        "{out}"
    );
    assert!(
        out.contains(&format!("  share = {LONG_DECIMAL}\n")),
        "{out}"
    );
    let text = format!(
        "as_of: 2024-07-01\nn:\n  history:\n    2024-01-01: 4\n    2024-06-01: {BEYOND}\nd: 1\nm: 1\n"
    );
    let (status, out, err) = eval(&dir, "h.yaml", &text, &[]);
    assert_ne!(status, 0);
    let shown = format!("{out}{err}");
    assert!(
        shown.contains(&format!(
            "n.history.2024-06-01: expected a whole number, found {BEYOND}"
        )),
        "{shown}"
    );
}
