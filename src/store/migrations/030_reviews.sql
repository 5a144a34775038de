-- 030_reviews: self-evaluation reviews on an instrument (issue 18; include/onroll/instruments.h,
-- reviews.h) and their action plans.
--
-- reviews: one per school, academic year and instrument; it names the instrument's version, so
-- a later version never changes it. status: started | complete. review_answers: one row per
-- answered thing, keyed by the instrument's item key ("a2.i5"), a field of it ("a2.i5.f1"), an
-- area judgement ("a2.j1") or an area's box ("a2.b1"). review_actions: the action plan, 2 or 3
-- focus areas (area: the section's number, 1-based) with the toolkit's columns; due_on is the
-- named lead's duty (LOCAL-ACTION-PLAN), done when done_on is set. Each write has its audit line
-- in the same transaction.
CREATE TABLE reviews (
    id {{ID}},
    urn INTEGER NOT NULL,
    ay INTEGER NOT NULL,
    instrument TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    started_by TEXT NOT NULL,
    started_at {{TS}} NOT NULL,
    completed_at TEXT NOT NULL DEFAULT '',
    UNIQUE (urn, ay, instrument)
);
CREATE TABLE review_answers (
    review_id INTEGER NOT NULL REFERENCES reviews (id),
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at {{TS}} NOT NULL,
    PRIMARY KEY (review_id, item)
);
CREATE TABLE review_actions (
    id {{ID}},
    review_id INTEGER NOT NULL REFERENCES reviews (id),
    area INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    actions TEXT NOT NULL,
    lead TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    outcomes TEXT NOT NULL,
    review_note TEXT NOT NULL DEFAULT '',
    review_on TEXT NOT NULL DEFAULT '',
    new_actions TEXT NOT NULL DEFAULT '',
    done_on TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at {{TS}} NOT NULL
);
CREATE INDEX review_actions_review ON review_actions (review_id);
-- instrument_area_names: the LA's name for an area the source does not name (a placeholder of
-- instruments.h), per instrument and version (area: the section's number, 1-based).
CREATE TABLE instrument_area_names (
    instrument TEXT NOT NULL,
    version INTEGER NOT NULL,
    area INTEGER NOT NULL,
    name TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at {{TS}} NOT NULL,
    PRIMARY KEY (instrument, version, area)
);
