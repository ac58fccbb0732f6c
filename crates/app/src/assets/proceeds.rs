//! The proceeds of a sold asset through the money room (issue 19 item 6): at the handover the
//! price received is a receipt into the province's custody ledger on the debtor (`debtor_id`
//! of the asset's first case), then distributed across the debtor's open cases in the legal
//! order — the coercion costs recorded for the asset's cases first, then the creditor the asset
//! secured (if the officer names one), then the cases of the coercion by rank, then later ones
//! (`money::distributions`), each allocation a `collected` event of its case — and the handover
//! step is appended, all in one transaction with their audit; where the money went is kept
//! (`asset_proceeds`) for the asset's page.

use serde_json::json;
use thads_core::assets::{AssetEvent, AssetStep, apply};
use thads_core::money::party::DebtorId;
use thads_core::money::receipt::PaymentMethod;
use thads_core::money::{ReceiptFor, Vnd};
use thads_core::{CaseId, Rules, UnitTree};
use thads_store::{AssetProceeds, NewAssetStep, NewAudit, Store, WriteTx};
use time::Date;

use super::{AssetError, AssetResult, AssetSetup, Chain, invalid, stale};
use crate::actor::Actor;
use crate::error::AppError;
use crate::money::distributions::{DistributionInput, distribute_in};
use crate::money::receipts::{ReceiptInput, issue_in};

/// Where a sale's money went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub receipt: i64,
    /// The receipt's number as printed (`0000042/2026`).
    pub number: String,
    pub distribution: i64,
    /// Cases that received something.
    pub cases: usize,
}

/// The debtor's id the money is receipted on: that of the asset's first case.
fn debtor_of(store: &dyn Store, chain: &Chain) -> AssetResult<DebtorId> {
    let first = chain.row.cases.first().copied().ok_or_else(|| invalid("tài sản không có việc / no case".into()))?;
    let id = store.case_details(first)?.and_then(|d| d.debtor_id).ok_or_else(|| {
        AssetError::App(AppError::Field {
            field: "debtor_id",
            message: "cần số định danh của người phải thi hành án để nhập tiền bán tài sản vào tài khoản tạm giữ / \
                      the debtor's id number is needed to receipt the sale's money into custody"
                .into(),
        })
    })?;
    DebtorId::new(id.as_str())
        .map_err(|e| AssetError::App(AppError::Field { field: "debtor_id", message: e.to_string() }))
}

/// Hands a sold asset over: its price received into custody, distributed, the handover step,
/// in one transaction. `secured` names the case whose creditor the asset secured (a mortgage,
/// a pledge), one of the asset's cases.
pub fn hand_over_sale(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    setup: &AssetSetup,
    chain: &Chain,
    date: Date,
    secured: Option<CaseId>,
) -> AssetResult<Received> {
    let now = chain.current();
    let sale = now.sale.clone().ok_or_else(|| invalid("tài sản chưa bán / the asset is not sold".into()))?;
    let event = AssetEvent { date, step: AssetStep::HandedOver };
    apply(&chain.ctx(setup), &now, &event).map_err(AssetError::Refused)?;
    if date > actor.today() {
        return Err(invalid(format!("ngày {} sau hôm nay / dated in the future", thads_core::dates::format_vn(date))));
    }
    if let Some(case) = secured
        && !chain.row.cases.contains(&case)
    {
        return Err(AssetError::App(AppError::Field {
            field: "secured_case_id",
            message: "người nhận thế chấp phải là một việc của tài sản / the secured case must be one of the asset's"
                .into(),
        }));
    }
    let debtor = debtor_of(store, chain)?;
    let units = UnitTree::new(store.units()?);
    let mut tx = store.begin()?;
    let receipt = issue_in(
        tx.as_mut(),
        actor,
        rules,
        &units,
        ReceiptInput {
            office: chain.row.unit,
            paid_for: ReceiptFor::Debtor(debtor.clone()),
            date,
            amount: sale.price,
            payer: sale.buyer.as_str().to_string(),
            method: PaymentMethod::Transfer,
        },
    )?;
    let distributed = distribute_in(
        tx.as_mut(),
        actor,
        rules,
        &units,
        DistributionInput {
            office: chain.row.unit,
            debtor,
            date,
            amount: sale.price,
            costs: chain.facts.coercion_costs.min(sale.price),
            coercion_on: Some(chain.row.seized_on),
            sole_home_sold: false,
            rent_reserve: Vnd::ZERO,
            secured: secured.into_iter().collect(),
        },
    )?;
    append_handover(tx.as_mut(), actor, chain, date)?;
    tx.insert_asset_proceeds(&AssetProceeds {
        asset: chain.row.id,
        receipt: receipt.id,
        distribution: Some(distributed.id),
        secured_case: secured,
        recorded_at: actor.at,
    })?;
    tx.commit()?;
    Ok(Received {
        receipt: receipt.id,
        number: receipt.number.to_string(),
        distribution: distributed.id,
        cases: distributed.distribution.allocations.len(),
    })
}

/// The handover step appended on the count read, audited on the asset's first case.
fn append_handover(tx: &mut dyn WriteTx, actor: &Actor, chain: &Chain, date: Date) -> AssetResult<()> {
    let step = NewAssetStep {
        asset: chain.row.id,
        date,
        step: AssetStep::HandedOver,
        note: String::new(),
        recorded_by: actor.login.clone(),
        recorded_at: actor.at,
    };
    tx.append_asset_step(&step, chain.row.steps).map_err(stale)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: chain.row.cases.first().copied(),
        action: format!("asset.{}", AssetStep::HandedOver.code()),
        before: Some(json!({ "asset": chain.row.id.0, "state": chain.current().state.code() }).to_string()),
        after: Some(
            json!({ "asset": chain.row.id.0, "date": thads_core::dates::format_iso(date), "step": AssetStep::HandedOver })
                .to_string(),
        ),
    })?;
    Ok(())
}

/// Where an asset's proceeds went, as its page shows them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProceedsView {
    pub receipt: i64,
    /// `0000042/2026`.
    pub receipt_number: String,
    /// The unit whose books hold it (the receipt's page is read there).
    pub books: thads_core::UnitId,
    pub amount_vnd: i64,
    pub cancelled: bool,
    pub distribution: Option<i64>,
    pub costs_vnd: i64,
    pub returned_vnd: i64,
    pub secured_case: Option<i64>,
    /// `(case id, case number, rank, amount)` of each case that received something.
    pub allocations: Vec<(i64, String, u8, i64)>,
}

/// The receipt and distribution of an asset's proceeds, if they went through the money room.
pub fn proceeds_of(store: &dyn Store, asset: thads_core::assets::AssetId) -> AssetResult<Option<ProceedsView>> {
    let Some(p) = store.asset_proceeds(asset)? else { return Ok(None) };
    let Some(receipt) = store.receipt(p.receipt)? else { return Ok(None) };
    let distribution = match p.distribution {
        Some(id) => store.distribution(id)?,
        None => None,
    };
    Ok(Some(ProceedsView {
        receipt: receipt.id,
        receipt_number: crate::money::receipts::number_of(&receipt),
        books: receipt.receipt.unit,
        amount_vnd: receipt.receipt.amount,
        cancelled: receipt.cancelled.is_some(),
        distribution: p.distribution,
        costs_vnd: distribution.as_ref().map_or(0, |d| d.distribution.costs),
        returned_vnd: distribution.as_ref().map_or(0, |d| d.distribution.returned),
        secured_case: p.secured_case.map(|c| c.0),
        allocations: distribution
            .map(|d| {
                d.distribution
                    .allocations
                    .iter()
                    .map(|a| (a.case.0, a.case_no.clone(), a.rank, a.principal.saturating_add(a.interest)))
                    .collect()
            })
            .unwrap_or_default(),
    }))
}
