//! `GET /api/v1/institutions?territory=KATO`: the registry, whole or under a
//! territory (open data).

use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct Filter {
    territory: Option<String>,
}

pub async fn list(State(state): State<AppState>, Query(f): Query<Filter>) -> AppResult<Response> {
    let under = f.territory.as_deref().filter(|t| !t.is_empty());
    let list = state.store.institutions(under).await?;
    Ok(Json(json!({ "institutions": list })).into_response())
}
