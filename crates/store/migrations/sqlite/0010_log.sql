-- The transparency log: leaves appended in the transaction of the change
-- they record, the tree's stored hashes (tlog layout), signed checkpoints
-- and witness cosignatures. Keep in step with ../postgres/0010_log.sql.

CREATE TABLE log_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    size       INTEGER NOT NULL,
    integrated INTEGER NOT NULL
);

CREATE TABLE log_leaves (
    idx  INTEGER PRIMARY KEY,
    data BLOB NOT NULL
);

CREATE TABLE log_hashes (
    idx  INTEGER PRIMARY KEY,
    hash BLOB NOT NULL
);

CREATE TABLE log_checkpoints (
    size       INTEGER PRIMARY KEY,
    root       BLOB NOT NULL,
    note       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE log_cosignatures (
    size       INTEGER NOT NULL REFERENCES log_checkpoints (size),
    witness    TEXT NOT NULL,
    line       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (size, witness)
);

ALTER TABLE appeal_events ADD COLUMN leaf_index INTEGER;
ALTER TABLE appeal_events ADD COLUMN institution_id INTEGER;
ALTER TABLE audit_events ADD COLUMN actor_role TEXT NOT NULL DEFAULT 'system';
ALTER TABLE audit_events ADD COLUMN salt BLOB;
ALTER TABLE audit_events ADD COLUMN leaf_index INTEGER;
