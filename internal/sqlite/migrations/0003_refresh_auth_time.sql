-- 0003: when the user of each refresh-token family last entered
-- credentials, for the auth_time of ID tokens the refresh grant mints.
-- NULL (tokens stored before this) means unknown: no auth_time.

ALTER TABLE refresh_tokens ADD COLUMN auth_time INTEGER;
