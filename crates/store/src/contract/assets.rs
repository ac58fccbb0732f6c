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

/// Police steps recorded as done, plans read by units and by id, the proceeds of an asset
/// written once beside their receipt, and the versions of the chain's rules replaced per rule
/// and day.
pub fn police_steps_proceeds_and_rule_versions(store: &dyn Store) {
    let ids = seed_units(store);
    let one = seed_case(store, ids[2], "7/QĐ");
    let plan = NewCoercionPlan {
        case: one,
        unit: ids[2],
        starts: datetime!(2026-03-20 08:00),
        ends: datetime!(2026-03-20 11:00),
        place: "Phường 1".into(),
        forces: 5,
        police_steps: vec![
            PoliceStep { kind: "plan_sent".into(), due: date!(2026 - 03 - 13), done_on: None },
            PoliceStep { kind: "protection_plan".into(), due: date!(2026 - 03 - 18), done_on: None },
        ],
        costs: vnd(2_000_000),
        recorded_by: "chv.an".into(),
        recorded_at: datetime!(2026-03-02 10:00:00 UTC),
    };
    let mut tx = ok(store.begin());
    let plan_id = ok(tx.insert_coercion_plan(&plan));
    let mut done = plan.police_steps.clone();
    done[0].done_on = Some(date!(2026 - 03 - 12));
    ok(tx.set_police_steps(plan_id, &done));
    assert!(matches!(tx.set_police_steps(999_999, &done), Err(StoreError::NotFound(_))));
    ok(tx.commit());
    let read = ok(store.coercion_plan(plan_id)).map(|p| p.plan.police_steps);
    assert_eq!(read, Some(done));
    assert_eq!(ok(store.coercion_plan(999_999)), None);
    assert_eq!(ok(store.coercion_plans_of_units(&[ids[2]])).len(), 1);
    assert!(ok(store.coercion_plans_of_units(&[ids[3]])).is_empty());

    let new = NewAsset {
        unit: ids[2],
        cases: vec![one],
        kind: AssetKind::PhuongTien,
        description: "Xe ô tô".into(),
        location: String::new(),
        owner: String::new(),
        encumbrances: String::new(),
        seized_on: date!(2026 - 03 - 20),
        decision: String::new(),
        perishable: false,
        for_state_budget: false,
    };
    let mut tx = ok(store.begin());
    let asset = ok(tx.insert_asset(&new, "chv.an", datetime!(2026-03-20 09:00:00 UTC)));
    let (number, _) = ok(tx.take_receipt_number(ids[1], 2026));
    let receipt = NewReceipt {
        unit: ids[1],
        office: ids[2],
        date: date!(2026 - 05 - 04),
        amount: 300_000_000,
        payer: "Công ty X".into(),
        method: "transfer".into(),
        case: None,
        debtor: Some("079090001234".into()),
        by: "chv.an".into(),
        at: datetime!(2026-05-04 09:00 UTC),
    };
    let receipt = ok(tx.insert_receipt(2026, number, &receipt, None));
    let proceeds = AssetProceeds {
        asset,
        receipt,
        distribution: None,
        secured_case: Some(one),
        recorded_at: datetime!(2026-05-04 09:00 UTC),
    };
    ok(tx.insert_asset_proceeds(&proceeds));
    assert!(matches!(tx.insert_asset_proceeds(&proceeds), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    assert_eq!(ok(store.asset_proceeds(asset)), Some(proceeds));

    let version = AssetRuleRecord {
        rule: "low_value_sale".into(),
        valid_from: date!(2026 - 07 - 01),
        value: r#"{"basis":{"basis":"regional_minimum_wage"},"multiple":5,"inclusive":true}"#.into(),
        citation: "NĐ 152/2026/NĐ-CP Điều 60 khoản 5".into(),
        confidence: thads_core::confidence::Confidence::Confirmed,
        note: "đã đối chiếu".into(),
        saved_by: "admin".into(),
        saved_at: datetime!(2026-07-02 08:00 UTC),
    };
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.put_asset_rule_version(&version)), None);
    let corrected = AssetRuleRecord { note: "sửa".into(), ..version.clone() };
    assert_eq!(ok(tx.put_asset_rule_version(&corrected)), Some(version));
    let later = AssetRuleRecord { valid_from: date!(2027 - 01 - 01), ..corrected.clone() };
    ok(tx.put_asset_rule_version(&later));
    ok(tx.commit());
    assert_eq!(ok(store.asset_rule_versions()), vec![corrected, later]);
}
