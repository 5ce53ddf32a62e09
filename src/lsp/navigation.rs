//! Go to definition and find references, for rules, facts and their
//! fields, types, events, readings and their alternatives, and provisions.

use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location, ReferenceParams, Uri};

use super::documents::Document;
use super::index::Occurrence;
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

/// Where the name at the position is declared.
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
    let range = document.lines.range(&document.text, symbol.declared);
    Ok(Some(GotoDefinitionResponse::Scalar(Location::new(
        uri.clone(),
        range,
    ))))
}

/// Every place the name at the position stands, its declaration included
/// when the client asks for it.
pub fn references(
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
    let locations = document
        .index
        .occurrences_of(occurrence.symbol)
        .filter(|o| declaration || o.span != symbol.declared)
        .map(|o| Location::new(uri.clone(), document.lines.range(&document.text, o.span)))
        .collect();
    Ok(Some(locations))
}
