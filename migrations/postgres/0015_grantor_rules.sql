-- What each grantor asks of the accounts for its grants (municipalities differ): up to
-- which amount a year the board's signature is enough, above which a registered or
-- state-authorised accountant audits, and the declaration the grant report carries.
-- Keyed by the grantor's name as the grants spell it (trimmed, in lower case).
CREATE TABLE grantor_rules (
    grantor_key TEXT PRIMARY KEY NOT NULL,
    grantor TEXT NOT NULL,
    board_up_to_ore BIGINT NOT NULL CHECK (board_up_to_ore >= 0),
    professional_above_ore BIGINT NOT NULL CHECK (professional_above_ore >= board_up_to_ore),
    declaration TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

-- How the association's own auditors went through the accounts: revideret (audited) or
-- gennemgået (reviewed); the auditor's statement in the annual accounts says which.
CREATE TABLE accounts_settings (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    audit_form TEXT NOT NULL CHECK (audit_form IN ('audited', 'reviewed')),
    version BIGINT NOT NULL DEFAULT 1
);
