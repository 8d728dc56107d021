//! The staff forms on an appeal's page: answer, clarify, extend, forward,
//! assign, note. Each is a thin call of [`super::core`]; this file turns the
//! outcome into a redirect or the page again with the reason (and the text
//! typed kept).

use super::core::{self, ActError};
use super::show::{render_with, Kept};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::state::AppState;
use adaldyq_domain::Principal;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

/// The form fields of every staff action (each uses its own).
#[derive(Deserialize, Default)]
pub struct ActForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    institution: String,
    #[serde(default)]
    officer: String,
}

fn principal(ctx: &Ctx) -> AppResult<Principal> {
    ctx.auth.principal.clone().ok_or(AppError::Forbidden)
}

/// The field an error message leads to.
fn field_of(key: &str) -> &'static str {
    match key {
        k if k.starts_with("extend-reason") => "reason",
        k if k.starts_with("extend") => "due",
        k if k.starts_with("clarify") => "question",
        "forward-institution" => "forward-institution",
        "forward-reason" => "forward-reason",
        "assign-bad" => "officer",
        "note-required" => "note",
        _ => "answer",
    }
}

/// A redirect on success; the page with the reason otherwise, leading to
/// the field in error, with everything typed kept.
async fn outcome(
    state: &AppState,
    ctx: &Ctx,
    number: &str,
    result: core::ActResult<adaldyq_store::Appeal>,
    then: &str,
    done: &'static str,
    form: ActForm,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let (status, message, field) = match result {
        Ok(_) => {
            let mut r = ctx.see_other(then);
            super::flash::set(state, &mut r, done, number);
            return Ok(r);
        }
        Err(ActError::NotFound) => return Err(AppError::NotFound),
        Err(ActError::Forbidden) => return Err(AppError::Forbidden),
        Err(ActError::Store(e)) => return Err(e.into()),
        Err(ActError::Invalid(key)) => (StatusCode::UNPROCESSABLE_ENTITY, tr.t(key), field_of(key)),
        Err(ActError::Text { field, problem }) => {
            let message = crate::appeals::problem_text(tr, &adaldyq_domain::appeal::FieldError { field, problem });
            (StatusCode::UNPROCESSABLE_ENTITY, message, field)
        }
        Err(ActError::Conflict(key)) => (StatusCode::CONFLICT, tr.t(key), field_of(key)),
    };
    // `text` is the answer's or the note's: give it back to the one sent.
    let (answer, note) = if field == "note" { (String::new(), form.text) } else { (form.text, String::new()) };
    let kept = Kept { question: form.question, due: form.due, reason: form.reason, note };
    render_with(state, ctx, number, status, answer, Some((message, field.to_owned())), kept).await
}

/// The answer form (multipart: the answer may carry documents). Its
/// "insert the template" button posts here too: the page comes back with
/// the template added after the draft, nothing sent (without JavaScript;
/// with it, the page's script inserts at the cursor and posts nothing).
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    req: axum::extract::Request,
) -> AppResult<Response> {
    let (pairs, uploads) = crate::appeals::new::read_form(&state, req).await.map_err(AppError::Status)?;
    let text = pairs.iter().find(|(k, _)| k == "text").map(|(_, v)| v.clone()).unwrap_or_default();
    let form = ActForm { text, ..ActForm::default() };
    if pairs.iter().any(|(k, _)| k == "insert") {
        let chosen = pairs.iter().find(|(k, _)| k == "template").and_then(|(_, v)| v.parse::<i64>().ok());
        let text = match chosen {
            Some(id) => super::show::with_template(&state, &ctx, &number, &form.text, id).await?,
            None => form.text,
        };
        return super::show::render(&state, &ctx, &number, StatusCode::OK, text, None).await;
    }
    let limits = state.config.attachments;
    let clean = match crate::appeals::files::prepare(ctx.tr(), &uploads, &limits).await {
        Ok(clean) => clean,
        Err(problems) => {
            let error = problems.into_iter().next().map(|(_, message)| (message, "answer-files".to_owned()));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_with(&state, &ctx, &number, status, form.text, error, Kept::default()).await;
        }
    };
    let stored = crate::appeals::files::store(&state.config.data_dir, &clean).await?;
    let r = core::answer(&state, &principal(&ctx)?, &number, &form.text, &stored.attachments).await;
    if r.is_err() {
        crate::appeals::files::forget(&state, &stored).await;
    }
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), "answered", form).await
}

pub async fn clarify(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::clarify(&state, &principal(&ctx)?, &number, &f.question).await;
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), "clarified", f).await
}

pub async fn extend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::extend(&state, &principal(&ctx)?, &number, &f.due, &f.reason).await;
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), "extended", f).await
}

pub async fn forward(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::forward(&state, &principal(&ctx)?, &number, &f.institution, &f.reason).await;
    // The appeal now belongs to another body: back to one's inbox.
    outcome(&state, &ctx, &number, r, "/staff/appeals", "forwarded", f).await
}

pub async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::assign(&state, &principal(&ctx)?, &number, &f.officer).await;
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), "assigned", f).await
}

pub async fn note(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    let r = core::note(&state, &principal(&ctx)?, &number, &f.text).await;
    outcome(&state, &ctx, &number, r, &format!("/staff/appeals/{number}"), "noted", f).await
}
