//! Where a reader is sent back to after signing in or switching language: only a path of this
//! site, anything else to `/`. Browsers are lenient with a `Location`: they drop tabs and line
//! breaks (`/\t/evil.example` becomes `//evil.example`, another host), read `\` as `/`, and some
//! proxies decode percent-escapes once more, so the target is checked as written and as decoded.
//! A language switch goes back only to a page (`to_page`), not to the URL a form was posted to.
//! Also the one way a form POST sends the reader on (`see_other`).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::chrome::Flash;

/// Longer targets are not worth keeping (a real path of THADS is far shorter).
const MAX_LEN: usize = 2048;
/// Percent-decoding rounds checked: `%2525…` hides an escape under two more.
const DECODINGS: usize = 3;

/// A 303 to `to` (after a form POST).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A 303 to `to` after a form POST that succeeded, the page there saying so once (`Flash`).
pub fn see_other_saying(to: &str, flash: Flash) -> Response {
    let mut response = see_other(to);
    let cookie = format!("{}={}; Path=/; Max-Age=60; SameSite=Strict; HttpOnly", Flash::COOKIE, flash.code());
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `next` if it is a path of this site, else `/`.
pub fn local_target(next: &str) -> &str {
    if is_local_path(next) { next } else { "/" }
}

/// `target` (a local path) if `is_page` says it is a page one can GET, else the nearest page
/// above it (`/cases/7/events`, where a failed form was posted, gives `/cases/7`), else `/`.
/// The query is kept only on the page it was written for.
pub fn to_page(target: &str, is_page: impl Fn(&str) -> bool) -> String {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if is_page(path) {
        return target.to_string();
    }
    let mut above = path.trim_end_matches('/');
    while let Some((parent, _)) = above.rsplit_once('/') {
        if !parent.is_empty() && is_page(parent) {
            return parent.to_string();
        }
        above = parent;
    }
    "/".to_string()
}

/// Visible ASCII only (what a `Location` may hold as is), starting with one `/`, no `\`, and
/// the same once decoded.
fn is_local_path(next: &str) -> bool {
    if next.len() > MAX_LEN || !next.bytes().all(|b| b.is_ascii_graphic()) {
        return false;
    }
    let mut bytes = next.as_bytes().to_vec();
    for _ in 0..=DECODINGS {
        if !starts_as_path(&bytes) || bytes.iter().any(|b| *b == b'\\' || b.is_ascii_control()) {
            return false;
        }
        let decoded = percent_decode(&bytes);
        if decoded == bytes {
            return true;
        }
        bytes = decoded;
    }
    false
}

/// `/` and then anything but a second `/` or `\` (which would name a host).
fn starts_as_path(bytes: &[u8]) -> bool {
    bytes.first() == Some(&b'/') && !matches!(bytes.get(1), Some(b'/' | b'\\'))
}

/// One round of `%XX` decoding; a `%` not followed by two hex digits stays as it is.
fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_this_site_are_kept() {
        for next in [
            "/",
            "/cases",
            "/cases/12",
            "/cases?q=nguyen%20van%20an&state=open",
            "/stats?unit=BG-KV1&year=2025&months=6",
            "/cases?q=Nguy%E1%BB%85n",
            "/audit?actor=thu.ky",
            "/50%25",
        ] {
            assert_eq!(local_target(next), next, "{next}");
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_goes_home() {
        let long = format!("/{}", "a".repeat(MAX_LEN));
        for next in [
            "",
            "evil.example",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example/",
            "/%09/evil.example/",
            "/%0a/evil.example",
            "/%0D%0A/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%252F%252Fevil.example",
            "/%25252F/evil.example",
            "/%2525252F/evil.example",
            "/%5C%5Cevil.example",
            "https://evil.example/",
            "http:evil.example",
            "javascript:alert(1)",
            "/cases\n",
            "/cases\r\nSet-Cookie: x=1",
            "/cases\0",
            "/cases\u{7f}",
            "/ cases",
            "/cases?q=Nguyễn",
            "/x?y=\\",
            "/x%00y",
            long.as_str(),
        ] {
            assert_eq!(local_target(next), "/", "{next:?}");
        }
    }
}
