//! Synthetic cases for benchmarks: a small unit tree, and cases whose histories replay (a
//! verification with means, then collections), with their current state and ledger computed
//! exactly as an import computes them.

use thads_app::cases::history::{LedgerDelta, check, ledger_rows};
use thads_core::{
    CaseFacts, CaseId, CaseNo, Categories, Entry, Event, EventCode, EventId, EventRecord, JudgmentType, Origin, Rules,
    UnitCode, UnitId, UnitKind, Vnd,
};
use thads_store::{NewCase, NewEvent, NewUnit, Store};
use time::{Date, OffsetDateTime};

use thads_cli::error::CliError;

/// Regional sections the cases are spread over.
pub const REGIONS: usize = 10;

/// The ids of `BENCH`'s regional sections, created on first use.
pub fn regions(store: &dyn Store) -> Result<Vec<UnitId>, CliError> {
    let code = |c: &str| UnitCode::new(c).map_err(|e| CliError::Usage(e.to_string()));
    let existing = store.units()?;
    let find = |c: &str| existing.iter().find(|u| u.code.as_str() == c).map(|u| u.id);
    if let Some(ids) = (1..=REGIONS).map(|i| find(&format!("BENCH-KV{i}"))).collect::<Option<Vec<_>>>() {
        return Ok(ids);
    }
    let mut tx = store.begin()?;
    let unit = |code: UnitCode, kind, parent| NewUnit {
        name: format!("Đơn vị thử tải {code}"),
        code,
        kind,
        parent,
        valid_from: None,
        valid_to: None,
        successor: None,
    };
    let province = tx.insert_unit(&unit(code("BENCH")?, UnitKind::Province, None))?;
    let mut ids = Vec::with_capacity(REGIONS);
    for i in 1..=REGIONS {
        ids.push(tx.insert_unit(&unit(code(&format!("BENCH-KV{i}"))?, UnitKind::Region, Some(province)))?);
    }
    tx.commit()?;
    Ok(ids)
}

/// One case ready to store: the row, its events (case id filled in later) and its ledger.
pub struct Synthetic {
    pub case: NewCase,
    pub events: Vec<NewEvent>,
}

fn facts(unit: UnitId, tag: &str, i: usize) -> Result<CaseFacts, CliError> {
    let accepted_on = Date::from_calendar_date(2024, time::Month::January, 1)
        .map_err(|e| CliError::Usage(e.to_string()))?
        + time::Duration::days((i % 600) as i64);
    Ok(CaseFacts {
        unit,
        case_no: CaseNo::new(&format!("{i}/{tag}")).map_err(|e| CliError::Usage(e.to_string()))?,
        accepted_on,
        origin: if i.is_multiple_of(3) { Origin::ChuDong } else { Origin::TheoYeuCau },
        received_by_delegation: false,
        judgment_type: JudgmentType::DanSu,
        categories: Categories::empty(),
        amount: Vnd::new(1_000_000_000).map_err(|e| CliError::Usage(e.to_string()))?,
        debtor: format!("Nguyễn Văn Thử {i}"),
        creditor: "Ngân hàng TMCP Thử Tải".into(),
        officer: None,
    })
}

fn entry(date: Date, code: EventCode, amount: Option<i64>) -> Entry {
    Entry::Event(Event { date, code, amount: amount.and_then(|a| Vnd::new(a).ok()), ground: None })
}

/// Case `i` with `events` records (a verification with means, then collections of 1,000 đ),
/// checked like an import checks it; its ledger rows are added to `ledger`.
pub fn case(
    units: &[UnitId],
    tag: &str,
    i: usize,
    events: usize,
    at: OffsetDateTime,
    rules: &Rules,
    ledger: &mut LedgerDelta,
) -> Result<Synthetic, CliError> {
    let facts = facts(units[i % units.len()], tag, i)?;
    let records: Vec<EventRecord> = (0..events)
        .map(|k| {
            let day = facts.accepted_on + time::Duration::days(10 + 30 * k as i64);
            let entry = if k == 0 {
                entry(day, EventCode::WithMeans, None)
            } else {
                entry(day, EventCode::Collected, Some(1_000))
            };
            EventRecord {
                id: EventId(k as i64 + 1),
                entry,
                supersedes: None,
                note: String::new(),
                recorded_by: "bench".into(),
                recorded_at: at,
            }
        })
        .collect();
    let today = thads_app::clock::vietnam_date(at);
    let checked = check(&facts, &records, today, rules)
        .map_err(|r| CliError::Refused(format!("synthetic history refused: {r}")))?;
    ledger.add(&ledger_rows(&facts.dims(), &checked.ledger)).map_err(|e| CliError::Refused(e.to_string()))?;
    let case = NewCase {
        current: checked.current.clone(),
        last_event_on: checked.last_event_on,
        event_count: checked.event_count,
        batch: None,
        facts,
    };
    let events = records
        .into_iter()
        .map(|r| NewEvent {
            case: CaseId(0),
            entry: r.entry,
            supersedes: None,
            note: r.note,
            recorded_by: r.recorded_by,
            recorded_at: at,
            batch: None,
        })
        .collect();
    Ok(Synthetic { case, events })
}

/// Inserts a chunk of synthetic cases with their events and ledger in `tx`; returns the ids.
pub fn store_chunk(
    tx: &mut dyn thads_store::WriteTx,
    chunk: Vec<Synthetic>,
    ledger: LedgerDelta,
) -> Result<Vec<CaseId>, CliError> {
    let (cases, events): (Vec<NewCase>, Vec<Vec<NewEvent>>) = chunk.into_iter().map(|s| (s.case, s.events)).unzip();
    let ids = tx.insert_cases(&cases)?;
    let events: Vec<NewEvent> = events
        .into_iter()
        .zip(&ids)
        .flat_map(|(events, id)| events.into_iter().map(move |e| NewEvent { case: *id, ..e }))
        .collect();
    tx.insert_events(&events)?;
    tx.apply_ledger(&ledger.into_rows())?;
    Ok(ids)
}
