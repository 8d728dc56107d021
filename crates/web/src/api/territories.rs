//! `GET /api/v1/territories`: the territory tree with KATO codes (open data);
//! `POST /api/v1/admin/territories`: a KATO CSV to load (administrators).

use crate::admin::territories::{import, Outcome};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::middleware::locale::preferred_locale;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

pub async fn list(State(state): State<AppState>) -> AppResult<Response> {
    let rows = state.territories().await?;
    let items: Vec<_> = rows
        .iter()
        .map(|t| {
            json!({
                "code": t.code, "parent": t.parent_code, "level": t.level, "kind": t.kind,
                "name_kk": t.name_kk, "name_ru": t.name_ru, "routable": t.routable,
            })
        })
        .collect();
    let mut r = Json(json!({ "territories": items })).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, "public, max-age=300".parse().expect("static"));
    Ok(r)
}

pub async fn load(State(state): State<AppState>, headers: HeaderMap, body: String) -> AppResult<Response> {
    let tr = Tr(preferred_locale(&headers));
    Ok(match import(&state, &body).await? {
        Outcome::Done(r, _) => Json(json!({ "added": r.added, "updated": r.updated })).into_response(),
        Outcome::Refused(errors) => {
            let list: Vec<_> =
                errors.iter().map(|e| json!({ "line": e.line, "message": crate::admin::line_error(tr, e) })).collect();
            crate::error::problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.t("territories-refused"),
                json!({ "errors": list }),
            )
        }
    })
}
