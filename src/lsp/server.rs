//! The server's loop: the handshake, then each message dispatched to what
//! answers it, until `shutdown` and `exit`.

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as _,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, OneOf,
    PublishDiagnosticsParams, RenameOptions, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde_json::Value;

use super::documents::{Document, Documents};

/// The server's state: the open documents.
#[derive(Debug, Default)]
pub struct Server {
    /// The open documents and their analyses.
    pub documents: Documents,
}

/// What the server offers, as the `initialize` response states it.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        // Full text on each change; told of saves, to check again what
        // depends on the file saved.
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(CompletionOptions {
            // Not a space: a list after every space would be in the way.
            trigger_characters: Some(vec![String::from(".")]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// Serves the protocol over standard input and output until the client
/// says `exit`; `Err` says why it stopped otherwise (a message that is not
/// JSON-RPC, or the input closed without `exit`).
pub fn serve() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let initialize = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: String::from("provisio"),
            version: Some(String::from(env!("CARGO_PKG_VERSION"))),
        },
    });
    let handshake = connection.initialize_start().and_then(|(id, params)| {
        connection
            .initialize_finish(id, initialize)
            .map(|()| watches_files(&params))
    });
    let outcome = match handshake {
        Ok(watch) => {
            let asked = match watch {
                true => send(&connection, Message::Request(watch_policies())),
                false => Ok(()),
            };
            asked.and_then(|()| Server::default().run(&connection))
        }
        Err(error) => Err(error.to_string()),
    };
    drop(connection);
    let joined = io_threads
        .join()
        .map_err(|error| format!("cannot read the client's messages: {error}"));
    // When the reader failed, its error is the cause of whatever else went wrong.
    joined.and(outcome)
}

/// Whether the client can be asked to watch files and say when they
/// change on disk (`workspace.didChangeWatchedFiles.dynamicRegistration`).
fn watches_files(initialize_params: &serde_json::Value) -> bool {
    initialize_params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

/// Asks the client to tell of every policy file changed on disk, so that a
/// policy changed by another program (`git checkout`, a formatter) is read
/// again by the open policies that use it. Its response is not awaited.
fn watch_policies() -> Request {
    let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String(String::from("**/*.policy")),
            kind: None,
        }],
    };
    Request::new(
        lsp_server::RequestId::from(String::from("provisio/watch-policies")),
        String::from("client/registerCapability"),
        lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: String::from("provisio-policies"),
                method: String::from(DidChangeWatchedFiles::METHOD),
                register_options: serde_json::to_value(options).ok(),
            }],
        },
    )
}

impl Server {
    /// Answers messages until `shutdown` (then `Ok`), or until the input
    /// ends without it (then `Err`).
    fn run(&mut self, connection: &Connection) -> Result<(), String> {
        for message in &connection.receiver {
            match message {
                Message::Request(request) => {
                    if connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    let response = self.request(request);
                    send(connection, Message::Response(response))?;
                }
                Message::Notification(notification) => {
                    for published in self.notification(notification) {
                        send(connection, Message::Notification(published))?;
                    }
                }
                Message::Response(_) => {}
            }
        }
        Err(String::from(
            "the input ended before the client asked the server to shut down",
        ))
    }

    /// The response to a request.
    pub fn request(&mut self, request: Request) -> Response {
        let Request { id, method, params } = request;
        let answer = match method.as_str() {
            HoverRequest::METHOD => self.answer(params, super::hover::hover),
            GotoDefinition::METHOD => self.answer(params, super::navigation::definition),
            References::METHOD => {
                let documents = &self.documents;
                self.answer(params, |document, uri, params| {
                    super::navigation::references(documents, document, uri, params)
                })
            }
            DocumentSymbolRequest::METHOD => self.answer(params, super::symbols::document_symbols),
            Formatting::METHOD => self.answer(params, super::formatting::format),
            Completion::METHOD => self.answer(params, super::completion::complete),
            PrepareRenameRequest::METHOD => self.answer(params, super::rename::prepare),
            Rename::METHOD => {
                let documents = &self.documents;
                self.answer(params, |document, uri, params| {
                    super::rename::rename(documents, document, uri, params)
                })
            }
            CodeActionRequest::METHOD => self.answer(params, super::actions::code_actions),
            _ => Err(Failure::new(
                ErrorCode::MethodNotFound,
                format!("unknown method `{method}`"),
            )),
        };
        match answer {
            Ok(result) => Response::new_ok(id, result),
            Err(failure) => Response::new_err(id, failure.code as i32, failure.message),
        }
    }

    /// Reads a request's parameters and answers it from the document it
    /// names.
    fn answer<P, R>(
        &self,
        params: Value,
        handler: impl FnOnce(&Document, &Uri, P) -> Result<R, Failure>,
    ) -> Result<Value, Failure>
    where
        P: serde::de::DeserializeOwned + Addressed,
        R: serde::Serialize,
    {
        let params: P = serde_json::from_value(params).map_err(|error| {
            Failure::new(
                ErrorCode::InvalidParams,
                format!("invalid parameters: {error}"),
            )
        })?;
        let uri = params.uri().clone();
        let document = self.documents.get(&uri).ok_or_else(|| {
            Failure::new(
                ErrorCode::InvalidParams,
                format!("the document `{}` is not open", uri.as_str()),
            )
        })?;
        let result = handler(document, &uri, params)?;
        serde_json::to_value(result)
            .map_err(|error| Failure::new(ErrorCode::InternalError, error.to_string()))
    }

    /// Handles a notification, giving the diagnostics to publish.
    pub fn notification(&mut self, notification: Notification) -> Vec<Notification> {
        let Notification { method, params } = notification;
        match method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                else {
                    return Vec::new();
                };
                let document = params.text_document;
                let touched = self.documents.open(
                    &document.uri,
                    &document.language_id,
                    document.text,
                    Some(document.version),
                );
                self.publish(touched)
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                else {
                    return Vec::new();
                };
                // Full-text sync: the last change is the whole text.
                let Some(change) = params.content_changes.into_iter().next_back() else {
                    return Vec::new();
                };
                let document = params.text_document;
                let touched =
                    self.documents
                        .change(&document.uri, change.text, Some(document.version));
                self.publish(touched)
            }
            DidSaveTextDocument::METHOD => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(params)
                else {
                    return Vec::new();
                };
                let touched = self.documents.saved(&params.text_document.uri);
                self.publish(touched)
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(params)
                else {
                    return Vec::new();
                };
                let uris: Vec<Uri> = params.changes.into_iter().map(|c| c.uri).collect();
                let touched = self.documents.changed_on_disk(&uris);
                self.publish(touched)
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                else {
                    return Vec::new();
                };
                let touched = self.documents.close(&params.text_document.uri);
                let mut published = vec![diagnostics_notification(
                    params.text_document.uri,
                    Vec::new(),
                    None,
                )];
                published.extend(self.publish(touched));
                published
            }
            _ => Vec::new(),
        }
    }

    /// The diagnostics of the documents just checked, in the order given.
    fn publish(&self, touched: Vec<Uri>) -> Vec<Notification> {
        let mut published = Vec::new();
        for uri in touched {
            let Some(document) = self.documents.get(&uri) else {
                continue;
            };
            let diagnostics = document
                .problems
                .iter()
                .map(|problem| {
                    super::diagnostics::to_diagnostic(
                        &uri,
                        &document.name,
                        &document.text,
                        &document.lines,
                        problem,
                    )
                })
                .collect();
            published.push(diagnostics_notification(uri, diagnostics, document.version));
        }
        published
    }
}

fn diagnostics_notification(
    uri: Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) -> Notification {
    Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    )
}

fn send(connection: &Connection, message: Message) -> Result<(), String> {
    connection
        .sender
        .send(message)
        .map_err(|error| format!("cannot write to the client: {error}"))
}

/// Why a request was refused: the JSON-RPC error code and message.
#[derive(Debug)]
pub struct Failure {
    /// The error code.
    pub code: ErrorCode,
    /// What went wrong.
    pub message: String,
}

impl Failure {
    /// A failure.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }

    /// A position that is not in the document.
    pub fn out_of_range(position: lsp_types::Position) -> Self {
        Failure::new(
            ErrorCode::InvalidParams,
            format!(
                "the position {}:{} is not in the document",
                position.line, position.character
            ),
        )
    }
}

/// The parameters of a request about one document.
pub trait Addressed {
    /// The document's URI.
    fn uri(&self) -> &Uri;
}

macro_rules! addressed {
    ($($ty:ty => |$p:ident| $uri:expr;)*) => {
        $(impl Addressed for $ty {
            fn uri(&self) -> &Uri {
                let $p = self;
                $uri
            }
        })*
    };
}

addressed! {
    lsp_types::HoverParams => |p| &p.text_document_position_params.text_document.uri;
    lsp_types::GotoDefinitionParams => |p| &p.text_document_position_params.text_document.uri;
    lsp_types::ReferenceParams => |p| &p.text_document_position.text_document.uri;
    lsp_types::DocumentSymbolParams => |p| &p.text_document.uri;
    lsp_types::DocumentFormattingParams => |p| &p.text_document.uri;
    lsp_types::CompletionParams => |p| &p.text_document_position.text_document.uri;
    lsp_types::TextDocumentPositionParams => |p| &p.text_document.uri;
    lsp_types::RenameParams => |p| &p.text_document_position.text_document.uri;
    lsp_types::CodeActionParams => |p| &p.text_document.uri;
}

/// The byte offset of a request's position in a document.
pub fn offset_of(document: &Document, position: lsp_types::Position) -> Result<usize, Failure> {
    document
        .lines
        .offset(&document.text, position)
        .ok_or_else(|| Failure::out_of_range(position))
}
