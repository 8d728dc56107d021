//! Server-side sessions, keyed by the SHA-256 of the cookie's token so that a
//! copy of the database does not hand out live sessions.

use super::super::{Backend, Db};
use crate::{NewSession, Result, Session, SessionStore};
use async_trait::async_trait;
use sqlx::Row;

#[async_trait]
impl SessionStore for Backend {
    async fn create_session(&self, new: &NewSession) -> Result<()> {
        sqlx::query::<Db>(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, second_factor_pending) \
             VALUES ($1, $2, $3, $3, $4, $5)",
        )
        .bind(&new.token_hash)
        .bind(new.user_id)
        .bind(new.created_at)
        .bind(new.expires_at)
        .bind(new.second_factor_pending)
        .execute(self.write_pool())
        .await?;
        Ok(())
    }

    async fn session(&self, token_hash: &[u8], now: i64) -> Result<Option<Session>> {
        let row = sqlx::query::<Db>(
            "SELECT user_id, created_at, last_seen_at, expires_at, second_factor_pending FROM sessions \
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.read_pool())
        .await?;
        row.map(|row| {
            Ok(Session {
                user_id: row.try_get("user_id")?,
                created_at: row.try_get("created_at")?,
                last_seen_at: row.try_get("last_seen_at")?,
                expires_at: row.try_get("expires_at")?,
                second_factor_pending: row.try_get("second_factor_pending")?,
            })
        })
        .transpose()
    }

    async fn touch_session(&self, token_hash: &[u8], now: i64, expires_at: i64) -> Result<()> {
        sqlx::query::<Db>("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
            .bind(now)
            .bind(expires_at)
            .bind(token_hash)
            .execute(self.write_pool())
            .await?;
        Ok(())
    }

    async fn complete_second_factor(&self, token_hash: &[u8]) -> Result<()> {
        sqlx::query::<Db>("UPDATE sessions SET second_factor_pending = false WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.write_pool())
            .await?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &[u8]) -> Result<()> {
        sqlx::query::<Db>("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.write_pool())
            .await?;
        Ok(())
    }

    async fn delete_other_sessions(&self, user_id: i64, keep: &[u8]) -> Result<u64> {
        let done = sqlx::query::<Db>("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user_id)
            .bind(keep)
            .execute(self.write_pool())
            .await?;
        Ok(done.rows_affected())
    }

    async fn purge_expired_sessions(&self, now: i64) -> Result<u64> {
        let done = sqlx::query::<Db>("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(self.write_pool())
            .await?;
        Ok(done.rows_affected())
    }
}
