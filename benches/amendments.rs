//! The cost of an amendment: the Levy Act as amended by LAA/2026
//! (`tests/fixtures/amendments/amendment.policy`, which amends
//! `base.policy` in two blocks) against the same rules consolidated in one
//! file (`consolidated.policy`), evaluated on 30 June 2028, after both
//! blocks apply, in the same run.
//!
//! Run with `cargo bench --bench amendments`; `BENCHMARKS.md` records one run.
//!
//! - `amendments/check_*`: reading and checking the policy: the amended one
//!   checks its base on its own, then each of its three versions;
//! - `amendments/values_*`: every verdict, no explanation, through
//!   the evaluator of the version in force (`Model::version_on`);
//! - `amendments/explained_*`: every verdict recorded for explanations, as
//!   `provisio eval` does (`evaluate_only`, which picks the version itself),
//!   and each explained.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use provisio::check::load_policy;
use provisio::eval::{AsOfSource, Evaluator, Input, Readings, evaluate_only, evaluate_values};
use provisio::explain::{Detail, explain};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;

const DIR: &str = "tests/fixtures/amendments";
const FACTS: &str = r#"{"income": "USD 20000", "resident": true, "student": false}"#;

fn bench(c: &mut Criterion, name: &str, file: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR).join(file);
    let model = match load_policy(&path) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the benchmark's policy does not check: {problems:?}"),
    };
    c.bench_function(&format!("amendments/check_{name}"), |b| {
        b.iter(|| load_policy(black_box(&path)).map(|c| c.model.verdicts.len()))
    });
    let facts = match parse_facts(
        &model,
        &SourceFile::new("facts.json", FACTS),
        FactsFormat::Json,
    ) {
        Ok(facts) => facts,
        Err(error) => panic!("the benchmark's facts do not load: {error:?}"),
    };
    let readings = Readings::defaults(&model);
    let as_of = chrono::NaiveDate::from_ymd_opt(2028, 6, 30).expect("a date");
    let version = model.version_on(as_of);
    let input = Input {
        facts: &facts,
        as_of,
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(version);
    let mut out = Vec::with_capacity(evaluator.verdict_count());
    evaluate_values(&mut evaluator, &input, &mut out);
    let shown: Vec<String> = out
        .iter()
        .map(|v| match v {
            Ok(value) => version.format_value(value),
            Err(error) => format!("{error:?}"),
        })
        .collect();
    // 12 per cent of USD 20,000 - USD 12,000.
    assert_eq!(shown, ["USD 960.00", "false"], "unexpected verdicts");
    c.bench_function(&format!("amendments/values_{name}"), |b| {
        b.iter(|| {
            evaluate_values(&mut evaluator, black_box(&input), &mut out);
            out.len()
        })
    });
    let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
    c.bench_function(&format!("amendments/explained_{name}"), |b| {
        b.iter(|| {
            let evaluation = evaluate_only(
                black_box(&model),
                &facts,
                as_of,
                AsOfSource::Given,
                &readings,
                &every,
            );
            let version = model.version_on(as_of);
            evaluation
                .verdicts
                .iter()
                .filter_map(|o| explain(version, &evaluation, o, Detail::Decisive))
                .count()
        })
    });
}

fn amendments(c: &mut Criterion) {
    bench(c, "amended", "amendment.policy");
    bench(c, "consolidated", "consolidated.policy");
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
    targets = amendments
}
criterion_main!(benches);
