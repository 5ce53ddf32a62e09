//! Named types: `type person "a member of the household": record ... end`.
//!
//! A named type is resolved when first used, so that types may use each
//! other in any order; a type that contains itself is reported as a cycle
//! naming the chain. Its record or enumeration takes the type's name, which
//! is how messages about facts files speak of it. Its enumeration values may
//! be written qualified by the type's name: `occupancy.tenant`.

use std::collections::HashMap;

use super::declare::fold_whitespace;
use super::{Checker, State};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type, TypeInfo};
use crate::span::Span;
use crate::suggest::did_you_mean;
use crate::value::Value;

/// The type names the language itself gives, which a `type` cannot take.
const BUILT_IN_TYPES: [&str; 6] = ["boolean", "integer", "decimal", "date", "text", "money"];

impl<'a> Checker<'a> {
    /// Registers every named type, then resolves each in file order.
    pub(super) fn declare_types(&mut self) {
        let file = self.file;
        let mut first: HashMap<&'a str, Span> = HashMap::new();
        for decl in &file.types {
            let name = decl.name.name.as_str();
            if let Some(span) = first.get(name) {
                self.duplicate("type", &decl.name, *span);
                continue;
            }
            if BUILT_IN_TYPES.contains(&name) {
                self.report(
                    Problem::error(
                        "provisio::reserved_name",
                        format!("`{name}` is a type the language gives"),
                        decl.name.span,
                        "cannot be declared again",
                    )
                    .with_help(format!(
                        "choose another name for this type, such as `{name}_value`"
                    )),
                );
                continue;
            }
            first.insert(name, decl.name.span);
            self.type_index.insert(name, self.type_ast.len() as u32);
            self.type_ast.push(decl);
            self.types.push(None);
            self.type_state.push(State::Pending);
        }
        for id in 0..self.type_ast.len() {
            self.named_type_by_id(id as u32);
        }
    }

    /// The type a name written as a type stands for, reporting an unknown name.
    pub(super) fn named_type(&mut self, name: &ast::Ident) -> Type {
        if let Some(id) = self.type_index.get(name.name.as_str()).copied() {
            return self.named_type_by_id(id);
        }
        if let Some(ty) = self.used_type(name) {
            return ty;
        }
        let mut candidates: Vec<&str> = self.type_index.keys().copied().collect();
        candidates.extend(BUILT_IN_TYPES);
        candidates.sort_unstable();
        let help = did_you_mean(&name.name, candidates.iter().copied()).unwrap_or_else(|| {
            format!(
                "the types are `boolean`, `integer`, `decimal`, `date`, `text`, `money in EUR`, `one of ...`, `record ... end`, `list of ...`, and those declared with `type`, such as `type {} \"...\": record ... end`",
                name.name
            )
        });
        self.report(
            Problem::error(
                "provisio::undefined_type",
                format!("there is no type `{}`", name.name),
                name.span,
                "unknown type",
            )
            .with_help(help),
        );
        Type::Error
    }

    /// The type a `type` declaration names, resolving it first if need be.
    pub(super) fn named_type_by_id(&mut self, id: u32) -> Type {
        match self.type_state.get(id as usize).copied() {
            Some(State::Done) => self
                .types
                .get(id as usize)
                .and_then(|t| t.as_ref())
                .map(|t| t.ty.clone())
                .unwrap_or(Type::Error),
            Some(State::InProgress) => {
                self.report_type_cycle(id);
                Type::Error
            }
            Some(State::Pending) => {
                self.resolve_named_type(id);
                self.named_type_by_id(id)
            }
            None => Type::Error,
        }
    }

    fn resolve_named_type(&mut self, id: u32) {
        let Some(decl) = self.type_ast.get(id as usize).copied() else {
            return;
        };
        if let Some(state) = self.type_state.get_mut(id as usize) {
            *state = State::InProgress;
        }
        self.type_stack.push(id);
        let name = decl.name.name.as_str();
        if let Some(span) = decl.ty.or_none {
            self.report(
                Problem::error(
                    "provisio::misplaced_or_none",
                    format!("the type `{name}` cannot itself be declared `or none`"),
                    span,
                    "not allowed here",
                )
                .with_help(format!(
                    "remove `or none` here and write it where the type is used: `fact x \"...\": {name} or none`"
                )),
            );
        }
        if decl.ty.optional {
            self.report(
                Problem::error(
                    "provisio::misplaced_optional",
                    format!("the type `{name}` cannot itself be declared `optional`"),
                    decl.ty.span,
                    "`optional` here",
                )
                .with_help(format!(
                    "remove `optional` here and write it where the type is used: `fact x \"...\": optional {name}`"
                )),
            );
        }
        let ty = self.lower_type(&decl.ty, name);
        self.type_stack.pop();
        if let Some(slot) = self.types.get_mut(id as usize) {
            *slot = Some(TypeInfo {
                name: name.to_string(),
                description: decl.description.as_ref().map(|d| fold_whitespace(&d.value)),
                ty,
                span: decl.name.span,
            });
        }
        if let Some(state) = self.type_state.get_mut(id as usize) {
            *state = State::Done;
        }
    }

    /// Reports a type that contains itself, through the chain of types that
    /// leads back to it.
    fn report_type_cycle(&mut self, id: u32) {
        let Some(start) = self.type_stack.iter().position(|t| *t == id) else {
            return;
        };
        let chain: Vec<u32> = self.type_stack.get(start..).unwrap_or(&[]).to_vec();
        let name = |checker: &Self, id: u32| {
            checker
                .type_ast
                .get(id as usize)
                .map(|d| d.name.name.clone())
                .unwrap_or_default()
        };
        let mut names: Vec<String> = chain.iter().map(|t| name(self, *t)).collect();
        names.push(name(self, id));
        let Some(decl) = self.type_ast.get(id as usize).copied() else {
            return;
        };
        let mut problem = Problem::error(
            "provisio::cycle",
            format!(
                "the type `{}` contains itself: {}",
                decl.name.name,
                names.join(" → ")
            ),
            decl.name.span,
            "this type",
        );
        for other in chain.iter().skip(1) {
            if let Some(d) = self.type_ast.get(*other as usize) {
                problem = problem.with_label(d.name.span, "which contains this one");
            }
        }
        self.report(problem.with_help(
            "a value cannot hold a value of its own type; give the inner part a type of its own, such as a record of the fields it needs",
        ));
    }

    /// `occupancy.tenant`: an enumeration value qualified by the name of
    /// its type: a named type, or the fact or field whose enumeration was
    /// written in place (`measure.kind.customs_duty`). `None` when the path
    /// is no such qualified value.
    pub(super) fn qualified_enum_value(&mut self, path: &ast::Path) -> Option<Expr> {
        let (value, prefix) = path.segments.split_last()?;
        let first = prefix.first()?;
        let named = match prefix {
            [name] => match self.type_index.get(name.name.as_str()) {
                Some(id) => match self.types.get(*id as usize).and_then(|t| t.as_ref()) {
                    Some(TypeInfo {
                        ty: Type::Enum(e), ..
                    }) => Some(*e),
                    _ => None,
                },
                None => None,
            },
            _ => None,
        };
        let id = match named {
            Some(id) => id,
            None => {
                // Qualified by a fact's or field's path, the value must be
                // one of the enumeration's: `measure.kind.name` asks for a
                // field, and is reported as such.
                let joined: Vec<&str> = prefix.iter().map(|s| s.name.as_str()).collect();
                let joined = joined.join(".");
                let id = self.enums.iter().position(|e| e.name == joined)?;
                if !self.enums.get(id)?.values.contains(&value.name) {
                    return None;
                }
                id as u32
            }
        };
        let span = first.span.to(value.span);
        let Some(index) = self.enum_value(id, value) else {
            return Some(super::resolve::error_expr(span));
        };
        Some(Expr {
            kind: ExprKind::Const(Value::Enum(id, index)),
            ty: Type::Enum(id),
            span,
        })
    }

    /// A named type written where a value is wanted: says what to write.
    pub(super) fn type_as_value(&mut self, head: &ast::Ident) -> bool {
        let Some(id) = self.type_index.get(head.name.as_str()).copied() else {
            return false;
        };
        let help = match self.types.get(id as usize).and_then(|t| t.as_ref()) {
            Some(TypeInfo {
                ty: Type::Enum(e), ..
            }) => {
                let first = self
                    .enums
                    .get(*e as usize)
                    .and_then(|e| e.values.first())
                    .cloned()
                    .unwrap_or_default();
                format!(
                    "name one of its values, such as `{}.{first}`; {}",
                    head.name,
                    self.enum_values_help(*e)
                )
            }
            _ => format!(
                "a type says what a value is; to use a value of it, declare a fact (`fact x \"...\": {}`) or a parameter (`define f(x: {}) = ...`)",
                head.name, head.name
            ),
        };
        self.report(
            Problem::error(
                "provisio::not_a_value",
                format!("`{}` is a type, not a value", head.name),
                head.span,
                "a type",
            )
            .with_help(help),
        );
        true
    }

    fn enum_values_help(&self, id: u32) -> String {
        let values = self
            .enums
            .get(id as usize)
            .map(|e| e.values.join(", "))
            .unwrap_or_default();
        format!("its values are {values}")
    }
}
