-- Notices to people with an account (issue 12): staff are told of work
-- given to them, and anyone signed in chooses which optional notices reach
-- them and how.
-- users.language: the language of a person's notices (kk, kk-latn, ru,
-- en); users.phone: where SMS go (+7XXXXXXXXXX), none for no SMS.
-- outbox.user_id: the account whose notice it is (a staff member's, or the
-- signed-in filer's applicant notice): its preferences decided the row, and
-- its switch-off link names it.
-- notice_preferences: what a person switched off, per kind and channel;
-- no row means on. Legal notices are never looked up here.
-- appeal_notice_optouts: the same for an applicant without an account,
-- per appeal, written by the link in an optional notice.
-- Keep in step with ../postgres/0017_notice_people.sql.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'kk';
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE outbox ADD COLUMN user_id INTEGER REFERENCES users (id);
CREATE TABLE notice_preferences (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    channel TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, channel)
);
CREATE TABLE appeal_notice_optouts (
    appeal_id INTEGER NOT NULL REFERENCES appeals (id),
    kind      TEXT NOT NULL,
    channel   TEXT NOT NULL,
    PRIMARY KEY (appeal_id, kind, channel)
);
