//! The receptions' periodic job: the reminders 24 and 2 hours before a
//! booked slot, and the waiting lists a freed seat left waiting (a
//! cancellation promotes at once; a race between it and a booking may
//! not). The store writes each reminder once and guards every seat, so
//! several servers may run this at the same minute.

use crate::state::AppState;

/// Reminders read per round, and rounds per run: more waits a minute.
const BATCH: i64 = 500;
const ROUNDS: usize = 10;

/// Receptions whose waiting list one run looks at.
const RECEPTIONS: i64 = 200;

/// What one run did: reminders written (by this run, not another
/// server's) and people moved up from a waiting list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobReport {
    pub reminders: usize,
    pub promoted: u64,
}

/// Writes the reminders due at `now` and fills free seats from the
/// waiting lists of receptions not yet started.
pub async fn run_once(state: &AppState, now: i64) -> adaldyq_store::Result<JobReport> {
    let store = &state.store;
    let mut report = JobReport::default();
    for _ in 0..ROUNDS {
        let due = store.due_reminders(now, BATCH).await?;
        for d in &due {
            if store.queue_reminder(d.booking_id, d.kind, now).await? {
                report.reminders += 1;
            }
        }
        if (due.len() as i64) < BATCH {
            break;
        }
    }
    for reception in store.waitlists_to_promote(now, RECEPTIONS).await? {
        report.promoted += store.promote_waitlist(reception, now).await?;
    }
    Ok(report)
}

/// Runs once a minute until the server stops.
pub async fn run(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match run_once(&state, crate::state::now()).await {
            Ok(r) if r.reminders > 0 || r.promoted > 0 => {
                tracing::info!(reminders = r.reminders, promoted = r.promoted, "reception reminders and waiting lists")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "reception reminders and waiting lists"),
        }
    }
}
