//! Dates are written one way, `YYYY-MM-DD`, in policies, facts files, batch
//! rows and on the command line; a date written otherwise (`2024-3-31`,
//! `24-03-31`, `31/03/2024`) is the problem `provisio::date_form` wherever it
//! stands, with the date as it must be written, and never arithmetic. A date
//! compared or combined with a number is a type error naming both types.
//!
//! Policies under `tests/date_forms/policies/` and facts files under
//! `tests/date_forms/facts/` (read against `tests/date_forms/deadline.policy`)
//! each give one snapshot of every problem, as the terminal shows it.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use provisio::check::check_source;
use provisio::facts::{FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;

const DEADLINE: &str = "tests/date_forms/deadline.policy";
const FILED: &str = "tests/date_forms/filed.json";

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// The fixture's file name, so that snapshots hold no absolute path.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn deadline() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEADLINE);
    match check_source(&SourceFile::new("deadline.policy", read(&path))) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("deadline.policy does not check: {problems:?}"),
    }
}

/// Runs `provisio` with `args` and returns its exit code and stderr.
fn failure(args: &[&str]) -> (Option<i32>, String) {
    let output = provisio().args(args).output().expect("provisio runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn policy_diagnostics() {
    insta::glob!("date_forms/policies/*.policy", |path| {
        let source = SourceFile::new(file_name(path), read(path));
        let problems = match check_source(&source) {
            Ok(_) => panic!("{} checked without errors", path.display()),
            Err(problems) => problems,
        };
        let rendered: Vec<String> = problems.items.iter().map(|p| render(p, false)).collect();
        insta::assert_snapshot!(rendered.join("\n"));
    });
}

#[test]
fn facts_diagnostics() {
    let model = deadline();
    insta::glob!("date_forms/facts/*.{json,yaml,toml}", |path| {
        let format = FactsFormat::from_path(path).expect("a facts format");
        let source = SourceFile::new(file_name(path), read(path));
        let error = match parse_facts(&model, &source, format) {
            Ok(facts) => panic!("{} loaded without errors: {facts:?}", path.display()),
            Err(error) => error,
        };
        let rendered: Vec<String> = error.problems().iter().map(|p| render(p, false)).collect();
        insta::assert_snapshot!(rendered.join("\n"));
    });
}

#[test]
fn every_date_problem_in_a_facts_file_has_the_date_form_code() {
    let model = deadline();
    let codes = |name: &str| -> Vec<&'static str> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/date_forms/facts")
            .join(name);
        let format = FactsFormat::from_path(&path).expect("a facts format");
        match parse_facts(&model, &SourceFile::new(name, read(&path)), format) {
            Ok(_) => Vec::new(),
            Err(error) => error.problems().iter().map(|p| p.kind.code()).collect(),
        }
    };
    for name in [
        "filed_month_one_digit.json",
        "as_of_day_month_year.json",
        "hearing_two_digit_year.yaml",
        "filed_bare.toml",
        "filed_quoted.toml",
    ] {
        assert_eq!(codes(name), ["provisio::date_form"], "{name}");
    }
    assert_eq!(codes("several_forms.json"), ["provisio::date_form"; 3]);
    // A day that does not exist is not a matter of form.
    assert_eq!(
        codes("impossible_day.json"),
        ["provisio::facts::wrong_type"]
    );
}

#[test]
fn at_written_otherwise_is_refused_with_the_iso_form() {
    let (code, stderr) = failure(&["eval", DEADLINE, "--facts", FILED, "--at", "2024-3-31"]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("eval_at_month_one_digit", stderr);
    let (code, stderr) = failure(&["eval", DEADLINE, "--facts", FILED, "--at", "31/03/2024"]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("eval_at_day_month_year", stderr);
}

#[test]
fn timeline_and_batch_dates_are_read_the_same_way() {
    let (code, stderr) = failure(&[
        "timeline",
        DEADLINE,
        "--facts",
        FILED,
        "--from",
        "2024-1-1",
        "--to",
        "2024-12-31",
    ]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("timeline_from_month_one_digit", stderr);
    let (code, stderr) = failure(&[
        "timeline",
        DEADLINE,
        "--facts",
        FILED,
        "--from",
        "2024-01-01",
        "--to",
        "24-12-31",
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("provisio::date_form"), "{stderr}");
    assert!(
        stderr.contains("write the date as 1924-12-31 or 2024-12-31"),
        "{stderr}"
    );

    let rows = "tests/date_forms/rows.csv";
    let (code, stderr) = failure(&["batch", DEADLINE, "--scenarios", rows, "--at", "2024-4-1"]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("batch_at_month_one_digit", stderr);

    let output = provisio()
        .args(["batch", DEADLINE, "--scenarios", rows, "--at", "2024-04-01"])
        .output()
        .expect("provisio runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "{\"line\":2,\"error\":\"hearing.opening: `2024-4-2` is not a date: a date is written with a four-digit year, a two-digit month and a two-digit day\"}\n"
    );
}

#[test]
fn a_scenario_as_of_written_otherwise_makes_the_scenario_invalid() {
    let output = provisio()
        .args([
            "test",
            DEADLINE,
            "--scenarios",
            "tests/date_forms/scenario_files/as_of_mistyped.json",
        ])
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let all = format!("{stdout}{stderr}");
    assert!(all.contains("provisio::date_form"), "{all}");
    assert!(
        all.contains(
            "help: write the date as 2024-04-01: four-digit year, two-digit month and day"
        ),
        "{all}"
    );
}

#[test]
fn a_scenario_expecting_a_date_written_otherwise_is_invalid() {
    let output = provisio()
        .args([
            "test",
            DEADLINE,
            "--scenarios",
            "tests/date_forms/scenario_files/expect_mistyped.json",
        ])
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(
        "test_expect_mistyped",
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    );
}

#[test]
fn spaces_tell_subtraction_from_a_date() {
    let policy = |expression: &str| {
        format!(
            "instrument \"A fee\" adopted 2024-03-02\nprovision art2 \"Article 2\"\n  text \"t\"\n  define fee = {expression}\nverdict fee = art2.fee\n"
        )
    };
    let value = |expression: &str| {
        let results = common::run(&policy(expression), "{}", "2024-04-01").expect("evaluates");
        common::verdict(&results, "fee")
    };
    assert_eq!(value("10 - 3 - 2"), "5");
    assert_eq!(value("10 -3 -2"), "5");
    // Two runs of digits are no date: `10-3` is a subtraction.
    assert_eq!(value("10-3"), "7");
    assert_eq!(value("10/4"), "2.5");
    assert_eq!(
        common::check_errors(&policy("10-3-2")),
        ["provisio::date_form"]
    );
    assert_eq!(
        common::check_errors(&policy("8/4/2")),
        ["provisio::date_form"]
    );
    assert_eq!(
        common::check_errors(&policy("2024-3-31")),
        ["provisio::date_form"]
    );
}

/// How one way of giving a date took a text: the date read, or whether it
/// was refused as a date written otherwise (`provisio::date_form`) or for
/// another reason (a day that does not exist, a year out of range).
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Read(String),
    WrittenOtherwise,
    Refused,
}

fn outcome(output: &std::process::Output) -> Outcome {
    if output.status.success() {
        let json: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("JSON on stdout");
        let day = json["verdicts"]["day"]["value"]
            .as_str()
            .or(json["as_of"].as_str());
        return Outcome::Read(day.unwrap_or_default().to_string());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    if stderr.contains("provisio::date_form") {
        Outcome::WrittenOtherwise
    } else {
        Outcome::Refused
    }
}

/// A folder of its own for this test's files.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("provisio-date-forms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

#[test]
fn policies_facts_and_at_accept_exactly_the_same_dates() {
    let dir = scratch();
    let plain = dir.join("plain.policy");
    std::fs::write(
        &plain,
        "instrument \"Forms\" adopted 2024-03-02\nprovision p1 \"P\"\n  text \"t\"\n  define day = as_of\nverdict day = p1.day\n",
    )
    .expect("write");
    let forms = [
        "2024-03-31",
        "2024-02-29",
        "0001-01-01",
        "9999-12-31",
        "2024-3-31",
        "2024-03-1",
        "24-03-31",
        "2024-3-1",
        "2024/03/31",
        "31-03-2024",
        "31/03/2024",
        "03/04/2024",
        "10-3-2",
        "02024-03-31",
        "2024-02-30",
        "2025-02-29",
        "2024-13-01",
        "2024-00-10",
        "0000-01-01",
        "10000-01-01",
    ];
    for form in forms {
        let policy = dir.join("literal.policy");
        std::fs::write(
            &policy,
            format!("instrument \"Forms\" adopted 2024-03-02\nprovision p1 \"P\"\n  text \"t\"\n  define day = {form}\nverdict day = p1.day\n"),
        )
        .expect("write");
        let facts = dir.join("facts.json");
        std::fs::write(&facts, format!("{{\"as_of\": \"{form}\"}}")).expect("write");
        let run = |args: &[&std::ffi::OsStr]| provisio().args(args).output().expect("runs");
        let json = std::ffi::OsStr::new("--format=json");
        let eval = std::ffi::OsStr::new("eval");
        let in_policy = outcome(&run(&[
            eval,
            policy.as_os_str(),
            "--at=2024-01-01".as_ref(),
            json,
        ]));
        let in_facts = outcome(&run(&[
            eval,
            plain.as_os_str(),
            "--facts".as_ref(),
            facts.as_os_str(),
            json,
        ]));
        let at = format!("--at={form}");
        let on_command_line = outcome(&run(&[eval, plain.as_os_str(), at.as_ref(), json]));
        assert_eq!(in_policy, in_facts, "{form}: a policy and a facts file");
        assert_eq!(in_facts, on_command_line, "{form}: a facts file and --at");
        let valid = provisio::facts::parse_date(form).is_ok();
        assert_eq!(
            matches!(in_policy, Outcome::Read(ref day) if day == form),
            valid,
            "{form}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

proptest::proptest! {
    /// Any three runs of digits joined by `-` or `/` are one date token: a
    /// date, `provisio::date_form` or `provisio::invalid_date` in a policy,
    /// the same answer in a facts file, and never a panic. Each day the help
    /// offers is a real date written `YYYY-MM-DD`.
    #[test]
    fn every_date_like_token_is_read_one_way(
        first in "[0-9]{1,6}",
        second in "[0-9]{1,3}",
        third in "[0-9]{1,5}",
        separators in proptest::sample::select(vec![("-", "-"), ("/", "/"), ("-", "/")]),
    ) {
        let token = format!("{first}{}{second}{}{third}", separators.0, separators.1);
        let read = provisio::facts::parse_date(&token);
        let policy = format!(
            "instrument \"Forms\" adopted 2024-03-02\nprovision p1 \"P\"\n  text \"t\"\n  define day = {token}\nverdict day = p1.day\n"
        );
        let expected: Vec<&str> = match &read {
            Ok(_) => Vec::new(),
            Err(fault) if fault.is_form() => vec!["provisio::date_form"],
            Err(_) => vec!["provisio::invalid_date"],
        };
        proptest::prop_assert_eq!(common::check_errors(&policy), expected, "{}", token);

        // A policy with no fact to give, so that `as_of` is the only problem.
        let plain = "instrument \"Forms\" adopted 2024-03-02\nprovision p1 \"P\"\n  text \"t\"\n  define day = as_of\nverdict day = p1.day\n";
        let model = check_source(&SourceFile::new("plain.policy", plain))
            .map_err(|problems| format!("{problems:?}"))
            .map(|checked| checked.model);
        let model = model.as_ref().map_err(|e| proptest::test_runner::TestCaseError::fail(e.clone()))?;
        let facts = format!("{{\"as_of\": \"{token}\"}}");
        let loaded = parse_facts(model, &SourceFile::new("f.json", facts), FactsFormat::Json);
        match (&read, loaded) {
            (Ok(day), Ok(facts)) => proptest::prop_assert_eq!(facts.as_of, Some(*day)),
            (Err(fault), Err(error)) => {
                let codes: Vec<&str> = error.problems().iter().map(|p| p.kind.code()).collect();
                let code = if fault.is_form() { "provisio::date_form" } else { "provisio::facts::wrong_type" };
                proptest::prop_assert_eq!(codes, vec![code], "{}", token);
            }
            (read, loaded) => proptest::prop_assert!(false, "{token}: {read:?} but {loaded:?}"),
        }
        for day in provisio::facts::meanings(&token) {
            let iso = day.format("%Y-%m-%d").to_string();
            proptest::prop_assert_eq!(provisio::facts::parse_date(&iso), Ok(day));
        }
    }
}
