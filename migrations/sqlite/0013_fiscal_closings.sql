-- A fiscal year closed at the year end: its bookings and opening balances are locked (the
-- triggers refuse any change, whatever program writes), the next year's opening balances are
-- the closing balances it carried forward. Only the latest closing can be reopened; the
-- audit log keeps who reopened it and why.
CREATE TABLE fiscal_closings (
    fiscal_year BIGINT PRIMARY KEY NOT NULL,
    closed_on TEXT NOT NULL,
    closed_by TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TRIGGER bookings_closed_insert BEFORE INSERT ON bookings
WHEN EXISTS (SELECT 1 FROM fiscal_closings WHERE fiscal_year = NEW.fiscal_year)
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year is closed and locked');
END;
CREATE TRIGGER bookings_closed_update BEFORE UPDATE ON bookings
WHEN EXISTS (SELECT 1 FROM fiscal_closings WHERE fiscal_year IN (OLD.fiscal_year, NEW.fiscal_year))
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year is closed and locked');
END;
CREATE TRIGGER bookings_closed_delete BEFORE DELETE ON bookings
WHEN EXISTS (SELECT 1 FROM fiscal_closings WHERE fiscal_year = OLD.fiscal_year)
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year is closed and locked');
END;
CREATE TRIGGER opening_closed_insert BEFORE INSERT ON opening_balances
WHEN EXISTS (SELECT 1 FROM fiscal_closings WHERE fiscal_year = NEW.fiscal_year)
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year is closed and locked');
END;
CREATE TRIGGER opening_closed_update BEFORE UPDATE ON opening_balances
WHEN EXISTS (SELECT 1 FROM fiscal_closings WHERE fiscal_year IN (OLD.fiscal_year, NEW.fiscal_year))
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year is closed and locked');
END;
CREATE TRIGGER opening_closed_delete BEFORE DELETE ON opening_balances
WHEN EXISTS (SELECT 1 FROM fiscal_closings WHERE fiscal_year = OLD.fiscal_year)
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year is closed and locked');
END;
