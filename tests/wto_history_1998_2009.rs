//! The moratorium's instruments of 1998, 2001, 2005 and 2009 under
//! `rules/wto/history/`: each checks without a warning, answers the same
//! questions under readings of the same names, quotes only what its source
//! file quotes (nothing, where the wording was not found), and passes its
//! scenarios.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value as Json;

/// Each instrument's folder, its policy file, its source file and the
/// number of its scenarios.
const INSTRUMENTS: [(&str, &str, usize); 4] = [
    ("1998-wt-min-98-dec-2", "mc2-ecommerce.policy", 13),
    ("2001-wt-min-01-dec-1", "mc4-ecommerce.policy", 9),
    ("2005-wt-min-05-dec", "mc6-ecommerce.policy", 9),
    ("2009-wt-l-782", "mc7-ecommerce.policy", 8),
];

/// The instruments whose wording the sources did not give.
const NOT_FOUND: [&str; 2] = ["2005-wt-min-05-dec", "2009-wt-l-782"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn folder(name: &str) -> PathBuf {
    root().join("rules/wto/history").join(name)
}

fn model(name: &str, policy: &str) -> provisio::model::Model {
    provisio::check::load_policy(&folder(name).join(policy))
        .unwrap_or_else(|e| panic!("{name}/{policy} does not check: {e:?}"))
        .model
}

fn provisio_in_root(args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// White space folded to single spaces, as the checker keeps a text.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The quoted passages of a source file: its blockquote lines, markers
/// removed, folded into one line.
fn quoted(source: &str) -> String {
    let lines: Vec<&str> = source
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix('>'))
        .collect();
    folded(&lines.join(" "))
}

#[test]
fn every_instrument_checks_without_a_warning() {
    let expected = [
        "mc2-ecommerce.policy: ok (3 provisions, 3 readings, 2 verdicts)",
        "mc4-ecommerce.policy: ok (1 provision, 2 readings, 2 verdicts)",
        "mc6-ecommerce.policy: ok (1 provision, 2 readings, 2 verdicts)",
        "mc7-ecommerce.policy: ok (2 provisions, 2 readings, 2 verdicts)",
    ];
    for ((name, policy, _), line) in INSTRUMENTS.iter().zip(expected) {
        let path = format!("rules/wto/history/{name}/{policy}");
        let (status, stdout, stderr) = provisio_in_root(&["check", &path]);
        assert_eq!(status, 0, "{path}: {stderr}");
        assert_eq!(stdout, format!("rules/wto/history/{name}/{line}\n"));
        assert_eq!(stderr, "", "{path} warns");
    }
}

#[test]
fn every_instrument_answers_the_same_questions_under_the_same_reading_names() {
    for (name, policy, _) in INSTRUMENTS {
        let model = model(name, policy);
        let verdicts: Vec<(&str, String)> = model
            .verdicts
            .iter()
            .map(|v| (v.name.as_str(), model.type_name(&v.ty).to_string()))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("moratorium_in_force", "true or false".to_string()),
                ("expiry_date", "a date".to_string())
            ],
            "{name}"
        );
        let boundary = model
            .readings
            .iter()
            .find(|r| r.name == "expiry_boundary")
            .unwrap_or_else(|| panic!("{name} has no expiry_boundary reading"));
        let alternatives: Vec<&str> = boundary
            .alternatives
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(alternatives, ["exclusive", "inclusive"], "{name}");
        assert_eq!(boundary.default, 0, "{name}: exclusive is the default");
        assert!(model.instrument.symbol.is_some(), "{name} has no symbol");
    }
}

#[test]
fn every_quoted_text_is_word_for_word_in_the_source_filed_beside_it() {
    for (name, policy, _) in INSTRUMENTS {
        let source = std::fs::read_to_string(folder(name).join(format!("{name}.md")))
            .unwrap_or_else(|e| panic!("{name}: its source file: {e}"));
        let passages = quoted(&source);
        for provision in model(name, policy).provisions {
            if provision.text.is_empty() {
                continue;
            }
            assert!(
                passages.contains(&provision.text),
                "{name}, provision {}: the text is not in the source's quotes:\n{}",
                provision.name,
                provision.text
            );
        }
    }
}

#[test]
fn where_no_wording_was_found_each_provision_quotes_nothing_and_says_so() {
    for name in NOT_FOUND {
        let source = std::fs::read_to_string(folder(name).join(format!("{name}.md")))
            .expect("the source file");
        assert!(
            source.contains("quote_status: paraphrase/not found"),
            "{name}: its source no longer says the wording was not found"
        );
        let (_, policy, _) = INSTRUMENTS
            .iter()
            .find(|(n, _, _)| *n == name)
            .expect("listed");
        let model = model(name, policy);
        for provision in &model.provisions {
            assert_eq!(provision.text, "", "{name}, {}", provision.name);
            let heading = provision.heading.as_deref().unwrap_or_default();
            assert!(
                heading.ends_with(
                    ": the official wording is not at hand, and this provision quotes nothing"
                ),
                "{name}, {}: {heading}",
                provision.name
            );
        }
        let cites: Vec<&String> = model
            .definitions
            .iter()
            .filter_map(|d| d.cites.as_ref())
            .chain(model.deontics.iter().filter_map(|d| d.cites.as_ref()))
            .collect();
        assert!(cites.is_empty(), "{name} cites {cites:?}");
    }
}

#[test]
fn a_provision_without_wording_is_cited_by_itself_and_its_heading_travels_in_json() {
    let (status, stdout, stderr) = provisio_in_root(&[
        "eval",
        "rules/wto/history/2005-wt-min-05-dec/mc6-ecommerce.policy",
        "--facts",
        "rules/wto/history/2005-wt-min-05-dec/facts/geneva-2009.json",
        "--at",
        "2008-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(status, 0, "{stderr}");
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    let verdict = &json["verdicts"]["moratorium_in_force"];
    assert_eq!(verdict["value"], Json::Bool(true));
    assert_eq!(
        verdict["sentence"],
        "Under the Hong Kong Declaration as reported (the wording of its paragraph 46 is not at \
         hand), the moratorium on customs duties on electronic transmissions is in force on 1 \
         January 2008."
    );
    let explanation = &verdict["explanation"];
    assert_eq!(explanation["steps"][0]["rule"], "para46.in_force");
    assert_eq!(explanation["steps"][0]["quote"], Json::Null);
    assert_eq!(explanation["provisions"]["para46"]["text"], "");
    assert_eq!(
        explanation["provisions"]["para46"]["heading"],
        "The moratorium on customs duties on electronic transmissions until the next Session: \
         the official wording is not at hand, and this provision quotes nothing"
    );
}

#[test]
fn the_1998_declaration_between_seattle_and_doha_under_every_reading() {
    let (status, stdout, stderr) = provisio_in_root(&[
        "eval",
        "rules/wto/history/1998-wt-min-98-dec-2/mc2-ecommerce.policy",
        "--facts",
        "rules/wto/history/1998-wt-min-98-dec-2/facts/seattle-and-doha.json",
        "--at",
        "2000-06-01",
        "--all-readings",
        "--explain",
        "none",
    ]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        stdout,
        "\
Declaration on Global Electronic Commerce
As of 1 June 2000 (as given), under every reading

The readings disagree
  moratorium_in_force
    open_end        mc3_reference  expiry_boundary  value
    until_replaced  closing        exclusive        true
    until_replaced  closing        inclusive        true
    until_replaced  opening        exclusive        true
    until_replaced  opening        inclusive        true
    third_session   closing        exclusive        false
    third_session   closing        inclusive        false
    third_session   opening        exclusive        false
    third_session   opening        inclusive        false
  expiry_date
    open_end        mc3_reference  value
    until_replaced  closing        14 November 2001
    until_replaced  opening        14 November 2001
    third_session   closing        3 December 1999
    third_session   opening        30 November 1999
"
    );
}

#[test]
fn the_doha_moratorium_on_the_days_around_cancun() {
    let policy = "rules/wto/history/2001-wt-min-01-dec-1/mc4-ecommerce.policy";
    let facts = "rules/wto/history/2001-wt-min-01-dec-1/facts/cancun.json";
    let mut seen = Vec::new();
    for (at, reading) in [
        ("2003-09-09", "mc5_reference=opening"),
        ("2003-09-10", "mc5_reference=opening"),
        ("2003-09-13", "mc5_reference=closing"),
        ("2003-09-14", "mc5_reference=closing"),
    ] {
        let (status, stdout, stderr) = provisio_in_root(&[
            "eval",
            policy,
            "--facts",
            facts,
            "--at",
            at,
            "--reading",
            reading,
            "--explain",
            "none",
            "--format",
            "json",
        ]);
        assert_eq!(status, 0, "{stderr}");
        let json: Json = serde_json::from_str(&stdout).expect("JSON");
        seen.push((
            at,
            json["verdicts"]["moratorium_in_force"]["value"].clone(),
            json["verdicts"]["expiry_date"]["value"].clone(),
        ));
    }
    assert_eq!(
        seen,
        [
            ("2003-09-09", Json::Bool(true), Json::from("2003-09-10")),
            ("2003-09-10", Json::Bool(false), Json::from("2003-09-10")),
            ("2003-09-13", Json::Bool(true), Json::from("2003-09-14")),
            ("2003-09-14", Json::Bool(false), Json::from("2003-09-14")),
        ]
    );
}

#[test]
fn every_instrument_passes_its_scenarios() {
    let render = |d: &dyn miette::Diagnostic| format!("{d}");
    for (name, policy, count) in INSTRUMENTS {
        let path = folder(name).join(policy);
        let scenarios = provisio::testing::scenario_files(&folder(name).join("scenarios"));
        let model = model(name, policy);
        let run = provisio::testing::run_policy(&model, &path, &scenarios, &render);
        let failures: Vec<String> = run
            .results
            .iter()
            .filter(|r| r.outcome != provisio::testing::Outcome::Passed)
            .map(|r| format!("{}: {:?}", r.path.display(), r.outcome))
            .collect();
        assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
        assert_eq!(run.passed(), count, "{name}");
    }
}

#[test]
fn a_broken_history_scenario_fails_with_its_reason() {
    // The runner must not pass a history scenario that expects the wrong
    // boundary: the Doha moratorium no longer holds on Cancún's opening day
    // under the default readings.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let scenario = dir.path().join("opening-day.json");
    std::fs::write(
        &scenario,
        r#"{"facts": {"as_of": "2003-09-10", "mc5": {"opening": "2003-09-10", "closing": "2003-09-14"}},
            "expect": {"moratorium_in_force": true}}"#,
    )
    .expect("writes");
    let scenario = scenario.to_string_lossy().into_owned();
    let (status, stdout, _) = provisio_in_root(&[
        "test",
        "rules/wto/history/2001-wt-min-01-dec-1/mc4-ecommerce.policy",
        "--scenarios",
        &scenario,
    ]);
    assert_eq!(status, 1);
    assert!(
        stdout.starts_with(&format!(
            "FAIL {scenario}: moratorium_in_force: expected true, got false\n"
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with("0 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn every_facts_file_of_the_real_dates_loads_against_its_policy() {
    // Each is dated on a day its instrument's readings make telling: the
    // 1998 declaration between Seattle and Doha, the others during the
    // Session their moratorium runs until.
    let files = [
        (
            "1998-wt-min-98-dec-2",
            "seattle-and-doha.json",
            "2000-06-01",
        ),
        ("2001-wt-min-01-dec-1", "cancun.json", "2003-09-12"),
        ("2005-wt-min-05-dec", "geneva-2009.json", "2009-12-01"),
        ("2009-wt-l-782", "geneva-2011.json", "2011-12-10"),
    ];
    for ((name, policy, _), (folder_name, file, as_of)) in INSTRUMENTS.iter().zip(files) {
        assert_eq!(*name, folder_name);
        let model = model(name, policy);
        let path = folder(name).join("facts").join(file);
        let facts = provisio::facts::load_facts(&model, &path)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert_eq!(
            facts.as_of.map(|d| d.to_string()).as_deref(),
            Some(as_of),
            "{file}"
        );
    }
}

/// The codes of the problems a policy does not check with.
fn check_errors(policy: &str) -> Vec<&'static str> {
    let source = provisio::span::SourceFile::new("test.policy", policy);
    match provisio::check::check_source(&source) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.items.iter().map(|p| p.code).collect(),
    }
}

#[test]
fn an_empty_text_checks_but_cannot_be_cited_and_a_missing_text_is_an_error() {
    let without_wording = r#"
instrument "A decision whose wording was not found" adopted 2005-12-18
event next "the next Session"
provision p "The moratorium until the next Session: the official wording is not at hand"
  text ""
  define in_force "the moratorium holds" = as_of before next.opening
verdict moratorium_in_force = p.in_force
  says "The moratorium {is|is not|may or may not be} in force on {as_of}."
"#;
    assert_eq!(check_errors(without_wording), Vec::<&str>::new());
    let citing = without_wording.replace(
        "as_of before next.opening",
        "as_of before next.opening cites \"until the next Session\"",
    );
    assert_eq!(check_errors(&citing), ["provisio::citation_not_in_text"]);
    let no_text = without_wording.replace("  text \"\"\n", "");
    assert_eq!(check_errors(&no_text), ["provisio::missing_text"]);
}

#[test]
fn a_citation_from_an_empty_text_is_reported_where_it_stands() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let policy = dir.path().join("p.policy");
    std::fs::write(
        &policy,
        "instrument \"A decision whose wording was not found\" adopted 2005-12-18\n\
         event next \"the next Session\"\n\
         provision p \"The moratorium: the official wording is not at hand\"\n  \
         text \"\"\n  \
         define in_force = as_of before next.opening cites \"until the next Session\"\n\
         verdict moratorium_in_force = p.in_force\n  \
         says \"The moratorium {is|is not|may or may not be} in force on {as_of}.\"\n",
    )
    .expect("writes");
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(["check", "p.policy"])
        .env("NO_COLOR", "1")
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        r#"provisio::citation_not_in_text

  × the cited phrase is not in the text of provision `p`
   ╭─[p.policy:5:53]
 4 │   text ""
 5 │   define in_force = as_of before next.opening cites "until the next Session"
   ·                                                     ────────────┬───────────
   ·                                                                 ╰── not found in the provision's text
 6 │ verdict moratorium_in_force = p.in_force
   ╰────
  help: the provision's `text` is empty: it quotes nothing, so its rules cite nothing; remove
        `cites`

error: p.policy: 1 problem
"#
    );
}
