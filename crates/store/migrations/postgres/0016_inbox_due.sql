-- The staff inbox lists the appeals still waiting for an answer, soonest
-- due first, paged by (due_on, id). Indexes over the open appeals only
-- (their predicate is the inbox's `OPEN`, crates/store/src/shared/inbox.rs)
-- let the database walk them in that order, for a whole region or for one
-- institution, and count them, without touching the answered millions.
-- Keep in step with ../sqlite/0016_inbox_due.sql.
CREATE INDEX appeals_open_due ON appeals (due_on, id)
    WHERE status NOT IN ('answered', 'closed', 'rejected', 'forwarded');
CREATE INDEX appeals_open_institution_due ON appeals (institution_id, due_on, id)
    WHERE status NOT IN ('answered', 'closed', 'rejected', 'forwarded');
