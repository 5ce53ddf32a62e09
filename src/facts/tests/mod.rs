//! Tests of facts loading against hand-built models: reading every type
//! here, every kind of problem in [`problems`].

mod problems;

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::model::{EnumType, FactInfo, Field, RecordType, Type};
use crate::span::Span;

pub(super) fn field(name: &str, ty: Type, optional: bool) -> Field {
    Field {
        name: name.to_string(),
        description: None,
        ty,
        optional,
        default: None,
    }
}

pub(super) fn fact(name: &str, ty: Type, optional: bool, is_event: bool) -> FactInfo {
    FactInfo {
        field: field(name, ty, optional),
        is_event,
        fixed: None,
        span: Span::default(),
    }
}

pub(super) fn model(facts: Vec<FactInfo>, enums: Vec<EnumType>, records: Vec<RecordType>) -> Model {
    Model {
        source: SourceFile::new("test.policy", ""),
        instrument: Default::default(),
        facts,
        types: Vec::new(),
        enums,
        records,
        readings: Vec::new(),
        provisions: Vec::new(),
        definitions: Vec::new(),
        exceptions: Vec::new(),
        deontics: Vec::new(),
        parameters: Vec::new(),
        scales: Vec::new(),
        assumptions: Vec::new(),
        verdicts: Vec::new(),
        used: Vec::new(),
        amended: None,
        translations: Default::default(),
    }
}

pub(super) fn enumeration(name: &str, values: &[&str]) -> EnumType {
    EnumType {
        name: name.to_string(),
        values: values.iter().map(|v| v.to_string()).collect(),
        descriptions: Vec::new(),
    }
}

/// The facts of the bundled decision: `event mc14` and an optional `measure`.
pub(super) fn contract() -> Model {
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
pub(super) fn assorted() -> Model {
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

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub(super) fn parse(
    model: &Model,
    name: &str,
    text: &str,
) -> (SourceFile, Result<Facts, FactsError>) {
    let source = SourceFile::new(name, text);
    let format = FactsFormat::from_path(std::path::Path::new(name));
    let result = match format {
        Some(format) => parse_facts(model, &source, format),
        None => panic!("test file name without a known extension: {name}"),
    };
    (source, result)
}

/// The problems of a file that must fail.
pub(super) fn problems(model: &Model, name: &str, text: &str) -> (SourceFile, Vec<FactProblem>) {
    let (source, result) = parse(model, name, text);
    match result {
        Ok(facts) => panic!("expected problems in {name}, got {facts:?}"),
        Err(FactsError::Invalid(InvalidFacts { problems, .. })) => (source, problems),
        Err(other) => panic!("expected problems in {name}, got {other:?}"),
    }
}

/// The only problem of a file that must fail, and the text its label covers.
pub(super) fn only_problem(model: &Model, name: &str, text: &str) -> (FactProblem, String) {
    let (source, mut problems) = problems(model, name, text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let problem = problems.remove(0);
    let labelled = source.slice(problem.span).to_string();
    (problem, labelled)
}

pub(super) fn contract_values() -> Facts {
    Facts {
        as_of: Some(date(2026, 3, 27)),
        values: vec![
            Value::Record(Arc::from(vec![
                Value::Date(date(2026, 3, 26)),
                Value::Date(date(2026, 3, 30)),
            ])),
            Value::Record(Arc::from(vec![Value::Enum(0, 0), Value::Enum(1, 0)])),
        ],
        defaulted: Vec::new(),
        given: Default::default(),
        histories: Vec::new(),
    }
}

pub(super) const CONTRACT_JSON: &str = r#"{"as_of": "2026-03-27", "mc14": {"opening": "2026-03-26", "closing": "2026-03-30"}, "measure": {"kind": "customs_duty", "levied_on": "electronic_transmission"}}"#;

pub(super) const CONTRACT_YAML: &str = "\
as_of: 2026-03-27
mc14:
  opening: 2026-03-26
  closing: '2026-03-30'
measure:
  kind: customs_duty
  levied_on: \"electronic_transmission\"
";

pub(super) const CONTRACT_TOML: &str = "\
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
        ("f.yaml", "{}"),
        ("f.yaml", "# no facts\n{}\n"),
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
