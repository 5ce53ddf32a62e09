//! The cost of `use`: the same rules evaluated from a policy that uses the
//! 2022 decision (`rules/wto/mc12/mc12-ecommerce.policy`) and from one file
//! that holds the decision's text and the user's rules together.
//!
//! Run with `cargo bench --bench use_policy`; `BENCHMARKS.md` records one run.
//!
//! - `use/values_used` and `use/values_one_file`: the four verdicts (the
//!   decision's three and the review's `in_breach`) with `evaluate_values`
//!   and a reused `Evaluator`, the fastest path;
//! - `use/traced_used` and `use/traced_one_file`: the same, every step
//!   recorded for explanations;
//! - `use/check_used` and `use/check_one_file`: checking the policy, which
//!   for the using one reads, checks and merges the used file.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use provisio::check::check_source;
use provisio::eval::trace::Trace;
use provisio::eval::{Evaluator, Input, Readings, evaluate_traced, evaluate_values};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::span::SourceFile;

const MC12: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/rules/wto/mc12/mc12-ecommerce.policy"
);

/// The using policy; its name puts it beside the decision, so that
/// `use "mc12-ecommerce.policy"` reads the decision's file.
const USER_NAME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/wto/mc12/review.policy");

const USER: &str = r#"instrument "Review of a Member's duty under the MC12 moratorium"
  adopted 2024-01-15

use "mc12-ecommerce.policy" as mc12

fact duty_introduced "the day the Member introduced the duty": date

provision review "The review"
  text "A duty introduced while the moratorium was in force is in breach of it."

  define in_breach "the duty was introduced while the moratorium was in force" =
    mc12.moratorium_in_force and duty_introduced on or before as_of
    cites "introduced while the moratorium was in force"

verdict moratorium_in_force = mc12.moratorium_in_force

verdict expiry_date = mc12.expiry_date

verdict measure_status = mc12.measure_status

verdict in_breach = review.in_breach
"#;

/// The review's rules, written into the decision's own file.
const ONE_FILE_REVIEW: &str = r#"
fact duty_introduced "the day the Member introduced the duty": date

provision review "The review"
  text "A duty introduced while the moratorium was in force is in breach of it."

  define in_breach "the duty was introduced while the moratorium was in force" =
    moratorium.in_force and duty_introduced on or before as_of
    cites "introduced while the moratorium was in force"

verdict in_breach = review.in_breach
"#;

/// During MC13's delay: the moratorium holds, a customs duty on
/// electronic transmissions introduced three weeks before.
const FACTS: &str = r#"{
  "mc13": { "opening": "2024-02-26", "closing": "2024-03-02" },
  "extension_decision": "none",
  "measure": { "kind": "customs_duty", "levied_on": "electronic_transmission" },
  "duty_introduced": "2024-02-01"
}"#;

fn bench(c: &mut Criterion, name: &str, source: &SourceFile) -> Vec<String> {
    let model = match check_source(source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the benchmark's policy does not check: {problems:?}"),
    };
    let facts = match parse_facts(
        &model,
        &SourceFile::new("facts.json", FACTS),
        FactsFormat::Json,
    ) {
        Ok(facts) => facts,
        Err(error) => panic!("the benchmark's facts do not load: {error:?}"),
    };
    let readings = Readings::defaults(&model);
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 2, 20).expect("a date");
    let input = Input {
        facts: &facts,
        as_of,
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(&model);
    let mut out = Vec::with_capacity(evaluator.verdict_count());
    evaluate_values(&mut evaluator, &input, &mut out);
    let shown: Vec<String> = model
        .verdicts
        .iter()
        .zip(&out)
        .map(|(verdict, value)| match value {
            Ok(value) => format!("{} = {}", verdict.name, model.format_value(value)),
            Err(error) => format!("{} = {error:?}", verdict.name),
        })
        .collect();
    c.bench_function(&format!("use/check_{name}"), |b| {
        b.iter(|| check_source(black_box(source)).is_ok())
    });
    c.bench_function(&format!("use/values_{name}"), |b| {
        b.iter(|| {
            evaluate_values(&mut evaluator, black_box(&input), &mut out);
            out.len()
        })
    });
    let mut trace = Trace::new(&model);
    let mut roots = Vec::new();
    c.bench_function(&format!("use/traced_{name}"), |b| {
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
    shown
}

fn uses(c: &mut Criterion) {
    let decision = match std::fs::read_to_string(MC12) {
        Ok(text) => text,
        Err(error) => panic!("{MC12}: {error}"),
    };
    let user = SourceFile::new(USER_NAME, USER);
    let one = SourceFile::new("one-file.policy", format!("{decision}{ONE_FILE_REVIEW}"));
    let used = bench(c, "used", &user);
    let one_file = bench(c, "one_file", &one);
    // The same rules give the same verdicts, in the same order (each run
    // computes them once before measuring).
    assert_eq!(used, one_file, "the two policies disagree");
    assert_eq!(
        used,
        [
            "moratorium_in_force = true",
            "expiry_date = 2024-02-26",
            "measure_status = prohibited",
            "in_breach = true",
        ],
        "unexpected verdicts"
    );
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
    targets = uses
}
criterion_main!(benches);
