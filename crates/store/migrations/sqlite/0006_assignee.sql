-- The officer an appeal is assigned to. Keep in step with ../postgres/0006_assignee.sql.
ALTER TABLE appeals ADD COLUMN assignee_id INTEGER REFERENCES users (id);
CREATE INDEX appeals_assignee ON appeals (assignee_id, id);
