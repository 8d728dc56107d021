//! Which roles must use a second factor.

use crate::error::AppResult;
use crate::pages::Ctx;
use crate::render::{ok, Page};
use crate::state::AppState;
use adaldyq_domain::Role;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::Form;

#[derive(Template)]
#[template(path = "admin/security.html")]
struct SecurityPage {
    page: Page,
    /// (role name, role's message key, required)
    roles: Vec<(&'static str, String, bool)>,
}

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let policies = state.store.role_policies().await?;
    let roles = Role::ALL
        .iter()
        .filter(|r| r.is_staff())
        .map(|r| {
            let required = policies.iter().any(|p| p.role == *r && p.require_second_factor);
            (r.as_str(), format!("role-{}", r.as_str().replace('_', "-")), required)
        })
        .collect();
    let page = ctx.page("security-title");
    Ok(ok(&page, &SecurityPage { page: page.clone(), roles }))
}

/// The form sends one `require` field per checked role.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    for role in Role::ALL.iter().filter(|r| r.is_staff()) {
        let required = pairs.iter().any(|(k, v)| k == "require" && v == role.as_str());
        state.store.set_role_policy(*role, required, &ctx.auth.actor(adaldyq_domain::Role::Administrator)).await?;
    }
    Ok(ctx.see_other("/admin/security"))
}
