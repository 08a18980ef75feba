//! Phrase patterns: the small language rule packs are written in, compiled to the structure
//! the phrase engine runs on (see `phrase`) when first needed.
//!
//! | syntax        | matches                                                             |
//! |---------------|---------------------------------------------------------------------|
//! | `word`        | the word, case-insensitively, as a whole word                       |
//! | `cure+`       | the word and its inflections: cure, cures, cured, curing            |
//! | `(a|b c|d+)`  | one of the alternatives; each may be several words                  |
//! | `word?`       | the word or nothing (also on groups: `(very|really)?`)              |
//! | `~3`          | up to three words of anything in between                            |
//! | `#`           | a number: `5`, `2.5`, `1,000`                                       |
//! | `risk-free`   | a hyphen matches a hyphen, a space or nothing: risk-free, risk free |
//! | `don't`       | an apostrophe matches a straight or curly one                       |
//!
//! Words are separated by any run of white space, so a phrase matches across a soft line break.

use std::borrow::Cow;
use std::fmt;

use super::phrase::{Class, Node, Phrase};
use super::words;

/// A pattern that could not be compiled, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub pattern: String,
    pub reason: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pattern `{}`: {}", self.pattern, self.reason)
    }
}

impl std::error::Error for PatternError {}

/// Checks a pattern's syntax without compiling it.
pub fn check(pattern: &str) -> Result<(), PatternError> {
    parse(pattern).map(|_| ())
}

/// A literal that every match of a pattern contains, lower-cased, and whether it must stand at
/// the start or end of a word (so "cure" is not found in "secure"). The text of a built-in
/// pattern's anchor is borrowed from [`super::prebuilt`]'s tables: copying each one was a
/// fifth of building the rule set (callgrind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub text: Cow<'static, str>,
    pub starts_word: bool,
    pub ends_word: bool,
}

/// Literals of which every match of the pattern contains at least one: those of its most
/// selective required word or group (longest words, skipping words as common as "the"), so the
/// prefilter rarely wakes a rule for nothing. `None` when no such literal exists (a pattern of
/// numbers and optional words).
pub fn anchors(pattern: &str) -> Result<Option<Vec<Anchor>>, PatternError> {
    literals(pattern).map(|l| l.anchors)
}

/// What a pattern's matches must contain, found in one parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literals {
    /// See [`anchors`].
    pub anchors: Option<Vec<Anchor>>,
    /// For every required word or group of the pattern, its literals: a sentence lacking every
    /// literal of any one set cannot match, which is checked before the pattern's expression is
    /// compiled or run.
    pub required: Vec<Vec<Anchor>>,
}

/// The anchors and required literal sets of a pattern (and so a check of its syntax).
pub fn literals(pattern: &str) -> Result<Literals, PatternError> {
    parse(pattern).map(|seq| {
        let required: Vec<Vec<Anchor>> = seq.iter().filter_map(item_literals).collect();
        Literals {
            anchors: most_selective(&required).map(|best| required[best].clone()),
            required,
        }
    })
}

/// Compiles phrase patterns into one phrase matching any of them, the earlier preferred.
pub fn compile(patterns: &[String]) -> Result<Phrase, PatternError> {
    let alternatives = (patterns.iter())
        .map(|pattern| parse(pattern).map(|seq| sequence_node(&seq)))
        .collect::<Result<Vec<_>, _>>()?;
    let unicode = patterns.iter().any(|p| words::needs_unicode(p));
    Ok(Phrase::new(alternatives, unicode))
}

fn parse(pattern: &str) -> Result<Vec<Item>, PatternError> {
    let err = |reason: &str| PatternError {
        pattern: pattern.to_string(),
        reason: reason.to_string(),
    };
    let tokens = tokenize(pattern);
    // "(doctor|expert)-recommended" would need a word "-recommended" after a separate word: a
    // group is a word of its own, so a compound is written whole in each alternative.
    let glued = tokens.windows(2).any(|pair| {
        matches!(
            pair,
            [Token::Close | Token::Plus | Token::Question, Token::Word(_)]
                | [Token::Word(_), Token::Open]
        )
    });
    if glued {
        return Err(err(
            "a group is a word of its own: put a space between it and a word, or write the compound whole in each alternative",
        ));
    }
    let mut parser = Parser { tokens, pos: 0 };
    let seq = parser.sequence().map_err(|r| err(&r))?;
    if parser.pos != parser.tokens.len() {
        return Err(err("unbalanced `)`"));
    }
    if seq.is_empty() {
        return Err(err("empty pattern"));
    }
    if matches!(seq.first(), Some(Item::Gap(_))) || matches!(seq.last(), Some(Item::Gap(_))) {
        return Err(err("a `~N` gap must stand between two words"));
    }
    Ok(seq)
}

/// Words so common that anchoring on them would wake a rule on almost every sentence.
const COMMON_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "and", "or", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "it", "its", "this", "that", "for", "with", "by", "as", "at",
    "from", "not", "no", "my", "our", "your", "one", "can", "will", "more", "than", "who",
];

fn required_literals(seq: &[Item]) -> Option<Vec<Anchor>> {
    let mut sets: Vec<Vec<Anchor>> = seq.iter().filter_map(item_literals).collect();
    let best = most_selective(&sets)?;
    Some(sets.swap_remove(best))
}

/// The index of the set whose least selective literal is the most selective (common words
/// count as none); the first such set.
pub fn most_selective(sets: &[Vec<Anchor>]) -> Option<usize> {
    let selectivity = |anchors: &Vec<Anchor>| {
        anchors
            .iter()
            .map(|a| match COMMON_WORDS.contains(&&*a.text) {
                true => 0,
                false => a.text.len(),
            })
            .min()
            .unwrap_or(0)
    };
    let mut best: Option<(usize, usize)> = None;
    for (index, anchors) in sets.iter().enumerate() {
        let score = selectivity(anchors);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, index));
        }
    }
    best.map(|(_, index)| index)
}

fn item_literals(item: &Item) -> Option<Vec<Anchor>> {
    match item {
        Item::Words(words) => words.iter().map(|w| word_anchor(w)).collect(),
        Item::Group(alternatives) => {
            let mut all = Vec::new();
            for alternative in alternatives {
                all.extend(required_literals(alternative)?);
            }
            Some(all)
        }
        Item::Optional(_) | Item::Gap(_) => None,
    }
}

/// The literal part of one pattern word. Hyphens and apostrophes match loosely, `#` is any
/// number, and the prefilter folds ASCII case only, so a word containing any of these or a
/// non-ASCII letter anchors on its first ASCII piece (which still starts a word) or, failing
/// that, its longest ASCII piece.
fn word_anchor(word: &str) -> Option<Anchor> {
    let is_word_char = |c: char| c.is_ascii() && words::is_word_char(c);
    let loose = |c: char| matches!(c, '-' | '\'' | '#') || !c.is_ascii();
    let (text, starts_word, ends_word) = match word.find(loose) {
        None => (
            word,
            word.starts_with(is_word_char),
            word.ends_with(is_word_char),
        ),
        Some(end) if end > 0 => (&word[..end], word.starts_with(is_word_char), false),
        Some(_) => (word.split(loose).max_by_key(|p| p.len())?, false, false),
    };
    (!text.is_empty()).then(|| Anchor {
        text: text.to_ascii_lowercase().into(),
        starts_word,
        ends_word,
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Open,
    Close,
    Bar,
    Plus,
    Question,
    Gap(usize),
    Space,
}

fn tokenize(pattern: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut chars = pattern.chars().peekable();
    let flush = |word: &mut String, tokens: &mut Vec<Token>| {
        if !word.is_empty() {
            tokens.push(Token::Word(std::mem::take(word)));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '(' | ')' | '|' | '+' | '?' => {
                flush(&mut word, &mut tokens);
                tokens.push(match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    '|' => Token::Bar,
                    '+' => Token::Plus,
                    _ => Token::Question,
                });
            }
            '~' if word.is_empty() && chars.peek().is_some_and(|d| d.is_ascii_digit()) => {
                let mut n = 0usize;
                while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    n = n * 10 + d as usize;
                    chars.next();
                }
                tokens.push(Token::Gap(n));
            }
            c if c.is_whitespace() => {
                flush(&mut word, &mut tokens);
                if tokens.last() != Some(&Token::Space) {
                    tokens.push(Token::Space);
                }
            }
            c => word.push(c),
        }
    }
    flush(&mut word, &mut tokens);
    tokens
}

#[derive(Debug, Clone)]
enum Item {
    /// Alternatives of literal words (a single word is one alternative).
    Words(Vec<String>),
    Group(Vec<Vec<Item>>),
    Optional(Box<Item>),
    Gap(usize),
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn sequence(&mut self) -> Result<Vec<Item>, String> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None | Some(Token::Close) | Some(Token::Bar) => return Ok(items),
                Some(Token::Space) => self.pos += 1,
                Some(Token::Gap(n)) => {
                    items.push(Item::Gap(*n));
                    self.pos += 1;
                }
                Some(Token::Word(_)) | Some(Token::Open) => {
                    let item = self.atom()?;
                    items.push(self.suffixes(item)?);
                }
                Some(Token::Plus) | Some(Token::Question) => {
                    return Err("`+` or `?` must follow a word or group".into())
                }
            }
        }
    }

    fn atom(&mut self) -> Result<Item, String> {
        match self.tokens.get(self.pos).cloned() {
            Some(Token::Word(w)) => {
                self.pos += 1;
                Ok(Item::Words(vec![w]))
            }
            Some(Token::Open) => {
                self.pos += 1;
                let mut alternatives = vec![self.sequence()?];
                while self.peek() == Some(&Token::Bar) {
                    self.pos += 1;
                    alternatives.push(self.sequence()?);
                }
                if self.peek() != Some(&Token::Close) {
                    return Err("unclosed `(`".into());
                }
                self.pos += 1;
                if alternatives.iter().any(Vec::is_empty) {
                    return Err("empty alternative in a group".into());
                }
                Ok(Item::Group(alternatives))
            }
            _ => Err("expected a word or group".into()),
        }
    }

    fn suffixes(&mut self, mut item: Item) -> Result<Item, String> {
        loop {
            match self.peek() {
                Some(Token::Plus) => {
                    self.pos += 1;
                    item = inflect_item(item);
                }
                Some(Token::Question) => {
                    self.pos += 1;
                    item = Item::Optional(Box::new(item));
                }
                _ => return Ok(item),
            }
        }
    }
}

/// Applies `+` to a word, or to the last word of each alternative of a group.
fn inflect_item(item: Item) -> Item {
    match item {
        Item::Words(words) => Item::Words(words.iter().flat_map(|w| inflections(w)).collect()),
        Item::Group(alternatives) => Item::Group(
            alternatives
                .into_iter()
                .map(|mut seq| {
                    if let Some(last) = seq.pop() {
                        seq.push(inflect_item(last));
                    }
                    seq
                })
                .collect(),
        ),
        Item::Optional(inner) => Item::Optional(Box::new(inflect_item(*inner))),
        gap @ Item::Gap(_) => gap,
    }
}

/// English inflections of a base word: plural or third person, past, and present participle.
/// Over-generation ("effected") is harmless: the extra forms never occur in prose.
pub fn inflections(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    let mut forms = vec![lower.clone()];
    let bytes = lower.as_bytes();
    let last = bytes.last().copied().unwrap_or(b' ');
    let before_last = bytes.len().checked_sub(2).map(|i| bytes[i]);
    let is_vowel = |b: u8| b"aeiou".contains(&b);
    if last == b'e' {
        let stem = &lower[..lower.len() - 1];
        forms.extend([
            format!("{lower}s"),
            format!("{lower}d"),
            format!("{stem}ing"),
        ]);
    } else if last == b'y' && before_last.is_some_and(|b| !is_vowel(b)) {
        let stem = &lower[..lower.len() - 1];
        forms.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{lower}ing"),
        ]);
    } else if lower.ends_with('s')
        || lower.ends_with("sh")
        || lower.ends_with("ch")
        || lower.ends_with('x')
        || lower.ends_with('z')
    {
        forms.extend([
            format!("{lower}es"),
            format!("{lower}ed"),
            format!("{lower}ing"),
        ]);
    } else {
        forms.extend([
            format!("{lower}s"),
            format!("{lower}ed"),
            format!("{lower}ing"),
        ]);
        // Short consonant-vowel-consonant verbs double the consonant: stop → stopped.
        let n = bytes.len();
        if n >= 3
            && !is_vowel(last)
            && !b"wxy".contains(&last)
            && is_vowel(bytes[n - 2])
            && !is_vowel(bytes[n - 3])
        {
            let c = last as char;
            forms.extend([format!("{lower}{c}ed"), format!("{lower}{c}ing")]);
        }
    }
    forms
}

/// The words of a group whose alternatives are all single words (`(cure+|heal+)`), which can
/// share one pair of word boundaries.
fn single_words(alternatives: &[Vec<Item>]) -> Option<impl Iterator<Item = &str>> {
    alternatives
        .iter()
        .all(|seq| matches!(seq.as_slice(), [Item::Words(_)]))
        .then(|| {
            alternatives.iter().flat_map(|seq| match seq.as_slice() {
                [Item::Words(words)] => words.iter().map(String::as_str).collect::<Vec<_>>(),
                _ => Vec::new(),
            })
        })
}

/// Between two words of a pattern: spaces, or a comma and spaces ("natural, so it is safe"
/// matches `natural so ~3 safe`), since writers punctuate the same claim either way.
fn joiner() -> Node {
    Node::concat(vec![
        Node::optional(Node::literal(",")),
        Node::Run(Class::Space),
    ])
}

/// `~n`: up to `n` words of anything, each after a joiner.
fn gap(n: usize) -> Node {
    Node::UpTo {
        node: Box::new(Node::concat(vec![joiner(), Node::Run(Class::NonSpace)])),
        max: n,
    }
}

fn sequence_node(items: &[Item]) -> Node {
    let mut nodes = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Gap(n) => nodes.push(gap(*n)),
            Item::Optional(inner) if i == 0 => nodes.push(Node::optional(Node::concat(vec![
                item_node(inner),
                joiner(),
            ]))),
            Item::Optional(inner) => nodes.push(Node::optional(Node::concat(vec![
                joiner(),
                item_node(inner),
            ]))),
            _ if i == 0 || matches!(items[i - 1], Item::Optional(_)) && i == 1 => {
                nodes.push(item_node(item))
            }
            _ => {
                nodes.push(joiner());
                nodes.push(item_node(item));
            }
        }
    }
    Node::concat(nodes)
}

fn item_node(item: &Item) -> Node {
    match item {
        Item::Words(words) => words_node(words.iter().map(String::as_str)),
        Item::Group(alternatives) => match single_words(alternatives) {
            Some(words) => words_node(words),
            None => Node::Alt(alternatives.iter().map(|s| sequence_node(s)).collect()),
        },
        Item::Optional(inner) => Node::optional(item_node(inner)),
        Item::Gap(n) => gap(*n),
    }
}

/// Alternative words. When every one starts (ends) with a word character they share one leading
/// (trailing) word boundary.
fn words_node<'a>(words: impl Iterator<Item = &'a str>) -> Node {
    let words: Vec<&str> = words.collect();
    let is_word_char = words::is_word_char;
    let numeric = |w: &str| w.contains('#');
    let shared_start = words
        .iter()
        .all(|w| !numeric(w) && w.starts_with(is_word_char));
    let shared_end = words
        .iter()
        .all(|w| !numeric(w) && w.ends_with(is_word_char));
    let mut alternatives: Vec<Node> = words
        .iter()
        .map(|w| word_node(w, !shared_start, !shared_end))
        .collect();
    alternatives.dedup();
    let body = match alternatives.len() {
        1 => alternatives.pop().expect("one alternative"),
        _ => Node::Alt(alternatives),
    };
    let boundary = |shared: bool| shared.then_some(Node::Boundary);
    Node::concat(
        [boundary(shared_start), Some(body), boundary(shared_end)]
            .into_iter()
            .flatten()
            .collect(),
    )
}

/// A number, or a range of numbers flagged whole ("35–55", "20-40", "2 to 3").
fn number_or_range() -> Node {
    let range = Node::concat(vec![
        Node::optional(Node::literal("%")),
        Node::optional(Node::One(Class::Space)),
        Node::Alt(["-", "–", "—", "to"].map(Node::literal).to_vec()),
        Node::optional(Node::One(Class::Space)),
        Node::Number,
    ]);
    Node::concat(vec![Node::Number, Node::optional(range)])
}

/// One literal word, with word boundaries (where asked) at edges that are word characters.
fn word_node(word: &str, start_boundary: bool, end_boundary: bool) -> Node {
    if word == "#" {
        return number_or_range();
    }
    let is_word_char = words::is_word_char;
    let mut nodes = Vec::new();
    if start_boundary && word.chars().next().is_some_and(is_word_char) {
        nodes.push(Node::Boundary);
    }
    let mut literal = String::new();
    let flush = |literal: &mut String, nodes: &mut Vec<Node>| {
        if !literal.is_empty() {
            nodes.push(Node::literal(&std::mem::take(literal)));
        }
    };
    for c in word.chars() {
        let special = match c {
            // A hyphen matches a hyphen, a space or nothing.
            '-' => Node::optional(Node::Alt(vec![
                Node::One(Class::Space),
                Node::literal("-"),
                Node::literal("‐"),
                Node::literal("–"),
            ])),
            '\'' | '’' => Node::Alt(vec![Node::literal("'"), Node::literal("’")]),
            '#' => Node::Number,
            c => {
                literal.push(c);
                continue;
            }
        };
        flush(&mut literal, &mut nodes);
        nodes.push(special);
    }
    flush(&mut literal, &mut nodes);
    if end_boundary && word.chars().last().is_some_and(is_word_char) {
        nodes.push(Node::Boundary);
    }
    Node::concat(nodes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(pattern: &str) -> Phrase {
        compile(&[pattern.to_string()]).unwrap()
    }

    fn matches(pattern: &str, text: &str) -> Option<String> {
        let found = phrase(pattern).find_all(text);
        found.first().map(|m| text[m.clone()].to_string())
    }

    #[test]
    fn inflects_verbs() {
        assert_eq!(
            inflections("confirm"),
            ["confirm", "confirms", "confirmed", "confirming"]
        );
        assert_eq!(inflections("cure"), ["cure", "cures", "cured", "curing"]);
        assert_eq!(inflections("cry"), ["cry", "cries", "cried", "crying"]);
        assert!(inflections("stop").contains(&"stopped".to_string()));
        assert!(inflections("eliminate").contains(&"eliminates".to_string()));
    }

    #[test]
    fn phrases_match_whole_words_across_white_space() {
        assert_eq!(
            matches("confirm+ safe", "It was CONFIRMED\n safe."),
            Some("CONFIRMED\n safe".into())
        );
        assert_eq!(matches("cure", "a secure place"), None);
        assert_eq!(
            matches("miracle (cure|drug)+", "miracle drugs"),
            Some("miracle drugs".into())
        );
    }

    #[test]
    fn gaps_optional_numbers_hyphens_apostrophes() {
        assert_eq!(
            matches("confirm+ ~2 safe", "confirmed to be safe"),
            Some("confirmed to be safe".into())
        );
        assert_eq!(matches("confirm+ ~1 safe", "confirmed to be safe"), None);
        assert_eq!(
            matches("(very|really)? safe", "really safe"),
            Some("really safe".into())
        );
        assert_eq!(matches("the? cure", "cure"), Some("cure".into()));
        assert_eq!(matches("# %", "50 % of"), Some("50 %".into()));
        assert_eq!(matches("risk-free", "risk free"), Some("risk free".into()));
        assert_eq!(matches("risk-free", "riskfree"), Some("riskfree".into()));
        assert_eq!(matches("don't", "don’t"), Some("don’t".into()));
        assert_eq!(matches("100%", "100% safe"), Some("100%".into()));
    }

    #[test]
    fn anchors_are_the_most_selective_required_literals() {
        let texts = |p: &str| -> Option<Vec<String>> {
            anchors(p)
                .unwrap()
                .map(|a| a.into_iter().map(|a| a.text.into_owned()).collect())
        };
        assert_eq!(texts("miracle (cure|drug)"), Some(vec!["miracle".into()]));
        assert_eq!(texts("the study (shows|found)"), Some(vec!["study".into()]));
        assert_eq!(texts("the? # %"), Some(vec!["%".into()]));
        assert_eq!(texts("# #"), None);
        assert!(texts("cure+").unwrap().contains(&"cured".to_string()));
    }

    #[test]
    fn every_required_word_is_a_literal_set() {
        let required = literals("(cut+|lower+) the? risk ~3 by # %")
            .unwrap()
            .required;
        let texts: Vec<Vec<&str>> = required
            .iter()
            .map(|set| set.iter().map(|a| &*a.text).collect())
            .collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert!(texts[0].contains(&"cuts") && texts[0].contains(&"lowered"));
        assert_eq!(texts[1..], [vec!["risk"], vec!["by"], vec!["%"]]);
    }

    #[test]
    fn hyphenated_words_anchor_on_their_first_piece() {
        let anchor = |p: &str| anchors(p).unwrap().unwrap().remove(0);
        let risk_free = anchor("risk-free");
        assert_eq!(risk_free.text, "risk");
        assert!(risk_free.starts_word && !risk_free.ends_word);
        let whole = anchor("miracle");
        assert!(whole.starts_word && whole.ends_word);
        let percent = anchor("#%");
        assert_eq!(percent.text, "%");
        assert!(!percent.starts_word && !percent.ends_word);
    }

    #[test]
    fn non_ascii_words_match_whole() {
        assert_eq!(phrase("café").find_all("Un CAFÉ noir"), vec![3..8]);
        assert!(!phrase("café").is_match("cafés"));
        assert!(phrase("élixir+").is_match("Élixirs de santé"));
        assert!(!phrase("élixir+").is_match("unélixir"));
        let anchor = anchors("élixir").unwrap().unwrap().remove(0);
        assert_eq!((&*anchor.text, anchor.starts_word), ("lixir", false));
    }

    #[test]
    fn rejects_malformed_patterns() {
        for bad in [
            "(a|b", "a)", "~2 a", "+", "", "(a|b)-c", "a-(b|c)", "(a|b)?c",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
