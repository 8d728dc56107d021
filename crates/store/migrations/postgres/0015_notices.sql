-- Notices that leave the server: each outbox row is one notice to one
-- recipient on one channel (e-mail or SMS), in the recipient's language,
-- with what the delivery worker needs to claim it (a lease), retry it
-- (tries, next_try_at, last_error) and give up on it (dead_at). The
-- message id is made once, so a notice sent twice (a crash between sending
-- and recording) carries the same Message-ID both times.
-- A row with no channel records a notice nobody can be told (an anonymous
-- applicant, or no address): the worker never claims it. Rows written
-- before this migration have no channel either, and are not sent.
-- Keep in step with ../sqlite/0015_notices.sql.
ALTER TABLE outbox ADD COLUMN event_id BIGINT;
ALTER TABLE outbox ADD COLUMN channel TEXT;
ALTER TABLE outbox ADD COLUMN address TEXT;
ALTER TABLE outbox ADD COLUMN language TEXT;
ALTER TABLE outbox ADD COLUMN message_id TEXT;
ALTER TABLE outbox ADD COLUMN tries BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_try_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until BIGINT;
ALTER TABLE outbox ADD COLUMN dead_at BIGINT;
CREATE UNIQUE INDEX outbox_message_id ON outbox (message_id);
CREATE INDEX outbox_queue ON outbox (next_try_at, id)
    WHERE sent_at IS NULL AND dead_at IS NULL AND channel IS NOT NULL;
