-- 001_init: the ledger and everything around it. Portable SQL; {{ID}}, {{DATE}}, {{TS}} are
-- the only dialect differences (see driver.h). The big tables (events, enrolments,
-- attendance) are keyed with la_code first so that one LA's rows live together (docs/scaling.md).

-- Where every row came from: a file (name, sha256), a form, the MIS API or the demo generator.
CREATE TABLE sources (
    id {{ID}},
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT,
    user_name TEXT,
    received_at {{TS}} NOT NULL
);

CREATE TABLE schools (
    urn INTEGER NOT NULL PRIMARY KEY,
    laestab INTEGER NOT NULL,
    name TEXT NOT NULL,
    phase TEXT NOT NULL,
    la_code INTEGER NOT NULL,
    school_type TEXT,
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL
);

-- scope 0 = the LA's calendar (the default for every school); otherwise a school's URN.
CREATE TABLE calendar (
    scope INTEGER NOT NULL,
    start_date {{DATE}} NOT NULL,
    end_date {{DATE}} NOT NULL,
    kind TEXT NOT NULL,
    label TEXT,
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL,
    PRIMARY KEY (scope, start_date, end_date, kind)
);

-- Pupils' characteristics over time: one row per distinct snapshot, never overwritten.
-- The snapshot in force on a date is the latest as_of on or before it (then the latest received).
CREATE TABLE pupil_snapshots (
    id {{ID}},
    upn TEXT NOT NULL,
    forename TEXT NOT NULL,
    surname TEXT NOT NULL,
    dob {{DATE}} NOT NULL,
    sex TEXT NOT NULL,
    ethnicity TEXT NOT NULL,
    fsm INTEGER NOT NULL,
    sen TEXT NOT NULL,
    as_of {{DATE}} NOT NULL,
    fsm6 INTEGER,
    sen_need TEXT,
    eal INTEGER,
    cla INTEGER,
    pla INTEGER,
    cin INTEGER,
    cp INTEGER,
    social_worker_since {{DATE}},
    yjs INTEGER,
    year_group TEXT,
    digest TEXT NOT NULL UNIQUE,
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL
);
CREATE INDEX pupil_snapshots_upn ON pupil_snapshots (upn, as_of);

CREATE TABLE enrolments (
    la_code INTEGER NOT NULL,
    upn TEXT NOT NULL,
    urn INTEGER NOT NULL,
    start_date {{DATE}} NOT NULL,
    end_date {{DATE}},
    reg_type TEXT NOT NULL,
    year_group TEXT,
    leaving_reason TEXT,
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL,
    PRIMARY KEY (la_code, upn, urn, start_date, reg_type)
);
CREATE INDEX enrolments_urn ON enrolments (urn, start_date);

CREATE TABLE caseload (
    upn TEXT NOT NULL,
    worker TEXT NOT NULL,
    role TEXT NOT NULL,
    start_date {{DATE}} NOT NULL,
    end_date {{DATE}},
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL,
    PRIMARY KEY (upn, worker, role, start_date)
);
CREATE INDEX caseload_worker ON caseload (worker);

-- The ledger: append-only. Corrections are new rows (withdrawn, reinstated, action).
CREATE TABLE events (
    id {{ID}},
    la_code INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    upn TEXT NOT NULL,
    urn INTEGER NOT NULL,
    type TEXT NOT NULL,
    start_date {{DATE}} NOT NULL,
    sessions INTEGER,
    reasons TEXT,
    ref TEXT,
    to_urn INTEGER,
    provider TEXT,
    end_date {{DATE}},
    decided {{DATE}},
    exam_date {{DATE}},
    rule TEXT,
    outcome TEXT,
    delivery TEXT,
    notified_to TEXT,
    recorded_by TEXT,
    notes TEXT,
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL,
    UNIQUE (la_code, urn, event_id)
);
CREATE INDEX events_upn ON events (upn, start_date);
CREATE INDEX events_type ON events (type, start_date);

-- One row per pupil, school and academic year: the year's marks as one string (marks.h).
CREATE TABLE attendance (
    la_code INTEGER NOT NULL,
    upn TEXT NOT NULL,
    urn INTEGER NOT NULL,
    academic_year INTEGER NOT NULL,
    marks TEXT NOT NULL,
    src_id BIGINT NOT NULL,
    PRIMARY KEY (la_code, upn, urn, academic_year)
);

-- The aggregate attendance form (possible/present/authorised/unauthorised over a period).
CREATE TABLE attendance_totals (
    la_code INTEGER NOT NULL,
    upn TEXT NOT NULL,
    urn INTEGER NOT NULL,
    from_date {{DATE}} NOT NULL,
    to_date {{DATE}} NOT NULL,
    possible INTEGER NOT NULL,
    present INTEGER NOT NULL,
    authorised INTEGER NOT NULL,
    unauthorised INTEGER NOT NULL,
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL,
    PRIMARY KEY (la_code, upn, urn, from_date, to_date)
);

CREATE TABLE users (
    id {{ID}},
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    scope TEXT,
    password_hash TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at {{TS}} NOT NULL
);

-- Append-only: who looked at or changed what, when, from where.
CREATE TABLE audit_log (
    id {{ID}},
    at {{TS}} NOT NULL,
    user_id BIGINT,
    role TEXT,
    action TEXT NOT NULL,
    object TEXT,
    upn TEXT,
    remote TEXT,
    detail TEXT
);
CREATE INDEX audit_log_upn ON audit_log (upn, at);

-- Messages to partners, delivered by the sender; survives restarts.
CREATE TABLE outbox (
    id {{ID}},
    created_at {{TS}} NOT NULL,
    rule TEXT NOT NULL,
    urn INTEGER,
    event_id TEXT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {{TS}},
    sent_at {{TS}},
    acknowledged_at {{TS}},
    UNIQUE (rule, urn, event_id, recipient)
);

-- The LA's configuration (local thresholds): key/value, set with `onroll config`.
CREATE TABLE config (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    set_by TEXT,
    set_at {{TS}} NOT NULL
);
