//! Lists written out (`[2016-07-31, 2016-12-31]`), `is one of [...]`,
//! `earliest`/`latest`/`min`/`max` of one list, aggregates with several
//! binders, and `the m in members with the least m.born`.

mod common;

use common::{check_errors, outcomes, problems, verdict};
use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;

/// The text report of an evaluation, with explanations.
fn report(policy: &str, facts: &str, as_of: &str) -> String {
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
    let evaluation = evaluate(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
    )
    .unwrap_or_else(|e| panic!("{}", e.to_problem(model).message));
    provisio::render::text::render(model, &evaluation, &provisio::render::Options::default())
}

const DATES: &str = r#"
instrument "Dates" adopted 2016-01-01
fact decided "the day of the decision": date
fact paid "the amount paid": money in USD
fact days "the days claimed": list of date
provision art1 "Dates"
  text "A decision of 31 July 2016 or 31 December 2016 counts; USD 632 and USD 4213 are the fixed amounts."
  define counts "the decision counts" = decided is one of [2016-07-31, 2016-12-31]
  define other "the decision is another day" = decided is not one of [2016-07-31, 2016-12-31]
  define fixed "the amount is a fixed one" = paid is in [USD 632, USD 4213]
  define earlier "fixed dates before the decision" = count d in [2016-07-31, 2016-12-31] where d before decided
  define first "the first of the dates" = earliest([2016-12-31, 2016-07-31, decided])
  define last_claimed "the last day claimed" = latest(days)
  define least "the least of the amounts" = min([USD 4213, paid, USD 632])
  define most "the greatest of the numbers" = max([3, 7.5, 2])
verdict counts = art1.counts
verdict other = art1.other
verdict fixed = art1.fixed
verdict earlier = art1.earlier
verdict first = art1.first
verdict last_claimed = art1.last_claimed
verdict least = art1.least
verdict most = art1.most
"#;

#[test]
fn a_written_list_is_tested_counted_and_its_extremes_taken() {
    let facts = r#"{"decided": "2016-12-31", "paid": "USD 4213", "days": ["2016-03-01", "2016-05-02", "2016-04-09"]}"#;
    let results = common::run(DATES, facts, "2017-01-01").expect("evaluates");
    assert_eq!(verdict(&results, "counts"), "true");
    assert_eq!(verdict(&results, "other"), "false");
    assert_eq!(verdict(&results, "fixed"), "true");
    assert_eq!(verdict(&results, "earlier"), "1");
    assert_eq!(verdict(&results, "first"), "2016-07-31");
    assert_eq!(verdict(&results, "last_claimed"), "2016-05-02");
    assert_eq!(verdict(&results, "least"), "USD 632.00");
    assert_eq!(verdict(&results, "most"), "7.5");
}

#[test]
fn an_unknown_date_in_a_range_without_a_listed_date_is_not_one_of_them() {
    let apart =
        r#"{"decided": {"between": ["2016-08-01", "2016-12-30"]}, "paid": "USD 1", "days": []}"#;
    let results = outcomes(DATES, apart, "2017-01-01");
    assert_eq!(verdict(&results, "counts"), "false");
    assert_eq!(verdict(&results, "other"), "true");
    let around =
        r#"{"decided": {"between": ["2016-07-01", "2016-12-30"]}, "paid": "USD 1", "days": []}"#;
    let results = outcomes(DATES, around, "2017-01-01");
    assert_eq!(verdict(&results, "counts"), "unknown");
    assert_eq!(verdict(&results, "other"), "unknown");
}

#[test]
fn the_latest_of_an_empty_list_is_an_error() {
    let facts = r#"{"decided": "2016-12-31", "paid": "USD 4213", "days": []}"#;
    let results = outcomes(DATES, facts, "2017-01-01");
    assert_eq!(
        verdict(&results, "last_claimed"),
        "provisio::empty_list: there is no least or greatest value of no elements"
    );
    assert_eq!(verdict(&results, "counts"), "true");
}

#[test]
fn the_explanation_names_the_list_and_the_extreme() {
    let facts =
        r#"{"decided": "2016-12-31", "paid": "USD 4213", "days": ["2016-03-01", "2016-05-02"]}"#;
    insta::assert_snapshot!(report(DATES, facts, "2017-01-01"));
}

#[test]
fn a_list_mixing_kinds_is_refused_naming_both() {
    let policy = r#"
instrument "Mixed" adopted 2016-01-01
fact decided "the day": date
provision art1 "A"
  text "t"
  define counts "it counts" = decided is in [2016-07-31, USD 4, 2016-12-31]
verdict counts = art1.counts
"#;
    assert_eq!(check_errors(policy), vec!["provisio::mixed_list"]);
    insta::assert_snapshot!(problems(policy));
}

#[test]
fn is_one_of_reads_the_entries_as_values_of_the_operand() {
    let policy = r#"
instrument "Wrong kind" adopted 2016-01-01
fact decided "the day": date
provision art1 "A"
  text "t"
  define counts "it counts" = decided is one of [2016-07-31, 5]
verdict counts = art1.counts
"#;
    insta::assert_snapshot!(problems(policy));
}

#[test]
fn an_empty_list_needs_a_known_kind() {
    let policy = r#"
instrument "Empty" adopted 2016-01-01
fact decided "the day": date
provision art1 "A"
  text "t"
  define none_listed "how many" = count d in [] where d before decided
  define never "never" = decided is one of []
verdict none_listed = art1.none_listed
verdict never = art1.never
"#;
    assert_eq!(check_errors(policy), vec!["provisio::empty_list_type"]);
    insta::assert_snapshot!(problems(policy));
    let fixed = policy
        .replace(
            "  define none_listed \"how many\" = count d in [] where d before decided\n",
            "",
        )
        .replace("verdict none_listed = art1.none_listed\n", "");
    let results = outcomes(&fixed, r#"{"decided": "2016-01-01"}"#, "2017-01-01");
    assert_eq!(verdict(&results, "never"), "false");
}

#[test]
fn and_so_on_belongs_to_tables_only_and_at_the_end() {
    let policy = r#"
instrument "So on" adopted 2016-01-01
fact decided "the day": date
provision art1 "A"
  text "t"
  define counts "it counts" = decided is in [2016-07-31, and so on]
  parameter t "a table": list of integer
    from 2016-01-01: [1, and so on, 2]
verdict counts = art1.counts
"#;
    assert_eq!(
        check_errors(policy),
        vec!["provisio::and_so_on", "provisio::and_so_on"]
    );
    insta::assert_snapshot!(problems(policy));
}

const HOUSEHOLD: &str = r#"
instrument "Household" adopted 2024-01-01
fact members "the members of the household": list of record
  name "the member's name": text
  born "the member's date of birth": date
  resident "whether the member resides": optional boolean
  incomes "the member's incomes": list of record
    amount "the amount": money in USD
  end
end
provision art1 "Income"
  text "The household's income is the sum of every income of every member."
  define total "the household's income" = sum x.amount for m in members, x in m.incomes
  define large "the large incomes of residents" = count m in members, x in m.incomes where m.resident and x.amount > USD 100
  define any_large "some income is large" = any m in members, x in m.incomes satisfies x.amount > USD 1000
  define all_paid "every income is positive" = every m in members, x in m.incomes satisfies x.amount > USD 0
  define smallest "the smallest income" = min x.amount for m in members, x in m.incomes
  define oldest "the oldest member" = the m in members with the least m.born
  define youngest "the youngest resident" = the m in members with the greatest m.born where m.resident, ties to the last
  define first_born "the first of the oldest" = the m in members with the least m.born, ties to the first
  define oldest_name "the oldest member's name" = oldest.name
  define youngest_name "the youngest resident's name" = youngest.name
  define first_name "the first oldest member's name" = first_born.name
verdict total = art1.total
verdict large = art1.large
verdict any_large = art1.any_large
verdict all_paid = art1.all_paid
verdict smallest = art1.smallest
verdict oldest = art1.oldest_name
verdict youngest = art1.youngest_name
verdict first_oldest = art1.first_name
"#;

fn member(name: &str, born: &str, resident: &str, incomes: &[&str]) -> String {
    let incomes: Vec<String> = incomes
        .iter()
        .map(|a| format!(r#"{{"amount": "{a}"}}"#))
        .collect();
    format!(
        r#"{{"name": "{name}", "born": "{born}", "resident": {resident}, "incomes": [{}]}}"#,
        incomes.join(", ")
    )
}

fn household(members: &[String]) -> String {
    format!(r#"{{"members": [{}]}}"#, members.join(", "))
}

#[test]
fn several_binders_go_through_every_income_of_every_member() {
    let facts = household(&[
        member("Ana", "1980-03-01", "true", &["USD 50", "USD 150"]),
        member("Ben", "1975-06-30", "false", &["USD 300"]),
        member("Cal", "2010-01-01", "true", &[]),
        member("Dee", "2012-05-05", "true", &["USD 2000"]),
    ]);
    let results = outcomes(HOUSEHOLD, &facts, "2024-06-01");
    assert_eq!(verdict(&results, "total"), "USD 2500.00");
    assert_eq!(verdict(&results, "large"), "2");
    assert_eq!(verdict(&results, "any_large"), "true");
    assert_eq!(verdict(&results, "all_paid"), "true");
    assert_eq!(verdict(&results, "smallest"), "USD 50.00");
    assert_eq!(verdict(&results, "oldest"), "\"Ben\"");
    assert_eq!(verdict(&results, "youngest"), "\"Dee\"");
    assert_eq!(verdict(&results, "first_oldest"), "\"Ben\"");
}

#[test]
fn an_unknown_condition_leaves_a_count_over_several_binders_a_range() {
    let facts = household(&[
        member("Ana", "1980-03-01", "null", &["USD 150", "USD 250"]),
        member("Ben", "1975-06-30", "true", &["USD 300"]),
    ]);
    let results = outcomes(HOUSEHOLD, &facts, "2024-06-01");
    assert_eq!(verdict(&results, "large"), "unknown, between 1 and 3");
    // Ana may not reside, so the youngest resident is one of the two.
    assert_eq!(verdict(&results, "youngest"), "one of \"Ana\", \"Ben\"");
}

#[test]
fn the_explanation_of_several_binders_counts_the_combinations() {
    let facts = household(&[
        member("Ana", "1980-03-01", "true", &["USD 50", "USD 150"]),
        member("Ben", "1975-06-30", "true", &["USD 300"]),
    ]);
    insta::assert_snapshot!(report(HOUSEHOLD, &facts, "2024-06-01"));
}

#[test]
fn a_tie_is_an_error_naming_the_tied_elements_unless_the_policy_breaks_it() {
    let facts = household(&[
        member("Ana", "1980-03-01", "true", &[]),
        member("Ben", "1975-06-30", "true", &[]),
        member("Cal", "1975-06-30", "true", &[]),
        member("Dee", "1980-03-01", "true", &[]),
    ]);
    let results = outcomes(HOUSEHOLD, &facts, "2024-06-01");
    assert_eq!(
        verdict(&results, "oldest"),
        "provisio::tie: Ben (position 1) and Cal (position 2) tie with 1975-06-30, and the policy does not say which one is picked"
    );
    assert_eq!(verdict(&results, "first_oldest"), "\"Ben\"");
    assert_eq!(verdict(&results, "youngest"), "\"Dee\"");
}

#[test]
fn picking_from_no_element_is_an_error() {
    let results = outcomes(HOUSEHOLD, r#"{"members": []}"#, "2024-06-01");
    assert_eq!(
        verdict(&results, "oldest"),
        "provisio::empty_list: there is no least or greatest value of no elements"
    );
    assert_eq!(verdict(&results, "total"), "USD 0.00");
    assert_eq!(verdict(&results, "large"), "0");
}

#[test]
fn a_later_binder_cannot_be_used_before_it_is_bound() {
    let policy = HOUSEHOLD.replace(
        "count m in members, x in m.incomes where",
        "count x in m.incomes, m in members where",
    );
    assert_eq!(check_errors(&policy), vec!["provisio::undefined_name"]);
    let policy = HOUSEHOLD.replace(
        "sum x.amount for m in members, x in m.incomes",
        "sum m.born for m in members, m in members",
    );
    assert_eq!(
        check_errors(&policy),
        vec!["provisio::type_mismatch", "provisio::binder_shadows"]
    );
}

#[test]
fn a_pick_compares_ordered_keys_of_a_list() {
    let policy = HOUSEHOLD.replace(
        "the m in members with the least m.born",
        "the m in members with the least m.name",
    );
    insta::assert_snapshot!(problems(&policy));
}

#[test]
fn an_open_pick_names_the_elements_that_could_win() {
    let facts = household(&[
        member("Ana", "1980-03-01", "null", &["USD 10"]),
        member("Ben", "1975-06-30", "true", &[]),
    ]);
    let report = report(HOUSEHOLD, &facts, "2024-06-01");
    let line = report
        .lines()
        .find(|l| l.contains("- The youngest resident:"))
        .expect("the pick's step");
    assert!(
        line.ends_with(
            "of the members of the household (2 in all) that satisfy `m.resident`, the one with the greatest `m.born` is one of Ana or Ben. [art1]"
        ),
        "{line}"
    );
}

#[test]
fn the_combinations_of_several_binders_count_against_the_budget_of_nested_elements() {
    let policy = r#"
instrument "Pairs" adopted 2024-01-01
fact xs "the numbers": list of integer
provision art1 "Pairs"
  text "t"
  define pairs "the equal pairs" = count a in xs, b in xs where a = b
verdict pairs = art1.pairs
"#;
    let small: Vec<String> = (0..10).map(|n| n.to_string()).collect();
    let results = outcomes(
        policy,
        &format!(r#"{{"xs": [{}]}}"#, small.join(", ")),
        "2024-06-01",
    );
    assert_eq!(verdict(&results, "pairs"), "10");
    let large: Vec<String> = (0..1001).map(|n| n.to_string()).collect();
    let results = outcomes(
        policy,
        &format!(r#"{{"xs": [{}]}}"#, large.join(", ")),
        "2024-06-01",
    );
    assert_eq!(
        verdict(&results, "pairs"),
        "provisio::too_costly: the aggregates nested here would weigh more than 1,000,000 elements in all for these facts"
    );
}

#[test]
fn an_open_test_against_a_written_list_leaves_a_residual_in_its_words() {
    let around = r#"{"decided": {"between": ["2016-07-01", "2016-12-30"]}, "paid": "USD 1", "days": ["2016-01-01"]}"#;
    let report = report(DATES, around, "2017-01-01");
    let residuals: Vec<&str> = report
        .lines()
        .filter(|l| l.contains(": true if "))
        .collect();
    assert_eq!(
        residuals,
        vec![
            "    counts: true if the day of the decision is in [2016-07-31, 2016-12-31].",
            "    other: true if the day of the decision is not in [2016-07-31, 2016-12-31].",
        ]
    );
}

#[test]
fn syntax_errors_in_lists_and_picks_say_what_was_expected() {
    let policy = |expr: &str| {
        format!(
            "instrument \"F\" adopted 2024-01-01\nfact ms \"ms\": list of integer\nprovision p \"P\"\n  text \"t\"\n  define v \"v\" = {expr}\nverdict v = p.v\n"
        )
    };
    let message = |expr: &str| match provisio::check::check_source(&SourceFile::new(
        "test.policy",
        policy(expr),
    )) {
        Ok(_) => panic!("`{expr}` checked"),
        Err(problems) => problems.items[0].message.clone(),
    };
    assert_eq!(
        message("the m in ms with the smallest m"),
        "expected `least` or `greatest`, found `smallest`"
    );
    assert_eq!(
        message("the m in ms with the least m, ties to the middle"),
        "expected `first` or `last`, found `middle`"
    );
    assert_eq!(
        message("[1, 2"),
        "expected `is`, an operator, `]` or `days`, `weeks`, `months` or `years`, found `verdict`"
    );
}
