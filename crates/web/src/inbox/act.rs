//! The staff forms on an appeal's page: answer, clarify, extend, forward,
//! assign, note. Each is a thin call of [`super::core`]; this file turns the
//! outcome into a redirect or the page again with the reason (and the text
//! typed kept).

use super::core::{self, ActError};
use super::show::render;
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::state::AppState;
use adaldyq_domain::Principal;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

/// The form fields of every staff action (each uses its own).
#[derive(Deserialize, Default)]
pub struct ActForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    institution: String,
    #[serde(default)]
    officer: String,
}

fn principal(ctx: &Ctx) -> AppResult<Principal> {
    ctx.auth.principal.clone().ok_or(AppError::Forbidden)
}

/// A redirect on success; the page with the reason otherwise.
async fn outcome(
    state: &AppState,
    ctx: &Ctx,
    number: &str,
    result: core::ActResult<adaldyq_store::Appeal>,
    then: &str,
    typed: String,
) -> AppResult<Response> {
    let tr = ctx.tr();
    match result {
        Ok(_) => Ok(ctx.see_other(then)),
        Err(ActError::NotFound) => Err(AppError::NotFound),
        Err(ActError::Forbidden) => Err(AppError::Forbidden),
        Err(ActError::Invalid(key)) => {
            render(state, ctx, number, StatusCode::UNPROCESSABLE_ENTITY, typed, Some(tr.t(key))).await
        }
        Err(ActError::Conflict(key)) => render(state, ctx, number, StatusCode::CONFLICT, typed, Some(tr.t(key))).await,
        Err(ActError::Store(e)) => Err(e.into()),
    }
}

pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::answer(&state, &principal(&ctx)?, &number, &f.text).await;
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), f.text).await
}

pub async fn clarify(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::clarify(&state, &principal(&ctx)?, &number, &f.question).await;
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), String::new()).await
}

pub async fn extend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::extend(&state, &principal(&ctx)?, &number, &f.due, &f.reason).await;
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), String::new()).await
}

pub async fn forward(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::forward(&state, &principal(&ctx)?, &number, &f.institution, &f.reason).await;
    // The appeal now belongs to another body: back to one's inbox.
    outcome(&state, &ctx, &number, r, "/staff/appeals", String::new()).await
}

pub async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::assign(&state, &principal(&ctx)?, &number, &f.officer).await;
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), String::new()).await
}

pub async fn note(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::note(&state, &principal(&ctx)?, &number, &f.text).await;
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), String::new()).await
}
