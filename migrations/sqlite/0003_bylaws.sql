-- The bylaws: numbered versions of the text and the rule settings it carries. At most one
-- draft; adopted versions are read-only and kept for history.
CREATE TABLE bylaws_versions (
    id BLOB PRIMARY KEY NOT NULL,
    number BIGINT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'adopted')),
    text_json TEXT NOT NULL,
    rules_json TEXT NOT NULL,
    adopted_on TEXT,
    in_force_from TEXT,
    adopted_note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX bylaws_one_draft ON bylaws_versions (status) WHERE status = 'draft';
