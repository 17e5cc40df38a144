-- 0002: browser sign-in. Transactions, authorization codes and SSO
-- sessions, and the grant that started each refresh-token family.
-- Expiry columns are indexed for PurgeExpired.

ALTER TABLE refresh_tokens ADD COLUMN grant_type TEXT NOT NULL DEFAULT '';
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE transactions (
    id                    TEXT PRIMARY KEY,
    client_id             TEXT NOT NULL,
    redirect_uri          TEXT NOT NULL,
    response_type         TEXT NOT NULL,
    response_mode         TEXT NOT NULL,
    scope                 TEXT NOT NULL,
    audience              TEXT NOT NULL,
    state                 TEXT NOT NULL,
    nonce                 TEXT NOT NULL,
    code_challenge        TEXT NOT NULL,
    code_challenge_method TEXT NOT NULL,
    prompt                TEXT NOT NULL,
    max_age               INTEGER NOT NULL,
    connection            TEXT NOT NULL,
    login_hint            TEXT NOT NULL,
    screen_hint           TEXT NOT NULL,
    user_id               TEXT NOT NULL,
    session_id            TEXT NOT NULL,
    auth_time             INTEGER,
    created_at            INTEGER,
    expires_at            INTEGER
);
CREATE INDEX transactions_expires ON transactions (expires_at);

CREATE TABLE auth_codes (
    hash                  BLOB PRIMARY KEY,
    client_id             TEXT NOT NULL,
    user_id               TEXT NOT NULL,
    redirect_uri          TEXT NOT NULL,
    scope                 TEXT NOT NULL,
    audience              TEXT NOT NULL,
    nonce                 TEXT NOT NULL,
    code_challenge        TEXT NOT NULL,
    code_challenge_method TEXT NOT NULL,
    session_id            TEXT NOT NULL,
    auth_time             INTEGER,
    created_at            INTEGER,
    expires_at            INTEGER,
    used_at               INTEGER
);
CREATE INDEX auth_codes_expires ON auth_codes (expires_at);

CREATE TABLE sessions (
    id              TEXT PRIMARY KEY,
    hash            BLOB NOT NULL UNIQUE,
    user_id         TEXT NOT NULL,
    auth_time       INTEGER,
    created_at      INTEGER,
    last_seen       INTEGER,
    expires_at      INTEGER,
    idle_expires_at INTEGER
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_idle_expires ON sessions (idle_expires_at);
