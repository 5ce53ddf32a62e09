//! Every kind of problem: each test checks the message, the help and the
//! text the label covers.

use super::*;

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
    let (problem, labelled) = only_problem(&model, "f.json", r#"{"as_of": "tomorrow"}"#);
    assert_eq!(problem.kind, ProblemKind::WrongType);
    assert_eq!(
        problem.message,
        "as_of: expected a date like 2026-03-31, found \"tomorrow\""
    );
    assert_eq!(labelled, "\"tomorrow\"");
    assert!(problem.help.is_some());

    // A date in another form is told apart, with the date as it must be written.
    let (problem, labelled) = only_problem(&model, "f.json", r#"{"as_of": "31/03/2026"}"#);
    assert_eq!(problem.kind, ProblemKind::DateForm);
    assert_eq!(
        problem.message,
        "as_of: `31/03/2026` is not a date: a date is written with a four-digit year, a two-digit month and a two-digit day"
    );
    assert_eq!(labelled, "\"31/03/2026\"");
    assert_eq!(
        problem.help.as_deref(),
        Some("write the date as 2026-03-31: four-digit year, two-digit month and day")
    );

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
