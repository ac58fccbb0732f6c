//! Enforcement requests on SQLite (schema 0021_requests). Dates are ISO text; the codes are
//! turned into values by `RequestColumns`.

use rusqlite::{Row, params};
use thads_core::UnitId;
use thads_core::requests::{AttachmentKind, ReceiptNo, RequestId};
use thads_store::{
    AttachmentMeta, NewRequest, REQUEST_COLUMNS, RequestColumns, RequestProgress, RequestRow, Requests, RequestsTx,
    StoreError, StoreResult, attachment_kind,
};
use time::Date;

use crate::SqliteStore;
use crate::audit::unit_list;
use crate::convert as cv;
use crate::error::{refused, unique};
use crate::tx::SqliteTx;

fn one_sql() -> String {
    format!("select {REQUEST_COLUMNS} from requests where id = ?1")
}

const ATTACHMENTS: &str = "select id, request_id, name, kind, size from request_attachments";

impl Requests for SqliteStore {
    fn requests_of(&self, units: &[UnitId]) -> StoreResult<Vec<RequestRow>> {
        let sql = format!(
            "select {REQUEST_COLUMNS} from requests where handled_by in (select value from json_each(?1)) order by id desc"
        );
        self.query_all(&sql, [unit_list(Some(units))], request)
    }

    fn request(&self, id: RequestId) -> StoreResult<Option<RequestRow>> {
        self.query_one(&one_sql(), [id.0], request)
    }

    fn request_by_number(&self, number: &ReceiptNo) -> StoreResult<Option<RequestRow>> {
        let sql = format!("select {REQUEST_COLUMNS} from requests where unit_code = ?1 and year = ?2 and seq = ?3");
        self.query_one(&sql, params![number.unit_code, number.year, number.seq], request)
    }

    fn request_attachments(&self, id: RequestId) -> StoreResult<Vec<AttachmentMeta>> {
        self.query_all(&format!("{ATTACHMENTS} where request_id = ?1 order by id"), [id.0], meta)
    }

    fn request_attachment(&self, request: RequestId, id: i64) -> StoreResult<Option<(AttachmentMeta, Vec<u8>)>> {
        let sql = "select id, request_id, name, kind, size, content from request_attachments
                   where request_id = ?1 and id = ?2";
        self.query_one(sql, [request.0, id], |r| Ok((meta(r)?, r.get::<_, Vec<u8>>(5).map_err(StoreError::backend)?)))
    }
}

impl RequestsTx for SqliteTx<'_> {
    fn take_request_number(&mut self, unit: UnitId, year: i32) -> StoreResult<u32> {
        let number: i64 = self
            .conn()
            .query_row(
                "insert into request_numbers (unit_id, year, last) values (?1, ?2, 1)
                 on conflict (unit_id, year) do update set last = last + 1 returning last",
                params![unit.0, year],
                |r| r.get(0),
            )
            .map_err(refused)?;
        u32::try_from(number).map_err(|_| StoreError::corrupt("request_numbers.last", number))
    }

    fn insert_request(&mut self, r: &NewRequest) -> StoreResult<RequestId> {
        let c = RequestColumns::of(r);
        let number = r.number.to_string();
        self.conn()
            .execute(
                "insert into requests (unit_id, unit_code, year, seq, code_hash, requester, id_number, address, phone,
                    email, court, judgment_no, judgment_on, asked, debtor, debtor_address, received_at, received_on,
                    appointment_on, state, handled_by)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                params![
                    c.unit_id,
                    c.unit_code,
                    c.year,
                    c.seq,
                    c.code_hash,
                    c.requester,
                    c.id_number,
                    c.address,
                    c.phone,
                    c.email,
                    c.court,
                    c.judgment_no,
                    cv::date_text(c.judgment_on),
                    c.asked,
                    c.debtor,
                    c.debtor_address,
                    c.received_at,
                    cv::date_text(c.received_on),
                    cv::date_text(c.appointment_on),
                    c.state,
                    c.handled_by,
                ],
            )
            .map_err(unique(|| format!("số phiếu / receipt number {number}")))?;
        Ok(RequestId(self.conn().last_insert_rowid()))
    }

    fn insert_request_attachment(
        &mut self,
        request: RequestId,
        name: &str,
        kind: AttachmentKind,
        content: &[u8],
    ) -> StoreResult<i64> {
        let size = i64::try_from(content.len()).map_err(StoreError::backend)?;
        self.conn()
            .execute(
                "insert into request_attachments (request_id, name, kind, size, content) values (?1, ?2, ?3, ?4, ?5)",
                params![request.0, name, kind.code(), size, content],
            )
            .map_err(refused)?;
        Ok(self.conn().last_insert_rowid())
    }

    fn request_for_update(&mut self, id: RequestId) -> StoreResult<Option<RequestRow>> {
        // `begin immediate` already holds the database's write lock.
        Ok(self.all(&one_sql(), [id.0], request)?.into_iter().next())
    }

    fn update_request_progress(&mut self, id: RequestId, p: &RequestProgress) -> StoreResult<()> {
        let s = p.supplement.as_ref();
        let changed = self
            .conn()
            .execute(
                "update requests set state = ?2, supplement_asked_on = ?3, supplement_due_on = ?4,
                    supplement_what = ?5, decided_on = ?6, refusal = ?7, case_id = ?8, updated_by = ?9 where id = ?1",
                params![
                    id.0,
                    p.state.code(),
                    s.map(|s| cv::date_text(s.asked_on)),
                    s.map(|s| cv::date_text(s.due_on)),
                    s.map(|s| s.what.as_str()),
                    p.decided_on.map(cv::date_text),
                    p.refusal,
                    p.case_id.map(|c| c.0),
                    p.updated_by,
                ],
            )
            .map_err(refused)?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("đơn yêu cầu / request #{}", id.0)));
        }
        Ok(())
    }
}

fn meta(row: &Row<'_>) -> StoreResult<AttachmentMeta> {
    let size: i64 = row.get(4).map_err(StoreError::backend)?;
    Ok(AttachmentMeta {
        id: row.get(0).map_err(StoreError::backend)?,
        request: RequestId(row.get(1).map_err(StoreError::backend)?),
        name: row.get(2).map_err(StoreError::backend)?,
        kind: attachment_kind(&row.get::<_, String>(3).map_err(StoreError::backend)?)?,
        size: u64::try_from(size).map_err(|_| StoreError::corrupt("request_attachments.size", size))?,
    })
}

fn request(row: &Row<'_>) -> StoreResult<RequestRow> {
    let text = |i: usize| row.get::<_, String>(i).map_err(StoreError::backend);
    let opt_text = |i: usize| row.get::<_, Option<String>>(i).map_err(StoreError::backend);
    let int = |i: usize| row.get::<_, i64>(i).map_err(StoreError::backend);
    let day = |i: usize, column: &str| -> StoreResult<Date> { cv::date_of(column, &text(i)?) };
    let opt_day = |i: usize, column: &str| -> StoreResult<Option<Date>> {
        opt_text(i)?.map(|t| cv::date_of(column, &t)).transpose()
    };
    RequestColumns {
        id: int(0)?,
        unit_id: int(1)?,
        unit_code: text(2)?,
        year: int(3)?,
        seq: int(4)?,
        code_hash: text(5)?,
        requester: text(6)?,
        id_number: text(7)?,
        address: text(8)?,
        phone: text(9)?,
        email: opt_text(10)?,
        court: text(11)?,
        judgment_no: text(12)?,
        judgment_on: day(13, "requests.judgment_on")?,
        asked: text(14)?,
        debtor: text(15)?,
        debtor_address: text(16)?,
        received_at: int(17)?,
        received_on: day(18, "requests.received_on")?,
        appointment_on: day(19, "requests.appointment_on")?,
        state: text(20)?,
        supplement_asked_on: opt_day(21, "requests.supplement_asked_on")?,
        supplement_due_on: opt_day(22, "requests.supplement_due_on")?,
        supplement_what: opt_text(23)?,
        decided_on: opt_day(24, "requests.decided_on")?,
        refusal: opt_text(25)?,
        case_id: row.get::<_, Option<i64>>(26).map_err(StoreError::backend)?,
        updated_by: opt_text(27)?,
        handled_by: int(28)?,
    }
    .into_row()
}
