//! `provisio new PATH`: the skeleton it writes checks without a warning,
//! passes its scenario and evaluates its facts as written; it never
//! overwrites anything, and a place it cannot write is a diagnostic, not a
//! panic.

use std::path::Path;

use assert_cmd::Command;

/// Runs `provisio ARGS` in `dir`: the exit code, stdout and stderr.
fn provisio(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("under dir");
                found.push(relative.display().to_string());
            }
        }
    }
    found.sort();
    found
}

const WRITTEN: &str = "\
Wrote 3 files:
  my-rules/my_rules.policy            the policy: an instrument, a fact, a provision, a definition, a verdict
  my-rules/facts/example.json         facts to evaluate it with
  my-rules/scenarios/01-example.json  a scenario it must pass

Next, check the policy, evaluate it on the facts and run its scenario:
  provisio check my-rules/my_rules.policy
  provisio eval my-rules/my_rules.policy --facts my-rules/facts/example.json
  provisio test my-rules
Then replace the example with the text you encode: the comments in the policy point to the docs.
";

#[test]
fn the_skeleton_checks_without_warnings_passes_its_scenario_and_evaluates() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (code, stdout, stderr) = provisio(dir.path(), &["new", "my-rules"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, WRITTEN, ""));
    assert_eq!(
        files_under(&dir.path().join("my-rules")),
        [
            "facts/example.json",
            "my_rules.policy",
            "scenarios/01-example.json"
        ]
    );

    // Each command the output suggests, as it suggests it.
    let (code, stdout, stderr) = provisio(dir.path(), &["check", "my-rules/my_rules.policy"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "my-rules/my_rules.policy: ok (1 provision, 0 readings, 1 verdict)\n",
            ""
        )
    );
    let (code, stdout, stderr) = provisio(dir.path(), &["test", "my-rules"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "1 passed, 0 failed\n", "")
    );
    let (code, stdout, stderr) = provisio(
        dir.path(),
        &[
            "eval",
            "my-rules/my_rules.policy",
            "--facts",
            "my-rules/facts/example.json",
        ],
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "\
Allowance Regulation (an example to replace) (EX/2025/1), adopted 1 January 2025
As of 1 June 2025 (from the facts)
In force: art1

Verdicts
  eligible = true
    The applicant is eligible for the allowance on 1 June 2025.
    Why:
      - The applicant is eligible for the allowance: true, the household's annual income (EUR 24000.00) is at most EUR 30000.00. [art1: \"does not exceed EUR 30,000 a year\"]
    Facts: household_income = EUR 24000.00
"
    );

    // From inside the folder, as the policy's own comments say.
    let inside = dir.path().join("my-rules");
    let (code, stdout, _) = provisio(&inside, &["test", "."]);
    assert_eq!((code, stdout.as_str()), (0, "1 passed, 0 failed\n"));
    let (code, _, stderr) = provisio(
        &inside,
        &["eval", "my_rules.policy", "--facts", "facts/example.json"],
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn the_skeleton_reads_as_the_snapshots_show() {
    let files = provisio::new::skeleton("my_rules");
    let names: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(
        names,
        [
            "my_rules.policy",
            "facts/example.json",
            "scenarios/01-example.json"
        ]
    );
    for file in &files {
        let name = file.path.display().to_string().replace('/', "__");
        insta::assert_snapshot!(format!("new_{name}"), file.text);
    }
}

#[test]
fn the_files_written_are_the_skeleton() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (code, _, _) = provisio(dir.path(), &["new", "my-rules"]);
    assert_eq!(code, 0);
    for file in provisio::new::skeleton("my_rules") {
        let written =
            std::fs::read_to_string(dir.path().join("my-rules").join(&file.path)).expect("written");
        assert_eq!(written, file.text, "{}", file.path.display());
    }
}

#[test]
fn the_policy_is_named_after_its_folder() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (code, stdout, _) = provisio(dir.path(), &["new", "Tax Code 2025"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("  provisio check 'Tax Code 2025/tax_code_2025.policy'\n"),
        "{stdout}"
    );
    let (code, stdout, _) = provisio(dir.path(), &["test", "Tax Code 2025"]);
    assert_eq!((code, stdout.as_str()), (0, "1 passed, 0 failed\n"));

    let (code, _, _) = provisio(dir.path(), &["new", "2025"]);
    assert_eq!(code, 0);
    assert!(dir.path().join("2025/policy_2025.policy").is_file());
}

#[test]
fn an_empty_folder_is_filled() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let empty = dir.path().join("allowance");
    std::fs::create_dir(&empty).expect("a folder");
    let (code, _, stderr) = provisio(&empty, &["new", "."]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(empty.join("allowance.policy").is_file());
    let (code, stdout, _) = provisio(&empty, &["test", "."]);
    assert_eq!((code, stdout.as_str()), (0, "1 passed, 0 failed\n"));
}

#[test]
fn a_folder_that_is_not_empty_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (code, _, _) = provisio(dir.path(), &["new", "my-rules"]);
    assert_eq!(code, 0);
    let policy = dir.path().join("my-rules/my_rules.policy");
    std::fs::write(&policy, "# my own work\n").expect("written");

    let (code, stdout, stderr) = provisio(dir.path(), &["new", "my-rules"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "\
provisio::new::exists

  × `my-rules` already exists and is a folder that is not empty
   ╭─[PATH:1:1]
 1 │ my-rules
   · ────┬───
   ·     ╰── already exists
   ╰────
  help: `provisio new` never overwrites anything: give a folder that does not exist yet, such as
        `provisio new my-rules-2`, or an empty one

"
    );
    assert_eq!(
        std::fs::read_to_string(&policy).expect("still there"),
        "# my own work\n"
    );
}

#[test]
fn a_file_in_the_way_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("notes.txt"), "mine\n").expect("written");
    let (code, stdout, stderr) = provisio(dir.path(), &["new", "notes.txt"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(
        stderr.starts_with(
            "provisio::new::exists\n\n  × `notes.txt` already exists and is a file, not a folder\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: `provisio new` never overwrites anything"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("kept"),
        "mine\n"
    );
}

#[test]
fn a_place_that_cannot_be_written_is_an_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("notes.txt"), "mine\n").expect("written");
    // A folder inside a file cannot be made, whoever runs the test.
    let (code, stdout, stderr) = provisio(dir.path(), &["new", "notes.txt/rules"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(
        stderr,
        "\
provisio::new::cannot_write

  × cannot write `notes.txt`: it is a file, not a folder
   ╭─[PATH:1:1]
 1 │ notes.txt/rules
   · ───────┬───────
   ·        ╰── not written
   ╰────
  help: give a folder in a place you may write to, such as `provisio new my-policy` in your own
        folder

"
    );
    assert_eq!(files_under(dir.path()), ["notes.txt"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_an_error_and_what_was_made_is_removed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("a folder");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("read-only");
    // Whoever may write there anyway (root) writes the skeleton: then there
    // is nothing to test.
    if std::fs::write(locked.join("probe"), "").is_ok() {
        return;
    }
    let (code, stdout, stderr) = provisio(dir.path(), &["new", "locked/a/b"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(
        stderr.starts_with("provisio::new::cannot_write\n\n  × cannot write `locked/a`: "),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("unlocked");
    assert!(files_under(&locked).is_empty());
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (code, stdout, stderr) = provisio(dir.path(), &["new"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr
            .starts_with("error: the following required arguments were not provided:\n  <PATH>\n"),
        "{stderr}"
    );
}

#[test]
fn the_skeleton_checks_in_the_library_too() {
    for file in provisio::new::skeleton("allowance") {
        if file.path.extension().is_some_and(|x| x == "policy") {
            let source = provisio::span::SourceFile::new("allowance.policy", file.text.as_str());
            let checked = provisio::check::check_source(&source).expect("the skeleton checks");
            assert!(checked.warnings.items.is_empty(), "{:?}", checked.warnings);
        }
    }
}

#[test]
fn the_sections_the_comments_name_are_in_the_docs() {
    let language =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md"))
            .expect("docs/language.md");
    let headings: Vec<&str> = language
        .lines()
        .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
        .collect();
    let policy = &provisio::new::skeleton("allowance")[0].text;
    // The comments name sections as `(docs/language.md, "A" and "B")`.
    let comments: String = policy
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .collect::<Vec<_>>()
        .join(" ");
    let mut named = Vec::new();
    for part in comments.split("(docs/language.md, ").skip(1) {
        let list = part.split(')').next().unwrap_or("");
        named.extend(list.split('"').skip(1).step_by(2).map(String::from));
    }
    assert!(named.len() >= 6, "{named:?}");
    for section in &named {
        assert!(
            headings.contains(&section.as_str()),
            "docs/language.md has no section \"{section}\""
        );
    }
    for page in ["docs/facts.md", "docs/testing.md", "docs/language.md"] {
        assert!(policy.contains(page), "{page}");
        assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(page).is_file());
    }
}
