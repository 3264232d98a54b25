-- A counter that moves with every change to the member register — members, fee rates and
-- fee payments — whatever program or laptop writes. The register read into memory (the
-- member list, the voting rights at the door) is reused while it stands still, so checking
-- a member in, which writes none of these, does not make the next screen read 10 000
-- members again. Like data_generation, each database keeps its own; it is not moved.
-- One count per statement; concurrent writers of the register serialise on the row.
CREATE TABLE register_changes (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    changes BIGINT NOT NULL
);
INSERT INTO register_changes (singleton, changes) VALUES (1, 0);

CREATE FUNCTION register_changes_bump() RETURNS trigger AS $$
BEGIN
    UPDATE register_changes SET changes = changes + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER register_members AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON members
FOR EACH STATEMENT EXECUTE FUNCTION register_changes_bump();
CREATE TRIGGER register_rates AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fee_rates
FOR EACH STATEMENT EXECUTE FUNCTION register_changes_bump();
CREATE TRIGGER register_payments AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fee_payments
FOR EACH STATEMENT EXECUTE FUNCTION register_changes_bump();
