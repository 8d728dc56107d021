//! The notices' delivery queue: one outbox row per notice and recipient,
//! written with its event (see [`enqueue`]), claimed by delivery workers
//! under a lease, retried and dead-lettered.

use super::super::{Backend, Db, CLAIM_LOCK};
use crate::{Channel, Notice, NoticeProblem, OutboxStats, OutboxStore, Result, StoreError};
use async_trait::async_trait;
use sqlx::Row;

/// Writes the notice of an event, in the event's transaction: one row per
/// channel the applicant gave an address for, in the appeal's language.
/// An anonymous applicant (no contact) or one with no address gets a row
/// with no channel, which records the notice and is never sent.
pub(super) async fn enqueue(
    tx: &mut sqlx::Transaction<'_, Db>,
    appeal_id: i64,
    event_id: i64,
    kind: &str,
    payload: &str,
    at: i64,
) -> Result<()> {
    let row = sqlx::query::<Db>(
        "SELECT a.language, a.anonymous, c.email, c.phone FROM appeals a \
         LEFT JOIN appeal_contacts c ON c.appeal_id = a.id WHERE a.id = $1",
    )
    .bind(appeal_id)
    .fetch_one(&mut **tx)
    .await?;
    let language: String = row.try_get("language")?;
    let anonymous: bool = row.try_get("anonymous")?;
    let (email, phone) = if anonymous { (None, None) } else { (row.try_get("email")?, row.try_get("phone")?) };
    let to =
        Recipient { appeal_id: Some(appeal_id), event_id: Some(event_id), booking_id: None, language, email, phone };
    write_notice(tx, &to, kind, payload, at).await
}

/// Writes a booking's notice in the transaction of the change: one row per
/// address the person gave, in the language they booked in. A walk-in with
/// no address gets a row with no channel (recorded, never sent).
pub(super) async fn enqueue_booking(
    tx: &mut sqlx::Transaction<'_, Db>,
    booking_id: i64,
    kind: &str,
    payload: &str,
    at: i64,
) -> Result<()> {
    let row = sqlx::query::<Db>("SELECT language, email, phone FROM reception_bookings WHERE id = $1")
        .bind(booking_id)
        .fetch_one(&mut **tx)
        .await?;
    let to = Recipient {
        appeal_id: None,
        event_id: None,
        booking_id: Some(booking_id),
        language: row.try_get("language")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
    };
    write_notice(tx, &to, kind, payload, at).await
}

/// Whom a notice is for, and what it is about.
struct Recipient {
    appeal_id: Option<i64>,
    event_id: Option<i64>,
    booking_id: Option<i64>,
    language: String,
    email: Option<String>,
    phone: Option<String>,
}

async fn write_notice(
    tx: &mut sqlx::Transaction<'_, Db>,
    to: &Recipient,
    kind: &str,
    payload: &str,
    at: i64,
) -> Result<()> {
    let present = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let mut recipients = Vec::new();
    if let Some(email) = present(&to.email) {
        recipients.push((Some(Channel::Email.as_str()), Some(email)));
    }
    if let Some(phone) = present(&to.phone) {
        recipients.push((Some(Channel::Sms.as_str()), Some(phone)));
    }
    if recipients.is_empty() {
        recipients.push((None, None));
    }
    for (channel, address) in recipients {
        let message_id = channel.map(|_| message_id()).transpose()?;
        sqlx::query::<Db>(
            "INSERT INTO outbox (appeal_id, kind, payload, created_at, event_id, channel, address, language, \
             message_id, next_try_at, booking_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $4, $10)",
        )
        .bind(to.appeal_id)
        .bind(kind)
        .bind(payload)
        .bind(at)
        .bind(to.event_id)
        .bind(channel)
        .bind(address)
        .bind(&to.language)
        .bind(message_id)
        .bind(to.booking_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Erasing an appeal's personal data forgets its notices' addresses too;
/// those not sent yet are given up on (there is nobody to send them to).
pub(super) async fn forget_recipients(tx: &mut sqlx::Transaction<'_, Db>, appeal_id: i64, at: i64) -> Result<()> {
    sqlx::query::<Db>(
        "UPDATE outbox SET address = NULL, \
         dead_at = CASE WHEN sent_at IS NULL AND channel IS NOT NULL THEN COALESCE(dead_at, $2) ELSE dead_at END, \
         last_error = CASE WHEN sent_at IS NULL AND channel IS NOT NULL THEN 'erased' ELSE last_error END \
         WHERE appeal_id = $1",
    )
    .bind(appeal_id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// 128 random bits, the local part of the notice's Message-ID.
fn message_id() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Invalid(format!("random source: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn channel_of(s: &str) -> Result<Channel> {
    Channel::parse(s).ok_or_else(|| StoreError::Invalid(format!("notice channel {s:?}")))
}

/// Queued: not sent, not given up on, with someone to send it to.
const QUEUED: &str = "o.sent_at IS NULL AND o.dead_at IS NULL AND o.channel IS NOT NULL";

#[async_trait]
impl OutboxStore for Backend {
    async fn claim_notices(
        &self,
        worker: &str,
        channels: &[Channel],
        now: i64,
        lease_secs: i64,
        limit: i64,
    ) -> Result<Vec<Notice>> {
        if channels.is_empty() || limit < 1 {
            return Ok(vec![]);
        }
        let ps: Vec<String> = (0..channels.len()).map(|k| format!("${}", k + 5)).collect();
        // One statement: the rows picked are leased in the same breath, so
        // two claimers never both get one (PostgreSQL: the picked rows are
        // locked and skipped by the others; SQLite: one writer at a time).
        let sql = format!(
            "UPDATE outbox SET claimed_by = $1, lease_until = $2, tries = tries + 1 WHERE id IN \
             (SELECT o.id FROM outbox o WHERE {QUEUED} AND o.next_try_at <= $3 \
              AND (o.lease_until IS NULL OR o.lease_until <= $3) AND o.channel IN ({}) \
              ORDER BY o.next_try_at, o.id LIMIT $4 {CLAIM_LOCK}) RETURNING id",
            ps.join(", ")
        );
        let mut q = sqlx::query_scalar::<Db, i64>(&sql).bind(worker).bind(now + lease_secs).bind(now).bind(limit);
        for c in channels {
            q = q.bind(c.as_str());
        }
        let mut ids = q.fetch_all(self.write_pool()).await?;
        if ids.is_empty() {
            return Ok(vec![]);
        }
        ids.sort_unstable();
        let ps: Vec<String> = (0..ids.len()).map(|k| format!("${}", k + 2)).collect();
        let sql = format!(
            "SELECT o.id, o.appeal_id, o.booking_id, a.number, o.kind, o.payload, e.body AS event_body, o.channel, o.address, \
             o.language, o.tries, o.message_id, o.created_at FROM outbox o \
             LEFT JOIN appeals a ON a.id = o.appeal_id LEFT JOIN appeal_events e ON e.id = o.event_id \
             WHERE o.claimed_by = $1 AND o.id IN ({}) ORDER BY o.id",
            ps.join(", ")
        );
        let mut q = sqlx::query::<Db>(&sql).bind(worker);
        for id in &ids {
            q = q.bind(*id);
        }
        let rows = q.fetch_all(self.write_pool()).await?;
        rows.iter()
            .map(|r| {
                let channel: String = r.try_get("channel")?;
                Ok(Notice {
                    id: r.try_get("id")?,
                    appeal_id: r.try_get("appeal_id")?,
                    booking_id: r.try_get("booking_id")?,
                    number: r.try_get("number")?,
                    kind: r.try_get("kind")?,
                    payload: r.try_get("payload")?,
                    event_body: r.try_get("event_body")?,
                    channel: channel_of(&channel)?,
                    address: r.try_get::<Option<String>, _>("address")?.unwrap_or_default(),
                    language: r.try_get::<Option<String>, _>("language")?.unwrap_or_else(|| "kk".into()),
                    tries: r.try_get("tries")?,
                    message_id: r.try_get::<Option<String>, _>("message_id")?.unwrap_or_default(),
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    async fn notice_sent(&self, id: i64, now: i64) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "UPDATE outbox SET sent_at = $2, claimed_by = NULL, lease_until = NULL, last_error = NULL \
             WHERE id = $1 AND sent_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn notice_failed(&self, id: i64, worker: &str, error: &str, retry_at: Option<i64>, now: i64) -> Result<bool> {
        let error: String = error.chars().take(500).collect();
        let done = sqlx::query::<Db>(
            "UPDATE outbox SET claimed_by = NULL, lease_until = NULL, last_error = $3, \
             next_try_at = COALESCE($4, next_try_at), dead_at = CASE WHEN $4 IS NULL THEN $5 ELSE NULL END \
             WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL AND dead_at IS NULL",
        )
        .bind(id)
        .bind(worker)
        .bind(&error)
        .bind(retry_at)
        .bind(now)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn retry_notice(&self, id: i64, now: i64) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "UPDATE outbox SET dead_at = NULL, tries = 0, next_try_at = $2, claimed_by = NULL, lease_until = NULL \
             WHERE id = $1 AND sent_at IS NULL AND channel IS NOT NULL AND address IS NOT NULL \
             AND (dead_at IS NOT NULL OR last_error IS NOT NULL)",
        )
        .bind(id)
        .bind(now)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn outbox_stats(&self) -> Result<OutboxStats> {
        let r = sqlx::query::<Db>(&format!(
            "SELECT \
             (SELECT COUNT(*) FROM outbox o WHERE {QUEUED}) AS queued, \
             (SELECT MIN(o.created_at) FROM outbox o WHERE {QUEUED}) AS oldest, \
             (SELECT COUNT(*) FROM outbox o WHERE {QUEUED} AND o.last_error IS NOT NULL) AS failing, \
             (SELECT COUNT(*) FROM outbox o WHERE o.sent_at IS NULL AND o.dead_at IS NOT NULL) AS dead, \
             (SELECT COUNT(*) FROM outbox o WHERE o.sent_at IS NOT NULL AND o.channel IS NOT NULL) AS sent"
        ))
        .fetch_one(self.read_pool())
        .await?;
        Ok(OutboxStats {
            queued: r.try_get("queued")?,
            oldest_created_at: r.try_get("oldest")?,
            failing: r.try_get("failing")?,
            dead: r.try_get("dead")?,
            sent: r.try_get("sent")?,
        })
    }

    async fn notice_problems(&self, limit: i64) -> Result<Vec<NoticeProblem>> {
        let rows = sqlx::query::<Db>(
            "SELECT o.id, a.number, o.kind, o.channel, o.address, o.tries, o.last_error, o.next_try_at, o.dead_at \
             FROM outbox o LEFT JOIN appeals a ON a.id = o.appeal_id \
             WHERE o.sent_at IS NULL AND o.channel IS NOT NULL AND (o.dead_at IS NOT NULL OR o.last_error IS NOT NULL) \
             ORDER BY COALESCE(o.dead_at, o.next_try_at) DESC, o.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                let channel: String = r.try_get("channel")?;
                Ok(NoticeProblem {
                    id: r.try_get("id")?,
                    number: r.try_get("number")?,
                    kind: r.try_get("kind")?,
                    channel: channel_of(&channel)?,
                    address: r.try_get::<Option<String>, _>("address")?.unwrap_or_default(),
                    tries: r.try_get("tries")?,
                    last_error: r.try_get::<Option<String>, _>("last_error")?.unwrap_or_default(),
                    next_try_at: r.try_get("next_try_at")?,
                    dead_at: r.try_get("dead_at")?,
                })
            })
            .collect()
    }
}
