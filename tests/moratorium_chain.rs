//! The moratorium's chain from 1998 (`rules/wto/chain/`): a policy that
//! uses every instrument of the moratorium and answers, for any day, whether
//! it is in force, under which instrument and until when. Its timeline over
//! 1998–2027, its answers under the instruments' readings, an explanation
//! that crosses into a used instrument, and what bad input gives.

use std::path::Path;

#[path = "common/cli.rs"]
mod cli;

use cli::output;
use serde_json::Value as Json;

const POLICY: &str = "rules/wto/chain/moratorium-chain.policy";
const FACTS: &str = "rules/wto/chain/facts/yaounde-and-before.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The verdicts of `eval` on a day, without explanations, from the line
/// "Verdicts" on.
fn verdicts_on(day: &str, readings: &[&str]) -> String {
    let mut args = vec![
        "eval",
        POLICY,
        "--facts",
        FACTS,
        "--at",
        day,
        "--explain",
        "none",
    ];
    for reading in readings {
        args.extend(["--reading", reading]);
    }
    let (status, stdout, stderr) = output(&args);
    assert_eq!(status, 0, "{stderr}");
    let start = stdout.find("Verdicts\n").expect("a Verdicts section");
    stdout[start..].to_string()
}

/// The readings under which every "until the next Session" runs to the
/// Session's close, the 1998 Declaration ends at Seattle and nothing
/// carried the moratorium from Cancún to Hong Kong.
const CLOSING: [&str; 11] = [
    "geneva_1998.open_end=third_session",
    "cancun_link=not_found",
    "doha_2001.mc5_reference=closing",
    "hong_kong_2005.mc7_reference=closing",
    "geneva_2009.mc8_reference=closing",
    "geneva_2011.mc9_reference=closing",
    "bali_2013.mc10_reference=closing",
    "nairobi_2015.mc11_reference=closing",
    "general_council_2019.mc12_reference=closing",
    "geneva_2022.mc13_reference=closing",
    "abu_dhabi_2024.mc14_reference=closing",
];

#[test]
fn the_chain_uses_every_instrument_and_checks() {
    let (status, stdout, stderr) = output(&["check", POLICY]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        stdout,
        "rules/wto/chain/moratorium-chain.policy: ok (3 provisions, 27 readings, 5 verdicts, uses 11 policies)\n"
    );
}

/// A verdict's heading and intervals in a text timeline, without its changes.
fn lane<'a>(text: &'a str, name: &str) -> &'a str {
    let start = text
        .find(&format!("\n{name}: "))
        .map(|at| at + 1)
        .expect("the lane");
    let rest = &text[start..];
    let end = rest
        .find("  Changes:\n")
        .or_else(|| rest.find("\n\n").map(|at| at + 1))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn the_timeline_from_1998_to_2027_shows_the_instrument_in_force_as_bands() {
    let (status, stdout, stderr) = output(&[
        "timeline",
        POLICY,
        "--facts",
        FACTS,
        "--from",
        "1998-01-01",
        "--to",
        "2027-12-31",
    ]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        lane(&stdout, "instrument_in_force"),
        "instrument_in_force: The moratorium is kept by: …
  1 January 1998 to 19 May 1998: not yet declared
  20 May 1998 to 13 November 2001: geneva 1998
  14 November 2001 to 9 September 2003: doha 2001
  10 September 2003 to 17 December 2005: cancun 2003
  18 December 2005 to 29 November 2009: hong kong 2005
  30 November 2009 to 1 December 2009: no instrument
  2 December 2009 to 30 November 2011: geneva 2009
  1 December 2011 to 16 December 2011: undetermined; depends on mc8.opening
  17 December 2011 to 2 December 2013: geneva 2011
  3 December 2013 to 6 December 2013: no instrument
  7 December 2013 to 14 December 2015: bali 2013
  15 December 2015 to 18 December 2015: no instrument
  19 December 2015 to 9 December 2017: nairobi 2015
  10 December 2017 to 12 December 2017: no instrument
  13 December 2017 to 9 December 2019: buenos aires 2017
  10 December 2019 to 11 June 2022: general council 2019
  12 June 2022 to 16 June 2022: no instrument
  17 June 2022 to 25 February 2024: geneva 2022
  26 February 2024 to 1 March 2024: no instrument
  2 March 2024 to 25 March 2026: abu dhabi 2024
  26 March 2026 to 31 December 2027: no instrument
"
    );
    assert_eq!(
        lane(&stdout, "in_force_until"),
        "in_force_until: The instrument in force keeps the moratorium until …
  1 January 1998 to 19 May 1998: not in force
  20 May 1998 to 13 November 2001: 14 November 2001
  14 November 2001 to 9 September 2003: 10 September 2003
  10 September 2003 to 17 December 2005: 18 December 2005
  18 December 2005 to 29 November 2009: 30 November 2009
  30 November 2009 to 1 December 2009: not in force
  2 December 2009 to 30 November 2011: undetermined, between 1 December 2011 and 17 December 2011; depends on mc8.opening
  1 December 2011 to 16 December 2011: undetermined
  17 December 2011 to 2 December 2013: 3 December 2013
  3 December 2013 to 6 December 2013: not in force
  7 December 2013 to 14 December 2015: 15 December 2015
  15 December 2015 to 18 December 2015: not in force
  19 December 2015 to 9 December 2017: 10 December 2017
  10 December 2017 to 12 December 2017: not in force
  13 December 2017 to 9 December 2019: 31 December 2019
  10 December 2019 to 11 June 2022: 12 June 2022
  12 June 2022 to 16 June 2022: not in force
  17 June 2022 to 25 February 2024: 26 February 2024
  26 February 2024 to 1 March 2024: not in force
  2 March 2024 to 25 March 2026: 26 March 2026
  26 March 2026 to 31 December 2027: not in force
"
    );
}

/// Each interval of a verdict in a JSON timeline as (from, to, value).
fn bands(json: &Json, verdict: &str) -> Vec<(String, String, String)> {
    json["verdicts"][verdict]
        .as_array()
        .expect("intervals")
        .iter()
        .map(|i| {
            let value = match &i["value"] {
                Json::String(s) => s.clone(),
                Json::Null => format!("{} on {}", i["status"], i["depends_on"]),
                other => other.to_string(),
            };
            (
                i["from"].as_str().unwrap_or_default().to_string(),
                i["to"].as_str().unwrap_or_default().to_string(),
                value,
            )
        })
        .collect()
}

#[test]
fn under_the_other_readings_the_gaps_move_to_seattle_and_cancun_and_the_sessions_close_them() {
    let mut args = vec![
        "timeline",
        POLICY,
        "--facts",
        FACTS,
        "--from",
        "1998-05-20",
        "--to",
        "2027-12-31",
        "--format",
        "json",
    ];
    for reading in CLOSING {
        args.extend(["--reading", reading]);
    }
    let (status, stdout, stderr) = output(&args);
    assert_eq!(status, 0, "{stderr}");
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    let expected: Vec<(&str, &str, &str)> = vec![
        ("1998-05-20", "1999-12-02", "geneva_1998"),
        ("1999-12-03", "2001-11-13", "no_instrument"),
        ("2001-11-14", "2003-09-13", "doha_2001"),
        ("2003-09-14", "2005-12-17", "no_instrument"),
        ("2005-12-18", "2009-12-01", "hong_kong_2005"),
        ("2009-12-02", "2011-12-16", "geneva_2009"),
        ("2011-12-17", "2013-12-06", "geneva_2011"),
        ("2013-12-07", "2015-12-18", "bali_2013"),
        ("2015-12-19", "2017-12-12", "nairobi_2015"),
        ("2017-12-13", "2019-12-09", "buenos_aires_2017"),
        ("2019-12-10", "2022-06-16", "general_council_2019"),
        ("2022-06-17", "2024-03-01", "geneva_2022"),
        ("2024-03-02", "2026-03-28", "abu_dhabi_2024"),
        (
            "2026-03-29",
            "2026-03-29",
            "\"undetermined\" on [\"mc14.closing\"]",
        ),
        ("2026-03-30", "2027-12-31", "no_instrument"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .into_iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(bands(&json, "instrument_in_force"), expected);
    let in_force: Vec<(String, String, String)> = bands(&json, "moratorium_in_force");
    assert_eq!(
        in_force
            .iter()
            .filter(|(_, _, v)| v == "false")
            .map(|(a, b, _)| format!("{a} to {b}"))
            .collect::<Vec<_>>(),
        [
            "1999-12-03 to 2001-11-13",
            "2003-09-14 to 2005-12-17",
            "2026-03-30 to 2027-12-31"
        ]
    );
}

#[test]
fn the_seattle_gap_under_both_readings_of_the_1998_declaration() {
    assert_eq!(
        verdicts_on("2000-06-01", &[]),
        r#"Verdicts
  moratorium_in_force = true
    The moratorium on customs duties on electronic transmissions is in force on 1 June 2000.
  instrument_in_force = geneva 1998
    On 1 June 2000, the moratorium is kept by: geneva 1998.
  instrument_symbol = WT/MIN(98)/DEC/2
    On 1 June 2000, the symbol of the instrument that keeps the moratorium is: WT/MIN(98)/DEC/2.
  instrument_term = no end stated: "Members will continue their current practice"; its extension "will be decided by consensus" at the third session
    On 1 June 2000, the term of the instrument that keeps the moratorium: no end stated: "Members will continue their current practice"; its extension "will be decided by consensus" at the third session.
  in_force_until = 14 November 2001
    On 1 June 2000, the instrument in force keeps the moratorium until 14 November 2001.
"#
    );
    assert_eq!(
        verdicts_on("2000-06-01", &["geneva_1998.open_end=third_session"]),
        r#"Verdicts
  moratorium_in_force = false
    The moratorium on customs duties on electronic transmissions is not in force on 1 June 2000.
  instrument_in_force = no instrument
    On 1 June 2000, the moratorium is kept by: no instrument.
  instrument_symbol = none
    On 1 June 2000, the symbol of the instrument that keeps the moratorium is: none.
  instrument_term = none
    On 1 June 2000, the term of the instrument that keeps the moratorium: none.
  in_force_until = not in force
    On 1 June 2000, provision term is not in force, so this verdict does not apply.
"#
    );
}

#[test]
fn the_lapse_at_the_14th_session_under_both_readings_of_the_2024_decision() {
    assert_eq!(
        verdicts_on("2026-03-26", &[]),
        r#"Verdicts
  moratorium_in_force = false
    The moratorium on customs duties on electronic transmissions is not in force on 26 March 2026.
  instrument_in_force = no instrument
    On 26 March 2026, the moratorium is kept by: no instrument.
  instrument_symbol = none
    On 26 March 2026, the symbol of the instrument that keeps the moratorium is: none.
  instrument_term = none
    On 26 March 2026, the term of the instrument that keeps the moratorium: none.
  in_force_until = not in force
    On 26 March 2026, provision term is not in force, so this verdict does not apply.
"#
    );
    assert_eq!(
        verdicts_on("2026-03-28", &["abu_dhabi_2024.mc14_reference=closing"]),
        r#"Verdicts
  moratorium_in_force = true
    The moratorium on customs duties on electronic transmissions is in force on 28 March 2026.
  instrument_in_force = abu dhabi 2024
    On 28 March 2026, the moratorium is kept by: abu dhabi 2024.
  instrument_symbol = WT/MIN(24)/38
    On 28 March 2026, the symbol of the instrument that keeps the moratorium is: WT/MIN(24)/38.
  instrument_term = "until the 14th Session of the Ministerial Conference or 31st March 2026, whichever is earlier"
    On 28 March 2026, the term of the instrument that keeps the moratorium: "until the 14th Session of the Ministerial Conference or 31st March 2026, whichever is earlier".
  in_force_until = undetermined, between 29 March 2026 and 30 March 2026; depends on mc14.closing (between 29 March 2026 and 30 March 2026)
    On 28 March 2026, the instrument in force keeps the moratorium until an undetermined date between 29 March 2026 and 30 March 2026.
    It is the earlier of the closing day of the 14th Session of the Ministerial Conference and 31 March 2026.
"#
    );
}

#[test]
fn an_explanation_crosses_into_the_instrument_in_force_and_cites_it_by_its_symbol() {
    let (status, stdout, stderr) =
        output(&["eval", POLICY, "--facts", FACTS, "--at", "2025-01-01"]);
    assert_eq!(status, 0, "{stderr}");
    let start = stdout.find("  in_force_until = ").expect("the verdict");
    insta::assert_snapshot!("in_force_until_on_1_january_2025", &stdout[start..]);
    assert!(stdout.contains(
        "[WT/MIN(24)/38 para5: \"until the 14th Session of the Ministerial Conference\"]"
    ));
}

#[test]
fn a_day_no_instrument_covers_is_explained_instrument_by_instrument() {
    let (status, stdout, stderr) = output(&[
        "eval",
        POLICY,
        "--facts",
        FACTS,
        "--at",
        "2004-06-01",
        "--reading",
        "cancun_link=not_found",
    ]);
    assert_eq!(status, 0, "{stderr}");
    let start = stdout
        .find("  instrument_in_force = ")
        .expect("the verdict");
    let end = stdout
        .find("  instrument_symbol = ")
        .expect("the next verdict");
    insta::assert_snapshot!(
        "instrument_between_cancun_and_hong_kong",
        &stdout[start..end]
    );
}

#[test]
fn a_misspelled_reading_of_a_used_instrument_is_named_with_its_prefix() {
    let (status, stdout, stderr) = output(&[
        "eval",
        POLICY,
        "--facts",
        FACTS,
        "--at",
        "2026-03-28",
        "--reading",
        "abu_dhabi_2024.mc14_refrence=closing",
    ]);
    assert_eq!((status, stdout.as_str()), (1, ""));
    assert!(
        stderr.contains("the policy has no reading `abu_dhabi_2024.mc14_refrence`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: did you mean `abu_dhabi_2024.mc14_reference`?"),
        "{stderr}"
    );
}

#[test]
fn a_session_date_written_in_words_is_a_facts_diagnostic_at_its_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let facts = dir.path().join("bali.yaml");
    std::fs::write(&facts, "mc9:\n  opening: 3 December 2013\n").expect("written");
    let facts = facts.display().to_string();
    let (status, stdout, stderr) =
        output(&["eval", POLICY, "--facts", &facts, "--at", "2013-12-05"]);
    assert_eq!((status, stdout.as_str()), (1, ""));
    assert!(
        stderr.contains("mc9.opening: expected a date like 2026-03-31, found \"3 December 2013\""),
        "{stderr}"
    );
    assert!(stderr.contains("bali.yaml:2:12]"), "{stderr}");
}

#[test]
fn a_session_left_out_leaves_its_days_undetermined_and_says_which_fact() {
    let text = std::fs::read_to_string(root().join(FACTS)).expect("the facts");
    let without_bali: String = text
        .lines()
        .filter(|l| !l.starts_with("mc9:") && !l.contains("2013-12-0"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let facts = dir.path().join("without-bali.yaml");
    std::fs::write(&facts, without_bali).expect("written");
    let facts = facts.display().to_string();
    let (status, stdout, stderr) = output(&[
        "timeline",
        POLICY,
        "--facts",
        &facts,
        "--from",
        "2013-01-01",
        "--to",
        "2014-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(status, 0, "{stderr}");
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    let lane = bands(&json, "instrument_in_force");
    assert_eq!(
        lane,
        [
            (
                "2013-01-01",
                "2013-12-06",
                "\"undetermined\" on [\"mc9.opening\"]"
            ),
            ("2013-12-07", "2014-12-31", "bali_2013"),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
}

#[test]
fn the_svg_timeline_names_bands_too_narrow_for_their_words_beside_their_changes() {
    let (status, svg, stderr) = output(&[
        "timeline",
        POLICY,
        "--facts",
        FACTS,
        "--from",
        "1998-01-01",
        "--to",
        "2027-12-31",
        "--format",
        "svg",
    ]);
    assert_eq!(status, 0, "{stderr}");
    // The two-day band of no instrument during the Seventh Session has no
    // room for its words; the changes on each side of it name it, each
    // from its side of the line.
    assert!(
        svg.contains(">hong kong 2005 until 29 November 2009</text>"),
        "{svg}"
    );
    assert!(svg.contains(">no instrument from 30 November 2009</text>"));
    // A change too long to be written beside its line is numbered there
    // and written in full under the lane, on two lines when it must be.
    assert!(svg.contains(
        r##"font-size="11" fill="#222">1. none until 19 May 1998; no end stated: &quot;Members will continue their current practice&quot;"##
    ));
    assert!(svg.contains(r##"fill="#222">20 May 1998</text>"##));
    // The Sessions whose dates are known are bands across the lanes; the
    // 14th, whose closing the facts leave open, marks its opening day.
    assert!(svg.contains(
        "<title>the 14th Session of the Ministerial Conference (mc14): opens 26 March 2026, closing not known</title>"
    ));
    // Two neighbouring bands of a lane never share a colour, but for two
    // undetermined stretches that wait on different facts, both hatched.
    let bars: Vec<(&str, &str)> = svg
        .lines()
        .filter(|l| l.starts_with("<rect x=") && l.contains("<title>"))
        .filter(|l| !l.contains("url(#event)"))
        .filter_map(|l| {
            let y = l.split(" y=\"").nth(1)?.split('"').next()?;
            let fill = l.split("fill=\"").nth(1)?.split('"').next()?;
            Some((y, fill))
        })
        .collect();
    assert_eq!(bars.len(), 17 + 21 + 21 + 21 + 21, "{bars:?}");
    for pair in bars.windows(2) {
        if pair[0].0 == pair[1].0 && pair[0].1 != "url(#undetermined)" {
            assert_ne!(pair[0].1, pair[1].1, "{bars:?}");
        }
    }
}

#[test]
fn a_timeline_whose_bands_all_have_room_draws_as_before() {
    let (status, svg, stderr) = output(&[
        "timeline",
        "rules/wto/mc13-ecommerce.policy",
        "--facts",
        "rules/wto/facts/mc14-yaounde.json",
        "--from",
        "2024-03-02",
        "--to",
        "2027-12-31",
        "--format",
        "svg",
    ]);
    assert_eq!(status, 0, "{stderr}");
    let drawn = std::fs::read_to_string(root().join("docs/timeline.svg")).expect("the picture");
    assert_eq!(svg, drawn);
}

#[test]
fn the_term_is_quoted_where_its_words_are_at_hand_and_said_to_be_missing_where_not() {
    let (status, stdout, stderr) = output(&[
        "timeline",
        POLICY,
        "--facts",
        FACTS,
        "--from",
        "2001-11-14",
        "--to",
        "2009-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(status, 0, "{stderr}");
    let json: Json = serde_json::from_str(&stdout).expect("JSON");
    let expected: Vec<(String, String, String)> = [
        ("2001-11-14", "2003-09-09", "\"until the Fifth Session\""),
        (
            "2003-09-10",
            "2005-12-17",
            "no instrument's wording found; the practice reported as kept until Hong Kong",
        ),
        (
            "2005-12-18",
            "2009-11-29",
            "wording not at hand; reported: until the next Session",
        ),
        ("2009-11-30", "2009-12-01", "none"),
        (
            "2009-12-02",
            "2009-12-31",
            "wording not at hand; reported, in French: \"jusqu'à leur session suivante\"",
        ),
    ]
    .into_iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(bands(&json, "instrument_term"), expected);
}

/// `is not one of` says whether the value is one of those listed, not the
/// test's own value: "neither ... nor" when it is none of them.
#[test]
fn a_test_that_the_instrument_is_not_one_of_two_links_reads_as_neither_nor() {
    let line = |day: &str| {
        let (status, out, err) = output(&[
            "eval",
            POLICY,
            "--facts",
            FACTS,
            "--at",
            day,
            "--verdict",
            "moratorium_in_force",
        ]);
        assert_eq!(status, 0, "{err}");
        out.lines()
            .find(|l| l.contains("An instrument of the chain keeps the moratorium in force"))
            .map(str::trim)
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        line("2000-06-01"),
        "- An instrument of the chain keeps the moratorium in force: true, the instrument that keeps the moratorium (geneva 1998) is neither not yet declared nor no instrument. [chain: \"from one ministerial conference to the next\"]"
    );
    assert_eq!(
        line("1997-06-01"),
        "- An instrument of the chain keeps the moratorium in force: false, the instrument that keeps the moratorium (not yet declared) is not yet declared or no instrument. [chain: \"from one ministerial conference to the next\"]"
    );
}
