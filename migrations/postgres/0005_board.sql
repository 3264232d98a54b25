-- The board register (terms of board members, alternates, appointed seats, auditors) and the
-- elections held at assemblies, with every ballot entered so a count can be reproduced.
CREATE TABLE board_terms (
    id UUID PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('board', 'alternate', 'appointed', 'auditor', 'auditorAlternate')),
    member_id UUID REFERENCES members (id),
    name TEXT NOT NULL,
    rank BIGINT,
    start DATE NOT NULL,
    expires_year BIGINT,
    ended_on DATE,
    end_reason TEXT,
    positions_json TEXT NOT NULL,
    elected_at UUID REFERENCES meetings (id),
    appointed_by TEXT,
    election_id UUID,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE elections (
    id UUID PRIMARY KEY NOT NULL,
    meeting_id UUID NOT NULL REFERENCES meetings (id),
    item_id UUID NOT NULL,
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
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX elections_meeting ON elections (meeting_id);

CREATE TABLE ballots (
    id UUID PRIMARY KEY NOT NULL,
    election_id UUID NOT NULL REFERENCES elections (id),
    seq BIGINT NOT NULL,
    marks_json TEXT NOT NULL,
    marked_invalid BOOLEAN NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL,
    UNIQUE (election_id, seq)
);
