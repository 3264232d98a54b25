-- A counter that moves with every change to the member register — members, fee rates and
-- fee payments — whatever program or laptop writes. The register read into memory (the
-- member list, the voting rights at the door) is reused while it stands still, so checking
-- a member in, which writes none of these, does not make the next screen read 10 000
-- members again. Like data_generation, each database keeps its own; it is not moved.
CREATE TABLE register_changes (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    changes BIGINT NOT NULL
);
INSERT INTO register_changes (singleton, changes) VALUES (1, 0);

CREATE TRIGGER register_members_insert AFTER INSERT ON members
BEGIN UPDATE register_changes SET changes = changes + 1; END;
CREATE TRIGGER register_members_update AFTER UPDATE ON members
BEGIN UPDATE register_changes SET changes = changes + 1; END;
CREATE TRIGGER register_members_delete AFTER DELETE ON members
BEGIN UPDATE register_changes SET changes = changes + 1; END;
CREATE TRIGGER register_rates_insert AFTER INSERT ON fee_rates
BEGIN UPDATE register_changes SET changes = changes + 1; END;
CREATE TRIGGER register_rates_update AFTER UPDATE ON fee_rates
BEGIN UPDATE register_changes SET changes = changes + 1; END;
CREATE TRIGGER register_rates_delete AFTER DELETE ON fee_rates
BEGIN UPDATE register_changes SET changes = changes + 1; END;
CREATE TRIGGER register_payments_insert AFTER INSERT ON fee_payments
BEGIN UPDATE register_changes SET changes = changes + 1; END;
CREATE TRIGGER register_payments_update AFTER UPDATE ON fee_payments
BEGIN UPDATE register_changes SET changes = changes + 1; END;
CREATE TRIGGER register_payments_delete AFTER DELETE ON fee_payments
BEGIN UPDATE register_changes SET changes = changes + 1; END;
