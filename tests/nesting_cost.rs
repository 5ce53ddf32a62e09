//! Nesting costs time in proportion to its depth, never more. Every form
//! that nests, nested as deep as the nesting limit allows, is evaluated,
//! explained (decisively and in full), rendered in every format and
//! evaluated under every reading, with its facts known and with them
//! unknown (so that residuals are built), and gives its exact value.
//!
//! No time is measured: a phrase, a residual or a rendering that did twice
//! the work of the level below at each of 64 levels would take 2^64 steps,
//! and this test would never finish. Aggregates nested inside others
//! multiply by the length of their list whatever is done, so they have a
//! budget, [`MAX_NESTED_ELEMENTS`], checked here through the CLI.

use std::path::PathBuf;

use assert_cmd::Command;
use provisio::eval::MAX_NESTED_ELEMENTS;
use provisio::explain::Detail;
use provisio::span::SourceFile;

/// Declarations the forms refer to, every fact optional.
const HEADER: &str = "instrument \"Cost\" adopted 2020-01-01\n\
fact xs \"numbers\": optional list of integer\n\
fact d \"a day\": optional date\n\
fact b \"a flag\": optional boolean\n\
fact n \"a number\": optional integer\n\
fact e \"a kind\": optional one of x, y\n\
provision p \"P\"\n  text \"t\"\n  parameter a \"a value\": integer from 2020-01-01: 1\n";

/// The facts known; a list of one element, so that nested aggregates cost
/// no more than the other forms.
const KNOWN: &str = r#"{"xs": [1], "d": "2020-01-01", "b": true, "n": 1, "e": "x"}"#;

/// Every fact unknown but the list, so that aggregates go through it with
/// unknown conditions and values.
const UNKNOWN: &str = r#"{"xs": [1]}"#;

/// A form nested `depth` deep: `lead`, `open` `depth` times, `core`,
/// `close` `depth` times. A `#` in `open` or `close` is the level, so that
/// each aggregate names its elements differently.
struct Form {
    name: &'static str,
    lead: &'static str,
    open: &'static str,
    core: &'static str,
    close: &'static str,
    /// The deepest the limit allows.
    depth: usize,
    /// The line showing the value with the facts known, and with them
    /// unknown, as `eval` shows it.
    known: &'static str,
    unknown: &'static str,
}

const V: &str = "verdict v = ";

const fn form(
    name: &'static str,
    (lead, open, core, close): (&'static str, &'static str, &'static str, &'static str),
    depth: usize,
    known: &'static str,
    unknown: &'static str,
) -> Form {
    Form {
        name,
        lead,
        open,
        core,
        close,
        depth,
        known,
        unknown,
    }
}

/// Every form that nests and checks when nested.
const FORMS: &[Form] = &[
    form(
        "parentheses",
        (V, "(", "n", ")"),
        64,
        "v = 1",
        "v = undetermined; depends on n",
    ),
    form(
        "call",
        (V, "earliest(", "d", ")"),
        64,
        "v = 1 January 2020",
        "v = undetermined; depends on d",
    ),
    form(
        "call with arguments",
        (V, "earliest(d, ", "d", ")"),
        64,
        "v = 1 January 2020",
        "v = undetermined; depends on d",
    ),
    form(
        "latest",
        (V, "latest(d, ", "d", ")"),
        64,
        "v = 1 January 2020",
        "v = undetermined; depends on d",
    ),
    form(
        "if in a condition",
        (V, "if ", "b", " then true else false"),
        64,
        "v = true",
        "v = undetermined; depends on b",
    ),
    form(
        "if in a branch",
        (V, "if b then ", "n", " else 2"),
        64,
        "v = 1",
        "v = undetermined; depends on b, n",
    ),
    form(
        "else if",
        (V, "if b then 1 else ", "n", ""),
        64,
        "v = 1",
        "v = undetermined; depends on b, n",
    ),
    form(
        "not",
        (V, "not ", "b", ""),
        64,
        "v = true",
        "v = undetermined; depends on b",
    ),
    form(
        "unary minus",
        (V, "-", "n", ""),
        64,
        "v = 1",
        "v = undetermined; depends on n",
    ),
    form(
        "plus",
        ("verdict v = n", " + n", "", ""),
        64,
        "v = 65",
        "v = undetermined; depends on n",
    ),
    form(
        "minus",
        ("verdict v = n", " - 1", "", ""),
        64,
        "v = -63",
        "v = undetermined; depends on n",
    ),
    form(
        "times",
        ("verdict v = n", " * 1", "", ""),
        64,
        "v = 1",
        "v = undetermined; depends on n",
    ),
    form(
        "divided by",
        ("verdict v = n", " / 1", "", ""),
        64,
        "v = 1",
        "v = undetermined; depends on n",
    ),
    form(
        "of",
        ("verdict v = n", " of 1", "", ""),
        64,
        "v = 1",
        "v = undetermined; depends on n",
    ),
    form(
        "equals a constant",
        ("verdict v = b", " = true", "", ""),
        64,
        "v = true",
        "v = undetermined; depends on b",
    ),
    form(
        "equals a fact",
        ("verdict v = b", " = b", "", ""),
        64,
        "v = true",
        "v = undetermined; depends on b",
    ),
    form(
        "differs",
        ("verdict v = b", " != true", "", ""),
        64,
        "v = true",
        "v = undetermined; depends on b",
    ),
    form(
        "is",
        ("verdict v = b", " is true", "", ""),
        64,
        "v = true",
        "v = undetermined; depends on b",
    ),
    form(
        "is not",
        ("verdict v = b", " is not true", "", ""),
        32,
        "v = true",
        "v = undetermined; depends on b",
    ),
    form(
        "and",
        (V, "(b and ", "b", ")"),
        32,
        "v = true",
        "v = undetermined; depends on b",
    ),
    form(
        "or",
        (V, "(b or ", "b", ")"),
        32,
        "v = true",
        "v = undetermined; depends on b",
    ),
    form(
        "less than",
        (V, "(if ", "n", " < 1 then 0 else 1)"),
        21,
        "v = 1",
        "v = undetermined, between 0 and 1; depends on n",
    ),
    form(
        "before",
        (V, "(if ", "d", " before d then d else d)"),
        21,
        "v = 1 January 2020",
        "v = undetermined; depends on d",
    ),
    form(
        "is in",
        (V, "(if ", "n", " is in xs then 1 else 2)"),
        21,
        "v = 1",
        "v = undetermined, between 1 and 2; depends on n",
    ),
    form(
        "is one of",
        (V, "(if ", "e", " is one of x, y then e else e)"),
        21,
        "v = x",
        "v = undetermined; depends on e",
    ),
    form(
        "is not one of",
        (V, "(if ", "e", " is not one of x then e else e)"),
        16,
        "v = x",
        "v = undetermined; depends on e",
    ),
    form(
        "as of",
        (V, "p.a as of (if 0 < ", "p.a", " then d else d)"),
        16,
        "v = 1",
        "v = 1",
    ),
    form(
        "count where",
        (V, "count x# in xs where 0 < ", "n", ""),
        32,
        "v = 1",
        "v = undetermined, between 0 and 1; depends on xs, n",
    ),
    form(
        "sum",
        (V, "sum ", "n", " for x# in xs"),
        64,
        "v = 1",
        "v = undetermined; depends on xs, n",
    ),
    form(
        "sum of the element",
        (V, "sum x# + ", "n", " for x# in xs"),
        32,
        "v = 33",
        "v = undetermined; depends on xs, n",
    ),
    form(
        "min where",
        (V, "min 1 for x# in xs where 0 < ", "n", ""),
        32,
        "v = 1",
        "v = undetermined; depends on xs, n",
    ),
    form(
        "max",
        (V, "max ", "n", " for x# in xs"),
        64,
        "v = 1",
        "v = undetermined; depends on xs, n",
    ),
    form(
        "any",
        (V, "any x# in xs satisfies ", "b", ""),
        64,
        "v = true",
        "v = undetermined; depends on xs, b",
    ),
    form(
        "every",
        (V, "every x# in xs satisfies ", "b", ""),
        64,
        "v = true",
        "v = undetermined; depends on xs, b",
    ),
    form(
        "all",
        (V, "all x# in xs satisfy ", "b", ""),
        64,
        "v = true",
        "v = undetermined; depends on xs, b",
    ),
    form(
        "sum of earliest",
        (V, "sum earliest(", "n", ", 1) for x# in xs"),
        32,
        "v = 1",
        "v = undetermined, at most 1; depends on xs, n",
    ),
    form(
        "duration rounded",
        ("verdict v = d", " + 1 month rounded up", "", ""),
        32,
        "v = 1 September 2022",
        "v = undetermined; depends on d",
    ),
    form(
        "rounding clause",
        (V, "(", "n rounded half up to the cent", ")"),
        63,
        "v = 1",
        "v = undetermined; depends on n",
    ),
];

impl Form {
    fn policy(&self, depth: usize) -> String {
        let open: String = (0..depth)
            .map(|i| self.open.replace('#', &i.to_string()))
            .collect();
        let close: String = (0..depth)
            .rev()
            .map(|i| self.close.replace('#', &i.to_string()))
            .collect();
        format!("{HEADER}{}{open}{}{close}\n", self.lead, self.core)
    }
}

/// The line that shows the verdict's value, after evaluating, explaining and rendering it every
/// way `eval` can, with these facts; or the first problem.
fn evaluated(policy: String, facts: &str) -> Result<String, String> {
    let source = SourceFile::new("cost.policy", policy);
    let checked = provisio::check::check_source(&source).map_err(|p| format!("{p:?}"))?;
    let model = &checked.model;
    let facts = provisio::facts::parse_facts_text(
        model,
        "facts",
        facts,
        provisio::facts::FactsFormat::Json,
    )
    .map_err(|e| e.to_string())?;
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("a date")?;
    let readings = provisio::eval::Readings::defaults(model);
    let given = provisio::eval::AsOfSource::Given;
    let evaluation = provisio::eval::evaluate(model, &facts, as_of, given, &readings)
        .map_err(|e| format!("{e:?}"))?;
    let mut shown = String::new();
    for detail in [Detail::Decisive, Detail::Full] {
        let options = provisio::render::Options {
            detail,
            color: false,
            lang: Default::default(),
        };
        let text = provisio::render::text::render(model, &evaluation, &options);
        if detail == Detail::Decisive {
            shown = text
                .lines()
                .find(|line| line.starts_with("  v = "))
                .unwrap_or_default()
                .trim()
                .to_string();
        }
        provisio::render::json::render(model, &evaluation, &options);
        provisio::render::markdown::render(model, &evaluation, &options);
    }
    let all = provisio::eval::evaluate_all_readings(model, &facts, as_of, given, &readings);
    if let Some(error) = all
        .verdicts
        .iter()
        .flat_map(|v| &v.outcomes)
        .find_map(|o| o.error.as_ref())
    {
        return Err(format!("{error:?}"));
    }
    provisio::render::all_readings::render_text(model, &all);
    provisio::render::all_readings::render_json(model, &all);
    Ok(shown)
}

#[test]
fn every_form_nested_to_the_limit_is_evaluated_explained_and_rendered() {
    let mut wrong = Vec::new();
    for form in FORMS {
        for (facts, expected) in [(KNOWN, form.known), (UNKNOWN, form.unknown)] {
            let got = evaluated(form.policy(form.depth), facts);
            if got.as_deref() != Ok(expected) {
                wrong.push(format!("{}: {facts}: {got:?}", form.name));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_form_is_at_the_limit() {
    for form in FORMS {
        let deeper = SourceFile::new("cost.policy", form.policy(form.depth + 1));
        let problems = provisio::check::check_source(&deeper).err();
        let codes: Vec<&str> =
            problems.map_or(Vec::new(), |p| p.items.iter().map(|p| p.code).collect());
        assert!(
            codes.contains(&"provisio::too_deep"),
            "{}: {codes:?}",
            form.name
        );
    }
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("provisio-cost-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

/// Two aggregates, one inside the other, over a list one element longer
/// than the budget: refused as soon as the inner one starts.
#[test]
fn nested_aggregates_beyond_the_budget_are_refused() {
    let policy = temp_file(
        "budget.policy",
        &format!("{HEADER}verdict v = count x in xs where (count y in xs) > n\n"),
    );
    let elements: Vec<String> = (0..=MAX_NESTED_ELEMENTS)
        .map(|_| String::from("1"))
        .collect();
    let facts = temp_file(
        "budget.json",
        &format!(
            r#"{{"xs": [{}], "n": 1, "d": "2020-01-01", "b": true, "as_of": "2024-01-01"}}"#,
            elements.join(",")
        ),
    );
    let output = Command::cargo_bin("provisio")
        .expect("the binary")
        .arg("eval")
        .arg(&policy)
        .arg("--facts")
        .arg(&facts)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The verdict errors; the status says so, as for any errored verdict.
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("provisio::too_costly")
            && stderr.contains(
                "the aggregates nested here would weigh more than 1,000,000 elements in all for these facts"
            )
            && stderr.contains("budget.policy:10:33]"),
        "{stderr}"
    );
}
