-- 009_signin: signing in by delay, not lock-out, and the optional second factor (users.h).
--
-- login_throttle: one row per throttled subject ('account:EMAIL', 'address:ADDRESS') with the
-- attempts counted and the wait (seconds, doubling) the next attempt must leave after the last
-- one. An attempt is claimed with one INSERT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING,
-- so that concurrent attempts cannot all slip under the limit. It replaces login_failures (one
-- row per failure, counted apart from the insert: the race of issue 12).
--
-- login_refused: attempts refused because they came before their wait was over, counted per
-- address and period; each period becomes one audit_log row (sign_in.throttled) with its count
-- once it is over, instead of one audit row per refused attempt.
--
-- users.totp_secret: the TOTP secret (RFC 6238, base32) of an account enrolled in the second
-- factor, NULL for none; totp_step the last time step whose code was used (a code is good once).
-- signin_pending: a password checked, its code not yet given (keyed by the hash of the
-- sign-in form's token, as sessions are).
DROP TABLE login_failures;

CREATE TABLE login_throttle (
    subject TEXT NOT NULL PRIMARY KEY,
    attempts INTEGER NOT NULL,
    wait_s INTEGER NOT NULL,
    last_at BIGINT NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle (last_at);

CREATE TABLE login_refused (
    remote TEXT NOT NULL,
    period_start BIGINT NOT NULL,
    period_end BIGINT NOT NULL,
    n INTEGER NOT NULL,
    email TEXT NOT NULL,
    PRIMARY KEY (remote, period_start)
);
CREATE INDEX login_refused_end ON login_refused (period_end);

ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_step BIGINT;

CREATE TABLE signin_pending (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    tries INTEGER NOT NULL,
    remote TEXT
);
