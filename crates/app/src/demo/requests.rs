//! The demo's online enforcement requests (issue 21 item 3): a handful filed with each of the
//! first two regional sections over the last days before the as-of date, through the use cases
//! as the public and the front desk would (`requests::submit`, `apply_step`), so that the queue
//! shows requests in every state — received, asked to supplement, registered, refused — with
//! their audit. A registered one is linked to an on-request case the demo already took in at
//! that section (its facts copied from the case), so that the demo keeps exactly the number of
//! cases asked for; registering through the intake is what the use case and its tests do. Each
//! demo request's follow-up code is `DEMAA0000N` (N = 1, 2, … in each section), so the public
//! status page can be tried with it.

use sha2::{Digest, Sha256};
use thads_core::requests::{AttachmentLimits, RequestText};
use thads_core::{CaseId, Origin, UnitId, UnitKind, UnitTree};
use thads_store::{NewAudit, ScanFilter, Store};
use time::{Date, Duration, OffsetDateTime, Time};

use crate::actor::Actor;
use crate::error::AppResult;
use crate::requests::{Filing, Step, apply_step, submit, view};

const ACTOR: &str = "demo.vanthu";

/// A tiny valid PDF, the attachment of every demo request.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/// `(requester, id number, debtor, asked)`.
const PEOPLE: [(&str, &str, &str, &str); 8] = [
    ("Trần Thị Bích", "001085012345", "Nguyễn Văn An", "Buộc trả 120.000.000 đồng tiền vay"),
    ("Lê Văn Cường", "024090001234", "Công ty TNHH Minh Phát", "Buộc thanh toán tiền hàng 350.000.000 đồng"),
    ("Phạm Thị Dung", "001190045678", "Hoàng Văn Em", "Cấp dưỡng nuôi con 3.000.000 đồng mỗi tháng"),
    ("Ngô Văn Giang", "030085067890", "Đỗ Thị Hạnh", "Trả lại quyền sử dụng thửa đất số 152"),
    ("Vũ Thị Hoa", "036188012300", "Bùi Văn Khánh", "Bồi thường thiệt hại 45.000.000 đồng"),
    ("Đặng Văn Long", "001079056000", "Trịnh Thị Mai", "Buộc trả 80.000.000 đồng và lãi chậm trả"),
    ("Hồ Thị Ngọc", "027192003456", "Lý Văn Phúc", "Chia tài sản chung: 200.000.000 đồng"),
    ("Mai Văn Quang", "038087009876", "Công ty CP Xây dựng Sông Thương", "Trả tiền công 60.000.000 đồng"),
];

fn at(day: Date, hour: u8) -> OffsetDateTime {
    day.with_time(Time::from_hms(hour, 0, 0).unwrap_or(Time::MIDNIGHT)).assume_offset(crate::clock::VIETNAM)
}

fn code_hash(code: &str) -> String {
    Sha256::digest(code.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Files and handles the demo's requests; returns how many were filed.
pub fn generate(store: &dyn Store, as_of: Date) -> AppResult<u64> {
    let units = UnitTree::new(store.units()?);
    let mut sections: Vec<_> =
        units.all().iter().filter(|u| u.kind == UnitKind::Region && u.valid_to.is_none()).cloned().collect();
    sections.sort_by(|a, b| a.code.cmp(&b.code));
    sections.truncate(2);
    let on_request = cases_on_request(store, &sections.iter().map(|u| u.id).collect::<Vec<_>>(), as_of)?;
    let mut filed = 0;
    for section in &sections {
        let mut cases = on_request.iter().filter(|(unit, _, _, _)| *unit == section.id);
        for (i, (name, id, debtor, asked)) in PEOPLE.iter().enumerate() {
            let case = if i % 4 == 2 { cases.next() } else { None };
            let (name, debtor) =
                case.map_or((*name, *debtor), |(_, _, creditor, debtor)| (creditor.as_str(), debtor.as_str()));
            let day = as_of - Duration::days(i64::try_from(8 - i).unwrap_or(0));
            let text = RequestText {
                name: (*name).into(),
                id_number: (*id).into(),
                address: format!("Số {} đường Lê Lợi, {}", i + 3, section.name),
                phone: format!("09123456{i:02}"),
                email: String::new(),
                court: "Tòa án nhân dân tỉnh Bắc Giang".into(),
                judgment_no: format!("{}/2025/DS-ST", 20 + i),
                judgment_date: "15/09/2025".into(),
                asked: (*asked).into(),
                debtor: (*debtor).into(),
                debtor_address: String::new(),
            };
            let Ok(form) = text.parse(section.id, day) else { continue };
            let filing = Filing {
                form,
                files: vec![("ban-an.pdf".into(), PDF.to_vec())],
                code_hash: code_hash(&format!("DEMAA0000{}", i + 1)),
            };
            let done = submit(store, at(day, 9), &units, filing, &AttachmentLimits::default())?;
            filed += 1;
            let actor = Actor { login: ACTOR.into(), at: at(day, 15) };
            match i % 4 {
                1 => {
                    let ask =
                        Step::AskSupplement { what: "Bản sao bản án có chứng thực".into(), due_on: None };
                    apply_step(store, &actor, done.id, &ask)?;
                }
                2 => {
                    if let Some((_, case, _, _)) = case {
                        link(store, &actor, done.id, *case)?;
                    }
                }
                3 => {
                    let refuse = Step::Refuse {
                        reason: "Đã hết thời hiệu yêu cầu thi hành án (Luật THADS Điều 30)".into(),
                    };
                    apply_step(store, &actor, done.id, &refuse)?;
                }
                _ => {}
            }
        }
    }
    Ok(filed)
}

/// `(unit, case, creditor, debtor)` of up to four on-request cases of each of `units`, taken in
/// before `as_of`.
fn cases_on_request(
    store: &dyn Store,
    units: &[UnitId],
    as_of: Date,
) -> AppResult<Vec<(UnitId, CaseId, String, String)>> {
    let mut out: Vec<(UnitId, CaseId, String, String)> = Vec::new();
    let filter = ScanFilter { units: Some(units.to_vec()), accepted_to: Some(as_of - Duration::days(10)) };
    store.scan_histories(&filter, &mut |h| {
        let f = &h.case.facts;
        if f.origin == Origin::TheoYeuCau && out.iter().filter(|c| c.0 == f.unit).count() < 4 {
            out.push((f.unit, h.case.id, f.creditor.clone(), f.debtor.clone()));
        }
        Ok(())
    })?;
    Ok(out)
}

/// Marks request `id` registered as the case `case`, audited as the use case audits it.
fn link(store: &dyn Store, actor: &Actor, id: thads_core::requests::RequestId, case: CaseId) -> AppResult<()> {
    let mut tx = store.begin()?;
    let Some(before) = tx.request_for_update(id)? else { return Ok(()) };
    let mut after = before.clone();
    after.progress.state = thads_core::requests::RequestState::Registered;
    after.progress.decided_on = Some(actor.today());
    after.progress.case_id = Some(case);
    after.progress.updated_by = Some(actor.login.clone());
    tx.update_request_progress(id, &after.progress)?;
    let entry = NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(case),
        action: "request.register".into(),
        before: Some(view(&before).to_string()),
        after: Some(view(&after).to_string()),
    };
    tx.insert_unit_audit(&entry, before.request.form.unit)?;
    tx.commit()?;
    Ok(())
}
