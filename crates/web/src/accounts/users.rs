//! Administration of users in the browser: the people of a unit's scope, a new person, and for
//! one person their role and unit, disabling and enabling, and a new password (the password
//! rule of `password.rs` applies). An administrator acts only within the units they
//! administer (`ManageUsers` on the person's unit, and on the unit a person is moved to); no
//! one disables or demotes themselves here (an installation must not lose its last
//! administrator by a click). Each change is audited by `thads_app::accounts`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::accounts::{NewUser, change_role, create_user, reset_password, set_active};
use thads_core::access::{Action, Denied};
use thads_core::{Login, Role, Staff, StaffId, Unit, UnitId, UnitTree, field};

use super::{Allowed, CsrfForm, Need, User, hash_new_password};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

/// Creating accounts and changing roles in a unit.
#[derive(Debug)]
pub struct ManageUsers;
impl Need for ManageUsers {
    fn action(unit: UnitId) -> Action {
        Action::ManageUsers { unit }
    }
}

/// The most people a list shows.
const LIST_LIMIT: usize = 300;

pub struct PersonRow {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub unit: String,
    pub role: &'static str,
    pub active: bool,
}

pub struct Choice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

fn role_label(lang: Lang, role: Role) -> &'static str {
    crate::fmt::role(lang, role)
}

fn roles(lang: Lang, chosen: Role) -> Vec<Choice> {
    Role::ALL
        .into_iter()
        .map(|r| Choice { code: r.code().into(), label: role_label(lang, r).into(), selected: r == chosen })
        .collect()
}

/// The units `admin` administers, by code, `chosen` selected.
fn units_of(tree: &UnitTree, admin: UnitId, chosen: UnitId) -> Vec<Choice> {
    let mut units: Vec<&Unit> = tree.all().iter().filter(|u| tree.covers(admin, u.id)).collect();
    units.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
    units
        .into_iter()
        .map(|u| Choice {
            code: u.code.to_string(),
            label: format!("{} — {}", u.code, u.name),
            selected: u.id == chosen,
        })
        .collect()
}

fn actor(state: &AppState, user: &User) -> Actor {
    Actor { login: user.staff.login.to_string(), at: state.now() }
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/users.html")]
struct UsersPage {
    c: Chrome,
    unit: String,
    q: String,
    rows: Vec<PersonRow>,
    more: bool,
    units: Vec<Choice>,
    roles: Vec<Choice>,
    form: CreateForm,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    #[serde(default)]
    q: String,
}

/// The people of `unit`'s scope whose login or name contains `q`, by unit and login.
fn people(state: &AppState, unit: &Unit, q: &str) -> Result<(Vec<PersonRow>, bool), WebError> {
    let directory = state.directory();
    let needle = q.trim().to_lowercase();
    let mut staff: Vec<Staff> = state
        .store
        .staff()?
        .into_iter()
        .filter(|s| directory.units.covers(unit.id, s.unit))
        .filter(|s| {
            needle.is_empty() || s.login.as_str().contains(&needle) || s.full_name.to_lowercase().contains(&needle)
        })
        .collect();
    let code = |id: UnitId| directory.units.get(id).map(|u| u.code.to_string()).unwrap_or_default();
    staff.sort_by(|a, b| (code(a.unit), a.login.as_str()).cmp(&(code(b.unit), b.login.as_str())));
    let more = staff.len() > LIST_LIMIT;
    let rows = staff
        .into_iter()
        .take(LIST_LIMIT)
        .map(|s| PersonRow {
            id: s.id.0,
            login: s.login.to_string(),
            name: s.full_name.clone(),
            unit: directory.unit_label(s.unit),
            role: s.role.code(),
            active: s.active,
        })
        .collect();
    Ok((rows, more))
}

async fn users_page(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: Unit,
    q: String,
    form: CreateForm,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let (listed, search) = (unit.clone(), q.clone());
    let (mut rows, more) = state.blocking(move |s| people(s, &listed, &search)).await?;
    for r in &mut rows {
        r.role = Role::parse(r.role).map_or(r.role, |role| role_label(lang, role));
    }
    let directory = state.directory();
    let chosen = directory.units.by_code(&form.unit).map_or(unit.id, |u| u.id);
    let role = Role::parse(&form.role).unwrap_or(Role::Officer);
    let page = UsersPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        q,
        rows,
        more,
        units: units_of(&directory.units, user.unit(), chosen),
        roles: roles(lang, role),
        form,
        error: error.map(|e| e.message(lang)),
    };
    let status = error.map_or(StatusCode::OK, WebError::status);
    Ok((status, page).into_response())
}

/// `GET /users?unit=&q=`: the people of a unit's scope and the form for a new one.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageUsers>,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    users_page(&state, lang, &access.user, access.unit, p.q, CreateForm::default(), None).await
}

#[derive(Deserialize, Default, Clone)]
pub struct CreateForm {
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    password: String,
}

/// A form's unit code as a unit the user administers: 404 when unknown or outside their
/// units, 403 when their role may not.
fn managed_unit(state: &AppState, user: &User, code: &str) -> Result<Unit, WebError> {
    let directory = state.directory();
    let unit = directory
        .units
        .by_code(&code.trim().to_ascii_uppercase())
        .cloned()
        .ok_or_else(|| WebError::refused(format!("không có đơn vị «{code}» / no unit «{code}»")))?;
    match user.may(state, Action::ManageUsers { unit: unit.id }) {
        Err(WebError::Forbidden(Denied::OutsideUnit)) => {
            Err(WebError::refused("đơn vị ngoài phạm vi quản trị của bạn / a unit you do not administer"))
        }
        other => other.map(|()| unit),
    }
}

fn login_of(text: &str) -> Result<Login, WebError> {
    Login::new(text.trim().to_ascii_lowercase().as_str()).map_err(|e| WebError::refused(e.to_string()))
}

fn role_of(text: &str) -> Result<Role, WebError> {
    Role::parse(text.trim()).map_err(|e| WebError::refused(e.to_string()))
}

fn new_user(state: &AppState, user: &User, f: &CreateForm) -> Result<NewUser, WebError> {
    let login = login_of(&f.login)?;
    let full_name = field::STAFF_NAME.clean_required(&f.full_name)?;
    let role = role_of(&f.role)?;
    let unit = managed_unit(state, user, &f.unit)?;
    let password_hash = hash_new_password(&f.password, &login).map_err(|e| WebError::refused(e.to_string()))?;
    Ok(NewUser { login, full_name, unit: unit.id, role, password_hash })
}

/// `POST /users`: a new person in a unit the user administers, with a first password.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageUsers>,
    CsrfForm { user, form }: CsrfForm<CreateForm>,
) -> Result<Response, WebError> {
    let (u, f) = (user.clone(), form.clone());
    let result = state
        .blocking(move |s| {
            let new = new_user(s, &u, &f)?;
            let id = create_user(s.store.as_ref(), &actor(s, &u), &new, &s.directory().units)?;
            s.follow_reference()?;
            Ok(id)
        })
        .await;
    match result {
        Ok(id) => Ok(see_other(&format!("/users/{}?done=created", id.0))),
        Err(e @ WebError::Refused(_)) => {
            let kept = CreateForm { password: String::new(), ..form };
            users_page(&state, lang, &user, access.unit, String::new(), kept, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

/// The person `id` as the store has them, if the user administers their unit: 404 when absent
/// or outside the user's units, 403 when the user's role may not.
fn person(state: &AppState, user: &User, id: i64) -> Result<Staff, WebError> {
    let found = state.store.staff()?.into_iter().find(|s| s.id == StaffId(id)).ok_or(WebError::NotFound)?;
    match user.may(state, Action::ManageUsers { unit: found.unit }) {
        Err(WebError::Forbidden(Denied::OutsideUnit)) => Err(WebError::NotFound),
        other => other.map(|()| found),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/user.html")]
struct PersonPage {
    c: Chrome,
    id: i64,
    login: String,
    name: String,
    unit_code: String,
    unit: String,
    role: &'static str,
    active: bool,
    myself: bool,
    units: Vec<Choice>,
    roles: Vec<Choice>,
    done: Option<&'static str>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct DoneParam {
    #[serde(default)]
    done: String,
}

fn done_text(lang: Lang, done: &str) -> Option<&'static str> {
    match done {
        "created" => Some(lang.t("user_created")),
        "saved" => Some(lang.t("user_saved")),
        "disabled" => Some(lang.t("user_disabled_done")),
        "enabled" => Some(lang.t("user_enabled_done")),
        "password" => Some(lang.t("user_password_done")),
        _ => None,
    }
}

async fn person_page(
    state: &AppState,
    lang: Lang,
    user: &User,
    id: i64,
    done: &str,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let u = user.clone();
    let p = state.blocking(move |s| person(s, &u, id)).await?;
    let directory = state.directory();
    let unit_code = directory.units.get(p.unit).map(|u| u.code.to_string()).unwrap_or_default();
    let page = PersonPage {
        c: user.chrome(state, lang),
        id,
        login: p.login.to_string(),
        name: p.full_name.clone(),
        unit_code,
        unit: directory.unit_label(p.unit),
        role: role_label(lang, p.role),
        active: p.active,
        myself: p.id == user.staff.id,
        units: units_of(&directory.units, user.unit(), p.unit),
        roles: roles(lang, p.role),
        done: done_text(lang, done),
        error: error.map(|e| e.message(lang)),
    };
    let status = error.map_or(StatusCode::OK, WebError::status);
    Ok((status, page).into_response())
}

#[derive(Deserialize)]
pub struct IdPath {
    id: i64,
}

/// `GET /users/{id}`: one person, with the forms that change them.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    Path(IdPath { id }): Path<IdPath>,
    Query(p): Query<DoneParam>,
) -> Result<Response, WebError> {
    person_page(&state, lang, &user, id, &p.done, None).await
}

/// Runs `change` on the person `id` once the user may manage them, then shows the person with
/// `done`, or their page with the refusal.
async fn change_person<F>(
    state: AppState,
    lang: Lang,
    user: User,
    id: i64,
    done: &'static str,
    change: F,
) -> Result<Response, WebError>
where
    F: FnOnce(&AppState, &User, &Staff) -> Result<(), WebError> + Send + 'static,
{
    let u = user.clone();
    let result = state
        .blocking(move |s| {
            let p = person(s, &u, id)?;
            change(s, &u, &p)?;
            s.follow_reference()?;
            Ok(())
        })
        .await;
    match result {
        Ok(()) => Ok(see_other(&format!("/users/{id}?done={done}"))),
        Err(e @ WebError::Refused(_)) => person_page(&state, lang, &user, id, "", Some(&e)).await,
        Err(e) => Err(e),
    }
}

fn not_myself(user: &User, p: &Staff) -> Result<(), WebError> {
    if p.id == user.staff.id {
        return Err(WebError::refused(
            "không tự khóa hay đổi vai trò của chính mình; nhờ một quản trị viên khác / \
             you cannot disable yourself or change your own role; ask another administrator",
        ));
    }
    Ok(())
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit: String,
}

/// `POST /users/{id}/role`: a new role and unit (the unit one the user administers too).
pub async fn set_role(
    State(state): State<AppState>,
    lang: Lang,
    Path(IdPath { id }): Path<IdPath>,
    CsrfForm { user, form }: CsrfForm<RoleForm>,
) -> Result<Response, WebError> {
    change_person(state, lang, user, id, "saved", move |s, u, p| {
        let role = role_of(&form.role)?;
        let unit = managed_unit(s, u, &form.unit)?;
        not_myself(u, p)?;
        Ok(change_role(s.store.as_ref(), &actor(s, u), p.id, unit.id, role, &s.directory().units)?)
    })
    .await
}

#[derive(Deserialize)]
pub struct ActiveForm {
    #[serde(default)]
    active: String,
}

/// `POST /users/{id}/active`: `active=0` disables the person (ending their sessions),
/// `active=1` enables them.
pub async fn set_enabled(
    State(state): State<AppState>,
    lang: Lang,
    Path(IdPath { id }): Path<IdPath>,
    CsrfForm { user, form }: CsrfForm<ActiveForm>,
) -> Result<Response, WebError> {
    let active = match form.active.trim() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    };
    let done = if active == Some(true) { "enabled" } else { "disabled" };
    change_person(state, lang, user, id, done, move |s, u, p| {
        let active = active.ok_or_else(|| WebError::refused("active phải là 0 hoặc 1 / active must be 0 or 1"))?;
        not_myself(u, p)?;
        Ok(set_active(s.store.as_ref(), &actor(s, u), p.id, active, &s.directory().units)?)
    })
    .await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    repeat: String,
}

/// `POST /users/{id}/password`: a new password for the person (the rule applies), ending their
/// sessions; they change it on their account page.
pub async fn set_password(
    State(state): State<AppState>,
    lang: Lang,
    Path(IdPath { id }): Path<IdPath>,
    CsrfForm { user, form }: CsrfForm<PasswordForm>,
) -> Result<Response, WebError> {
    change_person(state, lang, user, id, "password", move |s, u, p| {
        if form.password != form.repeat {
            return Err(WebError::refused("hai lần nhập mật khẩu không khớp / the passwords differ"));
        }
        let hash = hash_new_password(&form.password, &p.login).map_err(|e| WebError::refused(e.to_string()))?;
        Ok(reset_password(s.store.as_ref(), &actor(s, u), p.id, &hash)?)
    })
    .await
}
