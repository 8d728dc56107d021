//! The staff start page: the roles one holds and where.

use super::Ctx;
use crate::error::AppResult;
use crate::render::{ok, Page};
use crate::state::AppState;
use adaldyq_domain::Scope;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

#[derive(Template)]
#[template(path = "staff.html")]
struct Staff {
    page: Page,
    /// (role's message key, where in words)
    grants: Vec<(String, String)>,
    /// For an administrator: the working-day decrees not entered yet.
    decree_warnings: Vec<String>,
}

/// Describes a scope in the reader's language.
pub async fn scope_name(state: &AppState, ctx: &Ctx, scope: &Scope) -> String {
    let tr = ctx.tr();
    match scope {
        Scope::All => tr.t("scope-all"),
        Scope::Own => tr.t("scope-own"),
        Scope::Territory(code) => match state.store.territory(code).await {
            Ok(Some(t)) if ctx.locale == adaldyq_domain::Locale::Ru => t.name_ru,
            Ok(Some(t)) => t.name_kk,
            _ => code.clone(),
        },
        Scope::Institution(id) => match state.store.institution(*id).await {
            Ok(Some(i)) => match ctx.locale {
                adaldyq_domain::Locale::Ru => i.name_ru,
                adaldyq_domain::Locale::En => i.name_en,
                _ => i.name_kk,
            },
            _ => format!("#{id}"),
        },
    }
}

pub async fn show(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let mut grants = Vec::new();
    if let Some(p) = &ctx.auth.principal {
        for g in &p.grants {
            grants.push((
                format!("role-{}", g.role.as_str().replace('_', "-")),
                scope_name(&state, &ctx, &g.scope).await,
            ));
        }
    }
    let decree_warnings = if ctx.auth.is_admin() {
        let calendar = state.calendar();
        crate::admin::calendar::decree_warnings(ctx.tr(), &calendar, crate::admin::calendar::today(&calendar))
    } else {
        Vec::new()
    };
    Ok(ok(&ctx.page("staff-title"), &Staff { page: ctx.page("staff-title"), grants, decree_warnings }))
}
