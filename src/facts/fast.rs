//! A fast reader of JSON facts for the rows of a batch: it reads the row's
//! bytes straight into the policy's fact slots, without a JSON tree.
//!
//! The slots are resolved once from the model: which top-level key is which
//! fact, which record key is which field, and what each expects. A row is
//! then read in one pass. The reader takes only the plain shapes: `as_of`,
//! booleans, dates written year-month-day, enumeration values, text,
//! integers, and records of these, each key at most once, strings without
//! escapes. Anything else (an unknown key, a range, a history, `none`, a
//! list, a decimal written with a point, a missing required fact, invalid
//! JSON...) makes [`FastFacts::read`] answer `None`, and the caller reads
//! the row with [`super::parse_facts_text`], which gives the same facts for
//! what the fast reader takes and every problem with its message otherwise.

use chrono::NaiveDate;

use super::{AS_OF, Facts, Given, YEARS};
use crate::model::{FactId, Model, Type};
use crate::value::{Money, Value};

/// What a slot expects.
#[derive(Debug, Clone)]
enum Kind {
    Bool,
    Date,
    Text,
    /// An integer literal, read as a number.
    Number,
    /// An integer literal, read as an amount in this currency.
    Money(crate::value::Currency),
    /// One of an enumeration's values: the enumeration and its values.
    Enum(u32, Vec<String>),
    /// A record's fields, in declaration order; for an event, the indexes
    /// of its `opening` and `closing`, whose order is checked.
    Record {
        fields: Vec<Slot>,
        order: Option<(usize, usize)>,
    },
    /// A value the fast reader leaves to the full reader.
    Other,
}

/// A fact or a record field: its key and what it expects.
#[derive(Debug, Clone)]
struct Slot {
    name: String,
    kind: Kind,
    /// Whether it may be left out or `null` (unknown).
    optional: bool,
    /// Whether it has a default: the full reader then fills it in when
    /// left out (a record field), or the value (a top-level fact).
    default: Option<Value>,
    /// What the policy fixes of a top-level fact.
    fixed: Option<Value>,
}

/// The policy's fact slots, resolved once, to read many JSON facts objects.
///
/// ```
/// use provisio::facts::{FactsFormat, FastFacts, parse_facts_text};
///
/// let source = provisio::span::SourceFile::new(
///     "tax.policy",
///     "fact income: integer\nverdict exempt = income < 1000",
/// );
/// let model = provisio::check::check_source(&source).expect("checks").model;
/// let fast = FastFacts::new(&model);
/// let row = r#"{"income": 500, "as_of": "2026-01-01"}"#;
/// let full = parse_facts_text(&model, "row", row, FactsFormat::Json).expect("reads");
/// assert_eq!(fast.read(row), Some(full));
/// // An unknown key is left to the full reader, which says what is wrong.
/// assert_eq!(fast.read(r#"{"incme": 500}"#), None);
/// ```
#[derive(Debug, Clone)]
pub struct FastFacts {
    facts: Vec<Slot>,
}

impl FastFacts {
    /// The slots of `model`'s facts.
    pub fn new(model: &Model) -> FastFacts {
        let facts = model
            .facts
            .iter()
            .map(|fact| {
                let mut slot = slot(model, &fact.field, fact.is_event, 0);
                slot.optional = fact.field.optional || fact.is_event;
                slot.fixed = fact.fixed.clone();
                slot
            })
            .collect();
        FastFacts { facts }
    }

    /// The facts of a JSON object, as [`super::parse_facts_text`] reads them
    /// when they have no problem; `None` when the text is not in the plain
    /// shapes the fast reader takes (see the module's documentation).
    pub fn read(&self, text: &str) -> Option<Facts> {
        let mut scan = Scan {
            text,
            bytes: text.as_bytes(),
            at: 0,
        };
        let mut values = vec![Value::UNKNOWN; self.facts.len()];
        let mut given = Seen::new(self.facts.len());
        let mut as_of = None;
        let mut as_of_given = false;
        scan.space();
        scan.object(|scan, key| {
            if key == AS_OF {
                if std::mem::replace(&mut as_of_given, true) {
                    return None;
                }
                as_of = Some(read_date(scan)?);
            } else {
                let index = position(&self.facts, key)?;
                let slot = self.facts.get(index)?;
                if given.insert(index)? || slot.fixed.is_some() {
                    return None;
                }
                if scan.null() {
                    if slot.default.is_some() {
                        // As if left out: the default, below.
                        given.remove(index);
                    } else if !slot.optional {
                        return None;
                    }
                } else {
                    read_value(scan, &slot.kind, values.get_mut(index)?)?;
                }
            }
            Some(())
        })?;
        scan.space();
        if scan.at != scan.bytes.len() {
            return None;
        }
        let mut defaulted = Vec::new();
        for (index, (slot, value)) in self.facts.iter().zip(&mut values).enumerate() {
            if given.contains(index) {
                continue;
            }
            if let Some(default) = &slot.default {
                *value = default.clone();
                defaulted.push((index as FactId, Box::from([])));
            } else if let Some(fixed) = &slot.fixed {
                *value = fixed.clone();
            } else if !slot.optional {
                return None;
            }
        }
        Some(Facts {
            as_of,
            values,
            defaulted,
            given: Given::default(),
            histories: Vec::new(),
        })
    }
}

/// The most fields a record read fast may have: one bit each.
const FIELDS: usize = 64;

/// Records nest a few levels at most in the fast reader; deeper ones are
/// left to the full reader.
const DEPTH: usize = 8;

/// The slot of a fact or field.
fn slot(model: &Model, field: &crate::model::Field, event: bool, depth: usize) -> Slot {
    let kind = match &field.ty {
        Type::Bool => Kind::Bool,
        Type::Date => Kind::Date,
        Type::Text => Kind::Text,
        Type::Integer | Type::Decimal => Kind::Number,
        Type::Money(currency) => Kind::Money(*currency),
        Type::Enum(id) => match model.enums.get(*id as usize) {
            Some(enumeration) => Kind::Enum(*id, enumeration.values.clone()),
            None => Kind::Other,
        },
        Type::Record(id) if depth < DEPTH => match model.records.get(*id as usize) {
            Some(record) => {
                let fields: Vec<Slot> = record
                    .fields
                    .iter()
                    .map(|f| {
                        let mut s = slot(model, f, false, depth + 1);
                        s.optional = f.optional;
                        s
                    })
                    .collect();
                let position = |name: &str| fields.iter().position(|f| f.name == name);
                let order = if event {
                    position("opening").zip(position("closing"))
                } else {
                    None
                };
                Kind::Record { fields, order }
            }
            None => Kind::Other,
        },
        _ => Kind::Other,
    };
    Slot {
        name: field.name.clone(),
        kind,
        optional: field.optional,
        default: field.default.clone(),
        fixed: None,
    }
}

/// One value of `kind`, not `null`, written into `slot`: in place, since
/// a value moved out of a result just made is copied in other pieces than
/// it was written in, which stalls the processor (see `eval::Run::binary`).
fn read_value(scan: &mut Scan<'_>, kind: &Kind, slot: &mut Value) -> Option<()> {
    *slot = match kind {
        Kind::Bool => Value::Bool(scan.boolean()?),
        Kind::Date => Value::Date(read_date(scan)?),
        Kind::Text => Value::Text(scan.string()?.into()),
        Kind::Number => Value::Number(scan.integer()?.into()),
        Kind::Money(currency) => Value::Money(Money::new(*currency, scan.integer()?.into())),
        Kind::Enum(id, values) => {
            let text = scan.string()?;
            let index = values.iter().position(|v| v == text)?;
            Value::Enum(*id, u32::try_from(index).ok()?)
        }
        Kind::Record { fields, order } => Value::Record(read_record(scan, fields, *order)?),
        Kind::Other => return None,
    };
    Some(())
}

/// A date in its plain form.
fn read_date(scan: &mut Scan<'_>) -> Option<NaiveDate> {
    let text = scan.string()?;
    // Only the plain form: a year or a month is a range, and the other
    // forms have messages of their own.
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text.as_bytes() else {
        return None;
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&[y0, y1, y2, y3])?).ok()?;
    // The years the full reader takes, and the day if it exists.
    if year < YEARS.0 || year > YEARS.1 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, number(&[m0, m1])?, number(&[d0, d1])?)
}

/// A record's fields, each given at most once; fields left out are unknown
/// when optional, and leave the record to the full reader otherwise.
fn read_record(
    scan: &mut Scan<'_>,
    fields: &[Slot],
    order: Option<(usize, usize)>,
) -> Option<std::sync::Arc<[Value]>> {
    if fields.len() > FIELDS {
        return None;
    }
    // Allocated once and read into in place: the only owner, so mutable.
    let mut record: std::sync::Arc<[Value]> =
        std::iter::repeat_n(Value::UNKNOWN, fields.len()).collect();
    let values = std::sync::Arc::get_mut(&mut record)?;
    let mut given = 0u64;
    scan.object(|scan, key| {
        let index = position(fields, key)?;
        let bit = 1u64 << index;
        if given & bit != 0 {
            return None;
        }
        given |= bit;
        let field = fields.get(index)?;
        if scan.null() {
            // `null` for a field with a default takes the default,
            // recorded by the full reader.
            if !field.optional || field.default.is_some() {
                return None;
            }
        } else {
            read_value(scan, &field.kind, values.get_mut(index)?)?;
        }
        Some(())
    })?;
    for (index, field) in fields.iter().enumerate() {
        if given & (1u64 << index) == 0 && (!field.optional || field.default.is_some()) {
            return None;
        }
    }
    if let Some((opening, closing)) = order
        && let (Some(Value::Date(opens)), Some(Value::Date(closes))) =
            (values.get(opening), values.get(closing))
        && closes < opens
    {
        return None;
    }
    Some(record)
}

/// The index of the slot named `key`: slots are few, so a scan that
/// compares lengths and first bytes before the names is the fastest way.
fn position(slots: &[Slot], key: &str) -> Option<usize> {
    let first = key.as_bytes().first();
    slots.iter().position(|slot| {
        slot.name.len() == key.len() && slot.name.as_bytes().first() == first && slot.name == key
    })
}

/// Which facts a row gave, as bits for the usual policy of at most 128
/// facts, and as flags beyond, so that a row costs no allocation for it.
enum Seen {
    Bits(u128),
    Flags(Vec<bool>),
}

impl Seen {
    /// None seen, of `count` facts.
    fn new(count: usize) -> Seen {
        if count <= 128 {
            Seen::Bits(0)
        } else {
            Seen::Flags(vec![false; count])
        }
    }

    /// Marks `index` seen; whether it was already, or `None` when out of
    /// range.
    fn insert(&mut self, index: usize) -> Option<bool> {
        match self {
            Seen::Bits(bits) => {
                let bit = 1u128.checked_shl(u32::try_from(index).ok()?)?;
                let was = *bits & bit != 0;
                *bits |= bit;
                Some(was)
            }
            Seen::Flags(flags) => flags.get_mut(index).map(|f| std::mem::replace(f, true)),
        }
    }

    /// Marks `index` not seen.
    fn remove(&mut self, index: usize) {
        match self {
            Seen::Bits(bits) => {
                if let Some(bit) = u32::try_from(index).ok().and_then(|i| 1u128.checked_shl(i)) {
                    *bits &= !bit;
                }
            }
            Seen::Flags(flags) => {
                if let Some(flag) = flags.get_mut(index) {
                    *flag = false;
                }
            }
        }
    }

    /// Whether `index` was seen.
    fn contains(&self, index: usize) -> bool {
        match self {
            Seen::Bits(bits) => u32::try_from(index)
                .ok()
                .and_then(|i| 1u128.checked_shl(i))
                .is_some_and(|bit| *bits & bit != 0),
            Seen::Flags(flags) => flags.get(index).copied().unwrap_or(false),
        }
    }
}

/// Where a JSON string's text ends: the first quote, backslash or control
/// character of `bytes`. Eight bytes are looked at a time (a row's strings
/// are dates and names, a few words long), with the usual tests for a zero
/// byte and for a byte below a bound; the first byte they flag is exact.
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let x = u64::from_le_bytes(eight);
        let zero_in = |y: u64| y.wrapping_sub(ONES) & !y & HIGHS;
        let flagged = zero_in(x ^ (ONES * u64::from(b'"')))
            | zero_in(x ^ (ONES * u64::from(b'\\')))
            | (x.wrapping_sub(ONES * 0x20) & !x & HIGHS);
        if flagged != 0 {
            return Some(at + (flagged.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
        .map(|i| at + i)
}

/// A cursor over a JSON text's bytes.
struct Scan<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Scan<'t> {
    /// Skips JSON whitespace.
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// An object's members, after the space before it: `member` is given
    /// each key, with the scan at its value, and reads the value.
    fn object(
        &mut self,
        mut member: impl FnMut(&mut Scan<'t>, &'t str) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        self.space();
        if self.eat_if(b'}') {
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.space();
            self.eat(b':')?;
            self.space();
            member(self, key)?;
            self.space();
            if self.eat_if(b'}') {
                return Some(());
            }
            self.eat(b',')?;
            self.space();
        }
    }

    /// Takes `byte`, or fails.
    fn eat(&mut self, byte: u8) -> Option<()> {
        self.eat_if(byte).then_some(())
    }

    /// Takes `byte` if it comes next.
    fn eat_if(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// Takes a word such as `null`.
    fn word(&mut self, word: &[u8]) -> bool {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end) == Some(word) {
            self.at = end;
            true
        } else {
            false
        }
    }

    /// Takes `null` if it comes next.
    fn null(&mut self) -> bool {
        self.word(b"null")
    }

    /// A boolean.
    fn boolean(&mut self) -> Option<bool> {
        if self.word(b"true") {
            Some(true)
        } else if self.word(b"false") {
            Some(false)
        } else {
            None
        }
    }

    /// A string without escapes nor control characters.
    fn string(&mut self) -> Option<&'t str> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = self.bytes.get(start..)?;
        let length = string_end(rest)?;
        if rest.get(length) != Some(&b'"') {
            return None;
        }
        self.at = start + length;
        // Both ends are at ASCII quotes, so on character boundaries.
        let text = self.text.get(start..self.at)?;
        self.at += 1;
        Some(text)
    }

    /// An integer of at most 18 digits, without sign `+`, leading zero,
    /// point or exponent.
    fn integer(&mut self) -> Option<i64> {
        let start = self.at;
        let negative = self.eat_if(b'-');
        let digits = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        let count = self.at - digits;
        let first = *self.bytes.get(digits)?;
        if count == 0 || count > 18 || (first == b'0' && (count > 1 || negative)) {
            return None;
        }
        if let Some(b'.' | b'e' | b'E') = self.bytes.get(self.at) {
            return None;
        }
        self.text.get(start..self.at)?.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::string_end;

    /// The end as a byte at a time finds it.
    fn naive(bytes: &[u8]) -> Option<usize> {
        bytes
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
    }

    #[test]
    fn a_string_ends_where_a_byte_at_a_time_says() {
        // Every byte value at every place of texts up to 19 bytes long,
        // after plain letters and after UTF-8 bytes, with and without a
        // quote further on.
        for length in 0..20 {
            for place in 0..length {
                for byte in 0..=255u8 {
                    for filler in [b'a', 0xc3, 0x9f, 0x7f, b'~'] {
                        let mut text = vec![filler; length];
                        text[place] = byte;
                        assert_eq!(string_end(&text), naive(&text), "{text:?}");
                        text.push(b'"');
                        assert_eq!(string_end(&text), naive(&text), "{text:?}");
                    }
                }
            }
        }
    }
}
