//! Every finding of `provisio analyze` on every bundled policy, and on the
//! hand-written policies of `tests/analyze/`, checked with the ordinary
//! evaluator: a gap's witness leaves its verdict in force without a value
//! (an error) with every fact known; a conflict's witness makes its rule
//! fail with `provisio::conflict`; a reading that matters gives its verdict
//! different values under the two alternatives, on the same facts and
//! date; a dead rule's condition has the value the finding says on one
//! completion of each of its cases (a rule that never applies has no
//! scenario where it applies). Each witness's expectations are what the
//! evaluator gives.

use std::path::{Path, PathBuf};

use provisio::analysis::dead::condition_expr;
use provisio::analysis::{Finding, Kind, Witness, analyze, witness};
use provisio::eval::trace::RuleRef;
use provisio::eval::{Evaluator, Input, NoTrace};
use provisio::model::Model;
use provisio::value::Value;

fn policies(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            policies(&path, out);
        } else if path.extension().is_some_and(|e| e == "policy") {
            out.push(path);
        }
    }
}

/// Runs `f` with the ordinary evaluator on a witness.
fn with_input<'m, T>(
    model: &'m Model,
    w: &Witness,
    f: impl FnOnce(&mut Evaluator<'m>, &Input<'_>) -> T,
) -> T {
    let (facts, readings) = w.input(model).expect("the witness reads");
    let input = Input {
        facts: &facts,
        as_of: w.as_of,
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(model);
    f(&mut evaluator, &input)
}

fn verdict_id(model: &Model, name: &str) -> u32 {
    model
        .verdicts
        .iter()
        .position(|v| v.name == name)
        .unwrap_or_else(|| panic!("no verdict {name}")) as u32
}

/// A verdict's value on a witness: `Err(code)` when it errors, `None` when
/// it is not in force.
fn value_of(model: &Model, w: &Witness, name: &str) -> Result<Option<Value>, &'static str> {
    let id = verdict_id(model, name);
    with_input(model, w, |evaluator, input| {
        match evaluator.verdict_in_force(input, id) {
            Ok(Value::Bool(false)) => return Ok(None),
            Ok(_) => {}
            Err(e) => return Err(e.code()),
        }
        evaluator
            .verdict(input, id, &mut NoTrace)
            .map(Some)
            .map_err(|e| e.code())
    })
}

fn check<'m>(policy: &Path, model: &'m Model, finding: &'m Finding) -> usize {
    let context = format!("{}: {}", policy.display(), finding.message);
    if let Some(w) = finding.witness.iter().chain(finding.contrast.iter()).next() {
        assert_eq!(
            witness::expected(model, w).expect("the witness evaluates"),
            w.expect,
            "{context}: the witness expects what the evaluator gives"
        );
    }
    match finding.kind {
        Kind::Gap => {
            let w = finding.witness.as_ref().expect(&context);
            let outcome = value_of(model, w, &finding.rules[0]);
            assert!(
                matches!(outcome, Err(_) | Ok(Some(Value::Unknown(_)))),
                "{context}: the gap's verdict is {outcome:?}"
            );
            1
        }
        Kind::Conflict => {
            let w = finding.witness.as_ref().expect(&context);
            let rule = finding.rules[0].split(['.', ' ']).next().expect("a rule");
            let id = model
                .definitions
                .iter()
                .position(|d| d.name == rule)
                .expect("the rule") as u32;
            let outcome = with_input(model, w, |evaluator, input| {
                evaluator.rule(input, RuleRef::Definition(id), &mut NoTrace)
            });
            assert_eq!(
                outcome.map_err(|e| e.code()),
                Err("provisio::conflict"),
                "{context}"
            );
            1
        }
        Kind::ReadingMatters => {
            let (w, other) = (
                finding.witness.as_ref().expect(&context),
                finding.contrast.as_ref().expect(&context),
            );
            assert_eq!(
                (w.as_of, &w.facts),
                (other.as_of, &other.facts),
                "{context}"
            );
            assert_ne!(w.readings, other.readings, "{context}");
            let verdict = &finding.rules[1];
            let (a, b) = (value_of(model, w, verdict), value_of(model, other, verdict));
            assert_ne!(
                a, b,
                "{context}: the verdict is the same under both readings"
            );
            for v in [&a, &b] {
                assert!(
                    !matches!(v, Ok(Some(Value::Unknown(_)))),
                    "{context}: with every fact known, {verdict} is {v:?}"
                );
            }
            1
        }
        Kind::DeadRule => {
            let (condition, always, samples) = finding.dead.as_ref().expect(&context);
            let expr = condition_expr(model, condition).expect(&context);
            assert!(!samples.is_empty(), "{context}: no completion to check");
            for sample in samples {
                let value = with_input(model, sample, |evaluator, input| {
                    evaluator.expr(input, expr, &mut NoTrace)
                });
                assert_eq!(
                    value.map_err(|e| e.code()),
                    Ok(Value::Bool(*always)),
                    "{context}: on {:?}",
                    sample.facts
                );
            }
            samples.len()
        }
        Kind::ReadingNeverMatters | Kind::Unused | Kind::NotDecided => 0,
    }
}

fn check_all(root: &str) -> (usize, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
    let mut found = Vec::new();
    policies(&root, &mut found);
    assert!(!found.is_empty());
    let (mut findings, mut checked) = (0, 0);
    for policy in &found {
        let checked_policy = provisio::check::load_policy(policy).expect("the policy checks");
        let model = &checked_policy.model;
        let analysis = analyze(model);
        assert_eq!(
            analysis,
            analyze(model),
            "{}: the same twice",
            policy.display()
        );
        for finding in &analysis.findings {
            findings += 1;
            checked += check(policy, model, finding);
        }
    }
    (findings, checked)
}

#[test]
fn every_finding_on_the_bundled_policies_is_shown_by_its_witness() {
    let (findings, checked) = check_all("rules");
    // The bundled policies have no gap and no conflict; their readings
    // matter, each shown by two witnesses.
    assert!(findings > 20, "{findings} findings");
    assert!(checked >= 25, "{checked} witnesses checked");
}

#[test]
fn every_finding_on_the_hand_written_policies_is_shown_by_its_witness() {
    let (findings, checked) = check_all("tests/analyze");
    assert!(findings >= 10, "{findings} findings");
    assert!(checked >= 6, "{checked} witnesses checked");
}
