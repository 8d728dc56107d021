-- Appeals: the working-day calendar, receipts, appeals with their contacts
-- and events, and the outbox. Keep in step with ../postgres/0002_appeals.sql.

CREATE TABLE calendar_exceptions (
    day     TEXT PRIMARY KEY,
    working BOOLEAN NOT NULL,
    reason  TEXT NOT NULL
);

CREATE TABLE appeal_counters (
    region TEXT NOT NULL,
    year   INTEGER NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (region, year)
);

CREATE TABLE appeals (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL,
    territory_code TEXT NOT NULL REFERENCES territories (code),
    institution_id INTEGER REFERENCES institutions (id),
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    language       TEXT NOT NULL,
    anonymous      BOOLEAN NOT NULL,
    status         TEXT NOT NULL,
    received_at    INTEGER NOT NULL,
    registered_on  TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    term_days      INTEGER NOT NULL,
    secret_hash    BLOB,
    client_token   TEXT UNIQUE,
    salt           BLOB NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX appeals_institution ON appeals (institution_id, id);
CREATE INDEX appeals_territory ON appeals (territory_code, id);
CREATE INDEX appeals_due ON appeals (status, due_on);

CREATE TABLE appeal_contacts (
    appeal_id INTEGER PRIMARY KEY REFERENCES appeals (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    email     TEXT,
    phone     TEXT,
    iin       TEXT
);

CREATE TABLE appeal_events (
    id            INTEGER PRIMARY KEY,
    appeal_id     INTEGER NOT NULL REFERENCES appeals (id),
    kind          TEXT NOT NULL,
    at            INTEGER NOT NULL,
    actor_role    TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    body          TEXT NOT NULL,
    internal      BOOLEAN NOT NULL
);
CREATE INDEX appeal_events_appeal ON appeal_events (appeal_id, id);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    appeal_id  INTEGER REFERENCES appeals (id),
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at    INTEGER
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);
