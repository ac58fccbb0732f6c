//! The address a request comes from, for rate limiting sign-in. Behind a reverse proxy every
//! request comes from the proxy; the proxy names the client in `X-Forwarded-For`, which anyone
//! can also send. So the header is believed only when the peer is a proxy the settings trust
//! (`THADS_TRUSTED_PROXIES`), and then only its right-most entry that is not itself a trusted
//! proxy: entries to its left were written by the client and prove nothing.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::config::TrustedProxy;
use crate::state::AppState;

/// The client's address: the peer's, or the one its trusted proxies name.
pub fn client_address(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[TrustedProxy]) -> String {
    let Some(peer) = peer.map(|p| p.to_canonical()) else { return "unknown".into() };
    let is_trusted = |ip: IpAddr| trusted.iter().any(|t| t.contains(ip));
    if !is_trusted(peer) {
        return peer.to_string();
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    // From the right: the nearest hop first; the first one not trusted is the client.
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip.to_canonical();
                if !is_trusted(client) {
                    break;
                }
            }
            // Garbage where an address should be: no further entry can be believed.
            Err(_) => break,
        }
    }
    client.to_string()
}

/// The caller's address, for rate limiting sign-in.
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(ClientAddr(client_address(peer, &parts.headers, &state.config.trusted_proxies)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    fn proxies(list: &[&str]) -> Vec<TrustedProxy> {
        list.iter().map(|p| p.parse().unwrap()).collect()
    }

    #[test]
    fn the_header_of_an_untrusted_peer_is_ignored() {
        let h = headers(&["203.0.113.7"]);
        assert_eq!(client_address(ip("198.51.100.2"), &h, &[]), "198.51.100.2");
        assert_eq!(client_address(ip("198.51.100.2"), &h, &proxies(&["10.0.0.1"])), "198.51.100.2");
        assert_eq!(client_address(None, &h, &[]), "unknown");
    }

    #[test]
    fn a_trusted_proxy_names_the_right_most_untrusted_entry() {
        let trusted = proxies(&["10.0.0.1", "172.16.0.0/12"]);
        let peer = ip("10.0.0.1");
        assert_eq!(client_address(peer, &headers(&["203.0.113.7"]), &trusted), "203.0.113.7");
        // The client wrote `1.2.3.4` itself; its real address was added by the proxy.
        assert_eq!(client_address(peer, &headers(&["1.2.3.4, 203.0.113.7"]), &trusted), "203.0.113.7");
        assert_eq!(client_address(peer, &headers(&["1.2.3.4", "203.0.113.7, 172.20.1.1"]), &trusted), "203.0.113.7");
        assert_eq!(client_address(peer, &headers(&["garbage, 172.20.1.1"]), &trusted), "172.20.1.1");
        assert_eq!(client_address(peer, &headers(&[]), &trusted), "10.0.0.1");
        assert_eq!(client_address(ip("::ffff:10.0.0.1"), &headers(&["2001:db8::5"]), &trusted), "2001:db8::5");
    }
}
