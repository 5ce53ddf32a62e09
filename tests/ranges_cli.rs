//! Facts given within a range, through the real binary: what `eval` says
//! of a fact known only within a range, in text and JSON, and the range
//! forms of CSV cells and JSON Lines rows in `provisio batch`.

use assert_cmd::Command;
use serde_json::Value as Json;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";

/// Runs the binary in the repository with `stdin`; its exit code, stdout
/// and stderr.
fn provisio(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .write_stdin(stdin)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Writes a facts file under the test folder and returns its path.
fn facts_file(name: &str, text: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("provisio-ranges");
    std::fs::create_dir_all(&dir).expect("a folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path.to_string_lossy().into_owned()
}

fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| l.contains(needle))
        .map(str::trim)
        .collect()
}

#[test]
fn text_output_says_what_is_known_of_a_fact_given_as_a_range() {
    let facts = facts_file(
        "in-2026.json",
        r#"{"as_of": "2026-02-15", "mc14": {"opening": "2026"}}"#,
    );
    let (code, out, err) = provisio(&["eval", POLICY, "--facts", &facts], "");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        lines_with(&out, "moratorium_in_force ="),
        [
            "moratorium_in_force = undetermined; depends on mc14.opening (between 1 January 2026 and 31 December 2026)"
        ]
    );
    assert!(
        out.contains("The moratorium on customs duties on electronic transmissions is in force on 15 February 2026 if the 14th Session of the Ministerial Conference opens after 15 February 2026."),
        "{out}"
    );
    assert_eq!(
        lines_with(&out, "Facts: mc14.opening").first().copied(),
        Some(
            "Facts: mc14.opening not known, between 1 January 2026 and 31 December 2026 (the opening day of the 14th Session of the Ministerial Conference)"
        )
    );
    assert!(
        out.contains("the opening day of the 14th Session of the Ministerial Conference (not known, between 1 January 2026 and 31 December 2026)"),
        "{out}"
    );
}

#[test]
fn json_output_gives_the_range_beside_depends_on() {
    let facts = facts_file(
        "after-march.yaml",
        "as_of: 2026-03-20\nmc14:\n  opening:\n    on_or_after: 2026-03-10\n",
    );
    let (code, out, err) = provisio(&["eval", POLICY, "--facts", &facts, "--format", "json"], "");
    assert_eq!(code, Some(0), "{err}");
    let json: Json = serde_json::from_str(&out).expect("JSON");
    let verdict = &json["verdicts"]["moratorium_in_force"];
    assert_eq!(verdict["status"], "undetermined");
    assert_eq!(verdict["depends_on"], serde_json::json!(["mc14.opening"]));
    assert_eq!(
        verdict["depends_on_ranges"],
        serde_json::json!({"mc14.opening": {"at_least": "2026-03-10"}})
    );
    assert_eq!(verdict["residual"], "mc14.opening after 2026-03-20");
    let used = &verdict["explanation"]["facts"][0];
    assert_eq!(
        *used,
        serde_json::json!({"fact": "mc14.opening", "value": null, "known": false, "at_least": "2026-03-10"})
    );
}

#[test]
fn a_choice_of_values_is_told_in_the_explanation() {
    let facts = facts_file(
        "either-kind.json",
        r#"{"as_of": "2025-01-01", "mc14": {"opening": "2026-03-26"},
            "measure": {"kind": {"one_of": ["internal_tax", "customs_duty"]}, "levied_on": "electronic_transmission"}}"#,
    );
    let (code, out, err) = provisio(&["eval", POLICY, "--facts", &facts, "--format", "json"], "");
    assert_eq!(code, Some(0), "{err}");
    let json: Json = serde_json::from_str(&out).expect("JSON");
    let verdict = &json["verdicts"]["measure_status"];
    assert_eq!(verdict["status"], "undetermined");
    assert_eq!(
        verdict["depends_on_ranges"],
        serde_json::json!({"measure.kind": {"one_of": ["customs_duty", "internal_tax"]}})
    );
    let (_, text, _) = provisio(&["eval", POLICY, "--facts", &facts], "");
    assert_eq!(
        lines_with(&text, "measure_status ="),
        [
            "measure_status = undetermined; depends on measure.kind (one of customs duty or internal tax)"
        ]
    );
}

#[test]
fn an_empty_range_stops_eval_with_a_diagnostic() {
    let facts = facts_file(
        "backwards.json",
        r#"{"mc14": {"opening": {"between": ["2026-12-31", "2026-05-01"]}}}"#,
    );
    let (code, out, err) = provisio(&["eval", POLICY, "--facts", &facts], "");
    assert_eq!(code, Some(1), "{out}");
    assert!(err.contains("provisio::facts::empty_range"), "{err}");
    assert!(
        err.contains("mc14.opening: an empty range: nothing is on or after 2026-12-31 and on or before 2026-05-01"),
        "{err}"
    );
    assert!(
        err.contains(
            r#"help: `between` gives the least end first: write ["2026-05-01", "2026-12-31"]"#
        ),
        "{err}"
    );
}

#[test]
fn csv_cells_take_ranges_and_choices() {
    let csv = "as_of,mc14.opening,mc14.closing,measure.kind,measure.levied_on\n\
               2026-03-30,2026-05-01..2026-12-31,,,\n\
               2025-06-01,2026,,customs_duty|internal_tax,physical_goods\n\
               2026-02-15,>=2026-03-10,,,\n\
               2026-04-01,<=2026-03,,,\n\
               2026-03-05,2026-03,,,\n\
               2026-02-15,2026-12-31..2026-05-01,,,\n\
               2026-02-15,2026-05,<=2026-04-15,,\n\
               2026-02-15,2026-05,,customs_duty|custom_duty,physical_goods\n";
    let (code, out, err) = provisio(
        &[
            "batch",
            POLICY,
            "--scenarios",
            "-",
            "--input-format",
            "csv",
            "--output-format",
            "csv",
        ],
        csv,
    );
    assert_eq!(code, Some(1), "error rows make the exit status 1: {err}");
    assert_eq!(
        out,
        "line,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,work_programme_active,work_programme_active.status,expiry_date,expiry_date.status,measure_status,measure_status.status,general_council_reviews_required,general_council_reviews_required.status\n\
         2,,2026-03-30,opening,exclusive,transmission_and_content,true,determined,true,determined,2026-03-31,determined,,undetermined,true,determined\n\
         3,,2025-06-01,opening,exclusive,transmission_and_content,true,determined,true,determined,,undetermined,outside_scope,determined,true,determined\n\
         4,,2026-02-15,opening,exclusive,transmission_and_content,true,determined,true,determined,,undetermined,,undetermined,true,determined\n\
         5,,2026-04-01,opening,exclusive,transmission_and_content,false,determined,false,determined,,undetermined,,undetermined,false,determined\n\
         6,,2026-03-05,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined\n\
         7,mc14.opening: an empty range: nothing is on or after 2026-12-31 and on or before 2026-05-01,,,,,,,,,,,,,,\n\
         8,\"mc14: closes on 2026-04-15 at the latest, before it opens on 2026-05-01 at the earliest\",,,,,,,,,,,,,,\n\
         9,\"measure.kind.one_of[1]: `custom_duty` is not one of customs_duty, internal_tax\",,,,,,,,,,,,,,\n"
    );
}

#[test]
fn json_lines_rows_take_the_json_forms() {
    let rows = "{\"as_of\":\"2026-03-30\",\"mc14\":{\"opening\":{\"between\":[\"2026-05-01\",\"2026-12-31\"]}}}\n\
                {\"as_of\":\"2026-02-15\",\"mc14\":{\"opening\":{\"on_or_afer\":\"2026-03-10\"}}}\n";
    let (code, out, err) = provisio(&["batch", POLICY, "--scenarios", "-"], rows);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        out,
        "{\"line\":1,\"as_of\":\"2026-03-30\",\"readings\":{\"mc14_reference\":\"opening\",\"expiry_boundary\":\"exclusive\",\"scope\":\"transmission_and_content\"},\"verdicts\":{\"moratorium_in_force\":true,\"work_programme_active\":true,\"expiry_date\":\"2026-03-31\",\"measure_status\":null,\"general_council_reviews_required\":true},\"status\":{\"moratorium_in_force\":\"determined\",\"work_programme_active\":\"determined\",\"expiry_date\":\"determined\",\"measure_status\":\"undetermined\",\"general_council_reviews_required\":\"determined\"}}\n\
         {\"line\":2,\"error\":\"mc14.opening: unknown key `on_or_afer` in a range\"}\n"
    );
}

#[test]
fn a_verdict_that_is_one_of_several_values_says_which() {
    let policy = facts_file(
        "kind.policy",
        "instrument \"Kinds\" adopted 2020-01-01\n\
         fact kind \"the kind\": optional one of a, b, c\n\
         verdict the_kind = kind\n",
    );
    let facts = facts_file("kind.json", r#"{"kind": {"one_of": ["c", "a"]}}"#);
    let args = [
        "eval",
        &policy,
        "--facts",
        &facts,
        "--at",
        "2026-01-01",
        "--explain",
        "none",
    ];
    let (code, text, err) = provisio(&args, "");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        lines_with(&text, "the_kind ="),
        ["the_kind = undetermined, one of a or c; depends on kind (one of a or c)"]
    );
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (_, out, _) = provisio(&json_args, "");
    let json: Json = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        json["verdicts"]["the_kind"],
        serde_json::json!({
            "value": null,
            "status": "undetermined",
            "depends_on": ["kind"],
            "depends_on_ranges": {"kind": {"one_of": ["a", "c"]}},
            "residual": "kind",
            "one_of": ["a", "c"],
            "readings_used": [],
            "sentence": "the kind: one of a, c"
        })
    );
}
