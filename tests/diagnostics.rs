//! Diagnostics a drafter or an analyst sees for a bad input, as snapshots.
//!
//! Every policy under `tests/diagnostics/policies/` is a drafter's plausible
//! mistake; every facts file under `tests/diagnostics/facts/` is an analyst's
//! plausible mistake in facts for the bundled decision. Each gives one
//! snapshot: every problem of the run, rendered as the terminal shows it
//! (without colour), in order, separated by blank lines. Review a changed
//! snapshot for its message, its span (line, column, underline) and its help.
//!
//! Mistakes whose diagnostics are wrong today (a misleading message, a span
//! that runs past the word, a help line with an unrelated example) are kept
//! in `tests/diagnostics/known_bugs/`, each saying what is wrong on its first
//! line, and are not snapshotted: move one into `policies/` once it is fixed.

use std::path::Path;

use miette::Severity;
use provisio::check::check_source;
use provisio::diagnostic::{Problem, Problems};
use provisio::facts::{FactsError, FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;

/// The fixture's file name, used as the source name so that snapshots hold
/// no absolute path.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks a policy fixture, which must fail, and returns its problems.
fn policy_problems(path: &Path) -> Problems {
    let source = SourceFile::new(file_name(path), read(path));
    match check_source(&source) {
        Ok(_) => panic!("{} checked without errors", path.display()),
        Err(problems) => problems,
    }
}

fn render_problems(problems: &Problems) -> String {
    assert!(!problems.items.is_empty(), "an error without any problem");
    problems
        .items
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The model of the bundled decision.
fn bundled() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/wto/mc13-ecommerce.policy");
    let source = SourceFile::new("mc13-ecommerce.policy", read(&path));
    match check_source(&source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the bundled policy does not check: {problems:?}"),
    }
}

/// Loads a facts fixture against the bundled decision; it must fail.
fn facts_error(model: &Model, path: &Path) -> FactsError {
    let format = FactsFormat::from_path(path)
        .unwrap_or_else(|| panic!("{}: no facts format", path.display()));
    let source = SourceFile::new(file_name(path), read(path));
    match parse_facts(model, &source, format) {
        Ok(facts) => panic!("{} loaded without errors: {facts:?}", path.display()),
        Err(error) => error,
    }
}

fn render_facts_error(error: &FactsError) -> String {
    let problems = error.problems();
    if problems.is_empty() {
        return render(error, false);
    }
    problems
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn policy_diagnostics() {
    insta::glob!("diagnostics/policies/*.policy", |path| {
        let problems = policy_problems(path);
        insta::assert_snapshot!(render_problems(&problems));
    });
}

#[test]
fn facts_diagnostics() {
    let model = bundled();
    insta::glob!("diagnostics/facts/*.{json,yaml,toml}", |path| {
        let error = facts_error(&model, path);
        insta::assert_snapshot!(render_facts_error(&error));
    });
}

/// Policies that check, with the warnings a drafter should see.
#[test]
fn policy_warnings() {
    insta::glob!("diagnostics/warnings/*.policy", |path| {
        let source = SourceFile::new(file_name(path), read(path));
        let checked = check_source(&source)
            .unwrap_or_else(|problems| panic!("{} does not check: {problems:?}", path.display()));
        insta::assert_snapshot!(render_problems(&checked.warnings));
    });
}

/// Facts with mistakes in money and lists, against a household benefit.
#[test]
fn household_facts_diagnostics() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/household_benefit.policy");
    let source = SourceFile::new("household_benefit.policy", read(&path));
    let model = match check_source(&source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the household policy does not check: {problems:?}"),
    };
    insta::glob!("diagnostics/household_facts/*.json", |path| {
        let error = facts_error(&model, path);
        insta::assert_snapshot!(render_facts_error(&error));
    });
}

fn fixture(kind: &str, name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/diagnostics")
        .join(kind)
        .join(name)
}

/// The codes of the errors, in order; warnings are left out.
fn codes(problems: &Problems) -> Vec<&'static str> {
    errors(problems).map(|p| p.code).collect()
}

fn errors(problems: &Problems) -> impl Iterator<Item = &Problem> {
    problems
        .items
        .iter()
        .filter(|p| p.severity == Severity::Error)
}

#[test]
fn policy_problems_carry_stable_codes() {
    let cases: &[(&str, &[&str])] = &[
        (
            "syntax_keyword_as_name.policy",
            &["provisio::reserved_word"],
        ),
        ("syntax_missing_expression.policy", &["provisio::syntax"]),
        (
            "undefined_fact_did_you_mean.policy",
            &["provisio::undefined_name"],
        ),
        ("unknown_function.policy", &["provisio::undefined_function"]),
        ("misspelled_enum_value.policy", &["provisio::unknown_value"]),
        (
            "type_before_on_numbers.policy",
            &["provisio::type_mismatch", "provisio::type_mismatch"],
        ),
        ("declaring_as_of.policy", &["provisio::reserved_name"]),
        ("duplicate_fact.policy", &["provisio::duplicate_name"]),
        ("cycle_self_reference.policy", &["provisio::cycle"]),
        ("cycle_three_definitions.policy", &["provisio::cycle"]),
        (
            "reading_without_default.policy",
            &["provisio::no_default_reading"],
        ),
        ("reading_two_defaults.policy", &["provisio::two_defaults"]),
        ("invalid_date_literal.policy", &["provisio::invalid_date"]),
        (
            "cited_phrase_not_in_text.policy",
            &["provisio::citation_not_in_text"],
        ),
        ("provision_without_text.policy", &["provisio::missing_text"]),
        (
            "template_bad_placeholder.policy",
            &["provisio::undefined_name"],
        ),
        (
            "money_currencies_added.policy",
            &["provisio::currency_mismatch"],
        ),
        ("rate_applied_to_date.policy", &["provisio::type_mismatch"]),
        (
            "scale_overlapping_brackets.policy",
            &["provisio::scale_overlap"],
        ),
        (
            "scale_mixed_currencies.policy",
            &["provisio::currency_mismatch"],
        ),
        (
            "scale_applied_in_other_currency.policy",
            &["provisio::currency_mismatch"],
        ),
        (
            "aggregate_binder_misspelled.policy",
            &["provisio::undefined_name"],
        ),
        (
            "several_errors.policy",
            &[
                "provisio::undefined_function",
                "provisio::undefined_name",
                "provisio::unknown_value",
                "provisio::undefined_name",
            ],
        ),
    ];
    for (name, expected) in cases {
        let problems = policy_problems(&fixture("policies", name));
        assert_eq!(&codes(&problems), expected, "{name}");
    }
}

#[test]
fn misspelled_names_get_a_did_you_mean() {
    for (name, suggestion) in [
        ("undefined_fact_did_you_mean.policy", "`mc14`"),
        ("undefined_provision_rule.policy", "`in_force`"),
        ("misspelled_enum_value.policy", "`customs_duty`"),
        ("misspelled_reading_alternative.policy", "`opening`"),
        ("unknown_reading.policy", "`mc14_reference`"),
        ("unknown_function.policy", "`earliest`"),
        ("aggregate_binder_misspelled.policy", "`child`"),
    ] {
        let problems = policy_problems(&fixture("policies", name));
        let first = errors(&problems).next().expect("an error");
        let help = first.help.clone().unwrap_or_default();
        assert!(
            help.contains("did you mean") && help.contains(suggestion),
            "{name}: help {help:?} does not suggest {suggestion}"
        );
    }
}

#[test]
fn every_policy_problem_points_into_the_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics/policies");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "only {} policy fixtures", files.len());
    for path in files {
        let text = read(&path);
        for problem in policy_problems(&path).items {
            let span = problem
                .span()
                .unwrap_or_else(|| panic!("{}: {} has no span", path.display(), problem.code));
            assert!(
                span.end <= text.len(),
                "{}: span out of the file",
                path.display()
            );
            assert!(
                problem.help.is_some(),
                "{}: {} has no help line",
                path.display(),
                problem.code
            );
            assert!(problem.source.is_some(), "{}: no source", path.display());
        }
    }
}

#[test]
fn facts_problems_carry_stable_codes() {
    let model = bundled();
    let cases: &[(&str, &[&str])] = &[
        ("unknown_fact_mc41.json", &["provisio::facts::unknown_fact"]),
        ("as_of_wrong_form.json", &["provisio::date_form"]),
        (
            "enum_value_not_alternative.json",
            &["provisio::facts::not_in_enum"],
        ),
        (
            "unknown_record_field.json",
            &["provisio::facts::unknown_field"],
        ),
        ("malformed.json", &["provisio::facts::syntax"]),
        ("malformed.yaml", &["provisio::facts::syntax"]),
        ("malformed.toml", &["provisio::facts::syntax"]),
        ("wrong_type.yaml", &["provisio::facts::wrong_type"]),
        ("wrong_type.toml", &["provisio::facts::wrong_type"]),
        (
            "event_closes_before_opening.json",
            &["provisio::facts::event_order"],
        ),
        (
            "missing_record_field.yaml",
            &["provisio::facts::missing_field"],
        ),
    ];
    for (name, expected) in cases {
        let error = facts_error(&model, &fixture("facts", name));
        let found: Vec<&str> = error.problems().iter().map(|p| p.kind.code()).collect();
        assert_eq!(&found, expected, "{name}");
    }
}

#[test]
fn an_undeclared_fact_suggests_the_declared_one() {
    let model = bundled();
    let error = facts_error(&model, &fixture("facts", "unknown_fact_mc41.json"));
    let problem = &error.problems()[0];
    assert_eq!(problem.path, "mc41");
    let help = problem.help.clone().unwrap_or_default();
    assert!(help.contains("mc14"), "help {help:?} does not suggest mc14");
}
