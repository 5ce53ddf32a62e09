//! Never a panic: truncated and garbled policies and facts files, fed to the
//! library and to the binary, give a result or a diagnostic.
//!
//! The inputs are derived from the bundled decision and from the facts of
//! 28 March 2026: every prefix at a stride and at every line boundary, and
//! garbled copies made by a seeded generator (byte substitutions including
//! non-UTF-8 bytes and NUL, deleted, duplicated and swapped lines, inserted
//! tokens), plus a few extreme inputs (10,000 open parentheses, a 1 MB
//! line, deep nesting in facts). The library must return `Ok` or `Err`
//! without panicking, and so must rendering what it returns; the binary must
//! exit with 0 or 1, never 101, and explain a failure on stderr.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use provisio::check::check_source;
use provisio::eval::{AsOfSource, Readings, choose_as_of, evaluate};
use provisio::explain::Detail;
use provisio::facts::{Facts, FactsFormat, parse_facts};
use provisio::model::Model;
use provisio::render;
use provisio::span::SourceFile;

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

/// A linear congruential generator: deterministic garbling with no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in `0..n`; 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Bytes that break things: non-UTF-8, NUL, quotes, brackets, line ends.
const NASTY_BYTES: &[u8] = &[
    0x00, 0xFF, 0xC3, 0x80, 0xFE, b'"', b'(', b')', b'[', b']', b'{', b'}', b'#', b'\n', b'\r',
    b'\t', b'\\', b'=', b'.', b':', b',', b'-', b'|', b'9', b'x', b' ', b'\'', b'&', b'*',
];

/// Fragments a garbled file may gain.
const TOKENS: &[&str] = &[
    "end ",
    "if ",
    "then ",
    "else ",
    "not ",
    "and ",
    "(",
    ")",
    "\"",
    "{",
    "}",
    "{is|",
    "2026-02-30",
    "0000-00-00",
    "99999-01-01",
    "340282366920938463463374607431768211456",
    "0.0000000000000000000000000001",
    " / 0",
    "reading ",
    "define x = ",
    "verdict ",
    "provision ",
    "exception to ",
    "is one of ",
    "record ",
    "list of ",
    "optional ",
    "(default) ",
    "cites \"",
    "é",
    "\u{202E}",
    "\u{FEFF}",
    "\u{0}",
    "as_of",
    "mc14.",
    "..",
    "null",
    "~",
    "- ",
    "[[",
    "]]",
    "&a ",
    "*a ",
    "!!binary ",
    "---\n",
    "\"\"\"",
];

/// A garbled copy of `text`: one to four random edits of its lines and bytes.
fn garble(text: &[u8], rng: &mut Lcg) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text
        .split_inclusive(|b| *b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    let edits = 1 + rng.below(4);
    for _ in 0..edits {
        let n = lines.len();
        let i = rng.below(n);
        match rng.below(8) {
            0 | 1 => {
                let byte = *rng.pick(NASTY_BYTES);
                let line = &mut lines[i];
                if line.is_empty() {
                    line.push(byte);
                } else {
                    let at = rng.below(line.len());
                    line[at] = byte;
                }
            }
            2 if n > 1 => {
                lines.remove(i);
            }
            3 => {
                let copy = lines[i].clone();
                lines.insert(rng.below(n + 1), copy);
            }
            4 => {
                let j = rng.below(n);
                lines.swap(i, j);
            }
            5 => {
                let line = &mut lines[i];
                if !line.is_empty() {
                    let at = rng.below(line.len());
                    line.remove(at);
                }
            }
            6 => {
                let token = rng.pick(TOKENS).as_bytes();
                let line = &mut lines[i];
                let at = rng.below(line.len() + 1);
                line.splice(at..at, token.iter().copied());
            }
            _ => {
                let line = &mut lines[i];
                let at = rng.below(line.len() + 1);
                line.truncate(at);
            }
        }
    }
    lines.concat()
}

/// One input: a name for messages and the file's bytes.
struct Case {
    name: String,
    bytes: Vec<u8>,
    /// The format of a facts file; `None` for a policy.
    format: Option<FactsFormat>,
}

impl Case {
    fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Case {
            name: name.into(),
            bytes: bytes.into(),
            format: None,
        }
    }

    fn in_format(mut self, format: FactsFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// The text the library sees: the bytes, with invalid UTF-8 replaced.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// Every prefix at `stride` bytes, every prefix ending a line, and the
/// garbled copies.
fn derived_cases(label: &str, text: &str, stride: usize, garbled: usize, seed: u64) -> Vec<Case> {
    let bytes = text.as_bytes();
    let mut cases = Vec::new();
    for end in (0..bytes.len()).step_by(stride) {
        cases.push(Case::new(
            format!("{label}: first {end} bytes"),
            &bytes[..end],
        ));
    }
    for (end, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'\n') {
        cases.push(Case::new(
            format!("{label}: up to the line break at byte {end}"),
            &bytes[..end],
        ));
    }
    let mut rng = Lcg(seed);
    for n in 0..garbled {
        cases.push(Case::new(
            format!("{label}: garbled copy {n} (seed {seed})"),
            garble(bytes, &mut rng),
        ));
    }
    cases
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bundled_policy() -> String {
    std::fs::read_to_string(root().join("rules/wto/mc13-ecommerce.policy")).expect("readable")
}

fn facts_text(extension: &str) -> String {
    std::fs::read_to_string(root().join(format!("tests/cli/2026-03-28.{extension}")))
        .expect("readable")
}

/// Every how many bytes a prefix of the policy is taken.
const POLICY_STRIDE: usize = 13;
/// How many garbled copies of the policy are made.
const POLICY_GARBLED: usize = 250;

const FORMATS: [(&str, FactsFormat); 3] = [
    ("json", FactsFormat::Json),
    ("yaml", FactsFormat::Yaml),
    ("toml", FactsFormat::Toml),
];

/// Extreme policies: deep nesting, a 1 MB line, NUL and friends.
fn extreme_policies() -> Vec<Case> {
    let policy = bundled_policy();
    let expiry = "earliest(mc14_day, 2026-03-31)";
    assert!(policy.contains(expiry), "the bundled policy changed");
    let deep = 10_000;
    let mut cases = vec![
        Case::new(
            "10,000 nested parentheses",
            policy.replace(
                expiry,
                &format!("{}{expiry}{}", "(".repeat(deep), ")".repeat(deep)),
            ),
        ),
        Case::new(
            "10,000 unclosed parentheses",
            policy.replace(expiry, &"(".repeat(deep)),
        ),
        Case::new(
            "10,000 closing parentheses",
            policy.replace(expiry, &format!("{expiry}{}", ")".repeat(deep))),
        ),
        Case::new(
            "10,000 negations",
            policy.replace("= in_force", &format!("= {}in_force", "not ".repeat(deep))),
        ),
        Case::new(
            "10,000 nested ifs",
            policy.replace(
                expiry,
                &format!(
                    "{}{expiry}{}",
                    "if true then ".repeat(deep),
                    " else 2026-03-31".repeat(deep)
                ),
            ),
        ),
        Case::new(
            "10,000 unclosed placeholders",
            policy.replace("{value}", &"{".repeat(deep)),
        ),
        Case::new(
            "a 1 MB comment line",
            format!("# {}\n{policy}", "x".repeat(1 << 20)),
        ),
        Case::new(
            "a 1 MB line of words",
            format!("{policy}\n{}\n", "moratorium ".repeat(100_000)),
        ),
        Case::new(
            "a 1 MB name",
            policy.replace("in_force", &"n".repeat(1 << 20)),
        ),
        Case::new(
            "a 1 MB number",
            policy.replace("2026-03-31)", &format!("{})", "9".repeat(1 << 20))),
        ),
        Case::new(
            "a 1 MB provision text",
            policy.replace(
                "text \"We agree to maintain",
                &format!("text \"{} We agree to maintain", "word ".repeat(200_000)),
            ),
        ),
        Case::new("NUL bytes between items", policy.replace("\n\n", "\n\0\n")),
        Case::new(
            "a NUL byte inside a name",
            policy.replace("mc14_day", "mc14\0day"),
        ),
        Case::new("non-UTF-8 bytes", {
            let mut bytes = policy.clone().into_bytes();
            bytes.splice(0..0, [0xFF, 0xFE, 0xC3]);
            bytes
        }),
        Case::new("a byte-order mark", format!("\u{FEFF}{policy}")),
        Case::new("CRLF line ends", policy.replace('\n', "\r\n")),
        Case::new("CR line ends", policy.replace('\n', "\r")),
        Case::new("no white space at all", policy.replace([' ', '\n'], "")),
        Case::new("the empty file", ""),
        Case::new("only white space", " \n\t\r\n"),
        Case::new("only a comment", "# nothing here"),
        Case::new("the file twice", format!("{policy}\n{policy}")),
        Case::new(
            "200 copies of a verdict",
            format!(
                "{policy}\n{}",
                "verdict expiry_date = para5.expiry_date\n".repeat(200)
            ),
        ),
    ];
    cases.push(Case::new(
        "every byte value once",
        (0..=255u8).collect::<Vec<u8>>(),
    ));
    cases
}

/// Extreme facts files, for the format with `extension`.
fn extreme_facts(extension: &str) -> Vec<Case> {
    let deep = 10_000;
    let big = "d".repeat(1 << 20);
    let large = "d".repeat(1 << 18);
    let mut cases = vec![
        Case::new("the empty file", ""),
        Case::new("NUL", "\0"),
        Case::new("non-UTF-8 bytes", vec![0xFF, 0xFE, 0x00, 0xC3]),
        Case::new(
            "a byte-order mark",
            format!("\u{FEFF}{}", facts_text(extension)),
        ),
    ];
    let more: Vec<(&str, String)> = match extension {
        "json" => vec![
            (
                "10,000 nested lists",
                format!("{{\"mc14\": {}{}}}", "[".repeat(deep), "]".repeat(deep)),
            ),
            (
                "10,000 nested objects",
                format!(
                    "{{\"mc14\": {}1{}}}",
                    "{\"a\":".repeat(deep),
                    "}".repeat(deep)
                ),
            ),
            (
                "10,000 unclosed lists",
                format!("{{\"mc14\": {}", "[".repeat(deep)),
            ),
            ("a 1 MB date", format!("{{\"as_of\": \"{big}\"}}")),
            ("a 60 KB key", format!("{{\"{}\": 1}}", "k".repeat(60_000))),
            (
                "a huge number",
                "{\"as_of\": 1e400, \"measure\": {\"kind\": 123456789012345678901234567890}}"
                    .to_string(),
            ),
            (
                "a NUL in a string",
                "{\"as_of\": \"2026-03-28\\u0000\"}".to_string(),
            ),
            ("a lone surrogate", "{\"as_of\": \"\\ud800\"}".to_string()),
            ("null", "null".to_string()),
            ("a number", "42".to_string()),
            (
                "a year out of range",
                "{\"as_of\": \"+262144-01-01\", \"mc14\": {\"opening\": \"-0001-01-01\"}}"
                    .to_string(),
            ),
            (
                "every fact null",
                "{\"as_of\": null, \"mc14\": null, \"measure\": null}".to_string(),
            ),
            (
                "a key twice",
                "{\"as_of\": \"2026-03-28\", \"as_of\": \"2026-03-29\"}".to_string(),
            ),
        ],
        "yaml" => vec![
            (
                "10,000 nested lists",
                format!("mc14: {}{}\n", "[".repeat(deep), "]".repeat(deep)),
            ),
            (
                "2,000 nested maps",
                format!("mc14: {}1{}\n", "{a: ".repeat(2_000), "}".repeat(2_000)),
            ),
            (
                "2,000 indented levels",
                (0..2_000)
                    .map(|i| format!("{}a:\n", " ".repeat(i)))
                    .collect(),
            ),
            ("a 256 KB date", format!("as_of: {large}\n")),
            ("a billion laughs", {
                let mut lines = vec![String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]")];
                for i in 1..9 {
                    let refs = vec![format!("*a{}", i - 1); 10].join(", ");
                    lines.push(format!("a{i}: &a{i} [{refs}]"));
                }
                lines.push(String::from("mc14: *a8"));
                lines.join("\n")
            }),
            ("an alias to nothing", "mc14: *nowhere\n".to_string()),
            (
                "several documents",
                format!("{}---\n{}", facts_text("yaml"), facts_text("yaml")),
            ),
            (
                "tags",
                "as_of: !!binary aGVsbG8=\nmc14: !custom {opening: 2026-03-26}\n".to_string(),
            ),
            (
                "a merge key",
                "base: &b {opening: 2026-03-26}\nmc14:\n  <<: *b\n".to_string(),
            ),
            ("a complex key", "? [a, b]\n: 1\n".to_string()),
            (
                "a tab as indentation",
                "mc14:\n\topening: 2026-03-26\n".to_string(),
            ),
        ],
        _ => vec![
            (
                "10,000 nested arrays",
                format!("mc14 = {}{}\n", "[".repeat(deep), "]".repeat(deep)),
            ),
            (
                "10,000 nested tables",
                format!("mc14 = {}1{}\n", "{a=".repeat(deep), "}".repeat(deep)),
            ),
            ("a 256 KB date", format!("as_of = \"{large}\"\n")),
            ("a date-time", "as_of = 2026-03-28T10:00:00Z\n".to_string()),
            ("a local time", "as_of = 10:00:00\n".to_string()),
            (
                "a huge integer",
                "as_of = 99999999999999999999999\n".to_string(),
            ),
            (
                "a table twice",
                "[mc14]\nopening = 2026-03-26\n[mc14]\nclosing = 2026-03-30\n".to_string(),
            ),
            (
                "an array of tables",
                "[[mc14]]\nopening = 2026-03-26\n[[mc14]]\n".to_string(),
            ),
            ("a dotted key", "mc14.opening.day = 26\n".to_string()),
        ],
    };
    cases.extend(more.into_iter().map(|(name, text)| Case::new(name, text)));
    cases
}

// ---------------------------------------------------------------------------
// The library
// ---------------------------------------------------------------------------

fn as_of_fallback() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 28).expect("a date")
}

/// Evaluates with the default readings and with the last alternative of
/// every reading, rendering every result.
fn evaluate_and_render(model: &Model, facts: &Facts) {
    let (as_of, source) = choose_as_of(None, facts, as_of_fallback());
    let mut choices = vec![Readings::defaults(model)];
    let mut last = Readings::defaults(model);
    for reading in &model.readings {
        if let Some(alternative) = reading.alternatives.last() {
            // A garbled policy may make a reading fail to choose; that is fine.
            let _ = last.choose(model, &reading.name, &alternative.name);
        }
    }
    choices.push(last);
    for readings in &choices {
        match evaluate(model, facts, as_of, source, readings) {
            Ok(evaluation) => {
                for detail in [Detail::Decisive, Detail::Full] {
                    let options = render::Options {
                        detail,
                        color: false,
                        lang: Default::default(),
                    };
                    let _ = render::text::render(model, &evaluation, &options);
                    let _ = render::json::render(model, &evaluation, &options);
                    let _ = render::markdown::render(model, &evaluation, &options);
                }
            }
            Err(error) => {
                let _ = render::diagnostics::render(&error.to_problem(model), false);
            }
        }
    }
    let _ = evaluate(model, facts, NaiveDate::MAX, AsOfSource::Given, &choices[0]);
    let _ = evaluate(model, facts, NaiveDate::MIN, AsOfSource::Given, &choices[0]);
}

/// Checks a policy and renders what comes out; evaluates it with no facts
/// and with `facts` when both load. Returns whether the policy checked.
fn policy_through_library(name: &str, text: &str, facts: &[(String, FactsFormat)]) -> bool {
    let source = SourceFile::new(name, text);
    match check_source(&source) {
        Ok(checked) => {
            for problem in &checked.warnings.items {
                let _ = render::diagnostics::render(problem, false);
            }
            let model = &checked.model;
            evaluate_and_render(model, &Facts::empty(model));
            for (facts_text, format) in facts {
                let source = SourceFile::new("facts", facts_text.as_str());
                match parse_facts(model, &source, *format) {
                    Ok(facts) => evaluate_and_render(model, &facts),
                    Err(error) => {
                        let _ = render::diagnostics::render(&error, false);
                    }
                }
            }
            true
        }
        Err(problems) => {
            assert!(!problems.items.is_empty(), "an error without any problem");
            for problem in &problems.items {
                let _ = render::diagnostics::render(problem, false);
            }
            false
        }
    }
}

/// Loads facts against the bundled model, rendering the error or evaluating.
fn facts_through_library(model: &Model, name: &str, text: &str, format: FactsFormat) -> bool {
    let source = SourceFile::new(name, text);
    match parse_facts(model, &source, format) {
        Ok(facts) => {
            evaluate_and_render(model, &facts);
            true
        }
        Err(error) => {
            assert!(
                !error.problems().is_empty(),
                "a facts error without any problem"
            );
            let _ = render::diagnostics::render(&error, false);
            for problem in error.problems() {
                let _ = render::diagnostics::render(problem, false);
            }
            false
        }
    }
}

/// Runs `f` for each case, catching panics; fails listing every case that panicked.
fn assert_no_panic(cases: &[Case], mut f: impl FnMut(&Case) -> bool) -> (usize, usize) {
    let mut panicked = Vec::new();
    let mut ok = 0;
    for case in cases {
        match catch_unwind(AssertUnwindSafe(|| f(case))) {
            Ok(true) => ok += 1,
            Ok(false) => {}
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panicked.push(format!("{}: {message}", case.name));
            }
        }
    }
    assert!(
        panicked.is_empty(),
        "{} of {} inputs panicked:\n{}",
        panicked.len(),
        cases.len(),
        panicked.join("\n")
    );
    (ok, cases.len() - ok)
}

fn bundled_model() -> Model {
    let source = SourceFile::new("mc13-ecommerce.policy", bundled_policy());
    match check_source(&source) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the bundled policy does not check: {problems:?}"),
    }
}

#[test]
fn truncated_and_garbled_policies_do_not_panic_the_library() {
    let policy = bundled_policy();
    let mut cases = derived_cases(
        "policy",
        &policy,
        POLICY_STRIDE,
        POLICY_GARBLED,
        0x5EED_0001,
    );
    cases.extend(extreme_policies());
    // Facts in every format are garbled below; here the JSON ones suffice.
    let facts = vec![(facts_text("json"), FactsFormat::Json)];
    let (ok, failed) = assert_no_panic(&cases, |case| {
        policy_through_library("garbled.policy", &case.text(), &facts)
    });
    // Some inputs check (such as the policy cut after its last line), most do not.
    assert!(ok > 0 && failed > 0, "ok {ok}, failed {failed}");
}

#[test]
fn the_extreme_policies_are_rejected_or_accepted_as_they_should() {
    let cases = extreme_policies();
    let outcome = |name: &str| {
        let case = cases
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no case {name}"));
        check_source(&SourceFile::new("extreme.policy", case.text()))
            .map(|_| ())
            .map_err(|problems| problems.items.iter().map(|p| p.code).collect::<Vec<_>>())
    };
    for name in [
        "10,000 nested parentheses",
        "10,000 unclosed parentheses",
        "10,000 negations",
        "10,000 nested ifs",
    ] {
        assert_eq!(outcome(name), Err(vec!["provisio::too_deep"]), "{name}");
    }
    for name in [
        "a 1 MB comment line",
        "a 1 MB provision text",
        "a 1 MB name",
        "CRLF line ends",
    ] {
        assert_eq!(outcome(name), Ok(()), "{name}");
    }
    // Lines ended by CR alone are one line, a comment: nothing is declared.
    for name in [
        "CR line ends",
        "the empty file",
        "only white space",
        "only a comment",
    ] {
        assert_eq!(outcome(name), Err(vec!["provisio::empty_policy"]), "{name}");
    }
    for name in [
        "a 1 MB line of words",
        "a 1 MB number",
        "200 copies of a verdict",
        "a NUL byte inside a name",
        "non-UTF-8 bytes",
    ] {
        assert!(outcome(name).is_err(), "{name}");
    }
}

#[test]
fn truncated_and_garbled_facts_do_not_panic_the_library() {
    let model = bundled_model();
    let mut cases = Vec::new();
    for (index, (extension, format)) in FORMATS.iter().enumerate() {
        let text = facts_text(extension);
        let derived = derived_cases(extension, &text, 1, 300, 0xFAC7_0000 + index as u64);
        cases.extend(
            derived
                .into_iter()
                .chain(extreme_facts(extension))
                .map(|case| case.in_format(*format)),
        );
    }
    let (ok, failed) = assert_no_panic(&cases, |case| {
        let format = case.format.unwrap_or(FactsFormat::Json);
        facts_through_library(&model, "garbled-facts", &case.text(), format)
    });
    assert!(ok > 0 && failed > 0, "ok {ok}, failed {failed}");
}

// ---------------------------------------------------------------------------
// The binary
// ---------------------------------------------------------------------------

/// The largest input the binary is run on, but for named exceptions; larger
/// ones are slow in a debug build and are covered by the library tests.
const BINARY_MAX_BYTES: usize = 16 * 1024;

/// A folder of its own for this run's files.
fn scratch() -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("robustness-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs the binary and checks that it exits 0 or 1, explaining a failure on stderr.
fn run_binary(args: &[&std::ffi::OsStr], what: &str) -> Option<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_provisio"))
        .args(args)
        .output()
        .expect("provisio runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => None,
        Some(1) if !stderr.trim().is_empty() => None,
        Some(1) => Some(format!("{what}: exit 1 with nothing on stderr")),
        code => Some(format!(
            "{what}: exit {code:?}\n{}",
            stderr.chars().take(2_000).collect::<String>()
        )),
    }
}

#[test]
fn truncated_and_garbled_inputs_do_not_crash_the_binary() {
    let dir = scratch();
    let policy = bundled_policy();
    let bundled = root().join("rules/wto/mc13-ecommerce.policy");
    let good_facts = root().join("tests/cli/2026-03-28.json");
    let mut failures = Vec::new();

    // A sample of the policies, each checked and evaluated with good facts;
    // the files of a megabyte are left to the library tests, but for one.
    let mut policies = derived_cases(
        "policy",
        &policy,
        POLICY_STRIDE,
        POLICY_GARBLED,
        0x5EED_0001,
    );
    let stride = policies.len() / 24 + 1;
    policies = policies.into_iter().step_by(stride).collect();
    policies.extend(
        extreme_policies()
            .into_iter()
            .filter(|c| c.bytes.len() <= BINARY_MAX_BYTES || c.name == "a 1 MB comment line"),
    );
    for (n, case) in policies.iter().enumerate() {
        let path = dir.join(format!("policy-{n}.policy"));
        std::fs::write(&path, &case.bytes).expect("writable");
        failures.extend(run_binary(
            &["check".as_ref(), path.as_os_str()],
            &format!("check {}", case.name),
        ));
        failures.extend(run_binary(
            &[
                "eval".as_ref(),
                path.as_os_str(),
                "--facts".as_ref(),
                good_facts.as_os_str(),
            ],
            &format!("eval {}", case.name),
        ));
    }

    // A sample of the facts, each evaluated against the bundled policy.
    for (extension, _) in FORMATS {
        let text = facts_text(extension);
        let mut cases = derived_cases(extension, &text, 5, 60, 0xB1_0000);
        let stride = cases.len() / 10 + 1;
        cases = cases.into_iter().step_by(stride).collect();
        cases.extend(
            extreme_facts(extension)
                .into_iter()
                .filter(|c| c.bytes.len() <= BINARY_MAX_BYTES),
        );
        for (n, case) in cases.iter().enumerate() {
            let path = dir.join(format!("facts-{n}.{extension}"));
            std::fs::write(&path, &case.bytes).expect("writable");
            let format = if n % 2 == 0 { "text" } else { "json" };
            failures.extend(run_binary(
                &[
                    "eval".as_ref(),
                    bundled.as_os_str(),
                    "--facts".as_ref(),
                    path.as_os_str(),
                    "--format".as_ref(),
                    format.as_ref(),
                ],
                &format!("eval with {extension} facts {} as {format}", case.name),
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
