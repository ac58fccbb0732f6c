//! Enforcement requests on PostgreSQL (schema 0021_requests). The codes are turned into values
//! by `RequestColumns`; a step locks its request (`for update`).

use postgres::Row;
use thads_core::UnitId;
use thads_core::requests::{AttachmentKind, ReceiptNo, RequestId};
use thads_store::{
    AttachmentMeta, NewRequest, REQUEST_COLUMNS, RequestColumns, RequestProgress, RequestRow, Requests, RequestsTx,
    StoreError, StoreResult, attachment_kind,
};

use crate::PgStore;
use crate::convert::get;
use crate::error::constraint;
use crate::tx::PgTx;

fn one_sql() -> String {
    format!("select {REQUEST_COLUMNS} from requests where id = $1")
}

const ATTACHMENTS: &str = "select id, request_id, name, kind, size from request_attachments";

impl Requests for PgStore {
    fn requests_of(&self, units: &[UnitId]) -> StoreResult<Vec<RequestRow>> {
        let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
        let sql = format!("select {REQUEST_COLUMNS} from requests where handled_by = any($1) order by id desc");
        self.query_all(&sql, &[&ids], request)
    }

    fn request(&self, id: RequestId) -> StoreResult<Option<RequestRow>> {
        self.query_one(&one_sql(), &[&id.0], request)
    }

    fn request_by_number(&self, number: &ReceiptNo) -> StoreResult<Option<RequestRow>> {
        let sql = format!("select {REQUEST_COLUMNS} from requests where unit_code = $1 and year = $2 and seq = $3");
        let (year, seq) = (i64::from(number.year), i64::from(number.seq));
        self.query_one(&sql, &[&number.unit_code, &year, &seq], request)
    }

    fn request_attachments(&self, id: RequestId) -> StoreResult<Vec<AttachmentMeta>> {
        self.query_all(&format!("{ATTACHMENTS} where request_id = $1 order by id"), &[&id.0], meta)
    }

    fn request_attachment(&self, request: RequestId, id: i64) -> StoreResult<Option<(AttachmentMeta, Vec<u8>)>> {
        let sql = "select id, request_id, name, kind, size, content from request_attachments
                   where request_id = $1 and id = $2";
        self.query_one(sql, &[&request.0, &id], |r| Ok((meta(r)?, get(r, 5)?)))
    }
}

impl RequestsTx for PgTx<'_> {
    fn take_request_number(&mut self, unit: UnitId, year: i32) -> StoreResult<u32> {
        let year = i64::from(year);
        let rows = self.query_mapped(
            "insert into request_numbers (unit_id, year, last) values ($1, $2, 1)
             on conflict (unit_id, year) do update set last = request_numbers.last + 1 returning last",
            &[&unit.0, &year],
            constraint(|| "số phiếu / receipt number".to_string()),
        )?;
        let number: i64 = rows.first().map(|r| get(r, 0)).transpose()?.unwrap_or(0);
        u32::try_from(number).map_err(|_| StoreError::corrupt("request_numbers.last", number))
    }

    fn insert_request(&mut self, r: &NewRequest) -> StoreResult<RequestId> {
        let c = RequestColumns::of(r);
        let number = r.number.to_string();
        // In a savepoint: a refused request leaves the transaction usable, as on SQLite.
        let rows = self.savepoint(|tx| {
            tx.query_mapped(
                "insert into requests (unit_id, unit_code, year, seq, code_hash, requester, id_number, address, phone,
                    email, court, judgment_no, judgment_on, asked, debtor, debtor_address, received_at, received_on,
                    appointment_on, state, handled_by)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
                 returning id",
                &[
                    &c.unit_id,
                    &c.unit_code,
                    &c.year,
                    &c.seq,
                    &c.code_hash,
                    &c.requester,
                    &c.id_number,
                    &c.address,
                    &c.phone,
                    &c.email,
                    &c.court,
                    &c.judgment_no,
                    &c.judgment_on,
                    &c.asked,
                    &c.debtor,
                    &c.debtor_address,
                    &c.received_at,
                    &c.received_on,
                    &c.appointment_on,
                    &c.state,
                    &c.handled_by,
                ],
                constraint(|| format!("số phiếu / receipt number {number}")),
            )
        })?;
        let first = rows.first().ok_or_else(|| StoreError::Backend("insert returned no id".into()))?;
        Ok(RequestId(get(first, 0)?))
    }

    fn insert_request_attachment(
        &mut self,
        request: RequestId,
        name: &str,
        kind: AttachmentKind,
        content: &[u8],
    ) -> StoreResult<i64> {
        let size = i64::try_from(content.len()).map_err(StoreError::backend)?;
        let rows = self.savepoint(|tx| {
            tx.query_mapped(
                "insert into request_attachments (request_id, name, kind, size, content)
                 values ($1, $2, $3, $4, $5) returning id",
                &[&request.0, &name, &kind.code(), &size, &content],
                constraint(|| "tệp đính kèm / attachment".to_string()),
            )
        })?;
        let first = rows.first().ok_or_else(|| StoreError::Backend("insert returned no id".into()))?;
        get(first, 0)
    }

    fn request_for_update(&mut self, id: RequestId) -> StoreResult<Option<RequestRow>> {
        let sql = format!("{} for update", one_sql());
        self.query(&sql, &[&id.0])?.first().map(request).transpose()
    }

    fn update_request_progress(&mut self, id: RequestId, p: &RequestProgress) -> StoreResult<()> {
        let s = p.supplement.as_ref();
        let changed = self.savepoint(|tx| {
            tx.query_mapped(
                "update requests set state = $2, supplement_asked_on = $3, supplement_due_on = $4,
                    supplement_what = $5, decided_on = $6, refusal = $7, case_id = $8, updated_by = $9
                 where id = $1 returning id",
                &[
                    &id.0,
                    &p.state.code(),
                    &s.map(|s| s.asked_on),
                    &s.map(|s| s.due_on),
                    &s.map(|s| s.what.as_str()),
                    &p.decided_on,
                    &p.refusal,
                    &p.case_id.map(|c| c.0),
                    &p.updated_by,
                ],
                constraint(|| "đơn yêu cầu / request".to_string()),
            )
        })?;
        if changed.is_empty() {
            return Err(StoreError::NotFound(format!("đơn yêu cầu / request #{}", id.0)));
        }
        Ok(())
    }
}

fn meta(row: &Row) -> StoreResult<AttachmentMeta> {
    let size: i64 = get(row, 4)?;
    let kind: String = get(row, 3)?;
    Ok(AttachmentMeta {
        id: get(row, 0)?,
        request: RequestId(get(row, 1)?),
        name: get(row, 2)?,
        kind: attachment_kind(&kind)?,
        size: u64::try_from(size).map_err(|_| StoreError::corrupt("request_attachments.size", size))?,
    })
}

fn request(row: &Row) -> StoreResult<RequestRow> {
    RequestColumns {
        id: get(row, 0)?,
        unit_id: get(row, 1)?,
        unit_code: get(row, 2)?,
        year: get(row, 3)?,
        seq: get(row, 4)?,
        code_hash: get(row, 5)?,
        requester: get(row, 6)?,
        id_number: get(row, 7)?,
        address: get(row, 8)?,
        phone: get(row, 9)?,
        email: get(row, 10)?,
        court: get(row, 11)?,
        judgment_no: get(row, 12)?,
        judgment_on: get(row, 13)?,
        asked: get(row, 14)?,
        debtor: get(row, 15)?,
        debtor_address: get(row, 16)?,
        received_at: get(row, 17)?,
        received_on: get(row, 18)?,
        appointment_on: get(row, 19)?,
        state: get(row, 20)?,
        supplement_asked_on: get(row, 21)?,
        supplement_due_on: get(row, 22)?,
        supplement_what: get(row, 23)?,
        decided_on: get(row, 24)?,
        refusal: get(row, 25)?,
        case_id: get(row, 26)?,
        updated_by: get(row, 27)?,
        handled_by: get(row, 28)?,
    }
    .into_row()
}
