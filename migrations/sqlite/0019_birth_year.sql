-- Collect the minimum: an association may keep only a member's year of birth, or nothing.
-- `birth_year` holds the year where only the year is kept (then `birth_date` is empty).
ALTER TABLE members ADD COLUMN birth_year BIGINT;
CREATE TABLE register_settings (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    birth TEXT NOT NULL CHECK (birth IN ('date', 'year', 'nothing')),
    version BIGINT NOT NULL
);
