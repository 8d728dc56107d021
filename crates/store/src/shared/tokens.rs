//! API tokens, keyed by the SHA-256 of the token.

use super::super::{Backend, Db};
use crate::{ApiToken, Result, TokenStore};
use async_trait::async_trait;
use sqlx::Row;

#[async_trait]
impl TokenStore for Backend {
    async fn create_token(&self, user_id: i64, token_hash: &[u8], name: &str, now: i64) -> Result<i64> {
        Ok(sqlx::query_scalar::<Db, i64>(
            "INSERT INTO api_tokens (user_id, token_hash, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(name)
        .bind(now)
        .fetch_one(self.write_pool())
        .await?)
    }

    async fn token_user(&self, token_hash: &[u8]) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar::<Db, i64>("SELECT user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
            .bind(token_hash)
            .fetch_optional(self.read_pool())
            .await?)
    }

    async fn tokens(&self) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query::<Db>("SELECT id, user_id, name, created_at, revoked_at FROM api_tokens ORDER BY id")
            .fetch_all(self.read_pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    id: r.try_get("id")?,
                    user_id: r.try_get("user_id")?,
                    name: r.try_get("name")?,
                    created_at: r.try_get("created_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                })
            })
            .collect()
    }

    async fn revoke_token(&self, id: i64, now: i64) -> Result<bool> {
        let done = sqlx::query::<Db>("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(self.write_pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
