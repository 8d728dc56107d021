//! `GET/POST /{lang}/staff/templates`: a head keeps the institution's answer
//! templates; officers pick one on an appeal's page to start an answer.

use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::{Locale, Role, Scope};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

pub struct Row {
    pub id: i64,
    pub institution: String,
    pub language: String,
    pub title: String,
}

#[derive(Template)]
#[template(path = "inbox/templates.html")]
struct TemplatesPage {
    page: Page,
    institutions: Vec<(i64, String)>,
    rows: Vec<Row>,
    error: Option<String>,
}

/// The institutions the user heads.
fn headed(ctx: &Ctx) -> Vec<i64> {
    ctx.auth
        .principal
        .as_ref()
        .map(|p| {
            p.grants
                .iter()
                .filter(|g| g.role == Role::Head)
                .filter_map(|g| if let Scope::Institution(i) = g.scope { Some(i) } else { None })
                .collect()
        })
        .unwrap_or_default()
}

async fn page(state: &AppState, ctx: &Ctx, status: StatusCode, error: Option<String>) -> AppResult<Response> {
    let mut institutions = Vec::new();
    let mut rows = Vec::new();
    for id in headed(ctx) {
        let Some(i) = state.store.institution(id).await? else { continue };
        let name = match ctx.locale {
            Locale::Ru => i.name_ru,
            Locale::En => i.name_en,
            _ => i.name_kk,
        };
        for t in state.store.templates(id).await? {
            rows.push(Row {
                id: t.id,
                institution: name.clone(),
                language: ctx.tr().t(&format!("language-{}", t.language)),
                title: t.title,
            });
        }
        institutions.push((id, name));
    }
    let body = TemplatesPage { page: ctx.page("templates-title"), institutions, rows, error };
    Ok(html(ctx.locale, status, &body))
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    page(&state, &ctx, StatusCode::OK, None).await
}

#[derive(Deserialize)]
pub struct TemplateForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    institution: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<TemplateForm>) -> AppResult<Response> {
    let mine = headed(&ctx);
    match f.action.as_str() {
        "add" => {
            let institution = f.institution.parse::<i64>().ok().filter(|i| mine.contains(i));
            let language = ["kk", "ru", "en"].contains(&f.language.as_str());
            use adaldyq_domain::appeal::{required_text, MAX_TEXT_CHARS};
            let (title, body) = (required_text(&f.title, 200), required_text(&f.body, MAX_TEXT_CHARS));
            let (Some(institution), true, Ok(title), Ok(body)) = (institution, language, title, body) else {
                return page(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(ctx.tr().t("templates-bad"))).await;
            };
            state.store.create_template(institution, &f.language, &title, &body).await?;
        }
        "delete" => {
            let id = f.id.parse::<i64>().map_err(|_| AppError::BadRequest)?;
            let t = state
                .store
                .template(id)
                .await?
                .filter(|t| mine.contains(&t.institution_id))
                .ok_or(AppError::NotFound)?;
            state.store.delete_template(t.id).await?;
        }
        _ => return Err(AppError::BadRequest),
    }
    Ok(ctx.see_other("/staff/templates"))
}
