-- Changes that are not about one appeal (the calendar, routing rules,
-- roles): who, when, what. Keep in step with ../postgres/0003_audit.sql.

CREATE TABLE audit_events (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    kind          TEXT NOT NULL,
    body          TEXT NOT NULL
);
