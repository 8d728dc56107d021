//! The confirmation after a staff action: the action's redirect sets a
//! short-lived cookie naming what was done to which appeal (or booking, or
//! reception); the next page shows it once and clears it, so a reload does
//! not say it again. Each page reads only its own words.

use crate::i18n::Tr;
use crate::state::AppState;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

pub const FLASH_COOKIE: &str = "adaldyq_flash";

/// What can be confirmed; the cookie holds one of these, never free text.
/// The coordinator's reception pages use it too (`reception-…`,
/// `schedule-…`; the number is then the reception's id or a count).
pub const DONE: [&str; 13] = [
    "answered",
    "clarified",
    "forwarded",
    "noted",
    "extended",
    "assigned",
    "reception-scheduled",
    "reception-changed",
    "reception-postponed",
    "reception-cancelled",
    "schedule-created",
    "schedule-generated",
    "schedule-deactivated",
];

/// A receipt number, a booking code or an id: ASCII letters, digits and
/// dashes only (never a name or other free text).
fn is_subject(s: &str) -> bool {
    !s.is_empty() && s.len() <= 32 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{FLASH_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"))
        .expect("a fixed word and a receipt number make a valid header value")
}

/// Adds "`done` was done to `number`" to a redirect.
pub fn set(state: &AppState, response: &mut Response, done: &'static str, number: &str) {
    // A number or a code; anything else is not confirmed.
    if is_subject(number) {
        response.headers_mut().append(header::SET_COOKIE, cookie(state, &format!("{done}.{number}"), 120));
    }
}

/// The confirmation the request carries, in the reader's language, if any.
pub fn read(tr: Tr, headers: &HeaderMap) -> Option<String> {
    read_of(tr, headers, &DONE)
}

/// The same, for a page that confirms the words `done`.
pub fn read_of(tr: Tr, headers: &HeaderMap, done: &[&str]) -> Option<String> {
    let value = crate::middleware::locale::cookie(headers, FLASH_COOKIE)?;
    let (what, number) = value.split_once('.')?;
    let done = done.iter().find(|d| **d == what)?;
    if !is_subject(number) {
        return None;
    }
    Some(tr.with(&format!("flash-{done}"), &[("number", number.to_owned())]))
}

/// What the cookie confirms (one of `done`) and its subject, unworded:
/// for a page that names the subject in its own words.
pub fn subject_of(headers: &HeaderMap, done: &[&'static str]) -> Option<(&'static str, String)> {
    let value = crate::middleware::locale::cookie(headers, FLASH_COOKIE)?;
    let (what, number) = value.split_once('.')?;
    let done = done.iter().find(|d| **d == what)?;
    is_subject(number).then(|| (*done, number.to_owned()))
}

/// Shown once: the page that showed it clears the cookie.
pub fn clear(state: &AppState, headers: &HeaderMap, response: &mut Response) {
    if crate::middleware::locale::cookie(headers, FLASH_COOKIE).is_some() {
        response.headers_mut().append(header::SET_COOKIE, cookie(state, "", 0));
    }
}
