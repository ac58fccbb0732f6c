//! Rows to domain values and back, in the column orders of `thads_store` (`CASE_COLUMNS`…). A
//! stored value that does not parse is reported as a backend error naming the column: it can
//! only come from outside THADS.

use postgres::Row;
use postgres::types::FromSql;
use thads_core::ledger::{CaseDims, DeductedMove};
use thads_core::{
    Case, CaseFacts, CaseId, CaseNo, CaseState, Categories, Entry, Event, EventCode, EventId, EventRecord, Ground,
    JudgmentType, Login, Origin, Role, Snapshot, Staff, StaffId, Unit, UnitCode, UnitId, UnitKind, Vnd,
};
use thads_store::{AuditEntry, DeductedRow, ImportBatch, StoreError, StoreResult, codes};
use time::{Date, OffsetDateTime};

pub fn get<'a, T: FromSql<'a>>(row: &'a Row, i: usize) -> StoreResult<T> {
    row.try_get(i).map_err(crate::error::backend)
}

pub fn vnd(column: &str, value: i64) -> StoreResult<Vnd> {
    Vnd::new(value).map_err(|_| StoreError::corrupt(column, value))
}

pub fn instant_of(column: &str, secs: i64) -> StoreResult<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(secs).map_err(|_| StoreError::corrupt(column, secs))
}

fn categories(column: &str, bits: i16) -> StoreResult<Categories> {
    Ok(Categories::from_bits(u8::try_from(bits).map_err(|_| StoreError::corrupt(column, bits))?))
}

pub fn unit(row: &Row) -> StoreResult<Unit> {
    let code: &str = get(row, 1)?;
    let kind: &str = get(row, 3)?;
    Ok(Unit {
        id: UnitId(get(row, 0)?),
        code: UnitCode::new(code).map_err(|_| StoreError::corrupt("units.code", code))?,
        name: get(row, 2)?,
        kind: UnitKind::parse(kind).map_err(|_| StoreError::corrupt("units.kind", kind))?,
        parent: get::<Option<i64>>(row, 4)?.map(UnitId),
        valid_from: get(row, 5)?,
        valid_to: get(row, 6)?,
        successor: get::<Option<i64>>(row, 7)?.map(UnitId),
    })
}

pub fn staff(row: &Row) -> StoreResult<Staff> {
    let login: &str = get(row, 2)?;
    let role: &str = get(row, 4)?;
    Ok(Staff {
        id: StaffId(get(row, 0)?),
        unit: UnitId(get(row, 1)?),
        login: Login::new(login).map_err(|_| StoreError::corrupt("staff.login", login))?,
        full_name: get(row, 3)?,
        role: Role::parse(role).map_err(|_| StoreError::corrupt("staff.role", role))?,
        active: get(row, 5)?,
    })
}

pub fn case(row: &Row) -> StoreResult<Case> {
    let case_no: &str = get(row, 2)?;
    let origin: &str = get(row, 4)?;
    let judgment: &str = get(row, 6)?;
    let state: &str = get(row, 12)?;
    let ground: Option<&str> = get(row, 13)?;
    let ground =
        ground.map(|g| Ground::stored(g).map_err(|_| StoreError::corrupt("cases.state_ground", g))).transpose()?;
    let facts = CaseFacts {
        unit: UnitId(get(row, 1)?),
        case_no: CaseNo::stored(case_no).map_err(|_| StoreError::corrupt("cases.case_no", case_no))?,
        accepted_on: get(row, 3)?,
        origin: Origin::parse(origin).map_err(|_| StoreError::corrupt("cases.origin", origin))?,
        received_by_delegation: get(row, 5)?,
        judgment_type: JudgmentType::parse(judgment)
            .map_err(|_| StoreError::corrupt("cases.judgment_type", judgment))?,
        categories: categories("cases.categories", get(row, 7)?)?,
        amount: vnd("cases.amount", get(row, 8)?)?,
        debtor: get(row, 9)?,
        creditor: get(row, 10)?,
        officer: get::<Option<i64>>(row, 11)?.map(StaffId),
    };
    let current = Snapshot {
        state: CaseState::from_code(state, ground).ok_or_else(|| StoreError::corrupt("cases.state", state))?,
        outstanding: vnd("cases.outstanding", get(row, 14)?)?,
        collected: vnd("cases.collected", get(row, 15)?)?,
        reduced: vnd("cases.reduced", get(row, 16)?)?,
    };
    let event_count: i32 = get(row, 18)?;
    Ok(Case {
        id: CaseId(get(row, 0)?),
        facts,
        version: get(row, 19)?,
        current,
        last_event_on: get(row, 17)?,
        event_count: u32::try_from(event_count).map_err(|_| StoreError::corrupt("cases.event_count", event_count))?,
    })
}

/// `(case id, record)`.
pub fn event(row: &Row) -> StoreResult<(CaseId, EventRecord)> {
    let code: &str = get(row, 3)?;
    let ground: Option<&str> = get(row, 5)?;
    let entry = if code == codes::VOID {
        Entry::Void
    } else {
        Entry::Event(Event {
            date: get(row, 2)?,
            code: EventCode::parse(code).map_err(|_| StoreError::corrupt("events.code", code))?,
            amount: get::<Option<i64>>(row, 4)?.map(|a| vnd("events.amount", a)).transpose()?,
            ground: ground
                .map(|g| Ground::stored(g).map_err(|_| StoreError::corrupt("events.ground", g)))
                .transpose()?,
        })
    };
    let record = EventRecord {
        id: EventId(get(row, 0)?),
        entry,
        supersedes: get::<Option<i64>>(row, 6)?.map(EventId),
        note: get(row, 7)?,
        recorded_by: get(row, 8)?,
        recorded_at: instant_of("events.recorded_at", get(row, 9)?)?,
    };
    Ok((CaseId(get(row, 1)?), record))
}

/// Stored form of an entry: `(date, code, amount, ground)`; a void keeps the date it is given
/// (the day it was recorded, as on SQLite).
pub fn entry_columns(entry: &Entry, void_date: Date) -> (Date, &'static str, Option<i64>, Option<&str>) {
    match entry {
        Entry::Event(e) => (e.date, e.code.code(), e.amount.map(Vnd::dong), e.ground.as_ref().map(|g| g.as_str())),
        Entry::Void => (void_date, codes::VOID, None, None),
    }
}

pub fn deducted(row: &Row) -> StoreResult<DeductedRow> {
    let origin: &str = get(row, 3)?;
    let judgment: &str = get(row, 4)?;
    let kind: &str = get(row, 8)?;
    let dims = CaseDims {
        unit: UnitId(get(row, 1)?),
        officer: get::<Option<i64>>(row, 2)?.map(StaffId),
        origin: Origin::parse(origin).map_err(|_| StoreError::corrupt("deducted_moves.origin", origin))?,
        judgment_type: JudgmentType::parse(judgment)
            .map_err(|_| StoreError::corrupt("deducted_moves.judgment_type", judgment))?,
        categories: categories("deducted_moves.categories", get(row, 5)?)?,
    };
    let moved = DeductedMove {
        closed_on: get(row, 6)?,
        moved_on: get(row, 7)?,
        kind: codes::move_kind_of(kind).ok_or_else(|| StoreError::corrupt("deducted_moves.kind", kind))?,
        amount: vnd("deducted_moves.amount", get(row, 9)?)?,
    };
    Ok(DeductedRow { case: CaseId(get(row, 0)?), dims, moved })
}

pub fn import(row: &Row) -> StoreResult<ImportBatch> {
    let rows: i64 = get(row, 4)?;
    Ok(ImportBatch {
        id: get(row, 0)?,
        kind: get(row, 1)?,
        file_name: get(row, 2)?,
        sha256: get(row, 3)?,
        rows: u64::try_from(rows).map_err(|_| StoreError::corrupt("import_batches.rows", rows))?,
        imported_by: get(row, 5)?,
        imported_at: instant_of("import_batches.imported_at", get(row, 6)?)?,
    })
}

pub fn audit(row: &Row) -> StoreResult<AuditEntry> {
    Ok(AuditEntry {
        id: get(row, 0)?,
        at: instant_of("audit.at", get(row, 1)?)?,
        actor: get(row, 2)?,
        case: get::<Option<i64>>(row, 3)?.map(CaseId),
        action: get(row, 4)?,
        before: get(row, 5)?,
        after: get(row, 6)?,
        unit: get::<Option<i64>>(row, 7)?.map(UnitId),
    })
}
