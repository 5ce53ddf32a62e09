//! Money, percentages, stated rounding and rate scales: exact amounts in a
//! currency, from facts to verdicts.

mod common;

use common::{check_errors, run, verdict};

const ROUNDING: &str = r#"
instrument "Rounding" adopted 2024-01-01
fact amount "an amount": money in EUR
provision r "Rounding"
  text "Amounts are rounded."
  define half_up = amount rounded half up to the cent
  define half_even = amount rounded half even to the cent
  define half_down = amount rounded half down to the cent
  define down = amount rounded down to the cent
  define up = amount rounded up to the cent
  define toward_zero = amount rounded toward zero to the cent
  define whole = amount rounded half up to the whole unit
  define places = amount rounded half even to 1 decimal place
verdict half_up = r.half_up
verdict half_even = r.half_even
verdict half_down = r.half_down
verdict down = r.down
verdict up = r.up
verdict toward_zero = r.toward_zero
verdict whole = r.whole
verdict places = r.places
"#;

fn rounded(amount: &str) -> Vec<String> {
    let facts = format!(r#"{{"amount": "{amount}"}}"#);
    run(ROUNDING, &facts, "2024-06-01")
        .expect("evaluates")
        .into_iter()
        .map(|(_, v)| v)
        .collect()
}

#[test]
fn every_rounding_mode_rounds_as_named() {
    assert_eq!(
        rounded("EUR 2.345"),
        [
            "EUR 2.35", "EUR 2.34", "EUR 2.34", "EUR 2.34", "EUR 2.35", "EUR 2.34", "EUR 2.00",
            "EUR 2.30"
        ]
        .map(String::from)
    );
    assert_eq!(
        rounded("EUR -2.345"),
        [
            "EUR -2.35",
            "EUR -2.34",
            "EUR -2.34",
            "EUR -2.35",
            "EUR -2.34",
            "EUR -2.34",
            "EUR -2.00",
            "EUR -2.30"
        ]
        .map(String::from)
    );
    assert_eq!(
        rounded("EUR 2.355"),
        [
            "EUR 2.36", "EUR 2.36", "EUR 2.35", "EUR 2.35", "EUR 2.36", "EUR 2.35", "EUR 2.00",
            "EUR 2.40"
        ]
        .map(String::from)
    );
}

const VAT: &str = r#"
instrument "A value added tax act" adopted 2024-01-01
fact price "the taxable amount": money in EUR
fact paid "the amount paid": money in EUR
provision art96 "Article 96"
  text "The standard rate shall be 12.5% of the taxable amount."
  parameter rate "the standard rate"
    from 2024-01-01: 12.5%
    from 2025-01-01: 13%
  define vat = art96.rate of price rounded half up to the cent
  define share = paid / price
  define per_unit = price / 3 rounded down to the cent
verdict vat = art96.vat says "The VAT is {value}."
verdict over = art96.vat > EUR 10
verdict share = art96.share
verdict per_unit = art96.per_unit
"#;

#[test]
fn a_percentage_of_an_amount_is_an_exact_amount() {
    let results = run(VAT, r#"{"price": 80, "paid": "EUR 100"}"#, "2024-06-01").expect("evaluates");
    assert_eq!(verdict(&results, "vat"), "EUR 10.00");
    assert_eq!(verdict(&results, "over"), "false");
    assert_eq!(verdict(&results, "share"), "1.25");
    assert_eq!(verdict(&results, "per_unit"), "EUR 26.66");
    // The rate is a dated value: 13% from 2025.
    let results = run(VAT, r#"{"price": 80, "paid": "EUR 100"}"#, "2025-06-01").expect("evaluates");
    assert_eq!(verdict(&results, "vat"), "EUR 10.40");
    assert_eq!(verdict(&results, "over"), "true");
}

#[test]
fn no_binary_floating_point_creeps_in() {
    // 0.1 + 0.2 in binary floating point is 0.30000000000000004.
    let policy = r#"
instrument "Sums" adopted 2024-01-01
fact a "a": money in EUR
fact b "b": money in EUR
provision s "Sums"
  text "The sum."
  define total = a + b
verdict total = s.total
verdict exact = s.total is EUR 0.3
"#;
    let results = run(policy, r#"{"a": 0.1, "b": "0.2"}"#, "2024-01-01").expect("evaluates");
    assert_eq!(verdict(&results, "total"), "EUR 0.30");
    assert_eq!(verdict(&results, "exact"), "true");
}

#[test]
fn dividing_an_amount_by_zero_is_an_error_at_the_division() {
    let error = run(VAT, r#"{"price": 0, "paid": "EUR 100"}"#, "2024-06-01").expect_err("fails");
    assert_eq!(error, "division by zero");
}

const SCALES: &str = r#"
instrument "An income tax act" adopted 2018-01-01
fact income "the taxable income": optional money in USD
fact year_start "the first day of the taxable year": date
provision s1 "Section 1"
  text "The tax is computed by the table."
  parameter table "the rate table"
    from 2018-01-01: bracket table
      over USD 0: USD 0 plus 10%
      over USD 9525: USD 952.50 plus 12%
      over USD 38700: USD 4453.50 plus 22%
    end
    from 2019-01-01: bracket table
      over USD 0: USD 0 plus 10%
      over USD 9700: USD 970 plus 12%
    end
  define marginal = marginal rates over USD 0: 10% over USD 9525: 12% over USD 38700: 22% end
  define tax = s1.table as of year_start of income rounded half up to the cent
  define by_slices = s1.marginal of income rounded half up to the cent
  define at_least_20000 = latest(income, USD 20000)
  define floor_tax = s1.marginal of s1.at_least_20000 rounded half up to the cent
verdict tax = s1.tax
verdict by_slices = s1.by_slices
verdict floor_tax = s1.floor_tax
verdict over_2000 = s1.floor_tax > USD 2000
"#;

#[test]
fn a_bracket_table_and_marginal_rates_agree_where_the_table_is_continuous() {
    for (income, tax) in [
        ("0", "USD 0.00"),
        ("9525", "USD 952.50"),
        ("10000", "USD 1009.50"),
        ("38700", "USD 4453.50"),
        ("50000.55", "USD 6939.62"),
    ] {
        let facts = format!(r#"{{"income": "{income}", "year_start": "2018-01-01"}}"#);
        let results = run(SCALES, &facts, "2018-06-01").expect("evaluates");
        assert_eq!(verdict(&results, "tax"), tax, "table on {income}");
        assert_eq!(verdict(&results, "by_slices"), tax, "slices on {income}");
    }
}

#[test]
fn a_dated_scale_is_looked_up_as_of_a_date() {
    let facts = r#"{"income": "10000", "year_start": "2019-01-01"}"#;
    let results = run(SCALES, facts, "2019-06-01").expect("evaluates");
    assert_eq!(verdict(&results, "tax"), "USD 1006.00");
    let facts = r#"{"income": "10000", "year_start": "2017-01-01"}"#;
    let error = run(SCALES, facts, "2019-06-01").expect_err("no table before 2018");
    assert_eq!(
        error,
        "`table` is not defined before 1 January 2018, and is asked for on 1 January 2017"
    );
}

#[test]
fn a_scale_applied_to_an_unknown_amount_keeps_its_range() {
    let results = run(SCALES, r#"{"year_start": "2018-01-01"}"#, "2018-06-01").expect("evaluates");
    assert_eq!(
        verdict(&results, "floor_tax"),
        "unknown, at least USD 2209.50"
    );
    assert_eq!(verdict(&results, "over_2000"), "true");
    assert_eq!(verdict(&results, "by_slices"), "unknown");
}

#[test]
fn misuse_of_money_is_caught_before_evaluation() {
    let policy = |body: &str| {
        format!(
            r#"
instrument "Misuse" adopted 2024-01-01
fact eur "an amount in euros": money in EUR
fact usd "an amount in dollars": money in USD
fact day "a day": date
fact n "a number": decimal
provision p "P"
  text "Text."
  define x = {body}
verdict x = p.x
"#
        )
    };
    for (body, codes) in [
        ("eur + usd", vec!["provisio::currency_mismatch"]),
        ("eur < usd", vec!["provisio::currency_mismatch"]),
        ("eur / usd", vec!["provisio::currency_mismatch"]),
        ("eur + n", vec!["provisio::type_mismatch"]),
        ("eur * eur", vec!["provisio::type_mismatch"]),
        ("n / eur", vec!["provisio::type_mismatch"]),
        ("20% of day", vec!["provisio::type_mismatch"]),
        ("day of eur", vec!["provisio::type_mismatch"]),
        ("eur > 100", vec!["provisio::type_mismatch"]),
        (
            "day rounded half up to the cent",
            vec!["provisio::type_mismatch"],
        ),
        (
            "eur rounded half up to 29 decimal places",
            vec!["provisio::number_out_of_range"],
        ),
        ("eur * 2 rounded down to the cent", vec![]),
        ("-eur + EUR 5", vec![]),
        ("eur / eur * 100", vec![]),
    ] {
        assert_eq!(check_errors(&policy(body)), codes, "{body}");
    }
}
