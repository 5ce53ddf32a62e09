//! Lowering a sentence with its translations: the English text, then
//! `in fr "..."` after a description or `says fr "..."` after a verdict's
//! sentence, each kept on the English [`Text`].

use pest::iterators::Pair;

use super::Rule;
use super::lower::{ident, text};
use crate::ast::{Text, Translation};

/// The sentence a clause holds with its translations: `binds "Members" in
/// fr "Membres"`, `says "..." says fr "..."`.
pub(super) fn sentence(pair: Pair<'_, Rule>) -> Option<Text> {
    let mut sentence: Option<Text> = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::string if sentence.is_none() => sentence = Some(text(part)),
            Rule::translation | Rule::says_translation => add_translation(sentence.as_mut(), part),
            _ => {}
        }
    }
    sentence
}

/// `in fr "..."` or `says fr "..."`, added to the sentence it follows; the
/// grammar puts it right after one, so `target` is always there.
pub(super) fn add_translation(target: Option<&mut Text>, pair: Pair<'_, Rule>) {
    let mut lang = None;
    let mut quoted = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => lang = Some(ident(part)),
            Rule::string => quoted = Some(text(part)),
            _ => {}
        }
    }
    if let (Some(target), Some(lang), Some(quoted)) = (target, lang, quoted) {
        target.translations.push(Translation {
            lang,
            value: quoted.value,
            span: quoted.span,
        });
    }
}
