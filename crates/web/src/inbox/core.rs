//! What staff do to an appeal, once, for the pages and the API alike: each
//! function checks scope and permission, the workflow and the input, then
//! records the event (and the applicant's or staff's notice) in one
//! transaction. The
//! callers only turn the outcome into a page or a JSON body.

use super::target_of;
use crate::state::{now, AppState};
use adaldyq_domain::appeal::{
    check_extension, required_text, transition, EventKind, ExtensionProblem, Problem, MAX_TEXT_CHARS,
};
use adaldyq_domain::notice::NoticeKind;
use adaldyq_domain::{decide, may_read_appeal, Action, Decision, Principal, Role, Target};
use adaldyq_store::{Appeal, NewEvent, StaffNotice, StaffRecipients};
use serde_json::json;

/// Why an action was not done. `Invalid` and `Conflict` carry the message
/// key that explains it to the reader.
#[derive(Debug)]
pub enum ActError {
    /// Out of scope (or no such appeal): the same answer, so numbers cannot
    /// be probed.
    NotFound,
    Forbidden,
    Invalid(&'static str),
    /// A text field's content was refused (control characters, nothing
    /// visible, too long): the field, as the staff page names it.
    Text {
        field: &'static str,
        problem: Problem,
    },
    Conflict(&'static str),
    Store(adaldyq_store::StoreError),
}

impl From<adaldyq_store::StoreError> for ActError {
    fn from(e: adaldyq_store::StoreError) -> Self {
        ActError::Store(e)
    }
}

pub type ActResult<T = ()> = Result<T, ActError>;

/// The appeal, if the principal may read it.
pub async fn readable(state: &AppState, p: &Principal, number: &str) -> ActResult<(Appeal, Target)> {
    let appeal = state.store.appeal_by_number(number).await?.ok_or(ActError::NotFound)?;
    let target = target_of(state, &appeal).await?;
    if !may_read_appeal(p, appeal.kind, &target) {
        return Err(ActError::NotFound);
    }
    Ok((appeal, target))
}

fn permit(p: &Principal, action: Action, target: &Target) -> ActResult {
    if decide(Some(p), action, target) == Decision::Allow {
        Ok(())
    } else {
        Err(ActError::Forbidden)
    }
}

/// The role the event is recorded under: the first of `wanted` the person holds.
fn role_of(p: &Principal, wanted: &[Role]) -> String {
    p.grants
        .iter()
        .find(|g| wanted.contains(&g.role))
        .map(|g| g.role.as_str().to_owned())
        .unwrap_or_else(|| "officer".into())
}

/// A text that must say something; `missing` explains an empty one.
fn text_of(text: &str, missing: &'static str, field: &'static str) -> ActResult<String> {
    match required_text(text, MAX_TEXT_CHARS) {
        Ok(t) => Ok(t),
        Err(Problem::Required) => Err(ActError::Invalid(missing)),
        Err(problem) => Err(ActError::Text { field, problem }),
    }
}

fn event(
    kind: EventKind,
    p: &Principal,
    role: String,
    body: serde_json::Value,
    notice: Option<serde_json::Value>,
) -> NewEvent {
    NewEvent {
        kind,
        at: now(),
        actor_role: role,
        actor_user_id: Some(p.user_id),
        body: body.to_string(),
        internal: kind == EventKind::NoteAdded,
        notice: notice.map(|n| n.to_string()),
        staff_notice: None,
    }
}

const MOVED: &str = "answer-not-now";

/// The answer, with documents if any (already stored on disk).
pub async fn answer(
    state: &AppState,
    p: &Principal,
    number: &str,
    text: &str,
    files: &[adaldyq_store::NewAttachment],
) -> ActResult<Appeal> {
    let (a, target) = readable(state, p, number).await?;
    permit(p, Action::AnswerAppeal, &target)?;
    let text = text_of(text, "answer-required", "answer")?;
    let to = transition(a.status, EventKind::Answered).ok_or(ActError::Conflict(MOVED))?;
    let e = event(
        EventKind::Answered,
        p,
        role_of(p, &[Role::Officer, Role::Head]),
        json!({ "text": text, "files": files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>() }),
        Some(json!({ "number": a.number, "event": "answered" })),
    );
    if !state.store.record_event_with_files(a.id, a.status, to, &e, files).await? {
        return Err(ActError::Conflict(MOVED));
    }
    Ok(a)
}

pub async fn clarify(state: &AppState, p: &Principal, number: &str, question: &str) -> ActResult<Appeal> {
    let (a, target) = readable(state, p, number).await?;
    permit(p, Action::AnswerAppeal, &target)?;
    let question = text_of(question, "clarify-required", "question")?;
    let to = transition(a.status, EventKind::ClarificationRequested).ok_or(ActError::Conflict(MOVED))?;
    let today = state.calendar().time_zone().to_datetime(jiff::Timestamp::now()).date();
    let e = event(
        EventKind::ClarificationRequested,
        p,
        role_of(p, &[Role::Officer, Role::Head]),
        json!({ "text": question, "asked_on": today.to_string() }),
        Some(json!({ "number": a.number, "event": "clarification_requested" })),
    );
    if !state.store.record_event(a.id, a.status, to, &e).await? {
        return Err(ActError::Conflict(MOVED));
    }
    Ok(a)
}

/// A head's reasoned extension (Art. 76); the term is kept in working days.
pub async fn extend(state: &AppState, p: &Principal, number: &str, due: &str, reason: &str) -> ActResult<Appeal> {
    let (a, target) = readable(state, p, number).await?;
    permit(p, Action::ExtendTerm, &target)?;
    let to = transition(a.status, EventKind::Extended).ok_or(ActError::Conflict("extend-not-now"))?;
    let calendar = state.calendar();
    let (Ok(registered), Ok(current)) =
        (a.registered_on.parse::<jiff::civil::Date>(), a.due_on.parse::<jiff::civil::Date>())
    else {
        return Err(ActError::Store(adaldyq_store::StoreError::Invalid("an appeal without dates".into())));
    };
    let new_due = due.trim().parse::<jiff::civil::Date>().map_err(|_| ActError::Invalid("extend-bad-date"))?;
    // An empty reason is the extension rule's to explain; anything else
    // wrong with the text is named here.
    match required_text(reason, MAX_TEXT_CHARS) {
        Ok(_) | Err(Problem::Required) => {}
        Err(problem) => return Err(ActError::Text { field: "reason", problem }),
    }
    check_extension(&calendar, registered, current, new_due, reason).map_err(|problem| {
        ActError::Invalid(match problem {
            ExtensionProblem::ReasonRequired => "extend-reason-required",
            ExtensionProblem::NotLater => "extend-not-later",
            ExtensionProblem::NotWorkingDay => "extend-not-working-day",
            ExtensionProblem::BeyondTwoMonths => "extend-beyond-two-months",
        })
    })?;
    let term = calendar.working_days_between(registered, new_due);
    let e = event(
        EventKind::Extended,
        p,
        role_of(p, &[Role::Head]),
        json!({ "text": reason.trim(), "from": current.to_string(), "to": new_due.to_string() }),
        Some(json!({ "number": a.number, "event": "extended", "due_on": new_due.to_string() })),
    );
    if !state.store.record_term_event(a.id, a.status, to, &e, term, &new_due.to_string()).await? {
        return Err(ActError::Conflict(MOVED));
    }
    Ok(a)
}

/// Hands an appeal outside the body's competence to the right one. Art. 76
/// asks for it within three working days of registration: later is still
/// allowed, and the event says so.
pub async fn forward(
    state: &AppState,
    p: &Principal,
    number: &str,
    institution: &str,
    reason: &str,
) -> ActResult<Appeal> {
    let (a, target) = readable(state, p, number).await?;
    permit(p, Action::AnswerAppeal, &target)?;
    let institution = match institution.trim().parse::<i64>() {
        Ok(id) if Some(id) != a.institution_id => state.store.institution(id).await?,
        _ => None,
    }
    .ok_or(ActError::Invalid("forward-institution"))?;
    let reason = text_of(reason, "forward-reason", "forward-reason")?;
    let to = transition(a.status, EventKind::Forwarded).ok_or(ActError::Conflict(MOVED))?;
    let calendar = state.calendar();
    let today = calendar.time_zone().to_datetime(jiff::Timestamp::now()).date();
    let late = a
        .registered_on
        .parse::<jiff::civil::Date>()
        .map(|r| calendar.working_days_between(r, today) > adaldyq_domain::appeal::FORWARD_WITHIN_WORKING_DAYS)
        .unwrap_or(false);
    let e = event(
        EventKind::Forwarded,
        p,
        role_of(p, &[Role::Officer, Role::Head]),
        json!({ "text": reason, "from": a.institution_id, "to": institution.id, "late": late }),
        Some(json!({ "number": a.number, "event": "forwarded", "to": institution.name_ru })),
    );
    if !state.store.forward_appeal(a.id, a.status, to, institution.id, &e).await? {
        return Err(ActError::Conflict(MOVED));
    }
    Ok(a)
}

/// A head gives the appeal to an officer of its institution.
pub async fn assign(state: &AppState, p: &Principal, number: &str, officer: &str) -> ActResult<Appeal> {
    let (a, target) = readable(state, p, number).await?;
    permit(p, Action::AssignAppeal, &target)?;
    let staff = match a.institution_id {
        Some(i) => state.store.staff_of_institution(i).await?,
        None => vec![],
    };
    let officer = officer
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| staff.into_iter().find(|u| u.id == id))
        .ok_or(ActError::Invalid("assign-bad"))?;
    let to = transition(a.status, EventKind::Assigned).ok_or(ActError::Conflict(MOVED))?;
    // Staff see who. The applicant is not told (no notice of the issue's
    // list); the officer is, unless they assigned it to themselves (the
    // store leaves the actor out).
    let mut e = event(EventKind::Assigned, p, role_of(p, &[Role::Head]), json!({ "assignee": officer.id }), None);
    e.staff_notice = Some(StaffNotice {
        kind: NoticeKind::Assigned.as_str().to_owned(),
        to: StaffRecipients::User(officer.id),
        payload: json!({ "number": a.number, "due_on": a.due_on }).to_string(),
    });
    if !state.store.assign_appeal(a.id, a.status, to, officer.id, &e).await? {
        return Err(ActError::Conflict(MOVED));
    }
    Ok(a)
}

/// An internal note: staff only, never shown to the applicant.
pub async fn note(state: &AppState, p: &Principal, number: &str, text: &str) -> ActResult<Appeal> {
    let (a, _) = readable(state, p, number).await?;
    let text = text_of(text, "note-required", "note")?;
    let role = p.grants.iter().find(|g| g.role.is_staff()).map(|g| g.role.as_str()).unwrap_or("officer");
    let e = event(EventKind::NoteAdded, p, role.to_owned(), json!({ "text": text }), None);
    if !state.store.record_event(a.id, a.status, a.status, &e).await? {
        return Err(ActError::Conflict(MOVED));
    }
    Ok(a)
}
