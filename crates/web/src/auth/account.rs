//! One's own account: the overview, changing the password, and turning the
//! second factor (TOTP) on and off.

use super::{password, totp};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{html, ok, Page};
use crate::state::{now, AppState};
use adaldyq_domain::account::{check_password, AccountProblem};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "auth/account.html")]
struct AccountPage {
    page: Page,
    name: String,
    email: String,
    totp_enabled: bool,
    must_set_up: bool,
}

#[derive(Template)]
#[template(path = "auth/password.html")]
struct PasswordPage {
    page: Page,
    errors: Vec<(String, String)>,
    done: bool,
}

#[derive(Template)]
#[template(path = "auth/second_factor.html")]
struct SecondFactorPage {
    page: Page,
    enabled: bool,
    required: bool,
    secret: String,
    qr: String,
    error: Option<String>,
    done: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

fn user_id(ctx: &Ctx) -> AppResult<i64> {
    ctx.auth.user.as_ref().map(|u| u.id).ok_or(AppError::Forbidden)
}

pub async fn show(ctx: Ctx) -> AppResult<Response> {
    let u = ctx.auth.user.clone().ok_or(AppError::Forbidden)?;
    let must = ctx.auth.principal.as_ref().is_some_and(|p| p.must_set_up_second_factor);
    let page = ctx.page("account-title");
    Ok(ok(
        &page,
        &AccountPage {
            page: page.clone(),
            name: u.name,
            email: u.email,
            totp_enabled: u.totp_enabled,
            must_set_up: must,
        },
    ))
}

pub async fn password_form(ctx: Ctx, Query(q): Query<Done>) -> Response {
    let page = ctx.page("password-title");
    ok(&page, &PasswordPage { page: page.clone(), errors: vec![], done: q.done == "1" })
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

pub async fn password_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PasswordForm>,
) -> AppResult<Response> {
    let id = user_id(&ctx)?;
    let user = state.store.user(id).await?.ok_or(AppError::NotFound)?;
    let tr = ctx.tr();
    let mut errors = Vec::new();
    if f.current.len() > adaldyq_domain::account::MAX_PASSWORD_BYTES
        || !password::verify_async(f.current.clone(), Some(user.password_hash.clone())).await
    {
        errors.push(("current".to_owned(), tr.t("password-current-wrong")));
    }
    match check_password(&f.new) {
        Err(AccountProblem::PasswordTooShort) => errors
            .push(("new".into(), tr.count("password-too-short", adaldyq_domain::account::MIN_PASSWORD_CHARS as i64))),
        Err(_) => errors.push(("new".into(), tr.t("password-too-long"))),
        Ok(()) if f.new != f.confirm => errors.push(("confirm".into(), tr.t("password-mismatch"))),
        Ok(()) => {}
    }
    if !errors.is_empty() {
        let page = ctx.page("password-title");
        return Ok(html(ctx.locale, StatusCode::UNPROCESSABLE_ENTITY, &PasswordPage { page, errors, done: false }));
    }
    state.store.set_password(id, &password::hash_async(f.new).await).await?;
    if let Some(keep) = &ctx.auth.token_hash {
        state.store.delete_other_sessions(id, keep).await?;
    }
    Ok(ctx.see_other("/account/password?done=1"))
}

async fn second_factor_page(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    error: Option<String>,
    done: Option<String>,
) -> AppResult<Response> {
    let id = user_id(ctx)?;
    let mut user = state.store.user(id).await?.ok_or(AppError::NotFound)?;
    let required = ctx.auth.principal.as_ref().is_some_and(|p| p.must_set_up_second_factor);
    if !user.totp_enabled && user.totp_secret.is_none() {
        let secret = totp::new_secret();
        state.store.set_totp(id, Some(&secret), false).await?;
        user.totp_secret = Some(secret);
    }
    let (secret, qr) = match (&user.totp_secret, user.totp_enabled) {
        (Some(s), false) => {
            let uri = totp::uri(s, &user.email).unwrap_or_default();
            (s.clone(), totp::qr_svg(&uri).unwrap_or_default())
        }
        _ => (String::new(), String::new()),
    };
    let page = ctx.page("second-factor-title");
    let body = SecondFactorPage { page, enabled: user.totp_enabled, required, secret, qr, error, done };
    Ok(html(ctx.locale, status, &body))
}

pub async fn second_factor_form(State(state): State<AppState>, ctx: Ctx, Query(q): Query<Done>) -> AppResult<Response> {
    let done = match q.done.as_str() {
        "on" => Some(ctx.tr().t("second-factor-turned-on")),
        "off" => Some(ctx.tr().t("second-factor-turned-off")),
        _ => None,
    };
    second_factor_page(&state, &ctx, StatusCode::OK, None, done).await
}

#[derive(Deserialize)]
pub struct SecondFactorForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    code: String,
}

pub async fn second_factor_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SecondFactorForm>,
) -> AppResult<Response> {
    let id = user_id(&ctx)?;
    let user = state.store.user(id).await?.ok_or(AppError::NotFound)?;
    let Some(secret) = user.totp_secret.clone() else {
        return second_factor_page(&state, &ctx, StatusCode::OK, None, None).await;
    };
    let step = totp::matching_step(&secret, &f.code, now());
    let fresh = match step {
        Some(s) => state.store.spend_totp_step(id, s).await?,
        None => false,
    };
    if !fresh {
        let error = Some(ctx.tr().t("code-wrong"));
        return second_factor_page(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, error, None).await;
    }
    match f.action.as_str() {
        "enable" => {
            state.store.set_totp(id, Some(&secret), true).await?;
            // keep the step just used spent
            state.store.spend_totp_step(id, step.unwrap_or(0)).await?;
            Ok(ctx.see_other("/account/second-factor?done=on"))
        }
        "disable" => {
            let required = {
                let policies = state.store.role_policies().await?;
                let grants = state.store.grants(id).await?;
                grants.iter().any(|g| policies.iter().any(|p| p.role == g.role && p.require_second_factor))
            };
            if required {
                let error = Some(ctx.tr().t("second-factor-required-cannot-disable"));
                return second_factor_page(&state, &ctx, StatusCode::CONFLICT, error, None).await;
            }
            state.store.set_totp(id, None, false).await?;
            Ok(ctx.see_other("/account/second-factor?done=off"))
        }
        _ => Err(AppError::BadRequest),
    }
}
