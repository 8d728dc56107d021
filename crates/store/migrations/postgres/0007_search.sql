-- Full-text search: the stems of subject and text (made in Rust, the same
-- for both backends), indexed by a GIN index here and by FTS5 on SQLite.
-- Keep in step with ../sqlite/0007_search.sql.
ALTER TABLE appeals ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX appeals_search ON appeals USING GIN (to_tsvector('simple', search_text));
