//! `GET|POST /{lang}/staff/receptions/{id}/check-in?code=CODE`: what a
//! booking's QR code opens. The GET shows the booking found by the code
//! with one "check in" button and changes nothing; the POST checks in and
//! goes back to the day page. A wrong code says so, with a field to type
//! it again. A signed-out reader is sent to sign in and comes back here.

use super::day::{check_in_code, CheckInAnswer};
use super::{day_open, day_path, priority_text, reception_in_scope, status_text};
use crate::error::AppResult;
use crate::inbox::flash;
use crate::pages::Ctx;
use crate::receptions::book::{refusal_text, summary};
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::reception::BookingStatus;
use adaldyq_store::Reception;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct CodeInput {
    #[serde(default)]
    pub code: String,
}

/// The booking a code found, as the page shows it.
pub struct Found {
    pub code: String,
    pub name: String,
    pub when: String,
    pub topic: String,
    pub priority: Option<String>,
    pub status: String,
    /// Booked or a no-show: the button checks them in.
    pub can_check_in: bool,
}

#[derive(Template)]
#[template(path = "receptions/staff/check_in.html")]
struct CheckInPage {
    page: Page,
    id: i64,
    when: String,
    place: String,
    code: String,
    found: Option<Found>,
    /// Why nothing can be checked in (wrong code, day over), if so.
    error: Option<String>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    r: &Reception,
    code: &str,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let booking = match code.trim() {
        "" => None,
        c => state.store.booking_by_code(r.id, c).await?,
    };
    let found = booking.map(|b| Found {
        code: b.code.clone(),
        name: b.name.clone(),
        when: b.slot_starts_at.map(crate::receptions::times::moment_text).unwrap_or_default(),
        topic: b.topic.clone(),
        priority: b.priority.map(|p| priority_text(tr, p)),
        status: status_text(tr, b.status),
        can_check_in: matches!(b.status, BookingStatus::Booked | BookingStatus::NoShow) && day_open(r).is_ok(),
    });
    let (status, error) = match error {
        Some((s, e)) => (s, Some(e)),
        None if found.is_none() && code.trim().is_empty() => {
            (StatusCode::UNPROCESSABLE_ENTITY, Some(tr.t("reception-day-code-missing")))
        }
        None if found.is_none() => {
            (StatusCode::NOT_FOUND, Some(tr.with("reception-day-code-unknown", &[("code", code.trim().to_owned())])))
        }
        None => (StatusCode::OK, day_open(r).err().map(|why| refusal_text(tr, why))),
    };
    let title = if error.is_some() { "reception-check-in-error-title" } else { "reception-check-in-title" };
    let s = summary(tr, r);
    let page = CheckInPage {
        page: ctx.page(title),
        id: r.id,
        when: s.when,
        place: s.place,
        code: code.trim().to_owned(),
        found,
        error,
    };
    Ok(html(ctx.locale, status, &page))
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<CodeInput>,
) -> AppResult<Response> {
    let r = reception_in_scope(&state, &ctx, &id).await?;
    render(&state, &ctx, &r, &q.code, None).await
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(f): Form<CodeInput>,
) -> AppResult<Response> {
    let r = reception_in_scope(&state, &ctx, &id).await?;
    let (done, code) = match check_in_code(&state, ctx.tr(), &r, &f.code).await? {
        CheckInAnswer::Done(code) => ("checked-in", code),
        CheckInAnswer::Before(code) => ("checked-in-before", code),
        CheckInAnswer::Refused(status, message) => {
            return render(&state, &ctx, &r, &f.code, Some((status, message))).await
        }
    };
    let mut response = ctx.see_other(&day_path(&r));
    flash::set(&state, &mut response, done, &code);
    Ok(response)
}
