-- 010_record: the record of who saw what (docs/security.md).
--
-- The audit log becomes append-only in the database itself: a trigger refuses every UPDATE
-- and DELETE of its rows (and on PostgreSQL TRUNCATE), whoever asks. On PostgreSQL UPDATE,
-- DELETE and TRUNCATE are also revoked from PUBLIC; the trigger is what stops the table's
-- owner (onroll's own account usually owns it, and REVOKE does not bind an owner). Only a
-- superuser or the owner disabling the trigger on purpose (ALTER TABLE ... DISABLE TRIGGER)
-- gets past it; docs/security.md says how to keep the owner apart from onroll's account.
--
-- A list that names children (a page, a download, the API's JSON) is one row of the audit log
-- naming the list by its digest (column list), and the list's children are kept once per
-- distinct list in audit_lists (list, upn): a search by a child finds every list that showed
-- it, and the hundredth look at the same dashboard costs one row, not one per child. Both
-- tables are append-only.
--
-- On SQLite the audit log, the sessions and the sign-in tables (009) move, rows and all, to the
-- log database: the file DB-log beside DB, attached as "log" to every connection (sqlite.c).
-- It has its own write lock, so a long import holding the records' write lock never holds up
-- a page's audit row or a session's "last seen". On PostgreSQL they stay where they are (its
-- writers do not lock each other out table-wide).

-- @sqlite
CREATE TABLE log.audit_log (
    id {{ID}},
    at {{TS}} NOT NULL,
    user_id BIGINT,
    role TEXT,
    action TEXT NOT NULL,
    object TEXT,
    upn TEXT,
    remote TEXT,
    detail TEXT,
    actor TEXT,
    list TEXT
);
INSERT INTO log.audit_log (id, at, user_id, role, action, object, upn, remote, detail, actor)
    SELECT id, at, user_id, role, action, object, upn, remote, detail, actor FROM main.audit_log;
DROP TABLE main.audit_log;
CREATE INDEX log.audit_log_upn ON audit_log (upn, at);
CREATE INDEX log.audit_log_actor ON audit_log (actor, at);
CREATE INDEX log.audit_log_at ON audit_log (at);
CREATE INDEX log.audit_log_list ON audit_log (list);
CREATE TRIGGER log.audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: its rows are never changed');
END;
CREATE TRIGGER log.audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: its rows are never deleted');
END;
CREATE TABLE log.audit_lists (
    list TEXT NOT NULL,
    upn TEXT NOT NULL,
    PRIMARY KEY (upn, list)
) WITHOUT ROWID;
CREATE INDEX log.audit_lists_list ON audit_lists (list);
CREATE TRIGGER log.audit_lists_no_update BEFORE UPDATE ON audit_lists
BEGIN
    SELECT RAISE(ABORT, 'audit_lists is append-only: its rows are never changed');
END;
CREATE TRIGGER log.audit_lists_no_delete BEFORE DELETE ON audit_lists
BEGIN
    SELECT RAISE(ABORT, 'audit_lists is append-only: its rows are never deleted');
END;

CREATE TABLE log.sessions (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL,
    remote TEXT
);
INSERT INTO log.sessions (token_hash, user_id, csrf, created_at, seen_at, remote)
    SELECT token_hash, user_id, csrf, created_at, seen_at, remote FROM main.sessions;
DROP TABLE main.sessions;
CREATE INDEX log.sessions_user ON sessions (user_id);

CREATE TABLE log.login_throttle (
    subject TEXT NOT NULL PRIMARY KEY,
    attempts INTEGER NOT NULL,
    wait_s INTEGER NOT NULL,
    last_at BIGINT NOT NULL
);
INSERT INTO log.login_throttle SELECT subject, attempts, wait_s, last_at FROM main.login_throttle;
DROP TABLE main.login_throttle;
CREATE INDEX log.login_throttle_last ON login_throttle (last_at);
CREATE TABLE log.login_refused (
    remote TEXT NOT NULL,
    period_start BIGINT NOT NULL,
    period_end BIGINT NOT NULL,
    n INTEGER NOT NULL,
    email TEXT NOT NULL,
    PRIMARY KEY (remote, period_start)
);
INSERT INTO log.login_refused SELECT remote, period_start, period_end, n, email
    FROM main.login_refused;
DROP TABLE main.login_refused;
CREATE INDEX log.login_refused_end ON login_refused (period_end);
CREATE TABLE log.signin_pending (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    tries INTEGER NOT NULL,
    remote TEXT
);
INSERT INTO log.signin_pending SELECT token_hash, user_id, created_at, tries, remote
    FROM main.signin_pending;
DROP TABLE main.signin_pending;

-- @postgresql
ALTER TABLE audit_log ADD COLUMN list TEXT;
CREATE INDEX audit_log_list ON audit_log (list);
CREATE TABLE audit_lists (
    list TEXT NOT NULL,
    upn TEXT NOT NULL,
    PRIMARY KEY (upn, list)
);
CREATE INDEX audit_lists_list ON audit_lists (list);
CREATE FUNCTION onroll_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: its rows are never changed or deleted', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION onroll_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION onroll_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
CREATE TRIGGER audit_lists_append_only BEFORE UPDATE OR DELETE ON audit_lists
    FOR EACH ROW EXECUTE FUNCTION onroll_append_only();
CREATE TRIGGER audit_lists_no_truncate BEFORE TRUNCATE ON audit_lists
    FOR EACH STATEMENT EXECUTE FUNCTION onroll_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_lists FROM PUBLIC;
