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
#[template(path = "pages/staff.html")]
struct Staff {
    page: Page,
    /// (role's message key, where in words)
    grants: Vec<(String, String)>,
    /// For an administrator: the working-day decrees not entered yet.
    decree_warnings: Vec<String>,
    /// (path after the language, title key) of the day's work and of the
    /// administration pages: only those this user's grants open.
    work: Vec<(&'static str, &'static str)>,
    admin: Vec<(&'static str, &'static str)>,
}

impl Staff {
    fn opens(&self, rest: &str) -> bool {
        self.admin.iter().any(|(r, _)| *r == rest)
    }
}

const WORK: [(&str, &str); 3] = [
    ("/staff/appeals", "inbox-title"),
    ("/staff/templates", "templates-title"),
    ("/staff/receptions", "rstaff-list-title"),
];
const ADMIN: [(&str, &str); 7] = [
    ("/admin/users", "users-title"),
    ("/admin/territories", "territories-title"),
    ("/admin/security", "security-title"),
    ("/admin/calendar", "calendar-admin-title"),
    ("/admin/tokens", "tokens-title"),
    ("/admin/routing", "routing-title"),
    ("/admin/notices", "notices-title"),
];

/// Whether the route table's guard lets `p` open the page at `/{lang}{rest}`:
/// the workspace links only where the reader may go (never to a 403).
pub fn may_open(table: &[crate::routes::RouteSpec], p: Option<&adaldyq_domain::Principal>, rest: &str) -> bool {
    let path = format!("/{{lang}}{rest}");
    table.iter().any(|r| {
        r.method == axum::http::Method::GET
            && r.path == path
            && adaldyq_domain::decide(p, r.action, &r.target) == adaldyq_domain::Decision::Allow
    })
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
    let p = ctx.auth.principal.as_ref();
    let table = crate::routes::routes();
    let work = WORK.into_iter().filter(|(rest, _)| may_open(&table, p, rest)).collect();
    let admin = ADMIN.into_iter().filter(|(rest, _)| may_open(&table, p, rest)).collect();
    let page = Staff { page: ctx.page("staff-title"), grants, decree_warnings, work, admin };
    Ok(ok(&ctx.page("staff-title"), &page))
}
