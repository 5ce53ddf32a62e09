//! What the fuzz targets share: the bundled policies, checked once, and the
//! whole pipeline after checking (evaluation, explanations, every renderer,
//! a short timeline), run the way the command line runs it.
//!
//! Each target feeds one kind of input (policy text, facts, scenarios,
//! batch rows) and hands what it made of it to the functions here. A target
//! fails only by panicking or crashing; a diagnostic is a good outcome. A
//! few cheap checks of what a user relies on are asserted too: JSON output
//! parses as JSON, and a batch writes one row per row read.

pub mod structured;

use std::sync::OnceLock;

use chrono::NaiveDate;
use provisio::check::Checked;
use provisio::eval::{AsOfSource, Readings, choose_as_of, evaluate_all_readings, evaluate_only};
use provisio::explain::{Detail, explain};
use provisio::facts::{Facts, FactsFormat};
use provisio::model::Model;
use provisio::render;
use provisio::span::SourceFile;

/// The policies of `rules/`, with their names, compiled into the targets so
/// that a target runs from any folder.
const BUNDLED: [(&str, &str); 4] = [
    (
        "rules/wto/mc13-ecommerce.policy",
        include_str!("../../rules/wto/mc13-ecommerce.policy"),
    ),
    (
        "rules/us-corporate-tax/corporate-rates.policy",
        include_str!("../../rules/us-corporate-tax/corporate-rates.policy"),
    ),
    (
        "rules/us-income-tax/income-tax-and-child-credit.policy",
        include_str!("../../rules/us-income-tax/income-tax-and-child-credit.policy"),
    ),
    (
        "rules/us-home-sale/principal-residence.policy",
        include_str!("../../rules/us-home-sale/principal-residence.policy"),
    ),
];

/// The bundled policies, checked on first use. A bundled policy that does
/// not check is a bug of the repository, not of the input: it panics at once.
pub fn bundled() -> &'static [Checked] {
    static CHECKED: OnceLock<Vec<Checked>> = OnceLock::new();
    CHECKED.get_or_init(|| {
        BUNDLED
            .iter()
            .map(|(name, text)| {
                provisio::check::check_source(&SourceFile::new(*name, *text))
                    .unwrap_or_else(|_| panic!("the bundled policy {name} checks"))
            })
            .collect()
    })
}

/// The date an evaluation is as of when the facts give none: fixed, so that
/// a crash found today reproduces tomorrow.
pub fn default_as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 28).unwrap_or_default()
}

/// How many of a policy's problems are rendered. Rendering one costs time in
/// proportion to where it points in the file, so rendering thousands of
/// warnings about a long policy takes minutes, which would hide crashes
/// behind timeouts; the first problems exercise the renderer as well.
const RENDERED_PROBLEMS: usize = 64;

/// Renders a policy's problems, as the command line does on stderr (the
/// first [`RENDERED_PROBLEMS`] of them).
pub fn render_problems(problems: &provisio::diagnostic::Problems) {
    for problem in problems.items.iter().take(RENDERED_PROBLEMS) {
        let _ = render::diagnostics::render(problem, false);
        let _ = render::diagnostics::render(problem, true);
    }
}

/// Renders any diagnostic, without and with colour.
pub fn render_diagnostic(diagnostic: &dyn miette::Diagnostic) {
    let _ = render::diagnostics::render(diagnostic, false);
    let _ = render::diagnostics::render(diagnostic, true);
}

/// Panics unless `text` is one JSON document: the JSON renderers promise it.
/// Explanations nest one level per step, and serde_json stops reading at 128
/// levels; past that, only the first 128 levels are checked.
pub fn assert_json(what: &str, text: &str) {
    if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(text)
        && !error.to_string().starts_with("recursion limit exceeded")
    {
        panic!("{what} wrote text that is not JSON ({error}):\n{text}");
    }
}

/// Parses and checks policy text, rendering the diagnostics of a policy that
/// does not check; `None` for such a policy.
pub fn check_text(name: &str, text: &str) -> Option<Checked> {
    let source = SourceFile::new(name, text);
    match provisio::check::check_source(&source) {
        Ok(checked) => {
            render_problems(&checked.warnings);
            Some(checked)
        }
        Err(problems) => {
            render_problems(&problems);
            None
        }
    }
}

/// Reads facts text against a model, rendering the diagnostic when it is
/// refused; `None` then.
pub fn read_facts(model: &Model, text: &str, format: FactsFormat) -> Option<Facts> {
    match provisio::facts::parse_facts_text(model, "facts", text, format) {
        Ok(facts) => Some(facts),
        Err(error) => {
            render_diagnostic(&error);
            None
        }
    }
}

/// Everything the command line does with a checked policy and its facts:
/// `eval` with each explanation detail in each format, `eval --all-readings`
/// in each format, explanations of each verdict, and a timeline of a week
/// around the evaluation date in each format.
pub fn exercise(model: &Model, facts: &Facts) {
    let readings = Readings::defaults(model);
    let (as_of, source) = choose_as_of(None, facts, default_as_of());
    eval_and_render(model, facts, as_of, source, &readings);
    all_readings(model, facts, as_of, source, &readings);
    timeline(model, facts, &readings, as_of);
}

fn eval_and_render(
    model: &Model,
    facts: &Facts,
    as_of: NaiveDate,
    source: AsOfSource,
    readings: &Readings,
) {
    let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
    let evaluation = evaluate_only(model, facts, as_of, source, readings, &every);
    for outcome in &evaluation.verdicts {
        if let Some(error) = &outcome.error {
            render_diagnostic(&error.to_problem(model));
        }
        for detail in [Detail::Decisive, Detail::Full] {
            if let Some(explanation) = explain(model, &evaluation, outcome, detail) {
                let _ = render::lines::lines(model, &explanation);
                let _ = render::json::explanation_json(model, &explanation);
            }
        }
        for lang in provisio::locale::Lang::ALL {
            let _ = render::sentence::sentence(model, &evaluation, outcome, lang);
        }
    }
    for detail in [Detail::Decisive, Detail::Full, Detail::None] {
        for (color, lang) in [false, true]
            .into_iter()
            .flat_map(|c| provisio::locale::Lang::ALL.map(|l| (c, l)))
        {
            let options = render::Options {
                detail,
                color,
                lang,
            };
            let _ = render::text::render(model, &evaluation, &options);
            let _ = render::markdown::render(model, &evaluation, &options);
        }
        let options = render::Options {
            detail,
            color: false,
            lang: provisio::locale::Lang::Fr,
        };
        assert_json(
            "the JSON renderer",
            &render::json::render(model, &evaluation, &options),
        );
    }
}

fn all_readings(
    model: &Model,
    facts: &Facts,
    as_of: NaiveDate,
    source: AsOfSource,
    readings: &Readings,
) {
    let all = evaluate_all_readings(model, facts, as_of, source, readings);
    for lang in provisio::locale::Lang::ALL {
        let _ = render::all_readings::render_text_in(model, &all, lang);
        let _ = render::all_readings::render_markdown_in(model, &all, lang);
    }
    assert_json(
        "the all-readings JSON renderer",
        &render::all_readings::render_json(model, &all),
    );
}

fn timeline(model: &Model, facts: &Facts, readings: &Readings, around: NaiveDate) {
    let (Some(from), Some(to)) = (
        around.checked_sub_days(chrono::Days::new(3)),
        around.checked_add_days(chrono::Days::new(3)),
    ) else {
        return;
    };
    let line = provisio::timeline::timeline(model, facts, readings, from, to);
    for lang in provisio::locale::Lang::ALL {
        let _ = render::timeline::render_text(model, &line, lang);
        let _ = render::svg::render(model, &line, lang);
    }
    assert_json(
        "the timeline JSON renderer",
        &render::timeline::render_json(model, &line),
    );
}

/// The marker line that separates a policy from the facts that follow it in
/// the input of the `policy` target: `#facts:json`, `#facts:yaml` or
/// `#facts:toml`. It starts with `#`, so the whole input is still a policy
/// with a comment, and a plain policy has no facts.
pub const FACTS_MARKER: &str = "\n#facts:";

/// Splits a `policy` target input into the policy text and, when a marker
/// line follows it, the facts' format and text.
pub fn split_policy_and_facts(input: &str) -> (&str, Option<(FactsFormat, &str)>) {
    let Some(at) = input.find(FACTS_MARKER) else {
        return (input, None);
    };
    let policy = &input[..at];
    let rest = &input[at + FACTS_MARKER.len()..];
    let (word, facts) = rest.split_once('\n').unwrap_or((rest, ""));
    let format = match word.trim() {
        "yaml" => FactsFormat::Yaml,
        "toml" => FactsFormat::Toml,
        _ => FactsFormat::Json,
    };
    (policy, Some((format, facts)))
}

/// The `policy` target's pipeline: check the policy, then exercise it with
/// every fact unknown and, when the input carries facts, with those.
pub fn policy_pipeline(input: &str) {
    let (policy, facts) = split_policy_and_facts(input);
    let Some(checked) = check_text("fuzz.policy", policy) else {
        return;
    };
    let model = &checked.model;
    if let Err(problem) = Facts::without_file(model) {
        render_diagnostic(&problem);
    }
    exercise(model, &Facts::empty(model));
    if let Some((format, text)) = facts
        && let Some(facts) = read_facts(model, text, format)
    {
        exercise(model, &facts);
    }
}

/// The facts targets' pipeline: the same text as facts for every bundled
/// policy, and what each accepts is evaluated and rendered.
pub fn facts_pipeline(input: &str, format: FactsFormat) {
    for checked in bundled() {
        if let Some(facts) = read_facts(&checked.model, input, format) {
            exercise(&checked.model, &facts);
        }
    }
}

/// The scenario target's pipeline: the text as a scenario file (JSON when it
/// starts with `{`, YAML otherwise) run by the test runner against every
/// bundled policy, with every report the runner writes.
pub fn scenario_pipeline(input: &str) {
    let json = input.trim_start().starts_with('{');
    let path = scenario_path(if json { "json" } else { "yaml" });
    if std::fs::write(&path, input).is_err() {
        return;
    }
    let render =
        |diagnostic: &dyn miette::Diagnostic| render::diagnostics::render(diagnostic, false);
    for checked in bundled() {
        let model = &checked.model;
        let run = provisio::testing::run_policy(
            model,
            std::path::Path::new("fuzz.policy"),
            std::slice::from_ref(&path),
            &render,
        );
        let _ = provisio::testing::report::failures(model, &run);
        let _ = provisio::testing::report::coverage_text(model, &run);
        let _ = provisio::testing::report::coverage_json(model, &run);
        let _ = provisio::testing::report::junit(&[(run, Some(model))]);
    }
}

/// A file of this process's own in the temporary folder: the test runner
/// reads scenarios from files.
fn scenario_path(extension: &str) -> std::path::PathBuf {
    let folder = std::env::temp_dir().join(format!("provisio-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&folder);
    folder.join(format!("scenario.{extension}"))
}

/// The batch targets' pipeline: the text as the rows of a batch, in the
/// given format, against every bundled policy, written as JSON Lines with
/// explanations and as CSV, a few rows to a chunk so that chunks end
/// inside the input. Each output has one row per row read.
pub fn batch_pipeline(input: &[u8], format: provisio::batch::InputFormat) {
    use provisio::batch::{BatchOptions, OutputFormat, run_batch};
    for checked in bundled() {
        let model = &checked.model;
        for output in [OutputFormat::JsonLines, OutputFormat::Csv] {
            let mut options = BatchOptions::new(format);
            options.output = output;
            options.at = Some(default_as_of());
            options.explain = output == OutputFormat::JsonLines;
            options.chunk = 3;
            let mut written = Vec::new();
            let summary = match run_batch(model, input, &mut written, &options, |_| {}) {
                Ok(summary) => summary,
                Err(_) => continue,
            };
            let text = String::from_utf8(written).expect("a batch writes UTF-8");
            match output {
                OutputFormat::JsonLines => {
                    let lines: Vec<&str> = text.lines().collect();
                    assert_eq!(
                        lines.len(),
                        summary.rows,
                        "one output line per row read:\n{text}"
                    );
                    for line in lines {
                        assert_json("a batch row", line);
                    }
                }
                OutputFormat::Csv => {
                    let records = csv_records(&text);
                    assert_eq!(
                        records,
                        summary.rows + 1,
                        "a header and one CSV record per row read:\n{text}"
                    );
                }
            }
        }
    }
}

/// The number of records of CSV text, quoted line breaks inside a record.
fn csv_records(text: &str) -> usize {
    let mut records = 0;
    let mut quoted = false;
    let mut at_start = true;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                records += 1;
                at_start = true;
                continue;
            }
            _ => {}
        }
        at_start = false;
    }
    if !at_start {
        records += 1;
    }
    records
}
