//! The list of users and their grants.

use crate::error::AppResult;
use crate::pages::staff::scope_name;
use crate::pages::Ctx;
use crate::render::{ok, Page};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

pub struct Row {
    pub name: String,
    pub email: String,
    pub totp: bool,
    pub demo: bool,
    /// (role's message key, scope in words)
    pub grants: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    page: Page,
    rows: Vec<Row>,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let mut rows = Vec::new();
    for u in state.store.users().await? {
        let mut grants = Vec::new();
        for g in state.store.grants(u.id).await? {
            grants.push((
                format!("role-{}", g.role.as_str().replace('_', "-")),
                scope_name(&state, &ctx, &g.scope).await,
            ));
        }
        rows.push(Row { name: u.name, email: u.email, totp: u.totp_enabled, demo: u.is_demo, grants });
    }
    let page = ctx.page("users-title");
    Ok(ok(&page, &UsersPage { page: page.clone(), rows }))
}
