//! The overdue job (Art. 91): an appeal not answered by its due date counts
//! as refused, so it is escalated to the head and the higher body, with an
//! event and a notice. Run by the server every hour; safe to run twice.

use crate::state::{now, AppState};
use adaldyq_domain::appeal::{transition, EventKind};
use adaldyq_store::NewEvent;

/// Escalates what is overdue on `today`; returns how many appeals moved.
pub async fn escalate_overdue(state: &AppState, today: jiff::civil::Date) -> adaldyq_store::Result<u64> {
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

/// Today in the zone appeals are registered in.
pub fn today(state: &AppState) -> jiff::civil::Date {
    state.calendar().time_zone().to_datetime(jiff::Timestamp::now()).date()
}
