//! The one error type of the web surface, turned into a response in one place: JSON
//! `{"code", "message"}` under `/api/`, an HTML page elsewhere, in the reader's language. A
//! refused change carries its typed reason (`refusal`), whose code the API gives as its own.
//! Internal failures are logged for operators and shown to nobody.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use thads_app::AppError;
use thads_core::access::Denied;
use thads_store::StoreError;

use crate::chrome::Chrome;
use crate::i18n::Lang;
use crate::refusal::Refusal;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebError {
    #[error("not signed in")]
    NotSignedIn,
    /// A signed-in person may not do this.
    #[error("forbidden: {0}")]
    Forbidden(Denied),
    /// Absent, or present but not visible to the reader (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// The request cannot be understood; the message is for the user (Vietnamese / English).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The change is refused; the refusal says why, with a code of its own.
    #[error("refused: {}", .0.code())]
    Refused(Refusal),
    #[error("stale version")]
    Stale,
    /// The decision number is taken in the unit (intake, edit).
    #[error("case number taken")]
    NumberTaken(String),
    /// The record to correct or void was replaced meanwhile (by someone else, or by a form
    /// sent twice).
    #[error("record {record} already superseded")]
    AlreadySuperseded { record: i64 },
    #[error("wrong login or password")]
    WrongPassword,
    #[error("too many failed sign-ins")]
    RateLimited { minutes: i64 },
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// Something failed inside; details went to the log.
    #[error("internal error")]
    Internal,
    /// The record is dated in a month a unit closed (chốt số liệu); `month` is `YYYY-MM`.
    #[error("period {month} closed by {unit}")]
    PeriodClosed { unit: String, month: String },
}

/// The codes of `WebError` besides a refusal's own (`refusal::API_CODES`), as `code` gives them.
pub const CODES: [&str; 12] = [
    "unauthenticated",
    "forbidden",
    "not_found",
    "bad_request",
    "stale_version",
    "case_no_taken",
    "already_superseded",
    "wrong_credentials",
    "rate_limited",
    "csrf",
    "internal",
    "period_closed",
];

/// Internal errors since the process started (`/metrics`).
static INTERNAL_ERRORS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many internal errors were logged since the process started.
pub fn internal_errors() -> u64 {
    INTERNAL_ERRORS.load(std::sync::atomic::Ordering::Relaxed)
}

impl WebError {
    /// A refusal without a code of its own, worded in both languages by whoever refused.
    pub fn refused(both_languages: impl Into<String>) -> WebError {
        WebError::Refused(Refusal::Other(both_languages.into()))
    }

    /// Logs `detail` for operators and returns the error users see.
    pub fn internal(detail: impl std::fmt::Display) -> WebError {
        INTERNAL_ERRORS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::error!(target: "thads::error", %detail, "internal error");
        WebError::Internal
    }

    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotSignedIn | WebError::WrongPassword => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Stale
            | WebError::AlreadySuperseded { .. }
            | WebError::NumberTaken(_)
            | WebError::PeriodClosed { .. } => StatusCode::CONFLICT,
            WebError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::NotSignedIn => "unauthenticated",
            WebError::Forbidden(_) => "forbidden",
            WebError::NotFound => "not_found",
            WebError::BadRequest(_) => "bad_request",
            WebError::Refused(r) => r.code(),
            WebError::Stale => "stale_version",
            WebError::NumberTaken(_) => "case_no_taken",
            WebError::AlreadySuperseded { .. } => "already_superseded",
            WebError::WrongPassword => "wrong_credentials",
            WebError::RateLimited { .. } => "rate_limited",
            WebError::Csrf => "csrf",
            WebError::Internal => "internal",
            WebError::PeriodClosed { .. } => "period_closed",
        }
    }

    /// `Retry-After` (seconds) of a refusal that passes with time.
    pub fn retry_after(&self) -> Option<HeaderValue> {
        match self {
            WebError::RateLimited { minutes } => HeaderValue::from_str(&(minutes.max(&1) * 60).to_string()).ok(),
            _ => None,
        }
    }

    /// What the user reads.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            WebError::NotSignedIn => lang.pick("Bạn cần đăng nhập.", "Please sign in.").into(),
            WebError::Forbidden(d) => match d {
                Denied::OutsideUnit => lang.pick("Ngoài phạm vi đơn vị của bạn.", "Outside your unit."),
                Denied::Role => lang.pick("Vai trò của bạn không được làm việc này.", "Your role may not do this."),
                Denied::NotAssigned => {
                    lang.pick("Việc không được phân công cho bạn.", "This case is not assigned to you.")
                }
            }
            .into(),
            WebError::NotFound => lang.pick("Không tìm thấy.", "Not found.").into(),
            WebError::BadRequest(m) => m.clone(),
            WebError::Refused(r) => r.message(lang),
            WebError::Stale => lang.t("version_stale").into(),
            WebError::NumberTaken(no) => match lang {
                Lang::Vi => format!("Số quyết định {no} đã có trong sổ của đơn vị."),
                Lang::En => format!("Decision number {no} is already in the unit's book."),
            },
            WebError::AlreadySuperseded { record } => match lang {
                Lang::Vi => {
                    format!("Bản ghi #{record} đã được sửa hoặc hủy, có thể bởi người khác; hãy tải lại trang.")
                }
                Lang::En => {
                    format!("Record #{record} was already corrected or voided, perhaps by someone else; reload.")
                }
            },
            WebError::WrongPassword => lang.pick("Sai tên đăng nhập hoặc mật khẩu.", "Wrong login or password.").into(),
            WebError::RateLimited { minutes } => match lang {
                Lang::Vi => format!("Đăng nhập sai quá nhiều lần. Hãy thử lại sau {minutes} phút."),
                Lang::En => format!("Too many failed sign-ins. Try again in {minutes} minutes."),
            },
            WebError::Csrf => {
                lang.pick("Biểu mẫu đã hết hạn, hãy tải lại trang.", "The form has expired; reload the page.").into()
            }
            WebError::Internal => lang
                .pick(
                    "Đã có lỗi hệ thống; hãy thử lại hoặc báo quản trị.",
                    "Something failed; retry or tell the administrator.",
                )
                .into(),
            WebError::PeriodClosed { unit, month } => {
                let vn = month.split_once('-').map_or_else(|| month.clone(), |(y, m)| format!("{m}/{y}"));
                match lang {
                    Lang::Vi => format!(
                        "Tháng {vn} đã chốt số liệu ({unit}): không ghi được sự kiện hay thay đổi trong tháng này cho \
                         đến khi thủ trưởng đơn vị mở lại."
                    ),
                    Lang::En => format!(
                        "Month {month} is closed ({unit}): nothing dated in it can be recorded until the unit's head \
                         reopens it."
                    ),
                }
            }
        }
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Stale { .. } => WebError::Stale,
            StoreError::AlreadySuperseded { record } => WebError::AlreadySuperseded { record: record.0 },
            StoreError::NotFound(_) => WebError::NotFound,
            StoreError::Duplicate(m) => WebError::refused(format!("đã tồn tại / already exists: {m}")),
            StoreError::Invalid(m) => WebError::internal(format!("invalid data from the store: {m}")),
            StoreError::Backend(m) => WebError::internal(m),
        }
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Store(s) => s.into(),
            AppError::NotFound(_) => WebError::NotFound,
            AppError::Refused(r) => WebError::Refused(r.into()),
            AppError::Invalid(m) => WebError::refused(m),
            AppError::Field { field, message } => WebError::Refused(Refusal::of_field(field, message)),
            AppError::PeriodClosed(p) => {
                WebError::PeriodClosed { unit: p.unit, month: thads_core::periods::month_code(p.month) }
            }
            AppError::Denied(d) => WebError::Forbidden(d),
        }
    }
}

/// A text refused by its field's rule: the message names the field and why.
impl From<thads_core::field::FieldError> for WebError {
    fn from(e: thads_core::field::FieldError) -> Self {
        WebError::Refused(Refusal::Text(e))
    }
}

impl From<Denied> for WebError {
    fn from(d: Denied) -> Self {
        WebError::Forbidden(d)
    }
}

/// Carried by an error response until `render` gives it a body.
#[derive(Debug, Clone)]
struct Problem(WebError);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(Problem(self));
        response
    }
}

/// The error an error response carries until `respond` gives it a body.
pub fn problem_of(response: &Response) -> Option<WebError> {
    response.extensions().get::<Problem>().map(|p| p.0.clone())
}

/// The response of an error: JSON for the API, the sign-in page or an error page for pages,
/// in the frame `chrome` (the reader's language and, when signed in, their menu). `target` is
/// where a sign-in goes back to. The middleware that calls it (`site::render_errors`) knows who
/// is reading.
pub fn respond(api: bool, chrome: Chrome, target: &str, error: &WebError) -> Response {
    let mut response = body_of(api, chrome, target, error);
    if let Some(retry) = error.retry_after() {
        response.headers_mut().insert(header::RETRY_AFTER, retry);
    }
    response
}

fn body_of(api: bool, chrome: Chrome, target: &str, error: &WebError) -> Response {
    let lang = chrome.lang;
    if api {
        let mut body = serde_json::json!({ "code": error.code(), "message": error.message(lang) });
        if let WebError::Refused(refusal) = error
            && let Some(field) = refusal.field()
        {
            body["field"] = field.into();
        }
        let mut r = (error.status(), axum::Json(body)).into_response();
        if *error == WebError::NotSignedIn {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        return r;
    }
    if *error == WebError::NotSignedIn {
        let next = serde_urlencoded::to_string([("next", target)]).unwrap_or_default();
        return Redirect::to(&format!("/login?{next}")).into_response();
    }
    error_page(chrome, error)
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    title: &'static str,
    message: String,
}

/// The page of an error: a title for its status and a sentence in the reader's language,
/// nothing internal, in the frame of every page.
fn error_page(chrome: Chrome, error: &WebError) -> Response {
    let lang = chrome.lang;
    let page = ErrorPage { title: title(error, lang), message: sentence(&error.message(lang), lang), c: chrome };
    (error.status(), page).into_response()
}

/// The title of an error page, by what went wrong.
fn title(error: &WebError, lang: Lang) -> &'static str {
    match error.status() {
        StatusCode::BAD_REQUEST => lang.pick("Yêu cầu không hợp lệ", "Invalid request"),
        StatusCode::UNAUTHORIZED => lang.pick("Cần đăng nhập", "Sign-in needed"),
        StatusCode::FORBIDDEN => lang.pick("Không có quyền", "Not allowed"),
        StatusCode::NOT_FOUND => lang.pick("Không tìm thấy", "Not found"),
        StatusCode::CONFLICT => lang.pick("Đã có thay đổi", "Changed meanwhile"),
        StatusCode::UNPROCESSABLE_ENTITY => lang.pick("Không thực hiện được", "Not done"),
        StatusCode::TOO_MANY_REQUESTS => lang.pick("Quá nhiều lần thử", "Too many attempts"),
        _ => lang.pick("Lỗi hệ thống", "Server error"),
    }
}

/// A message as a sentence of the reader's language: of a message worded in both (`vi / en`,
/// as some layers still write them) the reader's half, with a capital first letter.
fn sentence(message: &str, lang: Lang) -> String {
    let one = match message.split_once(" / ") {
        Some((vi, en)) => lang.pick(vi, en),
        None => message,
    };
    let mut chars = one.trim().chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_page_speaks_one_language_in_sentences() {
        let both = "giá trị không hợp lệ / invalid value for officer: «x»";
        assert_eq!(sentence(both, Lang::Vi), "Giá trị không hợp lệ");
        assert_eq!(sentence(both, Lang::En), "Invalid value for officer: «x»");
        assert_eq!(sentence("đã hết hạn", Lang::Vi), "Đã hết hạn");
        assert_eq!(title(&WebError::NotFound, Lang::En), "Not found");
        assert_eq!(WebError::Forbidden(Denied::OutsideUnit).message(Lang::En), "Outside your unit.");
        let closed = WebError::PeriodClosed { unit: "BG-KV1".into(), month: "2025-11".into() };
        assert!(closed.message(Lang::Vi).starts_with("Tháng 11/2025 đã chốt số liệu (BG-KV1)"));
        assert!(closed.message(Lang::En).starts_with("Month 2025-11 is closed (BG-KV1)"));
        assert_eq!((closed.status(), closed.code()), (axum::http::StatusCode::CONFLICT, "period_closed"));
    }

    /// Every variant's code is listed once in `CODES` (a refusal's in `refusal::API_CODES`),
    /// so the OpenAPI document's `Error` schema names every code a caller may meet.
    #[test]
    fn every_code_is_listed() {
        let every = [
            WebError::NotSignedIn,
            WebError::Forbidden(Denied::Role),
            WebError::NotFound,
            WebError::BadRequest(String::new()),
            WebError::Stale,
            WebError::NumberTaken(String::new()),
            WebError::AlreadySuperseded { record: 1 },
            WebError::WrongPassword,
            WebError::RateLimited { minutes: 1 },
            WebError::Csrf,
            WebError::Internal,
            WebError::PeriodClosed { unit: "BG-KV1".into(), month: "2025-11".into() },
        ];
        // A new variant does not compile here until it is in `every` and its code in `CODES`.
        for e in &every {
            match e {
                WebError::NotSignedIn
                | WebError::Forbidden(_)
                | WebError::NotFound
                | WebError::BadRequest(_)
                | WebError::Refused(_)
                | WebError::Stale
                | WebError::NumberTaken(_)
                | WebError::AlreadySuperseded { .. }
                | WebError::WrongPassword
                | WebError::RateLimited { .. }
                | WebError::Csrf
                | WebError::Internal
                | WebError::PeriodClosed { .. } => {}
            }
        }
        let codes: Vec<&str> = every.iter().map(WebError::code).collect();
        assert_eq!(codes, CODES);
        let refused = WebError::Refused(Refusal::Other(String::new()));
        assert!(crate::refusal::API_CODES.contains(&refused.code()));
    }
}
