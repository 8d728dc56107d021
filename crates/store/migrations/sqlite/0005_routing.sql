-- Categories under each kind of appeal, and routing rules: category ×
-- territory → institution, with a default per territory (no category).
-- Keep in step with ../postgres/0005_routing.sql.

CREATE TABLE categories (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    active  BOOLEAN NOT NULL
);

CREATE TABLE routing_rules (
    id             INTEGER PRIMARY KEY,
    category_id    INTEGER REFERENCES categories (id),
    territory_code TEXT NOT NULL REFERENCES territories (code),
    institution_id INTEGER NOT NULL REFERENCES institutions (id)
);
CREATE INDEX routing_rules_territory ON routing_rules (territory_code);

ALTER TABLE appeals ADD COLUMN category_id INTEGER REFERENCES categories (id);
