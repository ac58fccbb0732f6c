//! Enforcement requests filed online (schema 0021_requests): the request as filed, its receipt
//! number (per unit and year without gaps, taken in the transaction that writes it), the hash
//! of its follow-up code, its attachments (kept in the database, both backends) and the
//! agency's steps: the supplement asked for, the registration with the case it opened, the
//! refusal and its reason. Checking a step is domain work above the store.

use thads_core::CaseId;
use thads_core::UnitId;
use thads_core::requests::{AttachmentKind, ReceiptNo, RequestForm, RequestId, RequestState};
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// What the agency asked the requester to supply, and by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplement {
    pub asked_on: Date,
    pub due_on: Date,
    pub what: String,
}

/// What happened to a request after it was received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestProgress {
    pub state: RequestState,
    pub supplement: Option<Supplement>,
    /// The day it was registered or refused.
    pub decided_on: Option<Date>,
    pub refusal: Option<String>,
    /// The case its registration opened.
    pub case_id: Option<CaseId>,
    pub updated_by: Option<String>,
}

impl RequestProgress {
    pub fn received() -> RequestProgress {
        RequestProgress {
            state: RequestState::Submitted,
            supplement: None,
            decided_on: None,
            refusal: None,
            case_id: None,
            updated_by: None,
        }
    }
}

/// A request to write; the store gives it its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub number: ReceiptNo,
    /// SHA-256 of the follow-up code, hex: the code itself is never stored.
    pub code_hash: String,
    pub form: RequestForm,
    pub received_at: OffsetDateTime,
    /// The day of receipt in Vietnam (the request date of NĐ 152/2026 Điều 9 khoản 3).
    pub received_on: Date,
    pub appointment_on: Date,
}

/// A stored request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    pub id: RequestId,
    pub request: NewRequest,
    pub progress: RequestProgress,
    /// The unit whose queue holds it: the unit it was filed with (`request.form.unit`, whose
    /// receipt number it keeps) until a reorganisation closes that unit while it is open; then
    /// the successor (schema 34).
    pub handled_by: UnitId,
}

/// One attachment, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentMeta {
    pub id: i64,
    pub request: RequestId,
    pub name: String,
    pub kind: AttachmentKind,
    pub size: u64,
}

/// Reading requests.
pub trait Requests {
    /// The requests handled by any of `units` (`RequestRow::handled_by`), newest first.
    fn requests_of(&self, units: &[UnitId]) -> StoreResult<Vec<RequestRow>>;
    fn request(&self, id: RequestId) -> StoreResult<Option<RequestRow>>;
    fn request_by_number(&self, number: &ReceiptNo) -> StoreResult<Option<RequestRow>>;
    fn request_attachments(&self, id: RequestId) -> StoreResult<Vec<AttachmentMeta>>;
    /// One attachment of `request` with its content; `None` when it is not that request's.
    fn request_attachment(&self, request: RequestId, id: i64) -> StoreResult<Option<(AttachmentMeta, Vec<u8>)>>;
}

/// Writing requests, in a transaction.
pub trait RequestsTx {
    /// The next receipt number of `unit` in `year` (a rolled-back transaction gives it back).
    fn take_request_number(&mut self, unit: UnitId, year: i32) -> StoreResult<u32>;
    /// Inserts a request, received; `Duplicate` for a number already used.
    fn insert_request(&mut self, request: &NewRequest) -> StoreResult<RequestId>;
    fn insert_request_attachment(
        &mut self,
        request: RequestId,
        name: &str,
        kind: AttachmentKind,
        content: &[u8],
    ) -> StoreResult<i64>;
    /// The request as this transaction sees it, locked against concurrent steps.
    fn request_for_update(&mut self, id: RequestId) -> StoreResult<Option<RequestRow>>;
    /// Replaces the progress of a request; `NotFound` if there is none.
    fn update_request_progress(&mut self, id: RequestId, progress: &RequestProgress) -> StoreResult<()>;
}

/// The columns of `requests`, in the order the backends read a `RequestColumns`.
pub const REQUEST_COLUMNS: &str = "id, unit_id, unit_code, year, seq, code_hash, requester, id_number, address, phone, \
                                   email, court, judgment_no, judgment_on, asked, debtor, debtor_address, received_at, \
                                   received_on, appointment_on, state, supplement_asked_on, supplement_due_on, \
                                   supplement_what, decided_on, refusal, case_id, updated_by, handled_by";

/// The stored columns of one request as both backends read and write them (dates already
/// converted), so that codes become values in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestColumns {
    pub id: i64,
    pub unit_id: i64,
    pub unit_code: String,
    pub year: i64,
    pub seq: i64,
    pub code_hash: String,
    pub requester: String,
    pub id_number: String,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
    pub court: String,
    pub judgment_no: String,
    pub judgment_on: Date,
    pub asked: String,
    pub debtor: String,
    pub debtor_address: String,
    pub received_at: i64,
    pub received_on: Date,
    pub appointment_on: Date,
    pub state: String,
    pub supplement_asked_on: Option<Date>,
    pub supplement_due_on: Option<Date>,
    pub supplement_what: Option<String>,
    pub decided_on: Option<Date>,
    pub refusal: Option<String>,
    pub case_id: Option<i64>,
    pub updated_by: Option<String>,
    pub handled_by: i64,
}

impl RequestColumns {
    pub fn of(r: &NewRequest) -> RequestColumns {
        let f = &r.form;
        let p = RequestProgress::received();
        RequestColumns {
            id: 0,
            unit_id: f.unit.0,
            unit_code: r.number.unit_code.clone(),
            year: i64::from(r.number.year),
            seq: i64::from(r.number.seq),
            code_hash: r.code_hash.clone(),
            requester: f.requester.name.clone(),
            id_number: f.requester.id_number.to_string(),
            address: f.requester.address.clone(),
            phone: f.requester.phone.clone(),
            email: f.requester.email.clone(),
            court: f.judgment.court.clone(),
            judgment_no: f.judgment.number.clone(),
            judgment_on: f.judgment.date,
            asked: f.asked.clone(),
            debtor: f.debtor.clone(),
            debtor_address: f.debtor_address.clone(),
            received_at: r.received_at.unix_timestamp(),
            received_on: r.received_on,
            appointment_on: r.appointment_on,
            state: p.state.code().into(),
            supplement_asked_on: None,
            supplement_due_on: None,
            supplement_what: None,
            decided_on: None,
            refusal: None,
            case_id: None,
            updated_by: None,
            handled_by: f.unit.0,
        }
    }

    /// The request these columns hold; a value that does not parse is corrupt data.
    pub fn into_row(self) -> StoreResult<RequestRow> {
        use crate::StoreError;
        use thads_core::case::{Judgment, PartyId};
        use thads_core::requests::Requester;
        let bad = |column: &str, value: &str| StoreError::corrupt(&format!("requests.{column}"), value);
        let id_number = PartyId::try_from(self.id_number.clone()).map_err(|_| bad("id_number", &self.id_number))?;
        let state = RequestState::parse(&self.state).ok_or_else(|| bad("state", &self.state))?;
        let supplement = match (self.supplement_asked_on, self.supplement_due_on) {
            (Some(asked_on), Some(due_on)) => {
                Some(Supplement { asked_on, due_on, what: self.supplement_what.unwrap_or_default() })
            }
            _ => None,
        };
        let form = RequestForm {
            unit: UnitId(self.unit_id),
            requester: Requester {
                name: self.requester,
                id_number,
                address: self.address,
                phone: self.phone,
                email: self.email,
            },
            judgment: Judgment { court: self.court, number: self.judgment_no, date: self.judgment_on },
            asked: self.asked,
            debtor: self.debtor,
            debtor_address: self.debtor_address,
        };
        let number = ReceiptNo {
            unit_code: self.unit_code,
            year: i32::try_from(self.year).map_err(|_| bad("year", &self.year.to_string()))?,
            seq: u32::try_from(self.seq).map_err(|_| bad("seq", &self.seq.to_string()))?,
        };
        Ok(RequestRow {
            id: RequestId(self.id),
            request: NewRequest {
                number,
                code_hash: self.code_hash,
                form,
                received_at: OffsetDateTime::from_unix_timestamp(self.received_at)
                    .map_err(|_| bad("received_at", &self.received_at.to_string()))?,
                received_on: self.received_on,
                appointment_on: self.appointment_on,
            },
            progress: RequestProgress {
                state,
                supplement,
                decided_on: self.decided_on,
                refusal: self.refusal,
                case_id: self.case_id.map(CaseId),
                updated_by: self.updated_by,
            },
            handled_by: UnitId(self.handled_by),
        })
    }
}

/// An attachment's kind as stored; a code that does not parse is corrupt data.
pub fn attachment_kind(code: &str) -> StoreResult<AttachmentKind> {
    AttachmentKind::parse(code).ok_or_else(|| crate::StoreError::corrupt("request_attachments.kind", code))
}
