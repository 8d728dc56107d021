//! Reminders before a booked slot (24 and 2 hours): which are due (the
//! domain's `ReminderKind::is_due` decides; the query only narrows), and
//! writing one: its notice and its sent-marker in one transaction, once
//! per booking and kind, so a job run twice sends nothing twice. Also the
//! same job's other read: the waiting lists a freed seat left waiting.

use super::super::super::{Backend, Db};
use super::notify;
use crate::{DueReminder, Result};
use adaldyq_domain::reception::ReminderKind;
use sqlx::Row;

impl Backend {
    pub(super) async fn reminders_due(&self, now: i64, limit: i64) -> Result<Vec<DueReminder>> {
        // The candidates of `ReminderKind::is_due`, which decides.
        let rows = sqlx::query::<Db>(
            "SELECT b.id, b.created_at, s.starts_at, b.reminded_24h_at, b.reminded_2h_at \
             FROM reception_bookings b JOIN reception_slots s ON s.id = b.slot_id \
             JOIN receptions r ON r.id = b.reception_id \
             WHERE b.status = 'booked' AND r.status IN ('planned', 'postponed') AND s.starts_at > $1 AND ( \
               (b.reminded_24h_at IS NULL AND s.starts_at <= $1 + 86400 AND s.starts_at > $1 + 7200 \
                AND b.created_at < s.starts_at - 86400) \
               OR (b.reminded_2h_at IS NULL AND s.starts_at <= $1 + 7200 AND b.created_at < s.starts_at - 7200)) \
             ORDER BY s.starts_at, b.id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?;
        let mut out = Vec::new();
        for r in rows {
            let (id, booked_at, starts): (i64, i64, i64) =
                (r.try_get("id")?, r.try_get("created_at")?, r.try_get("starts_at")?);
            let sent = [
                (ReminderKind::DayBefore, r.try_get::<Option<i64>, _>("reminded_24h_at")?),
                (ReminderKind::HoursBefore, r.try_get::<Option<i64>, _>("reminded_2h_at")?),
            ];
            for (kind, at) in sent {
                if at.is_none() && kind.is_due(starts, booked_at, now) {
                    out.push(DueReminder { booking_id: id, kind, slot_starts_at: starts });
                }
            }
        }
        Ok(out)
    }

    pub(super) async fn write_reminder(&self, booking_id: i64, kind: ReminderKind, now: i64) -> Result<bool> {
        let column = match kind {
            ReminderKind::DayBefore => "reminded_24h_at",
            ReminderKind::HoursBefore => "reminded_2h_at",
        };
        let mut tx = self.write_pool().begin().await?;
        let sql = format!(
            "UPDATE reception_bookings SET {column} = $2 WHERE id = $1 AND {column} IS NULL AND status = 'booked'"
        );
        let marked = sqlx::query::<Db>(&sql).bind(booking_id).bind(now).execute(&mut *tx).await?;
        if marked.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        notify(&mut tx, booking_id, kind.notice(), serde_json::json!({}), now).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub(super) async fn waitlists_with_seats(&self, now: i64, limit: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar::<Db, i64>(
            "SELECT r.id FROM receptions r \
             WHERE r.status IN ('planned', 'postponed') AND r.starts_at > $1 \
             AND EXISTS (SELECT 1 FROM reception_slots s WHERE s.reception_id = r.id AND s.taken < s.seats) \
             AND EXISTS (SELECT 1 FROM reception_bookings b WHERE b.reception_id = r.id AND b.status = 'waitlisted') \
             ORDER BY r.starts_at, r.id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?)
    }
}
