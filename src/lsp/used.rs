//! The policies a document `use`s, read as the editor has them: each used
//! file (open in the editor, or else on disk) parsed and indexed with the
//! names of the files it uses in turn, so that a name written `mc12.x` in
//! the document resolves to its declaration in the used file.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::index::Index;
use super::lines::LineIndex;
use crate::ast::PolicyFile;
use crate::span::SourceFile;

/// How deep a chain of `use` is followed, as the checker follows it.
const MAX_DEPTH: usize = 32;

/// A used policy file as the server reads it.
#[derive(Debug)]
pub struct Unit {
    /// Its canonical path.
    pub path: PathBuf,
    /// Its text: the editor's when the file is open, else the file's.
    pub text: String,
    /// Where its lines start.
    pub lines: LineIndex,
    /// Its syntax tree, when it parses.
    pub file: Option<PolicyFile>,
    /// Its names, those of the files it uses among them (under their
    /// `use` names).
    pub index: Index,
}

/// What a document's `use` and `amends` items reach.
#[derive(Debug, Default)]
pub struct Reached {
    /// Every policy reached through `use`, directly or not, by canonical
    /// path.
    pub units: BTreeMap<PathBuf, Arc<Unit>>,
    /// Every file a `use` or `amends` item names, read or not: the document
    /// is checked again when one of them changes.
    pub depends: BTreeSet<PathBuf>,
}

/// The canonical form of a path (the path itself when it cannot be
/// resolved, as for a file not yet saved), to compare files.
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads the policies a file at `own` (its path, if it has one) uses.
/// `open` gives the editor's text of a file, by canonical path.
pub fn reach(
    file: &PolicyFile,
    own: Option<&Path>,
    open: &dyn Fn(&Path) -> Option<String>,
) -> (Reached, Vec<Option<Arc<Unit>>>) {
    let mut reached = Reached::default();
    let Some(own) = own else {
        return (reached, vec![None; file.uses.len()]);
    };
    let mut stack = vec![canonical(own)];
    let mut loader = Loader {
        open,
        reached: &mut reached,
        failed: HashSet::new(),
    };
    let direct = loader.uses(file, own, &mut stack);
    (reached, direct)
}

struct Loader<'a> {
    open: &'a dyn Fn(&Path) -> Option<String>,
    reached: &'a mut Reached,
    /// Files that could not be read or parsed, not read again.
    failed: HashSet<PathBuf>,
}

impl Loader<'_> {
    /// The units of a file's `use` items, in order (`None` where one cannot
    /// be read or closes a circle); its `amends` files recorded too.
    fn uses(
        &mut self,
        file: &PolicyFile,
        own: &Path,
        stack: &mut Vec<PathBuf>,
    ) -> Vec<Option<Arc<Unit>>> {
        let folder = own.parent().unwrap_or_else(|| Path::new(""));
        for amends in &file.amends {
            self.reached
                .depends
                .insert(canonical(&folder.join(&amends.path.value)));
        }
        file.uses
            .iter()
            .map(|decl| {
                let path = canonical(&folder.join(&decl.path.value));
                self.reached.depends.insert(path.clone());
                self.unit(path, stack)
            })
            .collect()
    }

    fn unit(&mut self, path: PathBuf, stack: &mut Vec<PathBuf>) -> Option<Arc<Unit>> {
        if let Some(unit) = self.reached.units.get(&path) {
            return Some(unit.clone());
        }
        if stack.contains(&path) || stack.len() > MAX_DEPTH || self.failed.contains(&path) {
            return None;
        }
        let text = (self.open)(&path).or_else(|| {
            std::fs::metadata(&path)
                .ok()
                .filter(|m| m.is_file())
                .and_then(|_| std::fs::read_to_string(&path).ok())
        });
        let Some(text) = text else {
            self.failed.insert(path);
            return None;
        };
        let source = SourceFile::new(path.display().to_string(), text.clone());
        let file = crate::check::parse_source(&source).ok();
        let index = match &file {
            Some(parsed) => {
                stack.push(path.clone());
                let direct = self.uses(parsed, &path, stack);
                stack.pop();
                Index::build_using(parsed, &direct)
            }
            None => Index::default(),
        };
        let unit = Arc::new(Unit {
            lines: LineIndex::new(&text),
            path: path.clone(),
            text,
            file,
            index,
        });
        self.reached.units.insert(path, unit.clone());
        Some(unit)
    }
}
