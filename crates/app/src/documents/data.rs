//! A case's document data: every field a template may use, filled from the case (facts,
//! details, unit and its superior, officer, history) and, for what the register does not hold
//! (the time and place of a summons, what a verification found…), from what the user typed
//! (`Extras`), each checked by the catalogue as it is set. What neither gives is left out, so
//! that rendering stops naming the field rather than printing a blank.

use std::collections::BTreeMap;

use thads_core::grounds::GroundRules;
use thads_core::{CaseId, CaseState, EventCode, Role, Unit};
use thads_documents::{DocumentData, DocumentKind, FieldType, Value};
use thads_store::{IssuedDocument, Store};
use time::Date;

use crate::error::{AppError, AppResult};

/// The blank an officer fills by hand on a printed form (a draft's number, a finding).
pub const BLANK: &str = "…………";

/// Values typed by the user for fields of the catalogue, by field name (text as typed; dates
/// `dd/mm/yyyy` or `yyyy-mm-dd`; money in đồng; a list one item per line). They replace what the
/// case would give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    pub values: BTreeMap<String, String>,
}

impl Extras {
    /// `field=value` pairs (the command line's `--set`).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = &'a str>) -> AppResult<Extras> {
        let mut values = BTreeMap::new();
        for pair in pairs {
            let (name, value) = pair.split_once('=').ok_or_else(|| AppError::Field {
                field: "set",
                message: "cần dạng trường=giá trị / expected field=value".into(),
            })?;
            values.insert(name.trim().to_string(), value.to_string());
        }
        Ok(Extras { values })
    }

    /// Sets each value on `data`, converting it to the field's type.
    fn apply(&self, data: &mut DocumentData) -> AppResult<()> {
        for (name, raw) in &self.values {
            let def = thads_documents::fields::lookup(name).ok_or_else(|| AppError::Field {
                field: "fields",
                message: thads_documents::DataError::UnknownField(name.chars().take(64).collect()).to_string(),
            })?;
            let value = match def.ty {
                FieldType::Text => Value::Text(raw.clone()),
                FieldType::List => {
                    Value::List(raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
                }
                FieldType::Date => Value::Date(
                    thads_core::dates::parse_date(raw.trim())
                        .map_err(|e| AppError::Field { field: def.name, message: format!("{}: {e}", def.name) })?,
                ),
                FieldType::Money => {
                    let digits: String = raw.chars().filter(|c| !matches!(c, '.' | ' ' | '\u{a0}')).collect();
                    let dong =
                        digits.parse::<i64>().ok().and_then(|d| thads_core::Vnd::new(d).ok()).ok_or_else(|| {
                            AppError::Field {
                                field: def.name,
                                message: format!("{}: số tiền không hợp lệ / invalid amount", def.name),
                            }
                        })?;
                    Value::Money(dong)
                }
            };
            data.set(def.name, value).map_err(|e| data_error(def.name, e))?;
        }
        Ok(())
    }
}

fn data_error(field: &'static str, e: thads_documents::DataError) -> AppError {
    AppError::Field { field, message: e.to_string() }
}

/// The document data of `kind` for a case, dated `on`; `issued` gives the register's number.
/// Returns the case number too (for file names).
pub fn case_document_data(
    store: &dyn Store,
    case_id: CaseId,
    kind: DocumentKind,
    on: Date,
    issued: Option<&IssuedDocument>,
    extras: &Extras,
) -> AppResult<(String, DocumentData)> {
    let case = store.case(case_id)?.ok_or_else(|| AppError::NotFound(format!("việc #{} / case", case_id.0)))?;
    let units = store.units()?;
    let unit = units
        .iter()
        .find(|u| u.id == case.facts.unit)
        .ok_or_else(|| AppError::NotFound("đơn vị của việc / the case's unit".into()))?;
    let superior = unit.parent.and_then(|p| units.iter().find(|u| u.id == p));
    let staff = store.staff()?;
    let officer = case.facts.officer.and_then(|o| staff.iter().find(|s| s.id == o));
    let head = staff.iter().filter(|s| s.unit == unit.id && s.active && s.role == Role::Head).min_by_key(|s| s.id.0);
    let details = store.case_details(case_id)?.unwrap_or_default();
    let records = store.records(case_id)?;
    let events = thads_core::event::effective_events(&records);

    let mut d = DocumentData::new();
    let text = |d: &mut DocumentData, name: &'static str, value: &str| -> AppResult<()> {
        d.text(name, value).map(|_| ()).map_err(|e| data_error(name, e))
    };
    let case_no = case.facts.case_no.to_string();
    // The issuing agency.
    text(&mut d, "unit_name", &unit.name)?;
    if let Some(superior) = superior {
        text(&mut d, "unit_superior_name", &superior.name)?;
    }
    let issuer = format!("Trưởng {}", unit.name);
    text(&mut d, "issuer_title", &issuer)?;
    text(&mut d, "place", &place_of(unit, superior))?;
    d.date("issue_date", on).map_err(|e| data_error("issue_date", e))?;
    match issued {
        Some(doc) => {
            text(&mut d, "document_number", &doc.number.to_string())?;
            text(&mut d, "document_symbol", &doc.symbol)?;
        }
        None => {
            text(&mut d, "document_number", BLANK)?;
            text(&mut d, "document_symbol", super::symbol(kind))?;
        }
    }
    // Who signs: a decision, the head of the unit; a notice, summons or record, the officer.
    let decision = kind.code().starts_with("qd_");
    let signer = if decision { head.or(officer) } else { officer.or(head) };
    let signer_title = if decision && signer.is_some_and(|s| Some(s.id) == head.map(|h| h.id)) {
        issuer.clone()
    } else {
        "Chấp hành viên".to_string()
    };
    text(&mut d, "signer_title", &signer_title)?;
    text(&mut d, "signer_name", signer.map_or(BLANK, |s| s.full_name.as_str()))?;
    // The case.
    text(&mut d, "case_number", &case_no)?;
    d.date("acceptance_date", case.facts.accepted_on).map_err(|e| data_error("acceptance_date", e))?;
    text(&mut d, "enforcement_decision_number", &case_no)?;
    d.date("enforcement_decision_date", case.facts.accepted_on)
        .map_err(|e| data_error("enforcement_decision_date", e))?;
    if let Some(r) = &details.request {
        d.date("request_date", r.date).map_err(|e| data_error("request_date", e))?;
    }
    if let Some(o) = officer {
        text(&mut d, "officer_name", &o.full_name)?;
    }
    // The code the parties follow the case with on the public portal (notices print it).
    text(&mut d, "lookup_code", &crate::portal::lookup_code(store, case_id)?.shown())?;
    if let Some(j) = &details.judgment {
        text(&mut d, "judgment_number", &j.number)?;
        d.date("judgment_date", j.date).map_err(|e| data_error("judgment_date", e))?;
        text(&mut d, "judgment_court", &j.court)?;
    }
    // The parties; a notice or a summons goes to the debtor unless the user names someone else.
    text(&mut d, "creditor_name", &case.facts.creditor)?;
    // An address the register does not hold is a dotted line to fill by hand, as on a printed
    // form (a case imported before addresses were kept has none).
    text(&mut d, "creditor_address", or_blank(&details.creditor_address))?;
    text(&mut d, "debtor_name", &case.facts.debtor)?;
    text(&mut d, "debtor_address", or_blank(&details.debtor_address))?;
    if let Some(id) = &details.creditor_id {
        text(&mut d, "creditor_id_number", id.as_str())?;
    }
    if let Some(id) = &details.debtor_id {
        text(&mut d, "debtor_id_number", id.as_str())?;
    }
    text(&mut d, "addressee_name", &case.facts.debtor)?;
    text(&mut d, "addressee_address", or_blank(&details.debtor_address))?;
    // What is enforced.
    let money = !case.facts.amount.is_zero();
    let obligation = match (&details.judgment, money) {
        (Some(j), true) => format!(
            "trả cho {} số tiền {} theo Bản án, quyết định số {} của {}",
            case.facts.creditor,
            thads_documents::format::money_figures(dong(case.facts.amount)),
            j.number,
            j.court
        ),
        (Some(j), false) => format!("thi hành Bản án, quyết định số {} của {}", j.number, j.court),
        (None, true) => format!(
            "trả cho {} số tiền {}",
            case.facts.creditor,
            thads_documents::format::money_figures(dong(case.facts.amount))
        ),
        (None, false) => format!("thi hành nghĩa vụ đối với {}", case.facts.creditor),
    };
    text(&mut d, "obligation", &obligation)?;
    if money {
        d.money("amount", case.facts.amount).map_err(|e| data_error("amount", e))?;
    }
    text(&mut d, "voluntary_period", "10 ngày")?;
    text(&mut d, "notification_method", "trực tiếp hoặc qua bưu chính")?;
    text(&mut d, "payment_instructions", &format!("nộp tại trụ sở {} hoặc vào tài khoản của cơ quan", unit.name))?;
    // The ground and reason of a decision: the case's last such event on or before the date.
    if let Some(code) = super::event_of(kind)
        && let Some((_, event)) = events.iter().rev().find(|(_, e)| e.code == code && e.date <= on)
    {
        decision_fields(&mut d, code, event.date, event.ground.as_ref())?;
    }
    // Summons and verification: the usual defaults an officer changes where needed.
    text(&mut d, "appointment_time", "08 giờ 00")?;
    text(&mut d, "appointment_place", &format!("trụ sở {}", unit.name))?;
    text(&mut d, "appointment_purpose", &format!("làm việc về việc thi hành Quyết định thi hành án số {case_no}"))?;
    text(&mut d, "verification_time", "08 giờ 00")?;
    d.date("verification_date", on).map_err(|e| data_error("verification_date", e))?;
    text(&mut d, "verification_place", or_blank(&details.debtor_address))?;
    let mut participants = Vec::new();
    if let Some(o) = officer {
        participants.push(format!("{}, Chấp hành viên", o.full_name));
    }
    participants.push(format!("{}, người phải thi hành án", case.facts.debtor));
    d.list("participants", participants).map_err(|e| data_error("participants", e))?;
    d.list("findings", [BLANK]).map_err(|e| data_error("findings", e))?;
    let assessment = match case.current.state {
        CaseState::WithoutMeans => "người phải thi hành án chưa có điều kiện thi hành án",
        _ if events.iter().any(|(_, e)| e.code == EventCode::WithMeans) => {
            "người phải thi hành án có điều kiện thi hành án"
        }
        _ => BLANK,
    };
    text(&mut d, "means_assessment", assessment)?;
    d.list(
        "recipients",
        recipients(kind, &case.facts.debtor, &case.facts.creditor, officer.map(|o| o.full_name.as_str())),
    )
    .map_err(|e| data_error("recipients", e))?;
    extras.apply(&mut d)?;
    Ok((case_no, d))
}

/// The fields of a decision that come from its event: the day it runs from, its legal ground
/// and reason.
pub(crate) fn decision_fields(
    d: &mut DocumentData,
    code: EventCode,
    date: Date,
    ground: Option<&thads_core::Ground>,
) -> AppResult<()> {
    d.date("period_from", date).map_err(|e| data_error("period_from", e))?;
    if let Some(g) = ground
        && let Some(choice) = GroundRules::built_in().find(code, g)
    {
        let ground = article_of(g.as_str()).unwrap_or_else(|| choice.citation.clone());
        d.text("legal_ground", ground).map_err(|e| data_error("legal_ground", e))?;
        d.text("reason", lower_first(&choice.name_vi)).map_err(|e| data_error("reason", e))?;
    }
    Ok(())
}

fn or_blank(text: &str) -> &str {
    if text.trim().is_empty() { BLANK } else { text }
}

fn dong(amount: thads_core::Vnd) -> u64 {
    u64::try_from(amount.dong()).unwrap_or(0)
}

fn recipients(kind: DocumentKind, debtor: &str, creditor: &str, officer: Option<&str>) -> Vec<String> {
    let mut out = vec![format!("{debtor} (người phải thi hành án)")];
    if !matches!(kind, DocumentKind::GiayTrieuTap) {
        out.push(format!("{creditor} (người được thi hành án)"));
    }
    if kind.code().starts_with("qd_") {
        out.push("Viện kiểm sát nhân dân cùng cấp".into());
    }
    if let Some(o) = officer {
        out.push(format!("Chấp hành viên {o}"));
    }
    out
}

/// Địa danh: the province (or city) in the unit's name, or its superior's; else the name.
fn place_of(unit: &Unit, superior: Option<&Unit>) -> String {
    for name in std::iter::once(&unit.name).chain(superior.map(|s| &s.name)) {
        for marker in ["thành phố ", "tỉnh ", "Thành phố ", "Tỉnh "] {
            if let Some(i) = name.rfind(marker) {
                return name[i + marker.len()..].trim().to_string();
            }
        }
    }
    unit.name.clone()
}

/// "điểm a khoản 1 Điều 48 Luật Thi hành án dân sự" for the register's code `48.1.a` (the
/// order in which Vietnamese documents cite), `None` for a code of another shape.
fn article_of(code: &str) -> Option<String> {
    let parts: Vec<&str> = code.split('.').collect();
    let number = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let law = "Luật Thi hành án dân sự";
    match parts.as_slice() {
        [article] if number(article) => Some(format!("Điều {article} {law}")),
        [article, clause] if number(article) && number(clause) => Some(format!("khoản {clause} Điều {article} {law}")),
        [article, clause, point] if number(article) && number(clause) && point.chars().count() <= 2 => {
            Some(format!("điểm {point} khoản {clause} Điều {article} {law}"))
        }
        _ => None,
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_is_the_province_of_the_unit_or_its_superior() {
        let unit = |name: &str| Unit {
            id: thads_core::UnitId(1),
            code: thads_core::UnitCode::new("X").unwrap_or_else(|_| unreachable!()),
            name: name.into(),
            kind: thads_core::UnitKind::Province,
            parent: None,
            valid_from: None,
            valid_to: None,
            successor: None,
        };
        assert_eq!(place_of(&unit("Thi hành án dân sự tỉnh Nghệ An"), None), "Nghệ An");
        assert_eq!(place_of(&unit("Thi hành án dân sự thành phố Hà Nội"), None), "Hà Nội");
        let region = unit("Phòng Thi hành án dân sự khu vực 1");
        assert_eq!(place_of(&region, Some(&unit("Thi hành án dân sự tỉnh Bắc Ninh"))), "Bắc Ninh");
        assert_eq!(place_of(&region, None), "Phòng Thi hành án dân sự khu vực 1");
        assert_eq!(lower_first("Đương sự đồng ý"), "đương sự đồng ý");
        assert_eq!(article_of("48.1.đ").as_deref(), Some("điểm đ khoản 1 Điều 48 Luật Thi hành án dân sự"));
        assert_eq!(article_of("50.1").as_deref(), Some("khoản 1 Điều 50 Luật Thi hành án dân sự"));
        assert_eq!(article_of("NĐ62.9"), None);
    }

    #[test]
    fn extras_are_typed_by_the_catalogue() {
        let mut d = DocumentData::new();
        let ok = Extras::from_pairs(["appointment_date=05/03/2027", "valuation_price=2.105.000.000", "findings=a\nb"]);
        assert!(ok.and_then(|e| e.apply(&mut d)).is_ok());
        assert_eq!(
            d.get("valuation_price"),
            Some(&Value::Money(thads_core::Vnd::new(2_105_000_000).unwrap_or_default()))
        );
        assert_eq!(d.get("findings"), Some(&Value::List(vec!["a".into(), "b".into()])));
        let unknown = Extras::from_pairs(["debtor_nmae=x"]).and_then(|e| e.apply(&mut d));
        assert!(
            matches!(unknown, Err(AppError::Field { field: "fields", ref message }) if message.contains("debtor_nmae"))
        );
        let bad_date = Extras::from_pairs(["appointment_date=31/02/2027"]).and_then(|e| e.apply(&mut d));
        assert!(matches!(bad_date, Err(AppError::Field { field: "appointment_date", .. })));
        assert!(Extras::from_pairs(["no equals sign"]).is_err());
    }
}
