-- 005_graduated: the graduated response in the one ledger. Plans (psp, peap, pep), their
-- reviews, interventions received, referrals and their progress, and outcome measures are
-- events (kinds.c, rowcheck.c); these are the columns they add to every event row.
ALTER TABLE events ADD COLUMN intervention TEXT;
ALTER TABLE events ADD COLUMN measure TEXT;
ALTER TABLE events ADD COLUMN score TEXT;
ALTER TABLE events ADD COLUMN details TEXT;
CREATE INDEX events_ref ON events (urn, ref);
