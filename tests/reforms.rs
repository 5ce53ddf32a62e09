//! Reforms: `--with REFORM.policy` applies an amendment that is not in
//! force to the policy given, for `eval`, `batch`, `test` and `timeline`;
//! `eval --with REFORM --compare` sets each verdict under the base beside
//! the reform's, those that differ first. Fixtures are in
//! `tests/fixtures/amendments/`; the bundled reform is
//! `rules/us-corporate-tax/reforms/rate-28-percent.policy`.

#[path = "common/cli.rs"]
mod cli;

use cli::{output, provisio};

const BASE: &str = "tests/fixtures/amendments/base.policy";
const REFORM: &str = "tests/fixtures/amendments/reform.policy";
const RESIDENT: &str = "tests/fixtures/amendments/resident.json";

fn levy(args: &[&str]) -> String {
    let (status, out, err) = output(args);
    assert_eq!(status, 0, "{err}");
    out.lines()
        .find(|l| l.trim_start().starts_with("levy = "))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// `provisio eval BASE --with REFORM --facts RESIDENT --at AT EXTRA...`.
fn reformed(at: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "eval", BASE, "--with", REFORM, "--facts", RESIDENT, "--at", at,
    ];
    args.extend_from_slice(extra);
    output(&args)
}

#[test]
fn with_a_reform_eval_answers_as_reformed_from_its_date_and_as_the_base_before() {
    let at = |day: &str| {
        levy(&[
            "eval",
            BASE,
            "--with",
            REFORM,
            "--facts",
            RESIDENT,
            "--at",
            day,
            "--explain",
            "none",
        ])
    };
    // 15 per cent of 20,000 - 5,000.
    assert_eq!(at("2027-01-01"), "levy = USD 2250.00");
    // The reform's `from` date applies: before it, the base's answer.
    assert_eq!(at("2026-12-31"), "levy = USD 900.00");
    assert_eq!(
        levy(&[
            "eval",
            BASE,
            "--facts",
            RESIDENT,
            "--at",
            "2027-01-01",
            "--explain",
            "none"
        ]),
        "levy = USD 900.00"
    );
}

#[test]
fn a_reformed_explanation_names_the_reform() {
    let (status, out, _) = reformed("2027-01-01", &[]);
    assert_eq!(status, 0);
    assert!(out.contains("As amended: s1 replaced by PROPOSAL/1 from 1 January 2027\n"));
    assert!(out.contains(
        "[s1, as replaced by PROPOSAL/1 from 1 January 2027: \"15 per cent of income\"]"
    ));
}

#[test]
fn compare_prints_the_verdicts_that_differ_first_side_by_side() {
    let (status, out, err) = reformed("2027-06-30", &["--compare"]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(
        out,
        "Levy Act (LA/2024)\n\
         As of 30 June 2027\n\
         Reform: Levy reform proposal (PROPOSAL/1); in force on the date: s1 replaced by PROPOSAL/1 from 1 January 2027\n\
         \n\
         Differ (1 of 2)\n  \
         verdict  base        with the reform\n  \
         levy     USD 900.00  USD 2250.00\n\
         \n\
         Same (1 of 2)\n  \
         verdict   base   with the reform\n  \
         relieved  false  false\n"
    );
}

#[test]
fn compare_before_the_reforms_date_finds_no_difference() {
    let (status, out, _) = reformed("2026-06-30", &["--compare"]);
    assert_eq!(status, 0);
    assert!(
        out.contains("none of its changes applies on this date"),
        "{out}"
    );
    assert!(out.contains("Same (2 of 2)"), "{out}");
    assert!(!out.contains("Differ"), "{out}");
}

#[test]
fn compare_as_json_has_a_documented_shape() {
    let (status, out, _) = reformed("2027-06-30", &["--compare", "--format", "json"]);
    assert_eq!(status, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!({
            "as_of": "2027-06-30",
            "reform": {"title": "Levy reform proposal", "symbol": "PROPOSAL/1"},
            "amendments": [
                {"provision": "s1", "change": "replaced", "by": "PROPOSAL/1", "from": "2027-01-01"}
            ],
            "differing": 1,
            "verdicts": [
                {
                    "verdict": "levy",
                    "differs": true,
                    "base": {"value": "USD 900.00", "status": "determined", "shown": "USD 900.00"},
                    "reform": {"value": "USD 2250.00", "status": "determined", "shown": "USD 2250.00"}
                },
                {
                    "verdict": "relieved",
                    "differs": false,
                    "base": {"value": false, "status": "determined", "shown": "false"},
                    "reform": {"value": false, "status": "determined", "shown": "false"}
                }
            ]
        })
    );
}

#[test]
fn compare_as_markdown_is_one_table() {
    let (status, out, _) = reformed("2027-06-30", &["--compare", "--format", "markdown"]);
    assert_eq!(status, 0);
    assert!(out.starts_with("# Levy Act: base and reform\n"), "{out}");
    assert!(out.contains(
        "| verdict | base | with the reform | differs |\n|---|---|---|---|\n| `levy` | USD 900.00 | USD 2250.00 | yes |\n| `relieved` | false | false | no |\n"
    ));
}

#[test]
fn compare_with_an_undetermined_verdict_shows_each_sides_range() {
    let (status, out, _) = output(&[
        "eval",
        BASE,
        "--with",
        REFORM,
        "--facts",
        "tests/fixtures/amendments/income-range.json",
        "--at",
        "2027-06-30",
        "--compare",
    ]);
    assert_eq!(status, 0);
    assert!(
        out.contains("  levy     undetermined (between USD 1900.00 and USD 2900.00)  undetermined (between USD 3750.00 and USD 5250.00)\n"),
        "{out}"
    );
}

#[test]
fn compare_reports_missing_facts_in_the_bases_file() {
    let (status, _, err) = output(&["eval", BASE, "--with", REFORM, "--compare"]);
    assert_eq!(status, 1);
    assert!(err.contains("provisio::facts::missing_fact"), "{err}");
    assert!(
        err.contains("╭─[tests/fixtures/amendments/base.policy:6:6]"),
        "{err}"
    );
}

#[test]
fn compare_needs_a_reform() {
    let (status, _, err) = output(&["eval", BASE, "--facts", RESIDENT, "--compare"]);
    assert_eq!(status, 2);
    assert!(err.contains("--with <REFORM>"), "{err}");
}

#[test]
fn a_reform_of_another_policy_is_a_diagnostic_at_its_amends() {
    let (status, out, err) = output(&[
        "eval",
        "tests/fixtures/amendments/amendment.policy",
        "--with",
        REFORM,
        "--facts",
        RESIDENT,
    ]);
    assert_eq!(status, 1);
    assert_eq!(out, "");
    insta::assert_snapshot!("reform_of_another_policy", err);
}

#[test]
fn a_reform_that_amends_nothing_is_a_diagnostic() {
    let (status, _, err) = output(&["eval", BASE, "--with", BASE, "--facts", RESIDENT]);
    assert_eq!(status, 1);
    assert!(err.contains("provisio::reform_not_amendment"), "{err}");
    assert!(
        err.contains("the reform `tests/fixtures/amendments/base.policy` amends no policy"),
        "{err}"
    );
    assert!(
        err.contains("write `amends \"base.policy\"` after its instrument"),
        "{err}"
    );
}

#[test]
fn a_missing_reform_is_a_diagnostic() {
    let (status, _, err) = output(&["eval", BASE, "--with", "no-such-reform.policy"]);
    assert_eq!(status, 1);
    assert!(
        err.contains("cannot read reform `no-such-reform.policy`"),
        "{err}"
    );
}

#[test]
fn batch_with_a_reform_evaluates_each_row_under_it() {
    let rows = "{\"as_of\":\"2026-12-31\",\"income\":\"USD 20000\",\"resident\":true}\n\
                {\"as_of\":\"2027-01-01\",\"income\":\"USD 20000\",\"resident\":true}\n";
    let output = provisio()
        .args([
            "batch",
            BASE,
            "--with",
            REFORM,
            "--scenarios",
            "-",
            "--input-format",
            "jsonl",
        ])
        .write_stdin(rows)
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(0));
    let out = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(
        out,
        "{\"line\":1,\"as_of\":\"2026-12-31\",\"readings\":{},\"verdicts\":{\"levy\":\"USD 900.00\",\"relieved\":false},\"status\":{\"levy\":\"determined\",\"relieved\":\"determined\"}}\n\
         {\"line\":2,\"as_of\":\"2027-01-01\",\"readings\":{},\"verdicts\":{\"levy\":\"USD 2250.00\",\"relieved\":false},\"status\":{\"levy\":\"determined\",\"relieved\":\"determined\"}}\n"
    );
}

#[test]
fn timeline_with_a_reform_changes_on_its_date() {
    let (status, out, _) = output(&[
        "timeline",
        BASE,
        "--with",
        REFORM,
        "--facts",
        RESIDENT,
        "--from",
        "2026-06-01",
        "--to",
        "2027-06-30",
    ]);
    assert_eq!(status, 0);
    assert!(out.contains(
        "levy: The levy due is …\n  1 June 2026 to 31 December 2026: USD 900.00\n  1 January 2027 to 30 June 2027: USD 2250.00\n"
    ), "{out}");
}

#[test]
fn test_with_a_reform_runs_the_bases_scenarios_under_it() {
    // The base's 2018 scenarios still pass under the fictional 2027 amendment.
    let (status, out, err) = output(&[
        "test",
        "rules/us-corporate-tax/corporate-rates.policy",
        "--with",
        "rules/us-corporate-tax/amended-2027/corporate-rates-amended-2027.policy",
    ]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("12 passed, 0 failed"), "{out}");
    // A scenario on a date the reform changes fails under it.
    let (status, _, _) = output(&[
        "test",
        BASE,
        "--with",
        REFORM,
        "--scenarios",
        "tests/fixtures/amendments/reform-scenarios/levy-2027.json",
    ]);
    assert_eq!(status, 1);
    let (status, _, err) = output(&[
        "test",
        BASE,
        "--scenarios",
        "tests/fixtures/amendments/reform-scenarios/levy-2027.json",
    ]);
    assert_eq!(status, 0, "{err}");
}

#[test]
fn the_bundled_reform_raises_the_corporate_rate_from_2027() {
    let (status, out, err) = output(&[
        "eval",
        "rules/us-corporate-tax/corporate-rates.policy",
        "--with",
        "rules/us-corporate-tax/reforms/rate-28-percent.policy",
        "--facts",
        "rules/us-corporate-tax/reforms/facts/calendar-2027-1000000.json",
        "--compare",
    ]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("Differ (2 of 2)"), "{out}");
    assert!(
        out.contains("  tax           USD 210000.00  USD 280000.00\n"),
        "{out}"
    );
    assert!(
        out.contains("  average_rate  0.21           0.28\n"),
        "{out}"
    );
}
