//! A policy reached through two paths of `use` (this policy uses `fees`
//! and `claims`, and both use `period`) is merged once: as a used model is
//! merged, each policy it holds that this model holds already maps onto
//! the copy there (see [`crate::model::remap::Shared`]), and its items keep
//! the name of the first path; the others are remembered as other names.

use std::path::{Path, PathBuf};

use super::Checker;
use crate::model::Model;
use crate::model::remap::{Remap, Shared};
use crate::model::used::{IdRange, OwnItems};

impl Checker<'_> {
    /// Finds, among the used model (read from `path`) and the policies it
    /// uses, those this model holds already, and adds each to `remap` as
    /// shared. Returns, for the used model and then for each policy it
    /// uses, its index in this model's used policies: the copy already
    /// there, or the one it gets, in order.
    pub(super) fn shared_policies(&self, used: &Model, path: &Path, remap: &mut Remap) -> Vec<u32> {
        // The used policy itself, then each policy it uses: each one's own
        // items, and where its own text stands.
        let mut units: Vec<(PathBuf, OwnItems, usize, usize)> =
            vec![(path.to_path_buf(), root_own(used), 0, used.own_text_len())];
        units.extend(
            used.used
                .iter()
                .map(|u| (u.path.clone(), u.own, u.offset, u.source.text.len())),
        );
        let mut next = self.used.len() as u32;
        let mut index_of: Vec<u32> = Vec::with_capacity(units.len());
        for (unit_path, own, offset, text_len) in &units {
            match self.used.iter().position(|u| u.path == *unit_path) {
                Some(at) => {
                    index_of.push(at as u32);
                    if let Some(there) = self.used.get(at) {
                        remap.shared.push(Shared {
                            from: *own,
                            to: there.own,
                            from_offset: *offset,
                            text_len: *text_len,
                            to_offset: there.offset,
                        });
                    }
                }
                None => {
                    index_of.push(next);
                    next += 1;
                }
            }
        }
        index_of
    }

    /// Remembers the names under `prefix` by which the used model reaches
    /// the policies this model held already: `index_of` as
    /// [`Checker::shared_policies`] gave it.
    pub(super) fn other_names(&mut self, prefix: &str, used: &Model, index_of: &[u32]) {
        let names =
            std::iter::once((prefix.to_string(), Vec::new())).chain(used.used.iter().map(|u| {
                (
                    format!("{prefix}.{}", u.name),
                    u.also
                        .iter()
                        .map(|a| format!("{prefix}.{a}"))
                        .collect::<Vec<_>>(),
                )
            }));
        for ((name, also), at) in names.zip(index_of) {
            if let Some(there) = self.used.get_mut(*at as usize)
                && there.name != name
            {
                there.also.push(name);
                there.also.extend(also);
            }
        }
    }
}

/// The items a used model declares itself, before those of the policies it
/// uses: of each kind, the ids before the first of theirs.
pub(super) fn root_own(used: &Model) -> OwnItems {
    let own = |len: usize, kind: fn(&OwnItems) -> IdRange| {
        let len = len as u32;
        let end = used
            .used
            .iter()
            .map(|u| kind(&u.own).start)
            .min()
            .unwrap_or(len)
            .min(len);
        IdRange { start: 0, len: end }
    };
    OwnItems {
        readings: own(used.readings.len(), |o| o.readings),
        provisions: own(used.provisions.len(), |o| o.provisions),
        definitions: own(used.definitions.len(), |o| o.definitions),
        exceptions: own(used.exceptions.len(), |o| o.exceptions),
        deontics: own(used.deontics.len(), |o| o.deontics),
        parameters: own(used.parameters.len(), |o| o.parameters),
    }
}

/// A policy's own items, as their ids in this model.
pub(super) fn moved_own(remap: &Remap, own: OwnItems) -> OwnItems {
    let range = |r: IdRange, f: &dyn Fn(u32) -> u32| IdRange {
        start: f(r.start),
        len: r.len,
    };
    OwnItems {
        readings: range(own.readings, &|id| remap.reading(id)),
        provisions: range(own.provisions, &|id| remap.provision(id)),
        definitions: range(own.definitions, &|id| remap.definition(id)),
        exceptions: range(own.exceptions, &|id| remap.exception(id)),
        deontics: range(own.deontics, &|id| remap.deontic(id)),
        parameters: range(own.parameters, &|id| remap.parameter(id)),
    }
}
