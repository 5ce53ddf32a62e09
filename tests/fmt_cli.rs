//! `provisio fmt` on the command line: rewriting in place only what
//! changes, `--check` and its exit status, `-` for standard input, folders,
//! a file that does not parse and a file that is missing.

use std::path::Path;

use assert_cmd::Command;

/// A policy in the canonical layout.
const TIDY: &str = "instrument \"Tidy\"\n  adopted 2024-01-01\n\nfact n \"a number\": integer\n";
/// The same policy, laid out otherwise.
const MESSY: &str = "instrument   \"Tidy\" adopted 2024-01-01\nfact n \"a number\" :integer";
/// A policy that does not parse.
const BROKEN: &str = "instrument \"Broken\" adopted 2024-01-01\nfact = 1\n";

/// `provisio` run in `dir`.
fn provisio(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(dir);
    command
}

/// Runs `provisio ARGS` in `dir` with `stdin`: status, stdout, stderr.
fn run(dir: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    let output = provisio(dir)
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("provisio runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// A folder with `files` written into it.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(path, text).expect("a file");
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("the file reads")
}

#[test]
fn check_lists_the_files_that_would_change_and_exits_1() {
    let dir = folder(&[("a.policy", MESSY), ("b.policy", TIDY), ("c.policy", MESSY)]);
    let (status, out, err) = run(
        dir.path(),
        &["fmt", "--check", "a.policy", "b.policy", "c.policy"],
        "",
    );
    assert_eq!(
        (status, out.as_str(), err.as_str()),
        (1, "a.policy\nc.policy\n", "")
    );
    // Nothing was rewritten.
    assert_eq!(read(dir.path(), "a.policy"), MESSY);
}

#[test]
fn check_exits_0_when_nothing_would_change() {
    let dir = folder(&[("b.policy", TIDY)]);
    assert_eq!(
        run(dir.path(), &["fmt", "--check", "b.policy"], ""),
        (0, String::new(), String::new())
    );
}

#[test]
fn fmt_rewrites_only_the_files_that_change() {
    let dir = folder(&[("a.policy", MESSY), ("b.policy", TIDY)]);
    // An old time stamp on the tidy file shows whether it was written.
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    std::fs::File::options()
        .write(true)
        .open(dir.path().join("b.policy"))
        .and_then(|f| f.set_modified(old))
        .expect("a time stamp");
    assert_eq!(
        run(dir.path(), &["fmt", "a.policy", "b.policy"], ""),
        (0, String::new(), String::new())
    );
    assert_eq!(read(dir.path(), "a.policy"), TIDY);
    let after = std::fs::metadata(dir.path().join("b.policy"))
        .and_then(|m| m.modified())
        .expect("a time");
    assert_eq!(after, old, "a file already formatted is not written");
    assert_eq!(run(dir.path(), &["fmt", "--check", "a.policy"], "").0, 0);
}

#[test]
fn a_dash_reads_standard_input_and_writes_standard_output() {
    let dir = folder(&[]);
    assert_eq!(
        run(dir.path(), &["fmt", "-"], MESSY),
        (0, TIDY.to_string(), String::new())
    );
    assert_eq!(
        run(dir.path(), &["fmt", "--check", "-"], MESSY),
        (1, "-\n".to_string(), String::new())
    );
    assert_eq!(
        run(dir.path(), &["fmt", "--check", "-"], TIDY),
        (0, String::new(), String::new())
    );
}

#[test]
fn a_folder_means_every_policy_inside_sorted() {
    let dir = folder(&[
        ("rules/z.policy", MESSY),
        ("rules/a/b.policy", MESSY),
        ("rules/a/notes.txt", "not a policy"),
        ("rules/m.policy", TIDY),
    ]);
    let (status, out, err) = run(dir.path(), &["fmt", "--check", "rules"], "");
    assert_eq!(
        (status, out.as_str(), err.as_str()),
        (1, "rules/a/b.policy\nrules/z.policy\n", "")
    );
    assert_eq!(run(dir.path(), &["fmt", "rules"], "").0, 0);
    assert_eq!(read(dir.path(), "rules/a/b.policy"), TIDY);
    assert_eq!(read(dir.path(), "rules/a/notes.txt"), "not a policy");
    assert_eq!(
        run(dir.path(), &["fmt", "--check", "rules"], ""),
        (0, String::new(), String::new())
    );
}

#[test]
fn a_folder_without_policies_is_an_error() {
    let dir = folder(&[("empty/notes.txt", "x")]);
    let (status, out, err) = run(dir.path(), &["fmt", "empty"], "");
    assert_eq!((status, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "error: no `.policy` files under empty\n  help: give a policy file, or a folder that holds `.policy` files\n"
    );
}

#[test]
fn a_file_that_does_not_parse_gets_checks_diagnostic_and_is_left_alone() {
    let dir = folder(&[("bad.policy", BROKEN), ("a.policy", MESSY)]);
    let (status, out, err) = run(dir.path(), &["fmt", "bad.policy", "a.policy"], "");
    assert_eq!((status, out.as_str()), (1, ""));
    assert_eq!(read(dir.path(), "bad.policy"), BROKEN);
    // The other file is still formatted.
    assert_eq!(read(dir.path(), "a.policy"), TIDY);
    let (_, _, checked) = run(dir.path(), &["check", "bad.policy"], "");
    let diagnostic = checked
        .strip_suffix("error: bad.policy: 1 problem\n")
        .expect("check's summary line");
    assert_eq!(err, diagnostic);
    assert!(err.contains("provisio::syntax"), "{err}");
    assert!(err.contains("bad.policy:2:"), "{err}");
}

#[test]
fn standard_input_that_does_not_parse_writes_nothing() {
    let dir = folder(&[]);
    let (status, out, err) = run(dir.path(), &["fmt", "-"], BROKEN);
    assert_eq!((status, out.as_str()), (1, ""));
    assert!(
        err.contains("provisio::syntax") && err.contains("<stdin>:2:"),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_a_diagnostic_and_the_others_are_formatted() {
    let dir = folder(&[("a.policy", MESSY)]);
    let (status, out, err) = run(dir.path(), &["fmt", "missing.policy", "a.policy"], "");
    assert_eq!((status, out.as_str()), (1, ""));
    assert!(err.contains("provisio::read"), "{err}");
    assert!(
        err.contains("cannot read policy file `missing.policy`"),
        "{err}"
    );
    assert!(err.contains("check the path"), "{err}");
    assert_eq!(read(dir.path(), "a.policy"), TIDY);
}

#[test]
fn the_bundled_policies_pass_the_check_ci_runs() {
    let (status, out, err) = run(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["fmt", "--check", "rules/"],
        "",
    );
    assert_eq!((status, out.as_str(), err.as_str()), (0, "", ""));
}
