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
//	RecordLoginFailure     INSERT … ON CONFLICT DO UPDATE count + 1
//	CreateUser             unique (connection, normalised email)
//
// Zero times are stored as NULL; times read back are UTC with microsecond
// precision, PostgreSQL's resolution.
package postgres
