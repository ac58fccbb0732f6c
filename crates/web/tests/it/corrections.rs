//! Correcting and voiding records from the case page: a new record supersedes the old one, a
//! note saying why is required, the change is audited, and a record already replaced cannot
//! be replaced again.

use reqwest::StatusCode;
use thads_core::{Entry, Role};

use crate::common::{TestApp, login_of};

fn last_record(app: &TestApp) -> String {
    app.db(|s| s.records(app.own_case)).unwrap().last().unwrap().id.0.to_string()
}

#[tokio::test]
async fn a_record_is_corrected_with_a_note_and_audited() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let case = format!("/cases/{}", app.own_case.0);
    let v = app.version(app.own_case).to_string();
    let fields = [("version", v.as_str()), ("code", "collected"), ("date", "03/11/2025"), ("amount", "5.000.000")];
    assert_eq!(app.post_form(&s, &format!("{case}/events"), &fields).await.status(), StatusCode::SEE_OTHER);
    let (record, v) = (last_record(&app), app.version(app.own_case).to_string());
    let mut correction = vec![
        ("version", v.as_str()),
        ("record", record.as_str()),
        ("code", "collected"),
        ("date", "03/11/2025"),
        ("amount", "4.000.000 đ"),
    ];
    let refused = app.post_form(&s, &format!("{case}/correct"), &correction).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("cần ghi chú lý do"), "a correction needs its reason");
    assert_eq!(app.version(app.own_case).to_string(), v, "nothing changed");
    correction.push(("note", "biên lai ghi 4 triệu"));
    assert_eq!(app.post_form(&s, &format!("{case}/correct"), &correction).await.status(), StatusCode::SEE_OTHER);
    let now = app.db(|s| s.case(app.own_case)).unwrap().unwrap();
    assert_eq!(now.current.outstanding.dong(), 46_000_000, "the corrected amount counts, not the old one");
    let records = app.db(|s| s.records(app.own_case)).unwrap();
    let new = records.last().unwrap();
    assert_eq!(new.supersedes.map(|r| r.0.to_string()), Some(record.clone()));
    assert_eq!(new.note, "biên lai ghi 4 triệu");
    let audit = app.db(|s| s.audit_of_case(app.own_case)).unwrap();
    let entry = audit.iter().find(|a| a.action == "event.correct").expect("audited");
    assert_eq!(entry.actor, login_of(Role::Officer));
    let page = app.get(&s, &case).await.text().await.unwrap();
    assert!(page.contains(&format!("id=\"record-{record}\"")) && page.contains("đã được sửa hoặc hủy"), "{page}");
    let v = app.version(app.own_case).to_string();
    let again = [("version", v.as_str()), ("record", record.as_str()), ("note", "lần nữa")];
    let twice = app.post_form(&s, &format!("{case}/void"), &again).await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY, "a replaced record is not replaced again");
}

#[tokio::test]
async fn a_void_needs_a_note_and_an_allowed_person() {
    let app = TestApp::spawn().await;
    let case = format!("/cases/{}/void", app.own_case.0);
    let (record, v) = (last_record(&app), app.version(app.own_case).to_string());
    let inspector = app.sign_in(&login_of(Role::Inspector)).await;
    let fields = [("version", v.as_str()), ("record", record.as_str()), ("note", "nhầm")];
    assert_eq!(app.post_form(&inspector, &case, &fields).await.status(), StatusCode::FORBIDDEN);
    let officer = app.sign_in(&login_of(Role::Officer)).await;
    let bare = [("version", v.as_str()), ("record", record.as_str())];
    assert_eq!(app.post_form(&officer, &case, &bare).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.post_form(&officer, &case, &fields).await.status(), StatusCode::SEE_OTHER);
    let records = app.db(|s| s.records(app.own_case)).unwrap();
    assert!(matches!(records.last().unwrap().entry, Entry::Void));
    let state = app.db(|s| s.case(app.own_case)).unwrap().unwrap().current.state;
    assert_eq!(state.code(), "opened", "back to opened");
}
