//! The words of the tables: `eval --all-readings`, `eval --compare`, and
//! the report's every-reading table and notes beside the instrument's text.
//!
//! Templates are filled by [`Words::fill`](super::Words::fill): `{x}`,
//! `{l}`, `{r}`, `{v}` as each field says. The report's templates are
//! HTML: what fills them is escaped first, and their own words hold no
//! character HTML would read as markup.

/// The words of the tables, in one language.
#[derive(Debug, Clone, Copy)]
pub struct Tables {
    /// "As of {x} ({r}), under every reading": `x` the date, `r` its source.
    pub as_of_every_reading: &'static str,
    /// "Readings fixed: {x}".
    pub readings_fixed: &'static str,
    /// The heading "The readings disagree".
    pub disagree: &'static str,
    /// The heading "The readings agree".
    pub agree: &'static str,
    /// The head of the value's column: "value" in text and Markdown,
    /// "Value" in the report.
    pub value_head: (&'static str, &'static str),
    /// "no reading varied".
    pub no_reading_varied: &'static str,
    /// "under every reading of {x}".
    pub under_every_reading_of: &'static str,
    /// "the readings disagree for {x}".
    pub disagree_for: &'static str,
    /// "; they agree for {x}".
    pub agree_for: &'static str,
    /// "error: {x}", `x` an error's code or message.
    pub error_with: &'static str,
    /// "undetermined: {x}", `x` the condition that would decide it.
    pub undetermined_if: &'static str,
    /// "no element": a verdict given for each element of an empty list.
    pub no_element: &'static str,
    /// Markdown: "{x}: verdicts under every reading" and, without a title,
    /// "Verdicts under every reading".
    pub md_every_reading_title: (&'static str, &'static str),
    /// Markdown: "As of **{x}**."
    pub md_as_of: &'static str,
    /// `--compare`: "As of {x}".
    pub as_of: &'static str,
    /// "Reform: {x}; in force on the date: {r}".
    pub reform: &'static str,
    /// "none of its changes applies on this date".
    pub no_change_applies: &'static str,
    /// A change an amendment made, `x` the provision, `l` the amending
    /// instrument, `r` the date: replaced, inserted, repealed, a dated
    /// value changed.
    pub changes: [&'static str; 4],
    /// "As amended: {x}".
    pub as_amended: &'static str,
    /// The headings "Differ ({x} of {r})" and "Same ({x} of {r})".
    pub differ_same: (&'static str, &'static str),
    /// The heads of the comparison's columns: verdict, base, with the
    /// reform, differs.
    pub compare_heads: [&'static str; 4],
    /// "yes" and "no" in the column that says whether a verdict differs.
    pub yes_no: (&'static str, &'static str),
    /// Markdown: "{x}: base and reform" and, without a title, "Comparison".
    pub md_compare_title: (&'static str, &'static str),
    /// Markdown: "Evaluated as of **{x}**. {r}."
    pub md_evaluated: &'static str,
    /// Markdown: "{x} of {r} verdicts differ."
    pub md_differing: &'static str,
    /// Report: what the text's section is; HTML, with "Highlighted" marked.
    pub html_text_intro: &'static str,
    /// Report: "Used as {x}: {r}", `x` the policy's name, `r` its title.
    pub html_used_as: &'static str,
    /// Report: "Not in force on the date."
    pub html_not_in_force: &'static str,
    /// Report: "The policy quotes no wording for this provision."
    pub html_no_wording: &'static str,
    /// Report: " Cites “{x}”."
    pub html_cites: &'static str,
    /// Report: ", as given" after a value given in place of its rule.
    pub html_as_given: &'static str,
    /// Report: "{v} for {x}": a value with the arguments of its call.
    pub html_value_for: &'static str,
    /// Report: " Value on the date: {x}. Used by {r}."
    pub html_value_used_by: &'static str,
    /// Report: " Value on the date: {x}."
    pub html_value_on_date: &'static str,
    /// Report: " Not used by any verdict on the date."
    pub html_not_used: &'static str,
    /// Report: "no value": a dated value before its first date.
    pub html_no_value: &'static str,
    /// Report: an exception "applies", "does not apply", "may or may not apply".
    pub html_applies: (&'static str, &'static str, &'static str),
    /// Report: "{x} for {r}": an element of a verdict given for each element.
    pub html_element: &'static str,
}
