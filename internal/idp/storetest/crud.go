package storetest

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// crud describes one entity kind for the checks every kind shares. The
// function fields take method expressions such as idp.Store.GetClient.
type crud[T any] struct {
	kind   string
	make   func(n int) T // a valid entity, every field set, unique keys derived from n
	id     func(T) string
	change func(*T) // changes every mutable field
	create func(idp.Store, context.Context, T) error
	get    func(idp.Store, context.Context, string) (T, error)
	update func(idp.Store, context.Context, string, func(*T) error) (T, error)
	delete func(idp.Store, context.Context, string) error
	list   func(idp.Store, context.Context) ([]T, error)
	keys   []uniqueKey[T]
}

// uniqueKey copies one unique key of src into dst.
type uniqueKey[T any] struct {
	name       string
	copy       func(dst *T, src T)
	createOnly bool // the key cannot be changed by an update (the id)
}

func (c crud[T]) tests() []test {
	return []test{
		{c.kind + "/RoundTrip", c.testRoundTrip},
		{c.kind + "/Update", c.testUpdate},
		{c.kind + "/UpdateAborts", c.testUpdateAborts},
		{c.kind + "/NotFound", c.testNotFound},
		{c.kind + "/Delete", c.testDelete},
		{c.kind + "/List", c.testList},
		{c.kind + "/Unique", c.testUnique},
	}
}

func (c crud[T]) testRoundTrip(t *testing.T, s idp.Store) {
	want := c.make(1)
	must(t, c.create(s, t.Context(), want))
	got, err := c.get(s, t.Context(), c.id(want))
	must(t, err)
	same(t, "get after create", got, want)
}

func (c crud[T]) testUpdate(t *testing.T, s idp.Store) {
	old := c.make(1)
	must(t, c.create(s, t.Context(), old))
	want := c.make(1)
	c.change(&want)
	var seen T
	got, err := c.update(s, t.Context(), c.id(old), func(v *T) error {
		seen = clone(*v)
		c.change(v)
		return nil
	})
	must(t, err)
	same(t, "value passed to the updater", seen, old)
	same(t, "update result", got, want)
	got, err = c.get(s, t.Context(), c.id(old))
	must(t, err)
	same(t, "get after update", got, want)
}

func (c crud[T]) testUpdateAborts(t *testing.T, s idp.Store) {
	old := c.make(1)
	must(t, c.create(s, t.Context(), old))
	boom := errors.New("boom")
	_, err := c.update(s, t.Context(), c.id(old), func(v *T) error {
		c.change(v)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("update error = %v, want the updater's error", err)
	}
	got, err := c.get(s, t.Context(), c.id(old))
	must(t, err)
	same(t, "get after aborted update", got, old)
}

func (c crud[T]) testNotFound(t *testing.T, s idp.Store) {
	must(t, c.create(s, t.Context(), c.make(1)))
	missing := c.id(c.make(2))
	_, err := c.get(s, t.Context(), missing)
	wantCode(t, err, idp.ENotFound)
	called := false
	_, err = c.update(s, t.Context(), missing, func(*T) error { called = true; return nil })
	wantCode(t, err, idp.ENotFound)
	if called {
		t.Fatal("updater called for a missing entity")
	}
	wantCode(t, c.delete(s, t.Context(), missing), idp.ENotFound)
}

func (c crud[T]) testDelete(t *testing.T, s idp.Store) {
	a, b := c.make(1), c.make(2)
	must(t, c.create(s, t.Context(), a))
	must(t, c.create(s, t.Context(), b))
	must(t, c.delete(s, t.Context(), c.id(a)))
	_, err := c.get(s, t.Context(), c.id(a))
	wantCode(t, err, idp.ENotFound)
	wantCode(t, c.delete(s, t.Context(), c.id(a)), idp.ENotFound)
	if _, err := c.get(s, t.Context(), c.id(b)); err != nil {
		t.Fatalf("deleting one entity removed another: %v", err)
	}
	// Every unique key of a is free again.
	must(t, c.create(s, t.Context(), a))
}

func (c crud[T]) testList(t *testing.T, s idp.Store) {
	got, err := c.list(s, t.Context())
	must(t, err)
	if len(got) != 0 {
		t.Fatalf("empty store lists %d entities", len(got))
	}
	var want []T
	for n := 1; n <= 3; n++ {
		want = append(want, c.make(n))
		must(t, c.create(s, t.Context(), c.make(n)))
	}
	got, err = c.list(s, t.Context())
	must(t, err)
	byID := func(a, b T) int { return cmp.Compare(c.id(a), c.id(b)) }
	slices.SortFunc(got, byID)
	slices.SortFunc(want, byID)
	same(t, "list", got, want)
}

// testUnique checks each unique key on create and on update.
func (c crud[T]) testUnique(t *testing.T, s idp.Store) {
	for i, k := range c.keys {
		a, b := c.make(10*i+1), c.make(10*i+2)
		must(t, c.create(s, t.Context(), a))
		clash := b
		k.copy(&clash, a)
		if err := c.create(s, t.Context(), clash); idp.ErrorCode(err) != idp.EConflict {
			t.Fatalf("%s: create with a taken key: error %v, want code conflict", k.name, err)
		}
		must(t, c.create(s, t.Context(), b))
		if k.createOnly {
			continue
		}
		_, err := c.update(s, t.Context(), c.id(b), func(v *T) error { k.copy(v, a); return nil })
		if idp.ErrorCode(err) != idp.EConflict {
			t.Fatalf("%s: update to a taken key: error %v, want code conflict", k.name, err)
		}
		got, err := c.get(s, t.Context(), c.id(b))
		must(t, err)
		same(t, k.name+": get after the clashing update", got, b)
	}
}
