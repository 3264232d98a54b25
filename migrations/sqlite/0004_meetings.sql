-- Meetings: general assemblies, board meetings and other bodies' meetings, with their
-- proposals, attendance, proxies, decisions and minutes. Officers and the agenda are JSON
-- documents on the meeting (always read and written whole, validated by kvorum-core).
CREATE TABLE meetings (
    id BLOB PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ordinary', 'extraordinary', 'board', 'other')),
    body TEXT,
    date TEXT NOT NULL,
    start_time TEXT,
    end_time TEXT,
    place TEXT NOT NULL,
    demanded_by TEXT,
    demanded_on TEXT,
    notice_sent_on TEXT,
    final_agenda_sent_on TEXT,
    officers_json TEXT NOT NULL,
    agenda_json TEXT NOT NULL,
    second_of BLOB REFERENCES meetings (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX meetings_date ON meetings (date);

CREATE TABLE proposals (
    id BLOB PRIMARY KEY NOT NULL,
    meeting_id BLOB NOT NULL REFERENCES meetings (id),
    number BIGINT NOT NULL,
    submitter BLOB REFERENCES members (id),
    submitter_name TEXT NOT NULL,
    received_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    amendment_json TEXT,
    recommendation TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, number)
);

CREATE TABLE attendance (
    id BLOB PRIMARY KEY NOT NULL,
    meeting_id BLOB NOT NULL REFERENCES meetings (id),
    member_id BLOB REFERENCES members (id),
    name TEXT NOT NULL,
    voting BOOLEAN NOT NULL,
    reason TEXT,
    checked_in_at TEXT NOT NULL,
    UNIQUE (meeting_id, member_id)
);

CREATE TABLE proxies (
    id BLOB PRIMARY KEY NOT NULL,
    meeting_id BLOB NOT NULL REFERENCES meetings (id),
    giver BLOB NOT NULL REFERENCES members (id),
    holder BLOB NOT NULL REFERENCES members (id),
    created_at TEXT NOT NULL,
    UNIQUE (meeting_id, giver)
);

CREATE TABLE decisions (
    id BLOB PRIMARY KEY NOT NULL,
    meeting_id BLOB NOT NULL REFERENCES meetings (id),
    item_id BLOB NOT NULL,
    proposal_id BLOB REFERENCES proposals (id),
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    acclamation BOOLEAN NOT NULL,
    for_votes BIGINT NOT NULL,
    against BIGINT NOT NULL,
    blank BIGINT NOT NULL,
    invalid BIGINT NOT NULL,
    present_with_vote BIGINT NOT NULL,
    members_with_vote BIGINT NOT NULL,
    outcome_json TEXT NOT NULL,
    bylaws_version BIGINT,
    decided_at TEXT NOT NULL
);
CREATE INDEX decisions_meeting ON decisions (meeting_id);

-- Minutes: numbered versions per meeting; at most one draft. Approved minutes are locked:
-- the triggers refuse any change or deletion, whatever the program above tries.
CREATE TABLE minutes (
    id BLOB PRIMARY KEY NOT NULL,
    meeting_id BLOB NOT NULL REFERENCES meetings (id),
    number BIGINT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
    signatories_json TEXT NOT NULL,
    approved_on TEXT,
    hash TEXT,
    corrects BIGINT,
    correction_note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, number)
);
CREATE UNIQUE INDEX minutes_one_draft ON minutes (meeting_id) WHERE status = 'draft';
CREATE TRIGGER minutes_locked_update BEFORE UPDATE ON minutes
WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'minutes are approved and locked');
END;
CREATE TRIGGER minutes_locked_delete BEFORE DELETE ON minutes
WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'minutes are approved and locked');
END;
