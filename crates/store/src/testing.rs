//! Fresh stores for tests, one per test: a SQLite file in its own temporary
//! folder, or a PostgreSQL schema of its own in the database named by
//! `ADALDYQ_TEST_POSTGRES_URL`. Shared by the conformance suite and the web
//! tests so that both backends are set up the same way.

use crate::{postgres::PgStore, sqlite::SqliteStore, DynStore};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The variable that names the PostgreSQL server for tests.
pub const POSTGRES_URL_VAR: &str = "ADALDYQ_TEST_POSTGRES_URL";

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique(prefix: &str) -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{}_{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A temporary folder removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let dir = std::env::temp_dir().join(unique("adaldyq_test"));
        std::fs::create_dir_all(&dir).expect("create a temporary folder");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Default for TempDir {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A test's database and whatever must live as long as it.
pub struct TestDb {
    pub store: DynStore,
    pub backend: &'static str,
    /// The URL another process (the CLI under test) can open.
    pub url: String,
    pub dir: TempDir,
}

/// Which backends a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Opens a fresh database of this backend, or `None` (with the reason
    /// printed) when PostgreSQL is not configured. Under CI a missing
    /// PostgreSQL is an error: every submission is tested on both backends.
    pub async fn fresh(self) -> Option<TestDb> {
        let dir = TempDir::new();
        match self {
            Backend::Sqlite => {
                let path = dir.path().join("adaldyq.db");
                let store = SqliteStore::open(&path).await.expect("open a fresh SQLite database");
                Some(TestDb {
                    store: Arc::new(store),
                    backend: "sqlite",
                    url: format!("sqlite:{}", path.display()),
                    dir,
                })
            }
            Backend::Postgres => {
                let Some(url) = postgres_url() else {
                    if std::env::var("CI").is_ok_and(|v| v == "true") {
                        panic!("{POSTGRES_URL_VAR} must be set in CI: both backends are tested on every run");
                    }
                    eprintln!("skipped on PostgreSQL: set {POSTGRES_URL_VAR} to run it there too");
                    return None;
                };
                let schema = unique("t");
                let store = PgStore::connect(&url, Some(&schema)).await.expect("open a fresh PostgreSQL schema");
                let sep = if url.contains('?') { '&' } else { '?' };
                let url = format!("{url}{sep}options=-csearch_path%3D{schema}");
                Some(TestDb { store: Arc::new(store), backend: "postgres", url, dir })
            }
        }
    }
}

pub fn postgres_url() -> Option<String> {
    std::env::var(POSTGRES_URL_VAR).ok().filter(|s| !s.is_empty())
}

/// Runs SQL on the database a URL names, behind the store's back, as
/// someone with access to the database would (the log's tamper tests).
pub async fn raw_sql(url: &str, sql: &str) {
    use sqlx::Connection;
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let mut c = sqlx::PgConnection::connect(url).await.expect("connect to PostgreSQL");
        sqlx::raw_sql(sql).execute(&mut c).await.expect("run the SQL");
    } else {
        let mut c = sqlx::SqliteConnection::connect(url).await.expect("open the SQLite file");
        sqlx::raw_sql(sql).execute(&mut c).await.expect("run the SQL");
    }
}
