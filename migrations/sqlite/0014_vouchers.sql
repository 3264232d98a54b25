-- Vouchers (bilag) kept in the database, so a shared server and every backup hold them, and
-- the bank statements as they were imported, for the auditor. A closed year's vouchers are
-- locked with its bookings.
CREATE TABLE vouchers (
    id BLOB PRIMARY KEY NOT NULL,
    booking_id BLOB NOT NULL REFERENCES bookings (id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX vouchers_booking ON vouchers (booking_id);

CREATE TABLE bank_statements (
    id BLOB PRIMARY KEY NOT NULL,
    account_id BLOB REFERENCES accounts (id),
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    lines BIGINT NOT NULL,
    first_day TEXT,
    last_day TEXT,
    imported_at TEXT NOT NULL
);

CREATE TRIGGER vouchers_closed_insert BEFORE INSERT ON vouchers
WHEN EXISTS (SELECT 1 FROM fiscal_closings f JOIN bookings b ON b.fiscal_year = f.fiscal_year
             WHERE b.id = NEW.booking_id)
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year is closed and locked');
END;
CREATE TRIGGER vouchers_closed_delete BEFORE DELETE ON vouchers
WHEN EXISTS (SELECT 1 FROM fiscal_closings f JOIN bookings b ON b.fiscal_year = f.fiscal_year
             WHERE b.id = OLD.booking_id)
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year is closed and locked');
END;
