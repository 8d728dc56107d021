//! Which language a request is answered in: the URL's prefix, else the
//! remembered cookie, else the browser's `Accept-Language`; and the cookie
//! that remembers a choice.

use adaldyq_domain::Locale;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub const COOKIE: &str = "adaldyq_lang";

/// Reads a cookie by name from the headers; malformed cookies are ignored.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The language of the URL prefix, if it names one.
pub fn path_locale(path: &str) -> Option<Locale> {
    path.trim_start_matches('/').split('/').next().and_then(Locale::from_segment)
}

pub fn preferred_locale(headers: &HeaderMap) -> Locale {
    cookie(headers, COOKIE).and_then(Locale::from_segment).unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Locale::from_accept_language)
            .unwrap_or(Locale::Kk)
    })
}

pub fn request_locale(req: &Request) -> Locale {
    path_locale(req.uri().path()).unwrap_or_else(|| preferred_locale(req.headers()))
}

/// Remembers the language of a page the reader opened, for a year. Only on
/// reading a page: a form post (an anonymous filing) gets no cookie at all.
pub async fn remember(req: Request, next: Next) -> Response {
    let chosen = path_locale(req.uri().path()).filter(|_| req.method() == axum::http::Method::GET);
    let current = cookie(req.headers(), COOKIE).and_then(Locale::from_segment);
    let mut response = next.run(req).await;
    if let Some(locale) = chosen.filter(|c| Some(*c) != current) {
        let value = format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.segment());
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}
