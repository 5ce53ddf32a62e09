//! The first pass: types, facts, readings, the instrument, provisions and the
//! names declared inside them, and which rule each exception overrides.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Checker, Local, State};
use crate::ast::{self, ScalarType, TypeKind};
use crate::diagnostic::Problem;
use crate::locale::Lang;
use crate::model::translations::Described;
use crate::model::*;
use crate::span::Span;
use crate::suggest::did_you_mean;

/// Folds runs of white space to single spaces, so that a provision's text can
/// be wrapped over lines in the policy file and still be quoted as one.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl<'a> Checker<'a> {
    /// Runs the declaration pass.
    pub(super) fn declare(&mut self) {
        self.declare_instrument();
        self.declare_types();
        self.declare_facts();
        self.declare_readings();
        self.declare_provisions();
        self.attach_exceptions();
    }

    /// A checked date literal, or `None` after reporting why it is not one.
    pub(super) fn date(&mut self, text: &str, span: Span) -> Option<NaiveDate> {
        self.date_literal(text, span, false)
    }

    /// A checked date literal; in an expression, where `10-3-2` may be meant
    /// as subtractions, the help also says how to write those.
    pub(super) fn date_literal(
        &mut self,
        text: &str,
        span: Span,
        in_expression: bool,
    ) -> Option<NaiveDate> {
        let fault = match crate::facts::parse_date(text) {
            Ok(date) => return Some(date),
            Err(fault) => fault,
        };
        let problem = match &fault {
            crate::facts::DateFault::Form(help) => {
                // `10-3-2` may be meant as subtractions, which need spaces.
                let spaced = crate::facts::as_subtraction(text).filter(|_| in_expression);
                let help = match spaced {
                    Some(spaced) => {
                        format!("{help}; to subtract, put spaces around `-`: `{spaced}`")
                    }
                    None => help.clone(),
                };
                Problem::error(
                    crate::facts::DATE_FORM,
                    format!(
                        "`{}` is not a date: {}",
                        crate::echo::shorten(text),
                        fault.reason()
                    ),
                    span,
                    "not year-month-day",
                )
                .with_help(help)
            }
            _ => {
                let help = match fault {
                    crate::facts::DateFault::OutOfRange(_) => fault.help(),
                    _ => "write a date that exists, year-month-day, such as 2026-03-31".to_string(),
                };
                Problem::error(
                    "provisio::invalid_date",
                    format!("`{text}` is not a date: {}", fault.reason()),
                    span,
                    "not a calendar date",
                )
                .with_help(help)
            }
        };
        self.report(problem);
        None
    }

    fn declare_instrument(&mut self) {
        let Some(instrument) = &self.file.instrument else {
            return;
        };
        self.instrument.title = fold_whitespace(&instrument.title.value);
        if let Some(symbol) = instrument.symbols.first() {
            self.instrument.symbol = Some(symbol.value.clone());
        }
        if let Some(extra) = instrument.symbols.get(1) {
            self.report(
                Problem::error(
                    "provisio::duplicate_clause",
                    "the instrument has two symbols",
                    extra.span,
                    "second symbol",
                )
                .with_help("an instrument has one document symbol; keep one"),
            );
        }
        match instrument.adopted.as_slice() {
            [] => self.report(
                Problem::error(
                    "provisio::missing_clause",
                    "the instrument does not say when it was adopted",
                    instrument.span,
                    "no `adopted` date",
                )
                .with_help("add `adopted YYYY-MM-DD` after the title"),
            ),
            [adopted, rest @ ..] => {
                self.instrument.adopted = self.date(&adopted.text, adopted.span);
                for extra in rest {
                    self.report(
                        Problem::error(
                            "provisio::duplicate_clause",
                            "the instrument has two adoption dates",
                            extra.span,
                            "second `adopted`",
                        )
                        .with_help("keep one `adopted` date"),
                    );
                }
            }
        }
        if let [first, rest @ ..] = instrument.scenarios_as_of.as_slice() {
            self.instrument.scenarios_as_of = self.date(&first.text, first.span);
            for extra in rest {
                self.report(
                    Problem::error(
                        "provisio::duplicate_clause",
                        "the instrument gives its scenarios two dates",
                        extra.span,
                        "second `scenarios as of`",
                    )
                    .with_help("keep one `scenarios as of` date"),
                );
            }
        }
    }

    /// Lowers a declared type, creating enumeration and record types as needed.
    /// `path` names the fact or field for messages.
    pub(super) fn lower_type(&mut self, ty: &ast::TypeExpr, path: &str) -> Type {
        match &ty.kind {
            TypeKind::Scalar(scalar) => match scalar {
                ScalarType::Boolean => Type::Bool,
                ScalarType::Integer => Type::Integer,
                ScalarType::Decimal => Type::Decimal,
                ScalarType::Date => Type::Date,
                ScalarType::Text => Type::Text,
            },
            TypeKind::Money(code) => match crate::value::Currency::parse(&code.name) {
                Some(currency) => Type::Money(currency),
                None => Type::Error,
            },
            TypeKind::Enum(values) => {
                let mut names: Vec<String> = Vec::new();
                let mut kept: Vec<&ast::EnumValue> = Vec::new();
                let mut seen: HashMap<&str, Span> = HashMap::new();
                for value in values {
                    let name = &value.name;
                    if let Some(first) = seen.get(name.name.as_str()) {
                        let first = *first;
                        self.duplicate("enumeration value", name, first);
                        continue;
                    }
                    seen.insert(&name.name, name.span);
                    names.push(name.name.clone());
                    kept.push(value);
                }
                let descriptions: Vec<Option<String>> = kept
                    .iter()
                    .map(|v| v.description.as_ref().map(|d| fold_whitespace(&d.value)))
                    .collect();
                // Two declarations of the same values, in the same order, are
                // one enumeration: a fact `one of gsp, ldc` can then be
                // compared with a list of `one of gsp, ldc`. A value
                // described in one of them reads so in both; where both
                // describe it, the first description stands.
                let id = match self.enums.iter().position(|e| e.values == names) {
                    Some(same) => {
                        if let Some(e) = self.enums.get_mut(same) {
                            fill_descriptions(&mut e.descriptions, descriptions);
                        }
                        same as EnumId
                    }
                    None => {
                        let descriptions = if descriptions.iter().all(Option::is_none) {
                            Vec::new()
                        } else {
                            descriptions
                        };
                        self.enums.push(EnumType {
                            name: path.to_string(),
                            values: names,
                            descriptions,
                        });
                        (self.enums.len() - 1) as EnumId
                    }
                };
                self.translate_enum_values(id, &kept);
                Type::Enum(id)
            }
            TypeKind::Record(fields) => {
                let mut lowered = Vec::new();
                let mut kept: Vec<&ast::FieldDecl> = Vec::new();
                let mut seen: HashMap<&str, Span> = HashMap::new();
                for field in fields {
                    if let Some(first) = seen.get(field.name.name.as_str()) {
                        let first = *first;
                        self.duplicate("field", &field.name, first);
                        continue;
                    }
                    seen.insert(&field.name.name, field.name.span);
                    kept.push(field);
                    let field_path = format!("{path}.{}", field.name.name);
                    let field_ty = self.lower_declared_type(&field.ty, &field_path);
                    let default = field
                        .default
                        .as_ref()
                        .and_then(|d| self.default_value(d, &field_ty, &field_path));
                    lowered.push(Field {
                        name: field.name.name.clone(),
                        description: field
                            .description
                            .as_ref()
                            .map(|d| fold_whitespace(&d.value)),
                        ty: field_ty,
                        optional: field.ty.optional,
                        default,
                    });
                }
                self.records.push(RecordType {
                    name: path.to_string(),
                    fields: lowered,
                });
                let record = (self.records.len() - 1) as RecordId;
                self.translate_fields(record, &kept);
                Type::Record(record)
            }
            TypeKind::Named(name) => self.named_type(name),
            TypeKind::List(inner) => Type::List(Box::new(self.lower_value_type(
                inner,
                &format!("{path}[]"),
                "the elements of a list",
            ))),
        }
    }

    /// Reports a global name (fact or provision) already taken.
    fn global_taken(&self, name: &str) -> Option<Span> {
        if let Some(id) = self.fact_index.get(name) {
            return self.facts.get(*id as usize).map(|f| f.span);
        }
        if let Some(id) = self.provision_index.get(name) {
            return self.provisions.get(*id as usize).map(|p| p.span);
        }
        None
    }

    fn check_not_builtin(&mut self, name: &ast::Ident) -> bool {
        if name.name == "as_of" {
            self.report(
                Problem::error(
                    "provisio::reserved_name",
                    "`as_of` is the evaluation date, built into every policy",
                    name.span,
                    "cannot be declared",
                )
                .with_help("use `as_of` in expressions as it is; choose another name here"),
            );
            return false;
        }
        true
    }

    fn declare_facts(&mut self) {
        let file = self.file;
        let event_fields = if file.events.is_empty() {
            None
        } else {
            let date_field = |name: &str, description: &str| Field {
                name: name.to_string(),
                description: Some(description.to_string()),
                ty: Type::Date,
                optional: true,
                default: None,
            };
            self.records.push(RecordType {
                name: String::from("an event"),
                fields: vec![
                    date_field("opening", "the day it opens"),
                    date_field("closing", "the day it closes"),
                ],
            });
            let record = (self.records.len() - 1) as RecordId;
            // The built-in fields' descriptions are the engine's words, so
            // they come in every language the engine writes.
            for (lang, opening, closing) in [
                (Lang::Fr, "le jour où il s'ouvre", "le jour où il se clôt"),
                (
                    Lang::Es,
                    "el día en que se abre",
                    "el día en que se clausura",
                ),
            ] {
                for (index, text) in [(0, opening), (1, closing)] {
                    self.translations.add_description(
                        Described::Field(record, index),
                        lang,
                        text.to_string(),
                    );
                }
            }
            Some(record)
        };
        for event in &file.events {
            if !self.check_not_builtin(&event.name) {
                continue;
            }
            if let Some(first) = self.global_taken(&event.name.name) {
                self.duplicate("fact", &event.name, first);
                continue;
            }
            let Some(record) = event_fields else { continue };
            let fixed = self.fixed_event_dates(event);
            self.fact_index
                .insert(&event.name.name, self.facts.len() as FactId);
            self.facts.push(FactInfo {
                field: Field {
                    name: event.name.name.clone(),
                    description: event
                        .description
                        .as_ref()
                        .map(|d| fold_whitespace(&d.value)),
                    ty: Type::Record(record),
                    optional: true,
                    default: None,
                },
                is_event: true,
                fixed,
                span: event.name.span,
            });
        }
        for fact in &file.facts {
            if !self.check_not_builtin(&fact.name) {
                continue;
            }
            if let Some(first) = self.global_taken(&fact.name.name) {
                self.duplicate("fact", &fact.name, first);
                continue;
            }
            let ty = self.lower_declared_type(&fact.ty, &fact.name.name);
            let default = fact
                .default
                .as_ref()
                .and_then(|d| self.default_value(d, &ty, &fact.name.name));
            self.fact_index
                .insert(&fact.name.name, self.facts.len() as FactId);
            self.facts.push(FactInfo {
                field: Field {
                    name: fact.name.name.clone(),
                    description: fact.description.as_ref().map(|d| fold_whitespace(&d.value)),
                    ty,
                    optional: fact.ty.optional,
                    default,
                },
                is_event: false,
                fixed: None,
                span: fact.name.span,
            });
        }
    }

    /// The dates an event's declaration fixes, as a record value with the
    /// dates it leaves open unknown; `None` when it fixes none.
    fn fixed_event_dates(&mut self, event: &ast::EventDecl) -> Option<crate::value::Value> {
        use crate::value::Value;
        let one = |checker: &mut Self, dates: &[ast::DateLit], word: &str| {
            if let Some(extra) = dates.get(1) {
                checker.report(
                    Problem::error(
                        "provisio::duplicate_clause",
                        format!("event `{}` has two {word} dates", event.name.name),
                        extra.span,
                        format!("second `{word}`"),
                    )
                    .with_help(format!("keep one `{word}` date")),
                );
            }
            dates
                .first()
                .and_then(|d| checker.date(&d.text, d.span).map(|date| (date, d.span)))
        };
        let opening = one(self, &event.opening, "opening");
        let closing = one(self, &event.closing, "closing");
        if let (Some((open, _)), Some((close, span))) = (opening, closing)
            && close < open
        {
            self.report(
                Problem::error(
                    "provisio::event_order",
                    format!("event `{}` closes before it opens", event.name.name),
                    span,
                    "before the opening date",
                )
                .with_help("`closing` is the event's last day, on or after `opening`"),
            );
        }
        if opening.is_none() && closing.is_none() {
            return None;
        }
        let date =
            |d: Option<(NaiveDate, Span)>| d.map(|(d, _)| Value::Date(d)).unwrap_or(Value::UNKNOWN);
        Some(Value::Record(vec![date(opening), date(closing)].into()))
    }

    fn declare_readings(&mut self) {
        let file = self.file;
        for reading in &file.readings {
            if let Some(first) = self.reading_index.get(reading.name.name.as_str()) {
                let first = self
                    .readings
                    .get(*first as usize)
                    .map(|r| r.span)
                    .unwrap_or_default();
                self.duplicate("reading", &reading.name, first);
                continue;
            }
            let mut alternatives: Vec<AlternativeInfo> = Vec::new();
            let mut seen: HashMap<&str, Span> = HashMap::new();
            let mut defaults: Vec<(u32, Span)> = Vec::new();
            for alternative in &reading.alternatives {
                if let Some(first) = seen.get(alternative.name.name.as_str()) {
                    let first = *first;
                    self.duplicate("alternative", &alternative.name, first);
                    continue;
                }
                seen.insert(&alternative.name.name, alternative.name.span);
                if let Some(span) = alternative.default {
                    defaults.push((alternatives.len() as u32, span));
                }
                if alternative.sentence.is_none() {
                    self.report(
                        Problem::error(
                            "provisio::missing_sentence",
                            format!(
                                "alternative `{}` of reading `{}` does not say what it means",
                                alternative.name.name, reading.name.name
                            ),
                            alternative.name.span,
                            "no sentence",
                        )
                        .with_help(format!(
                            "say in quotes what this reading takes the words to mean: `{} \"...\"`",
                            alternative.name.name
                        )),
                    );
                }
                alternatives.push(AlternativeInfo {
                    name: alternative.name.name.clone(),
                    sentence: alternative
                        .sentence
                        .as_ref()
                        .map(|s| fold_whitespace(&s.value)),
                });
            }
            if alternatives.len() < 2 {
                self.report(
                    Problem::error(
                        "provisio::too_few_alternatives",
                        format!(
                            "reading `{}` has {} alternative{}; an ambiguity has at least two",
                            reading.name.name,
                            alternatives.len(),
                            if alternatives.len() == 1 { "" } else { "s" }
                        ),
                        reading.name.span,
                        "needs two or more alternatives",
                    )
                    .with_help("list each way the words can be read, one marked `(default)`"),
                );
            }
            let default = match defaults.as_slice() {
                [] => {
                    if !alternatives.is_empty() {
                        let first = alternatives
                            .first()
                            .map(|a| a.name.clone())
                            .unwrap_or_default();
                        self.report(
                            Problem::error(
                                "provisio::no_default_reading",
                                format!("reading `{}` has no default", reading.name.name),
                                reading.name.span,
                                "no alternative is marked `(default)`",
                            )
                            .with_help(format!(
                                "mark the alternative that applies when the analyst chooses none, e.g. `{first} (default) \"...\"`"
                            )),
                        );
                    }
                    0
                }
                [(index, _)] => *index,
                [(index, _), rest @ ..] => {
                    for (_, span) in rest {
                        self.report(
                            Problem::error(
                                "provisio::two_defaults",
                                format!(
                                    "reading `{}` has more than one default",
                                    reading.name.name
                                ),
                                *span,
                                "another default",
                            )
                            .with_help("keep `(default)` on one alternative only"),
                        );
                    }
                    *index
                }
            };
            self.reading_index
                .insert(&reading.name.name, self.readings.len() as ReadingId);
            self.readings.push(ReadingInfo {
                name: reading.name.name.clone(),
                description: reading
                    .description
                    .as_ref()
                    .map(|d| fold_whitespace(&d.value)),
                alternatives,
                default,
                span: reading.name.span,
            });
        }
    }

    fn declare_provisions(&mut self) {
        let file = self.file;
        for provision in &file.provisions {
            if !self.check_not_builtin(&provision.name) {
                continue;
            }
            if let Some(first) = self.global_taken(&provision.name.name) {
                self.duplicate("name", &provision.name, first);
                continue;
            }
            let id = self.provisions.len() as ProvisionId;
            let text = match provision.texts.as_slice() {
                [] => {
                    self.report(
                        Problem::error(
                            "provisio::missing_text",
                            format!("provision `{}` has no text", provision.name.name),
                            provision.name.span,
                            "no `text`",
                        )
                        .with_help("quote the provision verbatim: `text \"We agree to ...\"`"),
                    );
                    String::new()
                }
                [text, rest @ ..] => {
                    for extra in rest {
                        self.report(
                            Problem::error(
                                "provisio::duplicate_clause",
                                format!("provision `{}` has two texts", provision.name.name),
                                extra.span,
                                "second `text`",
                            )
                            .with_help("a provision quotes one text; split it into two provisions or join the quotes"),
                        );
                    }
                    fold_whitespace(&text.value)
                }
            };
            self.provision_index.insert(&provision.name.name, id);
            self.provision_has_text.push(!provision.texts.is_empty());
            self.provisions.push(ProvisionInfo {
                name: provision.name.name.clone(),
                heading: provision
                    .heading
                    .as_ref()
                    .map(|h| fold_whitespace(&h.value)),
                text,
                in_force: None,
                span: provision.name.span,
                instrument: None,
            });
            let mut locals: HashMap<&'a str, Local> = HashMap::new();
            let mut spans: HashMap<&'a str, Span> = HashMap::new();
            let mut declare_local = |checker: &mut Self, name: &'a ast::Ident, local: Local| {
                if let Some(first) = spans.get(name.name.as_str()) {
                    checker.duplicate("name", name, *first);
                    return;
                }
                if let Some(first) = checker.global_taken(&name.name) {
                    checker.report(
                        Problem::error(
                            "provisio::duplicate_name",
                            format!("`{}` inside provision `{}` hides the fact or provision of the same name", name.name, provision.name.name),
                            name.span,
                            "declared here",
                        )
                        .with_label(first, "also declared here")
                        .with_help(format!("rename `{}`", name.name)),
                    );
                    return;
                }
                spans.insert(&name.name, name.span);
                locals.insert(&name.name, local);
            };
            for definition in &provision.definitions {
                let def_id = self.definition_ast.len() as DefinitionId;
                self.definition_ast.push((id, definition));
                self.definitions.push(None);
                self.definition_state.push(State::Pending);
                declare_local(self, &definition.name, Local::Definition(def_id));
            }
            for deontic in &provision.deontics {
                let rule_id = self.deontic_ast.len() as DeonticId;
                self.deontic_ast.push((id, deontic));
                self.deontics.push(None);
                self.deontic_state.push(State::Pending);
                declare_local(self, &deontic.name, Local::Deontic(rule_id));
            }
            for parameter in &provision.parameters {
                let parameter_id = self.parameter_ast.len() as ParameterId;
                self.parameter_ast.push((id, parameter));
                self.parameters.push(None);
                declare_local(self, &parameter.name, Local::Parameter(parameter_id));
            }
            for exception in &provision.exceptions {
                let exc_id = self.exception_ast.len() as ExceptionId;
                self.exception_ast.push((id, exception));
                self.exceptions.push(None);
                self.exception_parent.push(None);
                if let Some(name) = &exception.name {
                    declare_local(self, name, Local::Exception(exc_id));
                }
            }
            self.locals.push(locals);
        }
    }

    /// Resolves the target of a rule reference written in provision `from`:
    /// a local name, or `provision.name`.
    pub(super) fn resolve_local_path(
        &mut self,
        from: ProvisionId,
        path: &ast::Path,
        what: &str,
    ) -> Option<Local> {
        let segments = path.segments.as_slice();
        let (provision, name) = match segments {
            [name] => (from, name),
            [provision, name] => match self.provision_index.get(provision.name.as_str()) {
                Some(id) => (*id, name),
                None => {
                    let help = did_you_mean(&provision.name, self.provision_index.keys().copied());
                    self.report(
                        Problem::error(
                            "provisio::undefined_name",
                            format!("no provision is named `{}`", provision.name),
                            provision.span,
                            "not a provision",
                        )
                        .with_optional_help(help),
                    );
                    return None;
                }
            },
            _ => {
                self.report(
                    Problem::error(
                        "provisio::bad_target",
                        format!("`{}` does not name {what}", path.dotted()),
                        path.span,
                        "expected `name` or `provision.name`",
                    )
                    .with_help(format!("write {what} as `name` within its provision, or `provision.name` from another")),
                );
                return None;
            }
        };
        let found = self
            .locals
            .get(provision as usize)
            .and_then(|l| l.get(name.name.as_str()))
            .copied();
        if found.is_none() {
            let candidates: Vec<&str> = self
                .locals
                .get(provision as usize)
                .map(|l| l.keys().copied().collect())
                .unwrap_or_default();
            let help = did_you_mean(&name.name, candidates.iter().copied());
            let provision_name = self
                .provisions
                .get(provision as usize)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            self.report(
                Problem::error(
                    "provisio::undefined_name",
                    format!(
                        "provision `{provision_name}` has no rule named `{}`",
                        name.name
                    ),
                    name.span,
                    "not defined",
                )
                .with_optional_help(help),
            );
        }
        found
    }
}

/// Gives the values an enumeration leaves undescribed the descriptions
/// another declaration of it gives; a value described already keeps its own.
pub(super) fn fill_descriptions(own: &mut Vec<Option<String>>, other: Vec<Option<String>>) {
    if other.iter().all(Option::is_none) {
        return;
    }
    if own.len() < other.len() {
        own.resize(other.len(), None);
    }
    for (slot, description) in own.iter_mut().zip(other) {
        if slot.is_none() {
            *slot = description;
        }
    }
}
