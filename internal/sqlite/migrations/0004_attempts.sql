-- 0004: token buckets of attempts (suspicious-IP throttling: one bucket
-- per stage and IP). A bucket held `held` attempts at held_at; callers
-- pass its max and rate on each call, so neither is stored. full_at is
-- when it refills to its max at the rate last used: a full bucket is the
-- same as an unknown one, and PurgeExpired deletes it through the index.

CREATE TABLE attempt_buckets (
    key     TEXT PRIMARY KEY,
    held    REAL NOT NULL,
    held_at INTEGER NOT NULL,
    full_at INTEGER NOT NULL
);
CREATE INDEX attempt_buckets_full ON attempt_buckets (full_at);
