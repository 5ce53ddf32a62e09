//! A verdict's expectations in the scenarios of its policy: renaming a
//! verdict renames its keys in `expect`, `all_readings` and each date of
//! `at`, in the scenario files of the `scenarios/` folder beside the policy
//! (the folder `provisio test` runs).

use std::path::Path;

use lsp_types::{TextEdit, Uri};
use serde_json::Value as Json;

use super::documents::path_uri;
use super::lines::LineIndex;
use crate::facts::FactsFormat;
use crate::span::Span;

/// The edits that rename the verdict `old` to `new` in the scenarios of the
/// policy at `policy`, file by file, in path order. Scenarios that cannot be
/// read or parsed are left alone (`provisio test` reports them).
pub fn rename_expectations(policy: &Path, old: &str, new: &str) -> Vec<(Uri, Vec<TextEdit>)> {
    let Some(folder) = policy.parent().map(|p| p.join("scenarios")) else {
        return Vec::new();
    };
    if !folder.is_dir() {
        return Vec::new();
    }
    let mut changes = Vec::new();
    for file in crate::testing::scenario_files(&folder) {
        // Only scenarios of this policy: the one policy beside their folder.
        let ours = super::facts::policy_of(&file).is_some_and(|(_, found)| found == policy);
        let format = FactsFormat::from_path(&file).filter(|f| *f != FactsFormat::Toml);
        let (true, Some(format), Ok(text)) = (ours, format, std::fs::read_to_string(&file)) else {
            continue;
        };
        let edits = edits(&text, format, old, new);
        if let (false, Some(uri)) = (edits.is_empty(), path_uri(&file)) {
            changes.push((uri, edits));
        }
    }
    changes
}

/// The edits of one scenario's text.
fn edits(text: &str, format: FactsFormat, old: &str, new: &str) -> Vec<TextEdit> {
    let document: Option<Json> = match format {
        FactsFormat::Json => serde_json::from_str(text).ok(),
        _ => serde_norway::from_str(text).ok(),
    };
    let Some(document) = document else {
        return Vec::new();
    };
    let has = |value: &Json| value.as_object().is_some_and(|o| o.contains_key(old));
    let mut paths: Vec<Vec<&str>> = Vec::new();
    for section in ["expect", "all_readings"] {
        if document.get(section).is_some_and(has) {
            paths.push(vec![section, old]);
        }
    }
    if let Some(dates) = document.get("at").and_then(Json::as_object) {
        for (date, expected) in dates {
            if has(expected) {
                paths.push(vec!["at", date.as_str(), old]);
            }
        }
    }
    let lines = LineIndex::new(text);
    paths
        .iter()
        .filter_map(|path| crate::facts::key_span(text, format, path))
        .filter_map(|span| {
            // The key's span may take in its quotes: the name inside it.
            let at = text.get(span.start..span.end)?.find(old)? + span.start;
            Some(TextEdit::new(
                lines.range(text, Span::new(at, at + old.len())),
                new.to_string(),
            ))
        })
        .collect()
}
