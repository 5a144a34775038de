-- 032_partnership_meetings: the school's partnership meetings (issue 18 part 3;
-- include/onroll/partnership.h, store_portfolio.h): Hackney's WAMHS three-way group (senior
-- mental health lead, CAMHS link worker, wellbeing framework partner) meets half-termly in
-- secondary and special schools and termly in primary schools (LOCAL-PARTNERSHIP-MEETING). One
-- row per meeting a school records on /schools/URN/partnership: the day it was held, who
-- attended (the roles' codes of partnership.h, ';' between), notes and the next date agreed
-- ('' when none). Each row has its audit line in the same transaction.
CREATE TABLE partnership_meetings (
    id {{ID}},
    urn INTEGER NOT NULL,
    held_on {{DATE}} NOT NULL,
    roles TEXT NOT NULL,
    notes TEXT NOT NULL,
    next_on TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at {{TS}} NOT NULL
);
CREATE INDEX partnership_meetings_urn ON partnership_meetings (urn, held_on);
