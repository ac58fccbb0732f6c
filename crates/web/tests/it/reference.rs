//! Units, people and targets changed by another process while the server runs (the command
//! line writes to the same database, as `thads import units.csv`, `thads user add` and
//! `thads target set` do) are seen without a restart: the server follows the store's
//! reference generation.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use thads_core::percent::Percent;
use thads_core::{Login, ReportingYear, Role, UnitCode, UnitKind};
use thads_store::{NewStaff, NewUnit, Target};
use thads_web::WebConfig;

use crate::common::{Session, TestApp, login_of};

/// Asks `path` until `seen` holds of its status and body, for at most ten seconds.
async fn eventually(app: &TestApp, s: &Session, path: &str, seen: impl Fn(StatusCode, &str) -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let r = app.get(s, path).await;
        let status = r.status();
        if seen(status, &r.text().await.unwrap()) {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn units_people_and_targets_changed_elsewhere_are_seen_without_a_restart() {
    let config = WebConfig { reference_check_ms: 50, ..WebConfig::default() };
    let app = TestApp::spawn_with(config).await;
    let head = app.sign_in(&login_of(Role::Head)).await;
    let dashboard = "/?unit=BG-KV1&year=2026&months=12";
    let (new_unit, new_person) = ("/?unit=BG-KV3", "/audit?unit=BG-KV1&actor=chv.moi");
    assert_eq!(app.get(&head, new_unit).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&head, new_person).await.status(), StatusCode::NOT_FOUND);
    assert!(!app.get(&head, dashboard).await.text().await.unwrap().contains("87,65%"));

    app.db(|s| {
        let mut tx = s.begin().unwrap();
        tx.insert_unit(&NewUnit {
            code: UnitCode::new("BG-KV3").unwrap(),
            name: "Phòng Thi hành án dân sự khu vực 3".into(),
            kind: UnitKind::Region,
            parent: Some(app.units.province),
            valid_from: None,
            valid_to: None,
            successor: None,
        })
        .unwrap();
        let login = Login::new("chv.moi").unwrap();
        tx.insert_staff(&NewStaff {
            unit: app.units.region1,
            login,
            full_name: "Đỗ Văn Mới".into(),
            role: Role::Officer,
        })
        .unwrap();
        // The head now runs the province: BG-KV3 is within their scope.
        tx.update_staff(app.staff[&login_of(Role::Head)], app.units.province, Role::Head).unwrap();
        let year = ReportingYear::new(2026).unwrap();
        tx.insert_target(&Target { unit: app.units.region1, year, cases: Percent(8765), money: Percent(4321) })
            .unwrap();
        tx.commit().unwrap();
    });

    assert!(eventually(&app, &head, new_unit, |status, _| status == StatusCode::OK).await, "the new unit");
    let page = app.get(&head, new_unit).await.text().await.unwrap();
    assert!(page.contains("khu vực 3"), "{page}");
    assert!(eventually(&app, &head, new_person, |status, _| status == StatusCode::OK).await, "the new person");
    let target = |_: StatusCode, body: &str| body.contains("87,65%") && body.contains("43,21%");
    assert!(eventually(&app, &head, dashboard, target).await, "the new target on the dashboard kept before");
}
