-- The officer an appeal is assigned to. Keep in step with ../sqlite/0006_assignee.sql.
ALTER TABLE appeals ADD COLUMN assignee_id BIGINT REFERENCES users (id);
CREATE INDEX appeals_assignee ON appeals (assignee_id, id);
