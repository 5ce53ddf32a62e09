//! Loading facts files for the bundled decision, end to end: the contract's
//! example in every format, files that cannot be read, reports as rendered,
//! and files that are cut short or garbled. Each kind of problem is tested
//! in detail by the unit tests of `src/facts/tests/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use provisio::facts::{Facts, FactsError, FactsFormat, ProblemKind, load_facts, parse_facts};
use provisio::model::{Model, Type};
use provisio::span::SourceFile;
use provisio::value::Value;

fn policy() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/wto/mc13-ecommerce.policy");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    match provisio::check::check_source(&SourceFile::new("mc13-ecommerce.policy", text)) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("the bundled policy does not check: {problems:?}"),
    }
}

fn parse(model: &Model, name: &str, text: &str) -> Result<Facts, FactsError> {
    let source = SourceFile::new(name, text);
    match FactsFormat::from_path(Path::new(name)) {
        Some(format) => parse_facts(model, &source, format),
        None => panic!("no format for {name}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn fact_index(model: &Model, name: &str) -> usize {
    let found = model.facts.iter().position(|f| f.field.name == name);
    found.unwrap_or_else(|| panic!("the policy has no fact `{name}`"))
}

/// The value of the enumeration value `value` of field `field` of `measure`.
fn measure_enum(model: &Model, field: &str, value: &str) -> Value {
    let measure = &model.facts[fact_index(model, "measure")];
    let Type::Record(record) = measure.field.ty else {
        panic!("`measure` is not a record");
    };
    let fields = &model.records[record as usize].fields;
    let Some(Type::Enum(id)) = fields.iter().find(|f| f.name == field).map(|f| &f.ty) else {
        panic!("`measure.{field}` is not an enumeration");
    };
    let index = model.enums[*id as usize]
        .values
        .iter()
        .position(|v| v == value);
    Value::Enum(*id, index.unwrap_or(usize::MAX) as u32)
}

fn contract_values(model: &Model) -> Facts {
    let mut values = vec![Value::UNKNOWN; model.facts.len()];
    values[fact_index(model, "mc14")] = Value::Record(Arc::from(vec![
        Value::Date(date(2026, 3, 26)),
        Value::Date(date(2026, 3, 30)),
    ]));
    values[fact_index(model, "measure")] = Value::Record(Arc::from(vec![
        measure_enum(model, "kind", "customs_duty"),
        measure_enum(model, "levied_on", "electronic_transmission"),
    ]));
    Facts {
        as_of: Some(date(2026, 3, 27)),
        values,
        defaulted: Vec::new(),
        given: Default::default(),
        histories: Vec::new(),
    }
}

const CONTRACT_JSON: &str = r#"{"as_of": "2026-03-27", "mc14": {"opening": "2026-03-26", "closing": "2026-03-30"}, "measure": {"kind": "customs_duty", "levied_on": "electronic_transmission"}}"#;

const CONTRACT_YAML: &str = "\
# The contract's example.
as_of: 2026-03-27
mc14:
  opening: 2026-03-26
  closing: '2026-03-30'
measure: {kind: customs_duty, levied_on: \"electronic_transmission\"}
";

const CONTRACT_TOML: &str = "\
as_of = 2026-03-27
mc14 = { opening = 2026-03-26, closing = \"2026-03-30\" }

[measure]
kind = \"customs_duty\"
levied_on = \"electronic_transmission\"
";

#[test]
fn reads_the_contract_example_in_every_format() {
    let model = policy();
    for (name, text) in [
        ("f.json", CONTRACT_JSON),
        ("f.yaml", CONTRACT_YAML),
        ("f.yml", CONTRACT_YAML),
        ("f.toml", CONTRACT_TOML),
    ] {
        assert_eq!(
            parse(&model, name, text).ok(),
            Some(contract_values(&model)),
            "{name}"
        );
    }
}

#[test]
fn leaves_absent_facts_unknown() {
    let model = policy();
    for (name, text) in [
        ("f.json", "{}"),
        (
            "f.json",
            r#"{"as_of": null, "mc14": null, "measure": null}"#,
        ),
        ("f.yaml", "{}"),
    ] {
        assert_eq!(
            parse(&model, name, text).ok(),
            Some(Facts::empty(&model)),
            "{name}"
        );
    }
    let facts = parse(
        &model,
        "f.json",
        r#"{"as_of": "2026-02-01", "mc14": {"closing": "2026-03-30"}}"#,
    );
    let mut expected = Facts::empty(&model);
    expected.as_of = Some(date(2026, 2, 1));
    expected.values[fact_index(&model, "mc14")] = Value::Record(Arc::from(vec![
        Value::UNKNOWN,
        Value::Date(date(2026, 3, 30)),
    ]));
    assert_eq!(facts.ok(), Some(expected));
}

#[test]
fn rejects_what_the_policy_does_not_declare() {
    let model = policy();
    let error = parse(&model, "f.json", r#"{"mc41": {"opening": "2026-03-26"}}"#).err();
    let problems = error.as_ref().map(FactsError::problems).unwrap_or_default();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::UnknownFact);
    assert_eq!(problems[0].message, "unknown fact `mc41`");
    assert_eq!(problems[0].help.as_deref(), Some("did you mean `mc14`?"));
    let text = "measure:\n  kind: custom_duty\n  levied_on: electronic_transmission\n";
    let error = parse(&model, "f.yaml", text).err();
    let problems = error.as_ref().map(FactsError::problems).unwrap_or_default();
    let found: Vec<(&str, Option<&str>)> = problems
        .iter()
        .map(|p| (p.message.as_str(), p.help.as_deref()))
        .collect();
    assert_eq!(
        found,
        [(
            "measure.kind: `custom_duty` is not one of customs_duty, internal_tax",
            Some("did you mean `customs_duty`?")
        )]
    );
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("provisio-facts-{name}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

#[test]
fn loads_files_by_extension() {
    let model = policy();
    let dir = scratch_dir("ext");
    for (name, text) in [
        ("f.json", CONTRACT_JSON),
        ("f.YAML", CONTRACT_YAML),
        ("f.yml", CONTRACT_YAML),
        ("f.toml", CONTRACT_TOML),
    ] {
        let path = dir.join(name);
        let _ = std::fs::write(&path, text);
        assert_eq!(
            load_facts(&model, &path).ok(),
            Some(contract_values(&model)),
            "{name}"
        );
    }
    let txt = dir.join("facts.txt");
    let _ = std::fs::write(&txt, CONTRACT_JSON);
    let error = load_facts(&model, &txt).err();
    let Some(FactsError::Format(format)) = &error else {
        panic!("expected a format error, got {error:?}");
    };
    assert_eq!(
        format.message,
        format!("unknown extension `.txt` of facts file `{}`", txt.display())
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(FactsFormat::from_path(Path::new("facts")), None);
}

#[test]
fn reports_a_file_that_cannot_be_read() {
    let model = policy();
    let missing = Path::new("/nonexistent/provisio/facts.json");
    let error = load_facts(&model, missing).err();
    let Some(FactsError::Read(read)) = &error else {
        panic!("expected a read error, got {error:?}");
    };
    let message = read.to_string();
    assert!(
        message.starts_with("cannot read facts file `/nonexistent/provisio/facts.json`: "),
        "{message}"
    );
    assert_eq!(read.kind, std::io::ErrorKind::NotFound);
    assert!(read.help.starts_with("check the path"));

    let dir = scratch_dir("utf8");
    let latin = dir.join("latin.json");
    let _ = std::fs::write(&latin, b"{\"note\": \"caf\xe9\"}");
    let error = load_facts(&model, &latin).err();
    assert!(
        matches!(error, Some(FactsError::Read(ref r)) if r.help.contains("UTF-8")),
        "{error:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn render(error: &FactsError) -> String {
    let theme = miette::GraphicalTheme::unicode_nocolor();
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    let _ = handler.render_report(&mut out, error);
    out
}

#[test]
fn renders_every_problem_deterministically() {
    let model = policy();
    let text = "as_of = \"31/03/2026\"\n\n[mc41]\nopening = 2026-03-26\n\n[measure]\nkind = \"custom_duty\"\n";
    let first = parse(&model, "f.toml", text).err().map(|e| render(&e));
    let second = parse(&model, "f.toml", text).err().map(|e| render(&e));
    assert_eq!(first, second);
    let rendered = first.unwrap_or_default();
    for expected in [
        "4 problems in facts file `f.toml`",
        "as_of: `31/03/2026` is not a date",
        "[f.toml:1:9]",
        "unknown fact `mc41`",
        "[f.toml:3:2]",
        "did you mean `mc14`?",
        "missing field `measure.levied_on`",
        "[f.toml:6:1]",
        "measure.kind: `custom_duty` is not one of customs_duty, internal_tax",
        "[f.toml:7:8]",
    ] {
        assert!(
            rendered.contains(expected),
            "missing {expected:?} in\n{rendered}"
        );
    }
    let at = |needle: &str| rendered.find(needle).unwrap_or(usize::MAX);
    assert!(
        at("as_of: `31/03/2026`") < at("unknown fact") && at("unknown fact") < at("missing field")
    );
}

#[test]
fn never_panics_on_truncated_or_garbled_files() {
    let model = policy();
    let garbage = [
        "\u{0}\u{1}",
        "{{{{",
        "[[[[",
        "\"",
        "}",
        "- - -",
        "a = [",
        "{\"a\":",
        "\u{feff}",
        "x: &a [*a]",
        "? [a]\n: b",
        "!tag x",
        "mc14: !!binary aGk=",
        "as_of: [",
        "1e999",
        "{\"as_of\": 1e999}",
        "as_of = nan",
        "as_of: .inf",
        "\"mc14\": {\"opening\"}",
    ];
    let files = [
        ("f.json", CONTRACT_JSON),
        ("f.yaml", CONTRACT_YAML),
        ("f.toml", CONTRACT_TOML),
    ];
    for (name, text) in files {
        let mut cuts: Vec<String> = text
            .char_indices()
            .map(|(i, _)| text[..i].to_string())
            .collect();
        cuts.extend(
            text.char_indices()
                .map(|(i, _)| format!("{}\"]}}{{[#:\n{}", &text[..i], &text[i..])),
        );
        cuts.extend(
            text.char_indices()
                .map(|(i, _)| format!("{}{}", &text[..i], &text[(i + 1).min(text.len())..])),
        );
        cuts.extend(garbage.iter().map(|g| g.to_string()));
        for cut in cuts {
            if let Err(error) = parse(&model, name, &cut) {
                for problem in error.problems() {
                    assert!(problem.span.end <= cut.len(), "{name}: {cut:?}");
                    assert!(
                        cut.is_char_boundary(problem.span.start)
                            && cut.is_char_boundary(problem.span.end)
                    );
                }
                assert!(!render(&error).is_empty());
            }
        }
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(parse(&model, "f.json", &deep).is_err());
    assert!(parse(&model, "f.yaml", &deep).is_err());
    assert!(parse(&model, "f.toml", &format!("a = {deep}")).is_err());
    let dotted = format!("{} = 1", vec!["a"; 100_000].join("."));
    assert!(parse(&model, "f.toml", &dotted).is_err());
}
