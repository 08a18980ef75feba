//! A small blocking HTTP client for registry lookups: ureq with rustls, time-outs on every
//! request, answers read as JSON, `429`/`503` answered by waiting as long as `Retry-After`
//! asks (the wait applies to every request to that host) and trying again, and a minimum gap
//! between requests to hosts that publish a rate limit (NCBI: three a second without a key).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Tries of one request that is answered "too many requests".
const ATTEMPTS: usize = 3;
/// The longest `Retry-After` honoured; a registry asking for more is treated as down.
const MAX_WAIT: Duration = Duration::from_secs(60);
/// The wait when `Retry-After` is missing or not a number of seconds.
const DEFAULT_WAIT: Duration = Duration::from_secs(1);
/// The largest answer read.
const MAX_BODY: u64 = 4 << 20;

/// A successful exchange.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Json(serde_json::Value),
    /// `404`: the registry has no such record.
    NotFound,
}

/// Why a request gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No connection: no network, the host unknown, or refused.
    Unreachable(String),
    Timeout,
    /// An answer that is not what the registry promises: another status, malformed JSON, or
    /// still rate-limited after every try.
    Unreadable(String),
}

pub struct Client {
    agent: ureq::Agent,
    /// Host → the earliest time the next request to it may start.
    not_before: Mutex<HashMap<String, Instant>>,
}

impl Client {
    pub fn new(timeout: Duration) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!(
                "healthlint/",
                env!("CARGO_PKG_VERSION"),
                " (+https://github.com/healthlint/healthlint)"
            ))
            .build();
        Client {
            agent: config.into(),
            not_before: Mutex::default(),
        }
    }

    /// GETs `url` and reads its JSON.
    pub fn get_json(&self, url: &str) -> Result<Reply, Failure> {
        let host = host(url);
        for _ in 0..ATTEMPTS {
            self.wait_turn(&host);
            let mut response = match self
                .agent
                .get(url)
                .header("Accept", "application/json")
                .call()
            {
                Ok(response) => response,
                Err(ureq::Error::Timeout(_)) => return Err(Failure::Timeout),
                Err(ureq::Error::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut => {
                    return Err(Failure::Timeout)
                }
                Err(e) => return Err(Failure::Unreachable(format!("{host}: {e}"))),
            };
            let status = response.status().as_u16();
            match status {
                200 => {
                    let body = response
                        .body_mut()
                        .with_config()
                        .limit(MAX_BODY)
                        .read_to_string();
                    let body = match body {
                        Ok(body) => body,
                        Err(ureq::Error::Timeout(_)) => return Err(Failure::Timeout),
                        Err(e) => return Err(Failure::Unreadable(e.to_string())),
                    };
                    return serde_json::from_str(&body)
                        .map(Reply::Json)
                        .map_err(|e| Failure::Unreadable(format!("{url}: {e}")));
                }
                404 | 410 => return Ok(Reply::NotFound),
                429 | 503 => {
                    let wait = response
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map_or(DEFAULT_WAIT, Duration::from_secs);
                    if wait > MAX_WAIT {
                        return Err(Failure::Unreachable(format!(
                            "{host} asks to wait {} s",
                            wait.as_secs()
                        )));
                    }
                    self.hold(&host, wait);
                }
                _ => return Err(Failure::Unreadable(format!("{url}: HTTP {status}"))),
            }
        }
        Err(Failure::Unreadable(format!("{url}: still rate-limited")))
    }

    /// Sleeps until requests to `host` may start, and books the next slot.
    fn wait_turn(&self, host: &str) {
        let start = {
            let Ok(mut map) = self.not_before.lock() else {
                return;
            };
            let now = Instant::now();
            let start = map.get(host).copied().filter(|t| *t > now).unwrap_or(now);
            map.insert(host.to_string(), start + spacing(host));
            start
        };
        let now = Instant::now();
        if start > now {
            std::thread::sleep(start - now);
        }
    }

    /// No request to `host` before `wait` from now.
    fn hold(&self, host: &str, wait: Duration) {
        if let Ok(mut map) = self.not_before.lock() {
            let until = Instant::now() + wait;
            let slot = map.entry(host.to_string()).or_insert(until);
            *slot = (*slot).max(until);
        }
    }
}

/// The gap between requests a host asks for.
fn spacing(host: &str) -> Duration {
    if host.ends_with("ncbi.nlm.nih.gov") {
        Duration::from_millis(340)
    } else {
        Duration::ZERO
    }
}

/// The host (and port) of a URL, for rate limiting and messages.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_string()
}

/// Percent-encodes a path segment (a DOI keeps its `/`).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_and_hosts() {
        assert_eq!(
            encode("10.1016/S0140-6736(20)30183-5"),
            "10.1016/S0140-6736%2820%2930183-5"
        );
        assert_eq!(host("http://127.0.0.1:8080/api/x"), "127.0.0.1:8080");
        assert_eq!(
            spacing("eutils.ncbi.nlm.nih.gov"),
            Duration::from_millis(340)
        );
    }
}
