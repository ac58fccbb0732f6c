//! Rows to domain values and back, in the column orders of `thads_store` (`CASE_COLUMNS`…). A
//! stored value that does not parse is reported as a backend error naming the column: it can
//! only come from outside THADS.

use rusqlite::Row;
use thads_core::dates::{format_iso, parse_date};
use thads_core::ledger::{CaseDims, DeductedMove};
use thads_core::{
    Case, CaseFacts, CaseId, CaseNo, CaseState, Categories, Entry, Event, EventCode, EventId, EventRecord, Ground,
    JudgmentType, Login, Origin, Role, Snapshot, Staff, StaffId, Unit, UnitCode, UnitId, UnitKind, Vnd,
};
use thads_store::{AuditEntry, DeductedRow, ImportBatch, StoreError, StoreResult, codes};
use time::{Date, OffsetDateTime};

/// Runs a read on `conn`; every row through `map`.
pub fn query_all<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl Fn(&Row<'_>) -> StoreResult<T>,
) -> StoreResult<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql).map_err(StoreError::backend)?;
    let mut rows = stmt.query(params).map_err(StoreError::backend)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(StoreError::backend)? {
        out.push(map(row)?);
    }
    Ok(out)
}

pub fn date_text(d: Date) -> String {
    format_iso(d)
}

pub fn date_of(column: &str, text: &str) -> StoreResult<Date> {
    parse_date(text).map_err(|_| StoreError::corrupt(column, text))
}

fn opt_date(column: &str, text: Option<String>) -> StoreResult<Option<Date>> {
    text.map(|t| date_of(column, &t)).transpose()
}

pub fn vnd(column: &str, value: i64) -> StoreResult<Vnd> {
    Vnd::new(value).map_err(|_| StoreError::corrupt(column, value))
}

pub fn instant_secs(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

pub fn instant_of(column: &str, secs: i64) -> StoreResult<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(secs).map_err(|_| StoreError::corrupt(column, secs))
}

fn get<T: rusqlite::types::FromSql>(row: &Row<'_>, i: usize) -> StoreResult<T> {
    row.get(i).map_err(StoreError::backend)
}

pub fn unit(row: &Row<'_>) -> StoreResult<Unit> {
    let code: String = get(row, 1)?;
    let kind: String = get(row, 3)?;
    Ok(Unit {
        id: UnitId(get(row, 0)?),
        code: UnitCode::new(&code).map_err(|_| StoreError::corrupt("units.code", &code))?,
        name: get(row, 2)?,
        kind: UnitKind::parse(&kind).map_err(|_| StoreError::corrupt("units.kind", &kind))?,
        parent: get::<Option<i64>>(row, 4)?.map(UnitId),
        valid_from: opt_date("units.valid_from", get(row, 5)?)?,
        valid_to: opt_date("units.valid_to", get(row, 6)?)?,
        successor: get::<Option<i64>>(row, 7)?.map(UnitId),
    })
}

pub fn staff(row: &Row<'_>) -> StoreResult<Staff> {
    let login: String = get(row, 2)?;
    let role: String = get(row, 4)?;
    Ok(Staff {
        id: StaffId(get(row, 0)?),
        unit: UnitId(get(row, 1)?),
        login: Login::new(&login).map_err(|_| StoreError::corrupt("staff.login", &login))?,
        full_name: get(row, 3)?,
        role: Role::parse(&role).map_err(|_| StoreError::corrupt("staff.role", &role))?,
        active: get::<i64>(row, 5)? != 0,
    })
}

pub fn case(row: &Row<'_>) -> StoreResult<Case> {
    let case_no: String = get(row, 2)?;
    let origin: String = get(row, 4)?;
    let judgment: String = get(row, 6)?;
    let categories: i64 = get(row, 7)?;
    let state: String = get(row, 12)?;
    let ground: Option<String> = get(row, 13)?;
    let ground =
        ground.map(|g| Ground::stored(&g).map_err(|_| StoreError::corrupt("cases.state_ground", &g))).transpose()?;
    let facts = CaseFacts {
        unit: UnitId(get(row, 1)?),
        case_no: CaseNo::stored(&case_no).map_err(|_| StoreError::corrupt("cases.case_no", &case_no))?,
        accepted_on: date_of("cases.accepted_on", &get::<String>(row, 3)?)?,
        origin: Origin::parse(&origin).map_err(|_| StoreError::corrupt("cases.origin", &origin))?,
        received_by_delegation: get::<i64>(row, 5)? != 0,
        judgment_type: JudgmentType::parse(&judgment)
            .map_err(|_| StoreError::corrupt("cases.judgment_type", &judgment))?,
        categories: Categories::from_bits(
            u8::try_from(categories).map_err(|_| StoreError::corrupt("cases.categories", categories))?,
        ),
        amount: vnd("cases.amount", get(row, 8)?)?,
        debtor: get(row, 9)?,
        creditor: get(row, 10)?,
        officer: get::<Option<i64>>(row, 11)?.map(StaffId),
    };
    let current = Snapshot {
        state: CaseState::from_code(&state, ground).ok_or_else(|| StoreError::corrupt("cases.state", &state))?,
        outstanding: vnd("cases.outstanding", get(row, 14)?)?,
        collected: vnd("cases.collected", get(row, 15)?)?,
        reduced: vnd("cases.reduced", get(row, 16)?)?,
    };
    let event_count: i64 = get(row, 18)?;
    Ok(Case {
        id: CaseId(get(row, 0)?),
        facts,
        version: get(row, 19)?,
        current,
        last_event_on: opt_date("cases.last_event_on", get(row, 17)?)?,
        event_count: u32::try_from(event_count).map_err(|_| StoreError::corrupt("cases.event_count", event_count))?,
    })
}

/// `(case id, record)`.
pub fn event(row: &Row<'_>) -> StoreResult<(CaseId, EventRecord)> {
    let code: String = get(row, 3)?;
    let amount: Option<i64> = get(row, 4)?;
    let ground: Option<String> = get(row, 5)?;
    let entry = if code == codes::VOID {
        Entry::Void
    } else {
        Entry::Event(Event {
            date: date_of("events.date", &get::<String>(row, 2)?)?,
            code: EventCode::parse(&code).map_err(|_| StoreError::corrupt("events.code", &code))?,
            amount: amount.map(|a| vnd("events.amount", a)).transpose()?,
            ground: ground
                .map(|g| Ground::stored(&g).map_err(|_| StoreError::corrupt("events.ground", &g)))
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

/// Stored form of an entry: `(date, code, amount, ground)`; a void keeps the date it is given.
pub fn entry_columns(entry: &Entry, void_date: Date) -> (String, &'static str, Option<i64>, Option<String>) {
    match entry {
        Entry::Event(e) => (
            date_text(e.date),
            e.code.code(),
            e.amount.map(Vnd::dong),
            e.ground.as_ref().map(|g| g.as_str().to_string()),
        ),
        Entry::Void => (date_text(void_date), codes::VOID, None, None),
    }
}

pub fn deducted(row: &Row<'_>) -> StoreResult<DeductedRow> {
    let origin: String = get(row, 3)?;
    let judgment: String = get(row, 4)?;
    let categories: i64 = get(row, 5)?;
    let kind: String = get(row, 8)?;
    let dims = CaseDims {
        unit: UnitId(get(row, 1)?),
        officer: get::<Option<i64>>(row, 2)?.map(StaffId),
        origin: Origin::parse(&origin).map_err(|_| StoreError::corrupt("deducted_moves.origin", &origin))?,
        judgment_type: JudgmentType::parse(&judgment)
            .map_err(|_| StoreError::corrupt("deducted_moves.judgment_type", &judgment))?,
        categories: Categories::from_bits(
            u8::try_from(categories).map_err(|_| StoreError::corrupt("deducted_moves.categories", categories))?,
        ),
    };
    let moved = DeductedMove {
        closed_on: date_of("deducted_moves.closed_on", &get::<String>(row, 6)?)?,
        moved_on: date_of("deducted_moves.moved_on", &get::<String>(row, 7)?)?,
        kind: codes::move_kind_of(&kind).ok_or_else(|| StoreError::corrupt("deducted_moves.kind", &kind))?,
        amount: vnd("deducted_moves.amount", get(row, 9)?)?,
    };
    Ok(DeductedRow { case: CaseId(get(row, 0)?), dims, moved })
}

pub fn import(row: &Row<'_>) -> StoreResult<ImportBatch> {
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

pub fn audit(row: &Row<'_>) -> StoreResult<AuditEntry> {
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
