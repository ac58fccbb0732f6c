//! The web server's settings: defaults, then `THADS_*` environment variables. Printable for
//! operators, with anything secret (a database password) redacted.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

/// Settings of `thads serve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebConfig {
    /// `THADS_ADDR`: where to listen (the `--addr` flag wins).
    pub addr: SocketAddr,
    /// `THADS_SECURE_COOKIES`: mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// `THADS_SESSION_HOURS`: how long a sign-in lasts.
    pub session_hours: u32,
    /// `THADS_LOGIN_FAILURES`: failed sign-ins allowed per login in the window.
    pub login_failures: u32,
    /// `THADS_ADDRESS_FAILURES`: failed sign-ins allowed per client address in the window (an
    /// office behind one proxy shares an address: much more than per login).
    pub address_failures: u32,
    /// `THADS_TRUSTED_PROXIES`: reverse proxies (addresses or networks, comma-separated) whose
    /// `X-Forwarded-For` names the client; empty: the header is ignored.
    pub trusted_proxies: Vec<TrustedProxy>,
    /// `THADS_LOGIN_WINDOW_MINUTES`: the rate-limiting window.
    pub login_window_minutes: u32,
    /// `THADS_PAGE_SIZE`: cases per page of the case list.
    pub page_size: u32,
    /// `THADS_WORKERS`: requests doing database work at once (the rest wait their turn); by
    /// default twice the cores: more only adds switching between threads and contention.
    pub workers: u32,
    /// `THADS_REFERENCE_CHECK_MS`: how often the server checks whether units, staff, targets
    /// or the calendar were changed by another process (the command line), in milliseconds.
    pub reference_check_ms: u32,
    /// `THADS_REPORT_MAX_AGE_MS`: how long the statistics page's forms and a dashboard's figures,
    /// once computed, may still be shown after a write moved the ledger (0: never; they are then
    /// computed again after every write). Under a stream of writes this bounds the work to one
    /// computation per unit and period in that time, and the figures shown to that much behind
    /// plus one computation (past the age, other readers are shown the old figures while one
    /// computes the new ones, instead of waiting for it).
    pub report_max_age_ms: u32,
    /// `THADS_DB`, shown redacted: which database is served.
    pub database: String,
    /// `THADS_METRICS_FROM` (the `--metrics-from` flag wins): the addresses or networks from
    /// which `GET /metrics` answers (the client's address, as for sign-in limits: the peer's, or
    /// the one a trusted proxy names); anyone else is told 404.
    pub metrics_from: Vec<TrustedProxy>,
    /// `THADS_PUBLIC_ADDR` (the `--public-addr` flag wins): where the citizens' portal listens,
    /// on a listener of its own; none by default (no public site).
    pub public_addr: Option<SocketAddr>,
    /// `THADS_PORTAL_VIEWER_NAMES`: show the parties the names of the staff who opened their
    /// file (by default only the unit and the role).
    pub portal_viewer_names: bool,
}

/// `GET /metrics` answers only from here unless configured: this machine.
pub fn default_metrics_from() -> Vec<TrustedProxy> {
    let loopback = |ip: IpAddr| TrustedProxy { network: ip, prefix: if ip.is_ipv4() { 32 } else { 128 } };
    vec![loopback(IpAddr::from([127, 0, 0, 1])), loopback(IpAddr::from(std::net::Ipv6Addr::LOCALHOST))]
}

/// Addresses or networks, comma-separated (`127.0.0.1,10.0.0.0/8`).
pub fn networks(text: &str) -> Result<Vec<TrustedProxy>, String> {
    text.split(',').filter(|p| !p.trim().is_empty()).map(str::parse).collect()
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            session_hours: 10,
            login_failures: 5,
            address_failures: 50,
            trusted_proxies: Vec::new(),
            login_window_minutes: 15,
            page_size: 50,
            workers: std::thread::available_parallelism().map_or(4, |n| 2 * n.get() as u32).clamp(2, 64),
            reference_check_ms: 1000,
            report_max_age_ms: 1000,
            database: "thads.db".into(),
            metrics_from: default_metrics_from(),
            public_addr: None,
            portal_viewer_names: false,
        }
    }
}

/// A trusted proxy: one address, or a network such as `10.0.0.0/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedProxy {
    network: IpAddr,
    prefix: u8,
}

impl TrustedProxy {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                masked(net.to_bits().into(), self.prefix, 32) == masked(ip.to_bits().into(), self.prefix, 32)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                masked(net.to_bits(), self.prefix, 128) == masked(ip.to_bits(), self.prefix, 128)
            }
            _ => false,
        }
    }
}

/// The top `prefix` bits of an address `width` bits wide.
fn masked(bits: u128, prefix: u8, width: u8) -> u128 {
    let drop = u32::from(width.saturating_sub(prefix));
    bits.checked_shr(drop).unwrap_or(0)
}

impl FromStr for TrustedProxy {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (address, prefix) = match text.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text.trim(), None),
        };
        let network = address.parse::<IpAddr>().map_err(|_| text.to_string())?.to_canonical();
        let width = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= width).ok_or_else(|| text.to_string())?,
            None => width,
        };
        Ok(TrustedProxy { network, prefix })
    }
}

impl fmt::Display for TrustedProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// A setting that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("biến môi trường {name} không hợp lệ / invalid setting {name}={value}: {expected}")]
pub struct ConfigError {
    pub name: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl WebConfig {
    /// Defaults overridden by `THADS_*` variables read through `var` (the process environment
    /// in `thads serve`, a map in tests).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<WebConfig, ConfigError> {
        let mut c = WebConfig::default();
        let get = |name: &'static str| var(name).filter(|v| !v.trim().is_empty()).map(|v| (name, v));
        if let Some((n, v)) = get("THADS_ADDR") {
            c.addr = v.trim().parse().map_err(|_| bad(n, &v, "an address such as 127.0.0.1:8080"))?;
        }
        if let Some((n, v)) = get("THADS_SECURE_COOKIES") {
            c.secure_cookies = match v.trim() {
                "1" | "true" | "yes" => true,
                "0" | "false" | "no" => false,
                _ => return Err(bad(n, &v, "true or false")),
            };
        }
        number(&get("THADS_SESSION_HOURS"), &mut c.session_hours, 1..=24 * 30)?;
        number(&get("THADS_LOGIN_FAILURES"), &mut c.login_failures, 1..=1000)?;
        number(&get("THADS_ADDRESS_FAILURES"), &mut c.address_failures, 1..=100_000)?;
        if let Some((n, v)) = get("THADS_TRUSTED_PROXIES") {
            c.trusted_proxies = v
                .split(',')
                .filter(|p| !p.trim().is_empty())
                .map(str::parse)
                .collect::<Result<_, _>>()
                .map_err(|_| bad(n, &v, "addresses or networks such as 127.0.0.1,10.0.0.0/8"))?;
        }
        number(&get("THADS_LOGIN_WINDOW_MINUTES"), &mut c.login_window_minutes, 1..=24 * 60)?;
        number(&get("THADS_PAGE_SIZE"), &mut c.page_size, 10..=500)?;
        number(&get("THADS_WORKERS"), &mut c.workers, 1..=256)?;
        number(&get("THADS_REFERENCE_CHECK_MS"), &mut c.reference_check_ms, 10..=3_600_000)?;
        number(&get("THADS_REPORT_MAX_AGE_MS"), &mut c.report_max_age_ms, 0..=60_000)?;
        if let Some((_, v)) = get("THADS_DB") {
            c.database = v;
        }
        if let Some((n, v)) = get("THADS_METRICS_FROM") {
            c.metrics_from =
                networks(&v).map_err(|_| bad(n, &v, "addresses or networks such as 127.0.0.1,10.0.0.0/8"))?;
        }
        if let Some((n, v)) = get("THADS_PUBLIC_ADDR") {
            c.public_addr = Some(v.trim().parse().map_err(|_| bad(n, &v, "an address such as 0.0.0.0:8081"))?);
        }
        if let Some((n, v)) = get("THADS_PORTAL_VIEWER_NAMES") {
            c.portal_viewer_names = match v.trim() {
                "1" | "true" | "yes" => true,
                "0" | "false" | "no" => false,
                _ => return Err(bad(n, &v, "true or false")),
            };
        }
        Ok(c)
    }
}

fn bad(name: &'static str, value: &str, expected: &'static str) -> ConfigError {
    ConfigError { name, value: value.to_string(), expected }
}

fn number(
    found: &Option<(&'static str, String)>,
    into: &mut u32,
    range: std::ops::RangeInclusive<u32>,
) -> Result<(), ConfigError> {
    if let Some((name, v)) = found {
        match v.trim().parse::<u32>() {
            Ok(n) if range.contains(&n) => *into = n,
            _ => return Err(bad(name, v, "a whole number in the allowed range")),
        }
    }
    Ok(())
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let Some((credentials, host)) = rest.rsplit_once('@') else { return url.to_string() };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

impl fmt::Display for WebConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "THADS_ADDR={}", self.addr)?;
        writeln!(f, "THADS_SECURE_COOKIES={}", self.secure_cookies)?;
        writeln!(f, "THADS_SESSION_HOURS={}", self.session_hours)?;
        writeln!(f, "THADS_LOGIN_FAILURES={}", self.login_failures)?;
        writeln!(f, "THADS_ADDRESS_FAILURES={}", self.address_failures)?;
        let proxies: Vec<String> = self.trusted_proxies.iter().map(ToString::to_string).collect();
        writeln!(f, "THADS_TRUSTED_PROXIES={}", proxies.join(","))?;
        writeln!(f, "THADS_LOGIN_WINDOW_MINUTES={}", self.login_window_minutes)?;
        writeln!(f, "THADS_PAGE_SIZE={}", self.page_size)?;
        writeln!(f, "THADS_WORKERS={}", self.workers)?;
        writeln!(f, "THADS_REFERENCE_CHECK_MS={}", self.reference_check_ms)?;
        writeln!(f, "THADS_REPORT_MAX_AGE_MS={}", self.report_max_age_ms)?;
        writeln!(f, "THADS_DB={}", redact_url(&self.database))?;
        let from: Vec<String> = self.metrics_from.iter().map(ToString::to_string).collect();
        writeln!(f, "THADS_METRICS_FROM={}", from.join(","))?;
        let public = self.public_addr.map(|a| a.to_string()).unwrap_or_default();
        writeln!(f, "THADS_PUBLIC_ADDR={public}")?;
        write!(f, "THADS_PORTAL_VIEWER_NAMES={}", self.portal_viewer_names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_defaults_and_bad_values_are_named() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        let c = WebConfig::from_env(env(&[("THADS_SECURE_COOKIES", "true"), ("THADS_PAGE_SIZE", "20")])).unwrap();
        assert!(c.secure_cookies);
        assert_eq!((c.page_size, c.session_hours), (20, 10));
        let e = WebConfig::from_env(env(&[("THADS_LOGIN_FAILURES", "many")])).unwrap_err();
        assert_eq!(e.name, "THADS_LOGIN_FAILURES");
        let c = WebConfig::from_env(env(&[("THADS_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")])).unwrap();
        assert_eq!(c.trusted_proxies.len(), 2);
        assert!(c.to_string().contains("THADS_TRUSTED_PROXIES=127.0.0.1/32,10.0.0.0/8"), "{c}");
        let e = WebConfig::from_env(env(&[("THADS_TRUSTED_PROXIES", "proxy.local")])).unwrap_err();
        assert_eq!(e.name, "THADS_TRUSTED_PROXIES");
    }

    #[test]
    fn metrics_answer_from_this_machine_unless_configured() {
        let c = WebConfig::default();
        let from = |ip: &str, within: &[TrustedProxy]| within.iter().any(|n| n.contains(ip.parse().unwrap()));
        assert!(from("127.0.0.1", &c.metrics_from));
        assert!(from("::1", &c.metrics_from));
        assert!(from("::ffff:127.0.0.1", &c.metrics_from), "an IPv4 peer on a dual-stack socket");
        assert!(!from("127.0.0.2", &c.metrics_from));
        assert!(!from("10.1.2.3", &c.metrics_from));
        assert!(c.to_string().contains("THADS_METRICS_FROM=127.0.0.1/32,::1/128"), "{c}");
        let env = |k: &str| (k == "THADS_METRICS_FROM").then(|| "127.0.0.1, 10.0.0.0/8".to_string());
        let c = WebConfig::from_env(env).unwrap();
        assert!(from("10.200.0.9", &c.metrics_from));
        assert!(!from("11.0.0.1", &c.metrics_from));
        assert!(!from("::1", &c.metrics_from), "configured replaces the default");
        let e = WebConfig::from_env(|k: &str| (k == "THADS_METRICS_FROM").then(|| "anywhere".to_string())).unwrap_err();
        assert_eq!(e.name, "THADS_METRICS_FROM");
    }

    #[test]
    fn printing_hides_the_database_password() {
        let c = WebConfig { database: "postgres://thads:s3cret@db/thads".into(), ..WebConfig::default() };
        let shown = c.to_string();
        assert!(shown.contains("postgres://thads:***@db/thads"), "{shown}");
        assert!(!shown.contains("s3cret"));
    }

    #[test]
    fn proxies_parse_as_addresses_or_networks() {
        let net: TrustedProxy = "192.168.1.0/24".parse().unwrap();
        assert!(net.contains("192.168.1.200".parse().unwrap()));
        assert!(!net.contains("192.168.2.1".parse().unwrap()));
        let all: TrustedProxy = "::/0".parse().unwrap();
        assert!(all.contains("2001:db8::1".parse().unwrap()));
        assert!("10.0.0.0/33".parse::<TrustedProxy>().is_err());
        assert!("proxy.local".parse::<TrustedProxy>().is_err());
        assert_eq!("10.0.0.1".parse::<TrustedProxy>().unwrap().to_string(), "10.0.0.1/32");
    }
}
