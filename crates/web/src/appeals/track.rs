//! `GET/POST /{lang}/track`: follow an appeal with its receipt. The secret
//! travels in a form post, never in a URL (URLs end up in logs and history).

use super::{date_text, due_of, explain, find_with_secret, parse_date};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::appeal::EventKind;
use adaldyq_store::Appeal;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "appeal_track.html")]
struct TrackForm {
    page: Page,
    number: String,
    not_found: bool,
}

/// One line of the history as the applicant sees it: no internal notes, no
/// staff names (only their role).
pub struct HistoryLine {
    pub when: String,
    pub what: String,
    pub who: String,
}

#[derive(Template)]
#[template(path = "appeal_status.html")]
struct StatusPage {
    page: Page,
    number: String,
    status: String,
    kind: String,
    subject: String,
    registered: String,
    due: String,
    explanation: String,
    history: Vec<HistoryLine>,
    answer: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct NumberQuery {
    #[serde(default)]
    number: String,
}

#[derive(Deserialize)]
pub struct TrackInput {
    #[serde(default)]
    number: String,
    #[serde(default)]
    secret: String,
}

pub async fn form(ctx: Ctx, Query(q): Query<NumberQuery>) -> Response {
    let number = q.number.chars().filter(|c| c.is_ascii_digit() || *c == '-').take(20).collect();
    html(ctx.locale, StatusCode::OK, &TrackForm { page: ctx.page("track-title"), number, not_found: false })
}

/// Local date and time of an instant, `dd.mm.yyyy hh:mm`.
fn moment(seconds: i64, state: &AppState) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| {
            let z = state.calendar().time_zone().to_datetime(t);
            format!("{} {:02}:{:02}", date_text(z.date()), z.hour(), z.minute())
        })
        .unwrap_or_default()
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Form(f): Form<TrackInput>) -> AppResult<Response> {
    let appeal = find_with_secret(&state, &f.number, &f.secret).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(appeal) = appeal else {
        let page =
            TrackForm { page: ctx.page("track-title"), number: f.number.chars().take(20).collect(), not_found: true };
        return Ok(html(ctx.locale, StatusCode::NOT_FOUND, &page));
    };
    let mut r = status_page(&state, &ctx, &appeal).await?;
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

async fn status_page(state: &AppState, ctx: &Ctx, appeal: &Appeal) -> AppResult<Response> {
    let tr = ctx.tr();
    let events = state.store.appeal_events(appeal.id).await?;
    let mut answer = None;
    let history = events
        .iter()
        .filter(|e| !e.internal)
        .map(|e| {
            if e.kind == EventKind::Answered {
                answer = serde_json::from_str::<serde_json::Value>(&e.body)
                    .ok()
                    .and_then(|v| v["text"].as_str().map(str::to_owned));
            }
            HistoryLine {
                when: moment(e.at, state),
                what: tr.t(&format!("event-{}", e.kind.as_str().replace('_', "-"))),
                who: tr.t(&format!("actor-{}", e.actor_role.replace('_', "-"))),
            }
        })
        .collect();
    let due = due_of(state, appeal);
    let page = StatusPage {
        page: ctx.page("status-title"),
        number: appeal.number.clone(),
        status: tr.t(&format!("status-{}", appeal.status.as_str().replace('_', "-"))),
        kind: tr.t(&format!("kind-{}", appeal.kind.as_str().replace('_', "-"))),
        subject: appeal.subject.clone(),
        registered: parse_date(&appeal.registered_on).map(date_text).unwrap_or_default(),
        due: parse_date(&appeal.due_on).map(date_text).unwrap_or_default(),
        explanation: due.as_ref().map(|d| explain(tr, d)).unwrap_or_default(),
        history,
        answer,
    };
    Ok(html(ctx.locale, StatusCode::OK, &page))
}
