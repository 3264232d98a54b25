-- A fiscal year closed at the year end: its bookings and opening balances are locked (the
-- triggers refuse any change, whatever program writes), the next year's opening balances are
-- the closing balances it carried forward. Only the latest closing can be reopened; the
-- audit log keeps who reopened it and why.
CREATE TABLE fiscal_closings (
    fiscal_year BIGINT PRIMARY KEY NOT NULL,
    closed_on DATE NOT NULL,
    closed_by TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION fiscal_year_locked() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
        AND EXISTS (SELECT 1 FROM fiscal_closings WHERE fiscal_year = OLD.fiscal_year) THEN
        RAISE EXCEPTION 'the fiscal year is closed and locked';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE')
        AND EXISTS (SELECT 1 FROM fiscal_closings WHERE fiscal_year = NEW.fiscal_year) THEN
        RAISE EXCEPTION 'the fiscal year is closed and locked';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER bookings_closed BEFORE INSERT OR UPDATE OR DELETE ON bookings
FOR EACH ROW EXECUTE FUNCTION fiscal_year_locked();
CREATE TRIGGER opening_closed BEFORE INSERT OR UPDATE OR DELETE ON opening_balances
FOR EACH ROW EXECUTE FUNCTION fiscal_year_locked();
