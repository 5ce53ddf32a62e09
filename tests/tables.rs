//! Tables in dated values, looked up by position or enumeration value
//! (`max_credit[children]`), dated as a whole or entry by entry, whose last
//! entry may continue (`and so on`); and maximums a text leaves unset
//! (`no limit`).

mod common;

use common::{check_errors, outcomes, problems, verdict};
use provisio::eval::{AsOfSource, Readings, evaluate_only};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;

/// One verdict's evaluation error, as the terminal shows it.
fn evaluation_error(policy: &str, facts: &str, as_of: &str, name: &str) -> String {
    let checked = provisio::check::check_source(&SourceFile::new("test.policy", policy))
        .unwrap_or_else(|problems| panic!("does not check: {problems:?}"));
    let model = &checked.model;
    let facts = parse_facts(
        model,
        &SourceFile::new("facts.json", facts),
        FactsFormat::Json,
    )
    .unwrap_or_else(|e| panic!("facts: {e:?}"));
    let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("a date");
    let id = model.verdict_named(name).expect("a verdict");
    let evaluation = evaluate_only(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
        &[id],
    );
    let error = evaluation.verdicts[0].error.as_ref().expect("an error");
    provisio::render::diagnostics::render(&error.to_problem(model), false)
}

const CREDIT: &str = r#"
instrument "Credit" adopted 2024-01-01
fact children "the number of qualifying children": integer
fact occupancy "how the home is held": one of owner, tenant, free_lodger
provision art1 "Credit"
  text "The maximum credit is USD 632 with no qualifying children, USD 4213 with one, USD 6960 with two and USD 7830 with three or more."
  parameter max_credit "the maximum credit by number of qualifying children": list of money in USD
    from 2024-01-01: [USD 632, USD 4213, USD 6960, USD 7830, and so on]
  parameter phase_in "the phase-in rate by number of qualifying children": list of decimal
    from 2024-01-01: [7.65%, 34%, 40%, 45%]
  parameter rate "the rate by how the home is held": list of decimal
    from 2024-01-01: owner: 10%, tenant: 20%, free_lodger: 0%
    from 2025-01-01: tenant: 25%
  parameter bonus "the bonus by position": list of money in USD
    from 2024-01-01: entry 0: USD 10, entry 1: USD 20
    from 2025-01-01: entry 1: USD 25, entry 2: USD 30
  define credit "the maximum credit" = max_credit[children]
  define phase_in_rate "the phase-in rate" = phase_in[children]
  define home_rate "the rate of the home" = rate[occupancy]
  define bonus_now "the bonus" = bonus[children]
  define fixed "an entry of a written list" = [2, 4, 6][children - 1]
verdict credit = art1.credit
verdict phase_in_rate = art1.phase_in_rate
verdict home_rate = art1.home_rate
verdict bonus = art1.bonus_now
verdict fixed = art1.fixed
"#;

#[test]
fn a_table_is_looked_up_by_position_and_its_last_entry_continues() {
    let facts = |n: i64| format!(r#"{{"children": {n}, "occupancy": "tenant"}}"#);
    let results = outcomes(CREDIT, &facts(0), "2024-06-01");
    assert_eq!(verdict(&results, "credit"), "USD 632.00");
    assert_eq!(verdict(&results, "phase_in_rate"), "0.0765");
    let results = outcomes(CREDIT, &facts(2), "2024-06-01");
    assert_eq!(verdict(&results, "credit"), "USD 6960.00");
    assert_eq!(verdict(&results, "fixed"), "4");
    let results = outcomes(CREDIT, &facts(7), "2024-06-01");
    assert_eq!(verdict(&results, "credit"), "USD 7830.00");
    assert_eq!(
        verdict(&results, "phase_in_rate"),
        "provisio::index_out_of_range: `art1.phase_in` has no entry at position 7: it has 4 entries, at positions 0 to 3"
    );
    assert_eq!(
        verdict(&results, "fixed"),
        "provisio::index_out_of_range: the list has no entry at position 6: it has 3 entries, at positions 0 to 2"
    );
}

#[test]
fn a_position_before_the_start_is_out_of_range_too() {
    let results = outcomes(
        CREDIT,
        r#"{"children": 0, "occupancy": "owner"}"#,
        "2024-06-01",
    );
    assert_eq!(
        verdict(&results, "fixed"),
        "provisio::index_out_of_range: the list has no entry at position -1: it has 3 entries, at positions 0 to 2"
    );
    assert_eq!(verdict(&results, "home_rate"), "0.1");
}

#[test]
fn an_index_out_of_range_names_the_table_the_index_and_the_entries() {
    insta::assert_snapshot!(evaluation_error(
        CREDIT,
        r#"{"children": 9, "occupancy": "owner"}"#,
        "2024-06-01",
        "phase_in_rate"
    ));
}

#[test]
fn an_unknown_position_in_a_range_gives_the_range_of_its_entries() {
    let results = outcomes(
        CREDIT,
        r#"{"children": {"between": [1, 2]}, "occupancy": {"one_of": ["owner", "tenant"]}}"#,
        "2024-06-01",
    );
    assert_eq!(
        verdict(&results, "credit"),
        "unknown, between USD 4213.00 and USD 6960.00"
    );
    assert_eq!(
        verdict(&results, "home_rate"),
        "unknown, between 0.1 and 0.2"
    );
    // Past the end of a table that continues, every position gives its last entry.
    let results = outcomes(
        CREDIT,
        r#"{"children": {"at_least": 3}, "occupancy": "owner"}"#,
        "2024-06-01",
    );
    assert_eq!(verdict(&results, "credit"), "USD 7830.00");
    // A range reaching past a table that does not continue may be an error.
    assert_eq!(verdict(&results, "phase_in_rate"), "unknown");
}

#[test]
fn entries_are_dated_one_by_one_by_enumeration_value_or_position() {
    let facts = r#"{"children": 1, "occupancy": "tenant"}"#;
    let results = outcomes(CREDIT, facts, "2024-06-01");
    assert_eq!(verdict(&results, "home_rate"), "0.2");
    assert_eq!(verdict(&results, "bonus"), "USD 20.00");
    let results = outcomes(CREDIT, facts, "2025-06-01");
    assert_eq!(verdict(&results, "home_rate"), "0.25");
    assert_eq!(verdict(&results, "bonus"), "USD 25.00");
    let facts = r#"{"children": 2, "occupancy": "owner"}"#;
    let results = outcomes(CREDIT, facts, "2025-06-01");
    assert_eq!(verdict(&results, "home_rate"), "0.1");
    assert_eq!(verdict(&results, "bonus"), "USD 30.00");
}

#[test]
fn a_table_is_looked_up_by_a_whole_number_or_an_enumeration_value() {
    let policy = CREDIT.replace(
        "define credit \"the maximum credit\" = max_credit[children]",
        "define credit \"the maximum credit\" = max_credit[2.5]",
    );
    assert_eq!(check_errors(&policy), vec!["provisio::type_mismatch"]);
    let policy = CREDIT.replace(
        "define credit \"the maximum credit\" = max_credit[children]",
        "define credit \"the maximum credit\" = max_credit[occupancy]",
    );
    assert_eq!(check_errors(&policy), vec!["provisio::table_size"]);
    insta::assert_snapshot!(problems(&policy));
}

#[test]
fn rows_must_give_every_entry_first_without_gaps_or_repeats() {
    let policy = r#"
instrument "Rows" adopted 2024-01-01
fact occupancy "how the home is held": one of owner, tenant, free_lodger
provision art1 "Rows"
  text "t"
  parameter rate "the rate": list of decimal
    from 2024-01-01: owner: 10%, tenant: 20%
    from 2025-01-01: tenant: 25%, tenant: 30%, lodger: 1%
  parameter bonus "the bonus": list of money in USD
    from 2024-01-01: entry 0: USD 10, entry 2: USD 20
  parameter mixed "mixed": list of decimal
    from 2024-01-01: owner: 10%, entry 1: 20%
  define r "the rate" = rate[occupancy]
verdict r = art1.r
"#;
    insta::assert_snapshot!(problems(policy));
}

const CAP: &str = r#"
instrument "Caps" adopted 2010-01-01
fact income "the income": money in USD
provision art1 "Cap"
  text "The deduction is the income, up to USD 10000; from 2018 there is no maximum."
  parameter cap "the maximum deduction": money in USD or no limit
    from 2010-01-01: USD 10000
    from 2018-01-01: no limit
  define deduction "the deduction" = min(income, cap)
  define under "the income is under the cap" = income < cap
  define capped "the cap" = cap
verdict deduction = art1.deduction
verdict under = art1.under
verdict cap = art1.capped
"#;

#[test]
fn no_limit_is_greater_than_every_amount() {
    let facts = r#"{"income": "USD 25000"}"#;
    let results = common::run(CAP, facts, "2017-06-01").expect("evaluates");
    assert_eq!(verdict(&results, "deduction"), "USD 10000.00");
    assert_eq!(verdict(&results, "under"), "false");
    let results = outcomes(CAP, facts, "2019-06-01");
    assert_eq!(verdict(&results, "deduction"), "USD 25000.00");
    assert_eq!(verdict(&results, "under"), "true");
    assert_eq!(verdict(&results, "cap"), "no limit");
}

#[test]
fn no_limit_in_arithmetic_is_refused_by_the_checker_and_by_evaluation() {
    let direct = CAP.replace(
        "define capped \"the cap\" = cap",
        "define capped \"the cap\" = cap / 2",
    );
    assert_eq!(check_errors(&direct), vec!["provisio::no_limit_arithmetic"]);
    insta::assert_snapshot!("no_limit_arithmetic_checked", problems(&direct));
    let through = CAP.replace(
        "define capped \"the cap\" = cap",
        "define capped \"the cap\" = copy * 2\n  define copy \"a copy\" = cap",
    );
    let facts = r#"{"income": "USD 25000"}"#;
    assert_eq!(
        verdict(&outcomes(&through, facts, "2017-06-01"), "cap"),
        "USD 20000.00"
    );
    insta::assert_snapshot!(
        "no_limit_arithmetic_evaluated",
        evaluation_error(&through, facts, "2019-06-01", "cap")
    );
}

#[test]
fn no_limit_needs_its_type_to_allow_it() {
    let policy = r#"
instrument "Caps" adopted 2010-01-01
provision art1 "Cap"
  text "t"
  parameter plain "a plain amount": money in USD
    from 2010-01-01: no limit
  parameter day "a day": date or no limit
    from 2010-01-01: 2010-01-01
"#;
    assert_eq!(
        check_errors(policy),
        vec!["provisio::no_limit", "provisio::no_limit"]
    );
    insta::assert_snapshot!(problems(policy));
}

#[test]
fn the_explanation_says_which_entry_and_that_the_last_continues() {
    let checked =
        provisio::check::check_source(&SourceFile::new("test.policy", CREDIT)).expect("checks");
    let model = &checked.model;
    let facts = parse_facts(
        model,
        &SourceFile::new("facts.json", r#"{"children": 5, "occupancy": "owner"}"#),
        FactsFormat::Json,
    )
    .expect("facts");
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).expect("a date");
    let id = model.verdict_named("credit").expect("a verdict");
    let evaluation = evaluate_only(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
        &[id],
    );
    insta::assert_snapshot!(provisio::render::text::render(
        model,
        &evaluation,
        &provisio::render::Options::default()
    ));
}

#[test]
fn the_cli_reports_a_lookup_past_the_end_and_exits_with_status_3() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let policy = dir.path().join("credit.policy");
    let facts = dir.path().join("facts.json");
    std::fs::write(&policy, CREDIT).expect("written");
    std::fs::write(&facts, r#"{"children": 9, "occupancy": "owner"}"#).expect("written");
    let assert = assert_cmd::Command::new(env!("CARGO_BIN_EXE_provisio"))
        .args(["eval", "--at", "2024-06-01", "--explain", "none", "--facts"])
        .arg(&facts)
        .arg(&policy)
        .assert()
        .code(3);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("  credit = USD 7830.00\n"),
        "the table that continues gives its last entry:\n{stdout}"
    );
    assert!(
        stdout.contains("  phase_in_rate = error (provisio::index_out_of_range)\n"),
        "{stdout}"
    );
}
