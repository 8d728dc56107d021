//! The embedded default: one SQLite file in WAL mode with `synchronous=FULL`
//! (an acknowledged write survives a power cut) and foreign keys on. Writes
//! go through a single connection, so they queue in the pool instead of
//! failing with SQLITE_BUSY; reads use several.

use crate::{PoolState, Result};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::time::Duration;

type Db = sqlx::Sqlite;
type Backend = SqliteStore;

pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    /// Group commit of filings, started on the first one.
    filings: std::sync::OnceLock<shared::appeals::Filings>,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

impl SqliteStore {
    /// Opens (creating if needed) the database file and migrates it.
    pub async fn open(path: &Path) -> Result<SqliteStore> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| crate::StoreError::Invalid(format!("{}: {e}", dir.display())))?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let writer = SqlitePoolOptions::new().max_connections(1).connect_with(options.clone()).await?;
        MIGRATOR.run(&writer).await?;
        let reader = SqlitePoolOptions::new().max_connections(8).connect_with(options.read_only(true)).await?;
        Ok(SqliteStore { writer, reader, filings: std::sync::OnceLock::new() })
    }

    fn write_pool(&self) -> &SqlitePool {
        &self.writer
    }

    fn read_pool(&self) -> &SqlitePool {
        &self.reader
    }

    /// The pragmas in force, for the test that checks durability settings.
    pub async fn pragmas(&self) -> Result<(String, i64, bool)> {
        let mut conn = self.writer.acquire().await?;
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await?;
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await?;
        let fk: bool = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut *conn).await?;
        Ok((journal, sync, fk))
    }

    fn pool_state(&self) -> PoolState {
        PoolState {
            size: self.writer.size() + self.reader.size(),
            idle: (self.writer.num_idle() + self.reader.num_idle()) as u32,
        }
    }

    async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }

    async fn introspect(&self) -> Result<Vec<(String, Vec<String>)>> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '_sqlx_migrations' AND name NOT LIKE 'appeals_fts%' ORDER BY name",
        )
        .fetch_all(self.read_pool())
        .await?;
        let mut out = Vec::new();
        for t in tables {
            let cols: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                .bind(&t)
                .fetch_all(self.read_pool())
                .await?;
            out.push((t, cols));
        }
        Ok(out)
    }

    /// Nothing to reset: SQLite's rowids follow the largest id.
    async fn after_load(&self, _tx: &mut sqlx::Transaction<'_, Db>) -> Result<()> {
        Ok(())
    }
}

/// FTS5 query syntax: each word a group of quoted alternatives, all required.
fn search_query(terms: &[Vec<String>]) -> Option<String> {
    let groups: Vec<String> = terms
        .iter()
        .filter(|alts| !alts.is_empty())
        .map(|alts| {
            let quoted: Vec<String> = alts.iter().map(|a| format!("\"{}\"", a.replace('"', "\"\""))).collect();
            format!("({})", quoted.join(" OR "))
        })
        .collect();
    (!groups.is_empty()).then(|| groups.join(" AND "))
}

/// Whether the inbox names its territory scope code by code (see
/// `AppealStore::inbox`): SQLite plans the path-prefix test well.
const EXPAND_TERRITORY_SCOPE: bool = false;

fn search_clause(param: &str) -> String {
    format!("a.id IN (SELECT rowid FROM appeals_fts WHERE appeals_fts MATCH {param})")
}

/// How the outbox claim locks the rows it picks. SQLite runs one writer at a time: the claiming UPDATE is atomic as it is.
const CLAIM_LOCK: &str = "";

#[path = "../shared/mod.rs"]
mod shared;
