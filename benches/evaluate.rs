//! Benchmarks of the bundled WTO decision (`rules/wto/mc13-ecommerce.policy`).
//!
//! Run with `cargo bench --bench evaluate`; `BENCHMARKS.md` records one run.
//!
//! - `check/parse_and_check`: the policy's text to a checked model;
//!   `check/parse_only`: the parsing part of it (text to syntax tree).
//! - `eval/values_*`: all five verdicts through `evaluate_values`, the fastest
//!   path: one reused `Evaluator`, no tracing, output into a reused `Vec<Value>`.
//! - `eval/traced_*`: all five verdicts through `evaluate`, which records what
//!   each verdict depended on and the values its sentence names, and allocates
//!   the `Evaluation` it returns.
//! - `*_mc14_known` uses the facts of scenario 02 (as of 2026-03-28, the 14th
//!   Session from 26 to 30 March 2026, a customs duty on electronic
//!   transmissions); `*_mc14_unknown` leaves out the 14th Session, so that
//!   every verdict is undetermined.
//! - `facts/parse_json`: the facts of scenario 02, from JSON text to
//!   validated facts.
//!
//! Nothing here renders output or touches the file system while measuring.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use provisio::check::check_source;
use provisio::eval::{AsOfSource, Evaluator, Input, Readings, evaluate, evaluate_values};
use provisio::facts::{Facts, FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::span::SourceFile;
use provisio::value::Value;

/// The bundled decision, compiled into the benchmark.
const POLICY: &str = include_str!("../rules/wto/mc13-ecommerce.policy");

/// The facts of scenario 02 (`rules/wto/scenarios/02-during-mc14-opening-reading.json`).
const FACTS_MC14_KNOWN: &str = r#"{
  "as_of": "2026-03-28",
  "mc14": { "opening": "2026-03-26", "closing": "2026-03-30" },
  "measure": { "kind": "customs_duty", "levied_on": "electronic_transmission" }
}"#;

/// The same, with the 14th Session's dates unknown.
const FACTS_MC14_UNKNOWN: &str = r#"{
  "as_of": "2026-03-28",
  "measure": { "kind": "customs_duty", "levied_on": "electronic_transmission" }
}"#;

fn policy_source() -> SourceFile {
    SourceFile::new("rules/wto/mc13-ecommerce.policy", POLICY)
}

fn model() -> Model {
    match check_source(&policy_source()) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the bundled policy does not check: {problems:?}"),
    }
}

fn facts(model: &Model, json: &str) -> Facts {
    let source = SourceFile::new("facts.json", json);
    match parse_facts(model, &source, FactsFormat::Json) {
        Ok(facts) => facts,
        Err(error) => panic!("the benchmark's facts do not load: {error:?}"),
    }
}

/// Scenario 02's readings: `mc14_reference=opening`, the rest at their defaults.
fn readings(model: &Model) -> Readings {
    let mut readings = Readings::defaults(model);
    if let Err(problem) = readings.choose(model, "mc14_reference", "opening") {
        panic!("the bundled policy lacks a reading: {problem:?}");
    }
    readings
}

fn as_of(facts: &Facts) -> chrono::NaiveDate {
    facts.as_of.expect("the benchmark's facts give as_of")
}

fn parse_and_check(c: &mut Criterion) {
    let source = policy_source();
    c.bench_function("check/parse_and_check", |b| {
        b.iter(|| check_source(black_box(&source)).is_ok())
    });
    // The parsing part alone, to tell it from the checker's share.
    c.bench_function("check/parse_only", |b| {
        b.iter(|| provisio::syntax::parse(black_box(&source)).is_ok())
    });
}

/// The fastest path for one set of facts.
fn bench_values(c: &mut Criterion, name: &str, model: &Model, facts: &Facts, expect_known: bool) {
    let readings = readings(model);
    let input = Input {
        facts,
        as_of: as_of(facts),
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(model);
    let mut out: Vec<Value> = Vec::with_capacity(evaluator.verdict_count());
    evaluate_values(&mut evaluator, &input, &mut out).expect("evaluates");
    assert_eq!(out.len(), 5, "five verdicts");
    let known = out.iter().filter(|v| v.is_known()).count();
    assert_eq!(
        known,
        if expect_known { 5 } else { 0 },
        "unexpected verdicts: {out:?}"
    );
    c.bench_function(name, |b| {
        b.iter(|| {
            evaluate_values(&mut evaluator, black_box(&input), &mut out).is_ok() && out.len() == 5
        })
    });
}

/// The tracing path for one set of facts.
fn bench_traced(c: &mut Criterion, name: &str, model: &Model, facts: &Facts) {
    let readings = readings(model);
    let date = as_of(facts);
    // The tracing path must agree with the fastest one.
    let evaluation = evaluate(model, facts, date, AsOfSource::Facts, &readings).expect("evaluates");
    let input = Input {
        facts,
        as_of: date,
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(model);
    let mut fast = Vec::new();
    evaluate_values(&mut evaluator, &input, &mut fast).expect("evaluates");
    let traced: Vec<Value> = evaluation
        .verdicts
        .iter()
        .map(|v| v.value.clone())
        .collect();
    assert_eq!(traced, fast, "evaluate and evaluate_values disagree");
    c.bench_function(name, |b| {
        b.iter(|| {
            evaluate(
                black_box(model),
                black_box(facts),
                date,
                AsOfSource::Facts,
                black_box(&readings),
            )
        })
    });
}

fn evaluation(c: &mut Criterion) {
    let model = model();
    let known = facts(&model, FACTS_MC14_KNOWN);
    let unknown = facts(&model, FACTS_MC14_UNKNOWN);
    bench_values(c, "eval/values_mc14_known", &model, &known, true);
    bench_traced(c, "eval/traced_mc14_known", &model, &known);
    bench_values(c, "eval/values_mc14_unknown", &model, &unknown, false);
    bench_traced(c, "eval/traced_mc14_unknown", &model, &unknown);
}

fn facts_loading(c: &mut Criterion) {
    let model = model();
    let source = SourceFile::new("facts.json", FACTS_MC14_KNOWN);
    c.bench_function("facts/parse_json", |b| {
        b.iter(|| parse_facts(black_box(&model), black_box(&source), FactsFormat::Json).is_ok())
    });
}

/// Seven benchmarks of 1 s warm-up and 5 s measurement each (parse and check
/// needs about 8 s to collect its samples): about 50 s in all.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(100)
}

criterion_group! {
    name = benches;
    config = config();
    targets = parse_and_check, evaluation, facts_loading
}
criterion_main!(benches);
