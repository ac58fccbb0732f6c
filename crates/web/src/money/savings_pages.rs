//! The accountant's page of unclaimed money: `/money/savings?unit=CODE` lists the cases of the
//! province's books whose money is held past its payout limit with the stage of the notice
//! (notice due, awaiting the payee, deposit due), the forms of a notice and of a savings
//! deposit, and the deposits with what each holds and the forms of interest and withdrawal.
//! The forms post to the same use cases as the API (`super::savings`).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use thads_core::access::Action;
use thads_core::dates::format_vn;
use thads_core::{CaseId, CaseNo, Unit};

use super::pages::{ProvincePage, choose_province};
use super::savings::{deposit, notice, on_deposit, read};
use super::{HandleMoney, ViewMoney};
use crate::accounts::{Allowed, CsrfForm, User};
use crate::chrome::{Chrome, Flash};
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::refusal::Refusal;
use crate::state::AppState;

pub struct UnclaimedRow {
    pub case: String,
    pub held: String,
    pub savings: String,
    pub notice: String,
    pub stage: &'static str,
    pub due: String,
}

pub struct DepositRow {
    pub id: i64,
    pub case: String,
    pub date: String,
    pub bank: String,
    pub passbook: String,
    pub amount: String,
    pub balance: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "money/savings.html")]
struct SavingsPage {
    c: Chrome,
    unit: String,
    today: String,
    may_handle: bool,
    unclaimed: Vec<UnclaimedRow>,
    deposits: Vec<DepositRow>,
    error: Option<String>,
}

fn money(v: i128) -> String {
    fmt::money_sum(thads_core::VndSum(v))
}

async fn page(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &Unit,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    if thads_app::money::books_of(&state.directory().units, unit.id).is_err() {
        // The national body keeps no custody account: the provinces that do, to choose from.
        return Ok(choose_province(state, lang, user, unit, ProvincePage::Savings));
    }
    let (deposits, unclaimed) = read(state, unit.id).await?;
    let ids: Vec<CaseId> = unclaimed.iter().map(|u| u.case).chain(deposits.iter().map(|d| d.case)).collect();
    let numbers: HashMap<CaseId, String> = state
        .lookup(move |s| {
            let mut out = HashMap::new();
            for id in ids {
                if let Some(case) = s.store.case(id)? {
                    out.insert(id, case.facts.case_no.to_string());
                }
            }
            Ok(out)
        })
        .await?;
    let no = |id: CaseId| numbers.get(&id).cloned().unwrap_or_else(|| format!("#{}", id.0));
    let unclaimed = unclaimed
        .iter()
        .filter_map(|u| {
            let stage = u.stage?;
            Some(UnclaimedRow {
                case: no(u.case),
                held: money(u.held),
                savings: money(u.savings),
                notice: u.latest_notice.map(format_vn).unwrap_or_default(),
                stage: match stage.code() {
                    "notice_due" => lang.t("savings_notice_due"),
                    "awaiting_claim" => lang.t("savings_awaiting_claim"),
                    _ => lang.t("savings_deposit_due"),
                },
                due: format_vn(stage.due()),
            })
        })
        .collect();
    let deposits = deposits
        .iter()
        .map(|d| DepositRow {
            id: d.id,
            case: no(d.case),
            date: format_vn(d.date),
            bank: d.bank.clone(),
            passbook: d.passbook.clone(),
            amount: money(i128::from(d.amount)),
            balance: money(d.balance),
        })
        .collect();
    let may_handle = user.may(state, Action::HandleMoney { unit: unit.id }).is_ok();
    Ok(SavingsPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        today: format_vn(state.today()),
        may_handle,
        unclaimed,
        deposits,
        error: error.map(|e| e.message(lang)),
    }
    .into_response())
}

/// `GET /money/savings?unit=`.
pub async fn show(State(state): State<AppState>, lang: Lang, access: Allowed<ViewMoney>) -> Result<Response, WebError> {
    page(&state, lang, &access.user, &access.unit, None).await
}

/// The fields of the page's forms (each form posts its own).
#[derive(Deserialize, Default, Clone)]
pub struct SavingsForm {
    #[serde(default)]
    case_no: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    amount_vnd: String,
    #[serde(default)]
    how: String,
    #[serde(default)]
    payee: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    bank: String,
    #[serde(default)]
    passbook: String,
}

impl SavingsForm {
    fn body(&self) -> Value {
        let digits: String = self.amount_vnd.chars().filter(|c| !matches!(c, '.' | ' ' | ',')).collect();
        let amount = digits.parse::<i64>().map_or(Value::String(self.amount_vnd.clone()), |n| json!(n));
        json!({ "date": self.date, "amount_vnd": amount, "how": self.how, "payee": self.payee,
                "address": self.address, "bank": self.bank, "passbook": self.passbook })
    }
}

/// The case of a unit's book by its number, visible to the user and theirs to handle money of.
async fn case_by_no(state: &AppState, user: &User, unit: &Unit, no: &str) -> Result<CaseId, WebError> {
    let no = CaseNo::new(no.trim()).map_err(|e| WebError::Refused(Refusal::of_field("case_no", e.to_string())))?;
    let unit_id = unit.id;
    let case = state
        .lookup(move |s| Ok(s.store.case_by_no(unit_id, &no)?))
        .await?
        .ok_or_else(|| WebError::Refused(Refusal::of_field("case_no", "không có việc này / no such case")))?;
    user.may(state, Action::HandleMoney { unit: case.facts.unit })?;
    Ok(case.id)
}

async fn after(
    state: &AppState,
    lang: Lang,
    access: &Allowed<HandleMoney>,
    result: Result<(), WebError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(see_other_saying(&format!("/money/savings?unit={}", access.unit.code), Flash::Saved)),
        Err(e @ (WebError::Refused(_) | WebError::Forbidden(_) | WebError::BadRequest(_))) => {
            page(state, lang, &access.user, &access.unit, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /money/savings/notices?unit=`.
pub async fn notice_form(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    CsrfForm { user, form }: CsrfForm<SavingsForm>,
) -> Result<Response, WebError> {
    let result = async {
        let case = case_by_no(&state, &user, &access.unit, &form.case_no).await?;
        notice(&state, &user, case, &form.body()).await.map(|_| ())
    }
    .await;
    after(&state, lang, &access, result).await
}

/// `POST /money/savings/deposits?unit=`.
pub async fn deposit_form(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    CsrfForm { user, form }: CsrfForm<SavingsForm>,
) -> Result<Response, WebError> {
    let result = async {
        let case = case_by_no(&state, &user, &access.unit, &form.case_no).await?;
        deposit(&state, &user, case, &form.body()).await.map(|_| ())
    }
    .await;
    after(&state, lang, &access, result).await
}

/// `POST /money/savings/{id}/interest?unit=`.
pub async fn interest_form(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    Path(id): Path<i64>,
    CsrfForm { user, form }: CsrfForm<SavingsForm>,
) -> Result<Response, WebError> {
    let result = on_deposit(&state, &user, id, &form.body(), false).await.map(|_| ());
    after(&state, lang, &access, result).await
}

/// `POST /money/savings/{id}/withdraw?unit=`.
pub async fn withdraw_form(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    Path(id): Path<i64>,
    CsrfForm { user, form }: CsrfForm<SavingsForm>,
) -> Result<Response, WebError> {
    let result = on_deposit(&state, &user, id, &form.body(), true).await.map(|_| ());
    after(&state, lang, &access, result).await
}
