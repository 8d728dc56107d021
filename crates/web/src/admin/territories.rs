//! Loading or updating the territory tree from a KATO CSV: checked whole,
//! and nothing changes when any line is bad. Lines are counted from the top
//! of the file, the header being line 1, on the page, the API and the CLI
//! alike; the page says so beside the errors.

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
    /// "The tree holds N territories": on the form and after a change, never
    /// beside "nothing changed".
    count: Option<String>,
    csv: String,
    errors: Vec<String>,
    report: Option<String>,
}

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let count = Some(ctx.tr().count("territories-held", state.store.territories().await?.len() as i64));
    let page = ctx.page("territories-title");
    Ok(ok(&page, &TerritoriesPage { page: page.clone(), count, csv: String::new(), errors: vec![], report: None }))
}

#[derive(Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    csv: String,
}

/// What a good file changes against the tree held before it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: usize,
    /// Same place in the tree, another name.
    pub renamed: usize,
    /// Another parent, level or kind (a new name too, perhaps).
    pub moved: usize,
    pub unchanged: usize,
}

impl Changes {
    pub fn any(&self) -> bool {
        self.added + self.renamed + self.moved > 0
    }
}

/// Each row of a good file against the tree held before it.
fn changes(known: &[adaldyq_store::TerritoryRecord], rows: &[adaldyq_domain::territory::Territory]) -> Changes {
    let known: HashMap<&str, &adaldyq_store::TerritoryRecord> = known.iter().map(|t| (t.code.as_str(), t)).collect();
    let mut c = Changes::default();
    for t in rows {
        match known.get(t.code.as_str()) {
            None => c.added += 1,
            Some(k) if k.parent_code != t.parent_code || k.level != i64::from(t.level) || k.kind != t.kind => {
                c.moved += 1
            }
            Some(k) if k.name_kk != t.name_kk || k.name_ru != t.name_ru => c.renamed += 1,
            Some(_) => c.unchanged += 1,
        }
    }
    c
}

/// Outcome of an import, shared by the page, the API and the CLI.
pub enum Outcome {
    Done(adaldyq_store::ImportReport, Changes),
    Refused(Vec<adaldyq_domain::territory::LineError>),
}

pub async fn import(state: &AppState, csv: &str) -> AppResult<Outcome> {
    let held = state.store.territories().await?;
    let known: HashMap<&str, i32> = held.iter().map(|t| (t.code.as_str(), t.level as i32)).collect();
    match parse_kato_csv(csv, &|code| known.get(code).copied()) {
        Ok(rows) => match state.store.upsert_territories(&rows).await {
            Ok(report) => {
                state.territories_changed();
                Ok(Outcome::Done(report, changes(&held, &rows)))
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
        Outcome::Done(_, c) if !c.any() => {
            let report = tr.count("territories-nothing-changed", c.unchanged as i64);
            ok(
                &page,
                &TerritoriesPage { page: page.clone(), count: None, csv: f.csv, errors: vec![], report: Some(report) },
            )
        }
        Outcome::Done(_, c) => {
            let parts: Vec<String> = [
                ("territories-added", c.added),
                ("territories-renamed", c.renamed),
                ("territories-moved", c.moved),
                ("territories-unchanged", c.unchanged),
            ]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(key, n)| tr.count(key, n as i64))
            .collect();
            let report = tr.with("territories-saved", &[("changes", parts.join(&tr.t("territories-list-separator")))]);
            let count = Some(tr.count("territories-held", count as i64));
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
            let mut page = page;
            page.title = tr.with("admin-error-title", &[("title", page.title.clone())]);
            html(
                ctx.locale,
                StatusCode::UNPROCESSABLE_ENTITY,
                &TerritoriesPage { page, count: None, csv: f.csv, errors, report: None },
            )
        }
    })
}
