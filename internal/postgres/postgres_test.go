package postgres

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/idp/storetest"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const defaultDSN = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

func testDSN() string {
	if dsn := os.Getenv("GATEHOUSE_TEST_POSTGRES"); dsn != "" {
		return dsn
	}
	return defaultDSN
}

// admin connects to the test database, or fails (CI=true) or skips.
func admin(tb testing.TB) *pgx.Conn {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, testDSN())
	if err == nil {
		err = conn.Ping(ctx)
	}
	if err != nil {
		msg := "PostgreSQL unreachable (set GATEHOUSE_TEST_POSTGRES): " + err.Error()
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return conn
}

// freshSchema creates a schema of its own, dropped at cleanup, and
// returns a pool config whose connections use it.
func freshSchema(tb testing.TB) *pgxpool.Config {
	tb.Helper()
	conn := admin(tb)
	schema := "gatehouse_test_" + idp.RandomHex(8)
	quoted := pgx.Identifier{schema}.Sanitize()
	if _, err := conn.Exec(context.Background(), "CREATE SCHEMA "+quoted); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA "+quoted+" CASCADE"); err != nil {
			tb.Errorf("drop schema: %v", err)
		}
	})
	cfg, err := pgxpool.ParseConfig(testDSN())
	if err != nil {
		tb.Fatal(err)
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = schema
	return cfg
}

// openConfigT opens a Store on cfg, closed at cleanup (before the schema drops).
func openConfigT(tb testing.TB, cfg *pgxpool.Config) *Store {
	tb.Helper()
	s, err := openConfig(context.Background(), cfg.Copy())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// openFresh opens a Store on a new, empty schema.
func openFresh(tb testing.TB) *Store {
	tb.Helper()
	return openConfigT(tb, freshSchema(tb))
}

func TestStore(t *testing.T) {
	admin(t).Close(t.Context()) // skip or fail once, not in every subtest
	storetest.Run(t, func(t *testing.T) idp.Store { return openFresh(t) })
}

func BenchmarkGetClient(b *testing.B) {
	s := openFresh(b)
	c := idp.Client{ID: idp.NewClientID(), Name: "bench", GrantTypes: []string{idp.GrantClientCredentials},
		RefreshToken: idp.DefaultRefreshTokenConfig(), Metadata: map[string]string{"k": "v"}}
	if err := s.CreateClient(b.Context(), c); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.GetClient(b.Context(), c.ID); err != nil {
			b.Fatal(err)
		}
	}
}
