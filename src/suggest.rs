//! "Did you mean": the closest known name to a misspelled one, for policy
//! names, reading alternatives, fact keys and enumeration values alike.

/// The candidate closest to `word`, if one is close enough to be a likely
/// misspelling. Letter case is ignored and `-` reads as `_`. Ties go to the
/// alphabetically first candidate, so the answer never depends on the order
/// in which candidates come.
///
/// A word and a candidate whose lengths differ too much to pass either test
/// of closeness below are never compared, so that a long word (a value of
/// megabytes) costs one count of its characters, not an edit distance: the
/// edit distance is at least the difference of the lengths, which must stay
/// within a third of the longer one (or be 1), and the Jaro-Winkler
/// similarity cannot reach 0.9 when one is more than twice the other.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let candidates: Vec<&'c str> = candidates.into_iter().collect();
    let word_length = word.trim().chars().count();
    let longest_candidate = candidates.iter().map(|c| c.trim().chars().count()).max()?;
    if !lengths_may_be_near(word_length, longest_candidate) && word_length > longest_candidate {
        return None;
    }
    let word = normalize(word);
    let mut best: Option<(f64, &'c str)> = None;
    for candidate in candidates {
        let normal = normalize(candidate);
        if normal.is_empty() || !lengths_may_be_near(word_length, normal.chars().count()) {
            continue;
        }
        let score = if normal == word {
            2.0
        } else {
            let distance = strsim::damerau_levenshtein(&word, &normal);
            let longest = word.chars().count().max(normal.chars().count());
            let winkler = strsim::jaro_winkler(&word, &normal);
            let near = distance <= (longest / 3).max(1) || (winkler >= 0.9 && longest >= 4);
            if !near || distance >= longest {
                continue;
            }
            winkler + strsim::normalized_damerau_levenshtein(&word, &normal)
        };
        let better = match best {
            None => true,
            Some((top, name)) => score > top || (score == top && candidate < name),
        };
        if better {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Whether words of `a` and `b` characters can be near at all: otherwise
/// neither the edit distance nor the Jaro-Winkler test can accept them.
fn lengths_may_be_near(a: usize, b: usize) -> bool {
    let (short, long) = (a.min(b), a.max(b));
    long - short <= 1 || short * 2 >= long
}

/// `did you mean `x`?` for the closest candidate, if any.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Lower case, with `-` and spaces read as `_`.
fn normalize(word: &str) -> String {
    word.trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_likely_misspellings() {
        let facts = ["as_of", "mc14", "measure"];
        assert_eq!(closest("mc41", facts), Some("mc14"));
        assert_eq!(closest("MC14", facts), Some("mc14"));
        assert_eq!(closest("meausre", facts), Some("measure"));
        assert_eq!(closest("asof", facts), Some("as_of"));
        assert_eq!(closest("tariff", facts), None);
        let kinds = ["customs_duty", "internal_tax"];
        assert_eq!(closest("custom_duty", kinds), Some("customs_duty"));
        assert_eq!(closest("customs-duty", kinds), Some("customs_duty"));
        assert_eq!(closest("vat", kinds), None);
        assert_eq!(closest("knd", ["kind", "levied_on"]), Some("kind"));
        assert_eq!(closest("open", ["opening", "closing"]), Some("opening"));
        assert_eq!(closest("x", Vec::<&str>::new()), None);
    }

    #[test]
    fn ties_do_not_depend_on_order() {
        assert_eq!(closest("ab", ["ad", "ac"]), Some("ac"));
        assert_eq!(closest("ab", ["ac", "ad"]), Some("ac"));
    }

    #[test]
    fn skips_words_far_longer_than_every_candidate() {
        let long = "customs_duty".repeat(1000);
        assert_eq!(closest(&long, ["customs_duty", "internal_tax"]), None);
        // Within the margin, the comparison is still made.
        assert_eq!(
            closest("customs_dutyy", ["customs_duty"]),
            Some("customs_duty")
        );
        assert_eq!(closest("ab", ["a"]), Some("a"));
    }

    #[test]
    fn ignores_distant_names() {
        assert_eq!(closest("zzz", ["mc14", "measure"]), None);
    }
}
