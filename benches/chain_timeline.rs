//! The moratorium's chain from 1998 (`rules/wto/chain/moratorium-chain.policy`,
//! which uses the eleven instruments of `rules/wto/`): its daily timeline.
//!
//! Run with `cargo bench --bench chain_timeline`.
//!
//! - `chain/timeline_1998_2027`: `provisio::timeline::timeline`, what
//!   `provisio timeline` computes: the chain's four verdicts on every day
//!   from 20 May 1998 to 31 December 2027 (10,818 days), merged into
//!   intervals, with the facts of `facts/yaounde-and-before.yaml` under the
//!   default readings. Two stretches are undetermined (the Eighth Session's
//!   opening day and the 14th Session's closing day are ranges), and each of
//!   their days is also traced, to find what it depends on.
//! - `chain/timeline_1998_2027_closing`: the same under the readings that
//!   run every "until the next Session" to the Session's close, end the 1998
//!   Declaration at Seattle and find no link from Cancún to Hong Kong.
//!
//! The policy and its facts are read from their files once, before
//! measuring.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use provisio::eval::Readings;
use provisio::facts::{Facts, load_facts};
use provisio::model::Model;
use provisio::timeline::timeline;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn model() -> Model {
    let path = root().join("rules/wto/chain/moratorium-chain.policy");
    match provisio::check::load_policy(&path) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the chain does not check: {problems:?}"),
    }
}

fn facts(model: &Model) -> Facts {
    let path = root().join("rules/wto/chain/facts/yaounde-and-before.yaml");
    match load_facts(model, &path) {
        Ok(facts) => facts,
        Err(error) => panic!("the chain's facts do not load: {error:?}"),
    }
}

fn day(text: &str) -> chrono::NaiveDate {
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => date,
        Err(error) => panic!("{text} is not a date: {error}"),
    }
}

/// The readings of `chain/timeline_1998_2027_closing`.
const CLOSING: [(&str, &str); 11] = [
    ("geneva_1998.open_end", "third_session"),
    ("cancun_link", "not_found"),
    ("doha_2001.mc5_reference", "closing"),
    ("hong_kong_2005.mc7_reference", "closing"),
    ("geneva_2009.mc8_reference", "closing"),
    ("geneva_2011.mc9_reference", "closing"),
    ("bali_2013.mc10_reference", "closing"),
    ("nairobi_2015.mc11_reference", "closing"),
    ("general_council_2019.mc12_reference", "closing"),
    ("geneva_2022.mc13_reference", "closing"),
    ("abu_dhabi_2024.mc14_reference", "closing"),
];

/// The chain's timeline over 1998-2027, after checking how many bands of
/// `instrument_in_force` it has.
fn bench(c: &mut Criterion, name: &str, chosen: &[(&str, &str)], bands: usize) {
    let model = model();
    let facts = facts(&model);
    let mut readings = Readings::defaults(&model);
    for (reading, alternative) in chosen {
        if let Err(problem) = readings.choose(&model, reading, alternative) {
            panic!("the chain lacks a reading: {problem:?}");
        }
    }
    let (from, to) = (day("1998-05-20"), day("2027-12-31"));
    let line = timeline(&model, &facts, &readings, from, to);
    assert!(
        line.verdicts.iter().flatten().all(|i| i.error.is_none()),
        "evaluates every day"
    );
    let index = model
        .verdicts
        .iter()
        .position(|v| v.name == "instrument_in_force")
        .expect("the verdict instrument_in_force");
    let lane = &line.verdicts[index];
    assert_eq!(lane.len(), bands, "the bands of instrument_in_force");
    let first = lane.first().map(|i| model.format_value(&i.value));
    assert_eq!(first.as_deref(), Some("geneva_1998"), "the first band");
    c.bench_function(name, |b| {
        b.iter(|| {
            timeline(
                black_box(&model),
                black_box(&facts),
                black_box(&readings),
                from,
                to,
            )
            .verdicts
            .len()
        })
    });
}

fn timelines(c: &mut Criterion) {
    bench(c, "chain/timeline_1998_2027", &[], 20);
    bench(c, "chain/timeline_1998_2027_closing", &CLOSING, 15);
}

/// An iteration takes milliseconds: 20 samples of 10 s.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = timelines
}
criterion_main!(benches);
