//! What staff do to an appeal besides answering it: extend the term with a
//! reasoned decision (heads, Art. 76) and ask the applicant to clarify
//! (the clock stops until they answer). The applicant is told of each.

use super::show::render;
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::state::{now, AppState};
use adaldyq_domain::appeal::{check_extension, transition, EventKind, ExtensionProblem};
use adaldyq_domain::{decide, Action, Decision, Role};
use adaldyq_store::NewEvent;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

fn staff_role(ctx: &Ctx, wanted: &[Role]) -> String {
    ctx.auth
        .principal
        .as_ref()
        .and_then(|p| p.grants.iter().find(|g| wanted.contains(&g.role)))
        .map(|g| g.role.as_str().to_owned())
        .unwrap_or_else(|| "officer".into())
}

#[derive(Deserialize)]
pub struct ExtendForm {
    #[serde(default)]
    due: String,
    #[serde(default)]
    reason: String,
}

pub async fn extend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ExtendForm>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let (a, target) = super::show::load(&state, &ctx, &number).await?;
    let p = ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)?;
    if decide(Some(p), Action::ExtendTerm, &target) != Decision::Allow {
        return Err(AppError::Forbidden);
    }
    let fail = |key: &str| Some(tr.t(key));
    let Some(to) = transition(a.status, EventKind::Extended) else {
        return render(&state, &ctx, &number, StatusCode::CONFLICT, String::new(), fail("extend-not-now")).await;
    };
    let calendar = state.calendar();
    let (Ok(registered), Ok(current)) =
        (a.registered_on.parse::<jiff::civil::Date>(), a.due_on.parse::<jiff::civil::Date>())
    else {
        return Err(AppError::Internal("an appeal without dates".into()));
    };
    let Ok(new_due) = f.due.trim().parse::<jiff::civil::Date>() else {
        return render(&state, &ctx, &number, StatusCode::UNPROCESSABLE_ENTITY, String::new(), fail("extend-bad-date"))
            .await;
    };
    if let Err(problem) = check_extension(&calendar, registered, current, new_due, &f.reason) {
        let key = match problem {
            ExtensionProblem::ReasonRequired => "extend-reason-required",
            ExtensionProblem::NotLater => "extend-not-later",
            ExtensionProblem::NotWorkingDay => "extend-not-working-day",
            ExtensionProblem::BeyondTwoMonths => "extend-beyond-two-months",
        };
        return render(&state, &ctx, &number, StatusCode::UNPROCESSABLE_ENTITY, String::new(), fail(key)).await;
    }
    let term = calendar.working_days_between(registered, new_due);
    let event = NewEvent {
        kind: EventKind::Extended,
        at: now(),
        actor_role: staff_role(&ctx, &[Role::Head]),
        actor_user_id: Some(p.user_id),
        body: serde_json::json!({ "text": f.reason.trim(), "from": current.to_string(), "to": new_due.to_string() })
            .to_string(),
        internal: false,
        notice: Some(
            serde_json::json!({ "number": a.number, "event": "extended", "due_on": new_due.to_string() }).to_string(),
        ),
    };
    if !state.store.record_term_event(a.id, a.status, to, &event, term, &new_due.to_string()).await? {
        return render(&state, &ctx, &number, StatusCode::CONFLICT, String::new(), fail("answer-not-now")).await;
    }
    Ok(ctx.see_other(&format!("/staff/appeals/{}", a.number)))
}

#[derive(Deserialize)]
pub struct ClarifyForm {
    #[serde(default)]
    question: String,
}

pub async fn clarify(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ClarifyForm>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let (a, target) = super::show::load(&state, &ctx, &number).await?;
    let p = ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)?;
    if decide(Some(p), Action::AnswerAppeal, &target) != Decision::Allow {
        return Err(AppError::Forbidden);
    }
    if f.question.trim().is_empty() {
        let error = Some(tr.t("clarify-required"));
        return render(&state, &ctx, &number, StatusCode::UNPROCESSABLE_ENTITY, String::new(), error).await;
    }
    let Some(to) = transition(a.status, EventKind::ClarificationRequested) else {
        let error = Some(tr.t("answer-not-now"));
        return render(&state, &ctx, &number, StatusCode::CONFLICT, String::new(), error).await;
    };
    let today = state.calendar().time_zone().to_datetime(jiff::Timestamp::now()).date();
    let event = NewEvent {
        kind: EventKind::ClarificationRequested,
        at: now(),
        actor_role: staff_role(&ctx, &[Role::Officer, Role::Head]),
        actor_user_id: Some(p.user_id),
        body: serde_json::json!({ "text": f.question.trim(), "asked_on": today.to_string() }).to_string(),
        internal: false,
        notice: Some(serde_json::json!({ "number": a.number, "event": "clarification_requested" }).to_string()),
    };
    if !state.store.record_event(a.id, a.status, to, &event).await? {
        let error = Some(tr.t("answer-not-now"));
        return render(&state, &ctx, &number, StatusCode::CONFLICT, String::new(), error).await;
    }
    Ok(ctx.see_other(&format!("/staff/appeals/{}", a.number)))
}

#[derive(Deserialize)]
pub struct ForwardForm {
    #[serde(default)]
    institution: String,
    #[serde(default)]
    reason: String,
}

/// Hands an appeal outside the body's competence to the right one, with a
/// reason; the applicant is told. Art. 76 asks for it within three working
/// days of registration: later is still allowed, and the event says so.
pub async fn forward(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<ForwardForm>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let (a, target) = super::show::load(&state, &ctx, &number).await?;
    let p = ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)?;
    if decide(Some(p), Action::AnswerAppeal, &target) != Decision::Allow {
        return Err(AppError::Forbidden);
    }
    let fail = |key: &str| Some(tr.t(key));
    let institution = match f.institution.trim().parse::<i64>() {
        Ok(id) if Some(id) != a.institution_id => state.store.institution(id).await?,
        _ => None,
    };
    let Some(institution) = institution else {
        return render(
            &state,
            &ctx,
            &number,
            StatusCode::UNPROCESSABLE_ENTITY,
            String::new(),
            fail("forward-institution"),
        )
        .await;
    };
    if f.reason.trim().is_empty() {
        return render(&state, &ctx, &number, StatusCode::UNPROCESSABLE_ENTITY, String::new(), fail("forward-reason"))
            .await;
    }
    let Some(to) = transition(a.status, EventKind::Forwarded) else {
        return render(&state, &ctx, &number, StatusCode::CONFLICT, String::new(), fail("answer-not-now")).await;
    };
    let calendar = state.calendar();
    let today = calendar.time_zone().to_datetime(jiff::Timestamp::now()).date();
    let late = a
        .registered_on
        .parse::<jiff::civil::Date>()
        .map(|r| calendar.working_days_between(r, today) > adaldyq_domain::appeal::FORWARD_WITHIN_WORKING_DAYS)
        .unwrap_or(false);
    let event = NewEvent {
        kind: EventKind::Forwarded,
        at: now(),
        actor_role: staff_role(&ctx, &[Role::Officer, Role::Head]),
        actor_user_id: Some(p.user_id),
        body: serde_json::json!({
            "text": f.reason.trim(), "from": a.institution_id, "to": institution.id, "late": late,
        })
        .to_string(),
        internal: false,
        notice: Some(
            serde_json::json!({ "number": a.number, "event": "forwarded", "to": institution.name_ru }).to_string(),
        ),
    };
    if !state.store.forward_appeal(a.id, a.status, to, institution.id, &event).await? {
        return render(&state, &ctx, &number, StatusCode::CONFLICT, String::new(), fail("answer-not-now")).await;
    }
    // The appeal now belongs to another body: back to one's inbox.
    Ok(ctx.see_other("/staff/appeals"))
}

#[derive(Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    officer: String,
}

/// A head gives the appeal to an officer of the institution.
pub async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<AssignForm>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let (a, target) = super::show::load(&state, &ctx, &number).await?;
    let p = ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)?;
    if decide(Some(p), Action::AssignAppeal, &target) != Decision::Allow {
        return Err(AppError::Forbidden);
    }
    let staff = match a.institution_id {
        Some(i) => state.store.staff_of_institution(i).await?,
        None => vec![],
    };
    let Some(officer) = f.officer.parse::<i64>().ok().and_then(|id| staff.into_iter().find(|u| u.id == id)) else {
        return render(
            &state,
            &ctx,
            &number,
            StatusCode::UNPROCESSABLE_ENTITY,
            String::new(),
            Some(tr.t("assign-bad")),
        )
        .await;
    };
    let Some(to) = transition(a.status, EventKind::Assigned) else {
        return render(&state, &ctx, &number, StatusCode::CONFLICT, String::new(), Some(tr.t("answer-not-now"))).await;
    };
    let event = NewEvent {
        kind: EventKind::Assigned,
        at: now(),
        actor_role: staff_role(&ctx, &[Role::Head]),
        actor_user_id: Some(p.user_id),
        // Staff see who; the applicant sees only that it was assigned.
        body: serde_json::json!({ "assignee": officer.id }).to_string(),
        internal: false,
        notice: Some(serde_json::json!({ "number": a.number, "event": "assigned" }).to_string()),
    };
    if !state.store.assign_appeal(a.id, a.status, to, officer.id, &event).await? {
        return render(&state, &ctx, &number, StatusCode::CONFLICT, String::new(), Some(tr.t("answer-not-now"))).await;
    }
    Ok(ctx.see_other(&format!("/staff/appeals/{}", a.number)))
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    text: String,
}

/// An internal note: staff only, never shown to the applicant.
pub async fn note(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number)): Path<(String, String)>,
    Form(f): Form<NoteForm>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let (a, _) = super::show::load(&state, &ctx, &number).await?;
    let p = ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)?;
    let text = f.text.trim();
    if text.is_empty() || text.chars().count() > adaldyq_domain::appeal::MAX_TEXT_CHARS {
        return render(&state, &ctx, &number, StatusCode::UNPROCESSABLE_ENTITY, f.text, Some(tr.t("note-required")))
            .await;
    }
    let role = p.grants.iter().find(|g| g.role.is_staff()).map(|g| g.role.as_str()).unwrap_or("officer");
    let event = NewEvent {
        kind: EventKind::NoteAdded,
        at: now(),
        actor_role: role.to_owned(),
        actor_user_id: Some(p.user_id),
        body: serde_json::json!({ "text": text }).to_string(),
        internal: true,
        notice: None,
    };
    state.store.record_event(a.id, a.status, a.status, &event).await?;
    Ok(ctx.see_other(&format!("/staff/appeals/{}", a.number)))
}
