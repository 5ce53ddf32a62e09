//! Exceptions: what each one overrides, and their resolution below the
//! definition they finally override.
//!
//! A policy may chain exceptions as long as it likes, each overriding the
//! one before. Every pass here takes time linear in the number of
//! exceptions and keeps its own list of what is left to visit, so that a
//! chain of any length takes none of the thread's stack.

use super::resolve::fits;
use super::{Checker, Local, Scope};
use crate::diagnostic::Problem;
use crate::model::*;

impl Checker<'_> {
    /// Links each exception to the definition or exception it overrides,
    /// then lists the exceptions that override each rule directly.
    pub(super) fn attach_exceptions(&mut self) {
        for id in 0..self.exception_ast.len() {
            let Some((provision, exception)) = self.exception_ast.get(id).copied() else {
                continue;
            };
            let target = match self.resolve_local_path(
                provision,
                &exception.target,
                "a definition or an exception",
            ) {
                Some(Local::Definition(def)) => Some((def, None)),
                // The definition is found below, once every exception's own target is known.
                Some(Local::Exception(parent)) if parent as usize != id => {
                    Some((u32::MAX, Some(parent)))
                }
                Some(_) => {
                    self.report(
                        Problem::error(
                            "provisio::bad_target",
                            format!(
                                "`{}` is not a definition or an exception",
                                exception.target.dotted()
                            ),
                            exception.target.span,
                            "an exception overrides a definition or another exception",
                        )
                        .with_help("name a `define` or an `exception NAME` as the target"),
                    );
                    None
                }
                None => None,
            };
            if let Some(slot) = self.exception_parent.get_mut(id) {
                *slot = target;
            }
        }
        self.follow_chains();
        self.index_exceptions();
    }

    /// Follows each chain of exceptions to the definition it finally
    /// overrides. Each exception is walked over once: every exception on a
    /// walk gets the walk's outcome. An exception that leads into a circle
    /// of exceptions, or to one whose target is wrong, overrides nothing;
    /// a circle is reported once, at its first exception in the file.
    fn follow_chains(&mut self) {
        let count = self.exception_parent.len();
        // The walk that last passed each exception, by where it started.
        let mut walked = vec![usize::MAX; count];
        let mut path: Vec<usize> = Vec::new();
        for start in 0..count {
            path.clear();
            let mut current = start;
            let outcome = loop {
                match self.exception_parent.get(current).copied().flatten() {
                    Some((def, _)) if def != u32::MAX => break Some(def),
                    Some((_, Some(parent))) => {
                        if walked.get(current) == Some(&start) {
                            self.report_circle(&path, current);
                            break None;
                        }
                        if let Some(mark) = walked.get_mut(current) {
                            *mark = start;
                        }
                        path.push(current);
                        current = parent as usize;
                    }
                    _ => break None,
                }
            };
            for at in &path {
                if let Some(slot) = self.exception_parent.get_mut(*at) {
                    *slot = match (outcome, *slot) {
                        (Some(def), Some((_, parent))) => Some((def, parent)),
                        _ => None,
                    };
                }
            }
        }
    }

    /// Reports the circle that a walk along `path` closed at `closing`.
    fn report_circle(&mut self, path: &[usize], closing: usize) {
        let circle = path
            .iter()
            .position(|at| *at == closing)
            .and_then(|from| path.get(from..))
            .unwrap_or_default();
        let Some(first) = circle.iter().min().copied() else {
            return;
        };
        let Some((_, exception)) = self.exception_ast.get(first).copied() else {
            return;
        };
        self.report(
            Problem::error(
                "provisio::cycle",
                "exceptions override each other in a circle",
                exception.target.span,
                "this target leads back here",
            )
            .with_help("an exception overrides a definition, directly or through other exceptions"),
        );
    }

    /// Lists, once, the exceptions that override each definition and each
    /// exception directly, in the order of the file.
    fn index_exceptions(&mut self) {
        let mut of_definitions: Vec<Vec<ExceptionId>> = vec![Vec::new(); self.definition_ast.len()];
        let mut of_exceptions: Vec<Vec<ExceptionId>> =
            vec![Vec::new(); self.exception_parent.len()];
        for (id, target) in self.exception_parent.iter().enumerate() {
            let list = match target {
                Some((def, None)) => of_definitions.get_mut(*def as usize),
                Some((_, Some(parent))) => of_exceptions.get_mut(*parent as usize),
                None => None,
            };
            if let Some(list) = list {
                list.push(id as ExceptionId);
            }
        }
        self.definition_exceptions = of_definitions;
        self.exception_children = of_exceptions;
    }

    /// Resolves the exceptions that override a definition directly (or,
    /// with no definition, an exception whose target failed to resolve),
    /// and below each the exceptions that override it in turn, in the order
    /// of the file, depth first.
    pub(super) fn resolve_exceptions(
        &mut self,
        roots: &[ExceptionId],
        definition: Option<DefinitionId>,
        ty: &Type,
    ) {
        let mut pending: Vec<ExceptionId> = roots.iter().rev().copied().collect();
        while let Some(id) = pending.pop() {
            let children = self.resolve_exception(id, definition, ty);
            pending.extend(children.iter().rev());
        }
    }

    /// Resolves one exception; returns the exceptions that override it.
    fn resolve_exception(
        &mut self,
        id: ExceptionId,
        definition: Option<DefinitionId>,
        ty: &Type,
    ) -> Vec<ExceptionId> {
        let Some((provision, exception)) = self.exception_ast.get(id as usize).copied() else {
            return Vec::new();
        };
        let scope = Scope {
            provision: Some(provision),
        };
        let condition =
            self.condition(&exception.condition, scope, "the condition of an exception");
        let value = self.expr(&exception.value, scope, Some(ty));
        if !fits(&value.ty, ty) {
            let (want, found) = (self.type_name(ty), self.type_name(&value.ty));
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!(
                        "the exception gives {found}, but `{}` is {want}",
                        exception.target.dotted()
                    ),
                    exception.value.span,
                    found,
                )
                .with_help("an exception gives a value of the same kind as what it overrides"),
            );
        }
        let cites = self.check_cites(provision, exception.cites.as_ref());
        let children = self
            .exception_children
            .get_mut(id as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        let overrides = self
            .exception_parent
            .get(id as usize)
            .copied()
            .flatten()
            .and_then(|(_, parent)| parent);
        if let Some(slot) = self.exceptions.get_mut(id as usize) {
            *slot = Some(ExceptionInfo {
                name: exception.name.as_ref().map(|n| n.name.clone()),
                provision,
                definition: definition.unwrap_or(u32::MAX),
                overrides,
                condition,
                value,
                exceptions: children.clone(),
                cites,
                span: exception.span,
            });
        }
        children
    }
}
