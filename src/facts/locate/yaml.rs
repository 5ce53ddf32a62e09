//! Finding keys and values in YAML text.
//!
//! YAML has too many ways to write the same tree (block and flow styles,
//! quoting, anchors, comments) for a text search to be reliable, so the
//! locator asks the YAML parser itself: it deserializes the text again with
//! a probe that walks the path and fails on purpose when it reaches the key
//! or value sought. The parser stamps that failure with the position of the
//! node it was reading, which is where the node starts.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::Want;
use crate::facts::path::Seg;

/// The message of the probe's deliberate failure on a scalar or a key.
const HIT: &str = "\u{1}provisio-locate-hit";
/// The message of the probe's deliberate failure on a mapping or a sequence.
const HIT_COLLECTION: &str = "\u{1}provisio-locate-hit-collection";

/// Where the key or value at `path` starts, and whether it is a mapping or
/// a sequence, if the parser finds it.
pub(super) fn find(text: &str, path: &[Seg], want: Want) -> Option<(usize, bool)> {
    let deserializer = serde_norway::Deserializer::from_str(text);
    let error = Probe { path, want }.deserialize(deserializer).err()?;
    let message = error.to_string();
    if !message.contains(HIT) {
        return None;
    }
    let location = error.location()?;
    let index = location.index();
    let start = if text.is_char_boundary(index) {
        index
    } else {
        super::offset_of_line_column(text, location.line(), location.column())?
    };
    Some((start, message.contains(HIT_COLLECTION)))
}

struct Probe<'p> {
    path: &'p [Seg],
    want: Want,
}

impl<'de> DeserializeSeed<'de> for Probe<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.path.split_first() {
            None => deserializer.deserialize_any(Hit),
            Some((seg, rest)) => deserializer.deserialize_any(Descend {
                seg,
                rest,
                want: self.want,
            }),
        }
    }
}

/// Fails on whatever it is given, so that the parser says where it was.
struct Hit;

impl<'de> Visitor<'de> for Hit {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("anything")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(HIT))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(HIT))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(HIT))
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Err(E::custom(HIT))
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Err(E::custom(HIT))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(HIT))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(HIT))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HIT))
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HIT))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HIT_COLLECTION))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HIT_COLLECTION))
    }
}

/// Walks one step of the path into a mapping or a sequence.
struct Descend<'p> {
    seg: &'p Seg,
    rest: &'p [Seg],
    want: Want,
}

impl<'de> Visitor<'de> for Descend<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping or a sequence")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Seg::Key { name, nth } = self.seg else {
            return Ok(());
        };
        let mut seen = 0;
        loop {
            let is_target = seen == *nth;
            let key = KeyProbe {
                name,
                hit: is_target && self.rest.is_empty() && self.want == Want::Key,
            };
            match map.next_key_seed(key)? {
                None => return Ok(()),
                Some(true) if is_target => {
                    return map.next_value_seed(Probe {
                        path: self.rest,
                        want: self.want,
                    });
                }
                Some(matched) => {
                    seen += usize::from(matched);
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Seg::Index(index) = self.seg else {
            return Ok(());
        };
        for _ in 0..*index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Probe {
            path: self.rest,
            want: self.want,
        })?;
        Ok(())
    }
}

/// Reads a key: whether it is `name`; fails on it if it is the one sought.
struct KeyProbe<'p> {
    name: &'p str,
    hit: bool,
}

impl<'de> DeserializeSeed<'de> for KeyProbe<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl KeyProbe<'_> {
    fn check<E: de::Error>(&self, key: &str) -> Result<bool, E> {
        match key == self.name {
            true if self.hit => Err(E::custom(HIT)),
            matched => Ok(matched),
        }
    }
}

impl<'de> Visitor<'de> for KeyProbe<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        self.check(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        self.check(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        self.check(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
        self.check(&v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        self.check(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        self.check("null")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::path::Path;

    const TEXT: &str = "\
as_of: '2026-03-27'
# mc14: not this one
mc14:
  opening: 2026-03-26
  closing: \"2026-03-30\"
members:
  - age: 3
  - {age: 4, name: x}
";

    fn start(path: &Path, want: Want) -> Option<(usize, bool)> {
        find(TEXT, path.segs(), want)
    }

    fn at(needle: &str) -> usize {
        TEXT.find(needle).unwrap_or(usize::MAX)
    }

    #[test]
    fn finds_keys_and_values() {
        let root = Path::root();
        assert_eq!(
            start(&root.key("as_of"), Want::Value),
            Some((at("'2026"), false))
        );
        assert_eq!(
            start(&root.key("mc14"), Want::Key),
            Some((at("mc14:\n"), false))
        );
        assert_eq!(
            start(&root.key("mc14"), Want::Value),
            Some((at("opening"), true))
        );
        let closing = root.key("mc14").key("closing");
        assert_eq!(
            start(&closing, Want::Value),
            Some((at("\"2026-03-30"), false))
        );
        let second = root.key("members").index(1);
        assert_eq!(start(&second, Want::Value), Some((at("{age"), true)));
        assert_eq!(
            start(&second.key("age"), Want::Key),
            Some((at("age: 4"), false))
        );
    }

    #[test]
    fn misses_what_is_not_there() {
        let root = Path::root();
        assert_eq!(start(&root.key("nope"), Want::Key), None);
        assert_eq!(start(&root.key("members").index(7), Want::Value), None);
        assert_eq!(start(&root.key_nth("mc14", 1), Want::Key), None);
        assert_eq!(
            find("a: 1\n", root.key("a").key("b").segs(), Want::Value),
            None
        );
    }
}
