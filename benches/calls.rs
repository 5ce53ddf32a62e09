//! The cost of a call: the same household policy written with definitions
//! that take a member as a parameter, and written with every rule inline.
//!
//! Run with `cargo bench --bench calls`; `BENCHMARKS.md` records one run.
//!
//! - `calls/values_called`: three verdicts over twelve members, each
//!   member's age and whether they are a child computed by `age(m)` and
//!   `is_child(m)`, three calls a member for each verdict;
//! - `calls/values_inline`: the same verdicts with the same expressions
//!   written out where they are used;
//! - `calls/traced_*`: the same, recording every step for explanations,
//!   where repeated calls are recorded once.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use provisio::check::check_source;
use provisio::eval::trace::Trace;
use provisio::eval::{Evaluator, Input, Readings, evaluate_traced, evaluate_values};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;
use provisio::value::Value;

const HEADER: &str = r#"instrument "Household allowance" adopted 2024-01-01
type person "a member of the household": record
  name "the member's name": text
  born "the member's date of birth": date
  income "the member's yearly income": money in EUR
end
fact members "the members of the household": list of person
provision art1 "Ages"
  text "A child is a member under 18."
"#;

const CALLED: &str = r#"
  define age(p: person) "the member's age" = years_between(p.born, as_of)
  define is_child(p: person) "whether the member is a child" = age(p) < 18
  define is_adult(p: person) "whether the member is an adult" = age(p) >= 18
verdict children = count m in members where is_child(m)
verdict adults_income = sum m.income for m in members where is_adult(m)
verdict youngest_adult_age = min age(m) for m in members where is_adult(m)
"#;

const INLINE: &str = r#"
verdict children = count m in members where years_between(m.born, as_of) < 18
verdict adults_income = sum m.income for m in members where years_between(m.born, as_of) >= 18
verdict youngest_adult_age = min years_between(m.born, as_of) for m in members where years_between(m.born, as_of) >= 18
"#;

/// Twelve members, born a year and five months apart.
fn facts_json() -> String {
    let members: Vec<String> = (0..12)
        .map(|i| {
            format!(
                r#"{{"name": "Member {i}", "born": "{}-{:02}-15", "income": "EUR {}"}}"#,
                1960 + 5 * i,
                1 + (5 * i) % 12,
                1000 * i
            )
        })
        .collect();
    format!(r#"{{"members": [{}]}}"#, members.join(", "))
}

fn bench(c: &mut Criterion, name: &str, body: &str) {
    let source = SourceFile::new("household.policy", format!("{HEADER}{body}"));
    let model = match check_source(&source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the benchmark's policy does not check: {problems:?}"),
    };
    let facts = match parse_facts(
        &model,
        &SourceFile::new("facts.json", facts_json()),
        FactsFormat::Json,
    ) {
        Ok(facts) => facts,
        Err(error) => panic!("the benchmark's facts do not load: {error:?}"),
    };
    let readings = Readings::defaults(&model);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date");
    let input = Input {
        facts: &facts,
        as_of,
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(&model);
    let mut out = Vec::with_capacity(evaluator.verdict_count());
    evaluate_values(&mut evaluator, &input, &mut out);
    let shown: Vec<String> = out
        .iter()
        .map(|v| match v {
            Ok(value) => model.format_value(value),
            Err(error) => format!("{error:?}"),
        })
        .collect();
    // Members born 1960 to 2015: two children (16 and 11), ten adults
    // earning EUR 0 to EUR 9000, the youngest of them 21.
    assert_eq!(shown, ["2", "EUR 45000.00", "21"], "unexpected verdicts");
    assert!(out.iter().all(|v| v.as_ref().is_ok_and(Value::is_known)));
    c.bench_function(&format!("calls/values_{name}"), |b| {
        b.iter(|| {
            evaluate_values(&mut evaluator, black_box(&input), &mut out);
            out.len()
        })
    });
    let mut trace = Trace::new(&model);
    let mut roots = Vec::new();
    c.bench_function(&format!("calls/traced_{name}"), |b| {
        b.iter(|| {
            evaluate_traced(
                &mut evaluator,
                &mut trace,
                black_box(&input),
                &mut out,
                &mut roots,
            );
            out.len()
        })
    });
}

fn calls(c: &mut Criterion) {
    bench(c, "called", CALLED);
    bench(c, "inline", INLINE);
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(100)
}

criterion_group! {
    name = benches;
    config = config();
    targets = calls
}
criterion_main!(benches);
