//! What a scenario expects of one verdict: a value, `null` (undetermined),
//! or an object naming its status, its value within a tolerance, its error,
//! what it depends on, its residual or the values still possible, in the
//! keys `provisio eval --format json` writes. Parsed from the scenario's
//! `expect` entry into an [`Expectation`], checked against the verdict's
//! outcome by [`compare`].

mod check;
mod keys;

use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

pub(super) use check::{Failure, compare};

use crate::diagnostic::Problem;
use crate::model::{Model, Type, VerdictId};
use crate::span::Span;
use crate::suggest::did_you_mean;

/// The status of a verdict's outcome, as `eval --format json` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The verdict does not apply on the date.
    NotInForce,
    /// The facts leave it open.
    Undetermined,
    /// It has a value.
    Determined,
    /// It could not be evaluated.
    Error,
}

/// The statuses by name, as a scenario writes them.
const STATUS_NAMES: [&str; 4] = ["not_in_force", "undetermined", "determined", "error"];

impl Status {
    /// Its name: `not_in_force`, `undetermined`, `determined` or `error`.
    pub fn name(self) -> &'static str {
        match self {
            Status::NotInForce => "not_in_force",
            Status::Undetermined => "undetermined",
            Status::Determined => "determined",
            Status::Error => "error",
        }
    }

    fn named(name: &str) -> Option<Status> {
        match name {
            "not_in_force" => Some(Status::NotInForce),
            "undetermined" => Some(Status::Undetermined),
            "determined" => Some(Status::Determined),
            "error" => Some(Status::Error),
            _ => None,
        }
    }
}

/// The keys of an expectation object.
const KEYS: [&str; 11] = [
    "value",
    "within",
    "status",
    "error",
    "provisions",
    "depends_on",
    "residual",
    "at_least",
    "at_most",
    "one_of",
    "elements",
];

/// What a scenario expects of one verdict, or of one element of a verdict
/// given for each element. Only what is named is checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expectation {
    /// Written as a plain value or `null`, not as an object: failures then
    /// show plain values too.
    pub plain: bool,
    /// The status named with `status`.
    pub status: Option<Status>,
    /// The value, amounts in the verdict's currency.
    pub value: Option<Json>,
    /// How far a number or an amount may be from `value`.
    pub within: Option<Decimal>,
    /// The error's code, such as `provisio::conflict`.
    pub error: Option<String>,
    /// The provisions the error arose in, or was between.
    pub provisions: Option<Vec<String>>,
    /// The fact paths an undetermined verdict depends on, as a set.
    pub depends_on: Option<Vec<String>>,
    /// The residual in the policy's syntax, whitespace normalised.
    pub residual: Option<String>,
    /// The least value an undetermined verdict may still take.
    pub at_least: Option<Json>,
    /// The greatest.
    pub at_most: Option<Json>,
    /// The values it may still take, as a set.
    pub one_of: Option<Vec<Json>>,
    /// For a verdict given for each element: each element's expectation, by key.
    pub elements: Option<Vec<(String, Expectation)>>,
}

impl Expectation {
    /// The status this expectation requires: the one named, or the one its
    /// other keys imply (a value: determined; an error: error; what an
    /// undetermined verdict depends on: undetermined). `null` is undetermined.
    pub fn required_status(&self) -> Option<Status> {
        self.implied().first().map(|(_, status)| *status)
    }

    /// Each key that implies a status, with the status, in key order.
    fn implied(&self) -> Vec<(&'static str, Status)> {
        let mut implied = Vec::new();
        if let Some(status) = self.status {
            implied.push(("status", status));
        }
        if self.value.is_some() {
            implied.push(("value", Status::Determined));
        }
        if self.elements.is_some() {
            implied.push(("elements", Status::Determined));
        }
        if self.error.is_some() {
            implied.push(("error", Status::Error));
        }
        for (key, set) in [
            ("depends_on", self.depends_on.is_some()),
            ("residual", self.residual.is_some()),
            ("at_least", self.at_least.is_some()),
            ("at_most", self.at_most.is_some()),
            ("one_of", self.one_of.is_some()),
        ] {
            if set {
                implied.push((key, Status::Undetermined));
            }
        }
        if self.plain && self.value.is_none() {
            implied.push(("null", Status::Undetermined));
        }
        implied
    }

    /// The expectation as the scenario wrote it, normalised: amounts in the
    /// verdict's currency, keys in one order.
    pub fn to_json(&self) -> Json {
        if self.plain {
            return self.value.clone().unwrap_or(Json::Null);
        }
        let mut out = Map::new();
        if let Some(status) = self.status {
            out.insert(String::from("status"), Json::from(status.name()));
        }
        if let Some(value) = &self.value {
            out.insert(String::from("value"), value.clone());
        }
        if let Some(within) = self.within {
            out.insert(String::from("within"), decimal_json(within));
        }
        if let Some(error) = &self.error {
            out.insert(String::from("error"), Json::from(error.as_str()));
        }
        let strings = |items: &[String]| Json::from(items.to_vec());
        if let Some(provisions) = &self.provisions {
            out.insert(String::from("provisions"), strings(provisions));
        }
        if let Some(depends_on) = &self.depends_on {
            out.insert(String::from("depends_on"), strings(depends_on));
        }
        if let Some(residual) = &self.residual {
            out.insert(String::from("residual"), Json::from(residual.as_str()));
        }
        for (key, bound) in [("at_least", &self.at_least), ("at_most", &self.at_most)] {
            if let Some(bound) = bound {
                out.insert(String::from(key), bound.clone());
            }
        }
        if let Some(one_of) = &self.one_of {
            out.insert(String::from("one_of"), Json::Array(one_of.clone()));
        }
        if let Some(elements) = &self.elements {
            let keyed: Map<String, Json> = elements
                .iter()
                .map(|(key, expectation)| (key.clone(), expectation.to_json()))
                .collect();
            // Written keyed by the elements alone when nothing else is
            // named and no key could be taken for an expectation's.
            if out.is_empty() && !keyed.keys().any(|k| KEYS.contains(&k.as_str())) {
                return Json::Object(keyed);
            }
            out.insert(String::from("elements"), Json::Object(keyed));
        }
        Json::Object(out)
    }
}

fn decimal_json(n: Decimal) -> Json {
    serde_json::from_str::<serde_json::Number>(&n.normalize().to_string())
        .map_or_else(|_| Json::String(n.to_string()), Json::Number)
}

/// A JSON number as an exact decimal.
pub(super) fn json_decimal(value: &Json) -> Option<Decimal> {
    match value {
        Json::Number(n) => {
            let text = n.to_string();
            text.parse::<Decimal>()
                .ok()
                .or_else(|| Decimal::from_scientific(&text).ok())
        }
        _ => None,
    }
}

/// Where the expectations of a scenario are read from, and how problems in
/// them are told.
pub(super) struct Reader<'a> {
    /// The policy.
    pub model: &'a Model,
    /// The scenario file's text, for spans.
    pub text: &'a str,
    /// The scenario-wide `tolerance`.
    pub tolerance: Option<Decimal>,
    /// Reports a problem.
    pub report: &'a mut dyn FnMut(Problem),
}

impl Reader<'_> {
    fn problem(&mut self, message: String, span: Span, label: &str, help: String) {
        (self.report)(Problem::error("provisio::scenario", message, span, label).with_help(help));
    }

    /// The span of `key` as written at or after `after`.
    fn span(&self, key: &str, after: usize) -> Span {
        super::scenario::key_span(self.text, key, after)
    }

    /// The expectations of an `expect` object, whose key stands at `at` in
    /// the file; every problem found is reported.
    pub fn expect(
        &mut self,
        expected: &Map<String, Json>,
        at: usize,
    ) -> Vec<(VerdictId, Expectation)> {
        expected
            .iter()
            .filter_map(|(name, value)| {
                let span = self.span(name, at);
                self.one(name, value, span)
            })
            .collect()
    }

    /// The expectation of the verdict `name`, whose key is at `span`, or
    /// `None` after reporting why it is invalid.
    pub fn one(
        &mut self,
        name: &str,
        value: &Json,
        span: Span,
    ) -> Option<(VerdictId, Expectation)> {
        let model = self.model;
        let Some(id) = model.verdict_named(name) else {
            let help = did_you_mean(name, model.verdicts.iter().map(|v| v.name.as_str()))
                .unwrap_or_else(|| {
                    let names: Vec<&str> = model.verdicts.iter().map(|v| v.name.as_str()).collect();
                    format!("the verdicts are {}", names.join(", "))
                });
            self.problem(
                format!("the policy has no verdict `{name}`"),
                span,
                "not a verdict",
                help,
            );
            return None;
        };
        let verdict = model.verdicts.get(id as usize)?;
        let for_each = verdict.for_each.is_some();
        let ty = verdict.ty.clone();
        self.verdict(&ty, name, value, span, for_each)
            .map(|expectation| (id, expectation))
    }

    /// One verdict's expectation (`for_each`: a verdict given for each
    /// element), or `None` after reporting why it is invalid.
    fn verdict(
        &mut self,
        ty: &Type,
        name: &str,
        value: &Json,
        span: Span,
        for_each: bool,
    ) -> Option<Expectation> {
        match value {
            Json::Object(object)
                if !object.is_empty() && object.keys().all(|k| KEYS.contains(&k.as_str())) =>
            {
                self.object(ty, name, object, span, for_each)
            }
            Json::Object(object) if for_each => {
                let elements = self.elements(ty, name, object, span)?;
                Some(Expectation {
                    elements: Some(elements),
                    ..Expectation::default()
                })
            }
            Json::Object(object) => {
                // Not an expectation: report its first unknown key.
                let key = object
                    .keys()
                    .find(|k| !KEYS.contains(&k.as_str()))
                    .cloned()
                    .unwrap_or_default();
                let span = if object.is_empty() {
                    span
                } else {
                    self.span(&key, span.start)
                };
                let (message, help) = if object.is_empty() {
                    (
                        format!("`{name}` is expected to be `{{}}`, which expects nothing"),
                        String::from(
                            "expect a value, `null` for undetermined, or an object such as `{\"status\": \"not_in_force\"}`",
                        ),
                    )
                } else {
                    (
                        format!("an expectation has no `{key}`"),
                        did_you_mean(&key, KEYS)
                            .unwrap_or_else(|| format!("an expectation has {}", keys_list())),
                    )
                };
                let label = if object.is_empty() {
                    "expects nothing"
                } else {
                    "not part of an expectation"
                };
                self.problem(message, span, label, help);
                None
            }
            Json::Null => Some(Expectation {
                plain: true,
                ..Expectation::default()
            }),
            _ if for_each => {
                self.problem(
                    format!(
                        "`{name}` is given for each element of a list, but the scenario expects {value}"
                    ),
                    span,
                    "not an object keyed by the elements' keys",
                    format!(
                        "expect an object with one entry per element, keyed by its key, such as `\"{name}\": {{\"Alice\": ..., \"Bob\": ...}}`, or `null` when the list is not known"
                    ),
                );
                None
            }
            _ => {
                let value = self.value(ty, name, value, span)?;
                Some(Expectation {
                    plain: true,
                    within: self.tolerance.filter(|_| numeric(ty)),
                    value: Some(value),
                    ..Expectation::default()
                })
            }
        }
    }

    /// Each element's expectation of a verdict given for each element.
    fn elements(
        &mut self,
        ty: &Type,
        name: &str,
        object: &Map<String, Json>,
        span: Span,
    ) -> Option<Vec<(String, Expectation)>> {
        let mut out = Vec::new();
        let mut valid = true;
        for (key, value) in object {
            let at = self.span(key, span.start);
            let element = format!("{name}` for `{key}");
            match self.verdict(ty, &element, value, at, false) {
                Some(expectation) => out.push((key.clone(), expectation)),
                None => valid = false,
            }
        }
        valid.then_some(out)
    }

    /// An expected value of the verdict's type, amounts in its currency.
    fn value(&mut self, ty: &Type, name: &str, value: &Json, span: Span) -> Option<Json> {
        if let (Type::Date, Json::String(text)) = (ty, value)
            && let Err(fault @ crate::facts::DateFault::Form(_)) = crate::facts::parse_date(text)
        {
            // An expected date in another form: the same problem as in facts.
            (self.report)(
                Problem::error(
                    crate::facts::DATE_FORM,
                    format!(
                        "`{name}` is expected to be `{}`, which is not a date: {}",
                        crate::echo::shorten(text),
                        fault.reason()
                    ),
                    span,
                    "an expected date not written year-month-day",
                )
                .with_help(fault.help()),
            );
            return None;
        }
        if value.is_null() {
            self.problem(
                format!("`{name}` is expected to have the value `null`, which is no value"),
                span,
                "no value",
                String::from("for an undetermined verdict, write `null` in place of the object, or `{\"status\": \"undetermined\"}`"),
            );
            return None;
        }
        if !super::scenario::fits(self.model, ty, value) {
            self.problem(
                format!(
                    "`{name}` is {}, but the scenario expects {value}",
                    self.model.type_name(ty)
                ),
                span,
                "wrong kind of value",
                String::from("expect a value of the verdict's type, or `null` for undetermined"),
            );
            return None;
        }
        Some(super::per_element::money_in_currency(ty, value))
    }

    /// An expectation written as an object of expectation keys.
    fn object(
        &mut self,
        ty: &Type,
        name: &str,
        object: &Map<String, Json>,
        span: Span,
        for_each: bool,
    ) -> Option<Expectation> {
        let mut out = Expectation::default();
        let mut valid = true;
        let at = span.start;
        for (key, value) in object {
            let key_at = self.span(key, at);
            let ok = match key.as_str() {
                "status" => match value.as_str().and_then(Status::named) {
                    Some(status) => {
                        out.status = Some(status);
                        true
                    }
                    None => {
                        let written = value
                            .as_str()
                            .map_or_else(|| value.to_string(), String::from);
                        let help = did_you_mean(&written, STATUS_NAMES).unwrap_or_else(|| {
                            String::from(
                                "a status is `not_in_force`, `undetermined`, `determined` or `error`",
                            )
                        });
                        self.problem(
                            format!("`{}` is not a status", crate::echo::shorten(&written)),
                            key_at,
                            "not a status",
                            help,
                        );
                        false
                    }
                },
                "value" if for_each => {
                    self.problem(
                        format!("`{name}` is given for each element: its value is expected element by element"),
                        key_at,
                        "a value for the whole list",
                        format!("expect each element's value by its key: `\"{name}\": {{\"Alice\": ..., \"Bob\": ...}}`"),
                    );
                    false
                }
                "value" => match self.value(ty, name, value, key_at) {
                    Some(value) => {
                        out.value = Some(value);
                        true
                    }
                    None => false,
                },
                "within" => self.within(ty, name, value, key_at, &mut out),
                "error" => self.error(value, key_at, &mut out),
                "provisions" => {
                    let names: Vec<&str> = self
                        .model
                        .provisions
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect();
                    out.provisions = self.names(value, key_at, "provisions", "provision", &names);
                    out.provisions.is_some()
                }
                "depends_on" => {
                    let paths = keys::fact_paths(self.model);
                    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
                    out.depends_on = self.names(value, key_at, "depends_on", "fact", &paths);
                    out.depends_on.is_some()
                }
                "residual" => match value.as_str() {
                    Some(text) => {
                        out.residual = Some(normalise_space(text));
                        true
                    }
                    None => {
                        self.problem(
                            String::from("`residual` is the residual as text"),
                            key_at,
                            "not text",
                            String::from("write it as `eval --format json` does: `\"residual\": \"mc14.opening > as_of\"`"),
                        );
                        false
                    }
                },
                "at_least" | "at_most" => self.bound(ty, name, key, value, key_at, &mut out),
                "one_of" => self.one_of(ty, name, value, key_at, &mut out),
                "elements" if for_each => match value {
                    Json::Object(elements) => {
                        out.elements = self.elements(ty, name, elements, key_at);
                        out.elements.is_some()
                    }
                    _ => {
                        self.problem(
                            String::from("`elements` is an object keyed by the elements' keys"),
                            key_at,
                            "not an object",
                            String::from("write `\"elements\": {\"Alice\": ..., \"Bob\": ...}`"),
                        );
                        false
                    }
                },
                _ => {
                    // `elements` of a verdict not given for each element.
                    self.problem(
                        format!("`{name}` is not given for each element of a list"),
                        key_at,
                        "no elements to expect",
                        String::from("expect the verdict's value with `value`"),
                    );
                    false
                }
            };
            valid &= ok;
        }
        if !valid {
            return None;
        }
        self.consistent(ty, name, &mut out, span)?;
        Some(out)
    }

    /// Checks that the keys of an expectation agree on one status, that
    /// `within` has a value and `provisions` an error; applies the
    /// scenario's tolerance.
    fn consistent(
        &mut self,
        ty: &Type,
        name: &str,
        out: &mut Expectation,
        span: Span,
    ) -> Option<()> {
        let implied = out.implied();
        if let Some(((first, a), (second, b))) = implied.first().and_then(|first| {
            implied
                .iter()
                .find(|(_, s)| s != &first.1)
                .map(|second| (*first, *second))
        }) {
            let key_span = self.span(second, span.start);
            self.problem(
                format!(
                    "`{first}` expects `{name}` {}, but `{second}` expects it {}",
                    status_words(a),
                    status_words(b)
                ),
                key_span,
                "contradicts the rest of the expectation",
                String::from(
                    "a determined verdict has a `value`; an undetermined one `depends_on`, a `residual`, `at_least`, `at_most` or `one_of`; an errored one an `error` and its `provisions`",
                ),
            );
            return None;
        }
        if out.within.is_some() && out.value.is_none() {
            let at = self.span("within", span.start);
            self.problem(
                format!("`within` of `{name}` has no value to be near"),
                at,
                "a tolerance without a value",
                String::from("write both: `{\"value\": 583.33, \"within\": 0.01}`"),
            );
            return None;
        }
        if out.provisions.is_some() && out.error.is_none() {
            let at = self.span("provisions", span.start);
            self.problem(
                format!("`provisions` of `{name}` names where an error arose, but no `error` is expected"),
                at,
                "provisions without an error",
                String::from("write both: `{\"error\": \"provisio::conflict\", \"provisions\": [\"art1\", \"art2\"]}`"),
            );
            return None;
        }
        if out.within.is_none() && out.value.is_some() && numeric(ty) {
            out.within = self.tolerance;
        }
        Some(())
    }
}

/// Whether values of a type are compared within a tolerance.
pub(super) fn numeric(ty: &Type) -> bool {
    matches!(
        ty.without_none(),
        Type::Integer | Type::Decimal | Type::Money(_)
    )
}

fn status_words(status: Status) -> &'static str {
    match status {
        Status::NotInForce => "not in force",
        Status::Undetermined => "undetermined",
        Status::Determined => "determined",
        Status::Error => "to end in an error",
    }
}

fn keys_list() -> String {
    let keys: Vec<String> = KEYS.iter().map(|k| format!("`{k}`")).collect();
    keys.join(", ")
}

/// Text with every run of whitespace one space, trimmed.
pub(super) fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
