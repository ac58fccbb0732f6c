//! The accountant's pages: `/money?unit=CODE&day=DD/MM/YYYY` shows the day's cash book by
//! account, the receipts (with their cancellation), the forms of a receipt, a distribution and
//! a payout, the balances per case, the money held past its payout limit, the month's usage of
//! receipt numbers and closing the day; `/money/receipts/{id}` is the printable receipt. The
//! forms post to the same use cases as the API (`super::api`).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use thads_app::actor::Actor;
use thads_app::money::{EVER, books, books_of};
use thads_core::access::Action;
use thads_core::dates::{format_vn, parse_date};
use thads_core::money::ReceiptFor;
use thads_core::money::ReceiptNo;
use thads_core::money::party::DebtorId;
use thads_core::{CaseId, CaseNo, Unit, UnitId};
use thads_store::ReceiptQuery;

use super::{HandleMoney, ViewMoney, api};
use crate::accounts::{Allowed, CsrfForm, User};
use crate::chrome::{Chrome, Flash};
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::state::AppState;

pub struct ReceiptRow {
    pub id: i64,
    pub number: String,
    pub date: String,
    pub amount: String,
    pub payer: String,
    pub method: String,
    pub paid_for: String,
    pub cancelled: String,
}

pub struct CashRow {
    pub date: String,
    pub account: String,
    pub movement: String,
    pub debit: String,
    pub credit: String,
    pub balance: String,
}

pub struct BalanceRow {
    pub case: String,
    pub collected: String,
    pub paid_out: String,
    pub fees: String,
    pub held: String,
}

pub struct LateRow {
    pub case: String,
    pub since: String,
    pub due: String,
    pub amount: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "money/money.html")]
struct MoneyPage {
    c: Chrome,
    unit: String,
    day: String,
    may_handle: bool,
    /// An administrator of the installation: the link to the fee's rate table.
    may_edit_fees: bool,
    closed: bool,
    receipts: Vec<ReceiptRow>,
    cash: Vec<CashRow>,
    balances: Vec<BalanceRow>,
    late: Vec<LateRow>,
    usage: String,
    /// The province's latest bank statements: id, lines matched of all.
    statements: Vec<(i64, String)>,
    error: Option<String>,
}

/// A page of a province's books, offered per province at a scope above them.
#[derive(Debug, Clone, Copy)]
pub(super) enum ProvincePage {
    /// `/money`: the cash book, balances, receipts.
    Books,
    /// `/money/savings`: unclaimed money and deposits.
    Savings,
}

impl ProvincePage {
    fn title_and_path(self) -> (&'static str, &'static str) {
        match self {
            ProvincePage::Books => ("money", "/money"),
            ProvincePage::Savings => ("savings", "/money/savings"),
        }
    }
}

/// The provinces under a unit that keeps no custody account (the national body), each a link to
/// the same page (`path`: the books, the unclaimed money) of that province.
#[derive(Template, WebTemplate)]
#[template(path = "money/choose.html")]
struct ChoosePage {
    c: Chrome,
    unit: String,
    /// The page's title key and path.
    title: &'static str,
    path: &'static str,
    provinces: Vec<(String, String)>,
}

pub(super) fn choose_province(state: &AppState, lang: Lang, user: &User, unit: &Unit, page: ProvincePage) -> Response {
    let directory = state.directory();
    let provinces = super::provinces_under(&directory.units, unit.id)
        .iter()
        .map(|u| (u.code.to_string(), u.name.clone()))
        .collect();
    let (title, path) = page.title_and_path();
    ChoosePage { c: user.chrome(state, lang), unit: unit.code.to_string(), title, path, provinces }.into_response()
}

#[derive(Deserialize, Default)]
pub struct DayParam {
    #[serde(default)]
    day: String,
}

fn money_text(v: i128) -> String {
    fmt::money_sum(thads_core::VndSum(v))
}

fn account_label(lang: Lang, code: &str) -> &'static str {
    match code {
        "cash" => lang.t("money_account_cash"),
        "bank" => lang.t("money_account_bank"),
        "treasury" => lang.t("money_account_treasury"),
        _ => lang.t("money_account_savings"),
    }
}

/// A movement of the cash book in words.
fn movement_label(lang: Lang, code: &str) -> &'static str {
    use thads_core::money::custody::Movement;
    let Some(movement) = Movement::parse(code) else { return "??" };
    match movement {
        Movement::Receipt => lang.t("money_movement_receipt"),
        Movement::Distribution => lang.t("money_movement_distribution"),
        Movement::PayoutOrdered => lang.t("money_movement_payout_ordered"),
        Movement::Payout => lang.t("money_movement_payout"),
        Movement::Fee => lang.t("money_movement_fee"),
        Movement::FeeRemitted => lang.t("money_movement_fee_remitted"),
        Movement::CostsPaid => lang.t("money_movement_costs_paid"),
        Movement::DebtorRefund => lang.t("money_movement_debtor_refund"),
        Movement::Deposit => lang.t("money_movement_deposit"),
        Movement::Withdrawal => lang.t("money_movement_withdrawal"),
        Movement::Interest => lang.t("money_movement_interest"),
        Movement::Transfer => lang.t("money_movement_transfer"),
        Movement::Handover => lang.t("money_movement_handover"),
    }
}

fn vnd(v: i64) -> String {
    money_text(i128::from(v))
}

async fn page(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &Unit,
    day: &str,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let day = match day.trim() {
        "" => state.today(),
        t => parse_date(t).map_err(|e| WebError::BadRequest(e.to_string()))?,
    };
    let directory = state.directory();
    let Ok(books_unit) = books_of(&directory.units, unit.id) else {
        // The national body keeps no custody account: the provinces that do, to choose from.
        return Ok(choose_province(state, lang, user, unit, ProvincePage::Books));
    };
    let month = time::Date::from_calendar_date(day.year(), day.month(), 1).unwrap_or(day);
    let (unit_id, today) = (unit.id, state.today());
    let statements: Vec<(i64, String)> = state
        .lookup(move |s| Ok(s.store.statements(books_unit, 10)?))
        .await?
        .into_iter()
        .map(|s| {
            (
                s.id,
                format!(
                    "{} · {}",
                    thads_core::dates::format_vn(thads_app::clock::vietnam_date(s.statement.at)),
                    s.statement.by
                ),
            )
        })
        .collect();
    let (receipts, cash, balances, late, usage, closings) = state
        .blocking(move |s| {
            let store = s.store.as_ref();
            let receipts = books_receipts(store, &s.directory().units, unit_id, books_unit)?;
            Ok((
                receipts,
                books::cash_book(store, books_unit, day, day)?,
                books::balances(store, books_unit)?,
                books::held_too_long_in(store, books_unit, today)?,
                books::receipt_usage(store, books_unit, month, day)?,
                store.closings(books_unit)?,
            ))
        })
        .await?;
    let case_nos: HashMap<CaseId, String> = {
        let ids: Vec<CaseId> = balances.iter().map(|(c, _)| *c).chain(late.iter().map(|l| l.case)).collect();
        state
            .blocking(move |s| {
                let mut out = HashMap::new();
                for id in ids {
                    if let Some(c) = s.store.case(id)? {
                        out.insert(id, c.facts.case_no.to_string());
                    }
                }
                Ok(out)
            })
            .await?
    };
    let no = |c: &CaseId| case_nos.get(c).cloned().unwrap_or_else(|| format!("#{}", c.0));
    let receipts = receipts
        .iter()
        .map(|r| ReceiptRow {
            id: r.id,
            number: series_number(r, books_unit, &directory.units),
            date: format_vn(r.receipt.date),
            amount: vnd(r.receipt.amount),
            payer: r.receipt.payer.clone(),
            method: lang.t(if r.receipt.method == "cash" { "money_cash" } else { "money_transfer" }).to_string(),
            paid_for: match (&r.receipt.case, &r.receipt.debtor) {
                (Some(c), _) => no(c),
                (None, Some(d)) => d.clone(),
                _ => String::new(),
            },
            cancelled: r.cancelled.as_ref().map(|x| format!("{} — {}", format_vn(x.on), x.reason)).unwrap_or_default(),
        })
        .collect();
    let cash = cash
        .iter()
        .map(|l| CashRow {
            date: format_vn(l.date),
            account: account_label(lang, l.account).to_string(),
            movement: format!("{}{}", movement_label(lang, l.movement), if l.reversal { " ↺" } else { "" }),
            debit: vnd(l.debit),
            credit: vnd(l.credit),
            balance: money_text(l.balance),
        })
        .collect();
    let balances = balances
        .iter()
        .map(|(c, m)| BalanceRow {
            case: no(c),
            collected: money_text(m.collected.dong()),
            paid_out: money_text(m.paid_out.dong()),
            fees: money_text(m.fees.dong()),
            held: money_text(m.held.dong()),
        })
        .collect();
    let late = late
        .iter()
        .map(|l| LateRow { case: no(&l.case), since: format_vn(l.since), due: format_vn(l.due), amount: vnd(l.amount) })
        .collect();
    let usage = format!(
        "{}: {} {} ({}–{}), {} {}, {}",
        lang.t("money_usage"),
        usage.issued,
        lang.t("money_receipts"),
        usage.first.map(|n| n.to_string()).unwrap_or_default(),
        usage.last.map(|n| n.to_string()).unwrap_or_default(),
        usage.cancelled,
        lang.t("money_cancelled"),
        money_text(usage.amount)
    );
    let body = MoneyPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        day: format_vn(day),
        may_handle: user.may(state, Action::HandleMoney { unit: unit.id }).is_ok(),
        may_edit_fees: crate::calendar::may_announce(state, user).is_ok(),
        closed: closings.iter().any(|c| c.date == day),
        receipts,
        cash,
        balances,
        late,
        usage,
        statements,
        error: error.map(|e| e.message(lang)),
    };
    let status = error.map_or(StatusCode::OK, WebError::status);
    Ok((status, body).into_response())
}

/// The day's page with a refusal shown (a form of another module posted to it).
pub(super) async fn page_with_error(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &Unit,
    error: &WebError,
) -> Result<Response, WebError> {
    page(state, lang, user, unit, "", Some(error)).await
}

/// `GET /money?unit=&day=`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewMoney>,
    Query(p): Query<DayParam>,
) -> Result<Response, WebError> {
    page(&state, lang, &access.user, &access.unit, &p.day, None).await
}

/// The fields of the page's forms (each form posts its own).
#[derive(Deserialize, Default, Clone)]
pub struct MoneyForm {
    #[serde(default)]
    case_no: String,
    #[serde(default)]
    debtor_id: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    amount_vnd: String,
    #[serde(default)]
    costs_vnd: String,
    #[serde(default)]
    payer: String,
    #[serde(default)]
    payee: String,
    #[serde(default)]
    payee_id: String,
    #[serde(default)]
    payee_kind: String,
    #[serde(default)]
    payee_address: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    coercion_on: String,
    #[serde(default)]
    sole_home_sold: String,
    #[serde(default)]
    rent_reserve_vnd: String,
    /// The case numbers of the creditors secured by the asset sold, separated by commas.
    #[serde(default)]
    secured_case_nos: String,
}

impl MoneyForm {
    /// The form as the API's body: amounts as whole đồng (dots and spaces between thousands).
    fn body(&self) -> Value {
        let number = |t: &str| {
            let digits: String = t.chars().filter(|c| !matches!(c, '.' | ' ' | ',')).collect();
            digits.parse::<i64>().map_or(Value::String(t.to_string()), |n| json!(n))
        };
        json!({
            "debtor_id": self.debtor_id, "date": self.date, "amount_vnd": number(&self.amount_vnd),
            "costs_vnd": if self.costs_vnd.trim().is_empty() { json!(0) } else { number(&self.costs_vnd) },
            "payer": self.payer, "payee": self.payee, "payee_id": self.payee_id, "payee_kind": self.payee_kind,
            "payee_address": self.payee_address,
            "method": self.method, "reason": self.reason, "coercion_on": self.coercion_on,
            "sole_home_sold": self.sole_home_sold,
            "rent_reserve_vnd": if self.rent_reserve_vnd.trim().is_empty() { json!(0) } else { number(&self.rent_reserve_vnd) },
        })
    }
}

/// The case of a unit's book by its number, visible to the user and theirs to handle money of.
async fn case_by_no(state: &AppState, user: &User, unit: &Unit, no: &str) -> Result<thads_core::Case, WebError> {
    let no = CaseNo::new(no.trim())
        .map_err(|e| WebError::Refused(crate::refusal::Refusal::of_field("case_no", e.to_string())))?;
    let unit_id = unit.id;
    let case = state.lookup(move |s| Ok(s.store.case_by_no(unit_id, &no)?)).await?.ok_or_else(|| {
        WebError::Refused(crate::refusal::Refusal::of_field("case_no", "không có việc này / no such case"))
    })?;
    user.may(state, Action::HandleMoney { unit: case.facts.unit })?;
    Ok(case)
}

async fn after(
    state: &AppState,
    lang: Lang,
    access: &Allowed<HandleMoney>,
    result: Result<String, WebError>,
) -> Result<Response, WebError> {
    match result {
        Ok(to) => Ok(see_other_saying(&to, Flash::Saved)),
        Err(e @ (WebError::Refused(_) | WebError::Forbidden(_) | WebError::BadRequest(_))) => {
            page(state, lang, &access.user, &access.unit, "", Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

/// The receipts of the books `books` (at most 200 of each series, newest first) that the reader
/// at `reader` sees: every one for a reader who oversees the books, those of the offices under
/// the reader otherwise. The books' own series comes first, then the series of each province
/// whose books were handed over into them (`reorg::books::series_in`), so that a receipt
/// issued before a merge or a split is still found, printed and cancelled by the accountants of
/// the books that took it over.
fn books_receipts(
    store: &dyn thads_store::Store,
    units: &thads_core::UnitTree,
    reader: UnitId,
    books: UnitId,
) -> Result<Vec<thads_store::ReceiptRecord>, thads_store::StoreError> {
    let mut receipts = Vec::new();
    for series in thads_app::reorg::books::series_in(store, units, books)? {
        let query = ReceiptQuery { unit: series, from: EVER.0, to: EVER.1, case: None, limit: 200 };
        receipts.extend(
            store
                .receipts(&query)?
                .into_iter()
                .filter(|r| units.covers(reader, books) || units.covers(reader, r.receipt.office)),
        );
    }
    Ok(receipts)
}

/// A receipt's number as printed, followed by its issuing province's code when that is not the
/// books' own (a series taken over by a merge: two series may both hold a «0000001/2025»).
fn series_number(r: &thads_store::ReceiptRecord, books: UnitId, units: &thads_core::UnitTree) -> String {
    let number = ReceiptNo { year: r.year, number: r.number }.to_string();
    match units.get(r.receipt.unit) {
        Some(issuer) if issuer.id != books => format!("{number} · {}", issuer.code),
        _ => number,
    }
}

/// `POST /money/receipts?unit=`: a receipt on a case (by its number) or for a debtor; then
/// its printable page.
pub async fn receipt(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    CsrfForm { user, form }: CsrfForm<MoneyForm>,
) -> Result<Response, WebError> {
    let result = async {
        let paid_for = if form.case_no.trim().is_empty() {
            ReceiptFor::Debtor(
                DebtorId::new(&form.debtor_id)
                    .map_err(|e| WebError::Refused(crate::refusal::Refusal::of_field("debtor_id", e.to_string())))?,
            )
        } else {
            ReceiptFor::Case(case_by_no(&state, &user, &access.unit, &form.case_no).await?.id)
        };
        let input = api::receipt_input(&state, &form.body(), access.unit.id, paid_for)?;
        let issued = api::issue(&state, &user, input).await?;
        Ok(format!("/money/receipts/{}", issued.id))
    }
    .await;
    after(&state, lang, &access, result).await
}

/// `POST /money/receipts/{id}/cancel?unit=`.
pub async fn cancel(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    Path(id): Path<i64>,
    CsrfForm { user, form }: CsrfForm<MoneyForm>,
) -> Result<Response, WebError> {
    let result =
        api::cancel(&state, &user, id, &form.body()).await.map(|()| format!("/money?unit={}", access.unit.code));
    after(&state, lang, &access, result).await
}

/// `POST /money/distributions?unit=`.
pub async fn distribution(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    CsrfForm { user, form }: CsrfForm<MoneyForm>,
) -> Result<Response, WebError> {
    let result = async {
        let mut body = form.body();
        let mut secured = Vec::new();
        for no in form.secured_case_nos.split(',').map(str::trim).filter(|t| !t.is_empty()).take(1_000) {
            secured.push(json!(case_by_no(&state, &user, &access.unit, no).await?.id.0));
        }
        body["secured_case_ids"] = Value::Array(secured);
        let input = api::distribution_input(&state, &body, access.unit.id)?;
        api::distribute(&state, &user, input).await?;
        Ok(format!("/money?unit={}", access.unit.code))
    }
    .await;
    after(&state, lang, &access, result).await
}

/// `POST /money/payouts?unit=`.
pub async fn payout(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    CsrfForm { user, form }: CsrfForm<MoneyForm>,
) -> Result<Response, WebError> {
    let result = async {
        let case = case_by_no(&state, &user, &access.unit, &form.case_no).await?;
        let input = api::payout_input(&state, &form.body(), case.id)?;
        api::payout(&state, &user, input).await?;
        Ok(format!("/money?unit={}", access.unit.code))
    }
    .await;
    after(&state, lang, &access, result).await
}

/// `POST /money/close?unit=`: closes the day of the form (today by default).
pub async fn close(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    CsrfForm { user, form }: CsrfForm<MoneyForm>,
) -> Result<Response, WebError> {
    let result = async {
        let day = api::date(&state, &form.body(), "date")?;
        let books_unit = books_of(&state.directory().units, access.unit.id).map_err(WebError::from)?;
        let actor = Actor { login: user.staff.login.to_string(), at: state.now() };
        state.blocking(move |s| Ok(books::close_day(s.store.as_ref(), &actor, books_unit, day)?)).await?;
        Ok(format!("/money?unit={}&day={}", access.unit.code, format_vn(day)))
    }
    .await;
    after(&state, lang, &access, result).await
}

#[derive(Template, WebTemplate)]
#[template(path = "money/receipt.html")]
struct ReceiptPage {
    c: Chrome,
    agency: String,
    office: String,
    number: String,
    date: String,
    amount: String,
    payer: String,
    method: String,
    paid_for: String,
    cancelled: String,
    by: String,
}

/// `GET /money/receipts/{id}`: the printable receipt (404 outside the reader's units).
pub async fn printable(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let r = state.lookup(move |s| Ok(s.store.receipt(id)?)).await?.ok_or(WebError::NotFound)?;
    let keeper = api::receipt_keeper(&state, &user, &r.receipt).await?;
    user.may(&state, Action::ViewMoney { unit: keeper }).map_err(|_| WebError::NotFound)?;
    let directory = state.directory();
    let paid_for = match (r.receipt.case, &r.receipt.debtor) {
        (Some(c), _) => {
            state.lookup(move |s| Ok(s.store.case(c)?)).await?.map(|c| c.facts.case_no.to_string()).unwrap_or_default()
        }
        (None, Some(d)) => d.clone(),
        _ => String::new(),
    };
    let body = ReceiptPage {
        c: user.chrome(&state, lang),
        agency: directory.unit_label(r.receipt.unit),
        office: directory.unit_label(r.receipt.office),
        number: ReceiptNo { year: r.year, number: r.number }.to_string(),
        date: format_vn(r.receipt.date),
        amount: vnd(r.receipt.amount),
        payer: r.receipt.payer.clone(),
        method: lang.t(if r.receipt.method == "cash" { "money_cash" } else { "money_transfer" }).to_string(),
        paid_for,
        cancelled: r.cancelled.as_ref().map(|x| format!("{} — {}", format_vn(x.on), x.reason)).unwrap_or_default(),
        by: r.receipt.by.clone(),
    };
    Ok(body.into_response())
}

#[cfg(test)]
mod tests {
    use thads_core::money::custody::Movement;

    use super::*;

    #[test]
    fn every_movement_of_the_cash_book_has_its_words_in_both_languages() {
        for m in Movement::ALL {
            for lang in [Lang::Vi, Lang::En] {
                assert_ne!(movement_label(lang, m.code()), "??", "{m} in {lang:?}");
            }
        }
        assert_eq!(movement_label(Lang::Vi, "handover"), "Bàn giao sổ khi tổ chức lại");
    }
}
