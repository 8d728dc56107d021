//! The SQL both backends share. This folder is compiled twice, once inside
//! `sqlite` and once inside `postgres` (see their `#[path]` modules), with
//! `Db` and `Backend` naming that backend's types: the same statements run
//! on both, and the few that differ live in the backend modules.

mod accounts;
pub(super) mod appeals;
mod calendar;
mod dump;
mod inbox;
pub(super) mod log;
mod outbox;
mod preferences;
mod receptions;
mod routing;
mod sessions;
mod templates;
mod territories;
mod tokens;

use super::{Backend, Db};
use crate::{MetaStore, PoolState, Result, Store};
use async_trait::async_trait;

#[async_trait]
impl MetaStore for Backend {
    async fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar::<Db, String>("SELECT value FROM meta WHERE key = $1")
            .bind(key)
            .fetch_optional(self.read_pool())
            .await?)
    }

    async fn claim_meta(&self, key: &str, value: &str) -> Result<bool> {
        let done = sqlx::query::<Db>("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(key)
            .bind(value)
            .execute(self.write_pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

#[async_trait]
impl Store for Backend {
    fn backend(&self) -> &'static str {
        if std::any::type_name::<Db>().contains("Sqlite") {
            "sqlite"
        } else {
            "postgres"
        }
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query::<Db>("SELECT 1").execute(self.read_pool()).await?;
        Ok(())
    }

    fn pool_state(&self) -> PoolState {
        Backend::pool_state(self)
    }

    async fn close(&self) {
        Backend::close(self).await
    }
}
