//! A fact that a used policy declares: the same fact as this policy's (or
//! an earlier used policy's) when the name and the type agree, its
//! enumerations and records then mapped onto this model's; a conflict,
//! reported in both files, when the types differ.

use super::Checker;
use super::uses::line_of;
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::remap::Remap;
use crate::model::*;

impl Checker<'_> {
    /// The id in this model of a used policy's fact: the fact this policy
    /// (or a policy used before) declares by the same name and type, or a
    /// new fact. The same name with another type is an error naming both.
    pub(super) fn merge_fact(
        &mut self,
        decl: &ast::UseDecl,
        used: &Model,
        fact: &FactInfo,
        remap: &mut Remap,
    ) -> FactId {
        let existing = self
            .fact_index
            .get(fact.field.name.as_str())
            .copied()
            .or_else(|| self.used_fact_index.get(&fact.field.name).copied());
        if let Some(id) = existing {
            let Some(own) = self.facts.get(id as usize) else {
                return id;
            };
            if own.field.ty == Type::Error {
                // Its type is a policy's used later (`retype_facts`), or
                // wrong, which is reported already.
                if let Some(later) = self.fact_waits_for(&fact.field.name) {
                    let (later_path, later_name) =
                        (later.path.value.clone(), later.name.name.clone());
                    let span = own.span;
                    self.report(
                        Problem::error(
                            "provisio::unsupported_use",
                            format!(
                                "the fact `{}` has a type of `{later_name}`, used after `{}`, which declares the fact too",
                                fact.field.name, decl.name.name
                            ),
                            span,
                            "typed by a policy used later",
                        )
                        .with_label(decl.path.span, "declares it too")
                        .with_help(format!(
                            "write `use \"{later_path}\" as {later_name}` before this `use`, so that the fact's type is known when the two declarations are compared"
                        )),
                    );
                }
                return id;
            }
            let own_ty = own.field.ty.clone();
            let same = self.unify(&own_ty, &fact.field.ty, used, remap);
            let mut ty = fact.field.ty.clone();
            remap.ty(&mut ty);
            let Some(own) = self.facts.get(id as usize) else {
                return id;
            };
            if !same || own.field.optional != fact.field.optional {
                let (own_ty, used_ty) = (self.type_name(&own.field.ty), self.type_name(&ty));
                let (own_ty, used_ty) = if own_ty == used_ty {
                    (
                        format!("{own_ty}{}", optional_words(own.field.optional)),
                        format!("{used_ty}{}", optional_words(fact.field.optional)),
                    )
                } else {
                    (own_ty, used_ty)
                };
                let line = line_of(&used.source, fact.span);
                let mine = (own.span.end <= self.source.text.len()).then_some(own.span);
                let problem = Problem::error(
                    "provisio::fact_type_conflict",
                    format!(
                        "the fact `{}` is {own_ty} here, but {used_ty} in the used policy `{}`",
                        fact.field.name, decl.path.value
                    ),
                    mine.unwrap_or(decl.path.span),
                    format!("{own_ty} here"),
                );
                let problem = match mine {
                    Some(_) => problem.with_label(
                        decl.path.span,
                        format!("`{}` declares it as {used_ty}, on its line {line}", decl.path.value),
                    ),
                    None => problem,
                }
                .with_help(format!(
                    "a fact both policies declare is one fact, so it needs one type: declare `{}` as {used_ty} here too, or rename this policy's fact",
                    fact.field.name
                ));
                self.report(problem);
                // The other declaration, in its own file.
                let mut related = Problem::error(
                    "provisio::fact_type_conflict",
                    format!(
                        "the fact `{}` is {used_ty} here, but {own_ty} in `{}`",
                        fact.field.name, self.source.name
                    ),
                    fact.span,
                    format!("{used_ty} here"),
                )
                .in_file(&used.source);
                related.severity = miette::Severity::Advice;
                self.problems.push(related);
            }
            return id;
        }
        let id = self.facts.len() as FactId;
        let mut moved = fact.clone();
        remap.ty(&mut moved.field.ty);
        if let Some(value) = &mut moved.fixed {
            remap.value(value);
        }
        moved.span = remap.span(moved.span);
        self.used_fact_index.insert(fact.field.name.clone(), id);
        self.facts.push(moved);
        id
    }

    /// Whether a type of this model and a type of the used model are the
    /// same: the same enumeration values, the same record fields, in the
    /// same order. Where they are, the used model's enumerations and records
    /// are mapped onto this model's, so that values of the shared fact
    /// compare equal in both policies' rules.
    fn unify(&self, own: &Type, used_ty: &Type, used: &Model, remap: &mut Remap) -> bool {
        match (own, used_ty) {
            (Type::Enum(a), Type::Enum(b)) => {
                let same = match (self.enums.get(*a as usize), used.enums.get(*b as usize)) {
                    (Some(x), Some(y)) => x.values == y.values,
                    _ => false,
                };
                if same && let Some(slot) = remap.enums.get_mut(*b as usize) {
                    *slot = *a;
                }
                same
            }
            (Type::Record(a), Type::Record(b)) => {
                let (Some(x), Some(y)) = (
                    self.records.get(*a as usize).cloned(),
                    used.records.get(*b as usize),
                ) else {
                    return false;
                };
                let same = x.fields.len() == y.fields.len()
                    && x.fields.iter().zip(&y.fields).all(|(f, g)| {
                        f.name == g.name
                            && f.optional == g.optional
                            && self.unify(&f.ty, &g.ty, used, remap)
                    });
                if same && let Some(slot) = remap.records.get_mut(*b as usize) {
                    *slot = *a;
                }
                same
            }
            (Type::List(x), Type::List(y))
            | (Type::Scale(x), Type::Scale(y))
            | (Type::OrNone(x), Type::OrNone(y)) => self.unify(x, y, used, remap),
            (a, b) => {
                let mut moved = b.clone();
                remap.ty(&mut moved);
                *a == moved
            }
        }
    }
}

fn optional_words(optional: bool) -> &'static str {
    if optional { " (optional)" } else { "" }
}
