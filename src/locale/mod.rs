//! The languages sentences are written in: English, the language of the
//! policy language itself, and the WTO's two other official languages.
//!
//! A policy's sentences (a verdict's `says`, a rule's description) may carry
//! a French and a Spanish version beside the English one; `--lang` chooses
//! which one a command writes, and the words the engine adds (dates,
//! amounts, the connecting words of explanations) follow the same choice.

mod en;
mod es;
pub mod fallback;
mod format;
mod fr;
pub mod residual;
pub mod words;
pub mod words_calendar;
pub mod words_explain;
pub mod words_tables;

use std::fmt;

pub use fallback::Fallbacks;
pub use words::Words;

/// A language a sentence can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    /// English: every sentence has it; the other languages fall back to it.
    #[default]
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

    /// The languages a policy may add to English, in the order `fmt` writes them.
    pub const TRANSLATIONS: [Lang; 2] = [Lang::Fr, Lang::Es];

    /// The code written in policies and given to `--lang`: `en`, `fr`, `es`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }

    /// The language's name in English, for diagnostics.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
            Lang::Es => "Spanish",
        }
    }

    /// The words the engine writes itself in this language: one table,
    /// chosen once, that every renderer reads.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &en::EN,
            Lang::Fr => &fr::FR,
            Lang::Es => &es::ES,
        }
    }

    /// The language a code names, if it is one of the three.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code("FR"), None);
    }
}
