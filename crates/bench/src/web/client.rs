//! The HTTP side of `thads-bench web`: keep-alive HTTP/1.1 clients on raw TCP (nothing between
//! the measurement and the socket), one run of a scenario, and the sign-in.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use thads_cli::error::CliError;

use super::Scenario;

/// The figures of one run.
pub struct Run {
    pub rps: f64,
    pub p50: f64,
    pub p99: f64,
    pub errors: u64,
    /// Writes answered 2xx (acknowledged writes).
    pub acknowledged: u64,
    /// Each kind of page asked for (several in a mixed run): its answers, p50 and p99 in ms.
    pub pages: Vec<(Scenario, usize, f64, f64)>,
    /// By the half-second the requests were sent in: its start (s), answers, p50 and slowest (ms).
    pub timeline: Vec<(f64, usize, f64, f64)>,
}

/// The `p` quantile (0 to 1) of `sorted` latencies; 0 without any.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let at = ((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(at).copied().unwrap_or(0.0)
}

/// What a run asks for: the scenario, the cases its pages pick from, the cases its writes pick
/// from, and for writes the note that marks this run's events (so that they can be counted
/// afterwards) and their date.
#[derive(Clone)]
pub struct Ask {
    pub scenario: Scenario,
    pub cases: Arc<Vec<i64>>,
    pub writable: Arc<Vec<i64>>,
    pub tag: String,
    pub date: String,
}

impl Ask {
    /// The `n`-th request: its kind, path, header line (a session cookie for pages, the bearer
    /// token for the API's writes) and body.
    fn request(&self, n: u64, token: &str) -> (Scenario, String, String, Option<String>) {
        let kind = self.scenario.pick(n);
        if kind == Scenario::Event {
            let body =
                serde_json::json!({"date": self.date, "event": "collected", "amount_vnd": 1000, "note": self.tag});
            let header = format!("Authorization: Bearer {token}");
            return (kind, kind.path(n, &self.writable), header, Some(body.to_string()));
        }
        (kind, kind.path(n, &self.cases), format!("Cookie: thads_session={token}"), None)
    }
}

/// How requests are sent: back to back (a closed loop: each client sends its next request when
/// the last one is answered, so the rate is whatever the server gives), or paced at a total rate
/// (an open loop: each client sends on a schedule, `clients / rate` seconds apart, and a
/// request's latency counts from the moment it was due, so a late answer also delays the
/// requests queued behind it: what a user arriving then would wait, without coordinated omission).
#[derive(Debug, Clone, Copy)]
pub enum Pace {
    Closed,
    /// Requests per second, all clients together.
    Rate(f64),
}

impl Pace {
    /// When client `c` of `clients` is due to send its `k`-th request (from 0), after `start`;
    /// `None` for a closed loop (at once).
    fn due(self, start: Instant, c: usize, clients: usize, k: u64) -> Option<Instant> {
        match self {
            Pace::Closed => None,
            Pace::Rate(rate) => {
                let slot = k as f64 * clients as f64 + c as f64;
                Some(start + Duration::from_secs_f64(slot / rate))
            }
        }
    }
}

/// `clients` connections sending `ask`'s requests for `span`, back to back or paced. Every
/// client connects first and the clock starts when all are connected (as wrk2 does): a browser
/// keeps its connection, so opening 200 at once is not part of any request's latency. A
/// connection lost during the run is opened again and that time is counted.
pub async fn load(host: &str, token: &str, ask: &Ask, clients: usize, span: Duration, pace: Pace) -> Run {
    let connected = Arc::new(tokio::sync::Barrier::new(clients + 1));
    let (go, started) = tokio::sync::watch::channel(None::<Instant>);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (host, token, ask) = (host.to_string(), token.to_string(), ask.clone());
        let (connected, mut started) = (Arc::clone(&connected), started.clone());
        tasks.push(tokio::spawn(async move {
            let mut conn = TcpStream::connect(&host).await.ok();
            connected.wait().await;
            let start = match started.wait_for(Option::is_some).await {
                Ok(start) => start.unwrap_or_else(Instant::now),
                Err(_) => return Answers::default(),
            };
            let until = start + span;
            let mut answers = Answers::default();
            let mut n = c as u64 * 7919;
            for k in 0_u64.. {
                let due = pace.due(start, c, clients, k);
                if due.unwrap_or_else(Instant::now) >= until {
                    break;
                }
                if let Some(due) = due {
                    tokio::time::sleep_until(due.into()).await;
                }
                n += 1;
                let Some(stream) = conn.as_mut() else { break };
                let sent = due.unwrap_or_else(Instant::now);
                let (kind, path, header, body) = ask.request(n, &token);
                match send(stream, &host, &header, &path, body.as_deref()).await {
                    Ok((200..=299, _)) => {
                        let at = (sent - start).as_secs_f64();
                        answers.lat.push((kind, at, sent.elapsed().as_secs_f64() * 1000.0));
                        answers.writes += u64::from(kind == Scenario::Event);
                    }
                    Ok(_) => answers.errors += 1,
                    Err(_) => {
                        answers.errors += 1;
                        conn = TcpStream::connect(&host).await.ok();
                    }
                }
            }
            answers
        }));
    }
    connected.wait().await;
    let start = Instant::now();
    // Every task holds a receiver until it has read the start, so the send reaches them all.
    let _ = go.send(Some(start));
    drop(started);
    let (mut all, mut errors, mut acknowledged) = (Vec::new(), 0, 0);
    for t in tasks {
        if let Ok(answers) = t.await {
            all.extend(answers.lat);
            errors += answers.errors;
            acknowledged += answers.writes;
        }
    }
    // Answers still arriving after the span (a paced run's late requests) count in the time.
    let elapsed = start.elapsed().max(span);
    let mut by_page: HashMap<Scenario, Vec<f64>> = HashMap::new();
    for (kind, _, ms) in &all {
        by_page.entry(*kind).or_default().push(*ms);
    }
    let mut pages: Vec<(Scenario, usize, f64, f64)> = by_page
        .into_iter()
        .map(|(kind, mut ms)| {
            ms.sort_by(f64::total_cmp);
            (kind, ms.len(), quantile(&ms, 0.50), quantile(&ms, 0.99))
        })
        .collect();
    pages.sort_by_key(|(kind, ..)| kind.label());
    let timeline = timeline(&all);
    let mut ms: Vec<f64> = all.iter().map(|(_, _, ms)| *ms).collect();
    ms.sort_by(f64::total_cmp);
    let (p50, p99) = (quantile(&ms, 0.50), quantile(&ms, 0.99));
    Run { rps: ms.len() as f64 / elapsed.as_secs_f64(), p50, p99, errors, acknowledged, pages, timeline }
}

/// What one client got back: each answer's kind, when it was sent (s after the start) and its
/// latency (ms); errors; acknowledged writes.
#[derive(Default)]
struct Answers {
    lat: Vec<(Scenario, f64, f64)>,
    errors: u64,
    writes: u64,
}

/// The answers by the half-second they were sent in: its start (s), answers, p50 and the
/// slowest (ms). Where in a run the slow answers were asked for.
fn timeline(all: &[(Scenario, f64, f64)]) -> Vec<(f64, usize, f64, f64)> {
    let mut slots: Vec<Vec<f64>> = Vec::new();
    for (_, at, ms) in all {
        let slot = (at / TIMELINE_SLOT_S) as usize;
        if slots.len() <= slot {
            slots.resize_with(slot + 1, Vec::new);
        }
        slots[slot].push(*ms);
    }
    slots
        .into_iter()
        .enumerate()
        .filter(|(_, ms)| !ms.is_empty())
        .map(|(i, mut ms)| {
            ms.sort_by(f64::total_cmp);
            let slowest = ms.last().copied().unwrap_or(0.0);
            (i as f64 * TIMELINE_SLOT_S, ms.len(), quantile(&ms, 0.50), slowest)
        })
        .collect()
}

const TIMELINE_SLOT_S: f64 = 0.5;

/// One GET on a new connection, with one extra header line; the body of a 200.
pub async fn get(host: &str, header: &str, path: &str) -> Result<Vec<u8>, CliError> {
    let mut stream = TcpStream::connect(host).await?;
    match request(&mut stream, host, header, path).await? {
        (200, body) => Ok(body),
        (status, _) => Err(CliError::Refused(format!("GET {path}: HTTP {status}"))),
    }
}

/// One keep-alive GET; the status and the body, read by its `Content-Length`.
pub(crate) async fn request(
    stream: &mut TcpStream,
    host: &str,
    header: &str,
    path: &str,
) -> std::io::Result<(u16, Vec<u8>)> {
    send(stream, host, header, path, None).await
}

/// One keep-alive request, a POST of JSON when `body` is given, else a GET.
async fn send(
    stream: &mut TcpStream,
    host: &str,
    header: &str,
    path: &str,
    body: Option<&str>,
) -> std::io::Result<(u16, Vec<u8>)> {
    let head = match body {
        Some(b) => format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\n{header}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        ),
        None => format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{header}\r\n\r\n"),
    };
    stream.write_all(head.as_bytes()).await?;
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut chunk = [0_u8; 16 * 1024];
    let header_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_ascii_lowercase();
    let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or(std::io::ErrorKind::InvalidData)?;
    while buf.len() < header_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok((status, buf.split_off(header_end)))
}

/// A bearer token from `POST /api/v1/session`.
pub async fn sign_in(host: &str, login: &str, password: &str) -> Result<String, CliError> {
    let body = serde_json::json!({ "login": login, "password": password }).to_string();
    let head = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(host).await?;
    stream.write_all(head.as_bytes()).await?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await?;
    let text = String::from_utf8_lossy(&out);
    let json = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|_| CliError::Refused(format!("sign-in failed: {text}")))?;
    value["token"].as_str().map(str::to_string).ok_or_else(|| CliError::Refused(format!("sign-in failed: {json}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paced_run_spreads_the_rate_over_the_clients() {
        let start = Instant::now();
        // In microseconds, rounded: the schedule is computed in floating point.
        let at = |c, k| Pace::Rate(1_000.0).due(start, c, 200, k).map(|due| ((due - start).as_nanos() + 500) / 1_000);
        // 1,000 requests/s from 200 clients: each client every 200 ms, the clients 1 ms apart.
        assert_eq!(at(0, 0), Some(0));
        assert_eq!(at(1, 0), Some(1_000));
        assert_eq!(at(0, 1), Some(200_000));
        assert_eq!(at(199, 4), Some(999_000));
        assert_eq!(Pace::Closed.due(start, 3, 200, 9), None, "a closed loop sends at once");
    }

    #[test]
    fn a_timeline_groups_answers_by_the_half_second_they_were_sent_in() {
        let all = [(Scenario::Case, 0.1, 5.0), (Scenario::List, 0.4, 900.0), (Scenario::Case, 1.2, 3.0)];
        assert_eq!(timeline(&all), vec![(0.0, 2, 900.0, 900.0), (1.0, 1, 3.0, 3.0)]);
    }

    #[test]
    fn quantiles_of_sorted_latencies() {
        let ms: Vec<f64> = (1..=200).map(f64::from).collect();
        assert_eq!((quantile(&ms, 0.50), quantile(&ms, 0.99)), (101.0, 199.0));
        assert_eq!(quantile(&[], 0.99), 0.0, "no answer, no latency");
    }
}
