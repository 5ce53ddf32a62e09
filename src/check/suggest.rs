//! "Did you mean": the closest known name to a misspelled one.

/// The candidate closest to `name`, if one is close enough to be a likely
/// misspelling: at most a third of its letters differ, and at least one letter
/// is right.
pub fn closest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| !c.is_empty() && *c != name)
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(distance, c)| *distance <= limit && *distance < c.chars().count())
        .min_by(|(da, a), (db, b)| da.cmp(db).then_with(|| a.cmp(b)))
        .map(|(_, c)| c)
}

/// `did you mean `x`?` for the closest candidate, if any.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_transposed_letters() {
        assert_eq!(closest("mc41", ["mc14", "measure"]), Some("mc14"));
    }

    #[test]
    fn ignores_distant_names() {
        assert_eq!(closest("zzz", ["mc14", "measure"]), None);
    }

    #[test]
    fn prefers_the_nearest_then_the_first_in_order() {
        assert_eq!(closest("opening", ["openin", "closing"]), Some("openin"));
        assert_eq!(closest("ab", ["ac", "ad"]), Some("ac"));
    }
}
