-- Files attached to appeals: content-addressed on disk (SHA-256), the name
-- the filer gave kept here. Keep in step with ../postgres/0008_attachments.sql.
CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    appeal_id  INTEGER NOT NULL REFERENCES appeals (id),
    sha256     TEXT NOT NULL,
    name       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX attachments_appeal ON attachments (appeal_id);
