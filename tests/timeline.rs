//! `provisio timeline`: each verdict's values over a range of dates.

use assert_cmd::Command;
use serde_json::{Value as Json, json};

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const YAOUNDE: &str = "rules/wto/facts/mc14-yaounde.json";

fn run(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("provisio")
        .expect("the binary")
        .arg("timeline")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

fn timeline_json(args: &[&str]) -> Json {
    let mut all = vec![POLICY, "--format", "json"];
    all.extend_from_slice(args);
    let output = run(&all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// The (from, to, value) of each interval of a verdict.
fn intervals(json: &Json, verdict: &str) -> Vec<(String, String, Json)> {
    json["verdicts"][verdict]
        .as_array()
        .expect("intervals")
        .iter()
        .map(|i| {
            (
                i["from"].as_str().unwrap_or_default().to_string(),
                i["to"].as_str().unwrap_or_default().to_string(),
                i["value"].clone(),
            )
        })
        .collect()
}

fn span(from: &str, to: &str, value: Json) -> (String, String, Json) {
    (from.to_string(), to.to_string(), value)
}

#[test]
fn the_moratorium_ends_on_the_opening_day_by_default() {
    let json = timeline_json(&[
        "--facts",
        YAOUNDE,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]);
    assert_eq!(json["from"], "2026-01-01");
    assert_eq!(json["to"], "2026-12-31");
    assert_eq!(
        intervals(&json, "moratorium_in_force"),
        [
            span("2026-01-01", "2026-03-25", json!(true)),
            span("2026-03-26", "2026-12-31", json!(false)),
        ]
    );
    assert_eq!(
        intervals(&json, "measure_status"),
        [
            span("2026-01-01", "2026-03-25", json!("prohibited")),
            span("2026-03-26", "2026-12-31", json!("permitted")),
        ]
    );
    assert_eq!(
        intervals(&json, "expiry_date"),
        [span("2026-01-01", "2026-12-31", json!("2026-03-26"))]
    );
}

#[test]
fn under_the_closing_reading_it_ends_on_the_closing_day() {
    let json = timeline_json(&[
        "--facts",
        YAOUNDE,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--reading",
        "mc14_reference=closing",
    ]);
    assert_eq!(
        intervals(&json, "moratorium_in_force"),
        [
            span("2026-01-01", "2026-03-29", json!(true)),
            span("2026-03-30", "2026-12-31", json!(false)),
        ]
    );
}

#[test]
fn a_change_on_the_first_or_last_day_of_the_range_is_its_own_interval() {
    let starts = timeline_json(&[
        "--facts",
        YAOUNDE,
        "--from",
        "2026-03-26",
        "--to",
        "2026-03-28",
    ]);
    assert_eq!(
        intervals(&starts, "moratorium_in_force"),
        [span("2026-03-26", "2026-03-28", json!(false))]
    );
    let ends = timeline_json(&[
        "--facts",
        YAOUNDE,
        "--from",
        "2026-03-20",
        "--to",
        "2026-03-26",
    ]);
    assert_eq!(
        intervals(&ends, "moratorium_in_force"),
        [
            span("2026-03-20", "2026-03-25", json!(true)),
            span("2026-03-26", "2026-03-26", json!(false)),
        ]
    );
    let one_day = timeline_json(&[
        "--facts",
        YAOUNDE,
        "--from",
        "2026-03-25",
        "--to",
        "2026-03-25",
    ]);
    assert_eq!(
        intervals(&one_day, "moratorium_in_force"),
        [span("2026-03-25", "2026-03-25", json!(true))]
    );
}

#[test]
fn undetermined_intervals_name_what_they_depend_on() {
    let json = timeline_json(&["--from", "2026-03-01", "--to", "2026-04-30"]);
    let line = &json["verdicts"]["moratorium_in_force"];
    assert_eq!(
        intervals(&json, "moratorium_in_force"),
        [
            span("2026-03-01", "2026-03-30", Json::Null),
            span("2026-03-31", "2026-04-30", json!(false)),
        ]
    );
    assert_eq!(line[0]["status"], "undetermined");
    assert_eq!(line[0]["depends_on"], json!(["mc14.opening"]));
    assert_eq!(line[1]["status"], "determined");
    assert!(line[1].get("depends_on").is_none());
}

#[test]
fn text_and_svg_show_the_same_changes() {
    let text = run(&[
        POLICY,
        "--facts",
        YAOUNDE,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]);
    let text = String::from_utf8(text.stdout).expect("UTF-8");
    assert!(
        text.contains("moratorium_in_force: The moratorium on customs duties on electronic transmissions is in force\n  1 January 2026 to 25 March 2026: true\n  26 March 2026 to 31 December 2026: false\n  Changes:\n    is in force until 25 March 2026; is not in force from 26 March 2026\n"),
        "{text}"
    );
    let svg = run(&[
        POLICY,
        "--facts",
        YAOUNDE,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format",
        "svg",
    ]);
    let svg = String::from_utf8(svg.stdout).expect("UTF-8");
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.trim_end().ends_with("</svg>"));
    // Four verdicts change on 26 March 2026, each said from both sides of
    // its line; the fifth, the expiry date, is that day.
    assert_eq!(
        svg.matches(" from 26 March 2026</text>").count(),
        4,
        "{svg}"
    );
    assert_eq!(
        svg.matches(" until 25 March 2026</text>").count(),
        4,
        "{svg}"
    );
    assert!(svg.contains(">is in force until 25 March 2026</text>"));
    assert!(svg.contains(">is not in force from 26 March 2026</text>"));
    assert!(svg.contains(">26 March 2026</text>"));
    // The lane is titled with the verdict's words; its name follows, small.
    assert!(svg.contains(
        ">The moratorium on customs duties on electronic transmissions is in force<tspan"
    ));
    assert!(svg.contains(">  (moratorium_in_force)</tspan>"));
}

#[test]
fn a_range_that_ends_before_it_starts_is_an_error() {
    let output = run(&[POLICY, "--from", "2026-03-31", "--to", "2026-01-01"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the range starts on 2026-03-31, after it ends on 2026-01-01"),
        "{stderr}"
    );
}

#[test]
fn a_bad_date_names_its_flag() {
    let output = run(&[POLICY, "--from", "2026-02-30", "--to", "2026-03-31"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("there is no 30 February 2026"), "{stderr}");
    assert!(stderr.contains("--from"), "{stderr}");
}
