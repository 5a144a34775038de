-- 034_surveys: surveys before and after (issue 18 part 4; include/onroll/surveys.h).
--
-- surveys: one school's survey (urn), its title, the template it came from ('' for the
-- school's own), its audience (pupils | parents | staff) and its definition as JSON
-- (surveys.h), frozen once a wave has opened. survey_waves: its waves in order (n), each with a
-- label and the days it is open. survey_respondents: one per link issued: the hash of its
-- one-time token (never the token) and a random pseudonym; no pupil id, no name: who holds which
-- token is only on the printed sheet. The same token answers every wave, once each:
-- survey_submissions (one per wave and respondent, the day only) and survey_answers (one row per
-- item answered). Waves are linked only through the pseudonym. Each write has its audit line in
-- the same transaction.
CREATE TABLE surveys (
    id {{ID}},
    urn INTEGER NOT NULL,
    title TEXT NOT NULL,
    template TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at {{TS}} NOT NULL
);
CREATE INDEX surveys_urn ON surveys (urn);
CREATE TABLE survey_waves (
    id {{ID}},
    survey_id INTEGER NOT NULL REFERENCES surveys (id),
    n INTEGER NOT NULL,
    label TEXT NOT NULL,
    opens_on {{DATE}} NOT NULL,
    closes_on {{DATE}} NOT NULL,
    UNIQUE (survey_id, n)
);
CREATE TABLE survey_respondents (
    id {{ID}},
    survey_id INTEGER NOT NULL REFERENCES surveys (id),
    token_hash TEXT NOT NULL UNIQUE,
    pseudonym TEXT NOT NULL,
    issued_on {{DATE}} NOT NULL,
    UNIQUE (survey_id, pseudonym)
);
CREATE TABLE survey_submissions (
    wave_id INTEGER NOT NULL REFERENCES survey_waves (id),
    respondent_id INTEGER NOT NULL REFERENCES survey_respondents (id),
    submitted_on {{DATE}} NOT NULL,
    UNIQUE (wave_id, respondent_id)
);
CREATE TABLE survey_answers (
    wave_id INTEGER NOT NULL REFERENCES survey_waves (id),
    respondent_id INTEGER NOT NULL REFERENCES survey_respondents (id),
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (wave_id, respondent_id, item)
);
