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
}
