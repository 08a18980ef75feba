//! The built-in claim lexicon's two phrase lists that the run searches whole texts for, and an
//! automaton over each (see `word_dfa`): the first words of its effects and promises (read by
//! `Lexicon::may_have_claim`) and its sales phrases (`Lexicon::is_sales_page`). The lists are
//! made with the lexicon's own inflections, so they are the ones the run makes from the same
//! file; `src/claims/prebuilt.rs` reads them back.

use std::collections::BTreeSet;

use crate::inflections::{split, verb_forms};
use crate::{word_dfa, write};

/// Writes the lists and automata for `lexicon` (`lints/lexicon.toml`, parsed) into `out`.
pub fn generate(out: &str, lexicon: &toml::Table) {
    let phrases = |value: Option<&toml::Value>| -> Vec<String> {
        (value.and_then(|v| v.as_array()).into_iter().flatten())
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect()
    };
    let classes = |key: &str| -> Vec<String> {
        (lexicon.get(key).and_then(|t| t.as_table()).into_iter())
            .flat_map(|table| table.values())
            .flat_map(|list| phrases(Some(list)))
            .collect()
    };
    let forms = lexicon.get("forms");
    let quantifiers = lexicon.get("quantifiers");

    let mut openers: BTreeSet<String> = BTreeSet::new();
    for effect in classes("effects") {
        openers.extend(verb_forms(&effect).into_iter().filter_map(first));
    }
    let starters = (classes("nominals").into_iter())
        .chain(phrases(forms.and_then(|f| f.get("results"))))
        .chain(phrases(quantifiers.and_then(|q| q.get("promise"))));
    openers.extend(starters.filter_map(|phrase| first(split(&phrase))));
    list(out, "lexicon_openers", &openers);

    let sales: BTreeSet<String> = (phrases(lexicon.get("sales")).iter())
        .map(|phrase| split(phrase).join(" "))
        .collect();
    list(out, "lexicon_sales", &sales);
}

fn first(words: Vec<String>) -> Option<String> {
    words.into_iter().next()
}

/// Writes `words` as `{name}_words.rs` and the automaton over them as `{name}_automaton.rs`.
fn list(out: &str, name: &str, words: &BTreeSet<String>) {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    write(out, &format!("{name}_words.rs"), format!("&{words:?}"));
    word_dfa::write(out, name, &words);
}
