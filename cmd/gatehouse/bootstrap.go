package main

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/config"
	"github.com/gatehouse/gatehouse/internal/idp"
)

// bootstrapTenant is what a new Auth0 tenant starts with: the
// Username-Password-Authentication database connection, the default
// directory of the password grant.
const bootstrapTenant = `
databases:
  - name: Username-Password-Authentication
    strategy: auth0
`

// bootstrap gives an empty database the default connection, once: a
// tenant whose connections were all configured away is left as it is.
func bootstrap(ctx context.Context, st idp.Store, secrets *idp.SecretHasher) error {
	conns, err := st.ListConnections(ctx)
	if err != nil || len(conns) > 0 {
		return err
	}
	t, err := config.Parse("bootstrap", []byte(bootstrapTenant), config.Options{})
	if err != nil {
		return err
	}
	_, err = config.Apply(ctx, st, secrets, t, time.Now())
	return err
}
