//! `provisio new PATH`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::report_problem;

/// Arguments of `provisio new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to create: it must not exist yet, or be empty.
    #[arg(value_name = "PATH")]
    path: PathBuf,
}

/// Writes the skeleton, then lists the files written and the commands to
/// run next.
pub fn run(args: NewArgs) -> ExitCode {
    match provisio::new::write_skeleton(&args.path) {
        Ok(written) => {
            let width = written
                .files
                .iter()
                .map(|(path, _)| path.display().to_string().chars().count())
                .max()
                .unwrap_or(0);
            let mut text = format!("Wrote {} files:\n", written.files.len());
            for (path, purpose) in &written.files {
                let shown = path.display().to_string();
                let pad = width.saturating_sub(shown.chars().count());
                text.push_str(&format!("  {shown}{}  {purpose}\n", " ".repeat(pad)));
            }
            text.push_str(&format!(
                "\nNext, check the policy, evaluate it on the facts and run its scenario:\n  provisio check {}\n  provisio eval {} --facts {}\n  provisio test {}\nThen replace the example with the text you encode: the comments in the policy point to the docs.\n",
                quoted(&written.policy),
                quoted(&written.policy),
                quoted(&written.facts),
                quoted(&args.path),
            ));
            super::emit(&text, ExitCode::SUCCESS)
        }
        Err(problem) => {
            report_problem(problem);
            ExitCode::FAILURE
        }
    }
}

/// A path as a shell reads it back: as is when it holds only plain
/// characters, otherwise in single quotes.
fn quoted(path: &Path) -> String {
    let shown = path.display().to_string();
    let plain = shown.chars().all(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ',' | ':' | '@')
    });
    if plain && !shown.is_empty() {
        shown
    } else {
        format!("'{}'", shown.replace('\'', r"'\''"))
    }
}
