-- The association's accounts (bank, cash, MobilePay and the balance items of a small
-- association), opening balances per fiscal year, and the books tied to them: each booking
-- names the account its money moved on and, for a transfer between two accounts, the other
-- one; a fee payment and its booking are one (bookings.payment_id); a bank line keeps the
-- statement's running balance for the reconciliation. A budget line can be the fee line.
CREATE TABLE accounts (
    id BLOB PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('bank', 'cash', 'mobilepay', 'receivable', 'prepaid',
        'payable', 'accrued', 'deferred', 'equity')),
    reg_no TEXT,
    account_no TEXT,
    position BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE opening_balances (
    fiscal_year BIGINT NOT NULL,
    account_id BLOB NOT NULL REFERENCES accounts (id),
    amount_ore BIGINT NOT NULL,
    PRIMARY KEY (fiscal_year, account_id)
);

ALTER TABLE bookings ADD COLUMN account_id BLOB REFERENCES accounts (id);
ALTER TABLE bookings ADD COLUMN counter_account_id BLOB REFERENCES accounts (id);
ALTER TABLE bookings ADD COLUMN payment_id BLOB REFERENCES fee_payments (id);
ALTER TABLE bookings ADD COLUMN bank_balance_ore BIGINT;
CREATE UNIQUE INDEX bookings_payment ON bookings (payment_id);
ALTER TABLE budget_lines ADD COLUMN purpose TEXT;
ALTER TABLE bank_rules ADD COLUMN account_id BLOB REFERENCES accounts (id);

-- When fees fall due and when reminders go out (one row).
CREATE TABLE fee_settings (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    due_month INTEGER NOT NULL,
    due_day INTEGER NOT NULL,
    first_reminder_days INTEGER NOT NULL,
    second_reminder_days INTEGER NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

-- An association made before accounts existed gets the standard ones, and its bookings
-- move on the bank account (as the bank import and the treasurer meant them).
INSERT INTO accounts (id, name, kind, position, created_at, updated_at)
SELECT X'0000000000007000800000000000000a', 'Bankkonto', 'bank', 0, created_at, created_at FROM association;
INSERT INTO accounts (id, name, kind, position, created_at, updated_at)
SELECT X'0000000000007000800000000000000b', 'Kasse', 'cash', 1, created_at, created_at FROM association;
INSERT INTO accounts (id, name, kind, position, created_at, updated_at)
SELECT X'0000000000007000800000000000000c', 'MobilePay', 'mobilepay', 2, created_at, created_at FROM association;
INSERT INTO accounts (id, name, kind, position, created_at, updated_at)
SELECT X'0000000000007000800000000000000d', 'Tilgodehavender', 'receivable', 3, created_at, created_at FROM association;
INSERT INTO accounts (id, name, kind, position, created_at, updated_at)
SELECT X'0000000000007000800000000000000e', 'Forudbetalte omkostninger', 'prepaid', 4, created_at, created_at FROM association;
INSERT INTO accounts (id, name, kind, position, created_at, updated_at)
SELECT X'0000000000007000800000000000000f', 'Skyldige omkostninger', 'accrued', 5, created_at, created_at FROM association;
INSERT INTO accounts (id, name, kind, position, created_at, updated_at)
SELECT X'00000000000070008000000000000010', 'Ikke forbrugte tilskud', 'deferred', 6, created_at, created_at FROM association;
INSERT INTO accounts (id, name, kind, position, created_at, updated_at)
SELECT X'00000000000070008000000000000011', 'Egenkapital', 'equity', 7, created_at, created_at FROM association;
UPDATE bookings SET account_id = X'0000000000007000800000000000000a'
WHERE EXISTS (SELECT 1 FROM accounts);
UPDATE budget_lines SET purpose = 'fees'
WHERE lower(name) IN ('kontingent', 'kontingenter', 'medlemskontingent', 'medlemskontingenter');
