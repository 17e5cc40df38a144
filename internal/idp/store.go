package idp

import (
	"context"
	"time"
)

// Store is the persistence contract. internal/sqlite and internal/postgres
// implement it; internal/idp/storetest checks both the same way.
//
// Rules every implementation follows:
//   - A missing entity is an *Error with ENotFound; a unique-key clash is
//     EConflict. Other failures are plain errors (a broken database).
//   - Returned values are copies: changing them changes nothing stored.
//   - Update methods run fn inside a transaction on a copy of the current
//     value; an error from fn aborts the update and is returned as is.
type Store interface {
	UserStore
	ClientStore
	ResourceServerStore
	ClientGrantStore
	RoleStore
	ConnectionStore
	TenantStore
	SigningKeyStore
	RefreshTokenStore
	LoginFailureStore
	AttemptStore
	TransactionStore
	AuthCodeStore
	SessionStore
	Purger

	// Atomic runs fn with a Store whose calls share one transaction,
	// committed if fn returns nil and rolled back otherwise.
	Atomic(ctx context.Context, fn func(Store) error) error
	// Ping checks the database is reachable.
	Ping(ctx context.Context) error
	Close() error
}

// UserStore keeps users. Emails are unique per connection, compared after
// NormalizeEmail; usernames, when set, are unique per connection.
type UserStore interface {
	CreateUser(ctx context.Context, u User) error
	GetUser(ctx context.Context, id string) (User, error)
	GetUserByEmail(ctx context.Context, connection, email string) (User, error)
	GetUserByUsername(ctx context.Context, connection, username string) (User, error)
	UpdateUser(ctx context.Context, id string, fn func(*User) error) (User, error)
	// DeleteUser also removes the user's refresh tokens, sessions and
	// login-failure counters.
	DeleteUser(ctx context.Context, id string) error
	// ListUsers returns page (0-based) of perPage users ordered by
	// creation, and the total count.
	ListUsers(ctx context.Context, page, perPage int) (UserPage, error)
}

// ClientStore keeps applications. Names and ids are unique.
type ClientStore interface {
	CreateClient(ctx context.Context, c Client) error
	GetClient(ctx context.Context, id string) (Client, error)
	GetClientByName(ctx context.Context, name string) (Client, error)
	UpdateClient(ctx context.Context, id string, fn func(*Client) error) (Client, error)
	DeleteClient(ctx context.Context, id string) error
	ListClients(ctx context.Context) ([]Client, error)
}

// ResourceServerStore keeps APIs. Identifiers are unique.
type ResourceServerStore interface {
	CreateResourceServer(ctx context.Context, r ResourceServer) error
	GetResourceServer(ctx context.Context, id string) (ResourceServer, error)
	GetResourceServerByIdentifier(ctx context.Context, identifier string) (ResourceServer, error)
	UpdateResourceServer(ctx context.Context, id string, fn func(*ResourceServer) error) (ResourceServer, error)
	DeleteResourceServer(ctx context.Context, id string) error
	ListResourceServers(ctx context.Context) ([]ResourceServer, error)
}

// ClientGrantStore keeps client grants; (ClientID, Audience) is unique.
type ClientGrantStore interface {
	CreateClientGrant(ctx context.Context, g ClientGrant) error
	GetClientGrant(ctx context.Context, clientID, audience string) (ClientGrant, error)
	UpdateClientGrant(ctx context.Context, id string, fn func(*ClientGrant) error) (ClientGrant, error)
	DeleteClientGrant(ctx context.Context, id string) error
	ListClientGrants(ctx context.Context) ([]ClientGrant, error)
}

// RoleStore keeps roles, their permissions and their users.
type RoleStore interface {
	CreateRole(ctx context.Context, r Role) error
	GetRole(ctx context.Context, id string) (Role, error)
	GetRoleByName(ctx context.Context, name string) (Role, error)
	UpdateRole(ctx context.Context, id string, fn func(*Role) error) (Role, error)
	DeleteRole(ctx context.Context, id string) error
	ListRoles(ctx context.Context) ([]Role, error)
	// AssignRoles adds roles to a user; assigning a held role is a no-op.
	AssignRoles(ctx context.Context, userID string, roleIDs []string) error
	UnassignRoles(ctx context.Context, userID string, roleIDs []string) error
	ListUserRoles(ctx context.Context, userID string) ([]Role, error)
	// UserPermissions returns the distinct permission names the user holds
	// on the API identified by audience, through roles, sorted.
	UserPermissions(ctx context.Context, userID, audience string) ([]string, error)
}

// ConnectionStore keeps database connections. Names are unique.
type ConnectionStore interface {
	CreateConnection(ctx context.Context, c Connection) error
	GetConnection(ctx context.Context, id string) (Connection, error)
	GetConnectionByName(ctx context.Context, name string) (Connection, error)
	UpdateConnection(ctx context.Context, id string, fn func(*Connection) error) (Connection, error)
	DeleteConnection(ctx context.Context, id string) error
	ListConnections(ctx context.Context) ([]Connection, error)
}

// TenantStore keeps the tenant settings. Before any update, GetTenant
// returns DefaultTenant().
type TenantStore interface {
	GetTenant(ctx context.Context) (Tenant, error)
	UpdateTenant(ctx context.Context, fn func(*Tenant) error) (Tenant, error)
}

// SigningKeyStore keeps signing keys.
type SigningKeyStore interface {
	// ListSigningKeys returns every key not yet retired, oldest first.
	ListSigningKeys(ctx context.Context) ([]SigningKey, error)
	// InsertFirstSigningKey stores k as the current key for k.Alg unless
	// a current key for that algorithm exists, in which case it returns
	// EConflict and stores nothing: of two replicas starting at once, one wins.
	InsertFirstSigningKey(ctx context.Context, k SigningKey) error
	// RotateSigningKey makes next the current key for next.Alg if the
	// current key is still currentKID (compare-and-swap; else EConflict).
	// The old key becomes previous with RotatedAt = now and RetireAt =
	// retireAt; previous keys whose RetireAt has passed become retired.
	RotateSigningKey(ctx context.Context, currentKID string, next SigningKey, now, retireAt time.Time) error
}

// RefreshTokenStore keeps refresh tokens by hash.
type RefreshTokenStore interface {
	CreateRefreshToken(ctx context.Context, t RefreshToken) error
	GetRefreshToken(ctx context.Context, hash []byte) (RefreshToken, error)
	// RotateRefreshToken atomically marks the token with hash old as used
	// (UsedAt = now, kept from the first use) and stores next in its
	// family, with the family's Grant and AuthTime. If the old token was revoked, or its first use is leeway or
	// more in the past (with leeway 0: any second use), the whole family is
	// revoked, nothing else is stored and it returns EForbidden (reuse).
	// Within [UsedAt, UsedAt+leeway) a used token may rotate again.
	RotateRefreshToken(ctx context.Context, old []byte, next RefreshToken, now time.Time, leeway time.Duration) error
	// RevokeRefreshToken revokes the token's whole family; unknown is not an error.
	RevokeRefreshToken(ctx context.Context, hash []byte) error
	// RevokeUserRefreshTokens revokes every token of the user.
	RevokeUserRefreshTokens(ctx context.Context, userID string) error
	// RevokeRefreshFamily revokes every token of a family; an unknown
	// family is not an error.
	RevokeRefreshFamily(ctx context.Context, familyID string) error
}

// LoginFailureStore counts failed password logins per user and IP.
type LoginFailureStore interface {
	// RecordLoginFailure adds one failure and returns the new count.
	RecordLoginFailure(ctx context.Context, userID, ip string, now time.Time) (int, error)
	// GetLoginFailures returns the counter; a zero count if none.
	GetLoginFailures(ctx context.Context, userID, ip string) (LoginFailures, error)
	// ClearLoginFailures removes the counter of one IP, or of every IP when ip is "".
	ClearLoginFailures(ctx context.Context, userID, ip string) error
	// ListLoginFailures returns the user's counters (for user-blocks).
	ListLoginFailures(ctx context.Context, userID string) ([]LoginFailures, error)
}

// AttemptStore keeps token buckets of attempts by key (suspicious-IP
// throttling: one bucket per stage and IP). A bucket holds up to max
// attempts, starts full and regains one every `every`, fractions included;
// every call passes the bucket's max and every, which may change between
// calls (a new setting applies at once).
type AttemptStore interface {
	// TakeAttempt atomically refills bucket key to now and takes one
	// attempt; ok is false, and nothing is taken, when it holds less than
	// one. Of concurrent calls on a bucket holding n, exactly n succeed.
	TakeAttempt(ctx context.Context, key string, max int, every time.Duration, now time.Time) (ok bool, err error)
	// AttemptsLeft returns what bucket key holds at now (max if unknown),
	// changing nothing.
	AttemptsLeft(ctx context.Context, key string, max int, every time.Duration, now time.Time) (float64, error)
	// ClearAttempts forgets bucket key, which is then full again (an
	// administrator lifting a throttle); an unknown key is not an error.
	ClearAttempts(ctx context.Context, key string) error
}

// TransactionStore keeps browser sign-ins in progress, by ID.
type TransactionStore interface {
	CreateTransaction(ctx context.Context, t Transaction) error
	// GetTransaction returns ENotFound for an unknown or expired (ExpiresAt
	// at or before now) transaction.
	GetTransaction(ctx context.Context, id string, now time.Time) (Transaction, error)
	UpdateTransaction(ctx context.Context, id string, fn func(*Transaction) error) (Transaction, error)
	DeleteTransaction(ctx context.Context, id string) error
}

// AuthCodeStore keeps authorization codes by hash.
type AuthCodeStore interface {
	CreateAuthCode(ctx context.Context, c AuthCode) error
	// ConsumeAuthCode atomically marks the code used (UsedAt = now) and
	// returns it. Of concurrent calls exactly one succeeds. A code already
	// used returns the stored code AND an EConflict error, so the caller can
	// revoke what the first exchange issued; an unknown or expired code is
	// ENotFound.
	ConsumeAuthCode(ctx context.Context, hash []byte, now time.Time) (AuthCode, error)
}

// SessionStore keeps SSO sessions.
type SessionStore interface {
	CreateSession(ctx context.Context, s Session) error
	// GetSession finds a session by the hash of its cookie secret; ENotFound
	// when unknown or expired (ExpiresAt or IdleExpiresAt at or before now).
	GetSession(ctx context.Context, hash []byte, now time.Time) (Session, error)
	UpdateSession(ctx context.Context, id string, fn func(*Session) error) (Session, error)
	DeleteSession(ctx context.Context, id string) error
	DeleteUserSessions(ctx context.Context, userID string) error
}

// Purger removes expired transactions, codes and sessions, and attempt
// buckets that have refilled; a server calls it periodically. It is part
// of Store.
type Purger interface {
	PurgeExpired(ctx context.Context, now time.Time) error
}
