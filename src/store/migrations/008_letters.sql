-- 008_letters: the statutory letters a school writes about an exclusion (letters.h). A letter
-- is a draft the school may edit until it is sent; sending freezes it (sent_at set) and records
-- the `action` events that do its duties, in the same transaction. A correction is a new
-- letter: a sent letter is never changed (the store's updates all say "AND sent_at IS NULL").
-- Times are ISO 8601 text as in 001; sent_on is the day it was sent, as the school gives it.
CREATE TABLE letters (
    id {{ID}},
    urn INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    upn TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at {{TS}} NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at {{TS}} NOT NULL,
    sent_at {{TS}},
    sent_by TEXT,
    sent_on {{DATE}},
    delivery TEXT CHECK (delivery IN ('hand', 'email', 'post'))
);
CREATE INDEX letters_event ON letters (urn, event_id);
CREATE INDEX letters_upn ON letters (upn);
