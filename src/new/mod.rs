//! `provisio new PATH`: a policy to start from, written into a new folder.
//!
//! The skeleton is a policy (an instrument, a fact, a provision with its
//! text, a definition and a verdict), a facts file and one scenario, which
//! check without a warning and pass as written, so that a drafter starts
//! from something that works and changes it one step at a time. Its text
//! lives in `src/new/template/`; this module only names and writes it, and
//! never overwrites anything.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Problem;
use crate::span::{SourceFile, Span};

/// The policy's text, with `@NAME@` where the policy's name goes.
const POLICY: &str = include_str!("template/policy.policy");
/// The facts file, for `provisio eval --facts`.
const FACTS: &str = include_str!("template/example.json");
/// The one scenario.
const SCENARIO: &str = include_str!("template/01-example.json");

/// The name of the argument that diagnostics point into.
const ARGUMENT: &str = "PATH";

/// The code of a path that exists and is not an empty folder.
pub const EXISTS: &str = "provisio::new::exists";
/// The code of a folder or file that could not be written.
pub const CANNOT_WRITE: &str = "provisio::new::cannot_write";

/// One file of the skeleton: where it goes inside the new folder, and what
/// it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkeletonFile {
    /// Its path relative to the new folder, such as `facts/example.json`.
    pub path: PathBuf,
    /// Its whole text.
    pub text: String,
    /// What it is for, in a few words, for the list of files written.
    pub purpose: &'static str,
}

/// The files of a skeleton whose policy is named `name` (already a file
/// name, see [`policy_name`]), in the order they are written and listed.
pub fn skeleton(name: &str) -> Vec<SkeletonFile> {
    vec![
        SkeletonFile {
            path: PathBuf::from(format!("{name}.policy")),
            text: POLICY.replace("@NAME@", name),
            purpose: "the policy: an instrument, a fact, a provision, a definition, a verdict",
        },
        SkeletonFile {
            path: ["facts", "example.json"].iter().collect(),
            text: FACTS.to_string(),
            purpose: "facts to evaluate it with",
        },
        SkeletonFile {
            path: ["scenarios", "01-example.json"].iter().collect(),
            text: SCENARIO.to_string(),
            purpose: "a scenario it must pass",
        },
    ]
}

/// The policy's file name (without `.policy`) for a new folder: the
/// folder's own name in lower case, each run of characters other than
/// ASCII letters and digits made one `_`, so that it reads as the
/// identifiers of the language do; `policy` when nothing is left, and
/// `policy_` before a leading digit.
pub fn policy_name(folder: &Path) -> String {
    // `.` and `..` name a folder only once resolved.
    let last = match folder.components().next_back() {
        Some(Component::Normal(name)) => name.to_string_lossy().into_owned(),
        _ => fs::canonicalize(folder)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default(),
    };
    let mut name = String::new();
    for c in last.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('_') {
            name.push('_');
        }
    }
    let name = name.trim_end_matches('_');
    match name.chars().next() {
        None => String::from("policy"),
        Some(c) if c.is_ascii_digit() => format!("policy_{name}"),
        Some(_) => name.to_string(),
    }
}

/// What [`write_skeleton`] wrote: the files, each as its path from where
/// the command ran, with what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The policy file written.
    pub policy: PathBuf,
    /// The facts file written.
    pub facts: PathBuf,
    /// Every file written, with what it is for, in order.
    pub files: Vec<(PathBuf, &'static str)>,
}

/// Writes the skeleton into `folder`, which must not exist or be an empty
/// folder: nothing is ever overwritten. On an error, whatever this call
/// created is removed again, so that a second try starts from the same
/// place.
pub fn write_skeleton(folder: &Path) -> Result<Written, Problem> {
    let argument = folder.display().to_string();
    if argument.is_empty() {
        return Err(argument_problem(
            "provisio::bad_argument",
            String::from("no folder given"),
            &argument,
            "empty",
            "give the folder to create, such as `provisio new my-policy`",
        ));
    }
    if folder.exists() || folder.is_symlink() {
        check_empty_folder(folder, &argument)?;
    }
    let files = skeleton(&policy_name(folder));
    let mut created: Vec<(PathBuf, bool)> = Vec::new();
    match write_files(folder, &files, &mut created) {
        Ok(()) => {
            let written: Vec<(PathBuf, &'static str)> = files
                .iter()
                .map(|f| (folder.join(&f.path), f.purpose))
                .collect();
            let at = |i: usize| written.get(i).map(|(p, _)| p.clone()).unwrap_or_default();
            Ok(Written {
                policy: at(0),
                facts: at(1),
                files: written,
            })
        }
        Err((path, error)) => {
            // Undo in reverse, so that each folder is empty when removed.
            for (made, is_dir) in created.iter().rev() {
                let _ = if *is_dir {
                    fs::remove_dir(made)
                } else {
                    fs::remove_file(made)
                };
            }
            Err(argument_problem(
                CANNOT_WRITE,
                format!("cannot write `{}`: {error}", path.display()),
                &argument,
                "not written",
                "give a folder in a place you may write to, such as `provisio new my-policy` in your own folder",
            ))
        }
    }
}

/// An existing `folder` is fine only when it is a folder with nothing in it.
fn check_empty_folder(folder: &Path, argument: &str) -> Result<(), Problem> {
    let what = if folder.is_dir() {
        match fs::read_dir(folder) {
            Ok(mut entries) => match entries.next() {
                None => return Ok(()),
                Some(_) => "a folder that is not empty",
            },
            Err(error) => {
                return Err(argument_problem(
                    CANNOT_WRITE,
                    format!("cannot read the folder `{argument}`: {error}"),
                    argument,
                    "not readable",
                    "give a folder you may read and write, or a new one",
                ));
            }
        }
    } else {
        "a file, not a folder"
    };
    Err(argument_problem(
        EXISTS,
        format!("`{argument}` already exists and is {what}"),
        argument,
        "already exists",
        format!(
            "`provisio new` never overwrites anything: give a folder that does not exist yet, such as `provisio new {}`, or an empty one",
            suggestion(folder)
        ),
    ))
}

/// A name beside `folder` that does not exist yet, to suggest.
fn suggestion(folder: &Path) -> String {
    let base = policy_name(folder).replace('_', "-");
    let parent = folder.parent().unwrap_or(Path::new(""));
    (2..100)
        .map(|n| parent.join(format!("{base}-{n}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| parent.join(format!("{base}-new")))
        .display()
        .to_string()
}

/// Creates the folders and files, recording each made so that they can be
/// removed on failure; the error names the path that failed.
fn write_files(
    folder: &Path,
    files: &[SkeletonFile],
    created: &mut Vec<(PathBuf, bool)>,
) -> Result<(), (PathBuf, std::io::Error)> {
    make_folder(folder, created)?;
    for file in files {
        let path = folder.join(&file.path);
        if let Some(parent) = path.parent() {
            make_folder(parent, created)?;
        }
        // `create_new`: a file that appeared meanwhile is an error, never
        // overwritten.
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| (path.clone(), e))?;
        created.push((path.clone(), false));
        out.write_all(file.text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| (path.clone(), e))?;
    }
    Ok(())
}

/// Creates `folder` and the folders above it that are missing.
fn make_folder(
    folder: &Path,
    created: &mut Vec<(PathBuf, bool)>,
) -> Result<(), (PathBuf, std::io::Error)> {
    if folder.as_os_str().is_empty() || folder.is_dir() {
        return Ok(());
    }
    if folder.exists() {
        let error = std::io::Error::other("it is a file, not a folder");
        return Err((folder.to_path_buf(), error));
    }
    if let Some(parent) = folder.parent() {
        make_folder(parent, created)?;
    }
    fs::create_dir(folder).map_err(|e| (folder.to_path_buf(), e))?;
    created.push((folder.to_path_buf(), true));
    Ok(())
}

/// A problem that points at the whole `PATH` argument.
fn argument_problem(
    code: &'static str,
    message: String,
    argument: &str,
    label: &str,
    help: impl Into<String>,
) -> Problem {
    let source = SourceFile::new(ARGUMENT, argument);
    Problem::error(code, message, Span::new(0, argument.len()), label)
        .with_help(help)
        .in_file(&source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_identifiers() {
        let name = |p: &str| policy_name(Path::new(p));
        assert_eq!(name("my-rules"), "my_rules");
        assert_eq!(name("work/Tax Code 2025/"), "tax_code_2025");
        assert_eq!(name("2025-budget"), "policy_2025_budget");
        assert_eq!(name("règles"), "r_gles");
        assert_eq!(name("--"), "policy");
        assert_eq!(name(""), "policy");
    }
}
