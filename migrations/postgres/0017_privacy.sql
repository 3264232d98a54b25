-- Personal data by the book: how long each kind of record is kept (settings), and the
-- former members anonymised at the yearly clean-up. An anonymised entry keeps its member no.
-- and its payments; its name becomes "Tidligere medlem nr. N" and every record that named
-- the person is rewritten without them — except approved minutes, which are a legal record.
CREATE TABLE retention_settings (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    members_years BIGINT NOT NULL,
    volunteers_years BIGINT NOT NULL,
    bookkeeping_years BIGINT NOT NULL,
    frikort_years BIGINT NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE anonymisations (
    member_id UUID PRIMARY KEY NOT NULL REFERENCES members (id),
    anonymised_on DATE NOT NULL,
    anonymised_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- A closed year's bookings stay locked in every respect that counts in the books; only the
-- text may change, so an anonymised person's name can be taken out of it.
DROP TRIGGER bookings_closed ON bookings;
CREATE TRIGGER bookings_closed BEFORE INSERT OR DELETE ON bookings
FOR EACH ROW EXECUTE FUNCTION fiscal_year_locked();
CREATE TRIGGER bookings_closed_update BEFORE UPDATE ON bookings
FOR EACH ROW WHEN (
    (NEW.id, NEW.fiscal_year, NEW.booked_on, NEW.amount_ore, NEW.voucher_no, NEW.line_id,
     NEW.grant_id, NEW.voucher_file, NEW.bank_key, NEW.account_id, NEW.counter_account_id,
     NEW.payment_id, NEW.bank_balance_ore)
    IS DISTINCT FROM
    (OLD.id, OLD.fiscal_year, OLD.booked_on, OLD.amount_ore, OLD.voucher_no, OLD.line_id,
     OLD.grant_id, OLD.voucher_file, OLD.bank_key, OLD.account_id, OLD.counter_account_id,
     OLD.payment_id, OLD.bank_balance_ore))
EXECUTE FUNCTION fiscal_year_locked();
