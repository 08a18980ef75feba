//! "Did you mean": the one helper every unknown name goes through (config keys and values,
//! selectors, rule ids, pack categories), so suggestions are alike everywhere.

/// The candidate most like `word`, if it is like enough to be a likely typo (Jaro-Winkler
/// similarity of at least 0.8, which favours a shared start: `hype/miracle` finds
/// `hype/miracle-language`).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_by(word, candidates, |c| c)
}

/// Like [`closest`], comparing `word` with each candidate and with `short(candidate)`, its
/// short form (a rule id's name half, so a bare `miracle-language` finds its pack).
pub fn closest_by<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    short: impl Fn(&'a str) -> &'a str,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            let score = strsim::jaro_winkler(word, c).max(strsim::jaro_winkler(word, short(c)));
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(closest("ignroe", ["select", "ignore"]), Some("ignore"));
        assert_eq!(closest("eror", ["info", "warning", "error"]), Some("error"));
        assert_eq!(closest("qqqq", ["ignore", "select"]), None);
        let name = |id: &'static str| id.split_once('/').map_or(id, |(_, n)| n);
        assert_eq!(
            closest_by("miracle-language", ["hype/miracle-language"], name),
            Some("hype/miracle-language")
        );
    }
}
