//! Verdicts given for each element of a list:
//! `verdict allowance for each m in members keyed by m.name = ...`.
//!
//! The policy is `tests/fixtures/per_member/allowance.policy`, a small
//! allowance paid to each member of a household; its facts files are in
//! `tests/fixtures/per_member/facts/`.

use assert_cmd::Command;
use serde_json::{Value as Json, json};

use provisio::eval::{AsOfSource, Readings, evaluate_only};
use provisio::facts::{FactsFormat, parse_facts_text};
use provisio::span::SourceFile;

const POLICY: &str = "tests/fixtures/per_member/allowance.policy";
const THREE: &str = "tests/fixtures/per_member/facts/three.json";
const DUPLICATE: &str = "tests/fixtures/per_member/facts/duplicate.json";
const NO_NAME: &str = "tests/fixtures/per_member/facts/no_name.json";
const PARTLY_KNOWN: &str = "tests/fixtures/per_member/facts/partly_known.json";
const LIST_NOT_GIVEN: &str = "tests/fixtures/per_member/facts/list_not_given.json";

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `provisio`: its exit code, stdout and stderr.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = provisio().args(args).output().expect("provisio runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn eval_json(facts: &str, verdict: &str) -> Json {
    let (code, stdout, stderr) = run(&[
        "eval",
        POLICY,
        "--facts",
        facts,
        "--at",
        "2025-03-01",
        "--verdict",
        verdict,
        "--format",
        "json",
    ]);
    assert!(matches!(code, Some(0 | 3)), "{stderr}");
    serde_json::from_str(&stdout).expect("JSON")
}

const HEADER: &str = r#"instrument "A" adopted 2020-01-01
fact members "the members": list of record
  name: text
  n: integer
  born: date
  kind: one of owner, tenant
  income: money in EUR
  nick: text or none
  share: decimal
end
fact claimed "the day": date
"#;

/// Evaluates a policy written here on JSON facts as of 1 March 2025.
fn evaluate_here(policy: &str, facts: &str) -> Json {
    let checked = provisio::check::check_source(&SourceFile::new("test.policy", policy))
        .unwrap_or_else(|p| panic!("does not check: {p:?}"));
    let model = &checked.model;
    let facts = parse_facts_text(model, "facts", facts, FactsFormat::Json).expect("facts load");
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).expect("a date");
    let every: Vec<u32> = (0..model.verdicts.len() as u32).collect();
    let evaluation = evaluate_only(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
        &every,
    );
    let options = provisio::render::Options {
        detail: provisio::explain::Detail::None,
        color: false,
        lang: Default::default(),
    };
    provisio::render::json::to_json(model, &evaluation, &options)["verdicts"].clone()
}

#[test]
fn each_member_has_an_outcome_in_list_order() {
    let policy = std::fs::read_to_string(POLICY).expect("the policy");
    let checked = provisio::check::check_source(&SourceFile::new(POLICY, policy)).expect("checks");
    let model = &checked.model;
    let facts = parse_facts_text(
        model,
        THREE,
        &std::fs::read_to_string(THREE).expect("facts"),
        FactsFormat::Json,
    )
    .expect("facts load");
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).expect("a date");
    let id = model.verdict_named("allowance").expect("the verdict");
    let evaluation = evaluate_only(
        model,
        &facts,
        as_of,
        AsOfSource::Given,
        &Readings::defaults(model),
        &[id],
    );
    let outcome = &evaluation.verdicts[0];
    let elements = outcome.elements.as_ref().expect("one outcome per element");
    let shown: Vec<(String, usize, String, bool)> = elements
        .iter()
        .map(|e| {
            (
                model.format_value(&e.key),
                e.position,
                model.format_value(&e.outcome.value),
                e.outcome.exact,
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("\"Alice\"".to_string(), 1, "EUR 50.00".to_string(), true),
            ("\"Bob\"".to_string(), 2, "EUR 0.00".to_string(), true),
            ("\"Carol\"".to_string(), 3, "EUR 100.00".to_string(), true),
        ]
    );
    // Each element is explained by its own steps.
    let why = provisio::explain::explain(
        model,
        &evaluation,
        &elements[2].outcome,
        provisio::explain::Detail::Decisive,
    )
    .expect("explained");
    assert_eq!(
        why.because.as_deref(),
        Some(
            "as the day the allowance is claimed (1 March 2025) is before 18 years after m.born (14 July 2015), the amount for a minor (EUR 100.00)"
        )
    );
}

#[test]
fn text_lists_each_element_under_the_verdict() {
    let (code, stdout, stderr) = run(&["eval", POLICY, "--facts", THREE, "--at", "2025-03-01"]);
    assert_eq!(code, Some(0), "{stderr}");
    insta::assert_snapshot!("text_three_members", stdout);
}

#[test]
fn text_without_explanations_is_one_line_and_one_sentence_per_element() {
    let (code, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        PARTLY_KNOWN,
        "--at",
        "2025-03-01",
        "--verdict",
        "allowance",
        "--explain",
        "none",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "A member allowance act, adopted 1 January 2020\n\
         As of 1 March 2025 (as given)\n\
         \n\
         Verdicts\n  \
         allowance for each m in members (2 elements)\n    \
         Alice = undetermined, between EUR 50.00 and EUR 100.00; depends on members\n      \
         Alice receives an undetermined amount between EUR 50.00 and EUR 100.00.\n      \
         It is EUR 100.00 if 18 years after `m.born` is after 1 March 2025, otherwise EUR 50.00.\n    \
         Dan = EUR 100.00\n      \
         Dan receives EUR 100.00.\n"
    );
}

#[test]
fn json_gives_each_element_with_the_fields_of_a_verdict() {
    let json = eval_json(THREE, "minor");
    assert_eq!(
        json["verdicts"]["minor"],
        json!({
            "status": "determined",
            "for_each": [
                {"key": "Alice", "position": 1, "value": false, "status": "determined",
                 "readings_used": [], "sentence": "Alice is not a minor on 1 March 2025.",
                 "explanation": json["verdicts"]["minor"]["for_each"][0]["explanation"].clone()},
                {"key": "Bob", "position": 2, "value": false, "status": "determined",
                 "readings_used": [], "sentence": "Bob is not a minor on 1 March 2025.",
                 "explanation": json["verdicts"]["minor"]["for_each"][1]["explanation"].clone()},
                {"key": "Carol", "position": 3, "value": true, "status": "determined",
                 "readings_used": [], "sentence": "Carol is a minor on 1 March 2025.",
                 "explanation": json["verdicts"]["minor"]["for_each"][2]["explanation"].clone()},
            ]
        })
    );
    assert_eq!(
        json["verdicts"]["minor"]["for_each"][0]["explanation"]["version"],
        8
    );
}

#[test]
fn json_of_every_verdict_snapshot() {
    let (code, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        PARTLY_KNOWN,
        "--at",
        "2025-03-01",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("json_partly_known", stdout);
}

#[test]
fn an_undetermined_element_has_a_residual_and_is_marked_not_exact() {
    let json = eval_json(PARTLY_KNOWN, "allowance");
    let alice = &json["verdicts"]["allowance"]["for_each"][0];
    assert_eq!(alice["key"], "Alice");
    assert_eq!(alice["status"], "undetermined");
    assert_eq!(alice["value"], Json::Null);
    assert_eq!(alice["at_least"], "EUR 50.00");
    assert_eq!(alice["at_most"], "EUR 100.00");
    assert_eq!(
        alice["residual"],
        "if (m.born) + 18 years rounded up after 2025-03-01 then EUR 100.00 else EUR 50.00"
    );
    // A field of an element is outside exact reasoning: the answer is sound.
    assert_eq!(alice["exact"], false);
}

#[test]
fn a_list_not_given_leaves_the_verdict_undetermined_as_a_whole() {
    let json = eval_json(LIST_NOT_GIVEN, "allowance");
    assert_eq!(
        json["verdicts"]["allowance"],
        json!({
            "value": null,
            "status": "undetermined",
            "depends_on": ["members"],
            "residual": "members",
            "readings_used": [],
            "explanation": json["verdicts"]["allowance"]["explanation"].clone(),
            "for_each": null,
        })
    );
    let (code, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        LIST_NOT_GIVEN,
        "--at",
        "2025-03-01",
        "--verdict",
        "allowance",
        "--explain",
        "none",
    ]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.ends_with(
            "  allowance = undetermined; depends on members\n    One outcome for each m in members, a list not known.\n"
        ),
        "{stdout}"
    );
}

#[test]
fn a_duplicate_key_fails_that_verdict_only_naming_both_elements() {
    let (code, stdout, stderr) = run(&[
        "eval",
        POLICY,
        "--facts",
        DUPLICATE,
        "--at",
        "2025-03-01",
        "--format",
        "json",
        "--explain",
        "none",
    ]);
    assert_eq!(code, Some(3));
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        json["verdicts"]["allowance"],
        json!({
            "value": null,
            "status": "error",
            "error": {
                "code": "provisio::duplicate_key",
                "message": "elements 1 and 3 of the list both have the key \"Alice\"",
                "provision": null,
                "rule": null,
            },
            "for_each": null,
        })
    );
    // The verdicts that do not key by name are evaluated as usual.
    assert_eq!(
        json["verdicts"]["household_income"]["status"],
        "undetermined"
    );
    insta::assert_snapshot!("duplicate_key_diagnostics", stderr);
}

#[test]
fn an_element_without_a_key_fails_the_verdict() {
    let json = eval_json(NO_NAME, "allowance");
    assert_eq!(
        json["verdicts"]["allowance"]["error"]["code"],
        "provisio::unknown_key"
    );
    assert_eq!(
        json["verdicts"]["allowance"]["error"]["message"],
        "the key of element 2 of the list is not known"
    );
}

#[test]
fn an_element_that_fails_fails_alone() {
    let policy =
        format!("{HEADER}verdict per_share for each m in members keyed by m.name = 12 / m.share\n");
    let facts = r#"{"claimed": "2025-03-01", "members": [
        {"name": "A", "n": 1, "born": "2000-01-01", "kind": "owner", "income": "EUR 1", "nick": "none", "share": 0.5},
        {"name": "B", "n": 2, "born": "2000-01-01", "kind": "owner", "income": "EUR 1", "nick": "none", "share": 0}]}"#;
    let verdicts = evaluate_here(&policy, facts);
    let elements = &verdicts["per_share"]["for_each"];
    assert_eq!(elements[0]["value"], json!(24));
    assert_eq!(elements[0]["status"], "determined");
    assert_eq!(elements[1]["status"], "error");
    assert_eq!(elements[1]["error"]["code"], "provisio::division_by_zero");
}

#[test]
fn keys_may_be_whole_numbers_dates_enumeration_values_or_expressions() {
    let policy = format!(
        "{HEADER}verdict by_number for each m in members keyed by m.n = m.income\n\
         verdict by_date for each m in members keyed by m.born = m.n\n\
         verdict by_kind for each m in members keyed by m.kind = m.n\n\
         verdict by_twice for each m in members keyed by (m.n * 2) = m.n\n"
    );
    let facts = r#"{"claimed": "2025-03-01", "members": [
        {"name": "A", "n": 1, "born": "2000-01-01", "kind": "owner", "income": "EUR 1", "nick": "none", "share": 1},
        {"name": "B", "n": 2, "born": "2001-02-03", "kind": "tenant", "income": "EUR 2", "nick": "none", "share": 1}]}"#;
    let verdicts = evaluate_here(&policy, facts);
    let keys = |name: &str| -> Vec<Json> {
        verdicts[name]["for_each"]
            .as_array()
            .expect("elements")
            .iter()
            .map(|e| e["key"].clone())
            .collect()
    };
    assert_eq!(keys("by_number"), [json!(1), json!(2)]);
    assert_eq!(keys("by_date"), [json!("2000-01-01"), json!("2001-02-03")]);
    assert_eq!(keys("by_kind"), [json!("owner"), json!("tenant")]);
    assert_eq!(keys("by_twice"), [json!(2), json!(4)]);
}

#[test]
fn a_verdict_whose_provision_is_not_in_force_does_not_apply_as_a_whole() {
    let policy = format!(
        "{HEADER}provision s1 \"S\"\n  text \"T\"\n  in force from 2030-01-01\n  define amount \"the amount\" = 10\n\
         verdict each_amount for each m in members keyed by m.name = s1.amount\n"
    );
    let facts = r#"{"claimed": "2025-03-01", "members": [
        {"name": "A", "n": 1, "born": "2000-01-01", "kind": "owner", "income": "EUR 1", "nick": "none", "share": 1}]}"#;
    let verdicts = evaluate_here(&policy, facts);
    assert_eq!(verdicts["each_amount"]["status"], "not_in_force");
    assert_eq!(verdicts["each_amount"]["for_each"], Json::Null);
    assert_eq!(verdicts["each_amount"]["not_in_force"], json!(["s1"]));
}

#[test]
fn markdown_gives_each_element_a_section() {
    let (code, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        PARTLY_KNOWN,
        "--at",
        "2025-03-01",
        "--verdict",
        "allowance",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("markdown_partly_known", stdout);
}

#[test]
fn the_same_run_gives_the_same_bytes() {
    let args = [
        "eval",
        POLICY,
        "--facts",
        THREE,
        "--at",
        "2025-03-01",
        "--format",
        "json",
    ];
    assert_eq!(run(&args).1, run(&args).1);
}

#[test]
fn scenarios_expect_an_object_keyed_by_key() {
    let (code, stdout, _) = run(&["test", POLICY]);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(stdout, "5 passed, 0 failed\n");
}

#[test]
fn a_failing_scenario_says_which_keys_are_wrong_missing_or_extra() {
    let (code, stdout, _) = run(&[
        "test",
        "tests/fixtures/per_member_failing/allowance.policy",
        "--scenarios",
        "tests/fixtures/per_member_failing/cases",
    ]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("failing_scenarios", stdout);
}

#[test]
fn batch_rows_give_an_object_keyed_by_key() {
    let rows = "tests/fixtures/per_member/rows.jsonl";
    // A row with an errored verdict makes the status 3, as for `eval`.
    let (code, stdout, _) = run(&["batch", POLICY, "--scenarios", rows]);
    assert_eq!(code, Some(3));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            r#"{"line":1,"as_of":"2025-03-01","readings":{},"verdicts":{"allowance":{"Alice":"EUR 50.00","Carol, Jr":"EUR 100.00"},"minor":{"Alice":false,"Carol, Jr":true},"household_income":null,"adult":{"Alice":true,"Carol, Jr":false}},"status":{"allowance":"determined","minor":"determined","household_income":"undetermined","adult":"determined"}}"#,
            r#"{"line":2,"as_of":"2025-03-01","readings":{},"verdicts":{"allowance":null,"minor":null,"household_income":null,"adult":null},"status":{"allowance":"undetermined","minor":"undetermined","household_income":"undetermined","adult":"undetermined"}}"#,
            r#"{"line":3,"as_of":"2025-03-01","readings":{},"verdicts":{"allowance":null,"minor":null,"household_income":null,"adult":null},"status":{"allowance":"error","minor":"error","household_income":"undetermined","adult":"error"},"errors":{"allowance":{"code":"provisio::duplicate_key","message":"elements 1 and 2 of the list both have the key \"A\""},"minor":{"code":"provisio::duplicate_key","message":"elements 1 and 2 of the list both have the key \"A\""},"adult":{"code":"provisio::duplicate_key","message":"elements 1 and 2 of the list both have the key \"A\""}}}"#,
        ]
    );
    let (code, stdout, _) = run(&[
        "batch",
        POLICY,
        "--scenarios",
        rows,
        "--output-format",
        "csv",
    ]);
    assert_eq!(code, Some(3));
    assert_eq!(
        stdout,
        "line,error,as_of,allowance,allowance.status,minor,minor.status,household_income,household_income.status,adult,adult.status\n\
         1,,2025-03-01,\"{\"\"Alice\"\":\"\"EUR 50.00\"\",\"\"Carol, Jr\"\":\"\"EUR 100.00\"\"}\",determined,\"{\"\"Alice\"\":false,\"\"Carol, Jr\"\":true}\",determined,,undetermined,\"{\"\"Alice\"\":true,\"\"Carol, Jr\"\":false}\",determined\n\
         2,,2025-03-01,,undetermined,,undetermined,,undetermined,,undetermined\n\
         3,,2025-03-01,error: provisio::duplicate_key,error,error: provisio::duplicate_key,error,,undetermined,error: provisio::duplicate_key,error\n"
    );
}

#[test]
fn batch_explanations_are_keyed_by_key() {
    let rows = "tests/fixtures/per_member/rows.jsonl";
    let (_, stdout, _) = run(&["batch", POLICY, "--scenarios", rows, "--explain"]);
    let first: Json = serde_json::from_str(stdout.lines().next().expect("a row")).expect("JSON");
    let explanations = &first["explanations"]["allowance"];
    let keys: Vec<&String> = explanations
        .as_object()
        .expect("an object")
        .keys()
        .collect();
    assert_eq!(keys, ["Alice", "Carol, Jr"]);
    assert_eq!(
        explanations["Carol, Jr"]["because"],
        "as the day the allowance is claimed (1 March 2025) is before 18 years after m.born (14 July 2015), the amount for a minor (EUR 100.00)"
    );
}

#[test]
fn all_readings_say_per_element_whether_the_readings_agree() {
    let (code, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        THREE,
        "--at",
        "2025-03-01",
        "--all-readings",
        "--verdict",
        "minor",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "A member allowance act\n\
         As of 1 March 2025 (as given), under every reading\n\
         \n\
         The readings agree\n  \
         minor = Alice: false; Bob: false; Carol: true (no reading varied)\n"
    );
    let (_, stdout, _) = run(&[
        "eval",
        POLICY,
        "--facts",
        THREE,
        "--at",
        "2025-03-01",
        "--all-readings",
        "--verdict",
        "minor",
        "--format",
        "json",
    ]);
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        json["verdicts"]["minor"]["outcomes"][0]["value"],
        json!({"Alice": false, "Bob": false, "Carol": true})
    );
}

#[test]
fn a_timeline_starts_an_interval_when_any_element_changes() {
    let (code, stdout, _) = run(&[
        "timeline",
        POLICY,
        "--facts",
        THREE,
        "--from",
        "2033-07-01",
        "--to",
        "2033-07-31",
    ]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains(
            "\nadult: … is of age\n  1 July 2033 to 13 July 2033: Alice: true; Bob: true; Carol: false\n  \
             14 July 2033 to 31 July 2033: Alice: true; Bob: true; Carol: true\n"
        ),
        "{stdout}"
    );
    let (_, stdout, _) = run(&[
        "timeline",
        POLICY,
        "--facts",
        THREE,
        "--from",
        "2033-07-13",
        "--to",
        "2033-07-14",
        "--format",
        "json",
    ]);
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        json["verdicts"]["adult"][1]["value"],
        json!({"Alice": true, "Bob": true, "Carol": true})
    );
    let (_, stdout, _) = run(&[
        "timeline",
        POLICY,
        "--facts",
        THREE,
        "--from",
        "2033-07-13",
        "--to",
        "2033-07-14",
        "--format",
        "svg",
    ]);
    assert!(
        stdout.contains("<title>Alice: true; Bob: true; Carol: true: on 14 July 2033</title>"),
        "{stdout}"
    );
}

#[test]
fn all_readings_say_for_which_elements_the_readings_disagree() {
    let policy = r#"instrument "A" adopted 2020-01-01
fact members "the members": list of record
  name: text
  born: date
end
reading of_age "when a member comes of age"
  birthday (default) "on the 18th birthday"
  day_after "on the day after the 18th birthday"
verdict adult for each m in members keyed by m.name =
  if reading of_age is birthday then as_of on or after m.born + 18 years rounded up
  else as_of after m.born + 18 years rounded up
"#;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("per_element_readings.policy");
    std::fs::write(&path, policy).expect("written");
    let facts = dir.join("per_element_readings.json");
    std::fs::write(
        &facts,
        r#"{"members": [{"name": "Ann", "born": "1990-01-01"}, {"name": "Ben", "born": "2007-03-01"}]}"#,
    )
    .expect("written");
    let args = [
        "eval",
        path.to_str().expect("a path"),
        "--facts",
        facts.to_str().expect("a path"),
        "--at",
        "2025-03-01",
        "--all-readings",
    ];
    let (code, stdout, _) = run(&args);
    assert_eq!(code, Some(0));
    assert!(
        stdout.ends_with("    the readings disagree for Ben; they agree for Ann\n"),
        "{stdout}"
    );
    let (_, stdout, _) = run(&[&args[..], &["--format", "json"]].concat());
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["verdicts"]["adult"]["agree"], false);
    assert_eq!(
        json["verdicts"]["adult"]["agree_by_key"],
        json!({"Ann": true, "Ben": false})
    );
}

#[test]
fn each_element_goes_through_exact_reasoning() {
    // The steps leave `d on or before 2024-03-31 and d after 2024-04-01`
    // open while `d` is unknown; no day satisfies both, so every element is
    // false, decided over `d`.
    let policy = r#"instrument "A" adopted 2020-01-01
fact members "the members": list of record
  name: text
end
fact d "a day": optional date
verdict both for each m in members keyed by m.name =
  d on or before 2024-03-31 and d after 2024-04-01
"#;
    let facts = r#"{"members": [{"name": "A"}, {"name": "B"}]}"#;
    let verdicts = evaluate_here(policy, facts);
    for element in verdicts["both"]["for_each"].as_array().expect("elements") {
        assert_eq!(element["value"], json!(false), "{element}");
        assert_eq!(element["status"], "determined");
        assert_eq!(element["decided_over_unknown"], json!(["d"]));
    }
}

#[test]
fn the_elements_of_one_verdict_share_the_budget_of_nested_aggregates() {
    // An aggregate over the list inside each element's value weighs the
    // list once per element: 1,100 × 1,100 elements cross the budget of
    // 1,000,000, and the elements past it fail with `too_costly`.
    let policy = format!(
        "{HEADER}verdict older for each m in members keyed by m.n = count x in members where x.n > m.n\n"
    );
    let members: Vec<String> = (0..1100)
        .map(|n| {
            format!(
                r#"{{"name": "p{n}", "n": {n}, "born": "2000-01-01", "kind": "owner", "income": "EUR 1", "nick": "none", "share": 1}}"#
            )
        })
        .collect();
    let facts = format!(
        r#"{{"claimed": "2025-03-01", "members": [{}]}}"#,
        members.join(",")
    );
    let verdicts = evaluate_here(&policy, &facts);
    let elements = verdicts["older"]["for_each"].as_array().expect("elements");
    assert_eq!(elements.len(), 1100);
    assert_eq!(elements[0]["value"], json!(1099));
    assert_eq!(elements[1099]["status"], "error");
    assert_eq!(elements[1099]["error"]["code"], "provisio::too_costly");
    let first_failing = elements
        .iter()
        .position(|e| e["status"] == "error")
        .expect("one fails");
    assert_eq!(first_failing, 909, "1,000,000 / 1,100 elements pass");
}

#[test]
fn an_element_that_fails_makes_eval_exit_with_status_3_and_report_it() {
    let policy =
        format!("{HEADER}verdict per_share for each m in members keyed by m.name = 12 / m.share\n");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("per_element_fails.policy");
    std::fs::write(&path, policy).expect("written");
    let facts = dir.join("per_element_fails.json");
    std::fs::write(
        &facts,
        r#"{"claimed": "2025-03-01", "members": [
        {"name": "A", "n": 1, "born": "2000-01-01", "kind": "owner", "income": "EUR 1", "nick": "none", "share": 0.5},
        {"name": "B", "n": 2, "born": "2000-01-01", "kind": "owner", "income": "EUR 1", "nick": "none", "share": 0}]}"#,
    )
    .expect("written");
    let (code, stdout, stderr) = run(&[
        "eval",
        path.to_str().expect("a path"),
        "--facts",
        facts.to_str().expect("a path"),
        "--at",
        "2025-03-01",
        "--explain",
        "none",
    ]);
    assert_eq!(code, Some(3));
    assert!(
        stdout.ends_with(
            "  per_share for each m in members (2 elements)\n    A = 24\n      per share: 24\n    \
             B = error (provisio::division_by_zero)\n      division by zero\n"
        ),
        "{stdout}"
    );
    // After the warnings of the policy, the error of the element.
    assert!(
        stderr.contains("provisio::division_by_zero\n\n  × division by zero"),
        "{stderr}"
    );
}
