//! `thads staff import FILE` and the registry's upload: a CSV of people
//! (`name,unit,title,rank,appointed_on,term_ends_on,login`, login optional) added all or
//! nothing. Every row is checked before anything is written; a file with any bad row writes
//! nothing and answers every bad row with its line and reason.

use std::collections::HashMap;

use thads_core::dates::parse_date;
use thads_core::personnel::{PersonFacts, Rank, Status};
use thads_core::{Login, StaffId, UnitId, UnitTree};
use thads_store::Store;

use super::{audit, refused, view};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// The columns of the file, in order (interchange, staff registry).
pub const COLUMNS: [&str; 7] = ["name", "unit", "title", "rank", "appointed_on", "term_ends_on", "login"];

/// At most this many people in one file.
pub const MAX_ROWS: usize = 20_000;

/// A bad row: its line in the file (the header is line 1) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Every row added: how many.
    Added(usize),
    /// Nothing written: every bad row.
    Refused(Vec<RowProblem>),
}

/// Imports `text` (UTF-8 CSV with the header row). `may` says whether the caller may manage
/// the people of a unit; a row of another unit is refused like an unknown one.
pub fn import_csv(
    store: &dyn Store,
    actor: &Actor,
    units: &UnitTree,
    text: &str,
    may: &dyn Fn(UnitId) -> bool,
) -> AppResult<ImportOutcome> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| AppError::Invalid(format!("tệp CSV không đọc được / unreadable CSV: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let wanted = COLUMNS.join(",");
    let short = COLUMNS[..6].join(",");
    if header.join(",") != wanted && header.join(",") != short {
        return Ok(ImportOutcome::Refused(vec![RowProblem {
            line: 1,
            reason: format!("dòng tiêu đề phải là «{wanted}» / the header must be «{wanted}»"),
        }]));
    }
    let staff = store.staff()?;
    let linked: HashMap<StaffId, ()> = store
        .people(None)?
        .into_iter()
        .filter(|p| p.status == Status::Active)
        .filter_map(|p| p.facts.staff)
        .map(|s| (s, ()))
        .collect();
    let mut problems = Vec::new();
    let mut rows: Vec<(u64, PersonFacts)> = Vec::new();
    let mut in_file: HashMap<StaffId, u64> = HashMap::new();
    for record in reader.records() {
        let (line, fields) = match record {
            Ok(r) => (r.position().map_or(0, |p| p.line()), r),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems
                    .push(RowProblem { line, reason: format!("dòng không đọc được / unreadable row: {e}") });
                continue;
            }
        };
        if rows.len() + problems.len() >= MAX_ROWS {
            problems.push(RowProblem { line, reason: format!("quá {MAX_ROWS} dòng / more than {MAX_ROWS} rows") });
            break;
        }
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match row(&fields, units, &staff, may, actor) {
            Ok(facts) => {
                if let Some(id) = facts.staff {
                    if linked.contains_key(&id) {
                        problems.push(RowProblem {
                            line,
                            reason: "tài khoản đã gắn với một người đang công tác / login already linked to a person"
                                .into(),
                        });
                        continue;
                    }
                    if let Some(first) = in_file.insert(id, line) {
                        problems.push(RowProblem {
                            line,
                            reason: format!("tài khoản trùng với dòng {first} / login repeated from line {first}"),
                        });
                        continue;
                    }
                }
                rows.push((line, facts));
            }
            Err(reason) => problems.push(RowProblem { line, reason }),
        }
    }
    if !problems.is_empty() {
        return Ok(ImportOutcome::Refused(problems));
    }
    let mut tx = store.begin()?;
    for (_, facts) in &rows {
        let id = tx.insert_person(facts)?;
        let login = facts.staff.and_then(|s| staff.iter().find(|x| x.id == s)).map(|s| s.login.to_string());
        let person = thads_core::personnel::Person { id, facts: facts.clone(), status: Status::Active, ended_on: None };
        let after = view(id, &person, units, login.as_deref());
        audit(tx.as_mut(), actor, "personnel.import", facts.unit, None, Some(after))?;
    }
    tx.commit()?;
    Ok(ImportOutcome::Added(rows.len()))
}

/// One row's person, or why it is refused (both languages).
fn row(
    fields: &csv::StringRecord,
    units: &UnitTree,
    staff: &[thads_core::Staff],
    may: &dyn Fn(UnitId) -> bool,
    actor: &Actor,
) -> Result<PersonFacts, String> {
    if fields.len() != 7 && fields.len() != 6 {
        return Err(format!("có {} cột, cần 7 / {} columns, 7 expected", fields.len(), fields.len()));
    }
    let get = |i: usize| fields.get(i).unwrap_or("").trim();
    let code = get(1).to_ascii_uppercase();
    let unit = units
        .by_code(&code)
        .filter(|u| may(u.id))
        .ok_or_else(|| format!("unit: không có đơn vị «{code}» trong phạm vi / no unit «{code}» in your scope"))?;
    let rank = Rank::parse(get(3)).map_err(|e| format!("rank: {e}"))?;
    let date = |i: usize, name: &str| -> Result<Option<time::Date>, String> {
        let t = get(i);
        if t.is_empty() { Ok(None) } else { parse_date(t).map(Some).map_err(|e| format!("{name}: {e}")) }
    };
    let staff_id = match get(6) {
        "" => None,
        text => {
            let login = Login::new(text).map_err(|e| format!("login: {e}"))?;
            match staff.iter().find(|s| s.login == login) {
                Some(s) if s.unit == unit.id => Some(s.id),
                Some(_) => return Err(format!("login: «{login}» thuộc đơn vị khác / is of another unit")),
                None => return Err(format!("login: không có tài khoản «{login}» / no such login")),
            }
        }
    };
    let facts = PersonFacts {
        unit: unit.id,
        full_name: get(0).to_string(),
        title: get(2).to_string(),
        rank,
        appointed_on: date(4, "appointed_on")?,
        term_ends_on: date(5, "term_ends_on")?,
        staff: staff_id,
    };
    facts.checked(actor.today()).map_err(|e| match refused(e) {
        AppError::Field { field, message } => {
            format!("{}: {message}", if field == "full_name" { "name" } else { field })
        }
        other => other.to_string(),
    })
}
