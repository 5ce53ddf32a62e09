//! Formatting through `provisio fmt`'s library function: one edit that
//! replaces the whole text, or none when it is already in the layout.

use lsp_server::ErrorCode;
use lsp_types::{DocumentFormattingParams, Range, TextEdit, Uri};

use super::documents::Document;
use super::server::Failure;
use crate::span::SourceFile;

/// The edits that put a document in the canonical layout. A text that does
/// not parse cannot be laid out: the request fails with the syntax problem
/// (the diagnostics already show it).
pub fn format(
    document: &Document,
    _uri: &Uri,
    _params: DocumentFormattingParams,
) -> Result<Vec<TextEdit>, Failure> {
    if !document.policy {
        return Ok(Vec::new());
    }
    let source = SourceFile::new(document.name.clone(), document.text.clone());
    let formatted = crate::format::format_source(&source).map_err(|problem| {
        Failure::new(
            ErrorCode::RequestFailed,
            format!("cannot format: {}", problem.message),
        )
    })?;
    if formatted == document.text {
        return Ok(Vec::new());
    }
    let end = document.lines.position(&document.text, document.text.len());
    Ok(vec![TextEdit::new(
        Range::new(Default::default(), end),
        formatted,
    )])
}
