-- 028_offrolling: the LA's challenge to a school whose off-rolling signals cross a 99.8% funnel
-- limit (offroll.h), and the school's answer (store_offroll.h): one row per academic year and
-- school, set on /reports/offrolling/challenge by the LA, each change with its line in the
-- audit log in one transaction. Dates as YYYY-MM-DD ('' when not yet).
CREATE TABLE offrolling_challenges (
    ay INTEGER NOT NULL,
    urn INTEGER NOT NULL,
    challenge TEXT NOT NULL,
    challenged_on TEXT NOT NULL,
    answer TEXT NOT NULL,
    answered_on TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at {{TS}} NOT NULL,
    PRIMARY KEY (ay, urn)
);
