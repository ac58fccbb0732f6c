//! What the register keeps of a case beyond what the statistics count: who the parties are
//! (identity number, address), the judgment enforced (court, number, date) and, for a case
//! opened on a creditor's request, that request (date, requester). Every text goes through its
//! `field`; a case imported before these facts existed has none (`CaseDetails::default()`).

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use super::{CaseFacts, Origin};
use crate::field::{self, Field, FieldError};

/// Why a fact of a case is refused, naming the field by its API name (`debtor_id`,
/// `judgment_date`…) so that a form can show the message beside it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetailsError {
    #[error("{1}")]
    Text(&'static str, FieldError),
    #[error(
        "{field}: số định danh, mã số thuế không hợp lệ «{text}» (CCCD 12 chữ số, CMND 9, mã số thuế 10 hoặc 10-3, \
         hộ chiếu 6–20 chữ và số) / invalid identity number «{text}» (12-digit citizen id, 9-digit old id, \
         10-digit or 10-3 tax code, or a 6–20 character passport number)"
    )]
    PartyId { field: &'static str, text: String },
    #[error("{field}: cần nhập / required with the other facts of the same group")]
    Missing { field: &'static str },
    #[error("{field}: ngày sau ngày thụ lý / a date after the acceptance")]
    AfterAcceptance { field: &'static str },
    #[error("{field}: việc chủ động không có đơn yêu cầu / an ex officio case has no request")]
    NotOnRequest { field: &'static str },
}

impl DetailsError {
    /// The field refused, by its API name.
    pub fn field(&self) -> &'static str {
        match self {
            DetailsError::Text(f, _) => f,
            DetailsError::PartyId { field, .. }
            | DetailsError::Missing { field }
            | DetailsError::AfterAcceptance { field }
            | DetailsError::NotOnRequest { field } => field,
        }
    }
}

/// A party's identity number: số định danh cá nhân (CCCD, 12 digits; the old CMND, 9), mã số
/// thuế of an organisation (10 digits, a branch 10-3 as `0101234567-001`), or a foreigner's
/// passport number (6–20 letters and digits). Upper case, so one party has one spelling.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartyId(String);

impl PartyId {
    /// Parses the id typed in `name` (`debtor_id`, `creditor_id`) under the rule of `field`.
    pub fn parse(name: &'static str, field: Field, text: &str) -> Result<Option<PartyId>, DetailsError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let t = field.clean(text).map_err(|e| DetailsError::Text(name, e))?.to_ascii_uppercase();
        if well_formed(&t) { Ok(Some(PartyId(t))) } else { Err(DetailsError::PartyId { field: name, text: t }) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn well_formed(t: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((tax, branch)) = t.split_once('-') {
        return tax.len() == 10 && digits(tax) && branch.len() == 3 && digits(branch);
    }
    if digits(t) {
        return matches!(t.len(), 9 | 10 | 12);
    }
    (6..=20).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric())
}

impl TryFrom<String> for PartyId {
    type Error = DetailsError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PartyId::parse("party_id", field::DEBTOR_ID, &value)?.ok_or(DetailsError::Missing { field: "party_id" })
    }
}

impl From<PartyId> for String {
    fn from(value: PartyId) -> Self {
        value.0
    }
}

impl fmt::Display for PartyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Bản án, quyết định được thi hành: the court, its number and its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgment {
    pub court: String,
    pub number: String,
    pub date: Date,
}

impl Judgment {
    /// All three or none: `None` when nothing is typed, else each is required.
    pub fn parse(court: &str, number: &str, date: Option<Date>) -> Result<Option<Judgment>, DetailsError> {
        if court.trim().is_empty() && number.trim().is_empty() && date.is_none() {
            return Ok(None);
        }
        let court = field::COURT.clean(court).map_err(|e| DetailsError::Text("judgment_court", e))?;
        if court.is_empty() {
            return Err(DetailsError::Missing { field: "judgment_court" });
        }
        if number.trim().is_empty() {
            return Err(DetailsError::Missing { field: "judgment_no" });
        }
        let number = field::JUDGMENT_NO.clean(number).map_err(|e| DetailsError::Text("judgment_no", e))?;
        let date = date.ok_or(DetailsError::Missing { field: "judgment_date" })?;
        Ok(Some(Judgment { court, number, date }))
    }
}

/// Đơn yêu cầu thi hành án of an on-request case: when it was made and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub date: Date,
    pub requester: String,
}

impl Request {
    /// Both or none.
    pub fn parse(date: Option<Date>, requester: &str) -> Result<Option<Request>, DetailsError> {
        let requester = field::REQUESTER.clean(requester).map_err(|e| DetailsError::Text("request_by", e))?;
        match (date, requester.is_empty()) {
            (None, true) => Ok(None),
            (Some(date), false) => Ok(Some(Request { date, requester })),
            (None, false) => Err(DetailsError::Missing { field: "request_date" }),
            (Some(_), true) => Err(DetailsError::Missing { field: "request_by" }),
        }
    }
}

/// A party's address (địa chỉ), cleaned as one line; empty when not known.
pub fn address(name: &'static str, text: &str) -> Result<String, DetailsError> {
    field::ADDRESS.clean(text).map_err(|e| DetailsError::Text(name, e))
}

/// The facts of a case that the statistics do not count.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseDetails {
    pub debtor_id: Option<PartyId>,
    pub debtor_address: String,
    pub creditor_id: Option<PartyId>,
    pub creditor_address: String,
    pub judgment: Option<Judgment>,
    pub request: Option<Request>,
    /// What the case's money is owed for: its rank in a distribution (default `khac`).
    pub obligation: super::Obligation,
}

impl CaseDetails {
    /// What must hold with the case's other facts: the judgment and the request come before
    /// the acceptance, and only an on-request case has a request.
    pub fn check(&self, facts: &CaseFacts) -> Result<(), DetailsError> {
        if let Some(j) = &self.judgment
            && j.date > facts.accepted_on
        {
            return Err(DetailsError::AfterAcceptance { field: "judgment_date" });
        }
        if let Some(r) = &self.request {
            if facts.origin != Origin::TheoYeuCau {
                return Err(DetailsError::NotOnRequest { field: "request_date" });
            }
            if r.date > facts.accepted_on {
                return Err(DetailsError::AfterAcceptance { field: "request_date" });
            }
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        *self == CaseDetails::default()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::amount::Vnd;
    use crate::case::{CaseNo, Categories, JudgmentType};
    use crate::unit::UnitId;

    fn id(text: &str) -> Result<Option<PartyId>, DetailsError> {
        PartyId::parse("debtor_id", field::DEBTOR_ID, text)
    }

    #[test]
    fn identity_numbers_have_the_shapes_of_vietnamese_papers() {
        for ok in ["001085012345", "012345678", "0101234567", "0101234567-001", "c1234567", " B9876543 "] {
            assert!(id(ok).unwrap().is_some(), "{ok}");
        }
        assert_eq!(id("c1234567").unwrap().unwrap().as_str(), "C1234567", "one spelling");
        assert_eq!(id("  ").unwrap(), None);
        for bad in ["12345", "00108501234", "0101234567-1", "01012345-001", "AB 123456", "x/1234567"] {
            assert_eq!(id(bad).unwrap_err().field(), "debtor_id", "{bad}");
        }
        let hidden = id("001085\u{200B}012345").unwrap_err();
        assert!(matches!(hidden, DetailsError::Text("debtor_id", _)), "{hidden:?}");
        assert!(hidden.to_string().contains("U+200B"));
    }

    #[test]
    fn a_judgment_is_all_three_or_nothing() {
        assert_eq!(Judgment::parse(" ", "", None), Ok(None));
        let j = Judgment::parse("TAND tỉnh Bắc Ninh", "12/2025/DS-ST", Some(date!(2025 - 03 - 01))).unwrap().unwrap();
        assert_eq!(j.number, "12/2025/DS-ST");
        assert_eq!(Judgment::parse("TAND", "", Some(date!(2025 - 03 - 01))).unwrap_err().field(), "judgment_no");
        assert_eq!(Judgment::parse("", "1/2025", None).unwrap_err().field(), "judgment_court");
        assert_eq!(Judgment::parse("TAND", "1/2025", None).unwrap_err().field(), "judgment_date");
        assert_eq!(Request::parse(None, ""), Ok(None));
        assert_eq!(Request::parse(None, "Ngân hàng A").unwrap_err().field(), "request_date");
        assert_eq!(Request::parse(Some(date!(2025 - 03 - 01)), " ").unwrap_err().field(), "request_by");
    }

    #[test]
    fn dates_come_before_the_acceptance_and_requests_only_on_request() {
        let facts = CaseFacts {
            unit: UnitId(1),
            case_no: CaseNo::new("1/QĐ-THADS").unwrap(),
            accepted_on: date!(2025 - 09 - 01),
            origin: Origin::ChuDong,
            received_by_delegation: false,
            judgment_type: JudgmentType::DanSu,
            categories: Categories::empty(),
            amount: Vnd::ZERO,
            debtor: "A".into(),
            creditor: "B".into(),
            officer: None,
        };
        let request = Request { date: date!(2025 - 08 - 01), requester: "B".into() };
        let mut d = CaseDetails { request: Some(request), ..CaseDetails::default() };
        assert_eq!(d.check(&facts), Err(DetailsError::NotOnRequest { field: "request_date" }));
        let on_request = CaseFacts { origin: Origin::TheoYeuCau, ..facts.clone() };
        assert_eq!(d.check(&on_request), Ok(()));
        d.request = Some(Request { date: date!(2025 - 09 - 02), requester: "B".into() });
        assert_eq!(d.check(&on_request), Err(DetailsError::AfterAcceptance { field: "request_date" }));
        let late = Judgment { court: "TAND".into(), number: "1".into(), date: date!(2025 - 09 - 02) };
        let d = CaseDetails { judgment: Some(late), ..CaseDetails::default() };
        assert_eq!(d.check(&facts), Err(DetailsError::AfterAcceptance { field: "judgment_date" }));
        assert!(CaseDetails::default().is_empty());
    }
}
