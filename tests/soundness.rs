//! Soundness of three-valued evaluation, by property tests: for random
//! complete facts and a random subset of them hidden,
//! (a) every verdict determined with facts hidden has the value it has with
//!     all facts, and
//! (b) every residual condition, evaluated with the hidden facts given back,
//!     gives the complete evaluation's value.
//! (c) every range an undetermined verdict keeps holds the complete value.
//! Over the bundled decision, a policy with defaults and exceptions, a
//! household benefit with aggregates over its members, and the exclusion of
//! gain on a home sale with periods summed within a window.

use std::path::Path;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::{Facts, FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::residual::Residual;
use provisio::span::SourceFile;
use provisio::value::Value;
use serde_json::{Map, Value as Json, json};

fn load(path: &str) -> Model {
    provisio::check::load_policy(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("the policy checks")
        .model
}

fn day(base: &str, offset: u64) -> String {
    NaiveDate::parse_from_str(base, "%Y-%m-%d")
        .expect("a date")
        .checked_add_days(Days::new(offset))
        .expect("in range")
        .format("%Y-%m-%d")
        .to_string()
}

fn facts(model: &Model, json: &Json) -> Facts {
    let text = serde_json::to_string(json).expect("JSON");
    parse_facts(
        model,
        &SourceFile::new("facts.json", text),
        FactsFormat::Json,
    )
    .expect("facts load")
}

/// Checks properties (a) and (b) for one model, complete and partial facts, date and readings.
fn check(
    model: &Model,
    complete: &Json,
    partial: &Json,
    as_of: NaiveDate,
    readings: &Readings,
) -> Result<(), TestCaseError> {
    let all = facts(model, complete);
    let some = facts(model, partial);
    let Ok(full) = evaluate(model, &all, as_of, AsOfSource::Given, readings) else {
        // A conflict between exceptions with every fact known: nothing to compare.
        return Ok(());
    };
    let hidden = evaluate(model, &some, as_of, AsOfSource::Given, readings)
        .map_err(|e| TestCaseError::fail(format!("hidden facts made evaluation fail: {e:?}")))?;
    for (known, partial_outcome) in full.verdicts.iter().zip(&hidden.verdicts) {
        let name = &model.verdicts[known.verdict as usize].name;
        prop_assert!(
            known.value.is_known(),
            "{name} is undetermined with every fact known"
        );
        if partial_outcome.value.is_known() {
            prop_assert_eq!(
                &partial_outcome.value,
                &known.value,
                "(a) {} with facts hidden",
                name
            );
        } else {
            // (c) The range an undetermined value keeps holds the value.
            if let (Value::Unknown(bounds), Some(actual)) =
                (&partial_outcome.value, known.value.scalar())
            {
                if let Some(lo) = bounds.lo {
                    prop_assert!(
                        lo.compare(&actual) != Some(std::cmp::Ordering::Greater),
                        "(c) {}: {:?} below the range's least {:?}",
                        name,
                        actual,
                        lo
                    );
                }
                if let Some(hi) = bounds.hi {
                    prop_assert!(
                        hi.compare(&actual) != Some(std::cmp::Ordering::Less),
                        "(c) {}: {:?} above the range's most {:?}",
                        name,
                        actual,
                        hi
                    );
                }
            }
            if let Some(residual) = hidden.residual(model, partial_outcome) {
                prop_assert_ne!(&residual, &Residual::Opaque, "{} has no residual", name);
                // A residual that keeps an aggregate as written is checked by
                // (a) and (c) alone.
                if residual.is_complete() {
                    let value = residual.evaluate(&all);
                    let source = provisio::residual::to_source(model, &residual);
                    prop_assert_eq!(&value, &known.value, "(b) {}: residual `{}`", name, source);
                }
            }
        }
    }
    Ok(())
}

fn readings(model: &Model, choice: &[usize]) -> Readings {
    let mut readings = Readings::defaults(model);
    for (slot, (reading, pick)) in readings
        .alternatives
        .iter_mut()
        .zip(model.readings.iter().zip(choice))
    {
        *slot = (*pick % reading.alternatives.len()) as u32;
    }
    readings
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_bundled_decision_is_sound(
        as_of in 0u64..1400,
        opening in 0u64..200,
        length in 0u64..6,
        kind in 0usize..2,
        levied_on in 0usize..3,
        choice in proptest::collection::vec(0usize..2, 3),
        hide in proptest::collection::vec(any::<bool>(), 4),
    ) {
        let model = load("rules/wto/mc13-ecommerce.policy");
        let opening_day = day("2026-01-01", opening);
        let closing_day = day(&opening_day, length);
        let kinds = ["customs_duty", "internal_tax"];
        let levies = ["electronic_transmission", "transmitted_content", "physical_goods"];
        let measure = json!({"kind": kinds[kind], "levied_on": levies[levied_on]});
        let complete = json!({"mc14": {"opening": opening_day, "closing": closing_day}, "measure": measure});
        let mut partial = Map::new();
        if !hide[0] {
            let mut mc14 = Map::new();
            if !hide[1] { mc14.insert("opening".into(), json!(opening_day)); }
            if !hide[2] { mc14.insert("closing".into(), json!(closing_day)); }
            partial.insert("mc14".into(), Json::Object(mc14));
        }
        if !hide[3] { partial.insert("measure".into(), measure); }
        let as_of = NaiveDate::parse_from_str(&day("2024-03-02", as_of), "%Y-%m-%d").expect("a date");
        check(&model, &complete, &Json::Object(partial), as_of, &readings(&model, &choice))?;
    }

    #[test]
    fn a_policy_with_defaults_and_exceptions_is_sound(
        income in 0i64..2000,
        student in any::<bool>(),
        disabled in any::<bool>(),
        since in 0u64..2000,
        as_of in 0u64..2000,
        hide in proptest::collection::vec(any::<bool>(), 3),
    ) {
        let model = load("tests/fixtures/widget_tax.policy");
        let since_day = day("2020-01-01", since);
        let complete = json!({"income": income, "student": student, "disabled": disabled, "since": since_day});
        let mut partial = Map::new();
        partial.insert("income".into(), json!(income));
        if !hide[0] { partial.insert("student".into(), json!(student)); }
        if !hide[1] { partial.insert("disabled".into(), json!(disabled)); }
        if !hide[2] { partial.insert("since".into(), json!(since_day)); }
        let as_of = NaiveDate::parse_from_str(&day("2021-01-01", as_of), "%Y-%m-%d").expect("a date");
        check(&model, &complete, &Json::Object(partial), as_of, &Readings::defaults(&model))?;
    }
}

/// One member of a household: the facts in full, and with some hidden.
fn member(born: u64, income: u64, resident: Option<bool>, hide: &[bool]) -> (Json, Json) {
    let born = day("2015-01-01", born);
    let complete = json!({
        "name": "m", "born": born, "income": income,
        "resident": resident.unwrap_or(true),
    });
    let mut partial = Map::new();
    partial.insert("name".into(), json!("m"));
    partial.insert("born".into(), json!(born));
    if !hide.first().copied().unwrap_or(false) {
        partial.insert("income".into(), json!(income));
    }
    if !hide.get(1).copied().unwrap_or(false) {
        partial.insert("resident".into(), json!(resident.unwrap_or(true)));
    }
    (complete, Json::Object(partial))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Aggregates over a household whose members' incomes and residence may
    /// be hidden: counts and sums keep ranges, `every` is decided by one
    /// member who is not resident.
    #[test]
    fn aggregates_over_a_household_are_sound(
        members in proptest::collection::vec(
            (0u64..4000, 0u64..40_000, proptest::option::of(any::<bool>()),
             proptest::collection::vec(any::<bool>(), 2)),
            0..5,
        ),
        claimed in 0u64..1500,
    ) {
        let model = load("tests/fixtures/household_benefit.policy");
        let (complete, partial): (Vec<Json>, Vec<Json>) = members
            .iter()
            .map(|(born, income, resident, hide)| member(*born, *income, *resident, hide))
            .unzip();
        let claimed = day("2020-01-01", claimed);
        let complete = json!({"claimed": claimed, "household": complete});
        let partial = json!({"claimed": claimed, "household": partial});
        let as_of = NaiveDate::parse_from_str(&claimed, "%Y-%m-%d").expect("a date");
        check(&model, &complete, &partial, as_of, &Readings::defaults(&model))?;
    }
}

/// Periods of a list, in full and with some last days hidden: each from a
/// start day and a length, hidden where `hide` says.
fn periods(spec: &[(u64, u64, bool)]) -> (Json, Json) {
    let (complete, partial): (Vec<Json>, Vec<Json>) = spec
        .iter()
        .map(|(start, length, hide)| {
            let first = day("2016-01-01", *start);
            let last = day(&first, *length);
            let complete = json!({"start": first, "last": last});
            let partial = if *hide {
                json!({"start": first})
            } else {
                complete.clone()
            };
            (complete, partial)
        })
        .unzip();
    (Json::Array(complete), Json::Array(partial))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Periods of ownership and use whose last days may be hidden, summed
    /// within the five years before a sale: the days keep a range, and the
    /// exclusion is decided whenever the known periods decide it.
    #[test]
    fn the_days_of_periods_within_a_window_are_sound(
        spouses in proptest::collection::vec(
            (
                proptest::collection::vec((0u64..3000, 0u64..1200, any::<bool>()), 0..3),
                proptest::collection::vec((0u64..3000, 0u64..1200, any::<bool>()), 0..3),
                proptest::option::of(any::<bool>()),
            ),
            1..3,
        ),
        joint in any::<bool>(),
        sale in 1500u64..3500,
        gain in 0u64..800_000,
    ) {
        let model = load("rules/us-home-sale/principal-residence.policy");
        let mut complete_filers = Vec::new();
        let mut partial_filers = Vec::new();
        for (ownership, usage, ineligible) in &spouses {
            let (owned, owned_partial) = periods(ownership);
            let (used, used_partial) = periods(usage);
            let mut complete = json!({"name": "s", "ownership": owned, "use": used});
            let mut partial = json!({"name": "s", "ownership": owned_partial, "use": used_partial});
            complete["ineligible_by_reason_of_paragraph_3"] = json!(ineligible.unwrap_or(false));
            if let Some(value) = ineligible {
                partial["ineligible_by_reason_of_paragraph_3"] = json!(value);
            }
            complete_filers.push(complete);
            partial_filers.push(partial);
        }
        let sale = day("2016-01-01", sale);
        let facts = |filers: Vec<Json>| json!({
            "sale_date": sale, "gain": gain, "joint_return": joint, "filers": filers,
        });
        let as_of = NaiveDate::parse_from_str(&sale, "%Y-%m-%d").expect("a date");
        check(&model, &facts(complete_filers), &facts(partial_filers), as_of, &Readings::defaults(&model))?;
    }
}

#[test]
fn the_residual_of_the_worked_example_is_the_opening_day() {
    let model = load("rules/wto/mc13-ecommerce.policy");
    let facts = Facts::empty(&model);
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 1).expect("a date");
    let evaluation = evaluate(
        &model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(&model),
    )
    .expect("evaluates");
    let moratorium = &evaluation.verdicts[0];
    assert_eq!(moratorium.value, Value::UNKNOWN);
    let residual = evaluation.residual(&model, moratorium).expect("a residual");
    assert_eq!(
        provisio::residual::to_source(&model, &residual),
        "mc14.opening after 2025-12-01"
    );
    assert_eq!(
        provisio::residual::to_words(&model, &residual),
        "the 14th Session of the Ministerial Conference opens after 1 December 2025"
    );
}
