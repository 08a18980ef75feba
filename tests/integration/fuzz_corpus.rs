//! The fuzz target's invariants on the stable toolchain: every file of the seed corpus
//! (`fuzz/corpus/pipeline/`), every regression input the fuzzer found (`fuzz/regressions/`),
//! then mutations of them from a fixed seed, so CI exercises the checks without nightly.
//! `HEALTHLINT_FUZZ_ITERATIONS` sets how many mutations (default 150).

use std::path::{Path, PathBuf};

#[path = "../../fuzz/invariants.rs"]
mod invariants;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `dir` in name order (none when it does not exist).
fn inputs(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// The dictionary's tokens: one `"…"` a line, with `\xNN` and `\\` escapes, as libFuzzer reads it.
fn dictionary() -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string(fuzz_dir().join("pipeline.dict")).unwrap();
    text.lines()
        .filter_map(|line| line.strip_prefix('"')?.strip_suffix('"'))
        .map(|token| {
            let (bytes, mut out) = (token.as_bytes(), Vec::new());
            let mut i = 0;
            while i < bytes.len() {
                match (bytes[i], bytes.get(i + 1)) {
                    (b'\\', Some(b'x')) => {
                        out.push(u8::from_str_radix(&token[i + 2..i + 4], 16).unwrap());
                        i += 4;
                    }
                    (b'\\', Some(&c)) => {
                        out.push(c);
                        i += 2;
                    }
                    (c, _) => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            out
        })
        .collect()
}

/// xorshift64*: a fixed, dependency-free sequence, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// One libFuzzer-like mutation: insert a dictionary token, repeat a slice, delete a slice,
/// change a byte, or splice in another input.
fn mutate(rng: &mut Rng, input: &[u8], dict: &[Vec<u8>], others: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 => {
                let token = &dict[rng.below(dict.len())];
                out.splice(at..at, token.iter().copied());
            }
            1 => {
                let end = (at + rng.below(16)).min(out.len());
                let piece = out[at..end].to_vec();
                for _ in 0..rng.below(64) {
                    out.splice(at..at, piece.iter().copied());
                }
            }
            2 => {
                let end = (at + rng.below(32)).min(out.len());
                out.drain(at..end);
            }
            3 if at < out.len() => out[at] = rng.below(256) as u8,
            _ => {
                let other = &others[rng.below(others.len())];
                let from = rng.below(other.len());
                let end = (from + rng.below(64)).min(other.len());
                out.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    out
}

#[test]
fn seed_corpus_regressions_and_mutations_keep_the_invariants() {
    let linter = invariants::linter();
    let mut session = linter.session();
    let seeds = inputs(&fuzz_dir().join("corpus/pipeline"));
    assert!(seeds.len() >= 10, "the seed corpus is missing");
    let regressions = inputs(&fuzz_dir().join("regressions"));
    for input in seeds.iter().chain(&regressions) {
        invariants::check(&linter, &mut session, input);
    }
    let dict = dictionary();
    assert!(dict.len() > 50, "the dictionary did not parse");
    let iterations = std::env::var("HEALTHLINT_FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(150);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut pool = seeds.clone();
    for i in 0..iterations {
        let base = pool[rng.below(pool.len())].clone();
        let input = mutate(&mut rng, &base, &dict, &seeds);
        let shown = String::from_utf8_lossy(&input).into_owned();
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            invariants::check(&linter, &mut session, &input);
        }));
        assert!(
            checked.is_ok(),
            "mutation {i} broke an invariant; input:\n{shown:?}"
        );
        // Grow from mutated inputs too, as a fuzzer's corpus does, but stay small and fast.
        if input.len() < 4096 {
            pool.push(input);
        }
    }
}
