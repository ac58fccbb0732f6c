//! Reception on a real store: sessions recorded and audited, the schedule proposed once a
//! month per head, the figures and the months a head fell short.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use thads_core::reception::SessionKind;
use thads_core::{Login, Role, UnitTree};
use thads_store::{NewStaff, Store};
use time::macros::{date, datetime};

use super::*;

#[test]
fn sessions_schedule_and_figures() {
    let store: Box<dyn Store> = Box::new(thads_testkit::sqlite_store());
    let u = thads_testkit::seed_units(store.as_ref());
    let mut tx = store.begin().unwrap();
    for login in ["truong", "pho"] {
        let staff =
            NewStaff { unit: u.province, login: Login::new(login).unwrap(), full_name: login.into(), role: Role::Head };
        tx.insert_staff(&staff).unwrap();
    }
    tx.commit().unwrap();
    let heads = store.staff().unwrap();
    let actor = Actor { login: "vanthu".into(), at: datetime!(2026-08-03 02:00 UTC) };
    let months = [MonthKey::of(date!(2026 - 06 - 01)), MonthKey::of(date!(2026 - 07 - 01))];
    assert_eq!(plan_months(store.as_ref(), &actor, u.province, &heads, &months, "Trụ sở").unwrap(), 4);
    assert_eq!(plan_months(store.as_ref(), &actor, u.province, &heads, &months, "Trụ sở").unwrap(), 0, "once a month");
    let days = store.reception_schedule().unwrap();
    // Wednesday 10/06/2026 and the next working day; Friday 10/07/2026 and Monday 13/07.
    let dates: Vec<_> = days.iter().map(|d| d.date).collect();
    assert_eq!(dates, vec![date!(2026 - 06 - 10), date!(2026 - 06 - 11), date!(2026 - 07 - 10), date!(2026 - 07 - 13)]);

    let session = Session {
        unit: u.province,
        date: date!(2026 - 06 - 10),
        head: Some(heads[0].id),
        kind: SessionKind::DinhKy,
        visitors: 4,
        subject: "Hỏi về việc trả tiền".into(),
        result: "Đã giải thích".into(),
        complaints: vec![],
    };
    record_session(store.as_ref(), &actor, session.clone()).unwrap();
    let zero = record_session(store.as_ref(), &actor, Session { visitors: 0, ..session.clone() });
    assert!(matches!(zero, Err(AppError::Field { field: "visitors", .. })));
    let scope = UnitTree::new(store.units().unwrap()).scope(u.province);
    let period = Period::new(date!(2026 - 06 - 01), date!(2026 - 07 - 31)).unwrap();
    let f = figures(store.as_ref(), &scope, &heads, period, date!(2026 - 08 - 03)).unwrap();
    assert_eq!((f.stats.sessions, f.stats.visitors, f.stats.head_days), (1, 4, 1));
    // The first head received in June only; the second in neither month.
    let missed: Vec<_> = f.missed.iter().map(|m| (m.staff, m.month.month())).collect();
    assert_eq!(missed, vec![(heads[0].id, 7), (heads[1].id, 6), (heads[1].id, 7)]);
    unschedule_day(store.as_ref(), &actor, heads[0].id, date!(2026 - 06 - 10)).unwrap();
    assert!(matches!(
        unschedule_day(store.as_ref(), &actor, heads[0].id, date!(2026 - 06 - 10)),
        Err(AppError::NotFound(_))
    ));
    assert_eq!(store.reception_schedule().unwrap().len(), 3);
}
