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

#[cfg(test)]
mod tests {
    use super::Tables;
    use crate::locale::Lang;

    /// Every phrase of a table, named, in declaration order.
    fn phrases(t: &Tables) -> Vec<(&'static str, &'static str)> {
        let mut out = vec![
            ("as_of_every_reading", t.as_of_every_reading),
            ("readings_fixed", t.readings_fixed),
            ("disagree", t.disagree),
            ("agree", t.agree),
            ("value_head.0", t.value_head.0),
            ("value_head.1", t.value_head.1),
            ("no_reading_varied", t.no_reading_varied),
            ("under_every_reading_of", t.under_every_reading_of),
            ("disagree_for", t.disagree_for),
            ("agree_for", t.agree_for),
            ("error_with", t.error_with),
            ("undetermined_if", t.undetermined_if),
            ("no_element", t.no_element),
            ("md_every_reading_title.0", t.md_every_reading_title.0),
            ("md_every_reading_title.1", t.md_every_reading_title.1),
            ("md_as_of", t.md_as_of),
            ("as_of", t.as_of),
            ("reform", t.reform),
            ("no_change_applies", t.no_change_applies),
            ("as_amended", t.as_amended),
            ("differ_same.0", t.differ_same.0),
            ("differ_same.1", t.differ_same.1),
            ("yes_no.0", t.yes_no.0),
            ("yes_no.1", t.yes_no.1),
            ("md_compare_title.0", t.md_compare_title.0),
            ("md_compare_title.1", t.md_compare_title.1),
            ("md_evaluated", t.md_evaluated),
            ("md_differing", t.md_differing),
            ("html_text_intro", t.html_text_intro),
            ("html_used_as", t.html_used_as),
            ("html_not_in_force", t.html_not_in_force),
            ("html_no_wording", t.html_no_wording),
            ("html_cites", t.html_cites),
            ("html_as_given", t.html_as_given),
            ("html_value_for", t.html_value_for),
            ("html_value_used_by", t.html_value_used_by),
            ("html_value_on_date", t.html_value_on_date),
            ("html_not_used", t.html_not_used),
            ("html_no_value", t.html_no_value),
            ("html_applies.0", t.html_applies.0),
            ("html_applies.1", t.html_applies.1),
            ("html_applies.2", t.html_applies.2),
            ("html_element", t.html_element),
        ];
        out.extend(t.changes.iter().map(|c| ("changes", *c)));
        out.extend(t.compare_heads.iter().map(|h| ("compare_heads", *h)));
        out
    }

    /// The holes of a template, sorted: `{x}` and the like.
    fn holes(template: &str) -> Vec<&str> {
        let mut found: Vec<&str> = template
            .match_indices('{')
            .filter_map(|(at, _)| template.get(at..at + 3))
            .filter(|hole| hole.ends_with('}'))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_language_fills_the_holes_english_does() {
        let english = phrases(&Lang::En.words().tables);
        for lang in Lang::TRANSLATIONS {
            let other = phrases(&lang.words().tables);
            assert_eq!(other.len(), english.len());
            for ((name, en), (_, said)) in english.iter().zip(&other) {
                assert!(!said.is_empty(), "{lang}: {name} is empty");
                assert_eq!(holes(en), holes(said), "{lang}: {name}: {said:?}");
            }
        }
    }

    #[test]
    fn french_puts_a_no_break_space_before_its_colons_and_semicolons() {
        for (name, said) in phrases(&Lang::Fr.words().tables) {
            for (at, mark) in said.match_indices([':', ';']) {
                let before = said[..at].chars().last();
                assert_eq!(before, Some('\u{a0}'), "{name}: {mark} in {said:?}");
            }
        }
    }

    #[test]
    fn the_reports_words_hold_no_markup_but_the_intro_s_mark() {
        // What fills them is escaped, so their own words must need no escaping.
        for lang in Lang::ALL {
            for (name, said) in phrases(&lang.words().tables) {
                if name == "html_text_intro" {
                    assert_eq!(said.matches('<').count(), 2, "{lang}: {said:?}");
                    continue;
                }
                assert!(
                    !said.contains(['<', '>', '&', '"']),
                    "{lang}: {name}: {said:?}"
                );
            }
        }
    }
}
