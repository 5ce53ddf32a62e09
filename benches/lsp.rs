//! The language server's analysis path on the bundled decision
//! (`rules/wto/mc13-ecommerce.policy`): what runs between an edit and the
//! diagnostics the editor shows (issue #18 asks for 20 ms at most).
//!
//! Run with `cargo bench --bench lsp`; `BENCHMARKS.md` records one run.
//!
//! - `lsp/analyse`: parsing, checking and indexing the decision's text, as
//!   an edit does (`Document::analyse`);
//! - `lsp/did_change`: a whole `textDocument/didChange` through the server,
//!   the diagnostics converted to the protocol's and serialised;
//! - `lsp/hover`: a hover on a rule, answered from the analysis;
//! - `lsp/did_change_chain`: a `didChange` of the chain of the moratorium's
//!   instruments (`rules/wto/chain/moratorium-chain.policy`), which uses ten
//!   policies: each read, parsed and indexed for its names, and checked.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Notification, Request, RequestId};
use serde_json::json;

use provisio::lsp::Server;
use provisio::lsp::documents::Document;

const DECISION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/rules/wto/mc13-ecommerce.policy"
);
const URI: &str = "file:///rules/wto/mc13-ecommerce.policy";

fn lsp(c: &mut Criterion) {
    let text = std::fs::read_to_string(DECISION).expect("the decision reads");
    // The analysis finds what the checker finds: nothing wrong.
    let document = Document::analyse(DECISION.to_string(), text.clone(), None);
    assert!(
        document.model.is_some() && document.index_current,
        "the decision checks"
    );

    let mut group = c.benchmark_group("lsp");
    group.bench_function("analyse", |b| {
        b.iter(|| Document::analyse(DECISION.to_string(), black_box(text.clone()), None))
    });

    let mut server = Server::default();
    let open =
        json!({"textDocument": {"uri": URI, "languageId": "provisio", "version": 1, "text": text}});
    server.notification(Notification::new("textDocument/didOpen".to_string(), open));
    let mut version = 1;
    group.bench_function("did_change", |b| {
        b.iter(|| {
            version += 1;
            let change = json!({
                "textDocument": {"uri": URI, "version": version},
                "contentChanges": [{"text": text}],
            });
            let published = server.notification(Notification::new(
                "textDocument/didChange".to_string(),
                change,
            ));
            black_box(serde_json::to_string(&published[0]).expect("JSON"))
        })
    });

    let line = text
        .lines()
        .position(|l| l.contains("para5.work_programme_active"))
        .expect("a use");
    let column = text
        .lines()
        .nth(line)
        .and_then(|l| l.find("work_programme_active"))
        .expect("the name");
    let hover =
        json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": column + 1}});
    group.bench_function("hover", |b| {
        b.iter(|| {
            let request = Request::new(
                RequestId::from(1),
                "textDocument/hover".to_string(),
                hover.clone(),
            );
            black_box(server.request(request))
        })
    });

    let chain_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/wto/chain/moratorium-chain.policy"
    );
    let chain = std::fs::read_to_string(chain_path).expect("the chain reads");
    let chain_uri = format!("file://{chain_path}");
    let open = json!({"textDocument": {"uri": chain_uri, "languageId": "provisio", "version": 1, "text": chain}});
    let published =
        server.notification(Notification::new("textDocument/didOpen".to_string(), open));
    assert_eq!(
        published[0].params["diagnostics"],
        json!([]),
        "the chain checks"
    );
    let mut version = 1;
    group.bench_function("did_change_chain", |b| {
        b.iter(|| {
            version += 1;
            let change = json!({
                "textDocument": {"uri": chain_uri, "version": version},
                "contentChanges": [{"text": chain}],
            });
            let published = server.notification(Notification::new(
                "textDocument/didChange".to_string(),
                change,
            ));
            black_box(serde_json::to_string(&published[0]).expect("JSON"))
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = lsp
}
criterion_main!(benches);
