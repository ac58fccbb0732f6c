//! Documents (schema 0014_documents): the template versions an administrator keeps in the
//! database (each kind's text in force from a date, with its legal basis, citation and
//! confidence), and the register of documents issued, per unit, kind and year. A register's
//! numbers have no gaps: the next number is taken in the issuing transaction (a dropped
//! transaction takes none), and a cancelled number stays used, with its reason.
//!
//! The store keeps kinds as their codes (`qd_hoan`); which codes exist and what a template
//! may say is checked above it (thads-documents, thads-app).

use thads_core::confidence::Confidence;
use thads_core::{CaseId, EventId, UnitId};
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// The columns of `document_templates`, in the order the backends read a
/// `DocumentTemplateRecord`.
pub const DOCUMENT_TEMPLATE_COLUMNS: &str =
    "kind, effective_from, legal_basis, citation, confidence, body, saved_by, saved_at";

/// The columns of `documents`, in the order the backends read an `IssuedDocument`.
pub const ISSUED_DOCUMENT_COLUMNS: &str = "id, unit_id, kind, year, number, symbol, case_id, event_id, issued_on, \
     issued_by, issued_at, cancelled_reason, cancelled_by, cancelled_at";

/// One version of a kind's template as an administrator saved it: the version of that kind in
/// force from `effective_from` (saving the same kind and date again replaces the text; the
/// audit keeps the one before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentTemplateRecord {
    pub kind: String,
    pub effective_from: Date,
    pub legal_basis: String,
    pub citation: String,
    pub confidence: Confidence,
    pub text: String,
    pub saved_by: String,
    pub saved_at: OffsetDateTime,
}

/// The identity of an issued document in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentId(pub i64);

/// A document to enter in a unit's register: the number is the register's next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIssuedDocument {
    pub unit: UnitId,
    pub kind: String,
    /// The register's year (the year of `issued_on`).
    pub year: i32,
    /// Ký hiệu: `QĐ-THADS`, `TB-THADS`…
    pub symbol: String,
    pub case: Option<CaseId>,
    /// The event of the case the document records (a postponement…), when it records one.
    pub event: Option<EventId>,
    pub issued_on: Date,
    pub issued_by: String,
    pub issued_at: OffsetDateTime,
}

/// Why and by whom a number was cancelled; the number stays used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancellation {
    pub reason: String,
    pub by: String,
    pub at: OffsetDateTime,
}

/// A document of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedDocument {
    pub id: DocumentId,
    pub unit: UnitId,
    pub kind: String,
    pub year: i32,
    /// 1, 2, 3… within the unit, kind and year, without gaps.
    pub number: i64,
    pub symbol: String,
    pub case: Option<CaseId>,
    pub event: Option<EventId>,
    pub issued_on: Date,
    pub issued_by: String,
    pub issued_at: OffsetDateTime,
    pub cancelled: Option<Cancellation>,
}

impl IssuedDocument {
    /// "46/QĐ-THADS".
    pub fn number_and_symbol(&self) -> String {
        format!("{}/{}", self.number, self.symbol)
    }
}

/// An issued document as it was issued (schema 26): the filled document (every block's text,
/// as JSON) and the template version it was filled from, stored in the issuing transaction and
/// never changed, so that printing it again later gives what was signed even after the case's
/// facts changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentContent {
    pub document: DocumentId,
    pub template_kind: String,
    pub template_from: Date,
    pub content: String,
    pub stored_at: OffsetDateTime,
}

/// Reading templates and the register.
pub trait Documents {
    /// Every template version saved in the database, by kind and effective date.
    fn document_templates(&self) -> StoreResult<Vec<DocumentTemplateRecord>>;
    /// The documents issued for a case, in the order they were issued.
    fn documents_of_case(&self, case: CaseId) -> StoreResult<Vec<IssuedDocument>>;
    /// One register (unit, kind, year), by number.
    fn document_register(&self, unit: UnitId, kind: &str, year: i32) -> StoreResult<Vec<IssuedDocument>>;
    fn issued_document(&self, id: DocumentId) -> StoreResult<Option<IssuedDocument>>;
    /// What an issued document said when it was issued (`None`: issued before schema 26, or not
    /// filled then).
    fn document_content(&self, id: DocumentId) -> StoreResult<Option<DocumentContent>>;
}

/// Writing templates and the register, in a transaction.
pub trait DocumentsTx {
    /// Saves a template version; returns the one it replaced (same kind and effective date).
    fn put_document_template(&mut self, record: &DocumentTemplateRecord)
    -> StoreResult<Option<DocumentTemplateRecord>>;
    /// Enters a document with the next number of its register (unit, kind, year).
    fn issue_document(&mut self, document: &NewIssuedDocument) -> StoreResult<IssuedDocument>;
    /// Links a document to the event of the case it records (entered after the document took
    /// its number, so that the event's note can name it); `NotFound` if there is no such document.
    fn set_document_event(&mut self, id: DocumentId, event: EventId) -> StoreResult<()>;
    /// Cancels a number (it stays used); `NotFound` if there is no such document, `Invalid`
    /// if it is cancelled already.
    fn cancel_document(&mut self, id: DocumentId, cancellation: &Cancellation) -> StoreResult<IssuedDocument>;
    /// Stores what a document says as issued; `Duplicate` if it was stored already.
    fn insert_document_content(&mut self, content: &DocumentContent) -> StoreResult<()>;
}
