//! Lists of records as facts, aggregates over them with three-valued logic,
//! membership, ages and the overlap of periods.

mod common;

use common::{check_errors, run, verdict};

fn household_policy() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/household_benefit.policy"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn member(name: &str, born: &str, income: &str, resident: &str) -> String {
    format!(
        r#"{{"name": "{name}", "born": "{born}", "income": "{income}", "resident": {resident}}}"#
    )
}

fn household(claimed: &str, members: &[String]) -> String {
    format!(
        r#"{{"claimed": "{claimed}", "household": [{}]}}"#,
        members.join(", ")
    )
}

#[test]
fn a_household_is_counted_summed_and_tested_member_by_member() {
    let facts = household(
        "2024-05-01",
        &[
            member("Ana", "1990-04-02", "EUR 31000.50", "true"),
            member("Ben", "2021-09-10", "EUR 0", "true"),
            member("Cal", "2019-02-01", "EUR 0", "true"),
            member("Dee", "2016-01-01", "EUR 0", "true"),
        ],
    );
    let results = run(&household_policy(), &facts, "2024-05-01").expect("evaluates");
    assert_eq!(verdict(&results, "children"), "2");
    assert_eq!(verdict(&results, "income"), "EUR 31000.50");
    // 2 × EUR 165 less 10% of EUR 1000.50, rounded half up: EUR 100.05.
    assert_eq!(verdict(&results, "benefit"), "EUR 229.95");
}

#[test]
fn a_child_born_on_29_february_turns_6_on_1_march_in_common_years() {
    let leapling = |claimed: &str| {
        let facts = household(claimed, &[member("Eve", "2020-02-29", "EUR 0", "true")]);
        let results = run(&household_policy(), &facts, claimed).expect("evaluates");
        verdict(&results, "children")
    };
    assert_eq!(leapling("2026-02-28"), "1");
    assert_eq!(leapling("2026-03-01"), "0");
}

#[test]
fn an_unknown_member_leaves_every_open_only_while_no_member_decides_it() {
    let policy = household_policy();
    let open = household(
        "2024-05-01",
        &[
            member("Ana", "1990-04-02", "EUR 1000", "true"),
            member("Ben", "2021-09-10", "EUR 0", "null"),
        ],
    );
    let results = run(&policy, &open, "2024-05-01").expect("evaluates");
    assert_eq!(
        verdict(&results, "benefit"),
        "unknown, between EUR 0.00 and EUR 165.00"
    );
    let decided = household(
        "2024-05-01",
        &[
            member("Ana", "1990-04-02", "EUR 1000", "false"),
            member("Ben", "2021-09-10", "EUR 0", "null"),
        ],
    );
    let results = run(&policy, &decided, "2024-05-01").expect("evaluates");
    assert_eq!(verdict(&results, "benefit"), "EUR 0.00");
}

const PEOPLE: &str = r#"
instrument "Aggregates" adopted 2024-01-01
fact people "people": list of record
  age: optional integer
  income: optional money in EUR
  nationality: text
end
fact states "the Member States": list of text
fact country "a country": optional text
provision p "P"
  text "Counting."
  define minors = count x in people where x.age < 18
  define any_minor = any x in people satisfies x.age < 18
  define all_adults = every x in people satisfies x.age >= 18
  define total = sum x.income for x in people
  define adult_income = sum x.income for x in people where x.age >= 18
  define youngest = min x.age for x in people
  define oldest_minor = max x.age for x in people where x.age < 18
  define nationals = count x in people where x.nationality is in states
  define member_state = country is in states
  define third_country = country is not in states
verdict minors = p.minors
verdict any_minor = p.any_minor
verdict all_adults = p.all_adults
verdict total = p.total
verdict adult_income = p.adult_income
verdict youngest = p.youngest
verdict some_minor = p.minors >= 1
verdict nationals = p.nationals
verdict member_state = p.member_state
verdict third_country = p.third_country
"#;

fn people(people: &str, country: &str) -> Vec<(String, String)> {
    let facts =
        format!(r#"{{"people": [{people}], "states": ["FR", "DE", "IT"], "country": {country}}}"#);
    run(PEOPLE, &facts, "2024-06-01").expect("evaluates")
}

#[test]
fn known_elements_give_known_aggregates() {
    let results = people(
        r#"{"age": 40, "income": 1000, "nationality": "FR"},
           {"age": 12, "income": 0, "nationality": "US"},
           {"age": 70, "income": "250.25", "nationality": "IT"}"#,
        r#""DE""#,
    );
    assert_eq!(verdict(&results, "minors"), "1");
    assert_eq!(verdict(&results, "any_minor"), "true");
    assert_eq!(verdict(&results, "all_adults"), "false");
    assert_eq!(verdict(&results, "total"), "EUR 1250.25");
    assert_eq!(verdict(&results, "adult_income"), "EUR 1250.25");
    assert_eq!(verdict(&results, "youngest"), "12");
    assert_eq!(verdict(&results, "nationals"), "2");
    assert_eq!(verdict(&results, "member_state"), "true");
    assert_eq!(verdict(&results, "third_country"), "false");
}

#[test]
fn an_unknown_element_makes_a_count_a_range_and_any_open_only_if_it_could_matter() {
    let results = people(
        r#"{"age": 40, "income": 1000, "nationality": "FR"},
           {"income": 500, "nationality": "US"}"#,
        "null",
    );
    assert_eq!(verdict(&results, "minors"), "unknown, between 0 and 1");
    assert_eq!(verdict(&results, "any_minor"), "unknown");
    assert_eq!(verdict(&results, "all_adults"), "unknown");
    // Perhaps an adult: the adults' income is EUR 1000 or EUR 1500.
    assert_eq!(
        verdict(&results, "adult_income"),
        "unknown, between EUR 1000.00 and EUR 1500.00"
    );
    assert_eq!(verdict(&results, "member_state"), "unknown");
    // A known minor decides `any` and `every` whatever the unknown one is.
    let results = people(
        r#"{"age": 4, "income": 0, "nationality": "FR"},
           {"income": 500, "nationality": "US"}"#,
        r#""CH""#,
    );
    assert_eq!(verdict(&results, "any_minor"), "true");
    assert_eq!(verdict(&results, "all_adults"), "false");
    assert_eq!(verdict(&results, "minors"), "unknown, between 1 and 2");
    assert_eq!(verdict(&results, "some_minor"), "true");
    assert_eq!(verdict(&results, "third_country"), "true");
}

#[test]
fn the_least_of_no_elements_is_an_error_and_the_sum_of_none_is_zero() {
    let error = run(
        PEOPLE,
        r#"{"people": [], "states": [], "country": null}"#,
        "2024-06-01",
    )
    .expect_err("no youngest of nobody");
    assert_eq!(error, "there is no least or greatest value of no elements");
    let policy = PEOPLE.replace("verdict youngest = p.youngest\n", "");
    let results = run(
        &policy,
        r#"{"people": [], "states": [], "country": null}"#,
        "2024-06-01",
    )
    .expect("evaluates");
    assert_eq!(verdict(&results, "total"), "EUR 0.00");
    assert_eq!(verdict(&results, "any_minor"), "false");
    assert_eq!(verdict(&results, "all_adults"), "true");
}

const RESIDENCE: &str = r#"
instrument "Residence" adopted 2024-01-01
fact sale "the day of the sale": date
fact uses "the periods of use": list of record start: date  last: optional date end
provision a "A"
  text "Used for 2 years of the 5 years before the sale."
  define window_start = a.sale_day - 5 years rounded down
  define sale_day = sale
  define days = sum days from u.start to u.last within a.window_start to sale for u in uses
  define qualifies = a.days >= 730
verdict days = a.days
verdict qualifies = a.qualifies
"#;

#[test]
fn the_days_of_periods_within_a_window_add_up() {
    let facts = r#"{"sale": "2024-02-29", "uses": [
        {"start": "2017-01-01", "last": "2019-12-31"},
        {"start": "2023-01-01", "last": "2023-01-10"},
        {"start": "2024-03-01", "last": "2024-12-31"}]}"#;
    let results = run(RESIDENCE, facts, "2024-06-01").expect("evaluates");
    // From 28 February 2019 (five years before 29 February 2024, rounded
    // down) to 31 December 2019: 307 days; then 10; then none after the sale.
    assert_eq!(verdict(&results, "days"), "317");
    assert_eq!(verdict(&results, "qualifies"), "false");
}

#[test]
fn an_open_period_bounds_the_days_by_the_window() {
    let facts = r#"{"sale": "2024-06-30", "uses": [
        {"start": "2020-01-01", "last": "2021-12-31"},
        {"start": "2023-01-01", "last": null}]}"#;
    let results = run(RESIDENCE, facts, "2024-06-30").expect("evaluates");
    assert_eq!(verdict(&results, "days"), "unknown, between 731 and 1278");
    assert_eq!(verdict(&results, "qualifies"), "true");
}

#[test]
fn a_binder_is_seen_only_inside_its_aggregate() {
    let policy = r#"
instrument "Scopes" adopted 2024-01-01
fact people "people": list of record age: integer end
provision p "P"
  text "Scopes."
  define adults = count x in people where x.age >= 18
  define age_of_x = x.age
verdict adults = p.adults
verdict age = p.age_of_x
"#;
    assert_eq!(check_errors(policy), ["provisio::undefined_name"]);
    let nested = r#"
instrument "Scopes" adopted 2024-01-01
fact groups "groups": list of record members: list of record age: integer end end
provision p "P"
  text "Scopes."
  define big = count g in groups where (count m in g.members where m.age >= 18) >= 2
  define ages = sum (sum m.age for m in g.members) for g in groups
verdict big = p.big
verdict ages = p.ages
"#;
    let facts = r#"{"groups": [{"members": [{"age": 20}, {"age": 30}]}, {"members": [{"age": 5}, {"age": 40}]}]}"#;
    let results = run(nested, facts, "2024-01-01").expect("evaluates");
    assert_eq!(verdict(&results, "big"), "1");
    assert_eq!(verdict(&results, "ages"), "95");
}

#[test]
fn an_enumeration_declared_twice_with_the_same_values_is_one() {
    let policy = r#"
instrument "Preferences" adopted 2024-01-01
fact origin "the preference the goods qualify for": one of gsp, ldc, fta
fact granted "the preferences the importing country grants": list of one of gsp, ldc, fta
provision art3 "Article 3"
  text "The preferential rate applies to goods that qualify for a preference the country grants."
  define preferential = origin is in granted
verdict preferential = art3.preferential
"#;
    let results = run(
        policy,
        r#"{"origin": "ldc", "granted": ["gsp", "ldc"]}"#,
        "2024-06-01",
    )
    .expect("evaluates");
    assert_eq!(verdict(&results, "preferential"), "true");
    let results = run(
        policy,
        r#"{"origin": "fta", "granted": ["gsp", "ldc"]}"#,
        "2024-06-01",
    )
    .expect("evaluates");
    assert_eq!(verdict(&results, "preferential"), "false");
    // Other values, or the same in another order, are another enumeration.
    let other = policy.replace(
        "list of one of gsp, ldc, fta",
        "list of one of ldc, gsp, fta",
    );
    assert_eq!(check_errors(&other), ["provisio::type_mismatch"]);
}

#[test]
fn all_and_satisfy_read_as_every_and_satisfies() {
    let policy = |condition: &str| {
        format!(
            r#"
instrument "Residence" adopted 2024-01-01
fact people "people": list of record resident: boolean end
provision p "P"
  text "Everyone resides."
  define everyone = {condition}
verdict everyone = p.everyone
"#
        )
    };
    let facts = r#"{"people": [{"resident": true}, {"resident": false}]}"#;
    for condition in [
        "every x in people satisfies x.resident",
        "all x in people satisfy x.resident",
    ] {
        let results = run(&policy(condition), facts, "2024-01-01").expect("evaluates");
        assert_eq!(verdict(&results, "everyone"), "false", "{condition}");
    }
}
