//! Signing in (e-mail and password, then the TOTP code when the user has
//! turned it on) and signing out. Failed attempts slow down the e-mail
//! address typed, known or not, with the same answers either way (see
//! [`super::throttle`]); the route is also rate limited per client address.

use super::throttle::{device_cookie, known_device, Subject};
use super::{clear_session_cookie, new_token, password, principal_for, session_cookie, totp};
use crate::error::AppResult;
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::account::normalise_email;
use adaldyq_store::NewSession;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "auth/sign_in.html")]
struct SignInPage {
    page: Page,
    email: String,
    next: String,
    error: Option<String>,
    /// Throttled: the code of an authenticator app may come with the password.
    ask_code: bool,
}

#[derive(Template)]
#[template(path = "auth/sign_in_code.html")]
struct CodePage {
    page: Page,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    /// Only on the throttled form: the second-factor code, with the password.
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Only a path on this site is followed after signing in: it must start
/// with one `/`, hold no control character or backslash (browsers drop tabs
/// and newlines and read `\` as `/`, so `/\t/evil.example` is
/// `//evil.example`), and resolve against a fixed origin to that same
/// origin. What is followed is the parsed path and query, percent-encoded,
/// so it is always a valid `Location`.
pub fn safe_next(next: &str) -> Option<String> {
    if !next.starts_with('/') || next.starts_with("//") || next.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let base = url::Url::parse("http://adaldyq.invalid/").expect("a fixed, valid base");
    let joined = base.join(next).ok()?;
    if joined.origin() != base.origin() || joined.username() != "" || joined.password().is_some() {
        return None;
    }
    let local = &joined[url::Position::BeforePath..url::Position::AfterQuery];
    (local.starts_with('/') && !local.starts_with("//")).then(|| local.to_owned())
}

pub async fn form(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    let page = ctx.page("sign-in-title");
    html(
        ctx.locale,
        StatusCode::OK,
        &SignInPage { page, email: String::new(), next: q.next, error: None, ask_code: false },
    )
}

/// The password is always checked with Argon2id (against a dummy hash for an
/// unknown address), throttled or not, so neither the answer nor its time
/// tells whether an account exists.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let again = |status: StatusCode, error: String, ask_code: bool, f: &SignInForm| {
        let page = ctx.page("sign-in-title");
        let t = SignInPage { page, email: f.email.clone(), next: f.next.clone(), error: Some(error), ask_code };
        html(ctx.locale, status, &t)
    };
    if f.password.len() > adaldyq_domain::account::MAX_PASSWORD_BYTES {
        return Ok(again(StatusCode::UNAUTHORIZED, tr.t("sign-in-wrong"), false, &f));
    }
    let email = normalise_email(&f.email).ok();
    let user = match &email {
        Some(email) => state.store.user_by_email(email).await?,
        None => None,
    };
    let typed = email.clone().unwrap_or_else(|| f.email.trim().to_lowercase());
    let t = now();
    let throttle = &state.limits.accounts;
    // A browser this account signed in from before is counted on its own,
    // so a stranger's failures do not shut the owner out.
    let device = user.as_ref().and_then(|u| known_device(&state.config, &headers, u.id, t));
    let subject = match &device {
        Some(nonce) => Subject::Device(nonce),
        None => Subject::Email(&typed),
    };
    let throttled = throttle.check(subject).err();
    let ok = password::verify_async(f.password.clone(), user.as_ref().map(|u| u.password_hash.clone())).await;
    let user = user.filter(|_| ok);
    if let Some(wait) = throttled {
        // Only the right password with the right second-factor code passes.
        if let Some(user) = user.filter(|u| u.totp_enabled) {
            let step = user.totp_secret.as_deref().and_then(|s| totp::matching_step(s, &f.code, t));
            if let Some(step) = step {
                if state.store.spend_totp_step(user.id, step).await? {
                    throttle.succeeded(Subject::Code(user.id));
                    return signed_in(&state, &ctx, &user, &f.next, false).await;
                }
            }
        }
        let minutes = (wait as i64 + 59) / 60;
        let mut r = again(StatusCode::TOO_MANY_REQUESTS, tr.count("sign-in-throttled", minutes), true, &f);
        r.headers_mut().insert(header::RETRY_AFTER, wait.to_string().parse().expect("digits"));
        return Ok(r);
    }
    let Some(user) = user else {
        throttle.failed(subject);
        return Ok(again(StatusCode::UNAUTHORIZED, tr.t("sign-in-wrong"), false, &f));
    };
    throttle.succeeded(subject);
    signed_in(&state, &ctx, &user, &f.next, user.totp_enabled).await
}

/// A new session for a user whose password was accepted; the second step
/// still to come when `pending`, else this browser becomes a known device.
async fn signed_in(
    state: &AppState,
    ctx: &Ctx,
    user: &adaldyq_store::User,
    next: &str,
    pending: bool,
) -> AppResult<Response> {
    let t = now();
    // A new session on every sign-in: a session fixed before cannot be reused.
    if let Some(old) = &ctx.auth.token_hash {
        state.store.delete_session(old).await?;
    }
    let (token, hash) = new_token();
    let hours = state.config.session_hours;
    state
        .store
        .create_session(&NewSession {
            token_hash: hash,
            user_id: user.id,
            created_at: t,
            expires_at: t + hours * 3600,
            second_factor_pending: pending,
        })
        .await?;
    let target = if pending { ctx.href("/sign-in/code") } else { landing(state, ctx, user, next).await? };
    let mut r = Redirect::to(&target).into_response();
    r.headers_mut().append(header::SET_COOKIE, session_cookie(state, &token, hours * 3600));
    if !pending {
        r.headers_mut().append(header::SET_COOKIE, device_cookie(&state.config, user.id, t));
    }
    Ok(r)
}

/// Where a user goes once signed in: where they were heading, else their
/// day's work: the inbox for staff who have one, the staff workspace (their
/// administration or monitoring pages) for other staff, the account page
/// for others.
async fn landing(state: &AppState, ctx: &Ctx, user: &adaldyq_store::User, next: &str) -> AppResult<String> {
    if let Some(next) = safe_next(next) {
        return Ok(next);
    }
    let p = principal_for(state, user).await?;
    Ok(if p.must_set_up_second_factor {
        ctx.href("/account/second-factor")
    } else if crate::pages::staff::may_open(&crate::routes::routes(), Some(&p), "/staff/appeals") {
        ctx.href("/staff/appeals")
    } else if p.is_staff() {
        ctx.href("/staff")
    } else {
        ctx.href("/account")
    })
}

pub async fn code_form(ctx: Ctx) -> Response {
    if !ctx.auth.second_factor_pending {
        return ctx.see_other("/sign-in");
    }
    html(ctx.locale, StatusCode::OK, &CodePage { page: ctx.page("code-title"), error: None })
}

pub async fn code_submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<CodeForm>) -> AppResult<Response> {
    let (Some(hash), Some(u)) = (ctx.auth.token_hash.clone(), ctx.auth.user.clone()) else {
        return Ok(ctx.see_other("/sign-in"));
    };
    if !ctx.auth.second_factor_pending {
        return Ok(ctx.see_other("/account"));
    }
    let user = state.store.user(u.id).await?.ok_or(crate::error::AppError::NotFound)?;
    let t = now();
    let throttle = &state.limits.accounts;
    if throttle.check(Subject::Code(user.id)).is_err() {
        return Ok(html(
            ctx.locale,
            StatusCode::TOO_MANY_REQUESTS,
            &CodePage { page: ctx.page("code-title"), error: Some(ctx.tr().t("code-locked")) },
        ));
    }
    let step = user.totp_secret.as_deref().and_then(|s| totp::matching_step(s, &f.code, t));
    let fresh = match step {
        Some(step) => state.store.spend_totp_step(user.id, step).await?,
        None => false,
    };
    if !fresh {
        throttle.failed(Subject::Code(user.id));
        return Ok(html(
            ctx.locale,
            StatusCode::UNAUTHORIZED,
            &CodePage { page: ctx.page("code-title"), error: Some(ctx.tr().t("code-wrong")) },
        ));
    }
    throttle.succeeded(Subject::Code(user.id));
    state.store.complete_second_factor(&hash).await?;
    let mut r = Redirect::to(&landing(&state, &ctx, &user, "").await?).into_response();
    r.headers_mut().append(header::SET_COOKIE, device_cookie(&state.config, user.id, t));
    Ok(r)
}

pub async fn sign_out(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if let Some(hash) = &ctx.auth.token_hash {
        state.store.delete_session(hash).await?;
    }
    let mut r = ctx.see_other("/");
    r.headers_mut().append(header::SET_COOKIE, clear_session_cookie(&state));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::safe_next;
    use proptest::prelude::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/kk/staff").as_deref(), Some("/kk/staff"));
        assert_eq!(safe_next("/en/staff/appeals?status=new&q=a").as_deref(), Some("/en/staff/appeals?status=new&q=a"));
        assert_eq!(safe_next("/ru/staff/appeals?q=жер").as_deref(), Some("/ru/staff/appeals?q=%D0%B6%D0%B5%D1%80"));
        assert_eq!(safe_next("/kk/a/../staff").as_deref(), Some("/kk/staff"));
        for bad in [
            "",
            "staff",
            "//evil.example",
            "///evil.example",
            "https://evil.example",
            "/\\evil",
            "/\\/evil.example",
            "/\t/evil.example/phish",
            "/\n/x",
            "/\r\n/x",
            "/x\u{7f}",
            "/\u{0}/x",
            "/\u{85}/x",
            " //evil.example",
            "\t//evil.example",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }

    proptest! {
        /// Whatever is typed, what is followed is a path on our own origin
        /// that a browser cannot read as another host, and a valid header.
        #[test]
        fn whatever_comes_in_stays_on_this_site(next in "/?[/\\\\\t\n\r a-z.:%@?#0-9\u{0}-\u{1f}\u{80}-\u{9f}]{0,24}") {
            if let Some(local) = safe_next(&next) {
                prop_assert!(local.starts_with('/') && !local.starts_with("//"), "{local:?}");
                prop_assert!(!local.contains('\\'), "{local:?}");
                prop_assert!(local.bytes().all(|b| (0x21..0x7f).contains(&b)), "{local:?}");
                prop_assert!(axum::http::HeaderValue::from_str(&local).is_ok());
                let base = url::Url::parse("https://site.example/").unwrap();
                prop_assert_eq!(base.join(&local).unwrap().origin(), base.origin());
            }
        }
    }
}
