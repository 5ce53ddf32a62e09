//! Every failure shows in the exit status: a write error on standard output
//! or on a file a command writes is reported on stderr and exits 1, and a
//! reader that closed the pipe early ends output quietly while the command
//! still finishes its work and exits with the work's own status.
//!
//! `/dev/full` fails every write with "No space left on device". The closed
//! pipe is made before the command starts (its reading end dropped), so the
//! command's first write meets it, every time.

#![cfg(target_os = "linux")]

use std::fs::OpenOptions;
use std::process::{Command, Stdio};

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const FACTS: &str = "tests/cli/2026-03-28.json";
/// Facts without `as_of`, so that a timeline has no note to make.
const FACTS_NO_AS_OF: &str = "tests/cli/no-as-of.json";
const BAD_POLICY: &str = "tests/diagnostics/policies/duplicate_fact.policy";
const FAILING_SUITE: &str = "tests/fixtures/failing_suite/small_tax.policy";
const FAILING_SCENARIOS: &str = "tests/fixtures/failing_suite/cases";
const PASSING_SCENARIO: &str = "tests/fixtures/failing_suite/cases/high-income.json";

const STDOUT_FULL: &str =
    "error: cannot write to standard output: No space left on device (os error 28)\n";

/// What a run ended with.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Where the command's stdout goes.
enum Stdout {
    /// A pipe read to the end, as a terminal or a patient reader would.
    Read,
    /// `/dev/full`.
    Full,
    /// A pipe whose reader has already gone.
    ClosedPipe,
}

fn full() -> std::fs::File {
    OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full opens")
}

fn provisio_with(args: &[&str], stdout: Stdout, stderr_full: bool) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null());
    match stdout {
        Stdout::Read => command.stdout(Stdio::piped()),
        Stdout::Full => command.stdout(full()),
        Stdout::ClosedPipe => {
            let (reader, writer) = std::io::pipe().expect("a pipe");
            drop(reader);
            command.stdout(writer)
        }
    };
    if stderr_full {
        command.stderr(full());
    } else {
        command.stderr(Stdio::piped());
    }
    let output = command.output().expect("runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn provisio(args: &[&str], stdout: Stdout) -> Run {
    provisio_with(args, stdout, false)
}

/// Commands whose work succeeds, one per output format.
fn successful_commands() -> Vec<Vec<&'static str>> {
    let eval = |extra: &[&'static str]| {
        let mut args = vec!["eval", POLICY, "--facts", FACTS];
        args.extend_from_slice(extra);
        args
    };
    let timeline = |format: &'static str| {
        vec![
            "timeline",
            POLICY,
            "--facts",
            FACTS_NO_AS_OF,
            "--from",
            "2026-03-01",
            "--to",
            "2026-04-30",
            "--format",
            format,
        ]
    };
    vec![
        vec!["check", POLICY],
        eval(&["--format", "text"]),
        eval(&["--format", "text", "--explain", "full"]),
        eval(&["--format", "json"]),
        eval(&["--format", "markdown"]),
        eval(&["--all-readings", "--format", "text"]),
        eval(&["--all-readings", "--format", "json"]),
        eval(&["--all-readings", "--format", "markdown"]),
        timeline("text"),
        timeline("json"),
        timeline("svg"),
        vec!["test", FAILING_SUITE, "--scenarios", PASSING_SCENARIO],
        vec![
            "test",
            FAILING_SUITE,
            "--scenarios",
            PASSING_SCENARIO,
            "--format",
            "json",
        ],
    ]
}

/// What `test --format json` says on stderr besides its report.
fn stderr_besides_output(args: &[&str]) -> &'static str {
    if args.first() == Some(&"test") && args.contains(&"json") {
        "1 passed, 0 failed\n"
    } else {
        ""
    }
}

#[test]
fn the_successful_commands_write_something_and_exit_0() {
    // The baseline for the tests below: with a reader, these succeed.
    for args in successful_commands() {
        let run = provisio(&args, Stdout::Read);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert!(!run.stdout.is_empty(), "{args:?}");
        assert_eq!(run.stderr, stderr_besides_output(&args), "{args:?}");
    }
}

#[test]
fn stdout_on_a_full_device_exits_1_with_the_error_on_stderr() {
    for args in successful_commands() {
        let run = provisio(&args, Stdout::Full);
        assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            // The error is reported when the write fails, before the count
            // `test --format json` prints after its report.
            format!("{STDOUT_FULL}{}", stderr_besides_output(&args)),
            "{args:?}"
        );
    }
}

#[test]
fn stdout_on_a_closed_pipe_ends_quietly_with_the_works_success() {
    for args in successful_commands() {
        let run = provisio(&args, Stdout::ClosedPipe);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, stderr_besides_output(&args), "{args:?}");
    }
}

#[test]
fn check_on_a_full_device_still_checks_every_file() {
    let run = provisio(&["check", POLICY, BAD_POLICY, POLICY], Stdout::Full);
    assert_eq!(run.code, Some(1));
    // The bad file, after the first good one whose line could not be
    // written, is still checked and its problem reported.
    assert!(
        run.stderr
            .contains("fact `session_opening` is declared twice"),
        "{}",
        run.stderr
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    let error_lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| line.starts_with("error: "))
        .collect();
    assert_eq!(
        error_lines,
        [
            STDOUT_FULL.trim_end(),
            "error: tests/diagnostics/policies/duplicate_fact.policy: 1 problem",
        ]
    );
}

#[test]
fn check_on_a_closed_pipe_still_checks_every_file_and_fails_for_the_bad_one() {
    let run = provisio(&["check", POLICY, BAD_POLICY, POLICY], Stdout::ClosedPipe);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("fact `session_opening` is declared twice"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("error: tests/diagnostics/policies/duplicate_fact.policy: 1 problem\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("cannot write"), "{}", run.stderr);
}

#[test]
fn check_of_good_files_on_a_closed_pipe_checks_the_last_one_too() {
    // The bad file comes last, after the pipe has closed.
    let run = provisio(&["check", POLICY, POLICY, BAD_POLICY], Stdout::ClosedPipe);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .ends_with("error: tests/diagnostics/policies/duplicate_fact.policy: 1 problem\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_test_run_with_failures_fails_on_a_full_device_and_on_a_closed_pipe() {
    let text = ["test", FAILING_SUITE, "--scenarios", FAILING_SCENARIOS];
    let json = [
        "test",
        FAILING_SUITE,
        "--scenarios",
        FAILING_SCENARIOS,
        "--format",
        "json",
    ];

    let run_full = provisio(&text, Stdout::Full);
    assert_eq!(run_full.code, Some(1));
    assert_eq!(run_full.stderr, STDOUT_FULL);

    let run_full = provisio(&json, Stdout::Full);
    assert_eq!(run_full.code, Some(1));
    // Every scenario ran: the count on stderr says so.
    assert_eq!(
        run_full.stderr,
        format!("{STDOUT_FULL}1 passed, 1 failed\n")
    );

    let closed = provisio(&text, Stdout::ClosedPipe);
    assert_eq!(closed.code, Some(1));
    assert_eq!(closed.stderr, "");

    let closed = provisio(&json, Stdout::ClosedPipe);
    assert_eq!(closed.code, Some(1));
    assert_eq!(closed.stderr, "1 passed, 1 failed\n");
}

#[test]
fn a_junit_report_on_a_full_device_fails_a_passing_run() {
    let args = [
        "test",
        FAILING_SUITE,
        "--scenarios",
        PASSING_SCENARIO,
        "--junit",
        "/dev/full",
    ];
    let run = provisio(&args, Stdout::Read);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: cannot write to /dev/full: No space left on device (os error 28)\n"
    );
    // The report on stdout is still written.
    assert_eq!(run.stdout, "1 passed, 0 failed\n");
}

#[test]
fn a_junit_report_that_cannot_be_created_fails_the_run_after_the_report() {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-folder");
    let _ = std::fs::remove_dir_all(&folder);
    let path = folder.join("report.xml");
    let path = path.to_str().expect("a UTF-8 path");
    let run = provisio(
        &[
            "test",
            FAILING_SUITE,
            "--scenarios",
            PASSING_SCENARIO,
            "--junit",
            path,
        ],
        Stdout::Read,
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        format!("error: cannot write to {path}: No such file or directory (os error 2)\n")
    );
    assert_eq!(run.stdout, "1 passed, 0 failed\n");
}

#[test]
fn a_junit_report_and_stdout_both_full_report_both() {
    let args = [
        "test",
        FAILING_SUITE,
        "--scenarios",
        PASSING_SCENARIO,
        "--junit",
        "/dev/full",
    ];
    let run = provisio(&args, Stdout::Full);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot write to /dev/full: No space left on device (os error 28)\n{STDOUT_FULL}"
        )
    );
}

#[test]
fn a_full_stderr_as_well_exits_1_without_a_panic() {
    // Nothing can be said; the status still says it.
    for args in [
        vec!["check", POLICY, BAD_POLICY],
        vec!["check", POLICY],
        vec!["test", FAILING_SUITE, "--scenarios", FAILING_SCENARIOS],
        vec![
            "test",
            FAILING_SUITE,
            "--scenarios",
            FAILING_SCENARIOS,
            "--format",
            "json",
        ],
        vec!["eval", POLICY, "--facts", FACTS, "--format", "json"],
    ] {
        let run = provisio_with(&args, Stdout::Full, true);
        assert_eq!(run.code, Some(1), "{args:?}");
    }
}

#[test]
fn a_full_stderr_alone_changes_no_status() {
    // Diagnostics that cannot be shown are lost, but the work's status holds:
    // a bad policy still fails, a good evaluation still succeeds.
    let run = provisio_with(&["check", POLICY, BAD_POLICY], Stdout::Read, true);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stdout,
        format!("{POLICY}: ok (5 provisions, 3 readings, 5 verdicts)\n")
    );
    let run = provisio_with(
        &["test", FAILING_SUITE, "--scenarios", FAILING_SCENARIOS],
        Stdout::Read,
        true,
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout.ends_with("1 passed, 1 failed\n"),
        "{}",
        run.stdout
    );
    let run = provisio_with(
        &[
            "test",
            FAILING_SUITE,
            "--scenarios",
            PASSING_SCENARIO,
            "--format",
            "json",
        ],
        Stdout::Read,
        true,
    );
    assert_eq!(run.code, Some(0));
    let run = provisio_with(&["eval", POLICY, "--facts", FACTS], Stdout::Read, true);
    assert_eq!(run.code, Some(0));
}

#[test]
fn help_and_version_on_a_full_device_exit_1() {
    for args in [vec!["--help"], vec!["--version"], vec!["check", "--help"]] {
        let run = provisio(&args, Stdout::Full);
        assert_eq!(run.code, Some(1), "{args:?}");
        assert_eq!(run.stderr, STDOUT_FULL, "{args:?}");
    }
}

#[test]
fn help_on_a_closed_pipe_exits_0_and_usage_errors_still_exit_2() {
    let run = provisio(&["--help"], Stdout::ClosedPipe);
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stderr, "");
    let run = provisio(&["eval", POLICY, "--format", "xml"], Stdout::Full);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("invalid value 'xml'"), "{}", run.stderr);
}
