//! `GET/POST /{lang}/admin/tokens`: API tokens for staff integrations. A
//! token is shown once when issued; only its hash is kept; revoking it
//! ends its use at once.

use crate::auth::new_token;
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::account::normalise_email;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

pub struct Row {
    pub id: i64,
    pub name: String,
    pub owner: String,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "admin/tokens.html")]
struct TokensPage {
    page: Page,
    rows: Vec<Row>,
    issued: Option<String>,
    error: Option<String>,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    issued: Option<String>,
    error: Option<String>,
) -> AppResult<Response> {
    let mut rows = Vec::new();
    for t in state.store.tokens().await? {
        let owner = state.store.user(t.user_id).await?.map(|u| u.email).unwrap_or_default();
        rows.push(Row { id: t.id, name: t.name, owner, revoked: t.revoked_at.is_some() });
    }
    let body = TokensPage { page: ctx.page("tokens-title"), rows, issued, error };
    Ok(html(ctx.locale, status, &body))
}

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    page(&state, &ctx, StatusCode::OK, None, None).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    id: String,
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<TokenForm>) -> AppResult<Response> {
    let tr = ctx.tr();
    match f.action.as_str() {
        "issue" => {
            let user = match normalise_email(&f.email) {
                Ok(e) => state.store.user_by_email(&e).await?,
                Err(_) => None,
            };
            let staff = match &user {
                Some(u) => state.store.grants(u.id).await?.iter().any(|g| g.role.is_staff()),
                None => false,
            };
            let name = adaldyq_domain::appeal::required_text(&f.name, 200);
            let (Some(user), true, Ok(name)) = (user, staff, name) else {
                return page(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, None, Some(tr.t("tokens-bad"))).await;
            };
            let (token, hash) = new_token();
            state.store.create_token(user.id, &hash, &name, now()).await?;
            page(&state, &ctx, StatusCode::CREATED, Some(token), None).await
        }
        "revoke" => {
            let id = f.id.parse::<i64>().map_err(|_| AppError::BadRequest)?;
            state.store.revoke_token(id, now()).await?;
            Ok(ctx.see_other("/admin/tokens"))
        }
        _ => Err(AppError::BadRequest),
    }
}
