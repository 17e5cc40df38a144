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
// rotated signing keys, refresh-token rotation, login-failure counts),
// goroutines racing on one store.
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
package storetest
