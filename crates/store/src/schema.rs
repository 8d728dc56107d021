//! The tables and columns both migration sets must create, in an order where
//! every row's references come before it. Export and import walk this list;
//! the schema-parity test checks both backends against it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Int,
    Text,
    Bool,
    Blob,
}

#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, ColType)],
    /// Rows are dumped in this order, so that self-references (a territory's
    /// parent) load before the rows that need them.
    pub order_by: &'static str,
    /// The column a PostgreSQL identity sequence feeds, reset after import.
    pub identity: Option<&'static str>,
}

use ColType::*;

pub const TABLES: &[Table] = &[
    Table { name: "meta", columns: &[("key", Text), ("value", Text)], order_by: "key", identity: None },
    Table {
        name: "territories",
        columns: &[
            ("code", Text),
            ("parent_code", Text),
            ("level", Int),
            ("kind", Text),
            ("name_kk", Text),
            ("name_ru", Text),
            ("path", Text),
            ("routable", Bool),
        ],
        order_by: "path",
        identity: None,
    },
    Table {
        name: "institutions",
        columns: &[
            ("id", Int),
            ("territory_code", Text),
            ("name_kk", Text),
            ("name_ru", Text),
            ("name_en", Text),
            ("is_demo", Bool),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "users",
        columns: &[
            ("id", Int),
            ("email", Text),
            ("name", Text),
            ("password_hash", Text),
            ("totp_secret", Text),
            ("totp_enabled", Bool),
            ("totp_last_step", Int),
            ("failed_sign_ins", Int),
            ("locked_until", Int),
            ("created_at", Int),
            ("is_demo", Bool),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "grants",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("role", Text),
            ("scope_kind", Text),
            ("territory_code", Text),
            ("institution_id", Int),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "role_policies",
        columns: &[("role", Text), ("require_second_factor", Bool)],
        order_by: "role",
        identity: None,
    },
    Table {
        name: "categories",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("name_kk", Text),
            ("name_ru", Text),
            ("name_en", Text),
            ("active", Bool),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "routing_rules",
        columns: &[("id", Int), ("category_id", Int), ("territory_code", Text), ("institution_id", Int)],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "answer_templates",
        columns: &[("id", Int), ("institution_id", Int), ("language", Text), ("title", Text), ("body", Text)],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "calendar_exceptions",
        columns: &[("day", Text), ("working", Bool), ("reason", Text)],
        order_by: "day",
        identity: None,
    },
    Table {
        name: "appeal_counters",
        columns: &[("region", Text), ("year", Int), ("value", Int)],
        order_by: "region, year",
        identity: None,
    },
    Table {
        name: "appeals",
        columns: &[
            ("id", Int),
            ("number", Text),
            ("kind", Text),
            ("territory_code", Text),
            ("institution_id", Int),
            ("subject", Text),
            ("body", Text),
            ("language", Text),
            ("anonymous", Bool),
            ("status", Text),
            ("received_at", Int),
            ("registered_on", Text),
            ("due_on", Text),
            ("term_days", Int),
            ("secret_hash", Blob),
            ("client_token", Text),
            ("salt", Blob),
            ("updated_at", Int),
            ("category_id", Int),
            ("assignee_id", Int),
            ("search_text", Text),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "attachments",
        columns: &[
            ("id", Int),
            ("appeal_id", Int),
            ("sha256", Text),
            ("name", Text),
            ("media_type", Text),
            ("size", Int),
            ("created_at", Int),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "appeal_contacts",
        columns: &[("appeal_id", Int), ("name", Text), ("email", Text), ("phone", Text), ("iin", Text)],
        order_by: "appeal_id",
        identity: None,
    },
    Table {
        name: "appeal_events",
        columns: &[
            ("id", Int),
            ("appeal_id", Int),
            ("kind", Text),
            ("at", Int),
            ("actor_role", Text),
            ("actor_user_id", Int),
            ("body", Text),
            ("internal", Bool),
            ("leaf_index", Int),
            ("institution_id", Int),
            ("state", Text),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "outbox",
        columns: &[
            ("id", Int),
            ("appeal_id", Int),
            ("kind", Text),
            ("payload", Text),
            ("created_at", Int),
            ("sent_at", Int),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "audit_events",
        columns: &[
            ("id", Int),
            ("at", Int),
            ("actor_user_id", Int),
            ("kind", Text),
            ("body", Text),
            ("actor_role", Text),
            ("salt", Blob),
            ("leaf_index", Int),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "log_state",
        columns: &[("id", Int), ("size", Int), ("integrated", Int)],
        order_by: "id",
        identity: None,
    },
    Table { name: "log_leaves", columns: &[("idx", Int), ("data", Blob)], order_by: "idx", identity: None },
    Table { name: "log_hashes", columns: &[("idx", Int), ("hash", Blob)], order_by: "idx", identity: None },
    Table {
        name: "log_checkpoints",
        columns: &[("size", Int), ("root", Blob), ("note", Text), ("created_at", Int)],
        order_by: "size",
        identity: None,
    },
    Table {
        name: "log_cosignatures",
        columns: &[("size", Int), ("witness", Text), ("line", Text), ("created_at", Int)],
        order_by: "size, witness",
        identity: None,
    },
    Table {
        name: "api_tokens",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("token_hash", Blob),
            ("name", Text),
            ("created_at", Int),
            ("revoked_at", Int),
        ],
        order_by: "id",
        identity: Some("id"),
    },
    Table {
        name: "sessions",
        columns: &[
            ("token_hash", Blob),
            ("user_id", Int),
            ("created_at", Int),
            ("last_seen_at", Int),
            ("expires_at", Int),
            ("second_factor_pending", Bool),
        ],
        order_by: "token_hash",
        identity: None,
    },
];

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}
