package idp

import "time"

// Signing-key states. Exactly one key per algorithm is current.
const (
	KeyNext     = "next"     // published, not yet signing
	KeyCurrent  = "current"  // signs new tokens
	KeyPrevious = "previous" // published until RetireAt, no longer signs
	KeyRetired  = "retired"  // unpublished
)

// SigningKey is a token-signing key. The private key is encrypted at rest.
type SigningKey struct {
	KID        string
	Alg        string // RS256 | ES256
	State      string
	PrivateKey []byte // encrypted PKCS#8 DER
	Cert       []byte // self-signed X.509 DER, published as x5c
	CreatedAt  time.Time
	RotatedAt  time.Time // when it stopped signing; zero while current
	RetireAt   time.Time // when it leaves the JWKS; zero while current
}

// RefreshToken is a stored refresh token. Only its hash is kept.
type RefreshToken struct {
	ID            string
	Hash          []byte // TokenHash of the token value
	FamilyID      string // shared by every token rotated from one grant
	ClientID      string
	UserID        string
	Audience      string
	Scope         string
	Grant         string // the grant that started the family (for the gty claim)
	SessionID     string
	AuthTime      time.Time // when the user last entered credentials (ID tokens' auth_time); zero for none
	CreatedAt     time.Time
	ExpiresAt     time.Time // zero: never (non-expiring)
	IdleExpiresAt time.Time // zero: never
	UsedAt        time.Time // when it was rotated; zero while fresh
	Revoked       bool
}

// LoginFailures is the brute-force counter of one user from one IP.
type LoginFailures struct {
	UserID     string
	IP         string
	Count      int
	LastFailed time.Time
}
