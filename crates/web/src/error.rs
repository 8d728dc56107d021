//! One error type for handlers, and the renderer that turns every error
//! response (ours, or axum's own rejections, timeouts and body limits) into
//! an HTML page or a JSON problem in the reader's language.

use crate::i18n::Tr;
use crate::middleware::locale::{path_locale, request_locale};
use crate::render::{html, Page, Rendered};
use adaldyq_store::StoreError;
use askama::Template;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// An error a handler returns. Unexpected errors are logged once here and
/// shown as 500 without internals.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("conflict")]
    Conflict,
    #[error("bad request")]
    BadRequest,
    /// A status an extractor decided (413 for a body too large, 400 for a
    /// malformed form): the error renderer explains it.
    #[error("status {0}")]
    Status(axum::http::StatusCode),
    #[error("unexpected: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(_) => AppError::Conflict,
            StoreError::NotFound(_) => AppError::NotFound,
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match &self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Status(s) => *s,
            AppError::Internal(msg) => {
                tracing::error!(error = %msg, "request failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        status.into_response()
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// An RFC 9457 problem body (`application/problem+json`), with `extra`
/// fields merged in (for example the list of `errors` of a form).
pub fn problem(status: StatusCode, detail: String, extra: serde_json::Value) -> Response {
    let mut body = serde_json::json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let mut r = (status, body.to_string()).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    r.extensions_mut().insert(Rendered);
    r
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    status: u16,
    message: String,
}

/// Marks a 403 of the CSRF check (`middleware::security`): the form was
/// opened under another session or none, so the page says "the form has
/// expired" and how to send it again, not "no access".
#[derive(Debug, Clone, Copy)]
pub struct FormExpired;

/// The signed-in header an error page keeps: `auth::load`, which knows the
/// session, puts it on an error response that is not a page yet, and
/// [`render_errors`] (outside the session layer) builds the page with it.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    pub name: String,
    pub is_staff: bool,
    pub is_admin: bool,
    /// The sign-out form's CSRF token.
    pub csrf: String,
}

/// The message key that explains a status to a person.
fn message_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "error-bad-request",
        401 => "error-sign-in-required",
        403 => "error-forbidden",
        404 => "error-not-found",
        405 => "error-method",
        408 => "error-timeout",
        409 => "error-conflict",
        413 => "error-too-large",
        415 | 422 => "error-unprocessable",
        429 => "error-too-many",
        503 => "error-unavailable",
        _ => "error-internal",
    }
}

/// What an error page says: its title key and message key. "No access"
/// and "the form has expired" are told apart, and a signed-in person who
/// may not do something is told what to do about it.
fn keys(status: StatusCode, expired: bool, signed_in: bool) -> (&'static str, &'static str) {
    match status.as_u16() {
        403 if expired => ("error-form-expired-title", "error-form-expired"),
        403 if signed_in => ("error-forbidden-title", "error-forbidden-signed-in"),
        403 => ("error-forbidden-title", "error-forbidden"),
        404 => ("error-not-found-title", "error-not-found"),
        _ => ("error-title", message_key(status)),
    }
}

/// The error page in the reader's language, with a message that says what
/// was wrong (for a request refused before the session is known).
pub fn error_page(locale: adaldyq_domain::Locale, status: StatusCode, message: String) -> Response {
    let tr = Tr(locale);
    page_with(locale, status, tr.t("error-title"), message, None, "/".into())
}

/// The error page with its title, and the signed-in header when there is
/// a viewer; `rest` is the path after the language prefix, so the
/// language switch stays on the same address.
fn page_with(
    locale: adaldyq_domain::Locale,
    status: StatusCode,
    title: String,
    message: String,
    viewer: Option<Viewer>,
    rest: String,
) -> Response {
    let viewer = viewer.unwrap_or_default();
    let page = Page {
        tr: Tr(locale),
        locale,
        title,
        rest,
        user_name: Some(viewer.name).filter(|n| !n.is_empty()),
        is_staff: viewer.is_staff,
        is_admin: viewer.is_admin,
        csrf: viewer.csrf,
        alternates: Vec::new(),
    };
    html(locale, status, &ErrorPage { page, status: status.as_u16(), message })
}

/// Replaces the body of any error response that is not already a finished
/// page: HTML for pages, `application/problem+json` under `/api/`.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let locale = request_locale(&req);
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || response.extensions().get::<Rendered>().is_some() {
        return response;
    }
    let keep = |from: &Response, to: &mut Response| {
        for name in [header::RETRY_AFTER, header::LOCATION, header::ALLOW] {
            if let Some(v) = from.headers().get(&name) {
                to.headers_mut().insert(name, v.clone());
            }
        }
    };
    let tr = Tr(locale);
    let mut out = if path.starts_with("/api/") {
        problem(status, tr.t(message_key(status)), serde_json::json!({}))
    } else {
        let viewer = response.extensions().get::<Viewer>().cloned();
        let expired = response.extensions().get::<FormExpired>().is_some();
        let (title, message) = keys(status, expired, viewer.is_some());
        let rest = match path_locale(&path) {
            Some(_) => path.trim_start_matches('/').split_once('/').map(|(_, r)| format!("/{r}")).unwrap_or("/".into()),
            None => "/".into(),
        };
        page_with(locale, status, tr.t(title), tr.t(message), viewer, rest)
    };
    keep(&response, &mut out);
    out
}
