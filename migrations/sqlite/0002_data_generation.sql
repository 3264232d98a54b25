-- A counter every write transaction bumps, so a cache can tell cheaply whether anything
-- changed since it was filled — also when another laptop wrote to a shared database.
CREATE TABLE data_generation (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    generation BIGINT NOT NULL
);
INSERT INTO data_generation (singleton, generation) VALUES (1, 0);
