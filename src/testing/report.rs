//! Test reports: failures for a person, coverage as text or JSON, and JUnit
//! XML for continuous integration.

use std::fmt::Write as _;

use serde_json::{Value as Json, json};

use super::coverage::Coverage;
use super::skipped::Skipped;
use super::{Outcome, PolicyRun};
use crate::eval::trace::RuleRef;
use crate::model::Model;

/// A value of a scenario as compact JSON, except that an array of more than
/// [`LIST_ELEMENTS_SHOWN`](crate::words::LIST_ELEMENTS_SHOWN)
/// elements shows its first ones and how many more there are, as
/// explanations do: a report stays short whatever the lists hold.
fn value_text(value: &Json) -> String {
    match value {
        Json::Array(items) => {
            use crate::words::{LIST_ELEMENTS_SHOWN, grouped};
            let shown: Vec<String> = items
                .iter()
                .take(LIST_ELEMENTS_SHOWN)
                .map(value_text)
                .collect();
            let more = items.len().saturating_sub(LIST_ELEMENTS_SHOWN);
            if more > 0 {
                format!("[{}, and {} more]", shown.join(","), grouped(more))
            } else {
                format!("[{}]", shown.join(","))
            }
        }
        Json::Object(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|(key, value)| format!("{}:{}", Json::String(key.clone()), value_text(value)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        other => other.to_string(),
    }
}

/// `verdict: expected X, got Y`.
fn mismatch_text(model: &Model, mismatch: &super::Mismatch) -> String {
    let verdict = model
        .verdicts
        .get(mismatch.verdict as usize)
        .map_or("", |v| v.name.as_str());
    let prefix = mismatch.context.prefix();
    match &mismatch.message {
        Some(message) => format!("{prefix}{verdict}: {message}"),
        None => format!(
            "{prefix}{verdict}: expected {}, got {}",
            value_text(&mismatch.expected),
            value_text(&mismatch.actual)
        ),
    }
}

/// `verdict: expected X, errored with CODE`.
fn errored_text(model: &Model, errored: &super::ErroredVerdict) -> String {
    let verdict = model
        .verdicts
        .get(errored.verdict as usize)
        .map_or("", |v| v.name.as_str());
    format!(
        "{}{verdict}: expected {}, errored with {}",
        errored.context.prefix(),
        value_text(&errored.expected),
        errored.code
    )
}

/// The wrong verdicts of a scenario, each with why it came out so.
fn mismatches_text(model: &Model, mismatches: &[super::Mismatch], out: &mut String) {
    for mismatch in mismatches {
        let verdict = model
            .verdicts
            .get(mismatch.verdict as usize)
            .map_or("", |v| v.name.as_str());
        if mismatch.message.is_some() {
            continue;
        }
        let mut whence = String::new();
        if let Some(date) = mismatch.context.date {
            let _ = write!(whence, " on {}", date.format("%Y-%m-%d"));
        }
        if let Some(readings) = &mismatch.context.readings {
            let _ = write!(whence, " under readings {readings}");
        }
        let _ = writeln!(
            out,
            "  why {verdict} is {}{whence}:",
            value_text(&mismatch.actual)
        );
        for line in &mismatch.explanation {
            let _ = writeln!(out, "    {line}");
        }
    }
}

/// One line per failing scenario (with each wrong verdict, what was expected
/// and what came out, and why), then nothing for the ones that passed.
pub fn failures(model: &Model, run: &PolicyRun) -> String {
    let mut out = String::new();
    for result in &run.results {
        let name = result.path.display();
        match &result.outcome {
            Outcome::Passed => {}
            Outcome::Failed(mismatches) => {
                let wrong: Vec<String> =
                    mismatches.iter().map(|m| mismatch_text(model, m)).collect();
                let _ = writeln!(out, "FAIL {name}: {}", wrong.join("; "));
                mismatches_text(model, mismatches, &mut out);
            }
            Outcome::Invalid(problems) => {
                let _ = writeln!(out, "INVALID {name}: the scenario does not fit the policy");
                for problem in problems {
                    out.push_str(problem);
                    if !problem.ends_with('\n') {
                        out.push('\n');
                    }
                }
            }
            Outcome::Errored {
                errored,
                mismatches,
            } => {
                let failed: Vec<String> = errored
                    .iter()
                    .map(|e| errored_text(model, e))
                    .chain(mismatches.iter().map(|m| mismatch_text(model, m)))
                    .collect();
                let _ = writeln!(out, "ERROR {name}: {}", failed.join("; "));
                for verdict in errored {
                    let name = model
                        .verdicts
                        .get(verdict.verdict as usize)
                        .map_or("", |v| v.name.as_str());
                    let _ = writeln!(
                        out,
                        "  {}{name} errored {}",
                        verdict.context.prefix(),
                        verdict.message
                    );
                    out.push_str(&verdict.diagnostic);
                    if !verdict.diagnostic.ends_with('\n') {
                        out.push('\n');
                    }
                }
                mismatches_text(model, mismatches, &mut out);
            }
        }
    }
    out
}

/// One scenario's result as JSON: `{"scenario", "status"}`, and for a
/// scenario that failed or errored, `"failures"`: each verdict that did
/// not come out as expected, with `expected` and `actual` in the same terms
/// as the text report, or `expected` and the `error` it ended in (its
/// `code` and `message`).
pub fn result_json(model: Option<&Model>, result: &super::ScenarioResult) -> Json {
    let status = match &result.outcome {
        Outcome::Passed => "passed",
        Outcome::Failed(_) => "failed",
        Outcome::Invalid(_) => "invalid",
        Outcome::Errored { .. } => "error",
    };
    let mut entry = json!({"scenario": result.path.display().to_string(), "status": status});
    let name = |verdict: crate::model::VerdictId| {
        model
            .and_then(|m| m.verdicts.get(verdict as usize))
            .map_or("", |v| v.name.as_str())
            .to_string()
    };
    let wrong = |mismatches: &[super::Mismatch]| -> Vec<Json> {
        mismatches
            .iter()
            .map(
                |m| json!({"verdict": name(m.verdict), "expected": m.expected, "actual": m.actual}),
            )
            .collect()
    };
    let failures: Vec<Json> = match &result.outcome {
        Outcome::Failed(mismatches) => wrong(mismatches),
        Outcome::Errored {
            errored,
            mismatches,
        } => errored
            .iter()
            .map(|e| {
                json!({
                    "verdict": name(e.verdict),
                    "expected": e.expected,
                    "error": {"code": e.code, "message": e.message},
                })
            })
            .chain(wrong(mismatches))
            .collect(),
        Outcome::Passed | Outcome::Invalid(_) => Vec::new(),
    };
    if let (false, Json::Object(map)) = (failures.is_empty(), &mut entry) {
        map.insert(String::from("failures"), Json::Array(failures));
    }
    entry
}

fn kind(model: &Model, rule: RuleRef) -> &'static str {
    match rule {
        RuleRef::Definition(_) => "definition",
        RuleRef::Exception(_) => "exception",
        RuleRef::Deontic(id) => match model.deontics.get(id as usize).map(|d| d.kind) {
            Some(crate::ast::DeonticKind::Obligation) => "obligation",
            Some(crate::ast::DeonticKind::Permission) => "permission",
            Some(crate::ast::DeonticKind::Commitment) => "commitment",
            _ => "prohibition",
        },
    }
}

/// Provisions in report order: those no scenario reached first.
fn provision_order(model: &Model, coverage: &Coverage) -> Vec<u32> {
    let mut order: Vec<u32> = (0..model.provisions.len() as u32).collect();
    order.sort_by_key(|p| (coverage.reached(*p), *p));
    order
}

/// Coverage per provision as text.
pub fn coverage_text(model: &Model, run: &PolicyRun) -> String {
    let coverage = &run.coverage;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Coverage of {} by {} scenario{}",
        run.policy.display(),
        coverage.scenarios,
        if coverage.scenarios == 1 { "" } else { "s" }
    );
    let unreached: Vec<&str> = provision_order(model, coverage)
        .iter()
        .filter(|p| !coverage.reached(**p) && coverage.rules.iter().any(|r| r.provision == **p))
        .filter_map(|p| model.provisions.get(*p as usize).map(|p| p.name.as_str()))
        .collect();
    if unreached.is_empty() {
        let _ = writeln!(out, "  every provision with rules was reached");
    } else {
        let _ = writeln!(
            out,
            "  provisions no scenario reached: {}",
            unreached.join(", ")
        );
    }
    for provision in provision_order(model, coverage) {
        let Some(info) = model.provisions.get(provision as usize) else {
            continue;
        };
        let rules: Vec<_> = coverage
            .rules
            .iter()
            .filter(|r| r.provision == provision)
            .collect();
        let status = if rules.is_empty() {
            "no rules"
        } else if coverage.reached(provision) {
            "reached"
        } else {
            "NOT REACHED"
        };
        let _ = writeln!(out, "  {} ({status})", info.name);
        for rule in rules {
            let (name, ..) = crate::explain::rule_identity(model, rule.rule);
            let mut line = format!("    {} {name}: ", kind(model, rule.rule));
            if rule.exercised == 0 {
                line.push_str("never exercised");
            } else {
                let _ = write!(line, "exercised in {}", rule.exercised);
                if let RuleRef::Exception(_) = rule.rule {
                    let _ = write!(line, ", applied in {}", rule.applied);
                }
            }
            let _ = writeln!(out, "{line}");
            for condition in &rule.conditions {
                let both = condition.seen_true > 0 && condition.seen_false > 0;
                let _ = writeln!(
                    out,
                    "      {} `{}`: true in {}, false in {}, undetermined in {}",
                    if both { "both" } else { "ONE-SIDED" },
                    condition.condition,
                    condition.seen_true,
                    condition.seen_false,
                    condition.seen_unknown
                );
            }
        }
    }
    out
}

/// Coverage per provision as JSON.
pub fn coverage_json(model: &Model, run: &PolicyRun) -> Json {
    let coverage = &run.coverage;
    let provisions: Vec<Json> = provision_order(model, coverage)
        .iter()
        .filter_map(|p| {
            let info = model.provisions.get(*p as usize)?;
            let rules: Vec<Json> = coverage
                .rules
                .iter()
                .filter(|r| r.provision == *p)
                .map(|rule| {
                    let (name, ..) = crate::explain::rule_identity(model, rule.rule);
                    let conditions: Vec<Json> = rule
                        .conditions
                        .iter()
                        .map(|c| {
                            json!({
                                "condition": c.condition,
                                "true": c.seen_true,
                                "false": c.seen_false,
                                "undetermined": c.seen_unknown,
                                "both": c.seen_true > 0 && c.seen_false > 0,
                            })
                        })
                        .collect();
                    let mut entry = json!({
                        "rule": name,
                        "kind": kind(model, rule.rule),
                        "exercised": rule.exercised,
                        "conditions": conditions,
                    });
                    if let (RuleRef::Exception(_), Some(object)) =
                        (rule.rule, entry.as_object_mut())
                    {
                        object.insert(String::from("applied"), json!(rule.applied));
                    }
                    entry
                })
                .collect();
            Some(json!({
                "provision": info.name,
                "reached": coverage.reached(*p),
                "rules": rules,
            }))
        })
        .collect();
    json!({
        "policy": run.policy.display().to_string(),
        "scenarios": coverage.scenarios,
        "passed": run.passed(),
        "failed": run.failed(),
        "complete": coverage.complete(model),
        "provisions": provisions,
    })
}

fn xml(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `skipped PATH: REASON`, one line for each file or folder left out.
pub fn skipped_lines(skipped: &[Skipped]) -> Vec<String> {
    skipped
        .iter()
        .map(|s| format!("skipped {}: {}", s.path.display(), s.reason))
        .collect()
}

/// `[{"path": ..., "reason": ...}]`, for the JSON report.
pub fn skipped_json(skipped: &[Skipped]) -> Json {
    Json::Array(
        skipped
            .iter()
            .map(|s| json!({"path": s.path.display().to_string(), "reason": s.reason}))
            .collect(),
    )
}

/// A JUnit XML report of every policy's scenarios.
pub fn junit(runs: &[(PolicyRun, Option<&Model>)]) -> String {
    junit_with_skipped(runs, &[])
}

/// A JUnit XML report of every policy's scenarios, and of the files left
/// out: a test suite named `skipped` with a skipped test case for each,
/// which continuous integration shows as skipped, not passed.
pub fn junit_with_skipped(runs: &[(PolicyRun, Option<&Model>)], skipped: &[Skipped]) -> String {
    let tests: usize = runs.iter().map(|(r, _)| r.results.len()).sum::<usize>() + skipped.len();
    let failures: usize = runs.iter().map(|(r, _)| r.failed()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let skipped_attribute = if skipped.is_empty() {
        String::new()
    } else {
        format!(" skipped=\"{}\"", skipped.len())
    };
    let _ = writeln!(
        out,
        "<testsuites name=\"provisio\" tests=\"{tests}\" failures=\"{failures}\"{skipped_attribute}>"
    );
    for (run, model) in runs {
        let suite = xml(&run.policy.display().to_string());
        let _ = writeln!(
            out,
            "  <testsuite name=\"{suite}\" tests=\"{}\" failures=\"{}\">",
            run.results.len(),
            run.failed()
        );
        for result in &run.results {
            let name = xml(&result.path.display().to_string());
            let _ = write!(out, "    <testcase classname=\"{suite}\" name=\"{name}\"");
            let detail = match (&result.outcome, model) {
                (super::Outcome::Passed, _) => None,
                (super::Outcome::Failed(mismatches), Some(model)) => {
                    let text: Vec<String> =
                        mismatches.iter().map(|m| mismatch_text(model, m)).collect();
                    Some(("wrong verdicts", text.join("\n")))
                }
                (super::Outcome::Failed(_), None) => Some(("wrong verdicts", String::new())),
                (super::Outcome::Invalid(problems), _) => {
                    Some(("invalid scenario", problems.join("\n")))
                }
                (
                    super::Outcome::Errored {
                        errored,
                        mismatches,
                    },
                    Some(model),
                ) => {
                    let text: Vec<String> = errored
                        .iter()
                        .map(|e| format!("{}: {}", errored_text(model, e), e.message))
                        .chain(mismatches.iter().map(|m| mismatch_text(model, m)))
                        .collect();
                    Some(("verdicts errored", text.join("\n")))
                }
                (super::Outcome::Errored { .. }, None) => Some(("verdicts errored", String::new())),
            };
            match detail {
                None => out.push_str("/>\n"),
                Some((message, text)) => {
                    let _ = writeln!(
                        out,
                        ">\n      <failure message=\"{message}\">{}</failure>\n    </testcase>",
                        xml(&text)
                    );
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"skipped\" tests=\"{0}\" failures=\"0\" skipped=\"{0}\">",
            skipped.len()
        );
        for entry in skipped {
            let _ = writeln!(
                out,
                "    <testcase classname=\"skipped\" name=\"{}\">\n      <skipped message=\"{}\"/>\n    </testcase>",
                xml(&entry.path.display().to_string()),
                xml(entry.reason)
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
