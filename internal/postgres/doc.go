// Package postgres implements idp.Store on PostgreSQL with pgx, for several
// Gatehouse replicas sharing one database.
//
// Open applies the embedded migrations (migrations/NNNN_name.sql) under an
// advisory lock, so replicas starting together migrate once. Atomic
// operations rely on the database rather than on process memory:
//
//	InsertFirstSigningKey  partial unique index: one current key per alg
//	RotateSigningKey       UPDATE … WHERE state = 'current' (compare-and-swap)
//	RotateRefreshToken     SELECT … FOR UPDATE; reuse revokes the family
//	ConsumeAuthCode        SELECT … FOR UPDATE; a used code is EConflict
//	RecordLoginFailure     INSERT … ON CONFLICT DO UPDATE count + 1
//	CreateUser             unique (connection, normalised email)
//
// PurgeExpired keeps authorization codes 5 minutes past their expiry, so
// a late replay is still recognised; each of its DELETEs commits alone.
//
// Zero times are stored as NULL; times read back are UTC with microsecond
// precision, PostgreSQL's resolution.
package postgres
