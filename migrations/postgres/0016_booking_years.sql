-- A counter per fiscal year that moves with every change to that year's bookings, whatever
-- program or laptop writes: a year's bookings read before are reused while it stands still
-- (the accounts of a closed year right after another write need not read 10 000 rows again).
-- Like data_generation, each database keeps its own; it is not moved with the data.
-- Concurrent writers serialise on the year's row, so each change gets its own count.
CREATE TABLE booking_years (
    fiscal_year BIGINT PRIMARY KEY NOT NULL,
    changes BIGINT NOT NULL
);
INSERT INTO booking_years (fiscal_year, changes) SELECT DISTINCT fiscal_year, 1 FROM bookings;

CREATE FUNCTION booking_years_bump() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO booking_years (fiscal_year, changes) VALUES (OLD.fiscal_year, 1)
        ON CONFLICT (fiscal_year) DO UPDATE SET changes = booking_years.changes + 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO booking_years (fiscal_year, changes) VALUES (NEW.fiscal_year, 1)
        ON CONFLICT (fiscal_year) DO UPDATE SET changes = booking_years.changes + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER booking_years_bump AFTER INSERT OR UPDATE OR DELETE ON bookings
FOR EACH ROW EXECUTE FUNCTION booking_years_bump();
