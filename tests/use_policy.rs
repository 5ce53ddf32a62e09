//! `use "other.policy" as name`: a policy that uses another, its names under
//! the used policy's name, shared facts, readings, citations of the used
//! instrument, and the diagnostics of a missing, broken, circular or
//! conflicting use. Fixtures are in `tests/fixtures/use_policy/`; every run
//! happens in the crate's folder, so paths in messages are relative.

use std::path::Path;

use assert_cmd::Command;
use provisio::check::load_policy;
use provisio::diagnostic::Problems;
use provisio::render::diagnostics::render;

const DIR: &str = "tests/fixtures/use_policy";

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `provisio` with `args`, expects success, and returns stdout.
fn stdout_of(args: &[&str]) -> String {
    let output = provisio().args(args).output().expect("provisio runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "provisio {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Checks a fixture, which must fail, from the crate's folder.
fn problems_of(name: &str) -> Problems {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).expect("the crate's folder");
    match load_policy(Path::new(&fixture(name))) {
        Ok(_) => panic!("{name} checked without errors"),
        Err(problems) => problems,
    }
}

fn rendered(problems: &Problems) -> String {
    problems
        .items
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

fn codes(problems: &Problems) -> Vec<&'static str> {
    problems.items.iter().map(|p| p.code).collect()
}

#[test]
fn a_used_verdict_and_rule_are_evaluated_and_cited_with_the_used_instrument() {
    let out = stdout_of(&[
        "eval",
        &fixture("user.policy"),
        "--facts",
        &fixture("late.json"),
    ]);
    insta::assert_snapshot!("user_late", out);
    assert!(out.contains(
        "- The filing period is open: false, 2 July 2024 is not on or before the last day to file (1 July 2024). [BASE/1 art1: \"shall be filed by the deadline\"]"
    ));
    assert!(out.contains("[art2: \"a late fee is due unless waived\"]"));
}

#[test]
fn the_used_policys_verdicts_are_not_the_users() {
    let out = stdout_of(&[
        "eval",
        &fixture("user.policy"),
        "--facts",
        &fixture("late.json"),
    ]);
    // Only the verdicts user.policy declares are printed.
    assert!(!out.contains("  period_open ="));
    assert!(out.contains("  base_period_open = false"));
}

#[test]
fn a_used_reading_is_chosen_by_its_prefixed_name() {
    let facts = fixture("last-day.json");
    let default = stdout_of(&["eval", &fixture("user.policy"), "--facts", &facts]);
    assert!(default.contains("base.boundary = inclusive (default)"));
    assert!(default.contains("  fee_due = false"));
    let chosen = stdout_of(&[
        "eval",
        &fixture("user.policy"),
        "--facts",
        &facts,
        "--reading",
        "base.boundary=exclusive",
    ]);
    assert!(chosen.contains("base.boundary = exclusive (chosen)"));
    assert!(chosen.contains("  fee_due = true"));
    let all = stdout_of(&[
        "eval",
        &fixture("user.policy"),
        "--facts",
        &facts,
        "--all-readings",
    ]);
    assert!(
        all.contains("  fee_due\n    base.boundary  value\n    inclusive      false\n    exclusive      true\n"),
        "{all}"
    );
}

#[test]
fn an_unknown_used_reading_is_refused() {
    let output = provisio()
        .args([
            "eval",
            &fixture("user.policy"),
            "--facts",
            &fixture("late.json"),
            "--reading",
            "boundary=exclusive",
        ])
        .output()
        .expect("provisio runs");
    assert_ne!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("base.boundary"), "{stderr}");
}

#[test]
fn the_used_instruments_period_applies_to_its_verdict() {
    let out = stdout_of(&[
        "eval",
        &fixture("user.policy"),
        "--facts",
        &fixture("after-base.json"),
    ]);
    assert!(out.contains(
        "  base_period_open = not in force\n    On 2 January 2030, provision base.art1 is not in force, so this verdict does not apply."
    ));
    assert!(out.contains("In force: art2\n"));
}

#[test]
fn a_shared_fact_is_given_once_by_its_own_name() {
    // `deadline` is declared by both policies, `filed_by` only by the base:
    // the facts file gives each once, by its own name.
    let out = stdout_of(&[
        "eval",
        &fixture("user.policy"),
        "--facts",
        &fixture("late.json"),
    ]);
    assert!(out.contains("Facts: deadline = 1 July 2024; late_fee_waived = false"));
    assert!(out.contains("Facts: filed_by = online"));
}

#[test]
fn the_real_mc12_decision_is_used_from_a_small_policy() {
    let policy = fixture("mc12_user.policy");
    let facts = fixture("mc12-during.json");
    let out = stdout_of(&["eval", &policy, "--facts", &facts]);
    insta::assert_snapshot!("mc12_user", out);
    let closing = stdout_of(&[
        "timeline",
        &policy,
        "--facts",
        &facts,
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-31",
        "--reading",
        "mc12.mc13_reference=closing",
    ]);
    assert_eq!(
        closing,
        "Review of a Member's duty under the MC12 moratorium\nFrom 1 January 2024 to 31 March 2024\n\nReadings\n  mc12.mc13_reference  = closing (chosen): the day the Session closes\n  mc12.expiry_boundary = exclusive (default): the moratorium no longer holds on the expiry date itself\n  mc12.scope           = transmission_and_content (default): the transmission and the content it carries are both covered\n\nFacts\n  duty_introduced = 1 February 2024\n  mc13.opening = 26 February 2024\n  mc13.closing = 2 March 2024\n  extension_decision = none\n  not given: measure\n\nEvents\n  the 13th Session of the Ministerial Conference (mc13): 26 February 2024 to 2 March 2024\n\nin_breach: The duty is in breach of the moratorium\n  1 January 2024 to 31 January 2024: false\n  1 February 2024 to 1 March 2024: true\n  2 March 2024 to 31 March 2024: false\n  Changes:\n    is not in breach of the moratorium until 31 January 2024; is in breach of the moratorium from 1 February 2024\n    is in breach of the moratorium until 1 March 2024; is not in breach of the moratorium from 2 March 2024\n"
    );
    let opening = stdout_of(&[
        "timeline",
        &policy,
        "--facts",
        &facts,
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-31",
    ]);
    assert!(opening.contains("  1 February 2024 to 25 February 2024: true\n"));
}

#[test]
fn a_missing_used_file_is_reported_on_the_path() {
    let problems = problems_of("missing.policy");
    assert_eq!(codes(&problems), ["provisio::use_not_found"]);
    insta::assert_snapshot!("missing", rendered(&problems));
}

#[test]
fn a_broken_used_file_reports_its_own_problems_in_its_file() {
    let problems = problems_of("uses_broken.policy");
    assert_eq!(
        codes(&problems),
        ["provisio::broken_use", "provisio::cycle"]
    );
    insta::assert_snapshot!("broken", rendered(&problems));
}

#[test]
fn a_cycle_of_use_names_the_chain() {
    let problems = problems_of("cycle_a.policy");
    assert_eq!(
        codes(&problems),
        ["provisio::cycle", "provisio::broken_use"]
    );
    assert_eq!(
        problems.items[0].message,
        "`use` goes round in a circle: cycle_a.policy uses cycle_b.policy uses cycle_a.policy"
    );
    insta::assert_snapshot!("cycle", rendered(&problems));
}

#[test]
fn a_fact_with_another_type_names_both_declarations() {
    let problems = problems_of("conflict.policy");
    assert_eq!(
        codes(&problems),
        [
            "provisio::fact_type_conflict",
            "provisio::fact_type_conflict"
        ]
    );
    assert_eq!(problems.error_count(), 1);
    insta::assert_snapshot!("conflict", rendered(&problems));
}

#[test]
fn a_misspelt_name_under_the_prefix_suggests_the_right_one() {
    let problems = problems_of("misspelt.policy");
    let helps: Vec<Option<&str>> = problems.items.iter().map(|p| p.help.as_deref()).collect();
    assert_eq!(
        helps,
        [
            Some("did you mean `period_open`?"),
            Some("did you mean `by_internet`?"),
            Some("name one of its verdicts or rules, such as `base.period_open`"),
        ]
    );
    insta::assert_snapshot!("misspelt", rendered(&problems));
}

#[test]
fn the_same_file_used_twice_is_an_error() {
    let problems = problems_of("twice.policy");
    assert_eq!(codes(&problems), ["provisio::duplicate_use"]);
    insta::assert_snapshot!("twice", rendered(&problems));
}

#[test]
fn a_failed_check_exits_non_zero() {
    for name in [
        "missing.policy",
        "uses_broken.policy",
        "cycle_a.policy",
        "conflict.policy",
    ] {
        let output = provisio()
            .args(["check", &fixture(name)])
            .output()
            .expect("provisio runs");
        assert_eq!(output.status.code(), Some(1), "{name}");
    }
}

#[test]
fn an_evaluation_error_in_a_used_rule_is_located_in_the_used_file() {
    let output = provisio()
        .args([
            "eval",
            &fixture("erring_user.policy"),
            "--facts",
            &fixture("month-end.json"),
        ])
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(3));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(
        "  late = error (provisio::ambiguous_date)\n    in provision month.art1, rule period_end: `start + 1 month` from 31 January 2024 names 31 February 2024, a day that does not exist"
    ), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("╭─[tests/fixtures/use_policy/erring_base.policy:5:52]"),
        "{stderr}"
    );
}

#[test]
fn a_used_type_and_fact_are_reached_under_the_prefix() {
    let out = stdout_of(&[
        "eval",
        &fixture("typed.policy"),
        "--facts",
        &fixture("typed.json"),
    ]);
    assert!(out.contains("  preferred = post\n"), "{out}");
    assert!(out.contains("  as_filed = online\n"), "{out}");
}

#[test]
fn a_misspelt_used_type_suggests_the_right_one() {
    let problems = problems_of("typed_misspelt.policy");
    assert_eq!(codes(&problems), ["provisio::undefined_type"]);
    assert_eq!(
        problems.items[0].message,
        "the used policy `base` has no type `chanel`"
    );
    assert_eq!(
        problems.items[0].help.as_deref(),
        Some("did you mean `channel`?")
    );
}

#[test]
fn an_open_answer_through_used_rules_says_what_it_depends_on() {
    let out = stdout_of(&[
        "eval",
        &fixture("mc12_user.policy"),
        "--facts",
        &fixture("mc12-unknown.json"),
    ]);
    assert!(
        out.contains("  in_breach = undetermined; depends on mc13.opening, extension_decision\n"),
        "{out}"
    );
    assert!(out.contains(
        "    The duty is in breach of the moratorium on 2 April 2024 if the day Ministers or the General Council decide to extend the moratorium (or, if there is none, 31 March 2024) is before 31 March 2024 and the 13th Session of the Ministerial Conference opens after 2 April 2024.\n"
    ), "{out}");
    assert!(out.contains(
        "the exception `mc12.moratorium.delay_cap` may apply, depending on facts not given. [WT/MIN(22)/32 moratorium: \"until MC13\"]"
    ));
}

#[test]
fn a_used_policy_that_uses_another_cites_each_instrument() {
    let out = stdout_of(&[
        "eval",
        &fixture("nested.policy"),
        "--facts",
        &fixture("late.json"),
        "--reading",
        "user.base.boundary=exclusive",
    ]);
    insta::assert_snapshot!("nested", out);
    assert!(out.contains("In force: p1, user.art2, user.base.art1\n"));
    assert!(out.contains("[USER/2 art2: \"a late fee is due unless waived\"]"));
    assert!(out.contains("[BASE/1 art1: \"shall be filed by the deadline\"]"));
}

#[test]
fn a_shared_fact_with_the_same_values_written_out_is_one_fact() {
    // shared_enum.policy writes `one of post, online` where base.policy
    // names its type `channel`: one fact, whose value both policies' rules
    // compare alike.
    let out = stdout_of(&[
        "eval",
        &fixture("shared_enum.policy"),
        "--facts",
        &fixture("post.json"),
    ]);
    assert!(out.contains(
        "        - The claim was filed online: false, how the claim was filed is post, not online. [BASE/1 art1: \"online or by post\"]\n"
    ), "{out}");
    assert!(out.contains("  stamped = true\n"));
    assert!(out.contains("  agrees = true\n"));
}

#[test]
fn check_counts_the_policys_own_provisions_and_the_policies_it_uses() {
    let out = stdout_of(&["check", &fixture("user.policy"), &fixture("nested.policy")]);
    assert_eq!(
        out,
        "tests/fixtures/use_policy/user.policy: ok (1 provision, 1 reading, 3 verdicts, uses 1 policy)\n\
         tests/fixtures/use_policy/nested.policy: ok (1 provision, 1 reading, 1 verdict, uses 2 policies)\n"
    );
}

#[test]
fn scenarios_of_a_using_policy_choose_the_used_readings() {
    let out = stdout_of(&[
        "test",
        &fixture("user.policy"),
        "--scenarios",
        &fixture("user_scenarios"),
    ]);
    assert_eq!(out.lines().last(), Some("4 passed, 0 failed"));
}

/// Writes a chain of `depth` policies, each using the next, the last
/// declaring the fact, into a fresh folder; returns the first's path.
fn chain(depth: usize, label: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("provisio-use-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    for i in 0..depth {
        let text = if i + 1 == depth {
            format!(
                "instrument \"Level {i}\" symbol \"L/{i}\" adopted 2024-01-01\nfact x \"a flag\": boolean\nprovision p \"P\"\n  text \"The flag.\"\n  define v \"the flag\" = x\n    cites \"The flag\"\nverdict v = p.v\n"
            )
        } else {
            format!(
                "instrument \"Level {i}\" symbol \"L/{i}\" adopted 2024-01-01\nuse \"p{}.policy\" as next\nprovision p \"P\"\n  text \"The flag, as the next level says.\"\n  define v \"the flag at level {i}\" = next.v\n    cites \"The flag\"\nverdict v = p.v\n",
                i + 1
            )
        };
        std::fs::write(dir.join(format!("p{i}.policy")), text).expect("a policy written");
    }
    dir.join("p0.policy")
}

#[test]
fn a_chain_of_uses_is_cited_level_by_level() {
    let first = chain(5, "chain");
    let facts = first.with_file_name("facts.json");
    std::fs::write(&facts, r#"{"as_of": "2024-06-01", "x": true}"#).expect("facts written");
    let out = stdout_of(&[
        "eval",
        first.to_str().expect("a UTF-8 path"),
        "--facts",
        facts.to_str().expect("a UTF-8 path"),
    ]);
    assert!(out.contains("  v = true\n"), "{out}");
    assert!(out.contains("[L/4 p: \"The flag\"]"), "{out}");
    assert!(out.contains("[L/1 p: \"The flag\"]"), "{out}");
}

#[test]
fn a_chain_of_uses_too_deep_is_refused_without_a_crash() {
    let first = chain(40, "deep");
    match load_policy(&first) {
        Ok(_) => panic!("a chain of 40 policies checked"),
        Err(problems) => {
            let deep: Vec<&str> = problems
                .items
                .iter()
                .filter(|p| p.code == "provisio::too_deep")
                .map(|p| p.message.as_str())
                .collect();
            assert_eq!(deep, ["`use` goes more than 32 policies deep"]);
        }
    }
}

#[test]
fn a_folder_or_a_device_is_not_read_as_a_used_policy() {
    let problems = problems_of("device.policy");
    let messages: Vec<(&str, Option<&str>)> = problems
        .items
        .iter()
        .map(|p| (p.message.as_str(), p.help.as_deref()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "cannot read the used policy `/dev/null`: not a regular file",
                Some("`use` takes a `.policy` file; `/dev/null` is a folder or a device")
            ),
            (
                "cannot read the used policy `.`: not a regular file",
                Some(
                    "`use` takes a `.policy` file; `tests/fixtures/use_policy/.` is a folder or a device"
                )
            ),
        ]
    );
}
