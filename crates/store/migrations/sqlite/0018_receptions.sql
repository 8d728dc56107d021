-- Public receptions (issue 13): the programme, its project office and one
-- working group per rural district with its members; hosts (reused across
-- receptions, so a host has a feed); recurring schedules; receptions with
-- their slots; bookings, whose seats are taken by a guarded update
-- (`taken < seats`) in the booking's own transaction and whose person is
-- unique per reception while the booking is active; the record of the
-- questions raised. Appeals learn how they came (channel) and from which
-- reception; notices may be for a booking rather than an appeal.
-- Keep in step with ../postgres/0018_receptions.sql.

CREATE TABLE programmes (
    id             INTEGER PRIMARY KEY,
    name_kk        TEXT NOT NULL,
    name_ru        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    office_name_kk TEXT NOT NULL,
    office_name_ru TEXT NOT NULL,
    office_name_en TEXT NOT NULL,
    office_address TEXT NOT NULL,
    office_phone   TEXT NOT NULL,
    office_email   TEXT NOT NULL,
    is_demo        BOOLEAN NOT NULL
);

CREATE TABLE working_groups (
    id             INTEGER PRIMARY KEY,
    programme_id   INTEGER NOT NULL REFERENCES programmes (id),
    territory_code TEXT NOT NULL REFERENCES territories (code),
    name_kk        TEXT NOT NULL,
    name_ru        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    address        TEXT NOT NULL,
    phone          TEXT NOT NULL,
    email          TEXT NOT NULL,
    is_demo        BOOLEAN NOT NULL,
    UNIQUE (programme_id, territory_code)
);
CREATE INDEX working_groups_territory ON working_groups (territory_code);

CREATE TABLE working_group_members (
    id               INTEGER PRIMARY KEY,
    group_id         INTEGER NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    position_kk      TEXT NOT NULL,
    position_ru      TEXT NOT NULL,
    position_en      TEXT NOT NULL,
    institution_id   INTEGER REFERENCES institutions (id),
    institution_text TEXT NOT NULL,
    phone            TEXT,
    email            TEXT,
    contact_public   BOOLEAN NOT NULL,
    is_demo          BOOLEAN NOT NULL
);
CREATE INDEX working_group_members_group ON working_group_members (group_id, id);

CREATE TABLE reception_hosts (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    position_kk      TEXT NOT NULL,
    position_ru      TEXT NOT NULL,
    position_en      TEXT NOT NULL,
    institution_id   INTEGER REFERENCES institutions (id),
    institution_text TEXT NOT NULL,
    is_demo          BOOLEAN NOT NULL
);

CREATE TABLE reception_schedules (
    id                  INTEGER PRIMARY KEY,
    group_id            INTEGER NOT NULL REFERENCES working_groups (id),
    territory_code      TEXT NOT NULL REFERENCES territories (code),
    host_id             INTEGER NOT NULL REFERENCES reception_hosts (id),
    weekday             INTEGER NOT NULL,
    week                TEXT NOT NULL,
    start_time          TEXT NOT NULL,
    end_time            TEXT NOT NULL,
    slot_minutes        INTEGER NOT NULL,
    seats_per_slot      INTEGER NOT NULL,
    waitlist_size       INTEGER NOT NULL,
    details             TEXT NOT NULL,
    active              BOOLEAN NOT NULL,
    created_at          INTEGER NOT NULL
);

CREATE TABLE receptions (
    id                  INTEGER PRIMARY KEY,
    group_id            INTEGER NOT NULL REFERENCES working_groups (id),
    territory_code      TEXT NOT NULL REFERENCES territories (code),
    host_id             INTEGER NOT NULL REFERENCES reception_hosts (id),
    co_hosts            TEXT NOT NULL,
    mode                TEXT NOT NULL,
    address             TEXT NOT NULL,
    online_link         TEXT,
    starts_at           INTEGER NOT NULL,
    ends_at             INTEGER NOT NULL,
    slot_minutes        INTEGER NOT NULL,
    seats_per_slot      INTEGER NOT NULL,
    waitlist_size       INTEGER NOT NULL,
    waitlisted          INTEGER NOT NULL CHECK (waitlisted >= 0 AND waitlisted <= waitlist_size),
    opens_days_before   INTEGER NOT NULL,
    closes_hours_before INTEGER NOT NULL,
    topics              TEXT NOT NULL,
    languages           TEXT NOT NULL,
    accessibility       TEXT NOT NULL,
    status              TEXT NOT NULL,
    status_reason       TEXT,
    postponed_from      INTEGER,
    sequence            INTEGER NOT NULL,
    host_attended       BOOLEAN,
    schedule_id         INTEGER REFERENCES reception_schedules (id),
    scheduled_on        TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX receptions_starts ON receptions (starts_at, id);
CREATE INDEX receptions_group ON receptions (group_id, starts_at);
CREATE INDEX receptions_host ON receptions (host_id, starts_at);
CREATE INDEX receptions_territory ON receptions (territory_code, starts_at);
CREATE INDEX receptions_created ON receptions (created_at, id);
-- A schedule makes one reception per date, however often it is run.
CREATE UNIQUE INDEX receptions_schedule_day ON receptions (schedule_id, scheduled_on)
    WHERE schedule_id IS NOT NULL;

CREATE TABLE reception_slots (
    id           INTEGER PRIMARY KEY,
    reception_id INTEGER NOT NULL REFERENCES receptions (id),
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    seats        INTEGER NOT NULL,
    taken        INTEGER NOT NULL CHECK (taken >= 0 AND taken <= seats),
    UNIQUE (reception_id, starts_at)
);

CREATE TABLE reception_bookings (
    id              INTEGER PRIMARY KEY,
    reception_id    INTEGER NOT NULL REFERENCES receptions (id),
    slot_id         INTEGER REFERENCES reception_slots (id),
    code            TEXT NOT NULL UNIQUE,
    manage_hash     BLOB UNIQUE,
    idempotency_key TEXT UNIQUE,
    name            TEXT NOT NULL,
    phone           TEXT,
    email           TEXT,
    person_key      TEXT,
    topic           TEXT NOT NULL,
    priority        TEXT,
    user_id         INTEGER REFERENCES users (id),
    language        TEXT NOT NULL,
    status          TEXT NOT NULL,
    walk_in         BOOLEAN NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    checked_in_at   INTEGER,
    reminded_24h_at INTEGER,
    reminded_2h_at  INTEGER
);
-- One place per person per reception while the booking is active: the
-- database refuses the second, whatever the race.
CREATE UNIQUE INDEX reception_bookings_person ON reception_bookings (reception_id, person_key)
    WHERE status <> 'cancelled';
CREATE INDEX reception_bookings_reception ON reception_bookings (reception_id, status, id);
CREATE INDEX reception_bookings_slot ON reception_bookings (slot_id);
CREATE INDEX reception_bookings_user ON reception_bookings (user_id);

CREATE TABLE reception_questions (
    id           INTEGER PRIMARY KEY,
    reception_id INTEGER NOT NULL REFERENCES receptions (id),
    booking_id   INTEGER NOT NULL REFERENCES reception_bookings (id),
    text         TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    answer       TEXT NOT NULL,
    appeal_id    INTEGER REFERENCES appeals (id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX reception_questions_reception ON reception_questions (reception_id, id);

ALTER TABLE appeals ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
ALTER TABLE appeals ADD COLUMN reception_id INTEGER REFERENCES receptions (id);
CREATE INDEX appeals_reception ON appeals (reception_id) WHERE reception_id IS NOT NULL;

ALTER TABLE outbox ADD COLUMN booking_id INTEGER REFERENCES reception_bookings (id);
CREATE INDEX outbox_booking ON outbox (booking_id) WHERE booking_id IS NOT NULL;
