//! Every change after filing: each moves the appeal only if it is still
//! where the officer saw it, and records its event (leaf, notice) and its
//! files in the same transaction.

use super::super::super::{Backend, Db};
use super::{insert_event, insert_files};
use crate::{AppealStore, CreateOutcome, NewAppeal, NewEvent, Result, Tombstone};
use adaldyq_domain::appeal::Status;
use async_trait::async_trait;
use sqlx::Row;

type Update<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>;

impl Backend {
    /// Runs an `UPDATE appeals … WHERE id = … AND status = <expected>` and,
    /// only if it moved the appeal (nobody moved it meanwhile), records the
    /// event and its files, all in one transaction.
    async fn guarded(
        &self,
        update: Update<'_>,
        appeal_id: i64,
        event: &NewEvent,
        files: &[crate::NewAttachment],
    ) -> Result<bool> {
        let mut tx = self.write_pool().begin().await?;
        if update.execute(&mut *tx).await?.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        insert_files(&mut tx, appeal_id, event.at, files).await?;
        insert_event(&mut tx, appeal_id, event).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Moves an appeal from one status to another with its event;
    /// optionally with a new term.
    async fn move_appeal(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        event: &NewEvent,
        term: Option<(i64, &str)>,
    ) -> Result<bool> {
        let update = match term {
            None => sqlx::query::<Db>("UPDATE appeals SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
                .bind(to.as_str())
                .bind(event.at)
                .bind(appeal_id)
                .bind(from.as_str()),
            Some((days, due)) => sqlx::query::<Db>(
                "UPDATE appeals SET status = $1, updated_at = $2, term_days = $5, due_on = $6 WHERE id = $3 AND status = $4",
            )
            .bind(to.as_str())
            .bind(event.at)
            .bind(appeal_id)
            .bind(from.as_str())
            .bind(days)
            .bind(due),
        };
        self.guarded(update, appeal_id, event, &[]).await
    }
}

#[async_trait]
impl AppealStore for Backend {
    async fn create_appeal(&self, new: &NewAppeal) -> Result<CreateOutcome> {
        self.file_appeal(new).await
    }

    async fn record_event(&self, appeal_id: i64, from: Status, to: Status, event: &NewEvent) -> Result<bool> {
        self.move_appeal(appeal_id, from, to, event, None).await
    }

    async fn record_term_event(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        event: &NewEvent,
        term_days: i64,
        due_on: &str,
    ) -> Result<bool> {
        self.move_appeal(appeal_id, from, to, event, Some((term_days, due_on))).await
    }

    async fn forward_appeal(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        institution_id: i64,
        event: &NewEvent,
    ) -> Result<bool> {
        let update = sqlx::query::<Db>(
            "UPDATE appeals SET status = $1, updated_at = $2, institution_id = $5 WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind(event.at)
        .bind(appeal_id)
        .bind(from.as_str())
        .bind(institution_id);
        self.guarded(update, appeal_id, event, &[]).await
    }

    async fn assign_appeal(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        assignee_id: i64,
        event: &NewEvent,
    ) -> Result<bool> {
        let update = sqlx::query::<Db>(
            "UPDATE appeals SET status = $1, updated_at = $2, assignee_id = $5 WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind(event.at)
        .bind(appeal_id)
        .bind(from.as_str())
        .bind(assignee_id);
        self.guarded(update, appeal_id, event, &[]).await
    }

    async fn reassign_with_term(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        institution_id: Option<i64>,
        term_days: i64,
        due_on: &str,
        event: &NewEvent,
    ) -> Result<bool> {
        let update = sqlx::query::<Db>(
            "UPDATE appeals SET status = $1, updated_at = $2, institution_id = COALESCE($5, institution_id), \
             term_days = $6, due_on = $7, assignee_id = NULL WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind(event.at)
        .bind(appeal_id)
        .bind(from.as_str())
        .bind(institution_id)
        .bind(term_days)
        .bind(due_on);
        self.guarded(update, appeal_id, event, &[]).await
    }

    async fn record_event_with_files(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        event: &NewEvent,
        files: &[crate::NewAttachment],
    ) -> Result<bool> {
        let update = sqlx::query::<Db>("UPDATE appeals SET status = $4, updated_at = $1 WHERE id = $2 AND status = $3")
            .bind(event.at)
            .bind(appeal_id)
            .bind(from.as_str())
            .bind(to.as_str());
        self.guarded(update, appeal_id, event, files).await
    }

    async fn tombstone(&self, appeal_id: i64, what: &Tombstone, event: &NewEvent) -> Result<Vec<String>> {
        let mut tx = self.write_pool().begin().await?;
        if matches!(what, Tombstone::Hide | Tombstone::Erase) {
            sqlx::query::<Db>(
                "UPDATE appeals SET subject = '', body = '', search_text = '', updated_at = $2 WHERE id = $1",
            )
            .bind(appeal_id)
            .bind(event.at)
            .execute(&mut *tx)
            .await?;
            sqlx::query::<Db>(
                "UPDATE appeal_events SET body = '{}' WHERE appeal_id = $1 \
                 AND kind NOT IN ('filed', 'registered', 'routed', 'assigned', 'hidden', 'erased', 'attachments_deleted')",
            )
            .bind(appeal_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query::<Db>("UPDATE outbox SET payload = '{}' WHERE appeal_id = $1 AND sent_at IS NULL")
                .bind(appeal_id)
                .execute(&mut *tx)
                .await?;
        }
        let ids: Option<Vec<i64>> = match what {
            Tombstone::Hide => Some(Vec::new()),
            Tombstone::Erase => {
                sqlx::query::<Db>("DELETE FROM appeal_contacts WHERE appeal_id = $1")
                    .bind(appeal_id)
                    .execute(&mut *tx)
                    .await?;
                super::super::outbox::forget_recipients(&mut tx, appeal_id, event.at).await?;
                None
            }
            Tombstone::DeleteAttachments(ids) => Some(ids.clone()),
        };
        let rows = sqlx::query::<Db>("SELECT id, sha256 FROM attachments WHERE appeal_id = $1")
            .bind(appeal_id)
            .fetch_all(&mut *tx)
            .await?;
        let mut gone = Vec::new();
        for r in rows {
            let id: i64 = r.try_get("id")?;
            if ids.as_ref().is_none_or(|keep| keep.contains(&id)) {
                sqlx::query::<Db>("DELETE FROM attachments WHERE id = $1").bind(id).execute(&mut *tx).await?;
                gone.push(r.try_get::<String, _>("sha256")?);
            }
        }
        insert_event(&mut tx, appeal_id, event).await?;
        tx.commit().await?;
        Ok(gone)
    }
}
