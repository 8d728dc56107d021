//! `GET /{lang}/open-data`: what the platform publishes for reuse, in which
//! formats, under which licence and how often it changes, with links to the
//! endpoints that serve it (the home page's "open data" leads here, not to
//! raw JSON).

use super::Ctx;
use crate::error::AppResult;
use crate::render::{ok, Page};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

/// One published data set: its title and description keys, how often it
/// changes, and the endpoints that serve it (each answers 200 as linked).
pub struct DataSet {
    pub key: &'static str,
    pub text: &'static str,
    pub updated: &'static str,
    pub links: &'static [&'static str],
}

/// The data sets served today, all under `/api/v1/` (routes.rs).
pub const DATA_SETS: [DataSet; 3] = [
    DataSet {
        key: "open-data-territories",
        text: "open-data-territories-text",
        updated: "open-data-territories-updated",
        links: &["/api/v1/territories"],
    },
    DataSet {
        key: "open-data-institutions",
        text: "open-data-institutions-text",
        updated: "open-data-institutions-updated",
        links: &["/api/v1/institutions"],
    },
    DataSet {
        key: "open-data-due",
        text: "open-data-due-text",
        updated: "open-data-due-updated",
        links: &["/api/v1/calendar/due?registered=2026-03-18T10:00&days=15"],
    },
];

#[derive(Template)]
#[template(path = "pages/open_data.html")]
struct OpenDataPage {
    page: Page,
    /// Each data set with the endpoints to link.
    sets: Vec<(&'static DataSet, Vec<String>)>,
}

pub async fn show(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    // An example of the filter that finds something: the territory of the
    // first body in the registry.
    let district = state.store.institutions(None).await?.first().map(|i| i.territory_code.clone());
    let sets = DATA_SETS
        .iter()
        .map(|set| {
            let mut links: Vec<String> = set.links.iter().map(|l| (*l).to_owned()).collect();
            if let (true, Some(code)) = (set.key == "open-data-institutions", &district) {
                links.push(format!("/api/v1/institutions?territory={code}"));
            }
            (set, links)
        })
        .collect();
    let page = ctx.page("open-data-title");
    Ok(ok(&page, &OpenDataPage { page: page.clone(), sets }))
}
