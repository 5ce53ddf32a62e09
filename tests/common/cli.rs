//! Running the `provisio` binary, and checking fixtures that must fail,
//! from the crate's folder, so that paths in messages are relative.
//! Included with `#[path = "common/cli.rs"] mod cli;`; each test file uses
//! only some of these.

#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use provisio::check::load_policy;
use provisio::diagnostic::Problems;
use provisio::render::diagnostics::render;

/// `provisio`, to be run from the crate's folder.
pub fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `provisio ARGS`: its exit status (-1 when killed by a signal),
/// stdout and stderr.
pub fn output(args: &[&str]) -> (i32, String, String) {
    let output = provisio().args(args).output().expect("provisio runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// Runs `provisio ARGS`, expects success, and returns stdout.
pub fn stdout_of(args: &[&str]) -> String {
    let (status, out, err) = output(args);
    assert_eq!(status, 0, "provisio {args:?} failed:\n{err}");
    out
}

/// Checks a policy that must fail, from the crate's folder.
pub fn problems_of(path: &str) -> Problems {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("the crate's folder");
    match load_policy(Path::new(path)) {
        Ok(_) => panic!("{path} checked without errors"),
        Err(problems) => problems,
    }
}

/// The problems as the terminal shows them, without colour.
pub fn rendered(problems: &Problems) -> String {
    problems
        .items
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The problems' codes, in order.
pub fn codes(problems: &Problems) -> Vec<&'static str> {
    problems.items.iter().map(|p| p.code).collect()
}
