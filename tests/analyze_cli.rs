//! `provisio analyze`: its text and JSON on small policies with a known
//! conflict, gap, dead exception, dead branch, reading that never
//! matters, reading that matters and unused declarations; its exit codes;
//! the allow comments; and its witnesses run by `provisio test`.

#[path = "common/cli.rs"]
mod cli;

use cli::output;

fn analyze(policy: &str) -> (i32, String, String) {
    output(&["analyze", policy])
}

#[test]
fn a_conflict_from_a_date_on_and_the_gap_it_leaves() {
    let (status, out, err) = analyze("tests/analyze/levies.policy");
    assert_eq!((status, err.as_str()), (1, ""));
    insta::assert_snapshot!("levies_text", out);
}

#[test]
fn the_json_report_has_every_finding_with_its_witness_scenario() {
    let (status, out, _) = output(&["analyze", "tests/analyze/levies.policy", "--format", "json"]);
    assert_eq!(status, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["fails"], serde_json::json!(true));
    insta::assert_snapshot!("levies_json", out);
}

#[test]
fn dead_exceptions_branches_readings_and_unused_declarations() {
    let (status, out, err) = analyze("tests/analyze/dead.policy");
    assert_eq!((status, err.as_str()), (0, ""));
    insta::assert_snapshot!("dead_text", out);
}

#[test]
fn a_conflict_allowed_with_a_reason_passes_and_its_gap_follows() {
    let (status, out, _) = analyze("tests/analyze/explained.policy");
    assert_eq!(status, 0, "{out}");
    insta::assert_snapshot!("explained_text", out);
    // The checker knows the name: no `unknown_lint` warning.
    let (status, _, err) = output(&["check", "tests/analyze/explained.policy"]);
    assert_eq!((status, err.as_str()), (0, ""));
}

#[test]
fn a_conflict_allowed_without_a_reason_still_fails() {
    let (status, out, _) = analyze("tests/analyze/unexplained.policy");
    assert_eq!(status, 1);
    assert!(
        out.contains("(allowed without a reason: say why in the comment above the rule)"),
        "{out}"
    );
    assert!(
        out.ends_with("tests/analyze/unexplained.policy: 1 gap, 1 conflict\n"),
        "{out}"
    );
}

#[test]
fn bad_input_exits_2() {
    let (status, out, err) = analyze("tests/fixtures/analyze_broken.policy");
    assert_eq!((status, out.as_str()), (2, ""));
    assert!(err.contains("`incme` is not defined"), "{err}");
    assert!(err.contains("did you mean `income`?"), "{err}");
    assert!(
        err.ends_with("error: tests/fixtures/analyze_broken.policy does not check\n"),
        "{err}"
    );
    let (status, _, err) = analyze("tests/analyze/missing.policy");
    assert_eq!(status, 2, "{err}");
    let (status, _, _) = output(&["analyze", "tests/analyze/levies.policy", "--format", "xml"]);
    assert_eq!(status, 2);
}

#[test]
fn the_same_report_twice() {
    for policy in [
        "tests/analyze/levies.policy",
        "rules/wto/mc13-ecommerce.policy",
    ] {
        assert_eq!(analyze(policy), analyze(policy));
    }
}

/// A fresh folder under the system's temporary folder.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("provisio-analyze-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn the_witnesses_are_scenarios_that_pass() {
    for (policy, files) in [
        ("tests/analyze/levies.policy", 2),
        ("tests/analyze/dead.policy", 2),
        ("rules/wto/mc13-ecommerce.policy", 6),
        ("rules/wto/mc12/mc12-ecommerce.policy", 6),
    ] {
        let dir = scratch(policy.rsplit('/').next().unwrap_or("policy"));
        let dir_text = dir.to_string_lossy().into_owned();
        let (_, _, err) = output(&["analyze", policy, "--witnesses", &dir_text]);
        assert_eq!(err, "");
        let written = std::fs::read_dir(&dir).expect("the folder").count();
        assert_eq!(written, files, "{policy}");
        let (status, out, err) = output(&["test", "--scenarios", &dir_text, policy]);
        assert_eq!(status, 0, "{policy}: {out}{err}");
        assert_eq!(out, format!("{files} passed, 0 failed\n"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_gap_witness_file_expects_the_conflict() {
    let dir = scratch("gap-file");
    let dir_text = dir.to_string_lossy().into_owned();
    output(&[
        "analyze",
        "tests/analyze/levies.policy",
        "--witnesses",
        &dir_text,
    ]);
    let text = std::fs::read_to_string(dir.join("levies-01-gap.json")).expect("the witness");
    insta::assert_snapshot!("levies_gap_witness", text);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn witnesses_that_cannot_be_written_exit_2() {
    let (status, _, err) = output(&[
        "analyze",
        "tests/analyze/levies.policy",
        "--witnesses",
        "tests/analyze/levies.policy/inside",
    ]);
    assert_eq!(status, 2);
    assert!(
        err.starts_with("error: cannot make tests/analyze/levies.policy/inside"),
        "{err}"
    );
}

#[test]
fn outside_the_fragment_it_says_not_decided_and_why() {
    let (status, out, err) = analyze("tests/analyze/months.policy");
    assert_eq!((status, err.as_str()), (0, ""));
    insta::assert_snapshot!("months_text", out);
}

#[test]
fn an_exception_with_exceptions_of_its_own_conflicts_only_where_they_leave_it() {
    let (status, out, _) = analyze("tests/analyze/nested.policy");
    assert_eq!(status, 1);
    insta::assert_snapshot!("nested_text", out);
}
