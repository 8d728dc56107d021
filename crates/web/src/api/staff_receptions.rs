//! The staff's reception API: what the coordinator's pages do, for a
//! session or an API token (`Authorization: Bearer …`). The list of the
//! receptions in one's territories and one reception with its queue
//! (`GET /api/v1/staff/receptions[/{id}]`), and the day: check-in by code,
//! walk-ins, received, no-show, whether the host came, held, and the
//! record of questions (answered on the spot, or taken as an appeal: 201
//! with the appeal's number and its receipt secret, shown once). Each
//! action calls the same function as its page (`receptions::staff::day`,
//! `receptions::staff::record`); the answers follow the pages: a reception
//! out of the caller's territories is 403, an unknown one 404, a field at
//! fault 422 naming it, the day over or a person who cannot be marked so
//! 409. Messages are in the language of the body's `language` field, or of
//! Accept-Language.

use crate::api::params;
use crate::api::receptions::reception_json;
use crate::auth::AuthContext;
use crate::error::{problem, AppError, AppResult};
use crate::i18n::Tr;
use crate::middleware::locale::preferred_locale;
use crate::receptions::public::Names;
use crate::receptions::staff::change::ChangeForm;
use crate::receptions::staff::day::{self, CheckInAnswer};
use crate::receptions::staff::record::{record_question, QuestionForm, Recorded};
use crate::receptions::staff::{booking_of, day_queue, day_reception, receptions_in_scope, record_rows, DayRefusal};
use crate::receptions::times;
use crate::state::{now, AppState};
use adaldyq_domain::reception::BookingInput;
use adaldyq_domain::{Locale, Principal, Role};
use adaldyq_store::Booking;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};

/// The statuses a reception is listed with (as the public API says them).
pub const STATUSES: [&str; 5] = ["planned", "open", "held", "cancelled", "postponed"];

fn listed_status(s: &str) -> Option<&'static str> {
    STATUSES.iter().copied().find(|x| *x == s)
}

fn principal(auth: &AuthContext) -> AppResult<&Principal> {
    auth.principal.as_ref().ok_or(AppError::Forbidden)
}

/// The reader's language: the body's `language` (kk, kk-latn, ru, en), or
/// Accept-Language; an unknown one is a 422 naming it.
fn reader(headers: &HeaderMap, language: Option<&str>) -> Result<Tr, Box<Response>> {
    let tr = Tr(preferred_locale(headers));
    match language.map(str::trim) {
        None | Some("") => Ok(tr),
        Some(l) => Locale::from_segment(l).map(Tr).ok_or_else(|| {
            let message = tr.t("reception-api-error-language");
            Box::new(fields(tr, StatusCode::UNPROCESSABLE_ENTITY, &[("language".into(), message)]))
        }),
    }
}

/// A problem naming each field at fault, with its message.
fn fields(tr: Tr, status: StatusCode, errors: &[(String, String)]) -> Response {
    let list: Vec<Value> = errors.iter().map(|(f, m)| json!({ "field": f, "message": m })).collect();
    let detail = match (status, errors) {
        (StatusCode::UNPROCESSABLE_ENTITY, _) | (_, []) => tr.t("form-has-errors"),
        (_, [(_, message), ..]) => message.clone(),
    };
    problem(status, detail, json!({ "errors": list }))
}

fn refused(tr: Tr, why: DayRefusal) -> Response {
    match why {
        DayRefusal::Invalid(errors) => fields(tr, StatusCode::UNPROCESSABLE_ENTITY, &errors),
        DayRefusal::Conflict(field, message) => fields(tr, StatusCode::CONFLICT, &[(field.to_owned(), message)]),
    }
}

/// A body that is not JSON of the operation's form: 422.
fn unreadable(headers: &HeaderMap, e: JsonRejection) -> Response {
    let tr = Tr(preferred_locale(headers));
    problem(StatusCode::UNPROCESSABLE_ENTITY, tr.t("form-has-errors"), json!({ "reason": e.body_text() }))
}

/// A person of the queue, for staff (priority included: never public).
pub fn booking_json(b: &Booking) -> Value {
    json!({
        "id": b.id,
        "code": b.code,
        "name": b.name,
        "topic": b.topic,
        "priority": b.priority.map(|p| p.as_str()),
        "status": b.status.as_str(),
        "walk_in": b.walk_in,
        "slot_starts_at": b.slot_starts_at.map(times::rfc3339),
    })
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

/// `GET /api/v1/staff/receptions`: the receptions in the caller's
/// territories (as the list page), soonest first.
pub async fn list(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let p = principal(&auth)?;
    let locale = preferred_locale(&headers);
    let tr = Tr(locale);
    let checked = (|| -> Result<_, params::Refused> {
        let status = params::choice(tr, "status", q.status.as_deref(), listed_status, &STATUSES)?;
        let from = params::date(tr, "from", q.from.as_deref())?;
        let to = params::date(tr, "to", q.to.as_deref())?;
        if let (Some(a), Some(b)) = (from, to) {
            if b < a {
                return Err(params::not_before(tr, "to", "from"));
            }
        }
        Ok((status, from, to))
    })();
    let (status, from, to) = match checked {
        Ok(v) => v,
        Err(refused) => return Ok(refused.into_response()),
    };
    let from = from.map(times::day_start);
    let to = to.and_then(|d| d.tomorrow().ok()).map(times::day_start);
    let names = Names::load(&state).await?;
    let now = now();
    let items: Vec<Value> = receptions_in_scope(&state, p)
        .await?
        .iter()
        .filter(|r| from.is_none_or(|f| r.starts_at >= f) && to.is_none_or(|t| r.starts_at < t))
        .map(|r| reception_json(&names, locale, r, now))
        .filter(|v| status.is_none_or(|s| v["status"] == s))
        .collect();
    Ok(Json(json!({ "receptions": items })).into_response())
}

/// `GET /api/v1/staff/receptions/{id}`: one reception with its queue (in
/// order, then the waiting list) and its record, as the day page shows them.
pub async fn show(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let locale = preferred_locale(&headers);
    let r = day_reception(&state, auth.principal.as_ref(), &id).await?;
    let names = Names::load(&state).await?;
    let mut v = reception_json(&names, locale, &r, now());
    let queue: Vec<Value> = day_queue(&state, r.id).await?.iter().map(booking_json).collect();
    let questions: Vec<Value> = record_rows(&state, r.id)
        .await?
        .into_iter()
        .map(|q| json!({ "name": q.who, "text": q.text, "answer": q.answer, "appeal": q.appeal }))
        .collect();
    if let Some(o) = v.as_object_mut() {
        o.insert("host_attended".into(), json!(r.host_attended));
        o.insert("queue".into(), json!(queue));
        o.insert("questions".into(), json!(questions));
    }
    Ok(Json(v).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeJson {
    code: String,
    #[serde(default)]
    language: Option<String>,
}

/// `POST …/{id}/check-in` `{"code"}`: checks a person in by their booking
/// code; one checked in before is answered 200 with `already`.
pub async fn check_in(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Json<CodeJson>, JsonRejection>,
) -> AppResult<Response> {
    let r = day_reception(&state, auth.principal.as_ref(), &id).await?;
    let Json(b) = match body {
        Ok(b) => b,
        Err(e) => return Ok(unreadable(&headers, e)),
    };
    let tr = match reader(&headers, b.language.as_deref()) {
        Ok(tr) => tr,
        Err(response) => return Ok(*response),
    };
    let (code, already) = match day::check_in_code(&state, tr, &r, &b.code).await? {
        CheckInAnswer::Done(code) => (code, false),
        CheckInAnswer::Before(code) => (code, true),
        CheckInAnswer::Refused(status, message) => return Ok(fields(tr, status, &[("code".into(), message)])),
    };
    let booking = state.store.booking_by_code(r.id, &code).await?.ok_or(AppError::NotFound)?;
    let mut v = booking_json(&booking);
    v["already"] = json!(already);
    Ok(Json(v).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WalkInJson {
    name: String,
    #[serde(default)]
    phone: Option<String>,
    topic: String,
    #[serde(default)]
    language: Option<String>,
}

/// `POST …/{id}/walk-in` `{"name", "phone"?, "topic"}`: someone who came
/// without booking, checked in on the spot: 201 with their booking.
pub async fn walk_in(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Json<WalkInJson>, JsonRejection>,
) -> AppResult<Response> {
    let r = day_reception(&state, auth.principal.as_ref(), &id).await?;
    let Json(b) = match body {
        Ok(b) => b,
        Err(e) => return Ok(unreadable(&headers, e)),
    };
    let tr = match reader(&headers, b.language.as_deref()) {
        Ok(tr) => tr,
        Err(response) => return Ok(*response),
    };
    let input = BookingInput {
        name: b.name,
        phone: b.phone.unwrap_or_default(),
        email: String::new(),
        topic: b.topic,
        priority: String::new(),
    };
    match day::add_walk_in(&state, tr, &r, input, tr.0.segment()).await? {
        Ok(booking) => Ok((StatusCode::CREATED, Json(booking_json(&booking))).into_response()),
        Err(why) => Ok(refused(tr, why)),
    }
}

async fn mark(
    state: AppState,
    auth: AuthContext,
    headers: HeaderMap,
    (id, booking): (String, String),
    received: bool,
) -> AppResult<Response> {
    let tr = Tr(preferred_locale(&headers));
    let r = day_reception(&state, auth.principal.as_ref(), &id).await?;
    let b = booking_of(&state, &r, &booking).await?;
    match day::mark_person(&state, tr, &r, &b, received).await? {
        Ok(()) => {
            let now = state.store.booking(b.id).await?.ok_or(AppError::NotFound)?;
            Ok(Json(booking_json(&now)).into_response())
        }
        Err(why) => Ok(refused(tr, why)),
    }
}

/// `POST …/{id}/bookings/{booking}/received`.
pub async fn received(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
) -> AppResult<Response> {
    mark(state, auth, headers, ids, true).await
}

/// `POST …/{id}/bookings/{booking}/no-show`.
pub async fn no_show(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
) -> AppResult<Response> {
    mark(state, auth, headers, ids, false).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostJson {
    attended: bool,
    #[serde(default)]
    language: Option<String>,
}

/// `POST …/{id}/host` `{"attended": bool}`: whether the host came.
pub async fn host(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Json<HostJson>, JsonRejection>,
) -> AppResult<Response> {
    let r = day_reception(&state, auth.principal.as_ref(), &id).await?;
    let Json(b) = match body {
        Ok(b) => b,
        Err(e) => return Ok(unreadable(&headers, e)),
    };
    let tr = match reader(&headers, b.language.as_deref()) {
        Ok(tr) => tr,
        Err(response) => return Ok(*response),
    };
    match day::record_host(&state, tr, &r, Some(b.attended)).await? {
        Ok(attended) => Ok(Json(json!({ "id": r.id, "host_attended": attended })).into_response()),
        Err(why) => Ok(refused(tr, why)),
    }
}

/// `POST …/{id}/held`: closes the day (those booked who never came become
/// no-shows; the summary goes into the log).
pub async fn held(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let tr = Tr(preferred_locale(&headers));
    let r = day_reception(&state, auth.principal.as_ref(), &id).await?;
    match day::hold(&state, tr, &r, &auth.actor(Role::Coordinator)).await? {
        Ok(()) => {
            let r = state.store.reception(r.id).await?.ok_or(AppError::NotFound)?;
            Ok(Json(json!({ "id": r.id, "status": r.status.as_str(), "host_attended": r.host_attended }))
                .into_response())
        }
        Err(why) => Ok(refused(tr, why)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionJson {
    #[serde(default, deserialize_with = "params::whole_opt")]
    booking: Option<i64>,
    text: String,
    /// `answered` (on the spot) or `appeal` (taken as one).
    outcome: String,
    #[serde(default)]
    answer: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

/// `POST …/{id}/questions`: a question of a person who came, answered on
/// the spot or taken as an appeal (201 with its number and receipt secret,
/// the secret only the first time).
pub async fn question(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Json<QuestionJson>, JsonRejection>,
) -> AppResult<Response> {
    let r = day_reception(&state, auth.principal.as_ref(), &id).await?;
    let Json(q) = match body {
        Ok(b) => b,
        Err(e) => return Ok(unreadable(&headers, e)),
    };
    let tr = match reader(&headers, q.language.as_deref()) {
        Ok(tr) => tr,
        Err(response) => return Ok(*response),
    };
    let booking = q.booking.map(|b| b.to_string()).unwrap_or_default();
    let Ok(b) = booking_of(&state, &r, &booking).await else {
        let message = tr.t("reception-api-error-booking");
        return Ok(fields(tr, StatusCode::UNPROCESSABLE_ENTITY, &[("booking".into(), message)]));
    };
    let outcome = match q.outcome.trim() {
        "answered" => "answered_on_the_spot",
        "appeal" => "taken_as_appeal",
        // Refused by the record's check, naming `outcome`.
        _ => "",
    };
    let form = QuestionForm {
        booking: b.id.to_string(),
        text: q.text,
        outcome: outcome.to_owned(),
        answer: q.answer.unwrap_or_default(),
        kind: q.kind.unwrap_or_else(|| "complaint".into()),
    };
    match record_question(&state, tr, &r, &b, &form).await? {
        Ok(Recorded::Answered) => {
            Ok((StatusCode::CREATED, Json(json!({ "outcome": "answered", "booking": b.id }))).into_response())
        }
        Ok(Recorded::Appeal(taken)) => {
            let f = taken.filed;
            let body = json!({
                "outcome": "appeal",
                "booking": b.id,
                "number": f.number,
                "secret": f.secret,
                "registered_on": f.due.registered.to_string(),
                "due_on": f.due.due.to_string(),
            });
            let mut response = (StatusCode::CREATED, Json(body)).into_response();
            response.headers_mut().insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
            Ok(response)
        }
        Err(why) => Ok(refused(tr, why)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostponeJson {
    date: String,
    start: String,
    reason: String,
    #[serde(default)]
    day_off_ok: bool,
    #[serde(default)]
    language: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelJson {
    reason: String,
    #[serde(default)]
    language: Option<String>,
}

/// Postponing and cancelling, as the pages do, through the same calls
/// (`receptions::staff::change`). A host clash, and a new day that is a
/// day off not confirmed, are 409.
async fn change(
    state: AppState,
    auth: AuthContext,
    headers: HeaderMap,
    id: String,
    body: Result<(ChangeForm, Option<String>), JsonRejection>,
    postponing: bool,
) -> AppResult<Response> {
    use crate::receptions::staff::change as pages;
    let r = pages::changeable(&state, principal(&auth)?, &id).await?;
    let (form, language) = match body {
        Ok(b) => b,
        Err(e) => return Ok(unreadable(&headers, e)),
    };
    let tr = match reader(&headers, language.as_deref()) {
        Ok(tr) => tr,
        Err(response) => return Ok(*response),
    };
    let actor = auth.actor(Role::Coordinator);
    let done = if postponing {
        pages::postpone(&state, tr, &r, &form, &actor).await?
    } else {
        pages::cancel(&state, tr, &r, &form, &actor).await?
    };
    match done {
        Ok(id) => {
            let r = state.store.reception(id).await?.ok_or(AppError::NotFound)?;
            let names = Names::load(&state).await?;
            Ok(Json(reception_json(&names, tr.0, &r, now())).into_response())
        }
        Err(why) => {
            let only_day_off = why.day_off_unconfirmed && why.errors.0.len() == 1;
            let status = if only_day_off { StatusCode::CONFLICT } else { why.status };
            Ok(fields(tr, status, &why.errors.sorted().0))
        }
    }
}

/// `POST …/{id}/postpone` `{"date", "start", "reason", "day_off_ok"?}`:
/// a new local date and start, the length kept; bookings carried over.
pub async fn postpone(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Json<PostponeJson>, JsonRejection>,
) -> AppResult<Response> {
    let body = body.map(|Json(b)| {
        let day_off_ok = if b.day_off_ok { "yes".into() } else { String::new() };
        (ChangeForm { date: b.date, start: b.start, reason: b.reason, day_off_ok }, b.language)
    });
    change(state, auth, headers, id, body, true).await
}

/// `POST …/{id}/cancel` `{"reason"}`.
pub async fn cancel(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Json<CancelJson>, JsonRejection>,
) -> AppResult<Response> {
    let body = body.map(|Json(b)| (ChangeForm { reason: b.reason, ..ChangeForm::default() }, b.language));
    change(state, auth, headers, id, body, false).await
}

/// The new-reception form's fields (the numbers as numbers, the languages
/// a list); those not given take the form's defaults.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanJson {
    territory: String,
    /// `h:<host id>`, `m:<group id>:<member id>`, or `new` with the three
    /// `host_…` fields.
    host: String,
    #[serde(default)]
    host_name: Option<String>,
    #[serde(default)]
    host_position: Option<String>,
    #[serde(default)]
    host_institution: Option<String>,
    #[serde(default)]
    co_hosts: Option<String>,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    address: Option<String>,
    #[serde(default)]
    online_link: Option<String>,
    date: String,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default, deserialize_with = "params::whole_opt")]
    slot_minutes: Option<i64>,
    #[serde(default, deserialize_with = "params::whole_opt")]
    seats_per_slot: Option<i64>,
    #[serde(default, deserialize_with = "params::whole_opt")]
    waitlist_size: Option<i64>,
    #[serde(default, deserialize_with = "params::whole_opt")]
    opens_days_before: Option<i64>,
    #[serde(default, deserialize_with = "params::whole_opt")]
    closes_hours_before: Option<i64>,
    #[serde(default)]
    topics: Option<String>,
    #[serde(default)]
    languages: Option<Vec<String>>,
    #[serde(default)]
    accessibility: Option<String>,
    #[serde(default)]
    day_off_ok: bool,
    #[serde(default)]
    language: Option<String>,
}

impl PlanJson {
    fn form(self) -> crate::receptions::staff::plan::PlanForm {
        let d = crate::receptions::staff::plan::PlanForm::blank();
        let n = |v: Option<i64>, default: String| v.map(|v| v.to_string()).unwrap_or(default);
        crate::receptions::staff::plan::PlanForm {
            territory: self.territory,
            host: self.host,
            host_name: self.host_name.unwrap_or_default(),
            host_position: self.host_position.unwrap_or_default(),
            host_institution: self.host_institution.unwrap_or_default(),
            co_hosts: self.co_hosts.unwrap_or_default(),
            mode: self.mode.unwrap_or(d.mode),
            address: self.address.unwrap_or_default(),
            online_link: self.online_link.unwrap_or_default(),
            date: self.date,
            start: self.start.unwrap_or(d.start),
            end: self.end.unwrap_or(d.end),
            slot_minutes: n(self.slot_minutes, d.slot_minutes),
            seats_per_slot: n(self.seats_per_slot, d.seats_per_slot),
            waitlist_size: n(self.waitlist_size, d.waitlist_size),
            opens_days_before: n(self.opens_days_before, d.opens_days_before),
            closes_hours_before: n(self.closes_hours_before, d.closes_hours_before),
            topics: self.topics.unwrap_or_default(),
            languages: self.languages.unwrap_or(d.languages),
            accessibility: self.accessibility.unwrap_or_default(),
            day_off_ok: self.day_off_ok,
            weekday: d.weekday,
            week: d.week,
        }
    }
}

/// `POST /api/v1/staff/receptions`: plans one, as the new-reception page
/// does (`receptions::staff::edit::plan_new`): 201 with the reception; 422
/// naming each field at fault; 409 for a clash with the host's other
/// reception (at `host`) or a day off not confirmed (at `date`).
pub async fn plan(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: HeaderMap,
    body: Result<Json<PlanJson>, JsonRejection>,
) -> AppResult<Response> {
    let p = principal(&auth)?;
    let Json(b) = match body {
        Ok(b) => b,
        Err(e) => return Ok(unreadable(&headers, e)),
    };
    let tr = match reader(&headers, b.language.as_deref()) {
        Ok(tr) => tr,
        Err(response) => return Ok(*response),
    };
    let form = b.form();
    match crate::receptions::staff::edit::plan_new(&state, tr, p, &form, &auth.actor(Role::Coordinator)).await? {
        Ok(id) => {
            let r = state.store.reception(id).await?.ok_or(AppError::NotFound)?;
            let names = Names::load(&state).await?;
            Ok((StatusCode::CREATED, Json(reception_json(&names, tr.0, &r, now()))).into_response())
        }
        Err(why) => {
            let only_day_off = why.day_off_unconfirmed && why.errors.0.len() == 1;
            let status = if only_day_off { StatusCode::CONFLICT } else { why.status };
            Ok(fields(tr, status, &why.errors.sorted().0))
        }
    }
}
