//! The instruments of the moratorium's history from 2011 to 2019, each its
//! own policy under `rules/wto/history/`: they check without a warning,
//! quote only what the source filed beside them holds, say so where the
//! wording was not found, answer the verdicts a chain of them will use,
//! and pass their scenarios.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use provisio::model::{Model, Type};

/// Each instrument: its folder under `rules/wto/history/`, its source file
/// and the number of its scenarios.
const INSTRUMENTS: [(&str, &str, usize); 5] = [
    ("2011-wt-l-843", "2011-wt-l-843.md", 13),
    ("2013-wt-min-13-32", "2013-wt-min-13-32.md", 13),
    ("2015-wt-min-15-42", "2015-wt-min-15-42.md", 13),
    ("2017-wt-min-17-65", "2017-wt-min-17-65.md", 14),
    ("2019-general-council", "general-council-2019-12-10.md", 13),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn folder(name: &str) -> PathBuf {
    root().join("rules/wto/history").join(name)
}

fn policy_path(name: &str) -> PathBuf {
    folder(name).join(format!("{name}.policy"))
}

fn model(name: &str) -> Model {
    match provisio::check::load_policy(&policy_path(name)) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("{name} does not check: {problems:?}"),
    }
}

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(root());
    command
}

/// White space folded to single spaces, as the checker folds a text.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn stdout_of(command: &mut Command) -> String {
    let output = command.output().expect("provisio runs");
    assert!(
        output.status.success(),
        "provisio failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

#[test]
fn each_policy_checks_without_a_warning() {
    let expected = [
        "ok (3 provisions, 2 readings, 3 verdicts)",
        "ok (3 provisions, 2 readings, 3 verdicts)",
        "ok (3 provisions, 2 readings, 3 verdicts)",
        "ok (1 provision, 3 readings, 2 verdicts)",
        "ok (1 provision, 2 readings, 2 verdicts)",
    ];
    for ((name, _, _), counts) in INSTRUMENTS.iter().zip(expected) {
        let path = format!("rules/wto/history/{name}/{name}.policy");
        let output = provisio()
            .args(["check", &path])
            .output()
            .expect("provisio runs");
        assert!(output.status.success(), "{name} does not check");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            format!("{path}: {counts}\n")
        );
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{name} warns");
    }
}

#[test]
fn each_suite_passes_all_its_scenarios() {
    for (name, _, count) in INSTRUMENTS {
        let path = format!("rules/wto/history/{name}");
        let out = stdout_of(provisio().args(["test", &path]));
        assert_eq!(out, format!("{count} passed, 0 failed\n"), "{name}");
    }
}

/// A text quoted is found word for word in the source file beside the
/// policy; a text not found says so and is found nowhere in the source.
#[test]
fn texts_are_quoted_verbatim_from_the_source_beside_the_policy() {
    for (name, source, _) in INSTRUMENTS {
        let source_text = std::fs::read_to_string(folder(name).join(source))
            .unwrap_or_else(|e| panic!("{name}: the source {source} is not beside it: {e}"));
        let source_text = folded(&source_text);
        let model = model(name);
        for provision in &model.provisions {
            assert!(
                source_text.contains(&provision.text),
                "{name}: the text of {} is not in {source}",
                provision.name
            );
        }
    }
}

/// Where the wording was not found, the provision says so in its heading,
/// quotes nothing, and no rule of it cites a phrase.
#[test]
fn provisions_without_wording_quote_nothing() {
    let not_found = [
        ("2011-wt-l-843", "moratorium"),
        ("2013-wt-min-13-32", "moratorium"),
        ("2017-wt-min-17-65", "moratorium"),
    ];
    for (name, provision_name) in not_found {
        let model = model(name);
        let (index, provision) = model
            .provisions
            .iter()
            .enumerate()
            .find(|(_, p)| p.name == provision_name)
            .unwrap_or_else(|| panic!("{name}: no provision {provision_name}"));
        assert_eq!(provision.text, "", "{name}: quotes nothing");
        assert!(
            provision
                .heading
                .as_deref()
                .is_some_and(|h| h.ends_with("(official wording not at hand)")),
            "{name}"
        );
        let id = index as provisio::model::ProvisionId;
        let cited: Vec<&str> = model
            .definitions
            .iter()
            .filter(|d| d.provision == id && d.cites.is_some())
            .map(|d| d.name.as_str())
            .chain(
                model
                    .deontics
                    .iter()
                    .filter(|d| d.provision == id && d.cites.is_some())
                    .map(|d| d.name.as_str()),
            )
            .chain(
                model
                    .exceptions
                    .iter()
                    .filter(|e| e.provision == id && e.cites.is_some())
                    .map(|e| e.name.as_deref().unwrap_or("an exception")),
            )
            .collect();
        assert!(cited.is_empty(), "{name}: {cited:?} cite words");
    }
    // The instruments whose moratorium was found quote it.
    for name in ["2015-wt-min-15-42", "2019-general-council"] {
        let model = model(name);
        assert!(
            model.provisions.iter().all(|p| !p.text.is_empty()),
            "{name}"
        );
    }
}

/// Every instrument answers `moratorium_in_force` (true or false) and
/// `expiry_date` (a date), the names a chain of them will use, and says
/// when it was adopted.
#[test]
fn each_instrument_answers_the_same_verdicts() {
    let headers = [
        (Some("WT/L/843"), "2011-12-17"),
        (Some("WT/MIN(13)/32"), "2013-12-07"),
        (Some("WT/MIN(15)/42"), "2015-12-19"),
        (Some("WT/MIN(17)/65"), "2017-12-13"),
        (None, "2019-12-10"),
    ];
    for ((name, _, _), (symbol, adopted)) in INSTRUMENTS.iter().zip(headers) {
        let model = model(name);
        assert_eq!(model.instrument.symbol.as_deref(), symbol, "{name}");
        assert_eq!(
            model.instrument.adopted.map(|d| d.to_string()).as_deref(),
            Some(adopted),
            "{name}"
        );
        for (verdict, ty) in [
            ("moratorium_in_force", Type::Bool),
            ("expiry_date", Type::Date),
        ] {
            let found = model
                .verdicts
                .iter()
                .find(|v| v.name == verdict)
                .unwrap_or_else(|| panic!("{name}: no verdict {verdict}"));
            assert_eq!(found.ty, ty, "{name}: {verdict}");
        }
        assert!(
            model.reading_named("expiry_boundary").is_some(),
            "{name}: no expiry_boundary reading"
        );
    }
}

/// An explanation of a moratorium encoded from its reported term cites the
/// provision alone and says the official wording is absent.
#[test]
fn an_explanation_without_wording_cites_the_provision_alone() {
    let out = stdout_of(provisio().args([
        "eval",
        "rules/wto/history/2011-wt-l-843/2011-wt-l-843.policy",
        "--facts",
        "rules/wto/history/2011-wt-l-843/facts/mc9-bali.yaml",
        "--at",
        "2013-12-05",
        "--verdict",
        "moratorium_in_force",
    ]));
    let expected = "\
  moratorium_in_force = false
    Under WT/L/843, the moratorium on customs duties on electronic transmissions is not in force on 5 December 2013.
    Why:
      - The moratorium holds: false, 5 December 2013 is not before the day of the Ninth Session that the moratorium runs until, by the term reported in the absence of the official wording (3 December 2013). [moratorium]
        - The day of the Ninth Session that the moratorium runs until, by the term reported in the absence of the official wording: 3 December 2013, the opening day of the Ninth Session of the Ministerial Conference (3 December 2013). [moratorium]
    Facts: mc9.opening = 3 December 2013
";
    assert!(out.contains(expected), "got:\n{out}");
}

/// The General Council decision, quoted from a secondary source, cites its
/// words; under the closing-day reading the moratorium holds during MC12.
#[test]
fn the_general_council_decision_cites_its_words() {
    let out = stdout_of(provisio().args([
        "eval",
        "rules/wto/history/2019-general-council/2019-general-council.policy",
        "--facts",
        "rules/wto/history/2019-general-council/facts/mc12-geneva.yaml",
        "--at",
        "2022-06-15",
        "--reading",
        "mc12_reference=closing",
        "--verdict",
        "moratorium_in_force",
    ]));
    let expected = "\
  moratorium_in_force = true
    Under the General Council decision of 10 December 2019, the moratorium on customs duties on electronic transmissions is in force on 15 June 2022.
    Why:
      - The moratorium holds: true, 15 June 2022 is before the day of the 12th Session that the moratorium runs until (17 June 2022). [moratorium: \"Members agree to maintain the current practice\"]
        - The day of the 12th Session that the moratorium runs until: 17 June 2022, the closing day of the 12th Session of the Ministerial Conference (17 June 2022). [moratorium: \"until the 12th Ministerial Conference\"]
";
    assert!(out.contains(expected), "got:\n{out}");
}

/// Under the 2017 decision alone, read as ending with 2019, the moratorium
/// has lapsed on 1 January 2020 whatever day MC12 opens; read as running
/// to the next Session, the answer waits on that day.
#[test]
fn the_2017_decision_lapses_with_2019_under_its_default_reading() {
    let policy = "rules/wto/history/2017-wt-min-17-65/2017-wt-min-17-65.policy";
    let json = stdout_of(provisio().args([
        "eval",
        policy,
        "--at",
        "2020-01-01",
        "--format",
        "json",
        "--explain",
        "none",
    ]));
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let verdict = &json["verdicts"]["moratorium_in_force"];
    assert_eq!(verdict["status"], "determined");
    assert_eq!(verdict["value"], false);

    let json = stdout_of(provisio().args([
        "eval",
        policy,
        "--at",
        "2020-01-01",
        "--reading",
        "session_in_2019=next_session",
        "--format",
        "json",
        "--explain",
        "none",
    ]));
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let verdict = &json["verdicts"]["moratorium_in_force"];
    assert_eq!(verdict["status"], "undetermined");
    assert_eq!(verdict["depends_on"], serde_json::json!(["mc12.opening"]));
}
