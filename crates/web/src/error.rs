//! One error type for handlers, and the renderer that turns every error
//! response (ours, or axum's own rejections, timeouts and body limits) into
//! an HTML page or a JSON problem in the reader's language.

use crate::i18n::Tr;
use crate::middleware::locale::request_locale;
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

/// The error page in the reader's language, with a message that says what
/// was wrong.
pub fn error_page(locale: adaldyq_domain::Locale, status: StatusCode, message: String) -> Response {
    let tr = Tr(locale);
    let page = Page {
        tr,
        locale,
        title: tr.t("error-title"),
        rest: "/".into(),
        user_name: None,
        is_staff: false,
        is_admin: false,
        csrf: String::new(),
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
    let message = tr.t(message_key(status));
    let mut out = if path.starts_with("/api/") {
        problem(status, message, serde_json::json!({}))
    } else {
        error_page(locale, status, message)
    };
    keep(&response, &mut out);
    out
}
