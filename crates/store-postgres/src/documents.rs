//! Documents on PostgreSQL (schema 0014_documents): template versions keyed by kind and
//! effective date, and the register of issued documents. The next number comes from
//! `document_counters` with `insert … on conflict do update … returning`: the counter's row stays
//! locked until the issuing transaction ends, so two issuers take consecutive numbers and a
//! rolled-back one leaves no gap.

use postgres::Row;
use thads_core::{CaseId, EventId, UnitId};
use thads_store::{
    Cancellation, DOCUMENT_TEMPLATE_COLUMNS, DocumentContent, DocumentId, DocumentTemplateRecord, Documents,
    DocumentsTx, ISSUED_DOCUMENT_COLUMNS, IssuedDocument, NewIssuedDocument, StoreError, StoreResult, codes,
};

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::tx::PgTx;

fn templates_sql() -> String {
    format!("select {DOCUMENT_TEMPLATE_COLUMNS} from document_templates order by kind, effective_from")
}

fn documents_sql(filter: &str) -> String {
    format!("select {ISSUED_DOCUMENT_COLUMNS} from documents where {filter}")
}

impl Documents for PgStore {
    fn document_templates(&self) -> StoreResult<Vec<DocumentTemplateRecord>> {
        self.query_all(&templates_sql(), &[], template)
    }

    fn documents_of_case(&self, case: CaseId) -> StoreResult<Vec<IssuedDocument>> {
        self.query_all(&documents_sql("case_id = $1 order by issued_at, id"), &[&case.0], document)
    }

    fn document_register(&self, unit: UnitId, kind: &str, year: i32) -> StoreResult<Vec<IssuedDocument>> {
        let sql = documents_sql("unit_id = $1 and kind = $2 and year = $3 order by number");
        self.query_all(&sql, &[&unit.0, &kind, &year], document)
    }

    fn issued_document(&self, id: DocumentId) -> StoreResult<Option<IssuedDocument>> {
        Ok(self.query_all(&documents_sql("id = $1"), &[&id.0], document)?.into_iter().next())
    }

    fn document_content(&self, id: DocumentId) -> StoreResult<Option<DocumentContent>> {
        let rows = self.query_all(
            "select document_id, template_kind, template_from, content, stored_at from document_contents
             where document_id = $1",
            &[&id.0],
            |row| {
                Ok(DocumentContent {
                    document: DocumentId(get(row, 0)?),
                    template_kind: get(row, 1)?,
                    template_from: get(row, 2)?,
                    content: get(row, 3)?,
                    stored_at: cv::instant_of("document_contents.stored_at", get(row, 4)?)?,
                })
            },
        )?;
        Ok(rows.into_iter().next())
    }
}

impl DocumentsTx for PgTx<'_> {
    fn put_document_template(&mut self, r: &DocumentTemplateRecord) -> StoreResult<Option<DocumentTemplateRecord>> {
        let sql = format!(
            "select {DOCUMENT_TEMPLATE_COLUMNS} from document_templates where kind = $1 and effective_from = $2 for update"
        );
        let previous = self.query(&sql, &[&r.kind, &r.effective_from])?.first().map(template).transpose()?;
        self.execute(
            "insert into document_templates (kind, effective_from, legal_basis, citation, confidence, body, saved_by, saved_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8)
             on conflict (kind, effective_from) do update set legal_basis = excluded.legal_basis,
                citation = excluded.citation, confidence = excluded.confidence, body = excluded.body,
                saved_by = excluded.saved_by, saved_at = excluded.saved_at",
            &[
                &r.kind,
                &r.effective_from,
                &r.legal_basis,
                &r.citation,
                &codes::confidence(r.confidence),
                &r.text,
                &r.saved_by,
                &r.saved_at.unix_timestamp(),
            ],
        )?;
        Ok(previous)
    }

    fn issue_document(&mut self, d: &NewIssuedDocument) -> StoreResult<IssuedDocument> {
        let rows = self.query(
            "insert into document_counters (unit_id, kind, year, last) values ($1, $2, $3, 1)
             on conflict (unit_id, kind, year) do update set last = document_counters.last + 1 returning last",
            &[&d.unit.0, &d.kind, &d.year],
        )?;
        let number: i64 = match rows.first() {
            Some(row) => get(row, 0)?,
            None => return Err(StoreError::Backend("document counter not returned".into())),
        };
        let sql = format!(
            "insert into documents (unit_id, kind, year, number, symbol, case_id, event_id, issued_on, issued_by, issued_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning {ISSUED_DOCUMENT_COLUMNS}"
        );
        let rows = self.query(
            &sql,
            &[
                &d.unit.0,
                &d.kind,
                &d.year,
                &number,
                &d.symbol,
                &d.case.map(|c| c.0),
                &d.event.map(|e| e.0),
                &d.issued_on,
                &d.issued_by,
                &d.issued_at.unix_timestamp(),
            ],
        )?;
        rows.first()
            .map(document)
            .transpose()?
            .ok_or_else(|| StoreError::Backend("issued document not returned".into()))
    }

    fn set_document_event(&mut self, id: DocumentId, event: EventId) -> StoreResult<()> {
        if self.execute("update documents set event_id = $2 where id = $1", &[&id.0, &event.0])? == 0 {
            return Err(StoreError::NotFound(format!("văn bản / document #{}", id.0)));
        }
        Ok(())
    }

    fn cancel_document(&mut self, id: DocumentId, c: &Cancellation) -> StoreResult<IssuedDocument> {
        let current = self
            .query(&format!("{} for update", documents_sql("id = $1")), &[&id.0])?
            .first()
            .map(document)
            .transpose()?
            .ok_or_else(|| StoreError::NotFound(format!("văn bản / document #{}", id.0)))?;
        if current.cancelled.is_some() {
            return Err(StoreError::Invalid(format!(
                "số {} đã bị hủy / number already cancelled",
                current.number_and_symbol()
            )));
        }
        let sql = format!(
            "update documents set cancelled_reason = $2, cancelled_by = $3, cancelled_at = $4 where id = $1
             returning {ISSUED_DOCUMENT_COLUMNS}"
        );
        let rows = self.query(&sql, &[&id.0, &c.reason, &c.by, &c.at.unix_timestamp()])?;
        rows.first()
            .map(document)
            .transpose()?
            .ok_or_else(|| StoreError::Backend("cancelled document not returned".into()))
    }

    fn insert_document_content(&mut self, c: &DocumentContent) -> StoreResult<()> {
        let what = || format!("văn bản #{} đã lưu / document stored already", c.document.0);
        let rows = self.query_mapped(
            "insert into document_contents (document_id, template_kind, template_from, content, stored_at)
             values ($1, $2, $3, $4, $5) on conflict (document_id) do nothing returning 1",
            &[&c.document.0, &c.template_kind, &c.template_from, &c.content, &c.stored_at.unix_timestamp()],
            crate::error::constraint(what),
        )?;
        if rows.is_empty() { Err(StoreError::Duplicate(what())) } else { Ok(()) }
    }
}

fn template(row: &Row) -> StoreResult<DocumentTemplateRecord> {
    let confidence: String = get(row, 4)?;
    Ok(DocumentTemplateRecord {
        kind: get(row, 0)?,
        effective_from: get(row, 1)?,
        legal_basis: get(row, 2)?,
        citation: get(row, 3)?,
        confidence: codes::confidence_of(&confidence)
            .ok_or_else(|| StoreError::corrupt("document_templates.confidence", &confidence))?,
        text: get(row, 5)?,
        saved_by: get(row, 6)?,
        saved_at: cv::instant_of("document_templates.saved_at", get(row, 7)?)?,
    })
}

fn document(row: &Row) -> StoreResult<IssuedDocument> {
    let reason: Option<String> = get(row, 11)?;
    let at: Option<i64> = get(row, 13)?;
    let cancelled = match (reason, at) {
        (Some(reason), Some(at)) => Some(Cancellation {
            reason,
            by: get::<Option<String>>(row, 12)?.unwrap_or_default(),
            at: cv::instant_of("documents.cancelled_at", at)?,
        }),
        _ => None,
    };
    Ok(IssuedDocument {
        id: DocumentId(get(row, 0)?),
        unit: UnitId(get(row, 1)?),
        kind: get(row, 2)?,
        year: get(row, 3)?,
        number: get(row, 4)?,
        symbol: get(row, 5)?,
        case: get::<Option<i64>>(row, 6)?.map(CaseId),
        event: get::<Option<i64>>(row, 7)?.map(EventId),
        issued_on: get(row, 8)?,
        issued_by: get(row, 9)?,
        issued_at: cv::instant_of("documents.issued_at", get(row, 10)?)?,
        cancelled,
    })
}
