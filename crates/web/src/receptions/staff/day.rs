//! `GET /{lang}/staff/receptions/{id}/day`: the coordinator's page on the
//! day of a reception (phone-sized): the queue in order, check-in by code,
//! walk-ins, received and no-show per person, whether the host came, and
//! "reception held". Each action is a POST that redirects back with a
//! one-line confirmation; a refusal shows the page again with the reason
//! at the field, and what was typed kept.

use super::{
    booking_of, day_open, day_path, day_queue, priority_text, reception_in_scope, record_rows, status_text, DayRefusal,
    QuestionRow, DONE,
};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::inbox::flash;
use crate::pages::Ctx;
use crate::receptions::book::{errors_of, refusal_text, summary};
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::reception::{validate_walk_in, BookingInput, BookingStatus, Refusal};
use adaldyq_domain::Role;
use adaldyq_store::{Actor, Booking, CheckIn, Reception};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

/// One person in the queue.
pub struct Row {
    pub id: i64,
    pub when: String,
    pub code: String,
    pub name: String,
    pub topic: String,
    pub priority: Option<String>,
    pub status: String,
    pub walk_in: bool,
    /// Booked or checked in: may be marked received or a no-show.
    pub can_mark: bool,
    /// Came (checked in or received): a question may be recorded.
    pub can_record: bool,
}

/// What the day page's forms sent, kept for the page shown again.
#[derive(Debug, Default, Deserialize)]
pub struct DayForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub booking: String,
    #[serde(default)]
    pub attended: String,
}

#[derive(Template)]
#[template(path = "receptions/staff/day.html")]
struct DayPage {
    page: Page,
    id: i64,
    when: String,
    place: String,
    host: String,
    state: String,
    /// Why the day can no longer be run (held or cancelled), if so.
    closed: Option<String>,
    flash: Option<String>,
    errors: Vec<(String, String)>,
    form: DayForm,
    rows: Vec<Row>,
    questions: Vec<QuestionRow>,
    host_attended: Option<bool>,
}

impl DayPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

fn row(ctx: &Ctx, b: &Booking) -> Row {
    let tr = ctx.tr();
    Row {
        id: b.id,
        when: b.slot_starts_at.map(crate::receptions::times::moment_text).unwrap_or_default(),
        code: b.code.clone(),
        name: b.name.clone(),
        topic: b.topic.clone(),
        priority: b.priority.map(|p| priority_text(tr, p)),
        status: status_text(tr, b.status),
        walk_in: b.walk_in,
        can_mark: matches!(b.status, BookingStatus::Booked | BookingStatus::CheckedIn),
        can_record: matches!(b.status, BookingStatus::CheckedIn | BookingStatus::Received),
    }
}

/// The page, with a flash, or with errors (and `status`).
async fn render(
    state: &AppState,
    ctx: &Ctx,
    r: &Reception,
    status: StatusCode,
    flash: Option<String>,
    errors: Vec<(String, String)>,
    form: DayForm,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let s = summary(tr, r);
    let host = state.store.host(r.host_id).await?.map(|h| h.name).unwrap_or_default();
    // The queue in its order, then the waiting list (cancelled ones aside).
    let rows: Vec<Row> = day_queue(state, r.id).await?.iter().map(|b| row(ctx, b)).collect();
    let questions = record_rows(state, r.id).await?;
    let title = if errors.is_empty() { "reception-day-title" } else { "reception-day-error-title" };
    let page = DayPage {
        page: ctx.page(title),
        id: r.id,
        when: s.when,
        place: s.place,
        host,
        state: tr.t(&format!("reception-day-state-{}", r.status.as_str())),
        closed: day_open(r).err().map(|why| refusal_text(tr, why)),
        flash,
        errors,
        form,
        rows,
        questions,
        host_attended: r.host_attended,
    };
    Ok(html(ctx.locale, status, &page))
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let r = reception_in_scope(&state, &ctx, &id).await?;
    let shown = flash::read_of(ctx.tr(), &headers, &DONE);
    let mut response = render(&state, &ctx, &r, StatusCode::OK, shown, vec![], DayForm::default()).await?;
    flash::clear(&state, &headers, &mut response);
    Ok(response)
}

/// Back to the day page, confirming `done` to `subject`.
fn done(state: &AppState, ctx: &Ctx, r: &Reception, done: &'static str, subject: &str) -> Response {
    let mut response = ctx.see_other(&day_path(r));
    flash::set(state, &mut response, done, subject);
    response
}

/// The page again with one message at `field`.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    r: &Reception,
    status: StatusCode,
    field: &str,
    message: String,
    form: DayForm,
) -> AppResult<Response> {
    render(state, ctx, r, status, None, vec![(field.to_owned(), message)], form).await
}

/// The page again for a refused action: each field's message (422) or
/// the one reason (409), what was typed kept.
async fn refusal_page(
    state: &AppState,
    ctx: &Ctx,
    r: &Reception,
    why: DayRefusal,
    form: DayForm,
) -> AppResult<Response> {
    match why {
        DayRefusal::Invalid(errors) => {
            render(state, ctx, r, StatusCode::UNPROCESSABLE_ENTITY, None, errors, form).await
        }
        DayRefusal::Conflict(field, message) => {
            refused(state, ctx, r, StatusCode::CONFLICT, field, message, form).await
        }
    }
}

/// Refuses any action once the day is over (held or cancelled).
fn open_day(tr: Tr, r: &Reception) -> Result<(), DayRefusal> {
    day_open(r).map_err(|why| DayRefusal::Conflict("day", refusal_text(tr, why)))
}

/// What a check-in by code came to, for the day page, the QR page and the API.
pub enum CheckInAnswer {
    Done(String),
    Before(String),
    /// Refused, with the message.
    Refused(StatusCode, String),
}

/// Checks a person in by the code as typed or scanned.
pub async fn check_in_code(state: &AppState, tr: Tr, r: &Reception, code: &str) -> AppResult<CheckInAnswer> {
    if let Err(why) = day_open(r) {
        return Ok(CheckInAnswer::Refused(StatusCode::CONFLICT, refusal_text(tr, why)));
    }
    if code.trim().is_empty() {
        return Ok(CheckInAnswer::Refused(StatusCode::UNPROCESSABLE_ENTITY, tr.t("reception-day-code-missing")));
    }
    Ok(match state.store.check_in(r.id, code, now()).await? {
        CheckIn::CheckedIn(b) => CheckInAnswer::Done(b.code),
        CheckIn::Already(b) => CheckInAnswer::Before(b.code),
        CheckIn::NotActive(b) => CheckInAnswer::Refused(
            StatusCode::CONFLICT,
            tr.with("reception-day-code-not-active", &[("status", status_text(tr, b.status))]),
        ),
        CheckIn::Unknown => CheckInAnswer::Refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.with("reception-day-code-unknown", &[("code", code.trim().to_owned())]),
        ),
    })
}

pub async fn check_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<DayForm>,
) -> AppResult<Response> {
    let r = reception_in_scope(&state, &ctx, &id).await?;
    match check_in_code(&state, ctx.tr(), &r, &form.code).await? {
        CheckInAnswer::Done(code) => Ok(done(&state, &ctx, &r, "checked-in", &code)),
        CheckInAnswer::Before(code) => Ok(done(&state, &ctx, &r, "checked-in-before", &code)),
        CheckInAnswer::Refused(status, message) => refused(&state, &ctx, &r, status, "code", message, form).await,
    }
}

/// Adds someone who came without booking (checked in on the spot), with
/// the walk-in form's checks; `language` is that of their notices.
pub async fn add_walk_in(
    state: &AppState,
    tr: Tr,
    r: &Reception,
    input: BookingInput,
    language: &str,
) -> AppResult<Result<Booking, DayRefusal>> {
    if let Err(why) = open_day(tr, r) {
        return Ok(Err(why));
    }
    let person = match validate_walk_in(&input) {
        Ok(p) => p,
        Err(problems) => return Ok(Err(DayRefusal::Invalid(errors_of(tr, &problems)))),
    };
    Ok(match state.store.walk_in(r.id, &person, language, now()).await? {
        Ok(b) => Ok(b),
        Err(Refusal::AlreadyBooked) => Err(DayRefusal::Conflict("phone", tr.t("reception-day-walk-in-booked"))),
        Err(why) => Err(DayRefusal::Conflict("name", refusal_text(tr, why))),
    })
}

pub async fn walk_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<DayForm>,
) -> AppResult<Response> {
    let r = reception_in_scope(&state, &ctx, &id).await?;
    let input = BookingInput {
        name: form.name.clone(),
        phone: form.phone.clone(),
        email: String::new(),
        topic: form.topic.clone(),
        priority: String::new(),
    };
    match add_walk_in(&state, ctx.tr(), &r, input, ctx.locale.segment()).await? {
        Ok(b) => Ok(done(&state, &ctx, &r, "walked-in", &b.code)),
        Err(why) => refusal_page(&state, &ctx, &r, why, form).await,
    }
}

/// Marks a person received (`received`) or a no-show.
pub async fn mark_person(
    state: &AppState,
    tr: Tr,
    r: &Reception,
    b: &Booking,
    received: bool,
) -> AppResult<Result<(), DayRefusal>> {
    if let Err(why) = open_day(tr, r) {
        return Ok(Err(why));
    }
    let changed = if received {
        state.store.mark_received(b.id, now()).await?
    } else {
        state.store.mark_no_show(b.id, now()).await?
    };
    if !changed {
        let message = tr.with("reception-day-mark-refused", &[("status", status_text(tr, b.status))]);
        return Ok(Err(DayRefusal::Conflict("queue", message)));
    }
    Ok(Ok(()))
}

async fn mark(state: AppState, ctx: Ctx, id: String, form: DayForm, received: bool) -> AppResult<Response> {
    let r = reception_in_scope(&state, &ctx, &id).await?;
    let b = booking_of(&state, &r, &form.booking).await?;
    match mark_person(&state, ctx.tr(), &r, &b, received).await? {
        Ok(()) => Ok(done(&state, &ctx, &r, if received { "received" } else { "no-show" }, &b.code)),
        Err(why) => refusal_page(&state, &ctx, &r, why, DayForm::default()).await,
    }
}

pub async fn received(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<DayForm>,
) -> AppResult<Response> {
    mark(state, ctx, id, form, true).await
}

pub async fn no_show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<DayForm>,
) -> AppResult<Response> {
    mark(state, ctx, id, form, false).await
}

/// Records whether the host came (`None`: the form chose neither).
pub async fn record_host(
    state: &AppState,
    tr: Tr,
    r: &Reception,
    attended: Option<bool>,
) -> AppResult<Result<bool, DayRefusal>> {
    let Some(attended) = attended else {
        return Ok(Err(DayRefusal::Invalid(vec![("host".into(), tr.t("reception-day-host-choose"))])));
    };
    if let Err(why) = open_day(tr, r) {
        return Ok(Err(why));
    }
    if !state.store.set_host_attended(r.id, attended, now()).await? {
        let message = refusal_text(tr, day_open(r).err().unwrap_or(Refusal::Held));
        return Ok(Err(DayRefusal::Conflict("host", message)));
    }
    Ok(Ok(attended))
}

/// Whether the host came: `attended` is `yes` or `no`.
pub async fn host(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<DayForm>,
) -> AppResult<Response> {
    let r = reception_in_scope(&state, &ctx, &id).await?;
    let attended = match form.attended.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    match record_host(&state, ctx.tr(), &r, attended).await? {
        Ok(yes) => Ok(done(&state, &ctx, &r, if yes { "host-attended" } else { "host-absent" }, &r.id.to_string())),
        Err(why @ DayRefusal::Invalid(_)) => refusal_page(&state, &ctx, &r, why, form).await,
        Err(why) => refusal_page(&state, &ctx, &r, why, DayForm::default()).await,
    }
}

/// Closes the day: those booked who never came become no-shows, and the
/// summary goes into the log. Whether the host came is as recorded (yes
/// when nobody said).
pub async fn hold(state: &AppState, tr: Tr, r: &Reception, by: &Actor) -> AppResult<Result<(), DayRefusal>> {
    if let Err(why) = open_day(tr, r) {
        return Ok(Err(why));
    }
    match state.store.hold_reception(r.id, r.host_attended.unwrap_or(true), by, now()).await? {
        Ok(_) => Ok(Ok(())),
        Err(why) => Ok(Err(DayRefusal::Conflict("held", refusal_text(tr, why)))),
    }
}

pub async fn held(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<DayForm>,
) -> AppResult<Response> {
    let r = reception_in_scope(&state, &ctx, &id).await?;
    match hold(&state, ctx.tr(), &r, &ctx.auth.actor(Role::Coordinator)).await? {
        Ok(()) => Ok(done(&state, &ctx, &r, "held", &r.id.to_string())),
        Err(why @ DayRefusal::Conflict("day", _)) => refusal_page(&state, &ctx, &r, why, form).await,
        Err(why) => refusal_page(&state, &ctx, &r, why, DayForm::default()).await,
    }
}
