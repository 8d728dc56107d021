-- Answer templates of an institution, in the language of the appeals they
-- answer. Keep in step with ../postgres/0009_templates.sql.
CREATE TABLE answer_templates (
    id             INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institutions (id),
    language       TEXT NOT NULL,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL
);
CREATE INDEX answer_templates_institution ON answer_templates (institution_id);
