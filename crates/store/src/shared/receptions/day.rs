//! The day of a reception: people checked in by their code, walk-ins
//! written down on the spot (they take no seat), no-shows, and the record
//! of the questions each person raised.

use super::super::super::{Backend, Db};
use super::{booking_where, new_code, reception_in, BindValue};
use crate::{Booking, CheckIn, NewQuestion, ReceptionDayStore, Result, StoreError};
use adaldyq_domain::reception::{is_booking_code, normalise_code, BookingStatus, Refusal, ValidBooking};
use async_trait::async_trait;

#[async_trait]
impl ReceptionDayStore for Backend {
    async fn check_in(&self, reception_id: i64, code: &str, now: i64) -> Result<CheckIn> {
        let code = normalise_code(code);
        if !is_booking_code(&code) {
            return Ok(CheckIn::Unknown);
        }
        let mut tx = self.write_pool().begin().await?;
        let sql = format!(
            "SELECT {} FROM {} WHERE b.reception_id = $1 AND b.code = $2",
            super::BOOKING_COLUMNS,
            super::BOOKING_FROM
        );
        let row = sqlx::query::<Db>(&sql).bind(reception_id).bind(&code).fetch_optional(&mut *tx).await?;
        let Some(b) = row.as_ref().map(super::booking).transpose()? else {
            tx.rollback().await?;
            return Ok(CheckIn::Unknown);
        };
        let outcome = match b.status {
            BookingStatus::Booked | BookingStatus::NoShow => {
                let done = sqlx::query::<Db>(
                    "UPDATE reception_bookings SET status = 'checked_in', checked_in_at = $2, updated_at = $2 \
                     WHERE id = $1 AND status IN ('booked', 'no_show')",
                )
                .bind(b.id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let after = booking_where(&mut tx, "b.id = $1", BindValue::Int(b.id)).await?.unwrap_or(b);
                if done.rows_affected() == 1 {
                    CheckIn::CheckedIn(after)
                } else {
                    CheckIn::Already(after)
                }
            }
            BookingStatus::CheckedIn | BookingStatus::Received => CheckIn::Already(b),
            BookingStatus::Cancelled | BookingStatus::Waitlisted => CheckIn::NotActive(b),
        };
        tx.commit().await?;
        Ok(outcome)
    }

    async fn walk_in(
        &self,
        reception_id: i64,
        person: &ValidBooking,
        language: &str,
        now: i64,
    ) -> Result<std::result::Result<Booking, Refusal>> {
        let mut tx = self.write_pool().begin().await?;
        let refusal = match reception_in(&mut tx, reception_id).await? {
            None => Some(Refusal::NotFound),
            Some(r) if r.status.is_upcoming() => None,
            Some(r) if r.status == adaldyq_domain::reception::ReceptionStatus::Held => Some(Refusal::Held),
            Some(_) => Some(Refusal::Cancelled),
        };
        if let Some(why) = refusal {
            tx.rollback().await?;
            return Ok(Err(why));
        }
        let person_key = person.person_key();
        if let Some(p) = &person_key {
            let holds = sqlx::query_scalar::<Db, i64>(
                "SELECT id FROM reception_bookings WHERE reception_id = $1 AND person_key = $2 AND status <> 'cancelled'",
            )
            .bind(reception_id)
            .bind(p)
            .fetch_optional(&mut *tx)
            .await?;
            if holds.is_some() {
                tx.rollback().await?;
                return Ok(Err(Refusal::AlreadyBooked));
            }
        }
        // The slot of the moment: the last one started by now, else the first.
        let slot = sqlx::query_scalar::<Db, i64>(
            "SELECT id FROM reception_slots WHERE reception_id = $1 \
             ORDER BY CASE WHEN starts_at <= $2 THEN 0 ELSE 1 END, \
             CASE WHEN starts_at <= $2 THEN -starts_at ELSE starts_at END LIMIT 1",
        )
        .bind(reception_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let mut id = None;
        for _ in 0..8 {
            sqlx::query::<Db>("SAVEPOINT walk_in").execute(&mut *tx).await?;
            let inserted = sqlx::query_scalar::<Db, i64>(
                "INSERT INTO reception_bookings (reception_id, slot_id, code, name, phone, email, person_key, topic, \
                 priority, language, status, walk_in, created_at, updated_at, checked_in_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'checked_in', true, $11, $11, $11) RETURNING id",
            )
            .bind(reception_id)
            .bind(slot)
            .bind(new_code()?)
            .bind(&person.name)
            .bind(&person.phone)
            .bind(&person.email)
            .bind(&person_key)
            .bind(&person.topic)
            .bind(person.priority.map(|p| p.as_str()))
            .bind(language)
            .bind(now)
            .fetch_one(&mut *tx)
            .await;
            match inserted {
                Ok(new_id) => {
                    sqlx::query::<Db>("RELEASE SAVEPOINT walk_in").execute(&mut *tx).await?;
                    id = Some(new_id);
                    break;
                }
                // A code drawn twice: draw another.
                Err(e) => match StoreError::from(e) {
                    StoreError::Conflict(_) => {
                        sqlx::query::<Db>("ROLLBACK TO SAVEPOINT walk_in").execute(&mut *tx).await?;
                    }
                    other => return Err(other),
                },
            }
        }
        let id = id.ok_or_else(|| StoreError::Conflict("no free booking code was drawn".into()))?;
        let b = booking_where(&mut tx, "b.id = $1", BindValue::Int(id)).await?;
        tx.commit().await?;
        b.map(Ok).ok_or_else(|| StoreError::NotFound(format!("booking {id}")))
    }

    async fn mark_no_show(&self, booking_id: i64, now: i64) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "UPDATE reception_bookings SET status = 'no_show', updated_at = $2 \
             WHERE id = $1 AND status IN ('booked', 'checked_in')",
        )
        .bind(booking_id)
        .bind(now)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn mark_received(&self, booking_id: i64, now: i64) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "UPDATE reception_bookings SET status = 'received', updated_at = $2, \
             checked_in_at = COALESCE(checked_in_at, $2) WHERE id = $1 AND status IN ('booked', 'checked_in')",
        )
        .bind(booking_id)
        .bind(now)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn add_question(&self, q: &NewQuestion, now: i64) -> Result<std::result::Result<i64, Refusal>> {
        let mut tx = self.write_pool().begin().await?;
        let Some(b) = booking_where(&mut tx, "b.id = $1", BindValue::Int(q.booking_id)).await? else {
            tx.rollback().await?;
            return Ok(Err(Refusal::NotFound));
        };
        if !matches!(b.status, BookingStatus::Booked | BookingStatus::CheckedIn | BookingStatus::Received) {
            tx.rollback().await?;
            return Ok(Err(Refusal::NotActive));
        }
        sqlx::query::<Db>(
            "UPDATE reception_bookings SET status = 'received', updated_at = $2, \
             checked_in_at = COALESCE(checked_in_at, $2) WHERE id = $1 AND status IN ('booked', 'checked_in')",
        )
        .bind(b.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let id = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO reception_questions (reception_id, booking_id, text, outcome, answer, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(b.reception_id)
        .bind(b.id)
        .bind(&q.text)
        .bind(q.outcome.as_str())
        .bind(&q.answer)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    async fn link_question_appeal(&self, question_id: i64, appeal_id: i64) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "UPDATE reception_questions SET appeal_id = $2 \
             WHERE id = $1 AND outcome = 'taken_as_appeal' AND appeal_id IS NULL",
        )
        .bind(question_id)
        .bind(appeal_id)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
