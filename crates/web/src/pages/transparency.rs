//! `GET /{lang}/transparency`: what the transparency log proves and what it
//! cannot, its public key, the latest checkpoint with its cosignatures, and
//! how to check it all with the commands the platform ships.

use super::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

#[derive(Template)]
#[template(path = "pages/transparency.html")]
struct TransparencyPage {
    page: Page,
    key: String,
    size: Option<u64>,
    note: String,
    /// Witness name and the time of its cosignature (UTC).
    witnesses: Vec<(String, String)>,
    /// The site's address, for the example commands.
    site: String,
}

pub async fn show(State(state): State<AppState>, ctx: Ctx) -> crate::error::AppResult<Response> {
    let (size, note) = match crate::api::log::checkpoint_note(&state).await? {
        Some((size, note)) => (Some(size), note),
        None => (None, String::new()),
    };
    let mut witnesses = Vec::new();
    if let Some(size) = size {
        for c in state.store.cosignatures(size).await? {
            let when = jiff::Timestamp::from_second(c.created_at)
                .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_default();
            witnesses.push((c.witness, when));
        }
    }
    let page = TransparencyPage {
        page: ctx.page("transparency-title"),
        key: state.config.log_key.verifier_key().to_owned(),
        site: match state.config.public_url.trim_end_matches('/') {
            "" => format!("https://{}", state.config.log_key.origin().split('/').next().unwrap_or_default()),
            url => url.to_owned(),
        },
        size,
        note,
        witnesses,
    };
    Ok(html(ctx.locale, StatusCode::OK, &page))
}
