-- The inbox filtered by status pages newest first: (status, id) lets the
-- database walk one status backwards instead of sorting all of its rows
-- (0.6 s → 1 ms at a million appeals, measured by bench/).
-- Keep in step with ../sqlite/0011_inbox_status.sql.
CREATE INDEX appeals_status_id ON appeals (status, id);
