//! The documents the editor has open, each with its text and what the
//! checker made of it. An edit re-checks only the document it changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::Uri;

use super::index::Index;
use super::lines::LineIndex;
use crate::ast::PolicyFile;
use crate::diagnostic::Problem;
use crate::model::Model;
use crate::span::SourceFile;

/// One open document and its analysis.
#[derive(Debug)]
pub struct Document {
    /// The file's name as the checker reports it: its path for a `file:`
    /// URI (so that `use` finds the files beside it), else the URI.
    pub name: String,
    /// The text as the editor has it.
    pub text: String,
    /// Where its lines start.
    pub lines: LineIndex,
    /// Every problem, errors first as the checker found them, then warnings.
    pub problems: Vec<Problem>,
    /// The syntax tree, when the text parses.
    pub file: Option<PolicyFile>,
    /// The checked model, when the text checks.
    pub model: Option<Model>,
    /// The names and where they are declared and used, from the syntax
    /// tree; when the text does not parse, the last one that did (for its
    /// names, not its spans).
    pub index: Index,
    /// Whether `index` is of this text (its spans can be trusted).
    pub index_current: bool,
    /// Whether it is a policy: the editor may open other files (scenarios,
    /// facts) with the server, which keeps them without checking them.
    pub policy: bool,
}

impl Document {
    /// Checks a document's text.
    pub fn analyse(name: String, text: String, previous: Option<Document>) -> Document {
        let source = SourceFile::new(name.clone(), text.clone());
        let lines = LineIndex::new(&text);
        let parsed = crate::check::parse_source(&source);
        let (file, mut problems) = match parsed {
            Ok(file) => (Some(file), Vec::new()),
            Err(problem) => (None, vec![problem]),
        };
        let mut model = None;
        if let Some(file) = &file {
            match crate::check::check(&source, file) {
                Ok(checked) => {
                    problems = checked.warnings.items;
                    model = Some(checked.model);
                }
                Err(found) => problems = found.items,
            }
        }
        let (index, index_current) = match &file {
            Some(file) => (Index::build(file), true),
            None => (previous.map(|p| p.index).unwrap_or_default(), false),
        };
        Document {
            name,
            text,
            lines,
            problems,
            file,
            model,
            index,
            index_current,
            policy: true,
        }
    }

    /// A document that is not a policy, kept unchecked.
    pub fn other(name: String, text: String) -> Document {
        Document {
            name,
            lines: LineIndex::new(&text),
            text,
            problems: Vec::new(),
            file: None,
            model: None,
            index: Index::default(),
            index_current: false,
            policy: false,
        }
    }
}

/// The open documents, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<String, Document>,
}

impl Documents {
    /// Opens a document: a policy (its language is `provisio`, or its name
    /// ends in `.policy`) is checked; a facts or scenario file is checked
    /// against its policy; any other file is only kept.
    pub fn open(&mut self, uri: &Uri, language: &str, text: String) -> &Document {
        let key = uri.as_str().to_string();
        let policy = language == "provisio" || uri.as_str().ends_with(".policy");
        let document = if policy {
            Document::analyse(document_name(uri), text, None)
        } else {
            self.other(uri, text)
        };
        self.open.entry(key).insert_entry(document).into_mut()
    }

    /// A document that is not a policy, with the problems of its facts when
    /// it is a facts or scenario file: its policy is the open document of
    /// that path, or else the file on disk, checked anew (a change of the
    /// policy shows in the facts file's diagnostics at its next change).
    fn other(&self, uri: &Uri, text: String) -> Document {
        let name = document_name(uri);
        let mut document = Document::other(name.clone(), String::new());
        let found = uri_path(uri).and_then(|path| super::facts::policy_of(&path));
        if let Some((role, policy)) = found {
            let open = path_uri(&policy)
                .and_then(|u| self.get(&u))
                .filter(|d| d.policy);
            let loaded;
            let model = match open {
                Some(open) => open.model.as_ref().ok_or_else(|| errors(&open.problems)),
                None => {
                    loaded = crate::check::load_policy(&policy);
                    match &loaded {
                        Ok(checked) => Ok(&checked.model),
                        Err(problems) => Err(problems.error_count()),
                    }
                }
            };
            document.problems = super::facts::check_facts(&name, &text, role, &policy, model);
        }
        document.lines = LineIndex::new(&text);
        document.text = text;
        document
    }

    /// Replaces an open document's text, checking it again (a document not
    /// opened first is taken for a policy when its name says so).
    pub fn change(&mut self, uri: &Uri, text: String) -> &Document {
        let key = uri.as_str().to_string();
        let document = match self.open.remove(&key) {
            Some(previous) if previous.policy => {
                Document::analyse(previous.name.clone(), text, Some(previous))
            }
            None if uri.as_str().ends_with(".policy") => {
                Document::analyse(document_name(uri), text, None)
            }
            _ => self.other(uri, text),
        };
        self.open.entry(key).insert_entry(document).into_mut()
    }

    /// Forgets a closed document.
    pub fn close(&mut self, uri: &Uri) {
        self.open.remove(uri.as_str());
    }

    /// An open document.
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }
}

/// The number of errors among problems.
fn errors(problems: &[Problem]) -> usize {
    problems
        .iter()
        .filter(|p| p.severity == miette::Severity::Error)
        .count()
}

/// The name the checker reports a document under: its path for a `file:`
/// URI, else the URI itself.
pub fn document_name(uri: &Uri) -> String {
    uri_path(uri).map_or_else(
        || uri.as_str().to_string(),
        |path| path.display().to_string(),
    )
}

/// The path of a `file:` URI, its escapes decoded.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    let path = rest.find('/').map(|at| &rest[at..])?;
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| path.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).ok().map(PathBuf::from)
}

/// The `file:` URI of an absolute path, with the characters a URI cannot
/// hold escaped.
pub fn path_uri(path: &Path) -> Option<Uri> {
    let mut text = String::from("file://");
    for byte in path.to_str()?.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            text.push(char::from(byte));
        } else {
            text.push_str(&format!("%{byte:02X}"));
        }
    }
    text.parse().ok()
}
