-- 035_workshops: workshops with the toolkit's tools (issue 19 part 1; include/onroll/workshops.h,
-- store_workshops.h, docs/workshops.md).
--
-- workshops: one session (scope: whole_system | school | trust | pupil_council | parent_forum |
-- staff; urn 0 unless it is one school's; series a name grouping sessions to compare, "" none;
-- mode: in_person | online | hybrid; facilitator the onroll user's email). changes counts every
-- change to the workshop's boards: open pages learn of a change when it moves (server-sent
-- events, or /workshops/ID/changes?since=N).
--
-- workshop_participants: email '' for a guest, who joins through a one-time link: token_hash is
-- the link's token's hash (never the token), joined_at (seconds since the epoch) set when it is
-- used, and session_hash the hash of the guest's workshop-only cookie. purpose is the warm-up
-- answer. workshop_reveals: a tool's drafts shown to all (tool ids: purpose, map, iceberg,
-- ideas, votes, and any a tool adds). workshop_notes: the facilitator's notes per question of
-- a tool's script. Each write has its audit line in the same transaction.
CREATE TABLE workshops (
    id {{ID}},
    title TEXT NOT NULL,
    scope TEXT NOT NULL,
    urn INTEGER NOT NULL DEFAULT 0,
    series TEXT NOT NULL DEFAULT '',
    held_on {{DATE}} NOT NULL,
    mode TEXT NOT NULL,
    facilitator TEXT NOT NULL,
    changes INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at {{TS}} NOT NULL
);
CREATE INDEX workshops_facilitator ON workshops (facilitator);
CREATE INDEX workshops_series ON workshops (series);
CREATE TABLE workshop_participants (
    id {{ID}},
    workshop INTEGER NOT NULL REFERENCES workshops (id),
    email TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    sector TEXT NOT NULL DEFAULT '',
    name_consent INTEGER NOT NULL DEFAULT 0,
    token_hash TEXT NOT NULL DEFAULT '',
    session_hash TEXT NOT NULL DEFAULT '',
    joined_at INTEGER,
    purpose TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL,
    added_at {{TS}} NOT NULL
);
CREATE INDEX workshop_participants_workshop ON workshop_participants (workshop);
CREATE INDEX workshop_participants_email ON workshop_participants (email);
CREATE UNIQUE INDEX workshop_participants_token ON workshop_participants (token_hash)
    WHERE token_hash <> '';
CREATE UNIQUE INDEX workshop_participants_session ON workshop_participants (session_hash)
    WHERE session_hash <> '';
CREATE TABLE workshop_reveals (
    workshop INTEGER NOT NULL REFERENCES workshops (id),
    tool TEXT NOT NULL,
    revealed_by TEXT NOT NULL,
    revealed_at {{TS}} NOT NULL,
    PRIMARY KEY (workshop, tool)
);
CREATE TABLE workshop_notes (
    workshop INTEGER NOT NULL REFERENCES workshops (id),
    tool TEXT NOT NULL,
    question INTEGER NOT NULL,
    note TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at {{TS}} NOT NULL,
    PRIMARY KEY (workshop, tool, question)
);
