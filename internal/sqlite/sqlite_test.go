package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/idp/storetest"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

func openFile(t *testing.T) idp.Store {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "gatehouse.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openMemory(t *testing.T) idp.Store {
	s, err := sqlite.Open(t.Context(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestFile(t *testing.T)   { storetest.Run(t, openFile) }
func TestMemory(t *testing.T) { storetest.Run(t, openMemory) }
