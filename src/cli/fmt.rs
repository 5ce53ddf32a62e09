//! `provisio fmt [PATH...] [--check]`

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::output::Output;
use super::report_problem;
use provisio::span::SourceFile;

/// Arguments of `provisio fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Policy files, or folders whose `*.policy` files (searched
    /// recursively) are formatted (default: the current folder); `-` reads
    /// standard input and writes standard output.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Rewrites nothing: lists the files that would change, one per line,
    /// and fails if there is any.
    #[arg(long)]
    check: bool,
}

/// What became of one file.
enum Outcome {
    /// Already in the canonical layout.
    Unchanged,
    /// Rewritten, or with `--check`, would be.
    Changed,
    /// Not formatted: a problem was reported.
    Failed,
}

/// Formats every file named; reports each problem and goes on with the
/// other files. Exit status 1 when a file could not be read or parsed, or,
/// with `--check`, when one would change.
pub fn run(args: FmtArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut stdout = Output::stdout();
    let mut failed = false;
    for path in &paths {
        let files = if path == Path::new("-") {
            vec![path.clone()]
        } else if path.is_dir() {
            let found = provisio::testing::policy_files(path);
            if found.is_empty() {
                stderr_line!(
                    "error: no `.policy` files under {}\n  help: give a policy file, or a folder that holds `.policy` files",
                    path.display()
                );
                failed = true;
            }
            found
        } else {
            vec![path.clone()]
        };
        for file in files {
            match format_one(&file, args.check, &mut stdout) {
                Outcome::Unchanged => {}
                Outcome::Changed => failed |= args.check,
                Outcome::Failed => failed = true,
            }
        }
    }
    let status = if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    stdout.finish().exit_code(status)
}

/// Formats one file, or standard input for `-`.
fn format_one(path: &Path, check: bool, stdout: &mut Output) -> Outcome {
    let stdin = path == Path::new("-");
    let text = if stdin {
        let mut text = String::new();
        match std::io::stdin().read_to_string(&mut text) {
            Ok(_) => text,
            Err(error) => {
                report_problem(provisio::check::read_error("standard input", path, &error));
                return Outcome::Failed;
            }
        }
    } else {
        match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                report_problem(provisio::check::read_error("policy file", path, &error));
                return Outcome::Failed;
            }
        }
    };
    let name = if stdin {
        String::from("<stdin>")
    } else {
        path.display().to_string()
    };
    let source = SourceFile::new(name, text);
    let formatted = match provisio::format::format_source(&source) {
        Ok(formatted) => formatted,
        Err(problem) => {
            report_problem(problem);
            return Outcome::Failed;
        }
    };
    let changed = formatted != *source.text;
    if check {
        if changed {
            stdout.write_text(&format!("{}\n", path.display()));
        }
    } else if stdin {
        stdout.write_text(&formatted);
    } else if changed && let Err(error) = std::fs::write(path, &formatted) {
        stderr_line!("error: cannot write to {}: {error}", path.display());
        return Outcome::Failed;
    }
    if changed {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    }
}
