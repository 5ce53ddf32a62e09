//! Names that cannot collide by accident: a reserved word used as a name
//! gets a diagnostic that names the word and how to write the name instead,
//! and a provision's name no longer hides an enumeration value.

use provisio::check::check_source;
use provisio::eval::{AsOfSource, Readings, evaluate};
use provisio::facts::{FactsFormat, parse_facts_text};
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;
use provisio::syntax::reserved::{RESERVED_WORDS, is_reserved};

const HEADER: &str = "instrument \"A rule\" adopted 2024-01-01\n";

/// Checks a policy that must fail and renders its errors.
fn problems_of(body: &str) -> String {
    let text = format!("{HEADER}{body}");
    match check_source(&SourceFile::new("words.policy", text.as_str())) {
        Ok(_) => panic!("checked without errors:\n{text}"),
        Err(problems) => problems
            .items
            .iter()
            .filter(|p| p.severity == miette::Severity::Error)
            .map(|p| render(p, false))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The code and message of the first error, for the many cases that only
/// differ in the word and what it names.
fn first_error(body: &str) -> (String, String) {
    let text = format!("{HEADER}{body}");
    match check_source(&SourceFile::new("words.policy", text.as_str())) {
        Ok(_) => panic!("checked without errors:\n{text}"),
        Err(problems) => {
            let first = &problems.items[0];
            (first.code.to_string(), first.message.clone())
        }
    }
}

#[test]
fn a_field_named_end_is_told_apart_from_the_end_of_the_record() {
    let described = "fact stays \"the periods\": list of record\n  start \"the first day\": date\n  end \"the last day\": date\nend\nverdict v = count s in stays\n";
    insta::assert_snapshot!("field_end_described", problems_of(described));
    let bare = "fact stays \"the periods\": list of record\n  start: date\n  end: date\nend\nverdict v = count s in stays\n";
    insta::assert_snapshot!("field_end_bare", problems_of(bare));
}

#[test]
fn a_fact_named_default_suggests_another_name() {
    insta::assert_snapshot!(
        "fact_default",
        problems_of("fact default \"the default rate\": decimal\nverdict v = 1\n")
    );
}

#[test]
fn each_kind_of_name_is_named_in_the_message() {
    let cases = [
        (
            "event on \"x\"\nverdict v = 1\n",
            "`on` is a reserved word of the language and cannot name an event",
        ),
        (
            "fact x \"x\": integer\nprovision p \"P\"\n  define if = x\nverdict v = p.if\n",
            "`if` is a reserved word of the language and cannot name a definition",
        ),
        (
            "fact x \"x\": integer\nprovision p \"P\"\n  parameter by \"y\": integer from 2024-01-01: 1\nverdict v = x\n",
            "`by` is a reserved word of the language and cannot name a dated value",
        ),
        (
            "provision to \"P\"\n  text \"t\"\nverdict v = 1\n",
            "`to` is a reserved word of the language and cannot name a provision",
        ),
        (
            "reading then \"x\" a (default) b\nverdict v = 1\n",
            "`then` is a reserved word of the language and cannot name a reading",
        ),
        (
            "reading r \"x\" on (default) \"a\" off \"b\"\nverdict v = 1\n",
            "`on` is a reserved word of the language and cannot name an alternative of a reading",
        ),
        (
            "fact x \"x\": one of owner, end, tenant\nverdict v = x\n",
            "`end` is a reserved word of the language and cannot name an enumeration value",
        ),
        (
            "fact x \"x\": integer\nverdict when = x\n",
            "`when` is a reserved word of the language and cannot name a verdict",
        ),
        (
            "fact x \"x\": integer\nassume else \"x is positive\" = x > 0\nverdict v = x\n",
            "`else` is a reserved word of the language and cannot name an assumption",
        ),
        (
            "fact stay \"x\": record\n  first: date\nend\nverdict v = stay.end\n",
            "`end` is a reserved word of the language and cannot name a field",
        ),
    ];
    for (body, message) in cases {
        assert_eq!(
            first_error(body),
            (
                String::from("provisio::reserved_word"),
                String::from(message)
            ),
            "{body}"
        );
    }
}

#[test]
fn every_reserved_word_is_refused_as_a_fact_name_and_a_field_name() {
    for word in RESERVED_WORDS {
        let fact = format!("fact {word} \"a fact\": integer\nverdict v = 1\n");
        let (code, message) = first_error(&fact);
        assert_eq!(code, "provisio::reserved_word", "fact {word}");
        assert!(
            message.starts_with(&format!("`{word}` is a reserved word")),
            "{message}"
        );
        let field = format!(
            "fact r \"a record\": record\n  {word} \"a field\": integer\nend\nverdict v = 1\n"
        );
        let (code, message) = first_error(&field);
        assert_eq!(code, "provisio::reserved_word", "field {word}");
        assert!(
            message.starts_with(&format!("`{word}` is a reserved word")),
            "{message}"
        );
    }
}

#[test]
fn the_last_value_of_an_enumeration_is_found_before_the_next_item() {
    assert_eq!(
        first_error("fact x \"x\": one of owner, end\nverdict v = x\n"),
        (
            String::from("provisio::reserved_word"),
            String::from(
                "`end` is a reserved word of the language and cannot name an enumeration value"
            )
        )
    );
}

#[test]
fn a_keyword_that_starts_the_next_item_is_a_syntax_error() {
    // A record left open before a provision: `provision` is not a field.
    let (code, message) = first_error(
        "fact r \"a record\": record\n  kind: integer\nprovision p \"P\"\n  text \"t\"\nverdict v = 1\n",
    );
    assert_eq!(code, "provisio::syntax");
    assert_eq!(message, "expected a name or `end`, found `provision`");
}

#[test]
fn words_that_are_not_reserved_still_get_the_syntax_error() {
    // A misplaced `:` after an ordinary name is not about reserved words.
    let (code, _) = first_error("fact x \"x\": integer\nverdict v: = x\n");
    assert_eq!(code, "provisio::syntax");
    assert!(!is_reserved("start"));
    assert!(
        !is_reserved("none"),
        "`none` may be a name; it is a word only after `or` and `is`"
    );
}

#[test]
fn the_docs_list_every_reserved_word() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/language.md"))
        .expect("docs/language.md");
    let section = docs
        .split("## Reserved words")
        .nth(1)
        .and_then(|s| s.split("```").nth(1))
        .expect("a list of reserved words in a code block");
    let mut listed: Vec<&str> = section.split_whitespace().collect();
    listed.sort_unstable();
    let mut words = RESERVED_WORDS.to_vec();
    words.sort_unstable();
    assert_eq!(listed, words);
}

const TENANCY: &str = r#"instrument "A housing rule" adopted 2024-01-01
fact occupancy "how the home is held": one of owner, tenant, free_lodger
provision tenant "Tenants"
  text "A tenant may claim the allowance."
  define claims "the household may claim" = occupancy is tenant
provision owner "Owners"
  text "An owner is treated as a tenant while the mortgage is unpaid."
  define treated_as "how the household is treated": one of owner, tenant, free_lodger =
    if occupancy is owner then tenant else occupancy
verdict claims = tenant.claims
verdict treated_as = owner.treated_as
"#;

#[test]
fn a_provision_does_not_hide_an_enumeration_value_of_its_name() {
    let model = check_source(&SourceFile::new("tenancy.policy", TENANCY))
        .expect("the policy checks: `tenant` is the value where a value is wanted")
        .model;
    let readings = Readings::defaults(&model);
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date");
    for (occupancy, claims, treated) in [
        ("tenant", true, "tenant"),
        ("owner", false, "tenant"),
        ("free_lodger", false, "free_lodger"),
    ] {
        let facts = parse_facts_text(
            &model,
            "facts",
            &format!(r#"{{"occupancy": "{occupancy}"}}"#),
            FactsFormat::Json,
        )
        .expect("facts load");
        let evaluation =
            evaluate(&model, &facts, as_of, AsOfSource::Given, &readings).expect("evaluates");
        assert_eq!(
            evaluation.verdicts[0].value.as_bool(),
            Some(claims),
            "{occupancy}"
        );
        assert_eq!(
            model.format_value(&evaluation.verdicts[1].value),
            treated,
            "{occupancy}"
        );
    }
}

#[test]
fn a_provision_name_that_is_no_value_is_still_not_a_value() {
    let (code, message) = first_error(
        "fact x \"x\": integer\nprovision p \"P\"\n  text \"t\"\n  define y = x\nverdict v = p\n",
    );
    assert_eq!(code, "provisio::not_a_value");
    assert_eq!(message, "`p` is a provision, not a value");
}

#[test]
fn a_value_of_several_enumerations_shows_the_qualified_forms() {
    insta::assert_snapshot!(
        "ambiguous_with_provision",
        problems_of(
            "fact occupancy \"how the home is held\": one of owner, tenant\n\
             fact status \"the status\": one of tenant, guest\n\
             provision tenant \"Tenants\"\n  text \"t\"\n  define who \"who\" = tenant\n\
             verdict v = tenant.who\n"
        )
    );
}
