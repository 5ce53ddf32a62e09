//! Amendments: `amends "base.policy"` and `from DATE ... end` blocks that
//! replace, repeal and insert provisions and change a parameter's history.
//! Before a block's date the amended policy answers as its base does; from
//! it, as amended. Fixtures are in `tests/fixtures/amendments/`; every run
//! happens in the crate's folder, so paths in messages are relative.

#[path = "common/cli.rs"]
mod cli;

use std::path::Path;

use cli::{codes, provisio, rendered, stdout_of};
use provisio::check::load_policy;
use provisio::diagnostic::Problems;

const DIR: &str = "tests/fixtures/amendments";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// The value of every verdict on a date, as `name = value` lines.
fn values(policy: &str, facts: &str, at: &str) -> String {
    let out = stdout_of(&[
        "eval",
        &fixture(policy),
        "--facts",
        &fixture(facts),
        "--at",
        at,
        "--explain",
        "none",
    ]);
    out.lines()
        .filter(|l| l.starts_with("  ") && l.contains(" = "))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks a fixture, which must fail, from the crate's folder.
fn problems_of(name: &str) -> Problems {
    cli::problems_of(&fixture(name))
}

// ---------------------------------------------------------------------------
// Evaluation before, on and after the dates
// ---------------------------------------------------------------------------

#[test]
fn before_the_first_block_the_amended_policy_answers_as_the_base() {
    for day in ["2024-06-30", "2026-06-01", "2026-12-31"] {
        assert_eq!(
            values("amendment.policy", "resident.json", day),
            values("base.policy", "resident.json", day),
            "on {day}"
        );
    }
    assert_eq!(
        values("amendment.policy", "resident.json", "2026-12-31"),
        "levy = USD 900.00\nrelieved = false"
    );
}

#[test]
fn on_and_after_a_blocks_date_the_replaced_and_inserted_provisions_apply() {
    // 12 per cent of 20,000 - 10,000 (the replaced s1 resets the threshold).
    assert_eq!(
        values("amendment.policy", "resident.json", "2027-01-01"),
        "levy = USD 1200.00\nrelieved = false"
    );
    // The inserted s1a exempts a student.
    assert_eq!(
        values("amendment.policy", "student.json", "2027-01-01"),
        "levy = USD 0.00\nrelieved = false"
    );
}

#[test]
fn a_changed_parameter_takes_its_new_value_from_its_date() {
    assert_eq!(
        values("amendment.policy", "resident.json", "2027-12-31"),
        "levy = USD 1200.00\nrelieved = false"
    );
    assert_eq!(
        values("amendment.policy", "resident.json", "2028-01-01"),
        "levy = USD 960.00\nrelieved = false"
    );
}

#[test]
fn a_repealed_provision_is_gone_from_its_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).expect("the crate's folder");
    let model = load_policy(Path::new(&fixture("amendment.policy")))
        .expect("checks")
        .model;
    let names = |day: &str| -> Vec<String> {
        let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a date");
        model
            .version_on(date)
            .provisions
            .iter()
            .map(|p| p.name.clone())
            .collect()
    };
    assert_eq!(names("2026-12-31"), ["s1", "s2", "s3"]);
    // Inserted after s1, where the text puts it.
    assert_eq!(names("2027-01-01"), ["s1", "s1a", "s2", "s3"]);
    assert_eq!(names("2028-01-01"), ["s1", "s1a", "s2"]);
    let dates: Vec<String> = model
        .amendment_dates()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(dates, ["2027-01-01", "2028-01-01"]);
}

#[test]
fn the_in_force_line_follows_the_version() {
    let before = stdout_of(&[
        "eval",
        &fixture("amendment.policy"),
        "--facts",
        &fixture("resident.json"),
        "--at",
        "2027-06-30",
        "--explain",
        "none",
    ]);
    assert!(before.contains("In force: s1, s1a, s2, s3\n"), "{before}");
    assert!(before.contains(
        "As amended: s1 replaced by LAA/2026 from 1 January 2027; s1a inserted by LAA/2026 from 1 January 2027\n"
    ));
}

#[test]
fn an_amendment_of_an_amended_policy_applies_on_top_of_it() {
    let facts = "student-24.json";
    assert_eq!(
        values("second.policy", "resident.json", "2026-12-31"),
        values("base.policy", "resident.json", "2026-12-31")
    );
    // LAA/2026's s1a: every student is exempt.
    assert_eq!(
        values("second.policy", facts, "2028-06-30"),
        "levy = USD 0.00\nrelieved = false"
    );
    // LAA/2028's s1a: a student under 25 (the facts say 24).
    assert_eq!(
        values("second.policy", facts, "2029-01-01"),
        "levy = USD 0.00\nrelieved = false"
    );
    let out = stdout_of(&[
        "eval",
        &fixture("second.policy"),
        "--facts",
        &fixture("resident.json"),
        "--at",
        "2029-01-01",
    ]);
    assert!(
        out.contains("[s1a, as inserted by LAA/2026 from 1 January 2027, then replaced by LAA/2028 from 1 January 2029: \"A student under 25 pays no levy\"]"),
        "{out}"
    );
}

#[test]
fn a_value_given_to_a_definition_is_given_in_every_version() {
    // `s2.relieved` is the base's third definition and the amended text's
    // fourth: it is found by its name on each date.
    for (day, levy) in [("2026-06-30", "USD 900.00"), ("2028-06-30", "USD 960.00")] {
        let out = stdout_of(&[
            "eval",
            &fixture("amendment.policy"),
            "--facts",
            &fixture("resident.json"),
            "--at",
            day,
            "--given",
            "s2.relieved=true",
            "--explain",
            "none",
        ]);
        assert!(
            out.contains("Given, in place of their rules: s2.relieved = true\n"),
            "{out}"
        );
        assert!(out.contains(&format!("  levy = {levy}\n")), "{out}");
        assert!(out.contains("  relieved = true\n"), "{out}");
    }
}

// ---------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------

#[test]
fn explanations_quote_the_text_in_force_and_name_the_amending_instrument() {
    let out = stdout_of(&[
        "eval",
        &fixture("amendment.policy"),
        "--facts",
        &fixture("resident.json"),
        "--at",
        "2028-01-01",
    ]);
    insta::assert_snapshot!("amended_2028", out);
    assert!(out.contains(
        "[s1, as replaced by LAA/2026 from 1 January 2027, then with threshold changed by LAA/2026 from 1 January 2028: \"12 per cent of income\"]"
    ));
    assert!(out.contains(
        "[s1a, as inserted by LAA/2026 from 1 January 2027: \"A student pays no levy\"]"
    ));
    // A provision the amendment left alone is cited as the base wrote it.
    assert!(out.contains("[s2: \"No levy is due\"]"));
    let before = stdout_of(&[
        "eval",
        &fixture("amendment.policy"),
        "--facts",
        &fixture("resident.json"),
        "--at",
        "2026-12-31",
    ]);
    assert!(
        before.contains("[s1: \"10 per cent of income\"]"),
        "{before}"
    );
    assert!(!before.contains("As amended"));
}

#[test]
fn the_json_names_the_changes_in_force_and_each_cited_provisions() {
    let out = stdout_of(&[
        "eval",
        &fixture("amendment.policy"),
        "--facts",
        &fixture("resident.json"),
        "--at",
        "2028-01-01",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        json["amendments"],
        serde_json::json!([
            {"provision": "s1", "change": "replaced", "by": "LAA/2026", "from": "2027-01-01"},
            {"provision": "s1a", "change": "inserted", "by": "LAA/2026", "from": "2027-01-01"},
            {"provision": "s1", "change": "parameter_changed", "by": "LAA/2026", "from": "2028-01-01", "parameter": "threshold"},
            {"provision": "s3", "change": "repealed", "by": "LAA/2026", "from": "2028-01-01"}
        ])
    );
    let explanation = &json["verdicts"]["levy"]["explanation"];
    assert_eq!(explanation["version"], 8);
    assert_eq!(
        explanation["provisions"]["s1"]["text"],
        "A resident pays 12 per cent of income above the threshold."
    );
    assert_eq!(
        explanation["provisions"]["s1a"]["amended"],
        serde_json::json!([{"provision": "s1a", "change": "inserted", "by": "LAA/2026", "from": "2027-01-01"}])
    );
    let relieved = &json["verdicts"]["relieved"]["explanation"]["provisions"]["s2"];
    assert!(relieved.get("amended").is_none(), "{relieved}");
    // Before the first block: no change in force, and the base's text.
    let before = stdout_of(&[
        "eval",
        &fixture("amendment.policy"),
        "--facts",
        &fixture("resident.json"),
        "--at",
        "2026-12-31",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&before).expect("JSON");
    assert_eq!(json["amendments"], serde_json::json!([]));
    assert_eq!(
        json["verdicts"]["levy"]["explanation"]["provisions"]["s1"]["text"],
        "A resident pays 10 per cent of income above the threshold."
    );
}

#[test]
fn an_unamended_policys_json_has_no_amendments_key() {
    let out = stdout_of(&[
        "eval",
        &fixture("base.policy"),
        "--facts",
        &fixture("resident.json"),
        "--at",
        "2028-01-01",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(json.get("amendments").is_none());
}

#[test]
fn the_markdown_says_what_is_amended() {
    let out = stdout_of(&[
        "eval",
        &fixture("amendment.policy"),
        "--facts",
        &fixture("resident.json"),
        "--at",
        "2027-01-01",
        "--format",
        "markdown",
    ]);
    assert!(
        out.contains("\nAs amended: s1 replaced by LAA/2026 from 1 January 2027; s1a inserted by LAA/2026 from 1 January 2027.\n"),
        "{out}"
    );
}

// ---------------------------------------------------------------------------
// Timelines
// ---------------------------------------------------------------------------

#[test]
fn a_timeline_changes_on_the_amendment_dates() {
    let out = stdout_of(&[
        "timeline",
        &fixture("amendment.policy"),
        "--facts",
        &fixture("resident.json"),
        "--from",
        "2026-06-01",
        "--to",
        "2028-06-30",
    ]);
    assert_eq!(
        out,
        "Levy Act (LA/2024)\n\
         From 1 June 2026 to 30 June 2028\n\n\
         Facts\n  \
         income = USD 20000.00\n  \
         resident = true\n  \
         student = false, by default: not given\n\n\
         levy: The levy due is …\n  \
         1 June 2026 to 31 December 2026: USD 900.00\n  \
         1 January 2027 to 31 December 2027: USD 1200.00\n  \
         1 January 2028 to 30 June 2028: USD 960.00\n  \
         Changes:\n    \
         USD 900.00 until 31 December 2026; USD 1200.00 from 1 January 2027\n    \
         USD 1200.00 until 31 December 2027; USD 960.00 from 1 January 2028\n\n\
         relieved: The taxpayer is relieved\n  \
         1 June 2026 to 30 June 2028: false\n"
    );
}

#[test]
fn a_timeline_that_ends_before_the_amendments_is_the_bases() {
    let args = |policy: &str| {
        stdout_of(&[
            "timeline",
            &fixture(policy),
            "--facts",
            &fixture("resident.json"),
            "--from",
            "2025-01-01",
            "--to",
            "2026-12-31",
            "--format",
            "json",
        ])
    };
    // The amendment declares one more fact (`student`, false by default),
    // which the timeline states; the verdicts are the base's.
    let (amended, base) = (args("amendment.policy"), args("base.policy"));
    let json = |text: &str| serde_json::from_str::<serde_json::Value>(text).expect("JSON");
    let (amended, base) = (json(&amended), json(&base));
    for key in ["verdicts", "changes", "readings", "events"] {
        assert_eq!(amended[key], base[key], "{key}");
    }
    assert_eq!(amended["facts"]["student"], false);
}

// ---------------------------------------------------------------------------
// Batches and scenarios
// ---------------------------------------------------------------------------

#[test]
fn a_batch_evaluates_each_row_on_its_own_date_under_the_version_in_force() {
    let rows = "{\"as_of\":\"2026-12-31\",\"income\":\"USD 20000\",\"resident\":true}\n\
                {\"as_of\":\"2027-01-01\",\"income\":\"USD 20000\",\"resident\":true}\n\
                {\"as_of\":\"2028-01-01\",\"income\":\"USD 20000\",\"resident\":true}\n";
    for explain in [false, true] {
        let mut args = vec![
            "batch",
            "tests/fixtures/amendments/amendment.policy",
            "--scenarios",
            "-",
            "--input-format",
            "jsonl",
        ];
        if explain {
            args.push("--explain");
        }
        let output = provisio()
            .args(&args)
            .write_stdin(rows)
            .output()
            .expect("provisio runs");
        assert_eq!(output.status.code(), Some(0));
        let out = String::from_utf8(output.stdout).expect("UTF-8");
        let levies: Vec<String> = out
            .lines()
            .map(|l| {
                let json: serde_json::Value = serde_json::from_str(l).expect("a JSON row");
                json["verdicts"]["levy"].as_str().unwrap_or("").to_string()
            })
            .collect();
        assert_eq!(
            levies,
            ["USD 900.00", "USD 1200.00", "USD 960.00"],
            "explain: {explain}"
        );
    }
}

#[test]
fn the_bundled_amendment_passes_its_scenarios() {
    let out = stdout_of(&["test", "rules/us-corporate-tax/amended-2027"]);
    assert!(out.contains("9 passed, 0 failed"), "{out}");
}

// ---------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------

#[test]
fn changes_of_what_the_base_does_not_have_are_reported_with_did_you_mean() {
    let problems = problems_of("unknown_targets.policy");
    assert_eq!(
        codes(&problems),
        [
            "provisio::amends_unknown_provision",
            "provisio::amends_unknown_provision",
            "provisio::provision_exists",
            "provisio::amends_unknown_provision",
            "provisio::amends_unknown_parameter",
            "provisio::parameter_change_before_block",
            "provisio::amendment_out_of_order",
            "provisio::amendment_out_of_order",
            "provisio::amendment_before_base",
        ]
    );
    insta::assert_snapshot!("unknown_targets", rendered(&problems));
}

#[test]
fn a_date_that_is_no_date_and_a_repeated_date_are_reported() {
    let problems = problems_of("block_dates.policy");
    assert_eq!(
        codes(&problems),
        [
            "provisio::invalid_date",
            "provisio::repeated_amendment_date"
        ]
    );
    insta::assert_snapshot!("block_dates", rendered(&problems));
}

#[test]
fn a_rule_that_still_uses_a_repealed_provision_is_reported_in_the_base() {
    let problems = problems_of("repeal_used.policy");
    assert_eq!(codes(&problems), ["provisio::uses_repealed"]);
    let text = rendered(&problems);
    assert!(
        text.contains("╭─[tests/fixtures/amendments/base.policy:35:20]"),
        "{text}"
    );
    insta::assert_snapshot!("repeal_used", text);
}

#[test]
fn a_changed_verdict_type_names_the_rule_and_the_verdicts_declaration() {
    let problems = problems_of("verdict_type.policy");
    assert_eq!(codes(&problems), ["provisio::verdict_type_changed"]);
    assert_eq!(
        problems.items[0].message,
        "the amendment changes `s2.relieved` from true or false to an amount in USD, which the verdict `relieved` (declared at tests/fixtures/amendments/base.policy:35) cannot follow"
    );
    insta::assert_snapshot!("verdict_type", rendered(&problems));
}

#[test]
fn a_parameter_change_of_the_wrong_type_is_reported_in_the_amendment() {
    let problems = problems_of("parameter_type.policy");
    assert_eq!(codes(&problems), ["provisio::type_mismatch"]);
    insta::assert_snapshot!("parameter_type", rendered(&problems));
}

#[test]
fn a_missing_base_a_broken_base_and_a_circle_are_reported_at_amends() {
    let missing = problems_of("missing_base.policy");
    assert_eq!(codes(&missing), ["provisio::amends_not_found"]);
    insta::assert_snapshot!("missing_base", rendered(&missing));
    let broken = problems_of("broken_base.policy");
    assert_eq!(
        codes(&broken),
        ["provisio::cycle", "provisio::broken_amends"]
    );
    insta::assert_snapshot!("broken_base", rendered(&broken));
    let circle = problems_of("circle.policy");
    assert_eq!(codes(&circle), ["provisio::cycle"]);
    insta::assert_snapshot!("circle", rendered(&circle));
}

#[test]
fn provisions_and_verdicts_outside_a_block_are_reported() {
    let problems = problems_of("outside_block.policy");
    assert_eq!(
        codes(&problems),
        [
            "provisio::empty_amendment",
            "provisio::provision_outside_block",
            "provisio::verdict_in_amendment"
        ]
    );
    insta::assert_snapshot!("outside_block", rendered(&problems));
}

#[test]
fn using_an_amended_policy_is_reported_at_the_use() {
    let problems = problems_of("uses_amended.policy");
    assert_eq!(codes(&problems), ["provisio::unsupported_use"]);
    assert_eq!(
        problems.items[0].message,
        "`amendment.policy` amends another policy, and cannot be used"
    );
}

#[test]
fn a_syntax_error_in_a_block_is_a_syntax_diagnostic() {
    let problems = common_problems(
        "instrument \"A\" adopted 2026-01-01\namends \"base.policy\"\nfrom 2027-01-01\n  repeal s3\nend\n",
    );
    assert!(problems.starts_with("provisio::syntax"), "{problems}");
    assert!(problems.contains("expected `provision`"), "{problems}");
}

#[test]
fn the_bad_fixtures_never_panic_and_fail_the_cli_with_status_1() {
    for name in [
        "unknown_targets.policy",
        "block_dates.policy",
        "repeal_used.policy",
        "verdict_type.policy",
        "parameter_type.policy",
        "missing_base.policy",
        "broken_base.policy",
        "circle.policy",
        "outside_block.policy",
        "uses_amended.policy",
    ] {
        let output = provisio()
            .args(["check", &fixture(name)])
            .output()
            .expect("provisio runs");
        assert_eq!(output.status.code(), Some(1), "{name}");
    }
}

/// The rendered problems of a policy given as text, named as a file of the
/// fixtures' folder so that `amends` finds its base.
fn common_problems(text: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).expect("the crate's folder");
    let source = provisio::span::SourceFile::new(fixture("inline.policy"), text);
    match provisio::check::check_source(&source) {
        Ok(_) => panic!("checked without problems"),
        Err(problems) => rendered(&problems),
    }
}

#[test]
fn from_the_last_block_the_amended_policy_answers_as_its_consolidated_text() {
    let json = |policy: &str, at: &str| -> serde_json::Value {
        let out = stdout_of(&[
            "eval",
            &fixture(policy),
            "--facts",
            &fixture("student.json"),
            "--at",
            at,
            "--format",
            "json",
        ]);
        let mut json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        // What only an amendment says: the changes, at the top and per provision.
        if let Some(top) = json.as_object_mut() {
            top.remove("amendments");
        }
        for verdict in ["levy", "relieved"] {
            if let Some(provisions) =
                json["verdicts"][verdict]["explanation"]["provisions"].as_object_mut()
            {
                for provision in provisions.values_mut() {
                    if let Some(p) = provision.as_object_mut() {
                        p.remove("amended");
                    }
                }
            }
        }
        json
    };
    for at in ["2028-01-01", "2030-06-30"] {
        assert_eq!(
            json("amendment.policy", at),
            json("consolidated.policy", at),
            "on {at}"
        );
    }
}

#[test]
fn an_amendment_declares_the_readings_its_new_rules_need() {
    let relieved = |at: &str, reading: &str| {
        let out = stdout_of(&[
            "eval",
            &fixture("reading.policy"),
            "--facts",
            &fixture("non-resident.json"),
            "--at",
            at,
            "--reading",
            reading,
            "--explain",
            "none",
        ]);
        out.lines()
            .find(|l| l.trim_start().starts_with("relieved = "))
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    assert_eq!(
        relieved("2027-06-30", "residence=declared"),
        "relieved = true"
    );
    assert_eq!(
        relieved("2027-06-30", "residence=never"),
        "relieved = false"
    );
    // Before the block, the base's rule, which reads no reading.
    assert_eq!(relieved("2026-06-30", "residence=never"), "relieved = true");
}
