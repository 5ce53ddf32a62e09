//! "Did you mean" for misspelled fact, field and enumeration value names.

/// The candidate closest to `word`, if one is close enough to be a likely
/// misspelling. Ties go to the earliest candidate, so the answer is stable.
pub(crate) fn closest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word = normalize(word);
    let mut best: Option<(f64, &'c str)> = None;
    for candidate in candidates {
        let normal = normalize(candidate);
        let score = if normal == word {
            2.0
        } else {
            let distance = strsim::damerau_levenshtein(&word, &normal);
            let longest = word.chars().count().max(normal.chars().count());
            let winkler = strsim::jaro_winkler(&word, &normal);
            let near = distance <= (longest / 3).max(1) || (winkler >= 0.9 && longest >= 4);
            if !near {
                continue;
            }
            winkler + strsim::normalized_damerau_levenshtein(&word, &normal)
        };
        if best.is_none_or(|(top, _)| score > top) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
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
}
