//! Numbers that cannot be true: a reduction of more than 100%, more than 100% of a group of
//! people, a risk of "1 in 0", a range whose ends are reversed. Each is a typo or a
//! misunderstanding (a relative change read as an absolute one), and either way the reader
//! cannot tell what was meant.

use std::ops::Range;
use std::sync::LazyLock;

use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;

use crate::lean_regex;
use crate::rules::words::{contains_ignoring_case, ends_ignoring_case, starts_ignoring_case};

/// A number as written: `150`, `1,000`, `2.5`.
///
/// ASCII digits only: a number is read with `str::parse`, which reads no others, and Unicode's
/// sixty-odd digit ranges, repeated in every expression, made them slow to compile.
const NUMBER: &str = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?";
/// Per cent, however written.
const PERCENT: &str = r"[ \t]?(?:%|per[ \t]?cent\b)";

/// One check: its kind, a cheap test that every text it can match passes, and its expression,
/// compiled the first time a text passes the test.
struct Check {
    kind: Kind,
    may_match: fn(&str) -> bool,
    regex: LazyLock<Regex>,
}

/// Compiled in ASCII mode: the text reaches these checks with its spaces and apostrophes
/// normalised, and Unicode word classes and boundaries, repeated, made these expressions a sixth
/// of a run on one article (callgrind). Lean (see [`lean_regex`]): each runs only on paragraphs
/// with a digit and a cheap [`Check::may_match`] hit.
fn re(expression: String) -> Regex {
    lean_regex::build(&expression, syntax::Config::new().unicode(false))
}

/// One match of a check in a paragraph, its groups read by name.
struct Found<'t> {
    captures: Captures,
    text: &'t str,
}

impl<'t> Found<'t> {
    fn name(&self, name: &str) -> Option<&'t str> {
        let span = self.captures.get_group_by_name(name)?;
        Some(&self.text[span.range()])
    }

    fn whole(&self) -> Range<usize> {
        self.captures.get_match().map_or(0..0, |m| m.range())
    }

    fn whole_text(&self) -> &'t str {
        &self.text[self.whole()]
    }
}

/// Whether `text` may hold a per cent sign as [`PERCENT`] matches it: `%`, or "cent" in any
/// case (no letter of it has a case variant outside ASCII that `(?i)` would match too).
fn may_have_percent(text: &str) -> bool {
    text.contains('%') || contains_ignoring_case(text.as_bytes(), b"cent")
}

/// Whether `text` may hold a reduction "by" a per cent: the word "by" with a number at most
/// four words after it (`by 150%`, `by as much as 150%`), and a per cent sign.
fn may_have_reduction_by(text: &str) -> bool {
    // How many words have passed since the last "by".
    let mut after_by = None;
    may_have_percent(text)
        && words(text).any(|word| {
            let number = after_by.is_some_and(|passed| passed < 4) && starts_with_digit(word);
            after_by = match word.eq_ignore_ascii_case(b"by") {
                true => Some(0),
                false => after_by.map(|passed| passed + 1),
            };
            number
        })
}

/// Whether `text` may hold a per cent reduction said as a noun or comparative ("150% fewer",
/// "20 per cent relative reduction").
fn may_have_reduction_noun(text: &str) -> bool {
    const NOUNS: [&[u8]; 9] = [
        b"reduction",
        b"decrease",
        b"drop",
        b"fall",
        b"decline",
        b"cut",
        b"less",
        b"fewer",
        b"lower",
    ];
    let qualifiers: &[&[u8]] = &[b"relative", b"absolute", b"overall"];
    after_percent(text, qualifiers, |word| {
        NOUNS.iter().any(|noun| starts_ignoring_case(word, noun))
    })
}

/// Whether `text` may hold a per cent "of" a group of people.
fn may_have_share(text: &str) -> bool {
    after_percent(text, &[], |word| word.eq_ignore_ascii_case(b"of"))
}

/// Whether a word of `text` that `is_next` accepts follows a per cent (`150%`, `150 %`,
/// `150 per cent`), directly or after one of the words `qualifiers`.
fn after_percent(text: &str, qualifiers: &[&[u8]], is_next: impl Fn(&[u8]) -> bool) -> bool {
    let is_percent = |word: &[u8]| word.ends_with(b"%") || ends_ignoring_case(word, b"cent");
    let (mut before, mut last): (&[u8], &[u8]) = (b"", b"");
    may_have_percent(text)
        && words(text).any(|word| {
            let after = is_percent(last)
                || (qualifiers.iter().any(|q| last.eq_ignore_ascii_case(q)) && is_percent(before));
            (before, last) = (last, word);
            after && is_next(word)
        })
}

/// Whether `text` may hold "in 0" or "in zero": the word "in" before a word that starts with
/// `0` or "zero" (no letter of "zero" has a case variant outside ASCII).
fn may_have_zero(text: &str) -> bool {
    if memchr::memchr3(b'0', b'z', b'Z', text.as_bytes()).is_none() {
        return false;
    }
    let mut after_in = false;
    words(text).any(|word| {
        let zero = after_in && (word.starts_with(b"0") || starts_ignoring_case(word, b"zero"));
        after_in = word.eq_ignore_ascii_case(b"in");
        zero
    })
}

/// Whether `text` may hold a range: a number after a word that ends "between" or "from", or
/// two digits either side of a dash (`-`, `–`, `—`), each with at most a space or tab between.
fn may_have_range(text: &str) -> bool {
    let mut after_opener = false;
    let opened = words(text).any(|word| {
        let number = after_opener && starts_with_digit(word);
        after_opener = ends_ignoring_case(word, b"between") || ends_ignoring_case(word, b"from");
        number
    });
    let bytes = text.as_bytes();
    let blank = |b: &u8| matches!(b, b' ' | b'\t');
    let digit_before = |end: usize| {
        let end = end - usize::from(bytes[..end].last().is_some_and(blank));
        bytes[..end].last().is_some_and(u8::is_ascii_digit)
    };
    let digit_after = |start: usize| {
        let start = start + usize::from(bytes.get(start).is_some_and(blank));
        bytes.get(start).is_some_and(u8::is_ascii_digit)
    };
    // `-` is one byte, the en and em dashes three starting 0xE2.
    opened
        || memchr::memchr2_iter(b'-', 0xE2, bytes).any(|at| {
            let len = match &bytes[at..] {
                [b'-', ..] => 1,
                [0xE2, 0x80, 0x93 | 0x94, ..] => 3,
                _ => return false,
            };
            digit_before(at) && digit_after(at + len)
        })
}

/// The words of `text` as the checks' `\s+` separates them: runs of anything but ASCII white
/// space, which is `\s` in ASCII mode (with the vertical tab that `u8::is_ascii_whitespace`
/// leaves out).
fn words(text: &str) -> impl Iterator<Item = &[u8]> {
    (text
        .as_bytes()
        .split(|&b| b.is_ascii_whitespace() || b == 0x0b))
    .filter(|w| !w.is_empty())
}

fn starts_with_digit(word: &[u8]) -> bool {
    word.first().is_some_and(u8::is_ascii_digit)
}

static CHECKS: [Check; 5] = [
    Check {
        kind: Kind::Reduction,
        may_match: may_have_reduction_by,
        regex: LazyLock::new(|| {
            re(format!(
                r"(?i)\b(?:reduc(?:e|es|ed|ing)|cut(?:s|ting)?|lower(?:s|ed|ing)?|decreas(?:e|es|ed|ing)|drop(?:s|ped|ping)?|f[ae]ll(?:s|en|ing)?|declin(?:e|es|ed|ing)|shr[aiu]nk(?:s|ing)?|slash(?:es|ed|ing)?)\b(?:\s+(?:[\w'-]|’)+){{0,7}}?\s+by\s+(?:(?:up\s+to|as\s+much\s+as|more\s+than|over|nearly|almost|about|around|some)\s+)?(?P<n>{NUMBER}){PERCENT}"
            ))
        }),
    },
    Check {
        kind: Kind::Reduction,
        may_match: may_have_reduction_noun,
        regex: LazyLock::new(|| {
            re(format!(
                r"(?i)\b(?P<n>{NUMBER}){PERCENT}\s+(?:(?:relative|absolute|overall)\s+)?(?:reduction|decrease|drop|fall|decline|cut|less|fewer|lower)\b"
            ))
        }),
    },
    Check {
        kind: Kind::People,
        may_match: may_have_share,
        regex: LazyLock::new(|| {
            re(format!(
                r"(?i)\b(?P<n>{NUMBER}){PERCENT}\s+of\s+(?:(?:all|the|those|these|our|us)\s+)?(?:(?:\w+)\s+)?(?:people|persons|patients|adults|children|kids|teens|teenagers|adolescents|infants|babies|women|men|participants|subjects|respondents|volunteers|individuals|smokers|users|americans|britons|residents|the\s+population|population|doctors|nurses|students|them)\b"
            ))
        }),
    },
    Check {
        kind: Kind::OneInZero,
        may_match: may_have_zero,
        regex: LazyLock::new(|| {
            re(r"(?i)\b(?:[0-9][0-9,]*|one)\s+in\s+(?:0|zero)\b(?P<decimal>[.,][0-9])?".into())
        }),
    },
    Check {
        kind: Kind::Range,
        may_match: may_have_range,
        regex: LazyLock::new(|| {
            re(format!(
                r"(?i)\b(?:between\s+(?P<a>{NUMBER})(?P<u1>{PERCENT})?\s+and\s+(?P<b>{NUMBER})|(?:from|rang(?:e|es|ed|ing)\s+from)\s+(?P<c>{NUMBER})(?P<u2>{PERCENT})?\s+to\s+(?P<d>{NUMBER})|(?P<e>{NUMBER})[ \t]?(?:-|–|—)[ \t]?(?P<f>{NUMBER})[ \t]?(?:%|per[ \t]?cent\b|mg\b|g\b|kg\b|mcg\b|µg\b|ml\b|l\b|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|mmhg\b|bpm\b|cm\b|mm\b|inches\b|lb\b|kcal\b|calories\b|times\b))"
            ))
        }),
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Reduction,
    People,
    OneInZero,
    Range,
}

/// Compiles now (see [`crate::lint::warm_up`]) the expressions of the checks that
/// [`impossible`] will run on `text`, or of every check when the text is not known.
pub fn warm_up(text: Option<&str>) {
    let compile = |check: &Check| {
        LazyLock::force(&check.regex);
    };
    match text {
        Some(text) => to_run(text).for_each(|(_, _, check)| compile(check)),
        None => CHECKS.iter().for_each(compile),
    }
}

/// Every impossible number in `text`: its span and why it cannot be right.
pub fn impossible(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    for (offset, paragraph, check) in to_run(text) {
        for captures in check.regex.captures_iter(paragraph) {
            let c = Found {
                captures,
                text: paragraph,
            };
            if let Some(message) = judge(check.kind, &c, paragraph) {
                let whole = c.whole();
                found.push((offset + whole.start..offset + whole.end, message));
            }
        }
    }
    found.sort_by_key(|(span, _)| span.start);
    found.dedup_by(|b, a| b.0.start < a.0.end);
    found
}

/// Each paragraph of `text` with its offset, with each check that may match in it.
///
/// Read a paragraph at a time, and only paragraphs with a digit: running every expression over
/// whole documents was a twentieth of a run over the corpus (callgrind), and no number claim
/// continues across a blank line. A check runs only where its [`Check::may_match`] passes: on a
/// 10 KB article, compiling and running the expressions that could not match was a sixteenth
/// of its instructions (callgrind).
fn to_run(text: &str) -> impl Iterator<Item = (usize, &str, &'static Check)> {
    (paragraphs(text))
        .filter(|(_, paragraph)| paragraph.bytes().any(|b| b.is_ascii_digit()))
        .flat_map(|(offset, paragraph)| {
            (CHECKS.iter())
                .filter(move |c| (c.may_match)(paragraph))
                .map(move |check| (offset, paragraph, check))
        })
}

/// `text` cut at its blank lines (`\n\n` or `\n\r\n`), each piece with its offset.
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut search = start;
        let end = loop {
            let Some(newline) = text[search..].find('\n') else {
                break text.len();
            };
            search += newline + 1;
            let rest = &text[search..];
            if rest.strip_prefix('\r').unwrap_or(rest).starts_with('\n') {
                break search;
            }
        };
        let paragraph = (start, &text[start..end]);
        start = end;
        Some(paragraph)
    })
}

fn number(c: &Found, name: &str) -> Option<f64> {
    c.name(name)?.replace(',', "").parse().ok()
}

fn judge(kind: Kind, c: &Found, text: &str) -> Option<String> {
    match kind {
        Kind::Reduction => {
            let (n, written) = (number(c, "n")?, c.name("n")?);
            (n > 100.0).then(|| {
                format!(
                    "a reduction of {}% is impossible: nothing falls by more than 100% (was an \
                     increase in the other group read backwards?)",
                    written.trim()
                )
            })
        }
        Kind::People => {
            let (n, written) = (number(c, "n")?, c.name("n")?);
            (n > 100.0).then(|| {
                format!(
                    "{}% of a group of people is impossible: a share of people is at most 100%",
                    written.trim()
                )
            })
        }
        // `1 in 0.5` is a ratio, not a count.
        Kind::OneInZero if c.name("decimal").is_some() => None,
        Kind::OneInZero => Some(format!(
            "“{}” is not a risk: a rate is out of a number of people, never zero",
            c.whole_text()
        )),
        Kind::Range => {
            let (a, b) = if c.name("a").is_some() {
                (number(c, "a")?, number(c, "b")?)
            } else if c.name("c").is_some() {
                // "fell from 80 to 20" is a change, not a range: only "ranged from" is one.
                if !c.whole_text().to_ascii_lowercase().starts_with("rang") {
                    return None;
                }
                (number(c, "c")?, number(c, "d")?)
            } else {
                // `2020;323:1061–9`: abbreviated page ranges after a volume are citations;
                // `.25-2%` starts with a decimal point the expression did not read.
                let start = c.whole().start;
                let before = text[..start].trim_end();
                if before.ends_with([':', ';', '/'])
                    || before.ends_with("pp.")
                    || text[..start].ends_with('.')
                {
                    return None;
                }
                (number(c, "e")?, number(c, "f")?)
            };
            (a > b).then(|| {
                format!(
                    "the range “{}” runs backwards: its first end is larger than its last",
                    c.whole_text().trim()
                )
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<&str> {
        impossible(text)
            .into_iter()
            .map(|(span, _)| &text[span])
            .collect()
    }

    #[test]
    fn paragraphs_are_read_one_at_a_time_with_their_offsets() {
        let text = "It fell by 150%.\n\nBetween 9 and\r\n\r\n3 people. In 30–20% of cases.";
        let pieces: Vec<(usize, &str)> = paragraphs(text).collect();
        assert_eq!(pieces.iter().map(|p| p.1).collect::<String>(), text);
        assert_eq!(pieces[1], (17, "\nBetween 9 and\r\n"));
        assert_eq!(flagged(text), ["fell by 150%", "30–20%"]);
    }

    /// A check skips every paragraph its test fails, so the test must pass every text its
    /// expression matches, however the words are cased and spaced.
    #[test]
    fn every_text_a_check_matches_passes_its_test() {
        let texts = [
            "It fell by 150%.",
            "cut by as much as 150 per cent",
            "Dropped BY\x0bup to\t120 %",
            "a 200% reduction",
            "with 120 percent fewer infections",
            "150 PerCent RELATIVE Reduction",
            "110% of adults",
            "120 %\tOF the patients",
            "a risk of 1 in 0",
            "ONE IN ZERO",
            "1 in 0.5",
            "between 50 and 20 mg",
            "(Between\t50 and 20",
            "ages ranged from 65 to 18",
            "in 30–20% of cases",
            "30 — 20 mg",
            "a 3-1 kg weight",
            "5 -\t3 kg",
        ];
        for text in texts {
            let example = CHECKS.iter().any(|check| check.regex.is_match(text));
            assert!(example, "{text:?} is no example");
            for check in CHECKS.iter().filter(|check| check.regex.is_match(text)) {
                assert!((check.may_match)(text), "{:?} on {text:?}", check.kind);
            }
        }
    }

    #[test]
    fn reductions_over_100_percent() {
        assert_eq!(
            flagged("The drug reduced the risk of stroke by 150%."),
            ["reduced the risk of stroke by 150%"]
        );
        assert_eq!(flagged("a 200% reduction in symptoms"), ["200% reduction"]);
        assert_eq!(
            flagged("with 120 percent fewer infections"),
            ["120 percent fewer"]
        );
        assert!(flagged("The drug reduced the risk by 50%.").is_empty());
        assert!(flagged("It cut deaths by 100%.").is_empty());
        assert!(flagged("a 150% increase in cases").is_empty());
    }

    #[test]
    fn shares_of_people() {
        assert_eq!(flagged("Up to 110% of adults lack it."), ["110% of adults"]);
        assert_eq!(
            flagged("120% of the patients improved"),
            ["120% of the patients"]
        );
        assert!(flagged("90% of adults lack it.").is_empty());
        assert!(flagged("It gives 150% of the daily value of vitamin C.").is_empty());
    }

    #[test]
    fn one_in_zero_and_reversed_ranges() {
        assert_eq!(flagged("a risk of 1 in 0"), ["1 in 0"]);
        assert!(flagged("a risk of 1 in 10").is_empty());
        assert!(flagged("1 in 0.5 is odd").is_empty());
        assert_eq!(flagged("between 50 and 20 mg a day"), ["between 50 and 20"]);
        assert_eq!(flagged("in 30–20% of cases"), ["30–20%"]);
        assert!(flagged("Roughly .25-2% of people develop it.").is_empty());
        assert_eq!(
            flagged("ages ranged from 65 to 18"),
            ["ranged from 65 to 18"]
        );
        assert!(flagged("between 20 and 50 mg").is_empty());
        assert!(flagged("fell from 80 to 20").is_empty());
        assert!(flagged("JAMA 2020;323:1061–9 years").is_empty());
        assert!(flagged("a 3-1 win").is_empty());
    }
}
