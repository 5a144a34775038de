-- 036_boards: the workshop boards (issue 19 parts 2-4; include/onroll/boards.h,
-- store_boards.h, docs/workshop-boards.md): the system-players map and the iceberg.
--
-- board_cards: one card of a workshop's board (tool: map | iceberg), written by a participant
-- (participant: workshop_participants.id, 0 for a user who is not one, such as the
-- facilitator; author: ws_ctx.who, the email or "guest:N", which decides whose draft it is
-- until the tool is revealed). place: the map's ring (1 the closest to the young person) or the
-- iceberg's level (1 events & experiences .. 4 mental models); kind: the player's type (map) or
-- driver | barrier (iceberg); intervene: 1 when marked "intervene here" (iceberg; the idea
-- board's seeds).
--
-- board_links: from one card to another of the same board (map: depends_on, from depends on
-- to, or works_with; iceberg: links, across levels); strength: how well (map: well | partly |
-- poorly, '' not said; onroll's scale, set by the facilitator). A card's links go with it.
--
-- board_players: the LA's catalogue of players for the map, seeded with the players the
-- toolkit names (its participant lists); name_key is the name lower-cased, unique.
-- Each write has its audit line in the same transaction.
CREATE TABLE board_cards (
    id {{ID}},
    workshop INTEGER NOT NULL REFERENCES workshops (id),
    tool TEXT NOT NULL,
    participant INTEGER NOT NULL DEFAULT 0,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    place INTEGER NOT NULL,
    kind TEXT NOT NULL,
    intervene INTEGER NOT NULL DEFAULT 0,
    created_at {{TS}} NOT NULL,
    updated_at {{TS}} NOT NULL
);
CREATE INDEX board_cards_workshop ON board_cards (workshop, tool);
CREATE TABLE board_links (
    id {{ID}},
    workshop INTEGER NOT NULL REFERENCES workshops (id),
    tool TEXT NOT NULL,
    from_card INTEGER NOT NULL REFERENCES board_cards (id),
    to_card INTEGER NOT NULL REFERENCES board_cards (id),
    kind TEXT NOT NULL,
    strength TEXT NOT NULL DEFAULT '',
    participant INTEGER NOT NULL DEFAULT 0,
    author TEXT NOT NULL,
    created_at {{TS}} NOT NULL
);
CREATE INDEX board_links_workshop ON board_links (workshop, tool);
CREATE TABLE board_players (
    id {{ID}},
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    seeded INTEGER NOT NULL DEFAULT 0,
    added_by TEXT NOT NULL,
    added_at {{TS}} NOT NULL
);
INSERT INTO board_players (name, name_key, type, seeded, added_by, added_at) VALUES
    ('headteachers', 'headteachers', 'education', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('SENCOs', 'sencos', 'education', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('special schools', 'special schools', 'education', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('alternative provision', 'alternative provision', 'education', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('local authority education', 'local authority education', 'la', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('social care', 'social care', 'social_care', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('early help', 'early help', 'social_care', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('health', 'health', 'health', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('CAMHS', 'camhs', 'health', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('police', 'police', 'police', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('youth workers', 'youth workers', 'voluntary', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('social workers', 'social workers', 'social_care', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('charities / voluntary sector', 'charities / voluntary sector', 'voluntary', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('families', 'families', 'family', 1, 'toolkit', '2026-12-07T00:00:00Z'),
    ('peer groups', 'peer groups', 'family', 1, 'toolkit', '2026-12-07T00:00:00Z');
