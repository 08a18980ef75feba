//! Online mode end to end: the built binary, with `online = true` and the registries' base
//! URLs pointed at a local HTTP server started by the test, which serves recorded answers,
//! records that do not exist, a retraction, a slow answer, a `429` with `Retry-After`, and
//! malformed JSON. No test here touches the network.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use healthlint::factcheck::Facts;
use healthlint::lint::Linter;
use healthlint::online::{Online, Settings};
use healthlint::rules::{checks, load_builtin_packs, RuleSet};
use healthlint::source::{FileKind, SourceFile};
use tempfile::TempDir;

/// What the server answers for a path: status, extra headers, body; and a delay first.
struct Answer {
    status: u16,
    headers: &'static str,
    body: &'static str,
    delay: Duration,
}

const REMDESIVIR: &str =
    r#"{"message":{"title":["Remdesivir for the Treatment of Covid-19 — Final Report"]}}"#;

fn ok(body: &'static str) -> Answer {
    Answer {
        status: 200,
        headers: "",
        body,
        delay: Duration::ZERO,
    }
}

fn not_found() -> Answer {
    Answer {
        status: 404,
        headers: "",
        body: r#"{"responseCode":100}"#,
        delay: Duration::ZERO,
    }
}

/// The recorded answers, by request path (and how many times it was asked so far).
fn answer(path: &str, times: usize) -> Answer {
    match path {
        "/doi/api/handles/10.1056/nejmoa2007764"
        | "/doi/api/handles/10.5555/retracted-1"
        | "/doi/api/handles/10.5555/garbage" => ok(r#"{"responseCode":1}"#),
        "/crossref/works/10.1056/nejmoa2007764" => ok(REMDESIVIR),
        "/crossref/works/10.5555/retracted-1" => ok(
            r#"{"message":{"title":["Zinc and the common cold"],"updated-by":[{"type":"retraction","DOI":"10.5555/NOTICE-1","source":"retraction-watch"}]}}"#,
        ),
        "/crossref/works/10.5555/garbage" => ok("{\"message\": {\"title\": [unquoted"),
        "/doi/api/handles/10.5555/slow" => Answer {
            delay: Duration::from_secs(3),
            ..ok(r#"{"responseCode":1}"#)
        },
        "/doi/api/handles/10.5555/busy" if times == 0 => Answer {
            status: 429,
            headers: "Retry-After: 1\r\n",
            body: "slow down",
            delay: Duration::ZERO,
        },
        "/doi/api/handles/10.5555/busy" => ok(r#"{"responseCode":1}"#),
        "/crossref/works/10.5555/busy" => {
            ok(r#"{"message":{"title":["Vitamin D and falls in older adults"]}}"#)
        }
        "/eutils/esummary.fcgi?db=pubmed&id=32445440&retmode=json" => ok(
            r#"{"result":{"uids":["32445440"],"32445440":{"uid":"32445440","title":"Remdesivir for the Treatment of Covid-19 - Final Report.","pubtype":["Journal Article"]}}}"#,
        ),
        "/eutils/esummary.fcgi?db=pubmed&id=99999998&retmode=json" => ok(
            r#"{"result":{"uids":[],"99999998":{"uid":"99999998","error":"cannot get document summary"}}}"#,
        ),
        "/ct/studies/NCT04280705?fields=protocolSection.identificationModule" => ok(
            r#"{"protocolSection":{"identificationModule":{"nctId":"NCT04280705","briefTitle":"Adaptive COVID-19 Treatment Trial (ACTT)"}}}"#,
        ),
        _ => not_found(),
    }
}

/// A local HTTP/1.1 server answering from [`answer`]; it records every request path.
struct Server {
    base: String,
    requests: Arc<Mutex<Vec<(String, Instant)>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests: Arc<Mutex<Vec<(String, Instant)>>> = Arc::default();
        let log = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                std::thread::spawn(move || serve(stream, &log));
            }
        });
        Server { base, requests }
    }

    fn paths(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .map(|(p, _)| p.clone())
            .collect()
    }

    fn count(&self, path: &str) -> usize {
        self.paths().iter().filter(|p| *p == path).count()
    }

    /// A config pointing every registry at this server.
    fn config(&self, cache: &Path) -> String {
        format!(
            "online = true\n\n[lookups]\ndoi-url = \"{b}/doi\"\ncrossref-url = \"{b}/crossref\"\n\
             eutils-url = \"{b}/eutils\"\nclinicaltrials-url = \"{b}/ct\"\ncache-dir = \"{}\"\n\
             timeout-seconds = 1\n",
            cache.display().to_string().replace('\\', "/"),
            b = self.base
        )
    }

    fn settings(&self, cache: &Path) -> Settings {
        Settings {
            doi_url: format!("{}/doi", self.base),
            crossref_url: format!("{}/crossref", self.base),
            eutils_url: format!("{}/eutils", self.base),
            clinicaltrials_url: format!("{}/ct", self.base),
            cache_dir: Some(cache.to_path_buf()),
            timeout: Duration::from_secs(1),
            ..Settings::default()
        }
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<(String, Instant)>>) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_string();
    let times = {
        let mut log = log.lock().unwrap();
        let times = log.iter().filter(|(p, _)| *p == path).count();
        log.push((path.clone(), Instant::now()));
        times
    };
    let a = answer(&path, times);
    std::thread::sleep(a.delay);
    let reason = match a.status {
        200 => "OK",
        404 => "Not Found",
        _ => "Too Many Requests",
    };
    let response = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{}Connection: close\r\n\r\n{}",
        a.status,
        a.body.len(),
        a.headers,
        a.body
    );
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
}

fn healthlint(dir: &Path, cache: &Path) -> Command {
    let mut cmd = Command::cargo_bin("healthlint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HEALTHLINT_CACHE_DIR", cache);
    cmd
}

const ARTICLE: &str = "\
# Treatments that were tested

Remdesivir shortened recovery in hospital ([Remdesivir for the treatment of Covid-19](https://doi.org/10.1056/NEJMoa2007764)).

Zinc shortened colds (doi:10.5555/retracted-1), a finding that does not replicate (doi:10.1234/does-not-exist).

[Hydroxychloroquine in hospitalized patients with Covid-19](https://doi.org/10.1056/NEJMoa2007764) is another paper.

Vitamin D and falls: doi:10.5555/busy. A slow registry: doi:10.5555/slow. A broken one: doi:10.5555/garbage.

See PMID: 99999998 and the trial NCT09999999; the trial NCT04280705 is real.
";

#[test]
fn registries_are_asked_once_and_their_answers_reported() {
    let server = Server::start();
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    fs::write(dir.path().join("healthlint.toml"), server.config(&cache)).unwrap();
    fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    let started = Instant::now();
    let output = healthlint(dir.path(), &cache)
        .args(["check", "--format", "concise", "article.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    insta::assert_snapshot!(stdout);
    // Findings set the exit code as offline; the lookups that failed do not.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim(),
        "healthlint: online checks: 1 lookup timed out and was left unchecked; 1 registry \
         answer could not be read and was left unchecked"
    );
    // Each identifier once, although two rules ask about it and it is cited twice.
    assert_eq!(server.count("/doi/api/handles/10.1056/nejmoa2007764"), 1);
    assert_eq!(server.count("/crossref/works/10.1056/nejmoa2007764"), 1);
    // A 404 from doi.org ends the lookup: Crossref is not asked.
    assert_eq!(server.count("/crossref/works/10.1234/does-not-exist"), 0);
    // 429 with Retry-After: 1 → asked again, a second later.
    let busy: Vec<Instant> = (server.requests.lock().unwrap().iter())
        .filter(|(p, _)| p == "/doi/api/handles/10.5555/busy")
        .map(|(_, t)| *t)
        .collect();
    assert_eq!(busy.len(), 2);
    assert!(
        busy[1] - busy[0] >= Duration::from_millis(950),
        "{:?}",
        busy[1] - busy[0]
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_second_run_answers_from_the_cache() {
    let server = Server::start();
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    fs::write(dir.path().join("healthlint.toml"), server.config(&cache)).unwrap();
    let text = "Remdesivir helped (doi:10.1056/NEJMoa2007764; PMID: 32445440; NCT04280705). \
                Zinc did not (doi:10.1234/does-not-exist).\n";
    fs::write(dir.path().join("a.md"), text).unwrap();
    let run = || {
        healthlint(dir.path(), &cache)
            .args(["check", "--format", "concise", "a.md"])
            .output()
            .unwrap()
    };
    let first = run();
    let asked = server.paths().len();
    assert_eq!(asked, 5, "{:?}", server.paths());
    let second = run();
    assert_eq!(server.paths().len(), asked, "the second run sent a request");
    assert_eq!(first.stdout, second.stdout);
    assert!(
        String::from_utf8_lossy(&second.stdout).contains("10.1234/does-not-exist does not exist")
    );
}

#[test]
fn an_unreachable_network_is_reported_once_and_the_rest_is_linted_offline() {
    // A port nobody listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let base = format!("http://127.0.0.1:{port}");
    let config = format!(
        "online = true\n[lookups]\ndoi-url = \"{base}\"\ncrossref-url = \"{base}\"\n\
         eutils-url = \"{base}\"\nclinicaltrials-url = \"{base}\"\n"
    );
    fs::write(dir.path().join("healthlint.toml"), config).unwrap();
    let text = "Hydroxychloroquine raised deaths (doi:10.1016/S0140-6736(20)31180-6). \
                Others: doi:10.1/a, doi:10.1/b, PMID: 1, NCT00000001.\n";
    fs::write(dir.path().join("a.md"), text).unwrap();
    let online = healthlint(dir.path(), &cache)
        .args(["check", "--format", "concise", "a.md"])
        .output()
        .unwrap();
    let offline = healthlint(dir.path(), &cache)
        .args(["check", "--isolated", "--format", "concise", "a.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(online.stderr).unwrap();
    assert_eq!(
        stderr.matches("could not reach the registries").count(),
        1,
        "{stderr}"
    );
    assert_eq!(online.stdout, offline.stdout);
    assert_eq!(online.status.code(), offline.status.code());
    assert!(String::from_utf8_lossy(&online.stdout).contains("factcheck/retracted-source"));
}

/// The online rules' own examples, against the recorded answers: `fire` ones must produce the
/// rule, `quiet` ones must not (the offline rule-example test skips these rules).
#[test]
fn online_rules_fire_and_stay_quiet_on_their_examples() {
    let server = Server::start();
    let dir = TempDir::new().unwrap();
    let packs = load_builtin_packs().unwrap();
    let facts = Facts {
        online: Some(Arc::new(Online::new(server.settings(dir.path())))),
        ..Facts::default()
    };
    let linter = Linter::new(RuleSet::compile(&packs).unwrap()).with_facts(facts);
    let mut session = linter.session();
    let mut failures = Vec::new();
    let mut tested = HashMap::new();
    for rule in linter.rules().rules() {
        let Some(check) = rule.spec.check.as_deref() else {
            continue;
        };
        if !checks::ONLINE.contains(&check) {
            continue;
        }
        let cases = rule.spec.fire.iter().map(|e| (e, true));
        for (example, should_fire) in cases.chain(rule.spec.quiet.iter().map(|e| (e, false))) {
            let file = SourceFile::new("example.md", FileKind::Markdown, example.as_str());
            let fired = session.lint(&file).iter().any(|f| f.rule == rule.id);
            *tested.entry(rule.id.clone()).or_insert(0) += 1;
            if fired != should_fire {
                let expected = if should_fire { "fire" } else { "stay quiet" };
                failures.push(format!("{} should {expected} on: {example}", rule.id));
            }
        }
    }
    assert_eq!(tested.len(), checks::ONLINE.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
