//! A timeline computes what does not change with the date once; its
//! intervals must be exactly those of evaluating every day from scratch.
//! Each bundled policy and test fixture, with each of its facts files and
//! with no facts at all, is run both ways over eleven years.

use chrono::NaiveDate;
use provisio::eval::trace::Trace;
use provisio::eval::{Evaluator, Input, Readings, evaluate_traced, evaluate_values};
use provisio::facts::{Facts, FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::span::SourceFile;
use provisio::timeline::{Interval, Timeline, timeline};
use provisio::value::Value;

/// The timeline as it was first computed: every day evaluated from
/// scratch, and traced whenever a verdict is undetermined. A verdict that
/// fails on a day has that error on that day.
fn day_by_day(
    model: &Model,
    facts: &Facts,
    readings: &Readings,
    from: NaiveDate,
    to: NaiveDate,
) -> Timeline {
    let mut evaluator = Evaluator::new(model);
    let mut trace = Trace::new(model);
    let (mut values, mut traced, mut roots) = (Vec::new(), Vec::new(), Vec::new());
    let mut verdicts: Vec<Vec<Interval>> = vec![Vec::new(); model.verdicts.len()];
    let mut day = from;
    while day <= to {
        let input = Input {
            facts,
            as_of: day,
            readings,
        };
        evaluate_values(&mut evaluator, &input, &mut values);
        let any_unknown = values
            .iter()
            .any(|v| v.as_ref().is_ok_and(|v| !v.is_known()));
        if any_unknown {
            evaluate_traced(&mut evaluator, &mut trace, &input, &mut traced, &mut roots);
        }
        for (index, result) in values.iter().enumerate() {
            let in_force = evaluator
                .verdict_in_force(&input, index as u32)
                .unwrap_or(Value::UNKNOWN);
            let (value, error) = match result {
                Ok(value) => (value.clone(), None),
                Err(error) => (Value::UNKNOWN, Some(error.clone())),
            };
            let depends_on = match (value.is_known(), roots.get(index), &in_force, &error) {
                (false, Some(root), Value::Bool(true), None) if any_unknown => {
                    trace.unknown_facts(*root)
                }
                _ => Vec::new(),
            };
            let intervals = &mut verdicts[index];
            match intervals.last_mut() {
                Some(last)
                    if last.value == value
                        && last.depends_on == depends_on
                        && last.in_force == in_force
                        && match (&last.error, &error) {
                            (Some(a), Some(b)) => a.same_failure(b),
                            (a, b) => a.is_none() && b.is_none(),
                        } =>
                {
                    last.to = day
                }
                _ => intervals.push(Interval {
                    from: day,
                    to: day,
                    value,
                    depends_on,
                    in_force,
                    error,
                }),
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    Timeline {
        from,
        to,
        verdicts,
        assumed_not_known: Vec::new(),
        readings: readings.clone(),
        facts: facts.clone(),
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// Runs the policy with each set of facts both ways, under every
/// alternative of each reading, and compares.
fn same_both_ways(policy: &str, facts: &[(String, String)], from: &str, to: &str) {
    let text = std::fs::read_to_string(policy).expect("reads the policy");
    let checked =
        provisio::check::check_source(&SourceFile::new(policy, text.as_str())).expect("checks");
    let model = &checked.model;
    let mut choices = vec![Readings::defaults(model)];
    for (reading, info) in model.readings.iter().enumerate() {
        for (alternative, alt) in info.alternatives.iter().enumerate() {
            let mut readings = Readings::defaults(model);
            if readings.alternative(reading as u32) != alternative as u32 {
                readings
                    .choose(model, &info.name, &alt.name)
                    .expect("a reading of the policy");
                choices.push(readings);
            }
        }
    }
    let mut compared = 0;
    for (name, text) in facts {
        let Ok(facts) = parse_facts(
            model,
            &SourceFile::new(name.as_str(), text.as_str()),
            FactsFormat::Json,
        ) else {
            continue;
        };
        for readings in &choices {
            let fast = timeline(model, &facts, readings, date(from), date(to));
            let slow = day_by_day(model, &facts, readings, date(from), date(to));
            assert_eq!(fast, slow, "{policy} with {name}");
            compared += 1;
        }
    }
    assert!(compared > 0, "{policy}: no facts loaded");
}

/// The facts files beside a bundled policy, and no facts at all.
fn facts_beside(folder: &str) -> Vec<(String, String)> {
    let mut all = vec![(String::from("{}"), String::from("{}"))];
    let mut paths: Vec<_> = std::fs::read_dir(format!("{folder}/facts"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    for path in paths {
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("reads the facts");
            all.push((path.display().to_string(), text));
        }
    }
    all
}

#[test]
fn the_wto_decision_gives_the_same_timelines() {
    same_both_ways(
        "rules/wto/mc13-ecommerce.policy",
        &facts_beside("rules/wto"),
        "2023-06-01",
        "2027-12-31",
    );
}

#[test]
fn the_us_policies_give_the_same_timelines() {
    for (policy, folder) in [
        (
            "rules/us-corporate-tax/corporate-rates.policy",
            "rules/us-corporate-tax",
        ),
        (
            "rules/us-home-sale/principal-residence.policy",
            "rules/us-home-sale",
        ),
        (
            "rules/us-income-tax/income-tax-and-child-credit.policy",
            "rules/us-income-tax",
        ),
    ] {
        same_both_ways(policy, &facts_beside(folder), "2016-06-01", "2026-06-30");
    }
}

#[test]
fn the_fixtures_give_the_same_timelines() {
    let none = (String::from("{}"), String::from("{}"));
    let register = |count: usize, checked: &str| {
        let amounts: Vec<String> = (95..95 + count).map(|n| n.to_string()).collect();
        (
            format!("{count} amounts"),
            format!(
                r#"{{"amounts": [{}], "deadline": "2024-02-29", {checked}}}"#,
                amounts.join(",")
            ),
        )
    };
    same_both_ways(
        "tests/fixtures/long_list.policy",
        &[
            none.clone(),
            register(30, r#""checked": 100"#),
            register(3, r#""checked": 7"#),
            register(20, r#""checked": null"#),
        ],
        "2019-01-01",
        "2026-12-31",
    );
    let household = (
        String::from("household"),
        String::from(
            r#"{"claimed": "2024-03-01", "household": [
                {"name": "A", "born": "1990-05-01", "income": "EUR 31000", "resident": true},
                {"name": "B", "born": "2020-02-29", "resident": true},
                {"name": "C", "born": "2019-03-01", "income": "EUR 0"}]}"#,
        ),
    );
    same_both_ways(
        "tests/fixtures/household_benefit.policy",
        &[none.clone(), household],
        "2019-06-01",
        "2026-06-30",
    );
    let widget = (
        String::from("widget"),
        String::from(r#"{"income": 500, "student": true, "since": "2024-05-01"}"#),
    );
    same_both_ways(
        "tests/fixtures/widget_tax.policy",
        &[none, widget],
        "2019-06-01",
        "2026-06-30",
    );
}

/// A policy whose verdicts each read the date in a different way: `as_of`
/// itself, a dated value, a duration from the date, a period in force, a
/// rule that does not read the date under one that does, and aggregates
/// that do not read it inside expressions that do, nested in others or
/// reading their elements.
#[test]
fn every_way_of_reading_the_date_gives_the_same_timeline() {
    let policy = std::env::temp_dir().join(format!("provisio-dated-{}.policy", std::process::id()));
    std::fs::write(
        &policy,
        r#"instrument "Dates" adopted 2020-01-01
  in force from 2020-03-01 until 2025-01-01 exclusive
fact xs "the amounts": list of integer
fact deadline "the deadline": optional date
fact start "the start": optional date
provision p "P"
  text "T"
  in force from start
  parameter rate "the rate"
    from 2020-01-01: 1
    from 2022-07-01: 3
  define large "the large amounts" = count x in xs where x > 2
  define open "whether it is open" = as_of before deadline
  define left "the days left" = deadline - as_of
  define rated "the rated amount" = p.large * p.rate
  define fixed "the first rate" = p.rate as of 2020-06-01
verdict large = p.large
verdict open = p.open and p.large > 1
verdict left = p.left
verdict rated = p.rated
verdict fixed = p.fixed
verdict now = as_of + 1 month rounded down
verdict inline = (count x in xs where x > 2) > 1 and as_of before 2023-01-01
verdict nested = count x in xs where (count y in xs where y > x) > 1 and as_of after 2021-06-30
verdict closed_inside = any x in xs satisfies (sum y for y in xs) > x * 3 and as_of before deadline
verdict rated_sum = sum x * p.rate for x in xs
"#,
    )
    .expect("writes the policy");
    let path = policy.display().to_string();
    same_both_ways(
        &path,
        &[
            (String::from("{}"), String::from("{}")),
            (
                String::from("all"),
                String::from(
                    r#"{"xs": [1, 2, 3, 4], "deadline": "2023-02-28", "start": "2021-01-01"}"#,
                ),
            ),
            (
                String::from("no deadline"),
                String::from(r#"{"xs": [5, 6], "start": "2022-12-31"}"#),
            ),
        ],
        "2019-12-01",
        "2025-02-01",
    );
    let _ = std::fs::remove_file(policy);
}
