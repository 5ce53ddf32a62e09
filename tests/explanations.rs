//! Explanations of the bundled decision: every verdict of every scenario in
//! each format, pinned by snapshots; every quotation verbatim from the law.

use std::path::Path;

use assert_cmd::Command;
use provisio::eval::{AsOfSource, Evaluation, Readings, choose_as_of, evaluate};
use provisio::explain::{Detail, RuleStep, explain};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::render::{self, Options};
use provisio::span::SourceFile;
use serde_json::Value as Json;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";

fn model() -> Model {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    provisio::check::load_policy(&root.join(POLICY))
        .expect("the bundled decision checks")
        .model
}

/// Evaluates a scenario file, as `eval` does with its facts and readings.
fn evaluate_scenario<'m>(model: &'m Model, path: &Path) -> Evaluation<'m> {
    let text = std::fs::read_to_string(path).expect("scenario readable");
    let json: Json = if path.extension().is_some_and(|x| x == "json") {
        serde_json::from_str(&text).expect("scenario is JSON")
    } else {
        serde_norway::from_str(&text).expect("scenario is YAML")
    };
    let facts_text = serde_json::to_string(&json["facts"]).expect("facts serialise");
    let facts = parse_facts(
        model,
        &SourceFile::new("facts.json", facts_text),
        FactsFormat::Json,
    )
    .expect("facts load");
    let mut readings = Readings::defaults(model);
    for (name, alternative) in json["readings"].as_object().into_iter().flatten() {
        readings
            .choose(model, name, alternative.as_str().unwrap_or_default())
            .expect("reading exists");
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let (as_of, source) = choose_as_of(None, &facts, today);
    assert_eq!(source, AsOfSource::Facts);
    evaluate(model, &facts, as_of, source, &readings).expect("evaluates")
}

#[test]
fn explanations_of_every_scenario_in_every_format() {
    let model = model();
    let options = Options {
        detail: Detail::Decisive,
        color: false,
        lang: Default::default(),
    };
    insta::glob!("../rules/wto/scenarios", "*.{json,yaml}", |path| {
        let evaluation = evaluate_scenario(&model, path);
        insta::assert_snapshot!("text", render::text::render(&model, &evaluation, &options));
        insta::assert_snapshot!("json", render::json::render(&model, &evaluation, &options));
        insta::assert_snapshot!(
            "markdown",
            render::markdown::render(&model, &evaluation, &options)
        );
    });
}

/// Collects every quotation of a step and the steps below it.
fn quotes<'a>(steps: &'a [RuleStep], out: &mut Vec<(&'a RuleStep, &'a str)>) {
    for step in steps {
        if let Some(quote) = &step.quote {
            out.push((step, quote));
        }
        quotes(&step.steps, out);
    }
}

#[test]
fn every_quotation_is_verbatim_from_the_provision_it_cites() {
    let model = model();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(root.join("rules/wto/scenarios")).expect("scenarios") {
        let path = entry.expect("entry").path();
        let evaluation = evaluate_scenario(&model, &path);
        for outcome in &evaluation.verdicts {
            let explanation =
                explain(&model, &evaluation, outcome, Detail::Full).expect("explained");
            let mut found = Vec::new();
            quotes(&explanation.steps, &mut found);
            for (step, quote) in found {
                let text = &model.provisions[step.provision as usize].text;
                assert!(
                    text.contains(quote),
                    "{}: `{quote}` is not in the text of {}",
                    step.name,
                    model.provisions[step.provision as usize].name
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} quotations were checked");
}

/// The source file writes the mandate's symbol as a link; the policy quotes its text.
fn source_paragraphs() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(
        root.join("rules/wto/wto-ecommerce-draft-ministerial-decision-2024-03-01.txt"),
    )
    .expect("the source text is beside the policy");
    text.replace("[WT/L/274](#)", "WT/L/274")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_provision_quotes_its_paragraph_of_the_decision_verbatim() {
    let model = model();
    let source = source_paragraphs();
    assert_eq!(model.provisions.len(), 5, "the five operative paragraphs");
    for provision in &model.provisions {
        assert!(
            source.contains(&provision.text),
            "the text of {} is not verbatim from the decision:\n{}",
            provision.name,
            provision.text
        );
    }
}

fn eval(args: &[&str]) -> String {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "eval",
            POLICY,
            "--facts",
            "rules/wto/facts/during-mc14.json",
        ])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn explanations_are_on_by_default_and_can_be_turned_off() {
    let default = eval(&[]);
    assert!(default.contains("    Why:\n"), "{default}");
    assert!(
        default.contains("[para5: \"whichever is earlier\"]"),
        "{default}"
    );
    let none = eval(&["--explain", "none"]);
    assert!(!none.contains("Why:"), "{none}");
    let json: Json =
        serde_json::from_str(&eval(&["--format", "json", "--explain", "none"])).expect("JSON");
    assert!(
        json["verdicts"]["moratorium_in_force"]
            .get("explanation")
            .is_none()
    );
}

#[test]
fn the_default_shows_only_what_decided_and_full_shows_every_step() {
    let count = |text: &str| {
        text.lines()
            .filter(|l| l.trim_start().starts_with("- "))
            .count()
    };
    let decisive = eval(&[]);
    let full = eval(&["--explain", "full"]);
    assert_eq!(count(&full), count(&decisive), "the same rules take part");
    assert!(
        full.lines().count() > decisive.lines().count() + 20,
        "full shows every expression evaluated:\n{full}"
    );
    assert!(
        full.contains("          as_of before expiry_date = false\n"),
        "{full}"
    );
    // The moratorium reads in three to six lines by default.
    let start = decisive.find("  moratorium_in_force").expect("verdict");
    let end = decisive
        .find("  work_programme_active")
        .expect("next verdict");
    let lines = decisive[start..end]
        .lines()
        .filter(|l| l.trim_start().starts_with("- "))
        .count();
    assert!((3..=6).contains(&lines), "{}", &decisive[start..end]);
}

#[test]
fn the_json_explanation_has_a_version_and_cites_provisions_with_their_text() {
    let json: Json = serde_json::from_str(&eval(&["--format", "json"])).expect("JSON");
    let explanation = &json["verdicts"]["expiry_date"]["explanation"];
    assert_eq!(explanation["version"], 8);
    let step = &explanation["steps"][0];
    assert_eq!(step["rule"], "para5.expiry_date");
    assert_eq!(step["kind"], "definition");
    assert_eq!(step["provision"], "para5");
    assert_eq!(step["value"], "2026-03-26");
    assert_eq!(step["quote"], "whichever is earlier");
    let text = explanation["provisions"]["para5"]["text"]
        .as_str()
        .expect("text");
    assert!(
        text.starts_with("We agree to maintain the current practice"),
        "{text}"
    );
    assert_eq!(explanation["facts"][0]["fact"], "mc14.opening");
    assert_eq!(explanation["facts"][0]["value"], "2026-03-26");
    assert_eq!(explanation["readings"][0]["reading"], "mc14_reference");
    assert_eq!(explanation["readings"][0]["default"], true);
}

#[test]
fn markdown_reports_quote_the_provisions_cited() {
    let report = eval(&["--format", "markdown"]);
    assert!(
        report.starts_with("# Work Programme on Electronic Commerce: Ministerial Decision\n"),
        "{report}"
    );
    assert!(report.contains("## Provisions cited"), "{report}");
    assert!(
        report.contains("> We agree to maintain the current practice"),
        "{report}"
    );
}
