-- 007_notify: partner notifications (LOCAL-NOTIFY-PARTNERS). Who each partner service's
-- messages go to, what the sender needs beside 001's outbox, and the one-click
-- acknowledgement tokens (kept only as the SHA-256 of their random bytes, as api_tokens).
-- Times are ISO 8601 UTC text, as in 001, so that they compare as text on both engines.

-- The addresses of each partner service (notify.h: social_care, virtual_school,
-- youth_justice, reu, pru, mash, safeguarding). An address may serve several services.
CREATE TABLE partner_recipients (
    id {{ID}},
    service TEXT NOT NULL,
    email TEXT NOT NULL,
    added_by TEXT,
    added_at {{TS}} NOT NULL,
    UNIQUE (service, email)
);
CREATE INDEX partner_recipients_email ON partner_recipients (email);

-- One outbox row is one message to one address about one exclusion (001's UNIQUE (rule, urn,
-- event_id, recipient)): service lists the services it is for ("mash,safeguarding" when one
-- address serves both). status: pending (waiting for its next_attempt_at), sending (claimed
-- by a sender until lease_until), sent, failed (gave up; shown to the LA), cancelled.
-- message_id is fixed when the row is made, so that every attempt carries the same one.
ALTER TABLE outbox ADD COLUMN service TEXT;
ALTER TABLE outbox ADD COLUMN message_id TEXT;
ALTER TABLE outbox ADD COLUMN lease_until {{TS}};
ALTER TABLE outbox ADD COLUMN last_attempt_at {{TS}};
ALTER TABLE outbox ADD COLUMN last_error TEXT;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_event ON outbox (urn, event_id);

-- Each attempt's link carries a new random token: a message re-sent after a crash may have
-- reached its reader already, so every token given out stays valid for its message.
CREATE TABLE outbox_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    outbox_id BIGINT NOT NULL,
    created_at {{TS}} NOT NULL
);
CREATE INDEX outbox_tokens_outbox ON outbox_tokens (outbox_id);
