//! Golden files of timelines that show their assumptions: the SVG, the
//! text and the JSON of the bundled decision's timelines under each
//! boundary reading, over two months, ten days and thirty years, compared
//! across readings, and with an error on some days. Each SVG must also
//! parse as XML, and come out byte for byte the same when run again.

#[path = "common/cli.rs"]
mod cli;

use cli::output;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const YAOUNDE: &str = "rules/wto/facts/mc14-yaounde.json";
const LEVIES: &str = "tests/fixtures/verdict_errors/levies.policy";
const CONFLICT: &str = "tests/fixtures/verdict_errors/conflict.json";

/// Runs a timeline in each format, checks that its SVG parses as XML and
/// is the same when drawn again, and snapshots all three as `NAME_text`,
/// `NAME_json` and `NAME_svg`; returns the exit status and stderr of the
/// text run.
fn goldens(name: &str, args: &[&str]) -> (i32, String) {
    let run = |format: &str| {
        let mut all = vec!["timeline"];
        all.extend_from_slice(args);
        all.extend(["--format", format]);
        output(&all)
    };
    let (status, text, stderr) = run("text");
    let (json_status, json, _) = run("json");
    let (svg_status, svg, _) = run("svg");
    assert_eq!((status, json_status, svg_status), (status, status, status));
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert!(parsed.is_object());
    let document = roxmltree::Document::parse(&svg).expect("the SVG parses as XML");
    assert_eq!(document.root_element().tag_name().name(), "svg");
    assert_eq!(run("svg").1, svg, "the same picture when drawn again");
    insta::assert_snapshot!(format!("{name}_text"), text);
    insta::assert_snapshot!(format!("{name}_json"), json);
    insta::assert_snapshot!(format!("{name}_svg"), svg);
    (status, stderr)
}

#[test]
fn the_decision_under_the_opening_day_reading() {
    let (status, _) = goldens(
        "opening",
        &[
            POLICY,
            "--facts",
            YAOUNDE,
            "--from",
            "2024-03-02",
            "--to",
            "2027-12-31",
            "--reading",
            "mc14_reference=opening",
        ],
    );
    assert_eq!(status, 0);
}

#[test]
fn the_decision_under_the_closing_day_reading() {
    let (status, _) = goldens(
        "closing",
        &[
            POLICY,
            "--facts",
            YAOUNDE,
            "--from",
            "2024-03-02",
            "--to",
            "2027-12-31",
            "--reading",
            "mc14_reference=closing",
        ],
    );
    assert_eq!(status, 0);
}

#[test]
fn the_decision_with_the_moratorium_held_on_its_last_day() {
    let (status, _) = goldens(
        "inclusive",
        &[
            POLICY,
            "--facts",
            YAOUNDE,
            "--from",
            "2024-03-02",
            "--to",
            "2027-12-31",
            "--reading",
            "expiry_boundary=inclusive",
        ],
    );
    assert_eq!(status, 0);
}

#[test]
fn two_months_with_the_session_unknown() {
    let (status, _) = goldens(
        "two_months",
        &[POLICY, "--from", "2026-03-01", "--to", "2026-04-30"],
    );
    assert_eq!(status, 0);
}

#[test]
fn ten_days_around_the_session() {
    let (status, _) = goldens(
        "ten_days",
        &[
            POLICY,
            "--facts",
            YAOUNDE,
            "--from",
            "2026-03-20",
            "--to",
            "2026-03-29",
        ],
    );
    assert_eq!(status, 0);
}

#[test]
fn thirty_years_from_before_the_decision() {
    let (status, _) = goldens(
        "thirty_years",
        &[
            POLICY,
            "--facts",
            YAOUNDE,
            "--from",
            "1998-01-01",
            "--to",
            "2027-12-31",
        ],
    );
    assert_eq!(status, 0);
}

#[test]
fn every_combination_of_the_readings_that_change_a_verdict() {
    let (status, _) = goldens(
        "compare_readings",
        &[
            POLICY,
            "--facts",
            YAOUNDE,
            "--from",
            "2026-03-01",
            "--to",
            "2026-04-30",
            "--compare-readings",
        ],
    );
    assert_eq!(status, 0);
}

#[test]
fn errors_on_some_days() {
    let (status, stderr) = goldens(
        "error_days",
        &[
            LEVIES,
            "--facts",
            CONFLICT,
            "--from",
            "2024-12-30",
            "--to",
            "2025-01-02",
        ],
    );
    assert_eq!(status, 3);
    insta::assert_snapshot!("error_days_stderr", stderr);
}
