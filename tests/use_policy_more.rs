//! More of `use "other.policy" as name`: calls of a used policy's
//! definitions with arguments, a used policy's type given to a fact of the
//! using policy, the using policy's rules testing a used policy's reading,
//! a policy reached through two paths merged once, and paths read relative
//! to the using file wherever the command runs. Fixtures are in
//! `tests/fixtures/use_more/`; every run happens in the crate's folder
//! unless a test says otherwise, so paths in messages are relative.

#[path = "common/cli.rs"]
mod cli;

use std::path::Path;

use assert_cmd::Command;
use cli::{codes, provisio, rendered, stdout_of};
use provisio::check::load_policy;
use provisio::diagnostic::Problems;

const DIR: &str = "tests/fixtures/use_more";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Checks a fixture, which must fail, from the crate's folder.
fn problems_of(name: &str) -> Problems {
    cli::problems_of(&fixture(name))
}

#[test]
fn a_used_definition_is_called_with_arguments_and_explained_in_the_used_policy() {
    let out = stdout_of(&[
        "eval",
        &fixture("caller.policy"),
        "--facts",
        &fixture("last-day.json"),
    ]);
    insta::assert_snapshot!("caller_last_day", out);
    // The call, its argument in words, and the used rule's step under it,
    // cited with the used instrument's symbol.
    assert!(out.contains(
        "      - The claim is admissible: true, the period is open on a day, for 1 July 2024 (true) and the measure is covered, for customs duty (true). [art2: \"is admissible\"]\n\
         \x20       - The period is open on a day, for 1 July 2024: true, 1 July 2024 is on or before the last day to file (1 July 2024). [PER/1 art1: \"filed by the deadline\"]\n"
    ), "{out}");
    assert!(out.contains(
        "      - The days the claim had to spare: 0, the days left from a day to the deadline, for 1 July 2024 (0). [art2: \"filed while the period is open\"]\n\
         \x20       - The days left from a day to the deadline, for 1 July 2024: 0, 0 whole days from 1 July 2024 to the last day to file (1 July 2024). [PER/1 art1: \"counted to the deadline\"]\n"
    ), "{out}");
}

#[test]
fn a_call_of_a_used_definition_is_checked_like_a_local_one() {
    let problems = problems_of("bad_calls.policy");
    assert_eq!(
        codes(&problems),
        [
            "provisio::arity",
            "provisio::type_mismatch",
            "provisio::arity",
            "provisio::undefined_name",
            "provisio::undefined_name",
            "provisio::type_mismatch",
            "provisio::undefined_name",
            "provisio::unknown_alternative",
            "provisio::arity",
        ]
    );
    let messages: Vec<&str> = problems.items.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`per.art1.days_left` takes 1 argument, but is given 2",
            "`per.art1.open_on` takes a date as `d`, but this is a whole number",
            "`per.art1.open_on` has parameters, so it needs arguments",
            "`per.art1` has no definition `open_onn`",
            "`pre` is neither a used policy nor a provision",
            "`per.covers` takes one of customs_duty, internal_tax as `m`, but this is true or false",
            "the used policy `per` has no reading `boundry`",
            "reading `per.boundary` has no alternative `inclusiv`; its alternatives are inclusive, exclusive",
            "`per.art1.open_today` is a definition without parameters, so it takes no arguments",
        ]
    );
    insta::assert_snapshot!("bad_calls", rendered(&problems));
}

#[test]
fn a_used_definition_is_named_alone_only_when_one_provision_defines_it() {
    let problems = problems_of("ambiguous_call.policy");
    assert_eq!(
        codes(&problems),
        ["provisio::ambiguous_name", "provisio::undefined_name"]
    );
    insta::assert_snapshot!("ambiguous_call", rendered(&problems));
}

#[test]
fn a_fact_has_a_used_policys_type_and_is_shared_with_its_fact() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = load_policy(&root.join(fixture("caller.policy"))).expect("caller.policy checks");
    assert!(checked.warnings.items.is_empty(), "{:?}", checked.warnings);
    let model = checked.model;
    // One `measure` fact, of the used policy's enumeration.
    let measures: Vec<_> = model
        .facts
        .iter()
        .filter(|f| f.field.name == "measure")
        .collect();
    assert_eq!(measures.len(), 1);
    assert_eq!(
        model.type_name(&measures[0].field.ty).to_string(),
        "one of customs_duty, internal_tax"
    );
    // The facts file's value is checked against the used type's values.
    let output = provisio()
        .args([
            "eval",
            &fixture("caller.policy"),
            "--facts",
            &fixture("misspelt-measure.json"),
        ])
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("× measure: `customs_dutty` is not one of customs_duty, internal_tax"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: did you mean `customs_duty`?"),
        "{stderr}"
    );
}

#[test]
fn a_used_type_given_to_a_fact_that_the_used_policy_types_otherwise_is_a_conflict() {
    let problems = problems_of("bad_types.policy");
    assert_eq!(
        codes(&problems),
        [
            "provisio::undefined_type",
            "provisio::fact_type_conflict",
            "provisio::fact_type_conflict",
            "provisio::undefined_type",
        ]
    );
    assert_eq!(problems.error_count(), 3);
    assert_eq!(
        problems.items[0].message,
        "the used policy `per` has no type `mesure`"
    );
    insta::assert_snapshot!("bad_types", rendered(&problems));
}

#[test]
fn the_earlier_fixture_typed_by_a_used_policy_now_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = load_policy(&root.join("tests/fixtures/use_policy/fact_typed.policy"))
        .expect("fact_typed.policy checks");
    let codes: Vec<&str> = checked.warnings.items.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["provisio::unused_fact"]);
}

#[test]
fn the_users_rule_tests_a_used_reading_that_the_analyst_chooses() {
    let policy = fixture("caller.policy");
    let facts = fixture("last-day.json");
    let chosen = stdout_of(&[
        "eval",
        &policy,
        "--facts",
        &facts,
        "--reading",
        "per.boundary=exclusive",
        "--explain",
        "none",
    ]);
    assert_eq!(
        chosen,
        "Caller Decision (CAL/2), adopted 1 June 2024\n\
         As of 1 July 2024 (from the facts)\n\n\
         Readings\n  per.boundary = exclusive (chosen): the period ends the day before the last day\n\n\
         Verdicts\n  admissible = false\n    The claim is not admissible.\n  days_to_spare = 0\n    days to spare: 0\n  last_day_counts = false\n    last day counts: false\n"
    );
    // `--all-readings` varies the reading once, for the used rule and for
    // the user's test of it alike.
    let all = stdout_of(&["eval", &policy, "--facts", &facts, "--all-readings"]);
    assert_eq!(
        all,
        "Caller Decision\nAs of 1 July 2024 (from the facts), under every reading\n\n\
         The readings disagree\n\
         \x20 admissible\n    per.boundary  value\n    inclusive     true\n    exclusive     false\n\
         \x20 last_day_counts\n    per.boundary  value\n    inclusive     true\n    exclusive     false\n\n\
         The readings agree\n  days_to_spare = 0 (no reading varied)\n"
    );
    let explained = stdout_of(&["eval", &policy, "--facts", &facts]);
    assert!(explained.contains(
        "      - A claim filed on the last day counts: true, reading `per.boundary` is `inclusive` (the period still runs on the last day). [art2: \"only if the period still runs then\"]\n"
    ), "{explained}");
}

#[test]
fn scenarios_choose_a_used_reading_that_the_users_rules_test() {
    let out = stdout_of(&[
        "test",
        &fixture("caller.policy"),
        "--scenarios",
        &fixture("caller_scenarios"),
    ]);
    assert_eq!(out, "3 passed, 0 failed\n");
}

#[test]
fn paths_are_read_relative_to_the_using_file_wherever_the_command_runs() {
    // `relative/top.policy` uses `lib/middle.policy`, which uses
    // `../shared/period.policy` from its own folder; run from `tests/`.
    let out = Command::new(env!("CARGO_BIN_EXE_provisio"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"))
        .args(["check", "fixtures/use_more/relative/top.policy"])
        .output()
        .expect("provisio runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "fixtures/use_more/relative/top.policy: ok (1 provision, 1 reading, 1 verdict, uses 2 policies)\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}

/// The checked model of a fixture, which must check without warnings.
fn model_of(name: &str) -> provisio::model::Model {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).expect("the crate's folder");
    let checked = load_policy(Path::new(&fixture(name))).expect("the fixture checks");
    assert!(checked.warnings.items.is_empty(), "{:?}", checked.warnings);
    checked.model
}

#[test]
fn a_policy_reached_through_two_paths_is_merged_once_under_its_first_name() {
    // both.policy uses fees.policy (which uses period.policy as `period`)
    // and claims.policy (which uses it as `shared`).
    let model = model_of("diamond/both.policy");
    let readings: Vec<&str> = model.readings.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(readings, ["fees.period.boundary"]);
    let provisions: Vec<&str> = model.provisions.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(provisions, ["b1", "fees.f1", "fees.period.s1", "claims.c1"]);
    assert_eq!(model.definitions.len(), 5);
    let facts: Vec<&str> = model.facts.iter().map(|f| f.field.name.as_str()).collect();
    assert_eq!(facts, ["paid", "deadline", "filed"]);
    let used: Vec<(&str, &[String])> = model
        .used
        .iter()
        .map(|u| (u.name.as_str(), u.also.as_slice()))
        .collect();
    assert_eq!(
        used,
        [
            ("fees", &[][..]),
            ("fees.period", &[String::from("claims.shared")][..]),
            ("claims", &[][..]),
        ]
    );
    let out = stdout_of(&[
        "eval",
        &fixture("diamond/both.policy"),
        "--facts",
        &fixture("diamond/last-day.json"),
    ]);
    insta::assert_snapshot!("diamond", out);
    // The user's test of the reading, written through the second path,
    // is the one reading, named by the first.
    assert!(out.contains(
        "      - The last day counts: true, reading `fees.period.boundary` is `inclusive` (the period still runs on the last day). [b1: \"complete\"]\n"
    ), "{out}");
    let chosen = stdout_of(&[
        "eval",
        &fixture("diamond/both.policy"),
        "--facts",
        &fixture("diamond/last-day.json"),
        "--reading",
        "fees.period.boundary=exclusive",
        "--explain",
        "none",
    ]);
    assert!(chosen.contains("  complete = false\n"), "{chosen}");
    assert!(chosen.contains("  last_day_counts = false\n"), "{chosen}");
}

#[test]
fn the_second_name_of_a_policy_merged_once_is_refused_with_the_first() {
    let output = provisio()
        .args([
            "eval",
            &fixture("diamond/both.policy"),
            "--facts",
            &fixture("diamond/last-day.json"),
            "--reading",
            "claims.shared.boundary=exclusive",
        ])
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("× the policy has no reading `claims.shared.boundary`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "help: `claims.shared` and `fees.period` are one policy, reached through two paths and merged"
        ),
        "{stderr}"
    );
}

#[test]
fn the_real_mc12_decision_reached_three_ways_is_one_decision() {
    // mc12_all.policy reaches the decision through mc12_dates.policy (as
    // `mc12`), mc12_status.policy (as `decision`) and directly, last.
    let model = model_of("diamond/mc12_all.policy");
    let single = model_of("diamond/mc12_dates.policy");
    assert_eq!(model.readings.len(), single.readings.len());
    assert_eq!(model.exceptions.len(), single.exceptions.len());
    assert_eq!(model.deontics.len(), single.deontics.len());
    assert_eq!(model.definitions.len(), single.definitions.len() + 2);
    let names: Vec<&str> = model.used.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["dates", "dates.mc12", "status"]);
    assert_eq!(
        model.used[1].also,
        [String::from("status.decision"), String::from("mc12")]
    );
    let facts = fixture("diamond/mc12-delayed.json");
    let opening = stdout_of(&[
        "eval",
        &fixture("diamond/mc12_all.policy"),
        "--facts",
        &facts,
        "--explain",
        "none",
    ]);
    assert_eq!(
        opening,
        "The MC12 moratorium, three ways, adopted 15 January 2024\n\
         As of 10 March 2024 (from the facts)\n\
         In force: p, dates.mc12.moratorium\n\n\
         Readings\n\
         \x20 dates.mc12.mc13_reference  = opening (default): the day the Session opens\n\
         \x20 dates.mc12.expiry_boundary = exclusive (default): the moratorium no longer holds on the expiry date itself\n\
         \x20 dates.mc12.scope           = transmission_and_content (default): the transmission and the content it carries are both covered\n\n\
         Verdicts\n\
         \x20 expiry = 5 March 2024\n    expiry: 5 March 2024\n\
         \x20 status = permitted\n    status: permitted\n\
         \x20 in_force = false\n    in force: false\n\
         \x20 agree = true\n    agree: true\n\
         \x20 capped = false\n    capped: false\n\
         \x20 reference_is_closing = false\n    reference is closing: false\n"
    );
    // One reading: chosen by its first name, it moves every path's rules.
    let closing = stdout_of(&[
        "eval",
        &fixture("diamond/mc12_all.policy"),
        "--facts",
        &facts,
        "--reading",
        "dates.mc12.mc13_reference=closing",
        "--explain",
        "none",
    ]);
    assert!(closing.contains("  expiry = 8 March 2024\n"), "{closing}");
    assert!(
        closing.contains("  reference_is_closing = true\n"),
        "{closing}"
    );
    let all = stdout_of(&[
        "eval",
        &fixture("diamond/mc12_all.policy"),
        "--facts",
        &facts,
        "--all-readings",
    ]);
    assert!(all.contains(
        "  expiry\n    dates.mc12.mc13_reference  value\n    opening                    5 March 2024\n    closing                    8 March 2024\n"
    ), "{all}");
}

#[test]
fn a_used_type_serves_in_a_list_a_record_written_out_and_with_a_default() {
    let model = model_of("typed_more.policy");
    let fallback = model
        .facts
        .iter()
        .find(|f| f.field.name == "fallback")
        .expect("the fact `fallback`");
    assert_eq!(
        fallback
            .field
            .default
            .as_ref()
            .map(|v| model.format_value(v)),
        Some(String::from("internal_tax"))
    );
    let out = stdout_of(&[
        "eval",
        &fixture("typed_more.policy"),
        "--facts",
        &fixture("typed_more.json"),
        "--explain",
        "none",
    ]);
    // Two of the three measures are customs duties; the default, an
    // internal tax, is not covered.
    assert!(out.contains("  covered = 2\n"), "{out}");
    assert!(out.contains("  claim_covered = false\n"), "{out}");
}

#[test]
fn scenarios_choose_the_reading_of_a_policy_merged_once_by_its_first_name() {
    let out = stdout_of(&[
        "test",
        &fixture("diamond/both.policy"),
        "--scenarios",
        &fixture("diamond/both_scenarios"),
    ]);
    assert_eq!(out, "2 passed, 0 failed\n");
}

#[test]
fn a_fact_typed_by_a_policy_used_after_another_that_declares_it_is_refused() {
    let problems = problems_of("late_type.policy");
    assert_eq!(codes(&problems), ["provisio::unsupported_use"]);
    insta::assert_snapshot!("late_type", rendered(&problems));
    // In the other order, the three declarations are one fact, whose
    // value both used policies' rules compare alike.
    let out = stdout_of(&[
        "eval",
        &fixture("early_type.policy"),
        "--facts",
        &fixture("internal-tax.json"),
        "--explain",
        "none",
    ]);
    assert!(out.contains("  covered = false\n"), "{out}");
    assert!(out.contains("  taxed = true\n"), "{out}");
}

/// A policy of no file, checked from its text.
fn check_text(text: &str) -> Result<provisio::check::Checked, Problems> {
    provisio::check::check_source(&provisio::span::SourceFile::new("own.policy", text))
}

const OWN_CALLS: &str = r#"instrument "Own calls" adopted 2024-01-01
fact filed "the day the claim was filed": date
provision a1 "First period"
  text "The period runs thirty days."
  define within(d: date) "the day is in the period" = d before 2024-01-31
    cites "thirty days"
provision a2 "Claims"
  text "A claim filed in the period is on time."
  define on_time "the claim is on time" = a1.within(filed)
    cites "on time"
verdict on_time = a2.on_time
"#;

#[test]
fn a_provision_of_the_policy_itself_names_its_definition_in_a_call() {
    let checked = check_text(OWN_CALLS).expect("the policy checks");
    assert!(checked.warnings.items.is_empty(), "{:?}", checked.warnings);
    let problems = match check_text(&OWN_CALLS.replace("a1.within(filed)", "a1.withn(filed)")) {
        Ok(_) => panic!("a misspelt definition checked"),
        Err(problems) => problems,
    };
    assert_eq!(codes(&problems), ["provisio::undefined_name"]);
    assert_eq!(problems.items[0].message, "`a1` has no definition `withn`");
    assert_eq!(
        problems.items[0].help.as_deref(),
        Some("did you mean `within`?")
    );
    let problems = match check_text(&OWN_CALLS.replace("a1.within(filed)", "b1.within(filed)")) {
        Ok(_) => panic!("a misspelt provision checked"),
        Err(problems) => problems,
    };
    assert_eq!(
        problems.items[0].message,
        "`b1` is neither a used policy nor a provision"
    );
}

#[test]
fn a_provision_of_a_used_policy_called_as_a_definition_names_its_definitions() {
    let problems = match check_text(
        "instrument \"T\" adopted 2024-01-01\nfact filed \"f\": date\nprovision p \"P\"\n  text \"T.\"\n  define d \"d\" = p(filed)\n    cites \"T.\"\nverdict d = p.d\n",
    ) {
        Ok(_) => panic!("a provision called as a function checked"),
        Err(problems) => problems,
    };
    assert_eq!(problems.items[0].message, "there is no function `p`");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).expect("the crate's folder");
    let text = "instrument \"T\" adopted 2024-01-01\nuse \"period.policy\" as per\nfact filed \"f\": date\nprovision p \"P\"\n  text \"T.\"\n  define d \"d\" = per.art1(filed)\n    cites \"T.\"\nverdict d = p.d\n";
    let problems = match provisio::check::check_source(&provisio::span::SourceFile::new(
        format!("{DIR}/inline.policy"),
        text,
    )) {
        Ok(_) => panic!("a used provision called as a function checked"),
        Err(problems) => problems,
    };
    let errors: Vec<(&str, &str, Option<&str>)> = problems
        .items
        .iter()
        .filter(|p| p.severity == miette::Severity::Error)
        .map(|p| (p.code, p.message.as_str(), p.help.as_deref()))
        .collect();
    assert_eq!(
        errors,
        [(
            "provisio::undefined_name",
            "the used policy `per` has no definition `art1` with parameters",
            Some(
                "`per.art1` is a provision: name one of its definitions, such as `per.art1.covers(...)`"
            )
        )]
    );
}

#[test]
fn a_type_of_the_users_own_is_built_on_a_used_type() {
    let model = model_of("typed_own.policy");
    let claim = model
        .types
        .iter()
        .find(|t| t.name == "claim")
        .expect("the type `claim`");
    assert_eq!(model.type_name(&claim.ty).to_string(), "a record (claim)");
    let out = stdout_of(&[
        "eval",
        &fixture("typed_own.policy"),
        "--facts",
        &fixture("typed-own.json"),
        "--explain",
        "none",
    ]);
    // Of three claims, one is for a customs duty filed in the period.
    assert!(out.contains("  admissible_claims = 1\n"), "{out}");
    let output = provisio()
        .args([
            "eval",
            &fixture("typed_own.policy"),
            "--facts",
            &fixture("typed-own-misspelt.json"),
        ])
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "× all_claims[1].kind: `internal_taxe` is not one of customs_duty, internal_tax"
        ),
        "{stderr}"
    );
}
