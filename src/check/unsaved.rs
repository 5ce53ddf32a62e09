//! Texts an editor holds unsaved, read in place of the files on disk when
//! a `use` or an `amends` item names them: the language server checks a
//! policy against the used file as the drafter is editing it. The checker
//! reads used files deep in its passes, so the texts are set for the
//! duration of one check on this thread rather than passed through each.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

thread_local! {
    static UNSAVED: RefCell<HashMap<PathBuf, String>> = RefCell::new(HashMap::new());
}

/// Runs `check` with `texts` (by canonical path) read in place of those
/// files; the texts set before are restored afterwards, even on a panic.
pub fn with_unsaved<R>(texts: HashMap<PathBuf, String>, check: impl FnOnce() -> R) -> R {
    struct Restore(Option<HashMap<PathBuf, String>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(previous) = self.0.take() {
                UNSAVED.with(|cell| *cell.borrow_mut() = previous);
            }
        }
    }
    let previous = UNSAVED.with(|cell| std::mem::replace(&mut *cell.borrow_mut(), texts));
    let _restore = Restore(Some(previous));
    check()
}

/// The unsaved text of the file at `path`, if an editor holds one.
pub(super) fn unsaved(path: &Path) -> Option<String> {
    UNSAVED.with(|cell| {
        let texts = cell.borrow();
        if texts.is_empty() {
            return None;
        }
        texts.get(&super::uses::canonical(path)).cloned()
    })
}
