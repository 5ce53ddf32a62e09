//! The cost of rows that join back: the batch of `evaluate`'s
//! `batch/jsonl_10k_rows` (10,000 JSON Lines rows of the bundled decision,
//! over every core), as they are (`plain`: each row states its date,
//! readings and statuses), in the shorter shape of earlier versions
//! (`short`: `BatchOptions::full_rows` false), with an identifier kept
//! (`--keep id`), and with what undetermined verdicts depend on and their
//! residuals (`--depends-on --residual`).

use criterion::{Criterion, criterion_group, criterion_main};
use provisio::batch::{BatchOptions, InputFormat, run_batch};
use provisio::span::SourceFile;

fn model() -> provisio::model::Model {
    let source = SourceFile::new(
        "mc13-ecommerce.policy",
        include_str!("../rules/wto/mc13-ecommerce.policy"),
    );
    match provisio::check::check_source(&source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the bundled policy does not check: {problems:?}"),
    }
}

/// 10,000 rows, each with an identifier (unless `id` is false) and, one in
/// four, no measure, so that `measure_status` is undetermined there.
fn input(id: bool) -> String {
    let mut input = String::new();
    for i in 0..10_000u32 {
        let day = 1 + i % 28;
        let measure = if i % 4 == 0 {
            String::new()
        } else {
            String::from(
                ",\"measure\":{\"kind\":\"customs_duty\",\"levied_on\":\"electronic_transmission\"}",
            )
        };
        let id = if id {
            format!("\"id\":\"row-{i}\",")
        } else {
            String::new()
        };
        input.push_str(&format!(
            "{{{id}\"as_of\":\"2026-03-{day:02}\",\"mc14\":{{\"opening\":\"2026-03-26\",\"closing\":\"2026-03-30\"}}{measure}}}\n"
        ));
    }
    input
}

fn batch_rows(c: &mut Criterion) {
    let model = model();
    let plain = input(false);
    let input = input(true);
    let mut output = Vec::with_capacity(8_000_000);
    let keep = || {
        let mut options = BatchOptions::new(InputFormat::JsonLines);
        options.keep = vec![String::from("id")];
        options
    };
    let short = {
        let mut options = BatchOptions::new(InputFormat::JsonLines);
        options.full_rows = false;
        options
    };
    let dependencies = {
        let mut options = keep();
        options.depends_on = true;
        options.residual = true;
        options
    };
    for (name, input, options) in [
        (
            "batch_rows/plain_10k",
            &plain,
            BatchOptions::new(InputFormat::JsonLines),
        ),
        ("batch_rows/short_10k", &plain, short),
        ("batch_rows/keep_10k", &input, keep()),
        (
            "batch_rows/keep_depends_on_residual_10k",
            &input,
            dependencies,
        ),
    ] {
        let summary = run_batch(&model, input.as_bytes(), &mut output, &options, |_| {})
            .expect("the batch runs");
        assert_eq!((summary.rows, summary.errors), (10_000, 0));
        c.bench_function(name, |b| {
            b.iter(|| {
                output.clear();
                run_batch(&model, input.as_bytes(), &mut output, &options, |_| {})
                    .expect("the batch runs")
            })
        });
    }
}

criterion_group!(benches, batch_rows);
criterion_main!(benches);
