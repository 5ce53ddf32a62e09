//! The shapes of a scenario beyond one date and one set of readings:
//! expectations on several dates (`"at": {"2015-02-01": {...}}`), under
//! every combination of the policy's readings (`"all_readings": {...}`),
//! and the date a scenario's `expect` is checked on.
//!
//! `expect` and `all_readings` are checked on the scenario's date: the
//! facts' `as_of`, else `provisio test --at`, else the policy's
//! `scenarios as of`; a scenario that needs a date and has none is invalid,
//! so that no scenario is evaluated on a day nobody chose. Each `at` date
//! is the date of its own expectations.

use chrono::NaiveDate;
use serde_json::{Map, Value as Json};

use rust_decimal::Decimal;

use super::expect::{Expectation, Reader};
use super::scenario::key_span;
use crate::diagnostic::Problem;
use crate::model::{Model, ReadingId, VerdictId};
use crate::span::Span;
use crate::suggest::did_you_mean;

/// What a verdict must give under every combination of the readings it
/// consults (those the scenario does not choose).
#[derive(Debug, Clone, PartialEq)]
pub enum ReadingsExpectation {
    /// The same expectation under every combination.
    Agree(Box<Expectation>),
    /// `{"agree": false, "outcomes": [...]}`: the readings disagree, and
    /// each combination gives what the outcomes that match it expect.
    Disagree(Vec<ReadingsOutcome>),
}

/// One entry of a `Disagree` expectation: `{"readings": {...}, "value": ...}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingsOutcome {
    /// The readings it is for: each a reading and its alternative. A
    /// reading not named here may take any alternative.
    pub readings: Vec<(ReadingId, u32)>,
    /// The readings as written, for messages.
    pub written: Json,
    /// What the verdict must give under them, as an `expect` entry holds it.
    pub value: Expectation,
}

/// The expectations checked on one date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expectations {
    /// `{verdict: value}`, as `expect` holds them.
    pub expect: Vec<(VerdictId, Expectation)>,
    /// `{verdict: value}` under every reading.
    pub all_readings: Vec<(VerdictId, ReadingsExpectation)>,
}

impl Expectations {
    /// Whether nothing is expected.
    pub fn is_empty(&self) -> bool {
        self.expect.is_empty() && self.all_readings.is_empty()
    }
}

/// The expectations of one `at` date.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    /// The date.
    pub date: NaiveDate,
    /// What must hold on it.
    pub expected: Expectations,
}

/// The keys of an `at` date's entry other than verdicts.
pub const ALL_READINGS: &str = "all_readings";

/// A reader of expectations as `expect` holds them, with the scenario's tolerance.
fn reader<'a>(
    model: &'a Model,
    text: &'a str,
    tolerance: Option<Decimal>,
    report: &'a mut dyn FnMut(Problem),
) -> Reader<'a> {
    Reader {
        model,
        text,
        tolerance,
        report,
    }
}

fn problem(
    message: impl Into<String>,
    span: Span,
    label: &str,
    help: impl Into<String>,
) -> Problem {
    Problem::error("provisio::scenario", message, span, label).with_help(help)
}

/// A date written as a key of `at`, or why it is not one.
fn date_key(key: &str, span: Span) -> Result<NaiveDate, Problem> {
    crate::facts::parse_date(key).map_err(|fault| {
        let (code, label) = if fault.is_form() {
            (
                crate::facts::DATE_FORM,
                "a date of `at` not written year-month-day",
            )
        } else {
            ("provisio::scenario", "not a date")
        };
        Problem::error(
            code,
            format!(
                "`{}` under `at` is not a date: {}",
                crate::echo::shorten(key),
                fault.reason()
            ),
            span,
            label,
        )
        .with_help(fault.help())
    })
}

/// The `at` entries of a scenario, in date order; a date given twice (as
/// `2015-02-01` and `2015-2-1` would be) is reported.
pub(super) fn dated(
    model: &Model,
    text: &str,
    tolerance: Option<Decimal>,
    document: &Json,
    report: &mut dyn FnMut(Problem),
) -> Vec<Dated> {
    let Some(written) = document.get("at") else {
        return Vec::new();
    };
    let at = key_span(text, "at", 0);
    let Some(entries) = written.as_object() else {
        report(problem(
            "`at` gives expectations by date",
            at,
            "not an object of dates",
            "write `\"at\": {\"2026-03-28\": {\"verdict\": value}}`",
        ));
        return Vec::new();
    };
    if entries.is_empty() {
        report(problem(
            "the scenario expects nothing on any date: `at` is empty",
            at,
            "no dates",
            "give each date its expectations: `\"at\": {\"2026-03-28\": {\"verdict\": value}}`",
        ));
    }
    let mut found: Vec<Dated> = Vec::new();
    for (key, entry) in entries {
        let span = key_span(text, key, at.start);
        let date = match date_key(key, span) {
            Ok(date) => date,
            Err(problem) => {
                report(problem);
                continue;
            }
        };
        if found.iter().any(|d| d.date == date) {
            report(problem(
                format!("`at` gives {date} twice"),
                span,
                "a date already given",
                "give each date once, with every expectation for it",
            ));
            continue;
        }
        let Some(object) = entry.as_object() else {
            report(problem(
                format!("`at` expects {entry} on {date}; it expects verdicts by name"),
                span,
                "not an object of verdicts",
                format!("write `\"{key}\": {{\"verdict\": value}}`"),
            ));
            continue;
        };
        let mut verdicts = object.clone();
        let all_readings = verdicts.remove(ALL_READINGS);
        let expected = Expectations {
            expect: reader(model, text, tolerance, report).expect(&verdicts, span.start),
            all_readings: all_readings
                .map(|value| {
                    readings_expectations(model, text, tolerance, &value, span.start, report)
                })
                .unwrap_or_default(),
        };
        if object.is_empty() {
            report(problem(
                format!("the scenario expects nothing on {date}"),
                span,
                "nothing expected",
                format!("name at least one verdict: `\"{key}\": {{\"verdict\": value}}`"),
            ));
        }
        found.push(Dated { date, expected });
    }
    found.sort_by_key(|d| d.date);
    found
}

/// The scenario's top-level `all_readings`.
pub(super) fn all_readings(
    model: &Model,
    text: &str,
    tolerance: Option<Decimal>,
    document: &Json,
    report: &mut dyn FnMut(Problem),
) -> Vec<(VerdictId, ReadingsExpectation)> {
    match document.get(ALL_READINGS) {
        None => Vec::new(),
        Some(value) => readings_expectations(model, text, tolerance, value, 0, report),
    }
}

/// `{verdict: expectation}` under every reading, each expectation either as
/// `expect` writes it or `{"agree": false, "outcomes": [...]}`.
fn readings_expectations(
    model: &Model,
    text: &str,
    tolerance: Option<Decimal>,
    value: &Json,
    after: usize,
    report: &mut dyn FnMut(Problem),
) -> Vec<(VerdictId, ReadingsExpectation)> {
    let at = key_span(text, ALL_READINGS, after);
    let Some(entries) = value.as_object() else {
        report(problem(
            "`all_readings` expects verdicts by name",
            at,
            "not an object of verdicts",
            "write `\"all_readings\": {\"verdict\": value}`",
        ));
        return Vec::new();
    };
    if entries.is_empty() {
        report(problem(
            "the scenario expects nothing under every reading: `all_readings` is empty",
            at,
            "nothing expected",
            "name at least one verdict: `\"all_readings\": {\"verdict\": value}`",
        ));
    }
    let mut found = Vec::new();
    for (name, value) in entries {
        let span = key_span(text, name, at.start);
        match disagreement(value) {
            None => {
                if let Some((id, value)) =
                    reader(model, text, tolerance, report).one(name, value, span)
                {
                    found.push((id, ReadingsExpectation::Agree(Box::new(value))));
                }
            }
            Some(outcomes) => {
                if let Some(outcomes) =
                    outcomes_expected(model, text, tolerance, name, outcomes, span, report)
                    && let Some(id) = model.verdict_named(name)
                {
                    found.push((id, ReadingsExpectation::Disagree(outcomes)));
                }
            }
        }
    }
    found
}

/// The written form of a disagreement, `{"agree": false, "outcomes": [...]}`:
/// an object with `agree` and `outcomes` only, as `eval --all-readings`
/// writes a verdict (no verdict's value is an object with a list in it).
fn disagreement(value: &Json) -> Option<&Map<String, Json>> {
    let object = value.as_object()?;
    let shaped = object.contains_key("agree")
        && object.get("outcomes").is_some_and(Json::is_array)
        && object
            .keys()
            .all(|k| matches!(k.as_str(), "agree" | "outcomes"));
    shaped.then_some(object)
}

/// The outcomes of a disagreement, checked; `None` once reported.
fn outcomes_expected(
    model: &Model,
    text: &str,
    tolerance: Option<Decimal>,
    name: &str,
    object: &Map<String, Json>,
    span: Span,
    report: &mut dyn FnMut(Problem),
) -> Option<Vec<ReadingsOutcome>> {
    if object.get("agree") != Some(&Json::Bool(false)) {
        report(problem(
            format!("`{name}` under every reading: `agree` with `outcomes` must be `false`"),
            span,
            "`outcomes` list how the readings disagree",
            format!("to expect one value under every reading, write it alone: `\"{name}\": value`"),
        ));
        return None;
    }
    let Some(id) = model.verdict_named(name) else {
        // The value is checked against the verdict below; name the verdict first.
        let _ = reader(model, text, tolerance, report).one(name, &Json::Null, span);
        return None;
    };
    let items = object
        .get("outcomes")
        .and_then(Json::as_array)
        .map_or(&[][..], Vec::as_slice);
    if items.is_empty() {
        report(problem(
            format!("`{name}` is expected to differ between readings, but `outcomes` is empty"),
            span,
            "no outcomes",
            "list what each combination gives: `{\"readings\": {\"reading\": \"alternative\"}, \"value\": value}`",
        ));
        return None;
    }
    let mut outcomes = Vec::new();
    let mut fine = true;
    // Each outcome's problems point into it: the outcomes are found in
    // file order, each from its `readings` on.
    let mut cursor = span;
    for item in items {
        let here = key_span(text, "readings", cursor.end);
        if here.start >= cursor.end {
            cursor = here;
        }
        let span = cursor;
        let Some(entry) = item.as_object() else {
            report(problem(
                format!("an outcome of `{name}` is {item}, not an object"),
                span,
                "not an outcome",
                "write `{\"readings\": {\"reading\": \"alternative\"}, \"value\": value}`",
            ));
            fine = false;
            continue;
        };
        if let Some(key) = entry
            .keys()
            .find(|k| !matches!(k.as_str(), "readings" | "value"))
        {
            let help = did_you_mean(key, ["readings", "value"])
                .unwrap_or_else(|| String::from("an outcome has `readings` and `value`"));
            report(problem(
                format!("an outcome of `{name}` has no `{key}`"),
                key_span(text, key, span.start),
                "not part of an outcome",
                help,
            ));
            fine = false;
            continue;
        }
        let (Some(readings), Some(value)) = (entry.get("readings"), entry.get("value")) else {
            report(problem(
                format!("an outcome of `{name}` needs both `readings` and `value`"),
                span,
                "incomplete outcome",
                "write `{\"readings\": {\"reading\": \"alternative\"}, \"value\": value}`",
            ));
            fine = false;
            continue;
        };
        let chosen = combination(model, text, readings, span, report);
        let value = reader(model, text, tolerance, report).one(
            name,
            value,
            key_span(text, "value", span.start),
        );
        match (chosen, value) {
            (Some(chosen), Some((verdict, value))) if verdict == id => {
                outcomes.push(ReadingsOutcome {
                    readings: chosen,
                    written: readings.clone(),
                    value,
                });
            }
            _ => fine = false,
        }
    }
    fine.then_some(outcomes)
}

/// `{"reading": "alternative"}` as reading ids and alternative indexes.
fn combination(
    model: &Model,
    text: &str,
    readings: &Json,
    span: Span,
    report: &mut dyn FnMut(Problem),
) -> Option<Vec<(ReadingId, u32)>> {
    let Some(object) = readings.as_object() else {
        report(problem(
            format!("an outcome's `readings` is {readings}, not an object"),
            span,
            "not readings",
            "write `\"readings\": {\"reading\": \"alternative\"}`",
        ));
        return None;
    };
    let mut chosen = Vec::new();
    for (name, alternative) in object {
        let written = alternative.as_str().unwrap_or_default();
        match crate::eval::readings::find_choice(model, name, written) {
            Ok(choice) => chosen.push(choice),
            Err(unknown) => {
                let name_at = key_span(text, name, span.start);
                let at = if unknown.alternative {
                    value_span(text, alternative, name_at.end)
                } else {
                    name_at
                };
                report(
                    Problem::error(
                        unknown.code,
                        unknown.message,
                        at,
                        "in an outcome's `readings`",
                    )
                    .with_help(unknown.help),
                );
                return None;
            }
        }
    }
    chosen.sort_unstable();
    Some(chosen)
}

/// The scenario's date, and where it came from: the facts' `as_of`, else
/// `provisio test --at`, else the policy's `scenarios as of`.
pub fn scenario_date(
    model: &Model,
    facts_as_of: Option<NaiveDate>,
    at: Option<NaiveDate>,
) -> Option<NaiveDate> {
    facts_as_of.or(at).or(model.instrument.scenarios_as_of)
}

/// The span of a value written as JSON (or as YAML writes a plain string)
/// after `after`; the whole file's first character if not found.
fn value_span(text: &str, value: &Json, after: usize) -> Span {
    let written = value.to_string();
    let plain = value.as_str().unwrap_or(written.as_str());
    let rest = text.get(after..).unwrap_or("");
    match rest
        .find(&written)
        .map(|i| (i, written.len()))
        .or_else(|| rest.find(plain).map(|i| (i, plain.len())))
    {
        Some((at, len)) => Span::new(after + at, after + at + len),
        None => Span::new(0, text.len().min(1)),
    }
}
