package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// BenchmarkGetClient measures the token endpoint's hot read: one client by
// id from a file database.
func BenchmarkGetClient(b *testing.B) {
	s := mustOpen(b, filepath.Join(b.TempDir(), "bench.db"))
	c := idp.Client{
		ID: idp.NewClientID(), Name: "bench", AppType: idp.AppNonInteractive,
		GrantTypes: idp.DefaultGrantTypes(idp.AppNonInteractive), Callbacks: []string{"https://example.com/cb"},
		RefreshToken: idp.DefaultRefreshTokenConfig(), Metadata: map[string]string{"a": "b"},
	}
	if err := s.CreateClient(b.Context(), c); err != nil {
		b.Fatal(err)
	}
	b.Run("serial", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.GetClient(b.Context(), c.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := s.GetClient(b.Context(), c.ID); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
