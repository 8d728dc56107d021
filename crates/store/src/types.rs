//! Rows as the seam hands them out: plain data in domain words.

use adaldyq_domain::territory::TerritoryKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TerritoryRecord {
    pub code: String,
    pub parent_code: Option<String>,
    pub level: i64,
    pub kind: TerritoryKind,
    pub name_kk: String,
    pub name_ru: String,
    /// Codes from the root down to this unit, itself included.
    pub path: Vec<String>,
    pub routable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ImportReport {
    pub added: u64,
    pub updated: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInstitution {
    pub territory_code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Institution {
    pub id: i64,
    pub territory_code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub is_demo: bool,
}

#[derive(Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub created_at: i64,
    pub is_demo: bool,
}

impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("email", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// A user row. Secrets (password hash, TOTP secret) are left out of `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub totp_enabled: bool,
    pub failed_sign_ins: i64,
    pub locked_until: Option<i64>,
    pub created_at: i64,
    pub is_demo: bool,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("totp_enabled", &self.totp_enabled)
            .field("failed_sign_ins", &self.failed_sign_ins)
            .field("locked_until", &self.locked_until)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInFailures {
    pub count: i64,
    pub locked_until: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolePolicy {
    pub role: adaldyq_domain::Role,
    pub require_second_factor: bool,
}

#[derive(Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: Vec<u8>,
    pub user_id: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub second_factor_pending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub second_factor_pending: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoolState {
    pub size: u32,
    pub idle: u32,
}

/// One cell of an exported row, in the portable types the schema uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CellValue {
    Null,
    Bool(bool),
    Int(i64),
    Text(String),
    /// Base64 in the export file.
    Blob(BlobCell),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlobCell {
    pub b64: String,
}
