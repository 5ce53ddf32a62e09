//! The names of a policy file, where each is declared and where each is
//! used, from its syntax tree: what hover, navigation, rename and
//! completion look up.
//!
//! Names are resolved the way the checker resolves them, in the cases an
//! editor needs: `provision.rule`, a rule by its bare name in its own
//! provision (or anywhere when one provision alone has it), a fact and its
//! fields (`measure.kind`), types, events, readings and their alternatives
//! (`reading scope is transmission_only`). Names bound inside an expression
//! (`count m in members ...`, a definition's parameters) are local and
//! left out.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::ast::{
    Change, Definition, Expr, ExprKind, FieldDecl, Ident, Path, PolicyFile, Provision, TypeExpr,
    TypeKind,
};
use crate::span::Span;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A named type.
    Type,
    /// A fact.
    Fact,
    /// A field of a fact's or type's record.
    Field,
    /// An event.
    Event,
    /// A reading.
    Reading,
    /// An alternative of a reading.
    Alternative,
    /// A provision.
    Provision,
    /// A definition, parameter, named exception or deontic rule.
    Rule,
    /// A verdict.
    Verdict,
    /// The name a `use` item gives another policy.
    Use,
}

/// Where a symbol of another file is declared: that file, and the key the
/// symbol has there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    /// The file's canonical path.
    pub path: PathBuf,
    /// The symbol's key in that file.
    pub key: String,
}

/// A declared name.
#[derive(Debug, Clone)]
pub struct Symbol {
    /// What it names.
    pub kind: Kind,
    /// Its key: the name, qualified by its provision, fact, type or
    /// reading (`para5.in_force`, `measure.kind`, `scope.transmission_only`).
    pub key: String,
    /// The name alone.
    pub name: String,
    /// Where the name is declared.
    pub declared: Span,
    /// The whole declaration.
    pub item: Span,
    /// For a name of a used policy (key `mc12.moratorium`), the file that
    /// declares it, in which `declared` and `item` lie; `None` for this
    /// file's own.
    pub home: Option<Home>,
}

/// One place a name stands: its declaration or a use.
#[derive(Debug, Clone, Copy)]
pub struct Occurrence {
    /// The symbol, by its position in [`Index::symbols`].
    pub symbol: usize,
    /// The name's span (one segment of a dotted reference).
    pub span: Span,
}

/// The names of a file.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every declared name, in file order.
    pub symbols: Vec<Symbol>,
    /// Every place a declared name stands, declarations included.
    pub occurrences: Vec<Occurrence>,
    by_key: HashMap<String, usize>,
}

impl Index {
    /// The index of a parsed file that uses no other (or whose used files
    /// are not read).
    pub fn build(file: &PolicyFile) -> Index {
        Index::build_using(file, &[])
    }

    /// The index of a parsed file, with the names of the files its `use`
    /// items read (`used`, in the order of the items; `None` for one not
    /// read) under the names the items give them.
    pub fn build_using(file: &PolicyFile, used: &[Option<Arc<super::used::Unit>>]) -> Index {
        let mut index = Index::default();
        for (at, decl) in file.uses.iter().enumerate() {
            index.declare(Kind::Use, &decl.name.name, &decl.name, decl.span);
            if let Some(Some(unit)) = used.get(at) {
                index.import(&decl.name.name, unit);
            }
        }
        for ty in &file.types {
            index.declare(Kind::Type, &ty.name.name, &ty.name, ty.span);
            index.declare_fields(&ty.name.name, &ty.ty);
        }
        for event in &file.events {
            index.declare(Kind::Event, &event.name.name, &event.name, event.span);
        }
        for fact in &file.facts {
            index.declare(Kind::Fact, &fact.name.name, &fact.name, fact.span);
            index.declare_fields(&fact.name.name, &fact.ty);
        }
        for reading in &file.readings {
            index.declare(
                Kind::Reading,
                &reading.name.name,
                &reading.name,
                reading.span,
            );
            for alternative in &reading.alternatives {
                let key = format!("{}.{}", reading.name.name, alternative.name.name);
                index.declare(Kind::Alternative, &key, &alternative.name, alternative.span);
            }
        }
        let provisions = all_provisions(file);
        for provision in &provisions {
            index.declare_provision(provision);
        }
        for verdict in &file.verdicts {
            index.declare(
                Kind::Verdict,
                &verdict.name.name,
                &verdict.name,
                verdict.span,
            );
        }
        let mut walker = Walker {
            index: &mut index,
            provision: None,
            locals: Vec::new(),
        };
        walker.file(file, &provisions);
        index
            .occurrences
            .sort_by_key(|o| (o.span.start, o.span.end));
        index
    }

    /// A symbol by its key.
    pub fn symbol(&self, key: &str) -> Option<&Symbol> {
        self.by_key.get(key).and_then(|&at| self.symbols.get(at))
    }

    /// The occurrence at a byte offset (a cursor just after a name is on it).
    pub fn at(&self, offset: usize) -> Option<Occurrence> {
        self.occurrences
            .iter()
            .find(|o| o.span.start <= offset && offset <= o.span.end)
            .copied()
    }

    /// Every occurrence of a symbol, in file order.
    pub fn occurrences_of(&self, symbol: usize) -> impl Iterator<Item = &Occurrence> {
        self.occurrences.iter().filter(move |o| o.symbol == symbol)
    }

    /// The symbols of a kind whose key starts with `prefix.`: a provision's
    /// rules, a fact's fields, a reading's alternatives.
    pub fn members<'i>(&'i self, prefix: &'i str) -> impl Iterator<Item = &'i Symbol> {
        self.symbols.iter().filter(move |s| {
            s.key
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|rest| !rest.contains('.'))
        })
    }

    /// Takes in the names of a used file under the `use` name `prefix`,
    /// without occurrences here.
    fn import(&mut self, prefix: &str, unit: &super::used::Unit) {
        for symbol in &unit.index.symbols {
            let key = format!("{prefix}.{}", symbol.key);
            if self.by_key.contains_key(&key) {
                continue;
            }
            let home = symbol.home.clone().unwrap_or_else(|| Home {
                path: unit.path.clone(),
                key: symbol.key.clone(),
            });
            // The facts of the files it uses are its facts too, reached
            // without their `use` name (`b.day` for `b.c.day`).
            let flat = matches!(symbol.kind, Kind::Fact | Kind::Field)
                .then(|| symbol.home.as_ref())
                .flatten()
                .map(|h| format!("{prefix}.{}", h.key))
                .filter(|flat| !self.by_key.contains_key(flat));
            for key in std::iter::once(key).chain(flat) {
                self.by_key.insert(key.clone(), self.symbols.len());
                self.symbols.push(Symbol {
                    key,
                    home: Some(home.clone()),
                    ..symbol.clone()
                });
            }
        }
    }

    fn declare(&mut self, kind: Kind, key: &str, name: &Ident, item: Span) {
        if self.by_key.contains_key(key) {
            // A duplicate: the checker reports it; uses go to the first.
            if let Some(&at) = self.by_key.get(key) {
                self.occurrences.push(Occurrence {
                    symbol: at,
                    span: name.span,
                });
            }
            return;
        }
        self.by_key.insert(key.to_string(), self.symbols.len());
        self.occurrences.push(Occurrence {
            symbol: self.symbols.len(),
            span: name.span,
        });
        self.symbols.push(Symbol {
            kind,
            key: key.to_string(),
            name: name.name.clone(),
            declared: name.span,
            item,
            home: None,
        });
    }

    fn declare_fields(&mut self, owner: &str, ty: &TypeExpr) {
        match &ty.kind {
            TypeKind::Record(fields) => {
                for field in fields {
                    self.declare_field(owner, field);
                }
            }
            TypeKind::List(inner) => self.declare_fields(owner, inner),
            _ => {}
        }
    }

    fn declare_field(&mut self, owner: &str, field: &FieldDecl) {
        let key = format!("{owner}.{}", field.name.name);
        self.declare(Kind::Field, &key, &field.name, field.span);
        self.declare_fields(&key, &field.ty);
    }

    fn declare_provision(&mut self, provision: &Provision) {
        let name = &provision.name.name;
        self.declare(Kind::Provision, name, &provision.name, provision.span);
        for definition in &provision.definitions {
            self.declare_rule(name, &definition.name, definition.span);
        }
        for parameter in &provision.parameters {
            self.declare_rule(name, &parameter.name, parameter.span);
        }
        for exception in &provision.exceptions {
            if let Some(rule) = &exception.name {
                self.declare_rule(name, rule, exception.span);
            }
        }
        for deontic in &provision.deontics {
            self.declare_rule(name, &deontic.name, deontic.span);
        }
    }

    fn declare_rule(&mut self, provision: &str, name: &Ident, item: Span) {
        self.declare(
            Kind::Rule,
            &format!("{provision}.{}", name.name),
            name,
            item,
        );
    }

    fn found(&mut self, key: &str, span: Span) -> bool {
        match self.by_key.get(key) {
            Some(&symbol) => {
                self.occurrences.push(Occurrence { symbol, span });
                true
            }
            None => false,
        }
    }

    /// The provisions that have a rule of this bare name.
    fn rule_owners(&self, name: &str) -> Vec<&str> {
        self.symbols
            .iter()
            .filter(|s| s.kind == Kind::Rule && s.home.is_none() && s.name == name)
            .filter_map(|s| s.key.split('.').next())
            .collect()
    }

    /// Records the uses in a reference under a `use` name (`segments[0]`):
    /// each segment whose dotted key is a name of the used policy, and a
    /// rule named without its provision where one provision alone has it
    /// (`mc12.days_left`).
    fn found_used(&mut self, segments: &[Ident]) {
        let mut key = String::new();
        for segment in segments {
            let previous = key.clone();
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(&segment.name);
            if self.found(&key, segment.span) {
                continue;
            }
            // A rule of the used policy named without its provision.
            let owners: Vec<String> = self
                .symbols
                .iter()
                .filter(|s| s.kind == Kind::Rule && s.name == segment.name)
                .filter_map(|s| {
                    let owner = s.key.rsplit_once('.')?.0;
                    let (policy, _) = owner.rsplit_once('.')?;
                    (policy == previous).then(|| s.key.clone())
                })
                .collect();
            if let [only] = &owners[..] {
                self.found(only, segment.span);
            }
            return;
        }
    }
}

/// Walks the expressions of a file, recording the uses of names.
struct Walker<'i> {
    index: &'i mut Index,
    /// The provision being walked, whose rules are in scope by bare name.
    provision: Option<String>,
    /// The names bound in the expression being walked.
    locals: Vec<String>,
}

impl Walker<'_> {
    fn file(&mut self, file: &PolicyFile, provisions: &[&Provision]) {
        for ty in &file.types {
            self.type_expr(&ty.ty);
        }
        for fact in &file.facts {
            self.type_expr(&fact.ty);
        }
        for provision in provisions {
            self.provision = Some(provision.name.name.clone());
            for definition in &provision.definitions {
                self.definition(definition);
            }
            for parameter in &provision.parameters {
                if let Some(ty) = &parameter.ty {
                    self.type_expr(ty);
                }
                for (_, value) in &parameter.history {
                    if let Some(value) = value {
                        self.expr(value);
                    }
                }
            }
            for exception in &provision.exceptions {
                self.path(&exception.target);
                self.expr(&exception.condition);
                self.expr(&exception.value);
            }
            for deontic in &provision.deontics {
                for expr in deontic.while_.iter().chain(&deontic.when) {
                    self.expr(expr);
                }
            }
        }
        self.provision = None;
        for block in &file.amendments {
            for change in &block.changes {
                match change {
                    Change::Repeal { name, .. } => {
                        self.index.found(&name.name, name.span);
                    }
                    Change::Insert { after, .. } => {
                        self.index.found(&after.name, after.span);
                    }
                    Change::Parameter {
                        target, history, ..
                    } => {
                        self.path(target);
                        for (_, value) in history {
                            if let Some(value) = value {
                                self.expr(value);
                            }
                        }
                    }
                    Change::Replace(_) => {}
                }
            }
        }
        for verdict in &file.verdicts {
            if let Some(ty) = &verdict.ty {
                self.type_expr(ty);
            }
            let bound = verdict.for_each.as_ref().map(|each| {
                self.expr(&each.list);
                each.binder.name.clone()
            });
            let depth = self.locals.len();
            self.locals.extend(bound);
            if let Some(each) = &verdict.for_each {
                self.expr(&each.key);
            }
            if let Some(body) = &verdict.body {
                self.expr(body);
            }
            self.locals.truncate(depth);
        }
        for assumption in &file.assumptions {
            self.expr(&assumption.condition);
        }
    }

    fn definition(&mut self, definition: &Definition) {
        let depth = self.locals.len();
        for param in definition.params.iter().flatten() {
            if let Some(ty) = &param.ty {
                self.type_expr(ty);
            }
            self.locals.push(param.name.name.clone());
        }
        if let Some(ty) = &definition.ty {
            self.type_expr(ty);
        }
        self.expr(&definition.body);
        self.locals.truncate(depth);
    }

    fn type_expr(&mut self, ty: &TypeExpr) {
        match &ty.kind {
            TypeKind::Named(name) => self.segments(&split_ident(name)),
            TypeKind::List(inner) => self.type_expr(inner),
            TypeKind::Record(fields) => {
                for field in fields {
                    self.type_expr(&field.ty);
                }
            }
            TypeKind::Scalar(_) | TypeKind::Enum(_) | TypeKind::Money(_) => {}
        }
    }

    /// Records the uses in a dotted reference.
    fn path(&mut self, path: &Path) {
        self.segments(&path.segments);
    }

    fn segments(&mut self, segments: &[Ident]) {
        let Some(first) = segments.first() else {
            return;
        };
        if self.locals.contains(&first.name) {
            return;
        }
        let index = &mut *self.index;
        if index
            .symbol(&first.name)
            .is_some_and(|s| s.kind == Kind::Use && s.home.is_none())
        {
            index.found_used(segments);
            return;
        }
        if let Some(second) = segments.get(1) {
            let key = format!("{}.{}", first.name, second.name);
            if index
                .symbol(&first.name)
                .is_some_and(|s| s.kind == Kind::Provision)
                && index.symbol(&key).is_some_and(|s| s.kind == Kind::Rule)
            {
                index.found(&first.name, first.span);
                index.found(&key, second.span);
                return;
            }
        }
        match index.symbol(&first.name).map(|s| s.kind) {
            Some(Kind::Fact) | Some(Kind::Type) => {
                index.found(&first.name, first.span);
                let mut key = first.name.clone();
                for segment in &segments[1..] {
                    key = format!("{key}.{}", segment.name);
                    if !index.found(&key, segment.span) {
                        break;
                    }
                }
                return;
            }
            Some(_) => {
                index.found(&first.name, first.span);
                return;
            }
            None => {}
        }
        let own = self
            .provision
            .as_ref()
            .map(|p| format!("{p}.{}", first.name))
            .filter(|key| index.symbol(key).is_some());
        let key = own.or_else(|| match index.rule_owners(&first.name)[..] {
            [only] => Some(format!("{only}.{}", first.name)),
            _ => None,
        });
        if let Some(key) = key {
            index.found(&key, first.span);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Bool(_)
            | ExprKind::Number(_)
            | ExprKind::Date(_)
            | ExprKind::Text(_)
            | ExprKind::Duration { .. }
            | ExprKind::Percent(_)
            | ExprKind::Money { .. }
            | ExprKind::NoLimit => {}
            ExprKind::Path(path) => self.path(path),
            ExprKind::DurationOf { count, .. } => self.expr(count),
            ExprKind::Call { function, args } => {
                self.segments(&split_ident(function));
                for arg in args {
                    self.expr(arg);
                }
            }
            ExprKind::Unary { operand, .. } => self.expr(operand),
            ExprKind::Binary { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::Chain { operands, .. } => operands.iter().for_each(|e| self.expr(e)),
            ExprKind::IsNone { operand, .. } | ExprKind::OneOf { operand, .. } => {
                self.expr(operand)
            }
            ExprKind::OrElse { value, fallback } => {
                self.expr(value);
                self.expr(fallback);
            }
            ExprKind::If {
                condition,
                then,
                otherwise,
            } => {
                self.expr(condition);
                self.expr(then);
                self.expr(otherwise);
            }
            ExprKind::Lookup { target, date } => {
                self.path(target);
                self.expr(date);
            }
            ExprKind::Round { operand, .. } => self.expr(operand),
            ExprKind::Aggregate {
                binder,
                list,
                body,
                filter,
                more,
                ..
            } => {
                let depth = self.locals.len();
                self.expr(list);
                self.locals.push(binder.name.clone());
                for (name, list) in more {
                    self.expr(list);
                    self.locals.push(name.name.clone());
                }
                for e in body.iter().chain(filter.iter()) {
                    self.expr(e);
                }
                self.locals.truncate(depth);
            }
            ExprKind::Pick {
                binder,
                list,
                key,
                filter,
                ..
            } => {
                let depth = self.locals.len();
                self.expr(list);
                self.locals.push(binder.name.clone());
                self.expr(key);
                if let Some(filter) = filter {
                    self.expr(filter);
                }
                self.locals.truncate(depth);
            }
            ExprKind::List { items, .. } => items.iter().for_each(|e| self.expr(e)),
            ExprKind::Index { list, index } => {
                self.expr(list);
                self.expr(index);
            }
            ExprKind::OneOfList { operand, list, .. } => {
                self.expr(operand);
                self.expr(list);
            }
            ExprKind::Rows(entries) => entries.iter().for_each(|e| self.expr(&e.expr)),
            ExprKind::Overlap {
                from,
                to,
                window_from,
                window_to,
            } => {
                for e in [from, to, window_from, window_to] {
                    self.expr(e);
                }
            }
            ExprKind::Periods {
                each,
                periods,
                window_from,
                window_to,
            } => {
                let depth = self.locals.len();
                if let Some((binder, list)) = each {
                    self.expr(list);
                    self.locals.push(binder.name.clone());
                }
                for (from, to) in periods {
                    self.expr(from);
                    self.expr(to);
                }
                self.locals.truncate(depth);
                self.expr(window_from);
                self.expr(window_to);
            }
            ExprKind::Scale { brackets, .. } => {
                for bracket in brackets {
                    self.expr(&bracket.over);
                    if let Some(base) = &bracket.base {
                        self.expr(base);
                    }
                    self.expr(&bracket.rate);
                    for change in &bracket.changes {
                        self.expr(&change.value);
                    }
                }
            }
            ExprKind::ReadingIs {
                reading,
                alternative,
                ..
            } => {
                let written = split_ident(reading);
                if written.len() > 1 {
                    // A used policy's reading, `per.boundary`.
                    self.segments(&written);
                    let key = format!("{}.{}", reading.name, alternative.name);
                    if self.index.symbol(&reading.name).is_some() {
                        self.index.found(&key, alternative.span);
                    }
                } else if self.index.found(&reading.name, reading.span) {
                    let key = format!("{}.{}", reading.name, alternative.name);
                    self.index.found(&key, alternative.span);
                }
            }
        }
    }
}

/// The provisions of a file: its own, then those an amendment replaces or
/// inserts, in file order.
pub fn all_provisions(file: &PolicyFile) -> Vec<&Provision> {
    let mut provisions: Vec<&Provision> = file.provisions.iter().collect();
    for block in &file.amendments {
        for change in &block.changes {
            match change {
                Change::Replace(provision) | Change::Insert { provision, .. } => {
                    provisions.push(provision)
                }
                Change::Repeal { .. } | Change::Parameter { .. } => {}
            }
        }
    }
    provisions
}

/// A called function's name, `art1.age`, as the segments of a path.
fn split_ident(function: &Ident) -> Vec<Ident> {
    let mut start = function.span.start;
    function
        .name
        .split('.')
        .map(|part| {
            let ident = Ident {
                name: part.to_string(),
                span: Span::new(start, start + part.len()),
            };
            start += part.len() + 1;
            ident
        })
        .collect()
}
