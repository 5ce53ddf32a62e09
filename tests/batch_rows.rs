//! `provisio batch` rows that join back: kept columns (`--keep`,
//! `--keep-all-unknown`), readings chosen per row (`reading.NAME`), rows
//! that state their date, readings and statuses (always), and line
//! numbers with CRLF line ends and blank lines, in JSON Lines and CSV.

#[path = "common/cli.rs"]
mod cli;

use cli::provisio;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";

/// CSV in and out, with the `id` column kept.
const CSV_KEEP_ID: &[&str] = &[
    "--input-format",
    "csv",
    "--output-format",
    "csv",
    "--keep",
    "id",
];

/// Runs a batch of the bundled decision on `input`, given as bytes on
/// standard input: status, stdout, stderr.
fn batch(input: &[u8], args: &[&str]) -> (i32, String, String) {
    let output = provisio()
        .args(["batch", POLICY, "--scenarios", "-"])
        .args(args)
        .write_stdin(input.to_vec())
        .output()
        .expect("provisio runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

/// Rendered diagnostics with their line wrapping undone.
fn words(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ")
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

const SESSION: &str = r#""mc14":{"opening":"2026-03-26","closing":"2026-03-30"}"#;

#[test]
fn a_kept_identifier_travels_with_its_row_in_json_lines_and_csv() {
    let input = format!(
        "{{\"id\":\"a1\",\"as_of\":\"2026-03-28\",{SESSION}}}\n{{\"as_of\":\"2026-03-28\",\"id\":42}}\n{{\"as_of\":\"2026-03-28\"}}\n"
    );
    let (status, out, _) = batch(input.as_bytes(), &["--keep", "id"]);
    assert_eq!(status, 0);
    assert_eq!(
        lines(&out),
        [
            r#"{"line":1,"id":"a1","as_of":"2026-03-28","readings":{"mc14_reference":"opening","expiry_boundary":"exclusive","scope":"transmission_and_content"},"verdicts":{"moratorium_in_force":false,"work_programme_active":false,"expiry_date":"2026-03-26","measure_status":null,"general_council_reviews_required":false},"status":{"moratorium_in_force":"determined","work_programme_active":"determined","expiry_date":"determined","measure_status":"undetermined","general_council_reviews_required":"determined"}}"#,
            r#"{"line":2,"id":42,"as_of":"2026-03-28","readings":{"mc14_reference":"opening","expiry_boundary":"exclusive","scope":"transmission_and_content"},"verdicts":{"moratorium_in_force":null,"work_programme_active":null,"expiry_date":null,"measure_status":null,"general_council_reviews_required":null},"status":{"moratorium_in_force":"undetermined","work_programme_active":"undetermined","expiry_date":"undetermined","measure_status":"undetermined","general_council_reviews_required":"undetermined"}}"#,
            r#"{"line":3,"id":null,"as_of":"2026-03-28","readings":{"mc14_reference":"opening","expiry_boundary":"exclusive","scope":"transmission_and_content"},"verdicts":{"moratorium_in_force":null,"work_programme_active":null,"expiry_date":null,"measure_status":null,"general_council_reviews_required":null},"status":{"moratorium_in_force":"undetermined","work_programme_active":"undetermined","expiry_date":"undetermined","measure_status":"undetermined","general_council_reviews_required":"undetermined"}}"#,
        ]
    );
    let (status, out, _) = batch(
        input.as_bytes(),
        &["--keep", "id", "--output-format", "csv"],
    );
    assert_eq!(status, 0);
    assert_eq!(
        lines(&out),
        [
            "line,id,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,work_programme_active,work_programme_active.status,expiry_date,expiry_date.status,measure_status,measure_status.status,general_council_reviews_required,general_council_reviews_required.status",
            "1,a1,,2026-03-28,opening,exclusive,transmission_and_content,false,determined,false,determined,2026-03-26,determined,,undetermined,false,determined",
            "2,42,,2026-03-28,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined",
            "3,,,2026-03-28,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined",
        ]
    );
}

#[test]
fn without_keep_an_unknown_column_is_still_an_error_row() {
    let (status, out, _) = batch(b"{\"id\":\"a1\",\"as_of\":\"2026-03-28\"}\n", &[]);
    assert_eq!(status, 1);
    assert!(
        out.starts_with(r#"{"line":1,"error":"#) && out.contains("id"),
        "{out}"
    );
}

#[test]
fn a_kept_fact_is_read_as_a_fact_and_copied() {
    let input = format!("{{\"as_of\":\"2026-03-28\",{SESSION}}}\n");
    let (status, out, _) = batch(input.as_bytes(), &["--keep", "as_of", "--keep", "mc14"]);
    // `as_of` is an output column of its own: refused before any row.
    assert_eq!(status, 1);
    assert_eq!(out, "");
    let (status, out, _) = batch(input.as_bytes(), &["--keep", "mc14"]);
    assert_eq!(status, 0);
    assert_eq!(
        out,
        "{\"line\":1,\"mc14\":{\"opening\":\"2026-03-26\",\"closing\":\"2026-03-30\"},\"as_of\":\"2026-03-28\",\"readings\":{\"mc14_reference\":\"opening\",\"expiry_boundary\":\"exclusive\",\"scope\":\"transmission_and_content\"},\"verdicts\":{\"moratorium_in_force\":false,\"work_programme_active\":false,\"expiry_date\":\"2026-03-26\",\"measure_status\":null,\"general_council_reviews_required\":false},\"status\":{\"moratorium_in_force\":\"determined\",\"work_programme_active\":\"determined\",\"expiry_date\":\"determined\",\"measure_status\":\"undetermined\",\"general_council_reviews_required\":\"determined\"}}\n"
    );
}

#[test]
fn csv_keeps_cells_as_text_and_every_unknown_column_when_asked() {
    let input = b"id,as_of,mc14.opening,mc14.closing,note\nA,2026-03-28,2026-03-26,2026-03-30,\"x, y\"\nB,2026-03-28,,,\n";
    let (status, out, _) = batch(
        input,
        &[
            "--input-format",
            "csv",
            "--output-format",
            "csv",
            "--keep-all-unknown",
            "--keep",
            "mc14.opening",
        ],
    );
    assert_eq!(status, 0);
    assert_eq!(
        lines(&out),
        [
            "line,mc14.opening,id,note,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,work_programme_active,work_programme_active.status,expiry_date,expiry_date.status,measure_status,measure_status.status,general_council_reviews_required,general_council_reviews_required.status",
            "2,2026-03-26,A,\"x, y\",,2026-03-28,opening,exclusive,transmission_and_content,false,determined,false,determined,2026-03-26,determined,,undetermined,false,determined",
            "3,,B,,,2026-03-28,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined",
        ]
    );
    let (status, out, _) = batch(input, &["--input-format", "csv", "--keep-all-unknown"]);
    assert_eq!(status, 0);
    assert_eq!(
        lines(&out)[1],
        r#"{"line":3,"id":"B","note":"","as_of":"2026-03-28","readings":{"mc14_reference":"opening","expiry_boundary":"exclusive","scope":"transmission_and_content"},"verdicts":{"moratorium_in_force":null,"work_programme_active":null,"expiry_date":null,"measure_status":null,"general_council_reviews_required":null},"status":{"moratorium_in_force":"undetermined","work_programme_active":"undetermined","expiry_date":"undetermined","measure_status":"undetermined","general_council_reviews_required":"undetermined"}}"#
    );
}

#[test]
fn keep_all_unknown_in_json_lines_keeps_each_rows_own_fields() {
    let input = b"{\"as_of\":\"2026-03-28\",\"id\":1,\"batch\":\"x\"}\n{\"as_of\":\"2026-03-28\",\"ref\":[1,2]}\n";
    let (status, out, _) = batch(input, &["--keep-all-unknown"]);
    assert_eq!(status, 0);
    let rows = lines(&out);
    assert!(
        rows[0].starts_with(r#"{"line":1,"id":1,"batch":"x","as_of":"2026-03-28","readings":"#),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with(r#"{"line":2,"ref":[1,2],"as_of":"2026-03-28","readings":"#),
        "{}",
        rows[1]
    );
}

#[test]
fn an_unknown_column_named_as_an_output_column_is_not_kept() {
    let (status, out, _) = batch(
        b"{\"as_of\":\"2026-03-28\",\"verdicts\":1}\n",
        &["--keep-all-unknown"],
    );
    assert_eq!(status, 1);
    assert_eq!(
        out,
        "{\"line\":1,\"error\":\"the field `verdicts` is not a fact and cannot be kept: the output has a field `verdicts` of its own; rename it\"}\n"
    );
}

#[test]
fn a_kept_column_no_row_has_is_a_diagnostic_with_did_you_mean() {
    let input = b"{\"id\":\"a1\",\"as_of\":\"2026-03-28\"}\n";
    let (status, _, err) = batch(input, &["--keep", "id", "--keep", "idd"]);
    assert_eq!(status, 1);
    assert!(err.contains("provisio::batch::keep_unknown"), "{err}");
    assert!(
        err.contains("the scenarios have no column `idd` to keep"),
        "{err}"
    );
    assert!(err.contains("--keep:1:8"), "{err}");
    assert!(err.contains("not a column of the input"), "{err}");
    assert!(err.contains("help: did you mean `id`?"), "{err}");
    // The same from a CSV header.
    let (status, _, err) = batch(
        b"id,as_of\r\na1,2026-03-28\r\n",
        &["--input-format", "csv", "--keep", "ID"],
    );
    assert_eq!(status, 1);
    assert!(
        err.contains("the scenarios have no column `ID` to keep"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `id`?"), "{err}");
}

#[test]
fn an_output_file_is_left_as_it_was_when_a_kept_column_is_missing() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("rows.jsonl");
    std::fs::write(&out, "before\n").expect("writes");
    let status = provisio()
        .args([
            "batch",
            POLICY,
            "--scenarios",
            "-",
            "--keep",
            "nope",
            "--out",
        ])
        .arg(&out)
        .write_stdin("{\"as_of\":\"2026-03-28\"}\n")
        .output()
        .expect("runs")
        .status;
    assert_eq!(status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&out).expect("reads"), "before\n");
}

#[test]
fn a_kept_column_may_not_collide_with_an_output_column() {
    for name in [
        "line",
        "moratorium_in_force",
        "expiry_date.status",
        "reading.scope",
    ] {
        let (status, out, err) = batch(b"{}\n", &["--keep", name]);
        let err = words(&err);
        assert_eq!(status, 1, "{name}");
        assert_eq!(out, "");
        if name.starts_with("reading.") {
            assert!(err.contains("names no column that can be kept"), "{err}");
        } else {
            assert!(err.contains("provisio::batch::keep_collides"), "{err}");
            assert!(
                err.contains(&format!(
                    "the column `{name}` cannot be kept: the output has a column `{name}` of its own"
                )),
                "{err}"
            );
            assert!(err.contains("help: rename the input column"), "{err}");
        }
    }
}

#[test]
fn keep_all_unknown_cannot_write_csv_from_json_lines() {
    let (status, out, err) = batch(b"{}\n", &["--keep-all-unknown", "--output-format", "csv"]);
    assert_eq!(status, 1);
    assert_eq!(out, "");
    assert!(
        err.contains("`--keep-all-unknown` cannot write CSV from JSON Lines"),
        "{err}"
    );
    assert!(
        err.contains("help: name the columns to keep with `--keep COLUMN`"),
        "{err}"
    );
}

#[test]
fn full_rows_state_the_date_the_readings_and_each_status() {
    let input =
        format!("{{\"as_of\":\"2026-03-28\",{SESSION}}}\n{{\"as_of\":\"2024-01-01\"}}\n{{}}\n");
    let (status, out, _) = batch(input.as_bytes(), &["--at", "2025-06-30"]);
    assert_eq!(status, 0);
    assert_eq!(
        lines(&out),
        [
            r#"{"line":1,"as_of":"2026-03-28","readings":{"mc14_reference":"opening","expiry_boundary":"exclusive","scope":"transmission_and_content"},"verdicts":{"moratorium_in_force":false,"work_programme_active":false,"expiry_date":"2026-03-26","measure_status":null,"general_council_reviews_required":false},"status":{"moratorium_in_force":"determined","work_programme_active":"determined","expiry_date":"determined","measure_status":"undetermined","general_council_reviews_required":"determined"}}"#,
            r#"{"line":2,"as_of":"2024-01-01","readings":{"mc14_reference":"opening","expiry_boundary":"exclusive","scope":"transmission_and_content"},"verdicts":{"moratorium_in_force":null,"work_programme_active":null,"expiry_date":null,"measure_status":null,"general_council_reviews_required":null},"status":{"moratorium_in_force":"not_in_force","work_programme_active":"not_in_force","expiry_date":"not_in_force","measure_status":"not_in_force","general_council_reviews_required":"not_in_force"}}"#,
            r#"{"line":3,"as_of":"2025-06-30","readings":{"mc14_reference":"opening","expiry_boundary":"exclusive","scope":"transmission_and_content"},"verdicts":{"moratorium_in_force":null,"work_programme_active":null,"expiry_date":null,"measure_status":null,"general_council_reviews_required":null},"status":{"moratorium_in_force":"undetermined","work_programme_active":"undetermined","expiry_date":"undetermined","measure_status":"undetermined","general_council_reviews_required":"undetermined"}}"#,
        ]
    );
    let (status, out, _) = batch(
        input.as_bytes(),
        &["--at", "2025-06-30", "--output-format", "csv"],
    );
    assert_eq!(status, 0);
    assert_eq!(
        lines(&out),
        [
            "line,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,work_programme_active,work_programme_active.status,expiry_date,expiry_date.status,measure_status,measure_status.status,general_council_reviews_required,general_council_reviews_required.status",
            "1,,2026-03-28,opening,exclusive,transmission_and_content,false,determined,false,determined,2026-03-26,determined,,undetermined,false,determined",
            "2,,2024-01-01,opening,exclusive,transmission_and_content,,not_in_force,,not_in_force,,not_in_force,,not_in_force,,not_in_force",
            "3,,2025-06-30,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined",
        ]
    );
}

#[test]
fn a_row_chooses_its_readings_and_wins_over_the_command_line() {
    let input = format!(
        "{{\"as_of\":\"2026-03-28\",{SESSION},\"reading.mc14_reference\":\"closing\"}}\n{{\"as_of\":\"2026-03-28\",{SESSION}}}\n"
    );
    let (status, out, _) = batch(
        input.as_bytes(),
        &[
            "--reading",
            "mc14_reference=opening",
            "--output-format",
            "csv",
        ],
    );
    assert_eq!(status, 0);
    let rows = lines(&out);
    assert_eq!(
        rows[1],
        "1,,2026-03-28,closing,exclusive,transmission_and_content,true,determined,true,determined,2026-03-30,determined,,undetermined,true,determined"
    );
    assert_eq!(
        rows[2],
        "2,,2026-03-28,opening,exclusive,transmission_and_content,false,determined,false,determined,2026-03-26,determined,,undetermined,false,determined"
    );
    // A reading column of a CSV input; an empty cell leaves the batch's reading.
    let csv = b"as_of,mc14.opening,mc14.closing,reading.mc14_reference\n2026-03-28,2026-03-26,2026-03-30,closing\n2026-03-28,2026-03-26,2026-03-30,\n";
    let (status, out, _) = batch(csv, &["--input-format", "csv", "--output-format", "csv"]);
    assert_eq!(status, 0);
    assert_eq!(
        lines(&out)[1..],
        [
            "2,,2026-03-28,closing,exclusive,transmission_and_content,true,determined,true,determined,2026-03-30,determined,,undetermined,true,determined",
            "3,,2026-03-28,opening,exclusive,transmission_and_content,false,determined,false,determined,2026-03-26,determined,,undetermined,false,determined"
        ]
    );
}

#[test]
fn a_bad_reading_cell_makes_an_error_row_with_did_you_mean() {
    let input = b"{\"id\":\"r1\",\"reading.mc14_reference\":\"closin\"}\n{\"id\":\"r2\",\"reading.mc14_referense\":\"closing\"}\n{\"id\":\"r3\",\"reading.scope\":3}\n";
    let (status, out, _) = batch(input, &["--keep", "id"]);
    assert_eq!(status, 1);
    assert_eq!(
        lines(&out),
        [
            r#"{"line":1,"id":"r1","error":"`reading.mc14_reference`: reading `mc14_reference` has no alternative `closin`; its alternatives are opening, closing (did you mean `closing`?)"}"#,
            r#"{"line":2,"id":"r2","error":"`reading.mc14_referense`: the policy has no reading `mc14_referense` (did you mean `mc14_reference`?)"}"#,
            r#"{"line":3,"id":"r3","error":"`reading.scope` is 3, not the name of an alternative"}"#,
        ]
    );
    let csv = b"id,reading.mc14_reference\r\nr1,closin\r\n";
    let (status, out, _) = batch(csv, CSV_KEEP_ID);
    assert_eq!(status, 1);
    assert_eq!(
        lines(&out)[1],
        "2,r1,\"`reading.mc14_reference`: reading `mc14_reference` has no alternative `closin`; its alternatives are opening, closing (did you mean `closing`?)\",,,,,,,,,,,,,,"
    );
}

#[test]
fn line_numbers_hold_with_crlf_and_blank_lines_in_json_lines() {
    let input = b"{\"id\":1,\"as_of\":\"2026-03-28\"}\r\n\r\n{\"id\":3,\"as_of\":\"2026-03-28\"}\r\n{\"id\":4,\"as_of\":\"2026-03-2\"}\r\n";
    let (status, out, _) = batch(input, &["--keep", "id", "--output-format", "csv"]);
    assert_eq!(status, 1);
    let rows = lines(&out);
    assert_eq!(
        rows[1],
        "1,1,,2026-03-28,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined"
    );
    assert_eq!(rows[2], "2,,an empty line holds no facts,,,,,,,,,,,,,,");
    assert_eq!(
        rows[3],
        "3,3,,2026-03-28,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined"
    );
    assert!(rows[4].starts_with("4,4,"), "{}", rows[4]);
    assert_eq!(rows.len(), 5);
}

#[test]
fn line_numbers_hold_with_crlf_and_blank_lines_in_csv() {
    let input = b"id,as_of\r\n\r\n1,2026-03-28\r\n\r\n\r\n2,2026-03-2\r\n3,\"2026-03-28\r\n\"\r\n4,2026-03-28\r\n";
    let (status, out, _) = batch(input, CSV_KEEP_ID);
    assert_eq!(status, 1);
    let rows = lines(&out);
    assert_eq!(
        rows[1],
        "3,1,,2026-03-28,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined"
    );
    assert!(rows[2].starts_with("6,2,"), "{}", rows[2]);
    assert!(rows[3].starts_with("7,3,"), "{}", rows[3]);
    assert_eq!(
        rows[4],
        "9,4,,2026-03-28,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined"
    );
    assert_eq!(rows.len(), 5);
}

#[test]
fn an_undetermined_verdict_gives_its_fact_paths_and_residual_as_eval_does() {
    let input = b"{\"as_of\":\"2026-03-28\"}\n";
    let (status, out, _) = batch(input, &["--depends-on", "--residual"]);
    assert_eq!(status, 0);
    let row: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    // `eval --format json` on the same facts gives the same.
    let dir = tempfile::tempdir().expect("temporary folder");
    let facts = dir.path().join("facts.json");
    std::fs::write(&facts, "{\"as_of\":\"2026-03-28\"}").expect("writes");
    let eval = provisio()
        .args(["eval", POLICY, "--format", "json", "--facts"])
        .arg(&facts)
        .output()
        .expect("runs");
    let eval: serde_json::Value = serde_json::from_slice(&eval.stdout).expect("JSON");
    for name in ["moratorium_in_force", "expiry_date", "measure_status"] {
        assert_eq!(
            row["depends_on"][name], eval["verdicts"][name]["depends_on"],
            "{name}"
        );
        assert_eq!(
            row["residual"][name], eval["verdicts"][name]["residual"],
            "{name}"
        );
    }
    assert_eq!(
        row["residual"]["expiry_date"],
        "earliest(mc14.opening, 2026-03-31)"
    );
    let (status, out, _) = batch(
        input,
        &["--depends-on", "--residual", "--output-format", "csv"],
    );
    assert_eq!(status, 0);
    let rows = lines(&out);
    assert!(
        rows[0].starts_with("line,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,moratorium_in_force.depends_on,moratorium_in_force.residual,work_programme_active,"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("1,,2026-03-28,opening,exclusive,transmission_and_content,,undetermined,mc14.opening,mc14.opening after 2026-03-28,"),
        "{}",
        rows[1]
    );
    assert!(
        rows[1].contains(",mc14.opening measure.kind measure.levied_on,"),
        "{}",
        rows[1]
    );
    // A determined verdict names nothing.
    let (_, out, _) = batch(
        format!("{{\"as_of\":\"2026-03-28\",{SESSION}}}\n").as_bytes(),
        &["--depends-on"],
    );
    assert!(
        out.contains(r#""depends_on":{"measure_status":["measure.kind","measure.levied_on"]}"#),
        "{out}"
    );
}

#[test]
fn all_readings_gives_agreement_and_outcomes_per_verdict() {
    let input = format!(
        "{{\"as_of\":\"2026-03-28\",{SESSION}}}\n{{\"as_of\":\"2026-03-28\",{SESSION},\"reading.mc14_reference\":\"closing\"}}\n"
    );
    let fixed = [
        "--all-readings",
        "--reading",
        "scope=transmission_and_content",
        "--reading",
        "expiry_boundary=exclusive",
    ];
    let (status, out, _) = batch(input.as_bytes(), &fixed);
    assert_eq!(status, 0);
    let rows: Vec<serde_json::Value> = lines(&out)
        .iter()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(
        rows[0]["all_readings"]["expiry_date"],
        serde_json::json!({"agree": false, "outcomes": [
            {"readings": {"mc14_reference": "opening"}, "value": "2026-03-26", "status": "determined"},
            {"readings": {"mc14_reference": "closing"}, "value": "2026-03-30", "status": "determined"},
        ]})
    );
    // A reading the row chooses is not varied.
    assert_eq!(
        rows[1]["all_readings"]["expiry_date"],
        serde_json::json!({"agree": true, "outcomes": [
            {"readings": {}, "value": "2026-03-30", "status": "determined"},
        ]})
    );
    let mut csv = fixed.to_vec();
    csv.extend(["--output-format", "csv"]);
    let (status, out, _) = batch(input.as_bytes(), &csv);
    assert_eq!(status, 0);
    let rows = lines(&out);
    assert!(
        rows[0].starts_with(
            "line,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,moratorium_in_force.agree,moratorium_in_force.outcomes,"
        ),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with(r#"1,,2026-03-28,opening,exclusive,transmission_and_content,false,determined,false,"[{""readings"":{""mc14_reference"":""opening""},""value"":false,""status"":""determined""},"#),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with(
            "2,,2026-03-28,closing,exclusive,transmission_and_content,true,determined,true,"
        ),
        "{}",
        rows[2]
    );
}

#[test]
fn a_kept_column_is_missing_only_when_the_input_has_a_row_or_a_header() {
    // An empty input has no columns to miss.
    let (status, out, _) = batch(b"", &["--keep", "id"]);
    assert_eq!((status, out.as_str()), (0, ""));
    // A CSV header alone names its columns.
    let (status, out, _) = batch(b"id,as_of\r\n", CSV_KEEP_ID);
    assert_eq!(status, 0);
    assert_eq!(
        out,
        "line,id,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,work_programme_active,work_programme_active.status,expiry_date,expiry_date.status,measure_status,measure_status.status,general_council_reviews_required,general_council_reviews_required.status\n"
    );
    let (status, _, err) = batch(b"idx,as_of\r\n", &["--input-format", "csv", "--keep", "id"]);
    assert_eq!(status, 1);
    assert!(
        err.contains("the scenarios have no column `id` to keep"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `idx`?"), "{err}");
}

/// The summary counts at most 32 distinct values of a verdict one by one;
/// the rows whose value came later are counted together, so that a verdict
/// with a value per row neither floods stderr nor slows each row down.
#[test]
fn the_summary_counts_32_values_of_a_verdict_and_the_other_rows_together() {
    let first = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("a date");
    let input: String = (0..40)
        .map(|i| {
            let day = first + chrono::Days::new(i);
            format!(
                "{{\"as_of\":\"2025-10-01\",\"mc14\":{{\"opening\":\"{day}\",\"closing\":\"{day}\"}}}}\n"
            )
        })
        .collect();
    let (status, _, err) = batch(input.as_bytes(), &[]);
    assert_eq!(status, 0, "{err}");
    let line = err
        .lines()
        .find(|l| l.trim_start().starts_with("expiry_date:"))
        .unwrap_or_else(|| panic!("no expiry_date line in {err}"));
    assert_eq!(line.matches(": 1,").count(), 32, "{line}");
    assert!(line.ends_with(", other values: 8"), "{line}");
}
