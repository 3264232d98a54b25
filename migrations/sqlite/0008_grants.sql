-- Grants and operating agreements (instalments, reporting deadlines, development goals with
-- their status over time and in-kind contributions are kept as one JSON document per grant,
-- changed as a whole under the grant's version), the grant a budget line or booking belongs
-- to, anonymous visitor counts, and the social frikort's workers, jobs and yearly cap.
CREATE TABLE grants (
    id BLOB PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    grantor TEXT NOT NULL,
    kind TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    amount_per_year_ore BIGINT NOT NULL,
    details_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

ALTER TABLE budget_lines ADD COLUMN grant_id BLOB REFERENCES grants (id);
ALTER TABLE bookings ADD COLUMN grant_id BLOB REFERENCES grants (id);

-- Numbers only: the house's users are anonymous. A count covers a day or a whole month.
CREATE TABLE visit_tallies (
    day TEXT NOT NULL,
    period TEXT NOT NULL CHECK (period IN ('day', 'month')),
    visitors BIGINT NOT NULL CHECK (visitors >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (day, period)
);

-- The one house user who is registered: name and jobs only, for the wage reporting.
CREATE TABLE frikort_workers (
    id BLOB PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE frikort_jobs (
    id BLOB PRIMARY KEY NOT NULL,
    worker_id BLOB NOT NULL REFERENCES frikort_workers (id),
    worked_on TEXT NOT NULL,
    description TEXT NOT NULL,
    amount_ore BIGINT NOT NULL CHECK (amount_ore > 0),
    created_at TEXT NOT NULL
);
CREATE INDEX frikort_jobs_worker ON frikort_jobs (worker_id, worked_on);

CREATE TABLE frikort_caps (
    year BIGINT PRIMARY KEY NOT NULL,
    cap_ore BIGINT NOT NULL CHECK (cap_ore > 0),
    updated_at TEXT NOT NULL
);
