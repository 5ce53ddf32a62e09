//! What `provisio test` leaves out of a folder, and why: its summary names
//! each such file, so that a scenario saved as `.txt`, one put in a
//! subfolder, or a policy without a `scenarios/` folder is not silently
//! left untested. Names starting with `.` are hidden, and left out
//! without a word, as discovery leaves out such folders.

use std::path::{Path, PathBuf};

/// A file or folder left out, with why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    /// The file or folder.
    pub path: PathBuf,
    /// Why, in words.
    pub reason: &'static str,
}

/// Why a file in a scenarios folder is not run.
pub const NOT_A_SCENARIO: &str = "not a scenario file (.json, .yaml, .yml)";
/// Why a folder in a scenarios folder is not read.
pub const SUBFOLDER: &str = "a folder in a scenarios folder is not read";
/// Why a policy found in a folder is not run.
pub const NO_SCENARIOS: &str = "no scenarios/ folder beside it";

/// Whether a path names a scenario file by its extension.
pub(super) fn is_scenario_file(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| matches!(x.to_ascii_lowercase().as_str(), "json" | "yaml" | "yml"))
}

fn hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// The scenario files in a folder, sorted (none when it does not exist),
/// with what else it holds noted in `skipped`.
pub fn scenario_files_noting(folder: &Path, skipped: &mut Vec<Skipped>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return files;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_file() && is_scenario_file(&path) {
            files.push(path);
        } else if hidden(&path) {
            continue;
        } else if path.is_dir() {
            skipped.push(Skipped {
                path,
                reason: SUBFOLDER,
            });
        } else {
            skipped.push(Skipped {
                path,
                reason: NOT_A_SCENARIO,
            });
        }
    }
    files.sort();
    files
}

/// Sorts the notes and keeps each once: a scenarios folder shared by two
/// policies is read twice.
pub fn tidy(skipped: &mut Vec<Skipped>) {
    skipped.sort();
    skipped.dedup();
}
