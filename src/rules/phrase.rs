//! The engine phrase patterns run on: a backtracking matcher over the pattern's own structure.
//!
//! A phrase pattern is a few literal words with joiners, gaps and alternatives, so there is
//! nothing to gain from compiling it to an automaton, and compiling was the largest cost of a
//! run on one article: about 35 expressions, 9 ms of 30 (callgrind). Built from the parse, a
//! [`Phrase`] costs nothing more to prepare, and a search tries only the positions where its
//! first word can start.
//!
//! It matches as the regular expressions it replaces did, leftmost-first: of the matches that
//! start earliest, the one a backtracking engine meets first (alternatives in order, greedy
//! repetition). It runs in ASCII mode — `\b`, white space, digits and case folding see ASCII
//! only, all that English prose needs — unless the pattern holds a non-ASCII word character
//! ("café"), whose boundaries and case only Unicode mode sees (see [`words::needs_unicode`]).
//!
//! Every repetition of unbounded length (white space, a run of non-space, a number) is matched
//! by a loop, not by recursion, so no input can exhaust the stack; recursion is bounded by the
//! pattern's own size.

use std::ops::Range;

use super::words;

// Read by the build script too, through its own path to this file.
#[path = "phrase_code.rs"]
mod code;

/// One piece of a phrase pattern's structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// These characters, lower-cased; case is folded when matching.
    Literal(Box<str>),
    /// A word boundary.
    Boundary,
    /// One character of the class.
    One(Class),
    /// One or more characters of the class, as many as possible first.
    Run(Class),
    /// A number as written: digits, with `.` or `,` between groups of digits (`1,000`, `2.5`).
    Number,
    /// Each in turn.
    Concat(Vec<Node>),
    /// The first that lets the rest match.
    Alt(Vec<Node>),
    /// An [`Node::Alt`] indexed by first byte, as [`Phrase::new`] builds it.
    Choice(Choice),
    /// The node up to `max` times, as many as possible first.
    UpTo { node: Box<Node>, max: usize },
}

/// A class of single characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Space,
    NonSpace,
}

impl Node {
    pub fn literal(text: &str) -> Node {
        Node::Literal(text.to_lowercase().into())
    }

    pub fn optional(node: Node) -> Node {
        Node::UpTo {
            node: Box::new(node),
            max: 1,
        }
    }

    /// A sequence, flattened, without a wrapper for a single node.
    pub fn concat(nodes: Vec<Node>) -> Node {
        let mut flat = Vec::with_capacity(nodes.len());
        for node in nodes {
            match node {
                Node::Concat(inner) => flat.extend(inner),
                other => flat.push(other),
            }
        }
        match flat.len() {
            1 => flat.pop().expect("one node"),
            _ => Node::Concat(flat),
        }
    }

    /// Whether the node can match without consuming anything.
    fn nullable(&self) -> bool {
        match self {
            Node::Literal(text) => text.is_empty(),
            Node::Boundary | Node::UpTo { .. } => true,
            Node::One(_) | Node::Run(_) | Node::Number => false,
            Node::Concat(nodes) => nodes.iter().all(Node::nullable),
            Node::Alt(nodes) => nodes.iter().any(Node::nullable),
            Node::Choice(choice) => choice.options.iter().any(Node::nullable),
        }
    }

    /// Adds to `starts` every byte a match of the node can start with, and returns whether the
    /// node can match nothing (so what follows it can start the match too). With `boundary`, a
    /// word boundary stands just before the node, so a word character can start it only after
    /// a non-word one, and the other way round.
    fn first_bytes(&self, unicode: bool, starts: &mut Starts, boundary: bool) -> bool {
        let mut add = |byte: u8| starts.add(byte, boundary, unicode);
        match self {
            Node::Literal(text) => {
                let Some(c) = text.chars().next() else {
                    return true;
                };
                let mut buf = [0; 4];
                add(c.encode_utf8(&mut buf).as_bytes()[0]);
                add(c.to_ascii_uppercase().encode_utf8(&mut buf).as_bytes()[0]);
                if unicode {
                    (0x80..=0xFF).for_each(add);
                }
                false
            }
            Node::Boundary => true,
            Node::One(class) | Node::Run(class) => {
                // A byte past ASCII may start a space or a non-space in Unicode mode.
                for b in 0..=0xFF {
                    let in_class = match class {
                        Class::Space => is_ascii_space(b),
                        Class::NonSpace => !is_ascii_space(b),
                    };
                    if in_class || (unicode && b >= 0x80) {
                        add(b);
                    }
                }
                false
            }
            Node::Number => {
                (b'0'..=b'9').for_each(&mut add);
                if unicode {
                    (0x80..=0xFF).for_each(add);
                }
                false
            }
            Node::Concat(nodes) => {
                let mut boundary = boundary;
                for node in nodes {
                    if *node == Node::Boundary {
                        boundary = true;
                    } else if !node.first_bytes(unicode, starts, boundary) {
                        return false;
                    }
                }
                true
            }
            Node::Alt(options) | Node::Choice(Choice { options, .. }) => {
                // Every option adds its bytes, so no short cut.
                let mut nullable = false;
                for option in options {
                    nullable |= option.first_bytes(unicode, starts, boundary);
                }
                nullable
            }
            Node::UpTo { node, .. } => {
                node.first_bytes(unicode, starts, boundary);
                true
            }
        }
    }

    /// The node with every alternation indexed by first byte (see [`Choice`]).
    fn indexed(self, unicode: bool) -> Node {
        match self {
            Node::Alt(options) if options.len() < CHOICE_MIN => {
                Node::Alt(options.into_iter().map(|o| o.indexed(unicode)).collect())
            }
            Node::Alt(options) => Node::Choice(Choice::new(
                options.into_iter().map(|o| o.indexed(unicode)).collect(),
                unicode,
            )),
            Node::Concat(nodes) => {
                Node::Concat(nodes.into_iter().map(|n| n.indexed(unicode)).collect())
            }
            Node::UpTo { node, max } => Node::UpTo {
                node: Box::new(node.indexed(unicode)),
                max,
            },
            other => other,
        }
    }
}

/// Alternations shorter than this are tried in full: indexing costs more than it saves.
const CHOICE_MIN: usize = 8;

/// Alternatives with, for each byte, the ones a match starting with it can take, in order: an
/// alternation of a hundred inflected verbs tries the few that start with the letter at hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    options: Vec<Node>,
    /// Option numbers, grouped by byte: those for byte `b` are `order[starts[b]..starts[b + 1]]`.
    order: Vec<u16>,
    starts: Box<[u32; 257]>,
    /// The options that can match at the end of the text, consuming nothing.
    at_end: Vec<u16>,
    /// For each option, the word it starts with, if any: checked before the option is tried,
    /// so that "is" and "it" cost one comparison each against `(i|i'm|i am|i was)`.
    leads: Vec<Option<Lead>>,
}

/// The literal an option starts with, and the word boundaries around it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Lead {
    text: Box<str>,
    boundary_before: bool,
    boundary_after: bool,
}

impl Lead {
    /// The lead of `node` (ASCII mode only: its literal is compared byte by byte).
    fn of(node: &Node, unicode: bool) -> Option<Lead> {
        let nodes: &[Node] = match node {
            Node::Concat(nodes) => nodes,
            literal @ Node::Literal(_) => std::slice::from_ref(literal),
            _ => return None,
        };
        let boundary_before = nodes.first() == Some(&Node::Boundary);
        let rest = &nodes[boundary_before as usize..];
        match rest {
            [Node::Literal(text), after @ ..] if !unicode && !text.is_empty() => Some(Lead {
                text: text.clone(),
                boundary_before,
                boundary_after: after.first() == Some(&Node::Boundary),
            }),
            _ => None,
        }
    }
}

impl Choice {
    fn new(options: Vec<Node>, unicode: bool) -> Choice {
        let leads: Vec<Option<Lead>> = options.iter().map(|o| Lead::of(o, unicode)).collect();
        let mut at_end = Vec::new();
        // (byte, option) for every byte each option can start with, sorted by byte with the
        // options in order: most options start with one letter in two cases.
        let mut pairs: Vec<(u8, u16)> = Vec::new();
        for (i, option) in options.iter().enumerate() {
            // Most options start with a word (after a boundary or not): its first byte in
            // either case, without a table of every byte (which was most of building a choice).
            if let Some(lead) = &leads[i] {
                let b = lead.text.as_bytes()[0];
                pairs.push((b, i as u16));
                if b.to_ascii_uppercase() != b {
                    pairs.push((b.to_ascii_uppercase(), i as u16));
                }
                continue;
            }
            let mut starts = Starts::new();
            let nullable = option.first_bytes(unicode, &mut starts, false);
            if nullable {
                at_end.push(i as u16);
            }
            let any = starts.any();
            let bytes = (0..=0xFFu8).filter(|&b| nullable || any[b as usize]);
            pairs.extend(bytes.map(|b| (b, i as u16)));
        }
        pairs.sort_by_key(|&(byte, _)| byte);
        let mut starts = Box::new([0u32; 257]);
        for &(byte, _) in &pairs {
            starts[byte as usize + 1] += 1;
        }
        for byte in 0..256 {
            starts[byte + 1] += starts[byte];
        }
        Choice {
            leads,
            options,
            order: pairs.into_iter().map(|(_, i)| i).collect(),
            starts,
            at_end,
        }
    }

    /// The options a match at a position starting with `byte` (`None` at the end) can take.
    fn for_byte(&self, byte: Option<u8>) -> &[u16] {
        match byte {
            Some(b) => {
                &self.order[self.starts[b as usize] as usize..self.starts[b as usize + 1] as usize]
            }
            None => &self.at_end,
        }
    }
}

/// The bytes a match can start with, by what comes before: a word character, or anything else
/// (a non-word character or the start of the text).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Starts {
    after_word: [bool; 256],
    after_other: [bool; 256],
}

impl Starts {
    fn new() -> Starts {
        Starts {
            after_word: [false; 256],
            after_other: [false; 256],
        }
    }

    /// `byte` can start a match, after a word boundary if `boundary`.
    fn add(&mut self, byte: u8, boundary: bool, unicode: bool) {
        let b = byte as usize;
        if !boundary || (unicode && byte >= 0x80) {
            self.after_word[b] = true;
            self.after_other[b] = true;
        } else if is_ascii_word(byte) {
            self.after_other[b] = true;
        } else {
            self.after_word[b] = true;
        }
    }

    /// Whether an ASCII word character can start a match after a word character.
    fn inside_words(&self) -> bool {
        (0..=0xFF).any(|b| is_ascii_word(b) && self.after_word[usize::from(b)])
    }

    /// Every byte that can start a match in some place.
    fn any(&self) -> [bool; 256] {
        std::array::from_fn(|b| self.after_word[b] || self.after_other[b])
    }

    /// The bytes that can start a match, when there are at most three: a search can then jump
    /// from one to the next (memchr) instead of trying every position.
    fn rare(&self) -> Option<[u8; 3]> {
        let any = self.any();
        let bytes: Vec<u8> = (0..=0xFF).filter(|&b| any[b as usize]).collect();
        match bytes.as_slice() {
            [a] => Some([*a; 3]),
            [a, b] => Some([*a, *b, *b]),
            [a, b, c] => Some([*a, *b, *c]),
            _ => None,
        }
    }
}

/// A compiled phrase pattern, or several as one alternation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    root: Node,
    unicode: bool,
    starts: Box<Starts>,
    /// The bytes that can start a match anywhere ([`Starts::any`]), checked first.
    any: Box<[bool; 256]>,
    /// See [`Starts::rare`].
    rare: Option<[u8; 3]>,
    /// Whether a match can start with an ASCII word character right after another (see
    /// [`Starts::inside_words`]); when not, a search skips the rest of each word.
    inside_words: bool,
}

impl Phrase {
    /// Any of `alternatives`, the earlier preferred where several match at the same place;
    /// `unicode` when a pattern holds a non-ASCII word character (one puts all in Unicode mode,
    /// as one expression would have been).
    pub fn new(alternatives: Vec<Node>, unicode: bool) -> Phrase {
        Phrase::from_root(Node::Alt(alternatives).indexed(unicode), unicode)
    }

    /// The phrase of an indexed `root`, with the bytes its matches can start with.
    fn from_root(root: Node, unicode: bool) -> Phrase {
        let mut starts = Box::new(Starts::new());
        root.first_bytes(unicode, &mut starts, false);
        Phrase {
            rare: starts.rare(),
            inside_words: starts.inside_words(),
            any: Box::new(starts.any()),
            root,
            unicode,
            starts,
        }
    }

    /// Whether the phrase can match without consuming anything (and so would fire everywhere).
    pub fn matches_empty(&self) -> bool {
        self.root.nullable()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find_from(text, 0).is_some()
    }

    /// Byte ranges of every non-overlapping match, left to right.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(m) = self.find_from(text, from) {
            from = m.end;
            found.push(m);
        }
        found
    }

    /// The leftmost match starting at or after `from`.
    fn find_from(&self, text: &str, from: usize) -> Option<Range<usize>> {
        let search = Search {
            text,
            bytes: text.as_bytes(),
            unicode: self.unicode,
        };
        let try_at = |start: usize| {
            if !self.any[search.bytes[start] as usize] || !text.is_char_boundary(start) {
                return None;
            }
            let starts = match search.word_before(start) {
                true => &self.starts.after_word,
                false => &self.starts.after_other,
            };
            if !starts[search.bytes[start] as usize] || search.inside_number(start) {
                return None;
            }
            let mut end = None;
            search.node(&self.root, start, &mut |e| {
                end = (e > start).then_some(e);
                end.is_some()
            });
            end.map(|end| start..end)
        };
        let rest = text.as_bytes().get(from..)?;
        if let Some([a, b, c]) = self.rare {
            return memchr::memchr3_iter(a, b, c, rest).find_map(|i| try_at(from + i));
        }
        let bytes = search.bytes;
        let mut at = from;
        while at < bytes.len() {
            if let Some(found) = try_at(at) {
                return Some(found);
            }
            at += 1;
            // No match starts at an ASCII word character after another: past the word's rest,
            // which costs a byte test each instead of the checks of `try_at`.
            if !self.inside_words && is_ascii_word(bytes[at - 1]) {
                while bytes.get(at).is_some_and(|&b| is_ascii_word(b)) {
                    at += 1;
                }
            }
        }
        None
    }
}

fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// One search of one text.
struct Search<'t> {
    text: &'t str,
    bytes: &'t [u8],
    unicode: bool,
}

/// What to do with the end of a node's match: true to accept it (and stop), false to backtrack.
type Then<'k> = &'k mut dyn FnMut(usize) -> bool;

impl Search<'_> {
    fn node(&self, node: &Node, at: usize, then: Then) -> bool {
        match node {
            Node::Literal(text) => self.literal(text, at).is_some_and(then),
            Node::Boundary => self.word_before(at) != self.word_after(at) && then(at),
            Node::One(class) => self.one(*class, at).is_some_and(then),
            Node::Run(class) => {
                let mut end = at;
                while let Some(next) = self.one(*class, end) {
                    end = next;
                }
                self.backwards(at, end, |_| true, then)
            }
            Node::Number => {
                let end = self.number_end(at);
                self.backwards(at, end, |e| self.is_digit_before(e), then)
            }
            Node::Concat(nodes) => self.sequence(nodes, at, then),
            Node::Alt(nodes) => nodes.iter().any(|n| self.node(n, at, then)),
            Node::Choice(choice) => {
                (choice.for_byte(self.bytes.get(at).copied()).iter()).any(|&i| {
                    let i = i as usize;
                    choice.leads[i]
                        .as_ref()
                        .is_none_or(|lead| self.lead_holds(lead, at))
                        && self.node(&choice.options[i], at, then)
                })
            }
            Node::UpTo { node, max } => self.up_to(node, *max, at, then),
        }
    }

    /// Whether an option's lead matches at `at`, boundaries included (a necessary condition
    /// for the option to match there).
    fn lead_holds(&self, lead: &Lead, at: usize) -> bool {
        let boundary = |i: usize| self.word_before(i) != self.word_after(i);
        (!lead.boundary_before || boundary(at))
            && self
                .literal(&lead.text, at)
                .is_some_and(|end| !lead.boundary_after || boundary(end))
    }

    fn sequence(&self, nodes: &[Node], at: usize, then: Then) -> bool {
        match nodes.split_first() {
            None => then(at),
            Some((first, rest)) => self.node(first, at, &mut |e| self.sequence(rest, e, then)),
        }
    }

    fn up_to(&self, node: &Node, max: usize, at: usize, then: Then) -> bool {
        (max > 0
            && self.node(node, at, &mut |e| {
                e != at && self.up_to(node, max - 1, e, then)
            }))
            || then(at)
    }

    /// Offers every character boundary from `end` back to just after `start` that `valid`
    /// accepts, longest first: the order in which a greedy repetition gives characters back.
    fn backwards(
        &self,
        start: usize,
        end: usize,
        valid: impl Fn(usize) -> bool,
        then: Then,
    ) -> bool {
        let mut e = end;
        while e > start {
            if valid(e) && then(e) {
                return true;
            }
            e = self.previous_boundary(e);
        }
        false
    }

    fn previous_boundary(&self, mut i: usize) -> usize {
        i -= 1;
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// The end of the longest number starting at `at` (`at` itself when there is none).
    fn number_end(&self, at: usize) -> usize {
        let digits = |from: usize| {
            let mut end = from;
            while let Some(next) = self.digit(end) {
                end = next;
            }
            end
        };
        let mut end = digits(at);
        if end == at {
            return at;
        }
        while matches!(self.bytes.get(end), Some(b'.' | b',')) {
            let after = digits(end + 1);
            if after == end + 1 {
                break;
            }
            end = after;
        }
        end
    }

    /// Whether `at` is inside a run of digits. No match starts there: a number would have
    /// started at the run's first digit, with every end this one could reach, and every other
    /// word of a pattern starts at a word boundary or after white space.
    fn inside_number(&self, at: usize) -> bool {
        self.digit(at).is_some() && self.is_digit_before(at)
    }

    fn is_digit_before(&self, at: usize) -> bool {
        self.text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| self.is_digit(c))
    }

    fn digit(&self, at: usize) -> Option<usize> {
        let c = self.text[at..].chars().next()?;
        self.is_digit(c).then(|| at + c.len_utf8())
    }

    fn is_digit(&self, c: char) -> bool {
        match self.unicode {
            true => c.is_numeric(),
            false => c.is_ascii_digit(),
        }
    }

    fn one(&self, class: Class, at: usize) -> Option<usize> {
        let c = self.text.get(at..)?.chars().next()?;
        let space = match self.unicode {
            true => c.is_whitespace(),
            false => c.is_ascii() && is_ascii_space(c as u8),
        };
        (space == (class == Class::Space)).then(|| at + c.len_utf8())
    }

    /// The end of `lower` matched at `at`, case folded.
    #[inline]
    fn literal(&self, lower: &str, at: usize) -> Option<usize> {
        if !self.unicode {
            let end = at + lower.len();
            let here = self.bytes.get(at..end)?;
            return (here.iter().zip(lower.as_bytes()))
                .all(|(t, p)| t.to_ascii_lowercase() == *p)
                .then_some(end);
        }
        let mut chars = self.text.get(at..)?.char_indices();
        for p in lower.chars() {
            let (_, c) = chars.next()?;
            if fold(c) != p {
                return None;
            }
        }
        Some(chars.next().map_or(self.text.len(), |(i, _)| at + i))
    }

    #[inline]
    fn word_before(&self, at: usize) -> bool {
        if !self.unicode {
            return at > 0 && is_ascii_word(self.bytes[at - 1]);
        }
        self.text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| self.is_word(c))
    }

    #[inline]
    fn word_after(&self, at: usize) -> bool {
        if !self.unicode {
            return self.bytes.get(at).is_some_and(|&b| is_ascii_word(b));
        }
        self.text[at..]
            .chars()
            .next()
            .is_some_and(|c| self.is_word(c))
    }

    fn is_word(&self, c: char) -> bool {
        match self.unicode {
            true => words::is_word_char(c),
            false => c.is_ascii() && is_ascii_word(c as u8),
        }
    }
}

/// A character's simple lower-case form (itself when it lower-cases to several).
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// ASCII white space as the `\s` of ASCII mode has it, vertical tab included.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::super::pattern;

    fn find(patterns: &[&str], text: &str) -> Vec<String> {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        let phrase = pattern::compile(&patterns).unwrap();
        (phrase.find_all(text).into_iter())
            .map(|m| text[m].to_string())
            .collect()
    }

    #[test]
    fn the_earliest_start_wins_then_the_first_alternative() {
        assert_eq!(
            find(&["(miracle|miracle cure)"], "a miracle cure"),
            ["miracle"]
        );
        assert_eq!(
            find(&["cure", "miracle cure"], "a miracle cure"),
            ["miracle cure"]
        );
        assert_eq!(find(&["risk", "risk free"], "risk free"), ["risk"]);
        assert_eq!(find(&["(cure|cures)"], "it cures"), ["cures"]);
    }

    #[test]
    fn repetitions_are_greedy_and_give_back_what_the_rest_needs() {
        assert_eq!(
            find(&["confirm+ ~2 safe"], "confirmed safe and safe."),
            ["confirmed safe and safe"]
        );
        assert_eq!(
            find(&["safe, so ~1 good"], "safe,  so good"),
            ["safe,  so good"]
        );
        assert_eq!(
            find(&["# people"], "35–55 people, 2 to 3 people"),
            ["35–55 people", "2 to 3 people"]
        );
        assert_eq!(find(&["#-fold"], "a 1,000.5-fold rise"), ["1,000.5-fold"]);
    }

    #[test]
    fn no_match_starts_inside_a_word_or_a_number() {
        assert_eq!(find(&["cure"], "secure cures cure"), ["cure"]);
        assert_eq!(find(&["# %"], "x12 %"), ["12 %"]);
        assert!(find(&["#x"], "12345").is_empty());
    }

    #[test]
    fn long_runs_match_without_deep_recursion() {
        let spaces = format!("cure{}all", " ".repeat(1_000_000));
        assert_eq!(find(&["cure all"], &spaces).len(), 1);
        let digits = format!("{} fold", "7".repeat(1_000_000));
        assert_eq!(find(&["# fold"], &digits).len(), 1);
        assert!(find(&["# people"], &digits).is_empty());
        let word = format!("cure {}x all", "y".repeat(1_000_000));
        assert_eq!(find(&["cure ~2 all"], &word).len(), 1);
    }

    #[test]
    fn a_phrase_of_optional_words_matches_nothing_at_all() {
        let optional = pattern::compile(&["(very|really)?".to_string()]).unwrap();
        assert!(optional.matches_empty());
        let word = pattern::compile(&["very? safe".to_string()]).unwrap();
        assert!(!word.matches_empty());
    }
}
