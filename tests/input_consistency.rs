//! One behaviour for one input: dates, numbers and empty files read the same
//! way wherever they are written (the command line, policies, facts in each
//! format, scenario files and batch rows), and diagnostics stay bounded
//! however long or deep the input.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use provisio::check::check_source;
use provisio::facts::{FactsError, FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;
use provisio::value::Value;

/// A policy with a fact of each kind the tests need.
const POLICY: &str = r#"instrument "A filing rule" adopted 2024-01-01
fact amount "the amount claimed": optional decimal
fact kind "the kind of claim": optional one of ordinary, urgent
fact filed "the day the claim was filed": optional date
fact claims "the number of claims": optional integer
provision art1 "Article 1"
  text "A claim is large if the amount claimed is over 100."
  define large "the claim is large" = amount > 100
    cites "over 100"
verdict large = art1.large
  says "The claim {is|is not|may or may not be} large."
"#;

fn model() -> Model {
    let source = SourceFile::new("claims.policy", POLICY);
    match check_source(&source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the test policy does not check: {problems:?}"),
    }
}

fn facts_error(name: &str, text: &str) -> FactsError {
    let format = FactsFormat::from_path(Path::new(name)).expect("a facts format");
    let source = SourceFile::new(name, text);
    match parse_facts(&model(), &source, format) {
        Ok(facts) => panic!("{name} loaded: {facts:?}"),
        Err(error) => error,
    }
}

/// Every problem of a facts file, rendered as the terminal shows it.
fn rendered(error: &FactsError) -> String {
    error
        .problems()
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The code and message of each problem.
fn messages(error: &FactsError) -> Vec<(String, String)> {
    use miette::Diagnostic;
    error
        .problems()
        .iter()
        .map(|p| {
            let code = p.code().map(|c| c.to_string()).unwrap_or_default();
            (code, p.message.clone())
        })
        .collect()
}

fn policy_problems(text: &str) -> String {
    let source = SourceFile::new("claims.policy", text);
    match check_source(&source) {
        Ok(_) => panic!("the policy checked:\n{text}"),
        Err(problems) => problems
            .items
            .iter()
            .map(|p| render(p, false))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn provisio() -> Command {
    Command::cargo_bin("provisio").expect("the binary")
}

/// A scratch directory for this test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("input_consistency")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    std::fs::write(dir.join("claims.policy"), POLICY).expect("written");
    dir
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

#[test]
fn the_library_reads_dates_one_way_and_keeps_the_sign() {
    use provisio::check::parse_date;
    let out_of_range = |year: &str| {
        Err(format!(
            "the year {year} is out of range; years run from 0001 to 9999"
        ))
    };
    assert_eq!(parse_date("+10000-01-01"), out_of_range("+10000"));
    assert_eq!(parse_date("-262144-01-01"), out_of_range("-262144"));
    assert_eq!(parse_date("0000-12-31"), out_of_range("0000"));
    assert_eq!(
        parse_date("9999-12-31").ok(),
        chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
    );
    assert_eq!(
        parse_date("2026-3-31"),
        Err(
            "a date is written with a four-digit year, a two-digit month and a two-digit day"
                .to_string()
        )
    );
}

#[test]
fn at_refuses_years_out_of_range_with_the_sign_kept() {
    let dir = scratch("at");
    for (argument, year) in [
        ("--at=+10000-01-01", "+10000"),
        ("--at=-262144-01-01", "-262144"),
        ("--at=0000-01-01", "0000"),
    ] {
        let assert = provisio()
            .current_dir(&dir)
            .args(["eval", "claims.policy", argument])
            .assert()
            .failure();
        let text = argument.trim_start_matches("--at=");
        let stderr = stderr_of(&assert);
        assert!(
            stderr.contains(&format!(
                "`{text}` is not a date: the year {year} is out of range; years run from 0001 to 9999"
            )),
            "{argument}: {stderr}"
        );
    }
}

#[test]
fn facts_refuse_years_out_of_range_in_every_format() {
    let expected = |path: &str, found: &str, year: &str| {
        vec![(
            "provisio::facts::wrong_type".to_string(),
            format!(
                "{path}: expected a date like 2026-03-31, found {found} (the year {year} is out of range; years run from 0001 to 9999)"
            ),
        )]
    };
    let json = facts_error("f.json", r#"{"as_of": "+10000-01-01"}"#);
    assert_eq!(
        messages(&json),
        expected("as_of", "\"+10000-01-01\"", "+10000")
    );
    let yaml = facts_error("f.yaml", "filed: '-262144-01-01'\n");
    assert_eq!(
        messages(&yaml),
        expected("filed", "\"-262144-01-01\"", "-262144")
    );
    let toml = facts_error("f.toml", "filed = 0000-01-01\n");
    assert_eq!(
        messages(&toml)[0].1,
        "filed: expected a date like 2026-03-31, found 0000-01-01 (the year 0000 is out of range; years run from 0001 to 9999)"
    );
    insta::assert_snapshot!("date_out_of_range_json", rendered(&json));
    insta::assert_snapshot!("date_out_of_range_toml", rendered(&toml));
}

#[test]
fn policies_refuse_year_zero_in_every_place_a_date_is_written() {
    let header = "instrument \"A filing rule\" adopted 2024-01-01\n";
    let cases = [
        (
            "adopted",
            "instrument \"A filing rule\" adopted 0000-01-01\nverdict v = true says \"{yes|no|maybe}\"\n"
                .to_string(),
        ),
        (
            "literal",
            format!(
                "{header}fact filed \"the day\": date\nprovision art1 \"A\"\n  text \"t\"\n  define late \"late\" = filed after 0000-01-01\nverdict late = art1.late says \"{{yes|no|maybe}}\"\n"
            ),
        ),
        (
            "event",
            format!(
                "{header}event mc \"a conference\" opening 0000-01-01\nverdict v = true says \"{{yes|no|maybe}}\"\n"
            ),
        ),
        (
            "history",
            format!(
                "{header}provision art1 \"A\"\n  text \"t\"\n  parameter amount \"the amount\": integer\n    from 0000-01-01: 600\nverdict amount = art1.amount says \"{{value}}\"\n"
            ),
        ),
    ];
    for (name, text) in cases {
        let shown = policy_problems(&text);
        assert!(
            shown.contains(
                "`0000-01-01` is not a date: the year 0000 is out of range; years run from 0001 to 9999"
            ),
            "{name}: {shown}"
        );
        assert!(
            shown.contains("dates run from 0001-01-01 to 9999-12-31"),
            "{name}: {shown}"
        );
    }
    insta::assert_snapshot!(
        "date_out_of_range_policy",
        policy_problems(
            "instrument \"A filing rule\" adopted 0000-01-01\nverdict v = true says \"{yes|no|maybe}\"\n"
        )
    );
}

#[test]
fn batch_rows_refuse_years_out_of_range() {
    let dir = scratch("batch_dates");
    std::fs::write(
        dir.join("rows.jsonl"),
        "{\"as_of\": \"+10000-01-01\"}\n{\"filed\": \"-0001-01-01\"}\n",
    )
    .expect("written");
    std::fs::write(
        dir.join("rows.csv"),
        "as_of,filed\n2026-01-01,+10000-01-01\n",
    )
    .expect("written");
    for input in ["rows.jsonl", "rows.csv"] {
        let assert = provisio()
            .current_dir(&dir)
            .args(["batch", "claims.policy", "--scenarios", input])
            .assert()
            .failure();
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        assert!(
            stdout.contains("is out of range; years run from 0001 to 9999"),
            "{input}: {stdout}"
        );
    }
}

#[test]
fn scenario_files_refuse_years_out_of_range() {
    let dir = scratch("scenario_dates");
    std::fs::create_dir_all(dir.join("scenarios")).expect("a directory");
    std::fs::write(
        dir.join("scenarios/late.yaml"),
        "description: filed far in the future\nfacts:\n  as_of: '2026-01-01'\n  filed: '+10000-01-01'\nexpect:\n  large: null\n",
    )
    .expect("written");
    let assert = provisio()
        .current_dir(&dir)
        .args(["test", "claims.policy", "scenarios"])
        .assert()
        .failure();
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&assert.get_output().stdout),
        stderr_of(&assert)
    );
    assert!(
        output.contains("the year +10000 is out of range;"),
        "{output}"
    );
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

const FORTY_DIGITS: &str = "1234567890123456789012345678901234567890";

#[test]
fn numbers_too_small_or_too_long_are_refused_in_every_format() {
    let precise = |found: &str| {
        (
            "provisio::facts::wrong_type".to_string(),
            format!(
                "amount: expected a number like 12.50, found {found} (more digits than an exact number holds)"
            ),
        )
    };
    let large = |found: &str| {
        (
            "provisio::facts::wrong_type".to_string(),
            format!(
                "amount: expected a number like 12.50, found {found} (too large for an exact number)"
            ),
        )
    };
    for (name, text) in [
        ("f.json", r#"{"amount": 1e-400}"#.to_string()),
        ("f.yaml", "amount: 1e-400\n".to_string()),
        ("f.toml", "amount = 1e-400\n".to_string()),
    ] {
        let error = facts_error(name, &text);
        assert_eq!(messages(&error), vec![precise("1e-400")], "{name}");
    }
    for (name, text) in [
        ("f.json", format!(r#"{{"amount": {FORTY_DIGITS}}}"#)),
        ("f.yaml", format!("amount: {FORTY_DIGITS}\n")),
        ("f.json", format!(r#"{{"amount": {FORTY_DIGITS}.5}}"#)),
    ] {
        let error = facts_error(name, &text);
        let found = text
            .split(": ")
            .nth(1)
            .map(|s| s.trim_end_matches(['}', '\n']))
            .unwrap_or("");
        assert_eq!(messages(&error), vec![large(found)], "{name}");
    }
    // Twenty-nine significant digits after the point: more than a decimal holds.
    let error = facts_error("f.json", r#"{"amount": 0.12345678901234567890123456789}"#);
    assert_eq!(
        messages(&error),
        vec![precise("0.12345678901234567890123456789")]
    );
    insta::assert_snapshot!(
        "number_too_precise_json",
        rendered(&facts_error("f.json", "{\n  \"amount\": 1e-400\n}\n"))
    );
    insta::assert_snapshot!(
        "number_too_large_yaml",
        rendered(&facts_error("f.yaml", &format!("amount: {FORTY_DIGITS}\n")))
    );
}

#[test]
fn toml_integers_beyond_its_range_are_refused_at_the_number() {
    let error = facts_error("f.toml", &format!("amount = {FORTY_DIGITS}\n"));
    let codes: Vec<String> = messages(&error).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, vec!["provisio::facts::syntax".to_string()]);
    let span = error.problems()[0].span;
    assert_eq!(span.start, "amount = ".len());
}

#[test]
fn numbers_a_decimal_holds_are_read_exactly_not_through_binary_floating_point() {
    let model = model();
    let amount = |name: &str, text: &str| {
        let format = FactsFormat::from_path(Path::new(name)).expect("a format");
        let facts = parse_facts(&model, &SourceFile::new(name, text), format)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        match &facts.values[0] {
            Value::Number(n) => n.to_string(),
            other => format!("{other:?}"),
        }
    };
    // 28 significant digits, where an f64 keeps about 17.
    let exact = "1234567890.123456789012345678";
    assert_eq!(
        amount("f.json", &format!(r#"{{"amount": {exact}}}"#)),
        exact
    );
    assert_eq!(amount("f.yaml", &format!("amount: {exact}\n")), exact);
    assert_eq!(amount("f.toml", &format!("amount = {exact}\n")), exact);
    assert_eq!(amount("f.json", r#"{"amount": 2.50}"#), "2.50");
    assert_eq!(amount("f.json", r#"{"amount": 1.5e3}"#), "1500");
    assert_eq!(amount("f.toml", "amount = 1_000.25\n"), "1000.25");
    assert_eq!(amount("f.json", r#"{"amount": 0e-400}"#), "0");
    // A whole number written with a fraction or an exponent is an integer.
    let claims = |text: &str| {
        let facts = parse_facts(&model, &SourceFile::new("f.json", text), FactsFormat::Json)
            .unwrap_or_else(|e| panic!("{text}: {e:?}"));
        match &facts.values[3] {
            Value::Number(n) => n.to_string(),
            other => format!("{other:?}"),
        }
    };
    assert_eq!(claims(r#"{"claims": 3.0}"#), "3");
    assert_eq!(claims(r#"{"claims": 3e2}"#), "300");
}

#[test]
fn batch_rows_refuse_numbers_a_decimal_cannot_hold() {
    let dir = scratch("batch_numbers");
    std::fs::write(
        dir.join("rows.jsonl"),
        format!("{{\"amount\": 1e-400}}\n{{\"amount\": {FORTY_DIGITS}}}\n{{\"amount\": 101.5}}\n"),
    )
    .expect("written");
    let assert = provisio()
        .current_dir(&dir)
        .args([
            "batch",
            "claims.policy",
            "--scenarios",
            "rows.jsonl",
            "--at",
            "2026-01-01",
        ])
        .assert()
        .failure();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[0].contains("found 1e-400 (more digits than an exact number holds)"),
        "{stdout}"
    );
    assert!(
        lines[1].contains(&format!(
            "found {FORTY_DIGITS} (too large for an exact number)"
        )),
        "{stdout}"
    );
    assert!(lines[2].contains("\"large\":true"), "{stdout}");
}

// ---------------------------------------------------------------------------
// Empty files
// ---------------------------------------------------------------------------

#[test]
fn an_empty_facts_file_is_an_error_in_every_format() {
    let empty = vec![(
        "provisio::facts::empty".to_string(),
        "the facts file is empty".to_string(),
    )];
    for (name, text) in [
        ("f.json", ""),
        ("f.json", "  \n\t\n"),
        ("f.yaml", ""),
        ("f.yaml", "# no facts\n---\n"),
        ("f.toml", ""),
        ("f.toml", "# no facts\n\n"),
    ] {
        assert_eq!(
            messages(&facts_error(name, text)),
            empty,
            "{name}: {text:?}"
        );
    }
    insta::assert_snapshot!("empty_facts_json", rendered(&facts_error("f.json", "\n")));
    insta::assert_snapshot!(
        "empty_facts_yaml",
        rendered(&facts_error("f.yaml", "# nothing yet\n"))
    );
    insta::assert_snapshot!("empty_facts_toml", rendered(&facts_error("f.toml", "")));
}

#[test]
fn the_cli_refuses_an_empty_facts_file() {
    let dir = scratch("empty_facts");
    std::fs::write(dir.join("empty.yaml"), "").expect("written");
    let assert = provisio()
        .current_dir(&dir)
        .args(["eval", "claims.policy", "--facts", "empty.yaml"])
        .assert()
        .failure();
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("the facts file is empty"), "{stderr}");
    assert!(
        stderr.contains("write `{}` for no facts, or leave out --facts"),
        "{stderr}"
    );
}

#[test]
fn an_empty_policy_needs_an_instrument() {
    for text in ["", "\n  \n", "# a policy to come\n# some day\n"] {
        let source = SourceFile::new("empty.policy", text);
        let codes: Vec<&str> = match check_source(&source) {
            Ok(_) => panic!("{text:?} checked"),
            Err(problems) => problems.items.iter().map(|p| p.code).collect(),
        };
        assert_eq!(codes, vec!["provisio::empty_policy"], "{text:?}");
    }
    insta::assert_snapshot!("empty_policy", policy_problems("# a policy to come\n"));
    let dir = scratch("empty_policy");
    std::fs::write(dir.join("empty.policy"), "").expect("written");
    let assert = provisio()
        .current_dir(&dir)
        .args(["check", "empty.policy"])
        .assert()
        .failure();
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("a policy needs an instrument"), "{stderr}");
}

// ---------------------------------------------------------------------------
// Bounded diagnostics
// ---------------------------------------------------------------------------

#[test]
fn a_long_value_is_echoed_cut_short() {
    let long = "urgent".repeat(200_000);
    let text = format!(r#"{{"kind": "{long}"}}"#);
    let error = facts_error("f.json", &text);
    let cut = format!("{}…", &long[..provisio::echo::ECHO_LIMIT]);
    assert_eq!(
        messages(&error),
        vec![(
            "provisio::facts::not_in_enum".to_string(),
            format!("kind: `{cut}` is not one of ordinary, urgent")
        )]
    );
    // A long key is cut too, in the message and in the path.
    let key = "k".repeat(10_000);
    let error = facts_error("f.json", &format!(r#"{{"{key}": 1}}"#));
    let cut = format!("{}…", &key[..provisio::echo::ECHO_LIMIT]);
    assert_eq!(messages(&error)[0].1, format!("unknown fact `{cut}`"));
    assert_eq!(error.problems()[0].path, cut);
}

#[test]
fn a_long_name_in_a_policy_is_echoed_cut_short() {
    let name = "x".repeat(100_000);
    let text = format!(
        "instrument \"A\" adopted 2024-01-01\nverdict v = {name} says \"{{yes|no|maybe}}\"\n"
    );
    let source = SourceFile::new("long.policy", text);
    let problems = match check_source(&source) {
        Ok(_) => panic!("checked"),
        Err(problems) => problems,
    };
    assert_eq!(
        problems.items.iter().map(|p| p.code).collect::<Vec<_>>(),
        vec!["provisio::undefined_name"]
    );
    for problem in &problems.items {
        assert!(problem.message.len() < 600, "{}", problem.message.len());
        for (_, label) in &problem.labels {
            assert!(label.len() < 600, "{}", label.len());
        }
    }
}

#[test]
fn a_long_word_in_a_syntax_error_is_echoed_cut_short() {
    let word = "y".repeat(100_000);
    let text = format!("instrument \"A\" adopted 2024-01-01\nverdict v = x {word}\n");
    let problems = match check_source(&SourceFile::new("long.policy", text)) {
        Ok(_) => panic!("checked"),
        Err(problems) => problems,
    };
    let problem = &problems.items[0];
    assert_eq!(problem.code, "provisio::syntax");
    let cut = format!("found `{}…`", "y".repeat(provisio::echo::ECHO_LIMIT));
    assert!(problem.message.ends_with(&cut), "{}", problem.message.len());
}

// ---------------------------------------------------------------------------
// Deep YAML
// ---------------------------------------------------------------------------

#[test]
fn yaml_deeper_than_the_json_limit_is_refused_before_parsing() {
    let depth = 100_000;
    let flow = format!(
        "as_of: '2026-01-01'\namount: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let error = facts_error("f.yaml", &flow);
    let too_deep = vec![(
        "provisio::facts::too_deep".to_string(),
        "the facts nest deeper than 128 levels".to_string(),
    )];
    assert_eq!(messages(&error), too_deep);
    // At the bracket that crossed the limit: the map is one level, then 128 lists.
    let span = error.problems()[0].span;
    let line_two = "as_of: '2026-01-01'\n".len();
    assert_eq!(span.start, line_two + "amount: ".len() + 127);
    let block: String = (0..depth)
        .map(|i| format!("{}a:\n", " ".repeat(i % 5000)))
        .collect();
    assert_eq!(messages(&facts_error("f.yaml", &block)), too_deep);
    // JSON at its parser's limit gets the same diagnostic.
    let json = format!(r#"{{"amount": {}{}}}"#, "[".repeat(200), "]".repeat(200));
    assert_eq!(messages(&facts_error("f.json", &json)), too_deep);
    insta::assert_snapshot!(
        "too_deep_yaml",
        rendered(&facts_error(
            "f.yaml",
            &format!("amount:\n  {}\n", "- ".repeat(130))
        ))
    );
}

#[test]
fn a_deep_yaml_scenario_is_refused() {
    let dir = scratch("deep_scenario");
    std::fs::create_dir_all(dir.join("scenarios")).expect("a directory");
    std::fs::write(
        dir.join("scenarios/deep.yaml"),
        format!(
            "description: deep\nfacts:\n  as_of: '2026-01-01'\nexpect:\n  large: {}{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
    )
    .expect("written");
    let assert = provisio()
        .current_dir(&dir)
        .args(["test", "claims.policy", "scenarios"])
        .assert()
        .failure();
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&assert.get_output().stdout),
        stderr_of(&assert)
    );
    assert!(
        output.contains("the facts nest deeper than 128 levels"),
        "{output}"
    );
}
