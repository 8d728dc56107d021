-- Foundation: installation facts, territories, institutions, accounts, sessions.
-- Keep in step with ../postgres/0001_foundation.sql (a test compares them).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE territories (
    code        TEXT PRIMARY KEY,
    parent_code TEXT REFERENCES territories (code),
    level       INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    name_kk     TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    path        TEXT NOT NULL,
    routable    BOOLEAN NOT NULL
);
CREATE INDEX territories_parent ON territories (parent_code);

CREATE TABLE institutions (
    id             INTEGER PRIMARY KEY,
    territory_code TEXT NOT NULL REFERENCES territories (code),
    name_kk        TEXT NOT NULL,
    name_ru        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    is_demo        BOOLEAN NOT NULL
);
CREATE INDEX institutions_territory ON institutions (territory_code);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    totp_secret    TEXT,
    totp_enabled   BOOLEAN NOT NULL,
    totp_last_step INTEGER,
    failed_sign_ins INTEGER NOT NULL,
    locked_until   INTEGER,
    created_at     INTEGER NOT NULL,
    is_demo        BOOLEAN NOT NULL
);

CREATE TABLE grants (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role           TEXT NOT NULL,
    scope_kind     TEXT NOT NULL,
    territory_code TEXT REFERENCES territories (code),
    institution_id INTEGER REFERENCES institutions (id)
);
CREATE INDEX grants_user ON grants (user_id);

CREATE TABLE role_policies (
    role                  TEXT PRIMARY KEY,
    require_second_factor BOOLEAN NOT NULL
);

CREATE TABLE sessions (
    token_hash            BLOB PRIMARY KEY,
    user_id               INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at            INTEGER NOT NULL,
    last_seen_at          INTEGER NOT NULL,
    expires_at            INTEGER NOT NULL,
    second_factor_pending BOOLEAN NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
