-- The treasurer's books: budget lines per fiscal year, bookings (with a voucher number unique
-- within the year), and what the bank import remembers: rules that suggest a budget line from
-- a statement's text, and column layouts of banks it has seen.
CREATE TABLE budget_lines (
    id UUID PRIMARY KEY NOT NULL,
    fiscal_year BIGINT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('income', 'expense')),
    amount_ore BIGINT NOT NULL,
    position BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (fiscal_year, name)
);

CREATE TABLE bookings (
    id UUID PRIMARY KEY NOT NULL,
    fiscal_year BIGINT NOT NULL,
    booked_on DATE NOT NULL,
    amount_ore BIGINT NOT NULL,
    text TEXT NOT NULL,
    voucher_no TEXT NOT NULL,
    line_id UUID REFERENCES budget_lines (id),
    voucher_file TEXT,
    bank_key TEXT UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (fiscal_year, voucher_no)
);
CREATE INDEX bookings_date ON bookings (booked_on);

CREATE TABLE bank_rules (
    pattern TEXT PRIMARY KEY NOT NULL,
    line_name TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE bank_layouts (
    signature TEXT PRIMARY KEY NOT NULL,
    mapping_json TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
