//! Facts that change over time: a fact given as a dated history,
//! `{"history": {"2024-01-01": false, "2024-03-15": true}}`, whose value on
//! a day is the one given for the last date on or before it.
//!
//! Before the first date of its history a fact is unknown. A history is
//! read once, when the facts are loaded, into a short vector sorted by
//! date; evaluation finds the value for a day by binary search.

use chrono::NaiveDate;

use crate::model::FactId;
use crate::value::Value;

/// The key of a facts file's object that gives a fact as a history.
pub const HISTORY: &str = "history";

/// Whether `ty` is a record with a field named `history`: an object given
/// for it is then the record, not a history.
pub fn has_history_field(model: &crate::model::Model, ty: &crate::model::Type) -> bool {
    let record = match ty.without_none() {
        crate::model::Type::Record(id) => model.records.get(*id as usize),
        _ => None,
    };
    record.is_some_and(|r| r.fields.iter().any(|f| f.name == HISTORY))
}

/// The dated values of one fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The fact.
    pub fact: FactId,
    /// Each date with the value the fact has from it on, in increasing
    /// order of date, no date twice.
    pub changes: Box<[(NaiveDate, Value)]>,
}

impl History {
    /// The entry in force on `date`: the last one on or before it; `None`
    /// before the first.
    pub fn entry_on(&self, date: NaiveDate) -> Option<&(NaiveDate, Value)> {
        let after = self.changes.partition_point(|(from, _)| *from <= date);
        after.checked_sub(1).and_then(|i| self.changes.get(i))
    }

    /// The dates on which the fact takes a new value.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.changes.iter().map(|(date, _)| *date)
    }
}

impl super::Facts {
    /// The history of `fact`, if the facts give it as one.
    pub fn history(&self, fact: FactId) -> Option<&History> {
        if self.histories.is_empty() {
            return None;
        }
        self.histories
            .binary_search_by_key(&fact, |h| h.fact)
            .ok()
            .and_then(|i| self.histories.get(i))
    }

    /// The value of `fact` on `date`: from its history when the facts give
    /// one (`None` before its first date, that is, unknown), its one value
    /// otherwise.
    pub fn value_on(&self, fact: FactId, date: NaiveDate) -> Option<&Value> {
        match self.history(fact) {
            Some(history) => history.entry_on(date).map(|(_, value)| value),
            None => self.values.get(fact as usize),
        }
    }

    /// The date from which `fact` has the value it has on `date`, for a
    /// fact given as a history; `None` for any other fact, or before the
    /// history's first date.
    pub fn value_from(&self, fact: FactId, date: NaiveDate) -> Option<NaiveDate> {
        self.history(fact)?.entry_on(date).map(|(from, _)| *from)
    }

    /// Every date on which some fact given as a history changes, sorted,
    /// each once: the days on which a timeline's verdicts may change
    /// because of the facts.
    pub fn change_dates(&self) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = self.histories.iter().flat_map(History::dates).collect();
        dates.sort_unstable();
        dates.dedup();
        dates
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn a_history_holds_from_each_date_to_the_next() {
        let history = History {
            fact: 0,
            changes: Box::new([
                (day("2024-01-01"), Value::Bool(false)),
                (day("2024-03-15"), Value::Bool(true)),
            ]),
        };
        assert_eq!(history.entry_on(day("2023-12-31")), None);
        assert_eq!(
            history.entry_on(day("2024-01-01")),
            Some(&(day("2024-01-01"), Value::Bool(false)))
        );
        assert_eq!(
            history.entry_on(day("2024-03-14")).map(|e| &e.1),
            Some(&Value::Bool(false))
        );
        assert_eq!(
            history.entry_on(day("2024-03-15")).map(|e| &e.1),
            Some(&Value::Bool(true))
        );
        assert_eq!(
            history.entry_on(day("2099-01-01")).map(|e| e.0),
            Some(day("2024-03-15"))
        );
    }
}
