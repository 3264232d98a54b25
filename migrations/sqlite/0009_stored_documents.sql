-- From this version on, every *_json column holds a versioned document, {"v":1,"data":…},
-- written through kvorum-store's own row types (rows from before read as version 1).
-- The migration itself is the guard: a Kvorum from before it finds a migration it does not
-- know and refuses to open the database, instead of reading the documents as empty and
-- writing a grant's instalments and deadlines away on its next save.
CREATE TABLE stored_documents (
    version BIGINT NOT NULL
);
INSERT INTO stored_documents (version) VALUES (1);
