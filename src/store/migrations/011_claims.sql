-- 011_claims: an enrolment a school recorded of a pupil on another school's roll, or on one in
-- the 12 months before it (claims.h). It is held here, not in enrolments, until the previous
-- school records the move or an LA officer confirms it: until then nothing reads it as the
-- pupil's roll. The rows the school sent for the pupil meanwhile (the enrolment itself, its
-- snapshots of the pupil) wait in claim_rows as the cells it sent, and go through the importer
-- when the claim is confirmed. status: pending, confirmed, rejected; decision says how it was
-- settled: 'la' (an LA officer), 'moved' (the previous school recorded a move to this school),
-- 'left' (the previous school's open enrolment ended after the claim). Times as in 001.
CREATE TABLE claims (
    id {{ID}},
    la_code INTEGER NOT NULL,
    upn TEXT NOT NULL,
    urn INTEGER NOT NULL,
    start_date {{DATE}} NOT NULL,
    reg_type TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    was_open INTEGER NOT NULL,
    claimed_by TEXT NOT NULL,
    claimed_at {{TS}} NOT NULL,
    src_id BIGINT NOT NULL,
    decided_by TEXT,
    decided_at {{TS}},
    decision TEXT,
    note TEXT,
    UNIQUE (upn, urn, start_date, reg_type)
);
CREATE INDEX claims_status ON claims (status, urn);
CREATE TABLE claim_rows (
    id {{ID}},
    claim_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    cells TEXT NOT NULL,
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL,
    UNIQUE (claim_id, kind, cells)
);
