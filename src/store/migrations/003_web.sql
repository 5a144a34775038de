-- 003_web: what the web application and the MIS API need beside 001's users and audit_log:
-- server-side sessions, failed sign-ins (throttling), the schools' API tokens. Tokens are kept
-- only as the SHA-256 of their random bytes (users.h); times of sessions and failures are
-- seconds since the epoch (compared with arithmetic), everything else ISO 8601 text as in 001.

CREATE TABLE sessions (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL,
    remote TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id {{ID}},
    at BIGINT NOT NULL,
    email TEXT NOT NULL,
    remote TEXT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_remote ON login_failures (remote, at);

CREATE TABLE api_tokens (
    id {{ID}},
    token_hash TEXT NOT NULL UNIQUE,
    urn INTEGER NOT NULL,
    created_at {{TS}} NOT NULL,
    created_by TEXT,
    revoked_at {{TS}}
);
CREATE INDEX api_tokens_urn ON api_tokens (urn);

-- Who did it, as words that outlive the account: the email, "api:URN" or "cli:LOGIN".
ALTER TABLE audit_log ADD COLUMN actor TEXT;
CREATE INDEX audit_log_actor ON audit_log (actor, at);
CREATE INDEX audit_log_at ON audit_log (at);
