-- 013_settings: what people fill in once and the letters and reports use (settings.h): the LA's
-- name and exclusions team (scope 0) and each school's head teacher, clerk to the governors and
-- address (scope = the school's URN). Set with `onroll config set` and on /admin/settings; each
-- change is written with its line in the audit log in one transaction.
CREATE TABLE settings (
    scope INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at {{TS}} NOT NULL,
    PRIMARY KEY (scope, key)
);
