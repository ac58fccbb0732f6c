//! Contract check of assets: an asset answering for two cases, its steps appended in order and
//! read back exactly, a step on a stale count refused, the steps append-only, coercion plans.

use thads_core::assets::{AssetKind, AssetStep, DecidedBy, FailureReason, ValuationMethod};
use thads_core::{UnitId, Vnd};
use time::macros::{date, datetime};

use super::{ok, seed_case, seed_units};
use crate::*;

fn vnd(d: i64) -> Vnd {
    ok(Vnd::new(d).map_err(|e| StoreError::Invalid(e.to_string())))
}

fn step(asset: thads_core::assets::AssetId, day: time::Date, step: AssetStep) -> NewAssetStep {
    NewAssetStep {
        asset,
        date: day,
        step,
        note: "ghi chú «1»".into(),
        recorded_by: "chv.an".into(),
        recorded_at: datetime!(2026-03-02 08:15:00 UTC),
    }
}

pub fn assets_keep_their_cases_steps_and_plans(store: &dyn Store) {
    let ids = seed_units(store);
    let (one, two, other) =
        (seed_case(store, ids[2], "1/QĐ"), seed_case(store, ids[2], "2/QĐ"), seed_case(store, ids[3], "3/QĐ"));
    let new = NewAsset {
        unit: ids[2],
        cases: vec![two, one],
        kind: AssetKind::DatNha,
        description: "Thửa đất số 12, tờ bản đồ 5; nhà cấp 4".into(),
        location: "Xã Tân Dĩnh, Bắc Giang".into(),
        owner: "Nguyễn Văn A".into(),
        encumbrances: "Thế chấp Ngân hàng X".into(),
        seized_on: date!(2026 - 02 - 10),
        decision: "15/QĐ-CCTHADS".into(),
        perishable: false,
        for_state_budget: true,
    };
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_asset(&new, "chv.an", datetime!(2026-02-10 09:00:00 UTC)));
    assert!(matches!(tx.link_asset_case(id, one), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    let Some(row) = ok(store.asset(id)) else { panic!("the asset was not stored") };
    assert_eq!(
        (row.cases.clone(), row.kind, row.steps, row.for_state_budget),
        (vec![two, one], AssetKind::DatNha, 0, true)
    );
    assert_eq!((row.description.as_str(), row.seized_on), (new.description.as_str(), new.seized_on));
    assert_eq!(ok(store.assets_of_case(one)).len(), 1);
    assert!(ok(store.assets_of_case(other)).is_empty());
    assert_eq!(ok(store.assets_of_units(&[ids[2]])).len(), 1);
    assert!(ok(store.assets_of_units(&[ids[3], UnitId(999)])).is_empty());

    let steps = [
        step(
            id,
            date!(2026 - 02 - 12),
            AssetStep::Valued { method: ValuationMethod::Agreed, value: vnd(1_000_000_000) },
        ),
        step(id, date!(2026 - 02 - 20), AssetStep::AuctionContracted),
        step(
            id,
            date!(2026 - 03 - 01),
            AssetStep::AuctionSet { session_on: date!(2026 - 03 - 20), starting_price: vnd(1_000_000_000) },
        ),
        step(id, date!(2026 - 03 - 20), AssetStep::Failed { reason: FailureReason::KhongDangKy }),
        step(
            id,
            date!(2026 - 04 - 02),
            AssetStep::Reduced { starting_price: vnd(900_000_000), decided_by: DecidedBy::Officer },
        ),
    ];
    let mut tx = ok(store.begin());
    let mut step_ids = Vec::new();
    for (n, s) in steps.iter().enumerate() {
        step_ids.push(ok(tx.append_asset_step(s, n as i64)));
    }
    // Appended on a count read before the last step: refused, the transaction still usable.
    assert!(matches!(tx.append_asset_step(&steps[1], 2), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    let read = ok(store.asset_steps(id));
    assert_eq!(
        read.iter().map(|r| r.step.clone()).collect::<Vec<_>>(),
        steps.iter().map(|s| s.step.clone()).collect::<Vec<_>>()
    );
    assert_eq!(read.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
    assert_eq!((read[0].note.as_str(), read[0].recorded_at), ("ghi chú «1»", datetime!(2026-03-02 08:15:00 UTC)));
    assert_eq!(ok(store.asset_step(step_ids[2])).map(|s| s.date), Some(date!(2026 - 03 - 01)));
    assert_eq!(ok(store.asset_steps_of_units(&[ids[2]])).len(), 5);
    assert_eq!(ok(store.asset(id)).map(|a| a.steps), Some(5));

    let plan = NewCoercionPlan {
        case: one,
        unit: ids[2],
        starts: datetime!(2026-02-10 08:00),
        ends: datetime!(2026-02-10 11:30),
        place: "Xã Tân Dĩnh".into(),
        forces: 12,
        police_steps: vec![PoliceStep {
            kind: "plan_sent".into(),
            due: date!(2026 - 02 - 02),
            done_on: Some(date!(2026 - 01 - 30)),
        }],
        costs: vnd(7_500_000),
        recorded_by: "chv.an".into(),
        recorded_at: datetime!(2026-01-28 10:00:00 UTC),
    };
    let mut tx = ok(store.begin());
    let plan_id = ok(tx.insert_coercion_plan(&plan));
    ok(tx.commit());
    assert_eq!(ok(store.coercion_plans(one)), vec![CoercionPlanRow { id: plan_id, plan }]);
    assert!(ok(store.coercion_plans(two)).is_empty());
}
