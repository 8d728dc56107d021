//! `GET|POST /{lang}/staff/receptions/{id}/questions?booking=ID`: the record
//! of a person who came. Their question, and either "answered on the spot"
//! (a short answer) or "taken as an appeal": filed in their name through
//! [`crate::receptions::take::take_as_appeal`], linked to the question, and
//! answered with the appeal's printable receipt (the secret shown once).

use super::{booking_of, day_open, day_path, reception_in_scope, status_text, DayRefusal};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::receptions::book::{refusal_text, summary};
use crate::receptions::take::{take_as_appeal, Taken, Taking, KINDS};
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::appeal::{AppealKind, FieldError, Problem};
use adaldyq_domain::reception::{check_question, BookingStatus, QuestionOutcome};
use adaldyq_store::{Booking, NewQuestion, Reception};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct QuestionForm {
    #[serde(default)]
    pub booking: String,
    #[serde(default)]
    pub text: String,
    /// `answered_on_the_spot` or `taken_as_appeal`.
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub answer: String,
    /// The appeal's kind, when taken as one.
    #[serde(default)]
    pub kind: String,
}

#[derive(Template)]
#[template(path = "receptions/staff/question.html")]
struct QuestionPage {
    page: Page,
    id: i64,
    when: String,
    place: String,
    booking: i64,
    code: String,
    name: String,
    topic: String,
    status: String,
    form: QuestionForm,
    /// (value, label) of the appeal kinds.
    kinds: Vec<(&'static str, String)>,
    errors: Vec<(String, String)>,
}

impl QuestionPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

fn kind_label(tr: Tr, k: AppealKind) -> String {
    tr.t(&format!("kind-{}", k.as_str().replace('_', "-")))
}

async fn render(
    ctx: &Ctx,
    r: &Reception,
    b: &Booking,
    status: StatusCode,
    form: QuestionForm,
    errors: Vec<(String, String)>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let s = summary(tr, r);
    let title = if errors.is_empty() { "reception-question-title" } else { "reception-question-error-title" };
    let page = QuestionPage {
        page: ctx.page(title),
        id: r.id,
        when: s.when,
        place: s.place,
        booking: b.id,
        code: b.code.clone(),
        name: b.name.clone(),
        topic: b.topic.clone(),
        status: status_text(tr, b.status),
        form,
        kinds: KINDS.iter().map(|k| (k.as_str(), kind_label(tr, *k))).collect(),
        errors,
    };
    Ok(html(ctx.locale, status, &page))
}

/// Whether a question may be recorded for this person now: the day is
/// open and they came (checked in, a walk-in, or received).
fn may_record(tr: Tr, r: &Reception, b: &Booking) -> Result<(), String> {
    day_open(r).map_err(|why| refusal_text(tr, why))?;
    if matches!(b.status, BookingStatus::CheckedIn | BookingStatus::Received) {
        Ok(())
    } else {
        Err(tr.with("reception-question-not-came", &[("status", status_text(tr, b.status))]))
    }
}

#[derive(Debug, Deserialize)]
pub struct BookingQuery {
    #[serde(default)]
    booking: String,
}

pub async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<BookingQuery>,
) -> AppResult<Response> {
    let r = reception_in_scope(&state, &ctx, &id).await?;
    let b = booking_of(&state, &r, &q.booking).await?;
    let form = QuestionForm { booking: b.id.to_string(), kind: "complaint".into(), ..QuestionForm::default() };
    match may_record(ctx.tr(), &r, &b) {
        Ok(()) => render(&ctx, &r, &b, StatusCode::OK, form, vec![]).await,
        Err(message) => render(&ctx, &r, &b, StatusCode::CONFLICT, form, vec![("text".into(), message)]).await,
    }
}

fn message(tr: Tr, e: &FieldError) -> String {
    let key = match (e.field, e.problem) {
        ("question", Problem::TooLong) => "reception-question-error-text-long",
        ("question", _) => "reception-question-error-text",
        ("answer", Problem::TooLong) => "reception-question-error-answer-long",
        ("answer", _) => "reception-question-error-answer",
        ("kind", _) => "reception-question-error-kind",
        _ => "reception-question-error-outcome",
    };
    tr.t(key)
}

/// The form's field a problem is shown at.
fn field(e: &FieldError) -> &'static str {
    match e.field {
        "question" => "text",
        "answer" => "answer",
        "kind" => "kind",
        _ => "outcome",
    }
}

/// What recording a question came to.
pub enum Recorded {
    Answered,
    /// Taken as an appeal: filed (its receipt's secret shown once).
    Appeal(Taken),
}

/// Records a question of a person who came, with the record form's
/// checks: answered on the spot, or taken as an appeal through
/// [`take_as_appeal`]. The same question sent again (a double click, a
/// retry) is recorded once and filed once. The page and the API call it.
pub async fn record_question(
    state: &AppState,
    tr: Tr,
    r: &Reception,
    b: &Booking,
    form: &QuestionForm,
) -> AppResult<Result<Recorded, DayRefusal>> {
    if let Err(message) = may_record(tr, r, b) {
        return Ok(Err(DayRefusal::Conflict("text", message)));
    }
    let outcome = QuestionOutcome::parse(form.outcome.trim());
    let kind = AppealKind::parse(form.kind.trim()).filter(|k| KINDS.contains(k));
    let mut problems = Vec::new();
    let checked = match outcome {
        Some(o) => check_question(&form.text, o, &form.answer).map_err(|p| problems.extend(p)).ok(),
        None => {
            problems.extend(check_question(&form.text, QuestionOutcome::TakenAsAppeal, "").err().unwrap_or_default());
            problems.push(FieldError { field: "outcome", problem: Problem::Required });
            None
        }
    };
    if outcome == Some(QuestionOutcome::TakenAsAppeal) && kind.is_none() {
        problems.push(FieldError { field: "kind", problem: Problem::Unknown });
    }
    let (Some(outcome), Some((text, answer)), true) = (outcome, checked, problems.is_empty()) else {
        let errors = problems.iter().map(|e| (field(e).to_owned(), message(tr, e))).collect();
        return Ok(Err(DayRefusal::Invalid(errors)));
    };
    let answer = if outcome == QuestionOutcome::AnsweredOnTheSpot { answer } else { String::new() };
    let at = now();
    // The same form sent again (a double click, a retry after an error)
    // records the question once and files it once.
    let before = state
        .store
        .questions(r.id)
        .await?
        .into_iter()
        .find(|q| q.booking_id == b.id && q.text == text && q.outcome == outcome && q.answer == answer);
    let question_id = match before {
        Some(q) => q.id,
        None => {
            let question = NewQuestion { booking_id: b.id, text: text.clone(), outcome, answer };
            match state.store.add_question(&question, at).await? {
                Ok(id) => id,
                Err(why) => return Ok(Err(DayRefusal::Conflict("text", refusal_text(tr, why)))),
            }
        }
    };
    if outcome == QuestionOutcome::AnsweredOnTheSpot {
        return Ok(Ok(Recorded::Answered));
    }
    let taking = Taking {
        reception_id: r.id,
        territory_code: &r.territory_code,
        person: b,
        question_id,
        text: &text,
        kind: kind.unwrap_or(AppealKind::Complaint),
        at,
        fallback_institution: None,
    };
    let calendar = state.calendar();
    let taken = take_as_appeal(&state.store, &calendar, Some(&state.config.secret_key), taking)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Ok(Recorded::Appeal(taken)))
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<QuestionForm>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let r = reception_in_scope(&state, &ctx, &id).await?;
    let b = booking_of(&state, &r, &form.booking).await?;
    match record_question(&state, tr, &r, &b, &form).await? {
        Err(DayRefusal::Invalid(errors)) => render(&ctx, &r, &b, StatusCode::UNPROCESSABLE_ENTITY, form, errors).await,
        Err(DayRefusal::Conflict(field, message)) => {
            render(&ctx, &r, &b, StatusCode::CONFLICT, form, vec![(field.to_owned(), message)]).await
        }
        Ok(Recorded::Answered) => {
            let mut response = ctx.see_other(&day_path(&r));
            crate::inbox::flash::set(&state, &mut response, "question-answered", &b.code);
            Ok(response)
        }
        Ok(Recorded::Appeal(taken)) => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            crate::appeals::new::receipt_for(&ctx, &taken.filed, &state, host, Some(ctx.href(&day_path(&r)))).await
        }
    }
}
