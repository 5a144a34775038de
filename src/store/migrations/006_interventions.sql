-- 006_interventions: the interventions directory (include/onroll/interventions.h). One row per
-- entry, keyed by its stable id (what `intervention` events name; never deleted: an entry no
-- longer offered has active = 0). Sets are stored as their ids separated by ';' (phases,
-- needs); level and cost are ids of the fixed vocabularies. `onroll init` seeds the table from
-- the guide when it is empty; LA users edit it, each change written to the audit log.
CREATE TABLE interventions (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    provider TEXT NOT NULL,
    level TEXT NOT NULL,
    level_basis TEXT NOT NULL,
    level_note TEXT NOT NULL,
    phases TEXT NOT NULL,
    needs TEXT NOT NULL,
    how_to_access TEXT NOT NULL,
    cost TEXT NOT NULL,
    cost_text TEXT NOT NULL,
    evidence TEXT NOT NULL,
    guide_section TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL,
    updated_at {{TS}} NOT NULL
);
CREATE INDEX interventions_provider ON interventions (provider);
