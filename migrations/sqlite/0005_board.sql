-- The board register (terms of board members, alternates, appointed seats, auditors) and the
-- elections held at assemblies, with every ballot entered so a count can be reproduced.
CREATE TABLE board_terms (
    id BLOB PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('board', 'alternate', 'appointed', 'auditor', 'auditorAlternate')),
    member_id BLOB REFERENCES members (id),
    name TEXT NOT NULL,
    rank BIGINT,
    start TEXT NOT NULL,
    expires_year BIGINT,
    ended_on TEXT,
    end_reason TEXT,
    positions_json TEXT NOT NULL,
    elected_at BLOB REFERENCES meetings (id),
    appointed_by TEXT,
    election_id BLOB,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE elections (
    id BLOB PRIMARY KEY NOT NULL,
    meeting_id BLOB NOT NULL REFERENCES meetings (id),
    item_id BLOB NOT NULL,
    kind TEXT NOT NULL,
    seats BIGINT NOT NULL,
    alternates BIGINT NOT NULL,
    max_marks BIGINT NOT NULL,
    candidates_json TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('pending', 'uncontested', 'ballots', 'totals')),
    totals_json TEXT,
    draws_json TEXT NOT NULL,
    present_with_vote BIGINT NOT NULL,
    applied BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX elections_meeting ON elections (meeting_id);

CREATE TABLE ballots (
    id BLOB PRIMARY KEY NOT NULL,
    election_id BLOB NOT NULL REFERENCES elections (id),
    seq BIGINT NOT NULL,
    marks_json TEXT NOT NULL,
    marked_invalid BOOLEAN NOT NULL,
    entered_at TEXT NOT NULL,
    UNIQUE (election_id, seq)
);
