//! Exemption and reduction proposals on PostgreSQL: one row per proposal, the court's decision
//! in its columns.

use postgres::Row;
use thads_core::exemption::{CourtDecision, ProposalId};
use thads_core::{CaseId, UnitId};
use thads_store::{
    DecisionEntry, Exemptions, ExemptionsTx, NewProposal, PROPOSAL_COLUMNS, ProposalRecord, StoreError, StoreResult,
    kind_of, result_code, result_of,
};
use time::Date;

use crate::PgStore;
use crate::convert::{get, instant_of, vnd};
use crate::error::constraint;
use crate::tx::PgTx;

fn proposal(row: &Row) -> StoreResult<ProposalRecord> {
    let kind: &str = get(row, 3)?;
    let decided_on: Option<Date> = get(row, 10)?;
    let decision = match decided_on {
        None => None,
        Some(decided_on) => {
            let code: String = get::<Option<String>>(row, 12)?.unwrap_or_default();
            let granted: i64 = get::<Option<i64>>(row, 13)?.unwrap_or(0);
            let result =
                result_of(&code, granted).ok_or_else(|| StoreError::corrupt("exemption_proposals.result", &code))?;
            Some(DecisionEntry {
                decision_no: get::<Option<String>>(row, 11)?.unwrap_or_default(),
                decision: CourtDecision {
                    decided_on,
                    result,
                    on_protest: get(row, 14)?,
                    protested: get(row, 15)?,
                    received_by_higher_procuracy_on: get(row, 16)?,
                },
                by: get::<Option<String>>(row, 17)?.unwrap_or_default(),
            })
        }
    };
    Ok(ProposalRecord {
        id: ProposalId(get(row, 0)?),
        unit: UnitId(get(row, 1)?),
        case_id: CaseId(get(row, 2)?),
        kind: kind_of(kind).ok_or_else(|| StoreError::corrupt("exemption_proposals.kind", kind))?,
        proposed_on: get(row, 4)?,
        amount: vnd("exemption_proposals.amount", get(row, 5)?)?,
        procuracy_on: get(row, 6)?,
        note: get(row, 7)?,
        proposed_by: get(row, 8)?,
        proposed_at: instant_of("exemption_proposals.proposed_at", get(row, 9)?)?,
        decision,
        applied_on: get(row, 18)?,
    })
}

const ORDER: &str = "order by proposed_on, id";

impl Exemptions for PgStore {
    fn proposals(&self, units: &[UnitId]) -> StoreResult<Vec<ProposalRecord>> {
        let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
        let sql = format!("select {PROPOSAL_COLUMNS} from exemption_proposals where unit_id = any($1) {ORDER}");
        self.query_all(&sql, &[&ids], proposal)
    }

    fn proposals_of_case(&self, case: CaseId) -> StoreResult<Vec<ProposalRecord>> {
        let sql = format!("select {PROPOSAL_COLUMNS} from exemption_proposals where case_id = $1 {ORDER}");
        self.query_all(&sql, &[&case.0], proposal)
    }

    fn proposal(&self, id: ProposalId) -> StoreResult<Option<ProposalRecord>> {
        let sql = format!("select {PROPOSAL_COLUMNS} from exemption_proposals where id = $1");
        Ok(self.query_all(&sql, &[&id.0], proposal)?.into_iter().next())
    }
}

impl ExemptionsTx for PgTx<'_> {
    fn insert_proposal(&mut self, p: &NewProposal) -> StoreResult<ProposalId> {
        let rows = self.query_mapped(
            "insert into exemption_proposals (unit_id, case_id, kind, proposed_on, amount, procuracy_on, note,
                 proposed_by, proposed_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
            &[
                &p.unit.0,
                &p.case_id.0,
                &p.kind.code(),
                &p.proposed_on,
                &p.amount.dong(),
                &p.procuracy_on,
                &p.note,
                &p.by,
                &p.at.unix_timestamp(),
            ],
            constraint(|| "hồ sơ đề nghị / proposal".into()),
        )?;
        Ok(ProposalId(get(rows.first().ok_or_else(|| StoreError::Backend("insert returned no id".into()))?, 0)?))
    }

    fn proposal_for_update(&mut self, id: ProposalId) -> StoreResult<Option<ProposalRecord>> {
        let sql = format!("select {PROPOSAL_COLUMNS} from exemption_proposals where id = $1 for update");
        let rows = self.query(&sql, &[&id.0])?;
        rows.first().map(proposal).transpose()
    }

    fn proposals_of_case_tx(&mut self, case: CaseId) -> StoreResult<Vec<ProposalRecord>> {
        let sql = format!("select {PROPOSAL_COLUMNS} from exemption_proposals where case_id = $1 {ORDER}");
        self.query(&sql, &[&case.0])?.iter().map(proposal).collect()
    }

    fn set_decision(&mut self, id: ProposalId, d: &DecisionEntry) -> StoreResult<()> {
        let (code, granted) = result_code(d.decision.result);
        let n = self.execute(
            "update exemption_proposals set decided_on = $2, decision_no = $3, result = $4, granted = $5,
                 on_protest = $6, protested = $7, higher_received_on = $8, decided_by = $9
             where id = $1",
            &[
                &id.0,
                &d.decision.decided_on,
                &d.decision_no,
                &code,
                &granted,
                &d.decision.on_protest,
                &d.decision.protested,
                &d.decision.received_by_higher_procuracy_on,
                &d.by,
            ],
        )?;
        if n == 0 { Err(StoreError::NotFound(format!("hồ sơ đề nghị / proposal #{}", id.0))) } else { Ok(()) }
    }

    fn mark_applied(&mut self, id: ProposalId, on: Date) -> StoreResult<()> {
        self.execute("update exemption_proposals set applied_on = $2 where id = $1", &[&id.0, &on])?;
        Ok(())
    }
}
