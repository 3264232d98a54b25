-- A proposal its submitter withdraws stays on record (the minutes say it was withdrawn and
-- when); it is no longer put to the vote.
ALTER TABLE proposals ADD COLUMN withdrawn_on DATE;
ALTER TABLE proposals ADD COLUMN withdrawn_note TEXT;
