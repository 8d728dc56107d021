//! `POST /api/v1/appeals` (file) and `GET /api/v1/appeals/{number}` (follow,
//! with `Authorization: Receipt <secret>`): the same rules as the pages.

use crate::appeals::{answers, due_of, file, find_with_secret};
use crate::error::{problem, AppError, AppResult};
use crate::i18n::Tr;
use crate::middleware::locale::preferred_locale;
use crate::state::AppState;
use adaldyq_domain::appeal::{validate, AppealInput};
use adaldyq_domain::Role;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ContactJson {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    iin: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppealJson {
    kind: String,
    #[serde(default, deserialize_with = "crate::api::params::whole_opt")]
    category: Option<i64>,
    territory: String,
    #[serde(default, deserialize_with = "crate::api::params::whole_opt")]
    institution: Option<i64>,
    subject: String,
    text: String,
    language: String,
    anonymous: bool,
    #[serde(default)]
    contact: Option<ContactJson>,
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<AppealJson>, axum::extract::rejection::JsonRejection>,
) -> AppResult<Response> {
    let tr = Tr(preferred_locale(&headers));
    let Json(a) = match body {
        Ok(b) => b,
        Err(e) => {
            return Ok(problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.t("error-unprocessable"),
                json!({ "reason": e.body_text() }),
            ))
        }
    };
    let contact = a.contact.unwrap_or_default();
    let input = AppealInput {
        kind: a.kind,
        category: a.category,
        territory: a.territory,
        institution: a.institution,
        subject: a.subject,
        text: a.text,
        language: a.language,
        anonymous: a.anonymous,
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        iin: contact.iin,
    };
    let refuse = |errors: Vec<adaldyq_domain::appeal::FieldError>| {
        let list: Vec<_> = errors
            .iter()
            .map(|e| json!({ "field": e.field, "problem": e.problem, "message": answers::message(tr, e.field, e.problem) }))
            .collect();
        problem(StatusCode::UNPROCESSABLE_ENTITY, tr.t("form-has-errors"), json!({ "errors": list }))
    };
    let valid = match validate(&input) {
        Ok(v) => v,
        Err(errors) => return Ok(refuse(errors)),
    };
    // Every filer gets a secret: it is the way to follow the appeal.
    let api = adaldyq_store::AppealOrigin { channel: adaldyq_domain::appeal::AppealChannel::Api, reception_id: None };
    let filed = file(&state, valid, None, (Role::Citizen, None), vec![], api)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    match filed {
        Err(errors) => Ok(refuse(errors)),
        Ok(f) => {
            let body = json!({
                "number": f.number,
                "secret": f.secret,
                "registered_on": f.due.registered.to_string(),
                "due_on": f.due.due.to_string(),
                "status": "registered",
            });
            let mut r = (StatusCode::CREATED, Json(body)).into_response();
            r.headers_mut().insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
            Ok(r)
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    Path(number): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let tr = Tr(preferred_locale(&headers));
    let secret = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Receipt "))
        .unwrap_or("");
    let appeal = find_with_secret(&state, &number, secret).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(appeal) = appeal else {
        return Ok(problem(StatusCode::NOT_FOUND, tr.t("track-not-found"), json!({})));
    };
    let events = state.store.appeal_events(appeal.id).await?;
    let history: Vec<_> = events
        .iter()
        .filter(|e| !e.internal)
        .map(|e| {
            let body: serde_json::Value = serde_json::from_str(&e.body).unwrap_or(json!({}));
            json!({ "kind": e.kind, "at": e.at, "actor_role": e.actor_role, "body": public_body(body) })
        })
        .collect();
    let log = crate::appeals::proof::of_events(&state, &events)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map(|p| p.json(&appeal.number, state.config.log_key.verifier_key()));
    let due = due_of(&state, &appeal);
    let skipped: Vec<_> = due
        .as_ref()
        .map(|d| d.skipped.iter().map(|s| json!({ "date": s.date.to_string(), "reason": s.reason })).collect())
        .unwrap_or_default();
    let mut r = Json(json!({
        "number": appeal.number,
        "kind": appeal.kind,
        "status": appeal.status,
        "language": appeal.language,
        "subject": appeal.subject,
        "registered_on": appeal.registered_on,
        "due_on": appeal.due_on,
        "due_explanation": due.as_ref().map(|d| crate::appeals::explain(tr, d)),
        "skipped": skipped,
        "events": history,
        "log": log,
    }))
    .into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
    Ok(r)
}

/// What an applicant may read of an event's body: the words and dates meant
/// for them, never who among the staff holds the appeal (an allow-list, so a
/// field added to a body later stays private until it is named here).
pub(crate) fn public_body(body: serde_json::Value) -> serde_json::Value {
    const PUBLIC: &[&str] = &[
        "kind",
        "territory",
        "language",
        "number",
        "registered_on",
        "due_on",
        "text",
        "files",
        "asked_on",
        "from",
        "to",
        "late",
        "rating",
        "reason",
        "clock_stopped_days",
        "step",
        "escalated_on",
        "days",
        "rule",
        "institution",
    ];
    match body {
        serde_json::Value::Object(map) => {
            serde_json::Value::Object(map.into_iter().filter(|(k, _)| PUBLIC.contains(&k.as_str())).collect())
        }
        _ => json!({}),
    }
}
