//! The morning digest: on each working day of the platform calendar, from
//! 08:00 Asia/Qyzylorda, each staff member gets one notice listing the open
//! appeals in their hands (and, for a head, those of the body nobody is
//! assigned to) due within three working days, overdue ones included;
//! nobody with an empty list gets one. The server tries every minute; the
//! day's claim (`digest:YYYY-MM-DD` in meta, written with the notices in
//! one transaction) makes it once a day however many servers try. The list
//! is the notice's payload; its text is rendered when it is sent.

use crate::state::{now, AppState};
use adaldyq_domain::notice::{shorten, DIGEST_HOUR, DIGEST_SUBJECT_CHARS, DIGEST_WORKING_DAYS};
use std::collections::BTreeMap;

/// Lines one digest lists; the rest are counted ("and 12 more").
pub const MAX_LINES: usize = 50;

/// Writes the digests of the day `at` falls on, if it is a working day,
/// past [`DIGEST_HOUR`] local time, and nobody wrote them yet: how many
/// digests were written, or `None` when it was not this call's to write.
pub async fn send_digests(state: &AppState, at: jiff::Timestamp) -> adaldyq_store::Result<Option<usize>> {
    let calendar = state.calendar();
    let local = calendar.time_zone().to_datetime(at);
    let today = local.date();
    if local.hour() < DIGEST_HOUR || !calendar.is_working_day(today) {
        return Ok(None);
    }
    let day = today.to_string();
    // Cheap look first: after the day's digests, every later try ends here.
    if state.store.meta(&format!("digest:{day}")).await?.is_some() {
        return Ok(None);
    }
    let until = calendar.add_working_days(today, DIGEST_WORKING_DAYS);
    let lines = state.store.due_for_digest(&until.to_string(), 100_000).await?;
    let mut by_user: BTreeMap<i64, Vec<serde_json::Value>> = BTreeMap::new();
    let mut totals: BTreeMap<i64, usize> = BTreeMap::new();
    for l in lines {
        *totals.entry(l.user_id).or_default() += 1;
        let list = by_user.entry(l.user_id).or_default();
        if list.len() < MAX_LINES {
            list.push(serde_json::json!({
                "number": l.number,
                "due_on": l.due_on,
                "subject": shorten(&l.subject, DIGEST_SUBJECT_CHARS),
            }));
        }
    }
    let digests: Vec<(i64, String)> = by_user
        .into_iter()
        .map(|(user, appeals)| {
            let payload = serde_json::json!({
                "day": day,
                "due_on": until.to_string(),
                "total": totals.get(&user).copied().unwrap_or(appeals.len()),
                "appeals": appeals,
            });
            (user, payload.to_string())
        })
        .collect();
    if state.store.enqueue_digests(&day, &digests, now()).await? {
        Ok(Some(digests.len()))
    } else {
        Ok(None)
    }
}

/// Tries once a minute until the server stops.
pub async fn run(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match send_digests(&state, jiff::Timestamp::now()).await {
            Ok(Some(n)) => tracing::info!(digests = n, "the morning digests were written"),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "the morning digest"),
        }
    }
}
