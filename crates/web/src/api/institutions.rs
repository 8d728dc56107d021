//! `GET /api/v1/institutions?territory=KATO`: the registry, whole or under a
//! territory (open data). A territory that is not a KATO code is a 422.

use crate::api::params;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::middleware::locale::preferred_locale;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct Filter {
    territory: Option<String>,
}

pub async fn list(State(state): State<AppState>, headers: HeaderMap, Query(f): Query<Filter>) -> AppResult<Response> {
    let under = match params::kato(Tr(preferred_locale(&headers)), "territory", f.territory.as_deref()) {
        Ok(t) => t,
        Err(refused) => return Ok(refused.into_response()),
    };
    let list = state.store.institutions(under.as_deref()).await?;
    Ok(Json(json!({ "institutions": list })).into_response())
}
