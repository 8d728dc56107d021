//! `POST /{lang}/track/rate` and `/{lang}/track/dispute`: the applicant
//! rates the answer (1–5, with a comment) and may dispute it within a
//! window; a dispute reopens the appeal for the higher body (Art. 91).

use super::find_with_secret;
use super::track::status_page;
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::state::{now, AppState};
use adaldyq_domain::appeal::{may_dispute, parse_rating, transition, EventKind, Status};
use adaldyq_store::{Appeal, NewEvent};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct FeedbackInput {
    #[serde(default)]
    number: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    rating: String,
    #[serde(default)]
    text: String,
}

async fn appeal_of(state: &AppState, f: &FeedbackInput) -> AppResult<Option<Appeal>> {
    find_with_secret(state, &f.number, &f.secret).await.map_err(|e| AppError::Internal(e.to_string()))
}

async fn page(state: &AppState, ctx: &Ctx, number: &str, secret: &str, status: StatusCode) -> AppResult<Response> {
    let appeal = state.store.appeal_by_number(number).await?.ok_or(AppError::NotFound)?;
    let mut r = status_page(state, ctx, &appeal, secret).await?;
    *r.status_mut() = status;
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

pub async fn rate(State(state): State<AppState>, ctx: Ctx, Form(f): Form<FeedbackInput>) -> AppResult<Response> {
    let Some(a) = appeal_of(&state, &f).await? else { return Ok(StatusCode::NOT_FOUND.into_response()) };
    let Some(rating) = parse_rating(&f.rating) else {
        return page(&state, &ctx, &a.number, &f.secret, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let rated = state.store.appeal_events(a.id).await?.iter().any(|e| e.kind == EventKind::Rated);
    let Some(to) = transition(a.status, EventKind::Rated).filter(|_| !rated) else {
        return page(&state, &ctx, &a.number, &f.secret, StatusCode::CONFLICT).await;
    };
    let event = NewEvent {
        kind: EventKind::Rated,
        at: now(),
        actor_role: "citizen".into(),
        actor_user_id: None,
        body: serde_json::json!({ "rating": rating, "text": f.text.trim().chars().take(2000).collect::<String>() })
            .to_string(),
        internal: false,
        notice: None,
    };
    state.store.record_event(a.id, a.status, to, &event).await?;
    page(&state, &ctx, &a.number, &f.secret, StatusCode::OK).await
}

pub async fn dispute(State(state): State<AppState>, ctx: Ctx, Form(f): Form<FeedbackInput>) -> AppResult<Response> {
    let Some(a) = appeal_of(&state, &f).await? else { return Ok(StatusCode::NOT_FOUND.into_response()) };
    if f.text.trim().is_empty() {
        return page(&state, &ctx, &a.number, &f.secret, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let answered_at =
        state.store.appeal_events(a.id).await?.iter().rev().find(|e| e.kind == EventKind::Answered).map(|e| e.at);
    let in_window = answered_at.is_some_and(|at| may_dispute((now() - at) / 86_400));
    let Some(to) = transition(a.status, EventKind::Disputed).filter(|_| in_window) else {
        return page(&state, &ctx, &a.number, &f.secret, StatusCode::CONFLICT).await;
    };
    let event = NewEvent {
        kind: EventKind::Disputed,
        at: now(),
        actor_role: "citizen".into(),
        actor_user_id: None,
        body: serde_json::json!({ "text": f.text.trim().chars().take(20_000).collect::<String>() }).to_string(),
        internal: false,
        notice: Some(serde_json::json!({ "number": a.number, "event": "disputed" }).to_string()),
    };
    state.store.record_event(a.id, Status::Answered, to, &event).await?;
    page(&state, &ctx, &a.number, &f.secret, StatusCode::OK).await
}

/// `POST /{lang}/track/information`: the applicant adds information to an
/// appeal still being considered; the body is told.
pub async fn add_information(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<FeedbackInput>,
) -> AppResult<Response> {
    let Some(a) = appeal_of(&state, &f).await? else { return Ok(StatusCode::NOT_FOUND.into_response()) };
    let text = f.text.trim();
    if text.is_empty() || text.chars().count() > adaldyq_domain::appeal::MAX_TEXT_CHARS {
        return page(&state, &ctx, &a.number, &f.secret, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let Some(to) = transition(a.status, EventKind::InformationAdded) else {
        return page(&state, &ctx, &a.number, &f.secret, StatusCode::CONFLICT).await;
    };
    let event = NewEvent {
        kind: EventKind::InformationAdded,
        at: now(),
        actor_role: "citizen".into(),
        actor_user_id: None,
        body: serde_json::json!({ "text": text }).to_string(),
        internal: false,
        notice: None,
    };
    state.store.record_event(a.id, a.status, to, &event).await?;
    page(&state, &ctx, &a.number, &f.secret, StatusCode::OK).await
}
