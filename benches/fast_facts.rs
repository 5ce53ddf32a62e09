//! Reading one batch row's facts: the fast reader of plain rows
//! (`provisio::facts::FastFacts`) beside the full reader
//! (`parse_facts_text`, a JSON tree checked against the policy), on the
//! rows of the bundled decision that `examples/generate_scenarios` writes.

use criterion::{Criterion, criterion_group, criterion_main};
use provisio::facts::{FactsFormat, FastFacts, parse_facts_text};
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

/// Rows with and without the Session's dates and a measure.
const ROWS: [&str; 4] = [
    r#"{"as_of":"2025-09-27","mc14":{"opening":"2026-05-22","closing":"2026-05-23"}}"#,
    r#"{"as_of":"2027-12-19","mc14":{"opening":"2026-05-29","closing":"2026-06-02"},"measure":{"kind":"internal_tax","levied_on":"transmitted_content"}}"#,
    r#"{"as_of":"2025-08-15","measure":{"kind":"customs_duty","levied_on":"physical_goods"}}"#,
    r#"{"as_of":"2024-10-16","mc14":{"opening":"2026-02-13","closing":"2026-02-14"},"measure":{"kind":"customs_duty","levied_on":"physical_goods"}}"#,
];

fn fast_facts(c: &mut Criterion) {
    let model = model();
    let fast = FastFacts::new(&model);
    for row in ROWS {
        let full = parse_facts_text(&model, "row", row, FactsFormat::Json).expect("reads");
        assert_eq!(fast.read(row), Some(full));
    }
    c.bench_function("fast_facts/fast_4_rows", |b| {
        b.iter(|| ROWS.map(|row| fast.read(std::hint::black_box(row))))
    });
    c.bench_function("fast_facts/full_4_rows", |b| {
        b.iter(|| {
            ROWS.map(|row| {
                parse_facts_text(&model, "row", std::hint::black_box(row), FactsFormat::Json)
            })
        })
    });
}

criterion_group!(benches, fast_facts);
criterion_main!(benches);
