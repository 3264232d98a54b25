-- The consent log: the consents the board adds (contact on e-mail, which every
-- association asks for, is built in and not stored here), and each member's, with when
-- and how each was given, who recorded it, and when it was withdrawn and by whom.
-- `members.email_consent` stays, kept by the app to follow the open e-mail consent.
CREATE TABLE consent_kinds (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    builtin BOOLEAN NOT NULL,
    position BIGINT NOT NULL
);

CREATE TABLE consents (
    id UUID PRIMARY KEY NOT NULL,
    member_id UUID NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL,
    given_on DATE NOT NULL,
    given_how TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    withdrawn_on DATE,
    withdrawn_by TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX consents_member ON consents (member_id, kind);
-- A member gives a consent once; it can be given anew after it was withdrawn.
CREATE UNIQUE INDEX consents_open ON consents (member_id, kind) WHERE withdrawn_on IS NULL;

-- The consents ticked before the log existed, so the log and the register agree (the
-- day the entry was made, in UTC on both engines).
INSERT INTO consents (id, member_id, kind, given_on, given_how, recorded_by, created_at,
                      updated_at, version)
SELECT md5(random()::text || id::text)::uuid, id, 'email',
       (created_at AT TIME ZONE 'UTC')::date,
       'Afkrydset i medlemsregistret før samtykkeloggen', 'Kvorum', created_at, created_at, 1
FROM members WHERE email_consent;

-- The record of processing (art. 30): the board's words for whom to contact and the
-- security measures, and per kind of person the purpose, legal basis and recipients.
-- Until the board saves them, Kvorum's Danish defaults apply.
CREATE TABLE processing_settings (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    contact TEXT NOT NULL,
    security TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE processing_entries (
    category TEXT PRIMARY KEY NOT NULL,
    purpose TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    recipients TEXT NOT NULL
);
