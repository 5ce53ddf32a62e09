//! Paths into a facts file, such as `members[2].age`.

use std::fmt;

/// One step of a path: an entry of an object, or an element of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// The entry with this key; `nth` counts earlier entries of the same
    /// object with the same key (0 unless a key is repeated).
    Key { name: String, nth: usize },
    /// The element at this index, from 0.
    Index(usize),
}

/// Where a value stands in a facts file, from the top-level object down.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Path(pub(crate) Vec<Seg>);

impl Path {
    /// The top level of the file.
    pub(crate) fn root() -> Path {
        Path(Vec::new())
    }

    /// This path followed by the first entry named `name`.
    pub(crate) fn key(&self, name: &str) -> Path {
        self.key_nth(name, 0)
    }

    /// This path followed by the `nth` entry named `name`.
    pub(crate) fn key_nth(&self, name: &str, nth: usize) -> Path {
        let mut segs = self.0.clone();
        segs.push(Seg::Key {
            name: name.to_string(),
            nth,
        });
        Path(segs)
    }

    /// This path followed by the element at `index`.
    pub(crate) fn index(&self, index: usize) -> Path {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        Path(segs)
    }

    /// The steps.
    pub(crate) fn segs(&self) -> &[Seg] {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key { name, .. } if i == 0 => write!(f, "{}", crate::echo::shorten(name))?,
                Seg::Key { name, .. } => write!(f, ".{}", crate::echo::shorten(name))?,
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_dotted_with_indices() {
        let path = Path::root().key("members").index(2).key("age");
        assert_eq!(path.to_string(), "members[2].age");
        assert_eq!(Path::root().to_string(), "");
    }
}
