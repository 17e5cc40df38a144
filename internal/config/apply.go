package config

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Defaults Auth0 gives new entities (contract §11, §14.4).
const (
	defaultSigningAlg          = "RS256"
	defaultTokenLifetime       = 86400
	defaultTokenLifetimeForWeb = 7200
	defaultIDTokenLifetime     = 36000
	defaultPasswordPolicy      = "good" // the dashboard's for a new database
)

// Action says what Apply did to one entity.
type Action string

// Actions.
const (
	Created   Action = "created"
	Updated   Action = "updated"
	Unchanged Action = "unchanged"
)

// Change is what Apply did to one entity of the file.
type Change struct {
	Kind   string // resource_server, client, connection, client_grant, role, tenant, attack_protection
	Key    string // API identifier, client/connection/role name, "client -> audience", or the section
	Action Action
}

// Result reports an Apply.
type Result struct {
	Changes []Change
	// Secrets maps a client name to the client_secret generated for it by
	// this Apply. Only its hash is stored: show it once.
	Secrets map[string]string
}

// Count returns how many entities got action a.
func (r Result) Count(a Action) int {
	n := 0
	for _, c := range r.Changes {
		if c.Action == a {
			n++
		}
	}
	return n
}

// Apply upserts the tenant file into st in one transaction: everything or
// nothing is written. Entities are matched by their deploy-CLI keys (API
// identifier, client name, connection name, role name, grant client and
// audience); fields the file leaves out keep their stored value, or
// Auth0's default on create. Entities absent from the file are left alone,
// like the deploy CLI without AUTH0_ALLOW_DELETE. Applying the same file
// twice changes nothing and never regenerates a secret. Apply calls
// Validate first.
func Apply(ctx context.Context, st idp.Store, secrets *idp.SecretHasher, t *Tenant, now time.Time) (Result, error) {
	if err := t.Validate(); err != nil {
		return Result{}, err
	}
	var res Result
	err := st.Atomic(ctx, func(tx idp.Store) error {
		a := &applier{ctx: ctx, st: tx, secrets: secrets, t: t, now: now,
			res: Result{Secrets: map[string]string{}}, clientIDs: map[string]string{}}
		if err := a.run(); err != nil {
			return err
		}
		res = a.res
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// applier carries one Apply's transaction and what it has learnt.
type applier struct {
	ctx       context.Context
	st        idp.Store
	secrets   *idp.SecretHasher
	t         *Tenant
	now       time.Time
	res       Result
	clientIDs map[string]string // client name or explicit client_id -> stored id
}

// run applies each kind in dependency order: grants, connections and roles
// refer to the clients and APIs before them, the tenant to connections.
func (a *applier) run() error {
	steps := []func() error{a.resourceServers, a.clients, a.connections, a.clientGrants, a.roles, a.tenant}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func (a *applier) record(kind, key string, act Action) {
	a.res.Changes = append(a.res.Changes, Change{Kind: kind, Key: key, Action: act})
}

// update records an update and performs it, or records that nothing changed.
func (a *applier) update(kind, key string, same bool, write func() error) error {
	if same {
		a.record(kind, key, Unchanged)
		return nil
	}
	a.record(kind, key, Updated)
	return write()
}

// invalid and conflict locate an error found while applying.
func (a *applier) invalid(path, format string, args ...any) error {
	return a.t.problem(path, format, args...)
}

func (a *applier) conflict(path, format string, args ...any) error {
	return &idp.Error{Code: idp.EConflict, Message: a.t.problem(path, format, args...).Error()}
}

// set overwrites *dst when the file gives a value.
func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// setList overwrites *dst with a copy of src when the file gives a list; an
// empty list over an empty one is left as is so nil and [] compare equal.
func setList[T any](dst *[]T, src []T) {
	if src == nil || len(src) == 0 && len(*dst) == 0 {
		return
	}
	*dst = slices.Clone(src)
}

// setMap is setList for maps.
func setMap[M ~map[K]V, K comparable, V any](dst *M, src M) {
	if src == nil || len(src) == 0 && len(*dst) == 0 {
		return
	}
	*dst = maps.Clone(src)
}
