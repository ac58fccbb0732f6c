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
    assert_eq!(twice.status(), StatusCode::CONFLICT, "a replaced record is not replaced again");
    let page = twice.text().await.unwrap();
    assert!(page.contains(&format!("Bản ghi #{record} đã được sửa hoặc hủy")), "{page}");
}

/// Four people replacing the same record at once, with the version they read or the next one
/// (as after a reload): one is accepted, each other one is told that the record was already
/// replaced or that the case changed (409), and the money is the accepted one's. Before the
/// check moved into the write transaction, two such posts were both accepted in 8 of 12 tries.
#[tokio::test]
async fn racing_corrections_and_voids_of_one_record_leave_one() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let case = format!("/cases/{}", app.own_case.0);
    for round in 0..6 {
        let v = app.version(app.own_case).to_string();
        let collect = [("version", v.as_str()), ("code", "collected"), ("date", "03/11/2025"), ("amount", "123")];
        assert_eq!(app.post_form(&s, &format!("{case}/events"), &collect).await.status(), StatusCode::SEE_OTHER);
        let (record, v) = (last_record(&app), app.version(app.own_case));
        let collected = app.db(|s| s.case(app.own_case)).unwrap().unwrap().current.collected.dong();
        let versions = [v, v + 1, v + 1, v + 2].map(|v| v.to_string());
        let correct = |version: &str, amount: &'static str| {
            let fields = [("version", version.to_string()), ("record", record.clone()), ("code", "collected".into())];
            let more = [("date", "03/11/2025".to_string()), ("amount", amount.into()), ("note", "biên lai".into())];
            fields.into_iter().chain(more).collect::<Vec<(&str, String)>>()
        };
        let void =
            |version: &str| vec![("version", version.to_string()), ("record", record.clone()), ("note", "nhầm".into())];
        let post = |path: &'static str, fields: Vec<(&'static str, String)>| {
            let (app, s, case) = (&app, &s, &case);
            async move {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let r = app.post_form(s, &format!("{case}/{path}"), &fields).await;
                (r.status(), r.text().await.unwrap())
            }
        };
        let sent = tokio::join!(
            post("correct", correct(&versions[0], "1.000")),
            post("correct", correct(&versions[1], "2.000")),
            post("void", void(&versions[2])),
            post("correct", correct(&versions[3], "3.000")),
        );
        let sent = [sent.0, sent.1, sent.2, sent.3];
        let accepted = sent.iter().filter(|(status, _)| *status == StatusCode::SEE_OTHER).count();
        assert_eq!(accepted, 1, "round {round}: {:?}", sent.iter().map(|(st, _)| st).collect::<Vec<_>>());
        for (status, page) in sent.iter().filter(|(status, _)| *status != StatusCode::SEE_OTHER) {
            assert_eq!(*status, StatusCode::CONFLICT, "round {round}");
            let told = page.contains("đã được sửa hoặc hủy") || page.contains("đã được người khác thay đổi");
            assert!(told, "round {round}: the refusal says why: {page}");
        }
        let records = app.db(|s| s.records(app.own_case)).unwrap();
        let replacing: Vec<_> =
            records.iter().filter(|r| r.supersedes.map(|t| t.0.to_string()) == Some(record.clone())).collect();
        assert_eq!(replacing.len(), 1, "round {round}: one record replaces it");
        let winner = match &replacing[0].entry {
            Entry::Event(e) => e.amount.map_or(0, |a| a.dong()),
            Entry::Void => 0,
        };
        let now = app.db(|s| s.case(app.own_case)).unwrap().unwrap().current.collected.dong();
        assert_eq!(now, collected - 123 + winner, "round {round}: the money is the accepted one's");
    }
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
