-- 022_scrutiny_words: the LA's own words in the annual scrutiny report ("What the LA is doing":
-- its actions and its recommendations), one row per academic year (ay: 2025 = 2025/26). Written
-- by LA officers and administrators on /reports/scrutiny/actions, each save with its line in the
-- audit log in one transaction; `onroll report scrutiny` and the web report print them.
CREATE TABLE scrutiny_words (
    ay INTEGER NOT NULL PRIMARY KEY,
    actions TEXT NOT NULL,
    recommendations TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at {{TS}} NOT NULL
);
