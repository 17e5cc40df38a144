package sqlite_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// TestReadDuringWrite: with a file database, plain reads do not wait for
// an open write transaction and do not see its uncommitted rows.
func TestReadDuringWrite(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), "gh.db"))
	u := idp.User{ID: "auth0|1", Connection: "db", Email: "a@example.com"}
	err := s.Atomic(t.Context(), func(tx idp.Store) error {
		if err := tx.CreateUser(t.Context(), u); err != nil {
			return err
		}
		if _, err := s.GetUser(t.Context(), u.ID); !idp.IsNotFound(err) {
			return fmt.Errorf("read outside the transaction: %v, want not found", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetUser(t.Context(), u.ID); err != nil {
		t.Fatalf("after commit: %v", err)
	}
}

// TestMixedLoad: writers and readers at once never see SQLITE_BUSY.
func TestMixedLoad(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), "gh.db"))
	c := idp.Client{ID: "c1", Name: "app"}
	if err := s.CreateClient(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Second)
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := 0; i < 100 && time.Now().Before(deadline); i++ {
				err := step(t, s, g, i)
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// step is one operation of goroutine g: even ones write, odd ones read.
func step(t *testing.T, s idp.Store, g, i int) error {
	if g%2 == 1 {
		_, err := s.GetClient(t.Context(), "c1")
		return err
	}
	if _, err := s.RecordLoginFailure(t.Context(), "u", fmt.Sprint(g), time.Now()); err != nil {
		return err
	}
	return s.Atomic(t.Context(), func(tx idp.Store) error {
		_, err := tx.UpdateClient(t.Context(), "c1", func(c *idp.Client) error {
			c.Description = fmt.Sprint(g, i)
			return nil
		})
		return err
	})
}
