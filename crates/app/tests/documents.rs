//! Documents through the app: a case's documents filled from the database (facts, details,
//! unit, officer, history) read back the same from the PDF (`pdftotext`) and the DOCX, and equal
//! the reviewed text, under both regimes; issuing a decision numbers it and records its event
//! in one transaction; an administrator's template with an unknown field is refused naming the
//! line and the field. On the backend `THADS_TEST_BACKEND` chooses (SQLite by default).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use thads_app::cases::record::{create_case, record};
use thads_app::documents::{self, Extras, Format, IssueRequest, SaveTemplate};
use thads_app::{Actor, AppError, NewRecord};
use thads_core::case::{CaseDetails, Judgment, PartyId};
use thads_core::confidence::Confidence;
use thads_core::{CaseId, Event, EventCode, Ground, Login, Role, Rules};
use thads_documents::DocumentKind;
use thads_store::{NewStaff, Store};
use thads_testkit::{Backend, facts, seed_officer, seed_units};
use time::Date;
use time::macros::{date, datetime};

fn actor() -> Actor {
    Actor { login: "chv.huy".into(), at: datetime!(2026-11-20 09:00 +7) }
}

/// The fixed case: a money judgment of a region of Bắc Giang, its officer and head, the
/// parties' details, verified with means.
fn fixed_case(store: &dyn Store) -> CaseId {
    let u = seed_units(store);
    let officer = seed_officer(store, u.region1, "chv.huy", "Lê Quang Huy");
    let mut tx = store.begin().unwrap();
    tx.insert_staff(&NewStaff {
        unit: u.region1,
        login: Login::new("tp.ngoc").unwrap(),
        full_name: "Trần Thị Bích Ngọc".into(),
        role: Role::Head,
    })
    .unwrap();
    tx.commit().unwrap();
    let mut f = facts(u.region1, "46/QĐ-THADS", date!(2025 - 10 - 05), 761_546_547_000);
    f.officer = Some(officer);
    f.debtor = "Ông Nguyễn Văn Ước".into();
    f.creditor = "Công ty cổ phần Thương mại Hồng Lĩnh".into();
    let rules = Rules::default();
    let c = create_case(store, &actor(), &rules, f).unwrap();
    let details = CaseDetails {
        debtor_id: PartyId::parse("debtor_id", thads_core::field::DEBTOR_ID, "040085001234").unwrap(),
        debtor_address: "thôn Đông, xã Tân Yên, tỉnh Bắc Ninh".into(),
        creditor_id: PartyId::parse("creditor_id", thads_core::field::DEBTOR_ID, "2901234567").unwrap(),
        creditor_address: "số 15 đường Lê Lợi, phường Bắc Giang, tỉnh Bắc Ninh".into(),
        judgment: Some(Judgment {
            court: "Tòa án nhân dân tỉnh Bắc Giang".into(),
            number: "12/2025/DS-PT".into(),
            date: date!(2025 - 08 - 05),
        }),
        request: None,
        obligation: thads_core::case::Obligation::default(),
    };
    let mut tx = store.begin().unwrap();
    tx.put_case_details(c.case.id, &details).unwrap();
    tx.commit().unwrap();
    let with_means = Event { date: date!(2025 - 10 - 20), code: EventCode::WithMeans, amount: None, ground: None };
    record(store, &actor(), &rules, c.case.id, 1, NewRecord::event(with_means)).unwrap();
    c.case.id
}

/// What the register does not hold, as an officer would type it for each kind.
fn extras(kind: DocumentKind) -> Extras {
    let pairs: &[&str] = match kind {
        DocumentKind::QdHoan | DocumentKind::QdTamDinhChi | DocumentKind::QdDinhChi | DocumentKind::QdTiepTuc => &[
            "legal_ground=điểm a khoản 1 Điều 48 Luật Thi hành án dân sự",
            "reason=người phải thi hành án đang điều trị bệnh nặng, có xác nhận của cơ sở y tế",
        ],
        DocumentKind::QdChuaCoDieuKien => &[
            "legal_ground=điểm a khoản 1 Điều 44a Luật Thi hành án dân sự",
            "reason=người phải thi hành án không có thu nhập, tài sản để thi hành án",
        ],
        DocumentKind::QdUyThac => &[
            "delegate_unit_name=Thi hành án dân sự tỉnh Hà Tĩnh",
            "reason=người phải thi hành án có tài sản tại tỉnh Hà Tĩnh",
        ],
        DocumentKind::GiayTrieuTap => &["appointment_date=03/12/2026"],
        DocumentKind::BienBanXacMinh => &["findings=Người phải thi hành án đứng tên thửa đất số 215, tờ bản đồ số 7"],
        DocumentKind::QdCuongCheKeBien => &[
            "coercion_date=15/12/2026",
            "coercion_place=thửa đất số 215, tờ bản đồ số 7, xã Tân Yên",
            "seized_assets=Quyền sử dụng 250 m² đất tại thửa đất số 215\nNhà ở cấp 4 gắn liền với thửa đất",
        ],
        DocumentKind::ThongBaoKetQuaThamDinhGia => &[
            "asset_description=quyền sử dụng 250 m² đất ở tại thửa đất số 215, tờ bản đồ số 7",
            "valuation_org=Công ty TNHH Thẩm định giá Đông Á",
            "valuation_certificate=1508/2026/CT-ĐA",
            "valuation_date=01/06/2026",
            "valuation_price=2.105.000.000",
        ],
        _ => &[],
    };
    Extras::from_pairs(pairs.iter().copied()).unwrap()
}

fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/documents/app");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The PDF's text (`pdftotext`), page numbers of pages after the first dropped.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(path).arg("-").output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8(out.stdout).unwrap();
    text.split('\u{c}')
        .enumerate()
        .map(|(i, page)| if i == 0 { page.to_string() } else { page.lines().skip(1).collect::<Vec<_>>().join("\n") })
        .collect::<Vec<_>>()
        .join("\n")
}

fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    thads_documents::docx::document_text(&xml)
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const REGIMES: [(&str, Date); 2] = [("old", date!(2026 - 06 - 15)), ("new", date!(2026 - 11 - 20))];

#[test]
fn each_case_document_reads_back_the_reviewed_text_from_pdf_and_docx_under_both_regimes() {
    let store = Backend::chosen().fresh_store();
    let case = fixed_case(&*store);
    let set = documents::template_set(&*store).unwrap();
    let dir = output_dir();
    for kind in DocumentKind::ALL {
        for (regime, on) in REGIMES {
            let name = format!("{}-{regime}", kind.code());
            let pdf = documents::render_case_document(&*store, &set, case, kind, on, Format::Pdf, &extras(kind))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let path = dir.join(format!("{name}.pdf"));
            std::fs::write(&path, &pdf.bytes).unwrap();
            let docx =
                documents::render_case_document(&*store, &set, case, kind, on, Format::Docx, &extras(kind)).unwrap();
            let text = docx_text(&docx.bytes);
            assert_eq!(words(&pdf_text(&path)), words(&text), "{name}: the PDF and the DOCX say the same");
            assert!(pdf.file_name.ends_with(".pdf") && docx.file_name.ends_with(".docx"), "{}", pdf.file_name);
            // The lookup code derives from the database's random key (notices print it).
            let code = thads_app::portal::lookup_code(&*store, case).unwrap().shown();
            insta::assert_snapshot!(name.clone(), text.replace(&code, "[lookup code]"));
            let status = Command::new("pdftoppm")
                .args(["-r", "60", "-png", "-f", "1", "-l", "1"])
                .arg(&path)
                .arg(dir.join(&name))
                .status()
                .expect("pdftoppm");
            assert!(status.success());
        }
    }
}

#[test]
fn a_field_the_case_does_not_give_stops_the_render_naming_it() {
    let store = Backend::chosen().fresh_store();
    let case = fixed_case(&*store);
    let set = documents::template_set(&*store).unwrap();
    let on = date!(2026 - 11 - 20);
    let missing =
        documents::render_case_document(&*store, &set, case, DocumentKind::QdHoan, on, Format::Pdf, &Extras::default());
    // The first field of the template the case lacks: the reason (line 25), then the ground.
    assert!(
        matches!(&missing, Err(AppError::Field { field: "reason", message }) if message.contains("dòng 25")),
        "{missing:?}"
    );
}

#[test]
fn issuing_a_postponement_records_it_and_numbers_the_document_without_gaps() {
    let store = Backend::chosen().fresh_store();
    let case = fixed_case(&*store);
    let rules = Rules::default();
    let on = date!(2026 - 11 - 18);
    let request = |version, kind, ground: Option<&str>| IssueRequest {
        case,
        expected_version: version,
        kind,
        on,
        ground: ground.map(|g| Ground::new(g).unwrap()),
    };
    // A ground that is not one of a postponement is refused, and takes no number.
    let wrong = documents::issue(&*store, &actor(), &rules, &request(2, DocumentKind::QdHoan, Some("50.1.a")));
    assert!(matches!(wrong, Err(AppError::Field { field: "ground", .. })), "{wrong:?}");
    // A stale version is refused too.
    let stale = documents::issue(&*store, &actor(), &rules, &request(1, DocumentKind::QdHoan, Some("48.1.a")));
    assert!(stale.is_err());
    let issued =
        documents::issue(&*store, &actor(), &rules, &request(2, DocumentKind::QdHoan, Some("48.1.a"))).unwrap();
    assert_eq!(issued.document.number_and_symbol(), "1/QĐ-THADS");
    let changed = issued.changed.expect("the postponement is recorded");
    assert_eq!(changed.case.current.state.code(), "postponed");
    assert_eq!(changed.case.version, 3);
    let records = store.records(case).unwrap();
    assert_eq!(issued.document.event, records.last().map(|r| r.id), "the document names its event");
    // A second postponement of a postponed case is refused by the history: no number is taken.
    let again = documents::issue(&*store, &actor(), &rules, &request(3, DocumentKind::QdHoan, Some("48.1.b")));
    assert!(matches!(again, Err(AppError::Refused(_))), "{again:?}");
    let resumed = documents::issue(&*store, &actor(), &rules, &request(3, DocumentKind::QdTiepTuc, None)).unwrap();
    assert_eq!((resumed.document.number, resumed.changed.unwrap().case.current.state.code()), (1, "with_means"));
    let notice = documents::issue(&*store, &actor(), &rules, &request(4, DocumentKind::ThongBao, None)).unwrap();
    assert_eq!((notice.document.number_and_symbol(), notice.changed.is_none()), ("1/TB-THADS".to_string(), true));
    let hoan = documents::issue(&*store, &actor(), &rules, &request(4, DocumentKind::QdHoan, Some("48.1.c"))).unwrap();
    assert_eq!(hoan.document.number, 2, "numbers run without gaps despite the refusals");
    // The issued document renders with its number and the ground of its event.
    let set = documents::template_set(&*store).unwrap();
    let docx = documents::render_issued(&*store, &set, &hoan.document, Format::Docx).unwrap();
    let text = docx_text(&docx.bytes);
    assert!(text.contains("Số: 2/QĐ-THADS"), "{text}");
    assert!(text.contains("điểm c khoản 1 Điều 48 Luật Thi hành án dân sự"), "{text}");
    assert!(text.contains("Trần Thị Bích Ngọc"), "the head signs a decision: {text}");
    // Cancelling keeps the number; the register shows it with its reason.
    let cancelled = documents::cancel(&*store, &actor(), notice.document.id, "Gửi nhầm địa chỉ").unwrap();
    assert_eq!(cancelled.cancelled.map(|c| c.reason), Some("Gửi nhầm địa chỉ".to_string()));
    assert!(documents::cancel(&*store, &actor(), notice.document.id, "lần hai").is_err());
    assert!(matches!(
        documents::cancel(&*store, &actor(), hoan.document.id, " "),
        Err(AppError::Field { field: "reason", .. })
    ));
    let actions: Vec<String> = store.audit_of_case(case).unwrap().into_iter().map(|a| a.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "document.issue").count(), 4, "{actions:?}");
    assert!(actions.iter().any(|a| a == "document.cancel"));
    assert_eq!(store.documents_of_case(case).unwrap().len(), 4);
}

#[test]
fn a_template_with_an_unknown_field_is_refused_naming_the_line_and_the_field() {
    let store = Backend::chosen().fresh_store();
    let case = fixed_case(&*store);
    let set = documents::template_set(&*store).unwrap();
    let shipped = set.version_for(DocumentKind::ThongBao, date!(2026 - 11 - 20)).unwrap();
    let admin = Actor { login: "admin".into(), at: datetime!(2026-11-20 10:00 +7) };
    let save = |text: String| SaveTemplate {
        kind: "thong_bao".into(),
        effective_from: date!(2026 - 07 - 01),
        legal_basis: shipped.legal_basis().into(),
        citation: shipped.citation().into(),
        confidence: Confidence::Inferred,
        text,
    };
    let broken = shipped.text().replacen("{debtor_name}", "{debtor_nmae}", 1);
    let line = broken.lines().position(|l| l.contains("{debtor_nmae}")).unwrap() + 1;
    let refused = documents::save_template(&*store, &admin, save(broken));
    match refused {
        Err(AppError::Field { field: "text", message }) => {
            assert!(message.contains(&format!("dòng {line},")), "{message}");
            assert!(message.contains("«debtor_nmae»"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let mismatch = shipped.text().replacen("{issue_date}", "{issue_date:words}", 1);
    let refused = documents::save_template(&*store, &admin, save(mismatch));
    assert!(
        matches!(&refused, Err(AppError::Field { field: "text", message }) if message.contains("issue_date")),
        "{refused:?}"
    );
    assert!(store.document_templates().unwrap().is_empty(), "nothing refused is saved");
    // A correct edit is saved, audited and used from then on.
    let edited = shipped.text().replacen("THÔNG BÁO", "THÔNG BÁO (mẫu sửa)", 1);
    documents::save_template(&*store, &admin, save(edited)).unwrap();
    let set = documents::template_set(&*store).unwrap();
    let docx = documents::render_case_document(
        &*store,
        &set,
        case,
        DocumentKind::ThongBao,
        date!(2026 - 11 - 20),
        Format::Docx,
        &Extras::default(),
    )
    .unwrap();
    assert!(docx_text(&docx.bytes).contains("THÔNG BÁO (mẫu sửa)"));
    let old = documents::render_case_document(
        &*store,
        &set,
        case,
        DocumentKind::ThongBao,
        date!(2026 - 06 - 30),
        Format::Docx,
        &Extras::default(),
    )
    .unwrap();
    assert!(!docx_text(&old.bytes).contains("(mẫu sửa)"), "the old regime's version is unchanged");
    let audit = store.audit_of_actor("admin", 10).unwrap();
    assert_eq!(audit.first().map(|a| a.action.as_str()), Some("document.template.save"));
}

#[test]
fn the_demo_register_numbers_each_units_decisions_without_gaps_and_links_their_events() {
    use thads_app::demo::{DemoConfig, generate};
    use thads_app::progress::Silent;
    let store = Backend::chosen().fresh_store();
    let as_of = date!(2026 - 11 - 20);
    generate(&*store, &Rules::default(), &DemoConfig::new(600, 7, as_of), &Silent).unwrap();
    let mut registers = std::collections::BTreeMap::new();
    let mut linked = 0;
    let mut cancelled = 0;
    let mut cases = 0;
    store
        .scan_histories(&thads_store::ScanFilter::default(), &mut |h| {
            let documents = store.documents_of_case(h.case.id)?;
            cases += usize::from(!documents.is_empty());
            for d in documents {
                if let Some(event) = d.event {
                    let record = h.records.iter().find(|r| r.id == event).expect("the event of the case");
                    let thads_core::Entry::Event(e) = &record.entry else { panic!("a void") };
                    assert_eq!(
                        (documents::event_of(documents::kind(&d.kind).unwrap()), e.date),
                        (Some(e.code), d.issued_on)
                    );
                    linked += 1;
                }
                cancelled += usize::from(d.cancelled.is_some());
                registers.entry((d.unit, d.kind.clone(), d.year)).or_insert_with(Vec::new).push(d.number);
            }
            Ok(())
        })
        .unwrap();
    assert!(cases > 50 && linked > 20 && cancelled > 0, "{cases} cases, {linked} decisions, {cancelled} cancelled");
    for (key, mut numbers) in registers {
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=numbers.len() as i64).collect::<Vec<_>>(), "{key:?}");
    }
}

#[test]
fn an_issued_document_prints_as_issued_after_the_case_changes() {
    let store = Backend::chosen().fresh_store();
    let case = fixed_case(&*store);
    let rules = Rules::default();
    let request = IssueRequest {
        case,
        expected_version: 2,
        kind: DocumentKind::QdHoan,
        on: date!(2026 - 11 - 18),
        ground: Some(Ground::new("48.1.a").unwrap()),
    };
    let issued = documents::issue(&*store, &actor(), &rules, &request).unwrap();
    let content = store.document_content(issued.document.id).unwrap().expect("kept as issued");
    assert_eq!(content.template_kind, "qd_hoan");
    // The debtor moves; the register's document keeps the address it was issued with.
    let mut details = store.case_details(case).unwrap().unwrap();
    details.debtor_address = "số 2 phố Mới, phường Kinh Bắc, tỉnh Bắc Ninh".into();
    let mut tx = store.begin().unwrap();
    tx.put_case_details(case, &details).unwrap();
    tx.commit().unwrap();
    let set = documents::template_set(&*store).unwrap();
    for format in [Format::Docx, Format::Pdf] {
        let again = documents::render_issued(&*store, &set, &issued.document, format).unwrap();
        assert!(!again.bytes.is_empty());
    }
    let text = docx_text(&documents::render_issued(&*store, &set, &issued.document, Format::Docx).unwrap().bytes);
    assert!(text.contains("thôn Đông, xã Tân Yên"), "as issued: {text}");
    assert!(!text.contains("phố Mới"), "not the address entered since: {text}");
    assert!(text.contains("Số: 1/QĐ-THADS") && text.contains("điểm a khoản 1 Điều 48"), "{text}");
    let print = documents::fill_case_document(
        &*store,
        &set,
        case,
        DocumentKind::QdHoan,
        request.on,
        &Extras::default(),
        Some(&issued.document),
    )
    .unwrap();
    assert!(print.plain_text().contains("thôn Đông"), "the print view too");
    // A draft reads the case as it is now.
    let draft = documents::render_case_document(
        &*store,
        &set,
        case,
        DocumentKind::ThongBao,
        request.on,
        Format::Docx,
        &Extras::default(),
    )
    .unwrap();
    assert!(docx_text(&draft.bytes).contains("phố Mới"));
}
