//! Security headers on every response, and the CSRF check on every
//! state-changing request: Fetch Metadata (or `Origin`) must say the request
//! comes from our own pages, and a signed-in session's request must carry
//! the session's token, so a cross-site or replayed post gets 403.

use crate::auth::AuthContext;
use crate::error::FormExpired;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
                   base-uri 'none'; object-src 'none'";

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let mut set = |name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set("content-security-policy", CSP);
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set("referrer-policy", "same-origin");
    set("cross-origin-opener-policy", "same-origin");
    set("permissions-policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    if state.config.secure_cookies() {
        set("strict-transport-security", "max-age=63072000; includeSubDomains");
    }
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The origin our own pages are served from.
fn expected_origin(state: &AppState, req: &Request) -> Option<String> {
    if !state.config.public_url.is_empty() {
        return Some(state.config.public_url.trim_end_matches('/').to_owned());
    }
    let host = req.headers().get(header::HOST)?.to_str().ok()?;
    Some(format!("http://{host}"))
}

fn same_site(state: &AppState, req: &Request) -> bool {
    if let Some(site) = req.headers().get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin") | Ok("none"));
    }
    match req.headers().get(header::ORIGIN) {
        None => true,
        Some(origin) => {
            let origin = origin.to_str().unwrap_or("null");
            match expected_origin(state, req) {
                Some(expected) => {
                    origin == expected
                        || (state.config.public_url.is_empty() && origin == expected.replacen("http://", "https://", 1))
                }
                None => false,
            }
        }
    }
}

/// A refused form: 403, marked so that the error page says the form has
/// expired and how to send it again (error.rs), not "no access".
fn forbidden() -> Response {
    let mut r = StatusCode::FORBIDDEN.into_response();
    r.extensions_mut().insert(FormExpired);
    r
}

pub async fn csrf(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if is_safe(req.method()) || is_unsubscribe(req.uri().path()) {
        return next.run(req).await;
    }
    if !same_site(&state, &req) {
        return forbidden();
    }
    let expected = req.extensions().get::<AuthContext>().and_then(|a| a.csrf_token(&state.config.secret_key));
    let Some(expected) = expected else {
        return next.run(req).await;
    };
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    // A URL ends up in logs, history and `Referer`, so the token is taken
    // from the URL only where there is no other way: a page's file-upload
    // form (multipart, which this check does not parse). An API call sends
    // it in the `X-CSRF-Token` header.
    let from_query = (content_type.starts_with("multipart/form-data") && !req.uri().path().starts_with("/api/"))
        .then(|| req.uri().query())
        .flatten()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
    let from_header = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    if let Some(token) = from_header.or(from_query) {
        return if constant_eq(token.as_bytes(), expected.as_bytes()) { next.run(req).await } else { forbidden() };
    }
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form {
        return forbidden();
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, state.config.max_body_bytes).await {
        Ok(b) => b,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
    match token {
        Some(t) if constant_eq(t.as_bytes(), expected.as_bytes()) => {
            next.run(Request::from_parts(parts, Body::from(bytes))).await
        }
        _ => forbidden(),
    }
}

/// A notice's switch-off link (`/{lang}/notices/unsubscribe`): a mail
/// client posts to it from anywhere, with no session (RFC 8058), and the
/// signed token in its URL is the only thing that can switch a notice off,
/// so a forged cross-site post can do nothing its sender could not do
/// directly with the token.
fn is_unsubscribe(path: &str) -> bool {
    path.trim_start_matches('/').split_once('/').is_some_and(|(_, rest)| rest == "notices/unsubscribe")
}

/// Compares secrets without leaking where they differ.
pub fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
