//! The cost of `provisio analyze`: the analysis of each bundled policy
//! over every case, witnesses included (not the report's rendering).
//!
//! Run with `cargo bench --bench analyze`. `analyze/NAME` for each policy
//! under `rules/` but the chain, whose every question runs out of budget
//! (`analyze/chain` measures it apart, with fewer samples).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use provisio::analysis::analyze;
use provisio::check::load_policy;

fn policies(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            policies(&path, out);
        } else if path.extension().is_some_and(|e| e == "policy") {
            out.push(path);
        }
    }
}

fn bench(c: &mut Criterion) {
    let mut found = Vec::new();
    policies(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &mut found,
    );
    let mut group = c.benchmark_group("analyze");
    group.measurement_time(Duration::from_secs(3));
    for path in &found {
        let Ok(checked) = load_policy(path) else {
            continue;
        };
        let name = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        if name == "moratorium-chain" {
            continue;
        }
        group.bench_function(name, |b| b.iter(|| analyze(black_box(&checked.model))));
    }
    group.finish();
    let mut slow = c.benchmark_group("analyze");
    slow.sample_size(10);
    slow.measurement_time(Duration::from_secs(20));
    for path in found
        .iter()
        .filter(|p| p.ends_with("chain/moratorium-chain.policy"))
    {
        if let Ok(checked) = load_policy(path) {
            slow.bench_function("chain", |b| b.iter(|| analyze(black_box(&checked.model))));
        }
    }
    slow.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
