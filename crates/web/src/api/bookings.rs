//! `POST /api/v1/receptions/{id}/bookings`: booking a place through the
//! API, with the booking form's checks, store call and messages
//! (`receptions::book`). An `Idempotency-Key` works as the form's one-time
//! token: the same key and person at the same reception book once, and the
//! repeat is answered with the first booking and the same manage link
//! (its token is derived from the key, as the form's is). Refusals:
//! 404 no such reception; 409 full (with the next free slots), the person
//! already holds a place, or booking is not open (not yet, closed, started,
//! held, cancelled: `error` says which); 422 a field breaks its rule, the
//! slot is not this reception's, or the key was used for another booking.

use crate::error::{problem, AppError, AppResult};
use crate::i18n::Tr;
use crate::middleware::locale::preferred_locale;
use crate::receptions::book::{derived_token, message, refusal_text, token_hash};
use crate::receptions::{feeds, times};
use crate::state::{now, AppState};
use adaldyq_domain::appeal::Problem;
use adaldyq_domain::reception::{manage_token, validate_booking, BookingInput, Refusal, MANAGE_TOKEN_BYTES};
use adaldyq_domain::Locale;
use adaldyq_store::{BookingOutcome, FreeSlot, NewBooking, Placement, Reception};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// The header a client repeats a request under.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// Set on the answer to a repeat (the first request's booking).
pub const REPLAYED: &str = "idempotent-replayed";
/// An idempotency key: 16 to 128 visible ASCII characters (a UUID will
/// do); it must be hard to guess, as it stands for the manage link.
pub const KEY_PATTERN: &str = "^[!-~]{16,128}$";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingJson {
    name: String,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
    topic: String,
    #[serde(default)]
    priority: Option<String>,
    #[serde(default, deserialize_with = "crate::api::params::whole_opt")]
    slot: Option<i64>,
    #[serde(default)]
    language: Option<String>,
}

fn key_ok(key: &str) -> bool {
    (16..=128).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

/// A 422 naming fields, as every API refusal of a field is.
/// Each is (field, problem, message); the problem is a booking field's
/// [`Problem`] or the key's own (`invalid`, `reused`).
fn field_errors(tr: Tr, errors: &[(&str, Value, String)]) -> Response {
    let list: Vec<_> =
        errors.iter().map(|(field, p, message)| json!({ "field": field, "problem": p, "message": message })).collect();
    problem(StatusCode::UNPROCESSABLE_ENTITY, tr.t("form-has-errors"), json!({ "errors": list }))
}

fn refused(tr: Tr, status: StatusCode, why: Refusal, extra: Value) -> Response {
    let mut body = json!({ "error": why.key().replace('-', "_") });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    problem(status, refusal_text(tr, why), body)
}

fn slot_json(s: &FreeSlot) -> Value {
    json!({
        "reception_id": s.reception_id,
        "slot_id": s.slot_id,
        "starts_at": times::rfc3339(s.starts_at),
        "ends_at": times::rfc3339(s.ends_at),
        "free": s.free,
    })
}

/// The 201 answer: the booking as it stands (a repeat answers with the
/// first request's booking, now).
async fn placed(state: &AppState, r: &Reception, p: &Placement, manage_url: String, token: &str) -> AppResult<Value> {
    let booking = state.store.booking(p.booking_id).await?;
    let slot_id = booking.and_then(|b| b.slot_id);
    let slot = match slot_id {
        Some(id) => state.store.slots(r.id).await?.into_iter().find(|s| s.id == id),
        None => None,
    };
    Ok(json!({
        "code": p.code,
        "status": p.status.as_str(),
        "manage_url": manage_url,
        "manage_token": token,
        "slot_starts_at": p.slot_starts_at.map(times::rfc3339),
        "slot": slot.map(|s| json!({
            "id": s.id,
            "starts_at": times::rfc3339(s.starts_at),
            "ends_at": times::rfc3339(s.ends_at),
        })),
    }))
}

pub async fn create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<BookingJson>, axum::extract::rejection::JsonRejection>,
) -> AppResult<Response> {
    let tr = Tr(preferred_locale(&headers));
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let Some(r) = state.store.reception(id).await? else {
        return Ok(problem(StatusCode::NOT_FOUND, tr.t("reception-refused-not-found"), json!({})));
    };
    let Json(b) = match body {
        Ok(b) => b,
        Err(e) => {
            return Ok(problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.t("error-unprocessable"),
                json!({ "reason": e.body_text() }),
            ))
        }
    };
    let input = BookingInput {
        name: b.name,
        phone: b.phone.unwrap_or_default(),
        email: b.email.unwrap_or_default(),
        topic: b.topic,
        priority: b.priority.unwrap_or_default(),
    };
    let mut errors: Vec<(&str, Value, String)> = Vec::new();
    let valid = validate_booking(&input).map_err(|list| {
        for e in list {
            errors.push((e.field, json!(e.problem), message(tr, &e)));
        }
    });
    let language = match b.language.as_deref().map(str::trim) {
        None | Some("") => Some(tr.0),
        Some(l) => Locale::from_segment(l),
    };
    if language.is_none() {
        errors.push(("language", json!(Problem::Unknown), tr.t("reception-api-error-language")));
    }
    let key = headers.get(IDEMPOTENCY_KEY).map(|v| v.to_str().unwrap_or(""));
    if key.is_some_and(|k| !key_ok(k)) {
        errors.push(("Idempotency-Key", json!("invalid"), tr.t("reception-api-error-key")));
    }
    let (Ok(booking), Some(language), true) = (valid, language, errors.is_empty()) else {
        return Ok(field_errors(tr, &errors));
    };
    let secret = &state.config.secret_key;
    let idempotency_key = key.map(|k| format!("api:{k}"));
    let token = match &idempotency_key {
        Some(k) => derived_token(secret, r.id, k),
        None => {
            let mut random = [0u8; MANAGE_TOKEN_BYTES];
            getrandom::fill(&mut random).map_err(|e| AppError::Internal(e.to_string()))?;
            manage_token(&random)
        }
    };
    let new = NewBooking {
        reception_id: r.id,
        slot_id: b.slot,
        booking,
        manage_token_hash: token_hash(secret, &token),
        idempotency_key,
        user_id: None,
        language: language.segment().to_owned(),
    };
    let outcome = state.store.book(&new, now()).await?;
    Ok(match outcome {
        BookingOutcome::Placed(p) => {
            let site = feeds::site(&state, &headers);
            let manage_url = format!("{site}/{}/receptions/manage?t={token}", language.segment());
            let body = placed(&state, &r, &p, manage_url, &token).await?;
            let mut answer = (StatusCode::CREATED, Json(body)).into_response();
            answer.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if p.duplicate {
                answer.headers_mut().insert(REPLAYED, HeaderValue::from_static("true"));
            }
            answer
        }
        BookingOutcome::Full { next } => problem(
            StatusCode::CONFLICT,
            format!("{} {}", tr.t("reception-full-title"), tr.t("reception-full-lead")),
            json!({ "error": "full", "next": next.iter().map(slot_json).collect::<Vec<_>>() }),
        ),
        BookingOutcome::Refused(Refusal::NotFound) => {
            problem(StatusCode::NOT_FOUND, tr.t("reception-refused-not-found"), json!({}))
        }
        BookingOutcome::Refused(Refusal::NoSuchSlot) => {
            field_errors(tr, &[("slot", json!(Problem::Unknown), refusal_text(tr, Refusal::NoSuchSlot))])
        }
        BookingOutcome::Refused(Refusal::KeyReused) => {
            field_errors(tr, &[("Idempotency-Key", json!("reused"), tr.t("reception-api-error-key-reused"))])
        }
        BookingOutcome::Refused(why @ Refusal::NotYetOpen { opens_at }) => {
            refused(tr, StatusCode::CONFLICT, why, json!({ "opens_at": times::rfc3339(opens_at) }))
        }
        BookingOutcome::Refused(why @ Refusal::Closed { closed_at }) => {
            refused(tr, StatusCode::CONFLICT, why, json!({ "closed_at": times::rfc3339(closed_at) }))
        }
        BookingOutcome::Refused(why) => refused(tr, StatusCode::CONFLICT, why, json!({})),
    })
}
