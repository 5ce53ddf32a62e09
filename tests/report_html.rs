//! `provisio report`: the HTML report of the bundled decision, as golden
//! snapshots for the moratorium in force, not in force, before the
//! decision's adoption, undetermined (no facts), and under every reading.
//!
//! The timeline's picture is the library's own (`render::svg`), which has
//! tests of its own: each snapshot checks that the page holds exactly that
//! picture, then stands it in with a marker, so that these snapshots are of
//! the report's own markup.

#[path = "common/cli.rs"]
mod cli;

use std::path::Path;

use cli::stdout_of;
use provisio::eval::Readings;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const DURING: &str = "rules/wto/facts/during-mc14.json";

/// The picture `provisio timeline --format svg` draws for the 30 days
/// either side of a date, under the default readings.
fn picture(facts: Option<&str>, at: &str) -> String {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("the crate's folder");
    let model = provisio::check::load_policy(Path::new(POLICY))
        .expect("the decision checks")
        .model;
    let facts = match facts {
        Some(path) => provisio::facts::load_facts(&model, Path::new(path)).expect("facts load"),
        None => provisio::facts::Facts::without_file(&model).expect("no facts needed"),
    };
    let at = chrono::NaiveDate::parse_from_str(at, "%Y-%m-%d").expect("a date");
    let days = chrono::Days::new(30);
    let from = at.checked_sub_days(days).expect("a date");
    let to = at.checked_add_days(days).expect("a date");
    let readings = Readings::defaults(&model);
    let line = provisio::timeline::timeline(&model, &facts, &readings, from, to);
    provisio::render::svg::render(&model, &line, provisio::locale::Lang::En)
}

/// The report with the picture checked and stood in with a marker.
fn report(args: &[&str], facts: Option<&str>, at: &str) -> String {
    let html = stdout_of(args);
    let svg = picture(facts, at);
    // The page's <svg> tag gains a role and a label; the rest is the picture.
    let start = svg.find("<svg").expect("the picture is an <svg> element");
    let body = &svg[start + "<svg".len()..];
    assert!(
        html.contains(body),
        "the report embeds the timeline's picture as `provisio timeline --format svg` draws it"
    );
    let start = html.find("<svg").expect("an <svg> element");
    let end = html.find("</svg>").expect("the <svg> element ends") + "</svg>".len();
    assert_eq!(html.matches("<svg").count(), 1, "one picture");
    format!(
        "{}<svg><!-- the timeline's picture, render::svg::render --></svg>{}",
        &html[..start],
        &html[end..]
    )
}

#[test]
fn moratorium_in_force() {
    let html = report(
        &["report", POLICY, "--facts", DURING, "--at", "2026-03-15"],
        Some(DURING),
        "2026-03-15",
    );
    insta::assert_snapshot!(html);
}

#[test]
fn moratorium_not_in_force() {
    // The facts' own date, 28 March 2026: the Session opened on the 26th.
    let html = report(
        &["report", POLICY, "--facts", DURING],
        Some(DURING),
        "2026-03-28",
    );
    insta::assert_snapshot!(html);
}

#[test]
fn before_adoption() {
    let html = report(
        &["report", POLICY, "--facts", DURING, "--at", "2024-01-10"],
        Some(DURING),
        "2024-01-10",
    );
    insta::assert_snapshot!(html);
}

#[test]
fn undetermined_without_facts() {
    let html = report(
        &["report", POLICY, "--at", "2026-03-15"],
        None,
        "2026-03-15",
    );
    insta::assert_snapshot!(html);
}

#[test]
fn every_reading() {
    let html = report(
        &[
            "report",
            POLICY,
            "--facts",
            DURING,
            "--at",
            "2026-03-27",
            "--all-readings",
        ],
        Some(DURING),
        "2026-03-27",
    );
    insta::assert_snapshot!(html);
}
