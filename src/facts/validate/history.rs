//! A fact given as a dated history: `{"history": {"DATE": value, ...}}`
//! (see [`crate::facts::history`]). Each date is a key in year-month-day
//! form, later than the one before it; each value is read as the fact's
//! type, ranges, `one_of` and `none` included, and `null` says the fact is
//! not known from that date.

use chrono::NaiveDate;

use super::super::error::ProblemKind;
use super::super::history::{HISTORY, History};
use super::super::locate::Target;
use super::super::path::Path;
use super::super::scalars::{self, DateFault};
use super::super::tree::Node;
use super::{Validator, numbered};
use crate::model::{FactId, Type};
use crate::value::Value;

/// Whether `node`, given for a value of `ty`, is written as a history: an
/// object with a `history` key, unless `ty` is a record with a field of
/// that name (the object is then the record itself).
pub(super) fn is_history(model: &crate::model::Model, node: &Node, ty: &Type) -> bool {
    let Node::Map(entries) = node else {
        return false;
    };
    entries.iter().any(|(key, _)| key == HISTORY)
        && !crate::facts::history::has_history_field(model, ty)
}

impl Validator<'_> {
    /// The history of the top-level fact `fact`, written as `node` at
    /// `path`; `None`, with problems, when it is written wrong.
    pub(super) fn history(
        &mut self,
        fact: FactId,
        node: &Node,
        ty: &Type,
        path: &Path,
        event: bool,
    ) -> Option<History> {
        let Node::Map(entries) = node else {
            return None;
        };
        let fixed = self
            .model
            .facts
            .get(fact as usize)
            .is_some_and(|f| f.fixed.is_some());
        if fixed {
            // The policy's own dates would stand beside a history of others.
            self.push(
                ProblemKind::History,
                path.key(HISTORY),
                Target::Key,
                format!(
                    "{path}: the policy fixes some of its dates, so it cannot be given as a history"
                ),
                "a history of a fact the policy fixes".to_string(),
                Some(format!(
                    "give `{path}` as one value, leaving out what the policy's declaration fixes"
                )),
            );
            return None;
        }
        let mut dated: Option<&Node> = None;
        let mut failed = false;
        for (nth, key, value) in numbered(entries) {
            let key_path = path.key_nth(key, nth);
            if nth > 0 {
                self.duplicate(&key_path, "key");
                failed = true;
            } else if key == HISTORY {
                dated = Some(value);
            } else {
                self.push(
                    ProblemKind::History,
                    key_path,
                    Target::Key,
                    format!("{path}: unknown key `{key}` beside `{HISTORY}`"),
                    "not part of a history".to_string(),
                    Some(format!(
                        "a fact given as a history has only the key `{HISTORY}`, with a value for each date: {}",
                        self.history_example()
                    )),
                );
                failed = true;
            }
        }
        let history_path = path.key(HISTORY);
        let changes = match dated {
            Some(Node::Map(changes)) if !changes.is_empty() => changes,
            Some(other) => {
                let found = match other {
                    Node::Map(_) => "an empty object".to_string(),
                    other => super::found(other, self.format),
                };
                self.push(
                    ProblemKind::History,
                    history_path,
                    Target::Value,
                    format!("{path}: a history gives at least one date, found {found}"),
                    "no dates here".to_string(),
                    Some(format!(
                        "give the value from each date on: {}",
                        self.history_example()
                    )),
                );
                return None;
            }
            None => return None,
        };
        let mut read: Vec<(NaiveDate, Value)> = Vec::with_capacity(changes.len());
        for (nth, key, value) in numbered(changes) {
            let entry_path = history_path.key_nth(key, nth);
            let Some(date) = self.history_date(key, &entry_path) else {
                failed = true;
                continue;
            };
            let value = self.value(value, ty, &entry_path, true, event);
            match read.last() {
                Some((last, _)) if *last == date => {
                    self.push(
                        ProblemKind::History,
                        entry_path,
                        Target::Key,
                        format!("{path}: the date {key} is given twice in its history"),
                        "given again here".to_string(),
                        Some(
                            "a fact has one value from each date: remove one of the two"
                                .to_string(),
                        ),
                    );
                    failed = true;
                }
                Some((last, _)) if *last > date => {
                    let repeated = read.iter().any(|(d, _)| *d == date);
                    let message = if repeated {
                        format!("{path}: the date {key} is given twice in its history")
                    } else {
                        format!(
                            "{path}: history dates must be in increasing order, but {key} comes after {}",
                            last.format("%Y-%m-%d")
                        )
                    };
                    let (label, help) = if repeated {
                        (
                            "given again here",
                            "a fact has one value from each date: remove one of the two",
                        )
                    } else {
                        (
                            "earlier than the date before it",
                            "write the dates from the earliest to the latest",
                        )
                    };
                    self.push(
                        ProblemKind::History,
                        entry_path,
                        Target::Key,
                        message,
                        label.to_string(),
                        Some(help.to_string()),
                    );
                    failed = true;
                }
                _ => read.push((date, value)),
            }
        }
        (!failed).then(|| History {
            fact,
            changes: read.into_boxed_slice(),
        })
    }

    /// A history's date key, or a problem on the key when it is not one.
    fn history_date(&mut self, key: &str, path: &Path) -> Option<NaiveDate> {
        match scalars::parse_date(key) {
            Ok(date) => Some(date),
            Err(DateFault::Form(help)) => {
                self.push(
                    ProblemKind::DateForm,
                    path.clone(),
                    Target::Key,
                    format!(
                        "{path}: `{}` is not a date: {}",
                        crate::echo::shorten(key),
                        super::super::date_form::DATE_FORM_REASON
                    ),
                    "not year-month-day".to_string(),
                    Some(help),
                );
                None
            }
            Err(fault) => {
                let shown = crate::echo::shorten(key);
                let message = match fault {
                    DateFault::Shape => {
                        format!("{path}: a history's keys are dates, but `{shown}` is not one")
                    }
                    other => format!("{path}: `{shown}` is not a date: {}", other.reason()),
                };
                self.push(
                    ProblemKind::History,
                    path.clone(),
                    Target::Key,
                    message,
                    "not a date".to_string(),
                    Some(
                        "write each date year-month-day, such as \"2024-03-15\", with the value the fact has from that day"
                            .to_string(),
                    ),
                );
                None
            }
        }
    }

    /// A history found where only one value may be given: in a field, an
    /// element of a list, or a value given to a definition.
    pub(super) fn misplaced_history(&mut self, path: &Path) -> Value {
        self.push(
            ProblemKind::History,
            path.key(HISTORY),
            Target::Key,
            format!("{path}: only a whole fact can be given as a history"),
            "a history inside a value".to_string(),
            Some(
                "give the history for the top-level fact, with the whole value from each date"
                    .to_string(),
            ),
        );
        Value::UNKNOWN
    }

    /// `{"history": {...}}` as the file's format writes it.
    fn history_example(&self) -> &'static str {
        match self.format {
            crate::facts::FactsFormat::Json => {
                r#"{"history": {"2024-01-01": false, "2024-03-15": true}}"#
            }
            crate::facts::FactsFormat::Yaml => {
                "`history:` with a line `2024-01-01: false` for each date"
            }
            crate::facts::FactsFormat::Toml => {
                "a table `[FACT.history]` with a line `2024-01-01 = false` for each date"
            }
        }
    }
}
