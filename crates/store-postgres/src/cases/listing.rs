//! The case list on PostgreSQL: filters as a built `where`, the folded text matched against the
//! stored words of each case `case_words` (schema 0030_case_search_words, GIN index
//! `case_words_words`), one page at a time. Common words are found by walking the newest cases
//! and testing their stored words until the page is full, rarer ones through the index: the
//! planner picks from the table's statistics.

use postgres::types::ToSql;
use thads_store::{
    CASE_COLUMNS, COUNT_CAP, CaseList, CaseQuery, CaseSort, StateFilter, StoreResult, codes, columns_of,
    total_from_page,
};

use crate::convert as cv;
use crate::pool::Conn;

/// `'nguyen' & 'van' & 'p:an'`: the words typed before the last are whole words, the last may
/// be unfinished (a prefix), as on SQLite (at most 8 words); `None` without words. A last word
/// of 2 to 6 characters is the stored word of its prefix (`p:an`, see `thads_search_words`),
/// one posting list of the index; a shorter or longer one a prefix term (`v:*`, `hoangan:*`),
/// which reads the lists of every word starting alike (many for one letter, few for seven).
/// Words are letters and digits only, so nothing needs escaping; the text is a `tsquery` as
/// written (cast, not parsed again), so it is lowercased here as the stored words are.
pub fn tsquery(folded: &str) -> Option<String> {
    let lower = folded.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(8).collect();
    let (last, whole) = words.split_last()?;
    let last = match last.chars().count() {
        _ if last.len() > WORD_MAX => NO_WORD.to_string(),
        2..=PREFIX_MAX => format!("'p:{last}'"),
        _ => format!("'{last}':*"),
    };
    let whole = whole.iter().map(|w| if w.len() > WORD_MAX { NO_WORD.to_string() } else { format!("'{w}'") });
    Some(whole.chain([last]).collect::<Vec<String>>().join(" & "))
}

/// The longest prefix stored as a word of its own (`thads_search_words`, schema 30).
const PREFIX_MAX: usize = 6;

/// The longest word PostgreSQL keeps, in bytes (the parser drops longer ones, a `tsquery`
/// refuses them): a longer word typed is `NO_WORD`, stored for no case, so nothing matches, as
/// on SQLite.
const WORD_MAX: usize = 2047;
const NO_WORD: &str = "'p:'";

pub fn list_cases(conn: &mut Conn, q: &CaseQuery) -> StoreResult<CaseList> {
    let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut conds: Vec<String> = Vec::new();
    let query = q.text.as_deref().and_then(tsquery);
    let words = query.is_some();
    let from = match query {
        Some(query) => {
            args.push(Box::new(query));
            conds.push(format!("w.words @@ ${}::text::tsquery", args.len()));
            "cases c join case_words w on w.case_id = c.id"
        }
        None => "cases c",
    };
    filters(q, &mut conds, &mut args);
    let limit = i64::from(q.limit.clamp(1, 500));
    let order = match q.sort {
        CaseSort::Newest => "c.id desc",
        CaseSort::AcceptedDesc => "c.accepted_on desc, c.id desc",
        CaseSort::AcceptedAsc => "c.accepted_on, c.id",
        CaseSort::OutstandingDesc => "c.outstanding desc, c.id desc",
    };
    let filter = if conds.is_empty() { String::new() } else { format!("where {}", conds.join(" and ")) };
    let sql = format!(
        "select {} from {from} {filter} order by {order} limit {} offset {}",
        columns_of(CASE_COLUMNS, "c"),
        limit + 1,
        q.offset.min(i64::MAX as u64),
    );
    let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
    let statement = planned(conn, &sql, words)?;
    let rows = crate::pool::timed(&sql, || conn.client.query(&statement, &refs)).map_err(crate::error::backend)?;
    let mut cases = rows.iter().map(cv::case).collect::<StoreResult<Vec<_>>>()?;
    let more = cases.len() as i64 > limit;
    cases.truncate(limit as usize);
    let (total, counted) = if let Some(told) = total_from_page(q, cases.len(), more) {
        told
    } else {
        // Newest first like the page: for common words the planner then walks the newest cases
        // (a few thousand rows) where, unordered, it read the index's whole lists (80-120 ms
        // for "cong ty" on a million cases).
        let sql = format!(
            "select count(*) from (select 1 from {from} {filter} order by c.id desc limit {COUNT_CAP}) as page"
        );
        let statement = planned(conn, &sql, words)?;
        let row =
            crate::pool::timed(&sql, || conn.client.query_one(&statement, &refs)).map_err(crate::error::backend)?;
        (u64::try_from(row.try_get::<_, i64>(0).map_err(crate::error::backend)?).unwrap_or(0), true)
    };
    Ok(CaseList { cases, more, total, counted })
}

/// The statement for `sql`: prepared once per connection, but afresh for a search of words.
/// PostgreSQL plans a statement executed many times once for any parameters (a generic plan)
/// after five executions; for words that plan neither knows how common they are (walking the
/// newest cases suits «nguyen van», the index a decision number) nor folds the text into a
/// `tsquery` once: it parsed it again for every case tested, 45 ms instead of 5 for «nguyen
/// van an» on a million cases under load. A statement of its own is planned for its words.
fn planned(conn: &mut Conn, sql: &str, words: bool) -> StoreResult<postgres::Statement> {
    if words { conn.client.prepare(sql).map_err(crate::error::backend) } else { conn.prepared(sql) }
}

fn filters(q: &CaseQuery, conds: &mut Vec<String>, args: &mut Vec<Box<dyn ToSql + Sync>>) {
    let mut bind = |v: Box<dyn ToSql + Sync>| {
        args.push(v);
        format!("${}", args.len())
    };
    if let Some(units) = &q.units {
        conds.push(format!("c.unit_id = any({})", bind(Box::new(units.iter().map(|u| u.0).collect::<Vec<i64>>()))));
    }
    match &q.state {
        Some(StateFilter::Open) => conds.push(format!("c.state not in {}", codes::closed_states())),
        Some(StateFilter::Closed) => conds.push(format!("c.state in {}", codes::closed_states())),
        Some(StateFilter::Is(s)) => conds.push(format!("c.state = {}", bind(Box::new(s.code().to_string())))),
        None => {}
    }
    if let Some(origin) = q.origin {
        conds.push(format!("c.origin = {}", bind(Box::new(origin.code().to_string()))));
    }
    if let Some(category) = q.category {
        let mut set = thads_core::Categories::empty();
        set.insert(category);
        conds.push(format!("(c.categories & {}) != 0", bind(Box::new(i16::from(set.bits())))));
    }
    if let Some(officer) = q.officer {
        conds.push(format!("c.officer_id = {}", bind(Box::new(officer.0))));
    }
    if let Some(from) = q.accepted_from {
        conds.push(format!("c.accepted_on >= {}", bind(Box::new(from))));
    }
    if let Some(to) = q.accepted_to {
        conds.push(format!("c.accepted_on <= {}", bind(Box::new(to))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_then_a_prefix() {
        assert_eq!(tsquery("nguyen van an").as_deref(), Some("'nguyen' & 'van' & 'p:an'"));
        assert_eq!(tsquery("Nguyen VAN An").as_deref(), Some("'nguyen' & 'van' & 'p:an'"));
        assert_eq!(tsquery("46/qd-thads").as_deref(), Some("'46' & 'qd' & 'p:thads'"));
        assert_eq!(tsquery("tran thi b").as_deref(), Some("'tran' & 'thi' & 'b':*"), "one letter");
        assert_eq!(tsquery("hoangan").as_deref(), Some("'hoangan':*"), "longer than stored prefixes");
        let long = "a".repeat(WORD_MAX + 1);
        assert_eq!(tsquery(&format!("{long} van")).as_deref(), Some("'p:' & 'p:van'"), "too long a word");
        assert_eq!(tsquery(" \"*( "), None);
    }
}
