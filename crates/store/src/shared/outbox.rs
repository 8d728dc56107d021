//! The notices' delivery queue: one outbox row per notice and recipient,
//! written with its event (see [`enqueue`]), claimed by delivery workers
//! under a lease, retried and dead-lettered.

use super::super::{Backend, Db, CLAIM_LOCK};
use crate::{
    Channel, Notice, NoticeProblem, OutboxStats, OutboxStore, Result, StaffNotice, StaffRecipients, StoreError,
};
use adaldyq_domain::notice::{is_optional, Audience, NoticeKind};
use async_trait::async_trait;
use sqlx::Row;

/// Writes the notice of an event, in the event's transaction: one row per
/// channel the applicant gave an address for, in the appeal's language.
/// An anonymous applicant (no contact) or one with no address gets a row
/// with no channel, which records the notice and is never sent. An
/// optional kind leaves out the channels switched off: by the filer's
/// account when a signed-in person filed, or by the link in an earlier
/// notice of the appeal; with every channel off the notice is recorded the
/// same way, with no channel.
pub(super) async fn enqueue(
    tx: &mut sqlx::Transaction<'_, Db>,
    appeal_id: i64,
    event_id: i64,
    kind: &str,
    payload: &str,
    at: i64,
) -> Result<()> {
    let row = sqlx::query::<Db>(
        "SELECT a.language, a.anonymous, c.email, c.phone, \
         (SELECT e.actor_user_id FROM appeal_events e WHERE e.appeal_id = a.id AND e.kind = 'filed' \
          ORDER BY e.id LIMIT 1) AS filer \
         FROM appeals a LEFT JOIN appeal_contacts c ON c.appeal_id = a.id WHERE a.id = $1",
    )
    .bind(appeal_id)
    .fetch_one(&mut **tx)
    .await?;
    let language: String = row.try_get("language")?;
    let anonymous: bool = row.try_get("anonymous")?;
    let mut recipients = Vec::new();
    let mut filer = None;
    if !anonymous {
        filer = row.try_get::<Option<i64>, _>("filer")?;
        recipients = addresses(row.try_get("email")?, row.try_get("phone")?);
    }
    if is_optional(kind) && !recipients.is_empty() {
        let off = switched_off(tx, filer, Some(appeal_id), kind).await?;
        recipients.retain(|(c, _)| !off.contains(c));
    }
    let to = Recipient {
        appeal_id: Some(appeal_id),
        event_id: Some(event_id),
        user_id: filer,
        booking_id: None,
        language: &language,
    };
    write_rows(tx, &to, kind, payload, at, &recipients).await
}

/// The channels a person can be reached on: e-mail and phone, where given.
fn addresses(email: Option<String>, phone: Option<String>) -> Vec<(Channel, String)> {
    let present = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let mut out = Vec::new();
    if let Some(email) = present(email) {
        out.push((Channel::Email, email));
    }
    if let Some(phone) = present(phone) {
        out.push((Channel::Sms, phone));
    }
    out
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
    let language: String = row.try_get("language")?;
    let recipients = addresses(row.try_get("email")?, row.try_get("phone")?);
    let to =
        Recipient { appeal_id: None, event_id: None, user_id: None, booking_id: Some(booking_id), language: &language };
    write_rows(tx, &to, kind, payload, at, &recipients).await
}

/// Writes a staff notice, in the caller's transaction: to the person's
/// e-mail address and, if they gave one, their phone, in their language,
/// less the channels they switched off (with none left the notice is
/// recorded with no channel, as an anonymous applicant's is).
pub(super) async fn enqueue_staff(
    tx: &mut sqlx::Transaction<'_, Db>,
    about: (Option<i64>, Option<i64>),
    user_id: i64,
    kind: &str,
    payload: &str,
    at: i64,
) -> Result<()> {
    let Some(row) = sqlx::query::<Db>("SELECT email, phone, language FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(());
    };
    let language: String = row.try_get("language")?;
    let mut recipients = addresses(Some(row.try_get::<String, _>("email")?), row.try_get("phone")?);
    if is_optional(kind) {
        let off = switched_off(tx, Some(user_id), None, kind).await?;
        recipients.retain(|(c, _)| !off.contains(c));
    }
    let (appeal_id, event_id) = about;
    let to = Recipient { appeal_id, event_id, user_id: Some(user_id), booking_id: None, language: &language };
    write_rows(tx, &to, kind, payload, at, &recipients).await
}

/// Staff notices of an event: to one person or to the heads of the body
/// that has the appeal now, never to the one who acted.
pub(super) async fn enqueue_for_staff(
    tx: &mut sqlx::Transaction<'_, Db>,
    appeal_id: i64,
    event_id: i64,
    actor: Option<i64>,
    notice: &StaffNotice,
    at: i64,
) -> Result<()> {
    let users = match notice.to {
        StaffRecipients::User(id) => vec![id],
        StaffRecipients::HeadsOfAppealBody => {
            sqlx::query_scalar::<Db, i64>(
                "SELECT DISTINCT g.user_id FROM grants g JOIN appeals a ON a.institution_id = g.institution_id \
                 WHERE a.id = $1 AND g.role = 'head' ORDER BY g.user_id",
            )
            .bind(appeal_id)
            .fetch_all(&mut **tx)
            .await?
        }
    };
    for user in users.into_iter().filter(|u| Some(*u) != actor) {
        enqueue_staff(tx, (Some(appeal_id), Some(event_id)), user, &notice.kind, &notice.payload, at).await?;
    }
    Ok(())
}

/// The channels switched off for a kind: by an account, or for an appeal.
async fn switched_off(
    tx: &mut sqlx::Transaction<'_, Db>,
    user_id: Option<i64>,
    appeal_id: Option<i64>,
    kind: &str,
) -> Result<Vec<Channel>> {
    let channels = sqlx::query_scalar::<Db, String>(
        "SELECT channel FROM notice_preferences WHERE user_id = $1 AND kind = $3 \
         UNION SELECT channel FROM appeal_notice_optouts WHERE appeal_id = $2 AND kind = $3",
    )
    .bind(user_id)
    .bind(appeal_id)
    .bind(kind)
    .fetch_all(&mut **tx)
    .await?;
    Ok(channels.iter().filter_map(|c| Channel::parse(c)).collect())
}

/// Whom an outbox row is about and for.
struct Recipient<'a> {
    appeal_id: Option<i64>,
    event_id: Option<i64>,
    user_id: Option<i64>,
    booking_id: Option<i64>,
    language: &'a str,
}

/// One row per (channel, address), or one with no channel when there is
/// nobody to send it to: the notice is recorded either way.
async fn write_rows(
    tx: &mut sqlx::Transaction<'_, Db>,
    to: &Recipient<'_>,
    kind: &str,
    payload: &str,
    at: i64,
    recipients: &[(Channel, String)],
) -> Result<()> {
    let mut rows: Vec<(Option<&str>, Option<&str>)> =
        recipients.iter().map(|(c, a)| (Some(c.as_str()), Some(a.as_str()))).collect();
    if rows.is_empty() {
        rows.push((None, None));
    }
    for (channel, address) in rows {
        let message_id = channel.map(|_| message_id()).transpose()?;
        sqlx::query::<Db>(
            "INSERT INTO outbox (appeal_id, kind, payload, created_at, event_id, channel, address, language, \
             message_id, next_try_at, user_id, booking_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $4, $10, $11)",
        )
        .bind(to.appeal_id)
        .bind(kind)
        .bind(payload)
        .bind(at)
        .bind(to.event_id)
        .bind(channel)
        .bind(address)
        .bind(to.language)
        .bind(message_id)
        .bind(to.user_id)
        .bind(to.booking_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Erasing an appeal's personal data forgets its notices' addresses too;
/// those not sent yet are given up on (there is nobody to send them to).
/// Staff notices about the appeal stay: their addresses are the staff's.
pub(super) async fn forget_recipients(tx: &mut sqlx::Transaction<'_, Db>, appeal_id: i64, at: i64) -> Result<()> {
    let staff: Vec<String> = NoticeKind::ALL
        .into_iter()
        .filter(|k| k.audience() == Audience::Staff)
        .map(|k| format!("'{}'", k.as_str()))
        .collect();
    sqlx::query::<Db>(&format!(
        "UPDATE outbox SET address = NULL, \
         dead_at = CASE WHEN sent_at IS NULL AND channel IS NOT NULL THEN COALESCE(dead_at, $2) ELSE dead_at END, \
         last_error = CASE WHEN sent_at IS NULL AND channel IS NOT NULL THEN 'erased' ELSE last_error END \
         WHERE appeal_id = $1 AND kind NOT IN ({})",
        staff.join(", ")
    ))
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
    async fn enqueue_digests(&self, day: &str, digests: &[(i64, String)], at: i64) -> Result<bool> {
        let mut tx = self.write_pool().begin().await?;
        // The day's claim and its notices commit together: two servers
        // write one digest each, and a crash in between leaves none half
        // written (the next round writes them).
        let claimed = sqlx::query::<Db>("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(format!("digest:{day}"))
            .bind(digests.len().to_string())
            .execute(&mut *tx)
            .await?;
        if claimed.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        for (user, payload) in digests {
            enqueue_staff(&mut tx, (None, None), *user, NoticeKind::Digest.as_str(), payload, at).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

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
            "SELECT o.id, o.appeal_id, o.user_id, o.booking_id, a.number, o.kind, o.payload, e.body AS event_body, o.channel, o.address, \
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
                    user_id: r.try_get("user_id")?,
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
