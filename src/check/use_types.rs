//! A used policy's type in this policy's declarations: a fact's type
//! (`fact measure: mc12.measure`) or a part of a `type` of its own (`type
//! claim: record kind: mc12.measure end`). Types and facts are declared
//! before the used policies are merged, so such a type is first the error
//! type, quietly; as its used policy is merged, the `type` items that name
//! it are resolved again, then the facts whose types name it or them, before
//! the used policy's facts are shared with this policy's by name and type.

use std::collections::{HashMap, HashSet};

use super::uses::UseScope;
use super::{Checker, State};
use crate::ast::{self, TypeKind};
use crate::model::Model;
use crate::model::remap::Remap;

/// The used policy's names a type written in this file takes types of, in
/// the order written, through the `type` items of this file it names.
fn policies_named<'t>(
    ty: &'t ast::TypeExpr,
    file: &'t ast::PolicyFile,
    seen: &mut HashSet<&'t str>,
    out: &mut Vec<&'t str>,
) {
    match &ty.kind {
        TypeKind::Named(name) => match name.name.split_once('.') {
            Some((policy, _)) => out.push(policy),
            None => {
                // A `type` of this file, once: types may name each other in
                // a cycle, which their own check reports.
                if seen.insert(name.name.as_str())
                    && let Some(decl) = file.types.iter().find(|t| t.name.name == name.name)
                {
                    policies_named(&decl.ty, file, seen, out);
                }
            }
        },
        TypeKind::List(inner) => policies_named(inner, file, seen, out),
        TypeKind::Record(fields) => {
            for field in fields {
                policies_named(&field.ty, file, seen, out);
            }
        }
        TypeKind::Scalar(_) | TypeKind::Enum(_) | TypeKind::Money(_) => {}
    }
}

/// Whether a type written in this file takes a type of the policy used as
/// `prefix`.
fn names_policy(ty: &ast::TypeExpr, file: &ast::PolicyFile, prefix: &str) -> bool {
    let mut out = Vec::new();
    policies_named(ty, file, &mut HashSet::new(), &mut out);
    out.contains(&prefix)
}

impl Checker<'_> {
    /// For a fact of this policy whose type is a used policy's that is not
    /// merged yet, that policy's `use` item.
    pub(super) fn fact_waits_for(&self, fact: &str) -> Option<&ast::UseDecl> {
        let file = self.file;
        let decl = file.facts.iter().find(|f| f.name.name == fact)?;
        let mut policies = Vec::new();
        policies_named(&decl.ty, file, &mut HashSet::new(), &mut policies);
        let policy = policies.into_iter().find(|p| self.use_named(p).is_none())?;
        file.uses.iter().find(|u| u.name.name == policy)
    }

    /// Resolves again the `type` items and the facts of this policy whose
    /// types take a type of the policy being merged as `prefix`, from the
    /// used model's types moved by `remap`.
    pub(super) fn retype_facts(&mut self, prefix: &str, used: &Model, remap: &Remap) {
        let file = self.file;
        let types: Vec<u32> = self
            .type_ast
            .iter()
            .enumerate()
            .filter(|(_, decl)| names_policy(&decl.ty, file, prefix))
            .map(|(id, _)| id as u32)
            .collect();
        let facts: Vec<&ast::FactDecl> = file
            .facts
            .iter()
            .filter(|f| names_policy(&f.ty, file, prefix))
            .collect();
        if types.is_empty() && facts.is_empty() {
            return;
        }
        let mut used_types = HashMap::new();
        for info in &used.types {
            let mut ty = info.ty.clone();
            remap.ty(&mut ty);
            used_types.insert(info.name.clone(), ty);
        }
        // The used policy's types, reachable by its name while its facts
        // are not merged yet.
        self.uses.push(UseScope {
            name: prefix.to_string(),
            types: used_types,
            ..UseScope::default()
        });
        let before = self.problems.items.len();
        for id in &types {
            if let Some(state) = self.type_state.get_mut(*id as usize) {
                *state = State::Pending;
            }
        }
        for id in types {
            self.named_type_by_id(id);
        }
        for fact in facts {
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
            let ty = self.lower_declared_type(&fact.ty, &fact.name.name);
            let default = fact
                .default
                .as_ref()
                .and_then(|d| self.default_value(d, &ty, &fact.name.name));
            if let Some(info) = self.facts.get_mut(id as usize) {
                info.field.ty = ty;
                info.field.default = default;
            }
        }
        self.uses.pop();
        // What the first resolution already reported is not repeated.
        let new = self.problems.items.split_off(before);
        for problem in new {
            let repeated = self.problems.items.iter().any(|p| {
                p.code == problem.code && p.message == problem.message && p.span() == problem.span()
            });
            if !repeated {
                self.problems.push(problem);
            }
        }
    }
}
