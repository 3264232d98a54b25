-- Vouchers (bilag) kept in the database, so a shared server and every backup hold them, and
-- the bank statements as they were imported, for the auditor. A closed year's vouchers are
-- locked with its bookings.
CREATE TABLE vouchers (
    id UUID PRIMARY KEY NOT NULL,
    booking_id UUID NOT NULL REFERENCES bookings (id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX vouchers_booking ON vouchers (booking_id);

CREATE TABLE bank_statements (
    id UUID PRIMARY KEY NOT NULL,
    account_id UUID REFERENCES accounts (id),
    file_name TEXT NOT NULL,
    content BYTEA NOT NULL,
    lines BIGINT NOT NULL,
    first_day DATE,
    last_day DATE,
    imported_at TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION voucher_locked() RETURNS trigger AS $$
DECLARE
    b UUID;
BEGIN
    IF TG_OP = 'DELETE' THEN b := OLD.booking_id; ELSE b := NEW.booking_id; END IF;
    IF EXISTS (SELECT 1 FROM fiscal_closings f JOIN bookings k ON k.fiscal_year = f.fiscal_year
               WHERE k.id = b) THEN
        RAISE EXCEPTION 'the fiscal year is closed and locked';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER vouchers_closed BEFORE INSERT OR DELETE ON vouchers
FOR EACH ROW EXECUTE FUNCTION voucher_locked();
