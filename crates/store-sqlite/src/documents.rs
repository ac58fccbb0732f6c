//! Documents on SQLite (schema 0014_documents): template versions keyed by kind and effective
//! date, and the register of issued documents. The next number comes from `document_counters`
//! in the issuing transaction (SQLite runs one writer at a time), so numbers have no gaps.

use rusqlite::{Connection, OptionalExtension, params};
use thads_core::{CaseId, EventId, UnitId};
use thads_store::{
    Cancellation, DOCUMENT_TEMPLATE_COLUMNS, DocumentContent, DocumentId, DocumentTemplateRecord, Documents,
    DocumentsTx, ISSUED_DOCUMENT_COLUMNS, IssuedDocument, NewIssuedDocument, StoreError, StoreResult, codes,
};

use crate::SqliteStore;
use crate::convert as cv;
use crate::tx::SqliteTx;

fn templates_sql() -> String {
    format!("select {DOCUMENT_TEMPLATE_COLUMNS} from document_templates order by kind, effective_from")
}

fn documents_sql(filter: &str) -> String {
    format!("select {ISSUED_DOCUMENT_COLUMNS} from documents where {filter}")
}

impl Documents for SqliteStore {
    fn document_templates(&self) -> StoreResult<Vec<DocumentTemplateRecord>> {
        self.query_all(&templates_sql(), [], template)
    }

    fn documents_of_case(&self, case: CaseId) -> StoreResult<Vec<IssuedDocument>> {
        self.query_all(&documents_sql("case_id = ?1 order by issued_at, id"), [case.0], document)
    }

    fn document_register(&self, unit: UnitId, kind: &str, year: i32) -> StoreResult<Vec<IssuedDocument>> {
        let sql = documents_sql("unit_id = ?1 and kind = ?2 and year = ?3 order by number");
        self.query_all(&sql, params![unit.0, kind, year], document)
    }

    fn issued_document(&self, id: DocumentId) -> StoreResult<Option<IssuedDocument>> {
        self.query_one(&documents_sql("id = ?1"), [id.0], document)
    }

    fn document_content(&self, id: DocumentId) -> StoreResult<Option<DocumentContent>> {
        self.query_one(
            "select document_id, template_kind, template_from, content, stored_at from document_contents
             where document_id = ?1",
            [id.0],
            |row| {
                let text = |i| row.get::<_, String>(i).map_err(StoreError::backend);
                Ok(DocumentContent {
                    document: DocumentId(row.get(0).map_err(StoreError::backend)?),
                    template_kind: text(1)?,
                    template_from: cv::date_of("document_contents.template_from", &text(2)?)?,
                    content: text(3)?,
                    stored_at: cv::instant_of("document_contents.stored_at", row.get(4).map_err(StoreError::backend)?)?,
                })
            },
        )
    }
}

impl DocumentsTx for SqliteTx<'_> {
    fn put_document_template(&mut self, r: &DocumentTemplateRecord) -> StoreResult<Option<DocumentTemplateRecord>> {
        let sql = format!(
            "select {DOCUMENT_TEMPLATE_COLUMNS} from document_templates where kind = ?1 and effective_from = ?2"
        );
        let previous = cv::query_all(self.conn(), &sql, params![r.kind, cv::date_text(r.effective_from)], template)?
            .into_iter()
            .next();
        self.conn()
            .execute(
                "insert into document_templates (kind, effective_from, legal_basis, citation, confidence, body, saved_by, saved_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 on conflict (kind, effective_from) do update set legal_basis = excluded.legal_basis,
                    citation = excluded.citation, confidence = excluded.confidence, body = excluded.body,
                    saved_by = excluded.saved_by, saved_at = excluded.saved_at",
                params![
                    r.kind,
                    cv::date_text(r.effective_from),
                    r.legal_basis,
                    r.citation,
                    codes::confidence(r.confidence),
                    r.text,
                    r.saved_by,
                    cv::instant_secs(r.saved_at)
                ],
            )
            .map_err(StoreError::backend)?;
        Ok(previous)
    }

    fn issue_document(&mut self, d: &NewIssuedDocument) -> StoreResult<IssuedDocument> {
        let number: i64 = self
            .conn()
            .query_row(
                "insert into document_counters (unit_id, kind, year, last) values (?1, ?2, ?3, 1)
                 on conflict (unit_id, kind, year) do update set last = last + 1 returning last",
                params![d.unit.0, d.kind, d.year],
                |r| r.get(0),
            )
            .map_err(StoreError::backend)?;
        self.conn()
            .execute(
                "insert into documents (unit_id, kind, year, number, symbol, case_id, event_id, issued_on, issued_by, issued_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    d.unit.0,
                    d.kind,
                    d.year,
                    number,
                    d.symbol,
                    d.case.map(|c| c.0),
                    d.event.map(|e| e.0),
                    cv::date_text(d.issued_on),
                    d.issued_by,
                    cv::instant_secs(d.issued_at)
                ],
            )
            .map_err(StoreError::backend)?;
        let id = DocumentId(self.conn().last_insert_rowid());
        one(self.conn(), id)?.ok_or_else(|| StoreError::Backend("issued document not read back".into()))
    }

    fn set_document_event(&mut self, id: DocumentId, event: EventId) -> StoreResult<()> {
        let changed = self
            .conn()
            .execute("update documents set event_id = ?2 where id = ?1", params![id.0, event.0])
            .map_err(StoreError::backend)?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("văn bản / document #{}", id.0)));
        }
        Ok(())
    }

    fn cancel_document(&mut self, id: DocumentId, c: &Cancellation) -> StoreResult<IssuedDocument> {
        let current =
            one(self.conn(), id)?.ok_or_else(|| StoreError::NotFound(format!("văn bản / document #{}", id.0)))?;
        if current.cancelled.is_some() {
            return Err(StoreError::Invalid(format!(
                "số {} đã bị hủy / number already cancelled",
                current.number_and_symbol()
            )));
        }
        self.conn()
            .execute(
                "update documents set cancelled_reason = ?2, cancelled_by = ?3, cancelled_at = ?4
                 where id = ?1 and cancelled_at is null",
                params![id.0, c.reason, c.by, cv::instant_secs(c.at)],
            )
            .map_err(StoreError::backend)?;
        one(self.conn(), id)?.ok_or_else(|| StoreError::Backend("cancelled document not read back".into()))
    }

    fn insert_document_content(&mut self, c: &DocumentContent) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into document_contents (document_id, template_kind, template_from, content, stored_at)
                 values (?1, ?2, ?3, ?4, ?5)",
                params![
                    c.document.0,
                    c.template_kind,
                    cv::date_text(c.template_from),
                    c.content,
                    cv::instant_secs(c.stored_at)
                ],
            )
            .map_err(crate::error::unique(|| format!("văn bản #{} đã lưu / document stored already", c.document.0)))?;
        Ok(())
    }
}

fn one(conn: &Connection, id: DocumentId) -> StoreResult<Option<IssuedDocument>> {
    let mut stmt = conn.prepare_cached(&documents_sql("id = ?1")).map_err(StoreError::backend)?;
    let row = stmt.query_row([id.0], |row| Ok(document(row))).optional().map_err(StoreError::backend)?;
    row.transpose()
}

fn template(row: &rusqlite::Row<'_>) -> StoreResult<DocumentTemplateRecord> {
    let text = |i| row.get::<_, String>(i).map_err(StoreError::backend);
    let confidence = text(4)?;
    Ok(DocumentTemplateRecord {
        kind: text(0)?,
        effective_from: cv::date_of("document_templates.effective_from", &text(1)?)?,
        legal_basis: text(2)?,
        citation: text(3)?,
        confidence: codes::confidence_of(&confidence)
            .ok_or_else(|| StoreError::corrupt("document_templates.confidence", &confidence))?,
        text: text(5)?,
        saved_by: text(6)?,
        saved_at: cv::instant_of("document_templates.saved_at", row.get(7).map_err(StoreError::backend)?)?,
    })
}

fn document(row: &rusqlite::Row<'_>) -> StoreResult<IssuedDocument> {
    let int = |i| row.get::<_, i64>(i).map_err(StoreError::backend);
    let opt_int = |i| row.get::<_, Option<i64>>(i).map_err(StoreError::backend);
    let text = |i| row.get::<_, String>(i).map_err(StoreError::backend);
    let cancelled = match (row.get::<_, Option<String>>(11).map_err(StoreError::backend)?, opt_int(13)?) {
        (Some(reason), Some(at)) => Some(Cancellation {
            reason,
            by: row.get::<_, Option<String>>(12).map_err(StoreError::backend)?.unwrap_or_default(),
            at: cv::instant_of("documents.cancelled_at", at)?,
        }),
        _ => None,
    };
    Ok(IssuedDocument {
        id: DocumentId(int(0)?),
        unit: UnitId(int(1)?),
        kind: text(2)?,
        year: i32::try_from(int(3)?).map_err(|_| StoreError::corrupt("documents.year", int(3).unwrap_or(0)))?,
        number: int(4)?,
        symbol: text(5)?,
        case: opt_int(6)?.map(CaseId),
        event: opt_int(7)?.map(EventId),
        issued_on: cv::date_of("documents.issued_on", &text(8)?)?,
        issued_by: text(9)?,
        issued_at: cv::instant_of("documents.issued_at", int(10)?)?,
        cancelled,
    })
}
