-- Meetings: general assemblies, board meetings and other bodies' meetings, with their
-- proposals, attendance, proxies, decisions and minutes. Officers and the agenda are JSON
-- documents on the meeting (always read and written whole, validated by kvorum-core).
CREATE TABLE meetings (
    id UUID PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ordinary', 'extraordinary', 'board', 'other')),
    body TEXT,
    date DATE NOT NULL,
    start_time TIME,
    end_time TIME,
    place TEXT NOT NULL,
    demanded_by TEXT,
    demanded_on DATE,
    notice_sent_on DATE,
    final_agenda_sent_on DATE,
    officers_json TEXT NOT NULL,
    agenda_json TEXT NOT NULL,
    second_of UUID REFERENCES meetings (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX meetings_date ON meetings (date);

CREATE TABLE proposals (
    id UUID PRIMARY KEY NOT NULL,
    meeting_id UUID NOT NULL REFERENCES meetings (id),
    number BIGINT NOT NULL,
    submitter UUID REFERENCES members (id),
    submitter_name TEXT NOT NULL,
    received_on DATE NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    amendment_json TEXT,
    recommendation TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, number)
);

CREATE TABLE attendance (
    id UUID PRIMARY KEY NOT NULL,
    meeting_id UUID NOT NULL REFERENCES meetings (id),
    member_id UUID REFERENCES members (id),
    name TEXT NOT NULL,
    voting BOOLEAN NOT NULL,
    reason TEXT,
    checked_in_at TIMESTAMPTZ NOT NULL,
    UNIQUE (meeting_id, member_id)
);

CREATE TABLE proxies (
    id UUID PRIMARY KEY NOT NULL,
    meeting_id UUID NOT NULL REFERENCES meetings (id),
    giver UUID NOT NULL REFERENCES members (id),
    holder UUID NOT NULL REFERENCES members (id),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (meeting_id, giver)
);

CREATE TABLE decisions (
    id UUID PRIMARY KEY NOT NULL,
    meeting_id UUID NOT NULL REFERENCES meetings (id),
    item_id UUID NOT NULL,
    proposal_id UUID REFERENCES proposals (id),
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
    decided_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX decisions_meeting ON decisions (meeting_id);

-- Minutes: numbered versions per meeting; at most one draft. Approved minutes are locked:
-- the triggers refuse any change or deletion, whatever the program above tries.
CREATE TABLE minutes (
    id UUID PRIMARY KEY NOT NULL,
    meeting_id UUID NOT NULL REFERENCES meetings (id),
    number BIGINT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
    signatories_json TEXT NOT NULL,
    approved_on DATE,
    hash TEXT,
    corrects BIGINT,
    correction_note TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, number)
);
CREATE UNIQUE INDEX minutes_one_draft ON minutes (meeting_id) WHERE status = 'draft';
CREATE FUNCTION minutes_locked() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'approved' THEN
        RAISE EXCEPTION 'minutes are approved and locked';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER minutes_locked BEFORE UPDATE OR DELETE ON minutes
FOR EACH ROW EXECUTE FUNCTION minutes_locked();
