//! `provisio diff`'s output: text for a person, JSON for a program, and
//! the witnesses as scenario files, one per policy.

use serde_json::{Map, Value as Json, json};

use super::{Comparison, Outcome, Region};
use crate::analysis::describe::day_in_words;

/// The days of a region in words: `from 2 March 2024 to 25 March 2026`.
pub fn span_words(region: &Region) -> String {
    match (region.first, region.last) {
        (Some(f), Some(l)) if f == l => format!("on {} only", day_in_words(f)),
        (Some(f), Some(l)) => format!("from {} to {}", day_in_words(f), day_in_words(l)),
        (Some(f), None) => format!("from {} on, with no last day", day_in_words(f)),
        (None, Some(l)) => format!("until {}, with no first day", day_in_words(l)),
        (None, None) => String::from("on any date"),
    }
}

/// The comparison as text.
pub fn text(comparison: &Comparison) -> String {
    let (old, new) = (&comparison.old, &comparison.new);
    let mut out = format!("diff {old} -> {new}\n");
    let (only_old, only_new) = &comparison.facts_only;
    if !only_old.is_empty() {
        out.push_str(&format!(
            "facts read by {old} only: {}\n",
            only_old.join(", ")
        ));
    }
    if !only_new.is_empty() {
        out.push_str(&format!(
            "facts read by {new} only: {}\n",
            only_new.join(", ")
        ));
    }
    let (mut same, mut differ, mut undecided) = (0, 0, 0);
    for verdict in &comparison.verdicts {
        out.push('\n');
        match &verdict.outcome {
            Outcome::Same => {
                same += 1;
                out.push_str(&format!(
                    "same {}: no case gives it different values (proven over every case)\n",
                    verdict.name
                ));
            }
            Outcome::NotDecided(why) => {
                undecided += 1;
                out.push_str(&format!("not decided {}: {why}\n", verdict.name));
            }
            Outcome::Differs(regions) => {
                differ += 1;
                let n = regions.len();
                out.push_str(&format!(
                    "differs {}: {n} region{}\n",
                    verdict.name,
                    if n == 1 { "" } else { "s" }
                ));
                for (i, region) in regions.iter().enumerate() {
                    out.push_str(&region_text(i + 1, region, old, new));
                }
            }
        }
    }
    let listed = |title: &str, names: &[String], out: &mut String| {
        if !names.is_empty() {
            out.push_str(&format!("\n{title}: {}\n", names.join(", ")));
        }
    };
    listed(
        &format!("only in {old} (not compared)"),
        &comparison.only_old,
        &mut out,
    );
    listed(
        &format!("only in {new} (not compared)"),
        &comparison.only_new,
        &mut out,
    );
    for (name, was, is) in &comparison.different_types {
        out.push_str(&format!(
            "\nnot compared {name}: {was} in {old}, {is} in {new}\n"
        ));
    }
    out.push_str(&format!(
        "\n{differ} differ, {same} same, {undecided} not decided\n"
    ));
    out
}

fn region_text(index: usize, region: &Region, old: &str, new: &str) -> String {
    let mut out = format!(
        "  {index}. {old}: {}, {new}: {}, {}\n",
        region.old,
        region.new,
        span_words(region)
    );
    if !region.readings.is_empty() {
        out.push_str(&format!(
            "     under readings: {}\n",
            region.readings.join(", ")
        ));
    }
    let shown = region.cases.len().min(MAX_CASES_SHOWN);
    for (syntax, words) in region.cases.iter().take(shown) {
        out.push_str(&format!("     when: {syntax}\n"));
        out.push_str(&format!("     in words: {words}\n"));
    }
    if region.cases.len() > shown {
        out.push_str(&format!(
            "     ... and {} more cases (--format json lists them all)\n",
            region.cases.len() - shown
        ));
    }
    match &region.witness {
        Ok((o, n)) => {
            out.push_str(&format!("     witness: as of {}\n", o.as_of));
            let mut facts = o.facts.clone();
            for (k, v) in &n.facts {
                facts.entry(k.clone()).or_insert_with(|| v.clone());
            }
            out.push_str(&format!("       facts: {}\n", Json::Object(facts)));
            let readings = |w: &crate::analysis::Witness| {
                w.readings
                    .iter()
                    .map(|(r, a)| format!("{r}={a}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            // Old readings | new readings; none for policies without any.
            if !(o.readings.is_empty() && n.readings.is_empty()) {
                out.push_str(&format!(
                    "       readings: {} | {}\n",
                    readings(o),
                    readings(n)
                ));
            }
        }
        Err(why) => out.push_str(&format!("     no witness: {why}\n")),
    }
    out
}

/// How many cases of a region the text shows.
const MAX_CASES_SHOWN: usize = 4;

/// The comparison as JSON (its shape is in `docs/analysis.md`).
pub fn json(comparison: &Comparison) -> Json {
    let verdicts: Vec<Json> = comparison
        .verdicts
        .iter()
        .map(|v| {
            let mut entry = Map::new();
            entry.insert(String::from("verdict"), json!(v.name));
            match &v.outcome {
                Outcome::Same => {
                    entry.insert(String::from("outcome"), json!("same"));
                }
                Outcome::NotDecided(why) => {
                    entry.insert(String::from("outcome"), json!("not_decided"));
                    entry.insert(String::from("reason"), json!(why));
                }
                Outcome::Differs(regions) => {
                    entry.insert(String::from("outcome"), json!("differs"));
                    entry.insert(
                        String::from("regions"),
                        Json::Array(regions.iter().map(region_json).collect()),
                    );
                }
            }
            Json::Object(entry)
        })
        .collect();
    json!({
        "old": comparison.old,
        "new": comparison.new,
        "differs": comparison.differs(),
        "facts_only_in_old": comparison.facts_only.0,
        "facts_only_in_new": comparison.facts_only.1,
        "verdicts": verdicts,
        "only_in_old": comparison.only_old,
        "only_in_new": comparison.only_new,
        "different_types": comparison.different_types.iter().map(|(n, a, b)| json!({"verdict": n, "old": a, "new": b})).collect::<Vec<_>>(),
    })
}

fn region_json(region: &Region) -> Json {
    let day = |d: Option<chrono::NaiveDate>| d.map_or(Json::Null, |d| json!(d.to_string()));
    let (witness, reason) = match &region.witness {
        Ok((o, n)) => (
            json!({"old": o.scenario(), "new": n.scenario()}),
            Json::Null,
        ),
        Err(why) => (Json::Null, json!(why)),
    };
    json!({
        "old": region.old,
        "new": region.new,
        "first": day(region.first),
        "last": day(region.last),
        "dated": region.dated,
        "readings": region.readings,
        "cases": region.cases.iter().map(|(s, w)| json!({"condition": s, "words": w})).collect::<Vec<_>>(),
        "witness": witness,
        "no_witness": reason,
    })
}

/// The witness scenario files: for region `N` of verdict `V`,
/// `old/V-N.json` (for the old policy) and `new/V-N.json` (for the new),
/// each expecting what its own policy gives, so that
/// `provisio test --scenarios DIR/old OLD` and `DIR/new NEW` run them.
pub fn witness_files(comparison: &Comparison) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for verdict in &comparison.verdicts {
        let Outcome::Differs(regions) = &verdict.outcome else {
            continue;
        };
        for (i, region) in regions.iter().enumerate() {
            if let Ok((o, n)) = &region.witness {
                for (side, w) in [("old", o), ("new", n)] {
                    let mut text = serde_json::to_string_pretty(&w.scenario()).unwrap_or_default();
                    text.push('\n');
                    out.push((format!("{side}/{}-{:02}.json", verdict.name, i + 1), text));
                }
            }
        }
    }
    out
}
