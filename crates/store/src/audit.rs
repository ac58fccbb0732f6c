//! The audit trail: who changed what, when, before and after; append-only. An entry names the
//! unit it concerns (schema 11: a person's, a target's; a case's entry has its case's unit), by
//! which the trail is filtered and scoped; an entry of no unit belongs to the whole installation.
//!
//! The trail is a **hash chain** (schema 19, issue 24): each entry carries the SHA-256 of its own
//! stored columns and of the previous entry's hash (`audit_hash`), and the chain's head (the
//! last entry's id and hash) is kept in a row of its own that every append locks, so appends form
//! one line in commit order on both backends. `check_chain` walks the trail in id order and
//! names the first entry that was changed, removed or inserted behind THADS's back.

use sha2::{Digest, Sha256};
use thads_core::{CaseId, UnitId};
use time::OffsetDateTime;

use crate::StoreResult;

/// What both backends select for an `AuditEntry`, in its order: the entry's unit is its own or
/// its case's.
pub const AUDIT_SELECT: &str = "select a.id, a.at, a.actor, a.case_id, a.action, a.before, a.after, \
     coalesce(a.unit_id, c.unit_id) from audit a left join cases c on c.id = a.case_id";

/// One line of the audit trail: who, when, what, before and after (JSON texts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAudit {
    pub at: OffsetDateTime,
    pub actor: String,
    pub case: Option<CaseId>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor: String,
    pub case: Option<CaseId>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The unit the entry concerns (its own, else its case's); `None`: the whole installation.
    pub unit: Option<UnitId>,
}

/// Which entries to read; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Entries of these units only; `None`: every entry, those of no unit too.
    pub units: Option<Vec<UnitId>>,
    pub case: Option<CaseId>,
    pub actor: Option<String>,
    /// An action code, exactly (`user.add`).
    pub action: Option<String>,
    /// At or after.
    pub from: Option<OffsetDateTime>,
    /// Before.
    pub until: Option<OffsetDateTime>,
    /// At most this many, newest first.
    pub limit: u32,
}

/// Reading the audit trail.
pub trait Audit {
    /// The audit trail of a case, oldest first.
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>>;
    /// The entries of a case's trail whose action is one of `actions`, oldest first: what the
    /// case page shows of it (its intake, edits and reassignments), without reading the entry of
    /// every event a long-lived case has gathered.
    fn audit_of_case_actions(&self, case: CaseId, actions: &[&str]) -> StoreResult<Vec<AuditEntry>>;
    /// The audit trail of an actor, newest first, at most `limit` entries.
    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>>;
    /// The entries `query` asks for, newest first.
    fn search_audit(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>>;
    /// The action codes the trail holds, sorted.
    fn audit_actions(&self) -> StoreResult<Vec<String>>;
    /// At most `limit` entries with an id above `after`, in id order, with their hashes.
    fn audit_chain(&self, after: i64, limit: u32) -> StoreResult<Vec<AuditLink>>;
    /// The chain's head as kept beside the trail.
    fn audit_chain_head(&self) -> StoreResult<Option<ChainHead>>;
}

/// One entry of the trail as stored, with its place in the hash chain: the columns the hash
/// covers (its own `unit_id`, not its case's) and the two hashes (`None` only for an entry
/// written behind THADS's back: every append and the schema-19 migration set them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLink {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor: String,
    pub case: Option<CaseId>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub unit: Option<UnitId>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

/// The chain's head as kept beside the trail: the last entry appended, `None` while empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub id: i64,
    pub hash: String,
}

/// The SHA-256 (lowercase hex) of an entry's stored columns and of the previous entry's hash
/// (`None` for the first entry). Each column is written with a presence byte and its length,
/// so no two different entries have the same input.
#[allow(clippy::too_many_arguments)]
pub fn audit_hash(
    prev: Option<&str>,
    id: i64,
    at: OffsetDateTime,
    actor: &str,
    case: Option<CaseId>,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
    unit: Option<UnitId>,
) -> String {
    let mut h = Sha256::new();
    h.update(b"thads.audit.v1");
    let mut text = |v: Option<&str>| match v {
        None => h.update([0u8]),
        Some(s) => {
            h.update([1u8]);
            h.update((s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
    };
    text(prev);
    text(Some(&id.to_string()));
    text(Some(&at.unix_timestamp().to_string()));
    text(Some(actor));
    text(case.map(|c| c.0.to_string()).as_deref());
    text(Some(action));
    text(before);
    text(after);
    text(unit.map(|u| u.0.to_string()).as_deref());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl AuditLink {
    /// The hash this entry's columns give after `prev`.
    pub fn expected_hash(&self, prev: Option<&str>) -> String {
        audit_hash(
            prev,
            self.id,
            self.at,
            &self.actor,
            self.case,
            &self.action,
            self.before.as_deref(),
            self.after.as_deref(),
            self.unit,
        )
    }
}

/// The first fault of the chain, naming the entry where it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainFault {
    /// The entry's columns no longer give its hash: it was changed.
    Changed { id: i64 },
    /// The entry has no hash: it was inserted directly into the database.
    Unsealed { id: i64 },
    /// The entry does not follow the one before it: an entry was removed or inserted before it.
    Broken { id: i64 },
    /// The head names an entry the trail no longer ends with: the last entries were removed (or
    /// one was appended behind THADS's back).
    Head { head_id: i64, last_id: Option<i64> },
}

impl ChainFault {
    /// The entry the fault names.
    pub fn id(&self) -> Option<i64> {
        match self {
            ChainFault::Changed { id } | ChainFault::Unsealed { id } | ChainFault::Broken { id } => Some(*id),
            ChainFault::Head { last_id, .. } => *last_id,
        }
    }
}

impl std::fmt::Display for ChainFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainFault::Changed { id } => write!(f, "mục #{id} đã bị sửa / entry #{id} was changed"),
            ChainFault::Unsealed { id } => {
                write!(f, "mục #{id} được chèn thẳng vào cơ sở dữ liệu / entry #{id} was inserted directly")
            }
            ChainFault::Broken { id } => write!(
                f,
                "chuỗi đứt trước mục #{id}: một mục đã bị xóa hoặc chèn / the chain breaks before entry #{id}: an entry was removed or inserted"
            ),
            ChainFault::Head { head_id, last_id } => write!(
                f,
                "đầu chuỗi là mục #{head_id} nhưng nhật ký kết thúc ở {last} / the chain's head is entry #{head_id} but the trail ends at {last}",
                last = last_id.map_or("(trống / empty)".to_string(), |id| format!("#{id}"))
            ),
        }
    }
}

/// What walking the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainCheck {
    /// Entries read.
    pub entries: u64,
    /// The last entry's hash (the value to keep outside the database to prove later that the
    /// whole chain was not rewritten).
    pub head: Option<String>,
    pub fault: Option<ChainFault>,
}

/// Walks the trail in id order, `page` entries at a time, and stops at the first fault. The
/// head is read after the walk, and entries appended meanwhile (a head past the last entry
/// read) are walked too before the two are compared, so a server writing while it is checked
/// is not taken for a trail whose last entries were removed.
pub fn check_chain(store: &dyn Audit, page: u32) -> StoreResult<ChainCheck> {
    let mut walk = ChainWalk::default();
    let head = loop {
        let read = walk.entries;
        if let Some(fault) = walk.read_to_end(store, page)? {
            return Ok(ChainCheck { entries: walk.entries, head: walk.prev, fault: Some(fault) });
        }
        let head = store.audit_chain_head()?;
        let appended = head.as_ref().is_some_and(|h| h.id > walk.after);
        if !(appended && walk.entries > read) {
            break head;
        }
    };
    let fault = match (&head, walk.after) {
        (None, 0) => None,
        (Some(h), last) if h.id == last && Some(&h.hash) == walk.prev.as_ref() => None,
        (Some(h), last) => Some(ChainFault::Head { head_id: h.id, last_id: (last != 0).then_some(last) }),
        (None, last) => Some(ChainFault::Head { head_id: 0, last_id: Some(last) }),
    };
    Ok(ChainCheck { entries: walk.entries, head: walk.prev, fault })
}

/// Where a walk of the chain stands: the last entry read, its hash, how many were read.
#[derive(Default)]
struct ChainWalk {
    after: i64,
    prev: Option<String>,
    entries: u64,
}

impl ChainWalk {
    /// Reads on from the last entry read to the trail's end; the first fault, if any.
    fn read_to_end(&mut self, store: &dyn Audit, page: u32) -> StoreResult<Option<ChainFault>> {
        loop {
            let links = store.audit_chain(self.after, page.max(1))?;
            let Some(last) = links.last() else { return Ok(None) };
            self.after = last.id;
            for link in links {
                self.entries += 1;
                let Some(hash) = link.hash.as_deref() else { return Ok(Some(ChainFault::Unsealed { id: link.id })) };
                if link.prev_hash != self.prev {
                    return Ok(Some(ChainFault::Broken { id: link.id }));
                }
                if link.expected_hash(self.prev.as_deref()) != hash {
                    return Ok(Some(ChainFault::Changed { id: link.id }));
                }
                self.prev = Some(hash.to_string());
            }
        }
    }
}

/// Appending to the audit trail, in a transaction.
pub trait AuditTx {
    /// An entry of no unit but its case's (or of the whole installation).
    fn insert_audit(&mut self, entry: &NewAudit) -> StoreResult<()>;
    /// An entry concerning `unit` (a person of it, its target).
    fn insert_unit_audit(&mut self, entry: &NewAudit, unit: UnitId) -> StoreResult<()>;
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    /// A trail in memory whose next entry is appended just after the walk's first page is read:
    /// a write that lands while the chain is checked.
    struct Live {
        links: RefCell<Vec<AuditLink>>,
        appended: RefCell<bool>,
    }

    impl Live {
        fn append(&self) {
            let mut links = self.links.borrow_mut();
            let prev = links.last().and_then(|l| l.hash.clone());
            let id = links.len() as i64 + 1;
            let mut link = AuditLink {
                id,
                at: OffsetDateTime::UNIX_EPOCH,
                actor: "chv.an".into(),
                case: None,
                action: "event.add".into(),
                before: None,
                after: Some(format!("{{\"n\":{id}}}")),
                unit: None,
                prev_hash: prev.clone(),
                hash: None,
            };
            link.hash = Some(link.expected_hash(prev.as_deref()));
            links.push(link);
        }
    }

    impl Audit for Live {
        fn audit_of_case(&self, _: CaseId) -> StoreResult<Vec<AuditEntry>> {
            Ok(Vec::new())
        }
        fn audit_of_case_actions(&self, _: CaseId, _: &[&str]) -> StoreResult<Vec<AuditEntry>> {
            Ok(Vec::new())
        }
        fn audit_of_actor(&self, _: &str, _: u32) -> StoreResult<Vec<AuditEntry>> {
            Ok(Vec::new())
        }
        fn search_audit(&self, _: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
            Ok(Vec::new())
        }
        fn audit_actions(&self) -> StoreResult<Vec<String>> {
            Ok(Vec::new())
        }
        fn audit_chain(&self, after: i64, limit: u32) -> StoreResult<Vec<AuditLink>> {
            let page: Vec<_> =
                self.links.borrow().iter().filter(|l| l.id > after).take(limit as usize).cloned().collect();
            if !self.appended.replace(true) {
                self.append();
            }
            Ok(page)
        }
        fn audit_chain_head(&self) -> StoreResult<Option<ChainHead>> {
            let links = self.links.borrow();
            Ok(links.last().map(|l| ChainHead { id: l.id, hash: l.hash.clone().unwrap_or_default() }))
        }
    }

    #[test]
    fn an_entry_appended_while_the_chain_is_walked_is_walked_too() {
        let live = Live { links: RefCell::new(Vec::new()), appended: RefCell::new(false) };
        for _ in 0..3 {
            live.append();
        }
        let check = check_chain(&live, 2).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((check.entries, check.fault), (4, None));
        assert_eq!(check.head, live.links.borrow().last().and_then(|l| l.hash.clone()));
    }
}
