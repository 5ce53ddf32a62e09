//! Facts that may be none, and defaults: `TYPE or none`, `X is none`,
//! `X is not none`, `X or else EXPR` and `default VALUE`, from the policy's
//! syntax and checks to the facts files, batch rows and explanations.
//!
//! The policy is `tests/fixtures/none_and_defaults.policy`, after paragraph 3
//! of the 2022 WTO decision (WT/MIN(22)/32). Every policy under
//! `tests/none_and_defaults/policies/` and every facts file under
//! `tests/none_and_defaults/facts/` is a plausible mistake, each snapshotted
//! as the terminal shows it.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{check_errors, run, verdict};
use provisio::check::check_source;
use provisio::diagnostic::Problems;
use provisio::facts::{Facts, FactsError, FactsFormat, parse_facts};
use provisio::model::{FactId, Model};
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;
use provisio::value::Value;

const POLICY: &str = "tests/fixtures/none_and_defaults.policy";

fn policy_text() -> String {
    common::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICY))
}

fn model() -> Model {
    common::fixture_model(POLICY, "none_and_defaults.policy")
}

fn fact(model: &Model, name: &str) -> FactId {
    model
        .facts
        .iter()
        .position(|f| f.field.name == name)
        .unwrap_or_else(|| panic!("no fact `{name}`")) as FactId
}

fn load(model: &Model, text: &str, format: FactsFormat) -> Facts {
    let name = match format {
        FactsFormat::Json => "facts.json",
        FactsFormat::Yaml => "facts.yaml",
        FactsFormat::Toml => "facts.toml",
    };
    parse_facts(model, &SourceFile::new(name, text), format)
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

fn value(model: &Model, facts: &Facts, name: &str) -> Value {
    facts.values[fact(model, name) as usize].clone()
}

/// Evaluates the fixture on JSON facts as of 1 April 2024, the day after
/// the moratorium would expire.
fn verdicts(facts: &str) -> Vec<(String, String)> {
    run(&policy_text(), facts, "2024-04-01").unwrap_or_else(|e| panic!("{e}"))
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

fn render_facts_error(error: &FactsError) -> String {
    error
        .problems()
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------

#[test]
fn policy_diagnostics() {
    insta::glob!("none_and_defaults/policies/*.policy", |path| {
        let source = SourceFile::new(common::file_name(path), common::read(path));
        match check_source(&source) {
            Ok(_) => panic!("{} checked without errors", path.display()),
            Err(problems) => insta::assert_snapshot!(render_problems(&problems)),
        }
    });
}

#[test]
fn facts_diagnostics() {
    let model = model();
    insta::glob!("none_and_defaults/facts/*.{json,yaml,toml}", |path| {
        let format = FactsFormat::from_path(path).expect("a facts format");
        let source = SourceFile::new(common::file_name(path), common::read(path));
        match parse_facts(&model, &source, format) {
            Ok(facts) => panic!("{} loaded without errors: {facts:?}", path.display()),
            Err(error) => insta::assert_snapshot!(render_facts_error(&error)),
        }
    });
}

// ---------------------------------------------------------------------------
// Facts: none in every format, and defaults
// ---------------------------------------------------------------------------

#[test]
fn none_reads_as_none_in_json_yaml_and_toml() {
    let model = model();
    for (text, format) in [
        (
            r#"{"extension_decision": "none", "measure": "none"}"#,
            FactsFormat::Json,
        ),
        (
            "extension_decision: none\nmeasure: none\n",
            FactsFormat::Yaml,
        ),
        (
            "extension_decision = \"none\"\nmeasure = \"none\"\n",
            FactsFormat::Toml,
        ),
    ] {
        let facts = load(&model, text, format);
        assert_eq!(
            value(&model, &facts, "extension_decision"),
            Value::None,
            "{text}"
        );
        assert_eq!(value(&model, &facts, "measure"), Value::None, "{text}");
    }
}

#[test]
fn text_is_none_only_as_an_object_since_none_is_text() {
    let model = model();
    let facts = load(&model, r#"{"remark": "none"}"#, FactsFormat::Json);
    assert_eq!(value(&model, &facts, "remark"), Value::Text("none".into()));
    let facts = load(&model, r#"{"remark": {"none": true}}"#, FactsFormat::Json);
    assert_eq!(value(&model, &facts, "remark"), Value::None);
    let facts = load(&model, "remark: {none: true}\n", FactsFormat::Yaml);
    assert_eq!(value(&model, &facts, "remark"), Value::None);
    let facts = load(&model, "remark = { none = true }\n", FactsFormat::Toml);
    assert_eq!(value(&model, &facts, "remark"), Value::None);
}

#[test]
fn left_out_or_null_the_defaults_stand_and_are_recorded() {
    let model = model();
    let (occupancy, school, rebate) = (
        fact(&model, "occupancy"),
        fact(&model, "goes_to_school"),
        fact(&model, "rebate"),
    );
    let tenant = model.enums[0]
        .values
        .iter()
        .position(|v| v == "tenant")
        .map(|i| i as u32);
    for text in [
        "{}",
        r#"{"occupancy": null, "goes_to_school": null, "rebate": null}"#,
    ] {
        // `occupancy` and `goes_to_school` are required: their defaults
        // let the file leave them out.
        let facts = load(&model, text, FactsFormat::Json);
        assert!(
            matches!(value(&model, &facts, "occupancy"), Value::Enum(_, i) if Some(i) == tenant)
        );
        assert_eq!(value(&model, &facts, "goes_to_school"), Value::Bool(true));
        assert_eq!(value(&model, &facts, "rebate"), Value::None);
        let expected: Vec<(FactId, Box<[u32]>)> = vec![
            (occupancy, Box::from([])),
            (school, Box::from([])),
            (rebate, Box::from([])),
        ];
        assert_eq!(facts.defaulted, expected, "{text}");
        assert!(facts.is_defaulted(occupancy, &[]));
    }
    let facts = load(
        &model,
        r#"{"occupancy": "owner", "goes_to_school": false, "rebate": "EUR 5"}"#,
        FactsFormat::Json,
    );
    assert!(facts.defaulted.is_empty());
    assert_eq!(value(&model, &facts, "goes_to_school"), Value::Bool(false));
}

#[test]
fn a_field_left_out_takes_its_default_and_is_recorded_with_its_path() {
    let model = model();
    let measure = fact(&model, "measure");
    let facts = load(
        &model,
        r#"{"measure": {"kind": "customs_duty", "rate": 0.5}}"#,
        FactsFormat::Json,
    );
    assert!(facts.is_defaulted(measure, &[2]));
    assert!(!facts.is_defaulted(measure, &[1]));
    let Value::Record(fields) = value(&model, &facts, "measure") else {
        panic!("a record");
    };
    assert_eq!(fields[2], Value::Bool(false));
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

#[test]
fn the_moratorium_expires_when_no_decision_to_extend_was_taken() {
    let none = verdicts(r#"{"extension_decision": "none"}"#);
    assert_eq!(verdict(&none, "expired"), "true");
    assert_eq!(verdict(&none, "extended"), "false");
    let decided = verdicts(r#"{"extension_decision": "2024-03-01"}"#);
    assert_eq!(verdict(&decided, "expired"), "false");
    assert_eq!(verdict(&decided, "extended"), "true");
}

#[test]
fn is_none_is_unknown_while_the_fact_is_unknown() {
    let unknown = verdicts("{}");
    assert_eq!(verdict(&unknown, "expired"), "unknown");
    assert_eq!(verdict(&unknown, "remarked"), "unknown");
    assert_eq!(verdict(&unknown, "no_measure"), "unknown");
    let remarked = verdicts(r#"{"remark": "none"}"#);
    assert_eq!(verdict(&remarked, "remarked"), "true");
}

#[test]
fn or_else_binds_tighter_than_a_comparison_and_looser_than_a_sum() {
    // `extension_decision or else as_of + 30 days`: the decision itself
    // when there is one, not 30 days after it.
    let decided = verdicts(r#"{"extension_decision": "2024-03-01"}"#);
    assert_eq!(verdict(&decided, "review_day"), "2024-03-01");
    let none = verdicts(r#"{"extension_decision": "none"}"#);
    assert_eq!(verdict(&none, "review_day"), "2024-05-01");
    // `a or else b or else c` tries `a`, then `b`, then `c`.
    let policy = r#"instrument "T" adopted 2024-01-01
fact a "the first day": date or none
fact b "the second day": date or none
verdict first = a or else b or else 2000-01-01 says "{value}"
verdict either = a is none or b is none says "{value}"
"#;
    assert_eq!(check_errors(policy), Vec::<&str>::new());
    let results = run(policy, r#"{"a": "none", "b": "none"}"#, "2024-04-01").expect("runs");
    assert_eq!(verdict(&results, "first"), "2000-01-01");
    assert_eq!(verdict(&results, "either"), "true");
    let results = run(policy, r#"{"a": "none", "b": "2024-02-02"}"#, "2024-04-01").expect("runs");
    assert_eq!(verdict(&results, "first"), "2024-02-02");
    // Grouped to the left, `b` may be none where a date is needed, and the
    // group is never none.
    let grouped = policy.replace("a or else b or else", "(a or else b) or else");
    assert_eq!(
        check_errors(&grouped),
        vec!["provisio::never_none", "provisio::maybe_none"]
    );
}

#[test]
fn a_record_that_is_none_has_none_of_its_fields() {
    let results = verdicts(r#"{"measure": "none"}"#);
    assert_eq!(verdict(&results, "no_measure"), "true");
    assert_eq!(verdict(&results, "rateless"), "true");
    assert_eq!(verdict(&results, "rate"), "0");
    assert_eq!(verdict(&results, "reviewed"), "false");
    let results = verdicts(r#"{"measure": {"kind": "internal_tax", "rate": 2.5}}"#);
    assert_eq!(verdict(&results, "rate"), "2.5");
    assert_eq!(verdict(&results, "reviewed"), "false");
}

#[test]
fn defaults_stand_in_evaluation() {
    let results = verdicts("{}");
    assert_eq!(verdict(&results, "allowance"), "EUR 100.00");
    let results = verdicts(r#"{"occupancy": "owner"}"#);
    assert_eq!(verdict(&results, "allowance"), "EUR 0.00");
    let results = verdicts(r#"{"rebate": "EUR 20"}"#);
    assert_eq!(verdict(&results, "allowance"), "EUR 80.00");
}

#[test]
fn a_long_chain_of_or_else_is_too_deep_not_a_crash() {
    let chain = |n: usize| {
        format!(
            "instrument \"T\" adopted 2024-01-01\nfact a \"a day\": date or none\nverdict d = {} 2000-01-01 says \"{{value}}\"\n",
            "a or else ".repeat(n)
        )
    };
    assert_eq!(check_errors(&chain(10)), Vec::<&str>::new());
    assert_eq!(check_errors(&chain(10_000)), vec!["provisio::too_deep"]);
}

#[test]
fn elements_of_a_list_have_fields_that_may_be_none_or_take_defaults() {
    let policy = r#"instrument "T" adopted 2024-01-01
fact children "the children": list of record
  left "the day the child left home": date or none
  at_school "whether the child goes to school": boolean default true
end
verdict at_home = count c in children where c.left is none says "{value}"
verdict schooled = count c in children where c.at_school says "{value}"
verdict gone = count c in children where (c.left or else 2099-12-31) before as_of says "{value}"
"#;
    let facts = r#"{"children": [{"left": "none"}, {"left": "2023-05-01", "at_school": false}]}"#;
    let results = run(policy, facts, "2024-01-01").expect("runs");
    assert_eq!(verdict(&results, "at_home"), "1");
    assert_eq!(verdict(&results, "schooled"), "1");
    assert_eq!(verdict(&results, "gone"), "1");
    // A field that may be none is counted only through `is none` or `or else`.
    let summed = policy.replace("where c.left is none", "where c.left before as_of");
    assert_eq!(check_errors(&summed), vec!["provisio::maybe_none"]);
}

#[test]
fn an_enumeration_with_a_value_named_none_compares_with_it() {
    let policy = r#"instrument "T" adopted 2024-01-01
fact coverage "how much is covered": one of none, partial, full
verdict uncovered = coverage is none says "{value}"
"#;
    assert_eq!(check_errors(policy), Vec::<&str>::new());
    let results = run(policy, r#"{"coverage": "none"}"#, "2024-04-01").expect("runs");
    assert_eq!(verdict(&results, "uncovered"), "true");
    let results = run(policy, r#"{"coverage": "full"}"#, "2024-04-01").expect("runs");
    assert_eq!(verdict(&results, "uncovered"), "false");
}

#[test]
fn none_in_a_parameter_history_still_ends_it() {
    let policy = r#"instrument "T" adopted 2024-01-01
provision p "P"
  text "The allowance is 100 until 2025."
  parameter amount "the allowance": integer
    from 2024-01-01: 100
    from 2025-01-01: none
verdict amount = p.amount says "{value}"
"#;
    assert_eq!(check_errors(policy), Vec::<&str>::new());
}

// ---------------------------------------------------------------------------
// The command line: explanations and batch rows
// ---------------------------------------------------------------------------

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn eval_output(facts: &str, format: &str) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("facts.json");
    std::fs::write(&path, facts).expect("writes");
    let output = provisio()
        .args(["eval", POLICY, "--facts"])
        .arg(&path)
        .args(["--format", format])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("UTF-8")
}

#[test]
fn explanations_of_defaults_and_of_none() {
    let facts = r#"{"as_of": "2024-04-01", "extension_decision": "none",
        "measure": {"kind": "customs_duty", "rate": "none"}}"#;
    insta::assert_snapshot!("text", eval_output(facts, "text"));
    insta::assert_snapshot!("json", eval_output(facts, "json"));
}

#[test]
fn explanations_of_given_values() {
    let facts = r#"{"as_of": "2024-04-01", "extension_decision": "2024-03-01",
        "occupancy": "owner", "rebate": "EUR 5", "remark": "none"}"#;
    insta::assert_snapshot!("given_text", eval_output(facts, "text"));
}

#[test]
fn json_marks_only_defaulted_facts() {
    let output = eval_output(r#"{"as_of": "2024-04-01", "occupancy": "owner"}"#, "json");
    let json: serde_json::Value = serde_json::from_str(&output).expect("JSON");
    let facts = &json["verdicts"]["allowance"]["explanation"]["facts"];
    let used: Vec<(String, bool)> = facts
        .as_array()
        .expect("fact uses")
        .iter()
        .map(|f| {
            (
                f["fact"].as_str().unwrap_or_default().to_string(),
                f.get("defaulted").is_some(),
            )
        })
        .collect();
    assert_eq!(used, vec![(String::from("occupancy"), false)]);
}

#[test]
fn without_a_facts_file_the_defaults_stand() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let policy = dir.path().join("occupancy.policy");
    std::fs::write(
        &policy,
        r#"instrument "T" adopted 2024-01-01
fact occupancy "who lives in the home": one of owner, tenant default tenant
verdict tenant = occupancy is tenant says "The occupant {is|is not} a tenant."
"#,
    )
    .expect("writes");
    provisio()
        .arg("eval")
        .arg(&policy)
        .args(["--at", "2024-01-01"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "      - Who lives in the home is tenant, by default: not given.\n    Facts: occupancy = tenant, by default: not given\n",
        ));
}

#[test]
fn none_in_csv_cells_and_json_lines() {
    let csv = "as_of,extension_decision,remark,measure.kind,measure.rate\n\
               2024-04-01,none,{\"none\": true},customs_duty,none\n\
               2024-04-01,2024-03-01,none,,\n\
               2024-04-01,none,,customs_duty,0.5\n";
    let output = provisio()
        .args(["batch", POLICY, "--scenarios", "-", "--input-format", "csv"])
        .write_stdin(csv)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: Vec<serde_json::Value> = String::from_utf8(output)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(rows.len(), 3);
    let v = |row: usize, name: &str| rows[row]["verdicts"][name].clone();
    assert_eq!(v(0, "expired"), true);
    assert_eq!(v(0, "remarked"), false);
    assert_eq!(v(0, "rateless"), true);
    assert_eq!(v(1, "expired"), false);
    // In a CSV cell, `none` for text is the text "none".
    assert_eq!(v(1, "remarked"), true);
    assert_eq!(v(2, "rate"), 0.5);

    let jsonl = "{\"as_of\": \"2024-04-01\", \"extension_decision\": \"none\"}\n\
                 {\"as_of\": \"2024-04-01\", \"filed\": \"none\"}\n";
    let output = provisio()
        .args(["batch", POLICY, "--scenarios", "-"])
        .write_stdin(jsonl)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let rows: Vec<serde_json::Value> = String::from_utf8(output)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(rows[0]["verdicts"]["expired"], true);
    // `filed` is a plain date: the row is an error that says so.
    assert_eq!(
        rows[1]["error"],
        "filed: `filed` is declared `date`, which cannot be none"
    );
}
