//! The `provisio` binary, run as an analyst or a drafter runs it.
//!
//! Facts files for these runs are in `tests/cli/`; the policy is the bundled
//! decision. Every run happens in the crate's folder, so paths in messages
//! are the relative paths given.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value as Json;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const FACTS_28_MARCH: &str = "tests/cli/2026-03-28.json";
const FACTS_UNKNOWN_MC14: &str = "tests/cli/mc14-unknown-2026-03-15.json";

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `provisio` with `args`, expects success, and returns stdout.
fn stdout_of(args: &[&str]) -> String {
    let output = provisio().args(args).output().expect("provisio runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "provisio {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

fn json_of(args: &[&str]) -> Json {
    let text = stdout_of(args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// The lines of the text output from `Verdicts` on.
fn verdict_lines(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|line| *line != "Verdicts")
        .collect()
}

// ---------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------

#[test]
fn check_accepts_the_bundled_policy() {
    provisio()
        .args(["check", POLICY])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!("{POLICY}: ok")))
        .stderr(predicate::str::is_empty());
}

#[test]
fn check_reports_a_bad_policy_with_file_line_and_column() {
    let bad = "tests/diagnostics/policies/undefined_fact_did_you_mean.policy";
    provisio()
        .args(["check", bad])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(": ok").not())
        .stderr(
            predicate::str::contains("provisio::undefined_name")
                .and(predicate::str::contains(format!("{bad}:10:33")))
                .and(predicate::str::contains("`mc41` is not defined"))
                .and(predicate::str::contains("did you mean `mc14`?")),
        );
}

#[test]
fn check_reports_every_bad_file_and_fails_if_any_is_bad() {
    let bad = "tests/diagnostics/policies/duplicate_verdict.policy";
    provisio()
        .args(["check", POLICY, bad])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("{POLICY}: ok")))
        .stderr(predicate::str::contains(format!("{bad}:16:9")));
}

#[test]
fn check_reports_a_missing_file() {
    provisio()
        .args(["check", "rules/wto/no-such-decision.policy"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("provisio::read").and(predicate::str::contains(
                "rules/wto/no-such-decision.policy",
            )),
        );
}

// ---------------------------------------------------------------------------
// eval: text
// ---------------------------------------------------------------------------

/// The shared scenarios of 28 March 2026 carry the facts these runs use.
#[test]
fn the_fixture_facts_are_those_of_the_shared_scenarios() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read_json = |path: &Path| -> Json {
        let text = std::fs::read_to_string(path).expect("readable");
        serde_json::from_str(&text).expect("JSON")
    };
    let fixture = read_json(&root.join(FACTS_28_MARCH));
    for scenario in [
        "02-during-mc14-opening-reading.json",
        "03-during-mc14-closing-reading.json",
    ] {
        let scenario = read_json(&root.join("rules/wto/scenarios").join(scenario));
        assert_eq!(scenario["facts"], fixture);
    }
}

#[test]
fn eval_prints_the_verdicts_of_28_march_2026() {
    let text = stdout_of(&[
        "eval",
        POLICY,
        "--facts",
        FACTS_28_MARCH,
        "--explain",
        "none",
    ]);
    assert!(
        text.contains("As of 28 March 2026 (from the facts)"),
        "{text}"
    );
    assert_eq!(
        verdict_lines(&text),
        [
            "Verdicts",
            "  moratorium_in_force = false",
            "    The moratorium on customs duties on electronic transmissions is not in force on 28 March 2026.",
            "  work_programme_active = false",
            "    The Work Programme on Electronic Commerce is not active on 28 March 2026.",
            "  expiry_date = 26 March 2026",
            "    The moratorium and the Work Programme expire on 26 March 2026.",
            "  measure_status = permitted",
            "    Under paragraph 5, the measure is permitted on 28 March 2026.",
            "  general_council_reviews_required = false",
            "    The General Council is not required to hold periodic reviews on the Work Programme on 28 March 2026.",
        ]
    );
}

#[test]
fn the_closing_reading_changes_the_verdicts() {
    let text = stdout_of(&[
        "eval",
        POLICY,
        "--facts",
        FACTS_28_MARCH,
        "--reading",
        "mc14_reference=closing",
        "--explain",
        "none",
    ]);
    assert!(text.contains("mc14_reference  = closing"), "{text}");
    assert_eq!(
        verdict_lines(&text),
        [
            "Verdicts",
            "  moratorium_in_force = true",
            "    The moratorium on customs duties on electronic transmissions is in force on 28 March 2026.",
            "  work_programme_active = true",
            "    The Work Programme on Electronic Commerce is active on 28 March 2026.",
            "  expiry_date = 30 March 2026",
            "    The moratorium and the Work Programme expire on 30 March 2026.",
            "  measure_status = prohibited",
            "    Under paragraph 5, the measure is prohibited on 28 March 2026.",
            "  general_council_reviews_required = true",
            "    The General Council is required to hold periodic reviews on the Work Programme on 28 March 2026.",
        ]
    );
}

#[test]
fn an_undetermined_verdict_says_what_it_depends_on_and_exits_0() {
    let text = stdout_of(&["eval", POLICY, "--facts", FACTS_UNKNOWN_MC14]);
    assert!(
        text.contains("  moratorium_in_force = undetermined; depends on mc14.opening"),
        "{text}"
    );
    assert!(
        text.contains("expiry_date = undetermined, on or before 31 March 2026"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// eval: JSON
// ---------------------------------------------------------------------------

#[test]
fn eval_json_has_the_contract_shape() {
    let json = json_of(&[
        "eval",
        POLICY,
        "--facts",
        FACTS_28_MARCH,
        "--format",
        "json",
    ]);
    let object = json.as_object().expect("one JSON object");
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    assert_eq!(keys, ["as_of", "readings", "verdicts"]);
    assert_eq!(json["as_of"], "2026-03-28");
    assert_eq!(
        json["readings"],
        serde_json::json!({
            "mc14_reference": "opening",
            "expiry_boundary": "exclusive",
            "scope": "transmission_and_content",
        })
    );
    let verdicts = json["verdicts"].as_object().expect("verdicts object");
    let names: Vec<&str> = verdicts.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "moratorium_in_force",
            "work_programme_active",
            "expiry_date",
            "measure_status",
            "general_council_reviews_required",
        ]
    );
    let expected = [
        ("moratorium_in_force", Json::Bool(false)),
        ("work_programme_active", Json::Bool(false)),
        ("expiry_date", Json::from("2026-03-26")),
        ("measure_status", Json::from("permitted")),
        ("general_council_reviews_required", Json::Bool(false)),
    ];
    for (name, value) in expected {
        assert_eq!(verdicts[name]["value"], value, "{name}");
        assert_eq!(verdicts[name]["status"], "determined", "{name}");
        assert!(
            verdicts[name].get("depends_on").is_none(),
            "{name}: a determined verdict depends on no unknown fact"
        );
    }
}

#[test]
fn eval_json_names_what_an_undetermined_verdict_depends_on() {
    let json = json_of(&[
        "eval",
        POLICY,
        "--facts",
        FACTS_UNKNOWN_MC14,
        "--format",
        "json",
    ]);
    assert_eq!(json["as_of"], "2026-03-15");
    for name in [
        "moratorium_in_force",
        "work_programme_active",
        "expiry_date",
        "measure_status",
        "general_council_reviews_required",
    ] {
        let verdict = &json["verdicts"][name];
        assert_eq!(verdict["value"], Json::Null, "{name}");
        assert_eq!(verdict["status"], "undetermined", "{name}");
        assert_eq!(
            verdict["depends_on"],
            serde_json::json!(["mc14.opening"]),
            "{name}"
        );
    }
    assert_eq!(json["verdicts"]["expiry_date"]["at_most"], "2026-03-31");
}

#[test]
fn with_mc14_unknown_the_moratorium_is_over_after_the_cap() {
    let json = json_of(&[
        "eval",
        POLICY,
        "--facts",
        FACTS_UNKNOWN_MC14,
        "--at",
        "2026-04-01",
        "--format",
        "json",
    ]);
    let verdict = &json["verdicts"]["moratorium_in_force"];
    assert_eq!(verdict["value"], false);
    assert_eq!(verdict["status"], "determined");
}

#[test]
fn the_closing_reading_changes_the_json_verdicts() {
    let json = json_of(&[
        "eval",
        POLICY,
        "--facts",
        FACTS_28_MARCH,
        "--reading",
        "mc14_reference=closing",
        "--format",
        "json",
    ]);
    assert_eq!(json["readings"]["mc14_reference"], "closing");
    assert_eq!(json["verdicts"]["moratorium_in_force"]["value"], true);
    assert_eq!(json["verdicts"]["expiry_date"]["value"], "2026-03-30");
    assert_eq!(json["verdicts"]["measure_status"]["value"], "prohibited");
}

#[test]
fn yaml_and_toml_facts_give_the_same_output_as_json() {
    let from_json = stdout_of(&[
        "eval",
        POLICY,
        "--facts",
        FACTS_28_MARCH,
        "--format",
        "json",
    ]);
    for other in ["tests/cli/2026-03-28.yaml", "tests/cli/2026-03-28.toml"] {
        let output = stdout_of(&["eval", POLICY, "--facts", other, "--format", "json"]);
        assert_eq!(output, from_json, "{other}");
    }
}

#[test]
fn the_same_run_gives_byte_identical_output() {
    for format in ["text", "json"] {
        let args = [
            "eval",
            POLICY,
            "--facts",
            FACTS_UNKNOWN_MC14,
            "--reading",
            "scope=transmission_only",
            "--format",
            format,
        ];
        let first = provisio().args(args).output().expect("runs");
        let second = provisio().args(args).output().expect("runs");
        assert_eq!(first.status.code(), Some(0));
        assert_eq!(first.stdout, second.stdout, "{format}");
        assert_eq!(first.stderr, second.stderr, "{format}");
    }
}

// ---------------------------------------------------------------------------
// eval: the evaluation date
// ---------------------------------------------------------------------------

#[test]
fn at_overrides_as_of_in_the_facts() {
    let text = stdout_of(&[
        "eval",
        POLICY,
        "--facts",
        FACTS_28_MARCH,
        "--at",
        "2026-03-20",
    ]);
    assert!(text.contains("As of 20 March 2026"), "{text}");
    assert!(!text.contains("28 March 2026"), "{text}");
    assert!(text.contains("  moratorium_in_force = true"), "{text}");
    let json = json_of(&[
        "eval",
        POLICY,
        "--facts",
        FACTS_28_MARCH,
        "--at",
        "2026-03-20",
        "--format",
        "json",
    ]);
    assert_eq!(json["as_of"], "2026-03-20");
    assert_eq!(json["verdicts"]["measure_status"]["value"], "prohibited");
}

#[test]
fn a_bad_at_is_reported() {
    for bad in ["2026-02-30", "tomorrow"] {
        provisio()
            .args(["eval", POLICY, "--facts", FACTS_28_MARCH, "--at", bad])
            .assert()
            .code(1)
            .stdout(predicate::str::is_empty())
            .stderr(
                predicate::str::contains("provisio::bad_argument")
                    .and(predicate::str::contains(format!("`{bad}` is not a date")))
                    .and(predicate::str::contains("--at 2026-03-28")),
            );
    }
    // A date in another form has the code it has in policies and facts.
    provisio()
        .args([
            "eval",
            POLICY,
            "--facts",
            FACTS_28_MARCH,
            "--at",
            "31/03/2026",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("provisio::date_form")
                .and(predicate::str::contains("`31/03/2026` is not a date"))
                .and(predicate::str::contains("write the date as 2026-03-31")),
        );
}

#[test]
fn without_at_or_as_of_today_is_used_and_said() {
    let text = stdout_of(&["eval", POLICY, "--facts", "tests/cli/no-as-of.json"]);
    let today = chrono::Local::now().date_naive();
    assert!(text.contains("today's date"), "{text}");
    let json = json_of(&[
        "eval",
        POLICY,
        "--facts",
        "tests/cli/no-as-of.json",
        "--format",
        "json",
    ]);
    let as_of = json["as_of"].as_str().expect("as_of is text");
    let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("a date");
    // A run that straddles midnight may see either day.
    assert!(
        as_of == today || as_of.succ_opt() == Some(today) || today.succ_opt() == Some(as_of),
        "as_of {as_of}, today {today}"
    );
}

#[test]
fn without_facts_every_fact_is_unknown() {
    let json = json_of(&["eval", POLICY, "--at", "2026-03-01", "--format", "json"]);
    assert_eq!(json["as_of"], "2026-03-01");
    assert_eq!(
        json["verdicts"]["moratorium_in_force"]["status"],
        "undetermined"
    );
}

// ---------------------------------------------------------------------------
// eval: readings and bad input
// ---------------------------------------------------------------------------

#[test]
fn an_unknown_reading_is_reported_with_a_suggestion() {
    provisio()
        .args([
            "eval",
            POLICY,
            "--facts",
            FACTS_28_MARCH,
            "--reading",
            "mc14_referenc=closing",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("provisio::unknown_reading")
                .and(predicate::str::contains("no reading `mc14_referenc`"))
                .and(predicate::str::contains("did you mean `mc14_reference`?")),
        );
}

#[test]
fn an_unknown_alternative_is_reported_with_a_suggestion() {
    provisio()
        .args([
            "eval",
            POLICY,
            "--facts",
            FACTS_28_MARCH,
            "--reading",
            "expiry_boundary=inclusve",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("provisio::unknown_alternative")
                .and(predicate::str::contains("no alternative `inclusve`"))
                .and(predicate::str::contains("did you mean `inclusive`?")),
        );
}

#[test]
fn a_reading_without_a_value_is_reported() {
    provisio()
        .args(["eval", POLICY, "--reading", "mc14_reference"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("NAME=ALTERNATIVE"));
}

#[test]
fn bad_facts_are_reported_with_file_line_and_column() {
    let bad = "tests/diagnostics/facts/unknown_fact_mc41.json";
    provisio()
        .args(["eval", POLICY, "--facts", bad])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("unknown fact `mc41`")
                .and(predicate::str::contains(format!("{bad}:3:3")))
                .and(predicate::str::contains("did you mean `mc14`?")),
        );
}

#[test]
fn a_missing_facts_file_is_reported() {
    provisio()
        .args(["eval", POLICY, "--facts", "tests/cli/no-such-facts.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("tests/cli/no-such-facts.json"));
}

#[test]
fn a_bad_policy_stops_eval() {
    let bad = "tests/diagnostics/policies/cycle_self_reference.policy";
    provisio()
        .args(["eval", bad, "--facts", FACTS_28_MARCH])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("provisio::cycle")
                .and(predicate::str::contains(format!("{bad}:11:10"))),
        );
}
