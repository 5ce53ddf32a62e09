//! The analysis as text for a person, as JSON for a program, and its
//! witnesses as scenario files.

use serde_json::{Map, Value as Json, json};

use super::{Analysis, Finding, Kind, Witness};

/// How many findings of each kind, the allowed ones apart.
fn summary(analysis: &Analysis) -> Vec<(Kind, usize, usize)> {
    let kinds = [
        Kind::Gap,
        Kind::Conflict,
        Kind::DeadRule,
        Kind::ReadingNeverMatters,
        Kind::ReadingMatters,
        Kind::Unused,
        Kind::NotDecided,
    ];
    kinds
        .into_iter()
        .map(|kind| {
            let of = analysis.findings.iter().filter(|f| f.kind == kind);
            let allowed = of.clone().filter(|f| f.allowed.is_some()).count();
            (kind, of.count() - allowed, allowed)
        })
        .collect()
}

fn plural(kind: Kind, n: usize) -> String {
    let (one, many) = match kind {
        Kind::Gap => ("gap", "gaps"),
        Kind::Conflict => ("conflict", "conflicts"),
        Kind::DeadRule => ("dead rule", "dead rules"),
        Kind::ReadingNeverMatters => ("reading that never matters", "readings that never matter"),
        Kind::ReadingMatters => ("reading that matters", "readings that matter"),
        Kind::Unused => ("unused", "unused"),
        Kind::NotDecided => ("not decided", "not decided"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a witness gives the verdicts that matter to its finding: those it
/// names, and any that errors or stays undetermined.
fn gives(finding: &Finding, witness: &Witness) -> String {
    let shown: Vec<String> = witness
        .expect
        .iter()
        .filter(|(name, value)| {
            finding.rules.contains(name)
                || value.get("error").is_some()
                || value.get("status") == Some(&json!("undetermined"))
        })
        .map(|(name, value)| format!("{name} = {value}"))
        .collect();
    if shown.is_empty() {
        String::from("(see the scenario)")
    } else {
        shown.join(", ")
    }
}

fn witness_lines(out: &mut String, label: &str, finding: &Finding, witness: &Witness) {
    let readings: Vec<String> = witness
        .readings
        .iter()
        .map(|(r, a)| format!("{r}={a}"))
        .collect();
    out.push_str(&format!(
        "  {label}: as of {}{}\n",
        witness.as_of,
        if readings.is_empty() {
            String::new()
        } else {
            format!(", readings {}", readings.join(" "))
        }
    ));
    out.push_str(&format!(
        "    facts: {}\n",
        Json::Object(witness.facts.clone())
    ));
    out.push_str(&format!("    gives: {}\n", gives(finding, witness)));
}

/// The analysis as text: one block per finding, then the counts.
pub fn text(policy: &str, analysis: &Analysis) -> String {
    let mut out = String::new();
    for finding in &analysis.findings {
        let place = if finding.line == 0 {
            policy.to_string()
        } else {
            format!("{policy}:{}", finding.line)
        };
        out.push_str(&format!(
            "{} {place}: {}\n",
            finding.kind.name(),
            finding.message
        ));
        if let Some(reason) = &finding.allowed {
            out.push_str(&format!("  allowed: {reason}\n"));
        }
        if !finding.provisions.is_empty() {
            out.push_str(&format!(
                "  provisions: {}\n",
                finding.provisions.join(", ")
            ));
        }
        if !finding.written.is_empty() {
            out.push_str(&format!("  written: {}\n", finding.written.join("  |  ")));
        }
        if !finding.condition.is_empty() && finding.kind != Kind::DeadRule {
            out.push_str(&format!("  when: {}\n", finding.condition));
            out.push_str(&format!("  in words: {}\n", finding.condition_words));
        }
        if let Some(witness) = &finding.witness {
            witness_lines(&mut out, "witness", finding, witness);
        }
        if let Some(contrast) = &finding.contrast {
            witness_lines(&mut out, "and under the other reading", finding, contrast);
        }
        if let (Some(reason), None) = (&finding.reason, &finding.witness)
            && finding.kind != Kind::NotDecided
        {
            out.push_str(&format!("  no witness: {reason}\n"));
        }
        out.push('\n');
    }
    let counts: Vec<String> = summary(analysis)
        .into_iter()
        .filter(|(_, n, allowed)| *n > 0 || *allowed > 0)
        .map(|(kind, n, allowed)| {
            if allowed > 0 {
                format!("{} ({allowed} allowed)", plural(kind, n))
            } else {
                plural(kind, n)
            }
        })
        .collect();
    if counts.is_empty() {
        out.push_str(&format!("{policy}: no findings\n"));
    } else {
        out.push_str(&format!("{policy}: {}\n", counts.join(", ")));
    }
    out
}

fn finding_json(finding: &Finding) -> Json {
    let mut entry = Map::new();
    entry.insert(String::from("kind"), json!(finding.kind.name()));
    entry.insert(String::from("line"), json!(finding.line));
    entry.insert(String::from("message"), json!(finding.message));
    entry.insert(String::from("rules"), json!(finding.rules));
    entry.insert(String::from("provisions"), json!(finding.provisions));
    entry.insert(String::from("condition"), json!(finding.condition));
    entry.insert(
        String::from("condition_words"),
        json!(finding.condition_words),
    );
    entry.insert(String::from("written"), json!(finding.written));
    entry.insert(String::from("allowed"), json!(finding.allowed));
    entry.insert(String::from("reason"), json!(finding.reason));
    entry.insert(
        String::from("witness"),
        finding
            .witness
            .as_ref()
            .map_or(Json::Null, Witness::scenario),
    );
    if let Some(contrast) = &finding.contrast {
        entry.insert(String::from("contrast"), contrast.scenario());
    }
    if let Some((_, value, samples)) = &finding.dead {
        entry.insert(String::from("always"), json!(value));
        entry.insert(String::from("completions_checked"), json!(samples.len()));
    }
    Json::Object(entry)
}

/// The analysis as one JSON object.
pub fn json(policy: &str, analysis: &Analysis) -> Json {
    let mut counts = Map::new();
    for (kind, n, allowed) in summary(analysis) {
        counts.insert(
            kind.name().to_string(),
            json!({"found": n, "allowed": allowed}),
        );
    }
    json!({
        "policy": policy,
        "fails": analysis.fails(),
        "findings": analysis.findings.iter().map(finding_json).collect::<Vec<_>>(),
        "summary": Json::Object(counts),
    })
}

/// The witness scenarios: each file's name (`STEM-NN-KIND.json`, with
/// `-other` for the contrast of a reading) and its content.
pub fn witness_files(stem: &str, analysis: &Analysis) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for (index, finding) in analysis.findings.iter().enumerate() {
        let name = format!("{stem}-{:02}-{}", index + 1, finding.kind.name());
        let render = |w: &Witness| {
            let mut text = serde_json::to_string_pretty(&w.scenario()).unwrap_or_default();
            text.push('\n');
            text
        };
        if let Some(witness) = &finding.witness {
            files.push((format!("{name}.json"), render(witness)));
        }
        if let Some(contrast) = &finding.contrast {
            files.push((format!("{name}-other.json"), render(contrast)));
        }
    }
    files
}
