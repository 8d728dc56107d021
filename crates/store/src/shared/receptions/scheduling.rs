//! Planning receptions: schedule, change, postpone, cancel and hold one
//! (recurring schedules, which make them, are in `schedules.rs`). Each change raises the
//! reception's sequence and is a leaf of the transparency log in its own
//! transaction; a host's overlapping receptions are refused under the
//! host's row lock, so two coordinators cannot both win.

use super::super::super::{Backend, Db};
use super::{clash, co_hosts_text, languages_text, lock_host, log_reception, notify, reception_in, Tx};
use crate::{
    Actor, GenerateReport, HeldSummary, NewReception, NewSchedule, PlanOutcome, ReceptionStore, Result, Schedule,
    StoreError,
};
use adaldyq_domain::calendar::Calendar;
use adaldyq_domain::reception::{slot_times, BookingNotice, Details, ReceptionStatus, Refusal};
use async_trait::async_trait;
use sqlx::Row;

/// Why a reception that is not upcoming cannot change.
fn not_upcoming(s: ReceptionStatus) -> Refusal {
    match s {
        ReceptionStatus::Held => Refusal::Held,
        _ => Refusal::Cancelled,
    }
}

/// The upcoming reception `id` in `tx`, or why it cannot change.
async fn upcoming(tx: &mut Tx<'_>, id: i64) -> Result<std::result::Result<crate::Reception, Refusal>> {
    Ok(match reception_in(tx, id).await? {
        None => Err(Refusal::NotFound),
        Some(r) if !r.status.is_upcoming() => Err(not_upcoming(r.status)),
        Some(r) => Ok(r),
    })
}

/// Whether the territory is the working group's rural district or under it.
async fn in_group_district(tx: &mut Tx<'_>, group_id: i64, territory: &str) -> Result<bool> {
    Ok(sqlx::query_scalar::<Db, i64>(
        "SELECT g.id FROM working_groups g JOIN territories t ON t.code = g.territory_code \
         JOIN territories p ON p.code = $2 WHERE g.id = $1 AND (p.path = t.path OR p.path LIKE t.path || '/%')",
    )
    .bind(group_id)
    .bind(territory)
    .fetch_optional(&mut **tx)
    .await?
    .is_some())
}

/// Inserts a reception and its slots in `tx` after the host's lock and
/// clash check, with its leaf; `made_by` names the schedule and its date.
pub(super) async fn insert_reception(
    tx: &mut Tx<'_>,
    new: &NewReception,
    made_by: Option<(i64, String)>,
    by: &Actor,
    now: i64,
) -> Result<PlanOutcome> {
    if !in_group_district(tx, new.group_id, &new.territory_code).await? {
        return Err(StoreError::Invalid(format!(
            "territory {} is not in the district of working group {}",
            new.territory_code, new.group_id
        )));
    }
    if !lock_host(tx, new.host_id).await? {
        return Err(StoreError::NotFound(format!("host {}", new.host_id)));
    }
    if let Some(c) = clash(tx, new.host_id, (new.starts_at, new.ends_at), None).await? {
        return Ok(PlanOutcome::HostBusy(c));
    }
    let d = &new.details;
    let (schedule_id, scheduled_on) = made_by.unzip();
    let id = sqlx::query_scalar::<Db, i64>(
        "INSERT INTO receptions (group_id, territory_code, host_id, co_hosts, mode, address, online_link, starts_at, \
         ends_at, slot_minutes, seats_per_slot, waitlist_size, waitlisted, opens_days_before, closes_hours_before, \
         topics, languages, accessibility, status, sequence, schedule_id, scheduled_on, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13, $14, $15, $16, $17, 'planned', 0, $18, $19, \
         $20, $20) RETURNING id",
    )
    .bind(new.group_id)
    .bind(&new.territory_code)
    .bind(new.host_id)
    .bind(co_hosts_text(&d.co_hosts))
    .bind(d.mode.as_str())
    .bind(&d.address)
    .bind(&d.online_link)
    .bind(new.starts_at)
    .bind(new.ends_at)
    .bind(new.capacity.slot_minutes)
    .bind(new.capacity.seats_per_slot)
    .bind(new.capacity.waitlist_size)
    .bind(d.opens_days_before)
    .bind(d.closes_hours_before)
    .bind(&d.topics)
    .bind(languages_text(&d.languages))
    .bind(&d.accessibility)
    .bind(schedule_id)
    .bind(scheduled_on)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    for (starts, ends) in slot_times(new.starts_at, new.ends_at, new.capacity.slot_minutes) {
        sqlx::query::<Db>(
            "INSERT INTO reception_slots (reception_id, starts_at, ends_at, seats, taken) VALUES ($1, $2, $3, $4, 0)",
        )
        .bind(id)
        .bind(starts)
        .bind(ends)
        .bind(new.capacity.seats_per_slot)
        .execute(&mut **tx)
        .await?;
    }
    log_reception(tx, by, "reception_scheduled", id, serde_json::json!({ "schedule": schedule_id }), now).await?;
    Ok(PlanOutcome::Done(id))
}

/// Commits when the plan went through, else leaves nothing behind.
async fn finish(tx: Tx<'_>, outcome: PlanOutcome) -> Result<PlanOutcome> {
    if matches!(outcome, PlanOutcome::Done(_)) {
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    Ok(outcome)
}

impl Backend {
    /// Another coordinator held or cancelled the reception between our
    /// read and our update: nothing is written, and the answer says why.
    async fn changed_meanwhile(&self, tx: Tx<'_>, id: i64) -> Result<PlanOutcome> {
        tx.rollback().await?;
        let now = crate::ReceptionQueries::reception(self, id).await?;
        let why = match now {
            None => Refusal::NotFound,
            Some(r) if !r.status.is_upcoming() => not_upcoming(r.status),
            // Postponed meanwhile: the caller's view of its time is stale.
            Some(_) => Refusal::NotActive,
        };
        Ok(PlanOutcome::Refused(why))
    }
}

#[async_trait]
impl ReceptionStore for Backend {
    async fn schedule_reception(&self, new: &NewReception, by: &Actor, now: i64) -> Result<PlanOutcome> {
        let mut tx = self.write_pool().begin().await?;
        let outcome = insert_reception(&mut tx, new, None, by, now).await?;
        finish(tx, outcome).await
    }

    async fn update_reception(
        &self,
        id: i64,
        host_id: i64,
        details: &Details,
        by: &Actor,
        now: i64,
    ) -> Result<PlanOutcome> {
        let mut tx = self.write_pool().begin().await?;
        let r = match upcoming(&mut tx, id).await? {
            Ok(r) => r,
            Err(why) => return finish(tx, PlanOutcome::Refused(why)).await,
        };
        if !lock_host(&mut tx, host_id).await? {
            return Err(StoreError::NotFound(format!("host {host_id}")));
        }
        if let Some(c) = clash(&mut tx, host_id, (r.starts_at, r.ends_at), Some(id)).await? {
            return finish(tx, PlanOutcome::HostBusy(c)).await;
        }
        let changed = sqlx::query::<Db>(
            "UPDATE receptions SET host_id = $2, co_hosts = $3, mode = $4, address = $5, online_link = $6, topics = $7, \
             languages = $8, accessibility = $9, opens_days_before = $10, closes_hours_before = $11, \
             sequence = sequence + 1, updated_at = $12 WHERE id = $1 AND status IN ('planned', 'postponed')",
        )
        .bind(id)
        .bind(host_id)
        .bind(co_hosts_text(&details.co_hosts))
        .bind(details.mode.as_str())
        .bind(&details.address)
        .bind(&details.online_link)
        .bind(&details.topics)
        .bind(languages_text(&details.languages))
        .bind(&details.accessibility)
        .bind(details.opens_days_before)
        .bind(details.closes_hours_before)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return self.changed_meanwhile(tx, id).await;
        }
        log_reception(&mut tx, by, "reception_changed", id, serde_json::json!({}), now).await?;
        finish(tx, PlanOutcome::Done(id)).await
    }

    async fn cancel_reception(&self, id: i64, reason: &str, by: &Actor, now: i64) -> Result<PlanOutcome> {
        let mut tx = self.write_pool().begin().await?;
        if let Err(why) = upcoming(&mut tx, id).await? {
            return finish(tx, PlanOutcome::Refused(why)).await;
        }
        let changed = sqlx::query::<Db>(
            "UPDATE receptions SET status = 'cancelled', status_reason = $2, waitlisted = 0, \
             sequence = sequence + 1, updated_at = $3 WHERE id = $1 AND status IN ('planned', 'postponed')",
        )
        .bind(id)
        .bind(reason)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return self.changed_meanwhile(tx, id).await;
        }
        let cancelled = sqlx::query_scalar::<Db, i64>(
            "UPDATE reception_bookings SET status = 'cancelled', updated_at = $2 \
             WHERE reception_id = $1 AND status IN ('booked', 'waitlisted', 'checked_in') RETURNING id",
        )
        .bind(id)
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        for booking in &cancelled {
            notify(&mut tx, *booking, BookingNotice::ReceptionCancelled, serde_json::json!({ "reason": reason }), now)
                .await?;
        }
        sqlx::query::<Db>("UPDATE reception_slots SET taken = 0 WHERE reception_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let extra = serde_json::json!({ "reason": reason, "bookings_cancelled": cancelled.len() });
        log_reception(&mut tx, by, "reception_cancelled", id, extra, now).await?;
        finish(tx, PlanOutcome::Done(id)).await
    }

    async fn postpone_reception(
        &self,
        id: i64,
        new_starts_at: i64,
        reason: &str,
        by: &Actor,
        now: i64,
    ) -> Result<PlanOutcome> {
        if new_starts_at <= now {
            return Err(StoreError::Invalid("a reception is postponed to a time still ahead".into()));
        }
        let mut tx = self.write_pool().begin().await?;
        let r = match upcoming(&mut tx, id).await? {
            Ok(r) => r,
            Err(why) => return finish(tx, PlanOutcome::Refused(why)).await,
        };
        let shift = new_starts_at - r.starts_at;
        if shift == 0 {
            return Err(StoreError::Invalid("the new start is the same as the old one".into()));
        }
        lock_host(&mut tx, r.host_id).await?;
        if let Some(c) = clash(&mut tx, r.host_id, (r.starts_at + shift, r.ends_at + shift), Some(id)).await? {
            return finish(tx, PlanOutcome::HostBusy(c)).await;
        }
        let changed = sqlx::query::<Db>(
            "UPDATE receptions SET starts_at = starts_at + $2, ends_at = ends_at + $2, status = 'postponed', \
             status_reason = $3, postponed_from = starts_at, sequence = sequence + 1, updated_at = $4 \
             WHERE id = $1 AND starts_at = $5 AND status IN ('planned', 'postponed')",
        )
        .bind(id)
        .bind(shift)
        .bind(reason)
        .bind(now)
        .bind(r.starts_at)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return self.changed_meanwhile(tx, id).await;
        }
        // Two steps, so that no slot lands on another's start on the way
        // (the (reception, start) pair is unique, checked row by row).
        for sql in [
            "UPDATE reception_slots SET starts_at = -(starts_at + $2), ends_at = ends_at + $2 WHERE reception_id = $1",
            "UPDATE reception_slots SET starts_at = -starts_at WHERE reception_id = $1 AND starts_at < 0",
        ] {
            sqlx::query::<Db>(sql).bind(id).bind(shift).execute(&mut *tx).await?;
        }
        let carried = sqlx::query_scalar::<Db, i64>(
            "UPDATE reception_bookings SET reminded_24h_at = NULL, reminded_2h_at = NULL, updated_at = $2 \
             WHERE reception_id = $1 AND status IN ('booked', 'waitlisted') RETURNING id",
        )
        .bind(id)
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        for booking in &carried {
            let extra = serde_json::json!({ "reason": reason, "from": r.starts_at });
            notify(&mut tx, *booking, BookingNotice::ReceptionPostponed, extra, now).await?;
        }
        let extra = serde_json::json!({ "reason": reason, "from": r.starts_at, "bookings_carried": carried.len() });
        log_reception(&mut tx, by, "reception_postponed", id, extra, now).await?;
        finish(tx, PlanOutcome::Done(id)).await
    }

    async fn hold_reception(
        &self,
        id: i64,
        host_attended: bool,
        by: &Actor,
        now: i64,
    ) -> Result<std::result::Result<HeldSummary, Refusal>> {
        let mut tx = self.write_pool().begin().await?;
        let r = match upcoming(&mut tx, id).await? {
            Ok(r) if now < r.starts_at => Err(Refusal::NotStarted),
            other => other,
        };
        if let Err(why) = r {
            tx.rollback().await?;
            return Ok(Err(why));
        }
        let changed = sqlx::query::<Db>(
            "UPDATE receptions SET status = 'held', host_attended = $2, sequence = sequence + 1, updated_at = $3 \
             WHERE id = $1 AND status IN ('planned', 'postponed')",
        )
        .bind(id)
        .bind(host_attended)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return match self.changed_meanwhile(tx, id).await? {
                PlanOutcome::Refused(why) => Ok(Err(why)),
                _ => Ok(Err(Refusal::Held)),
            };
        }
        sqlx::query::<Db>(
            "UPDATE reception_bookings SET status = 'no_show', updated_at = $2 WHERE reception_id = $1 AND status = 'booked'",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let counts = sqlx::query::<Db>(
            "SELECT \
             (SELECT COUNT(*) FROM reception_bookings WHERE reception_id = $1 AND walk_in = false \
               AND status IN ('checked_in', 'received', 'no_show')) AS booked, \
             (SELECT COUNT(*) FROM reception_bookings WHERE reception_id = $1 AND status = 'received') AS received, \
             (SELECT COUNT(*) FROM reception_bookings WHERE reception_id = $1 AND walk_in = true \
               AND status <> 'cancelled') AS walk_ins, \
             (SELECT COUNT(*) FROM reception_bookings WHERE reception_id = $1 AND status = 'no_show') AS no_shows, \
             (SELECT COUNT(*) FROM reception_questions WHERE reception_id = $1) AS questions, \
             (SELECT COUNT(*) FROM reception_questions WHERE reception_id = $1 \
               AND outcome = 'answered_on_the_spot') AS on_the_spot, \
             (SELECT COUNT(*) FROM reception_questions WHERE reception_id = $1 \
               AND outcome = 'taken_as_appeal') AS appeals",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let summary = HeldSummary {
            booked: counts.try_get("booked")?,
            received: counts.try_get("received")?,
            walk_ins: counts.try_get("walk_ins")?,
            no_shows: counts.try_get("no_shows")?,
            questions: counts.try_get("questions")?,
            answered_on_the_spot: counts.try_get("on_the_spot")?,
            taken_as_appeals: counts.try_get("appeals")?,
            host_attended,
        };
        log_reception(&mut tx, by, "reception_held", id, serde_json::json!({ "summary": summary }), now).await?;
        tx.commit().await?;
        Ok(Ok(summary))
    }

    async fn set_host_attended(&self, id: i64, attended: bool, now: i64) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "UPDATE receptions SET host_attended = $2, updated_at = $3 WHERE id = $1 AND status IN ('planned', 'postponed')",
        )
        .bind(id)
        .bind(attended)
        .bind(now)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn create_schedule(&self, new: &NewSchedule, by: &Actor, now: i64) -> Result<i64> {
        self.add_schedule(new, by, now).await
    }

    async fn schedule(&self, id: i64) -> Result<Option<Schedule>> {
        self.schedule_by_id(id).await
    }

    async fn schedules(&self, group_id: Option<i64>) -> Result<Vec<Schedule>> {
        self.schedule_list(group_id).await
    }

    async fn set_schedule_active(&self, id: i64, active: bool, by: &Actor, now: i64) -> Result<bool> {
        self.activate_schedule(id, active, by, now).await
    }

    async fn generate_receptions(
        &self,
        schedule_id: i64,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
        calendar: &Calendar,
        by: &Actor,
        now: i64,
    ) -> Result<GenerateReport> {
        self.run_schedule(schedule_id, from, to, calendar, by, now).await
    }
}
