//! Go to definition and find references, for rules, facts and their
//! fields, types, events, readings and their alternatives, provisions and
//! the names of used policies; across `use`: a name of a used policy goes
//! to its declaration in that file, and its references are found in every
//! open policy and in the files the document uses.

use std::path::{Path, PathBuf};

use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location, ReferenceParams, Uri};

use super::documents::{Document, Documents, path_uri};
use super::index::{Index, Occurrence, Symbol};
use super::lines::LineIndex;
use super::server::{Failure, offset_of};

/// The name at a position, when the document's index is of its text.
pub fn name_at(
    document: &Document,
    position: lsp_types::Position,
) -> Result<Option<Occurrence>, Failure> {
    let offset = offset_of(document, position)?;
    Ok(document
        .index_current
        .then(|| document.index.at(offset))
        .flatten())
}

/// Where the name at the position is declared: in this document, or in
/// the used file that declares it.
pub fn definition(
    document: &Document,
    uri: &Uri,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>, Failure> {
    let position = params.text_document_position_params.position;
    let Some(occurrence) = name_at(document, position)? else {
        return Ok(None);
    };
    let Some(symbol) = document.index.symbols.get(occurrence.symbol) else {
        return Ok(None);
    };
    Ok(declaration(document, uri, symbol).map(GotoDefinitionResponse::Scalar))
}

/// The location of a symbol's declaration.
pub fn declaration(document: &Document, uri: &Uri, symbol: &Symbol) -> Option<Location> {
    match &symbol.home {
        None => Some(Location::new(
            uri.clone(),
            document.lines.range(&document.text, symbol.declared),
        )),
        Some(home) => {
            let unit = document.units.get(&home.path)?;
            Some(Location::new(
                path_uri(&home.path)?,
                unit.lines.range(&unit.text, symbol.declared),
            ))
        }
    }
}

/// Every place the name at the position stands, its declaration included
/// when the client asks for it: in every open policy, and in the files the
/// document uses that are not open; this document first, then by URI.
pub fn references(
    documents: &Documents,
    document: &Document,
    uri: &Uri,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>, Failure> {
    let position = params.text_document_position.position;
    let Some(occurrence) = name_at(document, position)? else {
        return Ok(None);
    };
    let Some(symbol) = document.index.symbols.get(occurrence.symbol) else {
        return Ok(None);
    };
    let declaration = params.context.include_declaration;
    let locations = places(documents, document, uri, symbol, true)
        .into_iter()
        .filter(|place| declaration || !place.declaration)
        .map(|place| place.location)
        .collect();
    Ok(Some(locations))
}

/// One place a symbol stands.
pub struct Place {
    /// The file and the name's range there.
    pub location: Location,
    /// Whether it is the symbol's declaration.
    pub declaration: bool,
}

/// Every place a symbol of the document stands: in the document, in the
/// other open policies, and (with `units`) in the files the document uses
/// that are not open; the document first, then by URI.
pub fn places(
    documents: &Documents,
    document: &Document,
    uri: &Uri,
    symbol: &Symbol,
    units: bool,
) -> Vec<Place> {
    let own = own_path(document);
    let target = identity(symbol, &own);
    let mut places = Vec::new();
    let mut searched: Vec<PathBuf> = Vec::new();
    let mut search =
        |file_uri: &Uri, path: &PathBuf, index: &Index, text: &str, lines: &LineIndex| {
            for o in &index.occurrences {
                let Some(found) = index.symbols.get(o.symbol) else {
                    continue;
                };
                if identity(found, path) != target {
                    continue;
                }
                places.push(Place {
                    location: Location::new(file_uri.clone(), lines.range(text, o.span)),
                    declaration: found.home.is_none() && o.span == found.declared,
                });
            }
        };
    search(uri, &own, &document.index, &document.text, &document.lines);
    searched.push(own.clone());
    for (key, other) in documents.all() {
        let path = own_path(other);
        if !other.policy || !other.index_current || path == own {
            continue;
        }
        let Ok(other_uri) = key.parse::<Uri>() else {
            continue;
        };
        search(&other_uri, &path, &other.index, &other.text, &other.lines);
        searched.push(path);
    }
    if units {
        for (path, unit) in &document.units {
            if searched.contains(path) {
                continue;
            }
            let Some(unit_uri) = path_uri(path) else {
                continue;
            };
            search(&unit_uri, path, &unit.index, &unit.text, &unit.lines);
        }
    }
    places
}

/// What a document is known by: its canonical path, or its name.
fn own_path(document: &Document) -> PathBuf {
    document
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(&document.name))
}

/// A symbol as the same in every file: the file that declares it and its
/// key there.
fn identity<'s>(symbol: &'s Symbol, file: &'s Path) -> (&'s Path, &'s str) {
    match &symbol.home {
        Some(home) => (&home.path, &home.key),
        None => (file, &symbol.key),
    }
}
