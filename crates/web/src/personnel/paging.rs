//! Paging and the choice of unit shared by the registry's and the workload's pages and API: a
//! national scope holds thousands of people and officers, so a page shows one slice of the
//! whole list (sorted first, so that a sort spans every page), links to the others as the case
//! list draws them, and a list of the reader's units to narrow it to one subtree.

use crate::cases::listing::{Counted, PageLink, page_links};
use crate::error::WebError;

/// Items an API page holds at most (`per_page`).
pub const MAX_PER_PAGE: u32 = 500;

fn bad(what: &str, value: &str) -> WebError {
    WebError::BadRequest(format!("giá trị không hợp lệ / invalid value for {what}: «{value}»"))
}

/// The page asked by `?page=` (from 1; empty: the first).
pub fn page_of(text: &str) -> Result<u64, WebError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(1);
    }
    t.parse::<u64>().ok().filter(|p| (1..=100_000).contains(p)).ok_or_else(|| bad("page", t))
}

/// The page size asked by `?per_page=` (1–`MAX_PER_PAGE`; empty: `default`).
pub fn per_page_of(text: &str, default: u32) -> Result<u32, WebError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(default);
    }
    t.parse::<u32>().ok().filter(|n| (1..=MAX_PER_PAGE).contains(n)).ok_or_else(|| bad("per_page", t))
}

/// The items of page `page`, `per_page` a page (none past the last).
pub fn slice<T>(items: Vec<T>, page: u64, per_page: u32) -> Vec<T> {
    let skip = usize::try_from((page - 1).saturating_mul(u64::from(per_page))).unwrap_or(usize::MAX);
    items.into_iter().skip(skip).take(per_page as usize).collect()
}

/// Links to the pages around `page` of `total` items; `query` gives the query string of page
/// `n`. No links when everything fits on one page.
pub fn links(page: u64, per_page: u32, total: usize, query: impl Fn(u64) -> String) -> Vec<Option<PageLink>> {
    let total = u64::try_from(total).unwrap_or(u64::MAX);
    if total <= u64::from(per_page) && page == 1 {
        return Vec::new();
    }
    page_links(page, per_page, Counted::Exactly(total), false, query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_slice_of_the_sorted_whole() {
        let all: Vec<u32> = (1..=120).collect();
        assert_eq!(slice(all.clone(), 1, 50).len(), 50);
        assert_eq!(slice(all.clone(), 3, 50), (101..=120).collect::<Vec<_>>());
        assert!(slice(all, 4, 50).is_empty(), "past the last page: nothing");
        assert_eq!(page_of("").ok(), Some(1));
        assert!(page_of("0").is_err() && page_of("x").is_err() && page_of("1\u{200b}").is_err());
        assert_eq!(per_page_of("", 50).ok(), Some(50));
        assert!(per_page_of("501", 50).is_err() && per_page_of("0", 50).is_err());
        assert!(links(1, 50, 50, |n| n.to_string()).is_empty(), "one page: no links");
        assert_eq!(links(2, 50, 120, |n| n.to_string()).len(), 3);
    }
}
