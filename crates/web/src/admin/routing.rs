//! `GET/POST /{lang}/admin/routing`: categories of appeals under each kind,
//! and the routing rules (category × territory → institution, with a
//! default per territory). Every change is recorded.

use crate::appeals::new::{institution_groups, territory_groups, TerritoryGroup};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::appeal::AppealKind;
use adaldyq_domain::Locale;
use adaldyq_domain::Role;
use adaldyq_store::NewCategory;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

pub struct CategoryRow {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub active: bool,
}

pub struct RuleRow {
    pub id: i64,
    pub category: String,
    pub territory: String,
    pub institution: String,
}

#[derive(Template)]
#[template(path = "admin/routing.html")]
struct RoutingPage {
    page: Page,
    kinds: Vec<(&'static str, String)>,
    categories: Vec<CategoryRow>,
    rules: Vec<RuleRow>,
    territories: Vec<TerritoryGroup>,
    institutions: Vec<TerritoryGroup>,
    error: Option<String>,
}

fn pick(locale: Locale, kk: &str, ru: &str, en: &str) -> String {
    match locale {
        Locale::Ru => ru.to_owned(),
        Locale::En => en.to_owned(),
        _ => kk.to_owned(),
    }
}

async fn page(state: &AppState, ctx: &Ctx, status: StatusCode, error: Option<String>) -> AppResult<Response> {
    let tr = ctx.tr();
    let all_territories = state.territories().await?;
    let institutions = state.store.institutions(None).await?;
    let categories = state.store.categories().await?;
    let kind_name = |k: AppealKind| tr.t(&format!("kind-{}", k.as_str().replace('_', "-")));
    let rules = state
        .store
        .rules()
        .await?
        .into_iter()
        .map(|r| RuleRow {
            id: r.id,
            category: r
                .category_id
                .and_then(|id| categories.iter().find(|c| c.id == id))
                .map(|c| pick(ctx.locale, &c.name_kk, &c.name_ru, &c.name_en))
                .unwrap_or_else(|| tr.t("routing-default")),
            territory: all_territories
                .iter()
                .find(|t| t.code == r.territory_code)
                .map(|t| if ctx.locale == Locale::Ru { t.name_ru.clone() } else { t.name_kk.clone() })
                .unwrap_or(r.territory_code.clone()),
            institution: institutions
                .iter()
                .find(|i| i.id == r.institution_id)
                .map(|i| pick(ctx.locale, &i.name_kk, &i.name_ru, &i.name_en))
                .unwrap_or_default(),
        })
        .collect();
    let body = RoutingPage {
        page: ctx.page("routing-title"),
        kinds: AppealKind::ALL.iter().map(|k| (k.as_str(), kind_name(*k))).collect(),
        categories: categories
            .iter()
            .map(|c| CategoryRow {
                id: c.id,
                kind: kind_name(c.kind),
                name: pick(ctx.locale, &c.name_kk, &c.name_ru, &c.name_en),
                active: c.active,
            })
            .collect(),
        rules,
        territories: territory_groups(ctx.locale, &all_territories),
        institutions: institution_groups(ctx.locale, &all_territories, &institutions),
        error,
    };
    Ok(html(ctx.locale, status, &body))
}

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    page(&state, &ctx, StatusCode::OK, None).await
}

#[derive(Deserialize)]
pub struct RoutingForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name_kk: String,
    #[serde(default)]
    name_ru: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    territory: String,
    #[serde(default)]
    institution: String,
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<RoutingForm>) -> AppResult<Response> {
    let tr = ctx.tr();
    let refuse = |key: &str| Some(tr.t(key));
    let by = ctx.auth.actor(Role::Administrator);
    match f.action.as_str() {
        "add_category" => {
            let Some(kind) = AppealKind::parse(&f.kind) else {
                return page(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, refuse("routing-category-bad")).await;
            };
            let text = |n: &str| adaldyq_domain::appeal::required_text(n, 200);
            let (Ok(name_kk), Ok(name_ru), Ok(name_en)) = (text(&f.name_kk), text(&f.name_ru), text(&f.name_en)) else {
                return page(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, refuse("routing-category-bad")).await;
            };
            let new = NewCategory { kind, name_kk, name_ru, name_en };
            state.store.create_category(&new, &by).await?;
        }
        "toggle_category" => {
            let id = f.id.parse::<i64>().map_err(|_| AppError::BadRequest)?;
            let c = state.store.category(id).await?.ok_or(AppError::NotFound)?;
            state.store.set_category_active(id, !c.active, &by).await?;
        }
        "add_rule" => {
            let category = if f.category.is_empty() { None } else { f.category.parse::<i64>().ok() };
            let institution = f.institution.parse::<i64>().ok();
            let valid = state.store.territory(&f.territory).await?.is_some()
                && match institution {
                    Some(i) => state.store.institution(i).await?.is_some(),
                    None => false,
                }
                && match category {
                    Some(c) => state.store.category(c).await?.is_some(),
                    None => f.category.is_empty(),
                };
            let (true, Some(institution)) = (valid, institution) else {
                return page(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, refuse("routing-rule-bad")).await;
            };
            state.store.create_rule(category, &f.territory, institution, &by).await?;
        }
        "delete_rule" => {
            let id = f.id.parse::<i64>().map_err(|_| AppError::BadRequest)?;
            if !state.store.delete_rule(id, &by).await? {
                return Err(AppError::NotFound);
            }
        }
        _ => return Err(AppError::BadRequest),
    }
    Ok(ctx.see_other("/admin/routing"))
}
