//! Enforcement requests filed online (đơn yêu cầu thi hành án; domain §3.1, §3.11, §7): the
//! form as the requester fills it in, checked field by field; the attachments, whose type is
//! read from their content; the receipt number of a unit and year; the follow-up code's
//! spelling; the states of a request (`Submitted → NeedsSupplement → Registered | Refused`) and
//! the checks of each step; the time limits as data by regime (`limits`).

mod attachment;
mod limits;
mod number;

pub use attachment::{AttachmentError, AttachmentKind, AttachmentLimits, check_attachment};
pub use limits::{LimitKind, default_limits};
pub use number::{CODE_ALPHABET, CODE_LEN, ReceiptNo, normalize_code};

use serde::{Deserialize, Serialize};
use time::Date;

use crate::case::{Judgment, PartyId};
use crate::dates::format_vn;
use crate::field::{self, Field, FieldError, Kind};
use crate::unit::UnitId;

/// Database identity of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RequestId(pub i64);

/// Số điện thoại: digits, spaces, `+`, `-`, `.`, parentheses.
pub const PHONE: Field = Field { vi: "số điện thoại", en: "phone", max_chars: 20, kind: Kind::Code };
/// Thư điện tử (optional).
pub const EMAIL: Field = Field { vi: "thư điện tử", en: "email", max_chars: 254, kind: Kind::Code };
/// Nội dung yêu cầu thi hành án: what the requester asks to be enforced.
pub const ASKED: Field = Field { vi: "nội dung yêu cầu", en: "what is asked", max_chars: 2000, kind: Kind::Text };
/// What the agency asks to be supplied, or why it refuses.
pub const ANSWER: Field = Field { vi: "nội dung", en: "text", max_chars: 2000, kind: Kind::Text };

/// The state of a request (domain §3.11, the pre-case object YeuCau).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Đã tiếp nhận: received, a receipt slip issued, not yet in the register.
    Submitted,
    /// Yêu cầu bổ sung: incomplete; the requester was told what to add (NĐ 152/2026 Điều 9 khoản 6).
    NeedsSupplement,
    /// Đã vào sổ: entered in the register and a case taken in (Điều 9 khoản 4).
    Registered,
    /// Từ chối: refused, in writing, with the reason.
    Refused,
}

impl RequestState {
    pub const ALL: [RequestState; 4] =
        [RequestState::Submitted, RequestState::NeedsSupplement, RequestState::Registered, RequestState::Refused];

    pub fn code(self) -> &'static str {
        match self {
            RequestState::Submitted => "submitted",
            RequestState::NeedsSupplement => "needs_supplement",
            RequestState::Registered => "registered",
            RequestState::Refused => "refused",
        }
    }

    pub fn parse(text: &str) -> Option<RequestState> {
        Self::ALL.into_iter().find(|s| s.code() == text.trim())
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            RequestState::Submitted => "Đã tiếp nhận, đang xem xét",
            RequestState::NeedsSupplement => "Cần bổ sung hồ sơ",
            RequestState::Registered => "Đã vào sổ, thụ lý thi hành án",
            RequestState::Refused => "Từ chối yêu cầu",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            RequestState::Submitted => "Received, under review",
            RequestState::NeedsSupplement => "Documents to be supplemented",
            RequestState::Registered => "Registered, enforcement case opened",
            RequestState::Refused => "Request refused",
        }
    }

    /// Still waiting for the agency's decision.
    pub fn is_open(self) -> bool {
        matches!(self, RequestState::Submitted | RequestState::NeedsSupplement)
    }
}

/// Người yêu cầu: who files the request (the creditor, người được thi hành án).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requester {
    pub name: String,
    /// Số định danh cá nhân, CMND, mã số thuế or passport (NĐ 152/2026 Điều 9 khoản 2).
    pub id_number: PartyId,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
}

/// The request as filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    /// The section it is filed with.
    pub unit: UnitId,
    pub requester: Requester,
    /// The judgment to enforce.
    pub judgment: Judgment,
    /// What is asked (the obligation to enforce, the assets known).
    pub asked: String,
    /// Người phải thi hành án.
    pub debtor: String,
    pub debtor_address: String,
}

/// The form as typed, every field text (the public form's and the API's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestText {
    pub name: String,
    pub id_number: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub court: String,
    pub judgment_no: String,
    pub judgment_date: String,
    pub asked: String,
    pub debtor: String,
    pub debtor_address: String,
}

/// Why a request or one of its steps is refused, naming the form's field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("{1}")]
    Field(&'static str, String),
    #[error("{0}")]
    Attachment(#[from] AttachmentError),
    #[error("đơn đang ở trạng thái «{}», không thể {action} / the request is {}: it cannot be {action_en}", .state.label_vi(), .state.code())]
    Step { state: RequestState, action: &'static str, action_en: &'static str },
    #[error("hạn bổ sung {} phải sau ngày {} / the supplement's due day must come after today", format_vn(*.due), format_vn(*.today))]
    DueBeforeToday { due: Date, today: Date },
}

impl RequestError {
    /// The form field a refusal is about, when it is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            RequestError::Field(f, _) => Some(f),
            RequestError::Attachment(_) => Some("files"),
            RequestError::DueBeforeToday { .. } => Some("due_on"),
            RequestError::Step { .. } => None,
        }
    }
}

fn text(name: &'static str, field: Field, value: &str, required: bool) -> Result<String, RequestError> {
    if !required && value.trim().is_empty() {
        return Ok(String::new());
    }
    let cleaned = if required { field.clean_required(value) } else { field.clean(value) };
    cleaned.map_err(|e: FieldError| RequestError::Field(name, e.to_string()))
}

impl RequestText {
    /// The form checked: every text cleaned and bounded by its field, the identity number well
    /// formed, the judgment complete and not dated after `today`.
    pub fn parse(&self, unit: UnitId, today: Date) -> Result<RequestForm, RequestError> {
        let id_number = PartyId::parse("id_number", field::ID_NUMBER, &self.id_number)
            .map_err(|e| RequestError::Field("id_number", e.to_string()))?
            .ok_or_else(|| missing("id_number", field::ID_NUMBER))?;
        let phone = text("phone", PHONE, &self.phone, true)?;
        if !phone.bytes().all(|b| b.is_ascii_digit() || b" +-.()".contains(&b))
            || phone.bytes().filter(u8::is_ascii_digit).count() < 8
        {
            return Err(RequestError::Field(
                "phone",
                format!("số điện thoại không hợp lệ «{phone}» / invalid phone number «{phone}»"),
            ));
        }
        let email = text("email", EMAIL, &self.email, false)?;
        if !email.is_empty() && !plausible_email(&email) {
            return Err(RequestError::Field(
                "email",
                format!("thư điện tử không hợp lệ «{email}» / invalid email «{email}»"),
            ));
        }
        let requester = Requester {
            name: text("name", field::REQUESTER, &self.name, true)?,
            id_number,
            address: text("address", field::ADDRESS, &self.address, true)?,
            phone,
            email: (!email.is_empty()).then_some(email),
        };
        let date = crate::dates::parse_date(&self.judgment_date)
            .map_err(|e| RequestError::Field("judgment_date", e.to_string()))?;
        if date > today {
            return Err(RequestError::Field(
                "judgment_date",
                format!("ngày bản án {} sau ngày hôm nay / the judgment is dated in the future", format_vn(date)),
            ));
        }
        let judgment = Judgment {
            court: text("court", field::COURT, &self.court, true)?,
            number: text("judgment_no", field::JUDGMENT_NO, &self.judgment_no, true)?,
            date,
        };
        Ok(RequestForm {
            unit,
            requester,
            judgment,
            asked: text("asked", ASKED, &self.asked, true)?,
            debtor: text("debtor", field::DEBTOR, &self.debtor, true)?,
            debtor_address: text("debtor_address", field::ADDRESS, &self.debtor_address, false)?,
        })
    }
}

fn missing(name: &'static str, field: Field) -> RequestError {
    RequestError::Field(name, format!("{}: không được để trống / {}: must not be empty", field.vi, field.en))
}

fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.bytes().all(|b| b.is_ascii_graphic() && !b"<>\"'`()[]\\,;:".contains(&b) || b == b'@')
}

/// A step the agency takes on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    AskSupplement,
    Register,
    Refuse,
}

/// The state a request moves to by `step`, or why it cannot: a request is asked to supplement
/// once it is received (and again while it waits), and registered or refused while it is open;
/// a registered or refused request is closed.
pub fn next_state(state: RequestState, step: StepKind) -> Result<RequestState, RequestError> {
    let (to, action, action_en) = match step {
        StepKind::AskSupplement => (RequestState::NeedsSupplement, "yêu cầu bổ sung", "asked to supplement"),
        StepKind::Register => (RequestState::Registered, "vào sổ", "registered"),
        StepKind::Refuse => (RequestState::Refused, "từ chối", "refused"),
    };
    if state.is_open() { Ok(to) } else { Err(RequestError::Step { state, action, action_en }) }
}

/// The agency's answer text (what to supplement, why refused): required, bounded.
pub fn answer(name: &'static str, value: &str) -> Result<String, RequestError> {
    text(name, ANSWER, value, true)
}

#[cfg(test)]
mod tests;
