//! The inflections the lexicon spells out, so that a sentence is read by looking its words up:
//! a verb's third person, past and participle ("heals", "healed", "healing"), a noun's plural.
//! Shared with `build/lexicon.rs`, which finds the built-in lexicon's phrases with them.

/// A phrase as lower-cased words.
pub fn split(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(lower).collect()
}

/// `word` lower-cased. Lexicon words are ASCII, which lower-cases byte by byte; the full Unicode
/// mapping, char by char, was most of what spelling out the lexicon's inflections cost.
fn lower(word: &str) -> String {
    match word.is_ascii() {
        true => word.to_ascii_lowercase(),
        false => word.to_lowercase(),
    }
}

/// A phrase with its first word inflected as a verb: "ward off" → "wards off", "warded off",
/// "warding off". Generous on purpose: a form nobody writes costs nothing.
pub fn verb_forms(phrase: &str) -> Vec<Vec<String>> {
    let words = split(phrase);
    let Some((first, rest)) = words.split_first() else {
        return Vec::new();
    };
    let first = first.as_str();
    let mut forms = vec![first.to_string()];
    let stem_e = first.strip_suffix('e');
    match (stem_e, first.strip_suffix('y')) {
        (Some(stem), _) => {
            forms.extend([
                [first, "s"].concat(),
                [first, "d"].concat(),
                [stem, "ing"].concat(),
            ]);
        }
        (None, Some(stem)) if !stem.ends_with(['a', 'e', 'o', 'u']) => {
            forms.extend([
                [stem, "ies"].concat(),
                [stem, "ied"].concat(),
                [first, "ing"].concat(),
            ]);
        }
        _ => {
            // "relieves", "flushes", "smooths".
            let es = if first.ends_with(['s', 'x', 'z'])
                || first.ends_with("sh")
                || first.ends_with("ch")
            {
                "es"
            } else {
                "s"
            };
            forms.extend([
                [first, es].concat(),
                [first, "ed"].concat(),
                [first, "ing"].concat(),
            ]);
            // A short verb ending in one consonant doubles it: stop → stopped, cut → cutting.
            if let Some(last) = first.chars().last().filter(|c| !"aeiouwxy".contains(*c)) {
                let doubled = [first, last.encode_utf8(&mut [0; 4])].concat();
                forms.extend([[&doubled, "ed"].concat(), [&doubled, "ing"].concat()]);
            }
        }
    }
    forms.extend(irregular(first).iter().map(|f| f.to_string()));
    forms
        .into_iter()
        .map(|f| std::iter::once(f).chain(rest.iter().cloned()).collect())
        .collect()
}

/// Past forms English does not build by rule, for the verbs the lexicon uses.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("fight", &["fought"]),
    ("beat", &["beaten"]),
    ("overcome", &["overcame"]),
    ("undo", &["undid", "undone"]),
    ("shrink", &["shrank", "shrunk", "shrunken"]),
    ("get", &["got", "gotten"]),
    ("give", &["gave", "given"]),
    ("bring", &["brought"]),
    ("prove", &["proven"]),
    ("be", &["is", "are", "was", "were", "been"]),
    ("wipe", &["wiped"]),
    ("regrow", &["regrew", "regrown"]),
    ("rebuild", &["rebuilt"]),
    ("stave", &["staved"]),
    ("fend", &["fended"]),
    ("slow", &["slowed"]),
    ("keep", &["kept"]),
    ("take", &["took", "taken"]),
];

fn irregular(verb: &str) -> &'static [&'static str] {
    (IRREGULAR.iter())
        .find(|(base, _)| *base == verb)
        .map_or(&[], |(_, forms)| forms)
}

/// Whether `word` is an irregular past or participle of an effect verb ("regrew", "fought"):
/// not a base form, though nothing marks it as inflected.
pub fn is_irregular_form(word: &str) -> bool {
    IRREGULAR.iter().any(|(_, forms)| forms.contains(&word))
}

/// A noun phrase and its plural ("supplement" → "supplements"; "remedy" → "remedies").
pub fn noun_forms(phrase: &str) -> Vec<Vec<String>> {
    let words = split(phrase);
    let Some((last, init)) = words.split_last() else {
        return Vec::new();
    };
    let last = last.as_str();
    let plural = match last.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => [stem, "ies"].concat(),
        // "rashes", "stitches", but "coughs".
        _ if last.ends_with(['s', 'x', 'z']) || last.ends_with("sh") || last.ends_with("ch") => {
            [last, "es"].concat()
        }
        _ => [last, "s"].concat(),
    };
    [last.to_string(), plural]
        .into_iter()
        .map(|l| init.iter().cloned().chain(std::iter::once(l)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_inflections() {
        let forms = |verb: &str| -> Vec<String> {
            (verb_forms(verb).into_iter())
                .map(|form| form.join(" "))
                .collect()
        };
        let ward_off = forms("ward off");
        assert!(ward_off.contains(&"wards off".to_string()));
        assert!(ward_off.contains(&"warded off".to_string()));
        assert!(ward_off.contains(&"warding off".to_string()));
        let detoxify = forms("detoxify");
        assert!(detoxify.contains(&"detoxifies".to_string()));
        assert!(detoxify.contains(&"detoxified".to_string()));
        assert!(forms("stop").contains(&"stopped".to_string()));
        let third_person = |verb: &str| verb_forms(verb)[1].join(" ");
        assert_eq!(third_person("flush"), "flushes");
        assert_eq!(third_person("smooth"), "smooths");
    }
}
