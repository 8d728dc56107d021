//! `GET /{lang}/my/appeals`: a signed-in citizen's own (named) appeals, and
//! each one's page without the receipt secret.

use super::{date_text, parse_date};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{ok, Page};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

pub struct Row {
    pub number: String,
    pub subject: String,
    pub status: String,
    pub due: String,
}

#[derive(Template)]
#[template(path = "appeals/mine.html")]
struct MyAppeals {
    page: Page,
    rows: Vec<Row>,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let tr = ctx.tr();
    let p = ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)?;
    let rows = state
        .store
        .appeals_filed_by(p.user_id, 200)
        .await?
        .into_iter()
        .map(|a| Row {
            status: tr.t(&format!("status-{}", a.status.as_str().replace('_', "-"))),
            due: parse_date(&a.due_on).map(date_text).unwrap_or_default(),
            subject: a.subject,
            number: a.number,
        })
        .collect();
    let page = ctx.page("my-appeals-title");
    Ok(ok(&page, &MyAppeals { page: page.clone(), rows }))
}
