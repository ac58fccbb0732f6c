//! Bank statements (sao kê) of a province's custody account: imported from CSV whole or not at
//! all (every bad row listed, nothing kept), each line matched to the receipt by transfer
//! (money in) or the payout by transfer or post (money out) of the same day and amount that no
//! earlier statement matched (`core::money::statement`); lines left unmatched are what the
//! accountant looks into. Audited.

use serde_json::json;
use thads_core::UnitId;
use thads_core::money::Vnd;
use thads_core::money::statement::{BadRow, Candidate, Matched, match_lines, parse_statement};
use thads_store::{NewAudit, NewStatement, ReceiptQuery, StatementLineRow, Store};

use super::EVER;
use crate::actor::Actor;
use crate::error::AppResult;

/// Text a statement may hold: 10,000 rows of a bank's export fit well within it.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// A statement kept.
#[derive(Debug, Clone)]
pub struct Imported {
    pub id: i64,
    pub lines: usize,
    pub matched: usize,
    /// The lines no document matched.
    pub unmatched: Vec<StatementLineRow>,
}

/// Imports `text` into the books of `unit` (a province): `Ok(Err(rows))` lists every row that
/// does not read, and nothing is written.
pub fn import(store: &dyn Store, actor: &Actor, unit: UnitId, text: &str) -> AppResult<Result<Imported, Vec<BadRow>>> {
    if text.len() > MAX_BYTES {
        let message = format!("tệp quá {MAX_BYTES} byte / the file is larger than {MAX_BYTES} bytes");
        return Ok(Err(vec![BadRow { row: 0, message }]));
    }
    let lines = match parse_statement(text) {
        Ok(lines) => lines,
        Err(rows) => return Ok(Err(rows)),
    };
    let (from, to) = lines.iter().fold((EVER.1, EVER.0), |(f, t), l| (f.min(l.date), t.max(l.date)));
    let mut tx = store.begin()?;
    let (taken_in, taken_out) = tx.matched_documents(unit)?;
    let query = ReceiptQuery { unit, from, to, case: None, limit: u32::MAX };
    let receipts: Vec<Candidate> = store
        .receipts(&query)?
        .into_iter()
        .filter(|r| r.cancelled.is_none() && r.receipt.method == "transfer" && !taken_in.contains(&r.id))
        .filter_map(|r| Some(Candidate { id: r.id, date: r.receipt.date, amount: Vnd::new(r.receipt.amount).ok()? }))
        .collect();
    let payouts: Vec<Candidate> = store
        .payouts(unit, None, u32::MAX)?
        .into_iter()
        .filter(|p| p.payout.date >= from && p.payout.date <= to && p.payout.method != "cash")
        .filter(|p| !taken_out.contains(&p.id))
        .filter_map(|p| {
            let paid = Vnd::new(p.payout.amount - p.payout.fee).ok()?;
            Some(Candidate { id: p.id, date: p.payout.date, amount: paid })
        })
        .collect();
    let matches = match_lines(&lines, &receipts, &payouts);
    let rows: Vec<StatementLineRow> = lines
        .iter()
        .zip(&matches)
        .map(|(l, m)| StatementLineRow {
            row: l.row,
            date: l.date,
            direction: l.direction.code().to_string(),
            amount: l.amount.dong(),
            reference: l.reference.clone(),
            receipt: match m {
                Some(Matched::Receipt(id)) => Some(*id),
                _ => None,
            },
            payout: match m {
                Some(Matched::Payout(id)) => Some(*id),
                _ => None,
            },
        })
        .collect();
    let matched = matches.iter().filter(|m| m.is_some()).count();
    let statement = NewStatement { unit, lines: rows, by: actor.login.clone(), at: actor.at };
    let id = tx.insert_statement(&statement)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "money.statement".into(),
        before: None,
        after: Some(json!({ "statement": id, "unit": unit.0, "lines": lines.len(), "matched": matched }).to_string()),
    })?;
    tx.commit()?;
    let unmatched =
        statement.lines.into_iter().filter(|l| l.receipt.is_none() && l.payout.is_none()).collect::<Vec<_>>();
    Ok(Ok(Imported { id, lines: lines.len(), matched, unmatched }))
}
