//! The cost of reading numbers exactly in batch rows: 10,000 JSON Lines
//! rows whose facts are numbers (a small integer, 2^64, a decimal of 28
//! places and an amount), run in memory through
//! `provisio::batch::run_batch` (parallel over all cores).
//!
//! Run with `cargo bench --bench exact_numbers`.
//!
//! - `exact_numbers/small_10k_rows`: short integers and decimals
//!   (`4`, `12.5`), the common case;
//! - `exact_numbers/long_10k_rows`: 2^64 and 28-place decimals, which no
//!   `i64` or `f64` holds;
//! - `exact_numbers/exponent_10k_rows`: numbers with exponents (`1.5E-2`),
//!   whose text is found again in the row.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use provisio::batch::{BatchOptions, InputFormat, run_batch};
use provisio::check::check_source;
use provisio::model::Model;
use provisio::span::SourceFile;

const POLICY: &str = r#"instrument "Exact numbers for benchmarks" adopted 2020-01-01

fact n "a count": integer
fact d "a share": decimal
fact m "an amount": money in EUR

provision s1 "Section 1"
  text "Twice the count, the share, and the amount less one euro."
  define twice "twice the count" = n * 2
  define share "the share" = d + 0
  define amount "the amount less one euro" = m - EUR 1

verdict twice = s1.twice
verdict share = s1.share
verdict amount = s1.amount
"#;

fn model() -> Model {
    let source = SourceFile::new("exact.policy", POLICY);
    match check_source(&source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the benchmark policy does not check: {problems:?}"),
    }
}

/// 10,000 rows, each from `row(i)`.
fn rows(row: impl Fn(u32) -> String) -> String {
    let mut input = String::new();
    for i in 0..10_000u32 {
        input.push_str(&row(i));
        input.push('\n');
    }
    input
}

fn numbers(c: &mut Criterion) {
    let model = model();
    let options = BatchOptions::new(InputFormat::JsonLines);
    let cases = [
        (
            "exact_numbers/small_10k_rows",
            rows(|i| format!(r#"{{"as_of":"2024-01-01","n":{i},"d":12.5,"m":{i}.25}}"#)),
        ),
        (
            "exact_numbers/long_10k_rows",
            rows(|i| {
                format!(
                    r#"{{"as_of":"2024-01-01","n":1844674407370955{i:04},"d":0.123456789012345678901234{i:04},"m":123456789012345678.{i:02}}}"#
                )
            }),
        ),
        (
            "exact_numbers/exponent_10k_rows",
            rows(|i| format!(r#"{{"as_of":"2024-01-01","n":{i}e2,"d":1.5E-2,"m":{i}.5e1}}"#)),
        ),
    ];
    let mut output = Vec::with_capacity(2_000_000);
    for (name, input) in &cases {
        let summary = run_batch(&model, input.as_bytes(), &mut output, &options, |_| {})
            .expect("the batch runs");
        assert_eq!((summary.rows, summary.errors), (10_000, 0), "{name}");
        c.bench_function(name, |b| {
            b.iter(|| {
                output.clear();
                run_batch(&model, input.as_bytes(), &mut output, &options, |_| {})
                    .expect("the batch runs")
            })
        });
    }
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = numbers
}
criterion_main!(benches);
