//! Dates and durations: days, weeks, months and years added and taken away,
//! month ends and leap years, whole units between dates, and the lints that
//! ask a drafter to say what the text leaves to chance.

use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;

/// Checks a policy, evaluates it for the facts and date, and gives each
/// verdict's value, or the codes of the problems found.
fn run(policy: &str, facts: &str, as_of: &str) -> Result<Vec<String>, Vec<&'static str>> {
    let checked =
        provisio::check::check_source(&SourceFile::new("dates.policy", policy)).map_err(|p| {
            p.items
                .iter()
                .filter(|p| p.severity == miette::Severity::Error)
                .map(|p| p.code)
                .collect::<Vec<_>>()
        })?;
    let model = &checked.model;
    let facts = parse_facts(model, &SourceFile::new("f.json", facts), FactsFormat::Json)
        .map_err(|_| vec!["facts"])?;
    let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("a date");
    let evaluation = evaluate(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    )
    .map_err(|e| vec![e.to_problem(model).code])?;
    Ok(evaluation
        .verdicts
        .iter()
        .map(|v| model.format_value(&v.value))
        .collect())
}

fn warnings(policy: &str) -> Vec<&'static str> {
    provisio::check::check_source(&SourceFile::new("dates.policy", policy))
        .map(|c| c.warnings.items.iter().map(|p| p.code).collect())
        .unwrap_or_default()
}

fn one(expression: &str, facts: &str) -> Result<String, Vec<&'static str>> {
    let policy = format!(
        "fact d: optional date\nprovision p \"P\" text \"t\"\n  define x = {expression}\nverdict x = p.x\n# provisio: allow calendar_rounding\n"
    );
    run(&policy, facts, "2026-01-01").map(|v| v.join(""))
}

#[test]
fn days_and_weeks_cross_months_years_and_leap_days() {
    assert_eq!(
        one("d + 30 days", r#"{"d": "2026-03-26"}"#),
        Ok("2026-04-25".into())
    );
    assert_eq!(
        one("d - 1 day", r#"{"d": "2026-01-01"}"#),
        Ok("2025-12-31".into())
    );
    assert_eq!(
        one("d + 1 day", r#"{"d": "2024-02-28"}"#),
        Ok("2024-02-29".into())
    );
    assert_eq!(
        one("d + 1 day", r#"{"d": "2025-02-28"}"#),
        Ok("2025-03-01".into())
    );
    assert_eq!(
        one("d + 2 weeks", r#"{"d": "2026-12-25"}"#),
        Ok("2027-01-08".into())
    );
    assert_eq!(
        one("30 days + d", r#"{"d": "2026-03-26"}"#),
        Ok("2026-04-25".into())
    );
}

#[test]
fn months_and_years_keep_the_day_of_the_month() {
    assert_eq!(
        one("d + 1 month", r#"{"d": "2026-01-15"}"#),
        Ok("2026-02-15".into())
    );
    assert_eq!(
        one("d + 2 years", r#"{"d": "2024-03-02"}"#),
        Ok("2026-03-02".into())
    );
    assert_eq!(
        one("d + 4 years", r#"{"d": "2024-02-29"}"#),
        Ok("2028-02-29".into())
    );
    assert_eq!(
        one("d - 1 month", r#"{"d": "2026-03-15"}"#),
        Ok("2026-02-15".into())
    );
}

#[test]
fn a_missing_month_end_is_rounded_as_the_policy_says() {
    assert_eq!(
        one("d + 1 month rounded down", r#"{"d": "2026-01-31"}"#),
        Ok("2026-02-28".into())
    );
    assert_eq!(
        one("d + 1 month rounded up", r#"{"d": "2026-01-31"}"#),
        Ok("2026-03-01".into())
    );
    assert_eq!(
        one("d + 1 month rounded down", r#"{"d": "2024-01-31"}"#),
        Ok("2024-02-29".into())
    );
    assert_eq!(
        one("d + 1 year rounded down", r#"{"d": "2024-02-29"}"#),
        Ok("2025-02-28".into())
    );
    assert_eq!(
        one("d + 1 year rounded up", r#"{"d": "2024-02-29"}"#),
        Ok("2025-03-01".into())
    );
    assert_eq!(
        one("d - 1 month rounded down", r#"{"d": "2026-03-31"}"#),
        Ok("2026-02-28".into())
    );
}

#[test]
fn a_missing_month_end_without_rounding_is_an_error_explaining_the_ambiguity() {
    assert_eq!(
        one("d + 1 month", r#"{"d": "2026-01-31"}"#),
        Err(vec!["provisio::ambiguous_date"])
    );
    assert_eq!(
        one("d + 1 year", r#"{"d": "2024-02-29"}"#),
        Err(vec!["provisio::ambiguous_date"])
    );
}

#[test]
fn the_checker_sees_a_missing_month_end_from_a_written_date() {
    assert_eq!(
        one("2026-01-31 + 1 month", "{}"),
        Err(vec!["provisio::ambiguous_date"])
    );
    assert_eq!(
        one("2024-02-29 + 1 year", "{}"),
        Err(vec!["provisio::ambiguous_date"])
    );
    assert_eq!(
        one("2026-01-31 + 1 month rounded up", "{}"),
        Ok("2026-03-01".into())
    );
    assert_eq!(one("2026-01-15 + 1 month", "{}"), Ok("2026-02-15".into()));
}

#[test]
fn the_checker_warns_where_a_month_step_may_land_on_a_missing_day() {
    let policy =
        "fact d: date\nprovision p \"P\" text \"t\"\n  define x = d + 1 month\nverdict x = p.x\n";
    assert_eq!(warnings(policy), ["provisio::calendar_rounding"]);
    let rounded = policy.replace("1 month", "1 month rounded down");
    assert!(warnings(&rounded).is_empty());
    let days = policy.replace("1 month", "30 days");
    assert!(warnings(&days).is_empty());
    let silenced = format!("# provisio: allow calendar_rounding\n{policy}");
    assert!(warnings(&silenced).is_empty());
}

#[test]
fn whole_units_between_dates() {
    let facts = r#"{"d": "2024-02-29"}"#;
    assert_eq!(one("days_between(d, 2024-03-31)", facts), Ok("31".into()));
    assert_eq!(one("2024-03-31 - d", facts), Ok("31".into()));
    assert_eq!(one("d - 2024-03-31", facts), Ok("-31".into()));
    assert_eq!(one("weeks_between(d, 2024-03-31)", facts), Ok("4".into()));
    assert_eq!(one("months_between(d, 2024-03-28)", facts), Ok("0".into()));
    assert_eq!(one("months_between(d, 2024-03-29)", facts), Ok("1".into()));
    // A 29 February birthday: a whole year by 28 February of a common year.
    assert_eq!(one("years_between(d, 2025-02-28)", facts), Ok("1".into()));
    assert_eq!(one("years_between(d, 2025-02-27)", facts), Ok("0".into()));
    assert_eq!(one("years_between(d, 2028-02-29)", facts), Ok("4".into()));
}

#[test]
fn an_unknown_date_moved_keeps_its_range() {
    let policy = "fact d: optional date\nprovision p \"P\" text \"t\"\n  define cap = earliest(d, 2026-03-31) + 30 days\n  define open = as_of before cap\nverdict open = p.open\n";
    assert_eq!(
        run(policy, "{}", "2026-05-01"),
        Ok(vec!["false".to_string()])
    );
    assert_eq!(
        run(policy, "{}", "2026-04-29"),
        Ok(vec!["unknown".to_string()])
    );
}

#[test]
fn both_boundary_forms_hold_on_the_boundary_day() {
    let policy = "fact end_day: date\nprovision p \"P\" text \"t\"\n  define before_it = as_of before end_day\n  define by_it = as_of on or before end_day\n  define after_it = as_of after end_day\n  define from_it = as_of on or after end_day\nverdict a = p.before_it\nverdict b = p.by_it\nverdict c = p.after_it\nverdict d = p.from_it\n";
    let facts = r#"{"end_day": "2026-03-31"}"#;
    assert_eq!(
        run(policy, facts, "2026-03-31"),
        Ok(vec![
            "false".into(),
            "true".into(),
            "false".into(),
            "true".into()
        ])
    );
    assert_eq!(
        run(policy, facts, "2026-03-30"),
        Ok(vec![
            "true".into(),
            "true".into(),
            "false".into(),
            "false".into()
        ])
    );
    assert_eq!(
        run(policy, facts, "2026-04-01"),
        Ok(vec![
            "false".into(),
            "false".into(),
            "true".into(),
            "true".into()
        ])
    );
}

#[test]
fn until_without_a_stated_boundary_is_flagged_unless_a_reading_decides_it() {
    let base = "fact end_day: date\nprovision p \"P\" text \"The duty applies until the end day.\"\n  define applies = as_of before end_day\nverdict v = p.applies\n";
    assert_eq!(warnings(base), ["provisio::boundary_unstated"]);
    let stated = base.replace("until the end day", "up to and including the end day");
    assert!(warnings(&stated).is_empty());
    let silenced = format!("# provisio: allow boundary_unstated\n{base}");
    assert!(warnings(&silenced).is_empty());
    let read = "fact end_day: date\nreading boundary \"whether the end day counts\" exclusive (default) \"it does not\" inclusive \"it does\"\nprovision p \"P\" text \"The duty applies until the end day.\"\n  define applies = if reading boundary is inclusive then as_of on or before end_day else as_of before end_day\nverdict v = p.applies\n";
    assert!(warnings(read).is_empty());
}

#[test]
fn the_bundled_decision_takes_its_boundary_from_a_reading() {
    let policy = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/wto/mc13-ecommerce.policy"
    ))
    .expect("the bundled decision");
    assert!(warnings(&policy).is_empty());
}
