//! Loading facts files: the contract's example in every format, and every
//! kind of problem with its message, help and labelled span.

use std::sync::Arc;

use chrono::NaiveDate;
use provisio::facts::{
    FactProblem, Facts, FactsError, FactsFormat, InvalidFacts, ProblemKind, load_facts, parse_facts,
};
use provisio::model::{EnumType, FactInfo, Field, Model, RecordType, Type};
use provisio::span::{SourceFile, Span};
use provisio::value::Value;
use rust_decimal::Decimal;

fn field(name: &str, ty: Type, optional: bool) -> Field {
    Field {
        name: name.to_string(),
        description: None,
        ty,
        optional,
    }
}

fn fact(name: &str, ty: Type, optional: bool, is_event: bool) -> FactInfo {
    FactInfo {
        field: field(name, ty, optional),
        is_event,
        span: Span::default(),
    }
}

fn model(facts: Vec<FactInfo>, enums: Vec<EnumType>, records: Vec<RecordType>) -> Model {
    Model {
        source: SourceFile::new("test.policy", ""),
        instrument: Default::default(),
        facts,
        enums,
        records,
        readings: Vec::new(),
        provisions: Vec::new(),
        definitions: Vec::new(),
        exceptions: Vec::new(),
        deontics: Vec::new(),
        verdicts: Vec::new(),
    }
}

fn enumeration(name: &str, values: &[&str]) -> EnumType {
    EnumType {
        name: name.to_string(),
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

/// The facts of the bundled decision: `event mc14` and an optional `measure`.
fn contract() -> Model {
    let enums = vec![
        enumeration("measure.kind", &["customs_duty", "internal_tax"]),
        enumeration(
            "measure.levied_on",
            &[
                "electronic_transmission",
                "transmitted_content",
                "physical_goods",
            ],
        ),
    ];
    let records = vec![
        RecordType {
            name: "an event".to_string(),
            fields: vec![
                field("opening", Type::Date, true),
                field("closing", Type::Date, true),
            ],
        },
        RecordType {
            name: "measure".to_string(),
            fields: vec![
                field("kind", Type::Enum(0), false),
                field("levied_on", Type::Enum(1), false),
            ],
        },
    ];
    let facts = vec![
        fact("mc14", Type::Record(0), true, true),
        fact("measure", Type::Record(1), true, false),
    ];
    model(facts, enums, records)
}

/// A policy with facts of every type, some of them required.
fn assorted() -> Model {
    let records = vec![RecordType {
        name: "member".to_string(),
        fields: vec![
            field("age", Type::Integer, false),
            field("name", Type::Text, true),
        ],
    }];
    let facts = vec![
        fact("count", Type::Integer, true, false),
        fact("rate", Type::Decimal, true, false),
        fact("flag", Type::Bool, true, false),
        fact("note", Type::Text, true, false),
        fact("start", Type::Date, false, false),
        fact(
            "members",
            Type::List(Box::new(Type::Record(0))),
            true,
            false,
        ),
    ];
    model(facts, Vec::new(), records)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn parse(model: &Model, name: &str, text: &str) -> (SourceFile, Result<Facts, FactsError>) {
    let source = SourceFile::new(name, text);
    let format = FactsFormat::from_path(std::path::Path::new(name));
    let result = match format {
        Some(format) => parse_facts(model, &source, format),
        None => panic!("test file name without a known extension: {name}"),
    };
    (source, result)
}

/// The problems of a file that must fail.
fn problems(model: &Model, name: &str, text: &str) -> (SourceFile, Vec<FactProblem>) {
    let (source, result) = parse(model, name, text);
    match result {
        Ok(facts) => panic!("expected problems in {name}, got {facts:?}"),
        Err(FactsError::Invalid(InvalidFacts { problems, .. })) => (source, problems),
        Err(other) => panic!("expected problems in {name}, got {other:?}"),
    }
}

/// The only problem of a file that must fail, and the text its label covers.
fn only_problem(model: &Model, name: &str, text: &str) -> (FactProblem, String) {
    let (source, mut problems) = problems(model, name, text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let problem = problems.remove(0);
    let labelled = source.slice(problem.span).to_string();
    (problem, labelled)
}

fn contract_values() -> Facts {
    Facts {
        as_of: Some(date(2026, 3, 27)),
        values: vec![
            Value::Record(Arc::from(vec![
                Value::Date(date(2026, 3, 26)),
                Value::Date(date(2026, 3, 30)),
            ])),
            Value::Record(Arc::from(vec![Value::Enum(0, 0), Value::Enum(1, 0)])),
        ],
    }
}

const CONTRACT_JSON: &str = r#"{"as_of": "2026-03-27", "mc14": {"opening": "2026-03-26", "closing": "2026-03-30"}, "measure": {"kind": "customs_duty", "levied_on": "electronic_transmission"}}"#;

const CONTRACT_YAML: &str = "\
as_of: 2026-03-27
mc14:
  opening: 2026-03-26
  closing: '2026-03-30'
measure:
  kind: customs_duty
  levied_on: \"electronic_transmission\"
";

const CONTRACT_TOML: &str = "\
as_of = \"2026-03-27\"

[mc14]
opening = 2026-03-26
closing = \"2026-03-30\"

[measure]
kind = \"customs_duty\"
levied_on = \"electronic_transmission\"
";

#[test]
fn reads_the_contract_example_in_every_format() {
    let model = contract();
    for (name, text) in [
        ("f.json", CONTRACT_JSON),
        ("f.yaml", CONTRACT_YAML),
        ("f.yml", CONTRACT_YAML),
        ("f.toml", CONTRACT_TOML),
    ] {
        let (_, result) = parse(&model, name, text);
        assert_eq!(result.ok(), Some(contract_values()), "{name}");
    }
}

#[test]
fn absent_optional_facts_are_unknown() {
    let model = contract();
    for (name, text) in [
        ("f.json", "{}"),
        (
            "f.json",
            r#"{"mc14": null, "measure": null, "as_of": null}"#,
        ),
        ("f.yaml", ""),
        ("f.yaml", "# no facts\n"),
        ("f.toml", ""),
    ] {
        let (_, result) = parse(&model, name, text);
        assert_eq!(result.ok(), Some(Facts::empty(&model)), "{name}: {text}");
    }
    let (_, result) = parse(&model, "f.json", r#"{"mc14": {"closing": "2026-03-30"}}"#);
    let event = Value::Record(Arc::from(vec![
        Value::UNKNOWN,
        Value::Date(date(2026, 3, 30)),
    ]));
    assert_eq!(
        result.ok().map(|f| f.values),
        Some(vec![event, Value::UNKNOWN])
    );
    let (_, result) = parse(&model, "f.yaml", "mc14:\n  opening:\n");
    let event = Value::Record(Arc::from(vec![Value::UNKNOWN, Value::UNKNOWN]));
    assert_eq!(
        result.ok().map(|f| f.values),
        Some(vec![event, Value::UNKNOWN])
    );
}

#[test]
fn reads_every_type() {
    let model = assorted();
    let text = r#"{"count": 3, "rate": "12.50", "flag": true, "note": "hi",
        "start": "2024-02-29", "members": [{"age": 40, "name": "Ana"}, {"age": 7.0}]}"#;
    let (_, result) = parse(&model, "f.json", text);
    let members = Value::List(Arc::from(vec![
        Value::Record(Arc::from(vec![
            Value::Number(Decimal::from(40)),
            Value::Text("Ana".into()),
        ])),
        Value::Record(Arc::from(vec![
            Value::Number(Decimal::from(7)),
            Value::UNKNOWN,
        ])),
    ]));
    let expected = vec![
        Value::Number(Decimal::from(3)),
        Value::Number(Decimal::new(1250, 2)),
        Value::Bool(true),
        Value::Text("hi".into()),
        Value::Date(date(2024, 2, 29)),
        members,
    ];
    let facts = result.ok();
    assert_eq!(facts.as_ref().map(|f| &f.values), Some(&expected));
    let rate = facts.and_then(|f| f.values.get(1).cloned());
    assert_eq!(
        rate.map(|r| format!("{r:?}")),
        Some("Number(12.50)".to_string())
    );
}

#[test]
fn keeps_decimals_exact() {
    let model = assorted();
    let cases = [
        (
            "f.json",
            "{\"start\": \"2026-01-01\", \"rate\": 0.1}",
            Decimal::new(1, 1),
        ),
        (
            "f.json",
            "{\"start\": \"2026-01-01\", \"rate\": \"0.1000000000000000000001\"}",
            Decimal::from_str_exact("0.1000000000000000000001").unwrap_or_default(),
        ),
        (
            "f.yaml",
            "start: 2026-01-01\nrate: 2.5\n",
            Decimal::new(25, 1),
        ),
        (
            "f.toml",
            "start = 2026-01-01\nrate = -4\n",
            Decimal::from(-4),
        ),
    ];
    for (name, text, expected) in cases {
        let (_, result) = parse(&model, name, text);
        let rate = result.ok().and_then(|f| f.values.get(1).cloned());
        assert_eq!(rate, Some(Value::Number(expected)), "{text}");
    }
}

#[test]
fn reports_an_unknown_fact_with_a_suggestion() {
    let model = contract();
    let (problem, labelled) = only_problem(&model, "f.json", r#"{"mc41": {}}"#);
    assert_eq!(problem.kind, ProblemKind::UnknownFact);
    assert_eq!(problem.message, "unknown fact `mc41`");
    assert_eq!(problem.help.as_deref(), Some("did you mean `mc14`?"));
    assert_eq!(labelled, "\"mc41\"");
    let (_, labelled) = only_problem(&model, "f.yaml", "as_of: 2026-01-01\nmc41: {}\n");
    assert_eq!(labelled, "mc41");
    let (_, labelled) = only_problem(&model, "f.toml", "[mc41]\nopening = 2026-01-01\n");
    assert_eq!(labelled, "mc41");
    let (problem, _) = only_problem(&model, "f.json", r#"{"tariff": 3}"#);
    assert_eq!(
        problem.help.as_deref(),
        Some("this policy declares the facts mc14, measure; `as_of` gives the evaluation date")
    );
}

#[test]
fn reports_unknown_fields_of_records_and_events() {
    let model = contract();
    let text = "{\"measure\": {\"knd\": \"customs_duty\", \"levied_on\": \"physical_goods\"}}";
    let (source, problems) = problems(&model, "f.json", text);
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "missing field `measure.kind`",
            "unknown field `measure.knd`"
        ]
    );
    let unknown = &problems[1];
    assert_eq!(unknown.kind, ProblemKind::UnknownField);
    assert_eq!(unknown.help.as_deref(), Some("did you mean `kind`?"));
    assert_eq!(source.slice(unknown.span), "\"knd\"");
    let missing = &problems[0];
    assert_eq!(missing.kind, ProblemKind::MissingField);
    assert_eq!(
        source.slice(missing.span),
        "{\"knd\": \"customs_duty\", \"levied_on\": \"physical_goods\"}"
    );
    assert_eq!(
        missing.help.as_deref(),
        Some("add `kind` as one of customs_duty, internal_tax")
    );

    let (problem, labelled) = only_problem(&model, "f.yaml", "mc14:\n  start: 2026-03-26\n");
    assert_eq!(problem.message, "unknown field `mc14.start`");
    assert_eq!(
        problem.help.as_deref(),
        Some("an event has only the dates `opening` and `closing`")
    );
    assert_eq!(labelled, "start");
    let (problem, _) = only_problem(&model, "f.toml", "[mc14]\nopenning = 2026-03-26\n");
    assert_eq!(problem.help.as_deref(), Some("did you mean `opening`?"));
}

#[test]
fn reports_values_of_the_wrong_type() {
    let model = contract();
    let (problem, labelled) = only_problem(&model, "f.json", r#"{"as_of": "31/03/2026"}"#);
    assert_eq!(problem.kind, ProblemKind::WrongType);
    assert_eq!(
        problem.message,
        "as_of: expected a date like 2026-03-31, found \"31/03/2026\""
    );
    assert_eq!(labelled, "\"31/03/2026\"");
    assert!(problem.help.is_some());

    let text = "measure:\n  kind: 42\n  levied_on: physical_goods\n";
    let (problem, labelled) = only_problem(&model, "f.yaml", text);
    assert_eq!(
        problem.message,
        "measure.kind: expected one of customs_duty, internal_tax, found 42"
    );
    assert_eq!(labelled, "42");

    let model = assorted();
    let cases = [
        (
            "{\"start\": \"2026-01-01\", \"count\": 2.5}",
            "count: expected a whole number, found 2.5",
            "2.5",
        ),
        (
            "{\"start\": \"2026-01-01\", \"flag\": \"yes\"}",
            "flag: expected true or false, found \"yes\"",
            "\"yes\"",
        ),
        (
            "{\"start\": \"2026-01-01\", \"note\": 7}",
            "note: expected text, found 7",
            "7",
        ),
        (
            "{\"start\": \"2026-01-01\", \"rate\": \"12,50\"}",
            "rate: expected a number like 12.50, found \"12,50\"",
            "\"12,50\"",
        ),
        (
            "{\"start\": \"2026-01-01\", \"members\": {}}",
            "members: expected a list, each element an object with the fields age, name, found an object",
            "{}",
        ),
        (
            "{\"start\": \"2026-01-01\", \"members\": [{\"age\": 1}, {\"age\": \"x\"}]}",
            "members[1].age: expected a whole number, found \"x\"",
            "\"x\"",
        ),
        (
            "{\"start\": null}",
            "start: expected a date like 2026-03-31, found null",
            "null",
        ),
    ];
    for (text, message, label) in cases {
        let (problem, labelled) = only_problem(&model, "f.json", text);
        assert_eq!(
            (problem.message.as_str(), labelled.as_str()),
            (message, label),
            "{text}"
        );
    }
}

#[test]
fn explains_dates_that_do_not_exist() {
    let model = contract();
    let (problem, labelled) = only_problem(&model, "f.toml", "as_of = \"2026-02-30\"\n");
    assert_eq!(
        problem.message,
        "as_of: expected a date like 2026-03-31, found \"2026-02-30\" (there is no 30 February 2026)"
    );
    assert_eq!(labelled, "\"2026-02-30\"");
    let (problem, labelled) = only_problem(&model, "f.toml", "as_of = 2026-03-31T10:00:00Z\n");
    assert_eq!(
        problem.message,
        "as_of: expected a date like 2026-03-31, found 2026-03-31T10:00:00Z (a date has no time of day)"
    );
    assert_eq!(labelled, "2026-03-31T10:00:00Z");
}

#[test]
fn reports_enumeration_values_outside_the_alternatives() {
    let model = contract();
    let text = "[measure]\nkind = \"custom_duty\"\nlevied_on = \"physical_goods\"\n";
    let (problem, labelled) = only_problem(&model, "f.toml", text);
    assert_eq!(problem.kind, ProblemKind::NotInEnum);
    assert_eq!(
        problem.message,
        "measure.kind: `custom_duty` is not one of customs_duty, internal_tax"
    );
    assert_eq!(
        problem.help.as_deref(),
        Some("did you mean `customs_duty`?")
    );
    assert_eq!(labelled, "\"custom_duty\"");
    let text = "measure: {kind: vat, levied_on: physical_goods}\n";
    let (problem, labelled) = only_problem(&model, "f.yaml", text);
    assert_eq!(
        problem.help.as_deref(),
        Some("write one of customs_duty, internal_tax")
    );
    assert_eq!(labelled, "vat");
}

#[test]
fn reports_missing_required_facts() {
    let model = assorted();
    let (problem, labelled) = only_problem(&model, "f.json", "  {\"count\": 1}");
    assert_eq!(problem.kind, ProblemKind::MissingFact);
    assert_eq!(problem.message, "missing fact `start`");
    assert_eq!(labelled, "{");
    let (problem, labelled) = only_problem(&model, "f.yaml", "count: 1\n");
    assert_eq!(problem.message, "missing fact `start`");
    assert_eq!((problem.span, labelled.as_str()), (Span::new(0, 0), ""));
}

#[test]
fn reports_a_top_level_that_is_not_an_object() {
    let model = contract();
    let (problem, labelled) = only_problem(&model, "f.json", "[1, 2]");
    assert_eq!(problem.kind, ProblemKind::NotAnObject);
    assert_eq!(
        problem.message,
        "expected an object of facts at the top level, found a list"
    );
    assert_eq!(labelled, "[");
    let (problem, _) = only_problem(&model, "f.yaml", "- a\n- b\n");
    assert_eq!(
        problem.message,
        "expected a mapping of facts at the top level, found a list"
    );
}

#[test]
fn reports_repeated_keys() {
    let model = contract();
    let text =
        "{\"mc14\": {}, \"mc14\": {\"opening\": \"2026-03-26\", \"opening\": \"2026-03-27\"}}";
    let (source, problems) = problems(&model, "f.json", text);
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.message.as_str(), source.slice(p.span)))
        .collect();
    assert_eq!(found, [("duplicate fact `mc14`", "\"mc14\"")]);
    assert_eq!(problems[0].span.start, 13);
    let (problem, labelled) = only_problem(
        &model,
        "f.yaml",
        "mc14:\n  opening: 2026-03-26\n  opening: 2026-03-27\n",
    );
    assert_eq!(problem.message, "duplicate field `mc14.opening`");
    assert_eq!((problem.span.start, labelled.as_str()), (30, "opening"));
}

#[test]
fn reports_an_event_that_closes_before_it_opens() {
    let model = contract();
    let text = "{\"mc14\": {\"opening\": \"2026-03-30\", \"closing\": \"2026-03-26\"}}";
    let (problem, labelled) = only_problem(&model, "f.json", text);
    assert_eq!(problem.kind, ProblemKind::EventOrder);
    assert_eq!(
        problem.message,
        "mc14: closes on 2026-03-26, before it opens on 2026-03-30"
    );
    assert_eq!(labelled, "\"2026-03-26\"");
}

#[test]
fn collects_every_problem_in_file_order() {
    let model = contract();
    let text = "{\n  \"as_of\": \"tomorrow\",\n  \"mc41\": {},\n  \"measure\": {\"kind\": \"vat\", \"levied_on\": 3}\n}";
    let (source, result) = parse(&model, "f.json", text);
    let Err(error) = result else {
        panic!("expected problems");
    };
    assert_eq!(error.to_string(), "4 problems in facts file `f.json`");
    let found: Vec<(ProblemKind, &str)> = error
        .problems()
        .iter()
        .map(|p| (p.kind, source.slice(p.span)))
        .collect();
    assert_eq!(
        found,
        [
            (ProblemKind::WrongType, "\"tomorrow\""),
            (ProblemKind::UnknownFact, "\"mc41\""),
            (ProblemKind::NotInEnum, "\"vat\""),
            (ProblemKind::WrongType, "3"),
        ]
    );
}

#[test]
fn shows_at_most_a_hundred_problems() {
    let model = contract();
    let entries: Vec<String> = (0..250).map(|i| format!("\"x{i}\": {i}")).collect();
    let text = format!("{{{}}}", entries.join(", "));
    let (_, result) = parse(&model, "f.json", &text);
    let Err(error) = result else {
        panic!("expected problems");
    };
    assert_eq!(error.problems().len(), 100);
    assert_eq!(
        error.to_string(),
        "250 problems in facts file `f.json` (the first 100 are shown)"
    );
}

#[test]
fn reports_syntax_errors_where_the_parser_stopped() {
    let model = contract();
    let cases = [
        (
            "f.json",
            "{\"as_of\": \"2026-03-27\",\n \"mc14\" {}}",
            "{",
            "malformed JSON: ",
        ),
        (
            "f.yaml",
            "mc14:\n  opening: [2026-03-26\n",
            "",
            "malformed YAML: ",
        ),
        (
            "f.toml",
            "[mc14]\nopening = = 2026-03-26\n",
            "=",
            "malformed TOML: ",
        ),
    ];
    for (name, text, label, start) in cases {
        let (problem, labelled) = only_problem(&model, name, text);
        assert_eq!(problem.kind, ProblemKind::Syntax, "{name}");
        assert!(problem.message.starts_with(start), "{}", problem.message);
        assert!(
            !problem.message.contains(" at line "),
            "{}",
            problem.message
        );
        if !label.is_empty() {
            assert_eq!(labelled, label, "{name}");
        }
        assert!(problem.span.start <= text.len());
    }
}

#[test]
fn reports_unreadable_files_and_unknown_extensions() {
    let model = contract();
    let missing = std::path::Path::new("/nonexistent/provisio/facts.json");
    let error = load_facts(&model, missing).err();
    let Some(FactsError::Read(read)) = error else {
        panic!("expected a read error, got {error:?}");
    };
    assert!(
        read.to_string()
            .starts_with("cannot read facts file `/nonexistent/provisio/facts.json`: ")
    );
    assert_eq!(read.kind, std::io::ErrorKind::NotFound);
    assert!(read.help.contains("check the path"));

    let dir = std::env::temp_dir().join(format!("provisio-facts-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let txt = dir.join("facts.txt");
    let _ = std::fs::write(&txt, CONTRACT_JSON);
    let error = load_facts(&model, &txt).err();
    let Some(FactsError::Format(format)) = error else {
        panic!("expected a format error, got {error:?}");
    };
    assert!(
        format
            .message
            .starts_with("unknown extension `.txt` of facts file")
    );
    let json = dir.join("facts.JSON");
    let _ = std::fs::write(&json, CONTRACT_JSON);
    assert_eq!(load_facts(&model, &json).ok(), Some(contract_values()));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(FactsFormat::from_path(std::path::Path::new("facts")), None);
}

#[test]
fn handles_a_byte_order_mark() {
    let model = contract();
    let text = format!("\u{feff}{CONTRACT_JSON}");
    let (_, result) = parse(&model, "f.json", &text);
    assert_eq!(result.ok(), Some(contract_values()));
    let (problem, labelled) = only_problem(&model, "f.json", "\u{feff}{\"mc41\": 1}");
    assert_eq!(
        (problem.kind, labelled.as_str()),
        (ProblemKind::UnknownFact, "\"mc41\"")
    );
}

fn render(error: &FactsError) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let mut out = String::new();
    let _ = handler.render_report(&mut out, error);
    out
}

#[test]
fn renders_deterministically() {
    let model = contract();
    let text = "mc41: 1\nmeasure:\n  kind: custom_duty\n";
    let first = parse(&model, "f.yaml", text).1.err().map(|e| render(&e));
    let second = parse(&model, "f.yaml", text).1.err().map(|e| render(&e));
    assert_eq!(first, second);
    let rendered = first.unwrap_or_default();
    assert!(
        rendered.contains("3 problems in facts file `f.yaml`"),
        "{rendered}"
    );
    assert!(
        rendered.contains("did you mean `customs_duty`?"),
        "{rendered}"
    );
    assert!(rendered.contains("f.yaml:1:1"), "{rendered}");
}

#[test]
fn never_panics_on_truncated_or_garbled_files() {
    let model = contract();
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
    ];
    for (name, text) in [
        ("f.json", CONTRACT_JSON),
        ("f.yaml", CONTRACT_YAML),
        ("f.toml", CONTRACT_TOML),
    ] {
        let mut cuts: Vec<String> = text
            .char_indices()
            .map(|(i, _)| text[..i].to_string())
            .collect();
        cuts.extend(
            text.char_indices()
                .map(|(i, _)| format!("{}#\"]}}{{[{}", &text[..i], &text[i..])),
        );
        cuts.extend(garbage.iter().map(|g| g.to_string()));
        for cut in cuts {
            let (source, result) = parse(&model, name, &cut);
            if let Err(error) = result {
                for problem in error.problems() {
                    assert!(problem.span.end <= source.text.len());
                    assert!(source.text.is_char_boundary(problem.span.start));
                    assert!(source.text.is_char_boundary(problem.span.end));
                }
                let _ = render(&error);
            }
        }
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let _ = parse(&model, "f.json", &deep);
    let _ = parse(&model, "f.yaml", &deep);
    let _ = parse(&model, "f.toml", &format!("a = {deep}"));
}
