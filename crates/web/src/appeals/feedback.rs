//! `POST /{lang}/track/rate` and `/{lang}/track/dispute`: the applicant
//! rates the answer (1–5, with a comment) and may dispute it within a
//! window; a dispute reopens the appeal for the higher body (Art. 91).

use super::done::Done;
use super::find_with_secret;
use super::track::{status_page_refused, Refused};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::state::{now, AppState};
use adaldyq_domain::appeal::{
    may_dispute, optional_text, parse_rating, required_text, transition, EventKind, Problem, Status, MAX_TEXT_CHARS,
};
use adaldyq_domain::calendar::WorkingHours;
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
    refused(state, ctx, number, secret, status, None).await
}

/// The status page again, with the refused form named on it.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    number: &str,
    secret: &str,
    status: StatusCode,
    why: Option<Refused>,
) -> AppResult<Response> {
    let appeal = state.store.appeal_by_number(number).await?.ok_or(AppError::NotFound)?;
    let mut r = status_page_refused(state, ctx, &appeal, secret, why).await?;
    *r.status_mut() = status;
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// After a recorded rating or dispute: see the confirmation with a GET
/// (303), whose address holds no secret (see [`super::done`]).
fn confirmed(state: &AppState, ctx: &Ctx, what: Done, number: &str) -> Response {
    let token = super::done::token(&state.config.secret_key, what, number, now());
    let mut r = ctx.see_other(&format!("/track?done={token}"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

pub async fn rate(State(state): State<AppState>, ctx: Ctx, Form(f): Form<FeedbackInput>) -> AppResult<Response> {
    let Some(a) = appeal_of(&state, &f).await? else { return Ok(super::track::not_found(&ctx, &f.number)) };
    let tr = ctx.tr();
    let comment = optional_text(&f.text, usize::MAX);
    let (Some(rating), Ok(comment)) = (parse_rating(&f.rating), comment.clone()) else {
        let why = match comment {
            Err(p) => Refused::new(tr, "rate-text", "rate-comment-name", p, &f.text),
            // GOV.UK: a radio group's message says what to choose.
            Ok(_) => Refused::said(tr, "rating-1", "rate-choose", &f.text),
        };
        return refused(&state, &ctx, &a.number, &f.secret, StatusCode::UNPROCESSABLE_ENTITY, Some(why)).await;
    };
    let rated = state.store.appeal_events(a.id).await?.iter().any(|e| e.kind == EventKind::Rated);
    let Some(to) = transition(a.status, EventKind::Rated).filter(|_| !rated) else {
        let why = Refused::said(tr, "", if rated { "rate-already" } else { "rate-not-now" }, "");
        return refused(&state, &ctx, &a.number, &f.secret, StatusCode::CONFLICT, Some(why)).await;
    };
    let event = NewEvent {
        kind: EventKind::Rated,
        at: now(),
        actor_role: "citizen".into(),
        actor_user_id: None,
        body: serde_json::json!({ "rating": rating, "text": comment.chars().take(2000).collect::<String>() })
            .to_string(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    if !state.store.record_event(a.id, a.status, to, &event).await? {
        let why = Refused::said(tr, "", "rate-already", "");
        return refused(&state, &ctx, &a.number, &f.secret, StatusCode::CONFLICT, Some(why)).await;
    }
    Ok(confirmed(&state, &ctx, Done::Rated, &a.number))
}

pub async fn dispute(State(state): State<AppState>, ctx: Ctx, Form(f): Form<FeedbackInput>) -> AppResult<Response> {
    let Some(a) = appeal_of(&state, &f).await? else { return Ok(super::track::not_found(&ctx, &f.number)) };
    let tr = ctx.tr();
    let text = match required_text(&f.text, MAX_TEXT_CHARS) {
        Ok(text) => text,
        Err(p) => {
            let why = match p {
                Problem::Required => Refused::said(tr, "dispute-text", "dispute-required", &f.text),
                p => Refused::new(tr, "dispute-text", "dispute-field", p, &f.text),
            };
            return refused(&state, &ctx, &a.number, &f.secret, StatusCode::UNPROCESSABLE_ENTITY, Some(why)).await;
        }
    };
    let answered_at =
        state.store.appeal_events(a.id).await?.iter().rev().find(|e| e.kind == EventKind::Answered).map(|e| e.at);
    let in_window = answered_at.is_some_and(|at| may_dispute((now() - at) / 86_400));
    let Some(to) = transition(a.status, EventKind::Disputed).filter(|_| in_window) else {
        let why = Refused::said(tr, "", "dispute-not-now", "");
        return refused(&state, &ctx, &a.number, &f.secret, StatusCode::CONFLICT, Some(why)).await;
    };
    // Art. 91: the dispute goes to the higher body (the default body of the
    // territory above the one that answered), with a new term of 15
    // working days from the dispute's registration, which follows Art. 64
    // like a filing's (after hours or on a day off: the next working day);
    // with no higher body it reopens where it was.
    let higher = higher_body(&state, &a).await?;
    let calendar = state.calendar();
    let registered = a.registered_on.parse::<jiff::civil::Date>().map_err(|e| AppError::Internal(e.to_string()))?;
    let received = jiff::Timestamp::from_second(now()).unwrap_or_else(|_| jiff::Timestamp::now());
    let due = calendar.due_on_arrival(received, &WorkingHours::default(), crate::appeals::TERM_DAYS).due;
    let term = calendar.working_days_between(registered, due);
    let event = NewEvent {
        kind: EventKind::Disputed,
        at: now(),
        actor_role: "citizen".into(),
        actor_user_id: None,
        // The dates let the pages say how the due date moved and why.
        body: serde_json::json!({ "text": text, "to": higher, "from": a.due_on, "due": due.to_string() }).to_string(),
        internal: false,
        notice: Some(serde_json::json!({ "number": a.number, "event": "disputed" }).to_string()),
        // The higher body's heads (or, with none, the same body's) are told.
        staff_notice: Some(super::escalate::escalated_to_you(&a.number, &due.to_string())),
    };
    if !state.store.reassign_with_term(a.id, Status::Answered, to, higher, term, &due.to_string(), &event).await? {
        let why = Refused::said(tr, "", "dispute-not-now", "");
        return refused(&state, &ctx, &a.number, &f.secret, StatusCode::CONFLICT, Some(why)).await;
    }
    Ok(confirmed(&state, &ctx, Done::Disputed, &a.number))
}

/// The body above the one that has the appeal: the routing default of the
/// nearest territory above the institution's own.
pub async fn higher_body(state: &AppState, a: &Appeal) -> AppResult<Option<i64>> {
    let Some(current) = a.institution_id else { return Ok(None) };
    let Some(inst) = state.store.institution(current).await? else { return Ok(None) };
    let Some(t) = state.store.territory(&inst.territory_code).await? else { return Ok(None) };
    let above: Vec<String> = t.path[..t.path.len().saturating_sub(1)].to_vec();
    Ok(state.store.route(a.category_id, &above).await?.map(|r| r.institution_id).filter(|i| *i != current))
}

/// `POST /{lang}/track/information`: the applicant adds information (text,
/// and files if they wish) to an appeal still being considered.
pub async fn add_information(
    State(state): State<AppState>,
    ctx: Ctx,
    req: axum::extract::Request,
) -> AppResult<Response> {
    let (pairs, uploads) = super::new::read_form(&state, req).await.map_err(AppError::Status)?;
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let f = FeedbackInput { number: get("number"), secret: get("secret"), rating: String::new(), text: get("text") };
    let Some(a) = appeal_of(&state, &f).await? else { return Ok(super::track::not_found(&ctx, &f.number)) };
    let limits = state.config.attachments;
    let text = match optional_text(&f.text, MAX_TEXT_CHARS) {
        Ok(t) if !(t.is_empty() && uploads.is_empty()) => t,
        result => {
            let problem = result.err().unwrap_or(Problem::Required);
            let why = Refused::new(ctx.tr(), "info-text", "add-info-field", problem, &f.text);
            return refused(&state, &ctx, &a.number, &f.secret, StatusCode::UNPROCESSABLE_ENTITY, Some(why)).await;
        }
    };
    if transition(a.status, EventKind::InformationAdded).is_none() {
        let why = Refused::said(ctx.tr(), "", "info-not-now", "");
        return refused(&state, &ctx, &a.number, &f.secret, StatusCode::CONFLICT, Some(why)).await;
    }
    let clean = match super::files::prepare(ctx.tr(), &uploads, &limits).await {
        Ok(clean) => clean,
        Err(errors) => {
            // The text typed is given back; the files must be chosen again.
            let mut why = Refused::said(ctx.tr(), "info-files", "info-files-refused", &f.text);
            if !errors.is_empty() {
                why.message = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" ");
            }
            return refused(&state, &ctx, &a.number, &f.secret, StatusCode::UNPROCESSABLE_ENTITY, Some(why)).await;
        }
    };
    let stored = super::files::store(&state.config.data_dir, &clean).await?;
    let files = &stored.attachments;
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    let event = NewEvent {
        kind: EventKind::InformationAdded,
        at: now(),
        actor_role: "citizen".into(),
        actor_user_id: None,
        body: serde_json::json!({ "text": text, "files": names }).to_string(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    let recorded = state.store.record_event_with_files(a.id, a.status, a.status, &event, files).await;
    if !matches!(recorded, Ok(true)) {
        super::files::forget(&state, &stored).await;
    }
    let status = if recorded? { StatusCode::OK } else { StatusCode::CONFLICT };
    page(&state, &ctx, &a.number, &f.secret, status).await
}

/// `POST /{lang}/track/file`: the applicant downloads a file of their appeal
/// (the answer's documents, their own files) with number and secret.
pub async fn download(State(state): State<AppState>, Form(f): Form<FileInput>) -> AppResult<Response> {
    let appeal = find_with_secret(&state, &f.number, &f.secret).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(a) = appeal else { return Ok(StatusCode::NOT_FOUND.into_response()) };
    let file = state.store.attachment(f.id).await?.filter(|x| x.appeal_id == a.id).ok_or(AppError::NotFound)?;
    // The applicant's own appeal: the names as given.
    super::files::send(&state.config.data_dir, &file, &file.name).await
}

#[derive(Deserialize)]
pub struct FileInput {
    #[serde(default)]
    number: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    id: i64,
}
