//! The document's outline: the instrument, its types, facts, events and
//! readings, its provisions with their rules, and its verdicts.

use lsp_types::{DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind, Uri};

use super::documents::Document;
use super::server::Failure;
use crate::ast::{DeonticKind, Ident, Provision};
use crate::span::Span;

/// The outline of a document; empty while the text does not parse.
pub fn document_symbols(
    document: &Document,
    _uri: &Uri,
    _params: DocumentSymbolParams,
) -> Result<DocumentSymbolResponse, Failure> {
    let Some(file) = &document.file else {
        return Ok(DocumentSymbolResponse::Nested(Vec::new()));
    };
    let outline = Outline { document };
    let mut symbols = Vec::new();
    if let Some(instrument) = &file.instrument {
        symbols.push(outline.symbol(
            &instrument.title.value,
            None,
            SymbolKind::FILE,
            instrument.span,
            instrument.title.span,
            Vec::new(),
        ));
    }
    for ty in &file.types {
        symbols.push(outline.named(
            &ty.name,
            describe(&ty.description),
            SymbolKind::CLASS,
            ty.span,
            Vec::new(),
        ));
    }
    for fact in &file.facts {
        symbols.push(outline.named(
            &fact.name,
            describe(&fact.description),
            SymbolKind::FIELD,
            fact.span,
            Vec::new(),
        ));
    }
    for event in &file.events {
        symbols.push(outline.named(
            &event.name,
            describe(&event.description),
            SymbolKind::EVENT,
            event.span,
            Vec::new(),
        ));
    }
    for reading in &file.readings {
        let alternatives = reading
            .alternatives
            .iter()
            .map(|a| {
                let detail = a.default.map(|_| String::from("default"));
                outline.named(&a.name, detail, SymbolKind::ENUM_MEMBER, a.span, Vec::new())
            })
            .collect();
        symbols.push(outline.named(
            &reading.name,
            describe(&reading.description),
            SymbolKind::ENUM,
            reading.span,
            alternatives,
        ));
    }
    // An amendment's replaced and inserted provisions too.
    for provision in super::index::all_provisions(file) {
        symbols.push(outline.provision(provision));
    }
    for verdict in &file.verdicts {
        symbols.push(outline.named(
            &verdict.name,
            Some(String::from("verdict")),
            SymbolKind::CONSTANT,
            verdict.span,
            Vec::new(),
        ));
    }
    Ok(DocumentSymbolResponse::Nested(symbols))
}

fn describe(description: &Option<crate::ast::Text>) -> Option<String> {
    description.as_ref().map(|d| d.value.clone())
}

struct Outline<'d> {
    document: &'d Document,
}

impl Outline<'_> {
    fn provision(&self, provision: &Provision) -> DocumentSymbol {
        let mut rules: Vec<(Span, DocumentSymbol)> = Vec::new();
        for d in &provision.definitions {
            rules.push((
                d.span,
                self.named(
                    &d.name,
                    Some(String::from("define")),
                    SymbolKind::FUNCTION,
                    d.span,
                    Vec::new(),
                ),
            ));
        }
        for p in &provision.parameters {
            rules.push((
                p.span,
                self.named(
                    &p.name,
                    Some(String::from("parameter")),
                    SymbolKind::CONSTANT,
                    p.span,
                    Vec::new(),
                ),
            ));
        }
        for e in &provision.exceptions {
            if let Some(name) = &e.name {
                rules.push((
                    e.span,
                    self.named(
                        name,
                        Some(String::from("exception")),
                        SymbolKind::FUNCTION,
                        e.span,
                        Vec::new(),
                    ),
                ));
            }
        }
        for d in &provision.deontics {
            let kind = match d.kind {
                DeonticKind::Prohibition => "prohibition",
                DeonticKind::Obligation => "obligation",
                DeonticKind::Permission => "permission",
                DeonticKind::Commitment => "commitment",
            };
            rules.push((
                d.span,
                self.named(
                    &d.name,
                    Some(String::from(kind)),
                    SymbolKind::FUNCTION,
                    d.span,
                    Vec::new(),
                ),
            ));
        }
        rules.sort_by_key(|(span, _)| span.start);
        let heading = provision.heading.as_ref().map(|h| h.value.clone());
        self.named(
            &provision.name,
            heading,
            SymbolKind::MODULE,
            provision.span,
            rules.into_iter().map(|(_, s)| s).collect(),
        )
    }

    fn named(
        &self,
        name: &Ident,
        detail: Option<String>,
        kind: SymbolKind,
        item: Span,
        children: Vec<DocumentSymbol>,
    ) -> DocumentSymbol {
        self.symbol(&name.name, detail, kind, item, name.span, children)
    }

    fn symbol(
        &self,
        name: &str,
        detail: Option<String>,
        kind: SymbolKind,
        item: Span,
        selection: Span,
        children: Vec<DocumentSymbol>,
    ) -> DocumentSymbol {
        let text = &self.document.text;
        let lines = &self.document.lines;
        // The selection must lie inside the whole range.
        let item = item.to(selection);
        #[allow(deprecated)]
        DocumentSymbol {
            name: name.to_string(),
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: lines.range(text, item),
            selection_range: lines.range(text, selection),
            children: (!children.is_empty()).then_some(children),
        }
    }
}
