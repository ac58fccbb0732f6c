//! A case's facts as typed in the intake and edit forms or sent as JSON: every field as text
//! under its API name, parsed into `CaseFacts` and `CaseDetails` here, once for pages and API.
//! A refusal names the field (`Refusal::Field`), so that a form shows it beside its input and
//! the API answers 422 with `"field"`.

use serde::Deserialize;
use serde_json::Value;
use thads_core::case::{CaseDetails, Judgment, PartyId, Request, details};
use thads_core::dates::{format_vn, parse_date};
use thads_core::{CaseFacts, CaseNo, Categories, Category, JudgmentType, Origin, Role, StaffId, UnitId, Vnd, field};
use time::Date;
use utoipa::ToSchema;

use crate::error::WebError;
use crate::refusal::Refusal;
use crate::state::Directory;

/// Every fact of a case as text (a form's values; the JSON's, read by `overlay`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FactsText {
    pub case_no: String,
    pub accepted_on: String,
    pub origin: String,
    /// `1` when received by delegation (a checkbox).
    pub received_by_delegation: String,
    pub judgment_type: String,
    pub cat_tin_dung: String,
    pub cat_ngan_sach: String,
    pub cat_pham_nhan: String,
    pub cat_tham_nhung: String,
    pub amount_vnd: String,
    pub debtor: String,
    pub debtor_id: String,
    pub debtor_address: String,
    pub creditor: String,
    pub creditor_id: String,
    pub creditor_address: String,
    pub judgment_court: String,
    pub judgment_no: String,
    pub judgment_date: String,
    pub request_date: String,
    pub request_by: String,
    /// The officer's login; empty: nobody.
    pub officer: String,
    /// What the money is owed for (`Obligation` code); empty: `khac`.
    pub obligation: String,
}

/// The facts of a case in a JSON body (`POST /api/v1/cases`, `PATCH /api/v1/cases/{id}`), for
/// the OpenAPI document: the handlers read the body as JSON through `FactsText::overlay`, so
/// that a value of the wrong type is refused naming its field (422) rather than as a bad body.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the bodies, for the OpenAPI document only")]
pub struct FactsBody {
    /// decision number; omitted on intake: the next of the unit's book for the year of
    /// accepted_on (`{serial}/{suffix}`, e.g. 47/QĐ-THADS)
    case_no: Option<String>,
    /// yyyy-mm-dd or dd/mm/yyyy; not after today
    accepted_on: Option<String>,
    /// chu_dong or theo_yeu_cau
    origin: Option<String>,
    received_by_delegation: Option<bool>,
    /// a judgment type code (interchange §1)
    judgment_type: Option<String>,
    /// category codes: tin_dung, ngan_sach, pham_nhan, tham_nhung
    categories: Option<Vec<String>>,
    #[schema(minimum = 0)]
    amount_vnd: Option<i64>,
    debtor: Option<String>,
    /// số CCCD (12 digits), CMND (9), mã số thuế (10, or 10-3 for a branch) or a passport
    /// number (6–20 letters and digits)
    debtor_id: Option<String>,
    debtor_address: Option<String>,
    creditor: Option<String>,
    /// as debtor_id
    creditor_id: Option<String>,
    creditor_address: Option<String>,
    /// the judgment enforced: court, number and date, all three or none
    judgment_court: Option<String>,
    judgment_no: Option<String>,
    /// not after accepted_on
    judgment_date: Option<String>,
    /// an on-request case's request: date and requester, both or none; not after accepted_on
    request_date: Option<String>,
    request_by: Option<String>,
    /// the officer's login (an active officer or head of the unit or a unit above), or null
    officer: Option<String>,
    /// what the money is owed for, its rank in a distribution: cap_duong, tien_luong,
    /// boi_thuong_tinh_mang (rank 1), an_phi (rank 2), khac (rank 3, the default)
    obligation: Option<String>,
}

/// Facts parsed: the number typed (`None`: the next of the book), the facts (whose `case_no`
/// is a placeholder when no number was typed) and the details.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub number: Option<CaseNo>,
    pub facts: CaseFacts,
    pub details: CaseDetails,
}

fn refuse(field: &'static str, both: impl Into<String>) -> WebError {
    WebError::Refused(Refusal::of_field(field, both))
}

fn in_field(field: &'static str, refusal: Refusal) -> WebError {
    WebError::Refused(Refusal::Field { field, refusal: Box::new(refusal) })
}

impl FactsText {
    /// The stored facts as the forms show them (dates `dd/mm/yyyy`, the officer's login).
    pub fn of(facts: &CaseFacts, d: &CaseDetails, directory: &Directory) -> FactsText {
        let cat = |c: Category| if facts.categories.contains(c) { "1".to_string() } else { String::new() };
        let j = d.judgment.as_ref();
        let r = d.request.as_ref();
        FactsText {
            case_no: facts.case_no.to_string(),
            accepted_on: format_vn(facts.accepted_on),
            origin: facts.origin.code().into(),
            received_by_delegation: if facts.received_by_delegation { "1".into() } else { String::new() },
            judgment_type: facts.judgment_type.code().into(),
            cat_tin_dung: cat(Category::TinDung),
            cat_ngan_sach: cat(Category::NganSach),
            cat_pham_nhan: cat(Category::PhamNhan),
            cat_tham_nhung: cat(Category::ThamNhung),
            amount_vnd: facts.amount.dong().to_string(),
            debtor: facts.debtor.clone(),
            debtor_id: d.debtor_id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            debtor_address: d.debtor_address.clone(),
            creditor: facts.creditor.clone(),
            creditor_id: d.creditor_id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            creditor_address: d.creditor_address.clone(),
            judgment_court: j.map(|j| j.court.clone()).unwrap_or_default(),
            judgment_no: j.map(|j| j.number.clone()).unwrap_or_default(),
            judgment_date: j.map(|j| format_vn(j.date)).unwrap_or_default(),
            request_date: r.map(|r| format_vn(r.date)).unwrap_or_default(),
            request_by: r.map(|r| r.requester.clone()).unwrap_or_default(),
            officer: facts
                .officer
                .and_then(|o| directory.staff.get(&o))
                .map(|s| s.login.to_string())
                .unwrap_or_default(),
            obligation: d.obligation.code().to_string(),
        }
    }

    /// Sets the fields a JSON object gives (others keep their values). Texts are strings;
    /// `amount_vnd` a whole number; `received_by_delegation` a boolean; `categories` an array of
    /// codes; `officer` a login or `null`. Anything else is refused naming the field.
    pub fn overlay(&mut self, body: &Value) -> Result<(), WebError> {
        let Some(object) = body.as_object() else {
            return Err(WebError::BadRequest("cần một đối tượng JSON / a JSON object is expected".into()));
        };
        for (key, value) in object {
            self.set(key, value)?;
        }
        Ok(())
    }

    fn set(&mut self, key: &str, value: &Value) -> Result<(), WebError> {
        let text = |name: &'static str| match value {
            Value::String(s) => Ok(s.clone()),
            Value::Null => Ok(String::new()),
            _ => Err(refuse(name, "cần một chuỗi / a string is expected")),
        };
        match key {
            "case_no" => self.case_no = text("case_no")?,
            "accepted_on" => self.accepted_on = text("accepted_on")?,
            "origin" => self.origin = text("origin")?,
            "judgment_type" => self.judgment_type = text("judgment_type")?,
            "debtor" => self.debtor = text("debtor")?,
            "debtor_id" => self.debtor_id = text("debtor_id")?,
            "debtor_address" => self.debtor_address = text("debtor_address")?,
            "creditor" => self.creditor = text("creditor")?,
            "creditor_id" => self.creditor_id = text("creditor_id")?,
            "creditor_address" => self.creditor_address = text("creditor_address")?,
            "judgment_court" => self.judgment_court = text("judgment_court")?,
            "judgment_no" => self.judgment_no = text("judgment_no")?,
            "judgment_date" => self.judgment_date = text("judgment_date")?,
            "request_date" => self.request_date = text("request_date")?,
            "request_by" => self.request_by = text("request_by")?,
            "officer" => self.officer = text("officer")?,
            "obligation" => self.obligation = text("obligation")?,
            "amount_vnd" => {
                self.amount_vnd = match value {
                    Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
                    _ => return Err(refuse("amount_vnd", "cần số đồng nguyên / whole đồng expected")),
                }
            }
            "received_by_delegation" => {
                self.received_by_delegation = match value {
                    Value::Bool(b) => if *b { "1" } else { "" }.into(),
                    _ => return Err(refuse("received_by_delegation", "cần true hoặc false / true or false expected")),
                }
            }
            "categories" => self.set_categories(value)?,
            // The envelope of the API bodies, read by their handlers.
            "unit" | "version" | "reason" => {}
            _ => return Err(refuse("body", format!("trường không biết «{key}» / unknown field «{key}»"))),
        }
        Ok(())
    }

    fn set_categories(&mut self, value: &Value) -> Result<(), WebError> {
        let bad = || refuse("categories", "cần một mảng mã nhóm việc / an array of category codes expected");
        let codes = value.as_array().ok_or_else(bad)?;
        let mut set = Categories::empty();
        for code in codes {
            let c = Category::parse(code.as_str().ok_or_else(bad)?).map_err(|e| refuse("categories", e.to_string()))?;
            set.insert(c);
        }
        let on = |c: Category| if set.contains(c) { "1".to_string() } else { String::new() };
        self.cat_tin_dung = on(Category::TinDung);
        self.cat_ngan_sach = on(Category::NganSach);
        self.cat_pham_nhan = on(Category::PhamNhan);
        self.cat_tham_nhung = on(Category::ThamNhung);
        Ok(())
    }

    fn categories(&self) -> Categories {
        let mut set = Categories::empty();
        for (value, c) in [
            (&self.cat_tin_dung, Category::TinDung),
            (&self.cat_ngan_sach, Category::NganSach),
            (&self.cat_pham_nhan, Category::PhamNhan),
            (&self.cat_tham_nhung, Category::ThamNhung),
        ] {
            if !value.trim().is_empty() {
                set.insert(c);
            }
        }
        set
    }

    /// Parses every field for a new case of `unit`; the first refusal names its field.
    pub fn parse(&self, unit: UnitId, directory: &Directory) -> Result<Parsed, WebError> {
        self.parse_for(unit, directory, None)
    }

    /// `parse` for a case assigned to `current`: its officer is kept as is, even one who has
    /// since left or moved (only a new choice is checked).
    pub fn parse_for(&self, unit: UnitId, directory: &Directory, current: Option<StaffId>) -> Result<Parsed, WebError> {
        let number = match self.case_no.trim() {
            "" => None,
            typed => Some(CaseNo::new(typed).map_err(|e| case_no_refusal(&e))?),
        };
        let facts = CaseFacts {
            unit,
            case_no: match &number {
                Some(n) => n.clone(),
                None => placeholder()?,
            },
            accepted_on: required_date("accepted_on", &self.accepted_on)?,
            origin: Origin::parse(&self.origin).map_err(|e| refuse("origin", e.to_string()))?,
            received_by_delegation: !self.received_by_delegation.trim().is_empty(),
            judgment_type: JudgmentType::parse(&self.judgment_type)
                .map_err(|e| refuse("judgment_type", e.to_string()))?,
            categories: self.categories(),
            amount: amount(&self.amount_vnd)?,
            debtor: name("debtor", field::DEBTOR, &self.debtor)?,
            creditor: name("creditor", field::CREDITOR, &self.creditor)?,
            officer: officer(&self.officer, unit, directory, current)?,
        };
        let details = self.details()?;
        details.check(&facts).map_err(details_refusal)?;
        Ok(Parsed { number, facts, details })
    }

    fn details(&self) -> Result<CaseDetails, WebError> {
        let judgment_date = optional_date("judgment_date", &self.judgment_date)?;
        let request_date = optional_date("request_date", &self.request_date)?;
        Ok(CaseDetails {
            debtor_id: PartyId::parse("debtor_id", field::DEBTOR_ID, &self.debtor_id).map_err(details_refusal)?,
            debtor_address: details::address("debtor_address", &self.debtor_address).map_err(details_refusal)?,
            creditor_id: PartyId::parse("creditor_id", field::CREDITOR_ID, &self.creditor_id)
                .map_err(details_refusal)?,
            creditor_address: details::address("creditor_address", &self.creditor_address).map_err(details_refusal)?,
            judgment: Judgment::parse(&self.judgment_court, &self.judgment_no, judgment_date)
                .map_err(details_refusal)?,
            request: Request::parse(request_date, &self.request_by).map_err(details_refusal)?,
            obligation: thads_core::case::Obligation::parse(&self.obligation)
                .map_err(|e| refuse("obligation", e.to_string()))?,
        })
    }
}

/// What stands for the number until the next of the book is chosen (never stored).
fn placeholder() -> Result<CaseNo, WebError> {
    CaseNo::stored("?").map_err(|e| WebError::internal(format!("placeholder number: {e}")))
}

fn case_no_refusal(e: &thads_core::case::CaseError) -> WebError {
    match e {
        thads_core::case::CaseError::Number(f) => in_field("case_no", Refusal::Text(*f)),
        other => refuse("case_no", other.to_string()),
    }
}

fn details_refusal(e: thads_core::case::DetailsError) -> WebError {
    match e {
        thads_core::case::DetailsError::Text(field, f) => in_field(field, Refusal::Text(f)),
        other => refuse(other.field(), other.to_string()),
    }
}

fn required_date(name: &'static str, text: &str) -> Result<Date, WebError> {
    optional_date(name, text)?.ok_or_else(|| refuse(name, "cần nhập ngày / a date is required"))
}

fn optional_date(name: &'static str, text: &str) -> Result<Option<Date>, WebError> {
    match text.trim() {
        "" => Ok(None),
        t => parse_date(t).map(Some).map_err(|_| in_field(name, Refusal::InvalidDate(t.to_string()))),
    }
}

fn amount(text: &str) -> Result<Vnd, WebError> {
    match text.trim() {
        "" => Err(refuse("amount_vnd", "cần nhập số tiền (0 nếu không có) / an amount is required (0 for none)")),
        t => Vnd::parse(t).map_err(|e| in_field("amount_vnd", Refusal::InvalidAmount(e))),
    }
}

fn name(name: &'static str, f: field::Field, text: &str) -> Result<String, WebError> {
    f.clean_required(text).map_err(|e| in_field(name, Refusal::Text(e)))
}

/// The officer named by login: an active officer or head of the unit or a unit above it.
fn officer(
    login: &str,
    unit: UnitId,
    directory: &Directory,
    current: Option<StaffId>,
) -> Result<Option<StaffId>, WebError> {
    let login = login.trim();
    if login.is_empty() {
        return Ok(None);
    }
    if let Some(id) = current
        && directory.staff.get(&id).is_some_and(|s| s.login.as_str() == login)
    {
        return Ok(Some(id));
    }
    let staff = directory
        .staff_by_login(&login.to_ascii_lowercase())
        .filter(|s| s.active && matches!(s.role, Role::Officer | Role::Head) && directory.units.covers(s.unit, unit));
    staff.map(|s| Some(s.id)).ok_or_else(|| {
        refuse(
            "officer",
            format!("«{login}» không phải chấp hành viên của đơn vị / «{login}» is not an officer of the unit"),
        )
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_placeholder_is_a_stored_number() {
        assert_eq!(super::placeholder().map(|n| n.to_string()), Ok("?".to_string()));
    }
}
