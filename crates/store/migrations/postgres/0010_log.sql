-- The transparency log: leaves appended in the transaction of the change
-- they record, the tree's stored hashes (tlog layout), signed checkpoints
-- and witness cosignatures. Keep in step with ../sqlite/0010_log.sql.

CREATE TABLE log_state (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    size       BIGINT NOT NULL,
    integrated BIGINT NOT NULL
);

CREATE TABLE log_leaves (
    idx  BIGINT PRIMARY KEY,
    data BYTEA NOT NULL
);

CREATE TABLE log_hashes (
    idx  BIGINT PRIMARY KEY,
    hash BYTEA NOT NULL
);

CREATE TABLE log_checkpoints (
    size       BIGINT PRIMARY KEY,
    root       BYTEA NOT NULL,
    note       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE log_cosignatures (
    size       BIGINT NOT NULL REFERENCES log_checkpoints (size),
    witness    TEXT NOT NULL,
    line       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (size, witness)
);

ALTER TABLE appeal_events ADD COLUMN leaf_index BIGINT;
ALTER TABLE appeal_events ADD COLUMN institution_id BIGINT;
ALTER TABLE audit_events ADD COLUMN actor_role TEXT NOT NULL DEFAULT 'system';
ALTER TABLE audit_events ADD COLUMN salt BYTEA;
ALTER TABLE audit_events ADD COLUMN leaf_index BIGINT;
