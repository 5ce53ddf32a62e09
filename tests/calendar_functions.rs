//! The calendar: `year_of(d)` and its kin, `date(y, m, d)`, durations whose
//! count is computed (`filed + notice months`), periods still running, and
//! the days of several periods counted once, with their checks, ranges,
//! explanations and residuals.

mod common;

use assert_cmd::Command;
use common::{check_errors, run, verdict};
use provisio::eval::{AsOfSource, Readings, evaluate, evaluate_only};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;
use serde_json::Value as Json;

const HEADER: &str = r#"instrument "Calendar" adopted 2020-01-01
fact filed "the day the claim was filed": date
fact n "a count": integer
fact half "half a count": decimal
"#;

/// A policy of the header, one provision holding `defines`, and a verdict
/// for each `define NAME` in them.
fn policy(defines: &str) -> String {
    let verdicts: String = defines
        .lines()
        .filter_map(|l| l.trim().strip_prefix("define "))
        .filter_map(|l| l.split([' ', '=']).next())
        .map(|name| format!("verdict {name} = p.{name}\n"))
        .collect();
    format!("{HEADER}provision p \"P\"\n  text \"t\"\n{defines}\n{verdicts}")
}

/// Runs a policy of `defines` on the facts: each verdict's value shown.
fn values(defines: &str, facts: &str) -> Vec<(String, String)> {
    run(&policy(defines), facts, "2026-06-01").unwrap_or_else(|e| panic!("{e}"))
}

/// The evaluation errors of the verdicts of `policy` on `facts`: verdict,
/// code and message.
fn eval_errors(policy: &str, facts: &str) -> Vec<(String, &'static str, String)> {
    let checked =
        provisio::check::check_source(&SourceFile::new("test.policy", policy)).expect("checks");
    let model = &checked.model;
    let facts = parse_facts(
        model,
        &SourceFile::new("facts.json", facts),
        FactsFormat::Json,
    )
    .expect("facts load");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date");
    let evaluation = evaluate_only(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
        &(0..model.verdicts.len() as u32).collect::<Vec<_>>(),
    );
    evaluation
        .verdicts
        .iter()
        .filter_map(|v| {
            let error = v.error.as_ref()?;
            let name = model.verdicts[v.verdict as usize].name.clone();
            Some((name, error.code(), error.to_problem(model).message))
        })
        .collect()
}

/// Every problem of a policy that does not check, rendered as the terminal
/// shows it.
fn rendered_problems(policy: &str) -> String {
    match provisio::check::check_source(&SourceFile::new("bad.policy", policy)) {
        Ok(_) => panic!("checked without errors"),
        Err(problems) => problems
            .items
            .iter()
            .map(|p| render(p, false))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn stdout_of(args: &[&str]) -> String {
    let output = provisio().args(args).output().expect("provisio runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "provisio {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

const KNOWN: &str = r#"{"filed": "2024-02-10", "n": 3, "half": "1.5"}"#;

#[test]
fn the_calendar_functions_take_a_date_apart_and_put_one_together() {
    let results = values(
        "  define y = year_of(filed)
  define m = month_of(filed)
  define d = day_of(filed)
  define soy = start_of_year(filed)
  define eoy = end_of_year(filed)
  define som = start_of_month(filed)
  define eom = end_of_month(filed)
  define made = date(year_of(filed) + 1, 12, 31)
  define leap = date(2024, 2, 29)
  define last_day = end_of_month(date(2025, 2, 1))",
        KNOWN,
    );
    let shown: Vec<(&str, &str)> = results
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("y", "2024"),
            ("m", "2"),
            ("d", "10"),
            ("soy", "2024-01-01"),
            ("eoy", "2024-12-31"),
            ("som", "2024-02-01"),
            ("eom", "2024-02-29"),
            ("made", "2025-12-31"),
            ("leap", "2024-02-29"),
            ("last_day", "2025-02-28"),
        ]
    );
}

#[test]
fn an_unknown_date_in_a_range_gives_the_range_of_results_where_sound() {
    let facts = r#"{"filed": {"between": ["2024-03-01", "2025-02-01"]}, "n": 3, "half": "1"}"#;
    let results = values(
        "  define y = year_of(filed)
  define m = month_of(filed)
  define d = day_of(filed)
  define eom = end_of_month(filed)
  define soy = start_of_year(filed)
  define feb = date(year_of(filed), 2, 29)",
        facts,
    );
    assert_eq!(verdict(&results, "y"), "unknown, between 2024 and 2025");
    // Across a new year the month may be any.
    assert_eq!(verdict(&results, "m"), "unknown, between 1 and 12");
    assert_eq!(verdict(&results, "d"), "unknown, between 1 and 31");
    assert_eq!(
        verdict(&results, "eom"),
        "unknown, between 31 March 2024 and 28 February 2025"
    );
    assert_eq!(
        verdict(&results, "soy"),
        "unknown, between 1 January 2024 and 1 January 2025"
    );
    assert_eq!(
        verdict(&results, "feb"),
        "unknown, between 29 February 2024 and 28 February 2025"
    );

    // Within one month, the day is a range and the month and year known.
    let facts = r#"{"filed": {"between": ["2024-03-05", "2024-03-20"]}, "n": 3, "half": "1"}"#;
    let results = values(
        "  define y = year_of(filed)
  define m = month_of(filed)
  define d = day_of(filed)
  define eom = end_of_month(filed)",
        facts,
    );
    assert_eq!(verdict(&results, "y"), "2024");
    assert_eq!(verdict(&results, "m"), "3");
    assert_eq!(verdict(&results, "d"), "unknown, between 5 and 20");
    assert_eq!(verdict(&results, "eom"), "2024-03-31");
}

#[test]
fn an_impossible_day_is_an_evaluation_error_that_names_it_never_a_shift() {
    let policy = policy(
        "  define feb = date(year_of(filed) - 1, 2, 29)
  define month = date(2024, n + 10, 1)
  define part = date(2024, 1, half)
  define fine = date(year_of(filed), 2, 29)",
    );
    assert_eq!(
        eval_errors(&policy, KNOWN),
        [
            (
                String::from("feb"),
                "provisio::impossible_date",
                String::from("there is no 29 February 2023: February 2023 has 28 days")
            ),
            (
                String::from("month"),
                "provisio::impossible_date",
                String::from("there is no month 13: months run from 1 to 12")
            ),
            (
                String::from("part"),
                "provisio::not_whole",
                String::from("the day is 1.5, not a whole number")
            ),
        ]
    );
}

#[test]
fn a_written_impossible_date_is_reported_by_the_checker() {
    assert_eq!(
        check_errors(&policy("  define a = date(2023, 2, 29)")),
        ["provisio::impossible_date"]
    );
    assert_eq!(
        check_errors(&policy("  define a = date(2026, 0, 1)")),
        ["provisio::impossible_date"]
    );
    assert_eq!(
        check_errors(&policy("  define a = date(2026, 4, 31)")),
        ["provisio::impossible_date"]
    );
    assert!(check_errors(&policy("  define a = date(2024, 2, 29)")).is_empty());
}

#[test]
fn bad_calls_and_durations_get_diagnostics_naming_the_function_and_the_types() {
    let bad = policy(
        "  define a = year_of(filed, filed)
  define b = year_of(n)
  define c = date(2023, 2, 29)
  define e = date(2024, 13, 1)
  define f = yeer_of(filed)
  define g = date(filed, 1, 1)
  define h = date(2024, 1)
  define i = endofmonth(filed)
  define j = filed + (1.5) days
  define k = filed + filed months
  define l = n months
  define m = n + n days",
    );
    insta::assert_snapshot!("bad_calls_and_durations", rendered_problems(&bad));
}

#[test]
fn durations_count_a_computed_whole_number_of_units() {
    let results = values(
        r#"  define plain = filed + n months rounded down
  define product = filed + 2 * n days
  define written_product = filed - 2 * 3 days
  define parenthesised = filed + (n + 1) weeks
  define back = filed - n years rounded up
  define literal = filed + 30 days
  define arithmetic = n - 3
  define chained = filed + n days + 1 day
  define in_a_comparison = filed + n days before 2024-02-14"#,
        KNOWN,
    );
    assert_eq!(verdict(&results, "plain"), "2024-05-10");
    assert_eq!(verdict(&results, "product"), "2024-02-16");
    assert_eq!(verdict(&results, "written_product"), "2024-02-04");
    assert_eq!(verdict(&results, "parenthesised"), "2024-03-09");
    assert_eq!(verdict(&results, "back"), "2021-02-10");
    assert_eq!(verdict(&results, "literal"), "2024-03-11");
    assert_eq!(verdict(&results, "arithmetic"), "0");
    assert_eq!(verdict(&results, "chained"), "2024-02-14");
    assert_eq!(verdict(&results, "in_a_comparison"), "true");
}

#[test]
fn a_count_from_a_record_field_and_a_negative_count() {
    let policy = r#"instrument "Fields" adopted 2020-01-01
fact filed "the day the claim was filed": date
fact e "the extension": record
  months "its length in months": integer
end
provision p "P"
  text "t"
  define a = filed + (e.months) months rounded down
  define b = filed + e.months months rounded down
verdict a = p.a
verdict b = p.b
"#;
    let results = run(
        policy,
        r#"{"filed": "2024-01-31", "e": {"months": -2}}"#,
        "2026-06-01",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict(&results, "a"), "2023-11-30");
    assert_eq!(verdict(&results, "b"), "2023-11-30");
}

#[test]
fn month_ends_follow_the_rules_of_a_written_step() {
    // Without a rounding, a month step by a computed count warns, and errs
    // when it lands on a missing day for the facts.
    let unrounded = policy("  define a = filed + n months");
    let checked =
        provisio::check::check_source(&SourceFile::new("test.policy", unrounded.as_str()))
            .expect("checks, with a warning");
    let warnings: Vec<&str> = checked
        .warnings
        .items
        .iter()
        .map(|w| w.code)
        .filter(|c| *c != "provisio::unused_fact")
        .collect();
    assert_eq!(warnings, ["provisio::calendar_rounding"]);
    assert_eq!(
        eval_errors(
            &unrounded,
            r#"{"filed": "2024-01-31", "n": 1, "half": "1"}"#
        ),
        [(
            String::from("a"),
            "provisio::ambiguous_date",
            String::from(
                "`filed + n months` from 31 January 2024 names 31 February 2024, a day that does not exist"
            )
        )]
    );
    // A count written in parentheses is a written duration, checked as one.
    assert_eq!(
        check_errors(&policy("  define a = 2024-01-31 + (1) months")),
        ["provisio::ambiguous_date"]
    );
    // From a written day on or before the 28th, no step can miss.
    let safe = policy("  define a = 2024-01-28 + n months");
    let checked = provisio::check::check_source(&SourceFile::new("test.policy", safe.as_str()))
        .expect("checks");
    assert!(
        checked
            .warnings
            .items
            .iter()
            .all(|w| w.code == "provisio::unused_fact")
    );
    let results = values(
        "  define down = filed + n months rounded down
  define up = filed + n months rounded up",
        r#"{"filed": "2024-01-31", "n": 1, "half": "1"}"#,
    );
    assert_eq!(verdict(&results, "down"), "2024-02-29");
    assert_eq!(verdict(&results, "up"), "2024-03-01");
}

#[test]
fn a_count_that_is_not_whole_is_an_error() {
    assert_eq!(
        eval_errors(
            &policy("  define a = filed + half days"),
            r#"{"filed": "2024-01-31", "n": 1, "half": "2.5"}"#
        ),
        [(
            String::from("a"),
            "provisio::not_whole",
            String::from("the count of a duration is 2.5, not a whole number")
        )]
    );
    // A whole decimal counts.
    let results = values(
        "  define a = filed + half days",
        r#"{"filed": "2024-01-31", "n": 1, "half": "2.0"}"#,
    );
    assert_eq!(verdict(&results, "a"), "2024-02-02");
    assert_eq!(
        check_errors(&policy("  define a = filed + (2.5) days")),
        ["provisio::not_whole"]
    );
}

#[test]
fn an_unknown_count_or_date_moves_the_range() {
    let results = values(
        "  define a = filed + n months rounded down
  define b = filed - 2 * n days",
        r#"{"filed": {"between": ["2024-03-01", "2025-02-01"]}, "n": {"between": [1, 3]}, "half": "1"}"#,
    );
    assert_eq!(
        verdict(&results, "a"),
        "unknown, between 1 April 2024 and 1 May 2025"
    );
    assert_eq!(
        verdict(&results, "b"),
        "unknown, between 24 February 2024 and 30 January 2025"
    );
}

const PERIODS: &str = r#"instrument "Periods" adopted 2020-01-01
fact a "the first period": record
  start "its first day": date
  last "its last day, none while it goes on": optional date or none
end
fact b "the second period": record
  start "its first day": date
  last "its last day": date
end
fact stays "the stays": optional list of record
  start "the first day of the stay": date
  last "the last day of the stay": date or none
end
provision p "P"
  text "t"
  define single = days from a.start to a.last within 2024-01-01 to 2024-12-31
  define both = days from a.start to a.last, from b.start to b.last within 2024-01-01 to 2024-12-31
  define listed = days of s in stays from s.start to s.last within 2024-01-01 to 2024-12-31
  define summed = sum days from s.start to s.last within 2024-01-01 to 2024-12-31 for s in stays
verdict single = p.single
verdict both = p.both
verdict listed = p.listed
verdict summed = p.summed
"#;

#[test]
fn a_period_still_running_counts_to_the_window_end() {
    let results = run(
        PERIODS,
        r#"{"a": {"start": "2024-12-01", "last": "none"},
            "b": {"start": "2024-01-01", "last": "2024-01-10"},
            "stays": [{"start": "2024-12-01", "last": "none"}]}"#,
        "2026-06-01",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict(&results, "single"), "31");
    assert_eq!(verdict(&results, "both"), "41");
    assert_eq!(verdict(&results, "listed"), "31");
}

#[test]
fn overlapping_periods_count_each_day_once() {
    let results = run(
        PERIODS,
        r#"{"a": {"start": "2024-01-01", "last": "2024-01-10"},
            "b": {"start": "2024-01-05", "last": "2024-01-20"},
            "stays": [{"start": "2024-01-01", "last": "2024-01-10"},
                      {"start": "2024-01-05", "last": "2024-01-20"},
                      {"start": "2024-01-21", "last": "2024-01-21"},
                      {"start": "2023-12-01", "last": "2024-01-02"}]}"#,
        "2026-06-01",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict(&results, "both"), "20");
    assert_eq!(verdict(&results, "listed"), "21");
    assert_eq!(verdict(&results, "summed"), "29");
}

#[test]
fn a_period_whose_end_is_before_its_start_holds_no_day() {
    let results = run(
        PERIODS,
        r#"{"a": {"start": "2024-02-01", "last": "2024-01-01"},
            "b": {"start": "2024-03-01", "last": "2024-02-01"},
            "stays": [{"start": "2024-03-01", "last": "2024-02-01"}]}"#,
        "2026-06-01",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict(&results, "single"), "0");
    assert_eq!(verdict(&results, "both"), "0");
    assert_eq!(verdict(&results, "listed"), "0");
}

#[test]
fn an_unknown_end_or_list_gives_a_range_of_day_counts() {
    let results = run(
        PERIODS,
        r#"{"a": {"start": "2024-03-01"},
            "b": {"start": "2024-02-01", "last": "2024-03-10"}}"#,
        "2026-06-01",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict(&results, "single"), "unknown, between 0 and 306");
    assert_eq!(verdict(&results, "both"), "unknown, between 39 and 335");
    assert_eq!(verdict(&results, "listed"), "unknown, between 0 and 366");
}

#[test]
fn periods_with_parts_of_the_wrong_type_are_reported() {
    let bad = r#"instrument "Periods" adopted 2020-01-01
fact a "the first period": record
  start "its first day": date
  last "its last day": integer
end
fact stays "the stays": integer
fact starts "the first days": date or none
provision p "P"
  text "t"
  define x = days from a.start to a.last, from a.start to a.start within 2024-01-01 to 2024-12-31
  define y = days of s in stays from s.start to s.last within 2024-01-01 to 2024-12-31
  define z = days from starts to starts within 2024-01-01 to 2024-12-31
  define w = days of a in stays from 2024-01-01 to 2024-01-02 within 2024-01-01 to 2024-12-31
verdict x = p.x
"#;
    insta::assert_snapshot!("periods_of_the_wrong_type", rendered_problems(bad));
}

#[test]
fn explanations_say_the_calendar_in_words() {
    let text = stdout_of(&[
        "eval",
        "tests/calendar_functions/notice.policy",
        "--facts",
        "tests/calendar_functions/notice.json",
        "--at",
        "2026-06-01",
        "--explain",
        "full",
    ]);
    insta::assert_snapshot!("notice_explained", text);
}

#[test]
fn explanations_of_unknown_dates_and_counts_say_what_is_open() {
    let text = stdout_of(&[
        "eval",
        "tests/calendar_functions/notice.policy",
        "--facts",
        "tests/calendar_functions/notice-unknown.json",
        "--at",
        "2026-06-01",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("notice_unknown_explained", text);
}

#[test]
fn residuals_write_the_calendar_in_the_policy_syntax() {
    let text = stdout_of(&[
        "eval",
        "tests/calendar_functions/notice.policy",
        "--facts",
        "tests/calendar_functions/notice-unknown.json",
        "--at",
        "2026-06-01",
        "--format",
        "json",
    ]);
    let json: Json = serde_json::from_str(&text).expect("JSON");
    let residual = |name: &str| json["verdicts"][name]["residual"].clone();
    assert_eq!(residual("filing_year"), "year_of(filed)");
    assert_eq!(
        residual("deadline"),
        "earliest(filed + notice months rounded down, end_of_year(filed))"
    );
    assert_eq!(json["verdicts"]["filing_year"]["at_least"], 2024);
    assert_eq!(json["verdicts"]["filing_year"]["at_most"], 2025);
    assert_eq!(json["verdicts"]["deadline"]["at_least"], "2024-04-01");
    assert_eq!(json["verdicts"]["deadline"]["at_most"], "2025-05-01");
}

#[test]
fn residuals_evaluate_to_the_value_once_the_facts_are_known() {
    let policy = policy(
        "  define a = year_of(filed) + 0
  define b = filed + n months rounded down",
    );
    let checked = provisio::check::check_source(&SourceFile::new("test.policy", policy.as_str()))
        .expect("checks");
    let model = &checked.model;
    let load = |text: &str| {
        parse_facts(
            model,
            &SourceFile::new("facts.json", text),
            FactsFormat::Json,
        )
        .expect("facts load")
    };
    let unknown = load(
        r#"{"filed": {"between": ["2024-01-01", "2025-12-31"]}, "n": {"between": [1, 2]}, "half": "1"}"#,
    );
    let known = load(r#"{"filed": "2024-01-31", "n": 1, "half": "1"}"#);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date");
    let evaluation = evaluate(
        model,
        &unknown,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    )
    .expect("evaluates");
    let shown: Vec<String> = evaluation
        .verdicts
        .iter()
        .map(|outcome| {
            let residual = evaluation.residual(model, outcome).expect("a residual");
            model.format_value(&residual.evaluate(&known))
        })
        .collect();
    assert_eq!(shown, ["2024", "2024-02-29"]);
}

#[test]
fn overlapping_periods_counted_once_pass_their_scenarios() {
    let output = provisio()
        .args(["test", "tests/calendar_functions/periods"])
        .output()
        .expect("provisio runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("3 passed, 0 failed"), "{stdout}");
}

#[test]
fn deep_calendar_forms_are_too_deep_not_a_crash() {
    for (open, core) in [
        ("days from d to d, from d to d within d to ", "d"),
        ("days of p in xs from d to d within d to ", "d"),
        ("year_of(", "d"),
        ("(d + ", "1) days"),
    ] {
        let text = format!(
            "instrument \"Deep\" adopted 2020-01-01\nfact d \"a day\": date\nverdict v = {}{}\n",
            open.repeat(100_000),
            core
        );
        let problem =
            provisio::syntax::limits::check_nesting(&SourceFile::new("deep.policy", text))
                .expect_err("too deep");
        assert_eq!(problem.code, "provisio::too_deep", "{open}");
    }
    // Nested a few levels, they parse and check.
    let nested = policy(
        "  define a = days from filed to filed, from filed to filed within filed to filed + (days from filed to filed within filed to filed + (n + 1) days) days",
    );
    assert!(check_errors(&nested).is_empty());
}

#[test]
fn a_timeline_counts_the_days_of_the_calendar_year_as_they_pass() {
    let text = stdout_of(&[
        "timeline",
        "tests/calendar_functions/this-year.policy",
        "--facts",
        "tests/calendar_functions/this-year.json",
        "--from",
        "2024-01-01",
        "--to",
        "2024-04-30",
    ]);
    // The stays hold 27 days by 5 February (10 January to 5 February, the
    // overlap once); the stay still running from 1 March makes 30 on 3 March.
    assert_eq!(
        text,
        "Timeline
From 1 January 2024 to 30 April 2024

Facts
  stays = [{start: 10 January 2024, last: 20 January 2024}, {start: 15 January 2024, last: 5 February 2024}, {start: 1 March 2024, last: none}]

enough
  1 January 2024 to 2 March 2024: false
  3 March 2024 to 30 April 2024: true
  Changes:
    false until 2 March 2024; true from 3 March 2024

month_end
  1 January 2024 to 31 January 2024: 31 January 2024
  1 February 2024 to 29 February 2024: 29 February 2024
  1 March 2024 to 31 March 2024: 31 March 2024
  1 April 2024 to 30 April 2024: 30 April 2024
  Changes:
    31 January 2024 until 31 January 2024; 29 February 2024 from 1 February 2024
    29 February 2024 until 29 February 2024; 31 March 2024 from 1 March 2024
    31 March 2024 until 31 March 2024; 30 April 2024 from 1 April 2024
"
    );
}

#[test]
fn one_day_within_the_window_is_said_in_the_singular() {
    let text = stdout_of(&[
        "eval",
        "tests/calendar_functions/one-day.policy",
        "--facts",
        "tests/calendar_functions/one-day.json",
        "--at",
        "2025-06-01",
    ]);
    assert!(
        text.contains("1, 1 of the days from the start (1 March 2025) to the start (1 March 2025) falls within 1 January 2025 to 31 December 2025."),
        "{text}"
    );
    assert!(
        text.contains(" and from the start (1 March 2025) to the start (1 March 2025) falls within 1 January 2025 to 31 December 2025, each day counted once."),
        "{text}"
    );
    assert!(text.contains("1 day of the periods from"), "{text}");
}
