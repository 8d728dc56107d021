//! Signing in (e-mail and password, then the TOTP code when the user has
//! turned it on) and signing out. Failed attempts count per account: after
//! a few the account is locked for a while; the route is also rate limited
//! per client address.

use super::{clear_session_cookie, new_token, password, principal_for, session_cookie, totp};
use crate::error::AppResult;
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::account::normalise_email;
use adaldyq_store::NewSession;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    page: Page,
    email: String,
    next: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "sign_in_code.html")]
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
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Only a path on this site is followed after signing in.
fn safe_next(next: &str) -> Option<&str> {
    (next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.contains("://")).then_some(next)
}

pub async fn form(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    let page = ctx.page("sign-in-title");
    html(ctx.locale, StatusCode::OK, &SignInPage { page, email: String::new(), next: q.next, error: None })
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<SignInForm>) -> AppResult<Response> {
    let tr = ctx.tr();
    let again = |status: StatusCode, key: &str, f: &SignInForm| {
        let page = ctx.page("sign-in-title");
        let t = SignInPage { page, email: f.email.clone(), next: f.next.clone(), error: Some(tr.t(key)) };
        html(ctx.locale, status, &t)
    };
    if f.password.len() > adaldyq_domain::account::MAX_PASSWORD_BYTES {
        return Ok(again(StatusCode::UNAUTHORIZED, "sign-in-wrong", &f));
    }
    let user = match normalise_email(&f.email) {
        Ok(email) => state.store.user_by_email(&email).await?,
        Err(_) => None,
    };
    let t = now();
    if let Some(u) = &user {
        if let Some(until) = u.locked_until.filter(|until| *until > t) {
            let minutes = ((until - t) + 59) / 60;
            let page = ctx.page("sign-in-title");
            let body = SignInPage {
                page,
                email: f.email.clone(),
                next: f.next.clone(),
                error: Some(tr.count("sign-in-locked", minutes)),
            };
            let mut r = html(ctx.locale, StatusCode::TOO_MANY_REQUESTS, &body);
            r.headers_mut().insert(header::RETRY_AFTER, (until - t).to_string().parse().expect("digits"));
            return Ok(r);
        }
    }
    let ok = password::verify_async(f.password.clone(), user.as_ref().map(|u| u.password_hash.clone())).await;
    let Some(user) = user.clone().filter(|_| ok) else {
        if let Some(u) = &user {
            let c = &state.config;
            state.store.record_failed_sign_in(u.id, t, c.sign_in_lock_after, c.sign_in_lock_minutes * 60).await?;
        }
        return Ok(again(StatusCode::UNAUTHORIZED, "sign-in-wrong", &f));
    };
    state.store.clear_failed_sign_ins(user.id).await?;
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
            second_factor_pending: user.totp_enabled,
        })
        .await?;
    let target =
        if user.totp_enabled { ctx.href("/sign-in/code") } else { landing(&state, &ctx, &user, &f.next).await? };
    let mut r = Redirect::to(&target).into_response();
    r.headers_mut().append(header::SET_COOKIE, session_cookie(&state, &token, hours * 3600));
    Ok(r)
}

/// Where a user goes once signed in: where they were heading, else the staff
/// page for staff and the account page for others.
async fn landing(state: &AppState, ctx: &Ctx, user: &adaldyq_store::User, next: &str) -> AppResult<String> {
    if let Some(next) = safe_next(next) {
        return Ok(next.to_owned());
    }
    let p = principal_for(state, user).await?;
    Ok(if p.must_set_up_second_factor {
        ctx.href("/account/second-factor")
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
    if user.locked_until.is_some_and(|until| until > t) {
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
        let c = &state.config;
        state.store.record_failed_sign_in(user.id, t, c.sign_in_lock_after, c.sign_in_lock_minutes * 60).await?;
        return Ok(html(
            ctx.locale,
            StatusCode::UNAUTHORIZED,
            &CodePage { page: ctx.page("code-title"), error: Some(ctx.tr().t("code-wrong")) },
        ));
    }
    state.store.clear_failed_sign_ins(user.id).await?;
    state.store.complete_second_factor(&hash).await?;
    Ok(Redirect::to(&landing(&state, &ctx, &user, "").await?).into_response())
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
    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(super::safe_next("/kk/staff"), Some("/kk/staff"));
        for bad in ["", "//evil.example", "https://evil.example", "/\\evil", "staff"] {
            assert_eq!(super::safe_next(bad), None, "{bad}");
        }
    }
}
