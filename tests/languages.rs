//! Sentences in French and Spanish: the bundled decision evaluated with
//! `--lang`, its words, dates and statuses in each language, its verdict
//! sentences in English until the policy gives them in the language (with
//! a warning naming them), and a checked model given translations, whose
//! sentences every renderer then writes in that language.

use std::path::Path;

#[path = "common/cli.rs"]
mod cli;

use cli::{provisio, stdout_of as run};
use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::explain::Detail;
use provisio::facts::{FactsFormat, parse_facts};
use provisio::locale::{Fallbacks, Lang};
use provisio::model::translations::Described;
use provisio::model::{Model, Template, TemplatePart};
use provisio::render::{self, Options};
use provisio::span::SourceFile;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const DURING: &str = "rules/wto/facts/during-mc14.json";
const YAOUNDE: &str = "rules/wto/facts/mc14-yaounde.json";

/// `provisio ARGS`: its stderr.
fn stderr(args: &[&str]) -> String {
    let output = provisio().args(args).output().expect("provisio runs");
    String::from_utf8(output.stderr).expect("UTF-8")
}

#[test]
fn eval_text_in_each_language() {
    for lang in ["en", "fr", "es"] {
        let out = run(&["eval", POLICY, "--facts", DURING, "--lang", lang]);
        insta::assert_snapshot!(format!("eval_text_{lang}"), out);
    }
}

#[test]
fn eval_undetermined_text_in_each_language() {
    // Before the Session's dates are known: undetermined verdicts, what
    // they depend on and the condition that would decide them.
    for lang in ["fr", "es"] {
        let out = run(&["eval", POLICY, "--at", "2025-12-01", "--lang", lang]);
        insta::assert_snapshot!(format!("eval_undetermined_{lang}"), out);
    }
}

#[test]
fn eval_markdown_and_json_in_each_language() {
    for lang in ["en", "fr", "es"] {
        let markdown = run(&[
            "eval",
            POLICY,
            "--facts",
            YAOUNDE,
            "--at",
            "2026-03-20",
            "--format",
            "markdown",
            "--lang",
            lang,
        ]);
        insta::assert_snapshot!(format!("eval_markdown_{lang}"), markdown);
        let json = run(&[
            "eval", POLICY, "--facts", DURING, "--format", "json", "--lang", lang,
        ]);
        insta::assert_snapshot!(format!("eval_json_{lang}"), json);
    }
}

#[test]
fn json_keys_and_codes_do_not_change_with_the_language() {
    let parse = |lang: &str| -> serde_json::Value {
        let out = run(&[
            "eval", POLICY, "--facts", DURING, "--format", "json", "--lang", lang,
        ]);
        serde_json::from_str(&out).expect("JSON")
    };
    let (en, fr) = (parse("en"), parse("fr"));
    let keys = |json: &serde_json::Value| -> Vec<String> {
        let mut out = Vec::new();
        collect_keys(json, "", &mut out);
        out
    };
    assert_eq!(keys(&en), keys(&fr));
    let verdict =
        |json: &serde_json::Value, field: &str| json["verdicts"]["measure_status"][field].clone();
    // The value and status are codes; only the sentences are in French.
    assert_eq!(verdict(&en, "value"), verdict(&fr, "value"));
    assert_eq!(verdict(&en, "status"), verdict(&fr, "status"));
    assert_eq!(verdict(&fr, "value"), "permitted");
}

fn collect_keys(json: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match json {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                let here = format!("{path}.{key}");
                out.push(here.clone());
                collect_keys(value, &here, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_keys(item, &format!("{path}[{index}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn english_is_the_default_and_unchanged() {
    let plain = run(&["eval", POLICY, "--facts", DURING]);
    let english = run(&["eval", POLICY, "--facts", DURING, "--lang", "en"]);
    assert_eq!(plain, english);
    assert!(stderr(&["eval", POLICY, "--facts", DURING, "--lang", "en"]).is_empty());
}

#[test]
fn a_sentence_missing_in_the_language_falls_back_with_one_warning() {
    // The bundled decision is whole in French and Spanish: no warning.
    for lang in ["fr", "es"] {
        assert_eq!(
            stderr(&["eval", POLICY, "--facts", DURING, "--lang", lang]),
            ""
        );
    }
    // One verdict's French sentence and one description left out.
    let text = std::fs::read_to_string(POLICY).expect("the decision reads");
    let lacking = text
        .lines()
        .filter(|line| {
            !line.contains("says fr \"Le moratoire et le Programme de travail expirent")
                && !line.contains("in fr \"le jour de la clôture de la session\"")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let policy = dir.path().join("decision.policy");
    std::fs::write(&policy, lacking).expect("written");
    let policy = policy.to_str().expect("a path");
    // The checker warns of each, where it is; then the command says what
    // falls back, once.
    let warned = stderr(&["eval", policy, "--facts", DURING, "--lang", "fr"]);
    assert_eq!(warned.matches("provisio::missing_translation").count(), 2);
    assert!(warned.contains("verdict `expiry_date` is not given in French"));
    assert!(warned.contains("alternative `closing` falls back to English"));
    assert!(
        warned.ends_with("\n\nwarning: 2 sentences of the policy have no French version and are written in English: the sentence of the verdict expiry_date, and 1 description.\n"),
        "{warned}"
    );
    // In Spanish nothing falls back; the checker's warnings about French
    // are all that is said.
    let spanish = stderr(&["eval", policy, "--facts", DURING, "--lang", "es"]);
    assert_eq!(spanish.matches("provisio::missing_translation").count(), 2);
    assert!(!spanish.contains("no Spanish version"), "{spanish}");
    // A policy written in English alone.
    let home_sale = [
        "eval",
        "rules/us-home-sale/principal-residence.policy",
        "--facts",
        "rules/us-home-sale/facts/joint-return-500k.json",
        "--lang",
        "es",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = provisio::check::load_policy(&root.join(home_sale[1]))
        .expect("the example checks")
        .model;
    let fallbacks = Fallbacks::of(&model, Lang::Es);
    assert_eq!(
        stderr(&home_sale),
        format!("warning: {}\n", fallbacks.warning().expect("no Spanish"))
    );
    insta::assert_snapshot!("fallback_warning_es", stderr(&home_sale));
}

#[test]
fn an_unknown_language_is_refused_with_the_three() {
    let output = provisio()
        .args(["eval", POLICY, "--lang", "de"])
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: invalid value 'de' for '--lang <LANG>'\n  [possible values: en, fr, es]\n\nFor more information, try '--help'.\n"
    );
    assert!(output.stdout.is_empty());
}

/// The report's own words: its language, header, contents and first verdict.
#[test]
fn report_words_in_each_language() {
    for lang in ["en", "fr", "es"] {
        let page = run(&[
            "report",
            POLICY,
            "--facts",
            DURING,
            "--lang",
            lang,
            "--timeline-days",
            "0",
        ]);
        let start = page.find("<html").expect("an html element");
        let nav_end = page.find("</nav>").expect("a nav") + "</nav>".len();
        let first = page.find("<article").expect("an article");
        let first_end = page[first..].find("</article>").expect("its end") + first;
        let section = |id: &str| {
            let from = page
                .find(&format!("<section id=\"{id}\""))
                .expect("the section");
            let to = page[from..].find("</section>").expect("its end") + from;
            page[from..to].to_string()
        };
        let words = format!(
            "{}\n...\n{}</article>\n...\n{}\n...\n{}",
            strip_style(&page[start..nav_end]),
            &page[first..first_end],
            section("readings"),
            section("facts")
        );
        insta::assert_snapshot!(format!("report_words_{lang}"), words);
    }
}

/// The page without its inline style sheet, which has no words.
fn strip_style(html: &str) -> String {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(start), Some(end)) => format!("{}<style>…{}", &html[..start], &html[end..]),
        _ => html.to_string(),
    }
}

fn model() -> Model {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    provisio::check::load_policy(&root.join(POLICY))
        .expect("the bundled decision checks")
        .model
}

/// A verdict's English template with its literal parts and choices
/// replaced, in order, by `words`; its values kept.
fn translated(model: &Model, verdict: &str, words: &[&str]) -> Template {
    let info = model
        .verdicts
        .iter()
        .find(|v| v.name == verdict)
        .expect("the verdict exists");
    let mut words = words.iter();
    let mut next = || words.next().expect("a word for each part").to_string();
    let parts = info
        .template
        .parts
        .iter()
        .map(|part| match part {
            TemplatePart::Literal(_) => TemplatePart::Literal(next()),
            TemplatePart::Choice { .. } => TemplatePart::Choice {
                yes: next(),
                no: next(),
                unknown: Some(next()),
            },
            other => other.clone(),
        })
        .collect();
    Template { parts }
}

/// The bundled decision with its own translations taken away and some of
/// its sentences given in French in the model's table, as the checker
/// fills it.
fn model_in_french() -> Model {
    let mut model = model();
    model.translations = Default::default();
    let id = |model: &Model, name: &str| {
        model
            .verdicts
            .iter()
            .position(|v| v.name == name)
            .expect("verdict") as u32
    };
    let moratorium = translated(
        &model,
        "moratorium_in_force",
        &[
            "Le moratoire sur les droits de douane visant les transmissions électroniques ",
            "est",
            "n'est pas",
            "est peut-être",
            " en vigueur au ",
            ".",
        ],
    );
    let status = translated(
        &model,
        "measure_status",
        &["Au titre du paragraphe 5, le prélèvement est ", " au ", "."],
    );
    let (m, s) = (
        id(&model, "moratorium_in_force"),
        id(&model, "measure_status"),
    );
    model.translations.add_verdict(m, Lang::Fr, moratorium);
    model.translations.add_verdict(s, Lang::Fr, status);
    let definition = |model: &Model, name: &str| {
        model
            .definitions
            .iter()
            .position(|d| d.name == name)
            .expect("definition") as u32
    };
    for (name, text) in [
        ("in_force", "le moratoire s'applique"),
        (
            "expiry_date",
            "le jour où le moratoire et le programme de travail expirent",
        ),
        (
            "mc14_day",
            "le jour de la 14e session jusqu'auquel court le moratoire",
        ),
    ] {
        let item = Described::Definition(definition(&model, name));
        model
            .translations
            .add_description(item, Lang::Fr, text.to_string());
    }
    let mc14 = model
        .facts
        .iter()
        .position(|f| f.field.name == "mc14")
        .expect("the event") as u32;
    model.translations.add_description(
        Described::Fact(mc14),
        Lang::Fr,
        String::from("la 14e session de la Conférence ministérielle"),
    );
    model.translations.add_description(
        Described::Instrument,
        Lang::Fr,
        String::from("Programme de travail sur le commerce électronique : décision ministérielle"),
    );
    model
}

#[test]
fn a_policy_with_french_sentences_is_written_in_french() {
    let model = model_in_french();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(DURING)).expect("facts");
    let facts =
        parse_facts(&model, &SourceFile::new(DURING, text), FactsFormat::Json).expect("facts load");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 3, 28).expect("a date");
    let readings = Readings::defaults(&model);
    let evaluation =
        evaluate(&model, &facts, as_of, AsOfSource::Facts, &readings).expect("evaluates");
    let options = Options {
        detail: Detail::Decisive,
        color: false,
        lang: Lang::Fr,
    };
    let out = render::text::render(&model, &evaluation, &options);
    insta::assert_snapshot!("policy_in_french_text", out);
    // Two verdicts and five descriptions are given; the others fall back.
    let fallbacks = Fallbacks::of(&model, Lang::Fr);
    assert_eq!(
        fallbacks.verdicts,
        [
            "work_programme_active",
            "expiry_date",
            "general_council_reviews_required"
        ]
    );
    assert_eq!(Fallbacks::of(&model, Lang::Es).verdicts.len(), 5);
    assert_eq!(
        Fallbacks::of(&model, Lang::Es).descriptions,
        fallbacks.descriptions + 5
    );
}

#[test]
fn timeline_in_french_as_text_and_picture() {
    let args = [
        "timeline",
        POLICY,
        "--facts",
        YAOUNDE,
        "--from",
        "2025-01-01",
        "--to",
        "2027-01-01",
        "--lang",
        "fr",
    ];
    insta::assert_snapshot!("timeline_text_fr", run(&args));
    let mut svg = args.to_vec();
    svg.extend(["--format", "svg"]);
    insta::assert_snapshot!("timeline_svg_fr", run(&svg));
    // The readings compared, in Spanish.
    let compared = run(&[
        "timeline",
        POLICY,
        "--facts",
        YAOUNDE,
        "--from",
        "2026-03-20",
        "--to",
        "2026-04-05",
        "--compare-readings",
        "--lang",
        "es",
    ]);
    insta::assert_snapshot!("timeline_compared_es", compared);
}

#[test]
fn a_timeline_keeps_its_colours_in_every_language() {
    let fill = |lang: &str| -> Vec<String> {
        let svg = run(&[
            "timeline",
            POLICY,
            "--facts",
            YAOUNDE,
            "--from",
            "2025-01-01",
            "--to",
            "2027-01-01",
            "--format",
            "svg",
            "--lang",
            lang,
        ]);
        // The bands: each a rectangle with its value's title.
        svg.lines()
            .filter(|line| line.starts_with("<rect") && line.contains("><title>"))
            .filter_map(|line| line.split("fill=\"").nth(1)?.split('"').next())
            .map(str::to_string)
            .collect()
    };
    let english = fill("en");
    assert!(english.len() >= 5, "{english:?}");
    assert_eq!(english, fill("fr"));
    assert_eq!(english, fill("es"));
}

#[test]
fn amounts_exceptions_and_periods_in_french() {
    // Amounts grouped by thousands, an exception that applies, dates of periods.
    let out = run(&[
        "eval",
        "rules/us-home-sale/principal-residence.policy",
        "--facts",
        "rules/us-home-sale/facts/joint-return-500k.json",
        "--lang",
        "fr",
        "--verdict",
        "limitation",
    ]);
    insta::assert_snapshot!("home_sale_limitation_fr", out);
}
