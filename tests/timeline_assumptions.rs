//! Timelines that show their assumptions: what each output states (the
//! readings, the facts, the events), lanes in the verdict's words with a
//! legend, changes said from both sides of their line, undetermined
//! stretches that say on the picture what they depend on, the Session as a
//! band, a dated axis at any range, `--compare-readings`, ranges of facts
//! as `at_least`/`at_most`, the day an error arose on, and bad input.

#[path = "common/cli.rs"]
mod cli;

use cli::output;
use serde_json::{Value as Json, json};

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const YAOUNDE: &str = "rules/wto/facts/mc14-yaounde.json";

/// `provisio timeline POLICY ARGS`, expected to succeed: its stdout.
fn timeline(args: &[&str]) -> String {
    let mut all = vec!["timeline", POLICY];
    all.extend_from_slice(args);
    let (status, stdout, stderr) = output(&all);
    assert_eq!(status, 0, "{stderr}");
    stdout
}

fn timeline_json(args: &[&str]) -> Json {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&timeline(&all)).expect("JSON")
}

/// The words written on a picture, one entry per `<text>` element (its
/// `<tspan>`s joined), leaving out the titles shown only on hovering.
fn written(svg: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(svg).expect("the SVG parses as XML");
    document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.children()
                .filter(|c| !c.has_tag_name("title"))
                // A text node's text, or a <tspan>'s.
                .map(|c| c.text().unwrap_or_default().to_string())
                .collect::<String>()
        })
        .collect()
}

/// A temporary file with the given text, kept while the test runs.
fn temporary(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("written");
    let path = path.to_str().expect("a UTF-8 path").to_string();
    (dir, path)
}

#[test]
fn text_json_and_svg_state_the_readings_and_facts_they_were_drawn_for() {
    let args = [
        "--facts",
        YAOUNDE,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--reading",
        "mc14_reference=closing",
    ];
    let text = timeline(&args);
    assert!(
        text.starts_with(
            "Work Programme on Electronic Commerce: Ministerial Decision (WT/MIN(24)/38)\n\
             From 1 January 2026 to 31 December 2026\n\n\
             Readings\n  \
             mc14_reference  = closing (chosen): the day the Session closes\n  \
             expiry_boundary = exclusive (default): the moratorium no longer holds on the expiry date itself\n  \
             scope           = transmission_and_content (default): the transmission and the content it carries are both covered\n\n\
             Facts\n  \
             mc14.opening = 26 March 2026\n  \
             mc14.closing = 30 March 2026\n  \
             measure.kind = customs duty\n  \
             measure.levied_on = electronic transmission\n\n\
             Events\n  \
             the 14th Session of the Ministerial Conference (mc14): 26 March 2026 to 30 March 2026\n\n"
        ),
        "{text}"
    );
    let json = timeline_json(&args);
    assert_eq!(
        json["readings"]["mc14_reference"],
        json!({"alternative": "closing", "chosen": true})
    );
    assert_eq!(
        json["readings"]["scope"],
        json!({"alternative": "transmission_and_content", "chosen": false})
    );
    assert_eq!(
        json["facts"],
        json!({
            "mc14.opening": "2026-03-26",
            "mc14.closing": "2026-03-30",
            "measure.kind": "customs_duty",
            "measure.levied_on": "electronic_transmission",
        })
    );
    assert_eq!(json["not_given"], json!([]));
    let mut svg_args = args.to_vec();
    svg_args.extend(["--format", "svg"]);
    let words = written(&timeline(&svg_args));
    for line in [
        "Reading: mc14_reference = closing (chosen): the day the Session closes",
        "Reading: expiry_boundary = exclusive (default): the moratorium no longer holds on the expiry date itself",
        "Facts: mc14.opening = 26 March 2026; mc14.closing = 30 March 2026; measure.kind = customs duty; measure.levied_on = electronic transmission",
    ] {
        assert!(words.iter().any(|w| w == line), "{line} in {words:?}");
    }
}

#[test]
fn facts_not_given_and_known_within_a_range_are_stated() {
    let (_dir, facts) = temporary("range.json", r#"{"mc14": {"opening": "2026"}}"#);
    let text = timeline(&[
        "--facts",
        &facts,
        "--from",
        "2025-12-01",
        "--to",
        "2026-05-01",
    ]);
    assert!(
        text.contains(
            "Facts\n  mc14.opening not known, between 1 January 2026 and 31 December 2026\n  not given: mc14.closing, measure\n\nmoratorium_in_force"
        ),
        "{text}"
    );
    let json = timeline_json(&[
        "--facts",
        &facts,
        "--from",
        "2025-12-01",
        "--to",
        "2026-05-01",
    ]);
    assert_eq!(
        json["facts"],
        json!({"mc14.opening": {"at_least": "2026-01-01", "at_most": "2026-12-31"}})
    );
    assert_eq!(json["not_given"], json!(["mc14.closing", "measure"]));
    // No event band: the Session's dates are not known.
    assert_eq!(json["events"], json!([]));
}

#[test]
fn the_opening_and_closing_readings_draw_different_pictures() {
    let picture = |reading: &str| {
        timeline(&[
            "--facts",
            YAOUNDE,
            "--from",
            "2024-03-02",
            "--to",
            "2027-12-31",
            "--reading",
            reading,
            "--format",
            "svg",
        ])
    };
    let opening = picture("mc14_reference=opening");
    let closing = picture("mc14_reference=closing");
    let (open_words, close_words) = (written(&opening), written(&closing));
    let has = |words: &[String], text: &str| words.iter().any(|w| w == text);
    // Each says its reading...
    assert!(has(
        &open_words,
        "Reading: mc14_reference = opening (chosen): the day the Session opens"
    ));
    assert!(has(
        &close_words,
        "Reading: mc14_reference = closing (chosen): the day the Session closes"
    ));
    // ... and each change says which side of its line each day is on.
    assert!(has(&open_words, "is in force until 25 March 2026"));
    assert!(has(&open_words, "is not in force from 26 March 2026"));
    assert!(has(&close_words, "is in force until 29 March 2026"));
    assert!(has(&close_words, "is not in force from 30 March 2026"));
    assert!(!has(&close_words, "is in force until 25 March 2026"));
    // The line of the change stands four days later under the closing day.
    let line_x = |svg: &str| {
        svg.lines()
            .find(|l| {
                l.starts_with("<line")
                    && l.contains(r##"stroke="#222" stroke-width="2""##)
                    && !l.contains(r#"x1="37.0""#)
            })
            .and_then(|l| {
                l.split("x1=\"")
                    .nth(1)?
                    .split('"')
                    .next()?
                    .parse::<f64>()
                    .ok()
            })
            .expect("a change's line")
    };
    let days = (chrono::NaiveDate::from_ymd_opt(2027, 12, 31).expect("a day")
        - chrono::NaiveDate::from_ymd_opt(2024, 3, 2).expect("a day"))
    .num_days() as f64
        + 1.0;
    let four_days = 4.0 * 1000.0 / days;
    assert!(
        (line_x(&closing) - line_x(&opening) - four_days).abs() < 0.2,
        "{} {}",
        line_x(&opening),
        line_x(&closing)
    );
}

#[test]
fn every_change_is_said_from_both_sides_in_text_and_json() {
    let args = [
        "--facts",
        YAOUNDE,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ];
    let text = timeline(&args);
    assert!(text.contains(
        "measure_status: Under paragraph 5, the measure is …\n  \
         1 January 2026 to 25 March 2026: prohibited\n  \
         26 March 2026 to 31 December 2026: permitted\n  \
         Changes:\n    \
         prohibited until 25 March 2026; permitted from 26 March 2026\n"
    ));
    let json = timeline_json(&args);
    assert_eq!(
        json["changes"]["moratorium_in_force"],
        json!([{
            "last_day": "2026-03-25",
            "first_day": "2026-03-26",
            "before": "is in force",
            "after": "is not in force",
            "words": "is in force until 25 March 2026; is not in force from 26 March 2026",
        }])
    );
    assert_eq!(json["changes"]["expiry_date"], json!([]));
    // Before the decision, its verdicts do not apply; the change says so
    // in words that cannot be read as the moratorium's value.
    let before = timeline_json(&[
        "--facts",
        YAOUNDE,
        "--from",
        "2024-02-25",
        "--to",
        "2024-03-05",
    ]);
    assert_eq!(
        before["changes"]["moratorium_in_force"][0]["words"],
        "does not apply until 1 March 2024; is in force from 2 March 2024"
    );
}

#[test]
fn lanes_are_titled_with_the_verdicts_words_and_a_legend_says_every_status() {
    let svg = timeline(&[
        "--facts",
        YAOUNDE,
        "--from",
        "2024-03-02",
        "--to",
        "2027-12-31",
        "--format",
        "svg",
    ]);
    let words = written(&svg);
    for title in [
        "The moratorium on customs duties on electronic transmissions is in force  (moratorium_in_force)",
        "The Work Programme on Electronic Commerce is active  (work_programme_active)",
        "The moratorium and the Work Programme expire on …  (expiry_date)",
        "Under paragraph 5, the measure is …  (measure_status)",
        "The General Council is required to hold periodic reviews on the Work Programme  (general_council_reviews_required)",
    ] {
        assert!(words.iter().any(|w| w == title), "{title} in {words:?}");
    }
    for entry in [
        "true",
        "false",
        "undetermined: the facts do not settle it",
        "not in force: the verdict does not apply",
        "error: could not be evaluated",
        "other values: named on the band or under it",
        "an event's days",
    ] {
        assert!(words.iter().any(|w| w == entry), "{entry} in {words:?}");
    }
    // No status is told by colour alone: each has its pattern.
    for pattern in ["false", "undetermined", "not-in-force", "error", "event"] {
        assert!(
            svg.contains(&format!("<pattern id=\"{pattern}\"")),
            "{pattern}"
        );
    }
    assert!(svg.contains(r#"fill="url(#false)""#));
}

#[test]
fn undetermined_stretches_say_on_the_picture_what_they_depend_on() {
    let svg = timeline(&[
        "--from",
        "2026-03-01",
        "--to",
        "2026-04-30",
        "--format",
        "svg",
    ]);
    let words = written(&svg);
    assert!(
        words
            .iter()
            .any(|w| w == "undetermined: depends on mc14.opening")
    );
    // Too long for its band: written under it.
    assert!(
        words
            .iter()
            .any(|w| w == "undetermined: depends on mc14.opening, measure.kind, measure.levied_on"),
        "{words:?}"
    );
}

#[test]
fn the_session_is_a_band_across_the_lanes_when_its_dates_are_known() {
    let svg = timeline(&[
        "--facts",
        YAOUNDE,
        "--from",
        "2026-03-20",
        "--to",
        "2026-03-29",
        "--format",
        "svg",
    ]);
    // Ten days of 100 pixels from x = 30: the Session from 26 March runs
    // to the end of the range.
    let band = svg
        .lines()
        .find(|l| l.contains(r#"fill="url(#event)""#) && l.contains("<title>"))
        .expect("the Session's band");
    assert!(band.starts_with(r#"<rect x="630.0" "#), "{band}");
    assert!(band.contains(r#"width="400.0""#), "{band}");
    assert!(written(&svg).iter().any(|w| w
        == "the 14th Session of the Ministerial Conference (mc14): 26 March 2026 to 30 March 2026"));
    let unknown = timeline(&[
        "--from",
        "2026-03-20",
        "--to",
        "2026-03-29",
        "--format",
        "svg",
    ]);
    assert!(!unknown.contains(r#"fill="url(#event)""#));
}

#[test]
fn the_axis_is_dated_at_any_range() {
    let labels =
        |from: &str, to: &str| written(&timeline(&["--from", from, "--to", to, "--format", "svg"]));
    // Ten days: each day, and its month.
    let ten = labels("2026-03-20", "2026-03-29");
    for day in 20..=29 {
        assert!(ten.contains(&day.to_string()), "{day} in {ten:?}");
    }
    assert!(ten.contains(&String::from("March 2026")));
    // Two months: every fifth day, and both months.
    let two = labels("2026-03-01", "2026-04-30");
    for day in ["1", "6", "11", "16", "21", "26"] {
        assert_eq!(
            two.iter().filter(|w| *w == day).count(),
            2,
            "{day} in {two:?}"
        );
    }
    assert!(two.contains(&String::from("March 2026")));
    assert!(two.contains(&String::from("April 2026")));
    // Thirty years: each year.
    let thirty = labels("1998-01-01", "2027-12-31");
    for year in 1998..=2027 {
        assert!(thirty.contains(&year.to_string()), "{year} in {thirty:?}");
    }
}

#[test]
fn compare_readings_draws_one_lane_per_combination_of_the_readings_that_change_a_verdict() {
    let args = [
        "--facts",
        YAOUNDE,
        "--from",
        "2026-03-01",
        "--to",
        "2026-04-30",
        "--compare-readings",
    ];
    let json = timeline_json(&args);
    assert_eq!(
        json["compared"],
        json!(["mc14_reference", "expiry_boundary"])
    );
    assert_eq!(
        json["readings"]["mc14_reference"],
        json!({"compared": ["opening", "closing"]})
    );
    assert_eq!(
        json["readings"]["scope"],
        json!({"alternative": "transmission_and_content", "chosen": false})
    );
    let lanes = &json["verdicts"]["moratorium_in_force"]["lanes"];
    let last_days: Vec<(Json, Json)> = lanes
        .as_array()
        .expect("lanes")
        .iter()
        .map(|l| (l["readings"].clone(), l["intervals"][0]["to"].clone()))
        .collect();
    assert_eq!(
        last_days,
        [
            (
                json!({"mc14_reference": "opening", "expiry_boundary": "exclusive"}),
                json!("2026-03-25")
            ),
            (
                json!({"mc14_reference": "opening", "expiry_boundary": "inclusive"}),
                json!("2026-03-26")
            ),
            (
                json!({"mc14_reference": "closing", "expiry_boundary": "exclusive"}),
                json!("2026-03-29")
            ),
            (
                json!({"mc14_reference": "closing", "expiry_boundary": "inclusive"}),
                json!("2026-03-30")
            ),
        ]
    );
    // The expiry date does not depend on the boundary: two lanes.
    assert_eq!(
        json["verdicts"]["expiry_date"]["readings"],
        json!(["mc14_reference"])
    );
    assert_eq!(
        json["verdicts"]["expiry_date"]["lanes"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let text = timeline(&args);
    assert!(text.contains(
        "expiry_date: The moratorium and the Work Programme expire on …\n  \
         under mc14_reference = opening\n    \
         1 March 2026 to 30 April 2026: 26 March 2026\n  \
         under mc14_reference = closing\n    \
         1 March 2026 to 30 April 2026: 30 March 2026\n"
    ));
    assert!(
        text.contains(
            "  mc14_reference  = compared: opening, closing, each in a lane of its own\n"
        )
    );
    let mut svg_args = args.to_vec();
    svg_args.extend(["--format", "svg"]);
    let words = written(&timeline(&svg_args));
    let under = |label: &str| words.iter().filter(|w| *w == label).count();
    // Four verdicts depend on both readings.
    assert_eq!(
        under("under mc14_reference = closing, expiry_boundary = inclusive"),
        4
    );
    assert_eq!(under("under mc14_reference = closing"), 1);
    assert!(words.iter().any(
        |w| w == "Reading compared: expiry_boundary, one lane for each of exclusive, inclusive"
    ));
}

#[test]
fn a_reading_that_changes_only_some_verdicts_is_varied_only_for_them() {
    let (_dir, facts) = temporary(
        "content.json",
        r#"{"mc14": {"opening": "2026-03-26", "closing": "2026-03-30"},
            "measure": {"kind": "customs_duty", "levied_on": "transmitted_content"}}"#,
    );
    let json = timeline_json(&[
        "--facts",
        &facts,
        "--from",
        "2026-03-01",
        "--to",
        "2026-04-30",
        "--compare-readings",
    ]);
    assert_eq!(
        json["compared"],
        json!(["mc14_reference", "expiry_boundary", "scope"])
    );
    assert_eq!(
        json["verdicts"]["measure_status"]["readings"],
        json!(["mc14_reference", "expiry_boundary", "scope"])
    );
    assert_eq!(
        json["verdicts"]["measure_status"]["lanes"]
            .as_array()
            .map(Vec::len),
        Some(8)
    );
    assert_eq!(
        json["verdicts"]["moratorium_in_force"]["lanes"]
            .as_array()
            .map(Vec::len),
        Some(4)
    );
    // A reading fixed with --reading is held, and said to be chosen.
    let fixed = timeline_json(&[
        "--facts",
        &facts,
        "--from",
        "2026-03-01",
        "--to",
        "2026-04-30",
        "--compare-readings",
        "--reading",
        "scope=transmission_only",
    ]);
    assert_eq!(
        fixed["compared"],
        json!(["mc14_reference", "expiry_boundary"])
    );
    assert_eq!(
        fixed["readings"]["scope"],
        json!({"alternative": "transmission_only", "chosen": true})
    );
}

#[test]
fn with_every_reading_fixed_nothing_is_compared() {
    let text = timeline(&[
        "--facts",
        YAOUNDE,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--compare-readings",
        "--reading",
        "mc14_reference=closing",
        "--reading",
        "expiry_boundary=inclusive",
        "--reading",
        "scope=transmission_only",
    ]);
    assert!(
        text.contains("\nNo reading changes a verdict over this range.\n"),
        "{text}"
    );
    assert!(text.contains(
        "expiry_date: The moratorium and the Work Programme expire on …\n  \
         the same under every reading compared\n    \
         1 March 2026 to 31 March 2026: 30 March 2026\n"
    ));
}

#[test]
fn a_range_of_a_fact_gives_at_least_and_at_most() {
    let (_dir, facts) = temporary("range.json", r#"{"mc14": {"opening": "2026"}}"#);
    let json = timeline_json(&[
        "--facts",
        &facts,
        "--from",
        "2025-12-01",
        "--to",
        "2026-05-01",
    ]);
    // The value on every day of the interval lies in the range.
    assert_eq!(
        json["verdicts"]["expiry_date"],
        json!([{
            "from": "2025-12-01",
            "to": "2026-05-01",
            "value": null,
            "status": "undetermined",
            "depends_on": ["mc14.opening"],
            "depends_on_ranges": {"mc14.opening": {"at_least": "2026-01-01", "at_most": "2026-12-31"}},
            "at_least": "2026-01-01",
            "at_most": "2026-03-31",
        }])
    );
    // The change from in force to not in force comes on a day the facts
    // leave open, between two known days.
    let changes = json["changes"]["moratorium_in_force"]
        .as_array()
        .expect("changes");
    assert_eq!(
        changes.last(),
        Some(&json!({
            "at_least": "2026-01-01",
            "at_most": "2026-03-31",
            "before": "is in force",
            "after": "is not in force",
            "words": "is in force until a day between 31 December 2025 and 30 March 2026; is not in force from a day between 1 January 2026 and 31 March 2026",
        }))
    );
    // Without the range, only what the policy's cap says is known.
    let unknown = timeline_json(&["--from", "2025-12-01", "--to", "2026-05-01"]);
    assert_eq!(
        unknown["verdicts"]["expiry_date"][0]["at_most"],
        "2026-03-31"
    );
    assert!(
        unknown["verdicts"]["expiry_date"][0]
            .get("at_least")
            .is_none()
    );
    assert!(
        unknown["verdicts"]["expiry_date"][0]
            .get("depends_on_ranges")
            .is_none()
    );
    // The text and the picture say the open change too.
    let text = timeline(&[
        "--facts",
        &facts,
        "--from",
        "2025-12-01",
        "--to",
        "2026-05-01",
    ]);
    assert!(text.contains(
        "    is in force until a day between 31 December 2025 and 30 March 2026; is not in force from a day between 1 January 2026 and 31 March 2026\n"
    ));
    let svg = timeline(&[
        "--facts",
        &facts,
        "--from",
        "2025-12-01",
        "--to",
        "2026-05-01",
        "--format",
        "svg",
    ]);
    assert!(
        written(&svg)
            .iter()
            .any(|w| w == "is not in force from a day between 1 January 2026 and 31 March 2026")
    );
}

#[test]
fn an_error_on_one_day_names_that_day() {
    let (_dir, policy) = temporary(
        "one_day.policy",
        r#"instrument "A levy" adopted 2024-01-01
fact parts "the parts": integer
provision art1 "Shares"
  text "Each part bears an equal share of 600 on the first of the month."
  define share "the share of each part" =
    if day_of(as_of) = 1 then 600 / parts else 0
    cites "Each part bears an equal share of 600"
verdict share = art1.share says "Each part bears {value}."
"#,
    );
    let (_facts_dir, facts) = temporary("zero.json", r#"{"parts": 0}"#);
    let args = [
        "timeline",
        &policy,
        "--facts",
        &facts,
        "--from",
        "2025-02-27",
        "--to",
        "2025-03-03",
    ];
    let (status, text, stderr) = output(&args);
    assert_eq!(status, 3, "{stderr}");
    assert!(
        text.contains(
            "  on 1 March 2025: error: provisio::division_by_zero\n    on 1 March 2025: in provision art1, rule share: division by zero\n"
        ),
        "{text}"
    );
    assert!(
        stderr.contains("division by zero (on 1 March 2025)"),
        "{stderr}"
    );
    assert!(stderr.contains("one_day.policy:6:"), "{stderr}");
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (status, json, _) = output(&json_args);
    assert_eq!(status, 3);
    let json: Json = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["verdicts"]["share"][1]["error"]["day"], "2025-03-01");
    assert_eq!(json["verdicts"]["share"][1]["from"], "2025-03-01");
    let mut svg_args = args.to_vec();
    svg_args.extend(["--format", "svg"]);
    let (_, svg, _) = output(&svg_args);
    assert!(
        written(&svg)
            .iter()
            .any(|w| w == "error on 1 March 2025: provisio::division_by_zero")
    );
}

#[test]
fn too_many_readings_to_compare_is_a_diagnostic() {
    let mut policy = String::from("instrument \"Seven choices\" adopted 2024-01-01\n");
    for n in 0..7 {
        policy.push_str(&format!(
            "reading r{n} \"choice {n}\"\n  a{n} (default) \"the first\"\n  b{n} \"the second\"\n"
        ));
    }
    policy.push_str("provision p \"All\"\n  text \"Seven choices.\"\n");
    for n in 0..7 {
        policy.push_str(&format!(
            "  define v{n} \"value {n}\" = if reading r{n} is a{n} then 1 else 2\n"
        ));
    }
    for n in 0..7 {
        policy.push_str(&format!("verdict v{n} = p.v{n}\n"));
    }
    let (_dir, path) = temporary("seven.policy", &policy);
    let (status, stdout, stderr) = output(&[
        "timeline",
        &path,
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-03",
        "--compare-readings",
    ]);
    assert_eq!(status, 1, "{stdout}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("provisio::too_many_readings"), "{stderr}");
    assert!(
        stderr.contains("the readings that change a verdict over this range (r0, r1, r2, r3, r4, r5, r6) make 128"),
        "{stderr}"
    );
    assert!(
        stderr.contains("more than the 64 a comparison draws"),
        "{stderr}"
    );
    assert!(stderr.contains("seven.policy:2:9]"), "{stderr}");
    assert!(
        stderr.contains("── one of the readings that change a verdict"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "help: fix some of them with --reading (such as --reading r0=a0), or shorten the range"
        ),
        "{stderr}"
    );
    // Six fit.
    let (status, _, stderr) = output(&[
        "timeline",
        &path,
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-03",
        "--compare-readings",
        "--reading",
        "r6=b6",
    ]);
    assert_eq!(status, 0, "{stderr}");
}

#[test]
fn the_picture_stands_alone() {
    for args in [
        vec![
            "--facts",
            YAOUNDE,
            "--from",
            "2024-03-02",
            "--to",
            "2027-12-31",
            "--format",
            "svg",
        ],
        vec![
            "--from",
            "2026-03-01",
            "--to",
            "2026-04-30",
            "--compare-readings",
            "--format",
            "svg",
        ],
    ] {
        let svg = timeline(&args);
        let document = roxmltree::Document::parse(&svg).expect("XML");
        let root = document.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        for attribute in ["width", "height", "viewBox"] {
            assert!(root.attribute(attribute).is_some(), "{attribute}");
        }
        for outside in ["<script", "href", "@import", "<image", "<foreignObject"] {
            assert!(!svg.contains(outside), "{outside}");
        }
        // Everything is drawn inside the picture's width.
        let width: f64 = root
            .attribute("width")
            .and_then(|w| w.parse().ok())
            .expect("a width");
        for node in document.descendants().filter(|n| n.has_tag_name("text")) {
            let x: f64 = node
                .attribute("x")
                .and_then(|x| x.parse().ok())
                .expect("an x");
            assert!((0.0..=width).contains(&x), "{x}");
        }
    }
}

#[test]
fn a_value_that_changes_every_day_leaves_notes_out_of_the_picture_and_says_so() {
    let (_dir, policy) = temporary(
        "daily.policy",
        r#"instrument "Daily" adopted 2000-01-01
fact deadline "the deadline": date
provision p "Count"
  text "The days left."
  define left "the days left" = days_between(as_of, deadline)
    cites "The days left."
verdict left = p.left says "There are {value} days left."
"#,
    );
    let (_facts_dir, facts) = temporary("deadline.json", r#"{"deadline": "2001-01-01"}"#);
    let args = [
        "timeline",
        &policy,
        "--facts",
        &facts,
        "--from",
        "2000-01-01",
        "--to",
        "2000-04-09",
    ];
    let (status, text, stderr) = output(&args);
    assert_eq!(status, 0, "{stderr}");
    // The text gives all 99 changes.
    assert_eq!(text.matches(" from ").count(), 99, "{text}");
    let mut svg_args = args.to_vec();
    svg_args.extend(["--format", "svg"]);
    let (_, svg, _) = output(&svg_args);
    let words = written(&svg);
    assert!(
        words.iter().any(|w| w
            == "… and 59 more notes on this lane, left out: the text and JSON outputs give every change"),
        "{words:?}"
    );
    // One band a day, each with its words in its title.
    assert_eq!(svg.matches("</title></rect>").count(), 100);
}

#[test]
fn a_search_for_the_readings_that_matter_stops_at_its_budget_with_a_diagnostic() {
    let alternatives: Vec<String> = (0..300)
        .map(|n| {
            let default = if n == 0 { " (default)" } else { "" };
            format!("  a{n}{default} \"alternative {n}\"\n")
        })
        .collect();
    let policy = format!(
        "instrument \"Many\" adopted 2024-01-01\nreading r \"a choice of many\"\n{}\
         provision p \"One\"\n  text \"One.\"\n  define v \"the value\" = if reading r is a0 then 1 else 1\n\
         verdict v = p.v\n",
        alternatives.concat()
    );
    let (_dir, path) = temporary("many.policy", &policy);
    let (status, stdout, stderr) = output(&[
        "timeline",
        &path,
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-03",
        "--compare-readings",
    ]);
    assert_eq!(status, 1, "{stdout}");
    assert!(stderr.contains("provisio::too_many_readings"), "{stderr}");
    assert!(
        stderr.contains("takes more than 256 timelines of 3"),
        "{stderr}"
    );
    assert!(stderr.contains("many.policy:2:9]"), "{stderr}");
    assert!(
        stderr.contains("── the first of the readings tried"),
        "{stderr}"
    );
    // The reading fixed, there is nothing to search.
    let (status, _, stderr) = output(&[
        "timeline",
        &path,
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-03",
        "--compare-readings",
        "--reading",
        "r=a7",
    ]);
    assert_eq!(status, 0, "{stderr}");
}
