//! Reforms: an amendment that is not in force, applied to its base for
//! "what if" analysis (`provisio eval BASE --with REFORM.policy`). A reform
//! is written as any amendment is (`amends "BASE"` and `from DATE ... end`
//! blocks), and its dates apply: a reform proposed from 2027 gives the
//! base's answers before 2027. [`load_with`] checks that the reform amends
//! the base given and makes the reformed model; [`compare`] sets the
//! verdicts under the base beside those under the reform.

pub mod compare;

use std::path::{Path, PathBuf};

pub use compare::{Compared, Comparison, Side, compare};

use crate::check::{Checked, read_error};
use crate::diagnostic::{Problem, Problems};
use crate::span::{SourceFile, Span};

/// The base with the reform applied: the reform checked as the amendment
/// it is, after making sure that it amends `base`.
pub fn load_with(base: &Path, reform: &Path) -> Result<Checked, Problems> {
    let text = std::fs::read_to_string(reform).map_err(|error| Problems {
        items: vec![read_error("reform", reform, &error)],
    })?;
    let source = SourceFile::new(reform.display().to_string(), text);
    let file = crate::syntax::parse(&source).map_err(|problem| Problems {
        items: vec![problem],
    })?;
    let Some(decl) = file.amends.first() else {
        let first_line = source.text.lines().next().map_or(0, str::len);
        return Err(Problems {
            items: vec![
                Problem::error(
                    "provisio::reform_not_amendment",
                    format!("the reform `{}` amends no policy", reform.display()),
                    Span::new(0, first_line),
                    "no `amends` in this file",
                )
                .with_help(format!(
                    "a reform is an amendment of the base: write `amends \"{}\"` after its instrument header, and its changes in `from DATE ... end` blocks",
                    relative_to(reform, base)
                ))
                .in_file(&source),
            ],
        });
    };
    let amended = reform
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join(&decl.path.value);
    if canonical(&amended) != canonical(base) {
        return Err(Problems {
            items: vec![
                Problem::error(
                    "provisio::reform_of_another_policy",
                    format!(
                        "the reform amends `{}`, not `{}`",
                        decl.path.value,
                        base.display()
                    ),
                    decl.path.span,
                    format!("read as `{}`", amended.display()),
                )
                .with_help(format!(
                    "evaluate the reform against the policy it amends: `provisio eval {} --with {}`; or make it amend `{}`",
                    amended.display(),
                    reform.display(),
                    relative_to(reform, base)
                ))
                .in_file(&source),
            ],
        });
    }
    crate::check::check(&source, &file)
}

/// The canonical form of a path, to compare files.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `base` as a path from the reform's folder, for a help line: its file
/// name when both are in one folder, else the path as given.
fn relative_to(reform: &Path, base: &Path) -> String {
    let same_folder = canonical(reform).parent().map(Path::to_path_buf)
        == canonical(base).parent().map(Path::to_path_buf);
    match (same_folder, base.file_name()) {
        (true, Some(name)) => name.to_string_lossy().into_owned(),
        _ => base.display().to_string(),
    }
}
