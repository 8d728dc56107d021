//! `GET /api/v1/me`: the signed-in user and their grants.

use crate::auth::AuthContext;
use crate::error::{AppError, AppResult};
use axum::{Extension, Json};
use serde_json::{json, Value};

pub async fn show(Extension(auth): Extension<AuthContext>) -> AppResult<Json<Value>> {
    let (Some(u), Some(p)) = (auth.user, auth.principal) else {
        return Err(AppError::Forbidden);
    };
    Ok(Json(json!({
        "id": u.id, "name": u.name, "email": u.email, "second_factor": u.totp_enabled,
        "grants": p.grants,
    })))
}
