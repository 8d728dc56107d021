//! PostgreSQL, for a region or the country: the same seam over a server,
//! shared by several stateless app servers. A `schema` puts every table in
//! its own namespace (the tests give each test one).

use crate::{PoolState, Result, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use std::str::FromStr;

type Db = sqlx::Postgres;
type Backend = PgStore;

pub struct PgStore {
    pool: PgPool,
    /// Group commit of filings, started on the first one.
    filings: std::sync::OnceLock<shared::appeals::Filings>,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl PgStore {
    /// Connects and migrates. With `schema`, creates it if needed and keeps
    /// every connection's `search_path` on it.
    pub async fn connect(url: &str, schema: Option<&str>) -> Result<PgStore> {
        let mut options = PgConnectOptions::from_str(url)?;
        if let Some(schema) = schema {
            if !schema.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(StoreError::Invalid(format!("bad schema name {schema:?}")));
            }
            let admin = PgPoolOptions::new().max_connections(1).connect_with(options.clone()).await?;
            sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS {schema}")).execute(&admin).await?;
            admin.close().await;
            options = options.options([("search_path", schema)]);
        }
        let pool = PgPoolOptions::new().max_connections(16).connect_with(options).await?;
        MIGRATOR.run(&pool).await?;
        Ok(PgStore { pool, filings: std::sync::OnceLock::new() })
    }

    fn write_pool(&self) -> &PgPool {
        &self.pool
    }

    fn read_pool(&self) -> &PgPool {
        &self.pool
    }

    fn pool_state(&self) -> PoolState {
        PoolState { size: self.pool.size(), idle: self.pool.num_idle() as u32 }
    }

    async fn close(&self) {
        self.pool.close().await;
    }

    async fn introspect(&self) -> Result<Vec<(String, Vec<String>)>> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations' ORDER BY table_name",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for t in tables {
            let cols: Vec<String> = sqlx::query_scalar(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            )
            .bind(&t)
            .fetch_all(&self.pool)
            .await?;
            out.push((t, cols));
        }
        Ok(out)
    }

    /// Identity sequences do not follow imported ids: move each past the
    /// largest one so that the next insert does not collide.
    async fn after_load(&self, tx: &mut sqlx::Transaction<'_, Db>) -> Result<()> {
        for table in crate::schema::TABLES {
            if let Some(col) = table.identity {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', '{col}'), COALESCE((SELECT MAX({col}) FROM {t}), 0) + 1, false)",
                    t = table.name
                );
                sqlx::query(&sql).execute(&mut **tx).await?;
            }
        }
        Ok(())
    }
}

/// tsquery syntax: each word a group of quoted alternatives, all required.
/// Stems are made of letters and digits only, so quoting is enough.
fn search_query(terms: &[Vec<String>]) -> Option<String> {
    let groups: Vec<String> = terms
        .iter()
        .filter(|alts| !alts.is_empty())
        .map(|alts| {
            let quoted: Vec<String> = alts.iter().map(|a| format!("'{}'", a.replace('\'', "''"))).collect();
            format!("({})", quoted.join(" | "))
        })
        .collect();
    (!groups.is_empty()).then(|| groups.join(" & "))
}

/// Whether the inbox names its territory scope code by code (see
/// `AppealStore::inbox`): PostgreSQL misestimates a path-prefix test.
const EXPAND_TERRITORY_SCOPE: bool = true;

fn search_clause(param: &str) -> String {
    format!("to_tsvector('simple', a.search_text) @@ to_tsquery('simple', {param})")
}

/// How the outbox claim locks the rows it picks. Claimers skip the rows another claimer holds instead of waiting for them.
const CLAIM_LOCK: &str = "FOR UPDATE SKIP LOCKED";

#[path = "../shared/mod.rs"]
mod shared;
