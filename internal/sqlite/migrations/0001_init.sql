-- Times are INTEGER microseconds since the Unix epoch, NULL for the zero
-- time. Lists, maps and small nested objects are JSON text.

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    connection          TEXT NOT NULL,
    email               TEXT NOT NULL,
    email_norm          TEXT NOT NULL, -- idp.NormalizeEmail(email), the unique key
    email_verified      INTEGER NOT NULL,
    username            TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    given_name          TEXT NOT NULL,
    family_name         TEXT NOT NULL,
    name                TEXT NOT NULL,
    nickname            TEXT NOT NULL,
    picture             TEXT NOT NULL,
    user_metadata       TEXT NOT NULL,
    app_metadata        TEXT NOT NULL,
    blocked             INTEGER NOT NULL,
    created_at          INTEGER,
    updated_at          INTEGER,
    last_login          INTEGER,
    last_ip             TEXT NOT NULL,
    logins_count        INTEGER NOT NULL,
    last_password_reset INTEGER
);
CREATE UNIQUE INDEX users_email ON users (connection, email_norm) WHERE email_norm <> '';
CREATE UNIQUE INDEX users_username ON users (connection, username) WHERE username <> '';
CREATE INDEX users_created ON users (created_at);

CREATE TABLE clients (
    id                         TEXT PRIMARY KEY,
    name                       TEXT NOT NULL UNIQUE,
    description                TEXT NOT NULL,
    app_type                   TEXT NOT NULL,
    secret_hash                BLOB,
    token_endpoint_auth_method TEXT NOT NULL,
    grant_types                TEXT NOT NULL,
    callbacks                  TEXT NOT NULL,
    allowed_origins            TEXT NOT NULL,
    web_origins                TEXT NOT NULL,
    allowed_logout_urls        TEXT NOT NULL,
    jwt_configuration          TEXT NOT NULL,
    refresh_token              TEXT NOT NULL,
    is_first_party             INTEGER NOT NULL,
    oidc_conformant            INTEGER NOT NULL,
    cross_origin_auth          INTEGER NOT NULL,
    token_endpoint_ip_trusted  INTEGER NOT NULL,
    sso_disabled               INTEGER NOT NULL,
    metadata                   TEXT NOT NULL,
    created_at                 INTEGER,
    updated_at                 INTEGER
);

CREATE TABLE resource_servers (
    id                     TEXT PRIMARY KEY,
    name                   TEXT NOT NULL,
    identifier             TEXT NOT NULL UNIQUE,
    scopes                 TEXT NOT NULL,
    signing_alg            TEXT NOT NULL,
    token_lifetime         INTEGER NOT NULL,
    token_lifetime_for_web INTEGER NOT NULL,
    allow_offline_access   INTEGER NOT NULL,
    skip_consent           INTEGER NOT NULL,
    enforce_policies       INTEGER NOT NULL,
    token_dialect          TEXT NOT NULL,
    is_system              INTEGER NOT NULL
);

CREATE TABLE client_grants (
    id        TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    audience  TEXT NOT NULL,
    scope     TEXT NOT NULL,
    UNIQUE (client_id, audience)
);

CREATE TABLE roles (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    permissions TEXT NOT NULL -- [{"resource_server_identifier","permission_name"}]
);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles (role_id);

CREATE TABLE connections (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    strategy        TEXT NOT NULL,
    enabled_clients TEXT NOT NULL,
    options         TEXT NOT NULL
);

CREATE TABLE tenant (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT NOT NULL
);

CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY,
    alg         TEXT NOT NULL,
    state       TEXT NOT NULL,
    private_key BLOB NOT NULL,
    cert        BLOB NOT NULL,
    created_at  INTEGER,
    rotated_at  INTEGER,
    retire_at   INTEGER
);
-- The store checks this itself; the index makes a second current key per
-- algorithm impossible whatever the code does.
CREATE UNIQUE INDEX signing_keys_current ON signing_keys (alg) WHERE state = 'current';

CREATE TABLE refresh_tokens (
    id              TEXT PRIMARY KEY,
    hash            BLOB NOT NULL UNIQUE,
    family_id       TEXT NOT NULL,
    client_id       TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    audience        TEXT NOT NULL,
    scope           TEXT NOT NULL,
    session_id      TEXT NOT NULL,
    created_at      INTEGER,
    expires_at      INTEGER,
    idle_expires_at INTEGER,
    used_at         INTEGER,
    revoked         INTEGER NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE login_failures (
    user_id     TEXT NOT NULL,
    ip          TEXT NOT NULL,
    count       INTEGER NOT NULL,
    last_failed INTEGER,
    PRIMARY KEY (user_id, ip)
);
