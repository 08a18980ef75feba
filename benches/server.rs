//! The language server's latency from a one-character edit in a 50 KB article to its new
//! diagnostics, and the memory of a server holding 50 open articles.
//!
//! It drives the release binary over stdio as an editor does: `didChange` with one character,
//! then a `textDocument/diagnostic` pull, which lints at once (a pull does not wait for the
//! pause in typing that pushed diagnostics wait for). The time is the whole round trip:
//! framing, JSON, applying the edit, the incremental parse and lint, and the diagnostics' JSON.
//!
//! It also times the same edits in-process, without the protocol: the chunked re-parse and the
//! re-lint with the block cache, as the server runs them; the difference is the diagnostics'
//! JSON both ways, which grows with the number of findings.
//!
//! ```sh
//! cargo bench --bench server
//! ```

#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use std::path::Path;
use std::time::{Duration, Instant};

use healthlint::config::Policy;
use healthlint::lint::Linter;
use healthlint::parse::{Fields, MarkdownParser};
use healthlint::rules::RuleSet;
use healthlint::server::chunks::{Chunks, Parse};
use healthlint::server::memo::Memo;
use healthlint::source::{FileKind, SourceFile};
use lsp_client::{file_uri, Client};
use serde_json::{json, Value};

const ARTICLE_BYTES: usize = 50 * 1024;
const EDITS: usize = 400;
const OPEN_ARTICLES: usize = 50;

fn main() {
    let dir = std::env::temp_dir();
    let mut client = Client::start(Path::new(env!("CARGO_BIN_EXE_healthlint")), &dir, &[]);
    let caps = json!({"textDocument": {"diagnostic": {}}});
    client.initialize(caps, Value::Null, &dir);
    let idle = client.rss_kib();

    let text = article(0);
    let uri = file_uri(&dir.join("healthlint-bench-0.md"));
    client.open(&uri, "markdown", &text);
    let started = Instant::now();
    let first = pull(&mut client, &uri);
    let full = started.elapsed();

    // Edit inside a paragraph with findings, half-way down: type a character, then delete it.
    let at = text.find("Studies show that coffee").unwrap() + text.len() / 2;
    let at = text[at..]
        .find("Studies show")
        .map(|n| at + n)
        .unwrap_or(at);
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
    let mut times = Vec::with_capacity(EDITS);
    for version in 0..EDITS {
        let start = json!({"line": line, "character": column});
        let (range, text) = if version % 2 == 0 {
            (json!({"start": start, "end": start}), "x")
        } else {
            let end = json!({"line": line, "character": column + 1});
            (json!({"start": start, "end": end}), "")
        };
        let started = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version + 2},
                   "contentChanges": [{"range": range, "text": text}]}),
        );
        let items = pull(&mut client, &uri);
        times.push(started.elapsed());
        assert!(!items.is_empty());
    }
    let unchanged = {
        let started = Instant::now();
        for _ in 0..20 {
            pull(&mut client, &uri);
        }
        started.elapsed() / 20
    };

    for n in 1..OPEN_ARTICLES {
        let uri = file_uri(&dir.join(format!("healthlint-bench-{n}.md")));
        client.open(&uri, "markdown", &article(n));
        pull(&mut client, &uri);
    }
    let holding = client.rss_kib();
    assert!(client.shutdown().success());

    println!(
        "article: {} bytes, {} diagnostics; first (full) lint: {:.2} ms",
        text.len(),
        first.len(),
        ms(full)
    );
    report(
        "one-character edit → new diagnostics, over stdio",
        &mut times,
    );
    println!(
        "  of which a pull with no edit (diagnostics to JSON and back): {:.2} ms",
        ms(unchanged)
    );
    report(
        "one-character edit → new findings, in-process",
        &mut in_process(&text, at),
    );
    if let (Some(idle), Some(holding)) = (idle, holding) {
        println!(
            "resident memory: {:.1} MiB idle, {:.1} MiB holding {OPEN_ARTICLES} open articles",
            idle as f64 / 1024.0,
            holding as f64 / 1024.0
        );
    }
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let percentile = |p: usize| ms(times[(times.len() - 1) * p / 100]);
    println!(
        "{what}, {} edits: median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        percentile(50),
        percentile(90),
        percentile(99),
        percentile(100)
    );
}

/// The server's work for each edit without the protocol: re-parse the chunks the edit touched,
/// re-lint with the block cache.
fn in_process(text: &str, at: usize) -> Vec<Duration> {
    let linter = Linter::new(RuleSet::builtin().expect("built-in packs compile"));
    let policy = Policy::everything(linter.rules());
    let (mut parser, mut chunks, mut memo) =
        (MarkdownParser::new(), Chunks::default(), Memo::default());
    let mut lint = |text: &str| {
        let mut parse = Parse {
            parser: &mut parser,
            prefilter: linter.rules(),
            fields: Fields::default(),
        };
        let document = chunks.parse(&mut parse, text);
        let file = SourceFile::new("article.md", FileKind::Markdown, text);
        let findings = linter
            .session()
            .lint_parsed(&file, &policy, &document, &mut memo);
        assert!(!findings.is_empty());
    };
    lint(text);
    let mut text = text.to_string();
    (0..EDITS)
        .map(|version| {
            if version % 2 == 0 {
                text.insert(at, 'x');
            } else {
                text.remove(at);
            }
            let started = Instant::now();
            lint(&text);
            started.elapsed()
        })
        .collect()
}

fn pull(client: &mut Client, uri: &str) -> Vec<Value> {
    let report = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    report["result"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A 50 KB health article made from the example articles, each prose paragraph made distinct
/// with a numbered note, so no two are alike (`n` varies it between documents).
fn article(n: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut sources: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    sources.sort();
    let texts: Vec<String> = sources
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("example reads"))
        .map(|t| t.split("\n---\n").last().unwrap_or(&t).to_string())
        .collect();
    let mut out = format!("# Health news digest {n}\n\n");
    let mut part = 0;
    while out.len() < ARTICLE_BYTES {
        part += 1;
        for text in &texts {
            out.push_str(&format!("## Part {part}\n\n"));
            for (k, paragraph) in text.split("\n\n").enumerate() {
                let paragraph = paragraph.trim_end();
                if paragraph.starts_with('#') || paragraph.is_empty() {
                    continue;
                }
                if paragraph.starts_with(char::is_alphabetic) {
                    out.push_str(&format!("{paragraph} See note {n}.{part}.{k}.\n\n"));
                } else {
                    // Code, quotes, lists, HTML: a note after a closing fence would unclose it.
                    out.push_str(&format!("{paragraph}\n\n"));
                }
            }
        }
    }
    out
}
