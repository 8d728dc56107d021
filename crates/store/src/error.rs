//! Errors of the storage layer, in terms the web layer can map to a status.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write (409 in the web layer).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A row the operation needs does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// The data breaks a rule the store enforces (a scope that does not fit
    /// the role, an import into a non-empty database).
    #[error("invalid: {0}")]
    Invalid(String),
    /// A territory would hang under itself (through units already stored).
    #[error("territory {0} would be among its own parents")]
    TerritoryLoop(String),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return StoreError::Conflict(db.message().to_owned());
            }
        }
        StoreError::Database(e)
    }
}
