//! `provisio diff`: the 2022 and 2024 moratorium decisions compared given
//! the same Session dates, a policy against itself, `--verdict`, `--at`,
//! `--reading`, `--format json`, the witnesses run by `provisio test` on
//! each side, the exit codes and the diagnostics of bad input.

#[path = "common/cli.rs"]
mod cli;

use cli::output;

const MC12: &str = "rules/wto/mc12/mc12-ecommerce.policy";
const MC13: &str = "rules/wto/mc13-ecommerce.policy";
const SESSIONS: &str = "tests/diff/both-sessions.json";

#[test]
fn the_2022_and_2024_decisions_given_the_same_session_dates() {
    let (status, out, err) = output(&[
        "diff",
        MC12,
        MC13,
        "--facts",
        SESSIONS,
        "--verdict",
        "moratorium_in_force",
    ]);
    assert_eq!((status, err.as_str()), (1, ""));
    // From MC13's adoption the 2024 decision keeps the moratorium and the
    // 2022 one does not, until MC14's opening (or closing) day.
    assert!(out.contains(&format!(
        "3. {MC12}: false, {MC13}: true, from 2 March 2024 to 29 March 2026"
    )));
    insta::assert_snapshot!("mc12_mc13_sessions", out);
}

#[test]
fn under_fixed_readings_the_days_of_difference_are_one_span() {
    let (status, out, _) = output(&[
        "diff",
        MC12,
        MC13,
        "--facts",
        SESSIONS,
        "--verdict",
        "moratorium_in_force",
        "--reading",
        "expiry_boundary=exclusive",
        "--reading",
        "mc13_reference=opening",
        "--reading",
        "mc14_reference=opening",
    ]);
    assert_eq!(status, 1);
    insta::assert_snapshot!("mc12_mc13_opening_readings", out);
}

#[test]
fn a_policy_against_itself_has_no_difference_and_exits_0() {
    let (status, out, err) = output(&["diff", MC13, MC13]);
    assert_eq!((status, err.as_str()), (0, ""));
    assert!(out.ends_with("0 differ, 5 same, 0 not decided\n"), "{out}");
    assert!(out.contains(
        "same moratorium_in_force: no case gives it different values (proven over every case)"
    ));
}

#[test]
fn on_one_date_with_both_sessions_known_the_expiry_differs() {
    let (status, out, _) = output(&[
        "diff",
        MC12,
        MC13,
        "--facts",
        SESSIONS,
        "--at",
        "2025-01-01",
        "--verdict",
        "expiry_date",
    ]);
    assert_eq!(status, 1);
    insta::assert_snapshot!("mc12_mc13_expiry_2025", out);
}

#[test]
fn the_json_shape() {
    let (status, out, _) = output(&[
        "diff",
        MC12,
        MC13,
        "--facts",
        SESSIONS,
        "--verdict",
        "moratorium_in_force",
        "--format",
        "json",
    ]);
    assert_eq!(status, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["differs"], serde_json::json!(true));
    assert_eq!(
        json["facts_only_in_old"],
        serde_json::json!(["mc13", "extension_decision"])
    );
    assert_eq!(json["facts_only_in_new"], serde_json::json!(["mc14"]));
    let regions = json["verdicts"][0]["regions"].as_array().expect("regions");
    assert_eq!(regions.len(), 3);
    assert_eq!(regions[2]["first"], serde_json::json!("2024-03-02"));
    assert_eq!(regions[2]["last"], serde_json::json!("2026-03-29"));
    assert_eq!(regions[2]["old"], serde_json::json!("false"));
    assert_eq!(regions[2]["new"], serde_json::json!("true"));
    // Deterministic: the same bytes twice.
    let (_, again, _) = output(&[
        "diff",
        MC12,
        MC13,
        "--facts",
        SESSIONS,
        "--verdict",
        "moratorium_in_force",
        "--format",
        "json",
    ]);
    assert_eq!(out, again);
}

#[test]
fn verdicts_of_one_side_only_are_listed_not_compared() {
    let (status, out, _) = output(&[
        "diff",
        "rules/wto/history/2015-wt-min-15-42/2015-wt-min-15-42.policy",
        "rules/wto/history/2017-wt-min-17-65/2017-wt-min-17-65.policy",
    ]);
    assert_eq!(status, 1);
    assert!(out.contains(
        "only in rules/wto/history/2015-wt-min-15-42/2015-wt-min-15-42.policy (not compared): general_council_reviews_required"
    ), "{out}");
}

#[test]
fn the_witnesses_pass_provisio_test_on_each_side() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let dir_text = dir.path().display().to_string();
    let (status, _, err) = output(&[
        "diff",
        MC12,
        MC13,
        "--facts",
        SESSIONS,
        "--witnesses",
        &dir_text,
    ]);
    assert_eq!((status, err.as_str()), (1, ""));
    let count = |side: &str| {
        std::fs::read_dir(dir.path().join(side))
            .expect("the side's folder")
            .count()
    };
    assert!(count("old") > 0);
    assert_eq!(count("old"), count("new"));
    for (side, policy) in [("old", MC12), ("new", MC13)] {
        let folder = dir.path().join(side).display().to_string();
        let (status, out, err) = output(&["test", "--scenarios", &folder, policy]);
        assert_eq!(status, 0, "{out}{err}");
        assert!(
            out.contains(&format!("{} passed, 0 failed", count(side))),
            "{out}"
        );
    }
    let first = std::fs::read_to_string(dir.path().join("new/moratorium_in_force-03.json"))
        .expect("the witness");
    insta::assert_snapshot!("mc12_mc13_witness_new", first);
}

#[test]
fn a_verdict_of_neither_policy_is_a_diagnostic_with_did_you_mean() {
    let (status, out, err) = output(&["diff", MC12, MC13, "--verdict", "moratorium_in_forc"]);
    assert_eq!((status, out.as_str()), (2, ""));
    insta::assert_snapshot!("unknown_verdict", err);
}

#[test]
fn a_fact_with_two_types_is_a_diagnostic() {
    let (status, out, err) = output(&["diff", MC12, "tests/diff/typed-twice.policy"]);
    assert_eq!((status, out.as_str()), (2, ""));
    // miette wraps the help line; the words are compared without it.
    let words = err.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("provisio::diff::fact_type"), "{err}");
    assert!(words.contains(
        "the fact `mc13` has another type here than in rules/wto/mc12/mc12-ecommerce.policy"
    ));
    assert!(words.contains("tests/diff/typed-twice.policy:8:6"), "{err}");
    assert!(
        words.contains("declares `mc13` as an event (its opening and closing days)"),
        "{err}"
    );
}

#[test]
fn a_fact_of_neither_policy_in_the_facts_is_a_diagnostic() {
    let (status, out, err) = output(&["diff", MC12, MC13, "--facts", "tests/diff/misspelled.json"]);
    assert_eq!((status, out.as_str()), (2, ""));
    insta::assert_snapshot!("fact_of_neither", err);
}

#[test]
fn missing_and_broken_policies_and_bad_arguments_exit_2() {
    let (status, out, err) = output(&["diff", "tests/diff/missing.policy", MC13]);
    assert_eq!((status, out.as_str()), (2, ""));
    assert!(
        err.contains("cannot read policy file `tests/diff/missing.policy`"),
        "{err}"
    );
    let (status, _, err) = output(&["diff", MC13, "tests/diff/both-sessions.json"]);
    assert_eq!(status, 2);
    assert!(err.contains("does not check"), "{err}");
    let (status, _, err) = output(&["diff", MC12, MC13, "--at", "2025-13-01"]);
    assert_eq!(status, 2, "{err}");
    let (status, _, err) = output(&["diff", MC12, MC13, "--reading", "scope=everything"]);
    assert_eq!(status, 2, "{err}");
    let (status, _, _) = output(&["diff", MC12, MC13, "--format", "xml"]);
    assert_eq!(status, 2);
}

#[test]
fn a_reform_on_a_known_day_is_the_version_in_force_that_day() {
    let (status, out, err) = output(&[
        "diff",
        "rules/us-corporate-tax/corporate-rates.policy",
        "rules/us-corporate-tax/reforms/rate-28-percent.policy",
        "--facts",
        "rules/us-corporate-tax/reforms/facts/calendar-2027-1000000.json",
    ]);
    assert_eq!((status, err.as_str()), (1, ""));
    insta::assert_snapshot!("corporate_reform_2027", out);
    // Without a date, its versions change with the date: not decided.
    let (status, out, _) = output(&[
        "diff",
        "rules/us-corporate-tax/corporate-rates.policy",
        "rules/us-corporate-tax/reforms/rate-28-percent.policy",
    ]);
    assert_eq!(status, 0);
    assert!(out.ends_with("0 differ, 0 same, 2 not decided\n"), "{out}");
}

#[test]
fn a_verdict_of_another_type_is_listed_not_compared() {
    let (status, out, err) = output(&["diff", MC13, "tests/diff/other-verdict-type.policy"]);
    assert_eq!((status, err.as_str()), (0, ""));
    insta::assert_snapshot!("other_verdict_type", out);
}

#[test]
fn a_reading_of_neither_policy_is_a_diagnostic_with_did_you_mean() {
    let (status, out, err) = output(&["diff", MC12, MC13, "--reading", "scop=transmission_only"]);
    assert_eq!((status, out.as_str()), (2, ""));
    insta::assert_snapshot!("reading_of_neither", err);
}
