//! An amended policy (`amends "base.policy"` with `from DATE` blocks), as the
//! model keeps it: one checked version per period between the amendments'
//! dates, each a whole model, and what each version changed of the base.
//! Evaluation on a date uses the version in force on it
//! ([`Model::version_on`]), so that before an amendment's date the policy
//! answers exactly as its base does.

use chrono::NaiveDate;

use super::{Model, ProvisionId};

/// What an amendment did to a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Its text and rules were replaced.
    Replaced,
    /// It was inserted.
    Inserted,
    /// It was repealed: it is no longer in the version.
    Repealed,
    /// One of its dated values was given a new history.
    ParameterChanged,
}

impl ChangeKind {
    /// The change as JSON names it: `replaced`, `inserted`, `repealed`,
    /// `parameter_changed`.
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::ParameterChanged => "parameter_changed",
            other => other.word(),
        }
    }

    /// The change in words, as explanations write it: "replaced".
    pub fn word(self) -> &'static str {
        match self {
            ChangeKind::Replaced => "replaced",
            ChangeKind::Inserted => "inserted",
            ChangeKind::Repealed => "repealed",
            ChangeKind::ParameterChanged => "changed",
        }
    }
}

/// One change an amendment made to a provision, in force in a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeInfo {
    /// The provision's name.
    pub provision: String,
    /// What was done to it.
    pub kind: ChangeKind,
    /// For a changed parameter: its name.
    pub parameter: Option<String>,
    /// The amending instrument, by its symbol, else its title.
    pub by: String,
    /// The first day the change applies.
    pub from: NaiveDate,
}

/// A version of an amended policy that an amendment ended.
#[derive(Debug, Clone)]
pub struct Earlier {
    /// The first day it is no longer in force: the next version's first day.
    pub until: NaiveDate,
    /// The version, checked.
    pub model: Model,
}

/// What a model knows of the amendments that made it.
#[derive(Debug, Clone, Default)]
pub struct Amended {
    /// The changes in force in this version, in the order made.
    pub changes: Vec<ChangeInfo>,
    /// The first day this version is in force; `None` for the base's.
    pub from: Option<NaiveDate>,
    /// In the latest version only: the earlier versions, oldest first.
    pub earlier: Vec<Earlier>,
    /// The amending instruments, outermost first: title and symbol.
    pub instruments: Vec<(String, Option<String>)>,
    /// How many of the first entries of [`Model::used`] are the bases'
    /// texts, there to locate problems in their files, not policies used.
    pub bases: usize,
}

impl Model {
    /// The version of the policy in force on `date`: for an amended policy,
    /// the one its amendments give on that day; for any other, itself.
    pub fn version_on(&self, date: NaiveDate) -> &Model {
        if let Some(amended) = &self.amended {
            for earlier in &amended.earlier {
                if date < earlier.until {
                    return &earlier.model;
                }
            }
        }
        self
    }

    /// The days on which an amended policy changes version, in order;
    /// empty for any other.
    pub fn amendment_dates(&self) -> Vec<NaiveDate> {
        let Some(amended) = &self.amended else {
            return Vec::new();
        };
        amended.earlier.iter().map(|e| e.until).collect()
    }

    /// The changes in force that amendments made to a provision, in the
    /// order made; empty for a provision as the base wrote it.
    pub fn amendments_of(&self, provision: ProvisionId) -> Vec<&ChangeInfo> {
        let (Some(info), Some(amended)) = (self.provisions.get(provision as usize), &self.amended)
        else {
            return Vec::new();
        };
        // A provision of a used policy is not this policy's to amend.
        if info.instrument.is_some() {
            return Vec::new();
        }
        // A provision repealed and inserted again starts afresh.
        let fresh = amended
            .changes
            .iter()
            .rposition(|c| c.provision == info.name && c.kind == ChangeKind::Repealed)
            .map_or(0, |at| at + 1);
        amended
            .changes
            .iter()
            .skip(fresh)
            .filter(|c| c.provision == info.name)
            .collect()
    }

    /// How an explanation names what amendments did to a provision: "as
    /// replaced by WT/L/9999 from 1 January 2027"; `None` for a provision
    /// as the base wrote it.
    pub fn amendment_words(&self, provision: ProvisionId) -> Option<String> {
        let changes = self.amendments_of(provision);
        if changes.is_empty() {
            return None;
        }
        let each: Vec<String> = changes
            .iter()
            .map(|c| {
                let what = match &c.parameter {
                    Some(parameter) => format!("with {parameter} changed"),
                    None => c.kind.word().to_string(),
                };
                format!(
                    "{what} by {} from {}",
                    c.by,
                    crate::words::human_date(c.from)
                )
            })
            .collect();
        Some(format!("as {}", each.join(", then ")))
    }

    /// The header line of an amended policy's version: each change in
    /// force, in the order made; `None` when none is.
    pub fn amended_line(&self) -> Option<String> {
        self.amended_line_in(crate::locale::Lang::En)
    }

    /// The changes in force, as [`Model::amended_line`] lists them after
    /// "As amended: ", in `lang`'s words; `None` when none is.
    pub fn amended_changes_in(&self, lang: crate::locale::Lang) -> Option<String> {
        let amended = self.amended.as_ref()?;
        if amended.changes.is_empty() {
            return None;
        }
        let say = lang.words();
        let each: Vec<String> = amended
            .changes
            .iter()
            .map(|c| {
                let name = match &c.parameter {
                    Some(parameter) => format!("{}.{parameter}", c.provision),
                    None => c.provision.clone(),
                };
                let template = match c.kind {
                    ChangeKind::Replaced => say.tables.changes[0],
                    ChangeKind::Inserted => say.tables.changes[1],
                    ChangeKind::Repealed => say.tables.changes[2],
                    ChangeKind::ParameterChanged => say.tables.changes[3],
                };
                say.fill(
                    template,
                    &[('x', &name), ('l', &c.by), ('r', &say.date(c.from))],
                )
            })
            .collect();
        Some(each.join(say.semicolon))
    }

    /// [`Model::amended_line`] in `lang`'s words.
    pub fn amended_line_in(&self, lang: crate::locale::Lang) -> Option<String> {
        let changes = self.amended_changes_in(lang)?;
        Some(lang.words().one(lang.words().tables.as_amended, &changes))
    }
}
