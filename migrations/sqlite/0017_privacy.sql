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
    member_id BLOB PRIMARY KEY NOT NULL REFERENCES members (id),
    anonymised_on TEXT NOT NULL,
    anonymised_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A closed year's bookings stay locked in every respect that counts in the books; only the
-- text may change, so an anonymised person's name can be taken out of it.
DROP TRIGGER bookings_closed_update;
CREATE TRIGGER bookings_closed_update BEFORE UPDATE ON bookings
WHEN EXISTS (SELECT 1 FROM fiscal_closings WHERE fiscal_year IN (OLD.fiscal_year, NEW.fiscal_year))
    AND (NEW.id IS NOT OLD.id
        OR NEW.fiscal_year IS NOT OLD.fiscal_year
        OR NEW.booked_on IS NOT OLD.booked_on
        OR NEW.amount_ore IS NOT OLD.amount_ore
        OR NEW.voucher_no IS NOT OLD.voucher_no
        OR NEW.line_id IS NOT OLD.line_id
        OR NEW.grant_id IS NOT OLD.grant_id
        OR NEW.voucher_file IS NOT OLD.voucher_file
        OR NEW.bank_key IS NOT OLD.bank_key
        OR NEW.account_id IS NOT OLD.account_id
        OR NEW.counter_account_id IS NOT OLD.counter_account_id
        OR NEW.payment_id IS NOT OLD.payment_id
        OR NEW.bank_balance_ore IS NOT OLD.bank_balance_ore)
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year is closed and locked');
END;
