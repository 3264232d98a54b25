-- A counter per fiscal year that moves with every change to that year's bookings, whatever
-- program or laptop writes: a year's bookings read before are reused while it stands still
-- (the accounts of a closed year right after another write need not read 10 000 rows again).
-- Like data_generation, each database keeps its own; it is not moved with the data.
CREATE TABLE booking_years (
    fiscal_year BIGINT PRIMARY KEY NOT NULL,
    changes BIGINT NOT NULL
);
INSERT INTO booking_years (fiscal_year, changes) SELECT DISTINCT fiscal_year, 1 FROM bookings WHERE true;

CREATE TRIGGER booking_years_insert AFTER INSERT ON bookings
BEGIN
    INSERT INTO booking_years (fiscal_year, changes) VALUES (NEW.fiscal_year, 1)
    ON CONFLICT (fiscal_year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER booking_years_update AFTER UPDATE ON bookings
BEGIN
    INSERT INTO booking_years (fiscal_year, changes) VALUES (OLD.fiscal_year, 1)
    ON CONFLICT (fiscal_year) DO UPDATE SET changes = changes + 1;
    INSERT INTO booking_years (fiscal_year, changes) VALUES (NEW.fiscal_year, 1)
    ON CONFLICT (fiscal_year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER booking_years_delete AFTER DELETE ON bookings
BEGIN
    INSERT INTO booking_years (fiscal_year, changes) VALUES (OLD.fiscal_year, 1)
    ON CONFLICT (fiscal_year) DO UPDATE SET changes = changes + 1;
END;
