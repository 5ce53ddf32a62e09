//! Benchmarks of the bundled WTO decision (`rules/wto/mc13-ecommerce.policy`).
//!
//! Run with `cargo bench --bench evaluate`; `BENCHMARKS.md` records one run.
//!
//! - `check/parse_and_check`: the policy's text to a checked model;
//!   `check/parse_only`: the parsing part of it (text to syntax tree).
//! - `eval/values_*`: all five verdicts through `evaluate_values`, the fastest
//!   path: one reused `Evaluator`, no tracing, output into a reused `Vec`.
//! - `eval/traced_*`: all five verdicts through `evaluate`, which records
//!   every step in a new trace, works out what each verdict depended on,
//!   evaluates the values its sentence names, and allocates the `Evaluation`
//!   it returns.
//! - `eval/traced_reused_*`: all five verdicts through `evaluate_traced`,
//!   recording every step in a reused `Trace` with a reused `Evaluator`: the
//!   cost of recording what explanations are read from, to compare with
//!   `eval/values_*` on the same input.
//! - `*_mc14_known` uses the facts of scenario 02 (as of 2026-03-28, the 14th
//!   Session from 26 to 30 March 2026, a customs duty on electronic
//!   transmissions); `*_mc14_unknown` leaves out the 14th Session, so that
//!   every verdict is undetermined.
//! - `facts/parse_json`: the facts of scenario 02, from JSON text to
//!   validated facts.
//! - `explain/decisive_*`: the explanations of all five verdicts, with
//!   `explain(model, &evaluation, outcome, Detail::Decisive)`, from a finished
//!   `evaluate(...)` result: rendering-side work, not evaluation.
//! - `render/*`: a finished evaluation (scenario 02) rendered as text or as
//!   JSON, with explanations (`Detail::Decisive`, the CLI's default) and
//!   without (`Detail::None`).
//! - `timeline/ten_years_*`: `provisio::timeline::timeline`, what `provisio
//!   timeline` computes: every verdict on every day from 2 March 2024 to
//!   1 March 2034 (3,652 days), merged into intervals. `_mc14_known` with the
//!   facts of scenario 02 (their `as_of` plays no part), `_mc14_unknown`
//!   without the 14th Session, so that every verdict is undetermined on
//!   every day before 31 March 2026 (the expiry date on every day), and each
//!   such day is also traced, to find what it depends on. One
//!   iteration takes milliseconds, so these two run with 20 samples of 10 s.
//!
//! Nothing here touches the file system while measuring.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use provisio::check::check_source;
use provisio::eval::trace::Trace;
use provisio::eval::{
    AsOfSource, Evaluation, Evaluator, Input, Readings, evaluate, evaluate_traced, evaluate_values,
};
use provisio::explain::{Detail, explain};
use provisio::facts::{Facts, FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::render::{self, Options};
use provisio::span::SourceFile;
use provisio::timeline::{Timeline, timeline};
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
    let mut out = Vec::with_capacity(evaluator.verdict_count());
    evaluate_values(&mut evaluator, &input, &mut out);
    assert_eq!(out.len(), 5, "five verdicts");
    let known = out
        .iter()
        .filter(|v| v.as_ref().is_ok_and(Value::is_known))
        .count();
    assert_eq!(
        known,
        if expect_known { 5 } else { 0 },
        "unexpected verdicts: {out:?}"
    );
    c.bench_function(name, |b| {
        b.iter(|| {
            evaluate_values(&mut evaluator, black_box(&input), &mut out);
            out.len() == 5
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
    evaluate_values(&mut evaluator, &input, &mut fast);
    let fast: Vec<Value> = fast.into_iter().map(|v| v.expect("evaluates")).collect();
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

/// The recording path with reuse, `evaluate_traced`: every step recorded
/// into a reused trace, as explanations need.
fn bench_traced_reused(c: &mut Criterion, name: &str, model: &Model, facts: &Facts) {
    let readings = readings(model);
    let input = Input {
        facts,
        as_of: as_of(facts),
        readings: &readings,
    };
    // It must agree with the fastest path, and give a root step per verdict.
    let mut evaluator = Evaluator::new(model);
    let mut fast = Vec::new();
    evaluate_values(&mut evaluator, &input, &mut fast);
    let mut trace = Trace::new(model);
    let mut out = Vec::with_capacity(evaluator.verdict_count());
    let mut roots: Vec<u32> = Vec::with_capacity(evaluator.verdict_count());
    evaluate_traced(&mut evaluator, &mut trace, &input, &mut out, &mut roots);
    assert!(out.iter().all(Result::is_ok), "evaluates");
    assert_eq!(out, fast, "evaluate_traced and evaluate_values disagree");
    assert_eq!(roots.len(), 5, "a root step per verdict");
    assert!(!trace.steps().is_empty(), "the trace recorded nothing");
    c.bench_function(name, |b| {
        b.iter(|| {
            evaluate_traced(
                &mut evaluator,
                &mut trace,
                black_box(&input),
                &mut out,
                &mut roots,
            );
            out.len() == 5
        })
    });
}

fn evaluation(c: &mut Criterion) {
    let model = model();
    let known = facts(&model, FACTS_MC14_KNOWN);
    let unknown = facts(&model, FACTS_MC14_UNKNOWN);
    bench_values(c, "eval/values_mc14_known", &model, &known, true);
    bench_traced(c, "eval/traced_mc14_known", &model, &known);
    bench_traced_reused(c, "eval/traced_reused_mc14_known", &model, &known);
    bench_values(c, "eval/values_mc14_unknown", &model, &unknown, false);
    bench_traced(c, "eval/traced_mc14_unknown", &model, &unknown);
    bench_traced_reused(c, "eval/traced_reused_mc14_unknown", &model, &unknown);
}

/// The 2022 decision written as its text reads: until the 13th Session;
/// if it is delayed beyond 31 March 2024, until that day, unless a decision
/// to extend was taken (the day of the decision, or none).
const POLICY_2022: &str = r#"
instrument "Work Programme on Electronic Commerce: Ministerial Decision of 17 June 2022"
  adopted 2022-06-17
  in force from adoption
event mc13 "the 13th Session of the Ministerial Conference"
fact extension_decision "the day Ministers or the General Council decide to extend the moratorium": optional date or none
provision para3 "The moratorium"
  text "... until the 13th Session ... Should MC13 be delayed beyond 31 March 2024, the moratorium will expire on that date unless Ministers or the General Council take a decision to extend."
  define expiry "the day the moratorium expires" = mc13.opening
  exception delayed to expiry when mc13.opening after 2024-03-31 then 2024-03-31
  exception extension to delayed when extension_decision is not none then mc13.opening
  define holds "the moratorium holds" = as_of before expiry
verdict moratorium_holds = para3.holds
  says "The moratorium {holds|does not hold|may or may not hold}."
"#;

/// Exact reasoning at work: the Session's date unknown, no extension, on
/// 1 April 2024 (false, determined only by reasoning over every case).
fn exact_reasoning(c: &mut Criterion) {
    let model = match check_source(&SourceFile::new("wto-2022.policy", POLICY_2022)) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the 2022 policy does not check: {problems:?}"),
    };
    let given = facts(
        &model,
        r#"{"extension_decision": "none", "as_of": "2024-04-01"}"#,
    );
    let readings = Readings::defaults(&model);
    let input = Input {
        facts: &given,
        as_of: as_of(&given),
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(&model);
    let mut out = Vec::new();
    evaluate_values(&mut evaluator, &input, &mut out);
    assert_eq!(out, [Ok(Value::Bool(false))], "decided exactly");
    c.bench_function("eval/values_2022_session_unknown", |b| {
        b.iter(|| {
            evaluate_values(&mut evaluator, black_box(&input), &mut out);
            out.len() == 1
        })
    });

    // The bundled decision with the Session's opening known within a range.
    let model = self::model();
    let mut ranged = facts(&model, FACTS_MC14_UNKNOWN);
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date");
    let opening = Value::Unknown(provisio::value::Bounds {
        lo: Some(provisio::value::Scalar::Date(day("2026-03-20"))),
        hi: Some(provisio::value::Scalar::Date(day("2026-03-30"))),
    });
    let mc14 = model
        .facts
        .iter()
        .position(|f| f.field.name == "mc14")
        .expect("the decision has mc14");
    ranged.values[mc14] = Value::Record(vec![opening, Value::UNKNOWN].into());
    ranged.as_of = Some(day("2026-03-25"));
    let readings = self::readings(&model);
    let input = Input {
        facts: &ranged,
        as_of: as_of(&ranged),
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(&model);
    evaluate_values(&mut evaluator, &input, &mut out);
    assert!(out.iter().all(Result::is_ok), "evaluates: {out:?}");
    c.bench_function("eval/values_mc14_opening_range", |b| {
        b.iter(|| {
            evaluate_values(&mut evaluator, black_box(&input), &mut out);
            out.len() == 5
        })
    });
}

/// A finished evaluation of scenario 02's readings for some facts.
fn finished<'m>(model: &'m Model, facts: &Facts) -> Evaluation<'m> {
    let readings = readings(model);
    evaluate(model, facts, as_of(facts), AsOfSource::Facts, &readings).expect("evaluates")
}

/// Explaining every verdict of a finished evaluation.
fn bench_explain(c: &mut Criterion, name: &str, model: &Model, evaluation: &Evaluation<'_>) {
    for outcome in &evaluation.verdicts {
        let explanation =
            explain(model, evaluation, outcome, Detail::Decisive).expect("an explanation");
        assert!(
            !explanation.steps.is_empty(),
            "verdict {} is explained by no rule",
            outcome.verdict
        );
    }
    c.bench_function(name, |b| {
        b.iter(|| {
            black_box(&evaluation.verdicts)
                .iter()
                .filter_map(|outcome| explain(model, evaluation, outcome, Detail::Decisive))
                .count()
                == 5
        })
    });
}

fn explanations(c: &mut Criterion) {
    let model = model();
    let known = facts(&model, FACTS_MC14_KNOWN);
    let unknown = facts(&model, FACTS_MC14_UNKNOWN);
    let evaluation = finished(&model, &known);
    bench_explain(c, "explain/decisive_mc14_known", &model, &evaluation);
    let evaluation = finished(&model, &unknown);
    bench_explain(c, "explain/decisive_mc14_unknown", &model, &evaluation);
}

fn rendering(c: &mut Criterion) {
    let model = model();
    let known = facts(&model, FACTS_MC14_KNOWN);
    let evaluation = finished(&model, &known);
    let explained = Options {
        detail: Detail::Decisive,
        color: false,
        lang: Default::default(),
    };
    let plain = Options {
        detail: Detail::None,
        color: false,
        lang: Default::default(),
    };
    // The renderers must show the explanations when asked, and only then.
    assert!(render::text::render(&model, &evaluation, &explained).contains("Why:"));
    assert!(!render::text::render(&model, &evaluation, &plain).contains("Why:"));
    assert!(render::json::render(&model, &evaluation, &explained).contains("\"explanation\""));
    assert!(!render::json::render(&model, &evaluation, &plain).contains("\"explanation\""));
    c.bench_function("render/text_explained", |b| {
        b.iter(|| render::text::render(&model, black_box(&evaluation), &explained).len())
    });
    c.bench_function("render/text_plain", |b| {
        b.iter(|| render::text::render(&model, black_box(&evaluation), &plain).len())
    });
    c.bench_function("render/json_explained", |b| {
        b.iter(|| render::json::render(&model, black_box(&evaluation), &explained).len())
    });
    c.bench_function("render/json_plain", |b| {
        b.iter(|| render::json::render(&model, black_box(&evaluation), &plain).len())
    });
}

fn facts_loading(c: &mut Criterion) {
    let model = model();
    let source = SourceFile::new("facts.json", FACTS_MC14_KNOWN);
    c.bench_function("facts/parse_json", |b| {
        b.iter(|| parse_facts(black_box(&model), black_box(&source), FactsFormat::Json).is_ok())
    });
}

/// A date of the benchmarks' range.
fn day(text: &str) -> chrono::NaiveDate {
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => date,
        Err(error) => panic!("{text} is not a date: {error}"),
    }
}

/// The `(from, to, status)` of each interval of a verdict, by name, after
/// checking that its intervals cover the timeline's range day after day.
fn intervals(model: &Model, line: &Timeline, verdict: &str) -> Vec<(String, String, String)> {
    let index = model
        .verdicts
        .iter()
        .position(|v| v.name == verdict)
        .unwrap_or_else(|| panic!("no verdict {verdict}"));
    let list = &line.verdicts[index];
    assert_eq!(list.first().map(|i| i.from), Some(line.from), "{verdict}");
    assert_eq!(list.last().map(|i| i.to), Some(line.to), "{verdict}");
    for pair in list.windows(2) {
        assert_eq!(
            pair[0].to.succ_opt(),
            Some(pair[1].from),
            "{verdict}: a gap"
        );
    }
    list.iter()
        .map(|i| {
            let status = if i.in_force == Value::Bool(false) {
                String::from("not in force")
            } else if i.value.is_known() {
                model.format_value(&i.value)
            } else {
                let depends: Vec<String> = i
                    .depends_on
                    .iter()
                    .map(|(fact, fields)| model.fact_path(*fact, fields))
                    .collect();
                format!("undetermined; depends on {}", depends.join(", "))
            };
            (i.from.to_string(), i.to.to_string(), status)
        })
        .collect()
}

fn span(from: &str, to: &str, status: &str) -> (String, String, String) {
    (from.to_string(), to.to_string(), status.to_string())
}

/// Every verdict, daily over ten years, as `provisio timeline` computes it.
fn bench_timeline(
    c: &mut Criterion,
    name: &str,
    model: &Model,
    facts: &Facts,
    moratorium: &[(String, String, String)],
) {
    let readings = readings(model);
    let (from, to) = (day("2024-03-02"), day("2034-03-01"));
    let line = timeline(model, facts, &readings, from, to);
    assert!(
        line.verdicts.iter().flatten().all(|i| i.error.is_none()),
        "evaluates every day"
    );
    assert_eq!((line.from, line.to), (from, to));
    assert_eq!(line.verdicts.len(), 5, "five verdicts");
    assert_eq!(
        intervals(model, &line, "moratorium_in_force"),
        moratorium,
        "the moratorium's intervals"
    );
    for verdict in &model.verdicts {
        intervals(model, &line, &verdict.name);
    }
    c.bench_function(name, |b| {
        b.iter(|| {
            timeline(
                black_box(model),
                black_box(facts),
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
    let model = model();
    let known = facts(&model, FACTS_MC14_KNOWN);
    let unknown = facts(&model, FACTS_MC14_UNKNOWN);
    bench_timeline(
        c,
        "timeline/ten_years_mc14_known",
        &model,
        &known,
        &[
            span("2024-03-02", "2026-03-25", "true"),
            span("2026-03-26", "2034-03-01", "false"),
        ],
    );
    bench_timeline(
        c,
        "timeline/ten_years_mc14_unknown",
        &model,
        &unknown,
        &[
            span(
                "2024-03-02",
                "2026-03-30",
                "undetermined; depends on mc14.opening",
            ),
            span("2026-03-31", "2034-03-01", "false"),
        ],
    );
}

/// Fifteen benchmarks of 1 s warm-up and 5 s measurement each (parse and
/// check needs longer to collect its samples): about two minutes in all.
/// A batch of 10,000 JSON Lines scenarios for the bundled decision, run in
/// memory through `provisio::batch::run_batch` (parallel over all cores).
fn batches(c: &mut Criterion) {
    let model = model();
    let mut input = String::new();
    for i in 0..10_000u32 {
        let day = 1 + i % 28;
        input.push_str(&format!(
            "{{\"as_of\":\"2026-03-{day:02}\",\"mc14\":{{\"opening\":\"2026-03-26\",\"closing\":\"2026-03-30\"}},\"measure\":{{\"kind\":\"customs_duty\",\"levied_on\":\"electronic_transmission\"}}}}\n"
        ));
    }
    let options = provisio::batch::BatchOptions::new(provisio::batch::InputFormat::JsonLines);
    let mut output = Vec::with_capacity(2_000_000);
    let summary =
        provisio::batch::run_batch(&model, input.as_bytes(), &mut output, &options, |_| {})
            .expect("the batch runs");
    assert_eq!((summary.rows, summary.errors), (10_000, 0));
    c.bench_function("batch/jsonl_10k_rows", |b| {
        b.iter(|| {
            output.clear();
            provisio::batch::run_batch(&model, input.as_bytes(), &mut output, &options, |_| {})
                .expect("the batch runs")
        })
    });
}

/// The income tax and child tax credit example: money, a bracket table
/// looked up as of a date, aggregates over the dependents, and exceptions
/// overriding exceptions. Its example facts, with three dependents.
fn examples(c: &mut Criterion) {
    let source = SourceFile::new(
        "income-tax-and-child-credit.policy",
        include_str!("../rules/us-income-tax/income-tax-and-child-credit.policy"),
    );
    let model = match check_source(&source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the income tax example does not check: {problems:?}"),
    };
    let facts = facts(
        &model,
        include_str!("../rules/us-income-tax/facts/family-2018.json"),
    );
    let readings = Readings::defaults(&model);
    let input = Input {
        facts: &facts,
        as_of: as_of(&facts),
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(&model);
    let mut out = Vec::with_capacity(evaluator.verdict_count());
    evaluate_values(&mut evaluator, &input, &mut out);
    assert!(
        out.len() == 5 && out.iter().all(|v| v.as_ref().is_ok_and(Value::is_known)),
        "unexpected verdicts: {out:?}"
    );
    c.bench_function("examples/values_child_credit", |b| {
        b.iter(|| {
            evaluate_values(&mut evaluator, black_box(&input), &mut out);
            out.len()
        })
    });
    let mut trace = Trace::new(&model);
    let mut roots = Vec::new();
    c.bench_function("examples/traced_reused_child_credit", |b| {
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

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(100)
}

/// The two timelines take milliseconds an iteration: 20 samples of 10 s.
fn timeline_config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = parse_and_check, evaluation, exact_reasoning, facts_loading, explanations, rendering, batches, examples
}
criterion_group! {
    name = timeline_benches;
    config = timeline_config();
    targets = timelines
}
criterion_main!(benches, timeline_benches);
