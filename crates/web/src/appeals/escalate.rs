//! The overdue job (Art. 91): an appeal not answered by its due date counts
//! as refused. First it is escalated where it is (the head is told); if it
//! is still unanswered [`SECOND_STEP_AFTER`] working days after its due
//! date, it goes to the higher body with a new term and the commission is
//! told. Each step tells the heads of the body that has it then
//! (`escalated_to_you`). Run by the server every few minutes; safe to run twice.

use crate::state::{now, AppState};
use adaldyq_domain::appeal::{transition, EventKind};
use adaldyq_domain::notice::NoticeKind;
use adaldyq_store::{NewEvent, StaffNotice, StaffRecipients};

/// Working days after the due date before the second step.
pub const SECOND_STEP_AFTER: u32 = 3;

/// Escalates what is overdue on `today`; returns how many appeals moved.
pub async fn escalate_overdue(state: &AppState, today: jiff::civil::Date) -> adaldyq_store::Result<u64> {
    let first = first_step(state, today).await?;
    Ok(first + second_step(state, today).await?)
}

/// The second step, for escalated appeals whose due date is more than
/// [`SECOND_STEP_AFTER`] working days past.
async fn second_step(state: &AppState, today: jiff::civil::Date) -> adaldyq_store::Result<u64> {
    let calendar = state.calendar();
    // The latest due date for which the grace is over: step back day by day.
    let mut limit = today;
    while calendar.working_days_between(limit, today) < SECOND_STEP_AFTER as i64 {
        match limit.yesterday() {
            Ok(d) => limit = d,
            Err(_) => return Ok(0),
        }
    }
    let mut moved = 0;
    for a in state.store.escalated_due_before(&limit.to_string(), 200).await? {
        let higher = crate::appeals::feedback::higher_body(state, &a).await.unwrap_or_default();
        let due = calendar.add_working_days(today, crate::appeals::TERM_DAYS);
        let Ok(registered) = a.registered_on.parse::<jiff::civil::Date>() else { continue };
        let term = calendar.working_days_between(registered, due);
        let event = NewEvent {
            kind: EventKind::Escalated,
            at: now(),
            actor_role: "system".into(),
            actor_user_id: None,
            body: serde_json::json!({ "step": 2, "to": higher, "due_on": due.to_string() }).to_string(),
            internal: false,
            notice: Some(serde_json::json!({ "number": a.number, "event": "escalated_to_commission" }).to_string()),
            staff_notice: Some(escalated_to_you(&a.number, &due.to_string())),
        };
        // Back to "registered" at the higher body (or where it was, with the
        // commission told) with a new term: the clock starts again there.
        if state
            .store
            .reassign_with_term(
                a.id,
                a.status,
                adaldyq_domain::appeal::Status::Registered,
                higher,
                term,
                &due.to_string(),
                &event,
            )
            .await?
        {
            moved += 1;
        }
    }
    Ok(moved)
}

async fn first_step(state: &AppState, today: jiff::civil::Date) -> adaldyq_store::Result<u64> {
    let mut moved = 0;
    loop {
        let batch = state.store.overdue(&today.to_string(), 200).await?;
        if batch.is_empty() {
            return Ok(moved);
        }
        let mut progressed = false;
        for a in batch {
            let Some(to) = transition(a.status, EventKind::Escalated) else { continue };
            let event = NewEvent {
                kind: EventKind::Escalated,
                at: now(),
                actor_role: "system".into(),
                actor_user_id: None,
                body: serde_json::json!({ "due_on": a.due_on, "escalated_on": today.to_string() }).to_string(),
                internal: false,
                notice: Some(serde_json::json!({ "number": a.number, "event": "escalated" }).to_string()),
                staff_notice: Some(escalated_to_you(&a.number, &a.due_on)),
            };
            if state.store.record_event(a.id, a.status, to, &event).await? {
                moved += 1;
                progressed = true;
            }
        }
        if !progressed {
            return Ok(moved);
        }
    }
}

/// The notice to the heads of the body that has an escalated (or disputed)
/// appeal now: its number and the due date it has there.
pub fn escalated_to_you(number: &str, due_on: &str) -> StaffNotice {
    StaffNotice {
        kind: NoticeKind::EscalatedToYou.as_str().to_owned(),
        to: StaffRecipients::HeadsOfAppealBody,
        payload: serde_json::json!({ "number": number, "due_on": due_on }).to_string(),
    }
}

/// Today in the zone appeals are registered in.
pub fn today(state: &AppState) -> jiff::civil::Date {
    state.calendar().time_zone().to_datetime(jiff::Timestamp::now()).date()
}

/// Closes answered appeals whose dispute window is over (nothing happened
/// for [`adaldyq_domain::appeal::DISPUTE_WINDOW_DAYS`] days); `now` in
/// seconds. Returns how many were closed.
pub async fn close_settled(state: &AppState, now_secs: i64) -> adaldyq_store::Result<u64> {
    let before = now_secs - adaldyq_domain::appeal::DISPUTE_WINDOW_DAYS * 86_400;
    let mut closed = 0;
    for a in state.store.answered_before(before, 500).await? {
        let Some(to) = transition(a.status, EventKind::Closed) else { continue };
        let event = NewEvent {
            kind: EventKind::Closed,
            at: now_secs,
            actor_role: "system".into(),
            actor_user_id: None,
            body: serde_json::json!({ "reason": "dispute_window_over" }).to_string(),
            internal: false,
            notice: None,
            staff_notice: None,
        };
        if state.store.record_event(a.id, a.status, to, &event).await? {
            closed += 1;
        }
    }
    Ok(closed)
}
