//! The batch's fast facts reader (`provisio::facts::FastFacts`): rows in
//! plain shapes read into the same facts as the full reader gives, and
//! every other row left to the full reader, so that a batch's rows and
//! messages are those of the full reader whichever reads them.

use provisio::batch::{BatchOptions, InputFormat, run_batch};
use provisio::facts::{FactsFormat, FastFacts, parse_facts_text};
use provisio::model::Model;

use proptest::prelude::*;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";

fn model_of(path: &str) -> Model {
    let text = std::fs::read_to_string(path).expect("policy reads");
    let source = provisio::span::SourceFile::new(path, text);
    provisio::check::check_source(&source)
        .expect("policy checks")
        .model
}

/// A policy with every kind the fast reader takes, and some it leaves.
const KINDS: &str = r#"
fact paid "whether it was paid": boolean
fact count "how many": integer
fact amount "how much": optional money in EUR
fact note "a note": optional text
fact share "a share": optional decimal
fact level "a level": optional one of low, high
fact tags "tags": optional list of text
fact person "who": optional record
  born "born on": date
  status "status": optional one of single, married
  age "age": optional integer default 30
end
fact rate "a rate": integer default 5
event meeting "a meeting"

verdict big = count > 10
verdict rich = amount > EUR 100
verdict old = person.age > 40
"#;

fn kinds() -> Model {
    let source = provisio::span::SourceFile::new("kinds.policy", KINDS);
    provisio::check::check_source(&source)
        .expect("policy checks")
        .model
}

/// What the fast reader gives, and what the full reader gives.
fn both(
    model: &Model,
    text: &str,
) -> (
    Option<provisio::facts::Facts>,
    Result<provisio::facts::Facts, String>,
) {
    let fast = FastFacts::new(model).read(text);
    let full = parse_facts_text(model, "row", text, FactsFormat::Json).map_err(|e| match e {
        provisio::facts::FactsError::Invalid(invalid) => invalid
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    });
    (fast, full)
}

/// The fast reader takes `text`, and reads what the full reader reads.
#[track_caller]
fn taken(model: &Model, text: &str) {
    let (fast, full) = both(model, text);
    assert_eq!(
        fast.as_ref(),
        Some(full.as_ref().expect("the full reader reads it"))
    );
}

/// The fast reader leaves `text` to the full reader, which says `message`.
#[track_caller]
fn left(model: &Model, text: &str, message: Option<&str>) {
    let (fast, full) = both(model, text);
    assert_eq!(fast, None, "{text}");
    match message {
        Some(message) => assert_eq!(full.err().as_deref(), Some(message)),
        None => assert!(full.is_ok(), "{text}: {full:?}"),
    }
}

#[test]
fn plain_rows_are_read_fast_into_the_same_facts() {
    let model = model_of(POLICY);
    for row in [
        r#"{"as_of": "2025-01-27", "measure": {"kind": "customs_duty", "levied_on": "electronic_transmission"}}"#,
        r#"{"measure":{"levied_on":"physical_goods","kind":"internal_tax"},"as_of":"2024-10-07"}"#,
        r#"  {"mc14": {"closing": "2025-11-19", "opening": "2025-11-14"}}  "#,
        "{\"mc14\":\t{\"opening\": \"2025-11-14\"}}\r\n",
        r#"{"mc14": null, "measure": null}"#,
        r#"{"mc14": {}}"#,
        r#"{}"#,
        r#"{"mc14": {"opening": "2026-03-30", "closing": "2026-03-30"}}"#,
        r#"{"as_of": "2026-01-01", "mc14": {"opening": null, "closing": "2026-03-30"}}"#,
    ] {
        taken(&model, row);
    }
    let kinds = kinds();
    for row in [
        r#"{"paid": true, "count": 12}"#,
        r#"{"paid": false, "count": -4, "amount": 120, "note": "as agreed", "level": "high"}"#,
        r#"{"count": 0, "paid": true, "rate": 7, "person": {"born": "1980-02-29", "status": "married", "age": 44}}"#,
        r#"{"count": 999999999999999999, "paid": true, "note": "ünïcödé ✓"}"#,
        r#"{"count": 1, "paid": true, "rate": null}"#,
        r#"{"count": 1, "paid": true, "meeting": {"opening": "2026-01-01"}}"#,
    ] {
        taken(&kinds, row);
    }
}

#[test]
fn unusual_rows_are_left_to_the_full_reader_and_keep_its_messages() {
    let model = model_of(POLICY);
    let cases: &[(&str, Option<&str>)] = &[
        // An unknown key, at the top and in a record.
        (
            r#"{"mc15": {"opening": "2026-03-26"}}"#,
            Some("unknown fact `mc15`"),
        ),
        (
            r#"{"measure": {"kind": "customs_duty", "levied": "physical_goods"}}"#,
            None,
        ),
        // Duplicate keys.
        (r#"{"as_of": "2026-01-01", "as_of": "2026-01-02"}"#, None),
        (
            r#"{"mc14": {"opening": "2026-03-26", "opening": "2026-03-27"}}"#,
            None,
        ),
        // Dates in other forms, a range, a day that does not exist.
        (r#"{"as_of": "2026-1-1"}"#, None),
        (r#"{"as_of": "01/02/2026"}"#, None),
        (r#"{"as_of": "2026"}"#, None),
        (r#"{"as_of": "2026-02-30"}"#, None),
        (r#"{"mc14": {"opening": "2026-03"}}"#, None),
        // Closing before opening.
        (
            r#"{"mc14": {"opening": "2026-03-30", "closing": "2026-03-26"}}"#,
            None,
        ),
        // Escaped strings, even when they spell a plain value.
        (
            r#"{"measure": {"kind": "customs\u005fduty", "levied_on": "physical_goods"}}"#,
            None,
        ),
        (r#"{"as_of": "2026-01-0\u0031"}"#, None),
        // A value not among the alternatives, a number for a date.
        (
            r#"{"measure": {"kind": "customs", "levied_on": "physical_goods"}}"#,
            None,
        ),
        (r#"{"as_of": 20260101}"#, None),
        // Not an object, invalid JSON, trailing text, a trailing comma.
        (r#"[1, 2]"#, None),
        (r#"{"as_of": "2026-01-01""#, None),
        (r#"{"as_of": "2026-01-01"} x"#, None),
        (r#"{"as_of": "2026-01-01",}"#, None),
        (r#""#, None),
        // A history, a range.
        (
            r#"{"mc14": {"history": {"2024-01-01": {"opening": "2026-03-26"}}}}"#,
            None,
        ),
        (
            r#"{"mc14": {"opening": {"on_or_after": "2026-03-01"}}}"#,
            None,
        ),
        // Nested records deeper than declared, lists.
        (r#"{"measure": {"kind": ["customs_duty"]}}"#, None),
    ];
    for (row, message) in cases {
        let (fast, full) = both(&model, row);
        assert_eq!(fast, None, "{row}");
        if let Some(message) = message {
            assert_eq!(full.err().as_deref(), Some(*message), "{row}");
        }
    }
    let kinds = kinds();
    // Numbers written otherwise than as plain integers.
    left(&kinds, r#"{"paid": true, "count": 12.0}"#, None);
    left(&kinds, r#"{"paid": true, "count": 1e2}"#, None);
    left(
        &kinds,
        r#"{"paid": true, "count": 007}"#,
        Some("malformed JSON: invalid number"),
    );
    left(
        &kinds,
        r#"{"paid": true, "count": 18446744073709551616}"#,
        None,
    );
    left(&kinds, r#"{"paid": true, "count": -0}"#, None);
    left(&kinds, r#"{"paid": true, "count": 1, "share": 2.5}"#, None);
    // A list, `none`, a required fact left out, a required null.
    left(&kinds, r#"{"paid": true, "count": 1, "tags": ["a"]}"#, None);
    left(
        &kinds,
        r#"{"paid": true, "count": 1, "level": "none"}"#,
        Some("level: `level` is declared `one of low, high`, which cannot be none"),
    );
    left(&kinds, r#"{"paid": true}"#, Some("missing fact `count`"));
    left(
        &kinds,
        r#"{"paid": null, "count": 1}"#,
        Some("paid: expected true or false, found null"),
    );
    // A record field that takes its default, a required field left out.
    left(
        &kinds,
        r#"{"paid": true, "count": 1, "person": {"born": "1980-01-01"}}"#,
        None,
    );
    left(
        &kinds,
        r#"{"paid": true, "count": 1, "person": {"age": 3}}"#,
        Some("missing field `person.born`"),
    );
    // A string with a control character or an escaped quote.
    left(
        &kinds,
        "{\"paid\": true, \"count\": 1, \"note\": \"a\\\"b\"}",
        None,
    );
}

#[test]
fn a_batch_gives_the_same_rows_whichever_reader_reads_them() {
    let model = model_of(POLICY);
    // The same scenarios written plainly (fast) and with an escape or a
    // key order that sends them to the full reader.
    let plain = concat!(
        r#"{"as_of":"2026-03-28","mc14":{"opening":"2026-03-26","closing":"2026-03-30"},"measure":{"kind":"customs_duty","levied_on":"physical_goods"}}"#,
        "\n",
        r#"{"as_of":"2026-03-28","measure":{"kind":"internal_tax","levied_on":"electronic_transmission"}}"#,
        "\n",
    );
    let escaped = concat!(
        r#"{"as_of":"2026-03-28","mc14":{"opening":"2026-03-26","closing":"2026-03-30"},"measure":{"kind":"customs\u005fduty","levied_on":"physical_goods"}}"#,
        "\n",
        r#"{"as_of":"2026-03-2\u0038","measure":{"kind":"internal_tax","levied_on":"electronic_transmission"}}"#,
        "\n",
    );
    let fast = FastFacts::new(&model);
    assert!(plain.lines().all(|row| fast.read(row).is_some()));
    assert!(escaped.lines().all(|row| fast.read(row).is_none()));
    let run = |input: &str| {
        let mut out = Vec::new();
        let mut options = BatchOptions::new(InputFormat::JsonLines);
        options.at = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
        run_batch(&model, input.as_bytes(), &mut out, &options, |_| {}).expect("runs");
        String::from_utf8(out).expect("UTF-8")
    };
    let rows = run(plain);
    assert_eq!(rows, run(escaped));
    assert_eq!(
        rows.lines().collect::<Vec<_>>(),
        [
            r#"{"line":1,"as_of":"2026-03-28","readings":{"mc14_reference":"opening","expiry_boundary":"exclusive","scope":"transmission_and_content"},"verdicts":{"moratorium_in_force":false,"work_programme_active":false,"expiry_date":"2026-03-26","measure_status":"outside_scope","general_council_reviews_required":false},"status":{"moratorium_in_force":"determined","work_programme_active":"determined","expiry_date":"determined","measure_status":"determined","general_council_reviews_required":"determined"}}"#,
            r#"{"line":2,"as_of":"2026-03-28","readings":{"mc14_reference":"opening","expiry_boundary":"exclusive","scope":"transmission_and_content"},"verdicts":{"moratorium_in_force":null,"work_programme_active":null,"expiry_date":null,"measure_status":"outside_scope","general_council_reviews_required":null},"status":{"moratorium_in_force":"undetermined","work_programme_active":"undetermined","expiry_date":"undetermined","measure_status":"determined","general_council_reviews_required":"undetermined"}}"#,
        ]
    );
}

/// A JSON text for a generated value: plain, or written in a way the fast
/// reader leaves to the full one.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (2000u32..2030, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("\"{y}-{m:02}-{d:02}\"")),
        (2000u32..2030, 1u32..13).prop_map(|(y, m)| format!("\"{y}-{m:02}\"")),
        (2000u32..2030, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("\"{d}/{m}/{y}\"")),
        Just("null".to_string()),
        Just("\"2026-03-3\\u0031\"".to_string()),
        Just("20260101".to_string()),
        Just("{\"on_or_after\": \"2026-01-01\"}".to_string()),
    ]
}

fn enum_text(values: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(values).prop_map(|v| format!("\"{v}\"")),
        Just("\"none\"".to_string()),
        Just("null".to_string()),
        Just("\"customs\"".to_string()),
        Just("[\"customs_duty\"]".to_string()),
    ]
}

/// An object of some of `entries`, in the order given, with duplicates
/// when an entry is repeated.
fn object(entries: Vec<(String, String)>) -> String {
    let fields: Vec<String> = entries
        .into_iter()
        .map(|(key, value)| format!("\"{key}\": {value}"))
        .collect();
    format!("{{{}}}", fields.join(", "))
}

fn row() -> impl Strategy<Value = String> {
    let session = proptest::collection::vec(
        (
            proptest::sample::select(&["opening", "closing", "opening", "closing", "open"][..]),
            date_text(),
        ),
        0..4,
    )
    .prop_map(|fields| {
        object(
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    });
    let measure = (
        enum_text(&["customs_duty", "internal_tax"]),
        enum_text(&[
            "electronic_transmission",
            "transmitted_content",
            "physical_goods",
        ]),
        any::<bool>(),
    )
        .prop_map(|(kind, levied_on, swap)| {
            let mut fields = vec![
                ("kind".to_string(), kind),
                ("levied_on".to_string(), levied_on),
            ];
            if swap {
                fields.reverse();
            }
            object(fields)
        });
    let entry = prop_oneof![
        date_text().prop_map(|v| ("as_of".to_string(), v)),
        session.prop_map(|v| ("mc14".to_string(), v)),
        prop_oneof![measure, Just("null".to_string())].prop_map(|v| ("measure".to_string(), v)),
        Just(("mc15".to_string(), "1".to_string())),
    ];
    proptest::collection::vec(entry, 0..5).prop_map(object)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whenever the fast reader takes a row, the full reader reads the same
    /// facts from it; and a batch writes the same row either way.
    #[test]
    fn the_fast_reader_agrees_with_the_full_reader(text in row()) {
        let model = model_of(POLICY);
        let (fast, full) = both(&model, &text);
        if let Some(fast) = fast {
            prop_assert_eq!(Some(&fast), full.as_ref().ok());
        }
    }
}
