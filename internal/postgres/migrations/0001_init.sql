-- 0001: the first schema. Zero times are stored as NULL; seq keeps
-- insertion order for listings where timestamps tie.

CREATE TABLE users (
    seq                 bigserial NOT NULL,
    id                  text PRIMARY KEY,
    connection          text NOT NULL,
    email               text NOT NULL,
    email_normalized    text NOT NULL,
    email_verified      boolean NOT NULL,
    username            text NOT NULL,
    password_hash       text NOT NULL,
    given_name          text NOT NULL,
    family_name         text NOT NULL,
    name                text NOT NULL,
    nickname            text NOT NULL,
    picture             text NOT NULL,
    user_metadata       jsonb,
    app_metadata        jsonb,
    blocked             boolean NOT NULL,
    created_at          timestamptz,
    updated_at          timestamptz,
    last_login          timestamptz,
    last_ip             text NOT NULL,
    logins_count        integer NOT NULL,
    last_password_reset timestamptz
);
CREATE UNIQUE INDEX users_connection_email ON users (connection, email_normalized)
    WHERE email_normalized <> '';
CREATE UNIQUE INDEX users_connection_username ON users (connection, username)
    WHERE username <> '';
CREATE INDEX users_created ON users (created_at, seq);

CREATE TABLE clients (
    seq                        bigserial NOT NULL,
    id                         text PRIMARY KEY,
    name                       text NOT NULL UNIQUE,
    description                text NOT NULL,
    app_type                   text NOT NULL,
    secret_hash                bytea,
    token_endpoint_auth_method text NOT NULL,
    grant_types                text[],
    callbacks                  text[],
    allowed_origins            text[],
    web_origins                text[],
    allowed_logout_urls        text[],
    jwt_alg                    text NOT NULL,
    jwt_lifetime               integer NOT NULL,
    refresh_token              jsonb NOT NULL,
    is_first_party             boolean NOT NULL,
    oidc_conformant            boolean NOT NULL,
    cross_origin_auth          boolean NOT NULL,
    token_endpoint_ip_trusted  boolean NOT NULL,
    sso_disabled               boolean NOT NULL,
    metadata                   jsonb,
    created_at                 timestamptz,
    updated_at                 timestamptz
);

CREATE TABLE resource_servers (
    seq                     bigserial NOT NULL,
    id                      text PRIMARY KEY,
    name                    text NOT NULL,
    identifier              text NOT NULL UNIQUE,
    scopes                  jsonb,
    signing_alg             text NOT NULL,
    token_lifetime          integer NOT NULL,
    token_lifetime_for_web  integer NOT NULL,
    allow_offline_access    boolean NOT NULL,
    skip_consent            boolean NOT NULL,
    enforce_policies        boolean NOT NULL,
    token_dialect           text NOT NULL,
    is_system               boolean NOT NULL
);

CREATE TABLE client_grants (
    seq       bigserial NOT NULL,
    id        text PRIMARY KEY,
    client_id text NOT NULL,
    audience  text NOT NULL,
    scope     text[],
    UNIQUE (client_id, audience)
);

CREATE TABLE roles (
    seq         bigserial NOT NULL,
    id          text PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    description text NOT NULL,
    permissions jsonb
);

CREATE TABLE user_roles (
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id text NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles (role_id);

CREATE TABLE connections (
    seq             bigserial NOT NULL,
    id              text PRIMARY KEY,
    name            text NOT NULL UNIQUE,
    strategy        text NOT NULL,
    enabled_clients text[],
    options         jsonb NOT NULL
);

-- One row: the tenant settings document. No row, or NULL settings, means
-- idp.DefaultTenant(), so the default stays defined in code.
CREATE TABLE tenant (
    id       integer PRIMARY KEY CHECK (id = 1),
    settings jsonb
);

CREATE TABLE signing_keys (
    seq         bigserial NOT NULL,
    kid         text PRIMARY KEY,
    alg         text NOT NULL,
    state       text NOT NULL,
    private_key bytea,
    cert        bytea,
    created_at  timestamptz,
    rotated_at  timestamptz,
    retire_at   timestamptz
);
-- At most one current key per algorithm, whichever replica writes it.
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys (alg) WHERE state = 'current';

CREATE TABLE refresh_tokens (
    hash            bytea PRIMARY KEY,
    id              text NOT NULL,
    family_id       text NOT NULL,
    client_id       text NOT NULL,
    user_id         text NOT NULL,
    audience        text NOT NULL,
    scope           text NOT NULL,
    session_id      text NOT NULL,
    created_at      timestamptz,
    expires_at      timestamptz,
    idle_expires_at timestamptz,
    used_at         timestamptz,
    revoked         boolean NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE login_failures (
    user_id     text NOT NULL,
    ip          text NOT NULL,
    count       integer NOT NULL,
    last_failed timestamptz,
    PRIMARY KEY (user_id, ip)
);
