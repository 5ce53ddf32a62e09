//! A used policy's type as the type of one of this policy's facts:
//! `fact measure: mc12.measure`. Facts are declared before the used
//! policies are merged, so such a fact is first given the error type
//! quietly, then lowered again while its used policy is merged, before the
//! used policy's facts are shared with this policy's by name and type.

use std::collections::HashMap;

use super::Checker;
use super::uses::UseScope;
use crate::ast::{self, TypeKind};
use crate::model::Model;
use crate::model::remap::Remap;

/// Whether a type written in this file names a type of the policy used as
/// `prefix` (`prefix.TYPE`), itself or in a list's elements or a record's
/// fields.
fn names_policy(ty: &ast::TypeExpr, prefix: &str) -> bool {
    match &ty.kind {
        TypeKind::Named(name) => name
            .name
            .split_once('.')
            .is_some_and(|(policy, _)| policy == prefix),
        TypeKind::List(inner) => names_policy(inner, prefix),
        TypeKind::Record(fields) => fields.iter().any(|f| names_policy(&f.ty, prefix)),
        TypeKind::Scalar(_) | TypeKind::Enum(_) | TypeKind::Money(_) => false,
    }
}

/// The first used policy's name a type written in this file takes a type of
/// and that `waiting` says is not merged yet.
fn waiting_policy<'t>(ty: &'t ast::TypeExpr, waiting: &dyn Fn(&str) -> bool) -> Option<&'t str> {
    match &ty.kind {
        TypeKind::Named(name) => name
            .name
            .split_once('.')
            .map(|(policy, _)| policy)
            .filter(|p| waiting(p)),
        TypeKind::List(inner) => waiting_policy(inner, waiting),
        TypeKind::Record(fields) => fields.iter().find_map(|f| waiting_policy(&f.ty, waiting)),
        TypeKind::Scalar(_) | TypeKind::Enum(_) | TypeKind::Money(_) => None,
    }
}

impl Checker<'_> {
    /// For a fact of this policy whose type is a used policy's that is not
    /// merged yet, that policy's `use` item.
    pub(super) fn fact_waits_for(&self, fact: &str) -> Option<&ast::UseDecl> {
        let file = self.file;
        let decl = file.facts.iter().find(|f| f.name.name == fact)?;
        let waiting = |policy: &str| self.use_named(policy).is_none();
        let policy = waiting_policy(&decl.ty, &waiting)?;
        file.uses.iter().find(|u| u.name.name == policy)
    }

    /// Gives the facts of this policy typed with a type of the policy
    /// being merged as `prefix` their type, from the used model's types
    /// moved by `remap`.
    pub(super) fn retype_facts(&mut self, prefix: &str, used: &Model, remap: &Remap) {
        let file = self.file;
        let pending: Vec<&ast::FactDecl> = file
            .facts
            .iter()
            .filter(|f| names_policy(&f.ty, prefix))
            .collect();
        if pending.is_empty() {
            return;
        }
        let mut types = HashMap::new();
        for info in &used.types {
            let mut ty = info.ty.clone();
            remap.ty(&mut ty);
            types.insert(info.name.clone(), ty);
        }
        // The used policy's types, reachable by its name while its facts
        // are not merged yet.
        self.uses.push(UseScope {
            name: prefix.to_string(),
            types,
            ..UseScope::default()
        });
        for fact in pending {
            let Some(id) = self.fact_index.get(fact.name.name.as_str()).copied() else {
                continue;
            };
            // A fact declared twice keeps its first declaration.
            if self
                .facts
                .get(id as usize)
                .is_none_or(|f| f.span != fact.name.span)
            {
                continue;
            }
            let before = self.problems.items.len();
            let ty = self.lower_declared_type(&fact.ty, &fact.name.name);
            let default = fact
                .default
                .as_ref()
                .and_then(|d| self.default_value(d, &ty, &fact.name.name));
            // What the first lowering already reported is not repeated.
            let new = self.problems.items.split_off(before);
            for problem in new {
                let repeated = self.problems.items.iter().any(|p| {
                    p.code == problem.code
                        && p.message == problem.message
                        && p.span() == problem.span()
                });
                if !repeated {
                    self.problems.push(problem);
                }
            }
            if let Some(info) = self.facts.get_mut(id as usize) {
                info.field.ty = ty;
                info.field.default = default;
            }
        }
        self.uses.pop();
    }
}
