//! The staff API: `GET /api/v1/staff/appeals` (the inbox of one's scope) and
//! `POST /api/v1/staff/appeals/{number}/{action}` (answer, clarify, extend,
//! forward, assign, note; a JSON body), for a
//! session or an API token (`Authorization: Bearer …`). Same rules as the
//! pages: out of scope is 404, a lost race is 409.

use crate::api::params;
use crate::auth::AuthContext;
use crate::error::{AppError, AppResult};
use crate::inbox::{readable, scope_filter};
use crate::state::AppState;
use adaldyq_domain::appeal::Status;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

/// Appeals on a page when `limit` is not given, and the most one may ask for.
pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

/// The names of a closed list, as the document lists them.
pub fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| name(*v)).collect()
}

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
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    territory: Option<String>,
}

pub async fn inbox(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: axum::http::HeaderMap,
    Query(q): Query<InboxQuery>,
) -> AppResult<Response> {
    use adaldyq_domain::appeal::{AppealKind, AppealLanguage};
    let p = auth.principal.ok_or(AppError::Forbidden)?;
    let tr = crate::i18n::Tr(crate::middleware::locale::preferred_locale(&headers));
    // The document's rules: a value outside them is a 422 naming it, never
    // silently no filter.
    let checked = (|| {
        let status =
            params::choice(tr, "status", q.status.as_deref(), Status::parse, &names(Status::ALL, Status::as_str))?;
        let kind = params::choice(
            tr,
            "kind",
            q.kind.as_deref(),
            AppealKind::parse,
            &names(AppealKind::ALL, AppealKind::as_str),
        )?;
        let language = params::choice(
            tr,
            "language",
            q.language.as_deref(),
            AppealLanguage::parse,
            &names(AppealLanguage::ALL, AppealLanguage::as_str),
        )?;
        let within = params::kato(tr, "territory", q.territory.as_deref())?;
        let limit = params::range(tr, "limit", q.limit.unwrap_or(DEFAULT_LIMIT), 1, MAX_LIMIT)?;
        Ok::<_, params::Refused>((status, kind, language, within, limit))
    })();
    let (status, kind, language, within, limit) = match checked {
        Ok(c) => c,
        Err(refused) => return Ok(refused.into_response()),
    };
    let mut filter = scope_filter(&state, &p).await?;
    filter.status = status;
    filter.before_id = q.before;
    filter.text = adaldyq_domain::search::query_terms(q.q.as_deref().unwrap_or(""));
    filter.kind = kind;
    filter.language = language;
    filter.within = within;
    filter.limit = limit;
    let mut items = Vec::new();
    let appeals = state.store.inbox(&filter).await?;
    let next = appeals.last().map(|a| a.id).filter(|_| appeals.len() as i64 == filter.limit);
    for a in readable(&p, appeals, &state.territories().await?) {
        items.push(json!({
            "number": a.number, "kind": a.kind, "status": a.status, "subject": a.subject,
            "language": a.language, "registered_on": a.registered_on, "due_on": a.due_on,
            "institution": a.institution_id, "territory": a.territory_code,
        }));
    }
    Ok(Json(json!({ "appeals": items, "next_before": next })).into_response())
}

/// The fields of the staff actions' JSON bodies (each uses its own).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ActJson {
    #[serde(default)]
    text: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    reason: String,
    #[serde(default, deserialize_with = "params::whole_opt")]
    institution: Option<i64>,
    #[serde(default, deserialize_with = "params::whole_opt")]
    officer: Option<i64>,
}

fn problem(status: StatusCode, detail: String) -> Response {
    crate::error::problem(status, detail, json!({}))
}

/// The same actions as the staff pages, through [`crate::inbox::core`].
pub async fn act(
    State(state): State<AppState>,
    Extension(auth): Extension<AuthContext>,
    headers: axum::http::HeaderMap,
    Path((number, action)): Path<(String, String)>,
    body: Result<Json<ActJson>, axum::extract::rejection::JsonRejection>,
) -> AppResult<Response> {
    use crate::inbox::core::{self, ActError};
    let tr = crate::i18n::Tr(crate::middleware::locale::preferred_locale(&headers));
    let p = auth.principal.ok_or(AppError::Forbidden)?;
    let Json(b) = match body {
        Ok(b) => b,
        Err(e) => return Ok(problem(StatusCode::UNPROCESSABLE_ENTITY, e.body_text())),
    };
    let id = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let result = match action.as_str() {
        "answer" => core::answer(&state, &p, &number, &b.text, &[]).await,
        "clarify" => core::clarify(&state, &p, &number, &b.question).await,
        "extend" => core::extend(&state, &p, &number, &b.due, &b.reason).await,
        "forward" => core::forward(&state, &p, &number, &id(b.institution), &b.reason).await,
        "assign" => core::assign(&state, &p, &number, &id(b.officer)).await,
        "note" => core::note(&state, &p, &number, &b.text).await,
        _ => return Err(AppError::NotFound),
    };
    match result {
        Ok(_) => {
            let a = state.store.appeal_by_number(&number).await?.ok_or(AppError::NotFound)?;
            Ok(Json(
                json!({ "number": a.number, "status": a.status, "due_on": a.due_on, "institution": a.institution_id }),
            )
            .into_response())
        }
        Err(ActError::NotFound) => Err(AppError::NotFound),
        Err(ActError::Forbidden) => Err(AppError::Forbidden),
        Err(ActError::Invalid(key)) => Ok(problem(StatusCode::UNPROCESSABLE_ENTITY, tr.t(key))),
        Err(ActError::Text { field, problem }) => {
            let e = adaldyq_domain::appeal::FieldError { field, problem };
            let message = crate::appeals::problem_text(tr, &e);
            // The staff page's field, as this body names it.
            let field = match field {
                "answer" | "note" => "text",
                "forward-reason" => "reason",
                other => other,
            };
            let errors = json!([{ "field": field, "problem": problem, "message": message }]);
            Ok(crate::error::problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.t("form-has-errors"),
                json!({ "errors": errors }),
            ))
        }
        Err(ActError::Conflict(key)) => Ok(problem(StatusCode::CONFLICT, tr.t(key))),
        Err(ActError::Store(e)) => Err(e.into()),
    }
}
