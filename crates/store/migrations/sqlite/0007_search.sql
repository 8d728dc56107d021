-- Full-text search: the stems of subject and text (made in Rust, the same
-- for both backends), indexed by FTS5 here and by a GIN index on PostgreSQL.
-- Keep in step with ../postgres/0007_search.sql.
ALTER TABLE appeals ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE VIRTUAL TABLE appeals_fts USING fts5(
    search_text, content = 'appeals', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER appeals_fts_insert AFTER INSERT ON appeals BEGIN
    INSERT INTO appeals_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
