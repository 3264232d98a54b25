-- Elections of a position directly (e.g. the chair) and run-offs (second rounds).
ALTER TABLE elections ADD COLUMN position TEXT;
ALTER TABLE elections ADD COLUMN runoff_of UUID REFERENCES elections (id);
