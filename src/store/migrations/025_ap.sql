-- 025_ap: the LA's register of alternative provision providers and its quality assurance
-- (issue 17 part 1; include/onroll/ap.h, store_ap.h). Placements are ledger events
-- (ap_placement with its plan in `details`), not rows here.
--
-- ap_providers: one row per provider, keyed by its slug (its page's address; never reused).
-- registration: school (urn set), ukprn (ukprn set) or none (a non-school provider); setting:
-- the school census's setting type. ap_qa: each check of a provider against one pillar of the
-- voluntary national standards, with its evidence, who checked and when, and when it expires
-- (DBS checks, risk assessments): LOCAL-APQA-EXPIRY. Each write has its audit line in the
-- same transaction.
CREATE TABLE ap_providers (
    slug TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    registration TEXT NOT NULL,
    urn INTEGER NOT NULL DEFAULT 0,
    ukprn TEXT NOT NULL DEFAULT '',
    setting TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at {{TS}} NOT NULL
);
CREATE TABLE ap_qa (
    id {{ID}},
    provider TEXT NOT NULL REFERENCES ap_providers (slug),
    pillar TEXT NOT NULL,
    item TEXT NOT NULL,
    evidence TEXT NOT NULL,
    checked_by TEXT NOT NULL,
    checked_on {{DATE}} NOT NULL,
    expires_on {{DATE}},
    recorded_by TEXT NOT NULL,
    recorded_at {{TS}} NOT NULL
);
CREATE INDEX ap_qa_provider ON ap_qa (provider, checked_on);
CREATE INDEX ap_qa_expires ON ap_qa (expires_on);
