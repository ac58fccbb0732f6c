//! `TestApp`: a server on port 0 over a fresh store holding VN → BG → BG-KV1, BG-KV2, one
//! person of every role in BG-KV1, an officer in BG-KV2, and one case in each region (assigned
//! to that region's officer, verified with means). The store is SQLite, or a PostgreSQL
//! database of its own with `THADS_TEST_BACKEND=postgres` (`scripts/test` runs both). The
//! server's clock is the system's, or fixed (`spawn_at`, for pages compared with a snapshot).

use std::collections::HashMap;
use std::sync::Arc;

use reqwest::header::{COOKIE, HeaderMap, SET_COOKIE};
use reqwest::{Method, StatusCode};
use thads_app::{Actor, NewRecord};
use thads_core::{CaseId, Event, EventCode, Login, Role, StaffId, UnitId};
use thads_store::{NewStaff, Store};
use thads_testkit::{Backend, Units, facts, seed_units};
use thads_web::{AppState, WebConfig};
use time::OffsetDateTime;
use time::macros::date;

pub const PASSWORD: &str = "mat-khau-thu-nghiem";

pub struct TestApp {
    pub base: String,
    /// Reached through `db`, off the runtime's thread.
    store: Arc<dyn Store>,
    pub units: Units,
    pub staff: HashMap<String, StaffId>,
    pub own_case: CaseId,
    pub other_case: CaseId,
    /// An (empty) import started in BG-KV1 and one in BG-KV2, for the import pages.
    pub jobs: [String; 2],
    /// A bulk documents job of each region (over no case: it ends at once, refused).
    pub doc_jobs: [String; 2],
    pub client: reqwest::Client,
    /// The citizens' portal of the same state, on a listener of its own.
    pub public: String,
    /// The server's state, for what only the server holds (its view log).
    state: AppState,
}

/// A signed-in browser-like client: its session cookie and CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// The default settings, with report figures computed again after every write.
pub fn exact_config() -> WebConfig {
    WebConfig { report_max_age_ms: 0, ..WebConfig::default() }
}

pub fn login_of(role: Role) -> String {
    format!("{}.kv1", role.code())
}

/// A province `code` under `parent` (the national body), open since ever: for the operations
/// between provinces (a merge, a unit moved under another province).
pub fn add_province(store: &dyn Store, code: &str, parent: UnitId) -> UnitId {
    let mut tx = store.begin().unwrap();
    let id = tx
        .insert_unit(&thads_store::NewUnit {
            code: thads_core::UnitCode::new(code).unwrap(),
            name: format!("Thi hành án dân sự {code}"),
            kind: thads_core::UnitKind::Province,
            parent: Some(parent),
            valid_from: None,
            valid_to: None,
            successor: None,
        })
        .unwrap();
    tx.commit().unwrap();
    id
}

pub fn add_staff(store: &dyn Store, unit: UnitId, login: &str, name: &str, role: Role) -> StaffId {
    add_staff_at(store, unit, login, name, role, OffsetDateTime::now_utc())
}

fn add_staff_at(store: &dyn Store, unit: UnitId, login: &str, name: &str, role: Role, at: OffsetDateTime) -> StaffId {
    let hash = thads_web::accounts::hash_password(PASSWORD).unwrap();
    let mut tx = store.begin().unwrap();
    let id =
        tx.insert_staff(&NewStaff { unit, login: Login::new(login).unwrap(), full_name: name.into(), role }).unwrap();
    tx.set_password(id, &hash, at).unwrap();
    tx.commit().unwrap();
    id
}

pub fn add_case(
    store: &dyn Store,
    unit: UnitId,
    no: &str,
    debtor: &str,
    officer: StaffId,
    at: OffsetDateTime,
) -> CaseId {
    let actor = Actor { login: "test".into(), at };
    let rules = thads_core::Rules::default();
    let mut f = facts(unit, no, date!(2025 - 10 - 06), 50_000_000);
    f.debtor = debtor.into();
    f.officer = Some(officer);
    let created = thads_app::cases::record::create_case(store, &actor, &rules, f).unwrap();
    let with_means = Event { date: date!(2025 - 10 - 20), code: EventCode::WithMeans, amount: None, ground: None };
    thads_app::cases::record::record(
        store,
        &actor,
        &rules,
        created.case.id,
        created.case.version,
        NewRecord::event(with_means),
    )
    .unwrap();
    created.case.id
}

/// What `seed` wrote.
struct Seeded {
    units: Units,
    staff: HashMap<String, StaffId>,
    own_case: CaseId,
    other_case: CaseId,
}

fn seed(store: &dyn Store, at: OffsetDateTime) -> Seeded {
    let units = seed_units(store);
    let mut staff = HashMap::new();
    for role in Role::ALL {
        let id = add_staff_at(store, units.region1, &login_of(role), &format!("Cán bộ {role}"), role, at);
        staff.insert(login_of(role), id);
    }
    let kv2 = add_staff_at(store, units.region2, "officer.kv2", "Lê Văn Bình", Role::Officer, at);
    staff.insert("officer.kv2".into(), kv2);
    let officer = staff[&login_of(Role::Officer)];
    let own_case = add_case(store, units.region1, "46/QĐ-THADS", "Nguyễn Văn An", officer, at);
    let other_case = add_case(store, units.region2, "12/QĐ-THADS", "Trần Thị Bích", kv2, at);
    Seeded { units, staff, own_case, other_case }
}

/// Runs `work` on a thread of its own, as another process would: the stores are synchronous,
/// and PostgreSQL's client may not run on a thread of the test's async runtime.
pub fn off_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(work).join().unwrap())
}

impl TestApp {
    /// The default settings but `THADS_REPORT_MAX_AGE_MS=0`: every page's figures follow every
    /// write at once, as the tests read them (`stats::kept_figures_…` tests the age itself).
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(exact_config()).await
    }

    /// On the backend `THADS_TEST_BACKEND` chooses.
    pub async fn spawn_with(config: WebConfig) -> TestApp {
        TestApp::spawn_on(Backend::chosen(), config).await
    }

    pub async fn spawn_on(backend: Backend, config: WebConfig) -> TestApp {
        TestApp::spawn_with_clock(backend, config, None).await
    }

    /// On the chosen backend, seeded at `now` and with the server's clock stopped there.
    pub async fn spawn_at(now: OffsetDateTime) -> TestApp {
        TestApp::spawn_with_clock(Backend::chosen(), exact_config(), Some(now)).await
    }

    async fn spawn_with_clock(backend: Backend, config: WebConfig, fixed: Option<OffsetDateTime>) -> TestApp {
        let store: Arc<dyn Store> = Arc::from(off_runtime(|| backend.fresh_store()));
        let seeded_at = fixed.unwrap_or_else(OffsetDateTime::now_utc);
        let Seeded { units, staff, own_case, other_case } = off_runtime(|| seed(store.as_ref(), seeded_at));
        let state = match fixed {
            Some(now) => AppState::load_with_clock(Arc::clone(&store), config, Box::new(move || now)).await,
            None => AppState::load(Arc::clone(&store), config).await,
        }
        .unwrap();
        let jobs = [units.region1, units.region2].map(|unit| {
            let unit = state.directory().units.get(unit).cloned().unwrap();
            let upload = thads_web::imports::upload::Upload::new().unwrap();
            thads_web::imports::jobs(&state).start(&state, &login_of(Role::Clerk), &unit, upload).unwrap().id.clone()
        });
        let doc_jobs = [units.region1, units.region2].map(|unit| {
            let unit = state.directory().units.get(unit).cloned().unwrap();
            let request = thads_web::documents::jobs::BulkRequest {
                cases: Vec::new(),
                kind: thads_documents::DocumentKind::ThongBao,
                on: time::macros::date!(2025 - 11 - 05),
                format: thads_app::documents::Format::Pdf,
            };
            thads_web::documents::jobs::jobs(&state)
                .start(&state, &login_of(Role::Clerk), &unit, request)
                .unwrap()
                .id
                .clone()
        });
        let (base, public) = serve(&state).await;
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        TestApp { base, store, units, staff, own_case, other_case, jobs, doc_jobs, client, public, state }
    }

    /// A second server over the same database, as a second process behind a proxy would be:
    /// a state and statistics engine of its own, on listeners of its own.
    pub async fn beside(&self) -> TestApp {
        let state = AppState::load(Arc::clone(&self.store), exact_config()).await.unwrap();
        let (base, public) = serve(&state).await;
        TestApp {
            base,
            store: Arc::clone(&self.store),
            units: self.units,
            staff: self.staff.clone(),
            own_case: self.own_case,
            other_case: self.other_case,
            jobs: self.jobs.clone(),
            doc_jobs: self.doc_jobs.clone(),
            client: self.client.clone(),
            public,
            state,
        }
    }

    /// Runs `work` with the store, as the command line or another process does (off the
    /// runtime's thread: see `off_runtime`).
    pub fn db<T: Send>(&self, work: impl FnOnce(&dyn Store) -> T + Send) -> T {
        off_runtime(|| work(self.store.as_ref()))
    }

    /// The views of `case` logged so far (newest first, at most `limit`), once the server has
    /// written every view it answered (its view log writes them after the answer).
    pub fn case_views(&self, case: CaseId, limit: u32) -> Vec<thads_store::CaseViewEntry> {
        off_runtime(|| {
            thads_web::case_views::flush(&self.state);
            self.store.case_views(case, limit).unwrap()
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Signs in through the sign-in form, as a browser does.
    pub async fn sign_in(&self, login: &str) -> Session {
        self.sign_in_with(&Login::new(login).unwrap(), PASSWORD).await
    }

    /// Signs in with `password`.
    pub async fn sign_in_with(&self, login: &Login, password: &str) -> Session {
        let login = login.as_str();
        let form = self.client.get(self.url("/login")).send().await.unwrap();
        let login_cookie = cookies(form.headers());
        let csrf = hidden(&form.text().await.unwrap(), "csrf");
        let response = self
            .client
            .post(self.url("/login"))
            .header(COOKIE, login_cookie)
            .form(&[("login", login), ("password", password), ("csrf", &csrf), ("next", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "sign-in of {login}");
        let cookie = cookies(response.headers());
        assert!(cookie.contains("thads_session="), "{cookie}");
        let page = self.client.get(self.url("/account/password")).header(COOKIE, &cookie).send().await.unwrap();
        let csrf = hidden(&page.text().await.unwrap(), "csrf");
        Session { cookie, csrf }
    }

    /// A bearer token from `POST /api/v1/session`.
    pub async fn token(&self, login: &str) -> String {
        let r = self
            .client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({ "login": login, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        r.json::<serde_json::Value>().await.unwrap()["token"].as_str().unwrap().to_string()
    }

    pub async fn get(&self, session: &Session, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).header(COOKIE, &session.cookie).send().await.unwrap()
    }

    pub async fn post_form(&self, session: &Session, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf", session.csrf.as_str())];
        all.extend_from_slice(fields);
        self.client.post(self.url(path)).header(COOKIE, &session.cookie).form(&all).send().await.unwrap()
    }

    pub async fn api(
        &self,
        token: &str,
        method: Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path)).bearer_auth(token);
        if let Some(b) = body {
            request = request.json(&b);
        }
        request.send().await.unwrap()
    }

    /// Posts `files` (name, content) to the import page as a browser does (multipart, the CSRF
    /// token first).
    pub async fn upload(&self, session: &Session, unit: &str, files: &[(&str, &[u8])]) -> reqwest::Response {
        let boundary = "thads-test-boundary-7MA4YWxkTrZu0gW";
        let mut body =
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n", session.csrf)
                .into_bytes();
        for (name, content) in files {
            let head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            );
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.client
            .post(self.url(&format!("/import?unit={unit}")))
            .header(COOKIE, &session.cookie)
            .header(reqwest::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
            .await
            .unwrap()
    }

    pub fn version(&self, case: CaseId) -> i64 {
        self.db(|s| s.case(case)).unwrap().unwrap().version
    }
}

/// `name=value; name2=value2` of the response's `Set-Cookie` headers.
pub fn cookies(headers: &HeaderMap) -> String {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The value of the first hidden input `name` of a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no {name} in page")) + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

/// Serves `state`'s staff app and public site on listeners of their own; their base URLs.
async fn serve(state: &AppState) -> (String, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let public_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let public = format!("http://{}", public_listener.local_addr().unwrap());
    tokio::spawn(thads_web::portal::serve_public(public_listener, state.clone()));
    tokio::spawn(thads_web::serve(listener, state.clone()));
    (base, public)
}
