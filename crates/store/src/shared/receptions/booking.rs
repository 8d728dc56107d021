//! Seats under concurrency. A seat is taken by a guarded update (`taken <
//! seats`: one row or none) in the booking's own transaction, a place on
//! the waiting list likewise (`waitlisted < waitlist_size`), and the
//! database refuses a second active booking of one person per reception
//! (a partial unique index) and a second use of an idempotency key: there
//! is no count-then-insert to race. A seat given up goes to the first on
//! the waiting list in the same transaction.

use super::super::super::{Backend, Db};
use super::{booking, booking_where, new_code, notify, reception_in, BindValue, Tx, BOOKING_COLUMNS, BOOKING_FROM};
use crate::{
    Booking, BookingOutcome, BookingStore, CancelOutcome, DueReminder, MoveOutcome, NewBooking, Placement,
    ReceptionQueries, Result, StoreError,
};
use adaldyq_domain::reception::{
    is_booking_code, may_cancel, normalise_code, person_key, BookingNotice, BookingStatus, Refusal, ReminderKind,
};
use async_trait::async_trait;
use sqlx::Row;

/// Codes drawn before giving up (a collision among 612 million is rare).
const CODE_TRIES: usize = 8;

/// Attempts at the earliest free slot before taking the reception as full:
/// each failed one waited for a rival's commit, so this is never reached
/// in practice; it only bounds the loop.
const SEAT_TRIES: usize = 500;

/// How many free slots a "full" answer offers.
const NEXT_SLOTS: i64 = 5;

/// Takes a seat in `slot` (or in the earliest slot with one): its id and
/// start, or `None` when there is none to take.
async fn take_seat(tx: &mut Tx<'_>, reception_id: i64, slot: Option<i64>) -> Result<Option<(i64, i64)>> {
    let taken =
        |r: <Db as sqlx::Database>::Row| -> Result<(i64, i64)> { Ok((r.try_get("id")?, r.try_get("starts_at")?)) };
    if let Some(slot) = slot {
        let row = sqlx::query::<Db>(
            "UPDATE reception_slots SET taken = taken + 1 WHERE id = $1 AND reception_id = $2 AND taken < seats \
             RETURNING id, starts_at",
        )
        .bind(slot)
        .bind(reception_id)
        .fetch_optional(&mut **tx)
        .await?;
        return row.map(taken).transpose();
    }
    for _ in 0..SEAT_TRIES {
        // The sub-select picks a candidate; the outer guard decides. On
        // PostgreSQL a rival holding the row makes this wait for its commit
        // and then test `taken < seats` again on the new row.
        let row = sqlx::query::<Db>(
            "UPDATE reception_slots SET taken = taken + 1 WHERE id = \
             (SELECT id FROM reception_slots WHERE reception_id = $1 AND taken < seats ORDER BY starts_at, id LIMIT 1) \
             AND taken < seats RETURNING id, starts_at",
        )
        .bind(reception_id)
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(r) = row {
            return taken(r).map(Some);
        }
        if !has_free_seat(tx, reception_id).await? {
            return Ok(None);
        }
    }
    Ok(None)
}

async fn has_free_seat(tx: &mut Tx<'_>, reception_id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar::<Db, i64>(
        "SELECT id FROM reception_slots WHERE reception_id = $1 AND taken < seats LIMIT 1",
    )
    .bind(reception_id)
    .fetch_optional(&mut **tx)
    .await?
    .is_some())
}

/// A seat in `slot` was given up: it goes to the first on the waiting list
/// (told), or becomes free. The promoted booking's id, if any.
async fn give_seat(tx: &mut Tx<'_>, reception_id: i64, slot: i64, now: i64) -> Result<Option<i64>> {
    loop {
        let first = sqlx::query_scalar::<Db, i64>(
            "SELECT id FROM reception_bookings WHERE reception_id = $1 AND status = 'waitlisted' \
             ORDER BY created_at, id LIMIT 1",
        )
        .bind(reception_id)
        .fetch_optional(&mut **tx)
        .await?;
        let Some(first) = first else {
            sqlx::query::<Db>("UPDATE reception_slots SET taken = taken - 1 WHERE id = $1 AND taken > 0")
                .bind(slot)
                .execute(&mut **tx)
                .await?;
            return Ok(None);
        };
        let moved = sqlx::query::<Db>(
            "UPDATE reception_bookings SET status = 'booked', slot_id = $2, updated_at = $3 \
             WHERE id = $1 AND status = 'waitlisted'",
        )
        .bind(first)
        .bind(slot)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        // Another cancellation promoted this one meanwhile: the next.
        if moved.rows_affected() != 1 {
            continue;
        }
        sqlx::query::<Db>("UPDATE receptions SET waitlisted = waitlisted - 1 WHERE id = $1 AND waitlisted > 0")
            .bind(reception_id)
            .execute(&mut **tx)
            .await?;
        notify(tx, first, BookingNotice::WaitlistPromoted, serde_json::json!({}), now).await?;
        return Ok(Some(first));
    }
}

/// Cancels a booking the caller found in `tx` (by token or by staff).
async fn cancel_in(tx: &mut Tx<'_>, b: &Booking, now: i64) -> Result<CancelOutcome> {
    let Some(r) = reception_in(tx, b.reception_id).await? else {
        return Ok(CancelOutcome::Refused(Refusal::NotFound));
    };
    if let Err(why) = may_cancel(r.status, r.starts_at, now) {
        return Ok(CancelOutcome::Refused(why));
    }
    if !b.status.is_pending() {
        return Ok(CancelOutcome::Refused(Refusal::NotActive));
    }
    let done = sqlx::query::<Db>(
        "UPDATE reception_bookings SET status = 'cancelled', updated_at = $2 WHERE id = $1 AND status = $3",
    )
    .bind(b.id)
    .bind(now)
    .bind(b.status.as_str())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(CancelOutcome::Refused(Refusal::NotActive));
    }
    match (b.status, b.slot_id) {
        (BookingStatus::Booked, Some(slot)) => {
            give_seat(tx, r.id, slot, now).await?;
        }
        (BookingStatus::Waitlisted, _) => {
            sqlx::query::<Db>("UPDATE receptions SET waitlisted = waitlisted - 1 WHERE id = $1 AND waitlisted > 0")
                .bind(r.id)
                .execute(&mut **tx)
                .await?;
        }
        _ => {}
    }
    notify(tx, b.id, BookingNotice::BookingCancelled, serde_json::json!({}), now).await?;
    let after = booking_where(tx, "b.id = $1", BindValue::Int(b.id)).await?;
    Ok(CancelOutcome::Cancelled(after.ok_or_else(|| StoreError::NotFound(format!("booking {}", b.id)))?))
}

/// The answer to a request whose key placed `b` before: the first booking,
/// as it stands now, if it is the same request (the same reception and
/// person); a key reused for another booking is refused, so a key never
/// reveals someone else's code.
fn repeat(b: Booking, new: &NewBooking) -> BookingOutcome {
    let same = b.reception_id == new.reception_id
        && person_key(b.phone.as_deref(), b.email.as_deref()) == new.booking.person_key();
    if !same {
        return BookingOutcome::Refused(Refusal::KeyReused);
    }
    BookingOutcome::Placed(Placement {
        booking_id: b.id,
        code: b.code,
        status: b.status,
        slot_starts_at: b.slot_starts_at,
        duplicate: true,
    })
}

/// Commits a change that happened, rolls back one that was refused.
async fn settle<T>(tx: Tx<'_>, done: bool, value: T) -> Result<T> {
    if done {
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    Ok(value)
}

impl Backend {
    /// The answer for a request whose key placed a booking before.
    async fn repeat_of(&self, key: &str, new: &NewBooking) -> Result<Option<BookingOutcome>> {
        let sql = format!("SELECT {BOOKING_COLUMNS} FROM {BOOKING_FROM} WHERE b.idempotency_key = $1");
        let row = sqlx::query::<Db>(&sql).bind(key).fetch_optional(self.write_pool()).await?;
        Ok(row.as_ref().map(booking).transpose()?.map(|b| repeat(b, new)))
    }

    async fn holds_place(&self, reception_id: i64, person_key: &str) -> Result<bool> {
        Ok(sqlx::query_scalar::<Db, i64>(
            "SELECT id FROM reception_bookings WHERE reception_id = $1 AND person_key = $2 AND status <> 'cancelled'",
        )
        .bind(reception_id)
        .bind(person_key)
        .fetch_optional(self.write_pool())
        .await?
        .is_some())
    }

    async fn try_book(&self, new: &NewBooking, now: i64) -> Result<BookingOutcome> {
        let mut tx = self.write_pool().begin().await?;
        // The key first: a repeat is answered as the first request was,
        // before the person is found to hold a place (by that very request).
        if let Some(key) = &new.idempotency_key {
            let first = booking_where(&mut tx, "b.idempotency_key = $1", BindValue::Text(key)).await?;
            if let Some(b) = first {
                return settle(tx, false, repeat(b, new)).await;
            }
        }
        let Some(r) = reception_in(&mut tx, new.reception_id).await? else {
            return settle(tx, false, BookingOutcome::Refused(Refusal::NotFound)).await;
        };
        if let Err(why) = r.may_book(now) {
            return settle(tx, false, BookingOutcome::Refused(why)).await;
        }
        let person = new.booking.person_key();
        if let Some(p) = &person {
            let holder = booking_where(
                &mut tx,
                &format!("b.reception_id = {} AND b.person_key = $1 AND b.status <> 'cancelled'", r.id),
                BindValue::Text(p),
            )
            .await?;
            if let Some(holder) = holder {
                // The same request, committed since the key was looked up.
                let key = sqlx::query_scalar::<Db, Option<String>>(
                    "SELECT idempotency_key FROM reception_bookings WHERE id = $1",
                )
                .bind(holder.id)
                .fetch_one(&mut *tx)
                .await?;
                let outcome = match (key, &new.idempotency_key) {
                    (Some(k), Some(ours)) if &k == ours => repeat(holder, new),
                    _ => BookingOutcome::Refused(Refusal::AlreadyBooked),
                };
                return settle(tx, false, outcome).await;
            }
        }
        if let Some(slot) = new.slot_id {
            let ours =
                sqlx::query_scalar::<Db, i64>("SELECT id FROM reception_slots WHERE id = $1 AND reception_id = $2")
                    .bind(slot)
                    .bind(r.id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if ours.is_none() {
                return settle(tx, false, BookingOutcome::Refused(Refusal::NoSuchSlot)).await;
            }
        }
        let (slot, status) = match take_seat(&mut tx, r.id, new.slot_id).await? {
            Some((id, starts)) => (Some((id, starts)), BookingStatus::Booked),
            // The slot asked for is full but others are not: offer them.
            None if new.slot_id.is_some() && has_free_seat(&mut tx, r.id).await? => {
                tx.rollback().await?;
                return Ok(BookingOutcome::Full { next: self.free_slots(r.id, now, NEXT_SLOTS).await? });
            }
            None => {
                let listed = sqlx::query::<Db>(
                    "UPDATE receptions SET waitlisted = waitlisted + 1 WHERE id = $1 AND waitlisted < waitlist_size",
                )
                .bind(r.id)
                .execute(&mut *tx)
                .await?;
                if listed.rows_affected() != 1 {
                    tx.rollback().await?;
                    return Ok(BookingOutcome::Full { next: self.free_slots(r.id, now, NEXT_SLOTS).await? });
                }
                (None, BookingStatus::Waitlisted)
            }
        };
        let code = new_code()?;
        let b = &new.booking;
        let id = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO reception_bookings (reception_id, slot_id, code, manage_hash, idempotency_key, name, phone, \
             email, person_key, topic, priority, user_id, language, status, walk_in, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, false, $15, $15) RETURNING id",
        )
        .bind(r.id)
        .bind(slot.map(|s| s.0))
        .bind(&code)
        .bind(&new.manage_token_hash)
        .bind(&new.idempotency_key)
        .bind(&b.name)
        .bind(&b.phone)
        .bind(&b.email)
        .bind(&person)
        .bind(&b.topic)
        .bind(b.priority.map(|p| p.as_str()))
        .bind(new.user_id)
        .bind(&new.language)
        .bind(status.as_str())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        notify(&mut tx, id, BookingNotice::BookingConfirmed, serde_json::json!({}), now).await?;
        tx.commit().await?;
        Ok(BookingOutcome::Placed(Placement {
            booking_id: id,
            code,
            status,
            slot_starts_at: slot.map(|s| s.1),
            duplicate: false,
        }))
    }
}

#[async_trait]
impl BookingStore for Backend {
    async fn book(&self, new: &NewBooking, now: i64) -> Result<BookingOutcome> {
        for _ in 0..CODE_TRIES {
            match self.try_book(new, now).await {
                // A unique index refused the insert (the transaction is
                // gone): the same key sent at the same moment, the same
                // person booking twice at once, or a code drawn twice.
                Err(StoreError::Conflict(_)) => {
                    if let Some(key) = &new.idempotency_key {
                        if let Some(first) = self.repeat_of(key, new).await? {
                            return Ok(first);
                        }
                    }
                    if let Some(p) = new.booking.person_key() {
                        if self.holds_place(new.reception_id, &p).await? {
                            return Ok(BookingOutcome::Refused(Refusal::AlreadyBooked));
                        }
                    }
                    tracing::debug!("a booking code was drawn twice; drawing another");
                }
                other => return other,
            }
        }
        Err(StoreError::Conflict("no free booking code was drawn".into()))
    }

    async fn booking(&self, id: i64) -> Result<Option<Booking>> {
        let sql = format!("SELECT {BOOKING_COLUMNS} FROM {BOOKING_FROM} WHERE b.id = $1");
        let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(booking).transpose()
    }

    async fn booking_by_token(&self, token_hash: &[u8]) -> Result<Option<Booking>> {
        let sql = format!("SELECT {BOOKING_COLUMNS} FROM {BOOKING_FROM} WHERE b.manage_hash = $1");
        let row = sqlx::query::<Db>(&sql).bind(token_hash).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(booking).transpose()
    }

    async fn booking_by_code(&self, reception_id: i64, code: &str) -> Result<Option<Booking>> {
        let code = normalise_code(code);
        if !is_booking_code(&code) {
            return Ok(None);
        }
        let sql = format!("SELECT {BOOKING_COLUMNS} FROM {BOOKING_FROM} WHERE b.reception_id = $1 AND b.code = $2");
        let row = sqlx::query::<Db>(&sql).bind(reception_id).bind(&code).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(booking).transpose()
    }

    async fn bookings_of_user(&self, user_id: i64) -> Result<Vec<Booking>> {
        let sql = format!(
            "SELECT {BOOKING_COLUMNS} FROM {BOOKING_FROM} JOIN receptions r ON r.id = b.reception_id \
             WHERE b.user_id = $1 ORDER BY r.starts_at, b.id"
        );
        let rows = sqlx::query::<Db>(&sql).bind(user_id).fetch_all(self.read_pool()).await?;
        rows.iter().map(booking).collect()
    }

    async fn cancel_booking(&self, token_hash: &[u8], now: i64) -> Result<Option<CancelOutcome>> {
        let mut tx = self.write_pool().begin().await?;
        let Some(b) = booking_where(&mut tx, "b.manage_hash = $1", BindValue::Blob(token_hash)).await? else {
            return settle(tx, false, None).await;
        };
        let outcome = cancel_in(&mut tx, &b, now).await?;
        settle(tx, matches!(outcome, CancelOutcome::Cancelled(_)), Some(outcome)).await
    }

    async fn cancel_booking_by_staff(&self, booking_id: i64, now: i64) -> Result<Option<CancelOutcome>> {
        let mut tx = self.write_pool().begin().await?;
        let Some(b) = booking_where(&mut tx, "b.id = $1", BindValue::Int(booking_id)).await? else {
            return settle(tx, false, None).await;
        };
        let outcome = cancel_in(&mut tx, &b, now).await?;
        settle(tx, matches!(outcome, CancelOutcome::Cancelled(_)), Some(outcome)).await
    }

    async fn move_booking(&self, token_hash: &[u8], slot_id: i64, now: i64) -> Result<Option<MoveOutcome>> {
        let mut tx = self.write_pool().begin().await?;
        let Some(b) = booking_where(&mut tx, "b.manage_hash = $1", BindValue::Blob(token_hash)).await? else {
            return settle(tx, false, None).await;
        };
        let refused = |why| Some(MoveOutcome::Refused(why));
        let Some(r) = reception_in(&mut tx, b.reception_id).await? else {
            return settle(tx, false, refused(Refusal::NotFound)).await;
        };
        if let Err(why) = r.may_book(now) {
            return settle(tx, false, refused(why)).await;
        }
        let (BookingStatus::Booked, Some(old)) = (b.status, b.slot_id) else {
            return settle(tx, false, refused(Refusal::NotActive)).await;
        };
        let ours = sqlx::query_scalar::<Db, i64>("SELECT id FROM reception_slots WHERE id = $1 AND reception_id = $2")
            .bind(slot_id)
            .bind(r.id)
            .fetch_optional(&mut *tx)
            .await?;
        if ours.is_none() {
            return settle(tx, false, refused(Refusal::NoSuchSlot)).await;
        }
        if old == slot_id {
            return settle(tx, false, Some(MoveOutcome::Moved(b))).await;
        }
        if take_seat(&mut tx, r.id, Some(slot_id)).await?.is_none() {
            tx.rollback().await?;
            return Ok(Some(MoveOutcome::Full { next: self.free_slots(r.id, now, NEXT_SLOTS).await? }));
        }
        give_seat(&mut tx, r.id, old, now).await?;
        sqlx::query::<Db>(
            "UPDATE reception_bookings SET slot_id = $2, updated_at = $3, reminded_24h_at = NULL, reminded_2h_at = NULL \
             WHERE id = $1",
        )
        .bind(b.id)
        .bind(slot_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        notify(&mut tx, b.id, BookingNotice::BookingMoved, serde_json::json!({ "from": b.slot_starts_at }), now)
            .await?;
        let after = booking_where(&mut tx, "b.id = $1", BindValue::Int(b.id)).await?;
        let after = after.ok_or_else(|| StoreError::NotFound(format!("booking {}", b.id)))?;
        settle(tx, true, Some(MoveOutcome::Moved(after))).await
    }

    async fn online_link(&self, token_hash: &[u8]) -> Result<Option<String>> {
        let link = sqlx::query_scalar::<Db, Option<String>>(
            "SELECT r.online_link FROM reception_bookings b JOIN receptions r ON r.id = b.reception_id \
             WHERE b.manage_hash = $1 AND b.status IN ('booked', 'checked_in') AND r.status IN ('planned', 'postponed') \
             AND r.mode = 'online'",
        )
        .bind(token_hash)
        .fetch_optional(self.read_pool())
        .await?;
        Ok(link.flatten())
    }

    async fn promote_waitlist(&self, reception_id: i64, now: i64) -> Result<u64> {
        let mut tx = self.write_pool().begin().await?;
        let open =
            reception_in(&mut tx, reception_id).await?.is_some_and(|r| r.status.is_upcoming() && now < r.starts_at);
        let mut promoted = 0;
        if open {
            loop {
                let waiting = sqlx::query_scalar::<Db, i64>(
                    "SELECT id FROM reception_bookings WHERE reception_id = $1 AND status = 'waitlisted' LIMIT 1",
                )
                .bind(reception_id)
                .fetch_optional(&mut *tx)
                .await?;
                if waiting.is_none() {
                    break;
                }
                let Some((slot, _)) = take_seat(&mut tx, reception_id, None).await? else { break };
                // The seat just taken goes to the first in line.
                if give_seat(&mut tx, reception_id, slot, now).await?.is_none() {
                    break;
                }
                promoted += 1;
            }
        }
        settle(tx, promoted > 0, promoted).await
    }

    async fn due_reminders(&self, now: i64, limit: i64) -> Result<Vec<DueReminder>> {
        self.reminders_due(now, limit).await
    }

    async fn queue_reminder(&self, booking_id: i64, kind: ReminderKind, now: i64) -> Result<bool> {
        self.write_reminder(booking_id, kind, now).await
    }

    async fn waitlists_to_promote(&self, now: i64, limit: i64) -> Result<Vec<i64>> {
        self.waitlists_with_seats(now, limit).await
    }
}
