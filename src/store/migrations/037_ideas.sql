-- 037_ideas: Energy for change (issue 19 part 5; include/onroll/ideas.h, store_ideas.h).
--
-- ideas: a workshop's "How might we...?" / "What if...?" questions, each by one participant
-- (drafted privately, shown to all once the facilitator reveals the board), with its category
-- (a code of ideas.h's three), its conditions of energy (codes, comma-separated) and, when it
-- grew from an iceberg's "intervene here" mark, that mark's words. idea_votes: one row per vote
-- ("dot"); a participant's votes of one criterion fill slots 1 to 3, so the key refuses a
-- fourth even when two requests race ("three per criterion"); several slots may name one idea
-- (stacking). idea_commitments: what the facilitator records against a ranked idea, with an
-- owner (an onroll account, by email) and a date: the owner's LOCAL-WORKSHOP-COMMITMENT duty,
-- done when done_on is set. Each write has its audit line in the same transaction.
CREATE TABLE ideas (
    id {{ID}},
    workshop_id INTEGER NOT NULL REFERENCES workshops (id),
    participant_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    category TEXT NOT NULL,
    energies TEXT NOT NULL DEFAULT '',
    seed TEXT NOT NULL DEFAULT '',
    created_at {{TS}} NOT NULL
);
CREATE INDEX ideas_workshop ON ideas (workshop_id, id);
CREATE TABLE idea_votes (
    workshop_id INTEGER NOT NULL REFERENCES workshops (id),
    participant_id INTEGER NOT NULL,
    criterion TEXT NOT NULL CHECK (criterion IN ('feasibility', 'desirability', 'viability')),
    slot INTEGER NOT NULL CHECK (slot BETWEEN 1 AND 3),
    idea_id INTEGER NOT NULL REFERENCES ideas (id),
    cast_at {{TS}} NOT NULL,
    PRIMARY KEY (participant_id, criterion, slot)
);
CREATE INDEX idea_votes_idea ON idea_votes (idea_id);
CREATE INDEX idea_votes_workshop ON idea_votes (workshop_id);
CREATE TABLE idea_commitments (
    id {{ID}},
    workshop_id INTEGER NOT NULL REFERENCES workshops (id),
    idea_id INTEGER NOT NULL REFERENCES ideas (id),
    next_step TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_on TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at {{TS}} NOT NULL
);
CREATE INDEX idea_commitments_workshop ON idea_commitments (workshop_id, due_on);
CREATE INDEX idea_commitments_owner ON idea_commitments (owner, done_on);
