//! What pages, jobs and the API read about appeals.

use super::super::super::{Backend, Db};
use super::{appeal, attachment, bad, APPEAL_COLUMNS};
use crate::{Appeal, AppealEvent, AppealQueries, DigestLine, InboxFilter, OutboxRow, Result};
use adaldyq_domain::appeal::{Contact, EventKind, Status};
use async_trait::async_trait;
use sqlx::Row;

#[async_trait]
impl AppealQueries for Backend {
    async fn appeal_by_number(&self, number: &str) -> Result<Option<Appeal>> {
        let sql = format!("SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.number = $1");
        let row = sqlx::query::<Db>(&sql).bind(number).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(appeal).transpose()
    }

    async fn appeal_by_id(&self, id: i64) -> Result<Option<Appeal>> {
        let sql = format!("SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.id = $1");
        let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(appeal).transpose()
    }

    async fn appeal_contact(&self, appeal_id: i64) -> Result<Option<Contact>> {
        let row = sqlx::query::<Db>("SELECT name, email, phone, iin FROM appeal_contacts WHERE appeal_id = $1")
            .bind(appeal_id)
            .fetch_optional(self.read_pool())
            .await?;
        row.map(|r| {
            Ok(Contact {
                name: r.try_get("name")?,
                email: r.try_get("email")?,
                phone: r.try_get("phone")?,
                iin: r.try_get("iin")?,
            })
        })
        .transpose()
    }

    async fn appeal_events(&self, appeal_id: i64) -> Result<Vec<AppealEvent>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, kind, at, actor_role, actor_user_id, body, internal, leaf_index FROM appeal_events \
             WHERE appeal_id = $1 ORDER BY id",
        )
        .bind(appeal_id)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(AppealEvent {
                    id: r.try_get("id")?,
                    kind: EventKind::parse(&kind).ok_or_else(|| bad("event kind", &kind))?,
                    at: r.try_get("at")?,
                    actor_role: r.try_get("actor_role")?,
                    actor_user_id: r.try_get("actor_user_id")?,
                    body: r.try_get("body")?,
                    internal: r.try_get("internal")?,
                    leaf_index: r.try_get("leaf_index")?,
                })
            })
            .collect()
    }

    async fn inbox(&self, f: &InboxFilter) -> Result<Vec<Appeal>> {
        self.inbox_page(f).await
    }

    async fn inbox_count(&self, f: &InboxFilter, cap: i64) -> Result<i64> {
        self.inbox_total(f, cap).await
    }

    async fn staff_of_institution(&self, institution_id: i64) -> Result<Vec<crate::User>> {
        let ids = sqlx::query_scalar::<Db, i64>(
            "SELECT DISTINCT user_id FROM grants WHERE institution_id = $1 AND role IN ('officer', 'head') ORDER BY user_id",
        )
        .bind(institution_id)
        .fetch_all(self.read_pool())
        .await?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(u) = crate::AccountStore::user(self, id).await? {
                out.push(u);
            }
        }
        Ok(out)
    }

    async fn overdue(&self, today: &str, limit: i64) -> Result<Vec<Appeal>> {
        let sql = format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.due_on < $1 \
             AND a.status IN ('registered', 'assigned', 'in_progress', 'awaiting_clarification') ORDER BY a.due_on, a.id LIMIT $2"
        );
        let rows = sqlx::query::<Db>(&sql).bind(today).bind(limit).fetch_all(self.read_pool()).await?;
        rows.iter().map(appeal).collect()
    }

    async fn attachments(&self, appeal_id: i64) -> Result<Vec<crate::Attachment>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, appeal_id, sha256, name, media_type, size, created_at FROM attachments WHERE appeal_id = $1 ORDER BY id",
        )
        .bind(appeal_id)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter().map(attachment).collect()
    }

    async fn attachment_refs(&self, sha256: &str) -> Result<i64> {
        Ok(sqlx::query_scalar::<Db, i64>("SELECT COUNT(*) FROM attachments WHERE sha256 = $1")
            .bind(sha256)
            .fetch_one(self.read_pool())
            .await?)
    }

    async fn closed_with_files_before(&self, before: i64, limit: i64) -> Result<Vec<Appeal>> {
        let rows = sqlx::query::<Db>(&format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.status = 'closed' AND a.updated_at < $1 \
             AND EXISTS (SELECT 1 FROM attachments f WHERE f.appeal_id = a.id) ORDER BY a.id LIMIT $2"
        ))
        .bind(before)
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter().map(appeal).collect()
    }

    async fn attachment(&self, id: i64) -> Result<Option<crate::Attachment>> {
        let row = sqlx::query::<Db>(
            "SELECT id, appeal_id, sha256, name, media_type, size, created_at FROM attachments WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.read_pool())
        .await?;
        row.as_ref().map(attachment).transpose()
    }

    async fn answered_before(&self, before: i64, limit: i64) -> Result<Vec<Appeal>> {
        let sql = format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.status = 'answered' AND a.updated_at < $1 ORDER BY a.updated_at, a.id LIMIT $2"
        );
        let rows = sqlx::query::<Db>(&sql).bind(before).bind(limit).fetch_all(self.read_pool()).await?;
        rows.iter().map(appeal).collect()
    }

    async fn appeals_filed_by(&self, user_id: i64, limit: i64) -> Result<Vec<Appeal>> {
        let sql = format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.anonymous = false AND a.id IN \
             (SELECT appeal_id FROM appeal_events WHERE kind = 'filed' AND actor_user_id = $1) ORDER BY a.id DESC LIMIT $2"
        );
        let rows = sqlx::query::<Db>(&sql).bind(user_id).bind(limit).fetch_all(self.read_pool()).await?;
        rows.iter().map(appeal).collect()
    }

    async fn escalated_due_before(&self, date: &str, limit: i64) -> Result<Vec<Appeal>> {
        let sql = format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.due_on < $1 AND a.status = 'escalated' ORDER BY a.due_on, a.id LIMIT $2"
        );
        let rows = sqlx::query::<Db>(&sql).bind(date).bind(limit).fetch_all(self.read_pool()).await?;
        rows.iter().map(appeal).collect()
    }

    async fn outbox_pending(&self, limit: i64) -> Result<Vec<OutboxRow>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, appeal_id, booking_id, kind, payload, created_at FROM outbox WHERE id IN \
             (SELECT MIN(id) FROM outbox WHERE sent_at IS NULL GROUP BY COALESCE(event_id, -id)) ORDER BY id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OutboxRow {
                    id: r.try_get("id")?,
                    appeal_id: r.try_get("appeal_id")?,
                    booking_id: r.try_get("booking_id")?,
                    kind: r.try_get("kind")?,
                    payload: r.try_get("payload")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    async fn due_for_digest(&self, until: &str, limit: i64) -> Result<Vec<DigestLine>> {
        // Open and in someone's hands: waiting for the applicant's
        // clarification stops the clock, so those are not listed.
        let open: Vec<String> = Status::ALL
            .iter()
            .filter(|s| s.is_open() && **s != Status::AwaitingClarification)
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        let open = open.join(", ");
        let sql = format!(
            "SELECT a.assignee_id AS user_id, a.id, a.number, a.due_on, a.subject FROM appeals a \
             WHERE a.status IN ({open}) AND a.due_on <= $1 AND a.assignee_id IS NOT NULL \
             UNION ALL \
             SELECT g.user_id, a.id, a.number, a.due_on, a.subject FROM appeals a \
             JOIN grants g ON g.institution_id = a.institution_id AND g.role = 'head' \
             WHERE a.status IN ({open}) AND a.due_on <= $1 AND a.assignee_id IS NULL \
             ORDER BY user_id, due_on, id LIMIT $2"
        );
        let rows = sqlx::query::<Db>(&sql).bind(until).bind(limit).fetch_all(self.read_pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(DigestLine {
                    user_id: r.try_get("user_id")?,
                    appeal_id: r.try_get("id")?,
                    number: r.try_get("number")?,
                    due_on: r.try_get("due_on")?,
                    subject: r.try_get("subject")?,
                })
            })
            .collect()
    }
}
