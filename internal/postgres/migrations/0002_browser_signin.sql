-- 0002: browser sign-in. Transactions, authorization codes and SSO
-- sessions, and the grant that started each refresh-token family.
-- Expiry columns are indexed for PurgeExpired.

ALTER TABLE refresh_tokens ADD COLUMN grant_type text NOT NULL DEFAULT '';
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE transactions (
    id                    text PRIMARY KEY,
    client_id             text NOT NULL,
    redirect_uri          text NOT NULL,
    response_type         text NOT NULL,
    response_mode         text NOT NULL,
    scope                 text NOT NULL,
    audience              text NOT NULL,
    state                 text NOT NULL,
    nonce                 text NOT NULL,
    code_challenge        text NOT NULL,
    code_challenge_method text NOT NULL,
    prompt                text NOT NULL,
    max_age               integer NOT NULL,
    connection            text NOT NULL,
    login_hint            text NOT NULL,
    screen_hint           text NOT NULL,
    user_id               text NOT NULL,
    session_id            text NOT NULL,
    auth_time             timestamptz,
    created_at            timestamptz,
    expires_at            timestamptz
);
CREATE INDEX transactions_expires ON transactions (expires_at);

CREATE TABLE auth_codes (
    hash                  bytea PRIMARY KEY,
    client_id             text NOT NULL,
    user_id               text NOT NULL,
    redirect_uri          text NOT NULL,
    scope                 text NOT NULL,
    audience              text NOT NULL,
    nonce                 text NOT NULL,
    code_challenge        text NOT NULL,
    code_challenge_method text NOT NULL,
    session_id            text NOT NULL,
    auth_time             timestamptz,
    created_at            timestamptz,
    expires_at            timestamptz,
    used_at               timestamptz
);
CREATE INDEX auth_codes_expires ON auth_codes (expires_at);

CREATE TABLE sessions (
    id              text PRIMARY KEY,
    hash            bytea NOT NULL UNIQUE,
    user_id         text NOT NULL,
    auth_time       timestamptz,
    created_at      timestamptz,
    last_seen       timestamptz,
    expires_at      timestamptz,
    idle_expires_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_idle_expires ON sessions (idle_expires_at);
