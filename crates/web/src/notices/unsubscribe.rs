//! `GET/POST /{lang}/notices/unsubscribe?t=TOKEN`: the switch-off link of
//! an optional notice. The token names the recipient (an account, or an
//! appeal whose applicant has none), the kind and the channel, with an
//! HMAC under the server's secret key, so it needs no sign-in and cannot
//! be made for anyone else. GET shows one button; POST switches the kind
//! off on that channel, from that button or from a mail client's one click
//! (RFC 8058). A legal kind is never switched off, whatever a token says.

use crate::error::AppResult;
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::notice::is_optional;
use adaldyq_domain::Locale;
use adaldyq_store::{Channel, Notice};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

/// Whom a switch-off link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    User(i64),
    Appeal(i64),
}

/// What a valid token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsubscribe {
    pub recipient: Recipient,
    pub kind: String,
    pub channel: Channel,
}

fn mac(key: &[u8], payload: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"unsubscribe:");
    mac.update(payload.as_bytes());
    mac.finalize().into_bytes()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// `u12.digest.email.<128-bit MAC in hex>` (`a…` for an appeal). It does
/// not expire: a link in an old message keeps working.
pub fn token(key: &[u8], u: &Unsubscribe) -> String {
    let who = match u.recipient {
        Recipient::User(id) => format!("u{id}"),
        Recipient::Appeal(id) => format!("a{id}"),
    };
    let payload = format!("{who}.{}.{}", u.kind, u.channel.as_str());
    let m = mac(key, &payload);
    format!("{payload}.{m}")
}

/// What a token says, if it is ours and unaltered, and for an optional kind.
pub fn read(key: &[u8], token: &str) -> Option<Unsubscribe> {
    let (payload, m) = token.trim().rsplit_once('.')?;
    if !crate::middleware::security::constant_eq(mac(key, payload).as_bytes(), m.as_bytes()) {
        return None;
    }
    let mut parts = payload.splitn(3, '.');
    let (who, kind, channel) = (parts.next()?, parts.next()?, parts.next()?);
    let recipient = match who.split_at_checked(1)? {
        ("u", id) => Recipient::User(id.parse().ok()?),
        ("a", id) => Recipient::Appeal(id.parse().ok()?),
        _ => return None,
    };
    let channel = Channel::parse(channel)?;
    is_optional(kind).then(|| Unsubscribe { recipient, kind: kind.to_owned(), channel })
}

/// The switch-off link of a claimed optional notice, in its language: for
/// the account it is for, else for its appeal. None for a legal notice, or
/// without a public address to link to (RFC 8058 asks for https).
pub fn link(state: &AppState, notice: &Notice, locale: Locale) -> Option<String> {
    let site = state.config.public_url.trim_end_matches('/');
    if site.is_empty() || !is_optional(&notice.kind) {
        return None;
    }
    let recipient = match (notice.user_id, notice.appeal_id) {
        (Some(user), _) => Recipient::User(user),
        (None, Some(appeal)) => Recipient::Appeal(appeal),
        (None, None) => return None,
    };
    let u = Unsubscribe { recipient, kind: notice.kind.clone(), channel: notice.channel };
    Some(format!("{site}/{}/notices/unsubscribe?t={}", locale.segment(), token(&state.config.secret_key, &u)))
}

#[derive(Template)]
#[template(path = "notices/unsubscribe.html")]
struct UnsubscribePage {
    page: Page,
    token: String,
    /// "Stop the … notices by …": what the button switches off.
    what: String,
    valid: bool,
    done: bool,
}

#[derive(Deserialize, Default)]
pub struct Link {
    #[serde(default)]
    t: String,
    #[serde(default)]
    done: String,
}

/// What a token switches off, in the reader's words.
fn what(ctx: &Ctx, u: &Unsubscribe) -> String {
    let tr = ctx.tr();
    tr.with(
        "unsubscribe-what",
        &[
            ("kind", tr.t(&super::preferences::kind_key(&u.kind))),
            ("channel", tr.t(&format!("notice-channel-{}", u.channel.as_str()))),
        ],
    )
}

fn page(ctx: &Ctx, token: &str, u: Option<&Unsubscribe>, done: bool) -> Response {
    let body = UnsubscribePage {
        page: ctx.page(if done { "unsubscribe-done-title" } else { "unsubscribe-title" }),
        token: token.to_owned(),
        what: u.map(|u| what(ctx, u)).unwrap_or_default(),
        valid: u.is_some(),
        done,
    };
    let status = if u.is_some() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    html(ctx.locale, status, &body)
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Query(q): Query<Link>) -> Response {
    let u = read(&state.config.secret_key, &q.t);
    page(&ctx, &q.t, u.as_ref(), q.done == "1" && u.is_some())
}

/// The token is in the URL (the page's form posts to the same one); the
/// body is the page's form, or `List-Unsubscribe=One-Click` from a mail
/// client (RFC 8058 allows it form-encoded or multipart), read only to
/// tell the two apart.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Link>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let token = q.t;
    let one_click = body.windows(b"One-Click".len()).any(|w| w == b"One-Click");
    let Some(u) = read(&state.config.secret_key, &token) else {
        return Ok(page(&ctx, &token, None, false));
    };
    match u.recipient {
        Recipient::User(id) => state.store.switch_off_for_user(id, &u.kind, u.channel).await?,
        Recipient::Appeal(id) => state.store.switch_off_for_appeal(id, &u.kind, u.channel).await?,
    };
    // Which kind and channel, never who: no personal data in the log.
    tracing::info!(kind = %u.kind, channel = u.channel.as_str(), "a notice was switched off by its link");
    if one_click {
        return Ok(page(&ctx, &token, Some(&u), true));
    }
    let query = serde_urlencoded::to_string([("t", token.as_str()), ("done", "1")]).unwrap_or_default();
    Ok(ctx.see_other(&format!("/notices/unsubscribe?{query}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_back_and_refuses_any_change() {
        let key = b"k-k-k-k-k-k-k-k-k-k-k-k-k-k-k-k-k";
        let u = Unsubscribe { recipient: Recipient::User(12), kind: "digest".into(), channel: Channel::Email };
        let t = token(key, &u);
        assert!(t.starts_with("u12.digest.email."), "{t}");
        assert_eq!(read(key, &t), Some(u.clone()));
        assert_eq!(read(b"another key another key another!", &t), None);
        assert_eq!(read(key, &t.replace("u12", "u13")), None, "another person");
        assert_eq!(read(key, &t.replace("email", "sms")), None, "another channel");
        assert_eq!(read(key, "rubbish"), None);
        let a = Unsubscribe { recipient: Recipient::Appeal(7), kind: "escalated".into(), channel: Channel::Sms };
        assert_eq!(read(key, &token(key, &a)), Some(a));
        let legal = Unsubscribe { recipient: Recipient::Appeal(7), kind: "answered".into(), channel: Channel::Email };
        assert_eq!(read(key, &token(key, &legal)), None, "a legal notice cannot be switched off");
    }
}
