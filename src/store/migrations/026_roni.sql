-- 026_roni: the Risk of NEET Indicator and destinations (issue 17 parts 5 and 6; docs/roni.md).
--
-- Two optional characteristics of the pupils file the RONI scores (young carer; pregnant or a
-- parent), special-category: the pages show them only to the roles that need them.
ALTER TABLE pupil_snapshots ADD COLUMN young_carer INTEGER;
ALTER TABLE pupil_snapshots ADD COLUMN parent_or_pregnant INTEGER;

-- A careers leader's override of a pupil's RONI score, with the reason (the latest one per
-- pupil; every one is also a line of the audit log). version: the weights it overrode.
CREATE TABLE roni_overrides (
    upn TEXT NOT NULL PRIMARY KEY,
    urn INTEGER NOT NULL,
    score INTEGER NOT NULL,
    calculated INTEGER NOT NULL,
    version TEXT NOT NULL,
    reason TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at {{TS}} NOT NULL
);

-- The destinations kind (kinds.c): where a young person went, an NCCIS activity code on a date.
CREATE TABLE destinations (
    upn TEXT NOT NULL,
    activity_date {{DATE}} NOT NULL,
    activity INTEGER NOT NULL,
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL,
    PRIMARY KEY (upn, activity_date)
);
