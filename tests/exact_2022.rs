//! The 2022 Ministerial Decision written as its text reads: the moratorium
//! lasts until the 13th Session; should the Session be delayed beyond
//! 31 March 2024, it expires on that date, unless an extension decision was
//! taken. With the Session's date unknown and no extension decision, it
//! certainly no longer holds on 1 April 2024.
//!
//! The `or none` syntax is not in the language yet: the test declares
//! `extension_decision` a date, marks `is not none` as `is 1900-01-01`, and
//! rewrites both in the checked model.

use chrono::NaiveDate;
use provisio::eval::{AsOfSource, Evaluator, Input, Readings, evaluate, evaluate_values};
use provisio::facts::{Facts, FactsFormat, parse_facts_text};
use provisio::model::{Expr, ExprKind, Model, Type};
use provisio::span::SourceFile;
use provisio::value::{Bounds, Scalar, Value};

const POLICY: &str = r#"
instrument "Work Programme on Electronic Commerce: Ministerial Decision of 17 June 2022"
  symbol "WT/MIN(22)/32"
  adopted 2022-06-17
  in force from adoption

event mc13 "the 13th Session of the Ministerial Conference"
fact extension_decision "the day Ministers or the General Council decide to extend the moratorium": optional date

provision para3 "The moratorium"
  text "We agree to maintain the current practice of not imposing customs duties on electronic transmissions until the 13th Session of the Ministerial Conference. Should MC13 be delayed beyond 31 March 2024, the moratorium will expire on that date unless Ministers or the General Council take a decision to extend."
  define expiry "the day the moratorium expires" = mc13.opening
    cites "until the 13th Session of the Ministerial Conference"
  exception delayed to expiry when mc13.opening after 2024-03-31 then 2024-03-31
    cites "Should MC13 be delayed beyond 31 March 2024, the moratorium will expire on that date"
  exception extended to delayed when extension_decision is 1900-01-01 then mc13.opening
    cites "unless Ministers or the General Council take a decision to extend"
  define holds "the moratorium holds" = as_of before expiry
    cites "until"

verdict moratorium_holds = para3.holds
  says "The moratorium {holds|does not hold|may or may not hold}."
"#;

fn marker() -> Value {
    Value::Date(NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date"))
}

/// `X is 1900-01-01` becomes `X is not none`, throughout.
fn rewrite(expr: &mut Expr) {
    if let ExprKind::Binary { op, left, right } = &mut expr.kind
        && matches!(&right.kind, ExprKind::Const(v) if *v == marker())
    {
        let negated = *op == provisio::ast::BinaryOp::Equal;
        let operand = std::mem::replace(
            left,
            Box::new(Expr {
                kind: ExprKind::AsOf,
                ty: Type::Date,
                span: expr.span,
            }),
        );
        expr.kind = ExprKind::IsNone { operand, negated };
        return;
    }
    match &mut expr.kind {
        ExprKind::All(items) | ExprKind::Any(items) => items.iter_mut().for_each(rewrite),
        ExprKind::Not(e) => rewrite(e),
        _ => {}
    }
}

fn model() -> Model {
    let checked = provisio::check::check_source(&SourceFile::new("wto-2022.policy", POLICY))
        .expect("the policy checks");
    let mut model = checked.model;
    for fact in &mut model.facts {
        if fact.field.name == "extension_decision" {
            fact.field.ty = Type::OrNone(Box::new(Type::Date));
        }
    }
    for exception in &mut model.exceptions {
        rewrite(&mut exception.condition);
    }
    model
}

fn facts(model: &Model, extension: Value, opening: Value) -> Facts {
    let mut facts =
        parse_facts_text(model, "facts.json", "{}", FactsFormat::Json).expect("facts load");
    facts.values[1] = extension;
    if !matches!(opening, Value::Unknown(b) if !b.is_bounded()) {
        facts.values[0] = Value::Record(vec![opening, Value::UNKNOWN].into());
    }
    facts
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn holds(model: &Model, facts: &Facts, as_of: &str) -> (Value, bool) {
    let readings = Readings::defaults(model);
    let evaluation =
        evaluate(model, facts, day(as_of), AsOfSource::Given, &readings).expect("evaluates");
    let outcome = &evaluation.verdicts[0];
    // The fast path agrees with the explained one.
    let input = Input {
        facts,
        as_of: day(as_of),
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(model);
    let mut values = Vec::new();
    evaluate_values(&mut evaluator, &input, &mut values);
    assert_eq!(values[0], Ok(outcome.value.clone()));
    (outcome.value.clone(), outcome.exact)
}

#[test]
fn no_extension_and_the_session_date_unknown_gives_false_on_1_april_2024() {
    let model = model();
    let facts = facts(&model, Value::None, Value::UNKNOWN);
    assert_eq!(
        holds(&model, &facts, "2024-04-01"),
        (Value::Bool(false), true)
    );
    // On 31 March 2024 too, since it expires that day at the latest.
    assert_eq!(
        holds(&model, &facts, "2024-03-31"),
        (Value::Bool(false), true)
    );
    // The day before, it depends on the Session's date.
    assert_eq!(holds(&model, &facts, "2024-03-30"), (Value::UNKNOWN, true));
}

#[test]
fn an_extension_decision_unknown_leaves_it_open() {
    let model = model();
    let facts = facts(&model, Value::UNKNOWN, Value::UNKNOWN);
    let (value, exact) = holds(&model, &facts, "2024-04-01");
    assert!(!value.is_known());
    assert!(exact);
}

#[test]
fn a_session_known_to_open_in_2026_with_an_extension_holds_in_2025() {
    let model = model();
    let range = Value::Unknown(Bounds {
        lo: Some(Scalar::Date(day("2026-01-01"))),
        hi: Some(Scalar::Date(day("2026-12-31"))),
    });
    let facts = facts(&model, Value::Date(day("2024-02-01")), range);
    assert_eq!(
        holds(&model, &facts, "2025-06-01"),
        (Value::Bool(true), true)
    );
    assert_eq!(
        holds(&model, &facts, "2027-01-01"),
        (Value::Bool(false), true)
    );
}

/// The residual of the verdict, as the policy would write it.
fn residual(model: &Model, facts: &Facts, as_of: &str) -> String {
    let readings = Readings::defaults(model);
    let evaluation =
        evaluate(model, facts, day(as_of), AsOfSource::Given, &readings).expect("evaluates");
    let outcome = &evaluation.verdicts[0];
    match evaluation.residual(model, outcome) {
        Some(residual) => provisio::residual::to_source(model, &residual),
        None => String::from("(determined)"),
    }
}

/// Before exact simplification, the first read `if mc13.opening after
/// 2024-03-31 then (...) and mc13.opening after 2024-04-01 else
/// mc13.opening after 2024-04-01`, whose last branch cannot hold.
#[test]
fn residuals_hold_no_contradiction() {
    let model = model();
    let unknown = facts(&model, Value::UNKNOWN, Value::UNKNOWN);
    let range = Value::Unknown(Bounds {
        lo: Some(Scalar::Date(day("2024-03-01"))),
        hi: Some(Scalar::Date(day("2024-06-30"))),
    });
    let within = facts(&model, Value::UNKNOWN, range);
    let none_within = facts(
        &model,
        Value::None,
        Value::Unknown(Bounds {
            lo: Some(Scalar::Date(day("2024-03-01"))),
            hi: Some(Scalar::Date(day("2024-06-30"))),
        }),
    );
    let shown = [
        (
            "unknown, 1 April 2024",
            residual(&model, &unknown, "2024-04-01"),
        ),
        (
            "unknown, 30 March 2024",
            residual(&model, &unknown, "2024-03-30"),
        ),
        (
            "within, 1 April 2024",
            residual(&model, &within, "2024-04-01"),
        ),
        (
            "within, 1 March 2024",
            residual(&model, &within, "2024-03-01"),
        ),
        (
            "none, within, 15 March 2024",
            residual(&model, &none_within, "2024-03-15"),
        ),
    ];
    // `is 1900-01-01` stands for `is not none` until the syntax exists.
    let expected = [
        "(extension_decision is 1900-01-01) and mc13.opening after 2024-04-01",
        "mc13.opening after 2024-03-30",
        "(extension_decision is 1900-01-01) and mc13.opening after 2024-04-01",
        "mc13.opening after 2024-03-01",
        "mc13.opening after 2024-03-15",
    ];
    let texts: Vec<&str> = shown.iter().map(|(_, text)| text.as_str()).collect();
    assert_eq!(texts, expected, "{shown:#?}");
}

#[test]
fn the_text_and_json_say_how_it_was_decided() {
    let model = model();
    let facts = facts(&model, Value::None, Value::UNKNOWN);
    let readings = Readings::defaults(&model);
    let evaluation = evaluate(
        &model,
        &facts,
        day("2024-04-01"),
        AsOfSource::Given,
        &readings,
    )
    .expect("evaluates");
    let options = provisio::render::Options {
        detail: provisio::explain::Detail::Decisive,
        color: false,
    };
    let text = provisio::render::text::render(&model, &evaluation, &options);
    let verdicts = text
        .split("\nVerdicts\n")
        .nth(1)
        .expect("a verdicts section");
    let head: Vec<&str> = verdicts.lines().take(3).collect();
    assert_eq!(
        head,
        [
            "  moratorium_holds = false",
            "    The moratorium does not hold.",
            "    Whatever the facts not given (mc13.opening), every case they allow gives false.",
        ],
        "{text}"
    );
    let json = provisio::render::json::to_json(&model, &evaluation, &options);
    let verdict = &json["verdicts"]["moratorium_holds"];
    assert_eq!(verdict["status"], "determined");
    assert_eq!(verdict["value"], false);
    assert_eq!(
        verdict["decided_over_unknown"],
        serde_json::json!(["mc13.opening"])
    );
    assert_eq!(verdict.get("exact"), None);
}

#[test]
fn a_verdict_outside_the_fragment_says_it_is_not_exact() {
    // Months added to an unknown date fall outside what is decided exactly.
    let policy = "instrument \"A rule\" adopted 2020-01-01\n\
        fact d \"a day\": optional date\n\
        provision p \"P\"\n  text \"P.\"\n\
        define late = (d + 1 month after 2024-03-31) and (d before 2024-02-01)\n\
        verdict late = p.late\n  says \"{Yes|No|Maybe}.\"\n";
    let model = provisio::check::check_source(&SourceFile::new("p.policy", policy))
        .expect("checks")
        .model;
    let facts = parse_facts_text(&model, "f.json", "{}", FactsFormat::Json).expect("facts");
    let readings = Readings::defaults(&model);
    let evaluation = evaluate(
        &model,
        &facts,
        day("2024-01-01"),
        AsOfSource::Given,
        &readings,
    )
    .expect("evaluates");
    let outcome = &evaluation.verdicts[0];
    assert_eq!((outcome.value.is_known(), outcome.exact), (false, false));
    let options = provisio::render::Options {
        detail: provisio::explain::Detail::Decisive,
        color: false,
    };
    let json = provisio::render::json::to_json(&model, &evaluation, &options);
    assert_eq!(json["verdicts"]["late"]["exact"], false);
}

#[test]
fn depends_on_lists_only_what_the_residual_reads() {
    // On 1 March 2024, the Session known to open between 1 March and
    // 30 June 2024: whether an extension was decided cannot matter.
    let model = model();
    let range = Value::Unknown(Bounds {
        lo: Some(Scalar::Date(day("2024-03-01"))),
        hi: Some(Scalar::Date(day("2024-06-30"))),
    });
    let facts = facts(&model, Value::UNKNOWN, range);
    let readings = Readings::defaults(&model);
    let evaluation = evaluate(
        &model,
        &facts,
        day("2024-03-01"),
        AsOfSource::Given,
        &readings,
    )
    .expect("evaluates");
    let options = provisio::render::Options {
        detail: provisio::explain::Detail::Decisive,
        color: false,
    };
    let json = provisio::render::json::to_json(&model, &evaluation, &options);
    let verdict = &json["verdicts"]["moratorium_holds"];
    assert_eq!(verdict["status"], "undetermined");
    assert_eq!(verdict["depends_on"], serde_json::json!(["mc13.opening"]));
    assert_eq!(verdict["residual"], "mc13.opening after 2024-03-01");
}
