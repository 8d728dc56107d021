//! Loading or updating the territory tree from a KATO CSV: checked whole,
//! and nothing changes when any line is bad.

use crate::error::AppResult;
use crate::pages::Ctx;
use crate::render::{html, ok, Page};
use crate::state::AppState;
use adaldyq_domain::territory::parse_kato_csv;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "admin/territories.html")]
struct TerritoriesPage {
    page: Page,
    count: usize,
    csv: String,
    errors: Vec<String>,
    report: Option<String>,
}

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let count = state.store.territories().await?.len();
    let page = ctx.page("territories-title");
    Ok(ok(&page, &TerritoriesPage { page: page.clone(), count, csv: String::new(), errors: vec![], report: None }))
}

#[derive(Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    csv: String,
}

/// Outcome of an import, shared by the page, the API and the CLI.
pub enum Outcome {
    Done(adaldyq_store::ImportReport),
    Refused(Vec<adaldyq_domain::territory::LineError>),
}

pub async fn import(state: &AppState, csv: &str) -> AppResult<Outcome> {
    let known: HashMap<String, i32> =
        state.store.territories().await?.into_iter().map(|t| (t.code, t.level as i32)).collect();
    match parse_kato_csv(csv, &|code| known.get(code).copied()) {
        Ok(rows) => match state.store.upsert_territories(&rows).await {
            Ok(report) => {
                state.territories_changed();
                Ok(Outcome::Done(report))
            }
            // A loop through units already stored (the file alone had none):
            // the store names the unit; the reader gets its line.
            Err(adaldyq_store::StoreError::TerritoryLoop(code)) => {
                let line = csv.lines().position(|l| l.trim_start().starts_with(code.as_str())).unwrap_or(0);
                Ok(Outcome::Refused(vec![adaldyq_domain::territory::LineError {
                    line: line + 1,
                    problem: adaldyq_domain::territory::LineProblem::ParentCycle(code),
                }]))
            }
            Err(e) => Err(e.into()),
        },
        Err(errors) => Ok(Outcome::Refused(errors)),
    }
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<ImportForm>) -> AppResult<Response> {
    let tr = ctx.tr();
    let outcome = import(&state, &f.csv).await?;
    let count = state.store.territories().await?.len();
    let page = ctx.page("territories-title");
    Ok(match outcome {
        Outcome::Done(r) => {
            let report =
                tr.with("territories-done", &[("added", r.added.to_string()), ("updated", r.updated.to_string())]);
            ok(
                &page,
                &TerritoriesPage {
                    page: page.clone(),
                    count,
                    csv: String::new(),
                    errors: vec![],
                    report: Some(report),
                },
            )
        }
        Outcome::Refused(errors) => {
            let errors = errors.iter().map(|e| super::line_error(tr, e)).collect();
            html(
                ctx.locale,
                StatusCode::UNPROCESSABLE_ENTITY,
                &TerritoriesPage { page, count, csv: f.csv, errors, report: None },
            )
        }
    })
}
