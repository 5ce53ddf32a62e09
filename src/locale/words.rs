//! The words the engine writes itself, one table per language.
//!
//! Every renderer and the explanations take their fixed words from a
//! [`Words`] table chosen once by [`Lang::words`](super::Lang::words), never
//! from a `match` on the language at each phrase. A phrase with holes is a
//! template: `{l}` and `{r}` stand for what is compared, `{v}` for a value,
//! `{x}` for anything else the phrase names; [`Words::fill`] puts them in.

use super::Lang;

/// How numbers, amounts of money and percentages are written.
#[derive(Debug, Clone, Copy)]
pub struct NumberStyle {
    /// The decimal separator: `.` or `,`.
    pub decimal: char,
    /// The thousands separator, empty where digits are not grouped.
    pub group: &'static str,
    /// The fewest digits of an integer part that is grouped: a plain number
    /// of four digits (a year, a count) reads better whole.
    pub group_numbers_from: usize,
    /// The same for amounts of money.
    pub group_amounts_from: usize,
    /// Whether the currency code comes before the amount (`USD 952.50`) or
    /// after it (`952,50 USD`).
    pub currency_first: bool,
    /// What stands between the amount and the currency code.
    pub currency_space: &'static str,
    /// What stands between a number and `%`.
    pub percent_space: &'static str,
}

/// The statuses a deontic rule gives, as adjectives.
#[derive(Debug, Clone, Copy)]
pub struct Statuses {
    /// `prohibited`.
    pub prohibited: &'static str,
    /// `permitted`.
    pub permitted: &'static str,
    /// `outside_scope`.
    pub outside_scope: &'static str,
    /// `required`.
    pub required: &'static str,
    /// `not_required`.
    pub not_required: &'static str,
    /// `not_permitted`.
    pub not_permitted: &'static str,
    /// `committed`.
    pub committed: &'static str,
    /// `not_committed`.
    pub not_committed: &'static str,
}

impl Statuses {
    /// The adjective for a status's code name; `None` for a name that is no
    /// deontic status (an enumeration of the policy's own).
    pub fn of(&self, name: &str) -> Option<&'static str> {
        Some(match name {
            "prohibited" => self.prohibited,
            "permitted" => self.permitted,
            "outside_scope" => self.outside_scope,
            "required" => self.required,
            "not_required" => self.not_required,
            "not_permitted" => self.not_permitted,
            "committed" => self.committed,
            "not_committed" => self.not_committed,
            _ => return None,
        })
    }
}

/// What a comparison says when it holds, when it does not and when it is
/// undetermined; each a template of `{l}` and `{r}`.
#[derive(Debug, Clone, Copy)]
pub struct Comparison {
    /// It holds: "{l} is before {r}".
    pub holds: &'static str,
    /// It does not: "{l} is not before {r}".
    pub fails: &'static str,
    /// Not known: "{l} may or may not be before {r}".
    pub maybe: &'static str,
}

/// The comparisons, by operator.
#[derive(Debug, Clone, Copy)]
pub struct Comparisons {
    /// `<`.
    pub less: Comparison,
    /// `<=`.
    pub at_most: Comparison,
    /// `>`.
    pub more: Comparison,
    /// `>=`.
    pub at_least: Comparison,
    /// `before`.
    pub before: Comparison,
    /// `on or before`.
    pub on_or_before: Comparison,
    /// `after`.
    pub after: Comparison,
    /// `on or after`.
    pub on_or_after: Comparison,
    /// `is`: equality.
    pub is: Comparison,
    /// `in`: membership.
    pub is_in: Comparison,
}

/// Arithmetic in words: "{l} plus {r} is {v}".
#[derive(Debug, Clone, Copy)]
pub struct Arithmetic {
    /// `+`.
    pub plus: &'static str,
    /// `-`.
    pub minus: &'static str,
    /// `*`.
    pub times: &'static str,
    /// `/`.
    pub divided_by: &'static str,
    /// `20% of price`.
    pub of: &'static str,
    /// `-x`: "minus {x}".
    pub negated: &'static str,
}

/// The units of durations, singular and plural.
#[derive(Debug, Clone, Copy)]
pub struct Units {
    /// Day, days.
    pub day: (&'static str, &'static str),
    /// Week, weeks.
    pub week: (&'static str, &'static str),
    /// Month, months.
    pub month: (&'static str, &'static str),
    /// Year, years.
    pub year: (&'static str, &'static str),
}

/// The words of an evaluation's text, Markdown and report pages.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// "adopted {x}" after the title.
    pub adopted: &'static str,
    /// "As of {x}".
    pub as_of: &'static str,
    /// The date was given with `--at`.
    pub as_given: &'static str,
    /// The date came from the facts.
    pub from_the_facts: &'static str,
    /// The date is today's.
    pub today: &'static str,
    /// The instrument was not yet adopted on the date: "{x}" its adoption.
    pub not_yet_adopted: &'static str,
    /// "Assumed, not known:".
    pub assumed: &'static str,
    /// "Given, in place of their rules:".
    pub given: &'static str,
    /// "In force:".
    pub in_force: &'static str,
    /// No provision in force.
    pub no_provision: &'static str,
    /// "Perhaps in force (depends on facts not given):".
    pub perhaps_in_force: &'static str,
    /// The heading "Readings".
    pub readings: &'static str,
    /// The heading "Verdicts".
    pub verdicts: &'static str,
    /// The heading "Facts".
    pub facts: &'static str,
    /// An alternative the analyst chose.
    pub chosen: &'static str,
    /// An alternative in force by default.
    pub default: &'static str,
    /// "Why:".
    pub why: &'static str,
    /// "Facts:" before the facts an explanation read.
    pub facts_label: &'static str,
    /// "Readings:" before the readings it consulted.
    pub readings_label: &'static str,
    /// "{x}, not shown": elements of an aggregate left out.
    pub not_shown: &'static str,
    /// "{x} more elements of {r}".
    pub more_elements: &'static str,
    /// "error".
    pub error: &'static str,
    /// "One outcome {x}, a list not known."
    pub list_not_known: &'static str,
    /// No element, one element, "{x} elements".
    pub elements: (&'static str, &'static str, &'static str),
    /// The heading of an evaluation without a title.
    pub evaluation: &'static str,
    /// "Document {x}".
    pub document: &'static str,
    /// "Evaluated as of **{x}**".
    pub evaluated_as_of: &'static str,
    /// The heading "Explanation".
    pub explanation: &'static str,
    /// "cites".
    pub cites: &'static str,
    /// The heading "Timeline".
    pub timeline: &'static str,
    /// The heading "Text" of the instrument.
    pub text: &'static str,
    /// The heading "Contents".
    pub contents: &'static str,
    /// Markdown: ", the date the facts give".
    pub md_from_facts: &'static str,
    /// Markdown: ", today's date, as no date was given".
    pub md_today: &'static str,
    /// Markdown: the instrument not yet adopted on the date, "{x}" its adoption.
    pub md_not_yet_adopted: &'static str,
    /// Markdown: the head of the readings' table.
    pub md_readings_head: &'static str,
    /// Markdown: the heading "Provisions cited".
    pub md_provisions_cited: &'static str,
    /// Markdown: "Could not be evaluated{x}: {r}".
    pub md_could_not: &'static str,
    /// Markdown: "`{x}` for {r}": one element's heading.
    pub md_for: &'static str,
    /// Report: "Value" and "Status" beside a verdict's outcome.
    pub html_value_status: (&'static str, &'static str),
    /// Report: the statuses error, not in force, determined, undetermined.
    pub html_statuses: [&'static str; 4],
    /// Report: the link that skips to the verdicts.
    pub html_skip: &'static str,
    /// Report: the buttons that open and close every explanation.
    pub html_open_close: (&'static str, &'static str),
    /// Report: a policy without verdicts.
    pub html_no_verdict: &'static str,
    /// Report: the headings "Every reading" and "The text" in the contents.
    pub html_every_reading: &'static str,
    /// Report: "The text".
    pub html_the_text: &'static str,
    /// Report: "(1 rule)" and "({x} rules)".
    pub html_rules: (&'static str, &'static str),
    /// Report: "Why".
    pub html_why: &'static str,
    /// Report: the page's title, "{x}, as of {r}".
    pub html_title: &'static str,
    /// Report: what the readings' section is, with the readings in force.
    pub html_readings_intro: &'static str,
    /// Report: the same, with every reading at once.
    pub html_every_reading_intro: &'static str,
    /// Report: the caption of the readings in force.
    pub html_readings_caption: &'static str,
    /// Report: the heads of the readings' columns.
    pub html_readings_head: [&'static str; 5],
    /// Report: what the facts' section is (HTML: it marks a word).
    pub html_facts_intro: &'static str,
    /// Report: the caption of the facts.
    pub html_facts_caption: &'static str,
    /// Report: the heads of the facts' columns.
    pub html_facts_head: [&'static str; 4],
    /// Report: "read by {x}, not decisive".
    pub html_read_by: &'static str,
    /// Report: a fact no verdict read.
    pub html_not_used: &'static str,
    /// Report: " (from {x})": since when a fact has its value.
    pub html_since: &'static str,
    /// Report: "Each verdict from {l} to {r}, ...; the report's date is {x}."
    pub html_timeline_intro: &'static str,
    /// Report: "The verdicts from {l} to {r}." under the picture.
    pub html_timeline_caption: &'static str,
}

/// The words of verdict sentences the engine writes itself.
#[derive(Debug, Clone, Copy)]
pub struct Sentences {
    /// "On {x}, {r} is not in force, so this verdict does not apply."
    pub not_in_force_one: &'static str,
    /// The same with several: "{r} are not in force".
    pub not_in_force_many: &'static str,
    /// "the instrument".
    pub the_instrument: &'static str,
    /// "provision {x}".
    pub provision: &'static str,
    /// "{x} if {r}.": a true-or-false verdict's condition.
    pub true_if: &'static str,
    /// "It depends: {x}."
    pub it_depends: &'static str,
    /// "It is {x}."
    pub it_is: &'static str,
    /// "undetermined ({x})" inside a sentence, for a status.
    pub undetermined_among: &'static str,
    /// "an undetermined date", amount, number, answer, value: a value not
    /// known named by its kind, what is known of it following.
    pub undetermined_kinds: [&'static str; 5],
    /// "Whatever the facts not given ({x}), every case they allow gives {v}."
    pub decided: &'static str,
    /// "; depends on ".
    pub depends_on: &'static str,
}

/// What is known of a value not known.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// "between {l} and {r}".
    pub between: &'static str,
    /// "on or after {x}".
    pub on_or_after: &'static str,
    /// "on or before {x}".
    pub on_or_before: &'static str,
    /// "at least {x}".
    pub at_least: &'static str,
    /// "at most {x}".
    pub at_most: &'static str,
    /// "one of {x} or {r}".
    pub one_of: &'static str,
}

/// The connecting words of explanations.
#[derive(Debug, Clone, Copy)]
pub struct Explaining {
    /// Comparisons, by operator.
    pub comparisons: Comparisons,
    /// Arithmetic.
    pub arithmetic: Arithmetic,
    /// "and" closing a list.
    pub and: &'static str,
    /// "or" closing a list.
    pub or: &'static str,
    /// "; and " between conditions none of which holds.
    pub and_none: &'static str,
    /// "as {x}": a condition not known yet.
    pub as_: &'static str,
    /// "as {x}, {r}": the branch an `if` took.
    pub since: &'static str,
    /// "{x}, so either {r}".
    pub so_either: &'static str,
    /// "it is not so that {x}".
    pub not_so: &'static str,
    /// "{l} is {r}, not {x}".
    pub is_not_other: &'static str,
    /// "{x} is neither {l} nor {r}".
    pub neither: &'static str,
    /// "{x} is none of {r}".
    pub none_of: &'static str,
    /// The earlier, earliest, later, latest, lesser, least, greater,
    /// greatest of `{x}`: "the earlier of {x}", each a whole template.
    pub extremes: [&'static str; 8],
    /// The chosen value `{v}` beside the others `{r}`: earlier, later,
    /// less, greater, no later, no earlier, no greater, no less than them.
    pub which_is: [&'static str; 8],
    /// "{x} on {l} ({r})": a dated value or a fact on a date.
    pub on_date: &'static str,
    /// ", in force from {x}".
    pub in_force_from: &'static str,
    /// ", from {x}".
    pub from: &'static str,
    /// "{v}, by default: not given".
    pub by_default: &'static str,
    /// "not known".
    pub not_known: &'static str,
    /// "not known, {x}".
    pub not_known_range: &'static str,
    /// "a date not known".
    pub date_not_known: &'static str,
    /// "{x} before {r}" and "{x} after {r}": a date moved.
    pub moved: (&'static str, &'static str),
    /// Rounded down, rounded up to an existing day.
    pub rounded_day: (&'static str, &'static str),
    /// "{v} whole {x} from {l} to {r}".
    pub whole_units: &'static str,
    /// "{x} rounded {l} to {r} is {v}".
    pub rounded: &'static str,
    /// A whole unit, the cent, "1 decimal place", "{x} decimal places".
    pub places: (&'static str, &'static str, &'static str, &'static str),
    /// "reading `{l}` is `{r}`".
    pub reading_is: &'static str,
    /// ", not `{x}`".
    pub reading_not: &'static str,
    /// "as given, in place of the rule".
    pub as_given: &'static str,
    /// "the same as {x}".
    pub same_as: &'static str,
    /// "as the provision sets it".
    pub provision_sets: &'static str,
    /// What a deontic rule stands for, from whom it binds `{l}` and its
    /// action `{r}`: "Members imposing customs duties"; in French and
    /// Spanish the action, an infinitive, comes first.
    pub deontic_meaning: &'static str,
    /// "{l}, and it binds while {r}".
    pub binds_while_and: &'static str,
    /// "{l}, but it binds only while {r}".
    pub binds_only_while_but: &'static str,
    /// "it binds while {x}".
    pub binds_while: &'static str,
    /// "it binds only while {x}".
    pub binds_only_while: &'static str,
    /// "it always holds".
    pub always_holds: &'static str,
    /// An event's days: "the opening day of {x}", "the closing day of {x}".
    pub event_days: (&'static str, &'static str),
}

/// The words of exceptions and of values that may be none, in explanations.
#[derive(Debug, Clone, Copy)]
pub struct Exceptions {
    /// An exception and several, with their article where the language
    /// needs one: ("exception", "exceptions").
    pub nouns: (&'static str, &'static str),
    /// "overridden by the {x} {r}": `x` a noun, `r` the names.
    pub overridden: &'static str,
    /// "overridden by the {x} {r}, unless the {l} {v} also applies".
    pub overridden_unless: &'static str,
    /// "the {x} {r} may apply, depending on facts not given".
    pub may_apply_depending: &'static str,
    /// "applies, as {x}, and gives {v}".
    pub applies_gives: &'static str,
    /// "does not apply: {x}".
    pub does_not_apply: &'static str,
    /// "may apply, {x}": its condition said with "as".
    pub may_apply_as: &'static str,
    /// "may apply: {x}".
    pub may_apply: &'static str,
    /// ", by default: not given" after a fact that took its default.
    pub default_note: &'static str,
    /// "{x} is none{n}".
    pub is_none: &'static str,
    /// "{x} is given{n}, not none".
    pub is_given: &'static str,
    /// "{x} is {v}{n}, not none".
    pub is_value: &'static str,
    /// "whether {x} is none is undetermined".
    pub none_maybe: &'static str,
    /// "{x} is none{n}, so {r}".
    pub none_so: &'static str,
}

/// The words of aggregates over lists, in explanations: `{x}` the list
/// with how many it holds, `{r}` a count or the result, `{v}` a condition
/// as written, `{l}` the expression summed.
#[derive(Debug, Clone, Copy)]
pub struct Aggregates {
    /// "the number of {x} ({r})".
    pub number_of: &'static str,
    /// "{r} of {x} satisfy `{v}`".
    pub count_of: &'static str,
    /// "of {x}, {r} satisfy `{v}`": a count not known.
    pub count_of_unknown: &'static str,
    /// "the sum of `{l}` over {x}{v} is {r}".
    pub sum: &'static str,
    /// "the least of `{l}` over {x}{v} is {r}".
    pub least: &'static str,
    /// "the greatest of `{l}` over {x}{v} is {r}".
    pub greatest: &'static str,
    /// " that satisfy `{x}`".
    pub those: &'static str,
    /// "{r} of {x} satisfies `{v}`" for one, "satisfy" for several.
    pub any: (&'static str, &'static str),
    /// "none of {x} satisfies `{v}`".
    pub any_none: &'static str,
    /// "none of {x} is known to satisfy `{v}`, and {r} may".
    pub any_maybe: &'static str,
    /// "all of {x} satisfy `{v}`".
    pub every: &'static str,
    /// "{r} of {x} does not satisfy `{v}`" for one, "do not" for several.
    pub every_fails: (&'static str, &'static str),
    /// "none of {x} is known not to satisfy `{v}`, and {r} may not".
    pub every_maybe: &'static str,
    /// "{x} ({r} in all)".
    pub in_all: &'static str,
    /// "{x} ({r} combinations in all)".
    pub combinations: &'static str,
}

/// The words of timelines, as text and as pictures.
#[derive(Debug, Clone, Copy)]
pub struct Timelines {
    /// "From {l} to {r}": the range.
    pub range: &'static str,
    /// An assumption left open over the whole range.
    pub throughout: &'static str,
    /// "on {x}": one day.
    pub on: &'static str,
    /// "from {l} to {r}": days.
    pub from_to: &'static str,
    /// "{l} to {r}": an interval's days.
    pub span: &'static str,
    /// "compared: {x}, each in a lane of its own".
    pub compared: &'static str,
    /// The heading "Events".
    pub events: &'static str,
    /// "on {l} and each day to {r}": the days an error arose on.
    pub each_day_to: &'static str,
    /// "Changes:".
    pub changes: &'static str,
    /// A verdict whose provisions are not in force.
    pub does_not_apply: &'static str,
    /// "{l} until {x}; {r} from {v}": a change from both sides of the line.
    pub change: &'static str,
    /// "{x} until {r}": the left side of a change.
    pub until: &'static str,
    /// "{x} from {r}": the right side of a change.
    pub from: &'static str,
    /// "{l} until a day between {a} and {b}; {r} from a day between {c} and {d}".
    pub unsettled: &'static str,
    /// "{x} from a day between {l} and {r}".
    pub from_a_day_between: &'static str,
    /// "depends on {x}".
    pub depends_on: &'static str,
    /// "error: {x}".
    pub error_code: &'static str,
    /// "error on {l}: {r}".
    pub error_on: &'static str,
    /// "{x}: {l}, as evaluated on {r}".
    pub as_evaluated: &'static str,
    /// An event's dates: "opens {x}, closing not known", "closes {x},
    /// opening not known", "dates not known".
    pub event_dates: (&'static str, &'static str, &'static str),
    /// "not given: {x}".
    pub not_given: &'static str,
    /// The picture's title without an instrument.
    pub svg_title: &'static str,
    /// "Each verdict on {x}, drawn for:".
    pub svg_one_day: &'static str,
    /// "Each verdict on every day from {l} to {r}, drawn for:".
    pub svg_range: &'static str,
    /// "Reading compared: {x}, one lane for each of {r}".
    pub svg_reading_compared: &'static str,
    /// "Reading: {x}".
    pub svg_reading: &'static str,
    /// The legend: true, false, undetermined, not in force, error, other
    /// values, an event's days.
    pub legend: [&'static str; 7],
    /// How to read a change, under the legend.
    pub legend_change: &'static str,
    /// "… and {x} more notes on this lane, left out: ...".
    pub notes_left_out: &'static str,
    /// A lane the same under every reading compared.
    pub same_under_every: &'static str,
    /// "under {x}": a lane's readings.
    pub under: &'static str,
    /// Readings compared, none of which changes a verdict over the range.
    pub no_reading_changes: &'static str,
    /// The months shortened for the axis, January first.
    pub months_short: [&'static str; 12],
}

/// Every word the engine writes itself, in one language.
#[derive(Debug)]
pub struct Words {
    /// The language.
    pub lang: Lang,
    /// The months, January first.
    pub months: [&'static str; 12],
    /// A day of the month written as "{d}", or for the first "{d}er" in French.
    pub first_day_suffix: &'static str,
    /// Between the day and the month, and between the month and the year.
    pub date_joins: (&'static str, &'static str),
    /// The article before a date that an explanation compares or names
    /// ("le 28 mars 2026 ne vient pas avant ..."); empty in English.
    pub date_article: &'static str,
    /// Numbers, amounts and percentages.
    pub numbers: NumberStyle,
    /// The units of durations.
    pub units: Units,
    /// `true`.
    pub true_: &'static str,
    /// `false`.
    pub false_: &'static str,
    /// "undetermined".
    pub undetermined: &'static str,
    /// "undetermined ({x})", "undetermined, {x}".
    pub undetermined_with: (&'static str, &'static str),
    /// "not in force".
    pub not_in_force: &'static str,
    /// "none": a fact that has none.
    pub none: &'static str,
    /// "no limit".
    pub no_limit: &'static str,
    /// Deontic statuses.
    pub statuses: Statuses,
    /// "between", "on or after" and the like.
    pub bounds: Bounds,
    /// The pages' words.
    pub page: Page,
    /// Verdict sentences.
    pub sentences: Sentences,
    /// Explanations.
    pub explaining: Explaining,
    /// Timelines.
    pub timelines: Timelines,
    /// Exceptions and values that may be none.
    pub exceptions: Exceptions,
    /// Aggregates over lists.
    pub aggregates: Aggregates,
    /// "and {x} more" closing a list cut short.
    pub and_more: &'static str,
    /// A colon with its spaces: ": ", in French "\u{a0}: ".
    pub colon: &'static str,
    /// A semicolon between items: "; ", in French "\u{a0}; ".
    pub semicolon: &'static str,
    /// Calls, lists, picks, computed scales and exceptions' names in explanations.
    pub particulars: super::words_explain::Particulars,
    /// The calendar: its functions, dates moved by a computed count, days
    /// of periods within a window.
    pub calendar: super::words_calendar::CalendarWords,
    /// The tables of every reading and of a reform compared, and the
    /// report's notes beside the instrument's text.
    pub tables: super::words_tables::Tables,
}

impl Words {
    /// A template with its holes filled: `{x}`, `{l}`, `{r}`, `{v}`, each
    /// by the value given for it (a hole given no value stays empty). French
    /// contracts "à le" into "au" and "de le" into "du" where a hole meets
    /// the article it begins with.
    pub fn fill(&self, template: &str, holes: &[(char, &str)]) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let mut chars = after.chars();
            match (chars.next(), chars.next()) {
                (Some(name), Some('}')) => {
                    let value = holes
                        .iter()
                        .find(|(hole, _)| *hole == name)
                        .map_or("", |(_, v)| *v);
                    self.join(&mut out, value);
                    rest = &after[name.len_utf8() + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Appends a filled hole, contracting the article it begins with into
    /// the preposition before it where the language does.
    fn join(&self, out: &mut String, value: &str) {
        if self.lang == Lang::Fr {
            // "que il" is written "qu'il", "puisque il" "puisqu'il".
            let vowel = value
                .chars()
                .next()
                .is_some_and(|c| "aeiouéèêAEIOUÉ".contains(c));
            if vowel && (out.ends_with(" que ") || out.ends_with("puisque ") || out == "que ") {
                out.pop();
                out.pop();
                out.push('\'');
                out.push_str(value);
                return;
            }
            for (before, article, contracted) in [
                ("à ", "le ", "au "),
                ("à ", "les ", "aux "),
                ("de ", "le ", "du "),
                ("de ", "les ", "des "),
            ] {
                let at_word = out.len() == before.len() || out.ends_with(&format!(" {before}"));
                if out.ends_with(before) && at_word && value.starts_with(article) {
                    out.truncate(out.len() - before.len());
                    out.push_str(contracted);
                    out.push_str(&value[article.len()..]);
                    return;
                }
            }
        }
        if self.lang == Lang::Es {
            for (before, article, contracted) in [("a ", "el ", "al "), ("de ", "el ", "del ")] {
                let at_word = out.len() == before.len() || out.ends_with(&format!(" {before}"));
                if out.ends_with(before) && at_word && value.starts_with(article) {
                    out.truncate(out.len() - before.len());
                    out.push_str(contracted);
                    out.push_str(&value[article.len()..]);
                    return;
                }
            }
        }
        out.push_str(value);
    }

    /// `template` with its `{x}` filled.
    pub fn one(&self, template: &str, x: &str) -> String {
        self.fill(template, &[('x', x)])
    }
}
