//! Control characters in the address: a path segment or query parameter
//! holding NUL (`%00`) or another control character is refused with 422,
//! naming the parameter, before any handler or query sees it. PostgreSQL
//! refuses NUL where SQLite stores it; this keeps both backends alike.

use crate::error::{error_page, problem};
use crate::i18n::Tr;
use crate::middleware::locale::request_locale;
use adaldyq_domain::appeal::Problem;
use adaldyq_domain::text::is_acceptable;
use axum::extract::{MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use percent_encoding::percent_decode_str;

/// The name of the first path parameter or query parameter whose decoded
/// value holds control characters: the route's name for a path segment
/// (`number` in `/{lang}/staff/appeals/{number}`), else `path`.
fn offending(req: &Request) -> Option<String> {
    // The request line cannot carry a control character itself (hyper
    // refuses it), only percent-encoded: most requests have no `%` at all and
    // pass without a decode or an allocation.
    let uri = req.uri();
    if !uri.path().contains('%') && !uri.query().is_some_and(|q| q.contains('%')) {
        return None;
    }
    for (i, segment) in uri.path().split('/').enumerate() {
        if !is_acceptable(&percent_decode_str(segment).decode_utf8_lossy()) {
            let name = req
                .extensions()
                .get::<MatchedPath>()
                .and_then(|m| m.as_str().split('/').nth(i))
                .and_then(|p| p.strip_prefix('{'))
                .and_then(|p| p.strip_suffix('}'))
                .map(|p| p.trim_start_matches('*'))
                .unwrap_or("path");
            return Some(name.to_owned());
        }
    }
    let query = req.uri().query()?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    pairs.into_iter().find(|(k, v)| !is_acceptable(k) || !is_acceptable(v)).map(|(k, _)| {
        if is_acceptable(&k) {
            k
        } else {
            "query".to_owned()
        }
    })
}

pub async fn refuse_control_characters(req: Request, next: Next) -> Response {
    let Some(name) = offending(&req) else { return next.run(req).await };
    let locale = request_locale(&req);
    let tr = Tr(locale);
    let message = tr.with("problem-address-control-characters", &[("name", name.clone())]);
    if req.uri().path().starts_with("/api/") {
        let errors = serde_json::json!([{ "field": name, "problem": Problem::ControlCharacters, "message": message }]);
        problem(StatusCode::UNPROCESSABLE_ENTITY, message, serde_json::json!({ "errors": errors }))
    } else {
        error_page(locale, StatusCode::UNPROCESSABLE_ENTITY, message)
    }
}
