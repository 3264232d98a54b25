-- Kvorum schema 1: the association, the member register, fees and the audit log (PostgreSQL).
-- Forward-only: never edit after it has landed; add a new file instead.

CREATE TABLE association (
    id UUID PRIMARY KEY NOT NULL,
    singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    name TEXT NOT NULL,
    cvr TEXT,
    address TEXT,
    postal_code TEXT,
    city TEXT,
    municipality TEXT,
    fiscal_year_start_month INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE membership_types (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    builtin BOOLEAN NOT NULL DEFAULT FALSE,
    position BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE members (
    id UUID PRIMARY KEY NOT NULL,
    member_no BIGINT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    address TEXT,
    postal_code TEXT,
    city TEXT,
    email TEXT,
    phone TEXT,
    birth_date DATE,
    joined_on DATE NOT NULL,
    left_on DATE,
    left_reason TEXT,
    membership_type TEXT NOT NULL REFERENCES membership_types (code),
    roles TEXT NOT NULL DEFAULT '',
    email_consent BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX members_email ON members (email);

CREATE TABLE fee_rates (
    year INTEGER NOT NULL,
    membership_type TEXT NOT NULL REFERENCES membership_types (code),
    amount_ore BIGINT NOT NULL CHECK (amount_ore >= 0),
    PRIMARY KEY (year, membership_type)
);

CREATE TABLE fee_payments (
    id UUID PRIMARY KEY NOT NULL,
    member_id UUID NOT NULL REFERENCES members (id),
    year INTEGER NOT NULL,
    paid_on DATE NOT NULL,
    amount_ore BIGINT NOT NULL CHECK (amount_ore > 0),
    method TEXT NOT NULL,
    voucher_no TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX fee_payments_member ON fee_payments (member_id, year);

CREATE TABLE audit_log (
    id UUID PRIMARY KEY NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    changes TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity_id, at);
