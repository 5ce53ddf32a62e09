//! The words explanations use for calls of definitions, lists, the element
//! an aggregate picks, computed scales and exceptions' names: one more part
//! of each language's [`Words`](super::Words) table.
//!
//! Holes as in the rest of the table: `{x}` and `{r}` what the phrase names,
//! `{v}` a value, `{l}` an expression as the policy writes it.

/// The words of calls, lists, picks, scales and exceptions' names.
#[derive(Debug, Clone, Copy)]
pub struct Particulars {
    /// "{x}, for {r}": what a call stands for `x`, and its arguments `r`.
    pub for_arguments: &'static str,
    /// An argument not known: "a value not known", and with what is known
    /// of it, "a value not known ({x})".
    pub value_not_known: (&'static str, &'static str),
    /// "the entry of {x} for {r}": the entry of a table `x` for an index `r`.
    pub entry: &'static str,
    /// ", past its last entry, which continues": an index beyond the table.
    pub past_last_entry: &'static str,
    /// The extreme of one list `x`, `v` its value: the earliest and latest
    /// of dates, the least and greatest of other values.
    pub list_extremes: [&'static str; 4],
    /// "each of `{x}`": a further list an aggregate goes through.
    pub each_of: &'static str,
    /// "{x}, each with {r}": the first list, with the further ones `r`.
    pub each_with: &'static str,
    /// "of {x}{v}, the one with the least `{l}` is {r}", and with the
    /// greatest: `x` the elements, `v` the condition they satisfy, `l` the
    /// key as written, `r` the element picked.
    pub pick: (&'static str, &'static str),
    /// "one of {x}": the elements a pick may be, joined with "or".
    pub one_of: &'static str,
    /// A scale in words, `x` its brackets: "marginal rates: {x}",
    /// "bracket table: {x}".
    pub scale_kinds: (&'static str, &'static str),
    /// "{x} over {r}": a marginal rate `x` over a threshold `r`.
    pub marginal_bracket: &'static str,
    /// "{v} plus {x} over {r}": a table's base amount `v`, rate `x` and threshold `r`.
    pub table_bracket: &'static str,
    /// The parts of a computed scale's bracket `x` and what each was
    /// computed as, `r`: its threshold, its base amount, its rate.
    pub bracket_parts: [&'static str; 3],
    /// "the exception {x} to {r}": an exception by its name `x` and what it
    /// overrides `r`.
    pub exception_named: &'static str,
    /// "an exception to {r}": an exception without a name.
    pub exception_unnamed: &'static str,
    /// "the exception {x}": the exception another overrides.
    pub the_exception: &'static str,
    /// "another exception": an exception without a name that another overrides.
    pub another_exception: &'static str,
    /// "{x}: exception to {r}": how an exception without a name is
    /// referred to, `x` its provision.
    pub exception_label: &'static str,
    /// "the {x} day of {r}": a day of an event `r` other than its opening
    /// and closing, `x` the field's name.
    pub event_day: &'static str,
    /// How a value is rounded, as the drafter's `half up`, `half even`,
    /// `half down`, `down`, `up` and `toward zero` say it.
    pub rounding_modes: [&'static str; 6],
}

impl Particulars {
    /// How a value is rounded, in words.
    pub fn rounding(&self, mode: crate::ast::RoundingMode) -> &'static str {
        use crate::ast::RoundingMode as M;
        let index = match mode {
            M::HalfUp => 0,
            M::HalfEven => 1,
            M::HalfDown => 2,
            M::Down => 3,
            M::Up => 4,
            M::TowardZero => 5,
        };
        self.rounding_modes[index]
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lang;
    use crate::ast::RoundingMode;

    #[test]
    fn english_says_the_rounding_as_the_drafter_writes_it() {
        let modes = [
            RoundingMode::HalfUp,
            RoundingMode::HalfEven,
            RoundingMode::HalfDown,
            RoundingMode::Down,
            RoundingMode::Up,
            RoundingMode::TowardZero,
        ];
        for mode in modes {
            assert_eq!(Lang::En.words().particulars.rounding(mode), mode.as_str());
        }
        let fr = &Lang::Fr.words().particulars;
        assert_eq!(fr.rounding(RoundingMode::Up), "vers le haut");
        let es = &Lang::Es.words().particulars;
        assert_eq!(es.rounding(RoundingMode::TowardZero), "hacia cero");
    }

    #[test]
    fn the_templates_contract_the_articles_they_meet() {
        let (fr, es) = (Lang::Fr.words(), Lang::Es.words());
        let entry = |words: &crate::locale::Words, x: &str, r: &str| {
            words.fill(words.particulars.entry, &[('x', x), ('r', r)])
        };
        assert_eq!(
            entry(fr, "le barème", "le nombre d'enfants (4)"),
            "l'entrée du barème correspondant au nombre d'enfants (4)"
        );
        assert_eq!(
            entry(es, "el baremo", "el número de niños (4)"),
            "la entrada del baremo correspondiente al número de niños (4)"
        );
        let unnamed = |words: &crate::locale::Words, r: &str| {
            words.fill(words.particulars.exception_unnamed, &[('r', r)])
        };
        assert_eq!(unnamed(fr, "le plafond"), "une exception au plafond");
        assert_eq!(unnamed(es, "el límite"), "una excepción al límite");
        assert_eq!(
            fr.fill(
                fr.particulars.exception_label,
                &[('x', "art2"), ('r', "les frais")]
            ),
            "art2\u{a0}: exception aux frais"
        );
    }
}
