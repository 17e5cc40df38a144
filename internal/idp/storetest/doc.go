// Package storetest is the conformance suite for idp.Store. Every backend
// (internal/sqlite, internal/postgres) calls Run from its own tests, so the
// two behave the same wherever a feature package can tell.
//
// The suite checks only error codes (idp.ErrorCode), never message text;
// it compares times truncated to the millisecond in UTC and treats nil and
// empty slices and maps alike. Subtests run one after another, each on a
// fresh store from open. crud.go holds the checks every entity kind
// shares; each other file covers one kind, with its unique keys and, for
// the atomic operations security depends on (unique emails, first and
// rotated signing keys, refresh-token rotation, login-failure counts,
// attempt buckets, authorization-code consumption), goroutines racing on
// one store.
//
// Where the Store contract leaves a choice open, the suite fixes it:
//   - Get, Update and Delete of a missing id are ENotFound, and an updater
//     is not called for a missing entity.
//   - Update methods are atomic read-modify-writes: concurrent updates
//     lose nothing.
//   - GetUserByUsername with "" is ENotFound; empty usernames never clash.
//   - AssignRoles with a missing user or role is ENotFound; DeleteRole
//     takes the role from its users.
//   - Lists come in any order, except ListUsers (creation order) and
//     ListSigningKeys (oldest first). Role permissions come back in the
//     order given or sorted by API and name.
//   - InsertFirstSigningKey and RotateSigningKey store the new key as
//     current whatever its State; a previous key is retired by a rotation
//     at or after its RetireAt.
//   - A second CreateRefreshToken with a stored hash is EConflict.
//   - RotateRefreshToken puts next in the old token's family whatever
//     next.FamilyID says. The leeway runs from the first use (a use within
//     it does not extend it), up to but excluding UsedAt+leeway; with
//     leeway 0 every second use is a reuse. Concurrent rotations of one
//     token: one succeeds, the others are reuses (EForbidden), so the
//     family ends revoked.
//   - Grant and AuthTime round-trip, and RotateRefreshToken gives next the
//     old token's Grant and AuthTime, as it does FamilyID: the grant and
//     the sign-in belong to the family. A token created with no FamilyID
//     starts its own (FamilyID = ID).
//     RevokeRefreshFamily of an unknown family, or of "", is a no-op.
//   - Expiry is "at or before now", and a zero ExpiresAt (or, for
//     sessions, IdleExpiresAt) counts as already expired: nothing becomes
//     eternal by omission. Refresh tokens are the exception: their zero
//     ExpiresAt means never, as idp.RefreshToken says.
//   - GetTransaction and GetSession hide expired rows (ENotFound), but
//     UpdateTransaction, UpdateSession and the deletes take no clock and
//     reach them. An updater's change to ID is ignored; UpdateSession may
//     change Hash (a new cookie secret), and a hash in use is EConflict.
//   - ConsumeAuthCode looks at "used" before "expired": a used code is
//     EConflict with the code as stored (UsedAt = the first use) even after
//     it expires, for as long as it is stored, so the caller can still
//     revoke what the first exchange issued. An unknown code, or an unused
//     one at or after ExpiresAt, is ENotFound with a zero AuthCode, and the
//     attempt changes nothing. Of concurrent calls one succeeds and the
//     others get EConflict and the code with the winner's UsedAt. A use
//     inside Atomic that rolls back leaves the code unused.
//   - PurgeExpired(now) deletes what GetTransaction and GetSession would
//     hide at now; authorization codes, used or not, once ExpiresAt is 5
//     minutes or more before now (a late replay is still EConflict, even on
//     a replica whose clock lags); refresh tokens whose ExpiresAt is at or
//     before now, revoked or not. It keeps everything else, including
//     non-expiring refresh tokens and revoked ones that have not expired.
//   - Attempt buckets: a rate (every) that is not positive is EInvalid; a
//     max below one holds nothing, so TakeAttempt refuses and stores
//     nothing. A refused take changes nothing, fractions included.
//     AttemptsLeft may be off by a few thousandths (times kept to the
//     millisecond). PurgeExpired(now) deletes a bucket once it has refilled
//     to its max, at or before now, at the max and rate of its last
//     successful take, and keeps the others with what they hold.
//   - Tenant.IPThrottle round-trips with rates (Every) to the millisecond,
//     Auth0's unit.
package storetest
