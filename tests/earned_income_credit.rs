//! The earned income credit of `rules/us-earned-income-credit`: each
//! scenario's verdicts with their statuses (determined, undetermined, not in
//! force), the verdict per member element by element, and household facts
//! that do not fit the policy's `person`.
//!
//! `provisio test` (and `tests/examples.rs`) compare values only; here an
//! expected `null` must also be undetermined, or not in force for a year the
//! policy does not cover, and each member's outcome carries its own status.

use std::path::{Path, PathBuf};

use provisio::eval::{AsOfSource, Readings, choose_as_of, evaluate};
use provisio::facts::{FactsFormat, parse_facts};
use provisio::render::json::to_json;
use provisio::span::SourceFile;
use serde_json::{Value as Json, json};

const POLICY: &str = "rules/us-earned-income-credit/earned-income-credit.policy";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn model() -> provisio::model::Model {
    provisio::check::load_policy(&root().join(POLICY))
        .unwrap_or_else(|e| panic!("{POLICY} does not check: {e:?}"))
        .model
}

fn scenarios() -> Vec<PathBuf> {
    let folder = root().join("rules/us-earned-income-credit/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the scenarios folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// The JSON output of an evaluation of `facts` under `readings` (`{name:
/// alternative}`), as `provisio eval --format json` gives it.
fn evaluate_json(
    model: &provisio::model::Model,
    name: &str,
    facts: &Json,
    readings: &Json,
) -> Json {
    let text = serde_json::to_string_pretty(facts).expect("facts serialise");
    let source = SourceFile::new(name, text);
    let facts = parse_facts(model, &source, FactsFormat::Json)
        .unwrap_or_else(|e| panic!("{name}: bad facts: {e:?}"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let (as_of, from) = choose_as_of(None, &facts, today);
    assert_eq!(from, AsOfSource::Facts, "{name}: give as_of");
    let mut chosen = Readings::defaults(model);
    for (reading, alternative) in readings.as_object().into_iter().flatten() {
        chosen
            .choose(model, reading, alternative.as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("{name}: bad reading: {e:?}"));
    }
    let evaluation = evaluate(model, &facts, as_of, from, &chosen).expect("evaluates");
    to_json(model, &evaluation, &provisio::render::Options::default())
}

/// The status a scenario's expected value implies: `null` is undetermined,
/// or not in force for a taxable year other than 2024.
fn status_for(expected: &Json, in_2024: bool) -> &'static str {
    match (expected.is_null(), in_2024) {
        (_, false) => "not_in_force",
        (true, true) => "undetermined",
        (false, true) => "determined",
    }
}

/// The differences between a verdict per member and what a scenario expects
/// of it: `{"Ana": true, "Ben": null}`, in the order of the members.
fn per_member_differences(name: &str, actual: &Json, expected: &Json) -> Vec<String> {
    let mut found = Vec::new();
    let Some(outcomes) = actual["for_each"].as_array() else {
        return vec![format!("{name}: no `for_each` in {actual}")];
    };
    let expected = expected.as_object().expect("an object keyed by member");
    let keys: Vec<&str> = outcomes.iter().filter_map(|o| o["key"].as_str()).collect();
    let wanted: Vec<&str> = expected.keys().map(String::as_str).collect();
    if keys != wanted {
        found.push(format!("{name}: members {keys:?}, expected {wanted:?}"));
    }
    for outcome in outcomes {
        let key = outcome["key"].as_str().unwrap_or_default();
        let value = &expected[key];
        if &outcome["value"] != value {
            found.push(format!(
                "{name}: {key}: expected {value}, got {}",
                outcome["value"]
            ));
        }
        let status = status_for(value, true);
        if outcome["status"] != status {
            found.push(format!(
                "{name}: {key}: expected status {status}, got {}",
                outcome["status"]
            ));
        }
    }
    found
}

#[test]
fn every_scenario_gives_its_verdicts_with_their_statuses() {
    let model = model();
    let files = scenarios();
    assert!(files.len() >= 15, "only {} scenarios", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let scenario: Json =
            serde_json::from_str(&std::fs::read_to_string(file).expect("readable")).expect("JSON");
        let output = evaluate_json(&model, &name, &scenario["facts"], &scenario["readings"]);
        let in_2024 = scenario["facts"]["as_of"]
            .as_str()
            .is_some_and(|d| d.starts_with("2024-"));
        for (verdict, expected) in scenario["expect"].as_object().expect("expect") {
            let actual = &output["verdicts"][verdict];
            // `{"status": "not_in_force"}`: an expectation of status alone.
            if let Some(status) = expected.get("status") {
                if &actual["status"] != status {
                    failures.push(format!(
                        "{name}: {verdict}: expected status {status}, got {}",
                        actual["status"]
                    ));
                }
                continue;
            }
            if expected.is_object() {
                failures.extend(per_member_differences(
                    &format!("{name}: {verdict}"),
                    actual,
                    expected,
                ));
                continue;
            }
            if &actual["value"] != expected {
                failures.push(format!(
                    "{name}: {verdict}: expected {expected}, got {}",
                    actual["value"]
                ));
            }
            let status = status_for(expected, in_2024);
            if actual["status"] != status {
                failures.push(format!(
                    "{name}: {verdict}: expected status {status}, got {}",
                    actual["status"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A household with a brother who qualifies, an older sister who is a
/// student, and a mother: one outcome per member, in the order given.
#[test]
fn the_verdict_per_member_says_who_is_a_qualifying_child() {
    let model = model();
    let facts = json!({
        "as_of": "2024-01-01",
        "filing_status": "head_of_household",
        "taxpayer_born": "2002-04-01",
        "members": [
            {"name": "Kai", "born": "2008-07-04", "relationship": "sibling", "months_in_home": 12},
            {"name": "Lea", "born": "2001-09-01", "relationship": "sibling", "months_in_home": 12, "student": true},
            {"name": "Rosa", "born": "1960-10-10", "relationship": "parent", "months_in_home": 12}
        ],
        "earned_income": "USD 14000",
        "adjusted_gross_income": "USD 14000",
        "investment_income": "USD 0"
    });
    let output = evaluate_json(&model, "siblings.json", &facts, &json!({}));
    let outcomes: Vec<(Json, Json, Json)> = output["verdicts"]["qualifying_child"]["for_each"]
        .as_array()
        .expect("one outcome per member")
        .iter()
        .map(|o| (o["key"].clone(), o["value"].clone(), o["status"].clone()))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (json!("Kai"), json!(true), json!("determined")),
            (json!("Lea"), json!(false), json!("determined")),
            (json!("Rosa"), json!(false), json!("determined")),
        ]
    );
    assert_eq!(output["verdicts"]["qualifying_children"]["value"], json!(1));
    assert_eq!(
        output["verdicts"]["earned_income_credit"]["value"],
        json!("USD 4213.00")
    );
}

/// Two members with one name: the verdict per member cannot key them apart
/// and is an error that names both elements and the name, while the
/// verdicts that do not list the members by name are still given; the exit
/// status says a verdict errored.
#[test]
fn two_members_with_one_name_error_the_verdict_per_member_only() {
    let facts = json!({
        "as_of": "2024-01-01",
        "filing_status": "head_of_household",
        "taxpayer_born": "1985-03-10",
        "members": [
            {"name": "Ana", "born": "2012-05-01", "relationship": "child", "months_in_home": 12},
            {"name": "Ana", "born": "2015-09-30", "relationship": "child", "months_in_home": 12}
        ],
        "earned_income": "USD 20000",
        "adjusted_gross_income": "USD 20000",
        "investment_income": "USD 0"
    });
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("twins.json");
    std::fs::write(&path, facts.to_string()).expect("written");
    let output = assert_cmd::Command::cargo_bin("provisio")
        .expect("the binary")
        .current_dir(root())
        .args(["eval", POLICY, "--format", "json", "--facts"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let json: Json = serde_json::from_slice(&output.stdout).expect("JSON");
    let per_member = &json["verdicts"]["qualifying_child"];
    assert_eq!(per_member["status"], json!("error"), "{per_member}");
    assert_eq!(
        per_member["error"]["code"],
        json!("provisio::duplicate_key")
    );
    assert_eq!(
        per_member["error"]["message"],
        json!("elements 1 and 2 of the list both have the key \"Ana\"")
    );
    assert_eq!(json["verdicts"]["qualifying_children"]["value"], json!(2));
    assert_eq!(
        json["verdicts"]["earned_income_credit"]["value"],
        json!("USD 6960.00")
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("provisio::duplicate_key"), "{stderr}");
}

/// A relationship the policy's `relation` does not have is a facts problem
/// at the member's field, with the value it is nearest to.
#[test]
fn a_misspelt_relationship_is_refused_at_the_member_s_field() {
    let model = model();
    let facts = r#"{
  "as_of": "2024-01-01",
  "filing_status": "single",
  "taxpayer_born": "1985-03-10",
  "members": [
    {"name": "Ana", "born": "2012-05-01", "relationship": "child", "months_in_home": 12},
    {"name": "Ben", "born": "2015-09-30", "relationship": "chlid", "months_in_home": 12}
  ],
  "earned_income": "USD 20000",
  "adjusted_gross_income": "USD 20000",
  "investment_income": "USD 0"
}"#;
    let source = SourceFile::new("household.json", facts);
    let Err(error) = parse_facts(&model, &source, FactsFormat::Json) else {
        panic!("a relationship that is not one of the values was accepted");
    };
    let problems: Vec<(&str, Option<&str>)> = error
        .problems()
        .iter()
        .map(|p| (p.kind.code(), p.help.as_deref()))
        .collect();
    assert_eq!(
        problems,
        vec![(
            "provisio::facts::not_in_enum",
            Some("did you mean `child`?")
        )]
    );
    let problem = &error.problems()[0];
    assert!(
        problem
            .message
            .contains("`chlid` is not one of child, foster_child"),
        "{}",
        problem.message
    );
    assert_eq!(&facts[problem.span.start..problem.span.end], "\"chlid\"");
}

/// A member with no months in the home given is a missing field, named by
/// its place in the list; the policy does not guess it.
#[test]
fn a_member_without_months_in_the_home_is_a_missing_field() {
    let model = model();
    let facts = json!({
        "as_of": "2024-01-01",
        "filing_status": "single",
        "taxpayer_born": "1985-03-10",
        "members": [{"name": "Ana", "born": "2012-05-01", "relationship": "child"}],
        "earned_income": "USD 20000",
        "adjusted_gross_income": "USD 20000",
        "investment_income": "USD 0"
    });
    let text = serde_json::to_string_pretty(&facts).expect("serialises");
    let Err(error) = parse_facts(
        &model,
        &SourceFile::new("household.json", text),
        FactsFormat::Json,
    ) else {
        panic!("a member without months_in_home was accepted");
    };
    let problems: Vec<(&str, &str, &str)> = error
        .problems()
        .iter()
        .map(|p| (p.kind.code(), p.message.as_str(), p.label.as_str()))
        .collect();
    assert_eq!(
        problems,
        vec![(
            "provisio::facts::missing_field",
            "missing field `members[0].months_in_home` of a person (a member of the taxpayer's household, other than the taxpayer and the spouse)",
            "no `months_in_home` here"
        )]
    );
}
