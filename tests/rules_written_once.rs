//! Rules written once: named types (`type person "...": record ... end`),
//! definitions with parameters (`define age(p: person) = ...`) called as
//! `age(m)` inside aggregates and from each other, and enumeration values
//! qualified by their type (`occupancy.tenant`).
//!
//! The policy is `tests/fixtures/household.policy`. Every policy under
//! `tests/rules_written_once/policies/` is a plausible mistake, each
//! snapshotted as the terminal shows it.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{check_errors, run, verdict};
use provisio::check::check_source;
use provisio::diagnostic::Problems;
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;

const POLICY: &str = "tests/fixtures/household.policy";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn policy_text() -> String {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICY))
}

fn render_problems(problems: &Problems) -> String {
    assert!(!problems.items.is_empty(), "an error without any problem");
    problems
        .items
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

const FAMILY: &str = r#"{"home": "tenant", "members": [
    {"name": "Alice", "born": "1991-05-03", "income": "EUR 30000"},
    {"name": "Bob", "born": "2015-02-01", "income": "EUR 0"},
    {"name": "Carol", "born": "2012-09-09", "income": "EUR 0"}]}"#;

fn household(facts: &str, as_of: &str) -> Vec<(String, String)> {
    run(&policy_text(), facts, as_of).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_fixture_checks_without_warnings() {
    let checked = check_source(&SourceFile::new("household.policy", policy_text()))
        .unwrap_or_else(|p| panic!("{p:?}"));
    assert!(checked.warnings.items.is_empty(), "{:?}", checked.warnings);
    let model = checked.model;
    let names: Vec<&str> = model.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["occupancy", "person"]);
    let age = model
        .definitions
        .iter()
        .find(|d| d.name == "age")
        .expect("age");
    assert_eq!(age.params.len(), 1);
    assert_eq!(age.params[0].name, "p");
    assert_eq!(
        model.type_name(&age.params[0].ty).to_string(),
        "a record (person)"
    );
}

#[test]
fn a_definition_is_applied_to_each_member() {
    let results = household(FAMILY, "2026-12-06");
    // Bob (11) and Carol (14) are children; Alice (35) is not.
    assert_eq!(verdict(&results, "children"), "2");
    // EUR 200 for two children, less 10% of EUR 10000 over EUR 20000.
    assert_eq!(verdict(&results, "allowance"), "EUR 0.00");
    let results = household(FAMILY, "2026-12-06");
    assert_eq!(verdict(&results, "children"), "2");
}

#[test]
fn ages_change_with_the_date() {
    // On 2033-02-01 Bob turns 18; Carol already has.
    let facts = r#"{"home": "tenant", "members": [
        {"name": "Alice", "born": "1991-05-03", "income": "EUR 20500"},
        {"name": "Bob", "born": "2015-02-01", "income": "EUR 0"}]}"#;
    assert_eq!(verdict(&household(facts, "2033-01-31"), "children"), "1");
    assert_eq!(
        verdict(&household(facts, "2033-01-31"), "allowance"),
        "EUR 50.00"
    );
    assert_eq!(verdict(&household(facts, "2033-02-01"), "children"), "0");
    assert_eq!(
        verdict(&household(facts, "2033-02-01"), "allowance"),
        "EUR 0.00"
    );
}

#[test]
fn a_qualified_value_compares_with_a_fact_of_the_type() {
    let owners = FAMILY.replace("\"tenant\"", "\"owner\"");
    let facts = owners.replace("EUR 30000", "EUR 10000");
    assert_eq!(
        verdict(&household(&facts, "2026-12-06"), "allowance"),
        "EUR 0.00"
    );
    let tenants = FAMILY.replace("EUR 30000", "EUR 10000");
    assert_eq!(
        verdict(&household(&tenants, "2026-12-06"), "allowance"),
        "EUR 200.00"
    );
}

#[test]
fn an_unknown_birth_date_leaves_only_what_it_could_change_open() {
    // Bob was born between 2000 and 2012: 14 to 26 on the date.
    let facts = r#"{"home": "tenant", "members": [
        {"name": "Alice", "born": "1991-05-03", "income": "EUR 10000"},
        {"name": "Bob", "born": {"between": ["2000-01-01", "2012-01-01"]}, "income": "EUR 0"},
        {"name": "Carol", "born": "2012-09-09", "income": "EUR 0"}]}"#;
    let results = household(facts, "2026-12-06");
    assert_eq!(verdict(&results, "children"), "unknown, between 1 and 2");
    assert_eq!(
        verdict(&results, "allowance"),
        "unknown, between EUR 100.00 and EUR 200.00"
    );
    // Known to be no child, the allowance counts Carol alone.
    let adult = facts.replace(
        r#"{"between": ["2000-01-01", "2012-01-01"]}"#,
        r#""2000-01-01""#,
    );
    let results = household(&adult, "2026-12-06");
    assert_eq!(verdict(&results, "children"), "1");
    assert_eq!(verdict(&results, "allowance"), "EUR 100.00");
}

#[test]
fn diagnostics_of_types_parameters_and_calls() {
    insta::glob!("rules_written_once/policies/*.policy", |path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = SourceFile::new(name, read(path));
        match check_source(&source) {
            Ok(_) => panic!("{} checked without errors", path.display()),
            Err(problems) => insta::assert_snapshot!(render_problems(&problems)),
        }
    });
}

#[test]
fn a_facts_file_is_checked_against_the_named_type() {
    let checked = check_source(&SourceFile::new("household.policy", policy_text()))
        .unwrap_or_else(|p| panic!("{p:?}"));
    let facts = r#"{"home": "renter", "members": [{"name": "Alice", "born": "1991-05-03"}]}"#;
    let error = provisio::facts::parse_facts(
        &checked.model,
        &SourceFile::new("facts.json", facts),
        provisio::facts::FactsFormat::Json,
    )
    .expect_err("two mistakes");
    let shown: Vec<String> = error.problems().iter().map(|p| render(p, false)).collect();
    insta::assert_snapshot!(shown.join("\n"));
}

fn provisio() -> Command {
    Command::cargo_bin("provisio").expect("the binary")
}

fn eval_output(facts: &str, format: &str, detail: &str) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("facts.json");
    std::fs::write(&path, facts).expect("writes");
    let output = provisio()
        .args(["eval", POLICY, "--at", "2026-12-06", "--facts"])
        .arg(&path)
        .args(["--format", format, "--explain", detail])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("UTF-8")
}

#[test]
fn explanations_name_each_call_with_its_argument_once() {
    let text = eval_output(FAMILY, "text", "full");
    // Each member's age is told once, for that member, citing the phrase.
    for name in ["Alice", "Bob", "Carol"] {
        let line = format!("The member's age, for {name}:");
        assert_eq!(
            text.matches(&line).count(),
            2,
            "once under each verdict that uses it:\n{text}"
        );
    }
    assert!(text.contains(
        "The member's age, for Alice: 35, 35 whole years from the member's date of birth (3 May 1991) to 6 December 2026. [art1: \"A member's age is counted in whole years\"]"
    ), "{text}");
    insta::assert_snapshot!("household_full", text);
    insta::assert_snapshot!("household_json", eval_output(FAMILY, "json", "decisive"));
}

#[test]
fn an_exception_to_a_definition_with_parameters_sees_its_parameters() {
    let policy = r#"instrument "Test" adopted 2024-01-01
type person "a member": record name: text  born: date  student: boolean end
fact members "the members": list of person
provision p1 text "A child is a member under 18, or a student under 25."
  define is_child(p: person) "whether the member is a child" = years_between(p.born, as_of) < 18
  exception students to is_child when p.student then years_between(p.born, as_of) < 25
verdict children = count m in members where is_child(m)
"#;
    let facts = r#"{"members": [
        {"name": "Ann", "born": "2004-01-01", "student": true},
        {"name": "Ben", "born": "2004-01-01", "student": false},
        {"name": "Cy", "born": "2012-01-01", "student": false}]}"#;
    let results = run(policy, facts, "2026-12-06").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict(&results, "children"), "2");
}

#[test]
fn a_call_from_outside_finds_the_only_definition_of_its_name() {
    let one = r#"instrument "Test" adopted 2024-01-01
type person "a member": record born: date end
fact members "the members": list of person
provision p1 text "x"
  define age(p: person) "the age" = years_between(p.born, as_of)
provision p2 text "y"
  define adults = count m in members where age(m) >= 18
verdict v = p2.adults
"#;
    assert_eq!(check_errors(one), Vec::<&str>::new());
    // Inside p2, its own `age` is found first; a verdict cannot tell which.
    let two = one.replace(
        "provision p2 text \"y\"",
        "provision p2 text \"y\"\n  define age(q: person) \"the age\" = 1",
    );
    assert_eq!(check_errors(&two), Vec::<&str>::new());
    let asked = format!("{two}verdict w = count m in members where age(m) >= 18\n");
    assert_eq!(check_errors(&asked), ["provisio::ambiguous_name"]);
}

#[test]
fn exact_reasoning_follows_a_call_into_its_body() {
    let policy = r#"instrument "Exact" adopted 2024-01-01
fact a "the first day": optional date
fact b "the second day": optional date
provision p1 text "x"
  define earlier(p: date, q: date) "whether the one day is before the other" = p before q
  define same(p: date, q: date) "whether the days are the same" = p = q
verdict ordered = earlier(a, b) or earlier(b, a) or same(a, b)
verdict reversed = earlier(a, b) and earlier(b, a)
"#;
    // Whatever the two days, one comes first or they are the same, and
    // never each before the other.
    let results = run(policy, "{}", "2024-05-01").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict(&results, "ordered"), "true");
    assert_eq!(verdict(&results, "reversed"), "false");
}

#[test]
fn a_residual_through_a_call_names_the_argument() {
    let policy = r#"instrument "Residual" adopted 2024-01-01
fact a "the first day": optional date
fact b "the second day": optional date
provision p1 text "x"
  define earlier(p: date, q: date) "whether the one day is before the other" = p before q
verdict v = earlier(a, b)
"#;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let policy_path = dir.path().join("residual.policy");
    let facts_path = dir.path().join("facts.json");
    std::fs::write(&policy_path, policy).expect("writes");
    std::fs::write(&facts_path, r#"{"a": "2024-03-01"}"#).expect("writes");
    let output = provisio()
        .arg("eval")
        .arg(&policy_path)
        .arg("--facts")
        .arg(&facts_path)
        .args(["--at", "2024-05-01"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).expect("UTF-8");
    assert!(
        text.contains("v: true if the second day is after 1 March 2024."),
        "{text}"
    );
    assert!(
        text.contains("Whether the one day is before the other, for 1 March 2024 and a value not known: undetermined"),
        "{text}"
    );
}

#[test]
fn a_residual_names_a_parameter_s_field_through_the_argument() {
    let policy = r#"instrument "Residual" adopted 2024-01-01
type person "a member": record name: text  born: date end
fact members "the members": list of person
provision p1 text "A child is a member under 18."
  define is_child(p: person) "whether the member is a child" = p.born after as_of - 18 years
verdict child for each m in members keyed by m.name = is_child(m)
  says "{m.name} {is|is not|may or may not be} a child."
"#;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let policy_path = dir.path().join("residual.policy");
    let facts_path = dir.path().join("facts.json");
    std::fs::write(&policy_path, policy).expect("writes");
    std::fs::write(
        &facts_path,
        r#"{"members": [{"name": "Ana", "born": "2015-01-01"},
            {"name": "Ben", "born": {"between": ["2000-01-01", "2012-01-01"]}}]}"#,
    )
    .expect("writes");
    let output = provisio()
        .arg("eval")
        .arg(&policy_path)
        .arg("--facts")
        .arg(&facts_path)
        .args(["--at", "2026-12-06", "--explain", "none"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).expect("UTF-8");
    assert!(text.contains("Ana = true"), "{text}");
    assert!(
        text.contains("Ben is a child if `m.born` is after 6 December 2008."),
        "{text}"
    );
}

#[test]
fn an_exception_does_not_hide_an_enumeration_value_of_its_name() {
    let policy = r#"instrument "Test" adopted 2024-01-01
fact filing_status "the filing status": one of joint, single
provision p1 text "The threshold is 100, or 200 on a joint return."
  define threshold "the threshold" by default 100
  exception joint to threshold when filing_status is joint then 200
verdict v = p1.threshold
"#;
    let results = run(policy, r#"{"filing_status": "joint"}"#, "2024-05-01")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict(&results, "v"), "200");
    let results = run(policy, r#"{"filing_status": "single"}"#, "2024-05-01")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict(&results, "v"), "100");
}
