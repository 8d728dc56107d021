-- What an appeal looks like after each of its events (status, institution,
-- assignee, term, due date, category and its files' hashes), committed to
-- by the event's leaf: `log verify` compares the appeal's row with its last
-- event's state and names every difference. NULL for events written before
-- this column existed (their leaves commit to the body only).
-- Keep in step with ../sqlite/0014_event_state.sql.
ALTER TABLE appeal_events ADD COLUMN state TEXT;
