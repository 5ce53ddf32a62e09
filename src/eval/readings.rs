//! The readings in force for one evaluation: the analyst's choices, and the
//! defaults for the rest.

use std::sync::Arc;

use crate::diagnostic::Problem;
use crate::model::{Model, ReadingId};
use crate::span::{SourceFile, Span};
use crate::suggest::did_you_mean;

/// Which alternative of each reading is in force.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Readings {
    /// For each reading of the model, the index of its alternative in force.
    pub alternatives: Vec<u32>,
    /// For each reading, whether the analyst chose it (false: the default).
    pub chosen: Vec<bool>,
}

/// An alternative of a reading to show in a help line: one other than
/// its default, if it has one.
pub(crate) fn other_alternative(reading: &crate::model::ReadingInfo) -> Option<&str> {
    let mut alternatives = reading.alternatives.iter().enumerate();
    alternatives
        .clone()
        .find(|(i, _)| *i as u32 != reading.default)
        .or_else(|| alternatives.next())
        .map(|(_, a)| a.name.as_str())
}

/// `NAME=ALTERNATIVE` with the policy's first reading and an alternative
/// other than its default.
pub(crate) fn example(model: &Model) -> String {
    model
        .readings
        .iter()
        .find_map(|r| other_alternative(r).map(|a| format!("{}={a}", r.name)))
        .unwrap_or_else(|| String::from("NAME=ALTERNATIVE"))
}

/// Why a reading and an alternative, named by the user, are no choice the
/// policy offers: which name is wrong, and the message and help to give.
pub(crate) struct UnknownChoice {
    /// Whether the alternative is wrong (false: the reading).
    pub alternative: bool,
    /// `provisio::unknown_reading` or `provisio::unknown_alternative`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// The nearest name, or the names there are.
    pub help: String,
}

/// The reading named `name` and its alternative named `alternative`, as
/// indices; or what is wrong with them.
pub(crate) fn find_choice(
    model: &Model,
    name: &str,
    alternative: &str,
) -> Result<(ReadingId, u32), UnknownChoice> {
    let Some(id) = model.reading_named(name) else {
        let names: Vec<&str> = model.readings.iter().map(|r| r.name.as_str()).collect();
        // A used policy reached through two paths keeps its first name.
        let first = model
            .first_name(name)
            .filter(|(_, _, n)| model.reading_named(n).is_some());
        let help = first.map(|(other, policy, first)| format!(
            "`{other}` and `{policy}` are one policy, reached through two paths and merged once; its readings keep the first name: write `{first}`"
        )).or_else(|| did_you_mean(name, names.iter().copied())).unwrap_or_else(|| {
            if names.is_empty() {
                String::from("this policy declares no readings")
            } else {
                format!("the readings are {}", names.join(", "))
            }
        });
        return Err(UnknownChoice {
            alternative: false,
            code: "provisio::unknown_reading",
            message: format!("the policy has no reading `{name}`"),
            help,
        });
    };
    let names: Vec<&str> = model
        .readings
        .get(id as usize)
        .map(|r| r.alternatives.iter().map(|a| a.name.as_str()).collect())
        .unwrap_or_default();
    match names.iter().position(|n| *n == alternative) {
        Some(index) => Ok((id, index as u32)),
        None => Err(UnknownChoice {
            alternative: true,
            code: "provisio::unknown_alternative",
            message: format!(
                "reading `{name}` has no alternative `{alternative}`; its alternatives are {}",
                names.join(", ")
            ),
            help: did_you_mean(alternative, names.iter().copied())
                .unwrap_or_else(|| format!("choose one of {}", names.join(", "))),
        }),
    }
}

impl Readings {
    /// Every reading at its default.
    pub fn defaults(model: &Model) -> Self {
        Readings {
            alternatives: model.readings.iter().map(|r| r.default).collect(),
            chosen: vec![false; model.readings.len()],
        }
    }

    /// The alternative in force for a reading.
    pub fn alternative(&self, reading: ReadingId) -> u32 {
        self.alternatives
            .get(reading as usize)
            .copied()
            .unwrap_or(0)
    }

    /// Chooses `alternative` for the reading `name`, as `--reading NAME=VALUE`
    /// does. Choosing the same alternative again changes nothing; choosing a
    /// different one for a reading already chosen is an error naming both,
    /// so that the last of two contradictory choices does not silently win.
    pub fn choose(&mut self, model: &Model, name: &str, alternative: &str) -> Result<(), Problem> {
        let source = SourceFile::new("--reading", Arc::from(format!("{name}={alternative}")));
        let name_span = Span::new(0, name.len());
        let alt_span = Span::new(name.len() + 1, name.len() + 1 + alternative.len());
        let (id, index) = match find_choice(model, name, alternative) {
            Ok(choice) => choice,
            Err(unknown) => {
                let (span, label) = if unknown.alternative {
                    (alt_span, "not an alternative")
                } else {
                    (name_span, "not a reading of this policy")
                };
                return Err(Problem::error(unknown.code, unknown.message, span, label)
                    .with_help(unknown.help)
                    .in_file(&source));
            }
        };
        let names: Vec<&str> = model
            .readings
            .get(id as usize)
            .map(|r| r.alternatives.iter().map(|a| a.name.as_str()).collect())
            .unwrap_or_default();
        let index = index as usize;
        let earlier = self
            .chosen
            .get(id as usize)
            .copied()
            .unwrap_or(false)
            .then(|| self.alternative(id))
            .filter(|earlier| *earlier as usize != index)
            .and_then(|earlier| names.get(earlier as usize));
        if let Some(earlier) = earlier {
            return Err(Problem::error(
                "provisio::reading_chosen_twice",
                format!("reading `{name}` is chosen twice, as `{earlier}` and as `{alternative}`"),
                alt_span,
                format!("`{earlier}` was chosen before"),
            )
            .with_help(format!(
                "choose one alternative of `{name}`: `{earlier}` or `{alternative}`"
            ))
            .in_file(&source));
        }
        if let (Some(slot), Some(chosen)) = (
            self.alternatives.get_mut(id as usize),
            self.chosen.get_mut(id as usize),
        ) {
            *slot = index as u32;
            *chosen = true;
        }
        Ok(())
    }

    /// Applies `NAME=ALTERNATIVE`, as written on the command line.
    pub fn choose_assignment(&mut self, model: &Model, assignment: &str) -> Result<(), Problem> {
        match assignment.split_once('=') {
            Some((name, alternative)) => self.choose(model, name.trim(), alternative.trim()),
            None => {
                let source = SourceFile::new("--reading", Arc::from(assignment));
                Err(Problem::error(
                    "provisio::bad_argument",
                    format!("`{assignment}` does not choose a reading"),
                    Span::new(0, assignment.len()),
                    "expected NAME=ALTERNATIVE",
                )
                .with_help(format!("write it as `--reading {}`", example(model)))
                .in_file(&source))
            }
        }
    }
}
