//! Contract check of monitored administrative judgments: one per unit, court and number; steps
//! append-only, read in order of date.

use thads_core::admin_judgments::{AdminJudgment, BodyLevel, Point, Step};
use time::macros::{date, datetime};

use super::{ok, seed_units};
use crate::*;

fn judgment(unit: thads_core::UnitId, no: &str) -> AdminJudgment {
    AdminJudgment {
        unit,
        court: "Tòa án nhân dân tỉnh Bắc Giang".into(),
        judgment_no: no.into(),
        judgment_on: date!(2025 - 03 - 04),
        received_on: date!(2025 - 03 - 20),
        body: "Ủy ban nhân dân huyện Yên Thế".into(),
        body_level: BodyLevel::Local,
        obligation: "Hủy quyết định thu hồi đất số 12/QĐ-UBND".into(),
        point: Point::B,
        body_received_on: Some(date!(2025 - 03 - 18)),
    }
}

pub fn admin_judgments_round_trip_with_their_steps(store: &dyn Store) {
    let ids = seed_units(store);
    let at = datetime!(2025-04-01 08:00:00 UTC);
    let mut tx = ok(store.begin());
    let first = ok(tx.insert_admin_judgment(&judgment(ids[2], "05/2025/HC-ST"), "vanthu.kv1", at));
    let other = ok(tx.insert_admin_judgment(&judgment(ids[3], "05/2025/HC-ST"), "vanthu.kv2", at));
    assert!(matches!(
        tx.insert_admin_judgment(&judgment(ids[2], "05/2025/HC-ST"), "vanthu.kv1", at),
        Err(StoreError::Duplicate(_))
    ));
    let step = |date, step| NewStep {
        date,
        step,
        note: "Công văn số 7".into(),
        recorded_by: "chv.an".into(),
        recorded_at: at,
    };
    ok(tx.insert_admin_judgment_step(first, &step(date!(2025 - 05 - 02), Step::InformationRequest)));
    ok(tx.insert_admin_judgment_step(first, &step(date!(2025 - 03 - 25), Step::VoluntaryNotice)));
    ok(tx.commit());
    let read = found(ok(store.admin_judgment(first)));
    assert_eq!(read.judgment, judgment(ids[2], "05/2025/HC-ST"));
    assert_eq!((read.created_by.as_str(), read.created_at), ("vanthu.kv1", at));
    let steps: Vec<Step> = read.steps.iter().map(|s| s.step).collect();
    assert_eq!(steps, vec![Step::VoluntaryNotice, Step::InformationRequest], "in order of date");
    assert_eq!(read.steps[0].note, "Công văn số 7");
    assert_eq!(read.monitored().steps.len(), 2);
    let of_kv1 = ok(store.admin_judgments(&[ids[2]]));
    assert_eq!(of_kv1.iter().map(|j| j.id).collect::<Vec<_>>(), vec![first]);
    assert_eq!(of_kv1[0].steps.len(), 2);
    assert_eq!(ok(store.admin_judgments(&[ids[2], ids[3]])).len(), 2);
    assert!(ok(store.admin_judgments(&[ids[1]])).is_empty());
    let mut tx = ok(store.begin());
    let locked = found(ok(tx.admin_judgment_for_update(other)));
    assert!(locked.steps.is_empty());
    assert!(ok(tx.admin_judgment_for_update(thads_core::admin_judgments::AdminJudgmentId(9_999))).is_none());
}

fn found<T>(o: Option<T>) -> T {
    match o {
        Some(v) => v,
        None => panic!("expected a stored row"),
    }
}
