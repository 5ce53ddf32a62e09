//! The documents the editor has open, each with its text and what the
//! checker made of it. An edit re-checks the document it changes, the open
//! policies that `use` it, and the open facts and scenario files of the
//! policy it is; nothing else.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::Uri;

use super::index::Index;
use super::lines::LineIndex;
use super::used::{Unit, canonical};
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
    /// The version the editor last gave, published with its diagnostics.
    pub version: Option<i32>,
    /// The canonical path of a `file:` document.
    pub path: Option<PathBuf>,
    /// The policies it uses, directly or not, as read for its names.
    pub units: BTreeMap<PathBuf, Arc<Unit>>,
    /// The files its `use` and `amends` items name: when one changes, it is
    /// checked again.
    pub depends: BTreeSet<PathBuf>,
    /// For a facts or scenario file, its role and its policy's canonical
    /// path.
    pub checked_against: Option<(super::facts::Role, PathBuf)>,
}

impl Document {
    /// Checks a document's text, the files it uses read from disk.
    pub fn analyse(name: String, text: String, previous: Option<Document>) -> Document {
        Document::analyse_with(name, text, previous, &HashMap::new())
    }

    /// Checks a document's text, reading the files it uses from `unsaved`
    /// (the editor's texts, by canonical path) where they are there.
    pub fn analyse_with(
        name: String,
        text: String,
        previous: Option<Document>,
        unsaved: &HashMap<PathBuf, String>,
    ) -> Document {
        let source = SourceFile::new(name.clone(), text.clone());
        let lines = LineIndex::new(&text);
        let parsed = crate::check::parse_source(&source);
        let (file, mut problems) = match parsed {
            Ok(file) => (Some(file), Vec::new()),
            Err(problem) => (None, vec![problem]),
        };
        let path = Some(Path::new(&name))
            .filter(|p| p.is_absolute())
            .map(canonical);
        let mut model = None;
        let mut reached = super::used::Reached::default();
        let mut index = None;
        if let Some(file) = &file {
            let checked = if file.uses.is_empty() && file.amends.is_empty() {
                crate::check::check(&source, file)
            } else {
                crate::check::with_unsaved(unsaved.clone(), || crate::check::check(&source, file))
            };
            match checked {
                Ok(checked) => {
                    problems = checked.warnings.items;
                    model = Some(checked.model);
                }
                Err(found) => problems = found.items,
            }
            let open = |p: &Path| unsaved.get(p).cloned();
            let (found, direct) = super::used::reach(file, path.as_deref(), &open);
            reached = found;
            index = Some(Index::build_using(file, &direct));
        }
        let index_current = index.is_some();
        let index = index.unwrap_or_else(|| previous.map(|p| p.index).unwrap_or_default());
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
            version: None,
            path,
            units: reached.units,
            depends: reached.depends,
            checked_against: None,
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
            version: None,
            path: None,
            units: BTreeMap::new(),
            depends: BTreeSet::new(),
            checked_against: None,
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
    /// against its policy; any other file is only kept. Gives the documents
    /// whose diagnostics changed: this one, and those checked again with it.
    pub fn open(
        &mut self,
        uri: &Uri,
        language: &str,
        text: String,
        version: Option<i32>,
    ) -> Vec<Uri> {
        let policy = language == "provisio" || uri.as_str().ends_with(".policy");
        self.put(uri, text, policy, version)
    }

    /// Replaces an open document's text, checking it again (a document not
    /// opened first is taken for a policy when its name says so), and the
    /// documents that depend on it.
    pub fn change(&mut self, uri: &Uri, text: String, version: Option<i32>) -> Vec<Uri> {
        let policy = match self.open.get(uri.as_str()) {
            Some(previous) => previous.policy,
            None => uri.as_str().ends_with(".policy"),
        };
        self.put(uri, text, policy, version)
    }

    /// A document saved: the open policies that use it, and its open facts
    /// and scenario files, are checked again.
    pub fn saved(&mut self, uri: &Uri) -> Vec<Uri> {
        match self
            .get(uri)
            .filter(|d| d.policy)
            .and_then(|d| d.path.clone())
        {
            Some(path) => self.dependants(&path, uri.as_str()),
            None => Vec::new(),
        }
    }

    /// Forgets a closed document; the documents that depended on its text
    /// are checked again, against the file on disk.
    pub fn close(&mut self, uri: &Uri) -> Vec<Uri> {
        let closed = self.open.remove(uri.as_str());
        match closed.filter(|d| d.policy).and_then(|d| d.path) {
            Some(path) => self.dependants(&path, uri.as_str()),
            None => Vec::new(),
        }
    }

    /// Policy files changed, created or deleted on disk (the client's
    /// watched-file events): the open documents that depend on one are
    /// checked again against the file as it now is. A file that is open
    /// is skipped: its unsaved text stands for it until it is closed.
    pub fn changed_on_disk(&mut self, uris: &[Uri]) -> Vec<Uri> {
        let mut touched: Vec<Uri> = Vec::new();
        for uri in uris {
            if self.open.contains_key(uri.as_str()) || !uri.as_str().ends_with(".policy") {
                continue;
            }
            let Some(path) = uri_path(uri) else {
                continue;
            };
            // A deleted file has no canonical path; its own then stands.
            let path = std::fs::canonicalize(&path).unwrap_or(path);
            for found in self.dependants(&path, uri.as_str()) {
                if !touched.contains(&found) {
                    touched.push(found);
                }
            }
        }
        touched
    }

    /// An open document.
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }

    /// Every open document with its URI, in URI order.
    pub fn all(&self) -> Vec<(&str, &Document)> {
        let mut all: Vec<(&str, &Document)> =
            self.open.iter().map(|(k, d)| (k.as_str(), d)).collect();
        all.sort_by_key(|(k, _)| *k);
        all
    }

    /// The open policy at a canonical path.
    fn policy_at(&self, path: &Path) -> Option<&Document> {
        self.open
            .values()
            .find(|d| d.policy && d.path.as_deref() == Some(path))
    }

    fn put(&mut self, uri: &Uri, text: String, policy: bool, version: Option<i32>) -> Vec<Uri> {
        let key = uri.as_str().to_string();
        let previous = self.open.remove(&key);
        let mut document = if policy {
            let name = previous
                .as_ref()
                .map_or_else(|| document_name(uri), |p| p.name.clone());
            Document::analyse_with(name, text, previous, &self.unsaved(&key))
        } else {
            self.other(uri, text)
        };
        document.version = version;
        let path = document.path.clone().filter(|_| policy);
        self.open.insert(key.clone(), document);
        let mut touched = vec![uri.clone()];
        if let Some(path) = path {
            touched.extend(self.dependants(&path, &key));
        }
        touched
    }

    /// The texts of the open policies but `except`, by canonical path: what
    /// a `use` of one of them reads.
    fn unsaved(&self, except: &str) -> HashMap<PathBuf, String> {
        self.open
            .iter()
            .filter(|(key, d)| d.policy && key.as_str() != except)
            .filter_map(|(_, d)| Some((d.path.clone()?, d.text.clone())))
            .collect()
    }

    /// Checks again the open documents that depend on the policy at `path`
    /// (the document `except`): the policies that use it, directly or not,
    /// then the facts and scenario files of it and of them. Gives their URIs.
    fn dependants(&mut self, path: &Path, except: &str) -> Vec<Uri> {
        let mut users: Vec<String> = self
            .open
            .iter()
            .filter(|(key, d)| d.policy && key.as_str() != except && d.depends.contains(path))
            .map(|(key, _)| key.clone())
            .collect();
        users.sort();
        let mut changed: BTreeSet<PathBuf> = BTreeSet::from([path.to_path_buf()]);
        for key in &users {
            let unsaved = self.unsaved(key);
            if let Some(previous) = self.open.remove(key) {
                let (name, version, text) = (
                    previous.name.clone(),
                    previous.version,
                    previous.text.clone(),
                );
                let mut document = Document::analyse_with(name, text, Some(previous), &unsaved);
                document.version = version;
                changed.extend(document.path.clone());
                self.open.insert(key.clone(), document);
            }
        }
        let mut facts: Vec<String> = self
            .open
            .iter()
            .filter(|(_, d)| {
                d.checked_against
                    .as_ref()
                    .is_some_and(|(_, policy)| changed.contains(policy))
            })
            .map(|(key, _)| key.clone())
            .collect();
        facts.sort();
        for key in &facts {
            let Ok(uri) = key.parse::<Uri>() else {
                continue;
            };
            if let Some(previous) = self.open.remove(key) {
                let mut document = self.other(&uri, previous.text);
                document.version = previous.version;
                self.open.insert(key.clone(), document);
            }
        }
        users
            .iter()
            .chain(&facts)
            .filter_map(|key| key.parse().ok())
            .collect()
    }

    /// A document that is not a policy, with the problems of its facts when
    /// it is a facts or scenario file: its policy is the open document of
    /// that path, or else the file on disk, checked anew.
    fn other(&self, uri: &Uri, text: String) -> Document {
        let name = document_name(uri);
        let mut document = Document::other(name.clone(), String::new());
        let found = uri_path(uri).and_then(|path| super::facts::policy_of(&path));
        if let Some((role, policy)) = found {
            let open = self.policy_at(&canonical(&policy));
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
            document.checked_against = Some((role, canonical(&policy)));
        }
        document.lines = LineIndex::new(&text);
        document.text = text;
        document
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
