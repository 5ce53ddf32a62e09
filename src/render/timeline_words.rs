//! What a timeline says besides its intervals, shared by its text, JSON and
//! SVG: the readings and facts it was drawn for, the events whose dates are
//! known, each lane's words (the verdict's sentence, not its name), and each
//! change said from both sides of the line ("is in force until 25 March
//! 2026; is not in force from 26 March 2026").

use chrono::NaiveDate;

use super::timeline::verdict_interval_words;
use crate::eval::Readings;
use crate::facts::Facts;
use crate::locale::Lang;
use crate::model::template::{Template, TemplatePart};
use crate::model::translations::Described;
use crate::model::{Model, ReadingId, Type, VerdictInfo};
use crate::timeline::Interval;
use crate::value::Value;
use crate::words::{known_of_words, known_of_words_in, typed_words_in};

/// Whether an expression of a sentence is the evaluation date.
fn is_as_of(part: &TemplatePart) -> bool {
    matches!(part, TemplatePart::Expr(e) if matches!(e.kind, crate::model::expr::ExprKind::AsOf))
}

/// The words before `{as_of}` that only lead to it ("on", "as of"), cut off
/// with it: a lane covers many days, none of which is "the" date.
fn without_date_words(text: &str) -> &str {
    let text = text.trim_end();
    // French and Spanish dates take their article ("en vigueur le {as_of}").
    for lead in [
        " as of", " on", " at", " As of", " On", " At", " le", " au", " el", " al",
    ] {
        if let Some(cut) = text.strip_suffix(lead) {
            return cut;
        }
    }
    text
}

/// An expression of a sentence other than the date, which a lane cannot
/// give one value for: `…`, as for the verdict's value.
fn expr_text(_model: &Model, _part: &TemplatePart) -> String {
    String::from("…")
}

/// The sentence of a verdict cut into what comes before its choice of
/// words (`{is|is not}`) and what comes after, up to the date; `None` when
/// it has no choice.
fn around_choice(model: &Model, template: &Template) -> Option<(String, String, usize)> {
    let parts = &template.parts;
    let at = parts
        .iter()
        .position(|p| matches!(p, TemplatePart::Choice { .. }))?;
    let mut before = String::new();
    for part in parts.get(..at).unwrap_or_default() {
        match part {
            TemplatePart::Literal(text) => before.push_str(text),
            TemplatePart::Value => before.push('…'),
            other if is_as_of(other) => {}
            other => before.push_str(&expr_text(model, other)),
        }
    }
    let mut after = String::new();
    for part in parts.get(at + 1..).unwrap_or_default() {
        match part {
            TemplatePart::Literal(text) => after.push_str(text),
            TemplatePart::Value => after.push('…'),
            other if is_as_of(other) => break,
            other => after.push_str(&expr_text(model, other)),
        }
    }
    let after = without_date_words(after.trim_end_matches('.')).to_string();
    Some((before, after, at))
}

/// A verdict's words for its lane: its sentence as a statement, with the
/// date left out and `…` for its value and the other values it names ("The moratorium on customs duties
/// on electronic transmissions is in force"; "Under paragraph 5, the
/// measure is …"); its name in words ("month end") when it has no sentence.
pub fn lane_words(model: &Model, verdict: &VerdictInfo) -> String {
    lane_words_in(model, verdict, Lang::En)
}

/// The verdict's sentence in `lang` (English where the policy gives none).
fn template_in<'m>(model: &'m Model, verdict: &'m VerdictInfo, lang: Lang) -> &'m Template {
    model
        .verdicts
        .iter()
        .position(|v| std::ptr::eq(v, verdict))
        .and_then(|id| model.verdict_template(id as u32, lang))
        .unwrap_or(&verdict.template)
}

/// [`lane_words`] from the verdict's sentence in `lang`.
pub fn lane_words_in(model: &Model, verdict: &VerdictInfo, lang: Lang) -> String {
    let parts = &template_in(model, verdict, lang).parts;
    let plain = verdict.name.replace('_', " ");
    // A verdict without a sentence has its name and value for one.
    let unsaid = match parts.as_slice() {
        [] => true,
        [TemplatePart::Literal(name), TemplatePart::Value] => *name == format!("{plain}: "),
        _ => false,
    };
    if unsaid {
        return plain;
    }
    let mut text = String::new();
    for part in parts {
        match part {
            // After a date that opened the sentence ("On {as_of}, ..."),
            // what follows opens it.
            TemplatePart::Literal(literal) if text.trim().is_empty() => {
                let rest = literal.trim_start_matches([',', ' ']);
                let mut chars = rest.chars();
                if let Some(first) = chars.next() {
                    text = first.to_uppercase().chain(chars).collect();
                }
            }
            TemplatePart::Literal(literal) => text.push_str(literal),
            TemplatePart::Value => text.push('…'),
            TemplatePart::Choice { yes, .. } => text.push_str(yes),
            other if is_as_of(other) => {
                let kept = without_date_words(&format!(" {text}"))
                    .len()
                    .saturating_sub(1);
                text.truncate(kept);
            }
            other => text.push_str(&expr_text(model, other)),
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_end_matches('.').trim_end();
    if text.is_empty() {
        plain
    } else {
        text.to_string()
    }
}

/// What a verdict is over an interval, as a phrase that follows the
/// subject of its sentence where it has a choice of words ("is in force",
/// "is not in force"), its value in words otherwise; "undetermined", "does
/// not apply" (its provisions are not in force) and "error: CODE" for the
/// other statuses.
pub fn state_words(
    model: &Model,
    verdict: &VerdictInfo,
    interval: &Interval,
    lang: Lang,
) -> String {
    let say = lang.words();
    if let Some(error) = &interval.error {
        return say.one(say.timelines.error_code, error.code());
    }
    // Not "not in force": beside a sentence about being in force, that
    // would read as its value.
    if interval.in_force == Value::Bool(false) {
        return String::from(say.timelines.does_not_apply);
    }
    // The choice of words is the sentence's, in the language asked for.
    let template = template_in(model, verdict, lang);
    let chosen = match (&interval.value, around_choice(model, template)) {
        (Value::Bool(b), Some((_, after, at))) => match template.parts.get(at) {
            Some(TemplatePart::Choice { yes, no, .. }) => {
                let word = if *b { yes } else { no };
                let words = format!("{word} {after}");
                Some(words.split_whitespace().collect::<Vec<_>>().join(" "))
            }
            _ => None,
        },
        _ => None,
    };
    match chosen {
        Some(words) if !words.is_empty() => words,
        _ if !interval.value.is_known() => String::from(say.undetermined),
        _ => verdict_interval_words(model, verdict, interval, lang),
    }
}

/// One change of a verdict, between two intervals side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The last day of the interval before: still on its side of the line.
    pub last_day: NaiveDate,
    /// The first day of the interval after.
    pub first_day: NaiveDate,
    /// The verdict before, as [`state_words`] says it.
    pub before: String,
    /// The verdict after.
    pub after: String,
}

impl Change {
    /// The change in words, from both sides of the line: "is in force
    /// until 25 March 2026; is not in force from 26 March 2026".
    pub fn words(&self, lang: Lang) -> String {
        let say = lang.words();
        say.fill(
            say.timelines.change,
            &[
                ('l', &self.before),
                ('x', &say.date(self.last_day)),
                ('r', &self.after),
                ('v', &say.date(self.first_day)),
            ],
        )
    }
}

/// Every change of a verdict, in order: one between each two intervals.
pub fn changes(
    model: &Model,
    verdict: &VerdictInfo,
    intervals: &[Interval],
    lang: Lang,
) -> Vec<Change> {
    intervals
        .windows(2)
        .map(|pair| Change {
            last_day: pair[0].to,
            first_day: pair[1].from,
            before: state_words(model, verdict, &pair[0], lang),
            after: state_words(model, verdict, &pair[1], lang),
        })
        .collect()
}

/// A change whose day is not known: an undetermined stretch between two
/// determined values that differ. The first day with the value after is
/// at least the stretch's first day and at most the day after it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnsettledChange {
    /// The value before, in words.
    pub before: String,
    /// The value after, in words.
    pub after: String,
    /// The earliest the value after can start: the stretch's first day.
    pub at_least: NaiveDate,
    /// The latest: the first day of the interval after the stretch.
    pub at_most: NaiveDate,
    /// The index of the undetermined interval.
    pub interval: usize,
}

impl UnsettledChange {
    /// The change in words, from both sides of the line as for a
    /// [`Change`]: "is in force until a day between 31 December 2025 and
    /// 30 March 2026; is not in force from a day between 1 January 2026
    /// and 31 March 2026".
    pub fn words(&self, lang: Lang) -> String {
        let say = lang.words();
        let last = |date: NaiveDate| say.date(date.pred_opt().unwrap_or(date));
        say.fill(
            say.timelines.unsettled,
            &[
                ('l', &self.before),
                ('a', &last(self.at_least)),
                ('b', &last(self.at_most)),
                ('r', &self.after),
                ('c', &say.date(self.at_least)),
                ('d', &say.date(self.at_most)),
            ],
        )
    }
}

/// The changes of a verdict whose day an undetermined stretch leaves open.
pub fn unsettled_changes(
    model: &Model,
    verdict: &VerdictInfo,
    intervals: &[Interval],
    lang: Lang,
) -> Vec<UnsettledChange> {
    let settled =
        |i: &Interval| i.error.is_none() && i.in_force == Value::Bool(true) && i.value.is_known();
    intervals
        .windows(3)
        .enumerate()
        .filter_map(|(index, three)| {
            let [before, open, after] = three else {
                return None;
            };
            let open_here = open.error.is_none()
                && open.in_force == Value::Bool(true)
                && !open.value.is_known();
            (settled(before) && settled(after) && open_here && before.value != after.value).then(
                || UnsettledChange {
                    before: state_words(model, verdict, before, lang),
                    after: state_words(model, verdict, after, lang),
                    at_least: open.from,
                    at_most: after.from,
                    interval: index + 1,
                },
            )
        })
        .collect()
}

/// What an undetermined interval depends on, in words: "depends on
/// mc14.opening"; empty when it names nothing.
pub fn depends_words(model: &Model, interval: &Interval, lang: Lang) -> String {
    let facts: Vec<String> = interval
        .depends_on
        .iter()
        .map(|(fact, fields)| model.fact_path(*fact, fields))
        .collect();
    if facts.is_empty() {
        String::new()
    } else {
        lang.words()
            .one(lang.words().timelines.depends_on, &facts.join(", "))
    }
}

/// The readings a timeline was drawn under, one line each: `mc14_reference
/// = opening (default): the day the Session opens`.
pub fn reading_lines(model: &Model, readings: &Readings, lang: Lang) -> Vec<String> {
    let say = lang.words();
    super::readings_in_force(model, readings)
        .into_iter()
        .map(|(reading, alternative, chosen)| {
            let origin = if chosen {
                say.page.chosen
            } else {
                say.page.default
            };
            match super::alternative_sentence(model, reading, alternative, lang) {
                Some(sentence) => format!(
                    "{} = {} ({origin}){}{sentence}",
                    reading.name, alternative.name, say.colon
                ),
                None => format!("{} = {} ({origin})", reading.name, alternative.name),
            }
        })
        .collect()
}

/// How a fact the timeline was drawn with is known.
#[derive(Debug, Clone)]
pub enum FactShown {
    /// Known: its value, its type, and whether it took its declared default.
    Known(Value, Type, bool),
    /// Known within a range or as one of several values.
    Range(Value),
    /// Given as a history: each date with the value from it on, and the type.
    History(Vec<(NaiveDate, Value)>, Type),
}

/// The facts a timeline was drawn with: each value given, by path (a
/// record field by field, `mc14.opening`), in declaration order; and the
/// paths of those not given.
#[derive(Debug, Clone, Default)]
pub struct FactsShown {
    /// The facts given, or known within a range.
    pub given: Vec<(String, FactShown)>,
    /// The facts, or fields, not given.
    pub not_given: Vec<String>,
}

/// The facts a timeline was drawn with ([`FactsShown`]); an event's dates
/// fixed by the policy count as given.
pub fn facts_shown(model: &Model, facts: &Facts) -> FactsShown {
    let mut shown = FactsShown::default();
    for (index, info) in model.facts.iter().enumerate() {
        let id = index as u32;
        if let Some(history) = facts.histories.iter().find(|h| h.fact == id) {
            shown.given.push((
                info.field.name.clone(),
                FactShown::History(history.changes.to_vec(), info.field.ty.clone()),
            ));
            continue;
        }
        let value = match facts.values.get(index) {
            Some(value) if value.is_known() || info.fixed.is_none() => value,
            _ => info.fixed.as_ref().unwrap_or(&Value::UNKNOWN),
        };
        leaves(
            model,
            facts,
            (id, &mut Vec::new()),
            value,
            &info.field.ty,
            &mut shown,
        );
    }
    shown
}

/// The facts a timeline was drawn with, one line each: `mc14.opening = 26
/// March 2026`, `mc14.opening not known, between ...`, a history with its
/// dates; last, the facts not given, on one line.
pub fn fact_lines(model: &Model, facts: &Facts, lang: Lang) -> Vec<String> {
    let say = lang.words();
    let shown = facts_shown(model, facts);
    let mut lines: Vec<String> = shown
        .given
        .iter()
        .map(|(path, fact)| match fact {
            FactShown::Known(value, ty, defaulted) => {
                let words = typed_words_in(model, value, ty, say);
                if *defaulted {
                    format!(
                        "{path} = {}",
                        say.fill(say.explaining.by_default, &[('v', &words)])
                    )
                } else {
                    format!("{path} = {words}")
                }
            }
            FactShown::Range(value) => format!(
                "{path} {}",
                say.one(
                    say.explaining.not_known_range,
                    &known_of_words_in(model, value, say).unwrap_or_default()
                )
            ),
            FactShown::History(changes, ty) => {
                let steps: Vec<String> = changes
                    .iter()
                    .map(|(from, value)| {
                        say.fill(
                            say.timelines.from,
                            &[
                                ('x', &typed_words_in(model, value, ty, say)),
                                ('r', &say.date(*from)),
                            ],
                        )
                    })
                    .collect();
                format!("{path} = {}", steps.join(", "))
            }
        })
        .collect();
    if !shown.not_given.is_empty() {
        lines.push(say.one(say.timelines.not_given, &shown.not_given.join(", ")));
    }
    lines
}

/// The facts of one value, a record field by field.
fn leaves(
    model: &Model,
    facts: &Facts,
    (fact, fields): (u32, &mut Vec<u32>),
    value: &Value,
    ty: &Type,
    shown: &mut FactsShown,
) {
    let path = model.fact_path(fact, fields);
    match (value, ty.without_none()) {
        (Value::Record(values), Type::Record(record)) => {
            let Some(record) = model.records.get(*record as usize) else {
                return;
            };
            for (index, (field, value)) in record.fields.iter().zip(values.iter()).enumerate() {
                fields.push(index as u32);
                leaves(model, facts, (fact, fields), value, &field.ty, shown);
                fields.pop();
            }
        }
        (value, _) if value.is_known() => {
            let defaulted = facts.is_defaulted(fact, fields);
            shown
                .given
                .push((path, FactShown::Known(value.clone(), ty.clone(), defaulted)));
        }
        (value, _) if known_of_words(model, value).is_some() => {
            shown.given.push((path, FactShown::Range(value.clone())));
        }
        _ => shown.not_given.push(path),
    }
}

/// An event whose dates are known, at least in part.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDates {
    /// Its name in the policy (`mc14`).
    pub name: String,
    /// What it is, in words, or its name.
    pub words: String,
    /// Its opening day, if known.
    pub opening: Option<NaiveDate>,
    /// Its closing day, if known.
    pub closing: Option<NaiveDate>,
}

impl EventDates {
    /// Its dates in words: "26 March 2026 to 30 March 2026", "opens 26
    /// March 2026".
    pub fn dates_words(&self, lang: Lang) -> String {
        let say = lang.words();
        let t = &say.timelines;
        match (self.opening, self.closing) {
            (Some(o), Some(c)) if o == c => say.one(t.on, &say.date(o)),
            (Some(o), Some(c)) => say.fill(t.span, &[('l', &say.date(o)), ('r', &say.date(c))]),
            (Some(o), None) => say.one(t.event_dates.0, &say.date(o)),
            (None, Some(c)) => say.one(t.event_dates.1, &say.date(c)),
            (None, None) => String::from(t.event_dates.2),
        }
    }
}

/// The events of the policy whose opening or closing is known, from the
/// facts or fixed by the policy, in declaration order.
pub fn event_dates(model: &Model, facts: &Facts, lang: Lang) -> Vec<EventDates> {
    let date_of = |value: Option<&Value>| match value {
        Some(Value::Date(d)) => Some(*d),
        _ => None,
    };
    model
        .facts
        .iter()
        .enumerate()
        .filter(|(_, info)| info.is_event)
        .filter_map(|(index, info)| {
            let given = match facts.values.get(index) {
                Some(Value::Record(fields)) => Some(fields.clone()),
                _ => None,
            };
            let fixed = match &info.fixed {
                Some(Value::Record(fields)) => Some(fields.clone()),
                _ => None,
            };
            let field = |at: usize| {
                date_of(given.as_ref().and_then(|f| f.get(at)))
                    .or_else(|| date_of(fixed.as_ref().and_then(|f| f.get(at))))
            };
            let (opening, closing) = (field(0), field(1));
            (opening.is_some() || closing.is_some()).then(|| EventDates {
                name: info.field.name.clone(),
                words: model
                    .described(Described::Fact(index as u32), lang)
                    .map_or_else(|| info.field.name.clone(), str::to_string),
                opening,
                closing,
            })
        })
        .collect()
}

/// The readings of a lane in words: `under mc14_reference = opening,
/// expiry_boundary = exclusive`.
pub fn readings_words(model: &Model, readings: &[(ReadingId, u32)], lang: Lang) -> String {
    let say = lang.words();
    if readings.is_empty() {
        return String::from(say.timelines.same_under_every);
    }
    let parts: Vec<String> = readings
        .iter()
        .filter_map(|(reading, alternative)| {
            let info = model.readings.get(*reading as usize)?;
            let alternative = info.alternatives.get(*alternative as usize)?;
            Some(format!("{} = {}", info.name, alternative.name))
        })
        .collect();
    say.one(say.timelines.under, &parts.join(", "))
}
