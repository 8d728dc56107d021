//! The staff API: `GET /api/v1/staff/appeals` (the inbox of one's scope) and
//! `POST /api/v1/staff/appeals/{number}/answer` (`{"text": "…"}`), for a
//! session or an API token (`Authorization: Bearer …`). Same rules as the
//! pages: out of scope is 404, a lost race is 409.

use crate::auth::AuthContext;
use crate::error::{AppError, AppResult};
use crate::inbox::{scope_filter, target_of};
use crate::state::{now, AppState};
use adaldyq_domain::appeal::{transition, EventKind, Status};
use adaldyq_domain::{decide, may_read_appeal, Action, Decision, Role};
use adaldyq_store::NewEvent;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    before: Option<i64>,
    #[serde(default)]
    limit: Option<i64>,
    #[serde(default)]
    q: Option<String>,
}

pub async fn inbox(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    Query(q): Query<InboxQuery>,
) -> AppResult<Response> {
    let p = auth.principal.ok_or(AppError::Forbidden)?;
    let mut filter = scope_filter(&state, &p).await?;
    filter.status = q.status.as_deref().and_then(Status::parse);
    filter.before_id = q.before;
    filter.text = adaldyq_domain::search::query_terms(q.q.as_deref().unwrap_or(""));
    filter.limit = q.limit.unwrap_or(50).clamp(1, 200);
    let mut items = Vec::new();
    let appeals = state.store.inbox(&filter).await?;
    let next = appeals.last().map(|a| a.id).filter(|_| appeals.len() as i64 == filter.limit);
    for a in appeals {
        if may_read_appeal(&p, a.kind, &target_of(&state, &a).await?) {
            items.push(json!({
                "number": a.number, "kind": a.kind, "status": a.status, "subject": a.subject,
                "language": a.language, "registered_on": a.registered_on, "due_on": a.due_on,
                "institution": a.institution_id, "territory": a.territory_code,
            }));
        }
    }
    Ok(Json(json!({ "appeals": items, "next_before": next })).into_response())
}

#[derive(Deserialize)]
pub struct AnswerJson {
    text: String,
}

pub async fn answer(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    Path(number): Path<String>,
    Json(body): Json<AnswerJson>,
) -> AppResult<Response> {
    let p = auth.principal.ok_or(AppError::Forbidden)?;
    let a = state.store.appeal_by_number(&number).await?.ok_or(AppError::NotFound)?;
    let target = target_of(&state, &a).await?;
    if !may_read_appeal(&p, a.kind, &target) {
        return Err(AppError::NotFound);
    }
    if decide(Some(&p), Action::AnswerAppeal, &target) != Decision::Allow {
        return Err(AppError::Forbidden);
    }
    let text = body.text.trim();
    if text.is_empty() || text.chars().count() > adaldyq_domain::appeal::MAX_TEXT_CHARS {
        return Ok(StatusCode::UNPROCESSABLE_ENTITY.into_response());
    }
    let Some(to) = transition(a.status, EventKind::Answered) else { return Err(AppError::Conflict) };
    let role = p
        .grants
        .iter()
        .find(|g| matches!(g.role, Role::Officer | Role::Head))
        .map(|g| g.role.as_str())
        .unwrap_or("officer");
    let event = NewEvent {
        kind: EventKind::Answered,
        at: now(),
        actor_role: role.to_owned(),
        actor_user_id: Some(p.user_id),
        body: json!({ "text": text }).to_string(),
        internal: false,
        notice: Some(json!({ "number": a.number, "event": "answered" }).to_string()),
    };
    if !state.store.record_event(a.id, a.status, to, &event).await? {
        return Err(AppError::Conflict);
    }
    Ok(Json(json!({ "number": a.number, "status": to })).into_response())
}
