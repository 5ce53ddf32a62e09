//! Rename of a rule, fact, field, type, event, reading, alternative,
//! provision or verdict across the file: its declaration and every use;
//! for a verdict, its expectations in the scenarios beside the policy too.

use std::collections::HashMap;

use lsp_server::ErrorCode;
use lsp_types::{
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, PrepareRenameResponse,
    RenameParams, TextDocumentEdit, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::documents::{Document, Documents, uri_path};
use super::index::Kind;
use super::navigation::{name_at, places};
use super::scenarios::rename_expectations;
use super::server::Failure;

/// The name the cursor is on, and whether it can be renamed.
pub fn prepare(
    document: &Document,
    _uri: &Uri,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, Failure> {
    let Some(occurrence) = name_at(document, params.position)? else {
        return Ok(None);
    };
    let range = document.lines.range(&document.text, occurrence.span);
    Ok(Some(PrepareRenameResponse::Range(range)))
}

/// The edits that rename the name at the position: in the document, in
/// the open policies that use it under a `use` name, and for a verdict in
/// its scenarios. A new name that is not a name, or that another item of
/// the same scope already has, is refused, and so is a name a used policy
/// declares (its other users may not be open).
pub fn rename(
    documents: &Documents,
    document: &Document,
    uri: &Uri,
    params: RenameParams,
) -> Result<Option<WorkspaceEdit>, Failure> {
    let position = params.text_document_position.position;
    let new_name = params.new_name;
    if !is_name(&new_name) {
        return Err(Failure::new(
            ErrorCode::InvalidParams,
            format!(
                "`{new_name}` is not a name: a name is a letter or `_`, then letters, digits and `_`"
            ),
        ));
    }
    let Some(occurrence) = name_at(document, position)? else {
        return Ok(None);
    };
    let index = &document.index;
    let Some(symbol) = index.symbols.get(occurrence.symbol) else {
        return Ok(None);
    };
    if let Some(home) = &symbol.home {
        // Its other users may not be open: renamed here, they would break.
        return Err(Failure::new(
            ErrorCode::InvalidParams,
            format!(
                "`{}` is declared in `{}`: rename it there",
                symbol.key,
                home.path.display()
            ),
        ));
    }
    let taken = match symbol.key.rsplit_once('.') {
        Some((owner, _)) => format!("{owner}.{new_name}"),
        None => new_name.clone(),
    };
    if taken != symbol.key && index.symbol(&taken).is_some() {
        return Err(Failure::new(
            ErrorCode::InvalidParams,
            format!("`{new_name}` is already the name of `{taken}`"),
        ));
    }
    let edits = index
        .occurrences_of(occurrence.symbol)
        .map(|o| {
            TextEdit::new(
                document.lines.range(&document.text, o.span),
                new_name.clone(),
            )
        })
        .collect();
    // Its uses in the open policies that use this one.
    let mut users: Vec<(Uri, Vec<TextEdit>)> = Vec::new();
    for place in places(documents, document, uri, symbol, false) {
        let location = place.location;
        if location.uri == *uri {
            continue;
        }
        let edit = TextEdit::new(location.range, new_name.clone());
        match users.last_mut() {
            Some((last, edits)) if *last == location.uri => edits.push(edit),
            _ => users.push((location.uri, vec![edit])),
        }
    }
    // A verdict's expectations in its scenarios too.
    let mut scenarios = match (symbol.kind, uri_path(uri)) {
        (Kind::Verdict, Some(path)) => rename_expectations(&path, &symbol.name, &new_name),
        _ => Vec::new(),
    };
    users.append(&mut scenarios);
    let scenarios = users;
    if scenarios.is_empty() {
        return Ok(Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }));
    }
    // Several files: as a list, the policy first, then the open policies
    // that use it by URI and the scenarios in path order, where a map would
    // give them in no fixed order.
    let files = std::iter::once((uri.clone(), edits)).chain(scenarios);
    let documents = files
        .map(|(uri, edits)| TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        })
        .collect();
    Ok(Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(documents)),
        ..WorkspaceEdit::default()
    }))
}

/// Whether a text is a name the grammar takes.
fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
