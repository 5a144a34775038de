-- 038_toc: theories of change (issue 19 part 6; include/onroll/toc.h, store_toc.h).
--
-- toc: one theory, owned by the LA (owner_urn 0) or by one school (its URN); workshop_id the
-- workshop it came out of, if any (0: none). toc_items: the toolkit's five components (kind:
-- aim | outcome | mechanism | moderator | activity) with the outcome guardrails (responsible,
-- accountable, consensus, priority: 0 or 1, only ever 1 on an outcome) and an activity's who,
-- for whom, start and end (ISO dates or '') and outputs; source says where an imported item came
-- from ('' when typed). toc_links: an item feeds another (from a column to one on its right).
-- toc_indicators: an outcome's measure from onroll's own figures: a statistic of `onroll report
-- rates` (its column name), a cohort (urn 0: the whole LA; year_group '' every year group; dim
-- and dim_value: one more of the report's dimensions, '' none), the academic years plotted, the
-- baseline and target as typed (decimal text). Each write has its audit line in the same
-- transaction.
CREATE TABLE toc (
    id {{ID}},
    owner_urn INTEGER NOT NULL,
    title TEXT NOT NULL,
    workshop_id INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at {{TS}} NOT NULL
);
CREATE INDEX toc_owner ON toc (owner_urn);
CREATE TABLE toc_items (
    id {{ID}},
    toc_id INTEGER NOT NULL REFERENCES toc (id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    responsible INTEGER NOT NULL DEFAULT 0,
    accountable INTEGER NOT NULL DEFAULT 0,
    consensus INTEGER NOT NULL DEFAULT 0,
    priority INTEGER NOT NULL DEFAULT 0,
    who TEXT NOT NULL DEFAULT '',
    for_whom TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL DEFAULT '',
    ends_on TEXT NOT NULL DEFAULT '',
    outputs TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at {{TS}} NOT NULL
);
CREATE INDEX toc_items_toc ON toc_items (toc_id);
CREATE TABLE toc_links (
    toc_id INTEGER NOT NULL REFERENCES toc (id),
    from_item INTEGER NOT NULL REFERENCES toc_items (id),
    to_item INTEGER NOT NULL REFERENCES toc_items (id),
    PRIMARY KEY (from_item, to_item)
);
CREATE INDEX toc_links_toc ON toc_links (toc_id);
CREATE TABLE toc_indicators (
    id {{ID}},
    toc_id INTEGER NOT NULL REFERENCES toc (id),
    item_id INTEGER NOT NULL REFERENCES toc_items (id),
    statistic TEXT NOT NULL,
    urn INTEGER NOT NULL DEFAULT 0,
    year_group TEXT NOT NULL DEFAULT '',
    dim TEXT NOT NULL DEFAULT '',
    dim_value TEXT NOT NULL DEFAULT '',
    ay_first INTEGER NOT NULL,
    ay_last INTEGER NOT NULL,
    baseline TEXT NOT NULL,
    target TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at {{TS}} NOT NULL
);
CREATE INDEX toc_indicators_toc ON toc_indicators (toc_id);
