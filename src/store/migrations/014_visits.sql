-- 014_visits: each user's last visit to their dashboard, so that "new since your last visit"
-- means since the user last looked (visits.h), not since they last signed in.
--
-- dashboard_visits: one row per user. visited_at is when they last opened the dashboard (ISO
-- 8601 UTC); session_at the start (seconds since the epoch) of the session that opened it;
-- since the "last visit" that session's dashboard counts from ('' when the user had none), so
-- that reloading the page within one session shows the same things new, and the next session
-- counts from the last page this one opened. It lives beside the sessions: on SQLite in the
-- log database (010), on PostgreSQL in the main schema.

-- @sqlite
CREATE TABLE log.dashboard_visits (
    user_id BIGINT NOT NULL PRIMARY KEY,
    session_at BIGINT NOT NULL,
    since TEXT NOT NULL,
    visited_at TEXT NOT NULL
);

-- @postgresql
CREATE TABLE dashboard_visits (
    user_id BIGINT NOT NULL PRIMARY KEY,
    session_at BIGINT NOT NULL,
    since TEXT NOT NULL,
    visited_at TEXT NOT NULL
);
