//! The words of residual conditions, the part of a verdict's explanation
//! that says which facts would decide it ("... is in force on 1 December
//! 2025 if the 14th Session of the Ministerial Conference opens after 1
//! December 2025"), one table per language. English is the wording the
//! residual's printer always had.

use super::Lang;

/// The words of residual conditions in one language. Each is a template
/// whose holes [`super::words::Words::fill`] fills: `{l}` and `{r}` for two
/// operands, `{x}` for one.
#[derive(Debug)]
pub struct ResidualWords {
    /// Comparisons, in the order is, is not, <, <=, >, >=, before, on or
    /// before, after, on or after: "{l} is before {r}".
    pub compare: [&'static str; 10],
    /// An event's day compared with a date, said of the event: for its
    /// opening, then its closing, in the order before, on or before,
    /// after, on or after, on, on another day: "{x} opens after {r}".
    pub event: [[&'static str; 6]; 2],
    /// Arithmetic, in the order +, -, *, of, /: "{l} plus {r}".
    pub arithmetic: [&'static str; 5],
    /// One of several conditions: "either {x}".
    pub either: &'static str,
    /// A condition that does not hold: "it is not so that {x}".
    pub not_so: &'static str,
    /// A negated amount: "minus {x}".
    pub negate: &'static str,
    /// The earlier and the later of several dates: "the earlier of {x}".
    pub earlier: &'static str,
    /// "the later of {x}".
    pub later: &'static str,
    /// A choice whose first branch is itself a choice: "if {x}: {l};
    /// otherwise {r}".
    pub if_nested: &'static str,
    /// A choice: "{l} if {x}, otherwise {r}".
    pub if_flat: &'static str,
    /// A value among several: "{l} is {r}"; and not among them.
    pub one_of: (&'static str, &'static str),
    /// A value that is none, and one that is not: "{x} is none".
    pub is_none: (&'static str, &'static str),
    /// A value with its fallback: "{l} (or, if there is none, {r})".
    pub or_else: &'static str,
    /// The word a yes-or-no fact's description begins with when it is a
    /// question ("whether it was reviewed"), dropped where the condition
    /// is stated as a claim.
    pub whether: &'static str,
    /// The article a date takes after a comparison: "" in English, "le "
    /// in French, "el " in Spanish.
    pub date_article: &'static str,
    /// What cannot be said otherwise: "facts not given".
    pub opaque: &'static str,
}

/// English.
pub static EN: ResidualWords = ResidualWords {
    compare: [
        "{l} is {r}",
        "{l} is not {r}",
        "{l} is less than {r}",
        "{l} is at most {r}",
        "{l} is more than {r}",
        "{l} is at least {r}",
        "{l} is before {r}",
        "{l} is on or before {r}",
        "{l} is after {r}",
        "{l} is on or after {r}",
    ],
    event: [
        [
            "{x} opens before {r}",
            "{x} opens on or before {r}",
            "{x} opens after {r}",
            "{x} opens on or after {r}",
            "{x} opens on {r}",
            "{x} opens on a day other than {r}",
        ],
        [
            "{x} closes before {r}",
            "{x} closes on or before {r}",
            "{x} closes after {r}",
            "{x} closes on or after {r}",
            "{x} closes on {r}",
            "{x} closes on a day other than {r}",
        ],
    ],
    arithmetic: [
        "{l} plus {r}",
        "{l} minus {r}",
        "{l} times {r}",
        "{l} of {r}",
        "{l} divided by {r}",
    ],
    either: "either {x}",
    not_so: "it is not so that {x}",
    negate: "minus {x}",
    earlier: "the earlier of {x}",
    later: "the later of {x}",
    if_nested: "if {x}: {l}; otherwise {r}",
    if_flat: "{l} if {x}, otherwise {r}",
    one_of: ("{l} is {r}", "{l} is not {r}"),
    is_none: ("{x} is none", "{x} is not none"),
    or_else: "{l} (or, if there is none, {r})",
    whether: "whether ",
    date_article: "",
    opaque: "facts not given",
};

/// French: a date takes its article ("vient avant le 1er décembre 2025"),
/// which "au plus tard" and "au plus tôt" keep.
pub static FR: ResidualWords = ResidualWords {
    compare: [
        "{l} est {r}",
        "{l} n'est pas {r}",
        "{l} est inférieur à {r}",
        "{l} ne dépasse pas {r}",
        "{l} dépasse {r}",
        "{l} atteint au moins {r}",
        "{l} vient avant {r}",
        "{l} ne vient pas après {r}",
        "{l} vient après {r}",
        "{l} ne vient pas avant {r}",
    ],
    event: [
        [
            "{x} s'ouvre avant {r}",
            "{x} s'ouvre au plus tard {r}",
            "{x} s'ouvre après {r}",
            "{x} s'ouvre au plus tôt {r}",
            "{x} s'ouvre {r}",
            "{x} s'ouvre un autre jour que {r}",
        ],
        [
            "{x} se clôt avant {r}",
            "{x} se clôt au plus tard {r}",
            "{x} se clôt après {r}",
            "{x} se clôt au plus tôt {r}",
            "{x} se clôt {r}",
            "{x} se clôt un autre jour que {r}",
        ],
    ],
    arithmetic: [
        "{l} plus {r}",
        "{l} moins {r}",
        "{l} multiplié par {r}",
        "{l} de {r}",
        "{l} divisé par {r}",
    ],
    either: "{x}",
    not_so: "il n'est pas vrai que {x}",
    negate: "moins {x}",
    earlier: "la première des dates suivantes\u{a0}: {x}",
    later: "la dernière des dates suivantes\u{a0}: {x}",
    if_nested: "si {x}\u{a0}: {l}\u{a0}; sinon {r}",
    if_flat: "{l} si {x}, sinon {r}",
    one_of: ("{l} est {r}", "{l} n'est pas {r}"),
    is_none: ("{x} n'existe pas", "{x} existe"),
    or_else: "{l} (ou, à défaut, {r})",
    whether: "si ",
    date_article: "le ",
    opaque: "des faits non donnés",
};

/// Spanish: a date takes its article, contracted after "de" and "a"
/// ("antes del 1 de diciembre de 2025", "anterior al ...").
pub static ES: ResidualWords = ResidualWords {
    compare: [
        "{l} es {r}",
        "{l} no es {r}",
        "{l} es inferior a {r}",
        "{l} no supera {r}",
        "{l} supera {r}",
        "{l} alcanza al menos {r}",
        "{l} es anterior a {r}",
        "{l} no es posterior a {r}",
        "{l} es posterior a {r}",
        "{l} no es anterior a {r}",
    ],
    event: [
        [
            "{x} se abre antes de {r}",
            "{x} se abre a más tardar {r}",
            "{x} se abre después de {r}",
            "{x} se abre no antes de {r}",
            "{x} se abre {r}",
            "{x} se abre un día distinto de {r}",
        ],
        [
            "{x} se clausura antes de {r}",
            "{x} se clausura a más tardar {r}",
            "{x} se clausura después de {r}",
            "{x} se clausura no antes de {r}",
            "{x} se clausura {r}",
            "{x} se clausura un día distinto de {r}",
        ],
    ],
    arithmetic: [
        "{l} más {r}",
        "{l} menos {r}",
        "{l} multiplicado por {r}",
        "{l} de {r}",
        "{l} dividido entre {r}",
    ],
    either: "{x}",
    not_so: "no es cierto que {x}",
    negate: "menos {x}",
    earlier: "la más temprana de estas fechas: {x}",
    later: "la más tardía de estas fechas: {x}",
    if_nested: "si {x}: {l}; en otro caso, {r}",
    if_flat: "{l} si {x}; en otro caso, {r}",
    one_of: ("{l} es {r}", "{l} no es {r}"),
    is_none: ("{x} no existe", "{x} existe"),
    or_else: "{l} (o, en su defecto, {r})",
    whether: "si ",
    date_article: "el ",
    opaque: "hechos no indicados",
};

impl Lang {
    /// The words of residual conditions in this language.
    pub fn residual_words(self) -> &'static ResidualWords {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
            Lang::Es => &ES,
        }
    }
}
