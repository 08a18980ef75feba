//! The Stop Predatory Journals lists (2017): web addresses and names of journals and publishers
//! judged possibly predatory, and addresses of hijacked copies of real journals
//! (`data/predatory.tsv`). A dated, contested list: the rules that use it are off by default
//! and word their findings as "listed", never as a verdict.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// Which of the three lists an entry is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Journals,
    Publishers,
    /// A fake site posing as a real journal.
    Hijacked,
}

/// One listed journal or publisher.
#[derive(Debug)]
pub struct Entry {
    /// Lower-cased, punctuation folded to spaces.
    pub name: &'static str,
    pub list: List,
}

struct Lists {
    /// Normalised address (see [`url_key`]) → entry.
    by_url: HashMap<&'static str, Entry>,
    /// Names that identify a journal or publisher on their own, with their entries.
    names: Vec<Entry>,
    names_matcher: AhoCorasick,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut by_url = HashMap::new();
    let mut names = Vec::new();
    for line in include_str!("../../data/predatory.tsv").lines() {
        let mut fields = line.split('\t');
        let (Some(key), Some(name), Some(list), Some(flag)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let list = match list {
            "hijacked" => List::Hijacked,
            "publishers" => List::Publishers,
            _ => List::Journals,
        };
        if !key.is_empty() {
            by_url.insert(key, Entry { name, list });
        }
        if flag == "name" {
            names.push(Entry { name, list });
        }
    }
    let names_matcher = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(names.iter().map(|e| e.name))
        .expect("names build an automaton");
    Lists {
        by_url,
        names,
        names_matcher,
    }
});

/// The listed entry a web address falls under: the address itself or a parent path of it.
pub fn by_url(url: &str) -> Option<&'static Entry> {
    let key = url_key(url)?;
    let lists = &*LISTS;
    let mut end = key.len();
    loop {
        if let Some(entry) = lists.by_url.get(&key[..end]) {
            return Some(entry);
        }
        end = key[..end].rfind('/')?;
    }
}

/// Listed names in `text` as whole words, with their byte ranges. Names are matched as the
/// list writes them (lower-cased, punctuation as spaces), ignoring case.
pub fn names_in(text: &str) -> Vec<(std::ops::Range<usize>, &'static Entry)> {
    let lists = &*LISTS;
    lists
        .names_matcher
        .find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|m| (m.range(), &lists.names[m.pattern().as_usize()]))
        .collect()
}

/// A web address as the list stores it: no scheme, `www.`, query or fragment, index page or
/// trailing slash, lower-cased (`scripts/build-data.py` normalises the list the same way).
pub fn url_key(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['#', '?']).next()?.to_lowercase();
    let (host, path) = rest.split_once('/').unwrap_or((&rest, ""));
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    if !host.contains('.') {
        return None;
    }
    let mut path = path.trim_end_matches('/');
    loop {
        let last = path.rsplit('/').next().unwrap_or(path);
        let stem = last.split('.').next().unwrap_or(last);
        if last.is_empty() || !matches!(stem, "index" | "default" | "home") {
            break;
        }
        path = path[..path.len() - last.len()].trim_end_matches('/');
    }
    Some(if path.is_empty() {
        host.to_string()
    } else {
        format!("{host}/{path}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_normalise_like_the_build_script() {
        assert_eq!(
            url_key("http://www.X.org/J/index.php").as_deref(),
            Some("x.org/j")
        );
        assert_eq!(url_key("https://a.org/").as_deref(), Some("a.org"));
        assert_eq!(
            url_key("https://a.org:8080/p?q=1#f").as_deref(),
            Some("a.org/p")
        );
        assert_eq!(url_key("mailto").as_deref(), None);
    }

    #[test]
    fn listed_addresses_and_names() {
        // Rows of the shipped list (data/predatory.tsv).
        let e = by_url("http://www.aajhss.org/index.php/ijhss/article/view/1").unwrap();
        assert_eq!(e.list, List::Journals);
        assert_eq!(
            by_url("https://aabc-scielo.com.br/x").map(|e| e.list),
            Some(List::Hijacked)
        );
        assert!(by_url("https://www.nejm.org/doi/10.1056/x").is_none());
        let text = "Published in the International Journal of Humanities & Social Sciences, 2016.";
        let found = names_in(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(names_in("The New England Journal of Medicine").is_empty());
    }
}
