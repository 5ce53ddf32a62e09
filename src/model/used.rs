//! The policies a policy uses (`use "other.policy" as name`), as the merged
//! model remembers them: to cite their provisions with their instrument's
//! symbol and to locate a span in the file it came from.

use super::{InstrumentInfo, Model, ProvisionId};
use crate::span::{SourceFile, Span};

/// Some ids of one kind of item: `len` of them from `start`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IdRange {
    /// The first id.
    pub start: u32,
    /// How many.
    pub len: u32,
}

impl IdRange {
    /// Whether `id` is one of them.
    pub fn contains(&self, id: u32) -> bool {
        id >= self.start && id - self.start < self.len
    }
}

/// The ids of the items a policy declares itself, not those of the
/// policies it uses, in a model that merged it: each kind's ids follow
/// one another, in the order of its file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OwnItems {
    /// Its readings.
    pub readings: IdRange,
    /// Its provisions.
    pub provisions: IdRange,
    /// Its definitions.
    pub definitions: IdRange,
    /// Its exceptions.
    pub exceptions: IdRange,
    /// Its deontic rules.
    pub deontics: IdRange,
    /// Its parameters.
    pub parameters: IdRange,
}

/// A policy merged into this one by `use`, or used by one that was.
#[derive(Debug, Clone)]
pub struct UsedPolicy {
    /// The name its items are reached under, such as `mc12` (`mc12.base`
    /// for a policy that `mc12` itself uses under `base`).
    pub name: String,
    /// Its instrument header.
    pub instrument: InstrumentInfo,
    /// Its own file, as read.
    pub source: SourceFile,
    /// Where its text starts in the combined text of [`Model::source`].
    pub offset: usize,
    /// Its file, as a canonical path: a policy reached through two paths
    /// is merged once.
    pub path: std::path::PathBuf,
    /// Where the items it declares itself stand in the model.
    pub own: OwnItems,
    /// The other names it is reached under, through other paths of `use`
    /// (`claims.shared` for a policy merged as `fees.period`): its items
    /// keep the first name.
    pub also: Vec<String>,
}

impl Model {
    /// For a name under a used policy's other name (`claims.shared.boundary`),
    /// that other name, the name its items keep (`fees.period`) and the
    /// same name under it (`fees.period.boundary`).
    pub fn first_name<'a>(&'a self, name: &str) -> Option<(&'a str, &'a str, String)> {
        self.used.iter().find_map(|u| {
            u.also.iter().find_map(|other| {
                name.strip_prefix(other.as_str())
                    .and_then(|rest| rest.strip_prefix('.'))
                    .map(|rest| {
                        (
                            other.as_str(),
                            u.name.as_str(),
                            format!("{}.{rest}", u.name),
                        )
                    })
            })
        })
    }
}

impl Model {
    /// The length of the policy's own text at the start of
    /// [`Model::source`], which the used files' texts follow.
    pub fn own_text_len(&self) -> usize {
        self.used
            .first()
            .map_or(self.source.text.len(), |u| u.offset.saturating_sub(1))
    }

    /// The file a span of the model points into and the span within it:
    /// the policy's own file, or the used file its text came from.
    pub fn source_of(&self, span: Span) -> (SourceFile, Span) {
        let used = self
            .used
            .iter()
            .rev()
            .find(|u| span.start >= u.offset && span.start <= u.offset + u.source.text.len());
        match used {
            Some(u) => (
                u.source.clone(),
                Span::new(span.start - u.offset, span.end.saturating_sub(u.offset)),
            ),
            None => (self.source.clone(), span),
        }
    }

    /// How an explanation cites a provision: its name for the policy's own
    /// (`para5`); for a used policy's, its instrument's symbol and its name
    /// there (`WT/MIN(22)/32 para4`), or the name it is reached under
    /// (`mc12.para4`) when the instrument has no symbol.
    pub fn citation_name(&self, provision: ProvisionId) -> String {
        let Some(info) = self.provisions.get(provision as usize) else {
            return String::new();
        };
        let used = info.instrument.and_then(|i| self.used.get(i as usize));
        match used {
            Some(used) => match &used.instrument.symbol {
                Some(symbol) => {
                    let own = info
                        .name
                        .strip_prefix(&format!("{}.", used.name))
                        .unwrap_or(&info.name);
                    format!("{symbol} {own}")
                }
                None => info.name.clone(),
            },
            None => match self.amendment_words(provision) {
                Some(words) => format!("{}, {words}", info.name),
                None => info.name.clone(),
            },
        }
    }
}

impl Model {
    /// A problem whose spans point into the model's combined text, located
    /// in the file its first span falls in (a used policy's, for an error
    /// in one of its rules); labels in other files are left out.
    pub fn in_its_file(
        &self,
        mut problem: crate::diagnostic::Problem,
    ) -> crate::diagnostic::Problem {
        let Some(primary) = problem.span() else {
            return problem.in_file(&self.source);
        };
        let (file, _) = self.source_of(primary);
        if self.used.is_empty() {
            return problem.in_file(&file);
        }
        let own_len = self.own_text_len();
        let own_file = primary.start <= own_len;
        problem.labels = problem
            .labels
            .into_iter()
            .filter_map(|(span, label)| {
                let (in_file, local) = self.source_of(span);
                let same = if own_file {
                    span.end <= own_len
                } else {
                    in_file.name == file.name && span.start > own_len
                };
                same.then_some((local, label))
            })
            .collect();
        if own_file {
            let own = SourceFile::new(
                self.source.name.clone(),
                self.source.text.get(..own_len).unwrap_or(&self.source.text),
            );
            return problem.in_file(&own);
        }
        problem.in_file(&file)
    }
}
