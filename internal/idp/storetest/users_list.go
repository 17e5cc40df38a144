package storetest

import (
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// testListUsers: pages are 0-based, in creation order, with the total count.
func testListUsers(t *testing.T, s idp.Store) {
	// Create out of id order so that an id ordering would show.
	for _, n := range []int{3, 1, 5, 2, 4} {
		u := newUser(10 - n)
		u.CreatedAt = at(n)
		must(t, s.CreateUser(t.Context(), u))
	}
	tests := []struct {
		page, perPage int
		want          []int // creation ranks
	}{
		{0, 2, []int{1, 2}},
		{1, 2, []int{3, 4}},
		{2, 2, []int{5}},
		{3, 2, nil},
		{0, 10, []int{1, 2, 3, 4, 5}},
		{1, 3, []int{4, 5}},
	}
	for _, tc := range tests {
		p, err := s.ListUsers(t.Context(), tc.page, tc.perPage)
		must(t, err)
		if p.Total != 5 {
			t.Fatalf("page %d/%d: total %d, want 5", tc.page, tc.perPage, p.Total)
		}
		var got []int
		for _, u := range p.Users {
			got = append(got, int(u.CreatedAt.Sub(t0).Round(time.Second)/time.Second))
		}
		same(t, "ranks of the page", got, tc.want)
	}
}
