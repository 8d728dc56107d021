//! The transparency log's tables: leaves appended inside the transaction of
//! the change they record, the tree's stored hashes, checkpoints.

use super::super::{Backend, Db};
use crate::log::{audit_leaf, new_salt, now};
use crate::{
    Actor, AppealStateRow, CheckpointRow, CosignatureRow, Integration, LogState, LogStore, LoggedAudit, LoggedEvent,
    Result, StoreError,
};
use adaldyq_tlog::leaf::Leaf;
use async_trait::async_trait;
use sqlx::Row;

/// Stored hashes written by one statement (two parameters each: within
/// both backends' limits on parameters).
const HASHES_PER_INSERT: usize = 500;

/// Appends a leaf; its index. The upsert locks the one `log_state` row
/// until commit, so leaves are numbered without gaps in commit order.
pub(super) async fn append_leaf(tx: &mut sqlx::Transaction<'_, Db>, leaf: &Leaf) -> Result<i64> {
    let data = leaf.encode().map_err(|e| StoreError::Invalid(e.to_string()))?;
    let size = sqlx::query_scalar::<Db, i64>(
        "INSERT INTO log_state (id, size, integrated) VALUES (1, 1, 0) \
         ON CONFLICT (id) DO UPDATE SET size = log_state.size + 1 RETURNING size",
    )
    .fetch_one(&mut **tx)
    .await?;
    let idx = size - 1;
    sqlx::query::<Db>("INSERT INTO log_leaves (idx, data) VALUES ($1, $2)")
        .bind(idx)
        .bind(&data)
        .execute(&mut **tx)
        .await?;
    Ok(idx)
}

/// Records a change to the calendar, routing or roles: the audit row (who)
/// and its leaf (which role), in the caller's transaction.
pub(super) async fn audit(
    tx: &mut sqlx::Transaction<'_, Db>,
    by: &Actor,
    kind: &str,
    body: &str,
    at: Option<i64>,
) -> Result<()> {
    let at = at.unwrap_or_else(now);
    let salt = new_salt();
    let idx = append_leaf(tx, &audit_leaf(kind, at, &by.role, &salt, body)).await?;
    sqlx::query::<Db>(
        "INSERT INTO audit_events (at, actor_user_id, kind, body, actor_role, salt, leaf_index) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(at)
    .bind(by.user_id)
    .bind(kind)
    .bind(body)
    .bind(&by.role)
    .bind(&salt)
    .bind(idx)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn checkpoint(r: &<Db as sqlx::Database>::Row) -> Result<CheckpointRow> {
    Ok(CheckpointRow {
        size: r.try_get::<i64, _>("size")? as u64,
        root: r.try_get("root")?,
        note: r.try_get("note")?,
        created_at: r.try_get("created_at")?,
    })
}

#[async_trait]
impl LogStore for Backend {
    async fn log_state(&self) -> Result<LogState> {
        let row = sqlx::query::<Db>("SELECT size, integrated FROM log_state WHERE id = 1")
            .fetch_optional(self.read_pool())
            .await?;
        Ok(match row {
            Some(r) => LogState {
                size: r.try_get::<i64, _>("size")? as u64,
                integrated: r.try_get::<i64, _>("integrated")? as u64,
            },
            None => LogState::default(),
        })
    }

    async fn log_leaves(&self, start: u64, end: u64) -> Result<Vec<(u64, Vec<u8>)>> {
        let rows = sqlx::query::<Db>("SELECT idx, data FROM log_leaves WHERE idx >= $1 AND idx < $2 ORDER BY idx")
            .bind(start as i64)
            .bind(end as i64)
            .fetch_all(self.read_pool())
            .await?;
        rows.iter().map(|r| Ok((r.try_get::<i64, _>("idx")? as u64, r.try_get("data")?))).collect()
    }

    async fn log_hashes(&self, indexes: &[u64]) -> Result<Vec<(u64, Vec<u8>)>> {
        let mut out = Vec::with_capacity(indexes.len());
        for chunk in indexes.chunks(500) {
            let list = chunk.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
            let sql = format!("SELECT idx, hash FROM log_hashes WHERE idx IN ({list})");
            for r in sqlx::query::<Db>(&sql).fetch_all(self.read_pool()).await? {
                out.push((r.try_get::<i64, _>("idx")? as u64, r.try_get("hash")?));
            }
        }
        Ok(out)
    }

    async fn log_integrate(&self, round: &Integration) -> Result<bool> {
        let mut tx = self.write_pool().begin().await?;
        let moved =
            sqlx::query::<Db>("UPDATE log_state SET integrated = $1 WHERE id = 1 AND integrated = $2 AND size >= $1")
                .bind(round.to as i64)
                .bind(round.from as i64)
                .execute(&mut *tx)
                .await?;
        if moved.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        // Many rows per statement: a busy second brings thousands of hashes,
        // and one statement each kept the single writer (and the filings
        // waiting for it) busy for a large part of the second.
        for chunk in round.hashes.chunks(HASHES_PER_INSERT) {
            let values: Vec<String> = (0..chunk.len()).map(|k| format!("(${}, ${})", 2 * k + 1, 2 * k + 2)).collect();
            let sql = format!("INSERT INTO log_hashes (idx, hash) VALUES {}", values.join(", "));
            let mut q = sqlx::query::<Db>(&sql);
            for (idx, hash) in chunk {
                q = q.bind(*idx as i64).bind(&hash[..]);
            }
            q.execute(&mut *tx).await?;
        }
        let c = &round.checkpoint;
        sqlx::query::<Db>(
            "INSERT INTO log_checkpoints (size, root, note, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (size) DO NOTHING",
        )
        .bind(c.size as i64)
        .bind(&c.root)
        .bind(&c.note)
        .bind(c.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn add_checkpoint(&self, c: &CheckpointRow) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "INSERT INTO log_checkpoints (size, root, note, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (size) DO NOTHING",
        )
        .bind(c.size as i64)
        .bind(&c.root)
        .bind(&c.note)
        .bind(c.created_at)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn latest_checkpoint(&self) -> Result<Option<CheckpointRow>> {
        let row =
            sqlx::query::<Db>("SELECT size, root, note, created_at FROM log_checkpoints ORDER BY size DESC LIMIT 1")
                .fetch_optional(self.read_pool())
                .await?;
        row.as_ref().map(checkpoint).transpose()
    }

    async fn checkpoint(&self, size: u64) -> Result<Option<CheckpointRow>> {
        let row = sqlx::query::<Db>("SELECT size, root, note, created_at FROM log_checkpoints WHERE size = $1")
            .bind(size as i64)
            .fetch_optional(self.read_pool())
            .await?;
        row.as_ref().map(checkpoint).transpose()
    }

    async fn checkpoints(&self) -> Result<Vec<CheckpointRow>> {
        let rows = sqlx::query::<Db>("SELECT size, root, note, created_at FROM log_checkpoints ORDER BY size")
            .fetch_all(self.read_pool())
            .await?;
        rows.iter().map(checkpoint).collect()
    }

    async fn add_cosignature(&self, c: &CosignatureRow) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "INSERT INTO log_cosignatures (size, witness, line, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (size, witness) DO NOTHING",
        )
        .bind(c.size as i64)
        .bind(&c.witness)
        .bind(&c.line)
        .bind(c.created_at)
        .execute(self.write_pool())
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::NotFound(format!("checkpoint of size {}", c.size))
            }
            other => other.into(),
        })?;
        Ok(done.rows_affected() == 1)
    }

    async fn cosignatures(&self, size: u64) -> Result<Vec<CosignatureRow>> {
        let rows = sqlx::query::<Db>(
            "SELECT size, witness, line, created_at FROM log_cosignatures WHERE size = $1 ORDER BY witness",
        )
        .bind(size as i64)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CosignatureRow {
                    size: r.try_get::<i64, _>("size")? as u64,
                    witness: r.try_get("witness")?,
                    line: r.try_get("line")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    async fn logged_events(&self, after_id: i64, limit: i64) -> Result<Vec<LoggedEvent>> {
        let rows = sqlx::query::<Db>(
            "SELECT e.id, a.number, e.kind, e.at, e.actor_role, e.body, e.institution_id, e.leaf_index, \
             a.salt, a.subject, a.body AS text, e.actor_user_id, e.state, a.kind AS appeal_kind \
             FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id WHERE e.id > $1 ORDER BY e.id LIMIT $2",
        )
        .bind(after_id)
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LoggedEvent {
                    event_id: r.try_get("id")?,
                    number: r.try_get("number")?,
                    kind: r.try_get("kind")?,
                    at: r.try_get("at")?,
                    actor_role: r.try_get("actor_role")?,
                    body: r.try_get("body")?,
                    institution_id: r.try_get("institution_id")?,
                    leaf_index: r.try_get("leaf_index")?,
                    salt: r.try_get("salt")?,
                    subject: r.try_get("subject")?,
                    text: r.try_get("text")?,
                    actor_user_id: r.try_get("actor_user_id")?,
                    state: r.try_get("state")?,
                    corruption_report: r.try_get::<String, _>("appeal_kind")?
                        == adaldyq_domain::appeal::AppealKind::CorruptionReport.as_str(),
                })
            })
            .collect()
    }

    async fn logged_audits(&self) -> Result<Vec<LoggedAudit>> {
        let rows =
            sqlx::query::<Db>("SELECT id, kind, at, actor_role, body, salt, leaf_index FROM audit_events ORDER BY id")
                .fetch_all(self.read_pool())
                .await?;
        rows.iter()
            .map(|r| {
                Ok(LoggedAudit {
                    id: r.try_get("id")?,
                    kind: r.try_get("kind")?,
                    at: r.try_get("at")?,
                    actor_role: r.try_get("actor_role")?,
                    body: r.try_get("body")?,
                    salt: r.try_get("salt")?,
                    leaf_index: r.try_get("leaf_index")?,
                })
            })
            .collect()
    }

    async fn tombstones(&self) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query::<Db>(
            "SELECT a.number, MAX(e.id) AS last FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id \
             WHERE e.kind IN ('hidden', 'erased') GROUP BY a.number",
        )
        .fetch_all(self.read_pool())
        .await?;
        rows.iter().map(|r| Ok((r.try_get("number")?, r.try_get("last")?))).collect()
    }

    async fn appeal_states(&self, after_id: i64, limit: i64) -> Result<Vec<AppealStateRow>> {
        let rows = sqlx::query::<Db>(
            "SELECT a.id, a.number, a.status, a.institution_id, a.assignee_id, a.category_id, a.term_days, a.due_on, \
             (SELECT e.state FROM appeal_events e WHERE e.appeal_id = a.id ORDER BY e.id DESC LIMIT 1) AS logged \
             FROM appeals a WHERE a.id > $1 ORDER BY a.id LIMIT $2",
        )
        .bind(after_id)
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?;
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Ok(vec![]) };
        let (first, last): (i64, i64) = (first.try_get("id")?, last.try_get("id")?);
        let mut files: std::collections::HashMap<i64, Vec<(i64, String)>> = std::collections::HashMap::new();
        for r in sqlx::query::<Db>(
            "SELECT appeal_id, id, sha256 FROM attachments WHERE appeal_id >= $1 AND appeal_id <= $2 ORDER BY appeal_id, id",
        )
        .bind(first)
        .bind(last)
        .fetch_all(self.read_pool())
        .await?
        {
            files.entry(r.try_get("appeal_id")?).or_default().push((r.try_get("id")?, r.try_get("sha256")?));
        }
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                Ok(AppealStateRow {
                    appeal_id: id,
                    number: r.try_get("number")?,
                    current: super::appeals::state_of(r, files.remove(&id).unwrap_or_default())?,
                    logged: r.try_get("logged")?,
                })
            })
            .collect()
    }

    async fn appeal_numbers(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar::<Db, String>("SELECT number FROM appeals ORDER BY id")
            .fetch_all(self.read_pool())
            .await?)
    }
}
