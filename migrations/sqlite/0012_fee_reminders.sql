-- Reminders (rykkere) sent for a year's fee: first and second, by e-mail draft or letter,
-- with what the member owed then. Recorded on the member; no reminder fee is charged.
CREATE TABLE fee_reminders (
    id BLOB PRIMARY KEY NOT NULL,
    member_id BLOB NOT NULL REFERENCES members (id),
    year INTEGER NOT NULL,
    level INTEGER NOT NULL CHECK (level IN (1, 2)),
    sent_on TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'letter')),
    amount_ore BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (member_id, year, level)
);
