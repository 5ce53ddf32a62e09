//! Sentences and help lines that read as a person would write them: a value
//! said once ("31 March 2026, which is earlier than", not "31 March 2026, 31
//! March 2026, which is earlier than"), an undetermined value named for what
//! it is ("expires on an undetermined date"), no "if whether", and help lines
//! that use the policy's own names, never those of the bundled decision.

use assert_cmd::Command;

const POLICY: &str = "tests/wording/expiry.policy";
const FACTS: &str = "tests/wording/facts.json";

fn provisio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn stdout(args: &[&str]) -> String {
    let output = provisio()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("UTF-8")
}

/// The help lines of a failing run's stderr, joined as one line each.
fn help_of(args: &[&str]) -> String {
    let output = provisio()
        .args(args)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(output).expect("UTF-8");
    let help = stderr
        .split("help: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no help line in {stderr}"));
    // The help line ends at the first blank line; continuation lines are indented.
    help.split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_explanation_reads_well() {
    let text = stdout(&["eval", POLICY, "--facts", FACTS]);
    insta::assert_snapshot!("expiry_text", text);
    assert!(!text.contains("31 March 2026, 31 March 2026"), "{text}");
    assert!(text.contains(
        "- The day the moratorium expires: 31 March 2026, which is earlier than the opening day of the next Session of the Conference (15 April 2026)."
    ));
    assert!(text.contains("The Council decided to extend on an undetermined date.\n"));
    assert!(text.contains("The moratorium is kept under review if the measure was reviewed.\n"));
    assert!(!text.contains("if whether"), "{text}");
}

#[test]
fn markdown_says_the_value_once_too() {
    let markdown = stdout(&["eval", POLICY, "--facts", FACTS, "--format", "markdown"]);
    assert!(
        !markdown.contains("31 March 2026, 31 March 2026"),
        "{markdown}"
    );
    assert!(
        markdown.contains("31 March 2026, which is earlier than"),
        "{markdown}"
    );
}

#[test]
fn json_keeps_the_value_and_the_reason_apart() {
    let json = stdout(&["eval", POLICY, "--facts", FACTS, "--format", "json"]);
    // The reason is a sentence of its own there: it keeps the value it starts with.
    assert!(
        json.contains("\"because\": \"31 March 2026, which is earlier than"),
        "{json}"
    );
}

#[test]
fn a_reading_without_an_alternative_gets_the_policy_s_own_reading_as_example() {
    let help = help_of(&["eval", POLICY, "--facts", FACTS, "--reading", "boundary"]);
    assert_eq!(help, "write it as `--reading boundary=inclusive`");
}

#[test]
fn facts_that_are_not_an_object_get_the_policy_s_own_fact_as_example() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("facts.json");
    std::fs::write(&path, "[1]").expect("writes");
    let path = path.to_string_lossy().into_owned();
    let help = help_of(&["eval", POLICY, "--facts", &path]);
    assert_eq!(
        help,
        "write the facts as one object, e.g. {\"as_of\": \"2026-03-31\", \"session\": …}"
    );
}

#[test]
fn a_scenario_reading_that_is_not_text_gets_one_of_its_alternatives_as_example() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("s.json");
    std::fs::write(
        &path,
        r#"{"description": "x", "facts": {"as_of": "2026-01-01"}, "readings": {"boundary": 3}, "expect": {"holds": true}}"#,
    )
    .expect("writes");
    let path = path.to_string_lossy().into_owned();
    let output = provisio()
        .args(["test", POLICY, "--scenarios", &path])
        .assert()
        .failure()
        .get_output()
        .stdout
        .clone();
    let output = String::from_utf8(output).expect("UTF-8");
    assert!(
        output.contains("help: write `\"boundary\": \"inclusive\"`"),
        "{output}"
    );
}

const NOT_A_DATE: &str = "instrument \"A duty\" adopted 2024-01-01
fact paid \"the day the duty was paid\": date
provision art1 \"Payment\"
  text \"The duty is paid.\"
  in force from 5
  define on_time \"the duty was paid on time\" = paid on or before 2024-03-31
verdict on_time = art1.on_time
  says \"The duty {was|was not} paid on time.\"
";

fn check_helps(policy: &str) -> Vec<String> {
    match provisio::check::check_source(&provisio::span::SourceFile::new("p.policy", policy)) {
        Ok(_) => panic!("the policy checks"),
        Err(problems) => problems
            .items
            .iter()
            .filter_map(|p| p.help.clone())
            .collect(),
    }
}

#[test]
fn checker_help_lines_name_the_policy_s_own_facts_and_rules() {
    assert_eq!(
        check_helps(NOT_A_DATE),
        ["give a date, such as 2024-03-02 or `paid`"]
    );
    let placeholder = NOT_A_DATE
        .replace("  in force from 5\n", "")
        .replace("paid on time.", "paid on time, {1x}.");
    assert_eq!(
        check_helps(&placeholder),
        [
            "write `{value}`, a name such as `{as_of}` or `{art1.on_time}`, or a choice such as `{is|is not}`"
        ]
    );
    // With no date fact and no rule to name, the help says what it can in general.
    let bare = "instrument \"A\" adopted 2024-01-01
provision art1 \"P\"
  text \"t\"
  in force from 5
verdict v = 1 says \"It is {1x}.\"
";
    assert_eq!(
        check_helps(bare),
        [
            "give a date, such as 2024-03-02",
            "write `{value}`, a name such as `{as_of}`, or a choice such as `{is|is not}`"
        ]
    );
}
