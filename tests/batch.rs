//! `provisio batch`: rows in order under parallelism, error rows, CSV with
//! unknown cells, standard input, and an empty input.

use std::io::Write;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use provisio::batch::{BatchOptions, InputFormat, OutputFormat, run_batch};
use serde_json::Value as Json;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";

fn model() -> provisio::model::Model {
    provisio::check::load_policy(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICY))
        .expect("checks")
        .model
}

fn batch(input: &str, options: &BatchOptions) -> (Vec<String>, provisio::batch::Summary) {
    let model = model();
    let mut output = Vec::new();
    let summary = run_batch(&model, input.as_bytes(), &mut output, options, |_| {}).expect("runs");
    let text = String::from_utf8(output).expect("UTF-8");
    (text.lines().map(str::to_string).collect(), summary)
}

#[test]
fn rows_come_out_in_input_order_across_threads_and_chunks() {
    // Alternate dates before and after the moratorium's expiry, so that each
    // row's value tells which row it is.
    let mut input = String::new();
    for i in 0..20_000 {
        let as_of = if i % 3 == 0 {
            "2026-04-01"
        } else {
            "2025-01-01"
        };
        input.push_str(&format!(
            "{{\"as_of\":\"{as_of}\",\"mc14\":{{\"opening\":\"2026-03-26\",\"closing\":\"2026-03-30\"}}}}\n"
        ));
    }
    let mut options = BatchOptions::new(InputFormat::JsonLines);
    options.chunk = 777;
    let (lines, summary) = batch(&input, &options);
    assert_eq!(lines.len(), 20_000);
    assert_eq!((summary.rows, summary.errors), (20_000, 0));
    for (i, line) in lines.iter().enumerate() {
        let row: Json = serde_json::from_str(line).expect("JSON");
        assert_eq!(row["line"], i + 1);
        assert_eq!(
            row["verdicts"]["moratorium_in_force"],
            i % 3 != 0,
            "row {}",
            i + 1
        );
    }
    let counts = &summary.values[0];
    assert_eq!(counts.0, "moratorium_in_force");
    assert_eq!(counts.1.get("false"), Some(&6_667));
    assert_eq!(counts.1.get("true"), Some(&13_333));
}

#[test]
fn a_bad_row_becomes_an_error_row_and_the_batch_goes_on() {
    let input = "{\"as_of\": \"2026-03-28\"}\nnot json\n{\"as_of\": \"31/03/2026\"}\n\n{\"mc41\": {}}\n{\"as_of\": \"2026-04-01\"}\n";
    let (lines, summary) = batch(input, &BatchOptions::new(InputFormat::JsonLines));
    assert_eq!(lines.len(), 6);
    assert_eq!((summary.rows, summary.errors), (6, 4));
    let rows: Vec<Json> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(rows[0]["verdicts"]["moratorium_in_force"], Json::Null);
    assert!(
        rows[1]["error"]
            .as_str()
            .unwrap_or_default()
            .starts_with("malformed JSON"),
        "{}",
        rows[1]
    );
    assert_eq!(
        rows[2]["error"],
        "as_of: `31/03/2026` is not a date: a date is written with a four-digit year, a two-digit month and a two-digit day"
    );
    assert_eq!(rows[3]["error"], "an empty line holds no facts");
    assert_eq!(rows[4]["error"], "unknown fact `mc41`");
    assert_eq!(rows[5]["verdicts"]["moratorium_in_force"], false);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row["line"], i + 1);
    }
}

#[test]
fn csv_cells_left_empty_are_unknown() {
    let input = "as_of,mc14.opening,mc14.closing,measure.kind,measure.levied_on\n\
                 2026-03-28,2026-03-26,2026-03-30,customs_duty,electronic_transmission\n\
                 2026-03-15,,,,\n\
                 2026-04-01,,,internal_tax,physical_goods\n";
    let mut options = BatchOptions::new(InputFormat::Csv);
    options.output = OutputFormat::Csv;
    let (lines, summary) = batch(input, &options);
    assert_eq!(
        lines,
        [
            "line,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,work_programme_active,work_programme_active.status,expiry_date,expiry_date.status,measure_status,measure_status.status,general_council_reviews_required,general_council_reviews_required.status",
            "2,,2026-03-28,opening,exclusive,transmission_and_content,false,determined,false,determined,2026-03-26,determined,permitted,determined,false,determined",
            "3,,2026-03-15,opening,exclusive,transmission_and_content,,undetermined,,undetermined,,undetermined,,undetermined,,undetermined",
            "4,,2026-04-01,opening,exclusive,transmission_and_content,false,determined,false,determined,,undetermined,outside_scope,determined,false,determined",
        ]
    );
    assert_eq!(summary.errors, 0);
}

#[test]
fn the_cli_reads_standard_input_and_fails_on_error_rows() {
    let mut child = Process::new(env!("CARGO_BIN_EXE_provisio"))
        .args(["batch", POLICY, "--scenarios", "-"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"{\"as_of\": \"2026-04-01\"}\n{\"as_of\": 5}\n")
        .expect("written");
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(stdout.lines().count(), 2);
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(stderr.starts_with("2 rows, 1 error\n"), "{stderr}");
    assert!(
        stderr.contains("  moratorium_in_force: false: 1\n"),
        "{stderr}"
    );
}

#[test]
fn an_empty_input_gives_no_rows_and_succeeds() {
    let (lines, summary) = batch("", &BatchOptions::new(InputFormat::JsonLines));
    assert!(lines.is_empty());
    assert_eq!((summary.rows, summary.errors), (0, 0));
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "batch",
            POLICY,
            "--scenarios",
            "-",
            "--output-format",
            "csv",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .write_stdin("")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "line,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,work_programme_active,work_programme_active.status,expiry_date,expiry_date.status,measure_status,measure_status.status,general_council_reviews_required,general_council_reviews_required.status\n"
    );
}

#[test]
fn rows_can_carry_their_explanations() {
    let mut options = BatchOptions::new(InputFormat::JsonLines);
    options.explain = true;
    let (lines, _) = batch(
        "{\"as_of\":\"2026-03-28\",\"mc14\":{\"opening\":\"2026-03-26\"}}\n",
        &options,
    );
    let row: Json = serde_json::from_str(&lines[0]).expect("JSON");
    assert_eq!(
        row["explanations"]["expiry_date"]["steps"][0]["quote"],
        "whichever is earlier"
    );
}

#[test]
fn the_cli_runs_a_policy_whose_facts_are_required() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("provisio-batch-required");
    std::fs::create_dir_all(&dir).expect("a folder");
    let policy = dir.join("tax.policy");
    std::fs::write(
        &policy,
        "fact income: integer\nverdict exempt = income < 1000\n",
    )
    .expect("written");
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .args([
            "batch",
            policy.to_str().expect("a path"),
            "--scenarios",
            "-",
            "--at",
            "2026-12-06",
        ])
        .write_stdin("{\"income\": 500}\n{\"income\": 5000}\n")
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "{\"line\":1,\"as_of\":\"2026-12-06\",\"readings\":{},\"verdicts\":{\"exempt\":true},\"status\":{\"exempt\":\"determined\"}}\n{\"line\":2,\"as_of\":\"2026-12-06\",\"readings\":{},\"verdicts\":{\"exempt\":false},\"status\":{\"exempt\":\"determined\"}}\n"
    );
}
